/**
 * The submitting side of a BullMQ run: one flow per run — a child job per shard (a range of segments)
 * and a parent that merges them — with ids derived from the run, so the same run submitted twice is
 * computed once; then the merged part is read back and turned into the run's result, equal to
 * `model.run` to the bit.
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectionOptions, FlowProducer, Job, Queue } from 'bullmq';
import { SalvoError } from '../errors.js';
import { SEGMENT_LENGTH } from '../model/definition.js';
import type { Sampling } from '../model/design.js';
import { modelFingerprint } from '../model/fingerprint.js';
import type { Model } from '../model/model.js';
import { mergePartials, requirePartialOptions } from '../model/partial.js';
import { planRun } from '../model/plan.js';
import type { ModelRun } from '../model/result.js';
import { shardSegments } from '../node/shards.js';
import { optionNames, requireKnownOptions, requireObject, show } from '../validate.js';
import { LIBRARY_VERSION } from '../version.js';
import {
  DEFAULT_QUEUE_NAME,
  errorFromReason,
  MERGE_JOB,
  type MergeJobData,
  partFromText,
  type RunJobData,
  requireModelId,
  runJobId,
  SHARD_JOB,
  type ShardJobData,
  type ShardJobProgress,
  shardJobId,
  thresholdsToData,
} from './jobs.js';
import { loadBullmq } from './load.js';

/**
 * How far a run submitted with {@link submitRun} has come.
 *
 * @example
 * ```ts
 * import type { RunProgress } from 'salvo/bullmq';
 * const progress: RunProgress = { samplesDone: 5e8, samples: 1e9, shardsDone: 40, shards: 100 };
 * progress.samplesDone / progress.samples; // => 0.5
 * ```
 */
export interface RunProgress {
  /** Samples evaluated so far, over all shards (as last reported by each). */
  readonly samplesDone: number;
  readonly samples: number;
  /** Shards finished. */
  readonly shardsDone: number;
  /** Shards of the run (those with at least one segment). */
  readonly shards: number;
}

/**
 * Options of {@link submitRun}.
 *
 * @example
 * ```ts
 * import { model, normal } from 'salvo';
 * import type { SubmitRunOptions } from 'salvo/bullmq';
 * const demo = model({ seed: 1 }).input('x', normal(0, 1));
 * const options: SubmitRunOptions<'x'> = {
 *   connection: { host: '127.0.0.1', port: 6379 },
 *   model: demo, modelId: 'demo', samples: 1e9, shards: 100,
 * };
 * options.shards; // => 100
 * ```
 */
export interface SubmitRunOptions<Names extends string> {
  /** Where Redis is: ioredis options (`{ host, port }`) or a connection, as BullMQ takes them. */
  readonly connection: ConnectionOptions;
  /** The model: its fingerprint goes with the jobs, and the result is made from it. */
  readonly model: Model<Names>;
  /** The id the workers know the model by (`createShardWorker`'s `models`). */
  readonly modelId: string;
  /** Samples of the run. */
  readonly samples: number;
  /**
   * Jobs to cut the run into (whole segments of 4,096 samples each, as equal as they allow). More
   * shards than workers balance uneven machines and lose less to a failure; each costs a part of a
   * few tens of KB in Redis and the first segment evaluated again (docs/guides/scaling-out.md).
   */
  readonly shards: number;
  /** How inputs are sampled, as `model.run`'s `sampling` (default `'random'`). */
  readonly sampling?: Sampling;
  /** Leave inputs out of the parts (as `runPartial`'s `lazyInputs`). */
  readonly lazyInputs?: boolean;
  /** Extra summary quantile levels, as `model.run`'s `quantiles`. */
  readonly quantiles?: readonly number[];
  /**
   * Values to compare nodes with exactly, by node (as `model.run`'s `thresholds`): the result's
   * `probability(node, op, t)` at those values is exact, as `model.run` gives it.
   */
  readonly thresholds?: { readonly [N in Names]?: readonly number[] };
  /** The queue (default `'salvo'`); the workers must use the same. */
  readonly queueName?: string;
  /** BullMQ's key prefix (default BullMQ's, `'bull'`); the workers must use the same. */
  readonly prefix?: string;
  /** Attempts per job before the run fails (default 3): a failed attempt is retried after a backoff. */
  readonly attempts?: number;
  /** The first retry's delay in ms, doubled at each further attempt (default 1000). */
  readonly backoffMs?: number;
  /** Called as shards report progress (about twice a second per running shard) and finish. */
  readonly onProgress?: (progress: RunProgress) => void;
  /**
   * Stops waiting: `submitRun` rejects with the signal's reason. The jobs go on; their result stays in
   * Redis under the run's id, so submitting the same run again picks it up.
   */
  readonly signal?: AbortSignal;
}

const SUBMIT_OPTION_NAMES = optionNames<SubmitRunOptions<string>>()([
  'connection',
  'model',
  'modelId',
  'samples',
  'shards',
  'sampling',
  'lazyInputs',
  'quantiles',
  'thresholds',
  'queueName',
  'prefix',
  'attempts',
  'backoffMs',
  'onProgress',
  'signal',
]);

/** How often the run's state is read while waiting (events usually answer first). */
const POLL_MS = 1000;
/** How long Redis may stay unreachable while a run is waited for before submitRun gives up. */
const UNREACHABLE_MS = 60_000;

/**
 * Runs a model over BullMQ workers ({@link createShardWorker}) and returns the result: equal to
 * `model.run({ samples, sampling, keep: 'none', quantiles })` to the last bit, however many workers
 * took part, in whatever order, with whatever retries. The run is one BullMQ flow: a job per shard and
 * a parent job that merges their parts. Job ids come from the run (model id, fingerprint, samples,
 * sampling, shard count, salvo version), so submitting the same run again — after a crash of the
 * submitter, or from two places at once — computes it once, and a finished run is answered from Redis
 * (remove its jobs to compute it again). A run that failed before is submitted afresh.
 * @param options - the connection, the model and its id, samples and shards
 * @returns the run's result (nothing kept; inputs left out by `lazyInputs` are drawn again here when
 *   their summary is asked)
 * @throws {@link salvo!SalvoError} before any job is added: `INVALID_PARAMETER`, `INVALID_SAMPLE_COUNT`,
 *   `UNKNOWN_OPTION`, `UNSUPPORTED` (a model with `.observe`), `MODULE_LOAD_FAILED` (no bullmq).
 *   When a job fails for good: the worker's code (`PARTIAL_MISMATCH` for a worker whose model differs,
 *   `INVALID_PARAMETER` for a model id it does not know), or `JOB_FAILED` with the job's last error
 *   (a model callback that threw on every attempt)
 * @example
 * <!-- not-run: it needs a Redis server and workers -->
 * ```ts
 * import { submitRun } from 'salvo/bullmq';
 * import { shipmentEstimate } from 'salvo/shipments';
 * const run = await submitRun({
 *   connection: { host: 'redis.internal', port: 6379 },
 *   model: shipmentEstimate(), modelId: 'shipments',
 *   samples: 1e10, shards: 200,
 *   onProgress: (p) => console.log(`${((100 * p.samplesDone) / p.samples).toFixed(0)}%`),
 * });
 * console.log(run.summary('valueUsd'));
 * ```
 */
export async function submitRun<Names extends string>(
  options: SubmitRunOptions<Names>,
): Promise<ModelRun<Names>> {
  const where = 'submitRun';
  requireObject(where, 'options', options, 'an object such as { connection, model, modelId, … }');
  requireKnownOptions(where, 'options', options, SUBMIT_OPTION_NAMES);
  const model = options.model as Model<string>;
  const modelId = requireModelId(where, options.modelId);
  // The shards' own checks, before anything reaches Redis: samples, sampling, lazyInputs, evidence.
  requirePartialOptions(
    model,
    {
      samples: options.samples,
      sampling: options.sampling,
      lazyInputs: options.lazyInputs,
      thresholds: options.thresholds as Record<string, readonly number[]> | undefined,
    },
    where,
  );
  const plan = planRun(
    model,
    {
      samples: options.samples,
      sampling: options.sampling,
      quantiles: options.quantiles,
      keep: 'none',
    },
    where,
  );
  const shards = requireCount(where, 'shards', options.shards);
  const attempts = requireCount(where, 'attempts', options.attempts ?? 3);
  const backoffMs = options.backoffMs ?? 1000;
  if (!Number.isFinite(backoffMs) || backoffMs < 0) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: backoffMs must be a finite number >= 0, got ${show(backoffMs)}`,
      { parameter: 'backoffMs', value: backoffMs },
    );
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: onProgress must be a function, got ${show(options.onProgress)}`,
      { parameter: 'onProgress', value: options.onProgress },
    );
  }
  options.signal?.throwIfAborted();
  const run: RunJobData = {
    modelId,
    fingerprint: modelFingerprint(model),
    libraryVersion: LIBRARY_VERSION,
    samples: plan.total,
    sampling: plan.design.sampling,
    lazyInputs: options.lazyInputs ?? false,
    thresholds: thresholdsToData(options.thresholds as Record<string, readonly number[]>),
  };
  const segmentCount = Math.ceil(plan.total / SEGMENT_LENGTH);
  const ranges: [number, number][] = [];
  for (let i = 0; i < shards; i++) {
    const range = shardSegments(plan.total, i, shards);
    if (range !== undefined) ranges.push(range);
  }
  const runId = runJobId(run, shards);
  const bullmq = await loadBullmq(where);
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const base = {
    connection: options.connection,
    ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
  };
  const queue = new bullmq.Queue(queueName, base);
  const flows = new bullmq.FlowProducer(base);
  const events = new bullmq.QueueEvents(queueName, base);
  // A connection error is retried by ioredis; BullMQ reports it as an 'error' event, which must have a
  // listener (an unheard 'error' would end the process).
  queue.on('error', () => undefined);
  flows.on('error', () => undefined);
  events.on('error', () => undefined);
  const signal = options.signal;
  let stopListening = () => {};
  const aborted = new Promise<never>((_, reject) => {
    if (signal === undefined) return;
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    stopListening = () => signal.removeEventListener('abort', onAbort);
  });
  aborted.catch(() => undefined); // rejected only when aborted, and then raced
  try {
    const tracker = new ProgressTracker(runId, ranges, options.onProgress);
    let wake = () => {};
    events.on('progress', ({ jobId, data }) => tracker.progress(jobId, data));
    events.on('completed', ({ jobId }) => {
      tracker.completed(jobId);
      if (jobId === runId) wake();
    });
    events.on('failed', ({ jobId }) => {
      if (jobId === runId) wake();
    });
    await events.waitUntilReady();
    await unlessUnreachable(where, () =>
      addRun(where, queue, flows, runId, queueName, run, ranges, segmentCount, {
        attempts,
        backoff: { type: 'exponential', delay: backoffMs },
      }),
    );
    let unreachableSince: number | undefined;
    for (;;) {
      let job: Job | undefined;
      let state: string;
      try {
        job = await queue.getJob(runId);
        state = job === undefined ? 'unknown' : await job.getState();
        unreachableSince = undefined;
      } catch (error) {
        // Redis restarting or a network blip: ioredis reconnects; give up only after a long outage.
        unreachableSince ??= Date.now();
        if (Date.now() - unreachableSince > UNREACHABLE_MS) throw unreachable(where, error);
        state = 'unreachable';
      }
      if (state === 'completed') {
        const part = partFromText(where, (job as Job).returnvalue);
        return mergePartials(options.model, [part], { quantiles: options.quantiles });
      }
      if (state === 'failed') {
        throw await unlessUnreachable(where, () =>
          runFailure(where, queue, job as Job, runId, ranges),
        );
      }
      if (state === 'unknown') {
        throw new SalvoError(
          'JOB_FAILED',
          `${where}: the run's job ${runId} is gone from Redis (removed while running, or Redis lost its data)`,
          { parameter: 'jobId', value: runId },
        );
      }
      const woken = new Promise<void>((resolve) => {
        wake = resolve;
      });
      await Promise.race([woken, sleep(POLL_MS), aborted]);
    }
  } finally {
    stopListening();
    await Promise.allSettled([queue.close(), flows.close(), events.close()]);
  }
}

function unreachable(where: string, error: unknown): SalvoError {
  return new SalvoError(
    'QUEUE_UNAVAILABLE',
    `${where}: Redis could not be reached (${(error as Error).message}); the run's jobs stay in Redis and a later submitRun of the same run picks them up`,
    { parameter: 'connection', value: undefined, cause: error },
  );
}

/** Runs a Redis step, turning a connection failure into `QUEUE_UNAVAILABLE` (coded errors pass). */
async function unlessUnreachable<T>(where: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw error instanceof SalvoError ? error : unreachable(where, error);
  }
}

function requireCount(where: string, name: string, value: unknown): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${name} must be a positive integer, got ${show(value)}`,
      { parameter: name, value },
    );
  }
  return value as number;
}

interface RetryOptions {
  readonly attempts: number;
  readonly backoff: { readonly type: 'exponential'; readonly delay: number };
}

/**
 * Adds the run's flow unless it is in Redis already (running, or finished: then its result is read).
 * A run that failed before is removed and added afresh.
 */
async function addRun(
  where: string,
  queue: Queue,
  flows: FlowProducer,
  runId: string,
  queueName: string,
  run: RunJobData,
  ranges: readonly [number, number][],
  segmentCount: number,
  retry: RetryOptions,
): Promise<void> {
  const existing = await queue.getJob(runId);
  if (existing !== undefined) {
    if ((await existing.getState()) !== 'failed') return;
    try {
      await existing.remove({ removeChildren: true });
    } catch (error) {
      throw new SalvoError(
        'JOB_FAILED',
        `${where}: this run (${runId}) failed before and some of its jobs are still running, so it cannot be submitted afresh yet; try again when they finish (${(error as Error).message})`,
        { parameter: 'jobId', value: runId, cause: error },
      );
    }
  }
  const mergeData: MergeJobData = { ...run, segmentCount };
  await flows.add({
    name: MERGE_JOB,
    queueName,
    data: mergeData,
    opts: { jobId: runId, ...retry },
    children: ranges.map((segments, i) => {
      const data: ShardJobData = { ...run, segments };
      return {
        name: SHARD_JOB,
        queueName,
        data,
        // A shard's part lives on in its parent once it completes; its job need not.
        opts: {
          jobId: shardJobId(runId, i),
          ...retry,
          failParentOnFailure: true,
          removeOnComplete: true,
        },
      };
    }),
  });
}

/**
 * The error a failed run stands for: the failed shard's (BullMQ names it in the parent's reason, or
 * the shards are looked through), or the merge's own.
 */
async function runFailure(
  where: string,
  queue: Queue,
  parent: Job,
  runId: string,
  ranges: readonly [number, number][],
): Promise<SalvoError> {
  const named = /(salvo-[A-Za-z0-9_.-]+-shard-\d+)/.exec(parent.failedReason ?? '');
  if (named !== null) {
    const child = await queue.getJob(named[1]);
    if (child?.failedReason) return errorFromReason(where, child.id as string, child.failedReason);
  }
  for (let i = 0; i < ranges.length; i++) {
    const child = await queue.getJob(shardJobId(runId, i));
    if (child !== undefined && (await child.getState()) === 'failed') {
      return errorFromReason(where, child.id as string, child.failedReason);
    }
  }
  return errorFromReason(where, runId, parent.failedReason);
}

/** Adds up the shards' progress reports into the run's. */
class ProgressTracker {
  private readonly done = new Map<string, number>();
  private readonly finished = new Set<string>();
  private readonly sizes = new Map<string, number>();
  private readonly samples: number;

  constructor(
    runId: string,
    ranges: readonly [number, number][],
    private readonly onProgress: ((progress: RunProgress) => void) | undefined,
  ) {
    ranges.forEach(([from, to], i) => {
      this.sizes.set(shardJobId(runId, i), (to - from) * SEGMENT_LENGTH);
    });
    this.samples = 0;
    for (const size of this.sizes.values()) this.samples += size;
  }

  progress(jobId: string, data: unknown): void {
    if (!this.sizes.has(jobId) || typeof data !== 'object' || data === null) return;
    const samplesDone = (data as Partial<ShardJobProgress>).samplesDone;
    if (typeof samplesDone !== 'number') return;
    this.done.set(jobId, samplesDone);
    this.report();
  }

  completed(jobId: string): void {
    const size = this.sizes.get(jobId);
    if (size === undefined || this.finished.has(jobId)) return;
    this.finished.add(jobId);
    this.done.set(jobId, size);
    this.report();
  }

  private report(): void {
    if (this.onProgress === undefined) return;
    let samplesDone = 0;
    for (const value of this.done.values()) samplesDone += value;
    this.onProgress({
      samplesDone: Math.min(samplesDone, this.samples),
      samples: this.samples,
      shardsDone: this.finished.size,
      shards: this.sizes.size,
    });
  }
}
