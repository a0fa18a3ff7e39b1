/**
 * The normal fit: the sample mean and the *MLE* standard deviation √(Σ(x − x̄)² / n), as
 * `scipy.stats.norm.fit` (not the unbiased n − 1 form, which `sd(data)` gives). Compensated sums
 * (src/samples/moments.ts).
 * @module
 */
import { normal } from '../../distributions/normal.js';
import type { ContinuousDistribution } from '../../distributions/types.js';
import { moments, sdFrom } from '../../samples/moments.js';
import type { SampleValues } from '../../samples/values.js';
import { readData, sortedCopy } from './data.js';
import { degenerate } from './errors.js';
import { type KolmogorovSmirnovTest, ksTest } from './kolmogorovSmirnov.js';
import { type FitResult, freezeResult } from './result.js';

const LOG_2PI = 1.8378770664093456; // log(2π)

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
 * The mean and the MLE standard deviation (dividing by n) of `v`; throws {@link degenerate}'s error,
 * naming `parameter`, when `v` has no spread.
 * @internal
 */
export function fitNormalValues(where: string, v: Float64Array, parameter: string) {
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
export function fitNormal(data: SampleValues): NormalFit {
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
