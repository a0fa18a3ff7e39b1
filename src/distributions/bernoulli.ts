/**
 * Bernoulli distribution: 1 with probability p, else 0. A draw is `u < p ? 1 : 0` for one 53-bit uniform
 * u (inversion), so p is honoured to 2^-53 and the draws of two Bernoulli inputs sharing a stream are
 * coupled monotonically in p.
 * @module
 */
import type { Rng } from '../rng/types.js';
import { requireProbability } from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import type { DiscreteDistribution } from './types.js';
import { written } from './written.js';

class Bernoulli extends BaseDistribution implements DiscreteDistribution {
  readonly family = 'bernoulli';
  readonly kind = 'discrete';
  readonly params: Readonly<{ p: number }>;
  readonly mean: number;
  readonly variance: number;
  readonly min: number;
  readonly max: number;
  private readonly p: number;

  constructor(p: number) {
    super();
    this.params = Object.freeze({ p });
    this.p = p;
    this.mean = p;
    this.variance = p * (1 - p);
    this.min = p === 1 ? 1 : 0;
    this.max = p === 0 ? 0 : 1;
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    // One uniform per draw, generated in bulk (fillFloat64 consumes exactly as n nextFloat64 calls).
    rng.fillFloat64(out);
    const p = this.p;
    const n = out.length;
    // `+(u < p)` rather than `u < p ? 1 : 0`: branch-free, measured faster on random data (figure in
    // docs/performance.md, "Design decisions and their measurements").
    for (let i = 0; i < n; i++) out[i] = +(out[i] < p);
  }

  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    // quantileUnchecked written out: 0 up to P(X = 0) = 1 - p, else 1.
    const n = uniforms.length;
    if (this.p === 1) {
      out.fill(1);
      return;
    }
    const q = 1 - this.p;
    for (let i = 0; i < n; i++) out[i] = +(uniforms[i] > q);
  }

  pmf(x: number): number {
    requireAbscissa(this.family, 'pmf', x);
    if (x === 1) return this.p;
    if (x === 0) return 1 - this.p;
    return 0;
  }

  protected cdfUnchecked(x: number): number {
    if (x < 0) return 0;
    if (x < 1) return 1 - this.p;
    return 1;
  }

  protected quantileUnchecked(level: number): number {
    // The smallest x in {0, 1} with P(X <= x) >= level.
    if (this.p === 1) return 1;
    return level <= 1 - this.p ? 0 : 1;
  }
}

/**
 * The Bernoulli distribution: 1 (success) with probability `p`, 0 otherwise. Mean `p`, variance
 * `p (1 - p)`. Multiply by a value to model an event that happens or not (`bernoulli(0.3)` times a cost).
 *
 * @param p - the probability of a 1, in [0, 1]
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `p` is outside [0, 1], NaN or not a number
 *
 * @example
 * ```ts
 * import { bernoulli, createRng } from 'salvo';
 * const inspected = bernoulli(0.3);
 * inspected.mean;            // => 0.3
 * inspected.variance;        // => 0.21
 * inspected.cdf(0);          // => 0.7
 * inspected.quantile(0.75);  // => 1
 * inspected.sample(1_000, createRng('ports')); // => Float64Array(1000) of 0s and 1s
 * ```
 */
export function bernoulli(p: number): DiscreteDistribution {
  requireProbability('bernoulli', 'p', p);
  return written(Object.freeze(new Bernoulli(p)), 'bernoulli', [p]);
}
