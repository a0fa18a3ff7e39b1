/**
 * The metalog distribution object: a {@link MetalogDistribution} on the shared `BaseDistribution`,
 * built only from coefficients that define a distribution.
 * @internal
 * @module
 */
import type { SalvoError } from '../../errors.js';
import type { Rng } from '../../rng/types.js';
import { BaseDistribution, requireAbscissa } from '../base.js';
import { givenOptions, written } from '../written.js';
import {
  boundedValue,
  logistic,
  logisticDensity,
  logitOf,
  type MetalogSupport,
  mAtProbability,
  poly,
  quantilesOfUniformCells,
  slopeAtLogit,
  splitCoefficients,
  supportOf,
  unboundedSlope,
  unboundedValue,
} from './evaluate.js';
import { infeasibleAt } from './feasibility.js';
import { momentsOf } from './moments.js';
import type { MetalogBounds, MetalogDistribution } from './types.js';

class Metalog extends BaseDistribution implements MetalogDistribution {
  readonly family = 'metalog';
  readonly kind = 'continuous';
  readonly params: Readonly<Record<string, number>>;
  readonly mean: number;
  readonly variance: number;
  readonly min: number;
  readonly max: number;
  readonly coefficients: readonly number[];
  readonly lower: number | undefined;
  readonly upper: number | undefined;
  private readonly pc: Float64Array;
  private readonly qc: Float64Array;
  private readonly support: MetalogSupport;

  /** `a` must be feasible, the bounds valid (see {@link metalog}). */
  constructor(a: Float64Array, pc: Float64Array, qc: Float64Array, lower?: number, upper?: number) {
    super();
    const params: Record<string, number> = {};
    for (let j = 0; j < a.length; j++) params[`a${j + 1}`] = a[j];
    if (lower !== undefined) params.lower = lower;
    if (upper !== undefined) params.upper = upper;
    this.params = Object.freeze(params);
    this.coefficients = Object.freeze(Array.from(a));
    this.lower = lower;
    this.upper = upper;
    this.pc = pc;
    this.qc = qc;
    this.support = supportOf(lower, upper);
    // M tends to ±Infinity at an end where Q(∓1/2) > 0; when Q vanishes there (a feasible metalog can
    // have Q(∓1/2) = 0, such as the uniform a = (m, 0, 0, w)), the tail is finite and M tends to P(∓1/2).
    const mLow = poly(qc, -0.5) > 0 ? Number.NEGATIVE_INFINITY : poly(pc, -0.5);
    const mHigh = poly(qc, 0.5) > 0 ? Number.POSITIVE_INFINITY : poly(pc, 0.5);
    this.min = boundedValue(mLow, this.support);
    this.max = boundedValue(mHigh, this.support);
    const { mean, variance } = momentsOf(a, pc, qc, this.support);
    this.mean = mean;
    this.variance = variance;
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    // One uniform per draw, consumed in the generator's tight loop, then transformed in place.
    rng.fillFloat64(out);
    quantilesOfUniformCells(out, this.pc, this.qc, this.support);
  }

  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    // quantileUnchecked written out: the quantile function is the metalog's closed form.
    const pc = this.pc;
    const qc = this.qc;
    const support = this.support;
    const min = this.min;
    const max = this.max;
    const n = uniforms.length;
    for (let i = 0; i < n; i++) {
      const p = uniforms[i];
      out[i] = p === 0 ? min : p === 1 ? max : boundedValue(mAtProbability(pc, qc, p), support);
    }
  }

  protected cdfUnchecked(x: number): number {
    if (x <= this.min) return 0;
    if (x >= this.max) return 1;
    return logistic(logitOf(this.pc, this.qc, unboundedValue(x, this.support)));
  }

  protected quantileUnchecked(p: number): number {
    if (p === 0) return this.min;
    if (p === 1) return this.max;
    return boundedValue(mAtProbability(this.pc, this.qc, p), this.support);
  }

  pdf(x: number): number {
    requireAbscissa(this.family, 'pdf', x);
    if (!(x > this.min && x < this.max)) return 0;
    const u = logitOf(this.pc, this.qc, unboundedValue(x, this.support));
    if (!Number.isFinite(u)) return 0;
    return (
      (logisticDensity(u) / slopeAtLogit(this.pc, this.qc, u)) * unboundedSlope(x, this.support)
    );
  }
}

/**
 * Builds the metalog for feasible coefficients, or throws the given error when they are not (not all
 * finite, or not a distribution: `infeasible` gets the probability near which the density fails).
 */
export function buildMetalog(
  a: Float64Array,
  options: MetalogBounds,
  infeasible: (p: number) => SalvoError,
): MetalogDistribution {
  for (let j = 0; j < a.length; j++) {
    if (!Number.isFinite(a[j])) throw infeasible(Number.NaN);
  }
  const { pc, qc } = splitCoefficients(a);
  const at = infeasibleAt(pc, qc);
  if (at !== undefined) throw infeasible(at);
  // Every metalog is written as its coefficients (whether given or fitted), which rebuild it exactly.
  return written(Object.freeze(new Metalog(a, pc, qc, options.lower, options.upper)), 'metalog', [
    a.slice(),
    givenOptions(options, ['lower', 'upper']),
  ]);
}
