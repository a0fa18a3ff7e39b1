/**
 * The check that a correlation matrix is positive semi-definite, with an error that offers the
 * nearest valid one; shared by the model's correlations and the SIPmath import.
 *
 * Matrices are row-major `Float64Array`s of k·k values.
 * @internal
 * @module
 */
import { invalidParameter } from '../validate.js';
import { symmetricEigen } from './eigen.js';
import { nearestCorrelation } from './nearestCorrelation.js';

/** Tolerance for eigenvalues below zero (rounding of a valid matrix). */
const EIGEN_TOLERANCE = 1e-10;

/** Formats a matrix with 4 decimals, for messages. */
function formatMatrix(m: Float64Array, k: number): string {
  const rows: string[] = [];
  for (let i = 0; i < k; i++) {
    const row: string[] = [];
    for (let j = 0; j < k; j++) row.push(String(Math.round(m[i * k + j] * 1e4) / 1e4));
    rows.push(`[${row.join(', ')}]`);
  }
  return `[${rows.join(', ')}]`;
}

/**
 * Throws unless the k·k matrix is positive semi-definite, naming `parameter` and offering the
 * nearest correlation matrix.
 */
export function requirePsd(
  where: string,
  parameter: string,
  matrix: Float64Array,
  k: number,
  what: string,
): void {
  const smallest = symmetricEigen(matrix, k).values[0];
  if (smallest >= -EIGEN_TOLERANCE) return;
  const nearest = nearestCorrelation(matrix, k, 1e-6);
  throw invalidParameter(
    where,
    parameter,
    `${what} is not positive semi-definite (smallest eigenvalue ${smallest.toPrecision(3)}), so no inputs can have these correlations together; the nearest valid correlation matrix is ${formatMatrix(nearest, k)} (nearestCorrelationMatrix computes it)`,
    Array.from(matrix),
  );
}
