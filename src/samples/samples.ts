/**
 * `Samples`: an uncertain quantity as a vector of N samples (the "SIP" of probability management),
 * index-aligned with every other quantity of the same run. Arithmetic is element-wise, so dependence is
 * kept exactly: `x.sub(x)` is all zeros, whatever the distribution of `x`.
 * @module
 */
import { SalvoError } from '../errors.js';
import { requireFloat64Array, show } from '../validate.js';
import { type Ecdf, ecdf as ecdfOf } from './ecdf.js';
import { type Histogram, type HistogramOptions, histogram as histogramOf } from './histogram.js';
import * as k from './kernels/index.js';
import {
  type Moments,
  moments,
  readDdof,
  sdFrom,
  type VarianceOptions,
  varianceFrom,
} from './moments.js';
import { type ComparisonOp, probability as probabilityOf } from './probability.js';
import { quantile as quantileOf, quantiles as quantilesOf } from './quantiles.js';
import { type SampleSummary, type SummaryOptions, summaryFrom } from './summarize.js';
import type { SampleValues } from './values.js';

/**
 * A right-hand operand of `Samples` arithmetic: a scalar (not NaN) or samples of the same length.
 *
 * @example
 * ```ts
 * import { samples } from 'salvo';
 * const x = samples([1, 2, 3]);
 * x.add(10).values;                 // => Float64Array [11, 12, 13]
 * x.mul(samples([2, 0, 1])).values; // => Float64Array [2, 0, 3]
 * ```
 */
export type Operand = number | Samples;

type VectorKernel = (a: Float64Array, b: Float64Array, out: Float64Array) => Float64Array;
type ScalarKernel = (a: Float64Array, s: number, out: Float64Array) => Float64Array;
type UnaryKernel = (a: Float64Array, out: Float64Array) => Float64Array;
type VectorMask = (a: Float64Array, b: Float64Array, out: Uint8Array) => Uint8Array;
type ScalarMask = (a: Float64Array, s: number, out: Uint8Array) => Uint8Array;

/**
 * @internal Buffers that a model run lends to one call of a derive callback: the copies of its inputs
 * and the results of `Samples` arithmetic inside it, taken from a pool the run reuses block after
 * block (a fresh block-sized array per operation costs its first touch: page faults). When the call
 * returns, the lease expires and the `Samples` over its buffers refuse to be read.
 */
export class BufferLease {
  private readonly pool: Float64Array[];
  private readonly capacity: number;
  private readonly limit: number;
  private used = 0;
  /** Set when the callback has returned. */
  expired = false;

  /**
   * @param pool - the run's buffers, each of `capacity` values; grown when a call needs more
   * @param capacity - the longest buffer lent (a block)
   * @param limit - the most buffers lent to one call (beyond, results get new arrays, which the
   *   garbage collector can take back during the call: a callback looping over many temporaries must
   *   not pin them all)
   */
  constructor(pool: Float64Array[], capacity: number, limit: number) {
    this.pool = pool;
    this.capacity = capacity;
    this.limit = limit;
  }

  /**
   * A buffer of `length` values (contents unspecified), or undefined when longer than a block or
   * when the call already holds `limit` buffers.
   */
  take(length: number): Float64Array | undefined {
    if (this.expired || length > this.capacity || this.used >= this.limit) return undefined;
    if (this.used === this.pool.length) this.pool.push(new Float64Array(this.capacity));
    return this.pool[this.used++].subarray(0, length);
  }

  /** Whether `values` is one of the buffers lent by this lease. */
  owns(values: Float64Array): boolean {
    for (let i = 0; i < this.used; i++) if (this.pool[i].buffer === values.buffer) return true;
    return false;
  }
}

let activeLease: BufferLease | undefined;

/**
 * @internal Calls `compute` with `Samples` arithmetic taking its result buffers from `lease`; the
 * lease expires when `compute` returns or throws (after `finish` has read the result).
 */
export function withLease<T, R>(lease: BufferLease, compute: () => T, finish: (result: T) => R): R {
  const previous = activeLease;
  activeLease = lease;
  try {
    const result = compute();
    activeLease = previous;
    return finish(result);
  } finally {
    activeLease = previous;
    lease.expired = true;
  }
}

/**
 * An immutable vector of samples. Every method returns a new `Samples` (or a number); none modifies the
 * vector it is called on.
 *
 * - **Arithmetic** (`add`, `sub`, `mul`, `div`, `pow`, `min(other)`, `max(other)`, `clamp`) takes a
 *   number or another `Samples` of the same length, and works element by element with IEEE semantics
 *   (division by zero gives ±Infinity, which summaries then count as non-finite).
 * - **Comparisons** (`lt`, `le`, `gt`, `ge`, `eq`, `ne`) return an *indicator*: `Samples` of 1 where the
 *   comparison holds and 0 elsewhere. An indicator is ordinary samples, so `x.gt(t).mean()` is P(x > t)
 *   and `x.gt(t).mul(penaltyUsd)` is a cost that applies only when it holds. Comparisons with NaN give 0
 *   (`ne` gives 1), as IEEE does; the low-level kernels offer `Uint8Array` masks instead.
 * - **Summaries** (`mean`, `sd`, `variance`, `min()`, `max()`, `quantile`, `quantiles`, `histogram`,
 *   `ecdf`, `probability`, `summary`) describe the finite samples and set NaN and ±Infinity aside;
 *   `nonFiniteCount()` and `summary().nonFinite` say how many.
 *
 * Construct with {@link samples}, {@link Samples.from} (copies) or {@link Samples.wrap} (no copy).
 *
 * @example
 * ```ts
 * import { samples } from 'salvo';
 * const containers = samples([6000, 7000, 8000]);
 * const shellsPerContainer = samples([400, 500, 300]);
 * const shells = containers.mul(shellsPerContainer);
 * shells.values;          // => Float64Array [2400000, 3500000, 2400000]
 * shells.mean();          // => 2766666.6666666665
 * shells.gt(3e6).mean();  // => 0.3333333333333333
 * containers.sub(containers).max(); // => 0
 * ```
 */
export class Samples {
  private readonly buffer: Float64Array;
  /** The derive callback's lease this buffer belongs to, when it is the engine's to reuse. */
  private readonly lease: BufferLease | undefined;
  private cachedMoments: Moments | undefined;

  private constructor(values: Float64Array, lease?: BufferLease) {
    this.buffer = values;
    this.lease = lease;
    this.cachedMoments = undefined;
  }

  /**
   * The samples. Treat as read-only: a `Samples` may share this buffer with a model run or with
   * other `Samples` made by {@link Samples.wrap}, and caches its moments. Copy with `toFloat64Array()`.
   *
   * Inside a derive callback (`model.derive(name, callback)`), the samples the callback is given and
   * those its arithmetic makes live in buffers that the run reuses for the next block: they are valid
   * until the callback returns. Reading them afterwards throws `UNSUPPORTED`; keep a copy
   * (`toFloat64Array()`, `Samples.from`) to hold on to values.
   * @throws {@link SalvoError} `UNSUPPORTED` for samples of a derive callback that has returned
   */
  get values(): Float64Array {
    if (this.lease?.expired === true) {
      throw new SalvoError(
        'UNSUPPORTED',
        'Samples: these samples belong to a derive callback that has returned, and their buffer now holds another block; copy them inside the callback (toFloat64Array() or Samples.from) to keep them',
        { parameter: 'values', value: this.buffer.length },
      );
    }
    return this.buffer;
  }

  /**
   * @internal Samples over `values`, a buffer of `lease`: valid until the lease expires (the engine's
   * copies of a derive callback's inputs).
   */
  static leased(values: Float64Array, lease: BufferLease): Samples {
    return new Samples(values, lease);
  }

  /** A new buffer for a result: the active lease's, inside a derive callback; otherwise a new array. */
  private static allocate(length: number): Float64Array {
    return activeLease?.take(length) ?? new Float64Array(length);
  }

  /** Samples over a result buffer from {@link Samples.allocate}. */
  private static result(values: Float64Array): Samples {
    return new Samples(values, activeLease?.owns(values) === true ? activeLease : undefined);
  }

  /**
   * Makes `Samples` from a copy of `values`, so later changes to `values` do not show through.
   * @param values - a `Float64Array`, or an array of numbers
   * @returns new samples
   * @throws {@link SalvoError} `INVALID_PARAMETER` when `values` is neither
   * @example
   * ```ts
   * import { Samples } from 'salvo';
   * Samples.from([1, 2, 3]).length; // => 3
   * ```
   */
  static from(values: SampleValues): Samples {
    if (values instanceof Float64Array) return new Samples(values.slice());
    if (Array.isArray(values)) return new Samples(Float64Array.from(values));
    throw new SalvoError(
      'INVALID_PARAMETER',
      `Samples.from: values must be a Float64Array or an array of numbers, got ${show(values)}`,
      { parameter: 'values', value: values },
    );
  }

  /**
   * Makes `Samples` that use `values` itself, without a copy: for a model run handing over a buffer it
   * will not touch again. The caller must not modify `values` afterwards.
   * @param values - the buffer to adopt
   * @returns samples backed by `values`
   * @throws {@link SalvoError} `INVALID_PARAMETER` when `values` is not a `Float64Array`
   * @example
   * ```ts
   * import { Samples } from 'salvo';
   * const buffer = Float64Array.of(1, 2);
   * Samples.wrap(buffer).values === buffer; // => true
   * ```
   */
  static wrap(values: Float64Array): Samples {
    requireFloat64Array('Samples.wrap', 'values', values);
    return new Samples(values);
  }

  /** Number of samples (finite or not). */
  get length(): number {
    return this.values.length;
  }

  /**
   * A fresh copy of the samples, free to modify.
   * @returns a new `Float64Array`
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([1, 2]).toFloat64Array(); // => Float64Array [1, 2]
   * ```
   */
  toFloat64Array(): Float64Array {
    return this.values.slice();
  }

  // -------------------------------------------------------------------------------------------------
  // Arithmetic

  private operand(where: string, other: unknown): number | Float64Array {
    if (other instanceof Samples) {
      if (other.values.length !== this.values.length) {
        throw new SalvoError(
          'LENGTH_MISMATCH',
          `Samples.${where}: operand has length ${other.values.length} but this has length ${this.values.length}; samples of one run are index-aligned and must have equal lengths`,
          { parameter: 'other', value: other.values.length },
        );
      }
      return other.values;
    }
    if (typeof other === 'number' && !Number.isNaN(other)) return other;
    throw new SalvoError(
      'INVALID_PARAMETER',
      `Samples.${where}: operand must be a number (not NaN) or Samples, got ${show(other)}`,
      { parameter: 'other', value: other },
    );
  }

  private binary(
    where: string,
    other: Operand,
    vector: VectorKernel,
    scalar: ScalarKernel,
  ): Samples {
    const b = this.operand(where, other);
    const out = Samples.allocate(this.values.length);
    if (typeof b === 'number') scalar(this.values, b, out);
    else vector(this.values, b, out);
    return Samples.result(out);
  }

  private unary(kernel: UnaryKernel): Samples {
    return Samples.result(kernel(this.values, Samples.allocate(this.values.length)));
  }

  private compare(where: string, other: Operand, vector: VectorMask, scalar: ScalarMask): Samples {
    const b = this.operand(where, other);
    const mask = new Uint8Array(this.values.length);
    if (typeof b === 'number') scalar(this.values, b, mask);
    else vector(this.values, b, mask);
    const out = Samples.allocate(mask.length);
    out.set(mask);
    return Samples.result(out);
  }

  /**
   * Element-wise sum.
   * @param other - a number or samples of the same length
   * @returns `this[i] + other[i]`
   * @throws {@link SalvoError} `LENGTH_MISMATCH` naming both lengths; `INVALID_PARAMETER` for NaN
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([1, 2]).add(samples([10, 20])).values; // => Float64Array [11, 22]
   * samples([1, 2]).add(0.5).values;               // => Float64Array [1.5, 2.5]
   * ```
   */
  add(other: Operand): Samples {
    return this.binary('add', other, k.add, k.addScalar);
  }

  /**
   * Element-wise difference.
   * @param other - a number or samples of the same length
   * @returns `this[i] - other[i]`
   * @throws {@link SalvoError} `LENGTH_MISMATCH` naming both lengths; `INVALID_PARAMETER` for NaN
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * const x = samples([0.1, 7, -3]);
   * x.sub(x).values;  // => Float64Array [0, 0, 0]
   * x.sub(1).values;  // => Float64Array [-0.9, 6, -4]
   * ```
   */
  sub(other: Operand): Samples {
    return this.binary('sub', other, k.sub, k.subScalar);
  }

  /**
   * Element-wise product.
   * @param other - a number or samples of the same length
   * @returns `this[i] * other[i]`
   * @throws {@link SalvoError} `LENGTH_MISMATCH` naming both lengths; `INVALID_PARAMETER` for NaN
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([2, 3]).mul(samples([4, 5])).values; // => Float64Array [8, 15]
   * ```
   */
  mul(other: Operand): Samples {
    return this.binary('mul', other, k.mul, k.mulScalar);
  }

  /**
   * Element-wise quotient (IEEE: `x / 0` is ±Infinity, counted later by the summaries).
   * @param other - a number or samples of the same length
   * @returns `this[i] / other[i]`
   * @throws {@link SalvoError} `LENGTH_MISMATCH` naming both lengths; `INVALID_PARAMETER` for NaN
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * const ratio = samples([1, 2, 3]).div(samples([2, 0, 4]));
   * ratio.values;           // => Float64Array [0.5, Infinity, 0.75]
   * ratio.nonFiniteCount(); // => 1
   * ratio.mean();           // => 0.625
   * ```
   */
  div(other: Operand): Samples {
    return this.binary('div', other, k.div, k.divScalar);
  }

  /**
   * Element-wise power, `Math.pow(this[i], other[i])`.
   * @param other - exponent: a number or samples of the same length
   * @returns the powers
   * @throws {@link SalvoError} `LENGTH_MISMATCH` naming both lengths; `INVALID_PARAMETER` for NaN
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([2, 3]).pow(2).values; // => Float64Array [4, 9]
   * ```
   */
  pow(other: Operand): Samples {
    return this.binary('pow', other, k.pow, k.powScalar);
  }

  /**
   * Smallest finite sample, with no argument; element-wise minimum with `other`, with one.
   * @returns a number (no argument) or new samples (with `other`)
   * @throws {@link SalvoError} `EMPTY_DATA` when called without argument on samples with no finite
   *   value; `LENGTH_MISMATCH` naming both lengths; `INVALID_PARAMETER` for NaN
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * const x = samples([3, 1, 2]);
   * x.min();              // => 1
   * x.min(2).values;      // => Float64Array [2, 1, 2]
   * ```
   */
  min(): number;
  /**
   * Element-wise minimum with `other`.
   * @param other - a number (a cap) or samples of the same length
   * @returns new samples
   */
  min(other: Operand): Samples;
  min(other?: Operand): number | Samples {
    if (other === undefined) return this.stats('min').min;
    return this.binary('min', other, k.min, k.minScalar);
  }

  /**
   * Largest finite sample, with no argument; element-wise maximum with `other`, with one.
   * @returns a number (no argument) or new samples (with `other`)
   * @throws {@link SalvoError} `EMPTY_DATA` when called without argument on samples with no finite
   *   value; `LENGTH_MISMATCH` naming both lengths; `INVALID_PARAMETER` for NaN
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * const x = samples([3, -1, Infinity]);
   * x.max();              // => 3
   * x.max(0).values;      // => Float64Array [3, 0, Infinity]
   * ```
   */
  max(): number;
  /**
   * Element-wise maximum with `other`.
   * @param other - a number (a floor) or samples of the same length
   * @returns new samples
   */
  max(other: Operand): Samples;
  max(other?: Operand): number | Samples {
    if (other === undefined) return this.stats('max').max;
    return this.binary('max', other, k.max, k.maxScalar);
  }

  /**
   * Limits every sample to `[lo, hi]`: `min(max(this[i], lo[i]), hi[i])`.
   * @param lo - lower bound: a number or samples of the same length
   * @param hi - upper bound: a number or samples of the same length
   * @returns the clamped samples
   * @throws {@link SalvoError} `INVALID_PARAMETER` when both bounds are numbers and `lo > hi`, or a
   *   bound is NaN; `LENGTH_MISMATCH` naming both lengths
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([-0.2, 0.4, 1.7]).clamp(0, 1).values; // => Float64Array [0, 0.4, 1]
   * ```
   */
  clamp(lo: Operand, hi: Operand): Samples {
    const a = this.operand('clamp', lo);
    const b = this.operand('clamp', hi);
    const out = Samples.allocate(this.values.length);
    if (typeof a === 'number' && typeof b === 'number') {
      if (a > b) {
        throw new SalvoError(
          'INVALID_PARAMETER',
          `Samples.clamp: lo must be <= hi, got lo = ${show(a)}, hi = ${show(b)}`,
          { parameter: 'lo', value: a },
        );
      }
      k.clampScalar(this.values, a, b, out);
    } else {
      const n = this.values.length;
      const loV = typeof a === 'number' ? Samples.allocate(n).fill(a) : a;
      const hiV = typeof b === 'number' ? Samples.allocate(n).fill(b) : b;
      k.clamp(this.values, loV, hiV, out);
    }
    return Samples.result(out);
  }

  /**
   * Element-wise negation.
   * @returns `-this[i]`
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([1, -2]).neg().values; // => Float64Array [-1, 2]
   * ```
   */
  neg(): Samples {
    return this.unary(k.neg);
  }

  /**
   * Element-wise `Math.exp`.
   * @returns `e ** this[i]`
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([0, 1]).exp().values; // => Float64Array [1, 2.718281828459045]
   * ```
   */
  exp(): Samples {
    return this.unary(k.exp);
  }

  /**
   * Element-wise natural logarithm (`log(0)` is -Infinity; negative samples give NaN).
   * @returns `Math.log(this[i])`
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([1, Math.E]).log().values; // => Float64Array [0, 1]
   * ```
   */
  log(): Samples {
    return this.unary(k.log);
  }

  /**
   * Element-wise square root (negative samples give NaN).
   * @returns `Math.sqrt(this[i])`
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([4, 9]).sqrt().values; // => Float64Array [2, 3]
   * ```
   */
  sqrt(): Samples {
    return this.unary(k.sqrt);
  }

  /**
   * Element-wise absolute value.
   * @returns `Math.abs(this[i])`
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([-4, 2]).abs().values; // => Float64Array [4, 2]
   * ```
   */
  abs(): Samples {
    return this.unary(k.abs);
  }

  // -------------------------------------------------------------------------------------------------
  // Comparisons (indicators)

  /**
   * Indicator of `this[i] < other[i]`: 1 where it holds, 0 elsewhere.
   * @param other - a number or samples of the same length
   * @returns samples of 0 and 1
   * @throws {@link SalvoError} `LENGTH_MISMATCH` naming both lengths; `INVALID_PARAMETER` for NaN
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([1, 2, 3]).lt(2).values; // => Float64Array [1, 0, 0]
   * ```
   */
  lt(other: Operand): Samples {
    return this.compare('lt', other, k.lt, k.ltScalar);
  }

  /**
   * Indicator of `this[i] <= other[i]`.
   * @param other - a number or samples of the same length
   * @returns samples of 0 and 1
   * @throws {@link SalvoError} `LENGTH_MISMATCH` naming both lengths; `INVALID_PARAMETER` for NaN
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([1, 2, 3]).le(2).values; // => Float64Array [1, 1, 0]
   * ```
   */
  le(other: Operand): Samples {
    return this.compare('le', other, k.le, k.leScalar);
  }

  /**
   * Indicator of `this[i] > other[i]`; its mean is the probability that the comparison holds.
   * @param other - a number or samples of the same length
   * @returns samples of 0 and 1
   * @throws {@link SalvoError} `LENGTH_MISMATCH` naming both lengths; `INVALID_PARAMETER` for NaN
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * const costUsd = samples([90, 120, 150]);
   * const budgetUsd = samples([100, 100, 160]);
   * costUsd.gt(budgetUsd).values; // => Float64Array [0, 1, 0]
   * costUsd.gt(100).mean();       // => 0.6666666666666666
   * ```
   */
  gt(other: Operand): Samples {
    return this.compare('gt', other, k.gt, k.gtScalar);
  }

  /**
   * Indicator of `this[i] >= other[i]`.
   * @param other - a number or samples of the same length
   * @returns samples of 0 and 1
   * @throws {@link SalvoError} `LENGTH_MISMATCH` naming both lengths; `INVALID_PARAMETER` for NaN
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([1, 2, 3]).ge(2).values; // => Float64Array [0, 1, 1]
   * ```
   */
  ge(other: Operand): Samples {
    return this.compare('ge', other, k.ge, k.geScalar);
  }

  /**
   * Indicator of `this[i] === other[i]` (`-0` equals `0`).
   * @param other - a number or samples of the same length
   * @returns samples of 0 and 1
   * @throws {@link SalvoError} `LENGTH_MISMATCH` naming both lengths; `INVALID_PARAMETER` for NaN
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([1, 2, 3]).eq(2).values; // => Float64Array [0, 1, 0]
   * ```
   */
  eq(other: Operand): Samples {
    return this.compare('eq', other, k.eq, k.eqScalar);
  }

  /**
   * Indicator of `this[i] !== other[i]` (1 where a sample is NaN).
   * @param other - a number or samples of the same length
   * @returns samples of 0 and 1
   * @throws {@link SalvoError} `LENGTH_MISMATCH` naming both lengths; `INVALID_PARAMETER` for NaN
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([1, 2, NaN]).ne(2).values; // => Float64Array [1, 0, 1]
   * ```
   */
  ne(other: Operand): Samples {
    return this.compare('ne', other, k.ne, k.neScalar);
  }

  // -------------------------------------------------------------------------------------------------
  // Summaries

  private stats(where: string, needed = 1): Moments {
    if (this.cachedMoments === undefined) this.cachedMoments = moments(this.values);
    const m = this.cachedMoments;
    if (m.count < needed) {
      const what = needed === 1 ? 'at least one finite value' : `at least ${needed} finite values`;
      throw new SalvoError(
        'EMPTY_DATA',
        `Samples.${where}: needs ${what}, got ${m.count} finite and ${m.nonFinite} non-finite (NaN or ±Infinity)`,
        { parameter: 'values', value: m.count },
      );
    }
    return m;
  }

  /**
   * Number of NaN and ±Infinity samples, which every summary sets aside.
   * @returns the count
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([1, NaN, -Infinity]).nonFiniteCount(); // => 2
   * ```
   */
  nonFiniteCount(): number {
    if (this.cachedMoments === undefined) this.cachedMoments = moments(this.values);
    return this.cachedMoments.nonFinite;
  }

  /**
   * Mean of the finite samples (compensated sum; cached after the first call).
   * @returns the mean
   * @throws {@link SalvoError} `EMPTY_DATA` when no sample is finite
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([1, 2, 3, 4]).mean(); // => 2.5
   * ```
   */
  mean(): number {
    return this.stats('mean').mean;
  }

  /**
   * Variance of the finite samples (divisor `count - 1`, or `count` with `ddof: 0`).
   * @param options - `ddof`, 0 or 1 (default 1)
   * @returns the variance
   * @throws {@link SalvoError} `EMPTY_DATA` when no more than `ddof` samples are finite;
   *   `INVALID_PARAMETER` for another `ddof`
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([1, 2, 3, 4]).variance(); // => 1.6666666666666667
   * ```
   */
  variance(options?: VarianceOptions): number {
    const ddof = readDdof('Samples.variance', options);
    return varianceFrom(this.stats('variance', ddof + 1), ddof);
  }

  /**
   * Standard deviation of the finite samples (divisor `count - 1`, or `count` with `ddof: 0`).
   * @param options - `ddof`, 0 or 1 (default 1)
   * @returns the standard deviation
   * @throws {@link SalvoError} `EMPTY_DATA` when no more than `ddof` samples are finite;
   *   `INVALID_PARAMETER` for another `ddof`
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([2, 4, 4, 4, 5, 5, 7, 9]).sd(); // => 2.138089935299395
   * ```
   */
  sd(options?: VarianceOptions): number {
    const ddof = readDdof('Samples.sd', options);
    return sdFrom(this.stats('sd', ddof + 1), ddof);
  }

  /**
   * Type-7 quantile of the finite samples (numpy's and R's default), by selection rather than a sort
   * (see the `quantile` function).
   * @param p - a probability in [0, 1]
   * @returns the quantile
   * @throws {@link SalvoError} `INVALID_PARAMETER` when `p` is outside [0, 1] or NaN;
   *   `EMPTY_DATA` when no sample is finite
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([1, 2, 3, 4]).quantile(0.5); // => 2.5
   * ```
   */
  quantile(p: number): number {
    return quantileOf(this.values, p);
  }

  /**
   * Several type-7 quantiles at once (one pass each for up to 8 of them; see `quantiles`).
   * @param ps - probabilities in [0, 1], in any order
   * @returns the quantiles, in the order of `ps`
   * @throws {@link SalvoError} `INVALID_PARAMETER` naming `ps[i]` when one is outside [0, 1] or NaN;
   *   `EMPTY_DATA` when no sample is finite
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([5, 1, 4, 2, 3]).quantiles([0.05, 0.5, 0.95]); // => [1.2, 3, 4.8]
   * ```
   */
  quantiles(ps: readonly number[]): number[] {
    return quantilesOf(this.values, ps);
  }

  /**
   * Histogram of the finite samples, with numpy's conventions (last bin closed).
   * @param options - `bins` (default 10) with an optional `range`, or explicit `edges`
   * @returns edges, counts, and the numbers of samples outside the edges and non-finite
   * @throws {@link SalvoError} `INVALID_PARAMETER` for bad `bins`, `range` or `edges`;
   *   `EMPTY_DATA` when the range must come from the data and no sample is finite
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([1, 2, 2, 3, 4]).histogram({ bins: 3 }).counts; // => Float64Array [1, 2, 2]
   * ```
   */
  histogram(options?: HistogramOptions): Histogram {
    return histogramOf(this.values, options);
  }

  /**
   * The empirical CDF of the finite samples: with no argument, the function itself (which sorts one
   * copy once); at one point, the share of samples `<= x` (one pass, no sort); at several points, a
   * `Float64Array` of shares.
   * @returns the function, a share, or shares aligned with `x`
   * @throws {@link SalvoError} `INVALID_PARAMETER` for a NaN point; `EMPTY_DATA` when no sample is finite
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * const x = samples([3, 1, 2, 2]);
   * x.ecdf(2);         // => 0.75
   * x.ecdf([0, 2.5]);  // => Float64Array [0, 0.75]
   * x.ecdf()(3);       // => 1
   * ```
   */
  ecdf(): Ecdf;
  /**
   * The share of finite samples `<= x`.
   * @param x - a point, not NaN
   * @returns the share
   */
  ecdf(x: number): number;
  /**
   * The shares of finite samples `<=` each point.
   * @param x - the points
   * @returns shares aligned with `x`
   */
  ecdf(x: SampleValues): Float64Array;
  ecdf(x?: number | SampleValues): Ecdf | number | Float64Array {
    if (x === undefined) return ecdfOf(this.values);
    if (typeof x === 'number') {
      if (Number.isNaN(x)) {
        throw new SalvoError(
          'INVALID_PARAMETER',
          'Samples.ecdf: x must be a number (not NaN), got NaN',
          {
            parameter: 'x',
            value: x,
          },
        );
      }
      return probabilityOf(this.values, '<=', x);
    }
    return ecdfOf(this.values).evaluate(x);
  }

  /**
   * Share of the finite samples for which `sample op threshold` holds.
   * @param op - one of `'<'`, `'<='`, `'>'`, `'>='`, `'=='`, `'!='`
   * @param threshold - the value compared against (±Infinity allowed, NaN not)
   * @returns a fraction in [0, 1]
   * @throws {@link SalvoError} `INVALID_PARAMETER` for an unknown `op` or a NaN `threshold`;
   *   `EMPTY_DATA` when no sample is finite
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * samples([1, 2, 3, 4, 5]).probability('>', 3); // => 0.4
   * ```
   */
  probability(op: ComparisonOp, threshold: number): number {
    return probabilityOf(this.values, op, threshold);
  }

  /**
   * `{ n, nonFinite, mean, sd, min, max, quantiles: { p5, p25, p50, p75, p95, … } }` of the finite
   * samples; `n` counts every sample and `nonFinite` those set aside.
   * @param options - `probabilities`: extra quantiles to report (keyed `p90`, `p2.5`, …)
   * @returns the summary
   * @throws {@link SalvoError} `EMPTY_DATA` when fewer than 2 samples are finite;
   *   `INVALID_PARAMETER` naming `probabilities[i]` when one is outside [0, 1] or NaN
   * @example
   * ```ts
   * import { samples } from 'salvo';
   * const s = samples([1, 2, 3, 4, 5]).summary();
   * s.mean;          // => 3
   * s.quantiles.p50; // => 3
   * s.quantiles.p95; // => 4.8
   * ```
   */
  summary(options: SummaryOptions = {}): SampleSummary {
    const m = this.stats('summary');
    return summaryFrom('Samples.summary', this.values, m, options.probabilities);
  }

  /**
   * A short description, such as `Samples(length = 3)`.
   * @returns the description
   */
  toString(): string {
    return `Samples(length = ${this.values.length})`;
  }
}

/**
 * Makes {@link Samples} from a copy of `values`: the usual way to bring data into salvo.
 * @param values - a `Float64Array`, or an array of numbers
 * @returns new samples
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `values` is neither
 * @example
 * ```ts
 * import { samples } from 'salvo';
 * const x = samples([1, 2, 3]);
 * x.length;      // => 3
 * x.mul(2).mean(); // => 4
 * ```
 */
export function samples(values: SampleValues): Samples {
  return Samples.from(values);
}
