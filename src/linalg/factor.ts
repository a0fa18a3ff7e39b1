/**
 * Square-root factors F with F·Fᵀ = A of small dense symmetric matrices: Cholesky's (for definite
 * matrices, or semi-definite ones with zero columns), and a factor of any positive semi-definite
 * matrix from its eigen-decomposition.
 *
 * Matrices are row-major `Float64Array`s of k·k values.
 * @internal
 * @module
 */
import { symmetricEigen } from './eigen.js';

/** Pivots at or below this give a zero column in a semi-definite Cholesky factor (unit diagonal). */
const SEMIDEFINITE_PIVOT = 1e-12;

/**
 * The lower-triangular Cholesky factor L (row-major k·k) with L·Lᵀ = a, or `undefined` when `a` is
 * not numerically positive definite.
 *
 * With `{ semidefinite: true }`, for a positive semi-definite matrix with a unit diagonal (a
 * correlation matrix): Cholesky's algorithm, which the SIPmath Excel tools use, with a pivot that is
 * zero up to rounding (at most 1e-12: a correlation of ±1) giving a zero column instead of a failure.
 */
export function cholesky(a: Float64Array, k: number): Float64Array | undefined;
export function cholesky(
  a: Float64Array,
  k: number,
  options: { readonly semidefinite: true },
): Float64Array;
export function cholesky(
  a: Float64Array,
  k: number,
  options?: { readonly semidefinite: true },
): Float64Array | undefined {
  const semidefinite = options?.semidefinite === true;
  const l = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j];
    for (let s = 0; s < j; s++) d -= l[j * k + s] * l[j * k + s];
    if (semidefinite) {
      if (!(d > SEMIDEFINITE_PIVOT)) continue;
    } else if (!(d > 1e-14 * Math.max(1, Math.abs(a[j * k + j])))) {
      return undefined;
    }
    const ljj = Math.sqrt(d);
    l[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let x = a[i * k + j];
      for (let s = 0; s < j; s++) x -= l[i * k + s] * l[j * k + s];
      l[i * k + j] = x / ljj;
    }
  }
  return l;
}

/**
 * A factor F (row-major k·k) with F·Fᵀ = a for a positive *semi*-definite `a`: the Cholesky factor
 * when `a` is definite, otherwise V·√Λ from the eigen-decomposition, eigenvalues below 1e-12 of the
 * largest taken as 0 (so a correlation of
 * exactly ±1 has a factor too).
 */
export function psdFactor(a: Float64Array, k: number): Float64Array {
  const l = cholesky(a, k);
  if (l !== undefined) return l;
  const { values, vectors } = symmetricEigen(a, k);
  const f = new Float64Array(k * k);
  // Eigenvalues that are zero up to rounding stay zero: the square root would turn a rounding error
  // of 1e-16 into a component of 1e-8.
  const floor = 1e-12 * Math.max(Math.abs(values[k - 1]), 1);
  for (let j = 0; j < k; j++) {
    const root = values[j] > floor ? Math.sqrt(values[j]) : 0;
    for (let i = 0; i < k; i++) f[i * k + j] = vectors[i * k + j] * root;
  }
  return f;
}
