/**
 * Arithmetic of two vectors, element by element: `out[i] = a[i] op b[i]` for `+`, `-`, `*`, `/`, `**`,
 * `min` and `max`.
 * @module
 */
import { checkOperandLengths } from './argumentChecks.js';

/**
 * `out[i] = a[i] + b[i]`.
 * @param a - first operand
 * @param b - second operand, same length as `a`
 * @param out - destination, same length as `a` (may be `a` or `b`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `b` or `out` differs in length from `a`
 * @example
 * ```ts
 * import { add } from 'salvo/kernels';
 * const out = new Float64Array(2);
 * add(Float64Array.of(1, 2), Float64Array.of(10, 20), out); // => Float64Array [11, 22]
 * ```
 */
export function add(a: Float64Array, b: Float64Array, out: Float64Array): Float64Array {
  checkOperandLengths('add', a, b, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
  return out;
}

/**
 * `out[i] = a[i] - b[i]`.
 * @param a - minuend
 * @param b - subtrahend, same length as `a`
 * @param out - destination, same length as `a` (may be `a` or `b`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `b` or `out` differs in length from `a`
 * @example
 * ```ts
 * import { sub } from 'salvo/kernels';
 * const x = Float64Array.of(1.5, -2);
 * sub(x, x, new Float64Array(2)); // => Float64Array [0, 0]
 * ```
 */
export function sub(a: Float64Array, b: Float64Array, out: Float64Array): Float64Array {
  checkOperandLengths('sub', a, b, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
  return out;
}

/**
 * `out[i] = a[i] * b[i]`.
 * @param a - first factor
 * @param b - second factor, same length as `a`
 * @param out - destination, same length as `a` (may be `a` or `b`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `b` or `out` differs in length from `a`
 * @example
 * ```ts
 * import { mul } from 'salvo/kernels';
 * const containers = Float64Array.of(6000, 7000);
 * const shellsPerContainer = Float64Array.of(400, 500);
 * mul(containers, shellsPerContainer, new Float64Array(2)); // => Float64Array [2400000, 3500000]
 * ```
 */
export function mul(a: Float64Array, b: Float64Array, out: Float64Array): Float64Array {
  checkOperandLengths('mul', a, b, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
  return out;
}

/**
 * `out[i] = a[i] / b[i]` (IEEE: `x / 0` is ±Infinity, `0 / 0` is NaN).
 * @param a - dividend
 * @param b - divisor, same length as `a`
 * @param out - destination, same length as `a` (may be `a` or `b`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `b` or `out` differs in length from `a`
 * @example
 * ```ts
 * import { div } from 'salvo/kernels';
 * div(Float64Array.of(1, 1, 0), Float64Array.of(4, 0, 0), new Float64Array(3));
 * // => Float64Array [0.25, Infinity, NaN]
 * ```
 */
export function div(a: Float64Array, b: Float64Array, out: Float64Array): Float64Array {
  checkOperandLengths('div', a, b, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] / b[i];
  return out;
}

/**
 * `out[i] = Math.pow(a[i], b[i])`.
 * @param a - bases
 * @param b - exponents, same length as `a`
 * @param out - destination, same length as `a` (may be `a` or `b`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `b` or `out` differs in length from `a`
 * @example
 * ```ts
 * import { pow } from 'salvo/kernels';
 * pow(Float64Array.of(2, 9, -8), Float64Array.of(10, 0.5, 1 / 3), new Float64Array(3));
 * // => Float64Array [1024, 3, NaN]
 * ```
 */
export function pow(a: Float64Array, b: Float64Array, out: Float64Array): Float64Array {
  checkOperandLengths('pow', a, b, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = a[i] ** b[i];
  return out;
}

/**
 * `out[i] = Math.min(a[i], b[i])` (NaN if either is NaN).
 * @param a - first operand
 * @param b - second operand, same length as `a`
 * @param out - destination, same length as `a` (may be `a` or `b`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `b` or `out` differs in length from `a`
 * @example
 * ```ts
 * import { min } from 'salvo/kernels';
 * min(Float64Array.of(1, 5), Float64Array.of(3, 2), new Float64Array(2)); // => Float64Array [1, 2]
 * ```
 */
export function min(a: Float64Array, b: Float64Array, out: Float64Array): Float64Array {
  checkOperandLengths('min', a, b, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = Math.min(a[i], b[i]);
  return out;
}

/**
 * `out[i] = Math.max(a[i], b[i])` (NaN if either is NaN).
 * @param a - first operand
 * @param b - second operand, same length as `a`
 * @param out - destination, same length as `a` (may be `a` or `b`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `b` or `out` differs in length from `a`
 * @example
 * ```ts
 * import { max } from 'salvo/kernels';
 * max(Float64Array.of(1, 5), Float64Array.of(3, 2), new Float64Array(2)); // => Float64Array [3, 5]
 * ```
 */
export function max(a: Float64Array, b: Float64Array, out: Float64Array): Float64Array {
  checkOperandLengths('max', a, b, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = Math.max(a[i], b[i]);
  return out;
}
