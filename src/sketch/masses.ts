/**
 * Exact bucket masses for a weighted sketch: each bucket's weights are added into an exact sum
 * (src/samples/exactSum.ts), so the masses — and the quantiles read from their rounded values — do
 * not depend on the order or grouping in which samples and parts are added. That is what lets weighted
 * runs (`.observe`) be split into parts and merged to the bits of one run.
 * @module
 */
import { addToExpansion, ExactSum } from '../samples/exactSum.js';

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

/** Parts of a bucket's exact sum kept inline; longer sums move to an {@link ExactSum} of their own. */
const INLINE_PARTS = 8;
/** `states[k]`: no sum (the bucket has no weight). */
const ABSENT = 0;
/** `states[k]`: the sum is `sums.get(index)`; otherwise `states[k] - 1` inline parts. */
const OBJECT = 255;
/** The largest term kept inline (ExactSum's own threshold for scaling terms down). */
const BIG = 2 ** 960;

/**
 * Exact sums for a contiguous window of bucket indices, grown like the sketch's counts. A bucket's sum
 * is a non-overlapping expansion (src/samples/exactSum.ts); the short ones — almost all: a bucket gets
 * one term per segment — live inline, {@link INLINE_PARTS} doubles per bucket in one typed array, and
 * grow exactly as `ExactSum.add` grows its expansion, so the parts are the same bits; a sum that
 * needs more parts (or meets a term `ExactSum` keeps apart) moves to an `ExactSum` of its own. A run
 * with evidence adds into a few hundred buckets of every node per segment: one object per bucket
 * (two expansions, each with its array) made those additions memory-bound (docs/performance.md,
 * "Exact sums").
 */
export class BucketMasses {
  /** Bucket index of the window's first bucket. */
  offset = 0;
  /** The window's length in buckets. */
  length = 0;
  /** Per bucket: {@link ABSENT}, {@link OBJECT}, or 1 + the number of inline parts. */
  private states = new Uint8Array(0);
  /** Inline parts, {@link INLINE_PARTS} per bucket, smallest first. */
  private parts = new Float64Array(0);
  /** The sums moved out of line, by bucket index. */
  private readonly sums = new Map<number, ExactSum>();

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

  /** Adds weight `w` to bucket `index` (as `ExactSum.add`; 0 makes the bucket exist). */
  add(index: number, w: number): void {
    let k = index - this.offset;
    if (k < 0 || k >= this.length) {
      this.cover(index);
      k = index - this.offset;
    }
    const state = this.states[k];
    if (state === OBJECT) {
      (this.sums.get(index) as ExactSum).add(w);
    } else if (!(Math.abs(w) < BIG)) {
      // Non-finite or huge: ExactSum keeps such terms apart.
      this.toObject(index, k).add(w);
    } else if (w === 0) {
      if (state === ABSENT) this.states[k] = 1;
    } else {
      this.addInline(index, k, state === ABSENT ? 0 : state - 1, w);
    }
  }

  /** Adds finite x (not 0) to bucket k's inline expansion of `count` parts. */
  private addInline(index: number, k: number, count: number, x: number): void {
    if (count === INLINE_PARTS) {
      // No free slot for the total: the sum goes on as an ExactSum (whose small expansion it is).
      this.toObject(index, k).addPart(x);
      return;
    }
    this.states[k] = 1 + addToExpansion(this.parts, k * INLINE_PARTS, count, x);
  }

  /** Moves bucket k's sum out of line (making it if absent) and returns it. */
  private toObject(index: number, k: number): ExactSum {
    const state = this.states[k];
    if (state === OBJECT) return this.sums.get(index) as ExactSum;
    const count = state === ABSENT ? 0 : state - 1;
    const sum = ExactSum.fromParts(this.parts, k * INLINE_PARTS, count);
    this.sums.set(index, sum);
    this.states[k] = OBJECT;
    return sum;
  }

  /** Makes bucket `index` addressable. */
  private cover(index: number): void {
    const { start, size } = grownWindow(this.offset, this.length, index);
    const states = new Uint8Array(size);
    const parts = new Float64Array(size * INLINE_PARTS);
    if (this.length > 0) {
      const shift = this.offset - start;
      states.set(this.states, shift);
      parts.set(this.parts, shift * INLINE_PARTS);
    }
    this.states = states;
    this.parts = parts;
    this.offset = start;
    this.length = size;
  }

  /** Bucket k's sum as an ExactSum (a copy for an inline one); undefined when absent. */
  private sumAt(k: number): ExactSum | undefined {
    const state = this.states[k];
    if (state === ABSENT) return undefined;
    if (state === OBJECT) return this.sums.get(k + this.offset);
    return ExactSum.fromParts(this.parts, k * INLINE_PARTS, state - 1);
  }

  /** Adds `other`'s masses, bucket by bucket (exactly). */
  merge(other: BucketMasses): void {
    for (let j = 0; j < other.length; j++) {
      const state = other.states[j];
      if (state === ABSENT) continue;
      const index = j + other.offset;
      this.add(index, 0); // makes the bucket and its sum exist
      const k = index - this.offset;
      if (state === OBJECT) {
        this.toObject(index, k).addSum(other.sums.get(index) as ExactSum);
        continue;
      }
      // ExactSum.addSum adds the other's small parts one by one, as here.
      for (let p = 0; p < state - 1; p++) {
        const part = other.parts[j * INLINE_PARTS + p];
        const mine = this.states[k];
        if (mine === OBJECT) this.toObject(index, k).addPart(part);
        else this.addInline(index, k, mine - 1, part);
      }
    }
  }

  /** The first and last buckets with a sum (last < first when none). */
  private extent(): { first: number; last: number } {
    let first = 0;
    while (first < this.length && this.states[first] === ABSENT) first++;
    let last = this.length - 1;
    while (last >= first && this.states[last] === ABSENT) last--;
    return { first, last };
  }

  /** The masses rounded to doubles, from bucket `offset` on (trimmed to the buckets with weight). */
  rounded(): { offset: number; counts: Float64Array<ArrayBuffer> } {
    const { first, last } = this.extent();
    const counts = new Float64Array(Math.max(0, last - first + 1));
    for (let j = first; j <= last; j++) counts[j - first] = this.sumAt(j)?.value() ?? 0;
    return { offset: this.offset + first, counts };
  }

  /** Adds every bucket's exact sum into `total`. */
  addTo(total: ExactSum): void {
    for (let k = 0; k < this.length; k++) {
      const state = this.states[k];
      if (state === ABSENT) continue;
      if (state === OBJECT) total.addSum(this.sums.get(k + this.offset) as ExactSum);
      else total.addParts(this.parts, k * INLINE_PARTS, state - 1);
    }
  }

  /** The masses as data: the first bucket with weight, then each bucket's exact sum ([] for none). */
  toState(): WeightedBucketsState {
    const { first, last } = this.extent();
    const masses: number[][] = [];
    for (let j = first; j <= last; j++) masses.push(this.sumAt(j)?.toArray() ?? []);
    return { offset: this.offset + first, masses };
  }

  /** Masses holding {@link BucketMasses.toState}'s data. */
  static fromState(state: WeightedBucketsState): BucketMasses {
    const store = new BucketMasses();
    state.masses.forEach((m, j) => {
      if (m.length === 0) return;
      const index = state.offset + j;
      store.add(index, 0);
      store.sums.set(index, ExactSum.fromArray(m));
      store.states[index - store.offset] = OBJECT;
    });
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
