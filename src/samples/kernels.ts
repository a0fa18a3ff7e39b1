/**
 * The element-wise kernels, published as the `salvo/kernels` entry (src/kernels.ts documents them for
 * users) and used by `Samples`. Every kernel is a plain indexed loop over the whole vector with the
 * arithmetic written inline (or one `Math` call, which V8 inlines): no callback per element, so each call
 * site stays monomorphic and fast.
 * @module
 */
import { SalvoError } from '../errors.js';
import { fastExp } from '../special/exp.js';

function checkLength(
  where: string,
  name: string,
  length: number,
  referenceName: string,
  expected: number,
): void {
  if (length !== expected) {
    throw new SalvoError(
      'LENGTH_MISMATCH',
      `${where}: ${name} has length ${length} but ${referenceName} has length ${expected}`,
      { parameter: name, value: length },
    );
  }
}

function check2(where: string, a: ArrayLike<number>, out: ArrayLike<number>, aName = 'a'): void {
  checkLength(where, 'out', out.length, aName, a.length);
}

function check3(
  where: string,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  out: ArrayLike<number>,
): void {
  checkLength(where, 'b', b.length, 'a', a.length);
  checkLength(where, 'out', out.length, 'a', a.length);
}

// ---------------------------------------------------------------------------------------------------
// Binary arithmetic, vector-vector

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
  check3('add', a, b, out);
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
  check3('sub', a, b, out);
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
  check3('mul', a, b, out);
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
  check3('div', a, b, out);
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
  check3('pow', a, b, out);
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
  check3('min', a, b, out);
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
  check3('max', a, b, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = Math.max(a[i], b[i]);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Binary arithmetic, vector-scalar and scalar-vector

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
  check2('addScalar', a, out);
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
  check2('subScalar', a, out);
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
  check2('scalarSub', b, out, 'b');
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
  check2('mulScalar', a, out);
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
  check2('divScalar', a, out);
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
  check2('scalarDiv', b, out, 'b');
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
  check2('powScalar', a, out);
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
  check2('scalarPow', b, out, 'b');
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
  check2('minScalar', a, out);
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
  check2('maxScalar', a, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = Math.max(a[i], s);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Clamp

/**
 * `out[i] = Math.min(Math.max(a[i], lo[i]), hi[i])`, numpy's `clip` order: where `lo[i] > hi[i]` the
 * result is `hi[i]`; NaN anywhere gives NaN.
 * @param a - values
 * @param lo - lower bounds, same length as `a`
 * @param hi - upper bounds, same length as `a`
 * @param out - destination, same length as `a` (may alias any input)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `lo`, `hi` or `out` differs in length from `a`
 * @example
 * ```ts
 * import { clamp } from 'salvo/kernels';
 * clamp(Float64Array.of(-1, 5, 9), Float64Array.of(0, 0, 0), Float64Array.of(8, 8, 8), new Float64Array(3));
 * // => Float64Array [0, 5, 8]
 * ```
 */
export function clamp(
  a: Float64Array,
  lo: Float64Array,
  hi: Float64Array,
  out: Float64Array,
): Float64Array {
  checkLength('clamp', 'lo', lo.length, 'a', a.length);
  checkLength('clamp', 'hi', hi.length, 'a', a.length);
  checkLength('clamp', 'out', out.length, 'a', a.length);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = Math.min(Math.max(a[i], lo[i]), hi[i]);
  return out;
}

/**
 * `out[i] = Math.min(Math.max(a[i], lo), hi)`. The kernel does not check `lo <= hi` (where `lo > hi`
 * every result is `hi`); `Samples.clamp` does.
 * @param a - values
 * @param lo - scalar lower bound
 * @param hi - scalar upper bound
 * @param out - destination, same length as `a` (may be `a`)
 * @returns `out`
 * @throws {@link salvo!SalvoError | SalvoError} `LENGTH_MISMATCH` when `out` differs in length from `a`
 * @example
 * ```ts
 * import { clampScalar } from 'salvo/kernels';
 * clampScalar(Float64Array.of(-0.2, 0.5, 1.3), 0, 1, new Float64Array(3)); // => Float64Array [0, 0.5, 1]
 * ```
 */
export function clampScalar(
  a: Float64Array,
  lo: number,
  hi: number,
  out: Float64Array,
): Float64Array {
  check2('clampScalar', a, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = Math.min(Math.max(a[i], lo), hi);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Unary

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
  check2('neg', a, out);
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
  check2('exp', a, out);
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
  check2('log', a, out);
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
  check2('sqrt', a, out);
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
  check2('abs', a, out);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = Math.abs(a[i]);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Comparisons into Uint8Array masks

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
  check3('lt', a, b, out);
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
  check3('le', a, b, out);
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
  check3('gt', a, b, out);
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
  check3('ge', a, b, out);
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
  check3('eq', a, b, out);
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
  check3('ne', a, b, out);
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
  check2('ltScalar', a, out);
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
  check2('leScalar', a, out);
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
  check2('gtScalar', a, out);
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
  check2('geScalar', a, out);
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
  check2('eqScalar', a, out);
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
  check2('neScalar', a, out);
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
  checkLength('where', 'mask', mask.length, 'whenTrue', whenTrue.length);
  checkLength('where', 'whenFalse', whenFalse.length, 'whenTrue', whenTrue.length);
  checkLength('where', 'out', out.length, 'whenTrue', whenTrue.length);
  const n = whenTrue.length;
  for (let i = 0; i < n; i++) out[i] = mask[i] !== 0 ? whenTrue[i] : whenFalse[i];
  return out;
}
