import type { Rng } from '../rng/types.js';

/**
 * What every salvo distribution offers. Factories such as {@link uniform} validate their parameters once
 * and return an immutable (frozen) object; sampling never re-validates them.
 *
 * Moments follow the usual conventions: `mean` is `Infinity` when it diverges and `NaN` only when it is
 * undefined (a Student t with `df <= 1`), which each family documents.
 *
 * @example
 * ```ts
 * import { createRng, normal } from 'salvo';
 * const heightCm = normal(170, 10);
 * const draws = heightCm.sample(1_000, createRng(1)); // Float64Array(1000)
 * heightCm.mean;             // => 170
 * heightCm.quantile(0.975);  // => 189.59963984540053
 * ```
 */
export interface Distribution {
  /** Family name, such as `'normal'`. */
  readonly family: string;
  /** `'continuous'` (has `pdf`), `'discrete'` (has `pmf`) or `'mixed'` (a mixture of both kinds). */
  readonly kind: 'continuous' | 'discrete' | 'mixed';
  /** The parameters as given to the factory (after defaults), for display and serialisation. */
  readonly params: Readonly<Record<string, number>>;
  /** Expected value (`Infinity` when it diverges, `NaN` when undefined). */
  readonly mean: number;
  /** Variance (`Infinity` when it diverges, `NaN` when undefined). */
  readonly variance: number;
  /** Smallest value in the support (`-Infinity` when unbounded). */
  readonly min: number;
  /** Largest value in the support (`Infinity` when unbounded). */
  readonly max: number;
  /**
   * Draws `n` independent samples into a new `Float64Array`.
   * @param n - sample count, a non-negative integer
   * @param rng - the source of randomness
   * @throws {@link SalvoError} `INVALID_SAMPLE_COUNT` for a negative, fractional or huge `n`
   */
  sample(n: number, rng: Rng): Float64Array;
  /**
   * Overwrites every element of `out` with an independent sample and returns `out`. Consumes the
   * generator exactly as `sample(out.length, rng)` would.
   * @param out - the buffer to fill
   * @param rng - the source of randomness
   * @throws {@link SalvoError} `INVALID_PARAMETER` when `out` is not a `Float64Array` or `rng` is not
   *   a generator
   */
  fill(out: Float64Array, rng: Rng): Float64Array;
  /**
   * Maps given uniforms to draws by inversion: `out[i]` becomes the value whose cdf is `uniforms[i]`,
   * the smallest x with P(X <= x) >= uniforms[i] (`quantile`'s answer: 0 and 1 give `min` and `max`),
   * and `out` is returned. Consumes no randomness: for Latin hypercube, quasi-random (scrambled Sobol)
   * or common-random-number sampling, where the caller makes the uniforms. Monotone: a larger uniform
   * never gives a smaller draw. `uniforms` and `out` may be the same array (in place).
   *
   * Discrete families return exactly `quantile(uniforms[i])`. Continuous families with a closed-form
   * quantile evaluate it; those whose quantile is an iterative search (beta, PERT, gamma, Student t,
   * continuous mixtures and truncations) build, on first use, a numerical inverse of the cdf with an
   * error |cdf(out[i]) − uniforms[i]| of at most 1e-12 (or within a few doubles of the best x, next to
   * a pole of the density where neighbouring doubles differ by more than that in probability) and
   * evaluate it in constant time, using the exact quantile in the far tails (uniforms below 1e-6 or
   * above 1 − 1e-6) and everywhere when no such inverse can be built. An `empirical`
   * distribution returns data values (the inverse of its step cdf, as its samples are), not the
   * interpolated `quantile`.
   * @param uniforms - probabilities in [0, 1], one per draw (such as a Latin hypercube column)
   * @param out - the buffer to write, as long as `uniforms` (may be `uniforms` itself)
   * @returns `out`
   * @throws {@link SalvoError} `INVALID_PARAMETER` when `uniforms` or `out` is not a `Float64Array` or
   *   an element such as `uniforms[3]` is outside [0, 1] or NaN; `LENGTH_MISMATCH` when the lengths differ
   *
   * @example
   * ```ts
   * import { normal } from 'salvo';
   * const heightCm = normal(170, 10);
   * const strata = Float64Array.of(0.125, 0.375, 0.625, 0.875); // one uniform per quarter
   * heightCm.fillFromUniforms(strata, new Float64Array(4));
   * // => Float64Array [158.4965061962425, 166.81360636035586, 173.18639363964414, 181.5034938037575]
   * heightCm.fillFromUniforms(strata, strata); // in place: strata now holds the same four draws
   * ```
   */
  fillFromUniforms(uniforms: Float64Array, out: Float64Array): Float64Array;
  /**
   * Cumulative distribution function P(X <= x).
   * @param x - any number, including ±Infinity
   * @throws {@link SalvoError} `INVALID_PARAMETER` when `x` is NaN
   */
  cdf(x: number): number;
  /**
   * Quantile function (inverse CDF): the smallest x with P(X <= x) >= p.
   * @param p - a probability in [0, 1]
   * @throws {@link SalvoError} `INVALID_PARAMETER` when `p` is outside [0, 1] or NaN
   */
  quantile(p: number): number;
  /** A short description such as `normal(mean = 0, sd = 1)`. */
  toString(): string;
}

/**
 * A distribution with a density.
 *
 * @example
 * ```ts
 * import { normal } from 'salvo';
 * normal(0, 1).pdf(0); // => 0.3989422804014327
 * ```
 */
export interface ContinuousDistribution extends Distribution {
  readonly kind: 'continuous';
  /**
   * Probability density at `x` (0 outside the support).
   * @param x - any number, including ±Infinity
   * @throws {@link SalvoError} `INVALID_PARAMETER` when `x` is NaN or not a number
   */
  pdf(x: number): number;
}

/**
 * A distribution on integers (or on a finite set of values) with a probability mass function.
 *
 * @example
 * ```ts
 * import { poisson } from 'salvo';
 * poisson(2).pmf(0); // => 0.1353352832366127
 * ```
 */
export interface DiscreteDistribution extends Distribution {
  readonly kind: 'discrete';
  /**
   * Probability mass at `x` (0 for values the distribution never takes).
   * @param x - any number, including ±Infinity
   * @throws {@link SalvoError} `INVALID_PARAMETER` when `x` is NaN or not a number
   */
  pmf(x: number): number;
}
