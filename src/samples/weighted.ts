/**
 * Summaries of weighted samples (importance weights from `.observe`): moments per segment that fold in
 * order, quantiles by the inverted weighted CDF, probabilities and histograms as shares of weight.
 * Only finite values count; their weights are the denominators.
 * @internal
 * @module
 */
import { RadixArgsort } from './rank.js';

/** Numbers per segment in a weighted statistics record: count, nonFinite, W, W2, mean, m2, min, max. */
export const WEIGHTED_STATS = 8;

/**
 * Writes the weighted statistics of `values[start, end)` with `weights[start, end)` at
 * `stats[at .. at + 8)`: finite count, non-finite count, Σw, Σw², weighted mean, Σw(x − mean)² (two
 * passes with a correction term), and min and max over finite values of positive weight.
 */
export function weightedSegmentStats(
  values: Float64Array,
  weights: Float64Array,
  start: number,
  end: number,
  stats: Float64Array,
  at: number,
): void {
  let count = 0;
  let sumW = 0;
  let sumW2 = 0;
  let sumWX = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = start; i < end; i++) {
    const x = values[i];
    if (x - x !== 0) continue;
    count++;
    const w = weights[i];
    if (w === 0) continue;
    sumW += w;
    sumW2 += w * w;
    sumWX += w * x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  let mean = 0;
  let m2 = 0;
  if (sumW > 0) {
    mean = sumWX / sumW;
    let correction = 0;
    for (let i = start; i < end; i++) {
      const x = values[i];
      if (x - x !== 0) continue;
      const w = weights[i];
      const d = x - mean;
      m2 += w * d * d;
      correction += w * d;
    }
    m2 -= (correction * correction) / sumW;
    if (m2 < 0) m2 = 0;
  }
  stats[at] = count;
  stats[at + 1] = end - start - count;
  stats[at + 2] = sumW;
  stats[at + 3] = sumW2;
  stats[at + 4] = mean;
  stats[at + 5] = m2;
  stats[at + 6] = min;
  stats[at + 7] = max;
}

/** Weighted moments of one node, folded segment by segment in segment order. */
export class WeightedAccumulator {
  count = 0;
  nonFinite = 0;
  weight = 0;
  weightSquares = 0;
  mean = 0;
  m2 = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  /** Folds in one segment's statistics from `stats[at .. at + 8)` (Chan et al. with weights). */
  combine(stats: Float64Array, at: number): void {
    this.count += stats[at];
    this.nonFinite += stats[at + 1];
    if (stats[at + 6] < this.min) this.min = stats[at + 6];
    if (stats[at + 7] > this.max) this.max = stats[at + 7];
    const w = stats[at + 2];
    if (w === 0) return;
    const total = this.weight + w;
    const delta = stats[at + 4] - this.mean;
    this.mean += (delta * w) / total;
    this.m2 += stats[at + 5] + ((delta * delta * this.weight) / total) * w;
    this.weight = total;
    this.weightSquares += stats[at + 3];
  }

  /** Kish's effective sample size (Σw)² / Σw². */
  get effectiveSampleSize(): number {
    return this.weightSquares > 0 ? (this.weight * this.weight) / this.weightSquares : 0;
  }

  /** Standard deviation with reliability weights: √(m2 / (W − W2/W)). */
  get sd(): number {
    const denominator = this.weight - this.weightSquares / this.weight;
    return denominator > 0 ? Math.sqrt(this.m2 / denominator) : Number.NaN;
  }
}

/** Finite values in ascending order with their cumulative weights: what weighted quantiles read. */
export interface WeightedOrder {
  readonly sorted: Float64Array;
  /** cumulative[i]: total weight of sorted[0..i]. */
  readonly cumulative: Float64Array;
  readonly total: number;
}

/** Sorts the finite values of positive weight and accumulates their weights. */
export function weightedOrder(values: Float64Array, weights: Float64Array): WeightedOrder {
  const n = values.length;
  const order = new RadixArgsort().argsort(values, 0, n, new Uint32Array(n));
  let m = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    const x = values[i];
    if (x - x === 0 && weights[i] > 0) m++;
  }
  const sorted = new Float64Array(m);
  const cumulative = new Float64Array(m);
  let sum = 0;
  let k = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    const x = values[i];
    const w = weights[i];
    if (x - x !== 0 || !(w > 0)) continue;
    sum += w;
    sorted[k] = x;
    cumulative[k] = sum;
    k++;
  }
  return { sorted, cumulative, total: sum };
}

/**
 * The weighted p-quantile by the inverted CDF: the smallest value whose cumulative weight share
 * reaches p (numpy's `quantile(a, p, weights=w, method='inverted_cdf')`); p = 0 gives the smallest
 * value of positive weight.
 */
export function weightedQuantileOf(order: WeightedOrder, p: number): number {
  const { sorted, cumulative, total } = order;
  const target = p * total;
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] >= target) hi = mid;
    else lo = mid + 1;
  }
  return sorted[lo];
}

/** Several weighted quantiles of the same data, sorting it once. */
export function weightedQuantiles(
  values: Float64Array,
  weights: Float64Array,
  ps: readonly number[],
): number[] {
  const order = weightedOrder(values, weights);
  return ps.map((p) => weightedQuantileOf(order, p));
}

/**
 * The share of weight of the finite values satisfying `op threshold` (NaN when they carry no weight).
 * The comparison is chosen once, outside the loop.
 */
export function weightedShare(
  values: Float64Array,
  weights: Float64Array,
  op: '<' | '<=' | '>' | '>=' | '==' | '!=',
  threshold: number,
): number {
  const holds: (v: number) => boolean =
    op === '<'
      ? (v) => v < threshold
      : op === '<='
        ? (v) => v <= threshold
        : op === '>'
          ? (v) => v > threshold
          : op === '>='
            ? (v) => v >= threshold
            : op === '=='
              ? (v) => v === threshold
              : (v) => v !== threshold;
  let yes = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue;
    total += weights[i];
    if (holds(v)) yes += weights[i];
  }
  return total > 0 ? yes / total : Number.NaN;
}
