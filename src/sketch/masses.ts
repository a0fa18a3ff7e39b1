/**
 * Exact bucket masses for a weighted sketch: each bucket's weights are added into an exact sum
 * (src/samples/exactSum.ts), so the masses — and the quantiles read from their rounded values — do
 * not depend on the order or grouping in which samples and parts are added. That is what lets weighted
 * runs (`.observe`) be split into parts and merged to the bits of one run.
 * @module
 */
import { ExactSum } from '../samples/exactSum.js';

/**
 * The window of bucket indices a store of `length` buckets from `offset` grows to so that it holds
 * `index`: 128 buckets around the first index, then at least twice as wide, so that growing costs
 * O(1) per bucket over a run.
 */
export function grownWindow(
  offset: number,
  length: number,
  index: number,
): { start: number; size: number } {
  if (length === 0) return { start: index - 64, size: 128 };
  const low = Math.min(offset, index);
  const high = Math.max(offset + length, index + 1);
  const size = Math.max(2 * length, high - low + 64);
  return { start: index < offset ? high - size : low, size };
}

/** Exact sums for a contiguous window of bucket indices, grown like the sketch's counts. */
export class BucketMasses {
  /** Bucket index of `sums[0]`. */
  offset = 0;
  /** One exact sum per bucket of the window (undefined for a bucket with no weight yet). */
  sums: (ExactSum | undefined)[] = [];

  /** Weights added since the last flush, per bucket of their own window (zero elsewhere). */
  private pending = new Float64Array(0);
  private pendingOffset = 0;
  /** The buckets with pending weight, in the order they were first touched. */
  private readonly touched: number[] = [];

  /**
   * Adds weight `w` > 0 to bucket `index`'s pending float sum: a flush adds each pending sum exactly.
   * Summing a segment's weights in float first (a fixed order) and only then exactly keeps the cost of
   * exactness per bucket touched, not per sample.
   */
  addPending(index: number, w: number): void {
    let k = index - this.pendingOffset;
    if (k < 0 || k >= this.pending.length) {
      this.growPending(index);
      k = index - this.pendingOffset;
    }
    if (this.pending[k] === 0) this.touched.push(index);
    this.pending[k] += w;
  }

  /** Adds every pending sum exactly and clears them. */
  flush(): void {
    for (const index of this.touched) {
      const k = index - this.pendingOffset;
      this.add(index, this.pending[k]);
      this.pending[k] = 0;
    }
    this.touched.length = 0;
  }

  private growPending(index: number): void {
    const { start, size } = grownWindow(this.pendingOffset, this.pending.length, index);
    const pending = new Float64Array(size);
    if (this.pending.length > 0) pending.set(this.pending, this.pendingOffset - start);
    this.pending = pending;
    this.pendingOffset = start;
  }

  /** Adds weight `w` to bucket `index`. */
  add(index: number, w: number): void {
    let k = index - this.offset;
    if (k < 0 || k >= this.sums.length) {
      this.cover(index);
      k = index - this.offset;
    }
    let sum = this.sums[k];
    if (sum === undefined) {
      sum = new ExactSum();
      this.sums[k] = sum;
    }
    sum.add(w);
  }

  /** Makes bucket `index` addressable. */
  private cover(index: number): void {
    const { start, size } = grownWindow(this.offset, this.sums.length, index);
    const sums = new Array<ExactSum | undefined>(size).fill(undefined);
    for (let j = 0; j < this.sums.length; j++) sums[j + this.offset - start] = this.sums[j];
    this.sums = sums;
    this.offset = start;
  }

  /** Adds `other`'s masses, bucket by bucket (exactly). */
  merge(other: BucketMasses): void {
    other.sums.forEach((sum, j) => {
      if (sum === undefined) return;
      const index = j + other.offset;
      this.add(index, 0); // makes the bucket and its sum exist
      (this.sums[index - this.offset] as ExactSum).addSum(sum);
    });
  }

  /** The masses rounded to doubles, from bucket `offset` on (trimmed to the buckets with weight). */
  rounded(): { offset: number; counts: Float64Array<ArrayBuffer> } {
    let first = 0;
    while (first < this.sums.length && this.sums[first] === undefined) first++;
    let last = this.sums.length - 1;
    while (last >= first && this.sums[last] === undefined) last--;
    const counts = new Float64Array(Math.max(0, last - first + 1));
    for (let j = first; j <= last; j++) counts[j - first] = this.sums[j]?.value() ?? 0;
    return { offset: this.offset + first, counts };
  }

  /** Adds every bucket's exact sum into `total`. */
  addTo(total: ExactSum): void {
    for (const sum of this.sums) if (sum !== undefined) total.addSum(sum);
  }

  /** The masses as data: the first bucket with weight, then each bucket's exact sum ([] for none). */
  toState(): WeightedBucketsState {
    let first = 0;
    while (first < this.sums.length && this.sums[first] === undefined) first++;
    let last = this.sums.length - 1;
    while (last >= first && this.sums[last] === undefined) last--;
    const masses: number[][] = [];
    for (let j = first; j <= last; j++) masses.push(this.sums[j]?.toArray() ?? []);
    return { offset: this.offset + first, masses };
  }

  /** Masses holding {@link BucketMasses.toState}'s data. */
  static fromState(state: WeightedBucketsState): BucketMasses {
    const store = new BucketMasses();
    store.offset = state.offset;
    store.sums = state.masses.map((m) => (m.length === 0 ? undefined : ExactSum.fromArray(m)));
    return store;
  }
}

/**
 * A weighted sketch's buckets of one sign as data: the index of the first, and each bucket's exact
 * sum of weights as `ExactSum` state (`[]` for a bucket with none). Part of a
 * {@link WeightedSketchState}.
 *
 * @example
 * ```ts
 * import type { WeightedBucketsState } from 'salvo';
 * const empty: WeightedBucketsState = { offset: 0, masses: [] };
 * empty.masses.length; // => 0
 * ```
 */
export interface WeightedBucketsState {
  readonly offset: number;
  readonly masses: readonly (readonly number[])[];
}

/**
 * A weighted sketch's complete state (a run with `.observe` that keeps no samples): the finite and
 * non-finite counts, the extremes of the values of positive weight, and the exact weight of every
 * bucket. Partial runs of weighted models carry one per node ({@link PartialWeightedNode}).
 *
 * @example
 * ```ts
 * import { model, normal, runPartial } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1)).observe('x', normal(0.5, 1));
 * const part = runPartial(m, { samples: 4096, segments: [0, 1] });
 * part.nodes[0].weighted?.sketch.count; // => 4096
 * ```
 */
export interface WeightedSketchState {
  readonly relativeAccuracy: number;
  /** Finite values seen (of any weight). */
  readonly count: number;
  /** Non-finite values seen. */
  readonly nonFinite: number;
  /** Extremes of the finite values of positive weight (±Infinity when there are none). */
  readonly min: number;
  readonly max: number;
  /** The exact weight of the values counted as zero, as `ExactSum` state. */
  readonly zeros: readonly number[];
  readonly positive: WeightedBucketsState;
  /** Buckets of magnitudes of the negative values. */
  readonly negative: WeightedBucketsState;
}
