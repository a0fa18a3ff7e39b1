/**
 * Convergence traces: the running estimate of a kept node's mean or of one quantile after the first
 * k samples, with its 95% interval, at sample counts spaced evenly on a log scale.
 * @module
 */
import { SalvoError } from '../errors.js';
import { nonFiniteCount } from '../samples/extremes.js';
import { quantiles } from '../samples/quantiles.js';
import { optionNames, requireKnownOptions, requireObject, show } from '../validate.js';
import {
  type ConvergencePoint,
  NO_INTERVAL,
  quantileInterval,
  quantileIntervalLevels,
  Z95,
} from './precision.js';

/**
 * Options of `run.convergence(name, options)`.
 *
 * @example
 * ```ts
 * import { type ConvergenceOptions, lognormal, model } from 'salvo';
 * const options: ConvergenceOptions = { statistic: 0.95, points: 10 };
 * model({ seed: 1 }).input('x', lognormal(0, 1)).run({ samples: 10_000 }).convergence('x', options).length;
 * // => 10
 * ```
 */
export interface ConvergenceOptions {
  /** `'mean'` (default) or a quantile level in (0, 1). */
  readonly statistic?: 'mean' | number;
  /** How many sample counts to report (default 30, at most 10,000). */
  readonly points?: number;
}

/** The names {@link ConvergenceOptions} knows, for `UNKNOWN_OPTION`. */
const CONVERGENCE_OPTION_NAMES = optionNames<ConvergenceOptions>()(['statistic', 'points']);

/**
 * The trace of `values` (a kept node's samples, named `node` in the points and in error messages):
 * the running mean (Welford, over finite values) or quantile at about `options.points` counts from
 * 1,000 (or fewer) to all samples. Options are checked before any work.
 */
export function convergenceTrace(
  values: Float64Array,
  node: string,
  options: ConvergenceOptions,
): ConvergencePoint[] {
  requireObject('convergence', 'options', options, 'an object such as { points: 30 }');
  requireKnownOptions('convergence', 'options', options, CONVERGENCE_OPTION_NAMES);
  const statistic = options.statistic ?? 'mean';
  if (
    statistic !== 'mean' &&
    (typeof statistic !== 'number' || !(statistic > 0 && statistic < 1))
  ) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `convergence: statistic must be 'mean' or a quantile level strictly between 0 and 1, got ${show(statistic)}`,
      { parameter: 'statistic', value: statistic },
    );
  }
  const points = options.points ?? 30;
  if (!Number.isSafeInteger(points) || points < 1 || points > 10_000) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `convergence: points must be an integer from 1 to 10,000, got ${show(points)}`,
      { parameter: 'points', value: points },
    );
  }
  const n = values.length;
  const start = Math.min(1_000, n);
  const counts: number[] = [];
  for (let i = 0; i < points; i++) {
    const c = points === 1 ? n : Math.round(start * (n / start) ** (i / (points - 1)));
    if (counts.length === 0 || c > counts[counts.length - 1]) counts.push(c);
  }
  const out: ConvergencePoint[] = [];
  // Running moments over finite values (Welford), read at each count.
  let count = 0;
  let mean = 0;
  let m2 = 0;
  let at = 0;
  for (const c of counts) {
    if (statistic === 'mean') {
      for (; at < c; at++) {
        const x = values[at];
        if (x - x !== 0) continue;
        count++;
        const d = x - mean;
        mean += d / count;
        m2 += d * (x - mean);
      }
      const standardError = count > 1 ? Math.sqrt(m2 / (count - 1) / count) : Number.NaN;
      out.push({
        samples: c,
        node,
        statistic,
        estimate: mean,
        lower: mean - Z95 * standardError,
        upper: mean + Z95 * standardError,
        standardError,
        relativeError: (Z95 * standardError) / Math.abs(mean),
      });
    } else {
      const prefix = values.subarray(0, c);
      const finite = c - nonFiniteCount(prefix);
      if (finite === 0) {
        out.push({
          samples: c,
          node,
          statistic,
          estimate: Number.NaN,
          ...NO_INTERVAL,
          relativeError: Number.NaN,
        });
        continue;
      }
      const levels = quantileIntervalLevels(statistic, finite);
      const q = quantiles(prefix, levels === undefined ? [statistic] : [statistic, ...levels]);
      const interval = levels === undefined ? NO_INTERVAL : quantileInterval(q[1], q[2]);
      out.push({
        samples: c,
        node,
        statistic,
        estimate: q[0],
        ...interval,
        relativeError: (interval.upper - interval.lower) / 2 / Math.abs(q[0]),
      });
    }
  }
  return out;
}
