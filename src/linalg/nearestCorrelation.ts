/**
 * The nearest correlation matrix: N. J. Higham, "Computing the nearest correlation matrix — a problem
 * from finance", IMA J. Numer. Anal. 22 (2002) 329–343 (alternating projections with Dykstra's
 * correction).
 *
 * Matrices are row-major `Float64Array`s of k·k values.
 * @internal
 * @module
 */
import { symmetricEigen } from './eigen.js';

/** V·max(Λ, floor)·Vᵀ: the projection of a symmetric matrix onto matrices with eigenvalues ≥ floor. */
function clipEigenvalues(a: Float64Array, k: number, floor: number): Float64Array {
  const { values, vectors } = symmetricEigen(a, k);
  const out = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    const lambda = Math.max(values[j], floor);
    if (lambda === 0) continue;
    for (let r = 0; r < k; r++) {
      const vr = vectors[r * k + j] * lambda;
      for (let c = 0; c < k; c++) out[r * k + c] += vr * vectors[c * k + j];
    }
  }
  return out;
}

/**
 * The nearest correlation matrix to the symmetric matrix `a` in the Frobenius norm (Higham's
 * alternating projections with Dykstra's correction), with its smallest eigenvalue at least
 * `minEigenvalue` (then rescaled to a unit diagonal) so that it factors cleanly.
 */
export function nearestCorrelation(a: Float64Array, k: number, minEigenvalue = 0): Float64Array {
  let y: Float64Array = Float64Array.from(a);
  const correction = new Float64Array(k * k);
  let x: Float64Array = new Float64Array(k * k);
  for (let iteration = 0; iteration < 1000; iteration++) {
    const r = new Float64Array(k * k);
    for (let i = 0; i < k * k; i++) r[i] = y[i] - correction[i];
    x = clipEigenvalues(r, k, 0);
    for (let i = 0; i < k * k; i++) correction[i] = x[i] - r[i];
    const next = Float64Array.from(x);
    for (let i = 0; i < k; i++) next[i * k + i] = 1;
    let change = 0;
    let size = 0;
    for (let i = 0; i < k * k; i++) {
      change += (next[i] - y[i]) ** 2;
      size += next[i] ** 2;
    }
    y = next;
    if (change <= 1e-24 * size) break;
  }
  // Lift the smallest eigenvalues to the floor and restore the unit diagonal; symmetrise exactly.
  const lifted = clipEigenvalues(y, k, minEigenvalue);
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const value =
        i === j ? 1 : lifted[i * k + j] / Math.sqrt(lifted[i * k + i] * lifted[j * k + j]);
      out[i * k + j] = Math.max(-1, Math.min(1, value));
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const mean = (out[i * k + j] + out[j * k + i]) / 2;
      out[i * k + j] = mean;
      out[j * k + i] = mean;
    }
  }
  return out;
}
