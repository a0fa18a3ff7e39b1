/**
 * Categorical (general finite discrete) distribution over given numeric values, sampled by the alias
 * method in Vose's numerically stable form (M. D. Vose, "A linear algorithm for generating random numbers
 * with a given distribution", IEEE Transactions on Software Engineering 17(9), 972-975, 1991; after
 * A. J. Walker, 1977). The table is built once in O(k); a draw costs one uniform u whatever k is: its
 * integer part after scaling, floor(u k), picks a column and its fractional part u k - floor(u k) is the
 * coin that chooses between the column's value and its alias. The coin keeps 53 - log2(k) random bits,
 * far more than the probabilities' own rounding for any table that fits in memory.
 * @module
 */
import { SalvoError } from '../errors.js';
import type { Rng } from '../rng/types.js';
import { show } from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import type { DiscreteDistribution } from './types.js';
import { written } from './written.js';

/**
 * A {@link categorical} distribution: a {@link DiscreteDistribution} that also lists its support.
 *
 * @example
 * ```ts
 * import { type CategoricalDistribution, categorical } from 'salvo';
 * const shellsPerCrate: CategoricalDistribution = categorical([20, 40, 60], [1, 2, 1]);
 * shellsPerCrate.support;       // => [20, 40, 60]
 * shellsPerCrate.probabilities; // => [0.25, 0.5, 0.25]
 * shellsPerCrate.pmf(40);       // => 0.5
 * ```
 */
export interface CategoricalDistribution extends DiscreteDistribution {
  /** The distinct values with positive probability, in ascending order. */
  readonly support: readonly number[];
  /** `probabilities[i]` is P(X = support[i]); they sum to 1. */
  readonly probabilities: readonly number[];
}

/** Up to this many values, inversion counts the cumulative probabilities below u without branches. */
const BRANCH_FREE_MAX = 16;

class Categorical extends BaseDistribution implements CategoricalDistribution {
  readonly family = 'categorical';
  readonly kind = 'discrete';
  readonly params: Readonly<{ size: number }>;
  readonly mean: number;
  readonly variance: number;
  readonly min: number;
  readonly max: number;
  readonly support: readonly number[];
  readonly probabilities: readonly number[];
  /** Ascending distinct values, their probabilities and cumulative probabilities (cum[k - 1] = 1). */
  private readonly values: Float64Array;
  private readonly probs: Float64Array;
  private readonly cum: Float64Array;
  /** Alias table, one column per value plus a guard column: keep the column's value when coin < keep. */
  private readonly keep: Float64Array;
  /** outcomes[i] = value of column i, outcomes[k + 1 + i] = its alias's value (i <= k). */
  private readonly outcomes: Float64Array;
  /**
   * Guide table for inversion of many values, built on first use: guide[j] = the smallest k with
   * cum[k] >= j / guide.length. An ES private field, so that it can be set on the frozen object.
   */
  #guide: Int32Array | undefined;

  /** `values` ascending and distinct, `weights` positive and finite. */
  constructor(values: Float64Array, weights: Float64Array) {
    super();
    const k = values.length;
    this.params = Object.freeze({ size: k });
    let total = 0;
    for (let i = 0; i < k; i++) total += weights[i];
    const probs = new Float64Array(k);
    const cum = new Float64Array(k);
    let running = 0;
    for (let i = 0; i < k; i++) {
      probs[i] = weights[i] / total;
      running += weights[i];
      cum[i] = running / total;
    }
    cum[k - 1] = 1;
    this.values = values;
    this.probs = probs;
    this.cum = cum;
    this.support = Object.freeze(Array.from(values));
    this.probabilities = Object.freeze(Array.from(probs));
    this.min = values[0];
    this.max = values[k - 1];
    let mean = 0;
    for (let i = 0; i < k; i++) mean += probs[i] * values[i];
    let variance = 0;
    for (let i = 0; i < k; i++) variance += probs[i] * (values[i] - mean) ** 2;
    this.mean = mean;
    this.variance = variance;

    // Vose's alias construction on the scaled probabilities k p_i, with the worklists as Int32Arrays.
    const keep = new Float64Array(k + 1);
    const alias = new Int32Array(k + 1);
    const scaled = new Float64Array(k);
    const small = new Int32Array(k);
    const large = new Int32Array(k);
    let nSmall = 0;
    let nLarge = 0;
    for (let i = 0; i < k; i++) {
      scaled[i] = (weights[i] / total) * k;
      if (scaled[i] < 1) small[nSmall++] = i;
      else large[nLarge++] = i;
    }
    while (nSmall > 0 && nLarge > 0) {
      const less = small[--nSmall];
      const more = large[--nLarge];
      keep[less] = scaled[less];
      alias[less] = more;
      scaled[more] = scaled[more] + scaled[less] - 1;
      if (scaled[more] < 1) small[nSmall++] = more;
      else large[nLarge++] = more;
    }
    // Leftovers are exactly 1 up to rounding: they keep their own value.
    while (nLarge > 0) {
      const i = large[--nLarge];
      keep[i] = 1;
      alias[i] = i;
    }
    while (nSmall > 0) {
      const i = small[--nSmall];
      keep[i] = 1;
      alias[i] = i;
    }
    // Guard column k, reached only if u k rounded up to k: the last value.
    keep[k] = 1;
    alias[k] = k - 1;
    const outcomes = new Float64Array(2 * (k + 1));
    for (let i = 0; i <= k; i++) {
      outcomes[i] = values[Math.min(i, k - 1)];
      outcomes[k + 1 + i] = values[alias[i]];
    }
    this.keep = keep;
    this.outcomes = outcomes;
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    // One uniform per draw, generated in bulk (fillFloat64 consumes exactly as n nextFloat64 calls).
    rng.fillFloat64(out);
    const n = out.length;
    const k = this.values.length;
    const keep = this.keep;
    const outcomes = this.outcomes;
    const stride = k + 1;
    for (let i = 0; i < n; i++) {
      const x = out[i] * k;
      const column = x | 0;
      // Branch-free: the alias sits `stride` entries after the column's own value.
      out[i] = outcomes[column + stride * +(x - column >= keep[column])];
    }
  }

  /**
   * quantileUnchecked for each uniform, over the same cumulative probabilities, so with the same
   * answers: the smallest k with cum[k] >= u is the number of cum[j] < u. Up to
   * {@link BRANCH_FREE_MAX} values that count is taken over all of them, without branches (a search's
   * branches are mispredicted on random uniforms); beyond, a guide table (H.-C. Chen and Y. Asau, 1974)
   * starts the search within about two steps of the answer.
   */
  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    const cum = this.cum;
    const values = this.values;
    const size = cum.length;
    const n = uniforms.length;
    if (size <= BRANCH_FREE_MAX) {
      const below = size - 1; // cum[size - 1] = 1 >= u: never counted
      for (let i = 0; i < n; i++) {
        const u = uniforms[i];
        let k = 0;
        for (let j = 0; j < below; j++) k += +(cum[j] < u);
        out[i] = values[k];
      }
      return;
    }
    let guide = this.#guide;
    if (guide === undefined) {
      guide = new Int32Array(2 * size);
      let k = 0;
      for (let j = 0; j < guide.length; j++) {
        while (cum[k] < j / guide.length) k++;
        guide[j] = k;
      }
      this.#guide = guide;
    }
    const cells = guide.length;
    const lastCell = cells - 1;
    for (let i = 0; i < n; i++) {
      const u = uniforms[i];
      let k = guide[Math.min((u * cells) | 0, lastCell)];
      // The product u · cells can round up across a cell boundary: step back first.
      while (k > 0 && cum[k - 1] >= u) k--;
      while (cum[k] < u) k++;
      out[i] = values[k];
    }
  }

  /** Index of the last value <= x, or -1. */
  private lastAtMost(x: number): number {
    const values = this.values;
    let lo = -1;
    let hi = values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (values[mid] <= x) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  pmf(x: number): number {
    requireAbscissa(this.family, 'pmf', x);
    const i = this.lastAtMost(x);
    return i >= 0 && this.values[i] === x ? this.probs[i] : 0;
  }

  protected cdfUnchecked(x: number): number {
    const i = this.lastAtMost(x);
    return i < 0 ? 0 : this.cum[i];
  }

  protected quantileUnchecked(p: number): number {
    // The first value whose cumulative probability reaches p.
    const cum = this.cum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] >= p) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }
}

function requireNumberList(parameter: string, value: unknown): ArrayLike<number> {
  if (!Array.isArray(value) && !(value instanceof Float64Array)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `categorical: ${parameter} must be an array of numbers or a Float64Array, got ${show(value)}`,
      { parameter, value },
    );
  }
  return value as ArrayLike<number>;
}

/**
 * A distribution over a finite set of numbers, each drawn with probability proportional to its weight:
 * the general discrete distribution ("a die with these faces and these odds"). Weights need not sum to 1;
 * they are normalised. Repeated values merge their weights, and values of weight 0 are left out of the
 * support. `cdf`, `quantile` and `pmf` work over the sorted distinct values.
 *
 * Draws use Walker's alias method in Vose's form: one uniform per draw, in constant time. `params` holds
 * only `size`, the number of distinct values; `support` and `probabilities` list them.
 *
 * @param values - the possible outcomes: finite numbers, as an array or a Float64Array
 * @param weights - one non-negative finite weight per value, not all zero, same length as `values`
 * @throws {@link SalvoError} `EMPTY_DATA` when `values` is empty; `LENGTH_MISMATCH` when the lengths
 *   differ; `INVALID_PARAMETER` naming `values[i]` or `weights[i]` for a non-finite value or a negative,
 *   NaN or infinite weight, naming `weights` when every weight is 0, and naming `values` or `weights`
 *   when one is not an array
 *
 * @example
 * ```ts
 * import { categorical, createRng } from 'salvo';
 * const shellsPerCrate = categorical([20, 40, 60, 40], [1, 2, 1, 1]);
 * shellsPerCrate.support;         // => [20, 40, 60]
 * shellsPerCrate.probabilities;   // => [0.2, 0.6, 0.2]
 * shellsPerCrate.mean;            // => 40
 * shellsPerCrate.pmf(40);         // => 0.6
 * shellsPerCrate.cdf(45);         // => 0.8
 * shellsPerCrate.quantile(0.9);   // => 60
 * shellsPerCrate.sample(1_000, createRng('crates')); // => Float64Array(1000) of 20s, 40s and 60s
 * ```
 */
export function categorical(
  values: readonly number[] | Float64Array,
  weights: readonly number[] | Float64Array,
): CategoricalDistribution {
  const xs = requireNumberList('values', values);
  const ws = requireNumberList('weights', weights);
  if (xs.length !== ws.length) {
    throw new SalvoError(
      'LENGTH_MISMATCH',
      `categorical: weights must have one entry per value, got ${xs.length} values and ${ws.length} weights`,
      { parameter: 'weights', value: weights },
    );
  }
  if (xs.length === 0) {
    throw new SalvoError('EMPTY_DATA', 'categorical: values must not be empty, got 0 values', {
      parameter: 'values',
      value: values,
    });
  }
  const k = xs.length;
  let largest = 0;
  for (let i = 0; i < k; i++) {
    const x = xs[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `categorical: values[${i}] must be a finite number, got ${show(x)}`,
        { parameter: `values[${i}]`, value: x },
      );
    }
    const w = ws[i];
    if (typeof w !== 'number' || !(w >= 0) || w === Number.POSITIVE_INFINITY) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `categorical: weights[${i}] must be a finite number >= 0, got ${show(w)}`,
        { parameter: `weights[${i}]`, value: w },
      );
    }
    if (w > largest) largest = w;
  }
  if (largest === 0) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `categorical: weights must not all be 0, got ${k} zero weights`,
      { parameter: 'weights', value: weights },
    );
  }
  // Sort by value, merge repeated values, drop zero weights; weights are divided by the largest so that
  // their sum cannot overflow.
  const order = Array.from({ length: k }, (_, i) => i).sort((i, j) => xs[i] - xs[j]);
  const distinct: number[] = [];
  const merged: number[] = [];
  for (const i of order) {
    const w = ws[i] / largest;
    if (w === 0) continue;
    const last = distinct.length - 1;
    // -0 and 0 are one value.
    if (last >= 0 && distinct[last] === xs[i]) merged[last] += w;
    else {
      distinct.push(xs[i] === 0 ? 0 : xs[i]);
      merged.push(w);
    }
  }
  return written(
    Object.freeze(new Categorical(Float64Array.from(distinct), Float64Array.from(merged))),
    'categorical',
    [Float64Array.from(xs as ArrayLike<number>), Float64Array.from(ws as ArrayLike<number>)],
  );
}
