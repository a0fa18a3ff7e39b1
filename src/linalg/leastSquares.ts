/**
 * Linear least squares by Givens rotations (a QR factorisation built one row at a time), so that
 * fitting a large data set needs no n × k matrix.
 * @internal
 * @module
 */

/**
 * Least squares min |A a - b| by Givens rotations, one row at a time: R and Qᵀb are updated in place,
 * so that the n × k matrix A never exists.
 */
export class GivensLeastSquares {
  private readonly k: number;
  private readonly r: Float64Array;
  private readonly qtb: Float64Array;
  private readonly columnNormSq: Float64Array;

  constructor(k: number) {
    this.k = k;
    this.r = new Float64Array(k * k);
    this.qtb = new Float64Array(k);
    this.columnNormSq = new Float64Array(k);
  }

  /** Adds the equation row · a = rhs; overwrites `row`. */
  add(row: Float64Array, rhs: number): void {
    const k = this.k;
    const r = this.r;
    for (let j = 0; j < k; j++) this.columnNormSq[j] += row[j] * row[j];
    for (let j = 0; j < k; j++) {
      const x = row[j];
      if (x === 0) continue;
      const rjj = r[j * k + j];
      const h = Math.sqrt(rjj * rjj + x * x);
      const c = rjj / h;
      const s = x / h;
      r[j * k + j] = h;
      row[j] = 0;
      for (let l = j + 1; l < k; l++) {
        const rl = r[j * k + l];
        const xl = row[l];
        r[j * k + l] = c * rl + s * xl;
        row[l] = c * xl - s * rl;
      }
      const d = this.qtb[j];
      this.qtb[j] = c * d + s * rhs;
      rhs = c * rhs - s * d;
    }
  }

  /** The solution, or `undefined` when A is (numerically) rank deficient. */
  solve(): Float64Array | undefined {
    const k = this.k;
    const r = this.r;
    for (let j = 0; j < k; j++) {
      if (!(Math.abs(r[j * k + j]) > 1e-12 * Math.sqrt(this.columnNormSq[j]))) return undefined;
    }
    const a = new Float64Array(k);
    for (let j = k - 1; j >= 0; j--) {
      let sum = this.qtb[j];
      for (let l = j + 1; l < k; l++) sum -= r[j * k + l] * a[l];
      a[j] = sum / r[j * k + j];
    }
    return a;
  }
}
