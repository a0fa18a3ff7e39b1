/**
 * `salvo/bullmq`: one run over many processes and machines through Redis, with BullMQ (an optional
 * peer dependency: `npm install bullmq ioredis`). Workers ({@link createShardWorker}) hold the model
 * code; a submitter ({@link submitRun}) adds the run as a flow of shard jobs and a merge, and gets
 * back the result of `model.run`, to the bit; {@link submitSweep} does the same for every point of a
 * sweep at once. docs/guides/scaling-out.md shows when to use it.
 * @module salvo/bullmq
 */

export {
  type RunProgress,
  type SubmitRunOptions,
  type SubmitSweepOptions,
  submitRun,
  submitSweep,
} from './submit.js';
export { createShardWorker, type ShardWorkerOptions, type WorkerModel } from './worker.js';
