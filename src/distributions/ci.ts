/**
 * Squiggle-style credible-interval shorthand `ci(lo, hi)` (Squiggle writes `lo to hi`), with one explicit
 * rule: it always means {@link lognormal.ci}, so both bounds must be > 0. Older Squiggle releases and
 * squigglepy's `to` silently switch to a normal when a bound is zero or negative (Squiggle 0.10 refuses
 * `0 to 10` instead); here that case is an error that names the alternative, {@link normal.ci}.
 * @module
 */
import { SalvoError } from '../errors.js';
import { requireFinite, show } from '../validate.js';
import { lognormal } from './lognormal.js';
import { CI_OPTION_NAMES, type CiOptions, ciHalfWidthZ } from './normal.js';
import type { ContinuousDistribution } from './types.js';
import { givenOptions, written } from './written.js';

export type { CiOptions } from './normal.js';

/**
 * A distribution from a credible interval: "I am `level` sure (90% by default) the value lies between `lo`
 * and `hi`". The rule is fixed and documented: `ci(lo, hi)` is {@link lognormal.ci}`(lo, hi)`, a positive,
 * right-skewed quantity whose median is `sqrt(lo * hi)`. It never switches family: when a bound is zero
 * or negative it throws and points to {@link normal.ci}, which you then choose explicitly.
 *
 * @param lo - lower bound, finite and > 0: the `(1 - level) / 2` quantile
 * @param hi - upper bound, finite, greater than `lo`: the `(1 + level) / 2` quantile
 * @param options - `level`, the probability of lying in [lo, hi], strictly between 0 and 1 (default 0.9)
 * @throws {@link SalvoError} `INVALID_PARAMETER` when a bound is NaN or infinite, `lo >= hi`, `level` is
 * outside (0, 1), or the bounds include zero or negative values (use {@link normal.ci} for those)
 *
 * @example
 * ```ts
 * import { ci, normal } from 'salvo';
 * const pricePerShellUsd = ci(400, 2500);  // lognormal.ci(400, 2500)
 * pricePerShellUsd.family;                 // => 'lognormal'
 * pricePerShellUsd.quantile(0.5);          // => 999.9999999999998
 * ci(0, 3e7);                              // throws SalvoError INVALID_PARAMETER: use normal.ci(0, 30000000)
 * normal.ci(0, 3e7).quantile(0.05);        // => 0
 * ```
 */
export function ci(lo: number, hi: number, options: CiOptions = {}): ContinuousDistribution {
  requireFinite('ci', 'lo', lo);
  requireFinite('ci', 'hi', hi);
  if (lo >= hi) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `ci: lo must be less than hi, got lo = ${show(lo)}, hi = ${show(hi)}`,
      { parameter: 'lo', value: lo },
    );
  }
  ciHalfWidthZ('ci', options);
  if (lo <= 0) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `ci: the bounds include zero or negative values (lo = ${show(lo)}, hi = ${show(hi)}), but ` +
        'ci(lo, hi) means lognormal.ci(lo, hi), which needs both bounds > 0. salvo does not switch ' +
        `family silently: for a quantity that can be zero or negative use normal.ci(${show(lo)}, ${show(hi)}), ` +
        'or pick another family explicitly',
      { parameter: 'lo', value: lo },
    );
  }
  return written(lognormal.ci(lo, hi, options), 'ci', [
    lo,
    hi,
    givenOptions(options, CI_OPTION_NAMES),
  ]);
}
