/**
 * The goodness-of-fit test of the Poisson family: a chi-square test on cells pooled until each expects
 * at least 5 counts, with one degree of freedom taken for the estimated λ.
 * @module
 */
import type { DiscreteDistribution } from '../../distributions/types.js';
import { regularizedGammaP, regularizedGammaQ } from '../../special/gamma.js';
import { normalQuantile } from '../../special/normal.js';

/**
 * One cell of a chi-square goodness-of-fit test: the counts from `from` to `to` (inclusive; `to` is
 * `Infinity` for the last cell), how many data fell there and how many the fitted distribution expects.
 *
 * @example
 * ```ts
 * import { type ChiSquareCell, fit } from 'salvo';
 * const counts = [0, 1, 1, 2, 2, 2, 3, 3, 4, 1, 2, 0, 5, 2, 1, 3, 2, 1, 2, 6];
 * const cells: readonly ChiSquareCell[] = fit.poisson(counts).goodnessOfFit.cells;
 * cells.length; // => 3
 * cells[0];     // => { from: 0, to: 1, observed: 7, expected: 7.338501939730304 }
 * cells[2].to;  // => Infinity
 * ```
 */
export interface ChiSquareCell {
  /** Smallest count in the cell. */
  readonly from: number;
  /** Largest count in the cell (`Infinity` for the open last cell). */
  readonly to: number;
  /** How many data values lie in the cell. */
  readonly observed: number;
  /** n times the fitted probability of the cell. */
  readonly expected: number;
}

/**
 * Pearson's chi-square goodness-of-fit test of count data against the fitted discrete distribution.
 * Cells are built from the expected counts alone: starting at 0, consecutive counts are pooled until
 * a cell expects at least 5; once fewer than 5 are expected beyond the current count, the rest (up to
 * infinity) joins the current cell, and a last cell that still expects fewer than 5 is merged into the
 * one before. (When λ is so large that these cells would span more than 4 million counts, from about
 * λ = 1e11, the cells are instead c = min(n / 10, 1000) cells of about equal probability, cut at the
 * quantiles j / c, merged likewise.) `dof` = cells − 1 − 1 (one parameter estimated); with fewer than
 * 3 cells nothing is left to test, and `dof` is 0 and `pValue` NaN. Like every test with estimated
 * parameters, the p-value treats them as known.
 *
 * @example
 * ```ts
 * import { type ChiSquareTest, fit } from 'salvo';
 * const counts = [0, 1, 1, 2, 2, 2, 3, 3, 4, 1, 2, 0, 5, 2, 1, 3, 2, 1, 2, 6];
 * const test: ChiSquareTest = fit.poisson(counts).goodnessOfFit;
 * test.statistic; // => 0.7244220020957857
 * test.dof;       // => 1
 * test.pValue;    // => 0.3946972318215528
 * ```
 */
export interface ChiSquareTest {
  /** Which test this is. */
  readonly test: 'chi-square';
  /** Σ (observed − expected)² / expected over the cells. */
  readonly statistic: number;
  /** Degrees of freedom: cells − 2, or 0 when there are fewer than 3 cells. */
  readonly dof: number;
  /** P(χ²(dof) > statistic); NaN when `dof` is 0. */
  readonly pValue: number;
  /** The pooled cells, in order. */
  readonly cells: readonly ChiSquareCell[];
}

/** Minimum expected count of a chi-square cell. */
const MIN_EXPECTED = 5;
/** Most counts the cell loop walks one by one before equal-probability cells are used. */
const MAX_CELL_STEPS = 2 ** 22;

/**
 * The smallest integer k >= 0 with P(X <= k) >= p for Poisson(λ) (0 < p < 1; q = 1 − p, passed
 * exactly by the caller so that the upper tail is compared through P(X > k) <= q without rounding
 * p). Bisection on the CDF inside a bracket around the Cornish–Fisher approximation
 * λ + √λ (z + (z² − 1) / (6√λ)), z = Φ⁻¹(p), widened by doubling until it holds the answer (a few
 * evaluations: the approximation is within a few counts for large λ); the bisection stops when no
 * double lies between the bracket's ends, so it also ends above 2^53, where k + 1 rounds to k.
 * (`poisson(λ).quantile` takes p alone; the pooling needs upper tails compared through q exactly.)
 */
function poissonQuantile(lambda: number, p: number, q: number): number {
  if (!(p > 0 && q > 0)) return p > 0 ? Number.POSITIVE_INFINITY : 0;
  const enough = (k: number): boolean =>
    p <= 0.5 ? regularizedGammaQ(k + 1, lambda) >= p : regularizedGammaP(k + 1, lambda) <= q;
  const sd = Math.sqrt(lambda);
  const z = p <= 0.5 ? normalQuantile(p) : -normalQuantile(q);
  const guess = Math.round(lambda + sd * (z + (z * z - 1) / (6 * sd)));
  let lo = guess - 2; // enough(lo) is false; lo = −1 stands for P(X <= −1) = 0
  let hi = guess + 2; // enough(hi) is true
  for (let width = 4; lo >= 0 && enough(lo); width *= 2) lo = Math.floor(lo - width);
  if (lo < -1) lo = -1;
  for (let width = 4; !enough(hi); width *= 2) hi = Math.ceil(hi + width);
  for (;;) {
    const mid = Math.floor(lo / 2 + hi / 2);
    if (mid <= lo || mid >= hi) return hi;
    if (enough(mid)) hi = mid;
    else lo = mid;
  }
}

/**
 * The pooled chi-square test of count data (as distinct values and counts) against Poisson(λ); see
 * {@link ChiSquareTest} for the cells.
 */
export function poissonChiSquare(
  n: number,
  lambda: number,
  values: Float64Array,
  counts: Float64Array,
  distribution: DiscreteDistribution,
): ChiSquareTest {
  const cdf = (k: number): number => (lambda === 0 ? 1 : regularizedGammaQ(k + 1, lambda));
  // P(X > k) directly, not as 1 − cdf, so that small tails keep their digits.
  const survival = (k: number): number => (lambda === 0 ? 0 : regularizedGammaP(k + 1, lambda));
  const from: number[] = [];
  const to: number[] = [];
  const expected: number[] = [];
  // The cells are those of the plain loop over k = 0, 1, 2, … described in ChiSquareTest, but the
  // loop knows kLast, the first k with n P(X > k) < 5 (where the rest joins the current cell), and
  // starts at k1, the end of the first cell (the smallest k with n P(X <= k) >= 5, or kLast if that
  // comes first): both found from a quantile and a step or two (at most 64: beyond 2^53 a step of 1
  // does not change a double), so that no incomplete gamma function is evaluated per k.
  let kLast = 0;
  // (With n <= 5 no count has 5 expected above it unless P(X > k) rounds to 1: one cell.)
  if (n > MIN_EXPECTED && n * survival(0) >= MIN_EXPECTED) {
    kLast = poissonQuantile(lambda, 1 - MIN_EXPECTED / n, MIN_EXPECTED / n);
    for (let i = 0; i < 64 && kLast > 0 && n * survival(kLast - 1) < MIN_EXPECTED; i++) kLast--;
    for (let i = 0; i < 64 && n * survival(kLast) >= MIN_EXPECTED; i++) kLast++;
  }
  let k1 = 0;
  if (kLast > 0 && n * cdf(0) < MIN_EXPECTED) {
    k1 = Math.min(kLast, poissonQuantile(lambda, MIN_EXPECTED / n, 1 - MIN_EXPECTED / n));
    for (let i = 0; i < 64 && k1 > 0 && n * cdf(k1 - 1) >= MIN_EXPECTED; i++) k1--;
    for (let i = 0; i < 64 && k1 < kLast && n * cdf(k1) < MIN_EXPECTED; i++) k1++;
  }
  if (kLast - k1 <= MAX_CELL_STEPS) {
    let cellFrom = 0;
    let cellExpected = n * cdf(k1);
    let pmf = 0;
    for (let k = k1; ; ) {
      if (k === kLast) {
        from.push(cellFrom);
        to.push(Number.POSITIVE_INFINITY);
        expected.push(cellExpected + n * survival(k));
        break;
      }
      if (cellExpected >= MIN_EXPECTED) {
        from.push(cellFrom);
        to.push(k);
        expected.push(cellExpected);
        cellFrom = k + 1;
        cellExpected = 0;
      }
      k++;
      // P(X = k) by the recurrence P(k) = P(k − 1) λ / k, recomputed exactly every 256 steps (so its
      // relative error stays below 256 units of rounding).
      pmf = (k - k1) % 256 === 1 ? distribution.pmf(k) : (pmf * lambda) / k;
      cellExpected += n * pmf;
    }
  } else {
    // λ so large that the cells above would span millions of counts: c = min(n / 10, 1000) cells of
    // about equal probability, cut at the quantiles j / c; their expected counts come from the CDF
    // below the median and from the survival function above it.
    const c = Math.min(Math.floor(n / (2 * MIN_EXPECTED)), 1000);
    let previous = -1;
    let previousCdf = 0;
    let previousSurvival = 1;
    for (let j = 1; j < c; j++) {
      const b = poissonQuantile(lambda, j / c, (c - j) / c);
      if (!(b > previous)) continue;
      const lower = cdf(b);
      const upper = survival(b);
      from.push(previous + 1);
      to.push(b);
      expected.push(n * (j / c <= 0.5 ? lower - previousCdf : previousSurvival - upper));
      previous = b;
      previousCdf = lower;
      previousSurvival = upper;
    }
    from.push(previous + 1);
    to.push(Number.POSITIVE_INFINITY);
    expected.push(n * previousSurvival);
  }
  // A cell expecting fewer than 5 joins the one before it (the first joins the one after).
  for (let i = expected.length - 1; i >= 0 && expected.length > 1; i--) {
    if (expected[i] >= MIN_EXPECTED) continue;
    const into = i > 0 ? i - 1 : 1;
    expected[into] += expected[i];
    from[into] = Math.min(from[into], from[i]);
    to[into] = Math.max(to[into], to[i]);
    expected.splice(i, 1);
    from.splice(i, 1);
    to.splice(i, 1);
  }
  // Observed counts per cell: one walk over the distinct values.
  const cells: ChiSquareCell[] = [];
  let statistic = 0;
  let j = 0;
  for (let c = 0; c < expected.length; c++) {
    let observed = 0;
    while (j < values.length && values[j] <= to[c]) observed += counts[j++];
    const e = expected[c];
    statistic += ((observed - e) * (observed - e)) / e;
    cells.push(Object.freeze({ from: from[c], to: to[c], observed, expected: e }));
  }
  const dof = Math.max(0, cells.length - 2);
  const pValue = dof === 0 ? Number.NaN : regularizedGammaQ(dof / 2, statistic / 2);
  return { test: 'chi-square', statistic, dof, pValue, cells: Object.freeze(cells) };
}
