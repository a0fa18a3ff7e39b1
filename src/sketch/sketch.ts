/**
 * A mergeable streaming quantile sketch with a relative-error guarantee, for runs that keep no samples.
 *
 * The method is DDSketch's (C. Masson, J. E. Rim, H. K. Lee, "DDSketch: a fast and fully-mergeable
 * quantile sketch with relative-error guarantees", PVLDB 12(12), 2019): values are counted in buckets
 * whose bounds grow geometrically by γ = (1 + α) / (1 - α), so that the representative 2·lo·hi/(lo + hi)
 * of a bucket [lo, hi] is within relative error α of every value in it. The bucket of a value comes
 * from its binary exponent and a quadratic interpolation of log2 inside the octave,
 * L(2^e · s) = e + (6s - s² - 5) / 3 for s in [1, 2) (exact at octave ends, monotone), instead of a
 * call to `Math.log`. The slowest growth of L per unit of ln v is min s·L'(s) = 4/3 (at s = 1 and
 * s = 2), so `m = 3 / (4 ln γ)` buckets per unit of L keep every bucket's ratio at or below γ. The
 * significand s is read from the high 32 bits of the double only (20 of its 52 fraction bits): that
 * avoids writing the bits back (a store-forwarding stall that measured several times slower:
 * docs/performance.md, "Design decisions and their measurements") and moves L by less than
 * 2^-20 · 4/3; `m` is computed from ln γ less a 4e-6 margin so that the bound still holds.
 *
 * The state is integer counts per bucket, a count of exact zeros (and of magnitudes below the smallest
 * normal double), the exact minimum and maximum, and a count of non-finite values: it does not depend on
 * the order of insertion, and merging two sketches gives exactly the sketch of the union — the property
 * the model engine's reproducibility contract needs.
 * @module
 */
import { SalvoError } from '../errors.js';
import { ExactSum } from '../samples/exactSum.js';
import { optionNames, requireKnownOptions, show } from '../validate.js';
import { BucketMasses, grownWindow, type WeightedSketchState } from './masses.js';

/** A weighted sketch's exact masses, and whether the counts hold their rounded values. */
interface WeightedMasses {
  readonly positive: BucketMasses;
  readonly negative: BucketMasses;
  readonly zeros: ExactSum;
  settled: boolean;
}

/** Smallest positive normal double: smaller magnitudes are counted with zero. */
const MIN_NORMAL = 2.2250738585072014e-308;
/** L(v) >= -1022 for normal doubles: bucket indices are counted from there. */
const L_MIN = -1022;

// One scratch buffer to read a double's bits (little-endian word order on every platform JS runs on;
// checked at load time below).
const scratchFloat = new Float64Array(1);
const scratchWords = new Uint32Array(scratchFloat.buffer);
scratchFloat[0] = 1;
const HIGH = scratchWords[1] === 0x3ff00000 ? 1 : 0;

/**
 * Counts for a contiguous window of bucket indices, grown (by copying into a window at least twice as
 * wide) when a value falls outside it. Values of one run usually span a few decades, a few thousand
 * buckets, so memory follows the data instead of the ~150,000 buckets that cover every double.
 */
class BucketStore {
  counts = new Float64Array(0);
  /** Bucket index of counts[0]. */
  offset = 0;

  /** Makes bucket `index` addressable. */
  cover(index: number): void {
    const length = this.counts.length;
    if (length > 0 && index >= this.offset && index < this.offset + length) return;
    const { start, size } = grownWindow(this.offset, length, index);
    const counts = new Float64Array(size);
    if (length > 0) counts.set(this.counts, this.offset - start);
    this.counts = counts;
    this.offset = start;
  }

  /** Adds `other`'s counts, bucket by bucket. */
  merge(other: BucketStore): void {
    if (other.counts.length === 0) return;
    this.cover(other.offset);
    this.cover(other.offset + other.counts.length - 1);
    const shift = other.offset - this.offset;
    for (let j = 0; j < other.counts.length; j++) this.counts[j + shift] += other.counts[j];
  }
}

/**
 * Options of {@link QuantileSketch}.
 *
 * @example
 * ```ts
 * import { QuantileSketch } from 'salvo';
 * const coarse = new QuantileSketch({ relativeAccuracy: 0.01 }); // 1%: half the memory of the default
 * coarse.relativeAccuracy; // => 0.01
 * ```
 */
export interface QuantileSketchOptions {
  /**
   * Guaranteed relative error α of every quantile, in (0, 0.1]; default 0.005 (0.5%). Memory grows as
   * 1/α and with the range of the data: about 75 buckets (600 bytes) per factor of 2 spanned at the
   * default.
   */
  readonly relativeAccuracy?: number;
}

/** The names {@link QuantileSketchOptions} knows, for `UNKNOWN_OPTION`. */
const SKETCH_OPTION_NAMES = optionNames<QuantileSketchOptions>()(['relativeAccuracy']);

/**
 * A sketch's complete state as plain numbers and `Float64Array`s: it survives `structuredClone`,
 * `postMessage` between worker threads (the arrays can be transferred) and, with the arrays turned into
 * lists, JSON. Made by {@link QuantileSketch.toState}, read by {@link QuantileSketch.fromState}.
 *
 * @example
 * ```ts
 * import { QuantileSketch, type QuantileSketchState } from 'salvo';
 * const sketch = new QuantileSketch();
 * sketch.addAll(Float64Array.of(1, 2, 3));
 * const state: QuantileSketchState = sketch.toState();
 * state.count; // => 3
 * ```
 */
export interface QuantileSketchState {
  readonly relativeAccuracy: number;
  /** Finite values added. */
  readonly count: number;
  /** Non-finite values seen. */
  readonly nonFinite: number;
  /** Values counted as zero (magnitude below the smallest normal double). */
  readonly zeros: number;
  /** Exact extremes of the finite values (±Infinity when there are none). */
  readonly min: number;
  readonly max: number;
  /** Bucket index of `positiveCounts[0]`. */
  readonly positiveOffset: number;
  readonly positiveCounts: Float64Array;
  /** Bucket index of `negativeCounts[0]` (buckets of magnitudes). */
  readonly negativeOffset: number;
  readonly negativeCounts: Float64Array;
}

/**
 * A quantile sketch with relative-error guarantee α: for any p, `quantile(p)` is within a factor
 * (1 ± α) of the exact type-7 quantile's neighbouring order statistics, interpolated as numpy's
 * default does. Insertion order never changes the state, and {@link QuantileSketch.merge} of sketches
 * of disjoint parts equals the sketch of the whole.
 *
 * @example
 * ```ts
 * import { QuantileSketch, createRng, lognormal } from 'salvo';
 * const sketch = new QuantileSketch({ relativeAccuracy: 0.005 });
 * sketch.addAll(lognormal(0, 1).sample(100_000, createRng(1)));
 * sketch.count;           // => 100000
 * sketch.quantile(0.5);   // => 0.995026329660907 (the exact sample median is 0.997569362435569)
 * ```
 */
export class QuantileSketch {
  /** The guaranteed relative accuracy α. */
  readonly relativeAccuracy: number;
  private readonly multiplier: number;
  private readonly offset: number;
  /** −multiplier · 1023 − offset: the constant term of the bucket index. */
  private readonly base: number;
  private readonly positive = new BucketStore();
  private readonly negative = new BucketStore();
  private zeros = 0;
  private finiteCount = 0;
  private nonFiniteCount = 0;
  private minimum = Number.POSITIVE_INFINITY;
  private maximum = Number.NEGATIVE_INFINITY;

  /**
   * @param options - the relative accuracy α (default 0.005)
   * @throws {@link SalvoError} `INVALID_PARAMETER` when α is not in (0, 0.1]
   */
  constructor(options: QuantileSketchOptions = {}) {
    requireKnownOptions('QuantileSketch', 'options', options, SKETCH_OPTION_NAMES);
    const alpha = options.relativeAccuracy ?? 0.005;
    if (typeof alpha !== 'number' || !(alpha > 0 && alpha <= 0.1)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `QuantileSketch: relativeAccuracy must be in (0, 0.1], got ${show(alpha)}`,
        { parameter: 'relativeAccuracy', value: alpha },
      );
    }
    this.relativeAccuracy = alpha;
    // The 4e-6 margin covers reading only 20 fraction bits of the significand (see the module notes).
    const lnGamma = Math.log((1 + alpha) / (1 - alpha)) - 4e-6;
    this.multiplier = 3 / (4 * lnGamma);
    this.offset = Math.floor(this.multiplier * L_MIN);
    this.base = -this.multiplier * 1023 - this.offset;
  }

  /** Number of finite values added. */
  get count(): number {
    return this.finiteCount;
  }

  /** Number of NaN and ±Infinity values seen (they are counted, never placed in buckets). */
  get nonFinite(): number {
    return this.nonFiniteCount;
  }

  /** Smallest finite value added (exact); `NaN` when none. */
  get min(): number {
    return this.finiteCount === 0 ? Number.NaN : this.minimum;
  }

  /** Largest finite value added (exact); `NaN` when none. */
  get max(): number {
    return this.finiteCount === 0 ? Number.NaN : this.maximum;
  }

  /** Bucket index of a positive normal magnitude (the same arithmetic as the loop in `addAll`). */
  private index(magnitude: number): number {
    scratchFloat[0] = magnitude;
    const word = scratchWords[HIGH];
    const t = (word & 0x000fffff) * 9.5367431640625e-7;
    return Math.floor(
      this.multiplier * (word >>> 20) + (this.multiplier / 3) * t * (4 - t) + this.base,
    );
  }

  /** Lower bound of bucket `i` (the inverse of the interpolated log2). */
  private lowerBound(i: number): number {
    const l = (i + this.offset) / this.multiplier;
    const exponent = Math.floor(l);
    const s = 3 - Math.sqrt(4 - 3 * (l - exponent));
    return s * 2 ** exponent;
  }

  /** The value whose relative error to any member of bucket `i` is at most α. */
  private representative(i: number): number {
    const lo = this.lowerBound(i);
    // The top bucket's upper bound can pass 2^1024; the largest double bounds its values anyway.
    const hi = Math.min(this.lowerBound(i + 1), Number.MAX_VALUE);
    // 2·lo·hi / (lo + hi), written so that lo·hi cannot underflow near 1e-308 or overflow near 1e308.
    return lo * (2 / (1 + lo / hi));
  }

  /**
   * Adds one value. NaN and ±Infinity are counted in {@link QuantileSketch.nonFinite} and otherwise
   * ignored.
   * @param value - the value to count
   */
  add(value: number): void {
    if (!Number.isFinite(value)) {
      this.nonFiniteCount++;
      return;
    }
    this.finiteCount++;
    if (value < this.minimum) this.minimum = value;
    if (value > this.maximum) this.maximum = value;
    if (value > MIN_NORMAL) {
      const index = this.index(value);
      this.positive.cover(index);
      this.positive.counts[index - this.positive.offset]++;
    } else if (value < -MIN_NORMAL) {
      const index = this.index(-value);
      this.negative.cover(index);
      this.negative.counts[index - this.negative.offset]++;
    } else {
      this.zeros++;
    }
  }

  /** Exact bucket weights of a sketch fed by {@link QuantileSketch.addWeighted}; undefined otherwise. */
  private masses: WeightedMasses | undefined;

  /** The masses' exact sums, created on the first weighted addition. */
  private weightedMasses(): WeightedMasses {
    this.masses ??= {
      positive: new BucketMasses(),
      negative: new BucketMasses(),
      zeros: new ExactSum(),
      settled: true,
    };
    return this.masses;
  }

  /**
   * Rounds the exact masses into the bucket counts, `zeros` and the total weight, after additions or
   * merges: every reader of a weighted sketch calls it first.
   */
  private settle(): void {
    const masses = this.masses;
    if (masses === undefined || masses.settled) return;
    for (const [store, exact] of [
      [this.positive, masses.positive],
      [this.negative, masses.negative],
    ] as const) {
      const { offset, counts } = exact.rounded();
      store.offset = offset;
      store.counts = counts;
    }
    this.zeros = masses.zeros.value();
    const total = new ExactSum();
    total.addSum(masses.zeros);
    masses.positive.addTo(total);
    masses.negative.addTo(total);
    this.totalWeight = total.value();
    masses.settled = true;
  }

  private totalWeight = 0;

  /**
   * @internal Total weight added by {@link QuantileSketch.addWeighted} (finite values only): the
   * exact sum, rounded.
   */
  get weight(): number {
    this.settle();
    return this.totalWeight;
  }

  /**
   * @internal Adds each finite `values[i]` with weight `weights[i]` (the bucket counts become
   * masses). One call's weights are summed per bucket in float, in order, and then added exactly into
   * the bucket's mass: callers add one segment per call, so that the masses depend on the segments
   * only, never on the order or grouping in which they are added or merged. The sketch must then be read with {@link QuantileSketch.weightedQuantile} and with
   * {@link QuantileSketch.rank} over {@link QuantileSketch.weight}. Min and max cover values of
   * positive weight.
   */
  addWeighted(values: Float64Array, weights: Float64Array, start = 0, end = values.length): void {
    const masses = this.weightedMasses();
    masses.settled = false;
    let zeros = 0;
    for (let i = start; i < end; i++) {
      const value = values[i];
      if (!Number.isFinite(value)) {
        this.nonFiniteCount++;
        continue;
      }
      this.finiteCount++;
      const w = weights[i];
      if (!(w > 0)) continue;
      if (value < this.minimum) this.minimum = value;
      if (value > this.maximum) this.maximum = value;
      if (value > MIN_NORMAL) masses.positive.addPending(this.index(value), w);
      else if (value < -MIN_NORMAL) masses.negative.addPending(this.index(-value), w);
      else zeros += w;
    }
    masses.positive.flush();
    masses.negative.flush();
    masses.zeros.add(zeros);
  }

  /**
   * @internal The weighted p-quantile of a sketch filled by {@link QuantileSketch.addWeighted}: the
   * representative of the first bucket whose cumulative mass reaches p·weight (the inverted CDF),
   * clamped to [min, max]; p = 0 and p = 1 give min and max.
   */
  weightedQuantile(p: number): number {
    this.settle();
    if (p <= 0) return this.minimum;
    if (p >= 1) return this.maximum;
    const target = p * this.totalWeight;
    let seen = 0;
    const value = ((): number => {
      const negative = this.negative;
      for (let j = negative.counts.length - 1; j >= 0; j--) {
        seen += negative.counts[j];
        if (negative.counts[j] > 0 && seen >= target)
          return -this.representative(j + negative.offset);
      }
      seen += this.zeros;
      if (this.zeros > 0 && seen >= target) return 0;
      const positive = this.positive;
      for (let j = 0; j < positive.counts.length; j++) {
        seen += positive.counts[j];
        if (positive.counts[j] > 0 && seen >= target)
          return this.representative(j + positive.offset);
      }
      return this.maximum;
    })();
    return Math.min(this.maximum, Math.max(this.minimum, value));
  }

  /**
   * @internal A weighted sketch's state: counts, extremes and the exact masses (for partial runs of
   * weighted models).
   */
  toWeightedState(): WeightedSketchState {
    const masses = this.weightedMasses();
    return {
      relativeAccuracy: this.relativeAccuracy,
      count: this.finiteCount,
      nonFinite: this.nonFiniteCount,
      min: this.minimum,
      max: this.maximum,
      zeros: masses.zeros.toArray(),
      positive: masses.positive.toState(),
      negative: masses.negative.toState(),
    };
  }

  /** @internal A weighted sketch holding {@link QuantileSketch.toWeightedState}'s state. */
  static fromWeightedState(state: WeightedSketchState): QuantileSketch {
    const sketch = new QuantileSketch({ relativeAccuracy: state.relativeAccuracy });
    sketch.finiteCount = state.count;
    sketch.nonFiniteCount = state.nonFinite;
    sketch.minimum = state.min;
    sketch.maximum = state.max;
    sketch.masses = {
      positive: BucketMasses.fromState(state.positive),
      negative: BucketMasses.fromState(state.negative),
      zeros: ExactSum.fromArray(state.zeros),
      settled: false,
    };
    return sketch;
  }

  /**
   * Adds every value of `values` (or of `values.subarray(start, end)`), exactly as repeated
   * {@link QuantileSketch.add} calls would, in one tight loop (the bucket index is computed inline from
   * the value's high word; no call per value).
   * @param values - the values to count
   * @param start - first index (default 0)
   * @param end - index after the last (default `values.length`)
   */
  addAll(values: Float64Array, start = 0, end = values.length): void {
    const positiveStore = this.positive;
    const negativeStore = this.negative;
    let positive = positiveStore.counts;
    let positiveOffset = positiveStore.offset;
    let negative = negativeStore.counts;
    let negativeOffset = negativeStore.offset;
    const multiplier = this.multiplier;
    // The high word of each value, read straight from the values' memory (no scratch round trip).
    const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
    const high = HIGH;
    // The interpolated log2 of s = 1 + t (t: the fraction bits in [0, 1)) is e + (6s - s² - 5) / 3,
    // that is e + t (4 - t) / 3; multiplied out, each value costs four multiplications (five, one a division, before).
    const third = multiplier / 3;
    const base = this.base;
    let minimum = this.minimum;
    let maximum = this.maximum;
    let zeros = 0;
    let nonFinite = 0;
    for (let i = start; i < end; i++) {
      const value = values[i];
      if (value > 2.2250738585072014e-308 && value <= 1.7976931348623157e308) {
        // The common case first: a positive normal double.
        if (value < minimum) minimum = value;
        if (value > maximum) maximum = value;
        const word = words[2 * i + high];
        const t = (word & 0x000fffff) * 9.5367431640625e-7;
        const j =
          Math.floor(multiplier * (word >>> 20) + third * t * (4 - t) + base) - positiveOffset;
        if (j >>> 0 < positive.length) {
          positive[j]++;
        } else {
          const index = j + positiveOffset;
          positiveStore.cover(index);
          positive = positiveStore.counts;
          positiveOffset = positiveStore.offset;
          positive[index - positiveOffset]++;
        }
        continue;
      }
      if (!(value - value === 0)) {
        nonFinite++; // NaN or ±Infinity
        continue;
      }
      if (value < minimum) minimum = value;
      if (value > maximum) maximum = value;
      const magnitude = value < 0 ? -value : value;
      if (!(magnitude > 2.2250738585072014e-308)) {
        zeros++;
        continue;
      }
      const word = words[2 * i + high] & 0x7fffffff;
      const t = (word & 0x000fffff) * 9.5367431640625e-7;
      const index = Math.floor(multiplier * (word >>> 20) + third * t * (4 - t) + base);
      let j = index - negativeOffset;
      if (j < 0 || j >= negative.length) {
        negativeStore.cover(index);
        negative = negativeStore.counts;
        negativeOffset = negativeStore.offset;
        j = index - negativeOffset;
      }
      negative[j]++;
    }
    this.minimum = minimum;
    this.maximum = maximum;
    this.zeros += zeros;
    this.finiteCount += end - start - nonFinite;
    this.nonFiniteCount += nonFinite;
  }

  /**
   * Adds the counts of `other` to this sketch: the result is exactly the sketch of both inputs together.
   * @param other - a sketch with the same relative accuracy
   * @throws {@link SalvoError} `INVALID_PARAMETER` when the accuracies differ
   */
  merge(other: QuantileSketch): void {
    if (!(other instanceof QuantileSketch) || other.relativeAccuracy !== this.relativeAccuracy) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `QuantileSketch.merge: other must be a QuantileSketch with relativeAccuracy ${this.relativeAccuracy}, got ${other instanceof QuantileSketch ? other.relativeAccuracy : show(other)}`,
        { parameter: 'other', value: other },
      );
    }
    if (other.masses !== undefined) {
      const masses = this.weightedMasses();
      masses.positive.merge(other.masses.positive);
      masses.negative.merge(other.masses.negative);
      masses.zeros.addSum(other.masses.zeros);
      masses.settled = false;
    }
    this.positive.merge(other.positive);
    this.negative.merge(other.negative);
    this.zeros += other.zeros;
    this.finiteCount += other.finiteCount;
    this.nonFiniteCount += other.nonFiniteCount;
    if (other.minimum < this.minimum) this.minimum = other.minimum;
    if (other.maximum > this.maximum) this.maximum = other.maximum;
  }

  /**
   * The sketch's state, copied: for sending to another thread or process and rebuilding there with
   * {@link QuantileSketch.fromState} (merge the rebuilt sketches to combine parts of a run).
   * @returns a structured-cloneable snapshot
   * @example
   * ```ts
   * import { QuantileSketch } from 'salvo';
   * const part = new QuantileSketch();
   * part.addAll(Float64Array.of(1, 10, 100));
   * const copy = QuantileSketch.fromState(structuredClone(part.toState()));
   * copy.quantile(0.5) === part.quantile(0.5); // => true
   * ```
   */
  toState(): QuantileSketchState {
    return {
      relativeAccuracy: this.relativeAccuracy,
      count: this.finiteCount,
      nonFinite: this.nonFiniteCount,
      zeros: this.zeros,
      min: this.minimum,
      max: this.maximum,
      positiveOffset: this.positive.offset,
      positiveCounts: this.positive.counts.slice(),
      negativeOffset: this.negative.offset,
      negativeCounts: this.negative.counts.slice(),
    };
  }

  /**
   * Rebuilds a sketch from {@link QuantileSketch.toState}'s snapshot, checking that it is consistent.
   * @param state - a snapshot
   * @returns a new sketch equal to the one the snapshot was taken from
   * @throws {@link SalvoError} `INVALID_PARAMETER` when a field is missing or inconsistent (counts that
   *   are not non-negative integers, or that do not add up to `count`)
   * @example
   * ```ts
   * import { QuantileSketch } from 'salvo';
   * const a = new QuantileSketch();
   * a.addAll(Float64Array.of(1, 2, 3, 4));
   * QuantileSketch.fromState(a.toState()).count; // => 4
   * ```
   */
  static fromState(state: QuantileSketchState): QuantileSketch {
    const bad = (field: string, value: unknown): SalvoError =>
      new SalvoError(
        'INVALID_PARAMETER',
        `QuantileSketch.fromState: state.${field} is invalid, got ${show(value)}`,
        { parameter: `state.${field}`, value },
      );
    if (typeof state !== 'object' || state === null) throw bad('(itself)', state);
    const sketch = new QuantileSketch({ relativeAccuracy: state.relativeAccuracy });
    const isCount = (x: unknown): boolean =>
      typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
    for (const field of ['count', 'nonFinite', 'zeros'] as const) {
      if (!isCount(state[field])) throw bad(field, state[field]);
    }
    for (const field of ['positiveOffset', 'negativeOffset'] as const) {
      if (typeof state[field] !== 'number' || !Number.isSafeInteger(state[field])) {
        throw bad(field, state[field]);
      }
    }
    let total = state.zeros;
    for (const field of ['positiveCounts', 'negativeCounts'] as const) {
      const counts = state[field];
      if (!(counts instanceof Float64Array)) throw bad(field, counts);
      for (let j = 0; j < counts.length; j++) {
        if (!isCount(counts[j])) throw bad(`${field}[${j}]`, counts[j]);
        total += counts[j];
      }
    }
    if (total !== state.count) throw bad('count', state.count);
    if (
      state.count > 0 &&
      !(Number.isFinite(state.min) && Number.isFinite(state.max) && state.min <= state.max)
    ) {
      throw bad('min', state.min);
    }
    sketch.finiteCount = state.count;
    sketch.nonFiniteCount = state.nonFinite;
    sketch.zeros = state.zeros;
    if (state.count > 0) {
      sketch.minimum = state.min;
      sketch.maximum = state.max;
    }
    sketch.positive.offset = state.positiveOffset;
    sketch.positive.counts = state.positiveCounts.slice();
    sketch.negative.offset = state.negativeOffset;
    sketch.negative.counts = state.negativeCounts.slice();
    return sketch;
  }

  /**
   * Approximately how many finite values are below `x` (or at most `x` with `inclusive`): every value
   * is placed at its bucket's representative, clamped to the exact [min, max], so only values within
   * the relative accuracy α of `x` can be counted on the wrong side (and magnitudes below the smallest
   * normal double count as zero). Below the minimum the answer is 0 and from the maximum up it is the
   * full count, exactly.
   * @param x - the threshold (not NaN)
   * @param inclusive - count values equal to `x` (default false: strictly below)
   * @returns a count in [0, count]
   * @throws {@link SalvoError} `INVALID_PARAMETER` when `x` is NaN
   * @example
   * ```ts
   * import { QuantileSketch } from 'salvo';
   * const sketch = new QuantileSketch();
   * sketch.addAll(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
   * sketch.rank(5.5);      // => 5
   * sketch.rank(10, true); // => 10
   * ```
   */
  rank(x: number, inclusive = false): number {
    if (typeof x !== 'number' || Number.isNaN(x)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `QuantileSketch.rank: x must be a number, got ${show(x)}`,
        {
          parameter: 'x',
          value: x,
        },
      );
    }
    if (this.finiteCount === 0) return 0;
    this.settle();
    const below = (v: number): boolean => {
      const clamped = Math.min(Math.max(v, this.minimum), this.maximum);
      return inclusive ? clamped <= x : clamped < x;
    };
    let seen = 0;
    const negative = this.negative;
    for (let j = negative.counts.length - 1; j >= 0; j--) {
      if (negative.counts[j] === 0) continue;
      if (!below(-this.representative(j + negative.offset))) return seen;
      seen += negative.counts[j];
    }
    if (this.zeros > 0) {
      if (!below(0)) return seen;
      seen += this.zeros;
    }
    const positive = this.positive;
    for (let j = 0; j < positive.counts.length; j++) {
      if (positive.counts[j] === 0) continue;
      if (!below(this.representative(j + positive.offset))) return seen;
      seen += positive.counts[j];
    }
    return seen;
  }

  /** Approximate value of the order statistic with 0-based rank `k` (0 <= k < count). */
  private valueAtRank(k: number): number {
    if (k <= 0) return this.minimum;
    if (k >= this.finiteCount - 1) return this.maximum;
    let seen = 0;
    const negative = this.negative;
    for (let j = negative.counts.length - 1; j >= 0; j--) {
      seen += negative.counts[j];
      if (seen > k) return -this.representative(j + negative.offset);
    }
    seen += this.zeros;
    if (seen > k) return 0;
    const positive = this.positive;
    for (let j = 0; j < positive.counts.length; j++) {
      seen += positive.counts[j];
      if (seen > k) return this.representative(j + positive.offset);
    }
    return this.maximum;
  }

  /**
   * The p-quantile, interpolated between neighbouring order statistics as numpy's default (type 7)
   * does; each order statistic is within relative error α, and p = 0 and p = 1 give the exact minimum
   * and maximum. The result is clamped to [min, max].
   * @param p - a probability in [0, 1]
   * @throws {@link SalvoError} `INVALID_PARAMETER` for p outside [0, 1]; `EMPTY_DATA` when no finite
   *   value was added
   */
  quantile(p: number): number {
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `QuantileSketch.quantile: p must be a probability in [0, 1], got ${show(p)}`,
        { parameter: 'p', value: p },
      );
    }
    if (this.finiteCount === 0) {
      throw new SalvoError(
        'EMPTY_DATA',
        `QuantileSketch.quantile: no finite value has been added (${this.nonFiniteCount} non-finite)`,
      );
    }
    const rank = p * (this.finiteCount - 1);
    const below = Math.floor(rank);
    const low = this.valueAtRank(below);
    const fraction = rank - below;
    const value = fraction === 0 ? low : low + fraction * (this.valueAtRank(below + 1) - low);
    return Math.min(this.maximum, Math.max(this.minimum, value));
  }
}
