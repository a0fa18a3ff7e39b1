/**
 * Proper scores of a forecast against what happened (T. Gneiting and A. E. Raftery, "Strictly Proper
 * Scoring Rules, Prediction, and Estimation", Journal of the American Statistical Association 102(477),
 * 2007, 359–378): the continuous ranked probability score (CRPS) of a forecast given by samples
 * (optionally weighted) or by a normal distribution, the interval score of a central interval, and
 * whether an interval covers the observation. Lower scores are better; each is in the unit of the
 * quantity (the CRPS of a point forecast is its absolute error). The first piece of issue 20's
 * backtests, which score projections made before a date against what was observed after it.
 * @module
 */
import { SalvoError } from '../../errors.js';
import { normalCdf } from '../../special/normal.js';
import { requireFinite, requirePositive, show } from '../../validate.js';

const ONE_OVER_SQRT_PI = 0.5641895835477563;
const ONE_OVER_SQRT_TWO_PI = 0.3989422804014327;

function requireSamples(where: string, samples: unknown): Float64Array {
  if (!(samples instanceof Float64Array) && !Array.isArray(samples)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: samples must be a Float64Array or an array of numbers, got ${show(samples)}`,
      { parameter: 'samples', value: samples },
    );
  }
  if (samples.length === 0) {
    throw new SalvoError('EMPTY_DATA', `${where}: samples must hold at least one value, got none`, {
      parameter: 'samples',
      value: samples,
    });
  }
  const copy = new Float64Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    copy[i] = requireFinite(where, `samples[${i}]`, samples[i]);
  }
  return copy;
}

function requireWeights(where: string, weights: unknown, n: number): Float64Array {
  if (!(weights instanceof Float64Array) && !Array.isArray(weights)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: weights must be a Float64Array or an array of numbers, got ${show(weights)}`,
      { parameter: 'weights', value: weights },
    );
  }
  if (weights.length !== n) {
    throw new SalvoError(
      'LENGTH_MISMATCH',
      `${where}: weights must have one entry per sample (${n}), got ${weights.length}`,
      { parameter: 'weights', value: weights },
    );
  }
  const copy = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (typeof w !== 'number' || !(w >= 0) || w === Number.POSITIVE_INFINITY) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: weights[${i}] must be a finite number >= 0, got ${show(w)}`,
        { parameter: `weights[${i}]`, value: w },
      );
    }
    copy[i] = w;
    total += w;
  }
  if (!(total > 0)) {
    throw new SalvoError('INVALID_PARAMETER', `${where}: weights must not all be 0`, {
      parameter: 'weights',
      value: weights,
    });
  }
  return copy;
}

/**
 * The CRPS of a forecast given by samples (a run's samples of a node; with `.observe`, pass
 * `run.weights()` too) against the observed value: ∫ (F(x) − 1{x ≥ observed})² dx for the samples'
 * (weighted) empirical distribution F, computed as E|X − y| − ½ E|X − X′| after one sort, O(n log n).
 * It rewards forecasts that are both sharp and right: 0 only for all samples exactly at the
 * observation; for one sample it is the absolute error. This is the empirical distribution's own CRPS
 * (as `properscoring.crps_ensemble` computes it), slightly above the CRPS of the distribution the
 * samples come from, by E|X − X′| / (2n) on average.
 *
 * @param samples - the forecast's samples, finite
 * @param observed - what happened, finite
 * @param weights - one non-negative weight per sample (not all 0), for a weighted forecast
 * @returns the score, in the quantity's unit (lower is better)
 * @throws {@link SalvoError} `INVALID_PARAMETER` for a non-finite sample, observation or weight;
 *   `EMPTY_DATA` for no samples; `LENGTH_MISMATCH` for weights of another length
 *
 * @example
 * ```ts
 * import { crps } from 'salvo';
 * crps([1, 2, 3], 2);          // => 0.2222222222222222 (E|X − 2| = 2/3, less half of E|X − X′| = 8/9)
 * crps([5], 3);                // => 2 (one sample: the absolute error)
 * crps([0, 10], 0, [3, 1]);    // => 0.625 (weighted: 3/4 of the forecast at 0)
 * ```
 */
export function crps(
  samples: Float64Array | readonly number[],
  observed: number,
  weights?: Float64Array | readonly number[],
): number {
  const where = 'crps';
  const xs = requireSamples(where, samples);
  const y = requireFinite(where, 'observed', observed);
  const n = xs.length;
  const w = weights === undefined ? undefined : requireWeights(where, weights, n);
  if (w === undefined) {
    xs.sort();
    // E|X − y| and ½ E|X − X′| = (1/n²) Σ (2i − n − 1) x_(i) (i from 1), on the sorted samples.
    let absolute = 0;
    let spread = 0;
    for (let i = 0; i < n; i++) {
      absolute += Math.abs(xs[i] - y);
      spread += (2 * (i + 1) - n - 1) * xs[i];
    }
    return absolute / n - spread / (n * n);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a] - xs[b]);
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i];
  // With weights normalised to p: ½ E|X − X′| = Σ p_i x_(i) (2 C_(i−1) + p_i − 1), C the cumulative.
  let absolute = 0;
  let spread = 0;
  let before = 0;
  for (const i of order) {
    const p = w[i] / total;
    absolute += p * Math.abs(xs[i] - y);
    spread += p * xs[i] * (2 * before + p - 1);
    before += p;
  }
  return absolute - spread;
}

/**
 * The CRPS of a normal forecast N(mean, sd²) against the observed value, in closed form:
 * sd · [z (2Φ(z) − 1) + 2φ(z) − 1/√π] with z = (observed − mean) / sd (Gneiting and Raftery 2007).
 *
 * @param mean - the forecast's mean, finite
 * @param sd - its standard deviation, finite and > 0
 * @param observed - what happened, finite
 * @returns the score, in the quantity's unit (lower is better)
 * @throws {@link SalvoError} `INVALID_PARAMETER` for a non-finite mean or observation, or an sd that is
 *   not a finite number > 0
 *
 * @example
 * ```ts
 * import { crpsNormal } from 'salvo';
 * crpsNormal(0, 1, 0);     // => about 0.23369497725510913 (2φ(0) − 1/√π)
 * crpsNormal(10, 2, 13);   // => about 1.9888480079549058 (scipy)
 * ```
 */
export function crpsNormal(mean: number, sd: number, observed: number): number {
  const where = 'crpsNormal';
  requireFinite(where, 'mean', mean);
  requirePositive(where, 'sd', sd);
  requireFinite(where, 'observed', observed);
  const z = (observed - mean) / sd;
  const density = ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * z * z);
  return sd * (z * (2 * normalCdf(z) - 1) + 2 * density - ONE_OVER_SQRT_PI);
}

/**
 * The interval score of a central interval [lower, upper] at `level` against the observed value:
 * its width, plus 2/α times how far the observation falls outside it (α = 1 − level). It rewards
 * narrow intervals and penalises misses in proportion to their size; its mean over many forecasts is
 * lowest for intervals between the true (1 − level)/2 and (1 + level)/2 quantiles.
 *
 * @param interval - `lower`, `upper` (finite, lower <= upper) and `level` in (0, 1), as
 *   `run.interval(name)` gives them
 * @param observed - what happened, finite
 * @returns the score, in the quantity's unit (lower is better)
 * @throws {@link SalvoError} `INVALID_PARAMETER` for non-finite bounds or observation, `lower > upper`,
 *   or a level outside (0, 1)
 *
 * @example
 * ```ts
 * import { intervalScore } from 'salvo';
 * intervalScore({ lower: 2, upper: 6, level: 0.9 }, 5);  // => 4 (inside: the width)
 * intervalScore({ lower: 2, upper: 6, level: 0.5 }, 7);  // => 8 (4 + 2/0.5 × 1: missed by 1)
 * ```
 */
export function intervalScore(
  interval: { readonly lower: number; readonly upper: number; readonly level: number },
  observed: number,
): number {
  const where = 'intervalScore';
  const { lower, upper, level } = readInterval(where, interval);
  const y = requireFinite(where, 'observed', observed);
  const penalty = 2 / (1 - level);
  return upper - lower + penalty * Math.max(0, lower - y) + penalty * Math.max(0, y - upper);
}

/**
 * Whether a central interval covers the observed value (bounds included): over many forecasts the
 * share covered should be close to the intervals' level.
 *
 * @param interval - `lower` and `upper` (finite, lower <= upper) and `level` in (0, 1)
 * @param observed - what happened, finite
 * @returns true when lower <= observed <= upper
 * @throws {@link SalvoError} `INVALID_PARAMETER` as {@link intervalScore}
 *
 * @example
 * ```ts
 * import { covers } from 'salvo';
 * covers({ lower: 2, upper: 6, level: 0.5 }, 6);  // => true
 * covers({ lower: 2, upper: 6, level: 0.5 }, 7);  // => false
 * ```
 */
export function covers(
  interval: { readonly lower: number; readonly upper: number; readonly level: number },
  observed: number,
): boolean {
  const where = 'covers';
  const { lower, upper } = readInterval(where, interval);
  const y = requireFinite(where, 'observed', observed);
  return lower <= y && y <= upper;
}

function readInterval(
  where: string,
  interval: unknown,
): { lower: number; upper: number; level: number } {
  if (typeof interval !== 'object' || interval === null) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: interval must be { lower, upper, level }, got ${show(interval)}`,
      { parameter: 'interval', value: interval },
    );
  }
  const { lower, upper, level } = interval as Record<string, unknown>;
  requireFinite(where, 'interval.lower', lower);
  requireFinite(where, 'interval.upper', upper);
  if ((lower as number) > (upper as number)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: interval.lower must not be above interval.upper, got ${show(lower)} > ${show(upper)}`,
      { parameter: 'interval.lower', value: lower },
    );
  }
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: interval.level must be a probability strictly between 0 and 1, got ${show(level)}`,
      { parameter: 'interval.level', value: level },
    );
  }
  return { lower: lower as number, upper: upper as number, level };
}
