/**
 * A run with evidence (`.observe`): every sample weighted by the product of the observations'
 * likelihoods, every node's moments folded with those weights, and the effective sample size checked.
 * @module
 */
import { SalvoError } from '../errors.js';
import { seedWords } from '../rng/seed.js';
import {
  Accumulator,
  WEIGHTED_STATS,
  WeightedAccumulator,
  weightedSegmentStats,
} from '../samples/segmentMoments.js';
import { QuantileSketch } from '../sketch/sketch.js';
import { show } from '../validate.js';
import { allocateFloat64 } from './allocate.js';
import { type ModelDefinition, SEGMENT_LENGTH } from './definition.js';
import { BlockEvaluator } from './evaluate.js';
import type { NodeState } from './nodeState.js';
import type { RunOptions } from './options.js';
import type { RunPlan } from './plan.js';
import { progressReporter } from './progress.js';
import { ModelRun, type RunWarning, type Weighting } from './result.js';

/** A run with observations: every node's statistics weighted by the product of the likelihoods. */
export function runWeighted<Names extends string>(
  m: ModelDefinition,
  plan: RunPlan,
  options: RunOptions<Names>,
): ModelRun<Names> {
  const where = 'model.run';
  if (plan.until !== undefined) {
    throw new SalvoError(
      'UNSUPPORTED',
      `${where}: until cannot yet be combined with .observe; give samples`,
      { parameter: 'until', value: options.until },
    );
  }
  if (plan.exactQuantiles.size > 0 || plan.thresholds.size > 0) {
    throw new SalvoError(
      'UNSUPPORTED',
      `${where}: exactQuantiles and thresholds cannot yet be combined with .observe; keep the nodes instead`,
      {
        parameter: plan.exactQuantiles.size > 0 ? 'exactQuantiles' : 'thresholds',
        value: [...plan.exactQuantiles, ...plan.thresholds.keys()],
      },
    );
  }
  const threshold = options.minEffectiveSampleSize ?? 1_000;
  if (typeof threshold !== 'number' || !(threshold >= 0)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: minEffectiveSampleSize must be a non-negative number, got ${show(threshold)}`,
      { parameter: 'minEffectiveSampleSize', value: threshold },
    );
  }
  const onLow = options.onLowEffectiveSampleSize ?? 'warn';
  if (onLow !== 'warn' && onLow !== 'throw') {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: onLowEffectiveSampleSize must be 'warn' or 'throw', got ${show(onLow)}`,
      { parameter: 'onLowEffectiveSampleSize', value: onLow },
    );
  }
  const nodes = m.nodes;
  const root = seedWords(m.seed);
  const kept = nodes.map((node) =>
    plan.keptNames.has(node.name)
      ? allocateFloat64(where, `the kept samples of '${node.name}'`, plan.total)
      : undefined,
  );
  const allWeights =
    plan.keptNames.size > 0 ? allocateFloat64(where, 'the kept weights', plan.total) : undefined;
  const blockWeights = allocateFloat64(where, 'the block of weights', plan.block);
  const sketches = kept.map((k) => (k === undefined ? new QuantileSketch() : undefined));
  const accumulators = nodes.map(() => new WeightedAccumulator());
  const evaluator = new BlockEvaluator(
    nodes,
    root,
    plan.block,
    kept,
    plan.correlations,
    plan.design,
    where,
  );
  const observed = m.observations.map((o) => ({
    name: o.name,
    index: nodes.findIndex((n) => n.name === o.name),
    likelihood: o.likelihood,
  }));
  const values: Float64Array[] = [];
  const stats = new Float64Array(WEIGHTED_STATS);
  let sumW = 0;
  let sumW2 = 0;
  const reportProgress = progressReporter(plan);
  for (let first = 0; first < plan.total; first += plan.block) {
    plan.signal?.throwIfAborted();
    const length = Math.min(plan.block, plan.total - first);
    evaluator.evaluate(first, length, (j, v) => {
      values[j] = v;
    });
    const w =
      allWeights !== undefined
        ? allWeights.subarray(first, first + length)
        : blockWeights.subarray(0, length);
    w.fill(1);
    for (const o of observed) {
      const x = values[o.index];
      for (let i = 0; i < length; i++) {
        const xi = x[i];
        if (xi - xi !== 0) {
          w[i] = 0; // a non-finite value cannot be weighed against evidence
          continue;
        }
        const l = o.likelihood(xi);
        if (typeof l !== 'number' || !(l >= 0) || l === Number.POSITIVE_INFINITY) {
          throw new SalvoError(
            'INVALID_PARAMETER',
            `${where}: the likelihood observed on ${show(o.name)} must return a finite number >= 0, got ${show(l)} for the value ${xi}`,
            { parameter: o.name, value: l },
          );
        }
        w[i] *= l;
      }
    }
    for (let i = 0; i < length; i++) {
      sumW += w[i];
      sumW2 += w[i] * w[i];
    }
    for (let j = 0; j < nodes.length; j++) {
      for (let s = 0; s < length; s += SEGMENT_LENGTH) {
        weightedSegmentStats(values[j], w, s, Math.min(s + SEGMENT_LENGTH, length), stats, 0);
        accumulators[j].combine(stats, 0);
      }
      sketches[j]?.addWeighted(values[j], w, 0, length);
    }
    const done = first + length;
    reportProgress(done);
  }
  const names = observed.map((o) => o.name).join(', ');
  if (!(sumW > 0)) {
    throw new SalvoError(
      'EMPTY_DATA',
      `${where}: every sample has weight 0 — the evidence observed on ${names} is impossible under the model, or so improbable that every likelihood underflows; widen the inputs or the observation, or check that they describe the same quantity`,
      { parameter: 'observe', value: names },
    );
  }
  const effectiveSampleSize = (sumW * sumW) / sumW2;
  const warnings: RunWarning[] = [];
  if (effectiveSampleSize < threshold) {
    const message = `the evidence observed on ${names} leaves an effective sample size of ${Math.round(effectiveSampleSize).toLocaleString('en-US')} of ${plan.total.toLocaleString('en-US')} samples (below ${threshold.toLocaleString('en-US')}): the observations sit far in the tails of the model's prior, so the weighted results rest on few samples; draw more samples, widen the priors, or check that the evidence and the model agree`;
    if (onLow === 'throw') {
      throw new SalvoError('INVALID_PARAMETER', `${where}: ${message}`, {
        parameter: 'minEffectiveSampleSize',
        value: effectiveSampleSize,
      });
    }
    warnings.push({ code: 'LOW_EFFECTIVE_SAMPLE_SIZE', message });
  }
  const states: NodeState[] = nodes.map((node, j) => ({
    name: node.name,
    kept: kept[j],
    // Unused: a weighted run's moments are in `weighting.accumulators`, which every result reads.
    accumulator: new Accumulator(),
    sketch: sketches[j],
    groupSketches: undefined,
    redrawn: undefined,
    exact: undefined,
    groups: 1, // a weighted run samples at random (plan.ts refuses designs with evidence)
  }));
  const weighting: Weighting = {
    weights: allWeights,
    effectiveSampleSize,
    accumulators: new Map(nodes.map((node, j) => [node.name, accumulators[j]])),
    observations: m.observations,
  };
  return new ModelRun<Names>(
    m.seed,
    plan.total,
    states,
    plan.probabilities,
    nodes,
    undefined,
    weighting,
    warnings,
  );
}
