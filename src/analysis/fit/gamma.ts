/**
 * The gamma fit (scipy's `gamma.fit(data, floc=0)`): the shape solves log a − ψ(a) = s with
 * s = log x̄ − mean(log x), by Newton's method on log a inside the bracket 1/(2s) < a < 1/s (from
 * 1/(2a) < log a − ψ(a) < 1/a), started from the approximation of S. C. Choi and R. Wette ("Maximum
 * likelihood estimation of the parameters of the gamma distribution and their bias", Technometrics
 * 11(4), 1969), also used by T. P. Minka ("Estimating a Gamma distribution", 2002) and scipy:
 * a₀ = (3 − s + √((s − 3)² + 24s)) / (12s). It converges in 3–5 steps. s itself is computed as
 * mean(dᵢ − log1p(dᵢ)) + log1pmx(mean(dᵢ)) with dᵢ = (xᵢ − m) / m, m the computed mean, which does
 * not cancel when the data are tightly clustered (large shapes), where log x̄ − mean(log x) loses
 * most of its digits (for values 1 ± 3e-5 this fit keeps the digits scipy's loses:
 * tests/analysis/fit.test.ts; the errors are in docs/performance.md, "Design decisions and their
 * measurements").
 * @module
 */
import { gamma } from '../../distributions/gamma.js';
import type { ContinuousDistribution } from '../../distributions/types.js';
import { SalvoError } from '../../errors.js';
import { location } from '../../samples/moments.js';
import type { SampleValues } from '../../samples/values.js';
import { logMinusDigamma, trigammaMinusReciprocal } from '../../special/digamma.js';
import { log1pmx, stirlingError } from '../../special/gamma.js';
import { show } from '../../validate.js';
import { readData, sortedCopy } from './data.js';
import { degenerate, MAX_CONCENTRATION, notConverged, tooConcentrated } from './errors.js';
import { type KolmogorovSmirnovTest, ksTest } from './kolmogorovSmirnov.js';
import { type FitResult, freezeResult } from './result.js';

const LOG_SQRT_2PI = 0.9189385332046728; // log(√(2π))

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
export function fitGamma(data: SampleValues): GammaFit {
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
