/**
 * Binomial distribution. Draws use the symmetry X(n, p) = n - X(n, 1 - p) so that the sampler sees
 * p' = min(p, 1 - p) <= 1/2, then one of two methods, switched at n p' = 500:
 *
 * - n p' < 500: inversion of one uniform (the principle of BINV, V. Kachitvichyanukul and B. W. Schmeiser,
 *   "Binomial random variate generation", CACM 31(2), 216-222, 1988), but by *indexed search* (C. Chen and
 *   R. Asau, AIIE Transactions 6(2), 1974) over cumulative probabilities built once (from (1 - p')^n,
 *   which stays above 1e-302): one uniform and about two comparisons per draw, where BINV walks about
 *   n p' steps. numpy switches to BTPE at n p' = 30; up to 500 the table measured several times faster
 *   than BTRS, at a few kilobytes (figures: docs/performance.md, "Design decisions and their
 *   measurements").
 * - n p' >= 500: BTRS, transformed rejection with squeeze (W. Hörmann, "The generation of binomial random
 *   variates", Journal of Statistical Computation and Simulation 46(1-2), 101-110, 1993), the simpler
 *   sibling of Hörmann's BTRD, with the constants used by TensorFlow and PyTorch. Two uniforms per attempt,
 *   somewhat more than one attempt per draw (fewer for larger n p'; the measured rates are in
 *   docs/performance.md). Outside the squeeze the test compares with log(P(X = k) / P(X = mode)): from
 *   a log-factorial table below n = 1e5 (cancellation costs at most ~1e-9), in C. Loader's saddle-point
 *   form above, accurate for any n.
 *
 * The mass function is Loader's ("Fast and accurate computation of binomial probabilities", 2000); the
 * cdf is the regularized incomplete beta function I_(1-p)(n - k, k + 1).
 * @module
 */
import type { Rng } from '../rng/types.js';
import { incompleteBeta } from '../special/beta.js';
import { bd0, stirlingError } from '../special/gamma.js';
import { requireNonNegativeInteger, requireProbability } from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import { exactCdfTable, InversionTable } from './inversionTable.js';
import { cornishFisherStart, logFactorial, searchDiscreteQuantile } from './poisson.js';
import type { DiscreteDistribution } from './types.js';
import { written } from './written.js';

const LN_2PI = 1.8378770664093456; // log(2 pi)

/**
 * log[ Gamma(k + j + 1) / (Gamma(k + 1) Gamma(j + 1)) p^k q^j ] for real k, j >= 0 and p, q in (0, 1)
 * with p + q = 1: the log of the binomial mass P(X = k) for n = k + j trials (Loader 2000). Real
 * arguments serve the negative binomial as well.
 * @internal
 */
export function logBinomialTerm(k: number, j: number, p: number, q: number): number {
  if (k === 0) {
    if (j === 0) return 0;
    return p < 0.1 ? -bd0(j, j * q) - j * p : j * Math.log(q);
  }
  if (j === 0) return q < 0.1 ? -bd0(k, k * p) - k * q : k * Math.log(p);
  const n = k + j;
  const lc = stirlingError(n) - stirlingError(k) - stirlingError(j) - bd0(k, n * p) - bd0(j, n * q);
  return lc - 0.5 * (LN_2PI + Math.log((k / n) * j));
}

/**
 * P(X <= k) = I_q(n - k, k + 1) for integer 0 <= k < n and 0 < p < 1. The regularized incomplete beta
 * is given p itself as 1 - q: forming 1 - q would cost the relative accuracy of a small p (1e-8 at
 * p = 1e-8, n = 1e9), which the factor q^(n - k) p^(k + 1) magnifies.
 */
function binomialCdf(k: number, n: number, p: number, q: number): number {
  return incompleteBeta(q, p, n - k, k + 1, false);
}

class Binomial extends BaseDistribution implements DiscreteDistribution {
  readonly family = 'binomial';
  readonly kind = 'discrete';
  readonly params: Readonly<{ n: number; p: number }>;
  readonly mean: number;
  readonly variance: number;
  readonly min = 0;
  readonly max: number;
  private readonly n: number;
  private readonly p: number;
  private readonly q: number;
  /** Whether draws are made for 1 - p and reflected (p > 1/2). */
  private readonly flip: boolean;
  /** min(p, 1 - p), the success probability the samplers see. */
  private readonly pSmall: number;
  private readonly qLarge: number;
  /** 0: constant (n = 0 or p in {0, 1}); 1: indexed inversion (n p' < 500); 2: BTRS. */
  private readonly method: 0 | 1 | 2;
  /** Inversion table of X' (the reflected variable when p > 1/2), when n p' < 500. */
  private readonly table: InversionTable | undefined;
  private readonly continueTail = (u: number): number => this.tail(u);
  private readonly exactQuantile = (u: number): number => this.quantileUnchecked(u);
  /** The exact-cdf table for inversion in the BTRS range, made on first use; null when none fits. */
  #cdfTable: InversionTable | null | undefined;
  /** BTRS constants. */
  private readonly a: number;
  private readonly b: number;
  private readonly c: number;
  private readonly vr: number;
  private readonly alpha: number;
  private readonly mode: number;
  private readonly logOdds: number;
  /** log P(X' = mode) (Loader) and log(mode!) + log((n - mode)!), the two forms of the reference. */
  private readonly logPmfMode: number;
  private readonly logFactorialsMode: number;

  constructor(n: number, p: number) {
    super();
    this.params = Object.freeze({ n, p });
    this.n = n;
    this.p = p;
    this.q = 1 - p;
    this.mean = n * p;
    this.variance = n * p * (1 - p);
    this.max = n;
    this.flip = p > 0.5;
    const ps = this.flip ? 1 - p : p;
    const qs = 1 - ps;
    this.pSmall = ps;
    this.qLarge = qs;
    const spq = Math.sqrt(n * ps * qs);
    const b = 1.15 + 2.53 * spq;
    this.b = b;
    this.a = -0.0873 + 0.0248 * b + 0.01 * ps;
    this.c = n * ps + 0.5;
    this.vr = 0.92 - 4.2 / b;
    this.alpha = (2.83 + 5.1 / b) * spq;
    const mode = Math.floor((n + 1) * ps);
    this.mode = mode;
    this.logOdds = Math.log(ps / qs);
    this.logPmfMode = n > 0 && ps > 0 ? logBinomialTerm(mode, n - mode, ps, qs) : 0;
    this.logFactorialsMode = n < 1e5 ? logFactorial(mode) + logFactorial(n - mode) : 0;
    this.table = undefined;
    if (n === 0 || ps === 0) {
      this.method = 0;
    } else if (n * ps < 500) {
      this.method = 1;
      const ratio = ps / qs;
      const mean = n * ps;
      const cumulative: number[] = [];
      let pk = Math.exp(n * Math.log1p(-ps));
      let s = pk;
      cumulative.push(s);
      for (let k = 1; k <= n && !(k > mean && pk < 1e-20); k++) {
        pk *= ((n - k + 1) / k) * ratio;
        s += pk;
        cumulative.push(s);
      }
      this.table = new InversionTable(cumulative);
    } else {
      this.method = 2;
    }
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    const count = out.length;
    const n = this.n;
    const flip = this.flip;
    if (this.method === 0) {
      out.fill(flip ? n : 0);
    } else if (this.method === 1) {
      if ((this.table as InversionTable).fill(out, rng) > 0)
        InversionTable.finish(out, this.continueTail);
      if (flip) for (let i = 0; i < count; i++) out[i] = n - out[i];
    } else {
      const a = this.a;
      const b = this.b;
      const c = this.c;
      const vr = this.vr;
      const alpha = this.alpha;
      const ps = this.pSmall;
      const qs = this.qLarge;
      const logPmfMode = this.logPmfMode;
      const logFactorialsMode = this.logFactorialsMode;
      const mode = this.mode;
      const logOdds = this.logOdds;
      // log(P(X' = k) / P(X' = mode)): below n = 1e5 from log-factorials (cancellation costs at most
      // ~1e-9 absolute), above in Loader's form, which stays exact for any n.
      const direct = n < 1e5;
      for (let i = 0; i < count; i++) {
        let k: number;
        for (;;) {
          const u = rng.nextFloat64() - 0.5;
          const v = rng.nextFloat64();
          const us = 0.5 - Math.abs(u);
          k = Math.floor(((2 * a) / us + b) * u + c);
          if (k < 0 || k > n) continue;
          if (us >= 0.07 && v <= vr) break;
          const logV = Math.log((v * alpha) / (a / (us * us) + b));
          const logRatio = direct
            ? logFactorialsMode - logFactorial(k) - logFactorial(n - k) + (k - mode) * logOdds
            : logBinomialTerm(k, n - k, ps, qs) - logPmfMode;
          if (logV <= logRatio) break;
        }
        out[i] = flip ? n - k : k;
      }
    }
  }

  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    if (this.table !== undefined) {
      // The table is of X' = n - X when p > 1/2.
      if (this.flip) this.table.invert(uniforms, out, this.exactQuantile, this.n);
      else this.table.invert(uniforms, out, this.exactQuantile);
    } else if (this.method === 2) {
      // BTRS range: a table of the exact cdf of X, made on first use, where it fits.
      if (this.#cdfTable === undefined) {
        const n = this.n;
        const success = this.p;
        const q = this.q;
        const cdf = (k: number): number => (k < 0 ? 0 : k >= n ? 1 : binomialCdf(k, n, success, q));
        this.#cdfTable = exactCdfTable(cdf, this.exactQuantile) ?? null;
      }
      if (this.#cdfTable !== null) this.#cdfTable.invert(uniforms, out, this.exactQuantile);
      else super.fillFromUniformsUnchecked(uniforms, out);
    } else {
      super.fillFromUniformsUnchecked(uniforms, out);
    }
  }

  /** Continues the inversion past the table (probability below 1e-19 per draw). */
  private tail(u: number): number {
    const n = this.n;
    const ps = this.pSmall;
    const qs = this.qLarge;
    const ratio = ps / qs;
    const table = this.table as InversionTable;
    let k = table.last;
    let s = table.cum[k];
    let pk = Math.exp(logBinomialTerm(k, n - k, ps, qs));
    while (u >= s && k < n) {
      k++;
      pk *= ((n - k + 1) / k) * ratio;
      if (pk === 0) break;
      s += pk;
    }
    return k;
  }

  pmf(x: number): number {
    requireAbscissa(this.family, 'pmf', x);
    const n = this.n;
    if (x < 0 || x > n || !Number.isInteger(x)) return 0;
    if (this.p === 0) return x === 0 ? 1 : 0;
    if (this.p === 1) return x === n ? 1 : 0;
    return Math.exp(logBinomialTerm(x, n - x, this.p, this.q));
  }

  protected cdfUnchecked(x: number): number {
    if (x < 0) return 0;
    const n = this.n;
    if (x >= n) return 1;
    const k = Math.floor(x);
    if (this.p === 0) return 1;
    if (this.p === 1) return 0;
    return binomialCdf(k, n, this.p, this.q);
  }

  protected quantileUnchecked(p: number): number {
    const n = this.n;
    if (p === 0 || n === 0 || this.p === 0) return 0;
    if (this.p === 1) return n;
    if (p === 1) return n;
    return searchBinomialQuantile(p, n, this.p, this.q);
  }
}

/** The quantile by a search over the exact cdf from a Cornish–Fisher start, for 0 < level < 1, 0 < p < 1. */
function searchBinomialQuantile(level: number, n: number, p: number, q: number): number {
  const sd = Math.sqrt(n * p * q);
  const start = cornishFisherStart(level, n * p, sd, (q - p) / sd);
  return searchDiscreteQuantile(level, start, 0, n, (k) => (k >= n ? 1 : binomialCdf(k, n, p, q)));
}

/**
 * The binomial quantile at one level without building a distribution: the smallest k with
 * P(X <= k) >= level for `n` trials of success probability `p` — the expression function
 * `binomialQuantile(level, trials, probability)`, which draws a count whose parameters differ from
 * sample to sample (voyages in a month from that month's capacity and share used). NaN when `level`
 * or `p` is outside [0, 1] or `n` is not a non-negative safe integer, as `Math.sqrt(-1)` is NaN (a
 * summary counts it in `nonFinite`).
 *
 * Below n min(p, 1 - p) = 500 it sums the mass function from the likelier end (from (1 - p')^n, which
 * stays above 1e-302 there, as in the inversion table): about n p' steps. Above, and for levels
 * within 1e-9 of the end the sum cannot resolve, it searches the exact cdf as {@link binomial}'s
 * quantile does.
 * @internal
 */
export function binomialQuantileOf(level: number, n: number, p: number): number {
  if (!(level >= 0 && level <= 1) || !(p >= 0 && p <= 1)) return Number.NaN;
  if (!Number.isSafeInteger(n) || n < 0) return Number.NaN;
  if (level === 0 || n === 0 || p === 0) return 0;
  if (p === 1 || level === 1) return n;
  const q = 1 - p;
  const small = Math.min(p, q);
  // Sums of the mass function resolve levels to about 1e-15: a level within 1e-9 of the far end of
  // the walk (one draw in 1e9) takes the exact cdf instead.
  const far = p <= 0.5 ? 1 - level : level;
  if (n * small >= 500 || far < 1e-9) return searchBinomialQuantile(level, n, p, q);
  const ratio = small / (1 - small);
  const mean = n * small;
  // Walk X' (successes with probability p'): X itself when p <= 1/2, n - X otherwise.
  let pk = Math.exp(n * Math.log1p(-small));
  if (p <= 0.5) {
    // The smallest k with P(X <= k) >= level.
    let k = 0;
    let s = pk;
    while (s < level && k < n) {
      k++;
      pk *= ((n - k + 1) / k) * ratio;
      if (pk === 0 && k > mean) break; // the rest of the tail is below the rounding of s
      s += pk;
    }
    return k;
  }
  // P(X <= k) = 1 - P(X' <= n - k - 1): the answer is n - 1 - j for the largest j >= -1 with
  // P(X' <= j) <= 1 - level.
  const upper = 1 - level;
  let j = -1;
  let s = 0;
  while (j < n - 1) {
    if (s + pk > upper) break;
    s += pk;
    j++;
    pk *= ((n - j) / (j + 1)) * ratio;
    if (pk === 0 && j > mean) break;
  }
  return n - 1 - j;
}

/**
 * The binomial distribution: the number of successes in `n` independent trials, each a success with
 * probability `p`. Mean `n p`, variance `n p (1 - p)`.
 *
 * @param n - the number of trials, a non-negative integer (0 gives all zeros)
 * @param p - the success probability of each trial, in [0, 1]
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `n` is negative, fractional or above
 *   `Number.MAX_SAFE_INTEGER`, or `p` is outside [0, 1] or NaN
 *
 * @example
 * ```ts
 * import { binomial, createRng } from 'salvo';
 * const inspectedContainersWithShells = binomial(40, 0.15);
 * inspectedContainersWithShells.mean;           // => 6
 * inspectedContainersWithShells.pmf(6);         // => 0.17415622257427787
 * inspectedContainersWithShells.cdf(10);        // => 0.9700791795412641
 * inspectedContainersWithShells.quantile(0.5);  // => 6
 * inspectedContainersWithShells.sample(1_000, createRng('audit')); // => Float64Array(1000) of counts
 * ```
 */
export function binomial(n: number, p: number): DiscreteDistribution {
  requireNonNegativeInteger('binomial', 'n', n);
  requireProbability('binomial', 'p', p);
  return written(Object.freeze(new Binomial(n, p)), 'binomial', [n, p]);
}
