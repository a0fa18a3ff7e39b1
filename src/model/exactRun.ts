/**
 * Exact quantiles and thresholds in a run (the windows and trackers themselves are in
 * src/model/exact.ts): the pilot that places each node's windows before the run, and the questions
 * that settle the answers from the trackers' counts at its end.
 * @module
 */
import { seedWords } from '../rng/seed.js';
import { typeSevenQuantiles, typeSevenRanks } from '../samples/quantiles.js';
import { invalidParameter } from '../validate.js';
import { allocateFloat64 } from './allocate.js';
import { type ModelDefinition, SEGMENT_LENGTH } from './definition.js';
import { BlockEvaluator } from './evaluate.js';
import {
  askOrderStatistics,
  type ExactPlan,
  NO_WINDOWS,
  pilotLength,
  planWindows,
} from './exact.js';
import { accumulatorOf, type NodeState } from './nodeState.js';
import { bufferBytes, GIB, type RunPlan } from './plan.js';
import { summaryLevels } from './precision.js';

/**
 * The windows and thresholds of the nodes named in `exactQuantiles` and `thresholds` (see
 * src/model/exact.ts). The windows come from a pilot: samples [0, {@link pilotLength}) of those
 * nodes, evaluated here — the same values the run will draw first. Throws when the room the windows
 * may take, with the kept samples and the block buffers of `evaluators` threads, exceeds the memory
 * budget (unless the trackers will not store values: `storesValues` false, for partial runs).
 */
export function planExact(
  m: ModelDefinition,
  plan: RunPlan,
  where: string,
  evaluators = 1,
  storesValues = true,
): Map<string, ExactPlan> {
  const plans = new Map<string, ExactPlan>();
  const pilots = new Map<string, Float64Array>();
  if (plan.exactQuantiles.size > 0) {
    const length = pilotLength(plan.total, SEGMENT_LENGTH);
    const block = Math.min(plan.block, Math.ceil(length / SEGMENT_LENGTH) * SEGMENT_LENGTH);
    const kept = m.nodes.map((node) =>
      plan.exactQuantiles.has(node.name)
        ? allocateFloat64(where, `the pilot samples of '${node.name}'`, length)
        : undefined,
    );
    const evaluator = new BlockEvaluator(
      m.nodes,
      seedWords(m.seed),
      block,
      kept,
      plan.correlations,
      plan.design,
      where,
    );
    for (let first = 0; first < length; first += block) {
      plan.signal?.throwIfAborted();
      evaluator.evaluate(first, Math.min(block, length - first), () => {});
    }
    m.nodes.forEach((node, j) => {
      const values = kept[j];
      if (values !== undefined) pilots.set(node.name, values);
    });
  }
  const levels = summaryLevels(plan.probabilities, plan.total);
  let windowBytes = 0;
  for (const node of m.nodes) {
    const pilot = pilots.get(node.name);
    const thresholds = plan.thresholds.get(node.name) ?? [];
    if (pilot === undefined && thresholds.length === 0) continue;
    const windows = pilot === undefined ? NO_WINDOWS : planWindows(pilot, levels, plan.total);
    for (const room of windows.capacity) windowBytes += room * 8;
    plans.set(node.name, { ...windows, thresholds });
  }
  const keptBytes = plan.keptNames.size * plan.total * 8;
  const buffers = bufferBytes(plan, m.nodes.length, evaluators);
  if (storesValues && windowBytes > 0 && keptBytes + windowBytes + buffers > plan.budget) {
    throw invalidParameter(
      where,
      'exactQuantiles',
      `the windows that make the quantiles of ${[...plan.exactQuantiles].join(', ')} exact may take ${(windowBytes / GIB).toFixed(2)} GiB at ${plan.total} samples, which with ${(keptBytes / GIB).toFixed(2)} GiB of kept samples and ${(buffers / GIB).toFixed(2)} GiB of block buffers is over the budget of ${(plan.budget / GIB).toFixed(2)} GiB (a node with few distinct values puts many samples in each window); name fewer nodes in exactQuantiles, keep them instead, or raise memoryBudgetBytes`,
      [...plan.exactQuantiles],
    );
  }
  return plans;
}

/** What a run must gather to settle one node's exact quantiles (see {@link exactQuestions}). */
export interface ExactQuestion {
  readonly node: number;
  /** The buckets whose stored values are needed from every part of the run, increasing. */
  readonly buckets: Int32Array;
  /** Records the node's exact quantiles from those values, one array per part. */
  readonly answer: (parts: readonly Float64Array[]) => void;
}

/**
 * At the end of a run, for every node with exact windows: the summary's levels at its finite count
 * (what `summary(name)` asks for) and the buckets that hold their order statistics, read from the
 * trackers' merged counts. A node whose ranks fall outside its windows gets no question and is left to
 * its sketch. Answering records the quantiles in the tracker (`known`).
 */
export function exactQuestions(
  states: readonly NodeState[],
  probabilities: readonly number[],
): ExactQuestion[] {
  const questions: ExactQuestion[] = [];
  states.forEach((state, node) => {
    const tracker = state.exact;
    if (tracker === undefined || tracker.plan.buckets === 0) return;
    const a = accumulatorOf(state);
    if (a.count === 0) return;
    const levels = summaryLevels(probabilities, a.count);
    const ranks = typeSevenRanks(a.count, levels);
    const question = askOrderStatistics(tracker, ranks, a.count, a.min, a.max);
    if (question === undefined) return;
    questions.push({
      node,
      buckets: question.buckets,
      answer: (parts) => {
        const statistics = question.finish(parts);
        if (statistics === undefined) return;
        tracker.known = { levels, values: typeSevenQuantiles(a.count, levels, ranks, statistics) };
      },
    });
  });
  return questions;
}
