/**
 * Precision of Monte Carlo estimates: standard errors and 95% intervals for means, quantiles and
 * probabilities, the stopping rule of `run({ until })`, and convergence traces.
 *
 * - Mean: sd / √n.
 * - Quantile p: the distribution-free interval between the order statistics at ranks
 *   n·p ∓ z·√(n·p·(1 − p)) (the binomial count of samples below the true quantile, by its normal
 *   approximation), read with the same interpolation as the estimate; its standard error is the
 *   interval's half-width over z. Undefined (NaN) when fewer than 5 samples are expected beyond the
 *   quantile, where neither the normal approximation nor the interval means much.
 * - Probability: the Wilson score interval (Wilson 1927), standard error √(p̂(1 − p̂)/n).
 * @module
 */
import { SalvoError } from '../errors.js';
import {
  invalidParameter,
  optionNames,
  requireBoolean,
  requireKnownOptions,
  requireObject,
  show,
} from '../validate.js';

/** z of a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * An estimate with an interval around it at a stated probability: what `run.interval(name)` returns
 * and {@link formatInterval} prints as `2.3M (90%: 1.4M–3.4M)`.
 *
 * @example
 * ```ts
 * import { formatInterval, type IntervalEstimate } from 'salvo';
 * const shells: IntervalEstimate = { estimate: 2.3e6, lower: 1.4e6, upper: 3.4e6, level: 0.9 };
 * formatInterval(shells); // => '2.3M (90%: 1.4M–3.4M)'
 * ```
 */
export interface IntervalEstimate {
  /** The central value (a median or mean). */
  readonly estimate: number;
  /** Lower end of the interval. */
  readonly lower: number;
  /** Upper end. */
  readonly upper: number;
  /** The interval's probability, such as 0.9 for 90%. */
  readonly level: number;
  /**
   * How many independent samples the interval rests on, when known: a node's finite samples, or with
   * evidence (`.observe`) Kish's effective sample size of their weights. {@link formatInterval} marks
   * an interval that rests on fewer than 1,000 as weak: its printed digits may be noise.
   */
  readonly effectiveSampleSize?: number;
}

/**
 * A 95% interval around an estimate, and its standard error.
 *
 * @example
 * ```ts
 * import { model, normal } from 'salvo';
 * const run = model({ seed: 1 }).input('x', normal(0, 1)).run({ samples: 100_000 });
 * const median = run.summary('x').quantileIntervals.p50;
 * median.lower < 0 && 0 < median.upper; // => true (about ±0.008)
 * ```
 */
export interface Interval {
  /** Lower end of the 95% interval. */
  readonly lower: number;
  /** Upper end of the 95% interval. */
  readonly upper: number;
  /** Standard error of the estimate (for quantiles: the interval's half-width / 1.96). */
  readonly standardError: number;
}

/** The probability levels whose quantiles bound the 95% interval of quantile p with n samples. */
export function quantileIntervalLevels(p: number, n: number): [number, number] | undefined {
  if (n * Math.min(p, 1 - p) < 5) return undefined;
  const spread = Z95 * Math.sqrt((p * (1 - p)) / n);
  return [Math.max(0, p - spread), Math.min(1, p + spread)];
}

/**
 * Every quantile level a node's summary reads with n samples: the summary's `probabilities`, then the
 * two ends of each one's 95% interval (where there is one), in that order.
 */
export function summaryLevels(probabilities: readonly number[], n: number): number[] {
  const all = [...probabilities];
  for (const p of probabilities) {
    const levels = quantileIntervalLevels(p, n);
    if (levels !== undefined) all.push(levels[0], levels[1]);
  }
  return all;
}

/** An interval from the quantiles at the two levels of {@link quantileIntervalLevels}. */
export function quantileInterval(lower: number, upper: number): Interval {
  return { lower, upper, standardError: (upper - lower) / (2 * Z95) };
}

/** The undefined interval (too few samples beyond the quantile). */
export const NO_INTERVAL: Interval = Object.freeze({
  lower: Number.NaN,
  upper: Number.NaN,
  standardError: Number.NaN,
});

/**
 * A probability estimated from samples, with its precision.
 *
 * @example
 * ```ts
 * import { model, uniform } from 'salvo';
 * const run = model({ seed: 1 }).input('u', uniform(0, 1)).run({ samples: 10_000 });
 * const estimate = run.probabilityInterval('u', '<', 0.1);
 * estimate.probability;    // => about 0.1
 * estimate.standardError;  // => about 0.003 (√(0.1 · 0.9 / 10,000))
 * ```
 */
export interface ProbabilityEstimate extends Interval {
  /** The estimated probability (share of finite samples). */
  readonly probability: number;
  /** Finite samples it was estimated from. */
  readonly samples: number;
}

/** The Wilson score interval for `successes` out of `n`. */
export function wilson(successes: number, n: number): ProbabilityEstimate {
  const p = successes / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return {
    probability: p,
    samples: n,
    lower: Math.max(0, centre - half),
    upper: Math.min(1, centre + half),
    standardError: Math.sqrt((p * (1 - p)) / n),
  };
}

/**
 * The stopping rule of a run: draw blocks until the listed quantiles (and the mean, if asked) of the
 * listed nodes are known to within `relativeError`.
 *
 * @example
 * ```ts
 * import { model, lognormal, type UntilOptions } from 'salvo';
 * const until: UntilOptions<'x'> = { quantiles: [0.05, 0.5, 0.95], relativeError: 0.01 };
 * const run = model({ seed: 1 }).input('x', lognormal(0, 1)).run({ until });
 * run.precision?.converged;          // => true
 * run.sampleCount < 1_000_000;       // => true (it stopped as soon as it could)
 * ```
 */
export interface UntilOptions<Names extends string> {
  /** The nodes whose precision matters; default every node that no other node reads (the outputs). */
  readonly nodes?: readonly Names[];
  /** Quantile levels to pin down; default `[0.05, 0.5, 0.95]`. An empty list checks only the mean. */
  readonly quantiles?: readonly number[];
  /** Also require the mean's 95% half-width (1.96 · sd / √n) within `relativeError` of |mean|. */
  readonly mean?: boolean;
  /**
   * The target: each 95% interval's half-width divided by the magnitude of its estimate, in
   * [0.002, 1). The intervals are read from a sketch with 0.1% relative accuracy, hence the floor.
   */
  readonly relativeError: number;
  /** Stop here even if the target is not reached (`precision.converged` is then false). Default 10,000,000. */
  readonly maxSamples?: number;
  /** Never stop before this many samples; default 65,536 (one check interval). */
  readonly minSamples?: number;
}

/**
 * Samples between two precision checks in `run({ until })`: part of the reproducibility contract (a
 * seed stops at the same count whatever the block size), not a tuning knob.
 *
 * @example
 * ```ts
 * import { CHECK_INTERVAL, model, normal } from 'salvo';
 * const run = model({ seed: 1 }).input('x', normal(10, 1)).run({ until: { relativeError: 0.01 } });
 * run.sampleCount % CHECK_INTERVAL; // => 0 (a run with until stops at a check)
 * ```
 */
export const CHECK_INTERVAL = 65_536;

/** The sketch accuracy used to follow the precision of quantiles during an `until` run. */
export const UNTIL_SKETCH_ACCURACY = 0.001;

/**
 * One point of a convergence trace: an estimate after `samples` samples, with its 95% interval.
 *
 * @example
 * ```ts
 * import { model, normal } from 'salvo';
 * const run = model({ seed: 1 }).input('x', normal(5, 1)).run({ samples: 100_000 });
 * const trace = run.convergence('x', { statistic: 'mean' });
 * trace.at(-1)?.samples;  // => 100000
 * trace.at(-1)?.estimate; // => about 5
 * ```
 */
export interface ConvergencePoint extends Interval {
  /** Samples drawn so far. */
  readonly samples: number;
  /** The node. */
  readonly node: string;
  /** `'mean'` or the quantile level. */
  readonly statistic: 'mean' | number;
  /** The estimate after `samples` samples. */
  readonly estimate: number;
  /** Half-width of the 95% interval over |estimate| (NaN when the interval is undefined). */
  readonly relativeError: number;
}

/**
 * The convergence point of a mean: `mean` ± z·`standardError` (z: 1.96 for i.i.d. samples, Student's
 * t under a sampling design). One shape for `convergence` traces and `until`'s checks.
 */
export function meanPoint(
  samples: number,
  node: string,
  mean: number,
  standardError: number,
  z: number,
): ConvergencePoint {
  return {
    samples,
    node,
    statistic: 'mean',
    estimate: mean,
    lower: mean - z * standardError,
    upper: mean + z * standardError,
    standardError,
    relativeError: (z * standardError) / Math.abs(mean),
  };
}

/**
 * How an `until` run ended.
 *
 * @example
 * ```ts
 * import { model, normal } from 'salvo';
 * const run = model({ seed: 1 })
 *   .input('x', normal(100, 10))
 *   .run({ until: { quantiles: [0.5], relativeError: 0.002, maxSamples: 200_000 } });
 * run.precision?.samples === run.sampleCount; // => true
 * ```
 */
export interface RunPrecision {
  /** Whether every target was met (false: stopped at `maxSamples`). */
  readonly converged: boolean;
  /** Samples drawn. */
  readonly samples: number;
  /** The requested relative error. */
  readonly relativeError: number;
  /** The nodes checked. */
  readonly nodes: readonly string[];
  /** Every check: each node's statistics, in check order. */
  readonly trace: readonly ConvergencePoint[];
}

/** The names {@link UntilOptions} knows, for `UNKNOWN_OPTION`. */
export const UNTIL_OPTION_NAMES = optionNames<UntilOptions<string>>()([
  'nodes',
  'quantiles',
  'mean',
  'relativeError',
  'maxSamples',
  'minSamples',
]);

/** Checked `until` options. */
export interface UntilPlan {
  readonly nodes: readonly string[];
  readonly quantiles: readonly number[];
  readonly mean: boolean;
  readonly relativeError: number;
  readonly maxSamples: number;
  readonly minSamples: number;
}

/** Checks `until`; `outputs` are the default nodes. */
export function planUntil(
  where: string,
  until: UntilOptions<string>,
  names: readonly string[],
  outputs: readonly string[],
): UntilPlan {
  requireObject(where, 'until', until, 'an object such as { relativeError: 0.01 }');
  requireKnownOptions(where, 'until', until, UNTIL_OPTION_NAMES);
  const relativeError = until.relativeError;
  if (typeof relativeError !== 'number' || !(relativeError >= 0.002 && relativeError < 1)) {
    throw invalidParameter(
      where,
      'until.relativeError',
      `until.relativeError must be a number in [0.002, 1) (the half-width of a 95% interval over the estimate), got ${show(relativeError)}`,
      relativeError,
    );
  }
  const nodes = until.nodes ?? outputs;
  if (!Array.isArray(nodes) || nodes.length === 0) {
    throw invalidParameter(
      where,
      'until.nodes',
      `until.nodes must be a non-empty list of node names, got ${show(nodes)}`,
      nodes,
    );
  }
  nodes.forEach((name, i) => {
    if (!names.includes(name)) {
      throw invalidParameter(
        where,
        `until.nodes[${i}]`,
        `until.nodes[${i}] names no node: ${show(name)} (nodes: ${names.join(', ')})`,
        name,
      );
    }
  });
  const quantiles = until.quantiles ?? [0.05, 0.5, 0.95];
  if (!Array.isArray(quantiles)) {
    throw invalidParameter(
      where,
      'until.quantiles',
      `until.quantiles must be a list of probabilities, got ${show(quantiles)}`,
      quantiles,
    );
  }
  quantiles.forEach((p, i) => {
    if (typeof p !== 'number' || !(p > 0 && p < 1)) {
      throw invalidParameter(
        where,
        `until.quantiles[${i}]`,
        `until.quantiles[${i}] must be a probability strictly between 0 and 1, got ${show(p)}`,
        p,
      );
    }
  });
  const mean = requireBoolean(where, 'until.mean', until.mean, false);
  if (quantiles.length === 0 && !mean) {
    throw invalidParameter(
      where,
      'until.quantiles',
      'until.quantiles is empty and until.mean is not set: there is nothing to make precise',
      quantiles,
    );
  }
  const maxSamples = until.maxSamples ?? 10_000_000;
  if (!Number.isSafeInteger(maxSamples) || maxSamples < 1) {
    throw new SalvoError(
      'INVALID_SAMPLE_COUNT',
      `${where}: until.maxSamples must be a positive integer, got ${show(maxSamples)}`,
      { parameter: 'until.maxSamples', value: maxSamples },
    );
  }
  const minSamples = until.minSamples ?? Math.min(CHECK_INTERVAL, maxSamples);
  if (!Number.isSafeInteger(minSamples) || minSamples < 1 || minSamples > maxSamples) {
    throw new SalvoError(
      'INVALID_SAMPLE_COUNT',
      `${where}: until.minSamples must be a positive integer no larger than maxSamples (${maxSamples}), got ${show(minSamples)}`,
      { parameter: 'until.minSamples', value: minSamples },
    );
  }
  return {
    nodes: [...nodes],
    quantiles: [...quantiles],
    mean,
    relativeError,
    maxSamples,
    minSamples,
  };
}
