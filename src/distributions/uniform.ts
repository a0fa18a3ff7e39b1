/**
 * Continuous uniform distribution on [min, max), sampled as `min + (max - min) * u` with 53-bit `u`
 * (numpy's `Generator.uniform(low, high)`; d3's `randomUniform(min, max)`).
 * @module
 */
import type { Rng } from '../rng/types.js';
import { invalidParameter, requireOrdered, show } from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import type { ContinuousDistribution } from './types.js';
import { written } from './written.js';

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
    const max = this.max;
    // Rounding can carry min + width · u past max when max is near 0 against min; clamp.
    for (let i = 0; i < n; i++) out[i] = Math.min(min + width * out[i], max);
  }

  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    const min = this.min;
    const width = this.width;
    const max = this.max;
    const n = uniforms.length;
    for (let i = 0; i < n; i++) out[i] = Math.min(min + width * uniforms[i], max);
  }

  protected cdfUnchecked(x: number): number {
    if (x <= this.min) return 0;
    if (x >= this.max) return 1;
    return (x - this.min) / this.width;
  }

  protected quantileUnchecked(p: number): number {
    // Rounding can carry min + width · p one ulp past max (uniform(-1, 0.1).quantile(1)); clamp.
    return Math.min(this.min + this.width * p, this.max);
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
 * Where rounding would carry `quantile(p)` past `max` (`uniform(-1, 0.1).quantile(1)`), it returns `max`.
 * A range wider than the largest double (`max - min` overflows) is refused: neither its width nor its
 * density can be represented.
 *
 * @throws {@link SalvoError} `INVALID_PARAMETER` when a bound is NaN or infinite, `min >= max`, or
 *   `max - min` overflows
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
  requireRepresentableWidth('uniform', min, max);
  return written(Object.freeze(new Uniform(min, max)), 'uniform', [min, max]);
}

/**
 * Throws unless `max - min` is a finite double: a range wider than the largest double has no
 * representable width or density, and `min + (max - min) · u` would be infinite.
 */
export function requireRepresentableWidth(where: string, min: number, max: number): void {
  if (!Number.isFinite(max - min)) {
    throw invalidParameter(
      where,
      'max',
      `max - min must be a finite number, got min = ${show(min)}, max = ${show(max)}, whose ` +
        'difference overflows the largest double; rescale the quantity (another unit)',
      max,
    );
  }
}
