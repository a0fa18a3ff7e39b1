/**
 * The lognormal fit: the normal fit ({@link fitNormalValues}) on log x, as scipy's
 * `lognorm.fit(data, floc=0)`.
 * @module
 */
import { lognormal } from '../../distributions/lognormal.js';
import type { ContinuousDistribution } from '../../distributions/types.js';
import type { SampleValues } from '../../samples/values.js';
import { normalCdf } from '../../special/normal.js';
import { readData } from './data.js';
import { degenerate } from './errors.js';
import { type KolmogorovSmirnovTest, ksTest } from './kolmogorovSmirnov.js';
import { fitNormalValues } from './normal.js';
import { type FitResult, freezeResult } from './result.js';

const LOG_2PI = 1.8378770664093456; // log(2π)

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
export function fitLognormal(data: SampleValues): LognormalFit {
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
