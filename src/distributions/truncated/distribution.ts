/**
 * The truncated distribution object: sampling by inversion of the base quantile or by rejection from
 * the base sampler, the cdf, quantile and density of the window, and the moments computed on first use.
 * @internal
 * @module
 */
import { SalvoError } from '../../errors.js';
import type { Rng } from '../../rng/types.js';
import { show } from '../../validate.js';
import { BaseDistribution, requireAbscissa } from '../base.js';
import { invertNumerically } from '../numericalInverse.js';
import type { ContinuousDistribution, DiscreteDistribution, Distribution } from '../types.js';
import { type TruncateComponent, truncatedMoments } from './moments.js';
import { clamp, type TruncationWindow, windowQuantile } from './window.js';

/** Base draws per rejection batch, at most. */
const BATCH = 4096;

/** A rejection run gives up after this many consecutive batches without one accepted draw. */
const MAX_DRY_BATCHES = 64;

/** Half the spacing of the 53-bit uniforms: replaces u = 0 so that inversion never asks for F⁻¹(0). */
const HALF_UNIFORM_STEP = 2 ** -54;

/**
 * What the factory works out once and hands to the class: the window (its kind is the class's), the
 * bounds as given, and whether to sample by rejection.
 */
export interface TruncationSetup extends Omit<TruncationWindow, 'kind'> {
  /** The bounds as given (`-Infinity`/`Infinity` when absent) and whether each was given. */
  readonly givenMin: number;
  readonly givenMax: number;
  readonly hasMin: boolean;
  readonly hasMax: boolean;
  readonly rejection: boolean;
}

/** A truncated distribution; its window fields are what {@link truncatedMoments} reads. */
export abstract class Truncated extends BaseDistribution implements TruncationWindow {
  readonly family = 'truncated';
  abstract readonly kind: 'continuous' | 'discrete' | 'mixed';
  readonly params: Readonly<{ min: number; max: number }>;
  readonly min: number;
  readonly max: number;
  /** The distribution that was truncated. */
  readonly base: Distribution;
  /** The window intersected with the base support. */
  readonly lower: number;
  readonly upper: number;
  readonly mirror: boolean;
  readonly centre: number;
  readonly below: number;
  readonly top: number;
  readonly mass: number;
  private readonly rejection: boolean;
  private readonly hasMin: boolean;
  private readonly hasMax: boolean;
  /**
   * [mean, variance, computed (1) or not (0)], filled on first use: quadrature is not free. An ES
   * private field, so that the frozen object exposes nothing mutable.
   */
  readonly #moments = new Float64Array(3);
  /** Truncates the components of a mixture base, for the moments (the factory, handed in). */
  readonly #truncateComponent: TruncateComponent;

  constructor(w: TruncationSetup, truncateComponent: TruncateComponent) {
    super();
    this.base = w.base;
    this.params = Object.freeze({ min: w.givenMin, max: w.givenMax });
    this.hasMin = w.hasMin;
    this.hasMax = w.hasMax;
    this.lower = w.lower;
    this.upper = w.upper;
    this.min = w.min;
    this.max = w.max;
    this.mirror = w.mirror;
    this.centre = w.centre;
    this.below = w.below;
    this.top = w.top;
    this.mass = w.mass;
    this.rejection = w.rejection;
    this.#truncateComponent = truncateComponent;
  }

  get mean(): number {
    return this.computeMoments()[0];
  }

  get variance(): number {
    return this.computeMoments()[1];
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    if (this.rejection) this.fillByRejection(out, rng);
    else this.fillByInversion(out, rng);
  }

  /** One uniform per sample, in index order, each mapped through the base quantile. */
  private fillByInversion(out: Float64Array, rng: Rng): void {
    rng.fillFloat64(out);
    const base = this.base;
    const { below, top, mass, min, max, centre } = this;
    const n = out.length;
    if (this.kind === 'discrete') {
      // u in (F(min-), F(max)]: 1 - v is in (0, 1] exactly.
      for (let i = 0; i < n; i++) {
        const x = base.quantile(Math.min(top, below + mass * (1 - out[i])));
        out[i] = clamp(x, min, max);
      }
    } else if (this.mirror) {
      for (let i = 0; i < n; i++) {
        const v = out[i] === 0 ? HALF_UNIFORM_STEP : out[i];
        const x = centre - base.quantile(Math.min(top, below + mass * v));
        out[i] = clamp(x, min, max);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = out[i] === 0 ? HALF_UNIFORM_STEP : out[i];
        const x = base.quantile(Math.min(top, below + mass * v));
        out[i] = clamp(x, min, max);
      }
    }
  }

  /**
   * Batches of base draws, each value kept when it lies in the window, in order, until `out` is full.
   * The batch size depends only on how many values are still needed and on the acceptance rate, so the
   * consumption is deterministic; the surplus of the last batch is discarded.
   */
  private fillByRejection(out: Float64Array, rng: Rng): void {
    const n = out.length;
    if (n === 0) return;
    const { base, mass } = this;
    const lower = this.lower;
    const upper = this.upper;
    const batchFor = (needed: number): number =>
      Math.min(BATCH, Math.ceil((needed / mass) * 1.1) + 16);
    const buffer = new Float64Array(batchFor(n));
    let filled = 0;
    let dry = 0;
    while (filled < n) {
      const size = batchFor(n - filled);
      const batch = size === buffer.length ? buffer : buffer.subarray(0, size);
      base.fill(batch, rng);
      const before = filled;
      for (let j = 0; j < size && filled < n; j++) {
        const x = batch[j];
        if (x >= lower && x <= upper) out[filled++] = x;
      }
      if (filled > before) {
        dry = 0;
      } else if (++dry >= MAX_DRY_BATCHES) {
        throw new SalvoError(
          'REJECTION_HOPELESS',
          `${String(this)}.fill: no draw of the base distribution fell in the window in ${dry} batches ` +
            `(expected acceptance rate ${mass}); its cdf and its sampler disagree`,
          { parameter: 'dist', value: base },
        );
      }
    }
  }

  /**
   * Continuous: a numerical inverse of the truncated cdf, built on first use (it makes one uniform
   * cost the same whatever the base's quantile costs). Discrete and mixed: the quantile, per uniform.
   */
  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    if (this.kind === 'continuous') {
      invertNumerically(this as unknown as ContinuousDistribution, uniforms, out);
    } else {
      super.fillFromUniformsUnchecked(uniforms, out);
    }
  }

  protected cdfUnchecked(x: number): number {
    if (x < this.min) return 0;
    if (x >= this.max) return 1;
    const f = this.mirror
      ? (this.top - this.base.cdf(this.centre - x)) / this.mass
      : (this.base.cdf(x) - this.below) / this.mass;
    return clamp(f, 0, 1);
  }

  protected quantileUnchecked(p: number): number {
    return windowQuantile(this, p);
  }

  /** Mean and variance, computed on first use. */
  private computeMoments(): Float64Array {
    const m = this.#moments;
    if (m[2] === 0) {
      const [mean, variance] = truncatedMoments(this, this.#truncateComponent);
      m[0] = mean;
      m[1] = variance;
      m[2] = 1;
    }
    return m;
  }

  protected override unwrittenText(): string {
    const bounds: string[] = [];
    if (this.hasMin) bounds.push(`min = ${show(this.params.min)}`);
    if (this.hasMax) bounds.push(`max = ${show(this.params.max)}`);
    return `truncated(${String(this.base)}, ${bounds.join(', ')})`;
  }
}

/** A truncation of a continuous base: its density is the base density over P(window). */
export class ContinuousTruncated extends Truncated implements ContinuousDistribution {
  readonly kind = 'continuous';

  pdf(x: number): number {
    requireAbscissa(this.family, 'pdf', x);
    if (x < this.min || x > this.max) return 0;
    return (this.base as ContinuousDistribution).pdf(x) / this.mass;
  }
}

/** A truncation of a discrete base: its mass function is the base's over P(window). */
export class DiscreteTruncated extends Truncated implements DiscreteDistribution {
  readonly kind = 'discrete';

  pmf(x: number): number {
    requireAbscissa(this.family, 'pmf', x);
    if (x < this.min || x > this.max) return 0;
    return Math.min(1, (this.base as DiscreteDistribution).pmf(x) / this.mass);
  }
}

/** A truncation of a mixed base (atoms and a density). */
export class MixedTruncated extends Truncated implements Distribution {
  readonly kind = 'mixed';
}
