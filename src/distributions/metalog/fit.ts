/**
 * Metalog coefficients by least squares: M(y) fitted to (bound-transformed) values at probabilities,
 * from an expert's quantile pairs or from data's empirical quantiles. Least squares by Givens
 * rotations (QR, one row at a time, so that fitting a large data set needs no n × k matrix).
 * @internal
 * @module
 */
import { GivensLeastSquares } from '../../linalg/leastSquares.js';
import { basisRow, type MetalogSupport, unboundedValue } from './evaluate.js';

/**
 * The least-squares coefficients through the pairs [p, x], taken in the given `order` (by p, so that
 * the rounding, and the result, does not depend on the pairs' order), or `undefined` when the system
 * is singular. Each x must lie strictly inside the bounds.
 */
export function coefficientsFromQuantiles(
  pairs: readonly (readonly [number, number])[],
  order: readonly number[],
  terms: number,
  support: MetalogSupport,
): Float64Array | undefined {
  const solver = new GivensLeastSquares(terms);
  const row = new Float64Array(terms);
  for (const i of order) {
    const [p, x] = pairs[i];
    basisRow(row, p - 0.5, Math.log(p / (1 - p)));
    solver.add(row, unboundedValue(x, support));
  }
  return solver.solve();
}

/**
 * The least-squares coefficients of sorted data on the "equally likely data" convention: the i-th
 * smallest of n values (i = 1 … n) is the quantile of probability (i − 0.5) / n. `undefined` when the
 * system is singular. Each value must lie strictly inside the bounds.
 */
export function coefficientsFromSortedData(
  sorted: Float64Array,
  terms: number,
  support: MetalogSupport,
): Float64Array | undefined {
  const n = sorted.length;
  const solver = new GivensLeastSquares(terms);
  const row = new Float64Array(terms);
  for (let i = 0; i < n; i++) {
    // y = (i + 1/2) / n, so t = (i + 1/2 - n/2) / n and L = ln((i + 1/2) / (n - i - 1/2)), both exact.
    basisRow(row, (i + 0.5 - n / 2) / n, Math.log((i + 0.5) / (n - i - 0.5)));
    solver.add(row, unboundedValue(sorted[i], support));
  }
  return solver.solve();
}
