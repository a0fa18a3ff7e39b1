/**
 * Arithmetic of a vector with a scalar, element by element: `a[i] op s`, and `s op b[i]` (named
 * `scalarSub`, `scalarDiv`, `scalarPow`) for the operations that do not commute.
 * @module
 */
import { checkOutLength, checkScalar } from './argumentChecks.js';

/**
 * `out[i] = a[i] + s`.
 * @param a - vector operand
 * @param s - scalar operand
 * @param out - destination, same length as `a` (may be `a`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { addScalar } from 'salvo/kernels';
 * addScalar(Float64Array.of(1, 2), 0.5, new Float64Array(2)); // => Float64Array [1.5, 2.5]
 * ```
 */
export function addScalar(a: Float64Array, s: number, out: Float64Array): Float64Array {
  checkOutLength('addScalar', a, out);
  checkScalar('addScalar', 's', s);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] + s;
  return out;
}

/**
 * `out[i] = a[i] - s`.
 * @param a - vector minuend
 * @param s - scalar subtrahend
 * @param out - destination, same length as `a` (may be `a`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { subScalar } from 'salvo/kernels';
 * subScalar(Float64Array.of(1, 2), 0.5, new Float64Array(2)); // => Float64Array [0.5, 1.5]
 * ```
 */
export function subScalar(a: Float64Array, s: number, out: Float64Array): Float64Array {
  checkOutLength('subScalar', a, out);
  checkScalar('subScalar', 's', s);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] - s;
  return out;
}

/**
 * `out[i] = s - b[i]`.
 * @param s - scalar minuend
 * @param b - vector subtrahend
 * @param out - destination, same length as `b` (may be `b`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `b`
 * @example
 * ```ts
 * import { scalarSub } from 'salvo/kernels';
 * scalarSub(1, Float64Array.of(0.25, 0.75), new Float64Array(2)); // => Float64Array [0.75, 0.25]
 * ```
 */
export function scalarSub(s: number, b: Float64Array, out: Float64Array): Float64Array {
  checkOutLength('scalarSub', b, out, 'b');
  checkScalar('scalarSub', 's', s);
  const n = b.length;
  for (let i = 0; i < n; i++) out[i] = s - b[i];
  return out;
}

/**
 * `out[i] = a[i] * s`.
 * @param a - vector factor
 * @param s - scalar factor
 * @param out - destination, same length as `a` (may be `a`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { mulScalar } from 'salvo/kernels';
 * mulScalar(Float64Array.of(1, 2), 3, new Float64Array(2)); // => Float64Array [3, 6]
 * ```
 */
export function mulScalar(a: Float64Array, s: number, out: Float64Array): Float64Array {
  checkOutLength('mulScalar', a, out);
  checkScalar('mulScalar', 's', s);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] * s;
  return out;
}

/**
 * `out[i] = a[i] / s`.
 * @param a - vector dividend
 * @param s - scalar divisor
 * @param out - destination, same length as `a` (may be `a`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { divScalar } from 'salvo/kernels';
 * divScalar(Float64Array.of(1, 3), 2, new Float64Array(2)); // => Float64Array [0.5, 1.5]
 * ```
 */
export function divScalar(a: Float64Array, s: number, out: Float64Array): Float64Array {
  checkOutLength('divScalar', a, out);
  checkScalar('divScalar', 's', s);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] / s;
  return out;
}

/**
 * `out[i] = s / b[i]`.
 * @param s - scalar dividend
 * @param b - vector divisor
 * @param out - destination, same length as `b` (may be `b`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `b`
 * @example
 * ```ts
 * import { scalarDiv } from 'salvo/kernels';
 * scalarDiv(1, Float64Array.of(4, 0), new Float64Array(2)); // => Float64Array [0.25, Infinity]
 * ```
 */
export function scalarDiv(s: number, b: Float64Array, out: Float64Array): Float64Array {
  checkOutLength('scalarDiv', b, out, 'b');
  checkScalar('scalarDiv', 's', s);
  const n = b.length;
  for (let i = 0; i < n; i++) out[i] = s / b[i];
  return out;
}

/**
 * `out[i] = Math.pow(a[i], s)`.
 * @param a - vector of bases
 * @param s - scalar exponent
 * @param out - destination, same length as `a` (may be `a`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { powScalar } from 'salvo/kernels';
 * powScalar(Float64Array.of(3, 4), 2, new Float64Array(2)); // => Float64Array [9, 16]
 * ```
 */
export function powScalar(a: Float64Array, s: number, out: Float64Array): Float64Array {
  checkOutLength('powScalar', a, out);
  checkScalar('powScalar', 's', s);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] ** s;
  return out;
}

/**
 * `out[i] = Math.pow(s, b[i])`.
 * @param s - scalar base
 * @param b - vector of exponents
 * @param out - destination, same length as `b` (may be `b`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `b`
 * @example
 * ```ts
 * import { scalarPow } from 'salvo/kernels';
 * scalarPow(10, Float64Array.of(2, -1), new Float64Array(2)); // => Float64Array [100, 0.1]
 * ```
 */
export function scalarPow(s: number, b: Float64Array, out: Float64Array): Float64Array {
  checkOutLength('scalarPow', b, out, 'b');
  checkScalar('scalarPow', 's', s);
  const n = b.length;
  for (let i = 0; i < n; i++) out[i] = s ** b[i];
  return out;
}

/**
 * `out[i] = Math.min(a[i], s)`: caps every sample at `s`.
 * @param a - vector operand
 * @param s - scalar cap
 * @param out - destination, same length as `a` (may be `a`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { minScalar } from 'salvo/kernels';
 * minScalar(Float64Array.of(1, 5), 3, new Float64Array(2)); // => Float64Array [1, 3]
 * ```
 */
export function minScalar(a: Float64Array, s: number, out: Float64Array): Float64Array {
  checkOutLength('minScalar', a, out);
  checkScalar('minScalar', 's', s);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = Math.min(a[i], s);
  return out;
}

/**
 * `out[i] = Math.max(a[i], s)`: floors every sample at `s`.
 * @param a - vector operand
 * @param s - scalar floor
 * @param out - destination, same length as `a` (may be `a`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { maxScalar } from 'salvo/kernels';
 * maxScalar(Float64Array.of(1, 5), 3, new Float64Array(2)); // => Float64Array [3, 5]
 * ```
 */
export function maxScalar(a: Float64Array, s: number, out: Float64Array): Float64Array {
  checkOutLength('maxScalar', a, out);
  checkScalar('maxScalar', 's', s);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = Math.max(a[i], s);
  return out;
}
