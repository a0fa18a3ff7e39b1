/**
 * Comparisons into `Uint8Array` masks of 1 (true) and 0 (false), with a vector or a scalar on the right
 * (comparisons with NaN are false, except `ne` and `neScalar`, which are true), and `where`, the selection
 * by such a mask.
 * @module
 */
import { checkLength, checkOperandLengths, checkOutLength, checkScalar } from './argumentChecks.js';

/**
 * `out[i] = a[i] < b[i] ? 1 : 0`.
 * @param a - left operand
 * @param b - right operand, same length as `a`
 * @param out - mask destination, same length as `a`
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `b` or `out` differs in length from `a`
 * @example
 * ```ts
 * import { lt } from 'salvo/kernels';
 * lt(Float64Array.of(1, 2, NaN), Float64Array.of(2, 2, 2), new Uint8Array(3)); // => Uint8Array [1, 0, 0]
 * ```
 */
export function lt(a: Float64Array, b: Float64Array, out: Uint8Array): Uint8Array {
  checkOperandLengths('lt', a, b, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] < b[i] ? 1 : 0;
  return out;
}

/**
 * `out[i] = a[i] <= b[i] ? 1 : 0`.
 * @param a - left operand
 * @param b - right operand, same length as `a`
 * @param out - mask destination, same length as `a`
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `b` or `out` differs in length from `a`
 * @example
 * ```ts
 * import { le } from 'salvo/kernels';
 * le(Float64Array.of(1, 2, 3), Float64Array.of(2, 2, 2), new Uint8Array(3)); // => Uint8Array [1, 1, 0]
 * ```
 */
export function le(a: Float64Array, b: Float64Array, out: Uint8Array): Uint8Array {
  checkOperandLengths('le', a, b, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] <= b[i] ? 1 : 0;
  return out;
}

/**
 * `out[i] = a[i] > b[i] ? 1 : 0`.
 * @param a - left operand
 * @param b - right operand, same length as `a`
 * @param out - mask destination, same length as `a`
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `b` or `out` differs in length from `a`
 * @example
 * ```ts
 * import { gt } from 'salvo/kernels';
 * gt(Float64Array.of(1, 2, 3), Float64Array.of(2, 2, 2), new Uint8Array(3)); // => Uint8Array [0, 0, 1]
 * ```
 */
export function gt(a: Float64Array, b: Float64Array, out: Uint8Array): Uint8Array {
  checkOperandLengths('gt', a, b, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] > b[i] ? 1 : 0;
  return out;
}

/**
 * `out[i] = a[i] >= b[i] ? 1 : 0`.
 * @param a - left operand
 * @param b - right operand, same length as `a`
 * @param out - mask destination, same length as `a`
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `b` or `out` differs in length from `a`
 * @example
 * ```ts
 * import { ge } from 'salvo/kernels';
 * ge(Float64Array.of(1, 2, 3), Float64Array.of(2, 2, 2), new Uint8Array(3)); // => Uint8Array [0, 1, 1]
 * ```
 */
export function ge(a: Float64Array, b: Float64Array, out: Uint8Array): Uint8Array {
  checkOperandLengths('ge', a, b, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] >= b[i] ? 1 : 0;
  return out;
}

/**
 * `out[i] = a[i] === b[i] ? 1 : 0` (so `-0` equals `0`, and NaN equals nothing).
 * @param a - left operand
 * @param b - right operand, same length as `a`
 * @param out - mask destination, same length as `a`
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `b` or `out` differs in length from `a`
 * @example
 * ```ts
 * import { eq } from 'salvo/kernels';
 * eq(Float64Array.of(-0, NaN), Float64Array.of(0, NaN), new Uint8Array(2)); // => Uint8Array [1, 0]
 * ```
 */
export function eq(a: Float64Array, b: Float64Array, out: Uint8Array): Uint8Array {
  checkOperandLengths('eq', a, b, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] === b[i] ? 1 : 0;
  return out;
}

/**
 * `out[i] = a[i] !== b[i] ? 1 : 0` (true wherever either side is NaN).
 * @param a - left operand
 * @param b - right operand, same length as `a`
 * @param out - mask destination, same length as `a`
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `b` or `out` differs in length from `a`
 * @example
 * ```ts
 * import { ne } from 'salvo/kernels';
 * ne(Float64Array.of(1, NaN), Float64Array.of(1, NaN), new Uint8Array(2)); // => Uint8Array [0, 1]
 * ```
 */
export function ne(a: Float64Array, b: Float64Array, out: Uint8Array): Uint8Array {
  checkOperandLengths('ne', a, b, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] !== b[i] ? 1 : 0;
  return out;
}

/**
 * `out[i] = a[i] < s ? 1 : 0`.
 * @param a - values
 * @param s - scalar threshold
 * @param out - mask destination, same length as `a`
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { ltScalar } from 'salvo/kernels';
 * ltScalar(Float64Array.of(1, 2, 3), 2, new Uint8Array(3)); // => Uint8Array [1, 0, 0]
 * ```
 */
export function ltScalar(a: Float64Array, s: number, out: Uint8Array): Uint8Array {
  checkOutLength('ltScalar', a, out);
  checkScalar('ltScalar', 's', s);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] < s ? 1 : 0;
  return out;
}

/**
 * `out[i] = a[i] <= s ? 1 : 0`.
 * @param a - values
 * @param s - scalar threshold
 * @param out - mask destination, same length as `a`
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { leScalar } from 'salvo/kernels';
 * leScalar(Float64Array.of(1, 2, 3), 2, new Uint8Array(3)); // => Uint8Array [1, 1, 0]
 * ```
 */
export function leScalar(a: Float64Array, s: number, out: Uint8Array): Uint8Array {
  checkOutLength('leScalar', a, out);
  checkScalar('leScalar', 's', s);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] <= s ? 1 : 0;
  return out;
}

/**
 * `out[i] = a[i] > s ? 1 : 0`.
 * @param a - values
 * @param s - scalar threshold
 * @param out - mask destination, same length as `a`
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { gtScalar } from 'salvo/kernels';
 * gtScalar(Float64Array.of(1, 2, 3), 2, new Uint8Array(3)); // => Uint8Array [0, 0, 1]
 * ```
 */
export function gtScalar(a: Float64Array, s: number, out: Uint8Array): Uint8Array {
  checkOutLength('gtScalar', a, out);
  checkScalar('gtScalar', 's', s);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] > s ? 1 : 0;
  return out;
}

/**
 * `out[i] = a[i] >= s ? 1 : 0`.
 * @param a - values
 * @param s - scalar threshold
 * @param out - mask destination, same length as `a`
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { geScalar } from 'salvo/kernels';
 * geScalar(Float64Array.of(1, 2, 3), 2, new Uint8Array(3)); // => Uint8Array [0, 1, 1]
 * ```
 */
export function geScalar(a: Float64Array, s: number, out: Uint8Array): Uint8Array {
  checkOutLength('geScalar', a, out);
  checkScalar('geScalar', 's', s);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] >= s ? 1 : 0;
  return out;
}

/**
 * `out[i] = a[i] === s ? 1 : 0`.
 * @param a - values
 * @param s - scalar to compare with
 * @param out - mask destination, same length as `a`
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { eqScalar } from 'salvo/kernels';
 * eqScalar(Float64Array.of(1, 2, 3), 2, new Uint8Array(3)); // => Uint8Array [0, 1, 0]
 * ```
 */
export function eqScalar(a: Float64Array, s: number, out: Uint8Array): Uint8Array {
  checkOutLength('eqScalar', a, out);
  checkScalar('eqScalar', 's', s);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] === s ? 1 : 0;
  return out;
}

/**
 * `out[i] = a[i] !== s ? 1 : 0`.
 * @param a - values
 * @param s - scalar to compare with
 * @param out - mask destination, same length as `a`
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { neScalar } from 'salvo/kernels';
 * neScalar(Float64Array.of(1, 2, 3), 2, new Uint8Array(3)); // => Uint8Array [1, 0, 1]
 * ```
 */
export function neScalar(a: Float64Array, s: number, out: Uint8Array): Uint8Array {
  checkOutLength('neScalar', a, out);
  checkScalar('neScalar', 's', s);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] !== s ? 1 : 0;
  return out;
}

/**
 * `out[i] = mask[i] !== 0 ? whenTrue[i] : whenFalse[i]`: the element-wise conditional that consumes a
 * comparison mask (an expression's `cond ? a : b`). Unlike `mask * a + (1 - mask) * b` it never turns an
 * unselected Infinity into NaN.
 * @param mask - selector, same length as `whenTrue`
 * @param whenTrue - values taken where the mask is set
 * @param whenFalse - values taken where it is not, same length
 * @param out - destination, same length (may alias `whenTrue` or `whenFalse`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when the lengths differ
 * @example
 * ```ts
 * import { where } from 'salvo/kernels';
 * where(Uint8Array.of(1, 0), Float64Array.of(1, 2), Float64Array.of(Infinity, 20), new Float64Array(2));
 * // => Float64Array [1, 20]
 * ```
 */
export function where(
  mask: Uint8Array,
  whenTrue: Float64Array,
  whenFalse: Float64Array,
  out: Float64Array,
): Float64Array {
  checkLength('where', 'mask', mask, 'whenTrue', whenTrue);
  checkLength('where', 'whenFalse', whenFalse, 'whenTrue', whenTrue);
  checkLength('where', 'out', out, 'whenTrue', whenTrue);
  const n = whenTrue.length;
  for (let i = 0; i < n; i++) out[i] = mask[i] !== 0 ? whenTrue[i] : whenFalse[i];
  return out;
}
