/**
 * A run with evidence (`.observe`): every sample weighted by the product of the observations'
 * likelihoods, every node's moments folded with those weights, and the effective sample size checked.
 * @module
 */
import { seedWords } from '../rng/seed.js';
import { Accumulator } from '../samples/segmentMoments.js';
import { allocateFloat64 } from './allocate.js';
import type { ModelDefinition } from './definition.js';
import { BlockEvaluator } from './evaluate.js';
import type { NodeState } from './nodeState.js';
import type { RunOptions } from './options.js';
import type { RunPlan } from './plan.js';
import { progressReporter } from './progress.js';
import { ModelRun, type Weighting } from './result.js';
import {
  checkedEffectiveSampleSize,
  type EvidenceOptions,
  evidenceOptions,
  requireWeighable,
  Weigher,
  WeightedFold,
} from './weighing.js';

/** A run with observations: every node's statistics weighted by the product of the likelihoods. */
export function runWeighted<Names extends string>(
  m: ModelDefinition,
  plan: RunPlan,
  options: RunOptions<Names>,
): ModelRun<Names> {
  const where = 'model.run';
  requireWeighable(where, plan, options.until);
  const evidence = evidenceOptions(where, options);
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
  const fold = new WeightedFold(kept.map((k) => k === undefined));
  const evaluator = new BlockEvaluator(
    nodes,
    root,
    plan.block,
    kept,
    plan.correlations,
    plan.design,
    where,
  );
  const weigher = new Weigher(m, where);
  const values: Float64Array[] = [];
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
    weigher.weigh(values, w, length);
    fold.fold(values, w, length);
    reportProgress(first + length);
  }
  return weightedResult<Names>(where, m, plan, fold, kept, allWeights, evidence);
}

/**
 * The result of a weighted run from its fold (the moments, sketches and weight sums of every sample):
 * the effective sample size checked (`EMPTY_DATA`, a warning or an error), and per node its kept
 * samples or sketch. Shared by `model.run` and {@link mergePartials}.
 */
export function weightedResult<Names extends string>(
  where: string,
  m: ModelDefinition,
  plan: RunPlan,
  fold: WeightedFold,
  kept: readonly (Float64Array | undefined)[],
  allWeights: Float64Array | undefined,
  evidence: EvidenceOptions,
): ModelRun<Names> {
  const { effectiveSampleSize, warnings } = checkedEffectiveSampleSize(
    where,
    m,
    fold.weights.value(),
    fold.weightSquares.value(),
    plan.total,
    evidence,
  );
  const states: NodeState[] = m.nodes.map((node, j) => ({
    name: node.name,
    kept: kept[j],
    // Unused: a weighted run's moments are in `weighting.accumulators`, which every result reads.
    accumulator: new Accumulator(),
    sketch: fold.sketches[j],
    groupSketches: undefined,
    redrawn: undefined,
    exact: undefined,
    groups: 1, // a weighted run samples at random (plan.ts refuses designs with evidence)
  }));
  const weighting: Weighting = {
    weights: allWeights,
    effectiveSampleSize,
    accumulators: new Map(m.nodes.map((node, j) => [node.name, fold.accumulators[j]])),
    observations: m.observations,
  };
  return new ModelRun<Names>(
    m.seed,
    plan.total,
    states,
    plan.probabilities,
    m.nodes,
    undefined,
    weighting,
    warnings,
  );
}
