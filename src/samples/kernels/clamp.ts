/**
 * Clamping into `[lo, hi]` element by element, with bounds given as vectors or as scalars (numpy's
 * `clip` order: the lower bound first, then the upper).
 * @module
 */
import { checkLength, checkOutLength, checkScalar } from './argumentChecks.js';

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
  checkLength('clamp', 'lo', lo, 'a', a);
  checkLength('clamp', 'hi', hi, 'a', a);
  checkLength('clamp', 'out', out, 'a', a);
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
  checkOutLength('clampScalar', a, out);
  checkScalar('clampScalar', 'lo', lo);
  checkScalar('clampScalar', 'hi', hi);
  const n = a.length;
  for (let i = 0; i < n; i++) out[i] = Math.min(Math.max(a[i], lo), hi);
  return out;
}
