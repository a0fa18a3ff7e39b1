/**
 * The (modified) PERT distribution: min + (max − min) · Beta(α, β) with α = 1 + λ (mode − min) / (max − min)
 * and β = 1 + λ (max − mode) / (max − min), so that its mode is `mode` and its mean is
 * (min + λ·mode + max) / (λ + 2). λ = 4 is the classic PERT of D. G. Malcolm, J. H. Roseboom, C. E. Clark
 * and W. Fazar, "Application of a technique for research and development program evaluation",
 * Operations Research 7(5), 1959 (also `RiskPert` in Palisade's `@RISK`); other λ give D. Vose's
 * modified PERT (D. Vose, "Risk Analysis: A Quantitative Guide", 3rd ed., Wiley, 2008).
 *
 * Sampling reuses the beta family's sampler ({@link BetaSampler}: Marsaglia–Tsang gamma ratio, or Jöhnk's
 * method when both shapes are below 1, which never happens here since α, β >= 1), then scales in place;
 * CDF, quantile and density are the beta ones, rescaled.
 * @module
 */
import { SalvoError } from '../errors.js';
import type { Rng } from '../rng/types.js';
import { inverseRegularizedBeta, regularizedBeta } from '../special/beta.js';
import {
  invalidParameter,
  optionNames,
  requireFinite,
  requireKnownOptions,
  requireOrdered,
  requirePositive,
  show,
} from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import { BetaSampler, betaDensity, betaShapesRefusal } from './beta.js';
import { invertNumerically } from './numericalInverse.js';
import type { ContinuousDistribution } from './types.js';
import { requireRepresentableWidth } from './uniform.js';
import { givenOptions, written } from './written.js';

/**
 * Options of {@link pert}.
 *
 * @example
 * ```ts
 * import { pert } from 'salvo';
 * pert(0, 2, 10).mean;                // => 3, (0 + 4 · 2 + 10) / 6
 * pert(0, 2, 10, { lambda: 2 }).mean; // => 3.5, (0 + 2 · 2 + 10) / 4
 * ```
 */
export interface PertOptions {
  /**
   * Weight λ of the mode, > 0 (default 4, the classic PERT). Larger values concentrate the distribution
   * around the mode; λ → 0 approaches the uniform distribution on [min, max].
   */
  readonly lambda?: number;
}

/** The names {@link PertOptions} knows, for `UNKNOWN_OPTION`. */
const PERT_OPTION_NAMES = optionNames<PertOptions>()(['lambda']);

class Pert extends BaseDistribution implements ContinuousDistribution {
  readonly family = 'pert';
  readonly kind = 'continuous';
  readonly params: Readonly<{ min: number; mode: number; max: number; lambda: number }>;
  readonly mean: number;
  readonly variance: number;
  readonly min: number;
  readonly max: number;
  private readonly width: number;
  private readonly alpha: number;
  private readonly beta: number;
  private readonly sampler: BetaSampler;

  constructor(min: number, mode: number, max: number, lambda: number) {
    super();
    this.params = Object.freeze({ min, mode, max, lambda });
    this.min = min;
    this.max = max;
    this.width = max - min;
    this.alpha = 1 + (lambda * (mode - min)) / this.width;
    this.beta = 1 + (lambda * (max - mode)) / this.width;
    const total = this.alpha + this.beta; // = lambda + 2
    this.mean = min + (this.width * this.alpha) / total;
    this.variance =
      (this.width * this.width * this.alpha * this.beta) / (total * total * (total + 1));
    this.sampler = new BetaSampler(this.alpha, this.beta);
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    this.sampler.fill(out, rng);
    const min = this.min;
    const width = this.width;
    const n = out.length;
    const max = this.max;
    for (let i = 0; i < n; i++) out[i] = Math.min(min + width * out[i], max);
  }

  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    // The quantile is an iterative search: a numerical inverse of the cdf, built on first use.
    invertNumerically(this, uniforms, out);
  }

  protected cdfUnchecked(x: number): number {
    if (x <= this.min) return 0;
    if (x >= this.max) return 1;
    return regularizedBeta((x - this.min) / this.width, this.alpha, this.beta);
  }

  protected quantileUnchecked(p: number): number {
    // Rounding can carry min + width · 1 one ulp past max (pert(-1, 0, 0.1).quantile(1)); clamp.
    return Math.min(
      this.min + this.width * inverseRegularizedBeta(p, this.alpha, this.beta),
      this.max,
    );
  }

  pdf(x: number): number {
    requireAbscissa(this.family, 'pdf', x);
    if (x < this.min || x > this.max) return 0;
    return betaDensity((x - this.min) / this.width, this.alpha, this.beta) / this.width;
  }
}

/**
 * The PERT distribution: a smooth, bounded three-point estimate (lowest, most likely, highest), the
 * usual choice for expert judgements of a quantity such as a count or a duration. It is a beta
 * distribution rescaled to [min, max] whose mode is `mode`; mean `(min + λ·mode + max) / (λ + 2)`.
 * Unlike the triangular distribution it puts less weight on the extremes.
 *
 * @param min - lowest plausible value, finite, in the unit of the quantity
 * @param mode - most likely value, finite, in [min, max]
 * @param max - highest plausible value, finite, greater than `min`
 * @param options - `lambda`: weight of the mode, finite and > 0 (default 4)
 * Where rounding would carry a sample or `quantile(p)` past `max` (`pert(-1, 0, 0.1).quantile(1)`), it
 * returns `max`. A range wider than the largest double (`max - min` overflows), or one for which
 * `lambda · (max - min)` overflows (the beta shapes would be Infinity), is refused; so is a `lambda`
 * that gives beta shapes {@link beta} refuses (above 2^50, such as `lambda = 1e300`; or both above 10^4
 * and far apart, such as `pert(0, 1e-10, 1, { lambda: 1e15 })`, whose cdf was not monotone).
 *
 * @throws {@link SalvoError} `INVALID_PARAMETER` when a bound or the mode is NaN or infinite, when
 *   `min >= max`, when `max - min` overflows, when `mode` is outside [min, max], or when `lambda` is
 *   NaN, infinite or <= 0, or gives beta shapes that {@link beta} refuses
 *
 * @example
 * ```ts
 * import { createRng, pert } from 'salvo';
 * const containers = pert(5000, 6700, 8000);
 * containers.mean;           // => 6633.333333333333
 * containers.quantile(0.05); // => 5678.217201173885
 * containers.cdf(6700);      // => 0.5320478250969986
 * containers.sample(3, createRng('doc')); // => Float64Array(3) of values in (5000, 8000)
 * ```
 */
export function pert(
  min: number,
  mode: number,
  max: number,
  options: PertOptions = {},
): ContinuousDistribution {
  requireOrdered('pert', 'min', min, 'max', max);
  requireRepresentableWidth('pert', min, max);
  requireFinite('pert', 'mode', mode);
  if (mode < min || mode > max) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `pert: mode must be in [min, max] = [${show(min)}, ${show(max)}], got ${show(mode)}`,
      { parameter: 'mode', value: mode },
    );
  }
  requireKnownOptions('pert', 'options', options, PERT_OPTION_NAMES);
  const lambda = options.lambda ?? 4;
  requirePositive('pert', 'lambda', lambda);
  if (!Number.isFinite(lambda * (max - min))) {
    throw invalidParameter(
      'pert',
      'lambda',
      `lambda · (max - min) must be a finite number, got lambda = ${show(lambda)}, min = ${show(min)}, ` +
        `max = ${show(max)}: the beta shapes 1 + lambda (mode - min) / (max - min) would overflow`,
      lambda,
    );
  }
  const width = max - min;
  const alpha = 1 + (lambda * (mode - min)) / width;
  const beta = 1 + (lambda * (max - mode)) / width;
  const refusal = betaShapesRefusal(alpha, beta);
  if (refusal !== undefined) {
    throw invalidParameter(
      'pert',
      'lambda',
      `lambda = ${show(lambda)} gives the beta shapes alpha = ${show(alpha)}, beta = ${show(beta)}: ` +
        `${refusal}; use a smaller lambda`,
      lambda,
    );
  }
  return written(Object.freeze(new Pert(min, mode, max, lambda)), 'pert', [
    min,
    mode,
    max,
    givenOptions(options, PERT_OPTION_NAMES),
  ]);
}
