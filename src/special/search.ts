/**
 * Binary searches over ascending `Float64Array`s, shared by the empirical distribution and the
 * empirical CDF of sample vectors.
 * @internal
 * @module
 */

/** Number of values `<= x` in the ascending array `sorted` (an upper bound by binary search). */
export function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of values `< x` in the ascending array `sorted` (a lower bound by binary search). */
export function countBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
