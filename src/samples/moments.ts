/**
 * Moments of a sample vector: the mean with compensated sums (TwoSum), and the variance and standard
 * deviation by the corrected two-pass algorithm, rescaled where squares would overflow. `Samples`
 * caches the {@link Moments} and `summarize` reuses them.
 * @module
 */
import { SalvoError } from '../errors.js';
import { optionNames, requireKnownOptions, show } from '../validate.js';
import { emptyError, type SampleValues, toFloat64 } from './values.js';

/**
 * The finite values' count, compensated mean and sum of squared deviations, with the extremes. One
 * object so that `Samples` can cache it and `summarize` can reuse it.
 * @internal
 */
export interface Moments {
  /** All values, finite or not. */
  readonly n: number;
  /** Values set aside as NaN or ±Infinity. */
  readonly nonFinite: number;
  /** Of those, the -Infinity values. */
  readonly negInfinite: number;
  /** `n - nonFinite`. */
  readonly count: number;
  readonly mean: number;
  /** Sum of squared deviations from the mean, divided by `scale²` (see `scale`). */
  readonly ss: number;
  /** 1, or 2^600 when the squared deviations had to be scaled down to avoid overflow. */
  readonly scale: number;
  readonly min: number;
  readonly max: number;
}

const DOWN = 2 ** -600;
const UP = 2 ** 600;

/** The first-pass part of {@link Moments}: everything but the sum of squares. */
type Location = Omit<Moments, 'ss' | 'scale'>;

/**
 * Pass one over the finite values: count, min, max and the mean from a compensated sum. The
 * compensation is Knuth's branch-free TwoSum (the error of every addition is recovered exactly and
 * accumulated), so the result is as accurate as Neumaier's variant without its data-dependent branch,
 * which random-sign samples would mispredict half the time. A sum that overflows is redone on values
 * scaled by 2^-600 (exact: a power of two).
 * @internal
 */
export function location(v: Float64Array): Location {
  const n = v.length;
  let sum = 0;
  let comp = 0;
  let count = 0;
  let negInfinite = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x - x !== 0) {
      if (x === -Infinity) negInfinite++;
      continue;
    }
    count++;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
    const t = sum + x;
    const bp = t - sum;
    comp += sum - (t - bp) + (x - bp);
    sum = t;
  }
  const nonFinite = n - count;
  let mean = count === 0 ? 0 : (sum + comp) / count;
  if (count > 0 && !Number.isFinite(mean)) mean = scaledMean(v, count);
  return { n, nonFinite, negInfinite, count, mean, min: lo, max: hi };
}

/**
 * Both passes: {@link location}, then the "corrected two-pass" sum of squares Σd² − (Σd)²/m with
 * d = x − mean (Chan, Golub & LeVeque 1983), Σd² compensated. Deviations whose squares overflow are
 * rescaled by 2^-600, and `scale` says so.
 * @internal
 */
export function moments(v: Float64Array): Moments {
  const l = location(v);
  if (l.count === 0) return { ...l, ss: 0, scale: 1 };
  let scale = 1;
  let ss = sumSquaredDeviations(v, l.mean, 1);
  if (!Number.isFinite(ss)) {
    scale = UP;
    ss = sumSquaredDeviations(v, l.mean, DOWN);
  }
  return { ...l, ss, scale };
}

/** Mean of values whose plain sum overflows: sums x/2^600 instead (exact scaling by a power of two). */
function scaledMean(v: Float64Array, count: number): number {
  const n = v.length;
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const x0 = v[i];
    if (x0 - x0 !== 0) continue;
    const x = x0 * DOWN;
    const t = sum + x;
    const bp = t - sum;
    comp += sum - (t - bp) + (x - bp);
    sum = t;
  }
  return ((sum + comp) / count) * UP;
}

function sumSquaredDeviations(v: Float64Array, mean: number, factor: number): number {
  const n = v.length;
  const m = mean * factor;
  let s2 = 0;
  let c2 = 0;
  // Σd only corrects the result to second order: a plain sum is accurate enough.
  let s1 = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x - x !== 0) continue;
    count++;
    const d = x * factor - m;
    const d2 = d * d;
    const t = s2 + d2;
    const bp = t - s2;
    c2 += s2 - (t - bp) + (d2 - bp);
    s2 = t;
    s1 += d;
  }
  const ss = s2 + c2 - (s1 * s1) / count;
  return Math.max(ss, 0);
}

/**
 * Arithmetic mean of the finite values, with a compensated sum (TwoSum): `mean([1e16, 1, -1e16])` is
 * `1/3`, where a naive sum gives 0.
 * @param values - the samples
 * @returns the mean of the finite samples
 * @throws {@link SalvoError} `EMPTY_DATA` when there is no finite value
 * @example
 * ```ts
 * import { mean } from 'salvo';
 * mean(Float64Array.of(1, 2, 3, 4)); // => 2.5
 * mean([1e16, 1, -1e16]);            // => 0.3333333333333333
 * mean([1, 2, NaN]);                 // => 1.5 (nonFiniteCount says 1 value was set aside)
 * ```
 */
export function mean(values: SampleValues): number {
  const v = toFloat64('mean', values);
  const m = location(v);
  if (m.count === 0) throw emptyError('mean', 0, m.nonFinite);
  return m.mean;
}

/**
 * Options of {@link variance} and {@link sd}.
 *
 * @example
 * ```ts
 * import { sd, variance } from 'salvo';
 * variance([1, 2, 3, 4]);            // => 1.6666666666666667 (ddof 1)
 * variance([1, 2, 3, 4], { ddof: 0 }); // => 1.25
 * sd([1, 2, 3, 4], { ddof: 0 });       // => 1.118033988749895
 * ```
 */
export interface VarianceOptions {
  /**
   * Delta degrees of freedom: the divisor is `count - ddof`. 1 (the default) gives the unbiased sample
   * variance, as R's `var` and simple-statistics' `sampleVariance`; 0 gives the population variance, as
   * numpy's `np.var` default.
   */
  readonly ddof?: 0 | 1;
}

/** The names {@link VarianceOptions} knows, for `UNKNOWN_OPTION`. */
const VARIANCE_OPTION_NAMES = optionNames<VarianceOptions>()(['ddof']);

/** @internal Reads and checks `options.ddof` (default 1). */
export function readDdof(where: string, options: VarianceOptions | undefined): 0 | 1 {
  requireKnownOptions(where, 'options', options, VARIANCE_OPTION_NAMES);
  const ddof = options?.ddof ?? 1;
  if (ddof !== 0 && ddof !== 1) {
    throw new SalvoError('INVALID_PARAMETER', `${where}: ddof must be 0 or 1, got ${show(ddof)}`, {
      parameter: 'ddof',
      value: ddof,
    });
  }
  return ddof;
}

/** @internal Variance from precomputed moments. */
export function varianceFrom(m: Moments, ddof: number): number {
  return (m.ss / (m.count - ddof)) * m.scale * m.scale;
}

/**
 * Variance of the finite values: the corrected two-pass algorithm with compensated sums. Divides by
 * `count - 1` unless `ddof: 0` is asked.
 * @param values - the samples
 * @param options - `ddof` (0 or 1, default 1)
 * @returns the variance of the finite samples
 * @throws {@link SalvoError} `EMPTY_DATA` when there are no more than `ddof` finite values;
 *   `INVALID_PARAMETER` when `ddof` is neither 0 nor 1
 * @example
 * ```ts
 * import { variance } from 'salvo';
 * variance(Float64Array.of(1, 2, 3, 4));              // => 1.6666666666666667
 * variance(Float64Array.of(1, 2, 3, 4), { ddof: 0 }); // => 1.25
 * ```
 */
export function variance(values: SampleValues, options?: VarianceOptions): number {
  const v = toFloat64('variance', values);
  const ddof = readDdof('variance', options);
  const m = moments(v);
  if (m.count <= ddof) throw emptyError('variance', m.count, m.nonFinite, ddof + 1);
  return varianceFrom(m, ddof);
}

/** @internal Standard deviation from precomputed moments. */
export function sdFrom(m: Moments, ddof: number): number {
  return Math.sqrt(m.ss / (m.count - ddof)) * m.scale;
}

/**
 * Standard deviation of the finite values: the square root of {@link variance} (computed on the
 * rescaled sum, so it stays finite where the variance itself would overflow).
 * @param values - the samples
 * @param options - `ddof` (0 or 1, default 1)
 * @returns the standard deviation of the finite samples
 * @throws {@link SalvoError} `EMPTY_DATA` when there are no more than `ddof` finite values;
 *   `INVALID_PARAMETER` when `ddof` is neither 0 nor 1
 * @example
 * ```ts
 * import { sd } from 'salvo';
 * sd(Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9));              // => 2.138089935299395
 * sd(Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9), { ddof: 0 }); // => 2
 * ```
 */
export function sd(values: SampleValues, options?: VarianceOptions): number {
  const v = toFloat64('sd', values);
  const ddof = readDdof('sd', options);
  const m = moments(v);
  if (m.count <= ddof) throw emptyError('sd', m.count, m.nonFinite, ddof + 1);
  return sdFrom(m, ddof);
}
