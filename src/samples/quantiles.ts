/**
 * Type-7 quantiles of a sample vector (numpy's default, bit for bit): the ranks of the order
 * statistics each probability interpolates between, the cheapest exact way to find them (histogram
 * selection, selection on a copy or a sort: `src/samples/select.ts`), and numpy's interpolation. The
 * exact windows of unkept model nodes (src/model/exact.ts) share the ranks and the interpolation, so
 * both give the same bits.
 * @module
 */
import { SalvoError } from '../errors.js';
import { requireProbability, show } from '../validate.js';
import { type FiniteRange, finiteRange } from './extremes.js';
import {
  type BucketCounts,
  bucketCounts,
  histogramRanks,
  ranksInBuckets,
  selectRanks,
} from './select.js';
import { emptyError, finiteCopy, type SampleValues, toFloat64 } from './values.js';

/**
 * How quantiles are found (crossovers measured with `npx tsx benchmarks/quantiles.ts`, tables in
 * docs/performance.md, "Design decisions and their measurements"):
 * - With at least `HISTOGRAM_MIN` finite values and at most m / `HISTOGRAM_SORT_RATIO` ranks:
 *   histogram selection, two passes over the data and copies of only the values that share a bucket
 *   with a wanted rank.
 * - Otherwise Floyd–Rivest selection of all needed ranks on one copy of the finite values, unless
 *   more than m / `SORT_RATIO` ranks are needed, where one typed-array sort of the copy is cheaper.
 */
const HISTOGRAM_MIN = 4096;
const HISTOGRAM_SORT_RATIO = 16;
const SORT_RATIO = 64;

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

/**
 * The values of the (strictly increasing) `ranks` among the finite values of `v`, by the cheapest
 * exact method for their number (see `HISTOGRAM_MIN`).
 */
function orderStatistics(v: Float64Array, range: FiniteRange, ranks: Int32Array): Float64Array {
  const { nonFinite, min, max } = range;
  const m = v.length - nonFinite;
  if (byHistogram(m, ranks.length)) return histogramRanks(v, ranks, min, max);
  const a = finiteCopy(v, nonFinite);
  if (ranks.length * SORT_RATIO > m) a.sort();
  else selectRanks(a, ranks);
  const out = new Float64Array(ranks.length);
  for (let i = 0; i < ranks.length; i++) out[i] = a[ranks[i]];
  return out;
}

/** Whether `count` order statistics of `m` finite values are found by histogram selection. */
function byHistogram(m: number, count: number): boolean {
  return m >= HISTOGRAM_MIN && count * HISTOGRAM_SORT_RATIO <= m;
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

/**
 * Type-7 quantiles of one array asked for again and again (a model run's kept node: `run.quantile`,
 * `summary`, `interval`), with the same bits as {@link quantilesInRange} but less work from the second
 * request on. Where histogram selection applies (at least 4,096 finite values, see `HISTOGRAM_MIN`), it
 * keeps the counts per bucket of the first request's first pass (at most 256 KiB) and every order
 * statistic found: a later request makes one pass over the data instead of two, and none at all when
 * it needs only order statistics already found (the summary's levels, a level asked before).
 *
 * It keeps no copy of the data: a copy of 1e7 values is 80 MB, and here the first touch of that much
 * fresh memory alone costs as much as several passes (docs/performance.md). The array must not change
 * while this is in use.
 * @internal
 */
export class RepeatedQuantiles {
  private readonly values: Float64Array;
  private readonly range: FiniteRange;
  private buckets: BucketCounts | undefined;
  /** Order statistics found so far, by rank. */
  private readonly found = new Map<number, number>();

  constructor(values: Float64Array, range: FiniteRange) {
    this.values = values;
    this.range = range;
  }

  /** The quantiles at `ps` (valid probabilities), as {@link quantilesInRange} gives them. */
  quantiles(ps: readonly number[]): number[] {
    const { values: v, range } = this;
    const m = v.length - range.nonFinite;
    if (m === 0) throw emptyError('quantiles', 0, range.nonFinite);
    const ranks = typeSevenRanks(m, ps);
    // Other methods leave the order of -0 and 0 unspecified: only histogram selection is remembered,
    // so that every request gives the bits a request of its own would.
    if (!byHistogram(m, ranks.length) || range.min === range.max) return quantilesOf(v, range, ps);
    const missing = ranks.filter((rank) => !this.found.has(rank));
    if (missing.length > 0) {
      this.buckets ??= bucketCounts(v, range.min, range.max);
      const values = ranksInBuckets(v, this.buckets, missing);
      for (let i = 0; i < missing.length; i++) this.found.set(missing[i], values[i]);
    }
    const values = Float64Array.from(ranks, (rank) => this.found.get(rank) as number);
    return typeSevenQuantiles(m, ps, ranks, values);
  }
}
