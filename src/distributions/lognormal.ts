/**
 * Lognormal distribution: X = exp(mu + sigma Z) with Z standard normal, parameterised like numpy's
 * `lognormal(mean, sigma)` and scipy's `lognorm(s = sigma, scale = exp(mu))` by the mean and standard
 * deviation of log X.
 *
 * Sampling: exp of the normal ziggurat (G. Marsaglia and W. W. Tsang, "The Ziggurat Method for
 * Generating Random Variables", Journal of Statistical Software 5(8), 2000, see `normal.ts`).
 * CDF and quantile through Cody's ANORM and Wichura's AS 241 (see `src/special/normal.ts`).
 * @module
 */
import { SalvoError } from '../errors.js';
import type { Rng } from '../rng/types.js';
import { fastExp } from '../special/exp.js';
import { normalCdf, normalQuantile } from '../special/normal.js';
import { invalidParameter, requireFinite, requirePositive, show } from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import {
  CI_OPTION_NAMES,
  type CiOptions,
  ciHalfWidthZ,
  fillStandardNormalQuantiles,
  standardNormal,
} from './normal.js';
import type { ContinuousDistribution } from './types.js';
import { givenOptions, written } from './written.js';

// Local copy of 1 / √(2π) for the density.
const ONE_OVER_SQRT_TWO_PI = 0.3989422804014327;

class Lognormal extends BaseDistribution implements ContinuousDistribution {
  readonly family = 'lognormal';
  readonly kind = 'continuous';
  readonly params: Readonly<{ mu: number; sigma: number }>;
  readonly mean: number;
  readonly variance: number;
  readonly min = 0;
  readonly max = Infinity;
  private readonly mu: number;
  private readonly sigma: number;

  constructor(mu: number, sigma: number) {
    super();
    this.params = Object.freeze({ mu, sigma });
    this.mu = mu;
    this.sigma = sigma;
    const s2 = sigma * sigma;
    this.mean = Math.exp(mu + s2 / 2);
    // (exp(s2) - 1) exp(2 mu + s2), with expm1 so that a small sigma keeps its digits.
    this.variance = Math.expm1(s2) * Math.exp(2 * mu + s2);
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    const mu = this.mu;
    const sigma = this.sigma;
    const n = out.length;
    for (let j = 0; j < n; j++) out[j] = fastExp(mu + sigma * standardNormal(rng));
  }

  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    const mu = this.mu;
    const sigma = this.sigma;
    fillStandardNormalQuantiles(uniforms, out);
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = fastExp(mu + sigma * out[i]);
  }

  protected cdfUnchecked(x: number): number {
    return x <= 0 ? 0 : normalCdf((Math.log(x) - this.mu) / this.sigma);
  }

  protected quantileUnchecked(p: number): number {
    return Math.exp(this.mu + this.sigma * normalQuantile(p));
  }

  pdf(x: number): number {
    requireAbscissa(this.family, 'pdf', x);
    if (x <= 0 || x === Infinity) return 0;
    const z = (Math.log(x) - this.mu) / this.sigma;
    return (ONE_OVER_SQRT_TWO_PI / (this.sigma * x)) * Math.exp(-0.5 * z * z);
  }
}

/**
 * The lognormal distribution: a positive quantity whose logarithm is normal with mean `mu` and standard
 * deviation `sigma`. Its median is `exp(mu)`, its mean `exp(mu + sigma^2 / 2)`. The natural choice for
 * quantities that are positive, skewed to the right and uncertain by a factor rather than by an amount
 * (prices, counts of goods, durations); {@link lognormal.ci} builds one from a credible interval.
 *
 * @param mu - mean of log X, finite (`exp(mu)` is the median, in the quantity's own unit)
 * @param sigma - standard deviation of log X, finite and > 0 (unitless; `exp(sigma)` is the
 * multiplicative spread)
 * Parameters whose samples would overflow to Infinity other than in draws rarer than 1e-17
 * (`mu + 8.5 sigma > 709.78`, the log of the largest double) are refused.
 *
 * So are spreads finer than the doubles near the median resolve, `sigma < 2^-40 · max(1, |mu|)`.
 *
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `mu` is not finite, `sigma` is not a finite
 * number > 0, `sigma < 2^-40 · max(1, |mu|)`, or `mu + 8.5 sigma > 709.78`
 *
 * @example
 * ```ts
 * import { createRng, lognormal } from 'salvo';
 * const priceUsd = lognormal(Math.log(1000), 0.5); // median $1,000
 * priceUsd.quantile(0.5);                           // => 999.9999999999998
 * priceUsd.mean;                                    // => 1133.148453066826
 * priceUsd.sample(3, createRng('doc'));             // => Float64Array(3) of positive values
 * ```
 */
export function lognormal(mu: number, sigma: number): ContinuousDistribution {
  requireFinite('lognormal', 'mu', mu);
  requirePositive('lognormal', 'sigma', sigma);
  if (sigma < 2 ** -40 * Math.max(1, Math.abs(mu))) {
    throw invalidParameter(
      'lognormal',
      'sigma',
      `sigma = ${show(sigma)} is below 2^-40 · max(1, |mu|) (mu = ${show(mu)}): the doubles near ` +
        'exp(mu) are too coarse to resolve that spread, so samples, cdf and quantile would disagree',
      sigma,
    );
  }
  if (mu + LOGNORMAL_Z_BOUND * sigma > LOG_MAX_VALUE) {
    throw invalidParameter(
      'lognormal',
      'sigma',
      `mu + 8.5 sigma must stay below log(Number.MAX_VALUE) = 709.78, got mu = ${show(mu)}, ` +
        `sigma = ${show(sigma)}: exp(mu + sigma z) would overflow to Infinity for draws that are not ` +
        'rare (z < 8.5); rescale the quantity (another unit) or narrow sigma',
      sigma,
    );
  }
  return written(Object.freeze(new Lognormal(mu, sigma)), 'lognormal', [mu, sigma]);
}

/** log(Number.MAX_VALUE): exp of anything larger is Infinity. */
const LOG_MAX_VALUE = Math.log(Number.MAX_VALUE);
/** Normal deviates beyond this have probability below 1e-17 (Φ(−8.5) ≈ 9.5e-18). */
const LOGNORMAL_Z_BOUND = 8.5;

/** Throws unless a lognormal.ci bound is a finite number > 0, pointing to normal.ci otherwise. */
function requirePositiveBound(name: 'lo' | 'hi', value: unknown): number {
  requireFinite('lognormal.ci', name, value);
  if ((value as number) <= 0) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `lognormal.ci: ${name} must be > 0 (a lognormal quantity is always positive), got ${show(value)}; ` +
        'for a range that includes zero or negative values use normal.ci(lo, hi)',
      { parameter: name, value },
    );
  }
  return value as number;
}

/**
 * The lognormal distribution whose central credible interval at `level` is [lo, hi]: log X is normal
 * with mean `(ln lo + ln hi) / 2` and standard deviation `(ln hi - ln lo) / (2 z)`, where
 * z = Φ⁻¹((1 + level) / 2) (1.6448536269514722 for the default 90%). The median is the geometric mean
 * `sqrt(lo * hi)`; the mean lies above it.
 *
 * @param lo - lower bound, finite and > 0: the `(1 - level) / 2` quantile
 * @param hi - upper bound, finite, greater than `lo`: the `(1 + level) / 2` quantile
 * @param options - `level`, the probability of lying in [lo, hi], strictly between 0 and 1 (default 0.9)
 * @throws {@link SalvoError} `INVALID_PARAMETER` when a bound is not finite or not > 0 (the message
 * names the bound and points to {@link normal.ci}), when `lo >= hi`, when `level` is outside (0, 1), or
 * when the level is so small (`ci(2, 80, { level: 1e-10 })`) or the bounds so far apart that the
 * lognormal would sample 0 and Infinity (`mu + 8.5 sigma > 709.78`, parameter `level`)
 *
 * @example
 * ```ts
 * import { lognormal } from 'salvo';
 * const shellsPerContainer = lognormal.ci(300, 600); // 90% sure: between 300 and 600
 * shellsPerContainer.quantile(0.05);                 // => 299.99999999999994
 * shellsPerContainer.quantile(0.5);                  // => 424.2640687119285
 * shellsPerContainer.params.sigma;                   // => 0.21070178197089964
 * ```
 */
lognormal.ci = function ci(
  lo: number,
  hi: number,
  options: CiOptions = {},
): ContinuousDistribution {
  requirePositiveBound('lo', lo);
  requirePositiveBound('hi', hi);
  if (lo >= hi) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `lognormal.ci: lo must be less than hi, got lo = ${show(lo)}, hi = ${show(hi)}`,
      { parameter: 'lo', value: lo },
    );
  }
  const z = ciHalfWidthZ('lognormal.ci', options);
  const logLo = Math.log(lo);
  const logHi = Math.log(hi);
  const mu = logLo / 2 + logHi / 2;
  const sigma = (logHi - logLo) / (2 * z);
  if (!(sigma > 0) || mu + LOGNORMAL_Z_BOUND * sigma > LOG_MAX_VALUE) {
    const level = (options as { level?: number }).level ?? 0.9;
    throw invalidParameter(
      'lognormal.ci',
      'level',
      `[lo, hi] = [${show(lo)}, ${show(hi)}] at level = ${show(level)} gives a lognormal with mu = ` +
        `${show(mu)}, sigma = ${show(sigma)}, whose samples would be 0 or Infinity (mu + 8.5 sigma must ` +
        'stay below 709.78 and sigma above 0): choose a level nearer 1 or bounds nearer each other',
      level,
    );
  }
  return written(lognormal(mu, sigma), 'lognormal.ci', [
    lo,
    hi,
    givenOptions(options, CI_OPTION_NAMES),
  ]);
};
