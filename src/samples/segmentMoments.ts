/**
 * Moments per segment, and the fold that combines them: the statistics every run computes for each
 * fixed run of samples (count, non-finite count, mean, sum of squared deviations, min, max), and
 * accumulators that add them up exactly. Weighted runs use the same scheme with weights in place of
 * counts.
 *
 * Determinism: a segment's statistics depend only on its values (the run draws segment k from its
 * own stream). The accumulators add each segment's figures — its count c, c·(mean − K) and
 * m2 + c·(mean − K)², K a shift shared by the whole run (the mean of its first segment) — into exact
 * sums (src/samples/exactSum.ts), so the result does not depend on the order or grouping in which
 * segments are folded: the same for any block size, any number of threads, and partial runs merged in
 * any order. The mean is K + Σc(mean − K)/n and the sum of squared deviations
 * Σ(m2 + c(mean − K)²) − (Σc(mean − K))²/n; with K near the mean, the subtraction loses nothing.
 * @module
 */
import { ExactSum } from './exactSum.js';

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
 * segment k goes to group k mod `groups`. Each group's sum is exact, about the run's shift, so
 * segments may be added in any order.
 */
export class GroupMeans {
  /** Per group: finite values. */
  readonly counts: Float64Array;
  /** Per group: Σ c·(mean − shift) over its segments, exactly. */
  readonly sums: ExactSum[];

  constructor(groups: number) {
    this.counts = new Float64Array(groups);
    this.sums = Array.from({ length: groups }, () => new ExactSum());
  }

  /** Adds segment `segment`: its finite count and c·(mean − shift). */
  add(count: number, shiftedSum: number, segment: number): void {
    if (count === 0) return;
    const g = segment % this.counts.length;
    this.counts[g] += count;
    this.sums[g].add(shiftedSum);
  }

  /** Per group: the mean of its finite values (0 for an empty group). */
  means(shift: number): Float64Array {
    return Float64Array.from(this.counts, (c, g) => (c > 0 ? shift + this.sums[g].value() / c : 0));
  }

  /** The standard error of the overall mean, from the spread of the group means ({@link groupStandardError}). */
  standardError(shift: number): number {
    return groupStandardError(this.counts, this.means(shift));
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

/** What both accumulators keep besides their sums: counts, extremes and the shift. */
interface MomentsHead {
  count: number;
  nonFinite: number;
  min: number;
  max: number;
  shift: number | undefined;
}

/** An accumulator's counts, extremes and shift, as data. */
function headOf(a: Readonly<MomentsHead>): MomentsHead {
  return { count: a.count, nonFinite: a.nonFinite, min: a.min, max: a.max, shift: a.shift };
}

/** Sets an accumulator's counts, extremes and shift from its data. */
function copyHead(into: MomentsHead, data: Readonly<MomentsHead>): void {
  into.count = data.count;
  into.nonFinite = data.nonFinite;
  into.min = data.min;
  into.max = data.max;
  into.shift = data.shift;
}

/**
 * Adds `other`'s counts and extremes into `into`, after checking that both take their sums about the
 * same shift (the run's); false when `other` folded nothing (no shift), and there is nothing to add.
 */
function mergeHead(kind: string, into: MomentsHead, other: Readonly<MomentsHead>): boolean {
  if (other.shift === undefined) return false;
  into.shift ??= other.shift;
  if (!Object.is(into.shift, other.shift)) {
    throw new Error(`${kind}.merge: shifts differ (${into.shift} and ${other.shift})`);
  }
  into.count += other.count;
  into.nonFinite += other.nonFinite;
  if (other.min < into.min) into.min = other.min;
  if (other.max > into.max) into.max = other.max;
  return true;
}

/**
 * Moments and extremes of one node, added up exactly from its segments' statistics (see the module's
 * note): the result does not depend on the order in which segments are folded, but the first segment
 * folded sets the shift, so it must be the run's first (or the shift set beforehand).
 */
export class Accumulator {
  count = 0;
  nonFinite = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  /** K: the first folded segment's mean (0 if it had no finite value); undefined before any fold. */
  shift: number | undefined = undefined;
  /** Σ c·(mean − K). */
  private readonly shiftedSum = new ExactSum();
  /** Σ m2 + c·(mean − K)². */
  private readonly shiftedSquares = new ExactSum();
  /** Under a sampling design: the means of the groups of segments its errors come from. */
  readonly groupMeans: GroupMeans | undefined;

  /** @param groups - groups of segments to track means of (a sampling design's); 1 for none */
  constructor(groups = 1) {
    this.groupMeans = groups > 1 ? new GroupMeans(groups) : undefined;
  }

  /** The mean of the finite values (0 when there is none). */
  get mean(): number {
    if (this.count === 0) return 0;
    return (this.shift as number) + this.shiftedSum.value() / this.count;
  }

  /** The sum of squared deviations from the mean of the finite values. */
  get m2(): number {
    if (this.count === 0) return 0;
    const sum = this.shiftedSum.value();
    const m2 = this.shiftedSquares.value() - (sum * sum) / this.count;
    return Math.max(m2, 0);
  }

  /** The standard error of the mean from the groups' means (a design's); NaN without groups. */
  groupStandardError(): number {
    return this.groupMeans === undefined
      ? Number.NaN
      : this.groupMeans.standardError(this.shift ?? 0);
  }

  /** The fields as data: counts, extremes, shift, the exact sums, and the groups' if any. */
  toData(): AccumulatorData {
    const g = this.groupMeans;
    return {
      ...headOf(this),
      sum: this.shiftedSum.toArray(),
      squares: this.shiftedSquares.toArray(),
      groups:
        g === undefined ? null : { counts: [...g.counts], sums: g.sums.map((x) => x.toArray()) },
    };
  }

  /** An accumulator holding the fields of {@link Accumulator.toData}. */
  static fromData(data: AccumulatorData): Accumulator {
    const groups = data.groups;
    const a = new Accumulator(groups === null ? 1 : groups.counts.length);
    copyHead(a, data);
    a.shiftedSum.addSum(ExactSum.fromArray(data.sum));
    a.shiftedSquares.addSum(ExactSum.fromArray(data.squares));
    if (groups !== null && a.groupMeans !== undefined) {
      a.groupMeans.counts.set(groups.counts);
      for (let g = 0; g < groups.sums.length; g++) {
        a.groupMeans.sums[g].addSum(ExactSum.fromArray(groups.sums[g]));
      }
    }
    return a;
  }

  /**
   * Adds another accumulator of the same run (same shift, same groups) that folded other segments:
   * the result is the same as folding all of them into one, in any order.
   */
  merge(other: Accumulator): void {
    if (!mergeHead('Accumulator', this, other)) return;
    this.shiftedSum.addSum(other.shiftedSum);
    this.shiftedSquares.addSum(other.shiftedSquares);
    const mine = this.groupMeans;
    const theirs = other.groupMeans;
    if (mine !== undefined && theirs !== undefined) {
      for (let g = 0; g < mine.counts.length; g++) {
        mine.counts[g] += theirs.counts[g];
        mine.sums[g].addSum(theirs.sums[g]);
      }
    }
  }

  /** Folds in the statistics of segment `segment` of the run, read from `stats[at .. at + 6)`. */
  combine(stats: Float64Array, at: number, segment: number): void {
    const count = stats[at];
    const mean = stats[at + 2];
    this.nonFinite += stats[at + 1];
    if (stats[at + 4] < this.min) this.min = stats[at + 4];
    if (stats[at + 5] > this.max) this.max = stats[at + 5];
    this.shift ??= count > 0 ? mean : 0;
    const d = mean - this.shift;
    const shifted = count * d;
    this.groupMeans?.add(count, shifted, segment);
    if (count === 0) return;
    this.count += count;
    this.shiftedSum.add(shifted);
    this.shiftedSquares.add(stats[at + 3] + shifted * d);
  }
}

/**
 * A node's moments as data — counts, extremes, the run's shift and the exact sums (as
 * `ExactSum` states), and the groups' under a sampling design — for messages between threads and
 * partial runs.
 *
 * @example
 * ```ts
 * import { model, normal, runPartial, type AccumulatorData } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * const moments: AccumulatorData | null = runPartial(m, { samples: 4096, segments: [0, 1] }).nodes[0].moments;
 * moments?.count; // => 4096
 * ```
 */
export interface AccumulatorData {
  readonly count: number;
  readonly nonFinite: number;
  readonly min: number;
  readonly max: number;
  readonly shift: number | undefined;
  readonly sum: readonly number[];
  readonly squares: readonly number[];
  readonly groups: {
    readonly counts: readonly number[];
    readonly sums: readonly (readonly number[])[];
  } | null;
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

/** Weighted moments of one node, added up exactly like {@link Accumulator}'s (weights for counts). */
export class WeightedAccumulator {
  count = 0;
  nonFinite = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  /** K: the first folded segment's weighted mean (0 if it had no weight). */
  shift: number | undefined = undefined;
  private readonly weights = new ExactSum();
  private readonly weightSquareSum = new ExactSum();
  /** Σ W_s·(mean_s − K). */
  private readonly shiftedSum = new ExactSum();
  /** Σ m2_s + W_s·(mean_s − K)². */
  private readonly shiftedSquares = new ExactSum();

  /** Σw over finite values. */
  get weight(): number {
    return this.weights.value();
  }

  /** Σw² over finite values. */
  get weightSquares(): number {
    return this.weightSquareSum.value();
  }

  /** The weighted mean (0 without weight). */
  get mean(): number {
    const w = this.weight;
    return w > 0 ? (this.shift as number) + this.shiftedSum.value() / w : 0;
  }

  /** Σw(x − mean)². */
  get m2(): number {
    const w = this.weight;
    if (!(w > 0)) return 0;
    const sum = this.shiftedSum.value();
    const m2 = this.shiftedSquares.value() - (sum * sum) / w;
    return Math.max(m2, 0);
  }

  /** Folds in one segment's statistics from `stats[at .. at + 8)`. */
  combine(stats: Float64Array, at: number): void {
    this.count += stats[at];
    this.nonFinite += stats[at + 1];
    if (stats[at + 6] < this.min) this.min = stats[at + 6];
    if (stats[at + 7] > this.max) this.max = stats[at + 7];
    const w = stats[at + 2];
    const mean = stats[at + 4];
    this.shift ??= w > 0 ? mean : 0;
    if (w === 0) return;
    const d = mean - this.shift;
    const shifted = w * d;
    this.weights.add(w);
    this.weightSquareSum.add(stats[at + 3]);
    this.shiftedSum.add(shifted);
    this.shiftedSquares.add(stats[at + 5] + shifted * d);
  }

  /** The fields as data: counts, extremes, shift and the four exact sums. */
  toData(): WeightedAccumulatorData {
    return {
      ...headOf(this),
      weights: this.weights.toArray(),
      weightSquares: this.weightSquareSum.toArray(),
      sum: this.shiftedSum.toArray(),
      squares: this.shiftedSquares.toArray(),
    };
  }

  /** An accumulator holding the fields of {@link WeightedAccumulator.toData}. */
  static fromData(data: WeightedAccumulatorData): WeightedAccumulator {
    const a = new WeightedAccumulator();
    copyHead(a, data);
    a.weights.addSum(ExactSum.fromArray(data.weights));
    a.weightSquareSum.addSum(ExactSum.fromArray(data.weightSquares));
    a.shiftedSum.addSum(ExactSum.fromArray(data.sum));
    a.shiftedSquares.addSum(ExactSum.fromArray(data.squares));
    return a;
  }

  /**
   * Adds another accumulator of the same run (same shift) that folded other segments: the result is
   * the same as folding all of them into one, in any order.
   */
  merge(other: WeightedAccumulator): void {
    if (!mergeHead('WeightedAccumulator', this, other)) return;
    this.weights.addSum(other.weights);
    this.weightSquareSum.addSum(other.weightSquareSum);
    this.shiftedSum.addSum(other.shiftedSum);
    this.shiftedSquares.addSum(other.shiftedSquares);
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

/**
 * A node's weighted moments as data (a run with `.observe`): counts, extremes, the run's shift (the
 * weighted mean of its first segment) and the exact sums Σw, Σw², Σw(x − K) and the weighted squares
 * about K, as `ExactSum` states — what partial runs of weighted models carry per node.
 *
 * @example
 * ```ts
 * import { model, normal, runPartial, type WeightedAccumulatorData } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1)).observe('x', normal(0.5, 1));
 * const moments: WeightedAccumulatorData | undefined = runPartial(m, { samples: 4096, segments: [0, 1] })
 *   .nodes[0].weighted?.moments;
 * moments?.count; // => 4096
 * ```
 */
export interface WeightedAccumulatorData {
  readonly count: number;
  readonly nonFinite: number;
  readonly min: number;
  readonly max: number;
  readonly shift: number | undefined;
  readonly weights: readonly number[];
  readonly weightSquares: readonly number[];
  readonly sum: readonly number[];
  readonly squares: readonly number[];
}
