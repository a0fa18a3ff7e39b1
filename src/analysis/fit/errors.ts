/**
 * The errors that refuse data a family cannot fit: data without spread (no finite maximum-likelihood
 * estimate), data so concentrated that the gamma shape or the smaller beta shape would exceed 1e16 (a
 * coefficient of variation below about 1e-8), refused with a clear error rather than fitted, and an
 * iteration that did not converge.
 * @module
 */
import { SalvoError } from '../../errors.js';
import { show } from '../../validate.js';

/** The error for data without spread, where the scale (or shape) parameter has no finite MLE. */
export function degenerate(
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
export function notConverged(
  where: string,
  what: string,
  iterations: number,
  detail: string,
): SalvoError {
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
export const MAX_CONCENTRATION = 1e16;

/** The error for data whose fitted shape would exceed {@link MAX_CONCENTRATION}. */
export function tooConcentrated(
  where: string,
  what: string,
  value: number,
  cv: number,
): SalvoError {
  return new SalvoError(
    'INVALID_PARAMETER',
    `${where}: data vary by only about ${cv.toPrecision(2)} of their mean (coefficient of variation), so ${what} (${show(value)}) exceeds 1e16, the largest this fit returns; treat the quantity as a constant, or fit a normal distribution`,
    { parameter: 'data', value },
  );
}
