/**
 * Beta distribution on [0, 1] (numpy's `Generator.beta(a, b)`; scipy's `beta(a, b)`).
 *
 * Sampling, chosen by measurement against the alternatives named below, with numpy measured alongside
 * (the figures: docs/performance.md, "Design decisions and their measurements"):
 * - α >= 1 or β >= 1: the gamma ratio X / (X + Y), X ~ Gamma(α), Y ~ Gamma(β), each drawn by the method of
 *   G. Marsaglia and W. W. Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3), 2000
 *   ({@link marsagliaTsang}, constants computed once); a shape k < 1 gets the factor exp(−E / k), E
 *   standard exponential. It measured faster than R. C. H. Cheng's algorithms BB and BC ("Generating
 *   beta variates with nonintegral shape parameters", Communications of the ACM 21(4), 1978, 317-322):
 *   Cheng needs a logarithm and an exponential per attempt, and V8 calls both out of line. (Inlining
 *   the normal ziggurat's fast path into this loop measured faster still, but needs the tables that
 *   ./normal.ts keeps private.)
 * - α < 1 and β < 1: M. D. Jöhnk's method ("Erzeugung von betaverteilten und gammaverteilten
 *   Zufallszahlen", Metrika 8, 1964), as numpy does: X = U^(1/α), Y = V^(1/β), accepted when X + Y <= 1,
 *   with U^(1/α) formed as exp(−E/α) from a standard exponential E (no logarithm). It measured faster
 *   than the gamma ratio for such shapes.
 * Wherever X and Y could underflow (shapes near 0) the ratio is formed from logarithms,
 * X / (X + Y) = 1 / (1 + exp(log Y − log X)), so that no draw is 0/0.
 * CDF and quantile: the regularized incomplete beta function and its inverse (src/special/beta.ts).
 * @module
 */
import type { Rng } from '../rng/types.js';
import { inverseRegularizedBeta, logBetaPrefix, regularizedBeta } from '../special/beta.js';
import { invalidParameter, requirePositive, show } from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import { standardExponential } from './exponential.js';
import { marsagliaTsang } from './gamma.js';
import { invertNumerically } from './numericalInverse.js';
import type { ContinuousDistribution } from './types.js';
import { written } from './written.js';

/**
 * The Beta(α, β) sampler with its constants computed once. Shared by {@link beta} and {@link pert}
 * (a scaled beta), so that both draw exactly the same way.
 * @internal
 */
export class BetaSampler {
  private readonly johnk: boolean;
  private readonly dA: number;
  private readonly cA: number;
  private readonly dB: number;
  private readonly cB: number;
  private readonly inverseAlpha: number;
  private readonly inverseBeta: number;
  /** α / β: which of X, Y wins when both underflow in Jöhnk's method. */
  private readonly shapeRatio: number;
  private readonly boostA: boolean;
  private readonly boostB: boolean;

  /**
   * @param alpha - first shape, > 0 (not checked)
   * @param beta - second shape, > 0 (not checked)
   */
  constructor(alpha: number, beta: number) {
    this.johnk = alpha < 1 && beta < 1;
    this.boostA = alpha < 1;
    this.boostB = beta < 1;
    this.dA = (this.boostA ? alpha + 1 : alpha) - 1 / 3;
    this.cA = 1 / Math.sqrt(9 * this.dA);
    this.dB = (this.boostB ? beta + 1 : beta) - 1 / 3;
    this.cB = 1 / Math.sqrt(9 * this.dB);
    this.inverseAlpha = 1 / alpha;
    this.inverseBeta = 1 / beta;
    this.shapeRatio = alpha / beta;
  }

  /** Overwrites `out` with independent Beta(α, β) draws. */
  fill(out: Float64Array, rng: Rng): void {
    if (this.johnk) this.fillJohnk(out, rng);
    else this.fillGammaRatio(out, rng);
  }

  /** Jöhnk: per attempt two standard exponentials (ziggurat). */
  private fillJohnk(out: Float64Array, rng: Rng): void {
    const exponential = standardExponential;
    const inverseAlpha = this.inverseAlpha;
    const inverseBeta = this.inverseBeta;
    const shapeRatio = this.shapeRatio;
    const n = out.length;
    for (let i = 0; i < n; i++) {
      for (;;) {
        const eX = exponential(rng);
        const eY = exponential(rng);
        const logX = -eX * inverseAlpha;
        const logY = -eY * inverseBeta;
        const x = Math.exp(logX);
        const y = Math.exp(logY);
        const sum = x + y;
        if (sum <= 1) {
          const logRatio = logY - logX;
          // With both shapes below about 1e-308 both logarithms can be -Infinity and their difference
          // NaN (beta(5e-324, 5e-324) sampled NaN): X wins, and the draw is 1 to double precision,
          // when eX / α < eY / β.
          out[i] =
            sum > 1e-280
              ? x / sum
              : !Number.isNaN(logRatio)
                ? 1 / (1 + Math.exp(logRatio))
                : eX / eY < shapeRatio
                  ? 1
                  : 0;
          break;
        }
      }
    }
  }

  /**
   * Gamma ratio: per draw Marsaglia–Tsang for X (normals and one `nextUint32` per attempt), then one
   * exponential if α < 1, then the same for Y.
   */
  private fillGammaRatio(out: Float64Array, rng: Rng): void {
    const draw = marsagliaTsang;
    const exponential = standardExponential;
    const dA = this.dA;
    const cA = this.cA;
    const dB = this.dB;
    const cB = this.cB;
    const inverseAlpha = this.inverseAlpha;
    const inverseBeta = this.inverseBeta;
    const n = out.length;
    if (!this.boostA && !this.boostB) {
      // X, then Y, from one call site in an inner loop of two rather than from two call sites: V8
      // inlines callees into a function up to a bytecode budget (920 bytes by default), one fully
      // inlined draw (Marsaglia–Tsang with its normal and three nextUint32) is about 650, and the second
      // of two call sites was left as a call. The same draws in the same order: samples are unchanged.
      for (let i = 0; i < n; i++) {
        let x = 0;
        for (let k = 0; k < 2; k++) {
          const g = draw(k === 0 ? dA : dB, k === 0 ? cA : cB, rng);
          if (k === 0) x = g;
          else out[i] = x / (x + g);
        }
      }
      return;
    }
    const boostA = this.boostA;
    const boostB = this.boostB;
    for (let i = 0; i < n; i++) {
      const gA = draw(dA, cA, rng);
      const eA = boostA ? exponential(rng) * inverseAlpha : 0;
      const gB = draw(dB, cB, rng);
      const eB = boostB ? exponential(rng) * inverseBeta : 0;
      const x = gA * Math.exp(-eA);
      const y = gB * Math.exp(-eB);
      // Below 1e-280 the factors lose digits to underflow: X / (X + Y) = 1 / (1 + exp(log Y − log X)).
      out[i] =
        x > 1e-280 && y > 1e-280
          ? x / (x + y)
          : 1 / (1 + Math.exp(Math.log(gB) - eB - Math.log(gA) + eA));
    }
  }
}

/**
 * Density of Beta(α, β) at x, x^(α−1) (1−x)^(β−1) / B(α, β), with its limits at the ends of [0, 1].
 * @param x - any number (0 outside [0, 1])
 * @param alpha - first shape, > 0
 * @param beta - second shape, > 0
 * @internal
 */
export function betaDensity(x: number, alpha: number, beta: number): number {
  if (x < 0 || x > 1) return 0;
  if (x === 0) return alpha < 1 ? Number.POSITIVE_INFINITY : alpha === 1 ? beta : 0;
  if (x === 1) return beta < 1 ? Number.POSITIVE_INFINITY : beta === 1 ? alpha : 0;
  return Math.exp(logBetaPrefix(alpha, beta, x, 1 - x) - Math.log(x) - Math.log1p(-x));
}

class Beta extends BaseDistribution implements ContinuousDistribution {
  readonly family = 'beta';
  readonly kind = 'continuous';
  readonly params: Readonly<{ alpha: number; beta: number }>;
  readonly mean: number;
  readonly variance: number;
  readonly min = 0;
  readonly max = 1;
  private readonly alpha: number;
  private readonly beta: number;
  private readonly sampler: BetaSampler;
  /** Both shapes at most {@link TWO_POINT_SHAPE}: the cdf is flat at β / (α + β) over (0, 1). */
  private readonly twoPoint: boolean;
  /** β / (α + β): the probability below every positive double, when {@link twoPoint}. */
  private readonly massNearZero: number;

  constructor(alpha: number, beta: number) {
    super();
    this.params = Object.freeze({ alpha, beta });
    this.alpha = alpha;
    this.beta = beta;
    const total = alpha + beta;
    this.mean = alpha / total;
    this.variance = (alpha * beta) / (total * total * (total + 1));
    this.sampler = new BetaSampler(alpha, beta);
    this.twoPoint = Math.max(alpha, beta) <= TWO_POINT_SHAPE;
    this.massNearZero = 1 / (1 + alpha / beta);
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    this.sampler.fill(out, rng);
  }

  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    // The quantile is an iterative search: a numerical inverse of the cdf, built on first use.
    invertNumerically(this, uniforms, out);
  }

  protected cdfUnchecked(x: number): number {
    if (this.twoPoint) return x <= 0 ? 0 : x >= 1 ? 1 : this.massNearZero;
    return regularizedBeta(x, this.alpha, this.beta);
  }

  protected quantileUnchecked(p: number): number {
    if (this.twoPoint) return p === 0 ? 0 : p <= this.massNearZero ? Number.MIN_VALUE : 1;
    return inverseRegularizedBeta(p, this.alpha, this.beta);
  }

  pdf(x: number): number {
    requireAbscissa(this.family, 'pdf', x);
    return betaDensity(x, this.alpha, this.beta);
  }
}

/**
 * With both shapes at most this, the cdf is β / (α + β) at every double in (0, 1) to double precision:
 * x^α and (1 − x)^β differ from 1 by at most 745 · 1e-20 relative, below half an ulp. The incomplete
 * beta function's continued fraction and log-space prefix break down there (NaN, or 1, for both shapes
 * below about 1e-280), so the flat value is used directly.
 */
const TWO_POINT_SHAPE = 1e-20;

/**
 * With the smaller shape s above this (the largest the recurrence before BGRAT takes, in
 * src/special/beta.ts) and the larger one L above {@link BETA_SHAPE_IMBALANCE} · √s, the upper tail of
 * the smaller shape's side comes from a continued fraction whose relative error grows like 2^-52 L / √s
 * (measured against numerical integration: 2e-4 at beta(2e4, 1e15), 4e-6 at beta(1e8, 1e15), 6e-9 at
 * beta(1e15, 1e15)): such shapes are refused.
 */
const BETA_RECURRENCE_SHAPE = 1e4;
/** See {@link BETA_RECURRENCE_SHAPE}: an estimated relative error of at most about 2^-26 in the cdf. */
const BETA_SHAPE_IMBALANCE = 2 ** 26;

/** Largest shape accepted: the incomplete beta function keeps its accuracy up to here (see {@link beta}). */
const BETA_MAX_SHAPE = 2 ** 50;

/**
 * Why the incomplete beta function cannot serve Beta(α, β) to double precision, or `undefined` when it
 * can: the regions {@link beta} refuses (a shape above 2^50; both above 10^4 with the larger above
 * 2^26 √(the smaller); a spread below 2^-40 of the mean). For families built on it, such as {@link pert}
 * whose shapes come from `lambda`.
 * @param alpha - first shape, > 0
 * @param beta - second shape, > 0
 * @internal
 */
export function betaShapesRefusal(alpha: number, beta: number): string | undefined {
  const smaller = Math.min(alpha, beta);
  const larger = Math.max(alpha, beta);
  if (!(larger <= BETA_MAX_SHAPE)) {
    return 'a beta shape above 2^50, where the incomplete beta function loses its accuracy';
  }
  if (smaller > BETA_RECURRENCE_SHAPE && larger > BETA_SHAPE_IMBALANCE * Math.sqrt(smaller)) {
    return (
      'beta shapes both above 10^4 with the larger above 2^26 times the square root of the smaller, ' +
      "where the incomplete beta function's continued fraction loses digits (its cdf stops being monotone)"
    );
  }
  const total = alpha + beta;
  const sd = Math.sqrt(((alpha / total) * (beta / total)) / (total + 1));
  if (!(sd >= 2 ** -40 * (alpha / total))) {
    return 'a beta spread below 2^-40 of its mean, too fine for the doubles there';
  }
  return undefined;
}

/**
 * The beta distribution on [0, 1]: the standard model for an uncertain share or probability. With
 * α − 1 "successes" and β − 1 "failures" in mind it peaks at (α − 1) / (α + β − 2); larger α + β means
 * less spread. Mean `α / (α + β)`, variance `αβ / ((α + β)² (α + β + 1))`.
 *
 * @param alpha - first shape α, finite and > 0 (α < 1 gives a density that is infinite at 0)
 * @param beta - second shape β, finite and > 0 (β < 1 gives a density that is infinite at 1)
 * Shapes above 2^50 (about 1.1e15) are refused: beyond them the incomplete beta function loses its
 * accuracy (measured: a cdf that is not monotone at beta(1e18, 1e20)) and the quantile search takes
 * seconds (`beta(1e300, 0.78).quantile(1e-12)` took 11 s).
 * With both shapes above 10^4 and the larger above 2^26 times the square root of the smaller (such as
 * `beta(1e5, 1e15)`) they are refused too: the continued fraction behind the cdf loses digits in
 * proportion to that ratio there (a relative error of 3e-4 at `beta(1e5, 1e15)`). Below 10^4 the
 * smaller shape is computed accurately with any larger one (`beta(382, 1e15)`).
 * Shapes so large that the spread falls below the doubles' resolution at the mean (sd < 2^-40 · mean,
 * such as `beta(1e300, 0.78)`, whose every sample is 1) are refused. Subnormal shapes are computed: the
 * cdf is clamped to [0, 1] where its log-space prefix rounds above 1. With both shapes at most 1e-20 the
 * distribution is, to double precision, two atoms: the cdf is β / (α + β) on all of (0, 1), the
 * quantile 5e-324 (the smallest double) up to that level and 1 above it, and samples are 0 or 1.
 *
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `alpha` or `beta` is NaN, infinite, <= 0 or
 *   above 2^50, both above 10^4 with the larger above 2^26 √(the smaller), or the standard deviation
 *   is below 2^-40 · mean
 *
 * @example
 * ```ts
 * import { beta, createRng } from 'salvo';
 * const shareCarryingShells = beta(8, 2);
 * shareCarryingShells.mean;           // => 0.8
 * shareCarryingShells.cdf(0.9);       // => 0.7748409779999998
 * shareCarryingShells.quantile(0.05); // => 0.5708644529685655
 * shareCarryingShells.sample(3, createRng('doc')); // => Float64Array(3) of values in (0, 1)
 * ```
 */
export function beta(alpha: number, beta: number): ContinuousDistribution {
  requirePositive('beta', 'alpha', alpha);
  requirePositive('beta', 'beta', beta);
  if (Math.max(alpha, beta) > BETA_MAX_SHAPE) {
    const name = alpha > beta ? 'alpha' : 'beta';
    throw invalidParameter(
      'beta',
      name,
      `${name} must be at most 2^50 (${BETA_MAX_SHAPE}), got ${show(Math.max(alpha, beta))}: beyond it the ` +
        'incomplete beta function loses its accuracy (its cdf stops being monotone near 1e18) and the ' +
        'quantile search crawls; use a normal approximation or smaller shapes',
      Math.max(alpha, beta),
    );
  }
  const smaller = Math.min(alpha, beta);
  const larger = Math.max(alpha, beta);
  if (smaller > BETA_RECURRENCE_SHAPE && larger > BETA_SHAPE_IMBALANCE * Math.sqrt(smaller)) {
    const name = alpha > beta ? 'alpha' : 'beta';
    throw invalidParameter(
      'beta',
      name,
      `${name} = ${show(larger)} is more than 2^26 times the square root of the other shape ` +
        `${show(smaller)} (above 10^4): there the incomplete beta function's continued fraction loses ` +
        'digits in proportion to that ratio (a relative error of 2e-4 in the cdf at beta(2e4, 1e15), ' +
        'which stops being monotone); use a gamma or normal approximation, or shapes closer together',
      larger,
    );
  }
  const total = alpha + beta;
  const mean = alpha / total;
  const sd = Math.sqrt(((alpha / total) * (beta / total)) / (total + 1));
  if (!(sd >= 2 ** -40 * mean)) {
    throw invalidParameter(
      'beta',
      alpha > beta ? 'alpha' : 'beta',
      `the shapes alpha = ${show(alpha)}, beta = ${show(beta)} give a spread (sd ${show(sd)}) below ` +
        `2^-40 of the mean ${show(mean)}: the doubles there are too coarse to resolve it, so samples, ` +
        'cdf and quantile would disagree (and the quantile search would crawl); use smaller shapes',
      Math.max(alpha, beta),
    );
  }
  return written(Object.freeze(new Beta(alpha, beta)), 'beta', [alpha, beta]);
}
