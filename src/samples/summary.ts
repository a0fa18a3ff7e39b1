/**
 * Exact summaries of a sample vector: mean, variance and standard deviation with compensated sums,
 * extremes, quantiles (type 7) by selection, histograms (numpy's conventions), the empirical CDF and tail
 * probabilities.
 *
 * **Non-finite values.** A model that divides by zero produces `Infinity` or `NaN` in some samples. Every
 * summary here describes the *finite* samples only and never returns a NaN-contaminated number: NaN,
 * `Infinity` and `-Infinity` are set aside and counted, and results that are objects report that count as
 * `nonFinite` (for the plain-number functions, ask {@link nonFiniteCount}). Infinities are set aside too,
 * not just NaN, so that the mean, the quantiles and the extremes all describe the same finite subset. A
 * summary with no finite value to describe throws `EMPTY_DATA`, naming how many values were non-finite.
 *
 * Every function takes a `Float64Array` (or a `number[]`, copied once into one) and never modifies it.
 * @module
 */
import { SalvoError } from '../errors.js';
import { countAtMost } from '../special/search.js';
import { requireProbability, show } from '../validate.js';
import { histogramRanks, selectRanks } from './select.js';

/**
 * What the summary functions accept: a `Float64Array`, or a plain array that is copied into one.
 *
 * @example
 * ```ts
 * import { mean, type SampleValues } from 'salvo';
 * const typed: SampleValues = Float64Array.of(1, 2, 3);
 * const plain: SampleValues = [1, 2, 3];
 * mean(typed) === mean(plain); // => true
 * ```
 */
export type SampleValues = Float64Array | readonly number[];

/**
 * A comparison operator understood by {@link probability}.
 *
 * @example
 * ```ts
 * import { type ComparisonOp, probability } from 'salvo';
 * const op: ComparisonOp = '>=';
 * probability([1, 2, 3, 4, 5], op, 4);    // => 0.4
 * probability([1, 2, 3, 4, 5], '!=', 3);  // => 0.8
 * ```
 */
export type ComparisonOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

const COMPARISON_OPS: readonly ComparisonOp[] = ['<', '<=', '>', '>=', '==', '!='];

/**
 * How quantiles are found (measured with `npx tsx benchmarks/quantiles.ts`; see the header of
 * select.ts):
 * - With at least `HISTOGRAM_MIN` finite values and at most m / `HISTOGRAM_SORT_RATIO` ranks:
 *   histogram selection, two passes over the data and copies of only the values that share a bucket
 *   with a wanted rank.
 * - Otherwise Floyd–Rivest selection of all needed ranks on one copy of the finite values, unless
 *   more than m / `SORT_RATIO` ranks are needed, where one typed-array sort of the copy is cheaper.
 */
const HISTOGRAM_MIN = 4096;
const HISTOGRAM_SORT_RATIO = 16;
const SORT_RATIO = 64;

function toFloat64(where: string, values: SampleValues, parameter = 'values'): Float64Array {
  if (values instanceof Float64Array) return values;
  if (Array.isArray(values)) return Float64Array.from(values);
  throw new SalvoError(
    'INVALID_PARAMETER',
    `${where}: ${parameter} must be a Float64Array or an array of numbers, got ${show(values)}`,
    { parameter, value: values },
  );
}

function emptyError(where: string, finite: number, nonFinite: number, needed = 1): SalvoError {
  const what = needed === 1 ? 'at least one finite value' : `at least ${needed} finite values`;
  return new SalvoError(
    'EMPTY_DATA',
    `${where}: needs ${what}, got ${finite} finite and ${nonFinite} non-finite (NaN or ±Infinity)`,
    { parameter: 'values', value: finite },
  );
}

/** Throws unless `x` is a number other than NaN; ±Infinity are allowed. */
/** @internal */
export function requireComparable(where: string, parameter: string, x: unknown): number {
  if (typeof x !== 'number' || Number.isNaN(x)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${parameter} must be a number (not NaN), got ${show(x)}`,
      { parameter, value: x },
    );
  }
  return x;
}

/** @internal */
export function requireOp(where: string, op: unknown): ComparisonOp {
  if (!COMPARISON_OPS.includes(op as ComparisonOp)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: op must be one of '<', '<=', '>', '>=', '==', '!=', got ${show(op)}`,
      { parameter: 'op', value: op },
    );
  }
  return op as ComparisonOp;
}

// ---------------------------------------------------------------------------------------------------
// Counts and extremes

/**
 * Number of NaN, `Infinity` and `-Infinity` values: the samples every other summary sets aside.
 * @param values - the samples
 * @returns the count of non-finite values
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `values` is not an array
 * @example
 * ```ts
 * import { nonFiniteCount } from 'salvo';
 * nonFiniteCount(Float64Array.of(1, NaN, Infinity, -2)); // => 2
 * ```
 */
export function nonFiniteCount(values: SampleValues): number {
  const v = toFloat64('nonFiniteCount', values);
  return countNonFinite(v);
}

function countNonFinite(v: Float64Array): number {
  const n = v.length;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    // x - x is 0 for every finite x and NaN for NaN and ±Infinity.
    if (x - x !== 0) count++;
  }
  return count;
}

/**
 * Smallest finite value, by a plain loop (never `Math.min(...values)`, which overflows the stack on large
 * arrays).
 * @param values - the samples
 * @returns the smallest finite sample
 * @throws {@link SalvoError} `EMPTY_DATA` when there is no finite value
 * @example
 * ```ts
 * import { min } from 'salvo';
 * min(Float64Array.of(3, -Infinity, 1, NaN)); // => 1
 * ```
 */
export function min(values: SampleValues): number {
  const v = toFloat64('min', values);
  const n = v.length;
  let best = Infinity;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x - x !== 0) continue;
    count++;
    if (x < best) best = x;
  }
  if (count === 0) throw emptyError('min', 0, n);
  return best;
}

/**
 * Largest finite value, by a plain loop.
 * @param values - the samples
 * @returns the largest finite sample
 * @throws {@link SalvoError} `EMPTY_DATA` when there is no finite value
 * @example
 * ```ts
 * import { max } from 'salvo';
 * max(Float64Array.of(3, Infinity, 1, NaN)); // => 3
 * ```
 */
export function max(values: SampleValues): number {
  const v = toFloat64('max', values);
  const n = v.length;
  let best = -Infinity;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x - x !== 0) continue;
    count++;
    if (x > best) best = x;
  }
  if (count === 0) throw emptyError('max', 0, n);
  return best;
}

// ---------------------------------------------------------------------------------------------------
// Moments

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

/** @internal Reads and checks `options.ddof` (default 1). */
export function readDdof(where: string, options: VarianceOptions | undefined): 0 | 1 {
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

// ---------------------------------------------------------------------------------------------------
// Quantiles

/**
 * A copy of the finite values of `v` (a fresh buffer the selection may reorder).
 */
function finiteCopy(v: Float64Array, nonFinite: number): Float64Array {
  if (nonFinite === 0) return v.slice();
  const out = new Float64Array(v.length - nonFinite);
  const n = v.length;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x - x === 0) out[m++] = x;
  }
  return out;
}

/**
 * Type-7 interpolation between the order statistics at `lo = floor(h)` and `lo + 1`, with numpy's
 * `_lerp` rounding (`b - (b - a)(1 - t)` once `t >= 0.5`), so results match `np.quantile` to the last
 * bit. When `b - a` overflows (values near ±1.8e308) the weights are applied separately instead.
 */
function interpolate(a: number, b: number, t: number): number {
  if (t === 0) return a;
  const d = b - a;
  if (d - d !== 0) return (1 - t) * a + t * b;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/** How many values are NaN or ±Infinity, and the smallest and largest of the others. */
export interface FiniteRange {
  readonly nonFinite: number;
  readonly min: number;
  readonly max: number;
}

function finiteRange(v: Float64Array): FiniteRange {
  const n = v.length;
  let nonFinite = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x - x !== 0) nonFinite++;
    else {
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  return { nonFinite, min, max };
}

/**
 * The values of the (strictly increasing) `ranks` among the finite values of `v`, by the cheapest
 * exact method for their number (see `HISTOGRAM_MIN`).
 */
function orderStatistics(v: Float64Array, range: FiniteRange, ranks: Int32Array): Float64Array {
  const { nonFinite, min, max } = range;
  const m = v.length - nonFinite;
  if (m >= HISTOGRAM_MIN && ranks.length * HISTOGRAM_SORT_RATIO <= m) {
    return histogramRanks(v, ranks, min, max);
  }
  const a = finiteCopy(v, nonFinite);
  if (ranks.length * SORT_RATIO > m) a.sort();
  else selectRanks(a, ranks);
  const out = new Float64Array(ranks.length);
  for (let i = 0; i < ranks.length; i++) out[i] = a[ranks[i]];
  return out;
}

/** Index of `rank` in the ascending `ranks` (which contains it). */
function indexOfRank(ranks: Int32Array, rank: number): number {
  let lo = 0;
  let hi = ranks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranks[mid] < rank) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Type-7 quantiles of the `m` finite values of `v` at the (validated) probabilities `ps`: finds the
 * order statistics at floor(h) and floor(h) + 1 for every h = (m - 1)p, then interpolates.
 */
function quantilesOf(v: Float64Array, range: FiniteRange, ps: ArrayLike<number>): number[] {
  const m = v.length - range.nonFinite;
  const ranks = typeSevenRanks(m, ps);
  return typeSevenQuantiles(m, ps, ranks, orderStatistics(v, range, ranks));
}

/**
 * Type-7 quantiles at the (validated) probabilities `ps` of `m` finite values, from `values`, their
 * order statistics at `ranks` = {@link typeSevenRanks}(m, ps): numpy's interpolation between the
 * order statistics at floor(h) and floor(h) + 1 for every h = (m - 1)p. Shared by kept samples and
 * the exact windows of unkept nodes (src/model/exact.ts), so both give the same bits.
 * @internal
 */
export function typeSevenQuantiles(
  m: number,
  ps: ArrayLike<number>,
  ranks: Int32Array,
  values: Float64Array,
): number[] {
  const out = new Array<number>(ps.length);
  for (let i = 0; i < ps.length; i++) {
    const h = (m - 1) * ps[i];
    const lo = Math.floor(h);
    const t = h - lo;
    const at = indexOfRank(ranks, lo);
    out[i] = t === 0 ? values[at] : interpolate(values[at], values[at + 1], t);
  }
  return out;
}

/**
 * The ranks (strictly increasing) of the order statistics that type-7 quantiles at `ps` of `m` values
 * interpolate between: floor(h) and floor(h) + 1 for every h = (m - 1)p.
 * @internal
 */
export function typeSevenRanks(m: number, ps: ArrayLike<number>): Int32Array {
  const wanted = new Int32Array(2 * ps.length);
  let w = 0;
  for (let i = 0; i < ps.length; i++) {
    const h = (m - 1) * ps[i];
    const lo = Math.floor(h);
    wanted[w++] = lo;
    if (h > lo) wanted[w++] = lo + 1;
  }
  return uniqueSorted(wanted.subarray(0, w));
}

function uniqueSorted(xs: Int32Array): Int32Array {
  const sorted = xs.slice().sort();
  let u = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[u - 1]) sorted[u++] = sorted[i];
  }
  return sorted.subarray(0, u);
}

/**
 * The type-7 quantile of the finite values at probability `p` — the default of numpy (`'linear'`) and
 * of R: with the m finite values sorted as x₀ ≤ … ≤ x_{m−1} and h = (m − 1)·p, the result is
 * x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋), rounded as numpy rounds it. Found by selection, never by sorting
 * the whole array: on large inputs one pass counts the values in fine buckets of their bit patterns,
 * which says which bucket holds each order statistic, and a second pass collects the few values of
 * those buckets (no copy of the data); on small inputs, Floyd–Rivest selection on a copy. `-0` and `0`
 * are equal here; which one is returned when both occur is unspecified.
 * @param values - the samples
 * @param p - a probability in [0, 1]
 * @returns the interpolated quantile of the finite samples
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `p` is outside [0, 1] or NaN;
 *   `EMPTY_DATA` when there is no finite value
 * @example
 * ```ts
 * import { quantile } from 'salvo';
 * quantile(Float64Array.of(1, 2, 3, 4), 0.5);       // => 2.5
 * quantile(Float64Array.of(1, 2, 3, 4), 0.1);       // => 1.3
 * quantile(Float64Array.of(10, NaN, 20, 30), 0.75); // => 25
 * ```
 */
export function quantile(values: SampleValues, p: number): number {
  const v = toFloat64('quantile', values);
  requireProbability('quantile', 'p', p);
  const range = finiteRange(v);
  if (v.length === range.nonFinite) throw emptyError('quantile', 0, range.nonFinite);
  return quantilesOf(v, range, [p])[0];
}

/**
 * Several type-7 quantiles (see {@link quantile}) at once. On inputs of 4,096 finite values or more
 * they share the same two passes of histogram selection, up to m/16 order statistics; on smaller inputs
 * they are selected together on one copy of the finite values, each selection working on the range left
 * between order statistics already placed. Beyond those counts (m/16 on large inputs, m/64 on small
 * ones) one sort of a copy is cheaper and is used instead.
 * @param values - the samples
 * @param ps - probabilities in [0, 1], in any order
 * @returns the quantiles, in the order of `ps`
 * @throws {@link SalvoError} `INVALID_PARAMETER` naming `ps[i]` when one is outside [0, 1] or NaN;
 *   `EMPTY_DATA` when there is no finite value
 * @example
 * ```ts
 * import { quantiles } from 'salvo';
 * quantiles(Float64Array.of(5, 1, 4, 2, 3), [0.95, 0.05, 0.5]); // => [4.8, 1.2, 3]
 * ```
 */
export function quantiles(values: SampleValues, ps: readonly number[] | Float64Array): number[] {
  const v = toFloat64('quantiles', values);
  if (!Array.isArray(ps) && !(ps instanceof Float64Array)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `quantiles: ps must be an array of probabilities, got ${show(ps)}`,
      { parameter: 'ps', value: ps },
    );
  }
  for (let i = 0; i < ps.length; i++) requireProbability('quantiles', `ps[${i}]`, ps[i]);
  const range = finiteRange(v);
  if (v.length === range.nonFinite) throw emptyError('quantiles', 0, range.nonFinite);
  return quantilesOf(v, range, ps);
}

/**
 * {@link quantiles} of values whose count of non-finite values and finite extremes the caller knows
 * (the model engine has them in a node's moments), without the pass that finds them. `ps` must be
 * valid probabilities.
 * @internal
 */
export function quantilesInRange(
  v: Float64Array,
  ps: readonly number[],
  range: FiniteRange,
): number[] {
  if (v.length === range.nonFinite) throw emptyError('quantiles', 0, range.nonFinite);
  return quantilesOf(v, range, ps);
}

// ---------------------------------------------------------------------------------------------------
// Probabilities and the ECDF

/** How many finite values satisfy a comparison, and how many values are not finite. */
interface FiniteCount {
  readonly count: number;
  readonly nonFinite: number;
}

/**
 * How many finite `y` of `v` satisfy `y op x` (`x` not NaN), and how many values are not finite. The
 * comparisons are coin flips a branch predictor would miss, so one pass adds them up branch-free
 * (`+(y < x)`) over every value, and sums `y - y` (0 for every finite `y`, NaN otherwise) to learn
 * whether any value is not finite; only then does a second pass count those values and take their
 * part back out. `>`, `>=` and `!=` are counted as the complements, among finite values, of `<=`, `<`
 * and `==`.
 */
function countWhere(v: Float64Array, op: ComparisonOp, x: number): FiniteCount {
  const base = op === '>' ? '<=' : op === '>=' ? '<' : op === '!=' ? '==' : op;
  const n = v.length;
  let count = 0;
  let finiteCheck = 0;
  // One loop per operator, so the comparison is inline (no callback per element).
  if (base === '<') {
    for (let i = 0; i < n; i++) {
      const y = v[i];
      count += +(y < x);
      finiteCheck += y - y;
    }
  } else if (base === '<=') {
    for (let i = 0; i < n; i++) {
      const y = v[i];
      count += +(y <= x);
      finiteCheck += y - y;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const y = v[i];
      count += +(y === x);
      finiteCheck += y - y;
    }
  }
  let nonFinite = 0;
  if (finiteCheck !== 0) {
    for (let i = 0; i < n; i++) {
      const y = v[i];
      if (y - y !== 0) {
        nonFinite++;
        if (base === '<' ? y < x : base === '<=' ? y <= x : y === x) count--;
      }
    }
  }
  const complement = base !== op;
  return { count: complement ? n - nonFinite - count : count, nonFinite };
}

/**
 * Share of the finite samples for which `sample op threshold` holds: the Monte Carlo estimate of a tail
 * probability such as P(shells > 3,000,000). Non-finite samples are left out of both the count and the
 * denominator.
 * @param values - the samples
 * @param op - one of `'<'`, `'<='`, `'>'`, `'>='`, `'=='`, `'!='`
 * @param threshold - the value compared against; ±Infinity allowed, NaN not
 * @returns a fraction in [0, 1]
 * @throws {@link SalvoError} `INVALID_PARAMETER` for an unknown `op` or a NaN `threshold`;
 *   `EMPTY_DATA` when there is no finite value
 * @example
 * ```ts
 * import { probability } from 'salvo';
 * const x = Float64Array.of(1, 2, 3, 4, 5);
 * probability(x, '>', 3);  // => 0.4
 * probability(x, '<=', 3); // => 0.6
 * ```
 */
export function probability(values: SampleValues, op: ComparisonOp, threshold: number): number {
  const v = toFloat64('probability', values);
  requireOp('probability', op);
  requireComparable('probability', 'threshold', threshold);
  const { count, nonFinite } = countWhere(v, op, threshold);
  const finite = v.length - nonFinite;
  if (finite === 0) throw emptyError('probability', 0, nonFinite);
  return count / finite;
}

/**
 * An empirical cumulative distribution function: `F(x)` is the share of finite samples `<= x`. Callable,
 * with the sample counts attached and a vectorised form.
 *
 * @example
 * ```ts
 * import { type Ecdf, ecdf } from 'salvo';
 * const F: Ecdf = ecdf([3, 1, 2, 2, NaN]);
 * F(2);                  // => 0.75
 * F.count;               // => 4
 * F.nonFinite;           // => 1
 * F.evaluate([0, 2.5]);  // => Float64Array [0, 0.75]
 * ```
 */
export interface Ecdf {
  /**
   * The share of finite samples `<= x`.
   * @param x - any number except NaN (`F(-Infinity) = 0`, `F(Infinity) = 1`)
   * @throws {@link SalvoError} `INVALID_PARAMETER` when `x` is NaN
   */
  (x: number): number;
  /** Number of finite samples behind the function. */
  readonly count: number;
  /** Number of non-finite samples that were set aside. */
  readonly nonFinite: number;
  /**
   * Evaluates the function at each point.
   * @param xs - points, none of them NaN
   * @returns a new `Float64Array` of shares, aligned with `xs`
   * @throws {@link SalvoError} `INVALID_PARAMETER` naming `xs[i]` when one is NaN
   */
  evaluate(xs: SampleValues): Float64Array;
}

/**
 * Builds the empirical CDF of the finite values: sorts one copy of them (O(n log n), once), after which
 * each evaluation is a binary search. For a single point, `probability(values, '<=', x)` needs no sort.
 * @param values - the samples
 * @returns the function `F`, with `count`, `nonFinite` and `evaluate(xs)`
 * @throws {@link SalvoError} `EMPTY_DATA` when there is no finite value
 * @example
 * ```ts
 * import { ecdf } from 'salvo';
 * const F = ecdf(Float64Array.of(3, 1, 2, 2, NaN));
 * F(2);                  // => 0.75
 * F(0.5);                // => 0
 * F.nonFinite;           // => 1
 * F.evaluate([1, 2, 3]); // => Float64Array [0.25, 0.75, 1]
 * ```
 */
export function ecdf(values: SampleValues): Ecdf {
  const v = toFloat64('ecdf', values);
  const nonFinite = countNonFinite(v);
  const sorted = finiteCopy(v, nonFinite).sort();
  const count = sorted.length;
  if (count === 0) throw emptyError('ecdf', 0, nonFinite);
  const F = (x: number): number => {
    requireComparable('ecdf', 'x', x);
    return countAtMost(sorted, x) / count;
  };
  const evaluate = (xs: SampleValues): Float64Array => {
    const points = toFloat64('ecdf.evaluate', xs, 'xs');
    const out = new Float64Array(points.length);
    for (let i = 0; i < points.length; i++) {
      const x = points[i];
      requireComparable('ecdf.evaluate', `xs[${i}]`, x);
      out[i] = countAtMost(sorted, x) / count;
    }
    return out;
  };
  return Object.freeze(Object.assign(F, { count, nonFinite, evaluate }));
}

// ---------------------------------------------------------------------------------------------------
// Histogram

/**
 * Options of {@link histogram}: a bin count (with an optional range) or explicit edges.
 *
 * @example
 * ```ts
 * import { type HistogramOptions, histogram } from 'salvo';
 * const values = [5, 30, 55, 80, 99];
 * const quarters: HistogramOptions = { bins: 4, range: [0, 100] };
 * histogram(values, quarters).counts;                 // => Float64Array [1, 1, 1, 2]
 * histogram(values, { edges: [0, 10, 100] }).counts;  // => Float64Array [1, 4]
 * ```
 */
export interface HistogramOptions {
  /** Number of equal-width bins (default 10, as numpy). Not allowed together with `edges`. */
  readonly bins?: number;
  /**
   * Lower and upper edge of the equal-width bins; values outside are not counted (see `outside`).
   * Default: the smallest and largest finite value (widened by 0.5 each way when they are equal).
   */
  readonly range?: readonly [number, number];
  /** Explicit bin edges, finite and strictly increasing, at least two. */
  readonly edges?: SampleValues;
}

/**
 * Result of {@link histogram}.
 *
 * @example
 * ```ts
 * import { type Histogram, histogram } from 'salvo';
 * const h: Histogram = histogram([1, 2, 2, 3, 9, NaN], { bins: 2, range: [0, 4] });
 * h.edges;     // => Float64Array [0, 2, 4]
 * h.counts;    // => Float64Array [1, 3]
 * h.outside;   // => 1 (the 9)
 * h.nonFinite; // => 1 (the NaN)
 * ```
 */
export interface Histogram {
  /** Bin edges, one more than bins. */
  readonly edges: Float64Array;
  /** Count of finite samples in each bin. */
  readonly counts: Float64Array;
  /** Finite samples outside `[edges[0], edges[last]]`, not counted in any bin. */
  readonly outside: number;
  /** Non-finite samples, not counted in any bin. */
  readonly nonFinite: number;
}

/**
 * numpy's `linspace(first, last, bins + 1)`: edge i is `first + i * ((last - first) / bins)`, except the
 * last edge, which is `last` exactly.
 */
function linspaceEdges(first: number, last: number, bins: number): Float64Array {
  const edges = new Float64Array(bins + 1);
  const delta = last - first;
  const step = delta / bins;
  if (step === 0) {
    // numpy's fallback when the step underflows (a subnormal range).
    for (let i = 0; i < bins; i++) edges[i] = (i / bins) * delta + first;
  } else {
    for (let i = 0; i < bins; i++) edges[i] = i * step + first;
  }
  edges[bins] = last;
  return edges;
}

function requireBins(where: string, bins: unknown): number {
  if (typeof bins !== 'number' || !Number.isSafeInteger(bins) || bins < 1 || bins > 1e8) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: bins must be an integer in [1, 100000000], got ${show(bins)}`,
      { parameter: 'bins', value: bins },
    );
  }
  return bins;
}

function requireEdges(where: string, edges: Float64Array, given: SampleValues): void {
  if (edges.length < 2) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: edges must hold at least 2 values, got ${show(given)}`,
      { parameter: 'edges', value: given },
    );
  }
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i];
    if (!Number.isFinite(e) || (i > 0 && !(e > edges[i - 1]))) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: edges must be finite and strictly increasing, got edges[${i}] = ${show(e)}` +
          (i > 0 ? ` after edges[${i - 1}] = ${show(edges[i - 1])}` : ''),
        { parameter: `edges[${i}]`, value: e },
      );
    }
  }
}

/**
 * Counts the finite samples in bins, with numpy's `np.histogram` conventions: every bin is half-open
 * `[edges[i], edges[i+1])` except the last, which is closed; values outside the edges are not counted.
 * With `bins` the edges are equally spaced as numpy spaces them and the bin of each value is found by
 * arithmetic with numpy's edge corrections, so counts agree with numpy exactly.
 * @param values - the samples
 * @param options - `bins` (default 10) with an optional `range`, or explicit `edges`
 * @returns edges, counts, and how many samples were outside the edges or non-finite
 * @throws {@link SalvoError} `INVALID_PARAMETER` for a bad `bins`, `range` or `edges`, or both `bins`
 *   and `edges`; `EMPTY_DATA` when the range must come from the data and there is no finite value
 * @example
 * ```ts
 * import { histogram } from 'salvo';
 * const h = histogram(Float64Array.of(1, 2, 2, 3, 4, NaN), { bins: 3 });
 * h.edges;     // => Float64Array [1, 2, 3, 4]
 * h.counts;    // => Float64Array [1, 2, 2]
 * h.nonFinite; // => 1
 * histogram([0.5, 1, 7], { edges: [0, 1, 5] }).counts; // => Float64Array [1, 1] (7 is outside)
 * ```
 */
export function histogram(values: SampleValues, options: HistogramOptions = {}): Histogram {
  const v = toFloat64('histogram', values);
  const { edges, equalWidth } = histogramEdges('histogram', options, () => {
    const e = extremes(v);
    return { ...e, nonFinite: v.length - e.count };
  });
  return histogramCounts(v, edges, equalWidth);
}

/**
 * The bin edges `histogram` uses for `options` (numpy's): explicit `edges` checked, or `bins`
 * equal-width edges over `range` or, without one, over the data's finite extremes from `dataRange`.
 * @internal
 */
export function histogramEdges(
  where: string,
  options: HistogramOptions,
  dataRange: () => { count: number; nonFinite: number; min: number; max: number },
): { edges: Float64Array; equalWidth: boolean } {
  if (typeof options !== 'object' || options === null) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: options must be an object such as { bins: 20 }, got ${show(options)}`,
      { parameter: 'options', value: options },
    );
  }
  if (options.edges !== undefined) {
    if (options.bins !== undefined || options.range !== undefined) {
      const parameter = options.bins !== undefined ? 'bins' : 'range';
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: give either edges or bins/range, not both; got edges and ${parameter}`,
        { parameter, value: options[parameter] },
      );
    }
    const edges = toFloat64(where, options.edges, 'edges').slice();
    requireEdges(where, edges, options.edges);
    return { edges, equalWidth: false };
  }
  const bins = requireBins(where, options.bins ?? 10);
  let first: number;
  let last: number;
  if (options.range !== undefined) {
    const range = options.range;
    if (!Array.isArray(range) || range.length !== 2) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: range must be a pair [low, high], got ${show(range)}`,
        { parameter: 'range', value: range },
      );
    }
    first = range[0];
    last = range[1];
    if (!Number.isFinite(first) || !Number.isFinite(last) || !(first < last)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: range must be two finite numbers with low < high, got [${show(first)}, ${show(last)}]`,
        { parameter: 'range', value: range },
      );
    }
  } else {
    const m = dataRange();
    if (m.count === 0) throw emptyError(where, 0, m.nonFinite);
    first = m.min;
    last = m.max;
    if (first === last) {
      first -= 0.5;
      last += 0.5;
    }
  }
  const edges = linspaceEdges(first, last, bins);
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i] > edges[i - 1])) {
      // As numpy does: a range a few ulps wide cannot hold that many distinct bins.
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: too many bins (${bins}) for the range [${show(first)}, ${show(last)}]: the bin edges would not be distinct`,
        { parameter: 'bins', value: bins },
      );
    }
  }
  return { edges, equalWidth: true };
}

function extremes(v: Float64Array): { count: number; min: number; max: number } {
  let lo = Infinity;
  let hi = -Infinity;
  let count = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x - x !== 0) continue;
    count++;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return { count, min: lo, max: hi };
}

/**
 * Counts values into the bins of `edges` (numpy's conventions: bins [lo, hi), the last one closed).
 * With evenly spaced edges the bin comes from arithmetic, corrected by one where rounding put x across
 * an edge (as numpy does); with explicit edges, from a binary search.
 */
/**
 * Counts of `v` in the bins of `edges` (numpy's rules), or sums of `weights` when given.
 * @internal
 */
export function histogramCounts(
  v: Float64Array,
  edges: Float64Array,
  evenlySpaced: boolean,
  weights?: Float64Array,
): Histogram {
  const bins = edges.length - 1;
  const first = edges[0];
  const last = edges[bins];
  const denom = last - first;
  const counts = new Float64Array(bins);
  let outside = 0;
  let nonFinite = 0;
  const n = v.length;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x - x !== 0) {
      nonFinite++;
      continue;
    }
    const w = weights === undefined ? 1 : weights[i];
    if (!(x >= first && x <= last)) {
      outside += w;
      continue;
    }
    let k: number;
    if (evenlySpaced) {
      k = Math.trunc(((x - first) / denom) * bins);
      if (k === bins) k--;
      if (x < edges[k]) k--;
      else if (k !== bins - 1 && x >= edges[k + 1]) k++;
    } else {
      // Last bin closed: x === last belongs to bin - 1. Otherwise the bin whose [lo, hi) holds x.
      k = 0;
      let hi = bins;
      while (hi - k > 1) {
        const mid = (k + hi) >>> 1;
        if (edges[mid] <= x) k = mid;
        else hi = mid;
      }
    }
    counts[k] += w;
  }
  return { edges, counts, outside, nonFinite };
}

// ---------------------------------------------------------------------------------------------------
// One-call summary

/**
 * Probabilities of the quantiles every summary reports.
 *
 * @example
 * ```ts
 * import { DEFAULT_SUMMARY_PROBABILITIES, percentileKey } from 'salvo';
 * DEFAULT_SUMMARY_PROBABILITIES;                          // => [0.05, 0.25, 0.5, 0.75, 0.95]
 * DEFAULT_SUMMARY_PROBABILITIES.map((p) => percentileKey(p)); // => ['p5', 'p25', 'p50', 'p75', 'p95']
 * ```
 */
export const DEFAULT_SUMMARY_PROBABILITIES: readonly number[] = Object.freeze([
  0.05, 0.25, 0.5, 0.75, 0.95,
]);

/**
 * Quantiles keyed by percentile: `p5` is the 5th percentile, `p2.5` the 2.5th, `p99.9` the 99.9th.
 * The five defaults are always present.
 *
 * @example
 * ```ts
 * import { type QuantileTable, summarize } from 'salvo';
 * const q: QuantileTable = summarize([1, 2, 3, 4, 5], { probabilities: [0.025] }).quantiles;
 * q.p50;          // => 3
 * q['p2.5'];      // => 1.1
 * Object.keys(q); // => ['p5', 'p25', 'p50', 'p75', 'p95', 'p2.5']
 * ```
 */
export type QuantileTable = {
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
} & { readonly [key: string]: number };

/**
 * Result of {@link summarize} and `Samples#summary`.
 *
 * @example
 * ```ts
 * import { type SampleSummary, samples, summarize } from 'salvo';
 * const s: SampleSummary = summarize([1, 2, 3, 4, 5, Infinity]);
 * s.n;             // => 6
 * s.nonFinite;     // => 1
 * s.mean;          // => 3
 * s.sd;            // => 1.5811388300841898
 * s.max;           // => 5
 * s.quantiles.p95; // => 4.8
 * samples([1, 2, 3, 4, 5]).summary().mean; // => 3
 * ```
 */
export interface SampleSummary {
  /** Number of samples, finite or not. */
  readonly n: number;
  /** Samples set aside as NaN or ±Infinity; every statistic below describes the other `n - nonFinite`. */
  readonly nonFinite: number;
  readonly mean: number;
  /** Sample standard deviation (divisor `count - 1`). */
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  readonly quantiles: QuantileTable;
}

/**
 * Options of {@link summarize}.
 *
 * @example
 * ```ts
 * import { summarize } from 'salvo';
 * const s = summarize([1, 2, 3, 4, 5], { probabilities: [0.1, 0.999] });
 * s.quantiles.p10;        // => 1.4
 * s.quantiles['p99.9'];   // => 4.996
 * s.quantiles.p50;        // => 3 (the defaults stay)
 * ```
 */
export interface SummaryOptions {
  /** Extra quantile probabilities, reported beside p5, p25, p50, p75 and p95. */
  readonly probabilities?: readonly number[];
}

/**
 * The key under which {@link summarize} reports the quantile at probability `p`: `'p'` and the
 * percentage, with float noise removed (`0.07` → `'p7'`, `0.025` → `'p2.5'`).
 * @param p - a probability in [0, 1]
 * @returns the key
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `p` is outside [0, 1] or NaN
 * @example
 * ```ts
 * import { percentileKey } from 'salvo';
 * percentileKey(0.07);  // => 'p7'
 * percentileKey(0.999); // => 'p99.9'
 * ```
 */
export function percentileKey(p: number): string {
  requireProbability('percentileKey', 'p', p);
  return `p${Number((p * 100).toPrecision(12))}`;
}

/** @internal Builds a summary from precomputed moments (shared with `Samples`). */
export function summaryFrom(
  where: string,
  v: Float64Array,
  m: Moments,
  extra: readonly number[] | undefined,
): SampleSummary {
  if (m.count < 2) throw emptyError(where, m.count, m.nonFinite, 2);
  const ps: number[] = [...DEFAULT_SUMMARY_PROBABILITIES];
  if (extra !== undefined) {
    for (let i = 0; i < extra.length; i++) {
      requireProbability(where, `probabilities[${i}]`, extra[i]);
      ps.push(extra[i]);
    }
  }
  const qs = quantilesOf(v, m, ps);
  const table: Record<string, number> = {};
  for (let i = 0; i < ps.length; i++) table[percentileKey(ps[i])] = qs[i];
  return {
    n: m.n,
    nonFinite: m.nonFinite,
    mean: m.mean,
    sd: sdFrom(m, 1),
    min: m.min,
    max: m.max,
    quantiles: Object.freeze(table) as QuantileTable,
  };
}

/**
 * Everything one usually reports about a sample vector, from two passes for the moments and one
 * selection for the quantiles: `{ n, nonFinite, mean, sd, min, max, quantiles: { p5, p25, p50, p75, p95 } }`.
 * Statistics describe the finite samples; `nonFinite` says how many were set aside.
 * @param values - the samples
 * @param options - `probabilities`: extra quantiles to report
 * @returns the summary
 * @throws {@link SalvoError} `EMPTY_DATA` when fewer than 2 samples are finite (the sd needs two);
 *   `INVALID_PARAMETER` naming `probabilities[i]` when one is outside [0, 1] or NaN
 * @example
 * ```ts
 * import { summarize } from 'salvo';
 * const s = summarize(Float64Array.of(1, 2, 3, 4, 5, NaN), { probabilities: [0.9] });
 * s.n;             // => 6
 * s.nonFinite;     // => 1
 * s.mean;          // => 3
 * s.sd;            // => 1.5811388300841898
 * s.quantiles.p5;  // => 1.2
 * s.quantiles.p90; // => 4.6
 * ```
 */
export function summarize(values: SampleValues, options: SummaryOptions = {}): SampleSummary {
  const v = toFloat64('summarize', values);
  return summaryFrom('summarize', v, moments(v), options.probabilities);
}
