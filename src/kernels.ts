/**
 * Element-wise kernels over sample vectors, for code that manages its own buffers. Each kernel reads one
 * or two `Float64Array`s (or a vector and a scalar) and writes into a caller-supplied `out` buffer, which
 * it returns; it allocates nothing, so a model can evaluate block after block into pooled buffers. `out`
 * may be one of the inputs (in place). `Samples` (from `salvo`) offers the same operations as methods
 * that allocate their results.
 *
 * Results follow IEEE-754 and `Math` exactly, element by element: `div` by zero gives ±Infinity,
 * `log` of a negative number gives NaN, and `min`/`max` propagate NaN. Summaries count such values
 * (see `nonFiniteCount`); the kernels never hide them.
 *
 * Naming: `add(a, b, out)` takes two vectors; `addScalar(a, s, out)` computes `a[i] + s`; for the
 * operations that do not commute there is also a scalar-first form, `scalarSub(s, b, out)` = `s - b[i]`.
 * Comparisons write a `Uint8Array` mask of 1 (true) and 0 (false); comparisons with NaN are false, except
 * `ne`, which is true.
 *
 * @example
 * ```ts
 * import { gtScalar, mul, mulScalar } from 'salvo/kernels';
 * const containers = Float64Array.of(6000, 7000);
 * const shellsPerContainer = Float64Array.of(400, 500);
 * const shells = new Float64Array(2); // one buffer, reused below
 * mul(containers, shellsPerContainer, shells); // => Float64Array [2400000, 3500000]
 * mulScalar(shells, 0.5, shells);              // => Float64Array [1200000, 1750000] (in place)
 * gtScalar(shells, 1.5e6, new Uint8Array(2));  // => Uint8Array [0, 1]
 * ```
 * @module salvo/kernels
 */
// biome-ignore-all assist/source/organizeImports: the exports are grouped by kind, each group sorted.

// Arithmetic, vector with vector: out[i] = a[i] op b[i].
export { add, div, max, min, mul, pow, sub } from './samples/kernels/vectorArithmetic.js';

// Arithmetic with a scalar: a[i] op s, and s op b[i] for the operations that do not commute.
export {
  addScalar,
  divScalar,
  maxScalar,
  minScalar,
  mulScalar,
  powScalar,
  scalarDiv,
  scalarPow,
  scalarSub,
  subScalar,
} from './samples/kernels/scalarArithmetic.js';

// Clamping into [lo, hi], by vectors or scalars.
export { clamp, clampScalar } from './samples/kernels/clamp.js';

// Unary functions.
export { abs, exp, log, neg, sqrt } from './samples/kernels/unary.js';

// Comparisons into Uint8Array masks, and selection by a mask.
export {
  eq,
  eqScalar,
  ge,
  geScalar,
  gt,
  gtScalar,
  le,
  leScalar,
  lt,
  ltScalar,
  ne,
  neScalar,
  where,
} from './samples/kernels/comparisons.js';
