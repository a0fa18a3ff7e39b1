/**
 * Finite mixtures: with probability wᵢ a draw comes from component i. Components are any salvo
 * distributions (continuous, discrete or mixed, including other mixtures).
 * @module
 */
import { SalvoError } from '../errors.js';
import type { Rng } from '../rng/types.js';
import { requireNonNegative, show } from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import { fillByInversion } from './inversion.js';
import { invertNumerically } from './numericalInverse.js';
import type { ContinuousDistribution, DiscreteDistribution, Distribution } from './types.js';
import { written } from './written.js';

/**
 * Samples are produced in chunks of this many: the component choices of a chunk are made first, then
 * each component fills its share. It bounds the scratch memory of one call whatever `n` is, and matches
 * the 4,096-sample segments of a model run.
 */
const CHUNK = 4096;

/** Up to this many components the choice is a linear scan of the cumulative weights. */
const LINEAR_SEARCH_MAX = 8;

// ---------------------------------------------------------------------------------------------------
// Numerical helpers: stepping through doubles by their bits, for the quantile search.

const KEY_F64 = new Float64Array(1);
const KEY_I64 = new BigInt64Array(KEY_F64.buffer);
const SIGN_BIT = 1n << 63n;
const MAGNITUDE_MASK = SIGN_BIT - 1n;

/** Maps a non-NaN double to an integer key with the same order (-0 and +0 share key 0). */
function orderedKey(x: number): bigint {
  KEY_F64[0] = x;
  const bits = KEY_I64[0];
  return bits >= 0n ? bits : -(bits & MAGNITUDE_MASK);
}

/** The inverse of {@link orderedKey}. */
function fromOrderedKey(key: bigint): number {
  KEY_I64[0] = key >= 0n ? key : -key | SIGN_BIT;
  return KEY_F64[0];
}

/**
 * The smallest double x in (lo, hi] with `cdf(x) >= p`, given `cdf(lo) < p <= cdf(hi)` and a
 * non-decreasing `cdf`. Bisects the *ordered bit patterns* of doubles rather than the real interval, so
 * it ends after at most 64 evaluations with two adjacent doubles whatever the bracket (even
 * [-Infinity, Infinity]) and wherever the answer lies (including near 0, where halving the real interval
 * would take over a thousand steps). The result is therefore exact to the last bit with respect to
 * `cdf`, and an atom of a discrete distribution is returned exactly.
 */
function searchCdf(cdf: (x: number) => number, p: number, lo: number, hi: number): number {
  let a = orderedKey(lo);
  let b = orderedKey(hi);
  while (b - a > 1n) {
    const mid = (a + b) >> 1n;
    if (cdf(fromOrderedKey(mid)) >= p) b = mid;
    else a = mid;
  }
  return fromOrderedKey(b);
}

const KINDS: ReadonlySet<unknown> = new Set(['continuous', 'discrete', 'mixed']);

/**
 * Throws unless `value` has the shape of a salvo {@link Distribution} (a kind, numeric moments and
 * bounds, `fill`, `cdf`, `quantile`, and `pdf` or `pmf` according to its kind). `fillFromUniforms` is
 * not required: objects made before it existed lack it, and inversion then calls `quantile`
 * ({@link fillByInversion}).
 * @internal
 */
export function requireDistribution(
  where: string,
  parameter: string,
  value: unknown,
): Distribution {
  const d = value as Distribution & { pdf?: unknown; pmf?: unknown };
  const ok =
    typeof value === 'object' &&
    value !== null &&
    KINDS.has(d.kind) &&
    typeof d.fill === 'function' &&
    typeof d.cdf === 'function' &&
    typeof d.quantile === 'function' &&
    typeof d.mean === 'number' &&
    typeof d.variance === 'number' &&
    typeof d.min === 'number' &&
    typeof d.max === 'number' &&
    (d.kind !== 'continuous' || typeof d.pdf === 'function') &&
    (d.kind !== 'discrete' || typeof d.pmf === 'function');
  if (!ok) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${parameter} must be a salvo distribution (such as normal(0, 1)), got ${show(value)}`,
      { parameter, value },
    );
  }
  return d;
}

// ---------------------------------------------------------------------------------------------------

abstract class Mixture extends BaseDistribution {
  readonly family = 'mixture';
  abstract readonly kind: 'continuous' | 'discrete' | 'mixed';
  readonly params: Readonly<Record<string, number>>;
  readonly mean: number;
  readonly variance: number;
  readonly min: number;
  readonly max: number;
  /** Components of positive weight, in the order given. */
  protected readonly parts: readonly Distribution[];
  // Typed arrays live in ES private fields, so that the frozen object exposes nothing mutable.
  /** Normalised weights of `parts` (summing to 1). */
  readonly #weights: Float64Array;
  /** cumulative[k] = w₀ + … + w_k, with the last entry exactly 1. */
  readonly #cumulative: Float64Array;

  constructor(given: readonly Distribution[], givenWeights: Float64Array) {
    super();
    const params: Record<string, number> = {};
    for (let i = 0; i < givenWeights.length; i++) params[`weights[${i}]`] = givenWeights[i];
    this.params = Object.freeze(params);

    const parts: Distribution[] = [];
    const weights: number[] = [];
    for (let i = 0; i < given.length; i++) {
      if (givenWeights[i] > 0) {
        parts.push(given[i]);
        weights.push(givenWeights[i]);
      }
    }
    const k = parts.length;
    this.parts = Object.freeze(parts);
    this.#weights = Float64Array.from(weights);
    const cumulative = new Float64Array(k);
    let running = 0;
    for (let i = 0; i < k; i++) {
      running += weights[i];
      cumulative[i] = running;
    }
    cumulative[k - 1] = 1;
    this.#cumulative = cumulative;

    let mean = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < k; i++) {
      mean += weights[i] * parts[i].mean;
      min = Math.min(min, parts[i].min);
      max = Math.max(max, parts[i].max);
    }
    // Σ wᵢ(σᵢ² + (μᵢ - μ)²) equals Σ wᵢ(σᵢ² + μᵢ²) - μ² but does not cancel when the means are large.
    let variance = 0;
    if (Number.isFinite(mean)) {
      for (let i = 0; i < k; i++) {
        const d = parts[i].mean - mean;
        variance += weights[i] * (parts[i].variance + d * d);
      }
    } else {
      variance = Number.isNaN(mean) ? Number.NaN : Number.POSITIVE_INFINITY;
    }
    this.mean = mean;
    this.variance = variance;
    this.min = min;
    this.max = max;
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    const n = out.length;
    const parts = this.parts;
    const k = parts.length;
    if (n === 0) return;
    if (k === 1) {
      parts[0].fill(out, rng);
      return;
    }
    const cumulative = this.#cumulative;
    const size = Math.min(n, CHUNK);
    // Scratch for one call: uniforms then component draws, the chosen component of each sample,
    // the output index of each draw (grouped by component), and the group boundaries.
    const buffer = new Float64Array(size);
    const choice = new Int32Array(size);
    const target = new Int32Array(size);
    const start = new Int32Array(k + 1);
    const cursor = new Int32Array(k);
    for (let offset = 0; offset < n; offset += CHUNK) {
      const m = Math.min(CHUNK, n - offset);
      const draws = m === size ? buffer : buffer.subarray(0, m);
      rng.fillFloat64(draws);
      start.fill(0);
      // Sample i takes the smallest c with u < cumulative[c] (cumulative[k - 1] = 1 > u): a linear scan
      // for a few components, a binary search for many.
      if (k <= LINEAR_SEARCH_MAX) {
        for (let i = 0; i < m; i++) {
          const u = draws[i];
          let c = 0;
          while (u >= cumulative[c]) c++;
          choice[i] = c;
          start[c + 1]++;
        }
      } else {
        for (let i = 0; i < m; i++) {
          const u = draws[i];
          let lo = 0;
          let hi = k - 1;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (u < cumulative[mid]) hi = mid;
            else lo = mid + 1;
          }
          choice[i] = lo;
          start[lo + 1]++;
        }
      }
      for (let c = 0; c < k; c++) {
        start[c + 1] += start[c];
        cursor[c] = start[c];
      }
      for (let i = 0; i < m; i++) target[cursor[choice[i]]++] = offset + i;
      for (let c = 0; c < k; c++) {
        if (start[c + 1] > start[c]) parts[c].fill(buffer.subarray(start[c], start[c + 1]), rng);
      }
      for (let j = 0; j < m; j++) out[target[j]] = buffer[j];
    }
  }

  /**
   * One component of positive weight: that component's inversion. A continuous mixture: a numerical
   * inverse of its cdf, built on first use (the quantile is a bisection of up to 64 cdf evaluations).
   * Discrete and mixed mixtures: the quantile, per uniform.
   */
  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    if (this.parts.length === 1) fillByInversion(this.parts[0], uniforms, out);
    else if (this.kind === 'continuous') {
      invertNumerically(this as unknown as ContinuousDistribution, uniforms, out);
    } else super.fillFromUniformsUnchecked(uniforms, out);
  }

  protected cdfUnchecked(x: number): number {
    const parts = this.parts;
    const weights = this.#weights;
    let sum = 0;
    for (let i = 0; i < parts.length; i++) sum += weights[i] * parts[i].cdf(x);
    return Math.min(1, sum);
  }

  /** Σ wᵢ fᵢ(x) for the components' `pdf` or `pmf`. */
  protected weightedSum(method: 'pdf' | 'pmf', x: number): number {
    const parts = this.parts as readonly (Distribution &
      Record<'pdf' | 'pmf', (x: number) => number>)[];
    const weights = this.#weights;
    let sum = 0;
    for (let i = 0; i < parts.length; i++) sum += weights[i] * parts[i][method](x);
    return sum;
  }

  protected quantileUnchecked(p: number): number {
    const parts = this.parts;
    if (parts.length === 1) return parts[0].quantile(p);
    if (p === 0) return this.min;
    if (p === 1) return this.max;
    // Every component is below its own p-quantile with probability < p, so the mixture's quantile lies
    // between the smallest and the largest component quantile; the bracket is checked on the cdf and
    // widened to the support when rounding in a component's quantile breaks it.
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < parts.length; i++) {
      const q = parts[i].quantile(p);
      lo = Math.min(lo, q);
      hi = Math.max(hi, q);
    }
    if (!(lo <= hi)) {
      lo = this.min;
      hi = this.max;
    }
    const cdf = (x: number): number => this.cdfUnchecked(x);
    if (!(cdf(hi) >= p)) {
      hi = this.max;
      if (!(cdf(hi) >= p)) return hi;
    }
    if (cdf(lo) >= p) {
      hi = Math.min(hi, lo);
      lo = this.min;
      if (cdf(lo) >= p) return lo;
    }
    return lo < hi ? searchCdf(cdf, p, lo, hi) : hi;
  }

  /** The components of positive weight and their normalised weights, when `dist` is a mixture. */
  static partsOf(
    dist: unknown,
  ): { components: readonly Distribution[]; weights: Float64Array } | undefined {
    return dist instanceof Mixture
      ? { components: dist.parts, weights: dist.#weights.slice() }
      : undefined;
  }
}

class ContinuousMixture extends Mixture implements ContinuousDistribution {
  readonly kind = 'continuous';

  pdf(x: number): number {
    requireAbscissa(this.family, 'pdf', x);
    return this.weightedSum('pdf', x);
  }
}

class DiscreteMixture extends Mixture implements DiscreteDistribution {
  readonly kind = 'discrete';

  pmf(x: number): number {
    requireAbscissa(this.family, 'pmf', x);
    return Math.min(1, this.weightedSum('pmf', x));
  }
}

class MixedMixture extends Mixture implements Distribution {
  readonly kind = 'mixed';
}

/**
 * The components of positive weight of a distribution made by {@link mixture}, with their normalised
 * weights (a copy), or `undefined` for any other distribution. Used by `truncated` for exact moments.
 * @internal
 */
export function mixtureParts(
  dist: Distribution,
): { components: readonly Distribution[]; weights: Float64Array } | undefined {
  return Mixture.partsOf(dist);
}

/**
 * Weights of {@link mixture}, as `number[]` or `Float64Array`; they need not sum to 1.
 *
 * @example
 * ```ts
 * import { mixture, normal } from 'salvo';
 * const transitDays = [normal(10, 2), normal(25, 5)];
 * mixture(transitDays, [4, 1]).mean;                   // => 13
 * mixture(transitDays, Float64Array.of(0.8, 0.2)).mean; // => 13
 * ```
 */
export type MixtureWeights = readonly number[] | Float64Array;

/**
 * A finite mixture: each draw comes from component i with probability wᵢ / Σw. Use it for a quantity
 * with several regimes (a shipment that is either routine or diverted), for multi-modal expert opinion,
 * or to pool the views of several experts.
 *
 * Moments and functions, with normalised weights wᵢ:
 * - `mean` = Σ wᵢμᵢ; `variance` = Σ wᵢ(σᵢ² + μᵢ²) − μ², computed as Σ wᵢ(σᵢ² + (μᵢ − μ)²) to avoid
 *   cancellation (`Infinity` or `NaN` when a component's are).
 * - `cdf` = Σ wᵢFᵢ; `pdf` = Σ wᵢfᵢ when every component is continuous, `pmf` = Σ wᵢpᵢ when every component
 *   is discrete; otherwise `kind` is `'mixed'` and there is neither. Components of zero weight are ignored
 *   (also for `kind`).
 * - `quantile(p)` is the smallest x with cdf(x) >= p, found by bisection on the cdf between the smallest
 *   and largest component quantiles. The bisection runs over the bit patterns of doubles, so it takes at
 *   most 64 cdf evaluations and is exact to the last bit of the cdf (far below the 1e-12 relative error
 *   one would ask of an iterative solver); atoms of discrete components are returned exactly.
 *
 * Random consumption (deterministic; `fill(out, rng)` and `sample(out.length, rng)` consume identically):
 * the output is processed in consecutive chunks of 4,096 samples (the last one shorter). For each chunk of
 * m samples, first m doubles are drawn with `rng.fillFloat64` — one per sample, in index order — and
 * sample i takes the component c with cumulative weight W_{c-1} <= uᵢ < W_c; then, for c = 0, 1, … in
 * the order given, component c fills a buffer of as many values as samples chose it (`component.fill`,
 * skipped when none did), and those values go, in order, to those samples in index order. A mixture
 * with a single component of positive weight is that component: it calls `component.fill(out, rng)` and
 * draws no uniforms.
 *
 * @param components - one or more distributions (any kind; the array is copied)
 * @param weights - one non-negative finite weight per component, with a positive sum (normalised
 *   internally); default equal weights
 * @throws {@link SalvoError} `EMPTY_DATA` when `components` is empty
 * @throws {@link SalvoError} `LENGTH_MISMATCH` when `weights` and `components` differ in length
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `components` or `weights` is not an array, a
 *   component such as `components[1]` is not a distribution, a weight such as `weights[0]` is negative,
 *   NaN or infinite, or all weights are zero
 *
 * @example
 * ```ts
 * import { createRng, mixture, normal } from 'salvo';
 * // Transit time in days: routine 80% of the time, diverted otherwise.
 * const transitDays = mixture([normal(10, 2), normal(25, 5)], [0.8, 0.2]);
 * transitDays.mean;           // => 13
 * transitDays.variance;       // => 44.2
 * transitDays.cdf(15);        // => 0.7995822941290149
 * transitDays.quantile(0.5);  // => 10.634599340639442
 * transitDays.sample(1_000, createRng('doc')); // => Float64Array(1000)
 * ```
 */
export function mixture(
  components: readonly ContinuousDistribution[],
  weights?: MixtureWeights,
): ContinuousDistribution;
export function mixture(
  components: readonly DiscreteDistribution[],
  weights?: MixtureWeights,
): DiscreteDistribution;
export function mixture(
  components: readonly Distribution[],
  weights?: MixtureWeights,
): Distribution;
export function mixture(
  components: readonly Distribution[],
  weights?: MixtureWeights,
): Distribution {
  if (!Array.isArray(components)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `mixture: components must be an array of distributions, got ${show(components)}`,
      { parameter: 'components', value: components },
    );
  }
  const k = components.length;
  if (k === 0) {
    throw new SalvoError(
      'EMPTY_DATA',
      'mixture: components must hold at least one distribution, got none',
      { parameter: 'components', value: components },
    );
  }
  const given: Distribution[] = [];
  for (let i = 0; i < k; i++) {
    given.push(requireDistribution('mixture', `components[${i}]`, components[i]));
  }

  const normalised = new Float64Array(k);
  if (weights === undefined) {
    normalised.fill(1 / k);
  } else {
    if (!Array.isArray(weights) && !(weights instanceof Float64Array)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `mixture: weights must be an array of numbers or a Float64Array, got ${show(weights)}`,
        { parameter: 'weights', value: weights },
      );
    }
    if (weights.length !== k) {
      throw new SalvoError(
        'LENGTH_MISMATCH',
        `mixture: weights must have one entry per component (${k}), got ${weights.length}`,
        { parameter: 'weights', value: weights },
      );
    }
    let largest = 0;
    for (let i = 0; i < k; i++) {
      largest = Math.max(largest, requireNonNegative('mixture', `weights[${i}]`, weights[i]));
    }
    if (largest === 0) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `mixture: weights must have a positive sum, got all ${k} weights zero`,
        { parameter: 'weights', value: weights },
      );
    }
    // Scale by the largest weight first so that the sum cannot overflow.
    let sum = 0;
    for (let i = 0; i < k; i++) sum += weights[i] / largest;
    for (let i = 0; i < k; i++) normalised[i] = weights[i] / largest / sum;
  }

  let continuous = true;
  let discrete = true;
  for (let i = 0; i < k; i++) {
    if (normalised[i] === 0) continue;
    continuous &&= given[i].kind === 'continuous';
    discrete &&= given[i].kind === 'discrete';
  }
  const frozen = Object.freeze(given);
  const made = continuous
    ? new ContinuousMixture(frozen, normalised)
    : discrete
      ? new DiscreteMixture(frozen, normalised)
      : new MixedMixture(frozen, normalised);
  const givenWeights = weights === undefined ? undefined : Float64Array.from(weights);
  return written(Object.freeze(made), 'mixture', [frozen, givenWeights]);
}
