/**
 * Negative binomial distribution in the numpy/scipy convention: the number of failures before the r-th
 * success in trials that each succeed with probability p; r may be any positive real (the Pólya
 * distribution). Two samplers:
 *
 * - Inversion of one uniform by indexed search (C. Chen and R. Asau, AIIE Transactions 6(2), 1974) over
 *   cumulative probabilities built once by the recurrence P(k) = P(k - 1) (1 - p) (k - 1 + r) / k, used
 *   whenever the table needs at most 16,384 entries (the mean is below several thousand) and p^r is above
 *   1e-300: one uniform and about two comparisons per draw.
 * - Otherwise the gamma–Poisson mixture X ~ Poisson(G), G ~ Gamma(r, scale (1 - p) / p) (L. Devroye,
 *   "Non-Uniform Random Variate Generation", Springer 1986, section X.4.7), as numpy does: one
 *   {@link standardGamma} draw, then one Poisson draw with that mean (sequential inversion below 10,
 *   Hörmann's PTRS above).
 *
 * The mass function is Loader's saddle-point form of the binomial term ("Fast and accurate computation of
 * binomial probabilities", 2000): P(X = k) = r / (r + k) b(r; r + k, p), as in R's dnbinom. The cdf is
 * the regularized incomplete beta function P(X <= k) = I_p(r, k + 1).
 * @module
 */
import { SalvoError } from '../errors.js';
import type { Rng } from '../rng/types.js';
import { incompleteBeta } from '../special/beta.js';
import { requirePositive, show } from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import { logBinomialTerm } from './binomial.js';
import { standardGamma } from './gamma.js';
import { exactCdfTable, InversionTable } from './inversionTable.js';
import { cornishFisherStart, poissonVariate, searchDiscreteQuantile } from './poisson.js';
import type { DiscreteDistribution } from './types.js';
import { written } from './written.js';

class NegativeBinomial extends BaseDistribution implements DiscreteDistribution {
  readonly family = 'negativeBinomial';
  readonly kind = 'discrete';
  readonly params: Readonly<{ r: number; p: number }>;
  readonly mean: number;
  readonly variance: number;
  readonly min = 0;
  readonly max: number;
  private readonly r: number;
  private readonly p: number;
  private readonly q: number;
  /** Scale of the gamma mixing distribution, (1 - p) / p. */
  private readonly scale: number;
  /** Inversion table, when it is small. */
  private readonly table: InversionTable | undefined;
  private readonly continueTail = (u: number): number => this.tail(u);
  private readonly exactQuantile = (u: number): number => this.quantileUnchecked(u);
  /** The exact-cdf table for inversion where the sampler has none, made on first use; null: none fits. */
  #cdfTable: InversionTable | null | undefined;
  /** P(X = last) by the same recurrence, to continue past the table. */
  private readonly lastPmf: number;

  constructor(r: number, p: number) {
    super();
    this.params = Object.freeze({ r, p });
    this.r = r;
    this.p = p;
    const q = 1 - p;
    this.q = q;
    this.scale = q / p;
    this.mean = (r * q) / p;
    this.variance = this.mean / p;
    this.max = p === 1 ? 0 : Number.POSITIVE_INFINITY;
    this.table = undefined;
    this.lastPmf = 0;
    // P(0) = p^r, P(k) = P(k - 1) q (k - 1 + r) / k, until the remaining tail is far below the 2^-53
    // resolution of a uniform; given up (mixture sampling) when that needs more than 16,384 entries or
    // p^r is too small for the recurrence to keep its relative accuracy.
    let pk = Math.exp(r * Math.log(p));
    if (p < 1 && pk > 1e-300) {
      const cumulative: number[] = [pk];
      let s = pk;
      let k = 1;
      for (; k <= 16384; k++) {
        pk *= ((k - 1 + r) / k) * q;
        s += pk;
        cumulative.push(s);
        if (k > this.mean && pk < 1e-20 * p) break;
      }
      if (k <= 16384) {
        this.lastPmf = pk;
        this.table = new InversionTable(cumulative);
      }
    }
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    const n = out.length;
    if (this.p === 1) {
      out.fill(0);
    } else if (this.table !== undefined) {
      if (this.table.fill(out, rng) > 0) InversionTable.finish(out, this.continueTail);
    } else {
      const r = this.r;
      const scale = this.scale;
      for (let i = 0; i < n; i++) out[i] = poissonVariate(standardGamma(r, rng) * scale, rng);
    }
  }

  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    if (this.p === 1) out.fill(0);
    else if (this.table !== undefined) this.table.invert(uniforms, out, this.exactQuantile);
    else {
      // The sampler's mixture range: a table of the exact cdf, made on first use, where it fits.
      if (this.#cdfTable === undefined) {
        const r = this.r;
        const p = this.p;
        const q = this.q;
        const cdf = (k: number): number => (k < 0 ? 0 : incompleteBeta(p, q, r, k + 1, false));
        this.#cdfTable = exactCdfTable(cdf, this.exactQuantile) ?? null;
      }
      if (this.#cdfTable !== null) this.#cdfTable.invert(uniforms, out, this.exactQuantile);
      else super.fillFromUniformsUnchecked(uniforms, out);
    }
  }

  /** Continues the inversion past the table (probability below 1e-19 per draw). */
  private tail(u: number): number {
    const r = this.r;
    const q = this.q;
    const table = this.table as InversionTable;
    let k = table.last;
    let s = table.cum[k];
    let pk = this.lastPmf;
    while (u >= s) {
      k++;
      pk *= ((k - 1 + r) / k) * q;
      if (pk === 0) break;
      s += pk;
    }
    return k;
  }

  pmf(x: number): number {
    requireAbscissa(this.family, 'pmf', x);
    if (x < 0 || !Number.isInteger(x)) return 0;
    if (this.p === 1) return x === 0 ? 1 : 0;
    const r = this.r;
    return (r / (r + x)) * Math.exp(logBinomialTerm(r, x, this.p, this.q));
  }

  protected cdfUnchecked(x: number): number {
    if (x < 0) return 0;
    // From 2^50 on (at least 40 sd above the mean, see negativeBinomial) the cdf is 1 to double
    // precision; the incomplete beta would lose its accuracy there.
    if (this.p === 1 || x >= NEGATIVE_BINOMIAL_MAX_COUNT) return 1;
    // For a subnormal r the log-space prefix can round above 0 (the cdf was Infinity); it is 1 then.
    return Math.min(incompleteBeta(this.p, this.q, this.r, Math.floor(x) + 1, false), 1);
  }

  protected quantileUnchecked(level: number): number {
    if (level === 0 || this.p === 1) return 0;
    if (level === 1) return Number.POSITIVE_INFINITY;
    const r = this.r;
    const p = this.p;
    const q = this.q;
    const sd = Math.sqrt(this.variance);
    const start = cornishFisherStart(level, this.mean, sd, (2 - p) / Math.sqrt(r * (1 - p)));
    // The factory keeps mean + 40 sd below 2^50, so the search never needs to look beyond it; the bound
    // caps a search from a useless start (subnormal r: its skewness is Infinity) at ~106 cdf calls.
    return searchDiscreteQuantile(level, start, 0, NEGATIVE_BINOMIAL_MAX_COUNT, (k) =>
      incompleteBeta(p, q, r, k + 1, false),
    );
  }
}

/** Largest r accepted: the incomplete beta function keeps its accuracy up to here. */
const NEGATIVE_BINOMIAL_MAX_R = 2 ** 50;

/** mean + 40 sd must stay below this: the cdf's incomplete beta has shape count + 1. */
const NEGATIVE_BINOMIAL_MAX_COUNT = 2 ** 50;

/**
 * The negative binomial distribution (numpy and scipy convention): the number of failures before the
 * `r`-th success, each trial succeeding with probability `p`. A non-integer `r` gives the Pólya (gamma–
 * Poisson) distribution, the usual model for over-dispersed counts. Mean `r (1 - p) / p`, variance
 * `r (1 - p) / p^2`; `p = 1` gives all zeros.
 *
 * @param r - the number of successes to wait for, a finite real > 0
 * @param p - the success probability of each trial, in (0, 1]
 * Refused regions, where doubles cannot carry the distribution: `r > 2^50` (the incomplete beta
 * function behind the cdf loses its accuracy, and `negativeBinomial(1e300, 0.5).quantile(0.5)` took
 * 19 s), and `mean + 40 sd > 2^50` (the cdf at a count k has shape k + 1, as inaccurate beyond 2^50:
 * `negativeBinomial(100, 7.2e-14).cdf` was not monotone near 1.5e15; and counts beyond 2^53 are not
 * exact integers: the cdf at 1e300 was NaN). From 2^50 on the cdf is 1.
 *
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `r` is not a finite positive number or above
 *   2^50, `p` is outside (0, 1] or NaN, or `mean + 40 sd` (mean `r (1 - p) / p`) exceeds 2^50
 *
 * @example
 * ```ts
 * import { createRng, negativeBinomial } from 'salvo';
 * const seizuresPerPort = negativeBinomial(3.5, 0.2);
 * seizuresPerPort.mean;            // => 14
 * seizuresPerPort.variance;        // => 70
 * seizuresPerPort.pmf(0);          // => 0.0035777087639996636
 * seizuresPerPort.quantile(0.5);   // => 13
 * seizuresPerPort.sample(1_000, createRng('ports')); // => Float64Array(1000) of counts
 * ```
 */
export function negativeBinomial(r: number, p: number): DiscreteDistribution {
  requirePositive('negativeBinomial', 'r', r);
  if (typeof p !== 'number' || !(p > 0 && p <= 1)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `negativeBinomial: p must be a probability in (0, 1], got ${show(p)}`,
      { parameter: 'p', value: p },
    );
  }
  if (!Number.isFinite((r * (1 - p)) / p)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `negativeBinomial: p is too small for r = ${show(r)}: the mean r (1 - p) / p overflows, got ${show(p)}`,
      { parameter: 'p', value: p },
    );
  }
  if (r > NEGATIVE_BINOMIAL_MAX_R) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `negativeBinomial: r must be at most 2^50 (${NEGATIVE_BINOMIAL_MAX_R}), got ${show(r)}: its cdf is ` +
        'an incomplete beta function with shape r, which loses its accuracy beyond that, and the ' +
        'quantile search crawls (negativeBinomial(1e300, 0.5).quantile(0.5) took 19 s); use ' +
        'poisson or a normal approximation',
      { parameter: 'r', value: r },
    );
  }
  const mean = (r * (1 - p)) / p;
  if (mean + 40 * Math.sqrt(mean / p) > NEGATIVE_BINOMIAL_MAX_COUNT) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `negativeBinomial: mean + 40 sd must stay below 2^50, got r = ${show(r)}, p = ${show(p)} ` +
        `(mean ${show(mean)}): the cdf at a count k is an incomplete beta function with shape k + 1, ` +
        'which loses its accuracy beyond 2^50 (the cdf stopped being monotone near 1.5e15), and ' +
        'counts beyond 2^53 are not exact integers; use a continuous approximation (gamma or normal)',
      { parameter: 'p', value: p },
    );
  }
  return written(Object.freeze(new NegativeBinomial(r, p)), 'negativeBinomial', [r, p]);
}
