/**
 * The goodness-of-fit test of the continuous families: the one-sample Kolmogorov–Smirnov statistic
 * D = sup |Fₙ − F| against the fitted distribution, with the asymptotic p-value P(K > √n D) of
 * Kolmogorov's limiting distribution (`scipy.stats.kstest(..., method='asymp')`). D is exact: the data
 * are sorted once and F is evaluated only where it can change the supremum (a branch-and-bound over
 * blocks of order statistics, using that F is monotone), so a million gamma or beta values need about
 * 5,000 incomplete gamma or beta evaluations rather than a million.
 * @module
 */
import { kolmogorovSurvival } from '../../special/kolmogorov.js';

/**
 * The one-sample Kolmogorov–Smirnov test of the data against the fitted continuous distribution.
 *
 * `pValue` is asymptotic (Kolmogorov's limiting distribution, as `scipy.stats.kstest(data, cdf,
 * method='asymp')`) and *optimistic*: the parameters were estimated from the same data, which makes D
 * smaller than for a distribution fixed in advance (the Lilliefors effect). Read a small p-value as
 * evidence against the family and a large one as weak evidence for it.
 *
 * @example
 * ```ts
 * import { fit, type KolmogorovSmirnovTest } from 'salvo';
 * const test: KolmogorovSmirnovTest = fit.normal([4.1, 5.3, 3.8, 6.0, 5.1, 4.6]).goodnessOfFit;
 * test.test;      // => 'kolmogorov-smirnov'
 * test.statistic; // => 0.16609480909238802
 * test.pValue;    // => 0.9964293466695278
 * ```
 */
export interface KolmogorovSmirnovTest {
  /** Which test this is. */
  readonly test: 'kolmogorov-smirnov';
  /** D = maxᵢ max(i/n − F(x₍ᵢ₎), F(x₍ᵢ₎) − (i − 1)/n) over the sorted data. */
  readonly statistic: number;
  /** P(K > √n D) for Kolmogorov's limiting distribution K; optimistic (see above). */
  readonly pValue: number;
}

/**
 * The two-sided KS statistic of sorted data against a continuous CDF, exactly
 * maxᵢ max((i + 1)/n − F(xᵢ), F(xᵢ) − i/n) (0-based i), as scipy computes it, but evaluating F only
 * where the maximum can be. F is non-decreasing, so on a block of order statistics a..b whose ends are
 * known, every interior i has (i + 1)/n − F(xᵢ) <= b/n − F(x_a) and F(xᵢ) − i/n <= F(x_b) − (a + 1)/n;
 * a block whose bound is below the best D found so far is skipped, others are halved. The start is a
 * grid of every 256th point, which already gives a D close to the final one. Blocks are skipped only
 * when their bound is below D by 1e-12, so that a CDF that is monotone only to within rounding still
 * gives the exact maximum.
 * @internal
 */
export function ksStatistic(sorted: Float64Array, cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  const grid = Math.max(1, Math.min(256, n - 1));
  const points = Math.ceil((n - 1) / grid) + 1; // grid indices 0, grid, 2 grid, …, and n − 1
  const gridCdf = new Float64Array(points);
  for (let j = 0; j < points; j++) {
    const i = Math.min(j * grid, n - 1);
    const f = cdf(sorted[i]);
    gridCdf[j] = f;
    const above = (i + 1) / n - f;
    const below = f - i / n;
    if (above > d) d = above;
    if (below > d) d = below;
  }
  // Depth-first halving of each grid block; a block of 256 needs at most 8 levels, so 2 × 9 entries.
  const stackLo = new Int32Array(32);
  const stackHi = new Int32Array(32);
  const stackFlo = new Float64Array(32);
  const stackFhi = new Float64Array(32);
  for (let j = 0; j + 1 < points; j++) {
    stackLo[0] = Math.min(j * grid, n - 1);
    stackHi[0] = Math.min((j + 1) * grid, n - 1);
    stackFlo[0] = gridCdf[j];
    stackFhi[0] = gridCdf[j + 1];
    let top = 1;
    while (top > 0) {
      top--;
      const a = stackLo[top];
      const b = stackHi[top];
      if (b - a < 2) continue;
      const fa = stackFlo[top];
      const fb = stackFhi[top];
      const bound = Math.max(b / n - fa, fb - (a + 1) / n);
      if (bound + 1e-12 <= d) continue;
      const m = (a + b) >>> 1;
      const f = cdf(sorted[m]);
      const above = (m + 1) / n - f;
      const below = f - m / n;
      if (above > d) d = above;
      if (below > d) d = below;
      stackLo[top] = m;
      stackHi[top] = b;
      stackFlo[top] = f;
      stackFhi[top] = fb;
      top++;
      stackLo[top] = a;
      stackHi[top] = m;
      stackFlo[top] = fa;
      stackFhi[top] = f;
      top++;
    }
  }
  return d;
}

/** The KS test of `sorted` (sorted ascending) against `cdf`. */
export function ksTest(sorted: Float64Array, cdf: (x: number) => number): KolmogorovSmirnovTest {
  const statistic = ksStatistic(sorted, cdf);
  return {
    test: 'kolmogorov-smirnov',
    statistic,
    pValue: kolmogorovSurvival(statistic * Math.sqrt(sorted.length)),
  };
}
