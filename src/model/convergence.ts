/**
 * Convergence traces: the running estimate of a kept node's mean or of one quantile after the first
 * k samples, with its 95% interval, at sample counts spaced evenly on a log scale.
 * @module
 */
import { SalvoError } from '../errors.js';
import { nonFiniteCount } from '../samples/extremes.js';
import { groupShare } from '../samples/groupShares.js';
import { quantiles } from '../samples/quantiles.js';
import { groupStandardError } from '../samples/segmentMoments.js';
import { optionNames, requireKnownOptions, requireObject, show } from '../validate.js';
import { SEGMENT_LENGTH } from './definition.js';
import { groupT95 } from './design.js';
import {
  type ConvergencePoint,
  meanPoint,
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
 *
 * Under a sampling design (`groups` > 1, see src/model/design.ts) errors come from the groups of
 * segments, as in summaries, and the counts are whole segments from one per group onwards (the
 * error of a prefix needs every group represented).
 */
export function convergenceTrace(
  values: Float64Array,
  node: string,
  options: ConvergenceOptions,
  groups = 1,
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
  const start = Math.min(groups > 1 ? groups * SEGMENT_LENGTH : 1_000, n);
  const counts: number[] = [];
  for (let i = 0; i < points; i++) {
    let c = points === 1 ? n : Math.round(start * (n / start) ** (i / (points - 1)));
    if (groups > 1 && c < n) c = Math.max(start, Math.round(c / SEGMENT_LENGTH) * SEGMENT_LENGTH);
    if (counts.length === 0 || c > counts[counts.length - 1]) counts.push(c);
  }
  if (groups > 1) return designTrace(values, node, statistic, counts, groups);
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
      out.push(meanPoint(c, node, mean, standardError, Z95));
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

/**
 * The trace under a sampling design: at each count, the mean's standard error from the groups'
 * running means, or a quantile's interval between the quantiles at p ∓ t·s (s: the standard error of
 * the groups' shares at or below the estimate), with Student's t on groups − 1 degrees of freedom.
 */
function designTrace(
  values: Float64Array,
  node: string,
  statistic: 'mean' | number,
  counts: readonly number[],
  groups: number,
): ConvergencePoint[] {
  const out: ConvergencePoint[] = [];
  const groupCounts = new Float64Array(groups);
  const groupMeans = new Float64Array(groups);
  let count = 0;
  let mean = 0;
  let at = 0;
  for (const c of counts) {
    if (statistic === 'mean') {
      for (; at < c; at++) {
        const x = values[at];
        if (x - x !== 0) continue;
        const g = Math.floor(at / SEGMENT_LENGTH) % groups;
        groupCounts[g]++;
        groupMeans[g] += (x - groupMeans[g]) / groupCounts[g];
        count++;
        mean += (x - mean) / count;
      }
      const standardError = groupStandardError(groupCounts, groupMeans);
      out.push(meanPoint(c, node, mean, standardError, groupT95(nonEmpty(groupCounts))));
      continue;
    }
    const prefix = values.subarray(0, c);
    const finite = c - nonFiniteCount(prefix);
    const estimate = finite > 0 ? quantiles(prefix, [statistic])[0] : Number.NaN;
    let interval = NO_INTERVAL;
    if (finite > 0 && quantileIntervalLevels(statistic, finite) !== undefined) {
      const share = groupShare(prefix, '<=', estimate, groups, SEGMENT_LENGTH);
      const t = groupT95(share.groups);
      const half = t * share.standardError;
      if (Number.isFinite(half)) {
        const [lower, upper] = quantiles(prefix, [
          Math.max(0, statistic - half),
          Math.min(1, statistic + half),
        ]);
        interval = { lower, upper, standardError: (upper - lower) / (2 * t) };
      }
    }
    out.push({
      samples: c,
      node,
      statistic,
      estimate,
      ...interval,
      relativeError: (interval.upper - interval.lower) / 2 / Math.abs(estimate),
    });
  }
  return out;
}

/** Groups holding at least one value. */
function nonEmpty(counts: Float64Array): number {
  let groups = 0;
  for (let g = 0; g < counts.length; g++) if (counts[g] > 0) groups++;
  return groups;
}
