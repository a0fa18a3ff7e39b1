/**
 * The degenerate distribution: a point mass at one value. Useful where a model input is known exactly but
 * the API asks for a distribution; it draws no random numbers.
 * @module
 */
import type { Rng } from '../rng/types.js';
import { requireFinite } from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import type { DiscreteDistribution } from './types.js';
import { written } from './written.js';

class Constant extends BaseDistribution implements DiscreteDistribution {
  readonly family = 'constant';
  readonly kind = 'discrete';
  readonly params: Readonly<{ value: number }>;
  readonly mean: number;
  readonly variance = 0;
  readonly min: number;
  readonly max: number;
  private readonly value: number;

  constructor(value: number) {
    super();
    this.params = Object.freeze({ value });
    this.value = value;
    this.mean = value;
    this.min = value;
    this.max = value;
  }

  protected fillUnchecked(out: Float64Array, _rng: Rng): void {
    out.fill(this.value);
  }

  protected override fillFromUniformsUnchecked(_uniforms: Float64Array, out: Float64Array): void {
    out.fill(this.value);
  }

  protected cdfUnchecked(x: number): number {
    return x < this.value ? 0 : 1;
  }

  protected quantileUnchecked(_p: number): number {
    return this.value;
  }

  pmf(x: number): number {
    requireAbscissa(this.family, 'pmf', x);
    return x === this.value ? 1 : 0;
  }
}

/**
 * A point mass at `value`: every sample equals it, the variance is 0, the CDF steps from 0 to 1 at it.
 * It is a discrete distribution (`pmf(value)` is 1) and it consumes no randomness, so a model input can be
 * switched between uncertain and fixed without shifting the random streams of other inputs.
 *
 * @param value - the value, finite
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `value` is NaN or infinite
 *
 * @example
 * ```ts
 * import { constant, createRng } from 'salvo';
 * const containers = constant(6700);
 * containers.sample(3, createRng('doc')); // => Float64Array(3) [6700, 6700, 6700]
 * containers.cdf(6699.5);                 // => 0
 * containers.quantile(0.25);              // => 6700
 * containers.pmf(6700);                   // => 1
 * ```
 */
export function constant(value: number): DiscreteDistribution {
  requireFinite('constant', 'value', value);
  return written(Object.freeze(new Constant(value)), 'constant', [value]);
}
