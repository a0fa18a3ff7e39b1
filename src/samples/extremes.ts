/**
 * Counts and extremes of a sample vector: how many values are set aside as non-finite, and the
 * smallest and largest finite values, each by one plain loop (never a spread of the array).
 * @module
 */
import { emptyError, type SampleValues, toFloat64 } from './values.js';

/**
 * Number of NaN, `Infinity` and `-Infinity` values: the samples every other summary sets aside.
 * @param values - the samples
 * @returns the count of non-finite values
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `values` is not an array
 * @example
 * ```ts
 * import { nonFiniteCount } from 'salvo';
 * nonFiniteCount(Float64Array.of(1, NaN, Infinity, -2)); // => 2
 * ```
 */
export function nonFiniteCount(values: SampleValues): number {
  const v = toFloat64('nonFiniteCount', values);
  return countNonFinite(v);
}

/**
 * Number of NaN, `Infinity` and `-Infinity` values of `v` (without the input checks of
 * {@link nonFiniteCount}).
 * @internal
 */
export function countNonFinite(v: Float64Array): number {
  const n = v.length;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    // x - x is 0 for every finite x and NaN for NaN and ±Infinity.
    if (x - x !== 0) count++;
  }
  return count;
}

/**
 * Smallest finite value, by a plain loop (never `Math.min(...values)`, which overflows the stack on large
 * arrays).
 * @param values - the samples
 * @returns the smallest finite sample
 * @throws {@link SalvoError} `EMPTY_DATA` when there is no finite value
 * @example
 * ```ts
 * import { min } from 'salvo';
 * min(Float64Array.of(3, -Infinity, 1, NaN)); // => 1
 * ```
 */
export function min(values: SampleValues): number {
  const v = toFloat64('min', values);
  const n = v.length;
  let best = Infinity;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x - x !== 0) continue;
    count++;
    if (x < best) best = x;
  }
  if (count === 0) throw emptyError('min', 0, n);
  return best;
}

/**
 * Largest finite value, by a plain loop.
 * @param values - the samples
 * @returns the largest finite sample
 * @throws {@link SalvoError} `EMPTY_DATA` when there is no finite value
 * @example
 * ```ts
 * import { max } from 'salvo';
 * max(Float64Array.of(3, Infinity, 1, NaN)); // => 3
 * ```
 */
export function max(values: SampleValues): number {
  const v = toFloat64('max', values);
  const n = v.length;
  let best = -Infinity;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x - x !== 0) continue;
    count++;
    if (x > best) best = x;
  }
  if (count === 0) throw emptyError('max', 0, n);
  return best;
}

/**
 * How many values are NaN or ±Infinity, and the smallest and largest of the others.
 * @internal
 */
export interface FiniteRange {
  readonly nonFinite: number;
  readonly min: number;
  readonly max: number;
}

/**
 * One pass over `v`: its count of non-finite values and its finite extremes (`Infinity` and
 * `-Infinity` when no value is finite).
 * @internal
 */
export function finiteRange(v: Float64Array): FiniteRange {
  const n = v.length;
  let nonFinite = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x - x !== 0) nonFinite++;
    else {
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  return { nonFinite, min, max };
}
