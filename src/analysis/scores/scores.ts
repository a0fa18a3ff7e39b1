/**
 * Proper scores of a forecast against what happened (T. Gneiting and A. E. Raftery, "Strictly Proper
 * Scoring Rules, Prediction, and Estimation", Journal of the American Statistical Association 102(477),
 * 2007, 359–378): the continuous ranked probability score (CRPS) and the logarithmic score of a
 * forecast given by samples (optionally weighted) or by a normal distribution, the interval score of a
 * central interval, and whether an interval covers the observation. Lower scores are better; the CRPS
 * and the interval score are in the unit of the quantity (the CRPS of a point forecast is its absolute
 * error), the log score in nats. {@link backtest} scores projections made before a date against what
 * was observed after it with all of them (issue 20).
 * @module
 */
import { SalvoError } from '../../errors.js';
import { quantiles } from '../../samples/quantiles.js';
import { weightedQuantiles } from '../../samples/weighted.js';
import { normalCdf } from '../../special/normal.js';
import {
  optionNames,
  requireFinite,
  requireKnownOptions,
  requirePositive,
  show,
} from '../../validate.js';

const ONE_OVER_SQRT_PI = 0.5641895835477563;
const ONE_OVER_SQRT_TWO_PI = 0.3989422804014327;
const HALF_LOG_TWO_PI = 0.9189385332046728;

/**
 * A forecast's samples, checked (an array, not empty, every value finite) and copied. `name` is what
 * messages and `parameter` call them (`samples`, or a path such as `forecasts[2].samples`).
 * @internal
 */
export function requireSamples(where: string, samples: unknown, name = 'samples'): Float64Array {
  if (!(samples instanceof Float64Array) && !Array.isArray(samples)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${name} must be a Float64Array or an array of numbers, got ${show(samples)}`,
      { parameter: name, value: samples },
    );
  }
  if (samples.length === 0) {
    throw new SalvoError('EMPTY_DATA', `${where}: ${name} must hold at least one value, got none`, {
      parameter: name,
      value: samples,
    });
  }
  const copy = new Float64Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    copy[i] = requireFinite(where, `${name}[${i}]`, samples[i]);
  }
  return copy;
}

/**
 * A forecast's weights, checked (one per sample, finite, >= 0, not all 0) and copied; `name` as in
 * {@link requireSamples}.
 * @internal
 */
export function requireWeights(
  where: string,
  weights: unknown,
  n: number,
  name = 'weights',
): Float64Array {
  if (!(weights instanceof Float64Array) && !Array.isArray(weights)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${name} must be a Float64Array or an array of numbers, got ${show(weights)}`,
      { parameter: name, value: weights },
    );
  }
  if (weights.length !== n) {
    throw new SalvoError(
      'LENGTH_MISMATCH',
      `${where}: ${name} must have one entry per sample (${n}), got ${weights.length}`,
      { parameter: name, value: weights },
    );
  }
  const copy = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (typeof w !== 'number' || !(w >= 0) || w === Number.POSITIVE_INFINITY) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: ${name}[${i}] must be a finite number >= 0, got ${show(w)}`,
        { parameter: `${name}[${i}]`, value: w },
      );
    }
    copy[i] = w;
    total += w;
  }
  if (!(total > 0)) {
    throw new SalvoError('INVALID_PARAMETER', `${where}: ${name} must not all be 0`, {
      parameter: name,
      value: weights,
    });
  }
  return copy;
}

/**
 * The CRPS of a forecast given by samples (a run's samples of a node; with `.observe`, pass
 * `run.weights()` too) against the observed value: ∫ (F(x) − 1{x ≥ observed})² dx for the samples'
 * (weighted) empirical distribution F, computed as E|X − y| − ½ E|X − X′| after one sort, O(n log n).
 * It rewards forecasts that are both sharp and right: 0 only for all samples exactly at the
 * observation; for one sample it is the absolute error. This is the empirical distribution's own CRPS
 * (as `properscoring.crps_ensemble` computes it), slightly above the CRPS of the distribution the
 * samples come from, by E|X − X′| / (2n) on average.
 *
 * @param samples - the forecast's samples, finite
 * @param observed - what happened, finite
 * @param weights - one non-negative weight per sample (not all 0), for a weighted forecast
 * @returns the score, in the quantity's unit (lower is better)
 * @throws {@link SalvoError} `INVALID_PARAMETER` for a non-finite sample, observation or weight;
 *   `EMPTY_DATA` for no samples; `LENGTH_MISMATCH` for weights of another length
 *
 * @example
 * ```ts
 * import { crps } from 'salvo';
 * crps([1, 2, 3], 2);          // => 0.2222222222222222 (E|X − 2| = 2/3, less half of E|X − X′| = 8/9)
 * crps([5], 3);                // => 2 (one sample: the absolute error)
 * crps([0, 10], 0, [3, 1]);    // => 0.625 (weighted: 3/4 of the forecast at 0)
 * ```
 */
export function crps(
  samples: Float64Array | readonly number[],
  observed: number,
  weights?: Float64Array | readonly number[],
): number {
  const where = 'crps';
  const xs = requireSamples(where, samples);
  const y = requireFinite(where, 'observed', observed);
  const w = weights === undefined ? undefined : requireWeights(where, weights, xs.length);
  return crpsOfChecked(xs, y, w);
}

/**
 * {@link crps} of samples and weights already checked (and copied: the samples are sorted in place).
 * @internal
 */
export function crpsOfChecked(xs: Float64Array, y: number, w: Float64Array | undefined): number {
  const n = xs.length;
  if (w === undefined) {
    xs.sort();
    // E|X − y| and ½ E|X − X′| = (1/n²) Σ (2i − n − 1) x_(i) (i from 1), on the sorted samples.
    let absolute = 0;
    let spread = 0;
    for (let i = 0; i < n; i++) {
      absolute += Math.abs(xs[i] - y);
      spread += (2 * (i + 1) - n - 1) * xs[i];
    }
    return absolute / n - spread / (n * n);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a] - xs[b]);
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i];
  // With weights normalised to p: ½ E|X − X′| = Σ p_i x_(i) (2 C_(i−1) + p_i − 1), C the cumulative.
  let absolute = 0;
  let spread = 0;
  let before = 0;
  for (const i of order) {
    const p = w[i] / total;
    absolute += p * Math.abs(xs[i] - y);
    spread += p * xs[i] * (2 * before + p - 1);
    before += p;
  }
  return absolute - spread;
}

/**
 * The CRPS of a normal forecast N(mean, sd²) against the observed value, in closed form:
 * sd · [z (2Φ(z) − 1) + 2φ(z) − 1/√π] with z = (observed − mean) / sd (Gneiting and Raftery 2007).
 *
 * @param mean - the forecast's mean, finite
 * @param sd - its standard deviation, finite and > 0
 * @param observed - what happened, finite
 * @returns the score, in the quantity's unit (lower is better)
 * @throws {@link SalvoError} `INVALID_PARAMETER` for a non-finite mean or observation, or an sd that is
 *   not a finite number > 0
 *
 * @example
 * ```ts
 * import { crpsNormal } from 'salvo';
 * crpsNormal(0, 1, 0);     // => about 0.23369497725510913 (2φ(0) − 1/√π)
 * crpsNormal(10, 2, 13);   // => about 1.9888480079549058 (scipy)
 * ```
 */
export function crpsNormal(mean: number, sd: number, observed: number): number {
  const where = 'crpsNormal';
  requireFinite(where, 'mean', mean);
  requirePositive(where, 'sd', sd);
  requireFinite(where, 'observed', observed);
  const z = (observed - mean) / sd;
  const density = ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * z * z);
  return sd * (z * (2 * normalCdf(z) - 1) + 2 * density - ONE_OVER_SQRT_PI);
}

/**
 * Options of {@link logScore}.
 *
 * @example
 * ```ts
 * import { logScore, type LogScoreOptions } from 'salvo';
 * const options: LogScoreOptions = { bandwidth: 1 };
 * logScore([2], 2, undefined, options); // => about 0.9189385332046728 (½ log 2π: N(2, 1) at its mean)
 * ```
 */
export interface LogScoreOptions {
  /**
   * The kernels' standard deviation, in the quantity's unit: finite and > 0. Default: Silverman's
   * rule, 0.9 · min(sd, IQR / 1.34) · n^(−1/5), weighted as {@link logScore} says.
   */
  readonly bandwidth?: number;
}

/** The names {@link LogScoreOptions} knows, for `UNKNOWN_OPTION`. */
const LOG_SCORE_OPTION_NAMES = optionNames<LogScoreOptions>()(['bandwidth']);

/**
 * The logarithmic score of a forecast given by samples (with `.observe`, pass `run.weights()` too)
 * against the observed value: −log f(observed), for f the Gaussian kernel density estimate of the
 * (weighted) samples, f(y) = Σ wᵢ φ((y − xᵢ) / h) / (h Σ wᵢ). Like the other scores lower is better; it
 * is in nats and may be negative (a sharp forecast that is right has a density above 1). It punishes a
 * confident miss far more than the CRPS does: the score grows with the square of the miss in
 * bandwidths. It is computed by log-sum-exp, so that an observation far outside the samples gets a
 * large finite score rather than `Infinity` (finite as long as the distance in bandwidths, squared,
 * is a finite double: up to about 10¹⁵⁴ bandwidths).
 *
 * The bandwidth h is Silverman's rule of thumb (B. W. Silverman, "Density Estimation for Statistics
 * and Data Analysis", Chapman & Hall, 1986, eq. 3.31; R's `bw.nrd0`), 0.9 · min(sd, IQR / 1.34) ·
 * nEff^(−1/5), unless `options.bandwidth` gives it. With weights, sd is the weighted standard deviation
 * with the reliability-weights correction (Σw(x − x̄)² / (Σw − Σw² / Σw), which is the usual n − 1 sd
 * for equal weights), the IQR comes from the weighted quantiles by the inverted CDF (as
 * `run.quantile` reads a weighted run; type 7 without weights), and nEff = (Σw)² / Σw², the
 * effective sample size (n without weights). An IQR of 0 (over half the weight on one value) uses the
 * sd alone. The kernel density adds h² to the variance of the samples, so the score of n samples of a
 * normal forecast is close to, not equal to, {@link logScoreNormal}'s; the gap shrinks as n^(−2/5).
 *
 * @param samples - the forecast's samples, finite
 * @param observed - what happened, finite
 * @param weights - one non-negative weight per sample (not all 0), for a weighted forecast
 * @param options - `bandwidth`, to set the kernels' standard deviation instead of Silverman's rule
 * @returns the score, in nats (lower is better)
 * @throws {@link SalvoError} `INVALID_PARAMETER` for a non-finite sample, observation or weight, a
 *   bandwidth that is not a finite number > 0, or, without a bandwidth, a point forecast (all samples
 *   of positive weight equal, or only one): it has no spread to set a bandwidth from, and no density
 *   (samples spread so little, or so much, that Silverman's bandwidth is 0 or infinite in doubles too);
 *   `EMPTY_DATA` for no samples; `LENGTH_MISMATCH` for weights of another length; `UNKNOWN_OPTION`
 *
 * @example
 * ```ts
 * import { logScore } from 'salvo';
 * logScore([1, 2, 3], 2);                               // => about 1.0937030767609728 (bandwidth 0.539; scipy)
 * logScore([1, 2, 3], 2, undefined, { bandwidth: 1 });  // => about 1.223174052455139
 * logScore([0, 10], 0, [3, 1], { bandwidth: 1 });       // => about 1.206620605656454 (3/4 of it at 0)
 * logScore([1, 2, 3], 1_000);                           // => about 1709754.5 (a bad miss, still finite)
 * ```
 */
export function logScore(
  samples: Float64Array | readonly number[],
  observed: number,
  weights?: Float64Array | readonly number[],
  options: LogScoreOptions = {},
): number {
  const where = 'logScore';
  requireKnownOptions(where, 'options', options, LOG_SCORE_OPTION_NAMES);
  const xs = requireSamples(where, samples);
  const y = requireFinite(where, 'observed', observed);
  const w = weights === undefined ? undefined : requireWeights(where, weights, xs.length);
  const bandwidth =
    options.bandwidth === undefined
      ? undefined
      : requirePositive(where, 'bandwidth', options.bandwidth);
  return logScoreOfChecked(
    where,
    'samples',
    xs,
    y,
    w,
    bandwidth,
    'pass options.bandwidth to score it as a normal of that sd',
  );
}

/**
 * {@link logScore} of samples and weights already checked; without a bandwidth, a point forecast's
 * error calls the samples `name` and ends with `advice`. A caller that has the samples' quartiles
 * (read as {@link logScore} reads them) passes them as `quartiles`, so that they are not found twice.
 * @internal
 */
export function logScoreOfChecked(
  where: string,
  name: string,
  xs: Float64Array,
  y: number,
  w: Float64Array | undefined,
  bandwidth: number | undefined,
  advice: string,
  quartiles?: readonly [number, number],
): number {
  const h = bandwidth ?? silvermanBandwidth(where, name, xs, w, advice, quartiles);
  const n = xs.length;
  // log f(y) = log Σ exp(aᵢ) − log Σw − log h − ½ log 2π with aᵢ = log wᵢ − ½ ((y − xᵢ)/h)²: the
  // largest aᵢ is taken out of the sum, whose terms are then at most 1 and the largest exactly 1.
  let top = Number.NEGATIVE_INFINITY;
  let total = 0;
  let sum = 0;
  if (w === undefined) {
    for (let i = 0; i < n; i++) {
      const z = (y - xs[i]) / h;
      const a = -0.5 * z * z;
      if (a > top) top = a;
    }
    for (let i = 0; i < n; i++) {
      const z = (y - xs[i]) / h;
      sum += Math.exp(-0.5 * z * z - top);
    }
    total = n;
  } else {
    const exponents = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      total += w[i];
      const z = (y - xs[i]) / h;
      const a = w[i] > 0 ? Math.log(w[i]) - 0.5 * z * z : Number.NEGATIVE_INFINITY;
      exponents[i] = a;
      if (a > top) top = a;
    }
    for (let i = 0; i < n; i++) sum += Math.exp(exponents[i] - top);
  }
  // Only a distance whose square overflows leaves every exponent at −∞: the score is beyond a double.
  if (top === Number.NEGATIVE_INFINITY) return Number.POSITIVE_INFINITY;
  return -(top + Math.log(sum)) + Math.log(total) + Math.log(h) + HALF_LOG_TWO_PI;
}

/** Silverman's rule of thumb for the samples' (weighted) kernel density estimate; see {@link logScore}. */
function silvermanBandwidth(
  where: string,
  name: string,
  xs: Float64Array,
  w: Float64Array | undefined,
  advice: string,
  quartiles?: readonly [number, number],
): number {
  const n = xs.length;
  let v1 = 0;
  let v2 = 0;
  let weighted = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const wi = w === undefined ? 1 : w[i];
    if (!(wi > 0)) continue;
    v1 += wi;
    v2 += wi * wi;
    weighted += wi * xs[i];
    if (xs[i] < lo) lo = xs[i];
    if (xs[i] > hi) hi = xs[i];
  }
  // Compared directly, not through the sd: the mean of equal values need not round back to them.
  if (lo === hi) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${name} is a point forecast (every sample of positive weight is ${show(lo)}): it has no density, and no spread to set a kernel bandwidth from; ${advice}`,
      { parameter: name, value: lo },
    );
  }
  const mean = weighted / v1;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const wi = w === undefined ? 1 : w[i];
    const d = xs[i] - mean;
    squares += wi * d * d;
  }
  const sd = Math.sqrt(squares / (v1 - v2 / v1));
  const [q25, q75] =
    quartiles ??
    (w === undefined ? quantiles(xs, [0.25, 0.75]) : weightedQuantiles(xs, w, [0.25, 0.75]));
  const iqr = q75 - q25;
  const spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
  const h = 0.9 * spread * ((v1 * v1) / v2) ** -0.2;
  if (!(h > 0 && h < Number.POSITIVE_INFINITY)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${name} spread too little or too much for a double (sd ${show(sd)}, IQR ${show(iqr)}) to set a kernel bandwidth from; ${advice}`,
      { parameter: name, value: h },
    );
  }
  return h;
}

/**
 * The logarithmic score of a normal forecast N(mean, sd²) against the observed value, in closed form:
 * −log φ(observed; mean, sd) = ½ log(2π sd²) + (observed − mean)² / (2 sd²).
 *
 * @param mean - the forecast's mean, finite
 * @param sd - its standard deviation, finite and > 0
 * @param observed - what happened, finite
 * @returns the score, in nats (lower is better)
 * @throws {@link SalvoError} `INVALID_PARAMETER` for a non-finite mean or observation, or an sd that is
 *   not a finite number > 0
 *
 * @example
 * ```ts
 * import { logScoreNormal } from 'salvo';
 * logScoreNormal(0, 1, 0);     // => about 0.9189385332046728 (½ log 2π)
 * logScoreNormal(10, 2, 13);   // => about 2.737085713764618 (scipy: -norm.logpdf(13, 10, 2))
 * ```
 */
export function logScoreNormal(mean: number, sd: number, observed: number): number {
  const where = 'logScoreNormal';
  requireFinite(where, 'mean', mean);
  requirePositive(where, 'sd', sd);
  requireFinite(where, 'observed', observed);
  const z = (observed - mean) / sd;
  // log sd rather than ½ log sd², which overflows for an sd above 1e154.
  return Math.log(sd) + HALF_LOG_TWO_PI + 0.5 * z * z;
}

/**
 * The interval score of a central interval [lower, upper] at `level` against the observed value:
 * its width, plus 2/α times how far the observation falls outside it (α = 1 − level). It rewards
 * narrow intervals and penalises misses in proportion to their size; its mean over many forecasts is
 * lowest for intervals between the true (1 − level)/2 and (1 + level)/2 quantiles.
 *
 * @param interval - `lower`, `upper` (finite, lower <= upper) and `level` in (0, 1), as
 *   `run.interval(name)` gives them
 * @param observed - what happened, finite
 * @returns the score, in the quantity's unit (lower is better)
 * @throws {@link SalvoError} `INVALID_PARAMETER` for non-finite bounds or observation, `lower > upper`,
 *   or a level outside (0, 1)
 *
 * @example
 * ```ts
 * import { intervalScore } from 'salvo';
 * intervalScore({ lower: 2, upper: 6, level: 0.9 }, 5);  // => 4 (inside: the width)
 * intervalScore({ lower: 2, upper: 6, level: 0.5 }, 7);  // => 8 (4 + 2/0.5 × 1: missed by 1)
 * ```
 */
export function intervalScore(
  interval: { readonly lower: number; readonly upper: number; readonly level: number },
  observed: number,
): number {
  const where = 'intervalScore';
  const { lower, upper, level } = readInterval(where, interval);
  const y = requireFinite(where, 'observed', observed);
  const penalty = 2 / (1 - level);
  return upper - lower + penalty * Math.max(0, lower - y) + penalty * Math.max(0, y - upper);
}

/**
 * Whether a central interval covers the observed value (bounds included): over many forecasts the
 * share covered should be close to the intervals' level.
 *
 * @param interval - `lower` and `upper` (finite, lower <= upper) and `level` in (0, 1)
 * @param observed - what happened, finite
 * @returns true when lower <= observed <= upper
 * @throws {@link SalvoError} `INVALID_PARAMETER` as {@link intervalScore}
 *
 * @example
 * ```ts
 * import { covers } from 'salvo';
 * covers({ lower: 2, upper: 6, level: 0.5 }, 6);  // => true
 * covers({ lower: 2, upper: 6, level: 0.5 }, 7);  // => false
 * ```
 */
export function covers(
  interval: { readonly lower: number; readonly upper: number; readonly level: number },
  observed: number,
): boolean {
  const where = 'covers';
  const { lower, upper } = readInterval(where, interval);
  const y = requireFinite(where, 'observed', observed);
  return lower <= y && y <= upper;
}

function readInterval(
  where: string,
  interval: unknown,
): { lower: number; upper: number; level: number } {
  if (typeof interval !== 'object' || interval === null) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: interval must be { lower, upper, level }, got ${show(interval)}`,
      { parameter: 'interval', value: interval },
    );
  }
  const { lower, upper, level } = interval as Record<string, unknown>;
  requireFinite(where, 'interval.lower', lower);
  requireFinite(where, 'interval.upper', upper);
  if ((lower as number) > (upper as number)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: interval.lower must not be above interval.upper, got ${show(lower)} > ${show(upper)}`,
      { parameter: 'interval.lower', value: lower },
    );
  }
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: interval.level must be a probability strictly between 0 and 1, got ${show(level)}`,
      { parameter: 'interval.level', value: level },
    );
  }
  return { lower: lower as number, upper: upper as number, level };
}
