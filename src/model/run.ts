/**
 * The single-thread run: plans it, evaluates the model block by block and folds each block's
 * per-segment statistics at once (src/model/segments.ts), stops early when `until` is met, settles
 * exact quantiles, and returns the result. A model with evidence runs in src/model/weightedRun.ts.
 * @module
 */
import { seedWords } from '../rng/seed.js';
import { sketchGroupShare } from '../samples/groupShares.js';
import { type Accumulator, SEGMENT_STATS } from '../samples/segmentMoments.js';
import { QuantileSketch } from '../sketch/sketch.js';
import { type ModelDefinition, SEGMENT_LENGTH } from './definition.js';
import { groupT95 } from './design.js';
import { BlockEvaluator } from './evaluate.js';
import type { ExactTracker } from './exact.js';
import { exactQuestions, planExact } from './exactRun.js';
import {
  combineSinks,
  createStates,
  groupedSink,
  sinkOf,
  sinksOf,
  sketchesFromGroups,
  trimStates,
} from './nodeState.js';
import type { RunOptions } from './options.js';
import { planRun, requireMemory } from './plan.js';
import {
  CHECK_INTERVAL,
  type ConvergencePoint,
  meanPoint,
  NO_INTERVAL,
  quantileInterval,
  quantileIntervalLevels,
  type RunPrecision,
  UNTIL_SKETCH_ACCURACY,
  Z95,
} from './precision.js';
import { progressReporter } from './progress.js';
import { ModelRun } from './result.js';
import { evaluateSegments, foldSegments } from './segments.js';
import { runWeighted } from './weightedRun.js';

/** @internal Runs `m` on the calling thread (what `model.run` does). */
export function runModel<Names extends string>(
  m: ModelDefinition,
  options: RunOptions<Names>,
): ModelRun<Names> {
  const plan = planRun(m, options, 'model.run');
  if (m.observations.length > 0) {
    requireMemory('model.run', plan, m.nodes.length, 1);
    return runWeighted(m, plan, options);
  }
  const root = seedWords(m.seed);
  const exact = planExact(m, plan, 'model.run');
  requireMemory('model.run', plan, m.nodes.length, 1);
  const states = createStates(m, plan, 'model.run', exact);
  const evaluator = new BlockEvaluator(
    m.nodes,
    root,
    plan.block,
    states.map((s) => s.kept),
    plan.correlations,
    plan.design,
    'model.run',
  );
  // One task per block, folded at once: the same evaluation and folding as runParallel's, with one
  // statistics buffer reused for every block.
  const until = plan.until;
  const targets =
    until === undefined ? [] : until.nodes.map((name) => m.nodes.findIndex((n) => n.name === name));
  const untilSketches = targets.map(
    () => new QuantileSketch({ relativeAccuracy: UNTIL_SKETCH_ACCURACY }),
  );
  // Under a sampling design, the checks' errors come from its groups: a sketch per group too.
  const groups = plan.design.groups;
  const untilGroupSketches = targets.map(() =>
    groups > 1
      ? Array.from(
          { length: groups },
          () => new QuantileSketch({ relativeAccuracy: UNTIL_SKETCH_ACCURACY }),
        )
      : undefined,
  );
  const sketches = sinksOf(states);
  targets.forEach((j, t) => {
    const perGroup = untilGroupSketches[t];
    sketches[j] = combineSinks(
      sketches[j],
      sinkOf(untilSketches[t]),
      perGroup === undefined ? undefined : groupedSink(perGroup),
    );
  });
  const folded = states.map((s) => s.accumulator !== undefined);
  const stats = new Float64Array(states.length * (plan.block / SEGMENT_LENGTH) * SEGMENT_STATS);
  const trace: ConvergencePoint[] = [];
  let count = plan.total;
  let converged = false;
  const reportProgress = progressReporter(plan);
  for (let first = 0; first < plan.total; first += plan.block) {
    plan.signal?.throwIfAborted();
    const blockLength = Math.min(plan.block, plan.total - first);
    evaluateSegments(evaluator, plan.block, folded, first, blockLength, sketches, stats);
    foldSegments(states, stats, first, blockLength);
    const done = first + blockLength;
    reportProgress(done);
    if (until !== undefined && (done % CHECK_INTERVAL === 0 || done === plan.total)) {
      let met = true;
      targets.forEach((j, t) => {
        const node = m.nodes[j].name;
        const a = states[j].accumulator as Accumulator; // folded during the run: a target
        const sketch = untilSketches[t];
        const perGroup = untilGroupSketches[t];
        // t of the groups that hold samples so far (all of them after `groups` segments).
        const z = perGroup === undefined ? Z95 : groupT95(Math.min(groups, done / SEGMENT_LENGTH));
        if (until.mean) {
          const sd = a.count > 1 ? Math.sqrt(a.m2 / (a.count - 1)) : Number.NaN;
          const standardError =
            a.groupMeans === undefined ? sd / Math.sqrt(a.count) : a.groupStandardError();
          const point = meanPoint(done, node, a.mean, standardError, z);
          trace.push(point);
          if (!(point.relativeError <= until.relativeError)) met = false;
        }
        for (const p of until.quantiles) {
          const estimate = sketch.count > 0 ? sketch.quantile(p) : Number.NaN;
          let levels = sketch.count > 0 ? quantileIntervalLevels(p, sketch.count) : undefined;
          if (levels !== undefined && perGroup !== undefined) {
            const half = z * sketchGroupShare(perGroup, '<=', estimate).standardError;
            levels = Number.isFinite(half)
              ? [Math.max(0, p - half), Math.min(1, p + half)]
              : undefined;
          }
          const ends = levels?.map((level) => sketch.quantile(level));
          // As for random sampling, the sketch's own accuracy (0.1%) is left to the floor of
          // relativeError (0.002): the interval is the Monte Carlo error's.
          const interval =
            ends === undefined
              ? NO_INTERVAL
              : perGroup === undefined
                ? quantileInterval(ends[0], ends[1])
                : { lower: ends[0], upper: ends[1], standardError: (ends[1] - ends[0]) / (2 * z) };
          const relativeError = (interval.upper - interval.lower) / 2 / Math.abs(estimate);
          trace.push({ samples: done, node, statistic: p, estimate, ...interval, relativeError });
          if (!(relativeError <= until.relativeError)) met = false;
        }
      });
      if (met && done >= until.minSamples) {
        count = done;
        converged = true;
        break;
      }
    }
  }
  sketchesFromGroups(states);
  if (until === undefined) {
    // Exact quantiles of unkept nodes: found now, from the windows, which are then let go.
    for (const question of exactQuestions(states, plan.probabilities)) {
      const tracker = states[question.node].exact as ExactTracker;
      question.answer([tracker.collect(question.buckets)]);
    }
    for (const state of states) state.exact?.release();
    return new ModelRun<Names>(m.seed, plan.total, states, plan.probabilities, m.nodes);
  }
  if (count < plan.total) plan.onProgress?.(count, count);
  const precision: RunPrecision = {
    converged,
    samples: count,
    relativeError: until.relativeError,
    nodes: until.nodes,
    trace,
  };
  return new ModelRun<Names>(
    m.seed,
    count,
    count < plan.total ? trimStates(m, states, count, plan.design) : states,
    plan.probabilities,
    m.nodes,
    precision,
  );
}
