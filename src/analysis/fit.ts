/**
 * Maximum-likelihood fits of distribution families to data: {@link fit}`.normal`, `.lognormal`,
 * `.gamma`, `.beta` and `.poisson`, each returning the fitted salvo distribution, its parameters, the
 * log-likelihood, AIC and a goodness-of-fit test.
 *
 * Estimators (the same optima as scipy's `fit`):
 * - normal: the sample mean and the *MLE* standard deviation √(Σ(x − x̄)² / n), as `scipy.stats.norm.fit`
 *   (not the unbiased n − 1 form, which `sd(data)` gives). Compensated sums (src/samples/moments.ts).
 * - lognormal: the same on log x (scipy's `lognorm.fit(data, floc=0)`).
 * - gamma (scipy's `gamma.fit(data, floc=0)`): the shape solves log a − ψ(a) = s with
 *   s = log x̄ − mean(log x), by Newton's method on log a inside the bracket 1/(2s) < a < 1/s (from
 *   1/(2a) < log a − ψ(a) < 1/a), started from the approximation of S. C. Choi and R. Wette ("Maximum
 *   likelihood estimation of the parameters of the gamma distribution and their bias", Technometrics
 *   11(4), 1969), also used by T. P. Minka ("Estimating a Gamma distribution", 2002) and scipy:
 *   a₀ = (3 − s + √((s − 3)² + 24s)) / (12s). It converges in 3–5 steps. s itself is computed as
 *   mean(dᵢ − log1p(dᵢ)) + log1pmx(mean(dᵢ)) with dᵢ = (xᵢ − m) / m, m the computed mean, which does
 *   not cancel when the data are tightly clustered (large shapes), where log x̄ − mean(log x) loses
 *   most of its digits (scipy's fit is off by 3e-5 relative for values 1 ± 3e-5; this one by 3e-16).
 * - beta (scipy's `beta.fit(data, floc=0, fscale=1)`): the likelihood equations
 *   ψ(α) − ψ(α + β) = mean(log x), ψ(β) − ψ(α + β) = mean(log(1 − x)), solved as two nested
 *   one-dimensional problems that always converge: the log-likelihood is strictly concave in (α, β)
 *   (an exponential family in its natural parameters), so for each total t = α + β there is one best
 *   mean α / t, and the profile log-likelihood in t is concave with one peak. Both are found by Newton's
 *   method with bracketing, from the method-of-moments start, on statistics centred at the sample mean
 *   (mean(log(x / x̄)) and mean(log((1 − x) / (1 − x̄))), their first-order parts summed exactly), which
 *   keep tightly clustered data accurate (for values 0.75 ± 2e-5 scipy is off by 1e-6, this by 2e-16).
 * - poisson: λ = x̄.
 * - Data so concentrated that the gamma shape or the smaller beta shape would exceed 1e16 (a
 *   coefficient of variation below about 1e-8) are refused with a clear error rather than fitted.
 *
 * Goodness of fit: for the continuous families the one-sample Kolmogorov–Smirnov statistic
 * D = sup |Fₙ − F| against the fitted distribution, with the asymptotic p-value P(K > √n D) of
 * Kolmogorov's limiting distribution (`scipy.stats.kstest(..., method='asymp')`). D is exact: the data
 * are sorted once and F is evaluated only where it can change the supremum (a branch-and-bound over
 * blocks of order statistics, using that F is monotone), so a million gamma or beta values need about
 * 5,000 incomplete gamma or beta evaluations rather than a million. For the Poisson family a
 * chi-square test on cells pooled until each expects at least 5 counts, with one degree of freedom
 * taken for the estimated λ.
 *
 * Both p-values treat the fitted parameters as if they had been given in advance. They were estimated
 * from the same data, which pulls the fitted distribution towards the sample, so the KS p-value is too
 * large (H. W. Lilliefors, "On the Kolmogorov-Smirnov test for normality with mean and variance
 * unknown", JASA 62, 1967): a small p-value is evidence against the family, a large one is weak
 * evidence for it.
 * @module
 */
import { beta } from '../distributions/beta.js';
import { gamma } from '../distributions/gamma.js';
import { lognormal } from '../distributions/lognormal.js';
import { normal } from '../distributions/normal.js';
import { logPoissonPmfExact, poisson } from '../distributions/poisson.js';
import type { ContinuousDistribution, DiscreteDistribution } from '../distributions/types.js';
import { SalvoError } from '../errors.js';
import { location, moments, sdFrom } from '../samples/moments.js';
import type { SampleValues } from '../samples/values.js';
import { logMinusDigamma, trigamma, trigammaMinusReciprocal } from '../special/digamma.js';
import { log1pmx, regularizedGammaP, regularizedGammaQ, stirlingError } from '../special/gamma.js';
import { normalCdf, normalQuantile } from '../special/normal.js';
import { show } from '../validate.js';

const LOG_2PI = 1.8378770664093456; // log(2π)
const LOG_SQRT_2PI = 0.9189385332046728; // log(√(2π))
const EPSILON = 2.220446049250313e-16;

// ---------------------------------------------------------------------------------------------------
// Public types

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

/**
 * What every `fit.*` function returns: the fitted distribution and its parameters, with the numbers
 * needed to compare fits.
 *
 * @typeParam P - the parameters, named as the family's factory names them
 * @typeParam D - the distribution type
 * @typeParam G - the goodness-of-fit test
 *
 * @example
 * ```ts
 * import { fit, type FitResult } from 'salvo';
 * const data = [2.3, 0.9, 4.1, 1.7, 3.0, 2.2, 5.6, 1.1];
 * // Compare families by AIC (smaller is better); each result has the same shape.
 * const fits: FitResult<Record<string, number>, unknown, unknown>[] = [
 *   fit.normal(data),
 *   fit.gamma(data),
 *   fit.lognormal(data),
 * ];
 * fits.map((f) => f.aic); // => [33.01465169857511, 30.933846846788718, 30.773763361414506]
 * ```
 */
export interface FitResult<P, D, G> {
  /** The fitted distribution, made by the family's factory from `params`. */
  readonly distribution: D;
  /** The maximum-likelihood estimates. */
  readonly params: Readonly<P>;
  /** The log-likelihood of the data at `params` (natural logarithm). */
  readonly logLikelihood: number;
  /** Number of data values. */
  readonly n: number;
  /** Number of fitted parameters k (2, or 1 for the Poisson family). */
  readonly parameterCount: number;
  /** Akaike's information criterion 2k − 2 log L (smaller is better). */
  readonly aic: number;
  /** The goodness-of-fit test of the data against `distribution`. */
  readonly goodnessOfFit: G;
}

/**
 * The result of {@link fit}`.normal`: `params.sd` is the maximum-likelihood (divide by n) standard
 * deviation.
 *
 * @example
 * ```ts
 * import { fit, type NormalFit } from 'salvo';
 * const r: NormalFit = fit.normal([9.8, 10.4, 10.1, 9.6, 10.2]);
 * r.params; // => { mean: 10.02, sd: 0.285657137141714 }
 * ```
 */
export type NormalFit = FitResult<
  { mean: number; sd: number },
  ContinuousDistribution,
  KolmogorovSmirnovTest
>;

/**
 * The result of {@link fit}`.lognormal`: `mu` and `sigma` are the mean and MLE standard deviation of
 * log x.
 *
 * @example
 * ```ts
 * import { fit, type LognormalFit } from 'salvo';
 * const r: LognormalFit = fit.lognormal([1, 10, 100]);
 * r.params.mu;    // => 2.302585092994046 (log 10: the median is 10)
 * r.params.sigma; // => 1.8800528557247886
 * ```
 */
export type LognormalFit = FitResult<
  { mu: number; sigma: number },
  ContinuousDistribution,
  KolmogorovSmirnovTest
>;

/**
 * The result of {@link fit}`.gamma`: shape k and scale θ, with `k θ` equal to the sample mean.
 *
 * @example
 * ```ts
 * import { fit, type GammaFit } from 'salvo';
 * const r: GammaFit = fit.gamma([2.3, 0.9, 4.1, 1.7, 3.0, 2.2, 5.6, 1.1]);
 * r.params;                   // => { shape: 3.214806761663952, scale: 0.8126460449049807 }
 * r.params.shape * r.params.scale; // => 2.6125 (the sample mean)
 * ```
 */
export type GammaFit = FitResult<
  { shape: number; scale: number },
  ContinuousDistribution,
  KolmogorovSmirnovTest
>;

/**
 * The result of {@link fit}`.beta`: the shapes α and β on [0, 1].
 *
 * @example
 * ```ts
 * import { type BetaFit, fit } from 'salvo';
 * const r: BetaFit = fit.beta([0.12, 0.31, 0.25, 0.08, 0.4, 0.19, 0.22]);
 * r.params; // => { alpha: 3.5127208781718218, beta: 12.178033094197518 }
 * ```
 */
export type BetaFit = FitResult<
  { alpha: number; beta: number },
  ContinuousDistribution,
  KolmogorovSmirnovTest
>;

/**
 * The result of {@link fit}`.poisson`: λ is the sample mean; the goodness of fit is a chi-square test.
 *
 * @example
 * ```ts
 * import { fit, type PoissonFit } from 'salvo';
 * const r: PoissonFit = fit.poisson([0, 2, 1, 3, 1, 0, 2]);
 * r.params.lambda; // => 1.2857142857142858
 * ```
 */
export type PoissonFit = FitResult<{ lambda: number }, DiscreteDistribution, ChiSquareTest>;

// ---------------------------------------------------------------------------------------------------
// Data checks

type Support = 'real' | 'positive' | 'unit' | 'count';

function dataError(
  where: string,
  data: unknown,
  index: number,
  requirement: string,
  copied: number,
): SalvoError {
  const parameter = `data[${index}]`;
  // The caller's element (which may not be a number), not its copy.
  const value: unknown = Array.isArray(data) ? data[index] : copied;
  return new SalvoError(
    'INVALID_PARAMETER',
    `${where}: ${parameter} must be ${requirement}, got ${show(value)}`,
    { parameter, value },
  );
}

/**
 * The data as a Float64Array (a plain array is copied once, after checking that every element is a
 * number), every value checked against the family's support; throws at the first bad value.
 */
function readData(where: string, data: unknown, support: Support): Float64Array {
  let v: Float64Array;
  if (data instanceof Float64Array) {
    v = data;
  } else if (Array.isArray(data)) {
    const n = data.length;
    v = new Float64Array(n);
    // Anything but a number (a string, a hole) is copied as NaN, so that the checks below report it
    // with its own value: Float64Array.from would turn '3' into 3.
    for (let i = 0; i < n; i++) {
      const x: unknown = data[i];
      v[i] = typeof x === 'number' ? x : Number.NaN;
    }
  } else {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: data must be a Float64Array or an array of numbers, got ${show(data)}`,
      { parameter: 'data', value: data },
    );
  }
  const n = v.length;
  if (n === 0) {
    throw new SalvoError('EMPTY_DATA', `${where}: data is empty; a fit needs data`, {
      parameter: 'data',
      value: data,
    });
  }
  // One pass; the first bad value is reported, whatever is wrong with it.
  const finite = 'a finite number';
  if (support === 'real') {
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (x - x !== 0) throw dataError(where, data, i, finite, x);
    }
  } else if (support === 'positive') {
    const family = where.slice('fit.'.length);
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (!(x > 0 && x < Number.POSITIVE_INFINITY)) {
        if (x - x !== 0) throw dataError(where, data, i, finite, x);
        throw dataError(
          where,
          data,
          i,
          `> 0 (a ${family} distribution has only positive values)`,
          x,
        );
      }
    }
  } else if (support === 'unit') {
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (!(x > 0 && x < 1)) {
        if (x - x !== 0) throw dataError(where, data, i, finite, x);
        throw dataError(
          where,
          data,
          i,
          'strictly between 0 and 1 (at 0 or 1 the beta likelihood has no maximum)',
          x,
        );
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (!(x >= 0 && Math.floor(x) === x && x < Number.POSITIVE_INFINITY)) {
        if (x - x !== 0) throw dataError(where, data, i, finite, x);
        throw dataError(where, data, i, 'a non-negative integer (a count)', x);
      }
    }
  }
  return v;
}

/** The error for data without spread, where the scale (or shape) parameter has no finite MLE. */
function degenerate(
  where: string,
  n: number,
  value: number,
  parameter: string,
  why: string,
): SalvoError {
  const what = n === 1 ? 'data has a single value' : `all ${n} values of data are equal`;
  return new SalvoError(
    'INVALID_PARAMETER',
    `${where}: ${what}${why} (${show(value)}), so ${parameter} cannot be fitted: the likelihood grows without bound as the distribution narrows to a point`,
    { parameter: 'data', value },
  );
}

/** The error of an iteration that did not converge (not seen on any data in testing; kept for safety). */
function notConverged(where: string, what: string, iterations: number, detail: string): SalvoError {
  return new SalvoError(
    'INVALID_PARAMETER',
    `${where}: ${what} did not converge in ${iterations} iterations (${detail}); the data are too extreme for this family`,
    { parameter: 'data', value: detail },
  );
}

/**
 * Largest fitted gamma shape, or smaller of the beta shapes, returned. Beyond it the data agree to about 8 significant
 * digits (coefficient of variation 1e-8) and are a constant for any practical purpose; and salvo's
 * CDFs stop being reliable not far beyond (checked while writing this, at the mean and ± 1 sd:
 * gamma(a, 1/a) and beta(a, a) right at a = 1e16, beta wrong at 1e20 and gamma at 1e30).
 */
const MAX_CONCENTRATION = 1e16;

function tooConcentrated(where: string, what: string, value: number, cv: number): SalvoError {
  return new SalvoError(
    'INVALID_PARAMETER',
    `${where}: data vary by only about ${cv.toPrecision(2)} of their mean (coefficient of variation), so ${what} (${show(value)}) exceeds 1e16, the largest this fit returns; treat the quantity as a constant, or fit a normal distribution`,
    { parameter: 'data', value },
  );
}

function freezeResult<P, D, G>(
  distribution: D,
  params: P,
  logLikelihood: number,
  n: number,
  parameterCount: number,
  goodnessOfFit: G,
): FitResult<P, D, G> {
  return Object.freeze({
    distribution,
    params: Object.freeze(params),
    logLikelihood,
    n,
    parameterCount,
    aic: 2 * parameterCount - 2 * logLikelihood,
    goodnessOfFit: Object.freeze(goodnessOfFit),
  });
}

// ---------------------------------------------------------------------------------------------------
// Kolmogorov–Smirnov

/**
 * The survival function of Kolmogorov's limiting distribution, P(K > x), as scipy's `kstwobign.sf`
 * (cephes `kolmogorov`): for x <= 0.82 one minus the Jacobi-theta form
 * √(2π)/x Σₖ exp(−(2k − 1)² π² / (8x²)), above it the alternating series 2 Σₖ (−1)^(k−1) exp(−2k²x²);
 * both converge to double precision in a few terms.
 * @internal
 */
export function kolmogorovSurvival(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x <= 0.82) {
    const logU = (-Math.PI * Math.PI) / (8 * x * x);
    // Terms exp(−(2k − 1)² π² / (8x²)) = u · u8^(k(k − 1)/2), u = exp(logU), u8 = exp(8 logU).
    const u8 = Math.exp(8 * logU);
    const sum = 1 + u8 * (1 + u8 * u8 * (1 + u8 * u8 * u8 * (1 + u8 ** 4)));
    const cdf = Math.exp(Math.log((2.5066282746310002 / x) * sum) + logU);
    return 1 - cdf;
  }
  // 2 Σ (−1)^(k−1) v^(k²), v = exp(−2x²) <= 0.26, until the terms no longer matter.
  const v = Math.exp(-2 * x * x);
  let sum = 0;
  let sign = 1;
  for (let k = 1; k <= 20; k++) {
    const term = v ** (k * k);
    sum += sign * term;
    if (term <= 1e-17 * sum) break;
    sign = -sign;
  }
  return Math.min(1, Math.max(0, 2 * sum));
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
function ksTest(sorted: Float64Array, cdf: (x: number) => number): KolmogorovSmirnovTest {
  const statistic = ksStatistic(sorted, cdf);
  return {
    test: 'kolmogorov-smirnov',
    statistic,
    pValue: kolmogorovSurvival(statistic * Math.sqrt(sorted.length)),
  };
}

/** A sorted copy of the data (one allocation, one typed-array sort). */
function sortedCopy(v: Float64Array): Float64Array {
  return v.slice().sort();
}

// ---------------------------------------------------------------------------------------------------
// Normal and lognormal

function fitNormalValues(where: string, v: Float64Array, parameter: string) {
  const m = moments(v);
  if (m.min === m.max) throw degenerate(where, v.length, m.min, parameter, '');
  const sd = sdFrom(m, 0);
  if (!(sd > 0)) throw degenerate(where, v.length, m.min, parameter, ' to within rounding');
  return { mean: m.mean, sd };
}

/**
 * Fits a normal distribution by maximum likelihood: the mean and the standard deviation
 * √(Σ(x − x̄)² / n), which divides by n as `scipy.stats.norm.fit` does (the unbiased n − 1 form is
 * `sd(data)`; it is larger by the factor √(n / (n − 1))). The goodness of fit is a Kolmogorov–Smirnov
 * test, with an optimistic p-value (see {@link KolmogorovSmirnovTest}).
 *
 * @param data - at least two distinct finite values
 * @returns the fit; see {@link NormalFit}
 * @throws {@link SalvoError} `EMPTY_DATA` for no data; `INVALID_PARAMETER` naming `data[i]` for a value
 * that is not a finite number, or naming `data` when all values are equal (no sd can be fitted)
 *
 * @example
 * ```ts
 * import { fit } from 'salvo';
 * const r = fit.normal([9.8, 10.4, 10.1, 9.6, 10.2]);
 * r.params.mean;                 // => 10.02
 * r.params.sd;                   // => 0.285657137141714 (divides by n)
 * r.logLikelihood;               // => -0.8298776234931733
 * r.distribution.quantile(0.5);  // => 10.02
 * ```
 */
function fitNormal(data: SampleValues): NormalFit {
  const where = 'fit.normal';
  const v = readData(where, data, 'real');
  const n = v.length;
  const { mean, sd } = fitNormalValues(where, v, 'sd');
  const distribution = normal(mean, sd);
  // At the optimum Σ(x − x̄)² / sd² = n exactly.
  const logLikelihood = -0.5 * n * (LOG_2PI + 1) - n * Math.log(sd);
  const goodnessOfFit = ksTest(sortedCopy(v), (x) => distribution.cdf(x));
  return freezeResult(distribution, { mean, sd }, logLikelihood, n, 2, goodnessOfFit);
}

/**
 * Fits a lognormal distribution by maximum likelihood: `mu` and `sigma` are the mean and the MLE
 * standard deviation (dividing by n) of log x, as `scipy.stats.lognorm.fit(data, floc=0)` (which reports
 * `s = sigma` and `scale = exp(mu)`). The goodness of fit is a Kolmogorov–Smirnov test, with an
 * optimistic p-value (see {@link KolmogorovSmirnovTest}).
 *
 * @param data - at least two distinct values, all finite and > 0
 * @returns the fit; see {@link LognormalFit}
 * @throws {@link SalvoError} `EMPTY_DATA` for no data; `INVALID_PARAMETER` naming `data[i]` for a value
 * that is not a finite number > 0, or naming `data` when all values are equal
 *
 * @example
 * ```ts
 * import { fit } from 'salvo';
 * const r = fit.lognormal([120, 340, 95, 410, 220, 180]);
 * r.params;                      // => { mu: 5.295509301488953, sigma: 0.5215573323149807 }
 * r.distribution.quantile(0.5);  // => 199.43917477356413 (the geometric mean)
 * ```
 */
function fitLognormal(data: SampleValues): LognormalFit {
  const where = 'fit.lognormal';
  const v = readData(where, data, 'positive');
  const n = v.length;
  const logs = new Float64Array(n);
  for (let i = 0; i < n; i++) logs[i] = Math.log(v[i]);
  let fitted: { mean: number; sd: number };
  try {
    fitted = fitNormalValues(where, logs, 'sigma');
  } catch {
    // Report the data, not their logarithms; distinct values can share a logarithm after rounding.
    let equal = true;
    for (let i = 1; i < n && equal; i++) equal = v[i] === v[0];
    throw degenerate(
      where,
      n,
      v[0],
      'sigma',
      equal ? '' : ' to within rounding of their logarithms',
    );
  }
  const mu = fitted.mean;
  const sigma = fitted.sd;
  const distribution = lognormal(mu, sigma);
  // Σ log x = n mu, and Σ(log x − mu)² / sigma² = n.
  const logLikelihood = -0.5 * n * (LOG_2PI + 1) - n * Math.log(sigma) - n * mu;
  // Sorting the logarithms sorts the data; F(x) = Φ((log x − mu) / sigma), exactly as distribution.cdf.
  logs.sort();
  const goodnessOfFit = ksTest(logs, (logX) => normalCdf((logX - mu) / sigma));
  return freezeResult(distribution, { mu, sigma }, logLikelihood, n, 2, goodnessOfFit);
}

// ---------------------------------------------------------------------------------------------------
// Gamma

/**
 * The gamma shape a > 0 with log a − ψ(a) = s, for s > 0: Newton's method on log a, safeguarded by
 * bisection (in log a) inside the bracket [0.49/s, 1.01/s] ⊃ (1/(2s), 1/s). Stops when a Newton step
 * changes a by less than 1e-15 relative (quadratic convergence: 3–5 steps) or the bracket is that
 * narrow.
 * @param s - log(mean) − mean(log x), > 0
 * @param maxIterations - iteration limit (tests lower it to reach the error)
 * @internal
 */
export function solveGammaShape(s: number, maxIterations = 100): number {
  let lo = 0.49 / s;
  let hi = 1.01 / s;
  // Choi and Wette's (1969) approximation, within a few per cent of the root.
  let a = (3 - s + Math.sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
  if (!(a > lo && a < hi)) a = Math.sqrt(lo * hi);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const f = logMinusDigamma(a) - s; // decreasing in a
    if (f === 0) return a;
    if (f > 0) lo = a;
    else hi = a;
    // d/d(log a) of log a − ψ(a) is −a (ψ′(a) − 1/a).
    let next = a * Math.exp(f / (a * trigammaMinusReciprocal(a)));
    if (!(next > lo && next < hi)) next = Math.sqrt(lo * hi);
    if (Math.abs(next - a) <= 1e-15 * a || hi - lo <= 1e-15 * hi) return next;
    a = next;
  }
  throw notConverged(
    'fit.gamma',
    "Newton's method for the shape",
    maxIterations,
    `s = log(mean) - mean(log x) = ${s}`,
  );
}

/**
 * Fits a gamma distribution (shape k, scale θ) by maximum likelihood, as
 * `scipy.stats.gamma.fit(data, floc=0)`: the shape solves log k − ψ(k) = log x̄ − mean(log x) (Newton's
 * method from Choi and Wette's start, 3–5 steps) and θ = x̄ / k. The goodness of fit is a
 * Kolmogorov–Smirnov test, with an optimistic p-value (see {@link KolmogorovSmirnovTest}).
 *
 * @param data - at least two distinct values, all finite and > 0
 * @returns the fit; see {@link GammaFit}
 * @throws {@link SalvoError} `EMPTY_DATA` for no data; `INVALID_PARAMETER` naming `data[i]` for a value
 * that is not a finite number > 0, or naming `data` when all values are equal (the shape has no finite
 * MLE), when they vary by less than about 1e-8 of their mean (the shape would pass 1e16), or when the
 * fitted scale is not a representable number (values near 1e308 with a small shape)
 *
 * @example
 * ```ts
 * import { fit } from 'salvo';
 * const repairDays = [2.3, 0.9, 4.1, 1.7, 3.0, 2.2, 5.6, 1.1];
 * const r = fit.gamma(repairDays);
 * r.params.shape;                 // => 3.214806761663952
 * r.params.scale;                 // => 0.8126460449049807
 * r.distribution.mean;            // => 2.6125 (the sample mean)
 * r.goodnessOfFit.pValue;         // => 0.9978548322282058
 * ```
 */
function fitGamma(data: SampleValues): GammaFit {
  const where = 'fit.gamma';
  const v = readData(where, data, 'positive');
  const n = v.length;
  // Pass 1: the mean, by a compensated sum (redone on values scaled by 2^-600 if it overflows).
  const { mean, min: lo, max: hi } = location(v);
  if (lo === hi) throw degenerate(where, n, lo, 'the shape', '');
  // Pass 2: s = log x̄ − mean(log x). With m the computed mean and d = (x − m) / m,
  // log m − mean(log x) = mean(d − log(x / m)) − mean(d), and log x̄ = log m + log1p(mean(d)), so
  // s = mean(d − log(x / m)) + log1pmx(mean(d)): the exact mean of the data, not its rounding, and no
  // cancellation. For |d| <= ½ (x between m/2 and 3m/2), x − m is exact and d − log1p(d) >= 0 comes from
  // log1pmx, which keeps s accurate for tightly clustered data (large shapes); farther out,
  // d − (log x − log m) (log1p of a rounded d would lose the digits of x / m when x << m).
  const logMean = Math.log(mean);
  let s1 = 0;
  let c1 = 0;
  let s2 = 0;
  let c2 = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    const d = (x - mean) / mean;
    let e: number;
    if (d >= -0.5 && d <= 0.5) {
      e = -log1pmx(d);
    } else {
      // log(x / m) rounds once (and is unchanged when data and mean are scaled by a power of 2) unless
      // x / m underflows towards subnormal numbers.
      const ratio = x / mean;
      e = d - (ratio > 1e-300 ? Math.log(ratio) : Math.log(x) - logMean);
    }
    let t = s1 + e;
    let bp = t - s1;
    c1 += s1 - (t - bp) + (e - bp);
    s1 = t;
    t = s2 + d;
    bp = t - s2;
    c2 += s2 - (t - bp) + (d - bp);
    s2 = t;
  }
  const s = (s1 + c1) / n + log1pmx((s2 + c2) / n);
  if (!(s > 0 && 1 / s < Number.POSITIVE_INFINITY)) {
    throw degenerate(where, n, lo, 'the shape', ' to within rounding');
  }
  const shape = solveGammaShape(s);
  if (shape > MAX_CONCENTRATION)
    throw tooConcentrated(where, 'the fitted shape', shape, 1 / Math.sqrt(shape));
  const scale = mean / shape;
  if (!(scale > 0 && scale < Number.POSITIVE_INFINITY)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: the fitted scale, mean / shape = ${show(mean)} / ${show(shape)}, is not a representable positive number; rescale the data (by a power of 2 or 10) and the scale with them`,
      { parameter: 'data', value: scale },
    );
  }
  const distribution = gamma(shape, scale);
  // log L / n = (k − 1) mean(log x) − k − log Γ(k) − k log θ, with θ = mean / k and
  // mean(log x) = log(mean) − s, is ½ log k − log √(2π) − δ(k) − (k − 1) s − log(mean), where
  // δ(k) = log Γ(k + 1) − (k + ½) log k + k − log √(2π) (Loader's Stirling error) keeps k log k − k − log Γ(k)
  // from cancelling for large k.
  const logLikelihood =
    n *
    (0.5 * Math.log(shape) -
      LOG_SQRT_2PI -
      stirlingError(shape) -
      (shape - 1) * s -
      Math.log(mean));
  const goodnessOfFit = ksTest(sortedCopy(v), (x) => distribution.cdf(x));
  return freezeResult(distribution, { shape, scale }, logLikelihood, n, 2, goodnessOfFit);
}

// ---------------------------------------------------------------------------------------------------
// Beta

/**
 * What the beta likelihood needs from the data, centred on the sample mean so that tightly clustered
 * data keep their digits: with m the mean (a double) and 1 − m = mBar + r exactly (mBar a double, r
 * its rounding error), u1 = mean(log(x / m)) and u2 = mean(log((1 − x) / mBar)). The plain sums
 * mean(log x) = log m + u1 and mean(log(1 − x)) = log mBar + u2 hold the same information, but for
 * data within ±ε of their mean the shapes (of order 1/ε²) live in digits those sums do not have.
 * @internal
 */
export interface BetaStatistics {
  /** The reference point, the sample mean. */
  readonly m: number;
  /** 1 − m rounded to a double. */
  readonly mBar: number;
  /** (1 − m) − mBar, exactly. */
  readonly r: number;
  /** mean(log(x / m)). */
  readonly u1: number;
  /** mean(log((1 − x) / mBar)). */
  readonly u2: number;
}

/**
 * The bisection point of a bracket [lo, hi] for δ: the midpoint where the fitted means p = m + δ at
 * the two ends are within a factor 2 of each other (and so are 1 − p), else the midpoint in
 * logit(p), so that a root at p = 1e-200 is reached in tens of steps, not hundreds. An end at the
 * boundary (p = 0 or 1) counts as a factor e^20 beyond the other end.
 */
function betaMeanMidpoint(st: BetaStatistics, lo: number, hi: number): number {
  const { m, mBar, r } = st;
  const pLo = m + lo;
  const pHi = m + hi;
  const qLo = mBar + (r - lo);
  const qHi = mBar + (r - hi);
  const middle = lo / 2 + hi / 2;
  if (pHi <= 2 * pLo && qLo <= 2 * qHi) return middle;
  let yLo = pLo > 0 ? Math.log(pLo / qLo) : Number.NaN;
  let yHi = qHi > 0 ? Math.log(pHi / qHi) : Number.NaN;
  if (Number.isNaN(yLo) && Number.isNaN(yHi)) return middle;
  if (Number.isNaN(yLo)) yLo = yHi - 20;
  if (Number.isNaN(yHi)) yHi = yLo + 20;
  const y = yLo / 2 + yHi / 2;
  // δ = p − m, or (1 − m) − q where p is near 1 and q = 1 − p carries the digits.
  const next = y <= 0 ? 1 / (1 + Math.exp(-y)) - m : mBar + r - 1 / (1 + Math.exp(y));
  return next > lo && next < hi ? next : middle;
}

/**
 * For a fixed total t = α + β, the δ with α = (m + δ) t, β = (1 − m − δ) t that maximises the
 * likelihood: the root of F(δ) = [ψ(α) − ψ(t) − log m − u1] − [ψ(β) − ψ(t) − log mBar − u2], which
 * increases in δ from −∞ at δ = −m to +∞ at δ = 1 − m. ψ(α) − ψ(t) − log m is
 * log1p(δ/m) − (log α − ψ(α)) + (log t − ψ(t)), so no term cancels however large t is. Newton's
 * method from `start`, with bisection ({@link betaMeanMidpoint}) whenever a step leaves the bracket or
 * does not halve the step before last.
 */
function betaMeanOffset(
  st: BetaStatistics,
  t: number,
  start: number,
  maxIterations: number,
): number {
  const { m, mBar, r, u1, u2 } = st;
  let lo = -m;
  let hi = mBar + r;
  let d = start > lo && start < hi ? start : 0;
  const target = u1 - u2;
  let step = Number.POSITIVE_INFINITY;
  let stepBefore = Number.POSITIVE_INFINITY;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const a = (m + d) * t;
    const b = (mBar + (r - d)) * t;
    const p = Math.log1p(d / m);
    const q = Math.log1p((r - d) / mBar);
    const ga = logMinusDigamma(a);
    const gb = logMinusDigamma(b);
    const f = p - ga - q + gb - target;
    if (f === 0) return d;
    if (f > 0) hi = d;
    else lo = d;
    const df = t * (trigamma(a) + trigamma(b));
    let next = d - f / df;
    // Converged once the Newton step is below what rounding leaves of f (a few units in the last place
    // of its largest term) or of δ itself. (A shape so small that ψ′ overflows gives df = ∞ and a
    // step of 0 that means nothing: bisection then.)
    const floor = Math.max(
      (8 * EPSILON * (Math.abs(p) + ga + Math.abs(q) + gb + Math.abs(target))) / df,
      2 * EPSILON * Math.abs(d),
    );
    const newton = df < Number.POSITIVE_INFINITY;
    if (newton && Math.abs(next - d) <= floor) return next;
    // Bisection when Newton leaves the bracket or does not at least halve the step before last.
    if (!newton || !(next > lo && next < hi) || Math.abs(next - d) > 0.5 * stepBefore) {
      next = betaMeanMidpoint(st, lo, hi);
    }
    stepBefore = step;
    step = Math.abs(next - d);
    if (hi - lo <= floor) return next;
    d = next;
  }
  throw notConverged(
    'fit.beta',
    "Newton's method for the mean of the fitted beta",
    maxIterations,
    `alpha + beta = ${t}`,
  );
}

/**
 * The beta shapes that maximise the likelihood, by two nested one-dimensional solves that cannot fail
 * to converge: for each total t = α + β the best split ({@link betaMeanOffset}), and the t where the
 * profile log-likelihood peaks. The log-likelihood is strictly concave in (α, β) (an exponential
 * family in its natural parameters), so its profile along t is concave, and its slope, ∂ℓ/∂β at the
 * best split, ψ(t) − ψ(β) + mean(log(1 − x)), decreases in t. Its root is found by Newton's method in
 * log t from the method-of-moments `t0`: while the root is not bracketed a step is at most a factor
 * that doubles each time (e^2, e^4, …), and at least that when Newton keeps taking long steps the same
 * way (a slope decaying like 1/t); once it is, a step that leaves the bracket or does not
 * halve the step before last is replaced by bisection in log t (as Numerical Recipes' `rtsafe`). Each
 * solve stops when its Newton step is below the rounding floor of its equation; the outer one throws
 * when t would leave [1e-300, 1e300].
 * @param st - the centred statistics
 * @param t0 - starting α + β, > 0
 * @param maxIterations - iteration limit of each solve (tests lower it to reach the error)
 * @internal
 */
export function solveBetaShapes(
  st: BetaStatistics,
  t0: number,
  maxIterations = 200,
): { alpha: number; beta: number; offset: number; total: number } {
  const { m, mBar, r, u2 } = st;
  let t = t0;
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  let reach = 2; // largest |step| in log t while the root is not bracketed on that side
  let previousMove = 0;
  let step = Number.POSITIVE_INFINITY;
  let stepBefore = Number.POSITIVE_INFINITY;
  let d = 0;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (!(t > 1e-300 && t < 1e300)) break;
    d = betaMeanOffset(st, t, d, maxIterations);
    const a = (m + d) * t;
    const b = (mBar + (r - d)) * t;
    const q = Math.log1p((r - d) / mBar);
    const gb = logMinusDigamma(b);
    const gt = logMinusDigamma(t);
    // Slope of the profile: u2 − H with H = ψ(β) − ψ(t) − log mBar; decreasing in t.
    const slope = u2 - (q - gb + gt);
    if (slope === 0) return { alpha: a, beta: b, offset: d, total: t };
    if (slope > 0) lo = t;
    else hi = t;
    // t dH/dt through δ(t): with ρ(x) = ψ′(x) − 1/x, ∂H/∂t = ρ(β) β/t − ρ(t), ∂H/∂δ = −t ψ′(β) and
    // dδ/dt = −(ρ(α) α − ρ(β) β) / (t² (ψ′(α) + ψ′(β))), so
    // t dH/dt = ρ(β) β − t ρ(t) + ψ′(β) (ρ(α) α − ρ(β) β) / (ψ′(α) + ψ′(β)), free of t² (which can
    // overflow). Newton in log t: log t += slope / (t dH/dt). A derivative that is not finite (a shape
    // so small that ψ′ overflows) leaves the step to bisection.
    const rhoA = trigammaMinusReciprocal(a);
    const rhoB = trigammaMinusReciprocal(b);
    const triB = trigamma(b);
    const tdH =
      rhoB * b -
      t * trigammaMinusReciprocal(t) +
      (triB * (rhoA * a - rhoB * b)) / (trigamma(a) + triB);
    let move = slope / tdH;
    const noise = (8 * EPSILON * (Math.abs(u2) + Math.abs(q) + gb + gt)) / Math.abs(tdH);
    const floor = Number.isNaN(noise) ? 2 * EPSILON : Math.max(noise, 2 * EPSILON);
    // (A derivative that underflows or overflows gives no usable step: no convergence test then.)
    if (Number.isFinite(move) && Math.abs(move) <= floor) {
      const total = t * Math.exp(move);
      const offset = betaMeanOffset(st, total, d, maxIterations);
      return { alpha: (m + offset) * total, beta: (mBar + (r - offset)) * total, offset, total };
    }
    const bracketed = lo > 0 && hi < Number.POSITIVE_INFINITY;
    if (bracketed) {
      const next = t * Math.exp(move);
      if (!(next > lo && next < hi) || Math.abs(move) > 0.5 * stepBefore) {
        move = 0.5 * (Math.log(lo) + Math.log(hi)) - Math.log(t);
      }
    } else if (!(Math.abs(move) <= reach) || move > 0 !== slope > 0) {
      move = slope > 0 ? reach : -reach;
      reach *= 2;
    } else if (
      Math.abs(move) > 0.5 &&
      Math.abs(previousMove) > 0.5 &&
      move > 0 === previousMove > 0
    ) {
      // Far from the root and not getting closer fast (where the slope decays like 1/t, Newton in
      // log t advances by about 1 per step): stride by a growing factor until the root is bracketed.
      move = slope > 0 ? Math.max(move, reach) : Math.min(move, -reach);
      reach *= 2;
    }
    previousMove = move;
    stepBefore = step;
    step = Math.abs(move);
    if (bracketed && Math.log(hi) - Math.log(lo) <= floor) {
      const total = Math.sqrt(lo) * Math.sqrt(hi);
      const offset = betaMeanOffset(st, total, d, maxIterations);
      return { alpha: (m + offset) * total, beta: (mBar + (r - offset)) * total, offset, total };
    }
    t *= Math.exp(move);
  }
  if (!(t > 1e-300 && t < 1e300)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `fit.beta: the fitted alpha + beta would ${t >= 1e300 ? 'pass 1e300' : 'fall below 1e-300'}, beyond what a double holds: the data crowd 0 or 1 too closely for a beta fit (for values near 0, fit.gamma is the limiting model)`,
      { parameter: 'data', value: t },
    );
  }
  throw notConverged(
    'fit.beta',
    "Newton's method for alpha + beta",
    maxIterations,
    `last alpha + beta = ${t}`,
  );
}

/**
 * Fits a beta distribution on [0, 1] by maximum likelihood, as
 * `scipy.stats.beta.fit(data, floc=0, fscale=1)`: the shapes solve ψ(α) − ψ(α + β) = mean(log x) and
 * ψ(β) − ψ(α + β) = mean(log(1 − x)), found by nested one-dimensional Newton iterations (over α + β,
 * and over the mean α / (α + β) for each α + β) from the method of moments, on statistics centred at
 * the sample mean so that tightly clustered data keep their accuracy. The goodness of fit is a
 * Kolmogorov–Smirnov test, with an optimistic p-value (see {@link KolmogorovSmirnovTest}).
 *
 * @param data - at least two distinct values, all strictly between 0 and 1 (a value of exactly 0 or 1
 * has zero likelihood for some shapes and infinite for others, so no MLE exists)
 * @returns the fit; see {@link BetaFit}
 * @throws {@link SalvoError} `EMPTY_DATA` for no data; `INVALID_PARAMETER` naming `data[i]` for a value
 * that is not a finite number in (0, 1), or naming `data` when all values are equal, when they are so
 * concentrated that both shapes would pass 1e16, or when α + β would leave [1e-300, 1e300] (values
 * crowded within about 1e-300 of 0 or 1)
 *
 * @example
 * ```ts
 * import { fit } from 'salvo';
 * const shareDelayed = [0.12, 0.31, 0.25, 0.08, 0.4, 0.19, 0.22];
 * const r = fit.beta(shareDelayed);
 * r.params.alpha;        // => 3.5127208781718218
 * r.params.beta;         // => 12.178033094197518
 * r.distribution.mean;   // => 0.22387202580306553
 * ```
 */
function fitBeta(data: SampleValues): BetaFit {
  const where = 'fit.beta';
  const v = readData(where, data, 'unit');
  const n = v.length;
  const moment = moments(v);
  if (moment.min === moment.max) throw degenerate(where, n, moment.min, 'the shapes', '');
  const m = moment.mean;
  const mBar = 1 - m;
  const r = 1 - mBar - m; // exact: 1 − mBar is (Sterbenz), and so is its difference from m
  const logM = Math.log(m);
  const logMBar = Math.log(mBar);
  // u1 = mean(log(x / m)) = mean(d1) + mean(log1p(d1) − d1) with d1 = (x − m) / m, and likewise
  // u2 = mean(log((1 − x) / mBar)) with d2 = (1 − x − mBar) / mBar = (r − (x − m)) / mBar. For data
  // within ±ε of their mean, u1 and u2 are of order ε², the first-order parts mean(d1) and mean(d2) only
  // carry the rounding of m, and the rounding of each dᵢ (of order ε · 1e-16) would swamp the ε² signal
  // if the log1p(dᵢ) were summed. So the first-order parts come from the exact sum S = Σ(x − m) (each
  // x − m is exact near m), and the second-order parts log1p(d) − d from log1pmx, accurate to the last
  // digit; terms with |d| > ½ use logarithms instead.
  let sDiff = 0;
  let cDiff = 0;
  let relativeSquares = 0;
  let s1 = 0;
  let c1 = 0;
  let s2 = 0;
  let c2 = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    const diff = x - m;
    const d1 = diff / m;
    relativeSquares += d1 * d1;
    let e1: number;
    if (d1 >= -0.5 && d1 <= 0.5) {
      e1 = log1pmx(d1);
    } else {
      const ratio = x / m;
      e1 = (ratio > 1e-300 ? Math.log(ratio) : Math.log(x) - logM) - d1;
    }
    const d2 = (r - diff) / mBar;
    const e2 = d2 >= -0.5 && d2 <= 0.5 ? log1pmx(d2) : Math.log1p(-x) - logMBar - d2;
    let t = sDiff + diff;
    let bp = t - sDiff;
    cDiff += sDiff - (t - bp) + (diff - bp);
    sDiff = t;
    t = s1 + e1;
    bp = t - s1;
    c1 += s1 - (t - bp) + (e1 - bp);
    s1 = t;
    t = s2 + e2;
    bp = t - s2;
    c2 += s2 - (t - bp) + (e2 - bp);
    s2 = t;
  }
  const meanDiff = (sDiff + cDiff) / n;
  const st: BetaStatistics = {
    m,
    mBar,
    r,
    u1: meanDiff / m + (s1 + c1) / n,
    u2: (r - meanDiff) / mBar + (s2 + c2) / n,
  };
  // Method of moments: α + β = mean (1 − mean) / variance − 1 (variance dividing by n, as scipy),
  // from the relative variance mean(d1²) = variance / m², which does not underflow for tiny values.
  const common = mBar / (m * (relativeSquares / n)) - 1;
  const t0 = common > 1e-300 && common < 1e300 ? common : 1;
  const { alpha, beta: betaShape, offset, total } = solveBetaShapes(st, t0);
  if (!(alpha > 0 && betaShape > 0 && alpha + betaShape < Number.POSITIVE_INFINITY)) {
    // Not seen in testing: a last guard so that a failed solve never reaches the beta factory.
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: the fitted shapes came out as alpha = ${show(alpha)}, beta = ${show(betaShape)}; the data are too extreme for this family`,
      { parameter: 'data', value: alpha },
    );
  }
  if (Math.min(alpha, betaShape) > MAX_CONCENTRATION) {
    const spread = Math.sqrt(moment.ss / n) * moment.scale;
    throw tooConcentrated(
      where,
      'the smaller fitted shape',
      Math.min(alpha, betaShape),
      spread / Math.min(m, mBar),
    );
  }
  const distribution = beta(alpha, betaShape);
  // log L / n = (α − 1) mean(log x) + (β − 1) mean(log(1 − x)) − log B(α, β), with log B in Stirling
  // form (δ = Loader's Stirling error): α(u1 − log1p(δ/m)) + β(u2 − log1p((r − δ)/mBar))
  // − mean(log x) − mean(log(1 − x)) + ½ log(αβ / t) − log √(2π) − δ(α) − δ(β) + δ(t), whose terms
  // stay of order 1 (or log t) for concentrated data, where the plain form cancels.
  const l1 = logM + st.u1;
  const l2 = logMBar + st.u2;
  const logLikelihood =
    n *
    (alpha * (st.u1 - Math.log1p(offset / m)) +
      betaShape * (st.u2 - Math.log1p((r - offset) / mBar)) -
      l1 -
      l2 +
      0.5 * Math.log((alpha * betaShape) / total) -
      LOG_SQRT_2PI -
      stirlingError(alpha) -
      stirlingError(betaShape) +
      stirlingError(total));
  const goodnessOfFit = ksTest(sortedCopy(v), (x) => distribution.cdf(x));
  return freezeResult(distribution, { alpha, beta: betaShape }, logLikelihood, n, 2, goodnessOfFit);
}

// ---------------------------------------------------------------------------------------------------
// Poisson

/** The distinct values of non-negative integer data, ascending, with their counts. */
function tally(
  v: Float64Array,
  lo: number,
  hi: number,
): { values: Float64Array; counts: Float64Array } {
  const n = v.length;
  const range = hi - lo + 1;
  if (range <= n + 65_536) {
    // Counting array over [lo, hi]: one pass, no sort.
    const byValue = new Float64Array(range);
    for (let i = 0; i < n; i++) byValue[v[i] - lo]++;
    let distinct = 0;
    for (let j = 0; j < range; j++) if (byValue[j] > 0) distinct++;
    const values = new Float64Array(distinct);
    const counts = new Float64Array(distinct);
    let w = 0;
    for (let j = 0; j < range; j++) {
      if (byValue[j] > 0) {
        values[w] = lo + j;
        counts[w] = byValue[j];
        w++;
      }
    }
    return { values, counts };
  }
  // Sparse values spread over a huge range: sort a copy and count runs.
  const sorted = sortedCopy(v);
  let distinct = 1;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  const values = new Float64Array(distinct);
  const counts = new Float64Array(distinct);
  let w = 0;
  values[0] = sorted[0];
  counts[0] = 1;
  for (let i = 1; i < n; i++) {
    if (sorted[i] !== sorted[i - 1]) {
      w++;
      values[w] = sorted[i];
    }
    counts[w]++;
  }
  return { values, counts };
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
function poissonChiSquare(
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

/**
 * Fits a Poisson distribution by maximum likelihood: λ is the sample mean. The goodness of fit is a
 * chi-square test on cells pooled until each expects at least 5 counts, with one degree of freedom
 * taken for λ (see {@link ChiSquareTest}). Data that are all equal fit fine (λ is that value).
 *
 * @param data - counts: non-negative integers
 * @returns the fit; see {@link PoissonFit}
 * @throws {@link SalvoError} `EMPTY_DATA` for no data; `INVALID_PARAMETER` naming `data[i]` for a value
 * that is not a non-negative integer, or naming `data` when the counts are so large that their sum
 * overflows
 *
 * @example
 * ```ts
 * import { fit } from 'salvo';
 * const arrivalsPerDay = [0, 1, 1, 2, 2, 2, 3, 3, 4, 1, 2, 0, 5, 2, 1, 3, 2, 1, 2, 6];
 * const r = fit.poisson(arrivalsPerDay);
 * r.params.lambda;               // => 2.15
 * r.logLikelihood;               // => -34.856988244742304
 * r.goodnessOfFit.dof;           // => 1
 * r.goodnessOfFit.pValue;        // => 0.3946972318215528
 * ```
 */
function fitPoisson(data: SampleValues): PoissonFit {
  const where = 'fit.poisson';
  const v = readData(where, data, 'count');
  const n = v.length;
  let sum = 0;
  let comp = 0;
  let lo = v[0];
  let hi = v[0];
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x < lo) lo = x;
    if (x > hi) hi = x;
    const t = sum + x;
    const bp = t - sum;
    comp += sum - (t - bp) + (x - bp);
    sum = t;
  }
  let lambda = (sum + comp) / n;
  if (!Number.isFinite(lambda)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: the sum of data overflows (values up to ${show(hi)}), so lambda cannot be fitted`,
      { parameter: 'data', value: hi },
    );
  }
  // The compensated mean lies in [lo, hi] up to its last bit; clamp so that it always does.
  lambda = Math.min(hi, Math.max(lo, lambda));
  const distribution = poisson(lambda);
  const { values, counts } = tally(v, lo, hi);
  let logLikelihood = 0;
  for (let j = 0; j < values.length; j++)
    logLikelihood += counts[j] * logPoissonPmfExact(values[j], lambda);
  const goodnessOfFit = poissonChiSquare(n, lambda, values, counts, distribution);
  return freezeResult(distribution, { lambda }, logLikelihood, n, 1, goodnessOfFit);
}

// ---------------------------------------------------------------------------------------------------
// The namespace

/**
 * Maximum-likelihood fits of distribution families to data. Each function takes a `Float64Array` or an
 * array of numbers and returns a {@link FitResult}: the fitted salvo `distribution` (ready to sample),
 * its `params` under the factory's own names, the `logLikelihood`, `n`, the `aic`, and a goodness-of-fit
 * test (Kolmogorov–Smirnov for the continuous families, chi-square for the Poisson family).
 *
 * - `fit.normal(data)` → `{ mean, sd }` (sd divides by n, as scipy's `norm.fit`): {@link NormalFit}
 * - `fit.lognormal(data)` → `{ mu, sigma }` of log x, data > 0: {@link LognormalFit}
 * - `fit.gamma(data)` → `{ shape, scale }`, data > 0: {@link GammaFit}
 * - `fit.beta(data)` → `{ alpha, beta }`, data in (0, 1): {@link BetaFit}
 * - `fit.poisson(data)` → `{ lambda }`, non-negative integers: {@link PoissonFit}
 *
 * The estimates agree with scipy's `fit` (with `floc=0` for lognormal and gamma, and `floc=0, fscale=1`
 * for beta). Every function checks all values before doing any work: no data gives `EMPTY_DATA`, and a
 * value that is not finite or lies outside the family's support gives `INVALID_PARAMETER` naming it
 * (`data[17]`); data without spread (all values equal) cannot be fitted by the continuous families and
 * give `INVALID_PARAMETER` naming `data`. A million values take well under a second (one sort, for
 * the Kolmogorov–Smirnov test, dominates). The p-values treat the estimated parameters as known, which
 * makes them optimistic (see {@link KolmogorovSmirnovTest}).
 *
 * @example
 * ```ts
 * import { createRng, fit, gamma } from 'salvo';
 * const repairDays = [2.3, 0.9, 4.1, 1.7, 3.0, 2.2, 5.6, 1.1];
 * const r = fit.gamma(repairDays);
 * r.params;               // => { shape: 3.214806761663952, scale: 0.8126460449049807 }
 * r.aic;                  // => 30.933846846788718
 * fit.normal(repairDays).aic; // => 33.01465169857511 (the gamma fits better)
 * r.distribution.sample(1_000, createRng('fit')); // => Float64Array(1000) from the fitted gamma
 *
 * // Recovering known parameters from a large sample:
 * const draws = gamma(2, 3).sample(100_000, createRng(7));
 * fit.gamma(draws).params; // => { shape: 2.0019620656186783, scale: 2.9987392068779712 }
 * // (asymptotic standard errors 0.0083 and 0.014)
 * ```
 * @namespace
 */
export const fit = Object.freeze({
  /**
   * Normal fit: the mean and the sd dividing by n (scipy's `norm.fit`), with a KS test.
   * @example
   * ```ts
   * import { fit } from 'salvo';
   * fit.normal([1, 2, 3, 4]).params; // => { mean: 2.5, sd: 1.118033988749895 }
   * ```
   */
  normal: fitNormal,
  /**
   * Lognormal fit: mean and sd (dividing by n) of log x; data must be positive.
   * @example
   * ```ts
   * import { fit } from 'salvo';
   * fit.lognormal([1, Math.E, Math.E ** 2]).params.mu; // => 1
   * ```
   */
  lognormal: fitLognormal,
  /**
   * Gamma fit by Newton's method on log(mean) − mean(log x) (shape), scale = mean / shape; data > 0.
   * @example
   * ```ts
   * import { fit } from 'salvo';
   * fit.gamma([2.3, 0.9, 4.1, 1.7, 3.0, 2.2, 5.6, 1.1]).params.shape; // => 3.214806761663952
   * ```
   */
  gamma: fitGamma,
  /**
   * Beta fit by maximum likelihood on the digamma equations; data strictly inside (0, 1).
   * @example
   * ```ts
   * import { fit } from 'salvo';
   * fit.beta([0.2, 0.35, 0.4, 0.5, 0.55, 0.7]).params; // => { alpha: 4.125280900534826, beta: 5.054920415311554 }
   * ```
   */
  beta: fitBeta,
  /**
   * Poisson fit: λ is the mean; goodness of fit by a chi-square test on pooled cells.
   * @example
   * ```ts
   * import { fit } from 'salvo';
   * fit.poisson([0, 1, 1, 2, 3]).params.lambda; // => 1.4
   * ```
   */
  poisson: fitPoisson,
});
