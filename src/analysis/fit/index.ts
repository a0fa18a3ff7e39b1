/**
 * This folder owns the maximum-likelihood fits of distribution families to data: {@link fit}`.normal`,
 * `.lognormal`, `.gamma`, `.beta` and `.poisson`, each returning the fitted salvo distribution, its
 * parameters, the log-likelihood, AIC and a goodness-of-fit test.
 *
 * This file assembles the `fit` namespace and re-exports the result types. Each family's estimator is
 * in its own file (normal.ts, lognormal.ts, gamma.ts, beta.ts, poisson.ts), with the family's result
 * type; the goodness-of-fit tests are kolmogorovSmirnov.ts (continuous families; Kolmogorov's limiting
 * distribution is in src/special/kolmogorov.ts) and chiSquare.ts (the Poisson family); data.ts reads
 * and checks the data, errors.ts refuses data a family cannot fit, and result.ts builds the frozen
 * {@link FitResult}.
 *
 * Both p-values treat the fitted parameters as if they had been given in advance. They were estimated
 * from the same data, which pulls the fitted distribution towards the sample, so the KS p-value is too
 * large (H. W. Lilliefors, "On the Kolmogorov-Smirnov test for normality with mean and variance
 * unknown", JASA 62, 1967): a small p-value is evidence against the family, a large one is weak
 * evidence for it.
 * @module
 */
import { type BetaFit, fitBeta } from './beta.js';
import { fitGamma, type GammaFit } from './gamma.js';
import { fitLognormal, type LognormalFit } from './lognormal.js';
import { fitNormal, type NormalFit } from './normal.js';
import { fitPoisson, type PoissonFit } from './poisson.js';

export type { ChiSquareCell, ChiSquareTest } from './chiSquare.js';
export type { KolmogorovSmirnovTest } from './kolmogorovSmirnov.js';
export type { FitResult } from './result.js';
export type { BetaFit, GammaFit, LognormalFit, NormalFit, PoissonFit };

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
