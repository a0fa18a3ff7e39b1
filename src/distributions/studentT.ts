/**
 * Student's t distribution with ν degrees of freedom, shifted and scaled: location + scale · T
 * (scipy's `t(df, loc, scale)`; numpy's `standard_t(df)` is the case location 0, scale 1).
 *
 * Sampling: T = Z / √(G / (ν/2)) with Z standard normal (ziggurat) and G ~ Gamma(ν/2) drawn by
 * G. Marsaglia and W. W. Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3), 2000
 * (see ./gamma.ts), since 2G/ν is a chi-square over its degrees of freedom. Chosen by measurement over
 * R. W. Bailey's polar method ("Polar generation of random variates with the t-distribution",
 * Mathematics of Computation 62(206), 1994), which needs a logarithm and an exponential per attempt:
 * the ratio measured faster than Bailey's method (and than numpy's standard_t) for ν >= 2.5, and the two
 * tie for ν < 2, where the gamma shape is below 1 and takes the factor exp(−E / (ν/2)), E standard
 * exponential (figures: docs/performance.md, "Design decisions and their measurements").
 * CDF and quantile: the regularized incomplete beta function (src/special/studentT.ts).
 * @module
 */
import type { Rng } from '../rng/types.js';
import { logBeta } from '../special/beta.js';
import { studentTCdf, studentTQuantile } from '../special/studentT.js';
import {
  invalidParameter,
  optionNames,
  requireFinite,
  requireKnownOptions,
  requirePositive,
  show,
} from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import { standardExponential } from './exponential.js';
import { marsagliaTsang } from './gamma.js';
import { standardNormal } from './normal.js';
import { invertNumerically } from './numericalInverse.js';
import type { ContinuousDistribution } from './types.js';
import { givenOptions, written } from './written.js';

/**
 * Options of {@link studentT}.
 *
 * @example
 * ```ts
 * import { studentT } from 'salvo';
 * studentT(5).quantile(0.975);                               // => 2.5705818356363137
 * studentT(5, { location: 10, scale: 2 }).quantile(0.975);   // => 15.141163671272627 (10 + 2 · 2.57…)
 * ```
 */
export interface StudentTOptions {
  /** Centre (median) of the distribution, finite, in the unit of the samples (default 0). */
  readonly location?: number;
  /** Scale factor, finite and > 0, in the unit of the samples (default 1). */
  readonly scale?: number;
}

/** The names {@link StudentTOptions} knows, for `UNKNOWN_OPTION`. */
const STUDENT_T_OPTION_NAMES = optionNames<StudentTOptions>()(['location', 'scale']);

class StudentT extends BaseDistribution implements ContinuousDistribution {
  readonly family = 'studentT';
  readonly kind = 'continuous';
  readonly params: Readonly<{ df: number; location: number; scale: number }>;
  readonly mean: number;
  readonly variance: number;
  readonly min = -Infinity;
  readonly max = Infinity;
  private readonly df: number;
  private readonly location: number;
  private readonly scale: number;
  /** log of the density's normalising constant 1 / (√ν B(ν/2, ½)). */
  private readonly logNormaliser: number;

  constructor(df: number, location: number, scale: number) {
    super();
    this.params = Object.freeze({ df, location, scale });
    this.df = df;
    this.location = location;
    this.scale = scale;
    this.mean = df > 1 ? location : Number.NaN;
    this.variance =
      df > 2 ? (scale * scale * df) / (df - 2) : df > 1 ? Number.POSITIVE_INFINITY : Number.NaN;
    this.logNormaliser = -0.5 * Math.log(df) - logBeta(df / 2, 0.5);
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    const normal = standardNormal;
    const draw = marsagliaTsang;
    const exponential = standardExponential;
    const location = this.location;
    const scale = this.scale;
    const shape = this.df / 2;
    const boost = shape < 1;
    const d = (boost ? shape + 1 : shape) - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    const halfInverseShape = 0.5 / shape;
    const n = out.length;
    // T = Z √(shape / G), G ~ Gamma(shape) (times exp(−E / shape) when boosted, so the factor
    // exp(E / (2 shape)) multiplies the root).
    if (!boost) {
      for (let i = 0; i < n; i++) {
        const z = normal(rng);
        out[i] = location + scale * z * Math.sqrt(shape / draw(d, c, rng));
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      const z = normal(rng);
      const factor =
        Math.sqrt(shape / draw(d, c, rng)) * Math.exp(exponential(rng) * halfInverseShape);
      // z = 0 with an infinite factor (ν near 0) would give NaN; the draw is then the centre.
      out[i] = z === 0 ? location : location + scale * (z * factor);
    }
  }

  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    // Closed forms for df = 1 and 2; otherwise the quantile is an iterative search: a numerical
    // inverse of the cdf, built on first use.
    if (this.df === 1 || this.df === 2) {
      const location = this.location;
      const scale = this.scale;
      const df = this.df;
      const n = uniforms.length;
      for (let i = 0; i < n; i++) out[i] = location + scale * studentTQuantile(uniforms[i], df);
    } else {
      invertNumerically(this, uniforms, out);
    }
  }

  protected cdfUnchecked(x: number): number {
    return studentTCdf((x - this.location) / this.scale, this.df);
  }

  protected quantileUnchecked(p: number): number {
    return this.location + this.scale * studentTQuantile(p, this.df);
  }

  pdf(x: number): number {
    requireAbscissa(this.family, 'pdf', x);
    const r = (x - this.location) / (this.scale * Math.sqrt(this.df)); // t / √ν
    // log(1 + r²), without overflow of r² for huge |r|.
    const log1pR2 = Math.abs(r) > 1e150 ? 2 * Math.log(Math.abs(r)) : Math.log1p(r * r);
    return Math.exp(this.logNormaliser - 0.5 * (this.df + 1) * log1pR2) / this.scale;
  }
}

/** Smallest df accepted: P(|T| > largest double) is about 1e-31 at df = 0.1 (see {@link studentT}). */
const STUDENT_T_MIN_DF = 0.1;

/**
 * Student's t distribution with `df` degrees of freedom, moved to `location` and stretched by `scale`:
 * a symmetric, heavy-tailed alternative to the normal distribution (the lower `df`, the heavier the
 * tails; `df` → ∞ gives the normal). Non-integer `df` is allowed.
 *
 * Moments follow this library's convention (where scipy differs, it returns other values at the
 * boundaries): mean `location` when df > 1, else `NaN`; variance `scale² · df / (df − 2)` when df > 2,
 * `Infinity` when 1 < df <= 2, `NaN` when df <= 1.
 *
 * @param df - degrees of freedom ν, finite and > 0
 * @param options - `location` (finite, default 0) and `scale` (finite and > 0, default 1), in the unit
 *   of the samples
 * Refused regions, where doubles cannot carry the distribution: `df < 0.1` (at df = 0.005, 2.8% of
 * the mass lies beyond the largest double and sampled as ±Infinity); a location and scale that put
 * more than 1e-17 of the mass beyond the largest double; and `scale < 2^-40 · max(|location|, 2^-994)`, too narrow
 * for the doubles near the location to resolve (the same rule as {@link normal}'s).
 *
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `df` or `scale` is NaN, infinite or <= 0,
 *   `location` is NaN or infinite, `df < 0.1`, more than 1e-17 of the mass lies beyond the largest
 *   double, or `scale < 2^-40 · max(|location|, 2^-994)`
 *
 * @example
 * ```ts
 * import { createRng, studentT } from 'salvo';
 * const errorMm = studentT(5, { location: 10, scale: 2 });
 * errorMm.mean;            // => 10
 * errorMm.variance;        // => 6.666666666666667
 * errorMm.quantile(0.975); // => 15.141163671272627
 * errorMm.cdf(12);         // => 0.8183912661754383
 * errorMm.sample(3, createRng('doc')); // => Float64Array(3)
 * ```
 */
export function studentT(df: number, options: StudentTOptions = {}): ContinuousDistribution {
  requirePositive('studentT', 'df', df);
  requireKnownOptions('studentT', 'options', options, STUDENT_T_OPTION_NAMES);
  const location = options.location ?? 0;
  const scale = options.scale ?? 1;
  requireFinite('studentT', 'location', location);
  requirePositive('studentT', 'scale', scale);
  if (df < STUDENT_T_MIN_DF) {
    throw invalidParameter(
      'studentT',
      'df',
      `df must be at least ${STUDENT_T_MIN_DF}, got ${show(df)}: below it a noticeable share of the ` +
        'distribution lies beyond the largest double (2.8% for df = 0.005), so samples and quantiles ' +
        'would be ±Infinity',
      df,
    );
  }
  // Probability that location + scale · T lies beyond the largest double.
  const overflow = 2 * studentTCdf(-(Number.MAX_VALUE - Math.abs(location)) / scale, df);
  if (!(overflow <= 1e-17)) {
    throw invalidParameter(
      'studentT',
      'scale',
      `location = ${show(location)}, scale = ${show(scale)} with df = ${show(df)} put probability ` +
        `${show(overflow)} beyond the largest double, so samples would be ±Infinity; rescale the ` +
        'quantity (another unit)',
      scale,
    );
  }
  if (scale < 2 ** -40 * Math.max(Math.abs(location), 2 ** -994)) {
    throw invalidParameter(
      'studentT',
      'scale',
      `scale = ${show(scale)} is below 2^-40 · max(|location|, 2^-994) (location = ${show(location)}): the doubles ` +
        'near the location are too coarse to resolve that spread, so samples, cdf and quantile would ' +
        'disagree; subtract the location (model the deviation) or widen scale',
      scale,
    );
  }
  return written(Object.freeze(new StudentT(df, location, scale)), 'studentT', [
    df,
    givenOptions(options, STUDENT_T_OPTION_NAMES),
  ]);
}
