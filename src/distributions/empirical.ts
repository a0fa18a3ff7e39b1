/**
 * Empirical distribution of a data set: the bootstrap. Sampling draws data values uniformly with
 * replacement; the cdf is the empirical CDF; the quantile is numpy's default `'linear'` quantile
 * (Hyndman and Fan's type 7, R's default), R. J. Hyndman and Y. Fan, "Sample Quantiles in Statistical
 * Packages", The American Statistician 50(4), 1996.
 * @module
 */
import { SalvoError } from '../errors.js';
import type { Rng } from '../rng/types.js';
import { countAtMost, countBelow } from '../special/search.js';
import { requireFinite, show } from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import type { DiscreteDistribution, Distribution } from './types.js';
import { written } from './written.js';

class Empirical extends BaseDistribution implements DiscreteDistribution {
  readonly family = 'empirical';
  readonly kind = 'discrete';
  readonly params: Readonly<{ n: number }>;
  readonly mean: number;
  readonly variance: number;
  readonly min: number;
  readonly max: number;
  /** The data, ascending: an ES private field, so that the frozen object exposes nothing mutable. */
  readonly #sorted: Float64Array;

  constructor(sorted: Float64Array) {
    super();
    const n = sorted.length;
    this.#sorted = sorted;
    this.params = Object.freeze({ n });
    this.min = sorted[0];
    this.max = sorted[n - 1];
    // Neumaier-compensated sum for the mean, then the two-pass (centred) sum of squares.
    let sum = 0;
    let compensation = 0;
    for (let i = 0; i < n; i++) {
      const x = sorted[i];
      const t = sum + x;
      compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
      sum = t;
    }
    const mean = (sum + compensation) / n;
    let squares = 0;
    let residual = 0;
    for (let i = 0; i < n; i++) {
      const d = sorted[i] - mean;
      squares += d * d;
      residual += d;
    }
    // The residual term corrects for the rounding of the mean (Chan, Golub and LeVeque, 1983).
    this.mean = Math.min(this.max, Math.max(this.min, mean));
    this.variance = Math.max(0, (squares - (residual * residual) / n) / n);
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    const sorted = this.#sorted;
    const n = sorted.length;
    const count = out.length;
    for (let i = 0; i < count; i++) out[i] = sorted[Math.floor(rng.nextFloat64() * n)];
  }

  /**
   * The inverse of the empirical cdf, not the interpolated `quantile`: the smallest datum x with
   * P(X <= x) >= u, sorted[ceil(u n) - 1] (sorted[0] for u = 0), so that draws are data values as
   * samples are, and i.i.d. uniforms give the bootstrap.
   */
  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    const sorted = this.#sorted;
    const n = sorted.length;
    const count = uniforms.length;
    for (let i = 0; i < count; i++) {
      const u = uniforms[i];
      // P(X <= sorted[j]) >= (j + 1) / n, with equality at the last of equal data; j = ceil(u n) - 1
      // is the smallest index with (j + 1) / n >= u. Rounding of u n is corrected by the checks below
      // against the exact comparison (j + 1) >= u n done in the same floating point as the cdf.
      let j = Math.ceil(u * n) - 1;
      if (j < 0) j = 0;
      else if (j >= n) j = n - 1;
      while (j > 0 && j / n >= u) j--;
      while (j < n - 1 && (j + 1) / n < u) j++;
      out[i] = sorted[j];
    }
  }

  protected cdfUnchecked(x: number): number {
    return countAtMost(this.#sorted, x) / this.#sorted.length;
  }

  protected quantileUnchecked(p: number): number {
    const sorted = this.#sorted;
    const last = sorted.length - 1;
    // numpy: virtual index (n - 1) p, floor and next clipped to the last index, then _lerp.
    const h = last * p;
    if (h >= last) return sorted[last];
    const i = Math.floor(h);
    const t = h - i;
    const a = sorted[i];
    const b = sorted[i + 1];
    const diff = b - a;
    // numpy's _lerp interpolates from the nearer end, which keeps the result monotone in p and exact
    // at t = 1.
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }

  /** The ascending data of `dist` when it is an Empirical, else undefined. */
  static sortedData(dist: unknown): Float64Array | undefined {
    return dist instanceof Empirical ? dist.#sorted : undefined;
  }

  pmf(x: number): number {
    requireAbscissa(this.family, 'pmf', x);
    const sorted = this.#sorted;
    return (countAtMost(sorted, x) - countBelow(sorted, x)) / sorted.length;
  }
}

/**
 * The empirical (bootstrap) distribution of observed data: each draw is one of the data values, picked
 * uniformly at random with replacement, so a value that occurs k times in n data is drawn with
 * probability k / n (`pmf`). The data are copied and sorted once; a draw is `sorted[floor(u * n)]` with
 * one 53-bit uniform `u` per sample.
 *
 * - `mean` and `variance` are those of the data taken as a population (divisor n, not n - 1), which are
 *   the moments of the resampling distribution.
 * - `cdf(x)` is the empirical CDF: the fraction of the data `<= x`.
 * - `quantile(p)` is numpy's default `np.quantile(data, p)` (`method='linear'`, Hyndman and Fan's type 7):
 *   it interpolates linearly between neighbouring order statistics at index `(n - 1) p`. Unlike the cdf,
 *   it is not the generalised inverse of the ECDF, and it may return values that are not in the data,
 *   while samples only ever take data values.
 * - `fillFromUniforms(uniforms, out)` is the generalised inverse of the cdf, the smallest datum x with
 *   `cdf(x) >= u`: data values, as samples are (so that Latin hypercube strata of an empirical input
 *   resample the data), not the interpolated `quantile`.
 *
 * @param data - the observations: a non-empty `number[]` or `Float64Array` of finite numbers (not modified)
 * @throws {@link SalvoError} `EMPTY_DATA` when `data` is empty
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `data` is not an array, or an element such as
 *   `data[3]` is NaN, infinite or not a number
 *
 * @example
 * ```ts
 * import { createRng, empirical } from 'salvo';
 * const shellsPerContainer = empirical([320, 410, 410, 550, 600]);
 * shellsPerContainer.mean;           // => 458
 * shellsPerContainer.pmf(410);       // => 0.4
 * shellsPerContainer.cdf(500);       // => 0.6
 * shellsPerContainer.quantile(0.9);  // => 580 (as np.quantile: between 550 and 600)
 * shellsPerContainer.sample(4, createRng('doc')); // => Float64Array(4) [600, 410, 410, 410]
 * ```
 */
export function empirical(data: readonly number[] | Float64Array): DiscreteDistribution {
  if (!Array.isArray(data) && !(data instanceof Float64Array)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `empirical: data must be an array of numbers or a Float64Array, got ${show(data)}`,
      { parameter: 'data', value: data },
    );
  }
  const n = data.length;
  if (n === 0) {
    throw new SalvoError('EMPTY_DATA', 'empirical: data must hold at least one value, got none', {
      parameter: 'data',
      value: data,
    });
  }
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = data[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) requireFinite('empirical', `data[${i}]`, x);
    sorted[i] = x;
  }
  sorted.sort();
  // Written as its sorted data: the same distribution as the data in any order, stored once.
  return written(Object.freeze(new Empirical(sorted)), 'empirical', [sorted]);
}

/**
 * The ascending data behind a distribution made by {@link empirical}, or `undefined` for any other
 * distribution. Used by `truncated` to keep the data in a window. The array is the distribution's own:
 * callers must not modify it.
 * @internal
 */
export function empiricalSortedData(dist: Distribution): Float64Array | undefined {
  return Empirical.sortedData(dist);
}
