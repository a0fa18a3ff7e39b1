/**
 * Summaries of weighted samples (importance weights from `.observe`): quantiles by the inverted
 * weighted CDF, probabilities and histograms as shares of weight (their moments per segment are in
 * src/samples/segmentMoments.ts).
 * Only finite values count; their weights are the denominators.
 * @internal
 * @module
 */
import { RadixArgsort } from './rank.js';

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
