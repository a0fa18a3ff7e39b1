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

/**
 * The means of the finite values of groups of segments, for error estimates under a sampling design:
 * segments are folded in order and segment k goes to group k mod `groups`.
 */
export class GroupMeans {
  /** Segments folded so far (the next one's index). */
  segments = 0;
  /** Per group: finite values. */
  readonly counts: Float64Array;
  /** Per group: the mean of its finite values. */
  readonly means: Float64Array;

  constructor(groups: number) {
    this.counts = new Float64Array(groups);
    this.means = new Float64Array(groups);
  }

  /** Folds in the next segment: its finite count and their mean. */
  add(count: number, mean: number): void {
    const g = this.segments % this.counts.length;
    this.segments++;
    if (count === 0) return;
    const total = this.counts[g] + count;
    this.means[g] += ((mean - this.means[g]) * count) / total;
    this.counts[g] = total;
  }

  /** The standard error of the overall mean, from the spread of the group means ({@link groupStandardError}). */
  standardError(): number {
    return groupStandardError(this.counts, this.means);
  }
}

/**
 * The standard error of a mean over independent groups from the groups' own means (the usual
 * estimator for replicated randomised designs; Owen, "Monte Carlo theory, methods and examples",
 * ch. 17): with n_g values and mean m_g in group g, N = Σ n_g, m = Σ n_g m_g / N and G non-empty groups,
 * SE² = G/(G − 1) · Σ (n_g/N)² (m_g − m)² — for equal groups, the variance of the group means over G.
 * NaN with fewer than two non-empty groups.
 */
export function groupStandardError(counts: ArrayLike<number>, means: ArrayLike<number>): number {
  let total = 0;
  let weighted = 0;
  let groups = 0;
  for (let g = 0; g < counts.length; g++) {
    if (counts[g] === 0) continue;
    groups++;
    total += counts[g];
    weighted += counts[g] * means[g];
  }
  if (groups < 2) return Number.NaN;
  const mean = weighted / total;
  let sum = 0;
  for (let g = 0; g < counts.length; g++) {
    if (counts[g] === 0) continue;
    const share = counts[g] / total;
    const d = means[g] - mean;
    sum += share * share * d * d;
  }
  return Math.sqrt((groups / (groups - 1)) * sum);
}

/** Moments and extremes of one node, folded segment by segment in segment order (Chan et al. 1979). */
export class Accumulator {
  count = 0;
  nonFinite = 0;
  mean = 0;
  m2 = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  /** Under a sampling design: the means of the groups of segments its errors come from. */
  readonly groupMeans: GroupMeans | undefined;

  /** @param groups - groups of segments to track means of (a sampling design's); 1 for none */
  constructor(groups = 1) {
    this.groupMeans = groups > 1 ? new GroupMeans(groups) : undefined;
  }

  /** The fields as data: count, nonFinite, mean, m2, min, max, and the group means if any. */
  toData(): AccumulatorData {
    const g = this.groupMeans;
    return [
      this.count,
      this.nonFinite,
      this.mean,
      this.m2,
      this.min,
      this.max,
      g === undefined ? null : { segments: g.segments, counts: [...g.counts], means: [...g.means] },
    ];
  }

  /** An accumulator holding the fields of {@link Accumulator.toData}. */
  static fromData(data: AccumulatorData): Accumulator {
    const groups = data[6];
    const a = new Accumulator(groups === null ? 1 : groups.counts.length);
    [a.count, a.nonFinite, a.mean, a.m2, a.min, a.max] = data;
    if (groups !== null && a.groupMeans !== undefined) {
      a.groupMeans.segments = groups.segments;
      a.groupMeans.counts.set(groups.counts);
      a.groupMeans.means.set(groups.means);
    }
    return a;
  }

  /** Folds in one segment's statistics, read from `stats[at .. at + 6)`. */
  combine(stats: Float64Array, at: number): void {
    const count = stats[at];
    this.nonFinite += stats[at + 1];
    if (stats[at + 4] < this.min) this.min = stats[at + 4];
    if (stats[at + 5] > this.max) this.max = stats[at + 5];
    this.groupMeans?.add(count, stats[at + 2]);
    if (count === 0) return;
    foldMoments(this, this.count, count, stats[at + 2], stats[at + 3]);
    this.count += count;
  }
}

/** Accumulator fields as data (for messages between threads), in {@link Accumulator.fromData}'s order. */
export type AccumulatorData = readonly [
  number,
  number,
  number,
  number,
  number,
  number,
  {
    readonly segments: number;
    readonly counts: readonly number[];
    readonly means: readonly number[];
  } | null,
];

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
