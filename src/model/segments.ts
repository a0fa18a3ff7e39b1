/**
 * A run as a fold of per-segment partial results. {@link evaluateSegments} evaluates a range of
 * samples and returns each folded node's statistics per segment (its partial result; unkept nodes'
 * values also go to their sketches and exact trackers); {@link foldSegments} folds such a partial into
 * the nodes' accumulators. A single-thread run does both for each block, and so does each part of a
 * split run (partial.ts; `runParallel`'s tasks are such parts) — the same numbers either way.
 * @module
 */
import { SEGMENT_STATS, segmentStats } from '../samples/segmentMoments.js';
import { SEGMENT_LENGTH } from './definition.js';
import type { BlockEvaluator } from './evaluate.js';
import type { NodeState, Sink } from './nodeState.js';

/**
 * Evaluates samples [first, first + length) block by block and returns the per-segment statistics of
 * the nodes whose `folded` flag is set (the others' stay zero), laid out node by node
 * (`stats[(node · segments + s) · 6 ...]`, in a new array unless one large enough is given), handing
 * every node's values to its sink (sketch, exact tracker) on the way. `first` starts a segment.
 */
export function evaluateSegments(
  evaluator: BlockEvaluator,
  block: number,
  folded: readonly boolean[],
  first: number,
  length: number,
  sketches: readonly (Sink | undefined)[],
  stats = new Float64Array(folded.length * Math.ceil(length / SEGMENT_LENGTH) * SEGMENT_STATS),
): Float64Array {
  const segments = Math.ceil(length / SEGMENT_LENGTH);
  for (let offset = 0; offset < length; offset += block) {
    const blockLength = Math.min(block, length - offset);
    const firstSegment = offset / SEGMENT_LENGTH;
    evaluator.evaluate(first + offset, blockLength, (j, values) => {
      if (folded[j]) {
        let at = (j * segments + firstSegment) * SEGMENT_STATS;
        for (let s = 0; s < blockLength; s += SEGMENT_LENGTH) {
          segmentStats(values, s, Math.min(s + SEGMENT_LENGTH, blockLength), stats, at);
          at += SEGMENT_STATS;
        }
      }
      sketches[j]?.addAll(values, first + offset);
    });
  }
  return stats;
}

/**
 * Folds the statistics of the range of `length` samples from sample `first` (from {@link
 * evaluateSegments}) into the accumulators of the nodes that have one. The sums are exact, so ranges
 * may come in any order once the run's first segment (which sets every accumulator's shift) is in.
 */
export function foldSegments(
  states: readonly NodeState[],
  stats: Float64Array,
  first: number,
  length: number,
): void {
  const segments = Math.ceil(length / SEGMENT_LENGTH);
  const firstSegment = first / SEGMENT_LENGTH;
  for (let j = 0; j < states.length; j++) {
    const accumulator = states[j].accumulator;
    if (accumulator === undefined) continue;
    for (let s = 0; s < segments; s++)
      accumulator.combine(stats, (j * segments + s) * SEGMENT_STATS, firstSegment + s);
  }
}
