/**
 * What the exact summaries of `src/samples` accept and what they set aside: the `SampleValues` input
 * type and its conversion, the `EMPTY_DATA` error, the check of a value compared against, and the copy
 * of a vector's finite values.
 *
 * **Non-finite values.** A model that divides by zero produces `Infinity` or `NaN` in some samples. Every
 * summary here describes the *finite* samples only and never returns a NaN-contaminated number: NaN,
 * `Infinity` and `-Infinity` are set aside and counted, and results that are objects report that count as
 * `nonFinite` (for the plain-number functions, ask `nonFiniteCount`). Infinities are set aside too,
 * not just NaN, so that the mean, the quantiles and the extremes all describe the same finite subset. A
 * summary with no finite value to describe throws `EMPTY_DATA`, naming how many values were non-finite.
 *
 * Every function takes a `Float64Array` (or a `number[]`, copied once into one) and never modifies it.
 * @module
 */
import { SalvoError } from '../errors.js';
import { show } from '../validate.js';

/**
 * What the summary functions accept: a `Float64Array`, or a plain array that is copied into one.
 *
 * @example
 * ```ts
 * import { mean, type SampleValues } from 'salvo';
 * const typed: SampleValues = Float64Array.of(1, 2, 3);
 * const plain: SampleValues = [1, 2, 3];
 * mean(typed) === mean(plain); // => true
 * ```
 */
export type SampleValues = Float64Array | readonly number[];

/**
 * `values` as a `Float64Array`: the array itself, or a plain array copied once into a new one.
 * @internal
 */
export function toFloat64(where: string, values: SampleValues, parameter = 'values'): Float64Array {
  if (values instanceof Float64Array) return values;
  if (Array.isArray(values)) return Float64Array.from(values);
  throw new SalvoError(
    'INVALID_PARAMETER',
    `${where}: ${parameter} must be a Float64Array or an array of numbers, got ${show(values)}`,
    { parameter, value: values },
  );
}

/**
 * The `EMPTY_DATA` error of a summary `where` that needs `needed` finite values and got `finite` (and
 * `nonFinite` set aside).
 * @internal
 */
export function emptyError(
  where: string,
  finite: number,
  nonFinite: number,
  needed = 1,
): SalvoError {
  const what = needed === 1 ? 'at least one finite value' : `at least ${needed} finite values`;
  return new SalvoError(
    'EMPTY_DATA',
    `${where}: needs ${what}, got ${finite} finite and ${nonFinite} non-finite (NaN or ±Infinity)`,
    { parameter: 'values', value: finite },
  );
}

/**
 * Throws unless `x` is a number other than NaN; ±Infinity are allowed.
 * @internal
 */
export function requireComparable(where: string, parameter: string, x: unknown): number {
  if (typeof x !== 'number' || Number.isNaN(x)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${parameter} must be a number (not NaN), got ${show(x)}`,
      { parameter, value: x },
    );
  }
  return x;
}

/**
 * A copy of the finite values of `v` (a fresh buffer the selection may reorder), given how many of
 * its values are not finite.
 * @internal
 */
export function finiteCopy(v: Float64Array, nonFinite: number): Float64Array {
  if (nonFinite === 0) return v.slice();
  const out = new Float64Array(v.length - nonFinite);
  const n = v.length;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x - x === 0) out[m++] = x;
  }
  return out;
}
