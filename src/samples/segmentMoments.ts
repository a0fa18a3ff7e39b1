/**
 * Moments per segment, and the fold that combines them: the statistics every run computes for each
 * fixed run of samples (count, non-finite count, mean, sum of squared deviations, min, max), and the
 * pairwise update of Chan, Golub and LeVeque (1979) that folds one segment's moments into a running
 * total. Weighted runs use the same fold with weights in place of counts (src/samples/weighted.ts).
 *
 * Determinism: a segment's statistics depend only on its values, and the fold is applied strictly in
 * segment order, so the result is the same whatever the block size or the number of threads.
 * @module
 */

/** Numbers per segment in a statistics array: count, nonFinite, mean, m2, min, max. */
export const SEGMENT_STATS = 6;

/**
 * Writes the statistics of `values[start, end)` at `stats[at .. at + 6)`: finite count, non-finite
 * count, mean and sum of squared deviations (two-pass with a correction term), min and max.
 *
 * Every sum is split into two lanes (even and odd positions) added at the end: a single running sum
 * is a chain of dependent additions, one FP-add latency per value, and two independent chains halve
 * it. The common case — every value finite — runs without a per-value finiteness test; the sum says
 * whether it applies (one NaN or infinity makes it non-finite), and otherwise {@link
 * segmentStatsSkipping} redoes the segment. (Nearly twice as fast as one lane with a test per value:
 * `npx tsx benchmarks/segment-stats.ts`, figures in docs/performance.md.)
 */
export function segmentStats(
  values: Float64Array,
  start: number,
  end: number,
  stats: Float64Array,
  at: number,
): void {
  let sumEven = 0;
  let sumOdd = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const pairsEnd = end - ((end - start) & 1);
  let i = start;
  for (; i < pairsEnd; i += 2) {
    const x = values[i];
    const y = values[i + 1];
    sumEven += x;
    sumOdd += y;
    if (x < min) min = x;
    if (x > max) max = x;
    if (y < min) min = y;
    if (y > max) max = y;
  }
  if (i < end) {
    const x = values[i];
    sumEven += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const sum = sumEven + sumOdd;
  // NaN or ±Infinity among the values (or finite values whose sum overflows): the careful path.
  if (sum - sum !== 0) {
    segmentStatsSkipping(values, start, end, stats, at);
    return;
  }
  const count = end - start;
  const mean = sum / count;
  let squaresEven = 0;
  let squaresOdd = 0;
  let deviationsEven = 0;
  let deviationsOdd = 0;
  for (i = start; i < pairsEnd; i += 2) {
    const d = values[i] - mean;
    const e = values[i + 1] - mean;
    squaresEven += d * d;
    squaresOdd += e * e;
    deviationsEven += d;
    deviationsOdd += e;
  }
  if (i < end) {
    const d = values[i] - mean;
    squaresEven += d * d;
    deviationsEven += d;
  }
  const correction = deviationsEven + deviationsOdd;
  stats[at] = count;
  stats[at + 1] = 0;
  stats[at + 2] = mean;
  stats[at + 3] = squaresEven + squaresOdd - (correction * correction) / count;
  stats[at + 4] = min;
  stats[at + 5] = max;
}

/**
 * {@link segmentStats} for a segment holding non-finite values (or whose sum overflows): skips them,
 * one lane, with a test per value. Exported for the tests and benchmarks/segment-stats.ts.
 */
export function segmentStatsSkipping(
  values: Float64Array,
  start: number,
  end: number,
  stats: Float64Array,
  at: number,
): void {
  let count = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = start; i < end; i++) {
    const x = values[i];
    if (x - x !== 0) continue;
    count++;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  let mean = 0;
  let m2 = 0;
  if (count > 0) {
    mean = sum / count;
    let correction = 0;
    for (let i = start; i < end; i++) {
      const x = values[i];
      if (x - x !== 0) continue;
      const d = x - mean;
      m2 += d * d;
      correction += d;
    }
    m2 -= (correction * correction) / count;
  }
  stats[at] = count;
  stats[at + 1] = end - start - count;
  stats[at + 2] = mean;
  stats[at + 3] = m2;
  stats[at + 4] = min;
  stats[at + 5] = max;
}

/** Moments and extremes of one node, folded segment by segment in segment order (Chan et al. 1979). */
export class Accumulator {
  count = 0;
  nonFinite = 0;
  mean = 0;
  m2 = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  /** The fields as data: count, nonFinite, mean, m2, min, max. */
  toData(): AccumulatorData {
    return [this.count, this.nonFinite, this.mean, this.m2, this.min, this.max];
  }

  /** An accumulator holding the fields of {@link Accumulator.toData}. */
  static fromData(data: AccumulatorData): Accumulator {
    const a = new Accumulator();
    [a.count, a.nonFinite, a.mean, a.m2, a.min, a.max] = data;
    return a;
  }

  /** Folds in one segment's statistics, read from `stats[at .. at + 6)`. */
  combine(stats: Float64Array, at: number): void {
    const count = stats[at];
    this.nonFinite += stats[at + 1];
    if (stats[at + 4] < this.min) this.min = stats[at + 4];
    if (stats[at + 5] > this.max) this.max = stats[at + 5];
    if (count === 0) return;
    foldMoments(this, this.count, count, stats[at + 2], stats[at + 3]);
    this.count += count;
  }
}

/** Accumulator fields as data (for messages between threads), in {@link Accumulator.fromData}'s order. */
export type AccumulatorData = readonly [number, number, number, number, number, number];

/** The running mean and sum of squared deviations that {@link foldMoments} updates. */
export interface FoldedMoments {
  mean: number;
  m2: number;
}

/**
 * Folds a part's moments into `target`: Chan et al.'s pairwise update of the mean and the sum of
 * squared deviations. `weight` is the part's count (or its sum of weights), `targetWeight` the
 * target's before the fold; the caller adds `weight` to its own count afterwards.
 */
export function foldMoments(
  target: FoldedMoments,
  targetWeight: number,
  weight: number,
  mean: number,
  m2: number,
): void {
  const total = targetWeight + weight;
  const delta = mean - target.mean;
  target.mean += (delta * weight) / total;
  target.m2 += m2 + ((delta * delta * targetWeight) / total) * weight;
}

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
    foldMoments(this, this.weight, w, stats[at + 4], stats[at + 5]);
    this.weight += w;
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
