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
 * NaN last). Stable and exact. It sorts on the high 32 bits (sign, exponent and 20 bits of mantissa:
 * three passes of 11 bits, histograms counted in one sweep; a pass is skipped when every value has the
 * same digit there), then orders the short runs of equal high words by their low words with an
 * insertion sort; when a run is long (values within about one part in a million of each other, or
 * many ties), it sorts those runs by their low words with the same passes. Scratch memory is reused
 * between calls.
 * @internal
 */
export class RadixArgsort {
  private capacity = 0;
  private keys = new Uint32Array(0);
  private a = new Uint32Array(0);
  private b = new Uint32Array(0);
  private readonly counts = new Uint32Array(3 * 2048);

  private ensure(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
    this.keys = new Uint32Array(n);
    this.a = new Uint32Array(n);
    this.b = new Uint32Array(n);
  }

  /**
   * Sorts `from[0..n)` (indices into `keys`) stably by `keys`, three 11-bit digits; returns the
   * array holding the result (`from` or `to`).
   */
  private sortByKeys(
    keys: Uint32Array,
    n: number,
    from: Uint32Array,
    to: Uint32Array,
    identity: boolean,
  ): Uint32Array {
    const counts = this.counts;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      counts[key & 2047]++;
      counts[2048 + ((key >>> 11) & 2047)]++;
      counts[4096 + (key >>> 22)]++;
    }
    let first = identity;
    for (let digit = 0; digit < 3; digit++) {
      const base = digit * 2048;
      const shift = digit * 11;
      if (counts[base + ((keys[0] >>> shift) & 2047)] === n) continue; // one digit everywhere
      let sum = 0;
      for (let d = base; d < base + 2048; d++) {
        const c = counts[d];
        counts[d] = sum;
        sum += c;
      }
      if (first) {
        for (let i = 0; i < n; i++) to[counts[base + ((keys[i] >>> shift) & 2047)]++] = i;
        first = false;
      } else {
        for (let i = 0; i < n; i++) {
          const index = from[i];
          to[counts[base + ((keys[index] >>> shift) & 2047)]++] = index;
        }
      }
      const swap = from;
      from = to;
      to = swap;
    }
    if (first) for (let i = 0; i < n; i++) from[i] = i;
    return from;
  }

  /**
   * Writes into `order[0 .. end - start)` the positions (relative to `start`) of
   * `values[start .. end)` in ascending order; ties keep their original order.
   */
  argsort(values: Float64Array, start: number, end: number, order: Uint32Array): Uint32Array {
    const n = end - start;
    this.ensure(n);
    const keys = this.keys;
    // The values' own bits, read through a 32-bit view (little-endian: low word first).
    const words = new Uint32Array(values.buffer, values.byteOffset + start * 8, 2 * n);
    let nan = false;
    for (let i = 0; i < n; i++) {
      const h = words[2 * i + 1];
      keys[i] = h & 0x80000000 ? ~h >>> 0 : (h | 0x80000000) >>> 0;
      // Above +Infinity's key or below -Infinity's: possibly NaN (checked below).
      if (keys[i] >= 0xfff00000 || keys[i] <= 0x000fffff) nan = true;
    }
    if (nan) {
      for (let i = 0; i < n; i++) if (Number.isNaN(values[start + i])) keys[i] = 0xffffffff;
    }
    const from = this.sortByKeys(keys, n, this.a, this.b, true);
    let longest = 1;
    for (let i = 0; i < n; ) {
      let j = i + 1;
      while (j < n && keys[from[j]] === keys[from[i]]) j++;
      if (j - i > longest) longest = j - i;
      i = j;
    }
    if (longest > 1) {
      const low = (index: number): number => {
        const h = words[2 * index + 1];
        if (Number.isNaN(values[start + index])) return 0xffffffff;
        return h & 0x80000000 ? ~words[2 * index] >>> 0 : words[2 * index];
      };
      if (longest > 64) {
        // Many near-equal values: sort by the low word first, then (stably) by the high word.
        const lowKeys = new Uint32Array(n);
        for (let i = 0; i < n; i++) lowKeys[i] = low(i);
        const other = from === this.a ? this.b : this.a;
        const byLow = this.sortByKeys(lowKeys, n, other, from, true);
        const spare = byLow === this.a ? this.b : this.a;
        order.set(this.sortByKeys(keys, n, byLow, spare, false).subarray(0, n));
        return order;
      }
      for (let i = 0; i < n; ) {
        let j = i + 1;
        const key = keys[from[i]];
        while (j < n && keys[from[j]] === key) j++;
        for (let r = i + 1; r < j; r++) {
          const index = from[r];
          const l = low(index);
          let q = r - 1;
          while (q >= i && low(from[q]) > l) {
            from[q + 1] = from[q];
            q--;
          }
          from[q + 1] = index;
        }
        i = j;
      }
    }
    order.set(from.subarray(0, n));
    return order;
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
  const order = new RadixArgsort().argsort(x, 0, n, new Uint32Array(n));
  const ranks = new Float64Array(n);
  assignAverageRanks(x, order, ranks);
  return ranks;
}

/** Writes average ranks (1-based) of `x` given its ascending `order`. */
export function assignAverageRanks(x: Float64Array, order: Uint32Array, ranks: Float64Array): void {
  const n = x.length;
  let i = 0;
  while (i < n) {
    const value = x[order[i]];
    let j = i + 1;
    // NaN never equals itself: NaNs (all last) get distinct ranks, in their original order.
    while (j < n && x[order[j]] === value) j++;
    const rank = (i + 1 + j) / 2;
    for (let r = i; r < j; r++) ranks[order[r]] = rank;
    i = j;
  }
}

/** Pearson correlation of two equal-length arrays (two-pass, centred). */
export function pearsonOf(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
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
