/**
 * Exact sums of doubles: the sum is kept exactly, so its rounded value does not depend on the order
 * or grouping of the additions — what lets partial runs merge in any order and give the bits of one
 * run. Each sum is a non-overlapping expansion (J. R. Shewchuk, "Adaptive precision floating-point
 * arithmetic and fast robust geometric predicates", Discrete & Computational Geometry 18, 1997), grown
 * and rounded as in the "partials" algorithm of Python's `math.fsum` (R. Hettinger's recipe, after
 * Shewchuk), with its correction for round-half-even across partials.
 *
 * Overflow: terms of magnitude 2^960 or more go, scaled by 2^-128 (exact), to a second expansion,
 * so that no partial sum of up to 2^53 finite terms overflows; the two are combined only when the
 * value is read. Non-finite terms are summed apart (NaN if any NaN or both infinities).
 * @module
 */

/** Terms at least this large are summed scaled down (see the module's note on overflow). */
const BIG = 2 ** 960;
const SCALE_DOWN = 2 ** -128;
const SCALE_UP = 2 ** 128;

/**
 * Adds finite x exactly to the non-overlapping expansion `parts[base .. base + count)` (smallest
 * first): a two-sum against every part, keeping the non-zero remainders, then the total on top. The
 * slot `base + count` must be free. Returns the expansion's new length (at most count + 1). Shared by
 * {@link ExactSum} and the weighted sketch's bucket masses, which keep short expansions inline.
 * @internal
 */
export function addToExpansion(
  parts: Float64Array,
  base: number,
  count: number,
  x: number,
): number {
  let kept = 0;
  for (let j = 0; j < count; j++) {
    let y = parts[base + j];
    if (Math.abs(x) < Math.abs(y)) {
      const t = x;
      x = y;
      y = t;
    }
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) parts[base + kept++] = lo;
    x = hi;
  }
  if (x !== 0) parts[base + kept++] = x;
  return kept;
}

/** A non-overlapping expansion of finite doubles whose partial sums cannot overflow. */
class Expansion {
  parts = new Float64Array(8);
  length = 0;

  /** Adds finite x exactly ({@link addToExpansion}). */
  add(x: number): void {
    if (this.length === this.parts.length) {
      const grown = new Float64Array(this.parts.length * 2);
      grown.set(this.parts);
      this.parts = grown;
    }
    this.length = addToExpansion(this.parts, 0, this.length, x);
  }

  /** The sum rounded to the nearest double, ties to even (fsum's final step). */
  round(): number {
    const parts = this.parts;
    let n = this.length;
    if (n === 0) return 0;
    let hi = parts[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = parts[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // hi + lo is exact and lo is half an ulp of hi: the parts below decide the rounding direction.
    if (n > 0 && ((lo < 0 && parts[n - 1] < 0) || (lo > 0 && parts[n - 1] > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }
}

/**
 * An exact, order-independent sum of doubles. `add` costs a few two-sums per term (as many as the
 * expansion has parts, typically 1–4); `value()` is the exact sum correctly rounded.
 *
 * @example
 * ```ts
 * const s = new ExactSum();
 * for (const x of [1e100, 1, -1e100]) s.add(x);
 * s.value(); // => 1 (a float running sum gives 0)
 * ```
 */
export class ExactSum {
  private readonly small = new Expansion();
  private readonly big = new Expansion();
  /** Sum of the non-finite terms; 0 when there were none. */
  private special = 0;
  /** Sum of the infinite terms (NaN when both signs came). */
  private infinite = 0;

  /** Adds one term exactly. */
  add(x: number): void {
    if (x - x !== 0) {
      this.special += x;
      if (!Number.isNaN(x)) this.infinite += x;
      return;
    }
    if (Math.abs(x) >= BIG) this.big.add(x * SCALE_DOWN);
    else if (x !== 0) this.small.add(x);
  }

  /** Adds every term of another exact sum (merging two partial results). */
  addSum(other: ExactSum): void {
    for (let j = 0; j < other.small.length; j++) this.small.add(other.small.parts[j]);
    for (let j = 0; j < other.big.length; j++) this.big.add(other.big.parts[j]);
    if (other.special !== 0) {
      // (NaN !== 0 too)
      this.special += other.special;
      this.infinite += other.infinite;
    }
  }

  /** The exact sum rounded to the nearest double (ties to even); ±Infinity beyond the range. */
  value(): number {
    if (this.special !== 0) return Number.isNaN(this.infinite) ? Number.NaN : this.special;
    if (this.big.length === 0) return this.small.round();
    // Both: the big parts scaled back up (exact, or infinite when the sum is beyond the range) and
    // the small ones, in one expansion.
    const combined = new Expansion();
    for (let j = 0; j < this.big.length; j++) {
      const part = this.big.parts[j] * SCALE_UP;
      if (part - part !== 0) return this.big.round() > 0 ? Infinity : -Infinity;
      combined.add(part);
    }
    for (let j = 0; j < this.small.length; j++) combined.add(this.small.parts[j]);
    const value = combined.round();
    // A partial sum beyond the range: so is the exact sum, within a rounding of the edge.
    if (value - value !== 0) return this.big.round() > 0 ? Infinity : -Infinity;
    return value;
  }

  /** The state as numbers: [special, infinite, small parts…, NaN, big parts…] (for messages). */
  toArray(): number[] {
    return [
      this.special,
      this.infinite,
      ...this.small.parts.subarray(0, this.small.length),
      Number.NaN,
      ...this.big.parts.subarray(0, this.big.length),
    ];
  }

  /**
   * An exact sum whose small expansion is `parts[start .. start + count)`, taken as they are: the parts an {@link ExactSum.add} of finite terms below 2^960 would
   * have left, kept elsewhere by a caller that stores short expansions inline (the weighted sketch's
   * bucket masses), so that continuing here gives the same parts, bit for bit.
   * @internal
   */
  static fromParts(parts: Float64Array, start: number, count: number): ExactSum {
    const sum = new ExactSum();
    const small = sum.small;
    if (count > small.parts.length) small.parts = new Float64Array(2 * count);
    small.parts.set(parts.subarray(start, start + count));
    small.length = count;
    return sum;
  }

  /** Adds the parts of an expansion stored inline ({@link ExactSum.fromParts}), as `addSum` would. @internal */
  addParts(parts: Float64Array, start: number, count: number): void {
    for (let j = 0; j < count; j++) this.small.add(parts[start + j]);
  }

  /** Adds one part of a small expansion (finite, any size), as `addSum` does. @internal */
  addPart(x: number): void {
    this.small.add(x);
  }

  /** An exact sum holding the state of {@link ExactSum.toArray}. */
  static fromArray(state: ArrayLike<number>): ExactSum {
    const sum = new ExactSum();
    sum.special = state[0];
    sum.infinite = state[1];
    let j = 2;
    for (; j < state.length && !Number.isNaN(state[j]); j++) sum.small.add(state[j]);
    for (j++; j < state.length; j++) sum.big.add(state[j]);
    return sum;
  }
}
