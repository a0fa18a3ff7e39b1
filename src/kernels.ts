/**
 * Element-wise kernels over sample vectors, for code that manages its own buffers. Each kernel reads one
 * or two `Float64Array`s (or a vector and a scalar) and writes into a caller-supplied `out` buffer, which
 * it returns; it allocates nothing, so a model can evaluate block after block into pooled buffers. `out`
 * may be one of the inputs (in place). `Samples` (from `salvo`) offers the same operations as methods
 * that allocate their results.
 *
 * Results follow IEEE-754 and `Math` exactly, element by element: `div` by zero gives ±Infinity,
 * `log` of a negative number gives NaN, and `min`/`max` propagate NaN. Summaries count such values
 * (see `nonFiniteCount`); the kernels never hide them. Arguments are checked before the loop: a
 * vector that is not a typed array, or a scalar that is not a number, throws `INVALID_PARAMETER`, and
 * vectors of different lengths throw `LENGTH_MISMATCH`.
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
export * from './samples/kernels/index.js';
