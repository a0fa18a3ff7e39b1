/**
 * Continuous uniform distribution on [min, max), sampled as `min + (max - min) * u` with 53-bit `u`
 * (numpy's `Generator.uniform(low, high)`; d3's `randomUniform(min, max)`).
 * @module
 */
import type { Rng } from '../rng/types.js';
import { requireOrdered } from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import type { ContinuousDistribution } from './types.js';

class Uniform extends BaseDistribution implements ContinuousDistribution {
  readonly family = 'uniform';
  readonly kind = 'continuous';
  readonly params: Readonly<{ min: number; max: number }>;
  readonly mean: number;
  readonly variance: number;
  readonly min: number;
  readonly max: number;
  private readonly width: number;

  constructor(min: number, max: number) {
    super();
    this.params = Object.freeze({ min, max });
    this.min = min;
    this.max = max;
    this.width = max - min;
    this.mean = min + this.width / 2;
    this.variance = (this.width * this.width) / 12;
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    const min = this.min;
    const width = this.width;
    // fillFloat64 consumes exactly what repeated nextFloat64 calls would, in one tight loop.
    rng.fillFloat64(out);
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = min + width * out[i];
  }

  protected cdfUnchecked(x: number): number {
    if (x <= this.min) return 0;
    if (x >= this.max) return 1;
    return (x - this.min) / this.width;
  }

  protected quantileUnchecked(p: number): number {
    return this.min + this.width * p;
  }

  pdf(x: number): number {
    requireAbscissa(this.family, 'pdf', x);
    return x >= this.min && x <= this.max ? 1 / this.width : 0;
  }
}

/**
 * The continuous uniform distribution on [min, max]: every value in the range equally likely.
 * Mean `(min + max) / 2`, variance `(max - min)^2 / 12`.
 *
 * @param min - lower bound, finite
 * @param max - upper bound, finite, greater than `min`
 * @throws {@link SalvoError} `INVALID_PARAMETER` when a bound is NaN or infinite, or `min >= max`
 *
 * @example
 * ```ts
 * import { createRng, uniform } from 'salvo';
 * const shareCarryingShells = uniform(0.5, 0.9);
 * shareCarryingShells.mean;                        // => 0.7
 * shareCarryingShells.sample(3, createRng('doc')); // => Float64Array(3) of values in [0.5, 0.9)
 * ```
 */
export function uniform(min: number, max: number): ContinuousDistribution {
  requireOrdered('uniform', 'min', min, 'max', max);
  return Object.freeze(new Uniform(min, max));
}
