/**
 * Normal (Gaussian) distribution.
 *
 * Sampling: the ziggurat method of G. Marsaglia and W. W. Tsang, "The Ziggurat Method for Generating
 * Random Variables", Journal of Statistical Software 5(8), 2000, with 256 layers and the correction of
 * J. A. Doornik, "An Improved Ziggurat Method to Generate Normal Random Samples" (2005): the layer
 * index, the sign and the abscissa come from disjoint random bits, and the abscissa has 53 bits (numpy's
 * `standard_normal` uses the same layout with 52 bits drawn from one 64-bit word).
 * McFarland's modified ziggurat (2016) was considered: its fast path costs the same here (two words, one
 * table compare, one multiply), and it speeds up only the 1.5% of draws that fall in a wedge or the
 * tail, at the price of alias tables; measured time is dominated by the two `nextUint32` calls
 * (docs/performance.md, "What the table says").
 * CDF and quantile: Cody's ANORM and Wichura's AS 241 (see `src/special/normal.ts`).
 * @module
 */
import { SalvoError } from '../errors.js';
import type { Rng } from '../rng/types.js';
import { normalCdf, normalQuantile } from '../special/normal.js';
import {
  invalidParameter,
  optionNames,
  requireFinite,
  requireKnownOptions,
  requireObject,
  requireOpenUnit,
  requireOrdered,
  requirePositive,
  show,
} from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import { invertNumerically } from './numericalInverse.js';
import type { ContinuousDistribution } from './types.js';
import { givenOptions, written } from './written.js';

// 256 layers of equal area V under exp(-x^2 / 2); R is the start of the tail (the values numpy uses,
// recomputed to 25 digits with mpmath so that the top layer closes exactly).
const ZIG_R = 3.6541528853610088;
const ZIG_INV_R = 1 / ZIG_R;
const ZIG_V = 0.004928673233974655;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** k[i]: accept bound of layer i for the 53-bit integer `rabs` (rabs < k[i] lies inside the inner rectangle). */
const ZIG_K = new Float64Array(256);
/** w[i] (i < 256) = x_i / 2^53 and w[i + 256] = -w[i]: bit 8 of the first word is the sign. */
const ZIG_W = new Float64Array(512);
/** f[i] = exp(-x_i^2 / 2), the density (unnormalised) at the outer edge of layer i. */
const ZIG_F = new Float64Array(256);

{
  const q = ZIG_V / Math.exp(-0.5 * ZIG_R * ZIG_R); // width of the base strip (layer 0)
  ZIG_K[0] = Math.floor((ZIG_R / q) * TWO_POW_53);
  ZIG_K[1] = 0;
  ZIG_W[0] = q / TWO_POW_53;
  ZIG_W[255] = ZIG_R / TWO_POW_53;
  ZIG_F[0] = 1;
  ZIG_F[255] = Math.exp(-0.5 * ZIG_R * ZIG_R);
  let outer = ZIG_R;
  for (let i = 254; i >= 1; i--) {
    const inner = Math.sqrt(-2 * Math.log(ZIG_V / outer + Math.exp(-0.5 * outer * outer)));
    ZIG_K[i + 1] = Math.floor((inner / outer) * TWO_POW_53);
    outer = inner;
    ZIG_F[i] = Math.exp(-0.5 * inner * inner);
    ZIG_W[i] = inner / TWO_POW_53;
  }
  for (let i = 0; i < 256; i++) ZIG_W[i + 256] = -ZIG_W[i];
}

/**
 * The rare branch of the ziggurat (1.5% of attempts): the wedge of layer `i` or, for layer 0, the
 * tail beyond R by Marsaglia's (1964) exponential rejection. `x` is the signed candidate.
 */
function zigguratSlow(rng: Rng, i: number, x: number): number {
  for (;;) {
    if (i === 0) {
      // Tail: x = R + E1 / R accepted when 2 E2 > (E1 / R)^2, E1, E2 standard exponential.
      let t: number;
      let e: number;
      do {
        t = -Math.log1p(-rng.nextFloat64()) * ZIG_INV_R;
        e = -Math.log1p(-rng.nextFloat64());
      } while (e + e <= t * t);
      return x < 0 ? -(ZIG_R + t) : ZIG_R + t;
    }
    const f0 = ZIG_F[i];
    if (f0 + (ZIG_F[i - 1] - f0) * rng.nextFloat64() < Math.exp(-0.5 * x * x)) return x;
    // Rejected: start over with fresh words (the same fast path as standardNormal).
    const u1 = rng.nextUint32();
    const rabs = (u1 >>> 11) * TWO_POW_32 + rng.nextUint32();
    i = u1 & 255;
    x = rabs * ZIG_W[u1 & 511];
    if (rabs < ZIG_K[i]) return x;
  }
}

/**
 * One standard normal draw N(0, 1) by the ziggurat. Consumes two 32-bit words per attempt (first word:
 * bits 0-7 layer, bit 8 sign, bits 11-31 the high 21 bits of a 53-bit abscissa; second word: its low
 * 32 bits), plus `nextFloat64` calls in the rare wedge and tail branches.
 * @param rng - the source of randomness
 * @returns a draw from the standard normal distribution
 * @internal
 */
export function standardNormal(rng: Rng): number {
  const u1 = rng.nextUint32();
  const rabs = (u1 >>> 11) * TWO_POW_32 + rng.nextUint32();
  const i = u1 & 255;
  const x = rabs * ZIG_W[u1 & 511];
  if (rabs < ZIG_K[i]) return x;
  // The unary + is for V8, not arithmetic. Where this function is inlined into a loop that does not
  // also inline zigguratSlow (Marsaglia–Tsang's in gamma, beta and PERT: past V8's inlining budget),
  // the call's result is of unknown type, and merging it with the double `x` made V8 box `x` on every
  // draw — 16 bytes allocated per normal, and many more scavenges (see docs/architecture.md). Typed as
  // a number, the merge stays a double. `node benchmarks/allocations.mjs` prints the bytes per draw.
  return +zigguratSlow(rng, i, x);
}

/**
 * Options of the credible-interval constructors {@link normal.ci}, {@link lognormal.ci} and {@link ci}.
 *
 * @example
 * ```ts
 * import { normal } from 'salvo';
 * normal.ci(-20, 100).quantile(0.05);                // => -20 (level 0.9 by default: 5% below -20)
 * normal.ci(-20, 100, { level: 0.8 }).quantile(0.1); // => -20 (10% below -20)
 * normal.ci(-20, 100, { level: 0.8 }).quantile(0.9); // => 100
 * // The same bounds held with less confidence: a wider distribution.
 * normal.ci(-20, 100).params.sd;                     // => 36.477409914706136
 * normal.ci(-20, 100, { level: 0.5 }).params.sd;     // => 88.95613311033611
 * ```
 */
export interface CiOptions {
  /**
   * Probability that the quantity lies between the two bounds, strictly between 0 and 1; default 0.9
   * (a 90% credible interval, with 5% left out on each side).
   */
  readonly level?: number;
}

/** The names {@link CiOptions} knows, for `UNKNOWN_OPTION`. */
/** @internal */
export const CI_OPTION_NAMES = optionNames<CiOptions>()(['level']);

/**
 * Checks the `level` option of a credible-interval constructor and returns z > 0 with
 * Φ(-z) = (1 - level) / 2, computed from the lower tail so that `quantile((1 - level) / 2)` of the
 * resulting distribution reproduces the lower bound as closely as floating point allows.
 * @internal
 */
export function ciHalfWidthZ(where: string, options: unknown): number {
  if (options !== undefined) {
    requireObject(where, 'options', options, 'an object such as { level: 0.9 }');
    requireKnownOptions(where, 'options', options, CI_OPTION_NAMES);
  }
  const raw = (options as CiOptions | undefined)?.level;
  const level = requireOpenUnit(where, 'level', raw === undefined ? 0.9 : raw);
  return -normalQuantile((1 - level) / 2);
}

// Local copy of 1 / √(2π) for the density.
const ONE_OVER_SQRT_TWO_PI = 0.3989422804014327;

class Normal extends BaseDistribution implements ContinuousDistribution {
  readonly family = 'normal';
  readonly kind = 'continuous';
  readonly params: Readonly<{ mean: number; sd: number }>;
  readonly mean: number;
  readonly variance: number;
  readonly min = -Infinity;
  readonly max = Infinity;
  private readonly sd: number;

  constructor(mean: number, sd: number) {
    super();
    this.params = Object.freeze({ mean, sd });
    this.mean = mean;
    this.sd = sd;
    this.variance = sd * sd;
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    // standardNormal written out, so that the common branch (98.5%) has no call in it.
    const mean = this.mean;
    const sd = this.sd;
    const k = ZIG_K;
    const w = ZIG_W;
    const n = out.length;
    for (let j = 0; j < n; j++) {
      const u1 = rng.nextUint32();
      const rabs = (u1 >>> 11) * 4294967296 + rng.nextUint32();
      const i = u1 & 255;
      const x = rabs * w[u1 & 511];
      out[j] = mean + sd * (rabs < k[i] ? x : +zigguratSlow(rng, i, x)); // + as in standardNormal
    }
  }

  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    fillStandardNormalQuantiles(uniforms, out);
    const mean = this.mean;
    const sd = this.sd;
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = mean + sd * out[i];
  }

  protected cdfUnchecked(x: number): number {
    return normalCdf((x - this.mean) / this.sd);
  }

  protected quantileUnchecked(p: number): number {
    return this.mean + this.sd * normalQuantile(p);
  }

  pdf(x: number): number {
    requireAbscissa(this.family, 'pdf', x);
    const z = (x - this.mean) / this.sd;
    return (ONE_OVER_SQRT_TWO_PI / this.sd) * Math.exp(-0.5 * z * z);
  }
}

/** The standard normal whose numerical inverse every normal and lognormal shares (made on first use). */
let standard: Normal | undefined;

/**
 * out[i] = the standard normal quantile of uniforms[i] (in [0, 1]; `out` may be `uniforms`), by one
 * numerical inverse of the standard normal cdf per process (src/distributions/numericalInverse.ts:
 * u-error at most 1e-12, the exact quantile beyond 1e-6 of either tail), chosen over Wichura's AS 241
 * (`normalQuantile`) for speed in a design's inversion of normal and lognormal inputs
 * (docs/performance.md, "Sampling designs"; `benchmarks/inversion.ts`). Not for `quantile`, which
 * stays exact.
 * @internal
 */
export function fillStandardNormalQuantiles(uniforms: Float64Array, out: Float64Array): void {
  standard ??= Object.freeze(new Normal(0, 1)) as Normal;
  invertNumerically(standard, uniforms, out);
}

/**
 * The normal (Gaussian) distribution with the given mean and standard deviation: symmetric, unbounded,
 * 68% of its mass within one `sd` of the mean and 95% within 1.96 `sd`. For a quantity that cannot be
 * negative and spans orders of magnitude, prefer {@link lognormal}.
 *
 * Samples come from a 256-layer ziggurat (Marsaglia and Tsang, 2000, with Doornik's 2005 correction)
 * that uses two 32-bit words per draw in 98.5% of draws and a 53-bit abscissa.
 *
 * @param mean - the mean (also the median and mode), finite, in the quantity's own unit
 * @param sd - the standard deviation, finite and > 0, in the same unit
 * Two regions of finite parameters are refused, since doubles cannot represent them: a spread so wide
 * that `|mean| + 40 sd` overflows (samples and quantiles would be ±Infinity), and a spread so narrow
 * that `sd < 2^-40 · max(|mean|, 2^-994)` (`normal(1e15, 5)`): the doubles near `mean` are then spaced more than
 * sd / 4096 apart, so samples, cdf and quantile would each round differently and disagree.
 *
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `mean` is not finite, `sd` is not a finite number
 *   > 0, `|mean| + 40 sd` overflows, or `sd < 2^-40 · max(|mean|, 2^-994)`
 *
 * @example
 * ```ts
 * import { createRng, normal } from 'salvo';
 * const heightCm = normal(170, 10);
 * heightCm.quantile(0.975);                // => 189.59963984540053
 * heightCm.cdf(150);                       // => 0.022750131948179212
 * heightCm.sample(1_000, createRng('doc')); // => Float64Array(1000)
 * ```
 */
export function normal(mean: number, sd: number): ContinuousDistribution {
  requireFinite('normal', 'mean', mean);
  requirePositive('normal', 'sd', sd);
  requireRepresentableSpread('normal', mean, sd);
  return written(Object.freeze(new Normal(mean, sd)), 'normal', [mean, sd]);
}

/** Relative spread below which the doubles around the mean are too coarse (see {@link normal}). */
const NORMAL_MIN_RELATIVE_SD = 2 ** -40;
/** The spacing of subnormal doubles, 2^-1074, is 2^-40 of this: spreads below 2^-1034 are refused. */
const SUBNORMAL_RESOLUTION = 2 ** -994;

/**
 * Throws unless a normal spread `sd` around `mean` is representable: `|mean| + 40 sd` finite, so that
 * samples and quantiles for p in (0, 1) are finite, and `sd >= 2^-40 · max(|mean|, 2^-994)`, so that the doubles
 * near the mean resolve the spread to sd / 4096 or better.
 */
function requireRepresentableSpread(where: string, mean: number, sd: number): void {
  if (!Number.isFinite(Math.abs(mean) + 40 * sd)) {
    throw invalidParameter(
      where,
      'sd',
      `sd = ${show(sd)} around mean = ${show(mean)} is too wide: |mean| + 40 sd overflows the ` +
        'largest double, so samples and quantiles would be ±Infinity; rescale the quantity (another unit)',
      sd,
    );
  }
  if (sd < NORMAL_MIN_RELATIVE_SD * Math.max(Math.abs(mean), SUBNORMAL_RESOLUTION)) {
    throw invalidParameter(
      where,
      'sd',
      `sd = ${show(sd)} is below 2^-40 · max(|mean|, 2^-994) (mean = ${show(mean)}): the doubles near the mean are ` +
        'too coarse to resolve that spread, so samples, cdf and quantile would disagree; subtract the ' +
        'mean (model the deviation) or widen sd',
      sd,
    );
  }
}

/**
 * The normal distribution whose central credible interval at `level` is [lo, hi]: the mean is the
 * midpoint and `sd = (hi - lo) / (2 z)` with z = Φ⁻¹((1 + level) / 2) (1.6448536269514722 for the
 * default 90%). Unlike {@link lognormal.ci} the bounds may be zero or negative. Like every normal it is
 * unbounded: `normal.ci(0, 3e7)` gives a 5% chance of a negative value, which is what the interval says
 * but may not be what the quantity allows.
 *
 * @param lo - lower bound, finite: the `(1 - level) / 2` quantile
 * @param hi - upper bound, finite, greater than `lo`: the `(1 + level) / 2` quantile
 * @param options - `level`, the probability of lying in [lo, hi], strictly between 0 and 1 (default 0.9)
 * @throws {@link SalvoError} `INVALID_PARAMETER` when a bound is not finite, `lo >= hi`, `level` is
 * outside (0, 1), or the resulting normal is refused by {@link normal} (a `level` so small that sd
 * overflows, an interval narrower than the doubles' resolution at its midpoint)
 *
 * @example
 * ```ts
 * import { normal } from 'salvo';
 * const changeUsd = normal.ci(-20, 100);      // 90% sure the change is between -20 and 100
 * changeUsd.mean;                            // => 40
 * changeUsd.params.sd;                       // => 36.477409914706136
 * normal.ci(-20, 100, { level: 0.5 }).params.sd; // => 88.95613311033611
 * ```
 */
normal.ci = function ci(lo: number, hi: number, options: CiOptions = {}): ContinuousDistribution {
  requireOrdered('normal.ci', 'lo', lo, 'hi', hi);
  const z = ciHalfWidthZ('normal.ci', options);
  // Halves first, so that bounds near ±Number.MAX_VALUE do not overflow.
  const mean = lo / 2 + hi / 2;
  const sd = (hi / 2 - lo / 2) / z;
  if (!(sd > 0)) {
    throw invalidParameter(
      'normal.ci',
      'hi',
      `[lo, hi] = [${show(lo)}, ${show(hi)}] is too narrow to halve: sd = (hi / 2 - lo / 2) / z underflows to 0`,
      hi,
    );
  }
  requireRepresentableSpread('normal.ci', mean, sd);
  return written(Object.freeze(new Normal(mean, sd)), 'normal.ci', [
    lo,
    hi,
    givenOptions(options, CI_OPTION_NAMES),
  ]);
};
