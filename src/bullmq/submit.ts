/**
 * The submitting side of a BullMQ run: one flow per run — a child job per shard (a range of segments)
 * and a parent that merges them — with ids derived from the run, so the same run submitted twice is
 * computed once; then the merged part is read back and turned into the run's result, equal to
 * `model.run` to the bit.
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectionOptions, FlowProducer, Job, Queue, QueueEvents } from 'bullmq';
import { SalvoError } from '../errors.js';
import { SEGMENT_LENGTH } from '../model/definition.js';
import type { Sampling } from '../model/design.js';
import { modelFingerprint } from '../model/fingerprint.js';
import type { Model } from '../model/model.js';
import {
  gatherRequest,
  mergePartials,
  partialWindows,
  requirePartialOptions,
} from '../model/partial.js';
import type { ModelRun } from '../model/result.js';
import { prepareSweep, SWEEP_OPTION_NAMES, type Sweep, type SweepPoint } from '../model/sweep.js';
import { shardSegments } from '../node/shards.js';
import { optionNames, requireKnownOptions, requireObject, show } from '../validate.js';
import { LIBRARY_VERSION } from '../version.js';
import {
  DEFAULT_QUEUE_NAME,
  errorFromReason,
  GATHER_JOB,
  GATHER_MERGE_JOB,
  type GatherJobData,
  gatheredFromText,
  gatherJobId,
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
   * few KB in Redis (docs/performance.md, "Partial runs") and the first segment evaluated again.
   */
  readonly shards: number;
  /** How inputs are sampled, as `model.run`'s `sampling` (default `'random'`). */
  readonly sampling?: Sampling;
  /** Leave inputs out of the parts (as `runPartial`'s `lazyInputs`). */
  readonly lazyInputs?: boolean;
  /** Extra summary quantile levels, as `model.run`'s `quantiles`. */
  readonly quantiles?: readonly number[];
  /**
   * Nodes whose summary quantiles are to be exact, as `model.run`'s `exactQuantiles`: the run then
   * takes a second pass (a second flow of as many jobs, each evaluating its segments again and keeping
   * the values near the wanted quantiles), so every sample is drawn twice, and the submitter draws
   * the run's pilot once (up to 4,194,304 samples) to place the windows.
   */
  readonly exactQuantiles?: readonly Names[];
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
  'exactQuantiles',
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
  const queued = queuedRun(where, options.model, null, options);
  const settings = queueSettings(where, options);
  options.signal?.throwIfAborted();
  const session = await QueueSession.open(where, settings);
  try {
    return await session.follow(queued);
  } finally {
    await session.close();
  }
}

/**
 * One run as the queue sees it: its jobs' data (the parts carry its quantile levels back), shards and
 * id, and the model its result is made from.
 */
interface QueuedRun<Names extends string> {
  readonly model: Model<Names>;
  readonly data: RunJobData;
  readonly ranges: readonly [number, number][];
  readonly runId: string;
}

/** What a run's options say about the run itself, checked as the shards and the merge will check it. */
type RunChoices = Pick<
  SubmitRunOptions<string>,
  | 'modelId'
  | 'samples'
  | 'shards'
  | 'sampling'
  | 'lazyInputs'
  | 'quantiles'
  | 'exactQuantiles'
  | 'thresholds'
>;

function queuedRun<Names extends string>(
  where: string,
  model: Model<Names>,
  point: SweepPoint | null,
  choices: RunChoices,
): QueuedRun<Names> {
  const modelId = requireModelId(where, choices.modelId);
  const thresholds = choices.thresholds as Record<string, readonly number[]> | undefined;
  // The shards' own checks, before anything reaches Redis: samples, sampling, lazyInputs, evidence.
  const plan = requirePartialOptions(
    model as Model<string>,
    {
      samples: choices.samples,
      sampling: choices.sampling,
      lazyInputs: choices.lazyInputs,
      thresholds,
      exactQuantiles: choices.exactQuantiles,
      quantiles: choices.quantiles,
    },
    where,
  );
  const shards = requireCount(where, 'shards', choices.shards);
  const data: RunJobData = {
    modelId,
    point,
    fingerprint: modelFingerprint(model as Model<string>),
    libraryVersion: LIBRARY_VERSION,
    samples: plan.total,
    sampling: plan.design.sampling,
    lazyInputs: choices.lazyInputs ?? false,
    thresholds: thresholdsToData(thresholds),
    exactQuantiles: [...(choices.exactQuantiles ?? [])],
    quantiles: [...(choices.quantiles ?? [])],
    // Placed once here from the run's pilot, rather than by every shard.
    windows:
      (choices.exactQuantiles ?? []).length === 0
        ? null
        : partialWindows(model as Model<string>, {
            samples: choices.samples,
            sampling: choices.sampling,
            exactQuantiles: choices.exactQuantiles,
            quantiles: choices.quantiles,
          }),
  };
  const ranges: [number, number][] = [];
  for (let i = 0; i < shards; i++) {
    const range = shardSegments(plan.total, i, shards);
    if (range !== undefined) ranges.push(range);
  }
  return { model, data, ranges, runId: runJobId(data, shards) };
}

/** Where and how runs are queued: the connection, queue, retries, progress and abort. */
interface QueueSettings {
  readonly connection: ConnectionOptions;
  readonly queueName: string;
  readonly prefix: string | undefined;
  readonly retry: RetryOptions;
  readonly onProgress: ((progress: RunProgress) => void) | undefined;
  readonly signal: AbortSignal | undefined;
}

function queueSettings(
  where: string,
  options: Pick<
    SubmitRunOptions<string>,
    'connection' | 'queueName' | 'prefix' | 'attempts' | 'backoffMs' | 'onProgress' | 'signal'
  >,
): QueueSettings {
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
  return {
    connection: options.connection,
    queueName: options.queueName ?? DEFAULT_QUEUE_NAME,
    prefix: options.prefix,
    retry: { attempts, backoff: { type: 'exponential', delay: backoffMs } },
    onProgress: options.onProgress,
    signal: options.signal,
  };
}

/**
 * The connections one submission uses for all its runs (a sweep's points share them): a queue to read
 * jobs, a flow producer to add them, and the queue's events for progress and prompt completion.
 */
class QueueSession {
  private readonly wakers = new Map<string, () => void>();
  private readonly tracker: ProgressTracker;
  private readonly aborted: Promise<never>;
  private stopListening = () => {};

  private constructor(
    private readonly where: string,
    private readonly settings: QueueSettings,
    private readonly queue: Queue,
    private readonly flows: FlowProducer,
    private readonly events: QueueEvents,
  ) {
    this.tracker = new ProgressTracker(settings.onProgress);
    // A connection error is retried by ioredis; BullMQ reports it as an 'error' event, which must
    // have a listener (an unheard 'error' would end the process).
    queue.on('error', () => undefined);
    flows.on('error', () => undefined);
    events.on('error', () => undefined);
    events.on('progress', ({ jobId, data }) => this.tracker.progress(jobId, data));
    events.on('completed', ({ jobId }) => {
      this.tracker.completed(jobId);
      this.wakers.get(jobId)?.();
    });
    events.on('failed', ({ jobId }) => this.wakers.get(jobId)?.());
    const signal = settings.signal;
    this.aborted = new Promise<never>((_, reject) => {
      if (signal === undefined) return;
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      this.stopListening = () => signal.removeEventListener('abort', onAbort);
    });
    this.aborted.catch(() => undefined); // rejected only when aborted, and then raced
  }

  static async open(where: string, settings: QueueSettings): Promise<QueueSession> {
    const bullmq = await loadBullmq(where);
    const base = {
      connection: settings.connection,
      ...(settings.prefix === undefined ? {} : { prefix: settings.prefix }),
    };
    const session = new QueueSession(
      where,
      settings,
      new bullmq.Queue(settings.queueName, base),
      new bullmq.FlowProducer(base),
      new bullmq.QueueEvents(settings.queueName, base),
    );
    try {
      await unlessUnreachable(where, () => session.events.waitUntilReady());
    } catch (error) {
      await session.close();
      throw error;
    }
    return session;
  }

  /** Adds the run (unless it is in Redis already) and waits for its result. */
  async follow<Names extends string>(run: QueuedRun<Names>): Promise<ModelRun<Names>> {
    const where = this.where;
    const { runId, data } = run;
    const firstPass = this.flowOf(run, runId, MERGE_JOB, SHARD_JOB, (segments) => ({
      ...data,
      segments,
    }));
    const part = partFromText(where, (await this.settle(firstPass)).returnvalue);
    // Exact quantiles: a second pass gathers the values of the buckets the counts point to. The
    // part carries the run's quantile levels, which both calls read from it.
    const request =
      data.exactQuantiles.length === 0
        ? undefined
        : gatherRequest(run.model as Model<string>, [part]);
    if (request === undefined) return mergePartials(run.model, [part]);
    const secondPass = this.flowOf(
      run,
      gatherJobId(runId),
      GATHER_MERGE_JOB,
      GATHER_JOB,
      (segments): GatherJobData => ({ ...data, request, segments }),
    );
    const gathered = gatheredFromText(where, (await this.settle(secondPass)).returnvalue);
    return mergePartials(run.model, [part], { gathered: [gathered] });
  }

  /**
   * A pass of the run as a flow: a child per shard (its data from its segments) under a parent that
   * merges them; its shards are followed for progress.
   */
  private flowOf(
    run: QueuedRun<string>,
    parentId: string,
    parentName: string,
    childName: string,
    childData: (segments: readonly [number, number]) => ShardJobData | GatherJobData,
  ): Flow {
    this.tracker.add(parentId, run.ranges, run.data.samples);
    const parentData: MergeJobData = {
      ...run.data,
      segmentCount: Math.ceil(run.data.samples / SEGMENT_LENGTH),
    };
    return {
      parentId,
      parentName,
      parentData,
      children: run.ranges.map((segments, i) => ({
        id: shardJobId(parentId, i),
        name: childName,
        data: childData(segments),
      })),
    };
  }

  /** Adds the flow (unless it is in Redis already) and waits until its parent completes. */
  private async settle(flow: Flow): Promise<Job> {
    const where = this.where;
    const id = flow.parentId;
    await unlessUnreachable(where, () =>
      addFlow(where, this.queue, this.flows, this.settings, flow),
    );
    let unreachableSince: number | undefined;
    for (;;) {
      let job: Job | undefined;
      let state: string;
      try {
        // The state first, then the job: a job read first could finish before its state is read,
        // and its return value would be missing.
        state = await this.queue.getJobState(id);
        job = state === 'unknown' ? undefined : await this.queue.getJob(id);
        if (job === undefined) state = 'unknown';
        unreachableSince = undefined;
      } catch (error) {
        // Redis restarting or a network blip: ioredis reconnects; give up only after a long outage.
        unreachableSince ??= Date.now();
        if (Date.now() - unreachableSince > UNREACHABLE_MS) throw unreachable(where, error);
        state = 'unreachable';
      }
      if (state === 'completed') return job as Job;
      if (state === 'failed') {
        throw await unlessUnreachable(where, () =>
          flowFailure(where, this.queue, job as Job, flow),
        );
      }
      if (state === 'unknown') {
        throw new SalvoError(
          'JOB_FAILED',
          `${where}: the run's job ${id} is gone from Redis (removed while running, or Redis lost its data)`,
          { parameter: 'jobId', value: id },
        );
      }
      const woken = new Promise<void>((resolve) => {
        this.wakers.set(id, resolve);
      });
      try {
        await Promise.race([woken, sleep(POLL_MS), this.aborted]);
      } finally {
        this.wakers.delete(id);
      }
    }
  }

  async close(): Promise<void> {
    this.stopListening();
    await Promise.allSettled([this.queue.close(), this.flows.close(), this.events.close()]);
  }
}

/**
 * Options of {@link submitSweep}: those of {@link submitRun} for every point's run, with the
 * builder and the points in place of one model, and the sweep's outputs.
 *
 * @example
 * ```ts
 * import { grid, lognormal, model, pert } from 'salvo';
 * import type { SubmitSweepOptions } from 'salvo/bullmq';
 * const build = (p: { roundsPerContainer: number }) =>
 *   model({ seed: 'sweep' })
 *     .input('containers', pert(5_500, 6_700, 8_000))
 *     .derive('rounds', `containers * ${p.roundsPerContainer}`);
 * const options: SubmitSweepOptions<{ roundsPerContainer: number }, 'containers' | 'rounds'> = {
 *   connection: { host: '127.0.0.1', port: 6379 },
 *   build, modelId: 'rounds', points: grid({ roundsPerContainer: [300, 450, 600] }),
 *   samples: 1e8, shards: 20,
 * };
 * options.points.length; // => 3
 * ```
 */
export interface SubmitSweepOptions<P extends SweepPoint, Names extends string>
  extends Omit<SubmitRunOptions<Names>, 'model'> {
  /** A point's model: the same builder the workers hold under `modelId`. */
  readonly build: (point: P) => Model<Names>;
  /** The assumption sets (numbers and strings only: they travel to the workers as JSON). */
  readonly points: readonly P[];
  /** The nodes summarised at every point: default the model's outputs (nodes no other node reads). */
  readonly outputs?: readonly Names[];
}

const SUBMIT_SWEEP_OPTION_NAMES = optionNames<SubmitSweepOptions<SweepPoint, string>>()([
  ...SUBMIT_OPTION_NAMES.filter((name) => name !== 'model'),
  'build',
  'points',
  'outputs',
] as const);

/**
 * A sweep ({@link salvo!sweep}) over BullMQ workers: every point's run is a flow of `shards` jobs, all
 * points queued at once, so that the workers share the whole sweep. The workers hold the builder
 * under `modelId` (`createShardWorker({ models: { [modelId]: build } })`), and each job carries its
 * point — plain numbers and strings — never code. The result equals `sweep(build, points, { samples,
 * outputs, sampling, quantiles, exactQuantiles })` row by row, to the bit; progress sums over the
 * points.
 * @param options - the connection, the builder and its id, the points, samples and shards per point
 * @returns the sweep: a row per point, in the points' order
 * @throws {@link salvo!SalvoError} as {@link submitRun} and {@link salvo!sweep} do; `INVALID_PARAMETER`
 *   for a point with a value that is not a finite number or a string
 * @example
 * <!-- not-run: it needs a Redis server and workers -->
 * ```ts
 * import { grid, lognormal, model, pert, sweepTable } from 'salvo';
 * import { submitSweep } from 'salvo/bullmq';
 * // The same builder as the workers' models.rounds.
 * const build = (p: { roundsPerContainer: number }) =>
 *   model({ seed: 'sweep' })
 *     .input('containers', pert(5_500, 6_700, 8_000))
 *     .input('share', lognormal.ci(0.5, 0.9))
 *     .derive('rounds', `containers * share * ${p.roundsPerContainer}`);
 * const swept = await submitSweep({
 *   connection: { host: 'redis.internal', port: 6379 },
 *   build, modelId: 'rounds',
 *   points: grid({ roundsPerContainer: [300, 400, 500, 600] }),
 *   samples: 1e9, shards: 50,
 * });
 * console.log(sweepTable(swept, 'rounds'));
 * ```
 */
export async function submitSweep<P extends SweepPoint, Names extends string>(
  options: SubmitSweepOptions<P, Names>,
): Promise<Sweep<P, Names>> {
  const where = 'submitSweep';
  requireObject(where, 'options', options, 'an object such as { connection, build, points, … }');
  requireKnownOptions(where, 'options', options, SUBMIT_SWEEP_OPTION_NAMES);
  for (const [i, point] of (Array.isArray(options.points) ? options.points : []).entries()) {
    requirePlainPoint(where, point, i);
  }
  const prepared = prepareSweep(
    where,
    options.build,
    options.points,
    {
      samples: options.samples,
      outputs: options.outputs,
      sampling: options.sampling,
      quantiles: options.quantiles,
      exactQuantiles: options.exactQuantiles,
    },
    SWEEP_OPTION_NAMES,
  );
  const queued = prepared.models.map((m, i) => queuedRun(where, m, prepared.points[i], options));
  const settings = queueSettings(where, options);
  options.signal?.throwIfAborted();
  const session = await QueueSession.open(where, settings);
  try {
    return prepared.result(await Promise.all(queued.map((run) => session.follow(run))));
  } finally {
    await session.close();
  }
}

/** Throws `INVALID_PARAMETER` unless every value of the point survives JSON: finite numbers, strings. */
function requirePlainPoint(where: string, point: unknown, index: number): void {
  const plain =
    typeof point === 'object' &&
    point !== null &&
    Object.values(point).every(
      (v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)),
    );
  if (!plain) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: points[${index}] must hold finite numbers and strings only (it travels to the workers as JSON), got ${show(point)}`,
      { parameter: `points[${index}]`, value: point },
    );
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

/** A BullMQ flow of a run: a parent job and its children, with their ids, names and data. */
interface Flow {
  readonly parentId: string;
  readonly parentName: string;
  readonly parentData: object;
  readonly children: readonly {
    readonly id: string;
    readonly name: string;
    readonly data: object;
  }[];
}

/**
 * Adds a flow unless it is in Redis already (running, or finished: then its result is read). A flow
 * that failed before is removed and added afresh.
 */
async function addFlow(
  where: string,
  queue: Queue,
  flows: FlowProducer,
  settings: QueueSettings,
  flow: Flow,
): Promise<void> {
  const existing = await queue.getJob(flow.parentId);
  if (existing !== undefined) {
    if ((await existing.getState()) !== 'failed') return;
    try {
      await existing.remove({ removeChildren: true });
    } catch (error) {
      throw new SalvoError(
        'JOB_FAILED',
        `${where}: this run (${flow.parentId}) failed before and some of its jobs are still running, so it cannot be submitted afresh yet; try again when they finish (${(error as Error).message})`,
        { parameter: 'jobId', value: flow.parentId, cause: error },
      );
    }
  }
  const queueName = settings.queueName;
  await flows.add({
    name: flow.parentName,
    queueName,
    data: flow.parentData,
    opts: { jobId: flow.parentId, ...settings.retry },
    children: flow.children.map((child) => ({
      name: child.name,
      queueName,
      data: child.data,
      // A child's result lives on in its parent once it completes; its job need not.
      opts: {
        jobId: child.id,
        ...settings.retry,
        failParentOnFailure: true,
        removeOnComplete: true,
      },
    })),
  });
}

/**
 * The error a failed flow stands for: the failed child's (BullMQ names it in the parent's reason, or
 * the children are looked through), or the parent's own.
 */
async function flowFailure(
  where: string,
  queue: Queue,
  parent: Job,
  flow: Flow,
): Promise<SalvoError> {
  const named = /(salvo-[A-Za-z0-9_.-]+-shard-\d+)/.exec(parent.failedReason ?? '');
  if (named !== null) {
    const child = await queue.getJob(named[1]);
    if (child?.failedReason) return errorFromReason(where, child.id as string, child.failedReason);
  }
  for (const { id } of flow.children) {
    const child = await queue.getJob(id);
    if (child !== undefined && (await child.getState()) === 'failed') {
      return errorFromReason(where, child.id as string, child.failedReason);
    }
  }
  return errorFromReason(where, flow.parentId, parent.failedReason);
}

/** Adds up the shards' progress reports into the runs' (a sweep's points report together). */
class ProgressTracker {
  private readonly done = new Map<string, number>();
  private readonly finished = new Set<string>();
  private readonly sizes = new Map<string, number>();
  private samples = 0;

  constructor(private readonly onProgress: ((progress: RunProgress) => void) | undefined) {}

  /** Follows the shards of run `runId` of `samples` samples. */
  add(runId: string, ranges: readonly [number, number][], samples: number): void {
    ranges.forEach(([from, to], i) => {
      const size = Math.min(to * SEGMENT_LENGTH, samples) - from * SEGMENT_LENGTH;
      this.sizes.set(shardJobId(runId, i), size);
      this.samples += size;
    });
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
