/**
 * Ordering and ranks of sample vectors: a stable radix argsort of `Float64Array`s (exact, no
 * comparator calls, no per-element allocation), average ranks with ties (scipy's `rankdata`), and
 * Spearman's rank correlation.
 * @module
 */
import { SalvoError } from '../errors.js';
import { show } from '../validate.js';

/**
 * Sorts indices by value with a least-significant-digit radix sort on the IEEE-754 bits (negative
 * numbers' bits flipped, positive numbers' sign bit set, so that unsigned order is numeric order;
 * -0 counted as +0; NaN last). Stable and exact. It sorts on the high 32 bits (sign, exponent and 20
 * bits of mantissa: three passes of 11 bits over (key, index) pairs, so that every read is
 * sequential; histograms counted in one sweep; a pass is skipped when every value has the same digit
 * there), then orders the short runs of equal high words by their low words with an insertion sort;
 * when a run is long (values within about one part in a million of each other, or many ties), it
 * sorts on all 64 bits instead. Scratch memory is reused between calls.
 * @internal
 */
export class RadixArgsort {
  private capacity = 0;
  /** High and low keys by original position. */
  private high = new Uint32Array(0);
  private low = new Uint32Array(0);
  private indexA = new Uint32Array(0);
  private indexB = new Uint32Array(0);
  private keyA = new Uint32Array(0);
  private keyB = new Uint32Array(0);
  private readonly counts = new Uint32Array(3 * 2048);
  /** After `argsort`: positions in ascending order, and their high keys (same order). */
  private sortedIndex = new Uint32Array(0);
  private sortedHigh = new Uint32Array(0);
  private order = new Uint32Array(0);

  private ensure(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
    this.high = new Uint32Array(n);
    this.low = new Uint32Array(n);
    this.indexA = new Uint32Array(n);
    this.indexB = new Uint32Array(n);
    this.keyA = new Uint32Array(n);
    this.keyB = new Uint32Array(n);
  }

  /**
   * Stably sorts the pairs (keyA[i], indexA[i]), i < n, by key in three 11-bit passes; leaves the
   * result in `sortedIndex` / `sortedHigh` (views of the A or B arrays).
   */
  private sortPairs(n: number): void {
    const counts = this.counts;
    counts.fill(0);
    let keyFrom = this.keyA;
    let indexFrom = this.indexA;
    let keyTo = this.keyB;
    let indexTo = this.indexB;
    for (let i = 0; i < n; i++) {
      const key = keyFrom[i];
      counts[key & 2047]++;
      counts[2048 + ((key >>> 11) & 2047)]++;
      counts[4096 + (key >>> 22)]++;
    }
    for (let digit = 0; digit < 3; digit++) {
      const base = digit * 2048;
      const shift = digit * 11;
      if (counts[base + ((keyFrom[0] >>> shift) & 2047)] === n) continue; // one digit everywhere
      let sum = 0;
      for (let d = base; d < base + 2048; d++) {
        const c = counts[d];
        counts[d] = sum;
        sum += c;
      }
      for (let i = 0; i < n; i++) {
        const key = keyFrom[i];
        const at = counts[base + ((key >>> shift) & 2047)]++;
        keyTo[at] = key;
        indexTo[at] = indexFrom[i];
      }
      const keySwap = keyFrom;
      keyFrom = keyTo;
      keyTo = keySwap;
      const indexSwap = indexFrom;
      indexFrom = indexTo;
      indexTo = indexSwap;
    }
    this.sortedIndex = indexFrom;
    this.sortedHigh = keyFrom;
  }

  /**
   * Writes into `order[0 .. end - start)` the positions (relative to `start`) of
   * `values[start .. end)` in ascending order; ties keep their original order.
   */
  argsort(values: Float64Array, start: number, end: number, order: Uint32Array): Uint32Array {
    const n = end - start;
    this.ensure(n);
    if (n === 0) return order;
    const { high, low } = this;
    // The values' own bits, read through a 32-bit view (little-endian: low word first).
    const words = new Uint32Array(values.buffer, values.byteOffset + start * 8, 2 * n);
    let special = false;
    for (let i = 0; i < n; i++) {
      const h = words[2 * i + 1];
      if (h & 0x80000000) {
        high[i] = ~h >>> 0;
        low[i] = ~words[2 * i] >>> 0;
      } else {
        high[i] = (h | 0x80000000) >>> 0;
        low[i] = words[2 * i];
      }
      // -0, or beyond ±Infinity's key (possibly NaN): fixed below.
      if (high[i] >= 0xfff00000 || high[i] <= 0x000fffff || high[i] === 0x7fffffff) special = true;
    }
    if (special) {
      for (let i = 0; i < n; i++) {
        const x = values[start + i];
        if (Number.isNaN(x)) {
          high[i] = 0xffffffff;
          low[i] = 0xffffffff;
        } else if (x === 0) {
          high[i] = 0x80000000;
          low[i] = 0;
        }
      }
    }
    this.keyA.set(high.subarray(0, n));
    const indexA = this.indexA;
    for (let i = 0; i < n; i++) indexA[i] = i;
    this.sortPairs(n);
    // Runs of equal high words, ordered by their low words: by insertion while short; when one is long
    // (many ties, or values within a part in a million), everything is sorted by all 64 bits instead.
    let index = this.sortedIndex;
    let keys = this.sortedHigh;
    let runStart = 0;
    let long = false;
    for (let r = 1; r <= n && !long; r++) {
      if (r < n && keys[r] === keys[runStart]) continue;
      if (r - runStart > 64) long = true;
      else {
        for (let a = runStart + 1; a < r; a++) {
          const moving = index[a];
          const key = low[moving];
          let q = a - 1;
          while (q >= runStart && low[index[q]] > key) {
            index[q + 1] = index[q];
            q--;
          }
          index[q + 1] = moving;
        }
      }
      runStart = r;
    }
    if (long) {
      this.keyA.set(low.subarray(0, n));
      for (let i = 0; i < n; i++) indexA[i] = i;
      this.sortPairs(n);
      // Then stably by the high word, starting from the order by low word.
      index = this.sortedIndex;
      const keyA = this.keyA;
      for (let i = 0; i < n; i++) {
        const at = index[i];
        keyA[i] = high[at];
        indexA[i] = at; // a no-op when the order is already in indexA
      }
      this.sortPairs(n);
      index = this.sortedIndex;
      keys = this.sortedHigh;
    }
    order.set(index.subarray(0, n));
    return order;
  }

  /**
   * Average ranks (1-based, ties averaged; NaN last and never tied) of `values[start .. end)`, written
   * into `ranks[0 .. end - start)`.
   */
  ranks(values: Float64Array, start: number, end: number, ranks: Float64Array): Float64Array {
    const n = end - start;
    this.ensure(n);
    if (this.order.length < n) this.order = new Uint32Array(this.capacity);
    const order = this.argsort(values, start, end, this.order);
    const keys = this.sortedHigh;
    const low = this.low;
    let i = 0;
    while (i < n) {
      let j = i + 1;
      const key = keys[i];
      // Equal high words are rare outside ties: only then compare the low words.
      if (key !== 0xffffffff && j < n && keys[j] === key) {
        const bits = low[order[i]];
        while (j < n && keys[j] === key && low[order[j]] === bits) j++;
      }
      const rank = (i + 1 + j) / 2;
      for (let r = i; r < j; r++) ranks[order[r]] = rank;
      i = j;
    }
    return ranks;
  }
}

function requireValues(where: string, parameter: string, values: unknown): Float64Array {
  if (values instanceof Float64Array) return values;
  if (Array.isArray(values)) return Float64Array.from(values as number[]);
  throw new SalvoError(
    'INVALID_PARAMETER',
    `${where}: ${parameter} must be a Float64Array or an array of numbers, got ${show(values)}`,
    { parameter, value: values },
  );
}

/**
 * Ranks from 1 to n, ties given the average of the ranks they span (scipy's `rankdata`, method
 * `'average'`). NaN values rank last, after `Infinity`; remove them first when that is not wanted.
 *
 * @param values - the data
 * @returns the rank of each value, index-aligned with `values`
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `values` is not an array of numbers
 * @example
 * ```ts
 * import { rankData } from 'salvo';
 * rankData([30, 10, 20, 10]); // => Float64Array [4, 1.5, 3, 1.5]
 * ```
 */
export function rankData(values: Float64Array | readonly number[]): Float64Array {
  const x = requireValues('rankData', 'values', values);
  const n = x.length;
  const ranks = new RadixArgsort().ranks(x, 0, n, new Float64Array(n));
  return ranks;
}

/** Pearson correlation of two equal-length arrays (two-pass, centred), weighted when `w` is given. */
export function pearsonOf(x: Float64Array, y: Float64Array, w?: Float64Array): number {
  const n = x.length;
  let sw = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    const wi = w === undefined ? 1 : w[i];
    sw += wi;
    mx += wi * x[i];
    my += wi * y[i];
  }
  mx /= sw;
  my /= sw;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const wi = w === undefined ? 1 : w[i];
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += wi * dx * dy;
    sxx += wi * dx * dx;
    syy += wi * dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

/**
 * Spearman's rank correlation: the Pearson correlation of the two vectors' average ranks (ties
 * handled as scipy's `spearmanr` does). `NaN` when either vector is constant.
 *
 * @param x - first sample vector
 * @param y - second sample vector, index-aligned with `x`
 * @returns the rank correlation, in [-1, 1]
 * @throws {@link SalvoError} `LENGTH_MISMATCH` when the lengths differ; `EMPTY_DATA` for fewer than two
 *   values; `INVALID_PARAMETER` when a value is not finite
 * @example
 * ```ts
 * import { spearman } from 'salvo';
 * spearman([1, 2, 3, 4], [10, 20, 30, 1000]); // => 1 (ranks agree, whatever the scale)
 * spearman([1, 2, 3, 4], [4, 3, 2, 1]);       // => -1
 * ```
 */
export function spearman(
  x: Float64Array | readonly number[],
  y: Float64Array | readonly number[],
): number {
  const a = requireValues('spearman', 'x', x);
  const b = requireValues('spearman', 'y', y);
  if (a.length !== b.length) {
    throw new SalvoError(
      'LENGTH_MISMATCH',
      `spearman: x and y must have the same length, got ${a.length} and ${b.length}`,
      { parameter: 'y', value: b.length },
    );
  }
  if (a.length < 2) {
    throw new SalvoError('EMPTY_DATA', `spearman: needs at least two pairs, got ${a.length}`, {
      parameter: 'x',
      value: a.length,
    });
  }
  for (const [name, v] of [
    ['x', a],
    ['y', b],
  ] as const) {
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i])) {
        throw new SalvoError(
          'INVALID_PARAMETER',
          `spearman: ${name}[${i}] must be finite, got ${show(v[i])}`,
          { parameter: `${name}[${i}]`, value: v[i] },
        );
      }
    }
  }
  return pearsonOf(rankData(a), rankData(b));
}
