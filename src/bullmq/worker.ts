/**
 * The worker side of a BullMQ run: a BullMQ Worker whose processor evaluates shard jobs (a part of the
 * run, {@link PartialRunner}) and merge jobs (the flow's parent: its children's parts combined into
 * one). Models are deployed with the workers and looked up by id; a job whose model differs from the
 * submitter's (fingerprint) or whose id is unknown fails at once, without retries.
 * @module
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ConnectionOptions, Job, Worker, WorkerOptions } from 'bullmq';
import { SalvoError } from '../errors.js';
import { modelFingerprint } from '../model/fingerprint.js';
import { combineGathered, GatherRunner } from '../model/gather.js';
import type { Model } from '../model/model.js';
import { combinePartials, PartialRunner } from '../model/partial.js';
import type { SweepPoint } from '../model/sweep.js';
import { requireObject, show } from '../validate.js';
import { LIBRARY_VERSION } from '../version.js';
import {
  codedReason,
  DEFAULT_QUEUE_NAME,
  GATHER_JOB,
  GATHER_MERGE_JOB,
  type GatherJobData,
  gatheredFromText,
  gatheredToText,
  MERGE_JOB,
  type MergeJobData,
  partFromText,
  partToText,
  type RunJobData,
  requireModelId,
  SHARD_JOB,
  type ShardJobData,
  type ShardJobProgress,
  thresholdsFromData,
} from './jobs.js';
import { type Bullmq, loadBullmq } from './load.js';

/**
 * Options of {@link createShardWorker}.
 *
 * @example
 * ```ts
 * import { model, normal } from 'salvo';
 * import type { ShardWorkerOptions } from 'salvo/bullmq';
 * const options: ShardWorkerOptions = {
 *   connection: { host: '127.0.0.1', port: 6379 },
 *   models: { demo: model({ seed: 1 }).input('x', normal(0, 1)) },
 * };
 * Object.keys(options.models); // => ['demo']
 * ```
 */
export interface ShardWorkerOptions {
  /** Where Redis is: ioredis options (`{ host, port }`) or a connection, as BullMQ takes them. */
  readonly connection: ConnectionOptions;
  /**
   * The models this worker can run, by id (the `modelId` of `submitRun`): a model, or for sweeps
   * (`submitSweep`) the builder that makes a point's model. Code is deployed with the workers; jobs
   * carry only the id, the point and the model's fingerprint.
   */
  readonly models: Readonly<Record<string, WorkerModel>>;
  /** The queue (default `'salvo'`); submitters must use the same. */
  readonly queueName?: string;
  /**
   * Jobs this process runs at once (default 1: a shard keeps a core busy, so run one worker process
   * per core rather than a higher concurrency).
   */
  readonly concurrency?: number;
  /**
   * Any other BullMQ worker options (`lockDuration`, `stalledInterval`, `maxStalledCount`, `name`,
   * `prefix`…), passed through.
   */
  readonly workerOptions?: Omit<WorkerOptions, 'connection' | 'concurrency' | 'autorun'>;
  /**
   * Called with the worker's errors that belong to no job: a lost connection while Redis restarts (the
   * worker reconnects by itself), a result refused because the job's lock was lost. By default they
   * are written to standard error; an unheard 'error' event would end the process.
   */
  readonly onError?: (error: Error) => void;
}

/**
 * What a worker holds under a model id: a model, or a sweep's builder (a point's model).
 *
 * @example
 * ```ts
 * import { model, normal } from 'salvo';
 * import type { WorkerModel } from 'salvo/bullmq';
 * const builder: WorkerModel = (p) => model({ seed: 1 }).input('x', normal(Number(p.mu), 1));
 * typeof builder; // => 'function'
 * ```
 */
// The builder is written as a method's type so that one of a narrower point type
// (`(p: { roundsPerContainer: number }) => Model`) is accepted: the worker calls it with the points that
// the submitter's submitSweep checked against the same builder.
export type WorkerModel =
  | Model<string>
  | {
      /**
       * Builds a sweep point's model.
       * @param point - the point, as the submitter gave it
       * @returns the point's model
       */
      build(point: SweepPoint): Model<string>;
    }['build'];

/**
 * How long a shard computes between turns of the event loop: short enough that BullMQ renews the
 * job's lock (every `lockDuration` / 2) and hears `close()` promptly, long enough that a turn is
 * rare. What the yielding costs in all is inside the BullMQ benchmark's times (docs/performance.md,
 * "One run through Redis").
 */
const SLICE_MS = 50;
/** How often a shard reports its progress. */
const PROGRESS_MS = 500;

/**
 * Starts a BullMQ worker that runs the shards of salvo runs submitted with `submitRun`, and their
 * merges: each shard job evaluates its segments ({@link salvo!runPartial}'s part) and returns it encoded;
 * the merge job (the flow's parent) combines its children's parts into one. Start one per core, on as
 * many machines as you like; they share the work through Redis. Failed attempts are retried by
 * BullMQ (the submitter sets attempts and backoff); an unknown model id or a model whose fingerprint
 * differs from the submitter's fails the job for good, with a coded reason.
 * @param options - the connection, the models by id, the queue
 * @returns the BullMQ `Worker` (its events, `close()` to stop after the running jobs)
 * @throws {@link salvo!SalvoError} `MODULE_LOAD_FAILED` when bullmq is not installed; `INVALID_PARAMETER`
 *   for a bad model id, a value of `models` that is not a model, or bad options
 * @example
 * <!-- not-run: it needs a Redis server -->
 * ```ts
 * import { createShardWorker } from 'salvo/bullmq';
 * import { shipmentEstimate } from 'salvo/shipments';
 * // The same model code as the submitters', under the same id.
 * const worker = await createShardWorker({
 *   connection: { host: 'redis.internal', port: 6379 },
 *   models: { shipments: shipmentEstimate() },
 * });
 * process.on('SIGTERM', () => void worker.close());
 * ```
 */
export async function createShardWorker(options: ShardWorkerOptions): Promise<Worker> {
  const where = 'createShardWorker';
  requireObject(where, 'options', options, 'an object such as { connection, models }');
  const models = requireModels(where, options.models);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: concurrency must be a positive integer, got ${show(concurrency)}`,
      { parameter: 'concurrency', value: concurrency },
    );
  }
  const onError =
    options.onError ?? ((error: Error) => console.error(`salvo/bullmq worker: ${error.message}`));
  if (typeof onError !== 'function') {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: onError must be a function, got ${show(onError)}`,
      { parameter: 'onError', value: onError },
    );
  }
  const bullmq = await loadBullmq(where);
  // A plain model's fingerprint once; a builder's model (and fingerprint) per job.
  const fingerprints = new Map(
    [...models].flatMap(([id, m]) => (typeof m === 'function' ? [] : [[id, modelFingerprint(m)]])),
  );
  const worker = new bullmq.Worker(
    options.queueName ?? DEFAULT_QUEUE_NAME,
    async (job: Job) => {
      try {
        if (job.name === SHARD_JOB) return await runShardJob(job, models, fingerprints);
        if (job.name === MERGE_JOB) return mergeJob(job);
        if (job.name === GATHER_JOB) return await runGatherJob(job, models, fingerprints);
        if (job.name === GATHER_MERGE_JOB) return gatherMergeJob(job);
        throw new SalvoError(
          'INVALID_PARAMETER',
          `job ${job.id} is named ${show(job.name)}, not a salvo job (${[SHARD_JOB, MERGE_JOB, GATHER_JOB, GATHER_MERGE_JOB].join(', ')}): is another application using the queue ${show(job.queueName)}?`,
          { parameter: 'job.name', value: job.name },
        );
      } catch (error) {
        throw failure(bullmq, error);
      }
    },
    { ...options.workerOptions, connection: options.connection, concurrency },
  );
  worker.on('error', onError);
  return worker;
}

function requireModels(
  where: string,
  models: Readonly<Record<string, WorkerModel>>,
): Map<string, WorkerModel> {
  requireObject(where, 'models', models, 'an object of models by id, such as { shipments }');
  const entries = Object.entries(models);
  if (entries.length === 0) {
    throw new SalvoError('INVALID_PARAMETER', `${where}: models must name at least one model`, {
      parameter: 'models',
      value: models,
    });
  }
  for (const [id, m] of entries) {
    requireModelId(where, id);
    if (
      typeof m !== 'function' &&
      (typeof m !== 'object' || m === null || typeof m.run !== 'function')
    ) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: models.${id} must be a model (made with model()) or a sweep's builder (a function from a point to a model), got ${show(m)}`,
        { parameter: `models.${id}`, value: m },
      );
    }
  }
  return new Map(entries);
}

/**
 * A job's failure as BullMQ should see it: a coded reason, and no retries for errors a retry cannot
 * mend (another model, bad data); other errors (a model callback that throws) are retried.
 */
function failure(bullmq: Bullmq, error: unknown): Error {
  if (!(error instanceof SalvoError)) return error as Error;
  const final = error.code !== 'OUT_OF_MEMORY';
  return final ? new bullmq.UnrecoverableError(codedReason(error)) : new Error(codedReason(error));
}

/** The job's model (the worker's, or its builder's of the job's point), checked against the job's. */
function jobModel(
  data: ShardJobData | GatherJobData,
  models: ReadonlyMap<string, WorkerModel>,
  fingerprints: ReadonlyMap<string, string>,
): Model<string> {
  const entry = models.get(data.modelId);
  if (entry === undefined) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `this worker has no model ${show(data.modelId)} (it has ${[...models.keys()].join(', ')}): start the workers with the model in createShardWorker's models`,
      { parameter: 'modelId', value: data.modelId },
    );
  }
  const model = modelOf(data, entry);
  requireSameModel(data, fingerprints.get(data.modelId) ?? modelFingerprint(model));
  return model;
}

/** Something a job steps through a block at a time: a first-pass part or a second-pass part. */
interface Stepper<T> {
  readonly done: boolean;
  readonly samples: number;
  readonly samplesDone: number;
  step(): void;
  result(): T;
}

/**
 * Steps `runner` to the end in slices, yielding to the event loop between them (so BullMQ renews the
 * job's lock and hears `close()`), and reports progress now and then.
 */
async function stepInSlices<T>(job: Job, runner: Stepper<T>): Promise<T> {
  let sliceStart = performance.now();
  let reported = sliceStart;
  while (!runner.done) {
    runner.step();
    const now = performance.now();
    if (now - sliceStart < SLICE_MS) continue;
    if (now - reported >= PROGRESS_MS) {
      reported = now;
      const progress: ShardJobProgress = {
        samplesDone: runner.samplesDone,
        samples: runner.samples,
      };
      // Not awaited: a slow or restarting Redis must not hold up the computation.
      job.updateProgress(progress as unknown as object).catch(() => undefined);
    }
    await nextTurn();
    sliceStart = performance.now();
  }
  return runner.result();
}

async function runShardJob(
  job: Job<ShardJobData>,
  models: ReadonlyMap<string, WorkerModel>,
  fingerprints: ReadonlyMap<string, string>,
): Promise<string> {
  const data = job.data;
  const runner = PartialRunner.of(
    jobModel(data, models, fingerprints),
    {
      samples: data.samples,
      segments: data.segments,
      sampling: data.sampling,
      lazyInputs: data.lazyInputs,
      thresholds: thresholdsFromData(data.thresholds),
      exactQuantiles: data.exactQuantiles,
      quantiles: data.quantiles,
      ...(data.windows === null ? {} : { windows: data.windows }),
    },
    'createShardWorker',
  );
  return partToText(await stepInSlices(job, runner));
}

async function runGatherJob(
  job: Job<GatherJobData>,
  models: ReadonlyMap<string, WorkerModel>,
  fingerprints: ReadonlyMap<string, string>,
): Promise<string> {
  const data = job.data;
  const runner = new GatherRunner(
    jobModel(data, models, fingerprints),
    data.request,
    { segments: data.segments },
    'createShardWorker',
  );
  return gatheredToText(await stepInSlices(job, runner));
}

/** The gather flow's parent: its children's values side by side, checked to cover the run. */
async function gatherMergeJob(job: Job<MergeJobData>): Promise<string> {
  const values = Object.values(await job.getChildrenValues());
  const parts = values.map((value) => gatheredFromText('createShardWorker', value));
  const combined = combineGathered(parts);
  requireWholeRun(combined.segments, combined.fingerprint, job.data);
  return gatheredToText(combined);
}

/** The job's model: the worker's model, or its builder's model of the job's sweep point. */
function modelOf(data: ShardJobData | GatherJobData, entry: WorkerModel): Model<string> {
  const point = data.point ?? null;
  if (typeof entry !== 'function') {
    if (point === null) return entry;
    throw new SalvoError(
      'INVALID_PARAMETER',
      `the job is a point of a sweep (${show(point)}), and this worker holds a model, not a builder, under ${show(data.modelId)}: give createShardWorker the sweep's builder`,
      { parameter: 'modelId', value: data.modelId },
    );
  }
  if (point === null) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `this worker holds a sweep's builder under ${show(data.modelId)}, and the job is a single run (no point): submit it with submitSweep, or give the worker the model`,
      { parameter: 'modelId', value: data.modelId },
    );
  }
  let built: unknown;
  try {
    built = entry(point);
  } catch (error) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `the builder ${show(data.modelId)} threw for the point ${show(point)}: ${(error as Error)?.message ?? String(error)}`,
      { parameter: 'point', value: point, cause: error },
    );
  }
  if (
    typeof built !== 'object' ||
    built === null ||
    typeof (built as Model<string>).run !== 'function'
  ) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `the builder ${show(data.modelId)} returned ${show(built)} for the point ${show(point)}, not a model`,
      { parameter: 'point', value: point },
    );
  }
  return built as Model<string>;
}

/** Throws `PARTIAL_MISMATCH` when the job was made for another model or salvo version. */
function requireSameModel(data: RunJobData, fingerprint: string): void {
  if (data.libraryVersion !== LIBRARY_VERSION) {
    throw new SalvoError(
      'PARTIAL_MISMATCH',
      `the job was submitted by salvo ${show(data.libraryVersion)} and this worker runs salvo ${LIBRARY_VERSION} (another version may draw other samples): run workers and submitters of the same version`,
      { parameter: 'libraryVersion', value: data.libraryVersion },
    );
  }
  if (data.fingerprint !== fingerprint) {
    throw new SalvoError(
      'PARTIAL_MISMATCH',
      `the worker's model ${show(data.modelId)} has fingerprint ${fingerprint} and the submitter's has ${data.fingerprint} (a different seed, node, distribution, parameter, expression or correlation): deploy the same model code to workers and submitters`,
      { parameter: 'fingerprint', value: data.fingerprint },
    );
  }
}

async function mergeJob(job: Job<MergeJobData>): Promise<string> {
  const data = job.data;
  const values = Object.values(await job.getChildrenValues());
  const parts = values.map((value) => partFromText('createShardWorker', value));
  const combined = combinePartials(parts);
  requireWholeRun(combined.segments, combined.fingerprint, data);
  return partToText(combined);
}

/** Throws unless the children's parts, combined, cover the whole run of the run's model. */
function requireWholeRun(
  segments: readonly [number, number],
  fingerprint: string,
  data: MergeJobData,
): void {
  const segmentCount = data.segmentCount;
  if (segments[0] !== 0 || segments[1] !== segmentCount) {
    throw new SalvoError(
      'PARTIAL_COVERAGE',
      `the shards' parts cover segments [${segments.join(', ')}) of the run's ${segmentCount}`,
      { parameter: 'partials', value: segments },
    );
  }
  if (fingerprint !== data.fingerprint) {
    throw new SalvoError(
      'PARTIAL_MISMATCH',
      `the shards' parts have fingerprint ${fingerprint} and the run's model ${data.fingerprint}`,
      { parameter: 'fingerprint', value: fingerprint },
    );
  }
}
