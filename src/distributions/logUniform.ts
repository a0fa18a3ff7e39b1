/**
 * Log-uniform (reciprocal) distribution on [min, max]: log X is uniform on [log min, log max], so every
 * order of magnitude in the range is equally likely (scipy's `loguniform(a, b)`, also called
 * `reciprocal`). Sampled by inversion, X = min · exp(u · ln(max / min)) with a 53-bit uniform u.
 * @module
 */
import type { Rng } from '../rng/types.js';
import { fastExp } from '../special/exp.js';
import { requireOrdered, requirePositive } from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import type { ContinuousDistribution } from './types.js';
import { written } from './written.js';

/** ln(max / min) without the cancellation of log(max / min) when the ratio is near 1. */
function logRatio(min: number, max: number): number {
  return max < 2 * min ? Math.log1p((max - min) / min) : Math.log(max) - Math.log(min);
}

/**
 * cosh(t) - sinh(t) / t = Σ_{k>=1} t^(2k) 2k / (2k + 1)!, summed as a series for small t where the
 * difference would cancel.
 */
function coshMinusSinc(t: number): number {
  if (t > 0.5) return Math.cosh(t) - Math.sinh(t) / t;
  const t2 = t * t;
  let term = 1; // t^(2k) / (2k + 1)! for k = 0
  let sum = 0;
  for (let k = 1; k <= 12; k++) {
    term *= t2 / (2 * k * (2 * k + 1));
    sum += 2 * k * term;
  }
  return sum;
}

class LogUniform extends BaseDistribution implements ContinuousDistribution {
  readonly family = 'logUniform';
  readonly kind = 'continuous';
  readonly params: Readonly<{ min: number; max: number }>;
  readonly mean: number;
  readonly variance: number;
  readonly min: number;
  readonly max: number;
  private readonly logMin: number;
  private readonly logWidth: number;

  constructor(min: number, max: number) {
    super();
    this.params = Object.freeze({ min, max });
    this.min = min;
    this.max = max;
    this.logMin = Math.log(min);
    this.logWidth = logRatio(min, max);
    const w = this.logWidth;
    this.mean = (max - min) / w;
    // Var = g² s(t) (cosh t - s(t)) with g = sqrt(min max), t = w / 2, s(t) = sinh(t) / t: no
    // cancellation even when max / min is close to 1.
    const t = w / 2;
    const sinc = Math.sinh(t) / t;
    this.variance = min * max * sinc * coshMinusSinc(t);
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    const min = this.min;
    const max = this.max;
    const logMin = this.logMin;
    const logWidth = this.logWidth;
    const n = out.length;
    for (let i = 0; i < n; i++) {
      // exp may round a hair outside [min, max]; keep the support exact.
      out[i] = Math.min(Math.max(fastExp(logMin + logWidth * rng.nextFloat64()), min), max);
    }
  }

  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    // quantileUnchecked written out (exp of p = 0 and 1 may round off the bounds: clamped).
    const min = this.min;
    const max = this.max;
    const logWidth = this.logWidth;
    const n = uniforms.length;
    for (let i = 0; i < n; i++) {
      const p = uniforms[i];
      out[i] =
        p === 0 ? min : p === 1 ? max : Math.min(Math.max(min * Math.exp(p * logWidth), min), max);
    }
  }

  protected cdfUnchecked(x: number): number {
    if (x <= this.min) return 0;
    if (x >= this.max) return 1;
    return logRatio(this.min, x) / this.logWidth;
  }

  protected quantileUnchecked(p: number): number {
    if (p === 0) return this.min;
    if (p === 1) return this.max;
    return Math.min(Math.max(this.min * Math.exp(p * this.logWidth), this.min), this.max);
  }

  pdf(x: number): number {
    requireAbscissa(this.family, 'pdf', x);
    return x >= this.min && x <= this.max ? 1 / (x * this.logWidth) : 0;
  }
}

/**
 * The log-uniform distribution on [min, max]: the logarithm of the quantity is uniform, so it is as
 * likely to lie between 1 and 10 as between 10 and 100. A common prior for a positive scale known only to
 * within orders of magnitude. Mean `(max - min) / ln(max / min)`.
 *
 * @param min - lower bound, finite and > 0
 * @param max - upper bound, finite, greater than `min`
 * @throws {@link SalvoError} `INVALID_PARAMETER` when a bound is not finite, `min <= 0`, or `min >= max`
 *
 * @example
 * ```ts
 * import { createRng, logUniform } from 'salvo';
 * const failureRatePerYear = logUniform(0.001, 1); // somewhere between 1e-3 and 1, scale unknown
 * failureRatePerYear.quantile(0.5);                // => 0.03162277660168379
 * failureRatePerYear.cdf(0.01);                    // => 0.33333333333333337
 * failureRatePerYear.mean;                         // => 0.14462006247378287
 * failureRatePerYear.sample(3, createRng('doc'));  // => Float64Array(3) of values in [0.001, 1]
 * ```
 */
export function logUniform(min: number, max: number): ContinuousDistribution {
  requirePositive('logUniform', 'min', min);
  requireOrdered('logUniform', 'min', min, 'max', max);
  return written(Object.freeze(new LogUniform(min, max)), 'logUniform', [min, max]);
}
