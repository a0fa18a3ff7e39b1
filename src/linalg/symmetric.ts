/**
 * Small dense symmetric matrices: eigen-decomposition (cyclic Jacobi), Cholesky factors, and the
 * nearest correlation matrix (Higham 2002). Sized for correlation matrices between a model's inputs
 * (a handful to a few dozen rows), where Jacobi is accurate to a few ulps and fast enough.
 *
 * Matrices are row-major `Float64Array`s of k·k values.
 *
 * References: Golub and Van Loan, *Matrix Computations*, §8.5 (cyclic Jacobi); N. J. Higham,
 * "Computing the nearest correlation matrix — a problem from finance", IMA J. Numer. Anal. 22 (2002)
 * 329–343 (alternating projections with Dykstra's correction).
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

/** Pivots at or below this are zero in a semi-definite Cholesky factor (matrices with a unit diagonal). */
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
