/**
 * What every fit returns: the {@link FitResult} shape and the frozen result object built from a
 * family's estimates.
 * @module
 */

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
 * The frozen result of a fit, with its AIC 2k − 2 log L computed from `parameterCount` k.
 * @internal
 */
export function freezeResult<P, D, G>(
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
