/**
 * Poisson distribution. Two samplers:
 *
 * - lambda < 500: inversion of one uniform by *indexed search* (C. Chen and R. Asau, "On generating random
 *   variates from an empirical distribution", AIIE Transactions 6(2), 1974): the cumulative probabilities
 *   (by the recurrence p(k) = p(k - 1) lambda / k from e^-lambda, which stays far above underflow) and a
 *   guide table are built once, so a draw costs one uniform and about two comparisons whatever lambda is.
 *   numpy instead multiplies about lambda + 1 uniforms per draw below 10 (Knuth's product method) and uses
 *   PTRS from 10 on; up to 500 the table measured several times faster than PTRS, at a few kilobytes
 *   (figures: docs/performance.md, "Design decisions and their measurements").
 * - lambda >= 500, and draws whose lambda changes from draw to draw ({@link poissonVariate}, from 10 on):
 *   PTRS, transformed rejection with squeeze (W. Hörmann, "The transformed rejection method for
 *   generating Poisson random variables", Insurance: Mathematics and Economics 12(1), 39-45, 1993), with
 *   the constants numpy uses. Two uniforms per attempt, somewhat more than one attempt per draw (fewer
 *   for larger lambda; the measured rates are in docs/performance.md). Outside the squeeze, log P(X = k)
 *   comes from a log-factorial table (lambda < 1e5, where the direct form loses at most ~1e-9 to
 *   cancellation) or from C. Loader's saddle-point form (below), which stays accurate for lambda far
 *   beyond 2^32, where `k log(lambda) - lambda - log(k!)` cancels catastrophically.
 *
 * The mass function follows C. Loader, "Fast and accurate computation of binomial probabilities" (2000):
 * P(X = k) = exp(-stirlingError(k) - bd0(k, lambda)) / sqrt(2 pi k), accurate to a few ulps for all
 * k and lambda (`stirlingError` and `bd0` from the special functions). The internal helpers
 * `poissonVariate`, `logFactorial`, `cornishFisherStart` and `searchDiscreteQuantile` are shared with the
 * binomial and negative binomial families; the inversion table lives in `inversionTable.ts`.
 * @module
 */
import type { Rng } from '../rng/types.js';
import {
  bd0,
  logGamma,
  normalQuantileApprox,
  regularizedGammaQ,
  stirlingError,
} from '../special/gamma.js';
import { requireNonNegative } from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import { exactCdfTable, InversionTable } from './inversionTable.js';
import type { DiscreteDistribution } from './types.js';
import { written } from './written.js';

const LN_2PI = 1.8378770664093456; // log(2 pi)

/** log(k!) for k < 1024, from the accurate logGamma (built once at load). */
const LOG_FACTORIAL = new Float64Array(1024);
for (let k = 2; k < 1024; k++) LOG_FACTORIAL[k] = logGamma(k + 1);

/**
 * log(k!) for an integer k >= 0: a table below 1024, Stirling's formula with Loader's error term above
 * (relative error ~1e-16). For the rejection tests of PTRS and BTRS, where it is cheaper than logGamma.
 * @internal
 */
export function logFactorial(k: number): number {
  if (k < 1024) return LOG_FACTORIAL[k];
  return (k + 0.5) * Math.log(k) - k + 0.9189385332046728 + stirlingError(k);
}

/**
 * log P(X = k) for Poisson(lambda), lambda > 0, integer k >= 0, for the PTRS acceptance test. Up to
 * lambda = 1e5 the direct form k log(lambda) - lambda - log(k!) loses at most ~1e-9 (absolute) to
 * cancellation; above, Loader's saddle-point form keeps full accuracy.
 */
function logPoissonPmf(k: number, lambda: number, logLambda: number): number {
  if (k === 0) return -lambda;
  if (lambda < 1e5) return k * logLambda - lambda - logFactorial(k);
  return -stirlingError(k) - bd0(k, lambda) - 0.5 * (LN_2PI + Math.log(k));
}

/** log P(X = k) to full relative accuracy (Loader 2000); k = 0 allows λ = 0. @internal */
export function logPoissonPmfExact(k: number, lambda: number): number {
  if (k === 0) return -lambda;
  return -stirlingError(k) - bd0(k, lambda) - 0.5 * (LN_2PI + Math.log(k));
}

/**
 * One PTRS draw (Hörmann 1993, numpy's constants) for lambda >= 10; `logLambda` (or NaN, to compute it
 * only if needed), `a`, `b`, `invAlpha` and `vr` are the per-lambda constants. Outside the squeeze the test is log(V invAlpha / (a / us^2 + b)) against
 * log P(X = k).
 */
function ptrs(
  rng: Rng,
  lambda: number,
  logLambda: number,
  a: number,
  b: number,
  invAlpha: number,
  vr: number,
): number {
  for (;;) {
    const u = rng.nextFloat64() - 0.5;
    const v = rng.nextFloat64();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    // Computed here on first need when the caller passes NaN (per-draw lambda, mostly squeezed).
    if (Number.isNaN(logLambda)) logLambda = Math.log(lambda);
    // numpy's log(V) + log(invAlpha) - log(a / us^2 + b), with one logarithm instead of two.
    if (Math.log((v * invAlpha) / (a / (us * us) + b)) <= logPoissonPmf(k, lambda, logLambda)) {
      return k;
    }
  }
}

/**
 * One Poisson(lambda) draw for a lambda that changes from draw to draw (the gamma–Poisson mixture of the
 * negative binomial): sequential inversion of one uniform for lambda < 10, PTRS with per-call constants
 * otherwise. For a fixed lambda, {@link poisson} is faster (its tables are built once).
 * @param lambda - the mean, >= 0 (not checked)
 * @param rng - the source of randomness
 * @internal
 */
export function poissonVariate(lambda: number, rng: Rng): number {
  if (lambda < 10) {
    if (lambda === 0) return 0;
    const u = rng.nextFloat64();
    let k = 0;
    let p = Math.exp(-lambda);
    let s = p;
    while (u >= s) {
      k++;
      p *= lambda / k;
      if (p === 0) break;
      s += p;
    }
    return k;
  }
  const b = 0.931 + 2.53 * Math.sqrt(lambda);
  return ptrs(
    rng,
    lambda,
    Number.NaN,
    -0.059 + 0.02483 * b,
    b,
    1.1239 + 1.1328 / (b - 3.4),
    0.9277 - 3.6224 / (b - 2),
  );
}

/**
 * Cornish–Fisher start for a discrete quantile search: mean + sd (z + skewness (z^2 - 1) / 6).
 * @internal
 */
export function cornishFisherStart(p: number, mean: number, sd: number, skewness: number): number {
  const z = normalQuantileApprox(p);
  return mean + sd * (z + (skewness * (z * z - 1)) / 6);
}

/**
 * The smallest integer k in [lo, hi] with cdf(k) >= p, found from `start` by doubling steps and then
 * bisection (a handful of cdf evaluations from a good start). `cdf` must be non-decreasing with
 * cdf(hi) >= p.
 * @internal
 */
export function searchDiscreteQuantile(
  p: number,
  start: number,
  lo: number,
  hi: number,
  cdf: (k: number) => number,
): number {
  let k = Number.isFinite(start) ? Math.round(start) : lo;
  k = Math.min(hi, Math.max(lo, k));
  let above: number; // cdf(above) >= p
  let below: number; // cdf(below) < p
  if (cdf(k) >= p) {
    above = k;
    let step = 1;
    for (;;) {
      if (above <= lo) return lo;
      const c = Math.max(lo, above - step);
      if (cdf(c) >= p) {
        above = c;
        step *= 2;
      } else {
        below = c;
        break;
      }
    }
  } else {
    below = k;
    let step = 1;
    for (;;) {
      if (below >= hi) return hi;
      const c = Math.min(hi, below + step);
      if (cdf(c) >= p) {
        above = c;
        break;
      }
      below = c;
      step *= 2;
    }
  }
  while (above - below > 1) {
    const mid = Math.floor(below + (above - below) / 2);
    // Above 2^53 neighbouring integers are not all doubles: stop when no double lies between.
    if (mid <= below || mid >= above) break;
    if (cdf(mid) >= p) above = mid;
    else below = mid;
  }
  return above;
}

class Poisson extends BaseDistribution implements DiscreteDistribution {
  readonly family = 'poisson';
  readonly kind = 'discrete';
  readonly params: Readonly<{ lambda: number }>;
  readonly mean: number;
  readonly variance: number;
  readonly min = 0;
  readonly max: number;
  private readonly lambda: number;
  /** Inversion table (0 < lambda < 500). */
  private readonly table: InversionTable | undefined;
  private readonly continueTail = (u: number): number => this.tail(u);
  private readonly exactQuantile = (u: number): number => this.quantileUnchecked(u);
  /** The exact-cdf table for inversion (lambda >= 500), made on first use; null when none fits. */
  #cdfTable: InversionTable | null | undefined;
  /** PTRS constants (lambda >= 500). */
  private readonly a: number;
  private readonly b: number;
  private readonly invAlpha: number;
  private readonly vr: number;

  constructor(lambda: number) {
    super();
    this.params = Object.freeze({ lambda });
    this.lambda = lambda;
    this.mean = lambda;
    this.variance = lambda;
    this.max = lambda === 0 ? 0 : Number.POSITIVE_INFINITY;
    const b = 0.931 + 2.53 * Math.sqrt(lambda);
    this.b = b;
    this.a = -0.059 + 0.02483 * b;
    this.invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    this.vr = 0.9277 - 3.6224 / (b - 2);
    if (lambda > 0 && lambda < 500) {
      // Probabilities by the recurrence p(k) = p(k - 1) lambda / k, up to where the tail is far below
      // the 2^-53 resolution of a uniform; a uniform beyond the last entry continues the recurrence.
      const cumulative: number[] = [];
      let p = Math.exp(-lambda);
      let s = p;
      cumulative.push(s);
      for (let k = 1; !(k > lambda && p < 1e-20); k++) {
        p *= lambda / k;
        s += p;
        cumulative.push(s);
      }
      this.table = new InversionTable(cumulative);
    } else {
      this.table = undefined;
    }
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    const n = out.length;
    const lambda = this.lambda;
    if (lambda === 0) {
      out.fill(0);
    } else if (this.table !== undefined) {
      if (this.table.fill(out, rng) > 0) InversionTable.finish(out, this.continueTail);
    } else {
      const a = this.a;
      const b = this.b;
      const invAlpha = this.invAlpha;
      const vr = this.vr;
      const logLambda = Math.log(lambda);
      for (let i = 0; i < n; i++) out[i] = ptrs(rng, lambda, logLambda, a, b, invAlpha, vr);
    }
  }

  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    if (this.lambda === 0) out.fill(0);
    else if (this.table !== undefined) this.table.invert(uniforms, out, this.exactQuantile);
    else {
      const table = this.cdfTable();
      if (table !== undefined) table.invert(uniforms, out, this.exactQuantile);
      else super.fillFromUniformsUnchecked(uniforms, out);
    }
  }

  /** The exact-cdf inversion table, made on first use (undefined when it would be too large). */
  private cdfTable(): InversionTable | undefined {
    if (this.#cdfTable === undefined) {
      this.#cdfTable = exactCdfTable((k) => this.cdfUnchecked(k), this.exactQuantile) ?? null;
    }
    return this.#cdfTable ?? undefined;
  }

  /** Continues the inversion past the table (probability below 1e-19 per draw). */
  private tail(u: number): number {
    const lambda = this.lambda;
    const table = this.table as InversionTable;
    let k = table.last;
    let s = table.cum[k];
    let p = Math.exp(logPoissonPmfExact(k, lambda));
    while (u >= s) {
      k++;
      p *= lambda / k;
      if (p === 0) break;
      s += p;
    }
    return k;
  }

  pmf(x: number): number {
    requireAbscissa(this.family, 'pmf', x);
    if (x < 0 || !Number.isInteger(x)) return 0;
    if (this.lambda === 0) return x === 0 ? 1 : 0;
    return Math.exp(logPoissonPmfExact(x, this.lambda));
  }

  protected cdfUnchecked(x: number): number {
    if (x < 0) return 0;
    if (this.lambda === 0 || x === Number.POSITIVE_INFINITY) return 1;
    return regularizedGammaQ(Math.floor(x) + 1, this.lambda);
  }

  protected quantileUnchecked(p: number): number {
    const lambda = this.lambda;
    if (p === 0 || lambda === 0) return 0;
    if (p === 1) return Number.POSITIVE_INFINITY;
    const sd = Math.sqrt(lambda);
    const start = cornishFisherStart(p, lambda, sd, 1 / sd);
    return searchDiscreteQuantile(p, start, 0, Number.POSITIVE_INFINITY, (k) =>
      regularizedGammaQ(k + 1, lambda),
    );
  }
}

/**
 * The Poisson distribution: the number of events in a fixed interval when events occur independently
 * at a constant average rate `lambda`. Mean and variance are both `lambda`; `lambda = 0` gives all zeros.
 *
 * Draws are exact integers stored as doubles; above 2^53 they are rounded to the nearest double.
 *
 * @param lambda - the mean number of events, finite and >= 0
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `lambda` is negative, NaN or infinite
 *
 * @example
 * ```ts
 * import { createRng, poisson } from 'salvo';
 * const arrivalsPerDay = poisson(4.5);
 * arrivalsPerDay.pmf(2);           // => 0.11247858994970336
 * arrivalsPerDay.cdf(6);           // => 0.8310505787254115
 * arrivalsPerDay.quantile(0.95);   // => 8
 * arrivalsPerDay.sample(1_000, createRng('days')); // => Float64Array(1000) of counts
 * ```
 */
export function poisson(lambda: number): DiscreteDistribution {
  requireNonNegative('poisson', 'lambda', lambda);
  return written(Object.freeze(new Poisson(lambda)), 'poisson', [lambda]);
}
