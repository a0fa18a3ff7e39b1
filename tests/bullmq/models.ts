/**
 * Models of the BullMQ tests, imported by the test (the submitting side) and by the worker processes
 * (workerProcess.ts): the same code on both sides, as a deployment has it.
 */
import type { WorkerModel } from '../../src/bullmq/index.js';
import { beta, model, pert } from '../../src/index.js';
import { referenceWorkload } from '../helpers/workload.js';
import { alwaysThrow, throwOnce } from './callbacks.mjs';

/** The reference workload; another containersMax is another model (another fingerprint). */
export const referenceWith = (containersMax: number) => referenceWorkload('bullmq', containersMax);

export const reference = referenceWith(8000);

/**
 * A model whose callback throws the first time any process evaluates it, and never again: a shard that
 * meets it fails once and is retried.
 */
export const flaky = reference.derive('checkedShells', throwOnce);

/** A model whose callback always throws: its shards fail on every attempt. */
export const broken = reference.derive('never', alwaysThrow);

/** A sweep's builder: a point's model (rounds per container and a delivery scenario). */
export const roundsAt = (point: { roundsPerContainer: number; scenario: string }) =>
  model({ seed: 'bullmq sweep' })
    .input('containers', pert(5000, point.scenario === 'surge' ? 8000 : 6700, 9000))
    .input('share', beta(8, 2))
    .derive('rounds', `containers * share * ${point.roundsPerContainer}`);

/** The models a worker holds, by id: as deployed, or with `reference` changed (a stale deployment). */
export function workerModels(kind: 'same' | 'changed'): Record<string, WorkerModel> {
  return {
    reference: kind === 'same' ? reference : referenceWith(9000),
    flaky,
    broken,
    rounds: roundsAt,
  };
}
