/**
 * Eigen-decomposition of small dense symmetric matrices by cyclic Jacobi rotations (Golub and Van
 * Loan, *Matrix Computations*, §8.5). Sized for correlation matrices between a model's inputs (a
 * handful to a few dozen rows), where Jacobi is accurate to a few ulps and fast enough.
 *
 * Matrices are row-major `Float64Array`s of k·k values.
 * @internal
 * @module
 */

/** Eigenvalues (ascending) and eigenvectors (column j of `vectors` belongs to `values[j]`). */
export interface SymmetricEigen {
  readonly values: Float64Array;
  /** Row-major k·k: `vectors[i * k + j]` is component i of eigenvector j. */
  readonly vectors: Float64Array;
}

/**
 * Eigen-decomposition of the symmetric matrix `a` (k·k, row-major; only symmetric input is
 * meaningful) by cyclic Jacobi rotations until the off-diagonal mass is negligible.
 */
export function symmetricEigen(a: Float64Array, k: number): SymmetricEigen {
  const m = Float64Array.from(a);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diagonal = 0;
    for (let i = 0; i < k; i++) {
      diagonal += m[i * k + i] * m[i * k + i];
      for (let j = i + 1; j < k; j++) off += m[i * k + j] * m[i * k + j];
    }
    if (off <= 1e-30 * diagonal || off === 0) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = m[p * k + q];
        if (apq === 0) continue;
        const app = m[p * k + p];
        const aqq = m[q * k + q];
        // Rotation angle from the stable formula t = sign(θ) / (|θ| + sqrt(θ² + 1)).
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = m[r * k + p];
          const arq = m[r * k + q];
          m[r * k + p] = c * arp - s * arq;
          m[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = m[p * k + r];
          const aqr = m[q * k + r];
          m[p * k + r] = c * apr - s * aqr;
          m[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p];
          const vrq = v[r * k + q];
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((i, j) => m[i * k + i] - m[j * k + j]);
  const values = new Float64Array(k);
  const vectors = new Float64Array(k * k);
  order.forEach((from, to) => {
    values[to] = m[from * k + from];
    for (let r = 0; r < k; r++) vectors[r * k + to] = v[r * k + from];
  });
  return { values, vectors };
}
