/**
 * Gamma distribution with shape k and scale θ (numpy's `Generator.gamma(shape, scale)`; mean kθ).
 *
 * Sampling: G. Marsaglia and W. W. Tsang, "A simple method for generating gamma variables", ACM
 * Transactions on Mathematical Software 26(3), 2000, 363-372: with d = k − 1/3 and c = 1 / √(9d), draw a
 * standard normal x, set v = (1 + cx)^3 and accept d·v with the squeeze u < 1 − 0.0331 x^4 or else the
 * full test log u < x²/2 + d(1 − v + log v); about 1.02-1.05 normals per draw for k >= 1. For k < 1 it
 * uses the identity Gamma(k) = Gamma(k + 1) · U^(1/k) from the same paper (also Boost's choice), with
 * U^(1/k) formed as exp(−E/k) from a standard exponential E (ziggurat): in V8 the exponential and one
 * `exp` measured cheaper than `Math.pow(u, 1/k)` or `exp(log(u)/k)`.
 * The uniform of the acceptance test is a 32-bit one, (j + ½)·2^-32 from one `nextUint32` (never 0, so
 * its logarithm is finite): it only decides acceptance, so its resolution changes acceptance
 * probabilities by less than 2^-32, and it saves a quarter of the random words.
 * Against numpy 2.4, measured alternately on the same machine, it was faster for k = 2 and slower for
 * k < 1, where V8's out-of-line `Math.exp` is the difference. The figures of these choices are in
 * docs/performance.md, "Design decisions and their measurements".
 * CDF and quantile: the regularized incomplete gamma function and its inverse (src/special/gamma.ts).
 * @module
 */
import type { Rng } from '../rng/types.js';
import { gammaDensity, inverseRegularizedGammaP, regularizedGammaP } from '../special/gamma.js';
import { invalidParameter, requirePositive, show } from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import { standardExponential } from './exponential.js';
import { standardNormal } from './normal.js';
import { invertNumerically } from './numericalInverse.js';
import type { ContinuousDistribution } from './types.js';
import { written } from './written.js';

// Module-level copies of the imported samplers: under vitest and tsx an imported function is read
// through a getter on every access, which a per-draw call should not pay.
const normal = standardNormal;
const exponential = standardExponential;

/**
 * The core of Marsaglia & Tsang: one draw from Gamma(d + 1/3, 1) for d = shape − 1/3 >= 2/3 and
 * c = 1 / √(9d), computed once by the caller. Per attempt: normal draws until 1 + cz > 0, then one
 * `nextUint32` for the acceptance uniform. A small function that V8 inlines into its callers' loops
 * (measured no slower than the body written out in each loop: docs/performance.md, as above).
 * @param d - shape − 1/3 (shape >= 1)
 * @param c - 1 / √(9d)
 * @param rng - the source of randomness
 * @returns a draw from Gamma(d + 1/3, 1)
 * @internal
 */
export function marsagliaTsang(d: number, c: number, rng: Rng): number {
  for (;;) {
    const z = normal(rng);
    let v = 1 + c * z;
    if (v <= 0) continue;
    v = v * v * v;
    const u = (rng.nextUint32() + 0.5) * 2.3283064365386963e-10; // (j + ½) 2^-32, never 0
    const z2 = z * z;
    if (u < 1 - 0.0331 * z2 * z2) return d * v;
    if (Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * One draw from the standard gamma distribution (scale 1) with the given shape, by Marsaglia & Tsang.
 * Consumes one or more normal draws and one `nextUint32` per attempt, plus one standard exponential
 * draw when `shape < 1`. Reused by the negative binomial family; loops that draw many values with one
 * shape should compute d and c once and call {@link marsagliaTsang}, as the gamma, beta and Student t
 * families do.
 * @param shape - shape k > 0 (not checked)
 * @param rng - the source of randomness
 * @returns a draw from Gamma(shape, 1)
 * @internal
 */
export function standardGamma(shape: number, rng: Rng): number {
  if (shape >= 1) {
    const d = shape - 1 / 3;
    return marsagliaTsang(d, 1 / Math.sqrt(9 * d), rng);
  }
  const d = shape + 1 - 1 / 3;
  const g = marsagliaTsang(d, 1 / Math.sqrt(9 * d), rng);
  return g * Math.exp(-exponential(rng) / shape);
}

class Gamma extends BaseDistribution implements ContinuousDistribution {
  readonly family = 'gamma';
  readonly kind = 'continuous';
  readonly params: Readonly<{ shape: number; scale: number }>;
  readonly mean: number;
  readonly variance: number;
  readonly min = 0;
  readonly max = Infinity;
  private readonly shape: number;
  private readonly scale: number;

  constructor(shape: number, scale: number) {
    super();
    this.params = Object.freeze({ shape, scale });
    this.shape = shape;
    this.scale = scale;
    this.mean = shape * scale;
    this.variance = shape * scale * scale;
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    // d and c computed once.
    const draw = marsagliaTsang;
    const boost = this.shape < 1;
    const d = (boost ? this.shape + 1 : this.shape) - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    const scale = this.scale;
    const inverseShape = 1 / this.shape;
    const n = out.length;
    if (boost) {
      for (let i = 0; i < n; i++) {
        const g = draw(d, c, rng);
        out[i] = scale * g * Math.exp(-exponential(rng) * inverseShape);
      }
    } else {
      for (let i = 0; i < n; i++) out[i] = scale * draw(d, c, rng);
    }
  }

  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    // The quantile is an iterative search: a numerical inverse of the cdf, built on first use.
    invertNumerically(this, uniforms, out);
  }

  protected cdfUnchecked(x: number): number {
    if (x <= 0) return 0;
    return regularizedGammaP(this.shape, x / this.scale);
  }

  protected quantileUnchecked(p: number): number {
    return this.scale * inverseRegularizedGammaP(this.shape, p);
  }

  pdf(x: number): number {
    requireAbscissa(this.family, 'pdf', x);
    if (x < 0) return 0;
    return gammaDensity(this.shape, x / this.scale) / this.scale;
  }
}

/** Above this shape the relative spread 1 / √shape is below 2^-40 (see {@link gamma}). */
const GAMMA_MAX_SHAPE = 2 ** 80;

/**
 * The gamma distribution with shape k and scale θ: waiting time for k events of a Poisson process with
 * mean gap θ, and a flexible model for positive, right-skewed quantities. Mean `kθ`, variance `kθ²`.
 * Same convention as numpy's `gamma(shape, scale)` and scipy's `gamma(a = shape, scale = scale)`; for a
 * rate β use `scale = 1 / β`.
 *
 * @param shape - shape k, finite and > 0 (k < 1 gives a density that is infinite at 0)
 * @param scale - scale θ, finite and > 0, in the unit of the samples (default 1)
 * Shapes above 2^80 are refused: the relative spread 1 / √shape is then below 2^-40, finer than the
 * doubles near the mean resolve (the same rule as {@link normal}'s).
 * Parameters whose upper tail passes the largest double ((shape + 40 √shape + 750) · scale overflows)
 * are refused: samples and quantiles would be Infinity.
 *
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `shape` or `scale` is NaN, infinite or <= 0,
 *   `shape > 2^80`, or when (shape + 40 √shape + 750) · scale overflows
 *
 * @example
 * ```ts
 * import { createRng, gamma } from 'salvo';
 * const repairDays = gamma(2, 3);
 * repairDays.mean;           // => 6
 * repairDays.variance;       // => 18
 * repairDays.cdf(6);         // => 0.5939941502901618
 * repairDays.quantile(0.95); // => 14.231593555171727
 * repairDays.sample(3, createRng('doc')); // => Float64Array(3) of positive values
 * ```
 */
export function gamma(shape: number, scale?: number): ContinuousDistribution {
  const theta = scale === undefined ? 1 : scale;
  requirePositive('gamma', 'shape', shape);
  requirePositive('gamma', 'scale', theta);
  if (shape > GAMMA_MAX_SHAPE) {
    throw invalidParameter(
      'gamma',
      'shape',
      `shape must be at most 2^80 (${GAMMA_MAX_SHAPE}), got ${show(shape)}: the spread √shape · scale ` +
        'is then below 2^-40 of the mean, finer than the doubles there resolve, so samples, cdf and ' +
        'quantile would disagree; use normal(shape · scale, √shape · scale) or a smaller shape',
      shape,
    );
  }
  const upperBound = (shape + 40 * Math.sqrt(shape) + 750) * theta;
  if (!Number.isFinite(upperBound)) {
    throw invalidParameter(
      'gamma',
      'scale',
      `shape · scale must leave room below the largest double, got shape = ${show(shape)}, ` +
        `scale = ${show(theta)}: the upper quantiles and samples (up to about ` +
        '(shape + 40 √shape + 750) · scale) would overflow to Infinity; rescale the quantity (another unit)',
      theta,
    );
  }
  return written(Object.freeze(new Gamma(shape, theta)), 'gamma', [shape, scale]);
}
