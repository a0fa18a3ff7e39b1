/**
 * Functions of one vector, element by element: `neg`, `exp` (the table-driven `fastExp` of
 * src/special/exp.ts), `log`, `sqrt` and `abs`.
 * @module
 */
import { fastExp } from '../../special/exp.js';
import { checkOutLength } from './argumentChecks.js';

/**
 * `out[i] = -a[i]`.
 * @param a - values
 * @param out - destination, same length as `a` (may be `a`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { neg } from 'salvo/kernels';
 * neg(Float64Array.of(1, -2), new Float64Array(2)); // => Float64Array [-1, 2]
 * ```
 */
export function neg(a: Float64Array, out: Float64Array): Float64Array {
  checkOutLength('neg', a, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = -a[i];
  return out;
}

/**
 * `out[i] = exp(a[i])`, within 2 units in the last place of `Math.exp` (a table-driven exp, Tang 1989,
 * several times faster than calling `Math.exp` per element in V8: the `kernels.exp` row of the
 * performance guide); identical to `Math.exp` for NaN,
 * ±Infinity and outside (-708, 708).
 * @param a - values
 * @param out - destination, same length as `a` (may be `a`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { exp } from 'salvo/kernels';
 * exp(Float64Array.of(0, 1), new Float64Array(2)); // => Float64Array [1, 2.718281828459045]
 * ```
 */
export function exp(a: Float64Array, out: Float64Array): Float64Array {
  checkOutLength('exp', a, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = fastExp(a[i]);
  return out;
}

/**
 * `out[i] = Math.log(a[i])` (natural logarithm; `log(0)` is -Infinity, negative values give NaN).
 * @param a - values
 * @param out - destination, same length as `a` (may be `a`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { log } from 'salvo/kernels';
 * log(Float64Array.of(1, 0, -1), new Float64Array(3)); // => Float64Array [0, -Infinity, NaN]
 * ```
 */
export function log(a: Float64Array, out: Float64Array): Float64Array {
  checkOutLength('log', a, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = Math.log(a[i]);
  return out;
}

/**
 * `out[i] = Math.sqrt(a[i])` (negative values give NaN).
 * @param a - values
 * @param out - destination, same length as `a` (may be `a`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { sqrt } from 'salvo/kernels';
 * sqrt(Float64Array.of(4, 2), new Float64Array(2)); // => Float64Array [2, 1.4142135623730951]
 * ```
 */
export function sqrt(a: Float64Array, out: Float64Array): Float64Array {
  checkOutLength('sqrt', a, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(a[i]);
  return out;
}

/**
 * `out[i] = Math.abs(a[i])`.
 * @param a - values
 * @param out - destination, same length as `a` (may be `a`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { abs } from 'salvo/kernels';
 * abs(Float64Array.of(-3, 2), new Float64Array(2)); // => Float64Array [3, 2]
 * ```
 */
export function abs(a: Float64Array, out: Float64Array): Float64Array {
  checkOutLength('abs', a, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = Math.abs(a[i]);
  return out;
}
