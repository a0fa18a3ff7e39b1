/**
 * `runParallel`: a model run split across worker threads, with results identical to `model.run`.
 * @module
 */
import { SalvoError } from '../errors.js';
import { allocateFloat64 } from '../model/allocate.js';
import { SEGMENT_LENGTH } from '../model/definition.js';
import type { ExactTracker } from '../model/exact.js';
import { type ExactQuestion, exactQuestions, planExact } from '../model/exactRun.js';
import type { Model } from '../model/model.js';
import {
  createStates,
  type NodeState,
  rememberKept,
  sinkOf,
  sketchesFromGroups,
} from '../model/nodeState.js';
import { PARALLEL_ONLY_OPTION_NAMES, RUN_OPTION_NAMES, type RunOptions } from '../model/options.js';
import {
  addPart,
  PartContext,
  type PartialRun,
  PartialRunner,
  WeightedSums,
} from '../model/partial.js';
import { planRun, requireMemory } from '../model/plan.js';
import { progressReporter } from '../model/progress.js';
import { ModelRun } from '../model/result.js';
import { serializeModel } from '../model/serialized.js';
import { evidenceOptions, requireWeighable } from '../model/weighing.js';
import { weightedResult } from '../model/weightedRun.js';
import { Accumulator } from '../samples/segmentMoments.js';
import {
  invalidParameter,
  optionNames,
  requireBoolean,
  requireKnownOptions,
  requireObject,
  show,
} from '../validate.js';
import {
  acquireThreads,
  bootKeyFor,
  chooseThreadCount,
  defaultWorkerPool,
  idleThreads,
  poolBusy,
  requireWorkers,
  startThread,
  type Thread,
  WorkerPool,
  workerFailed,
} from './pool.js';
import {
  errorFromData,
  type FromWorker,
  loadModel,
  moduleUrl,
  type SourceData,
  type ToWorker,
  type WorkerInit,
} from './protocol.js';

/**
 * Options of {@link runParallel}: those of {@link Model.run}, and the number of worker threads.
 *
 * @example
 * ```ts
 * import type { ParallelRunOptions } from 'salvo/node';
 * const options: ParallelRunOptions<'shells'> = { samples: 10_000_000, workers: 2, keep: 'none' };
 * options.workers; // => 2
 * ```
 */
export interface ParallelRunOptions<Names extends string> extends RunOptions<Names> {
  /**
   * Worker threads to use, a positive integer; default: the size of `pool` when one is given, else
   * chosen from the work size. Fewer are used when the run has fewer tasks (ranges of up to 1,048,576
   * samples) than workers.
   *
   * The rule when neither `workers` nor `pool` is given: the work is samples × nodes, and a run takes
   * one more thread (up to `os.availableParallelism()`) only while every thread gets at least 6e6 of
   * it when the thread is warm (idle in the process's default pool) or 4.8e7 when it must start — on
   * the six-node reference workload, two warm threads from 2,000,000 samples and two new ones from
   * 16,000,000. Below that the run stays on the calling thread (one task per turn of the event loop),
   * or on one worker thread with `mainThread: false`. The thresholds come from measurements on a
   * 2-core machine (the performance guide, "Worker threads and scale"). Results are the same, bit for
   * bit, whatever the count.
   */
  readonly workers?: number;
  /**
   * Let the calling thread evaluate tasks while the worker threads start (default `true`): a run is
   * then never much slower than `model.run`, even when it is too short to be worth the threads'
   * startup (a few hundred milliseconds for new threads: see the performance guide). It blocks the
   * event loop for one task at a time (up to ~1M samples); `false` keeps the calling thread free, for
   * servers and interactive programs.
   */
  readonly mainThread?: boolean;
  /**
   * Let the worker threads also compute each kept node's summary — its moments, and its exact
   * quantiles at the run's levels — before the promise resolves (default `true`), so that
   * `run.summary(name)` answers at once instead of working through the samples on the calling thread.
   * The nodes are shared out among the threads. `false` when many nodes are kept only to read their
   * samples. A run so short that no thread was ready before it finished leaves them to the calling
   * thread either way, and so does a model with evidence (its kept nodes are weighed).
   */
  readonly summariseKept?: boolean;
  /**
   * Threads to use, kept between runs (see {@link WorkerPool}); `workers` then defaults to the pool's
   * size and may not exceed it. Without a pool, the run borrows the threads of the process's default
   * pool, which keeps them warm between runs without keeping the process alive (idle threads are
   * unreferenced); when another run holds the default pool, the run starts its own threads and stops
   * them when it settles.
   */
  readonly pool?: WorkerPool;
}

/** The names {@link ParallelRunOptions} knows, for `UNKNOWN_OPTION`. */
const PARALLEL_RUN_OPTION_NAMES = optionNames<ParallelRunOptions<string>>()([
  ...RUN_OPTION_NAMES,
  ...PARALLEL_ONLY_OPTION_NAMES,
]);

/**
 * A model to run in worker threads by importing it there: the module (a path, relative to the working
 * directory, or a `file:` URL) and the name of its export — a {@link Model}, or a function of no
 * arguments that returns one. Use it for models with derive callbacks, which cannot be sent to a
 * thread. The module is imported once by the calling thread and once by every worker, so it should
 * build the model and do nothing else at import (no runs, no output). A TypeScript module needs `tsx`
 * installed (each worker registers it).
 *
 * Give the export's type as the type parameter (`ModelSource<typeof shipments>`, with `import type`,
 * which loads nothing) and the run knows the model's node names, as when the model is passed itself.
 *
 * @typeParam Export - the type of the module's export: a model, or a function returning one
 *
 * @example
 * <!-- not-checked: it imports the reader's own module, ./shipments.ts -->
 * ```ts
 * import { runParallel, type ModelSource } from 'salvo/node';
 * import type { shipments } from './shipments.js'; // a type only: the module is not loaded here
 * // shipments.ts: export const shipments = model({ seed: 1 }).input(...).derive('shells', ({ ... }) => ...);
 * const source: ModelSource<typeof shipments> = {
 *   module: new URL('./shipments.ts', import.meta.url),
 *   exportName: 'shipments',
 * };
 * const run = await runParallel(source, { samples: 10_000_000, workers: 2 });
 * run.summary('shells'); // a name the model does not have is a compile error
 * ```
 */
// biome-ignore lint/correctness/noUnusedVariables: Export types the run's node names; no value has it
export interface ModelSource<Export extends ModelExport = ModelExport> {
  /** The module: a file path or a `file:` URL. */
  readonly module: string | URL;
  /** The export to use; default `'default'`. */
  readonly exportName?: string;
}

/**
 * What a module given to {@link runParallel} may export: a model, or a function returning one.
 *
 * @example
 * ```ts
 * import { model, normal } from 'salvo';
 * import type { ModelExport } from 'salvo/node';
 * const build: ModelExport = () => model({ seed: 1 }).input('x', normal(0, 1));
 * ```
 */
export type ModelExport = Model<string> | (() => Model<string>);

/**
 * The node names of the model a {@link ModelExport} gives: what types a run of a module's model.
 *
 * @example
 * ```ts
 * import { model, normal } from 'salvo';
 * import type { ModelExportNames } from 'salvo/node';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * const name: ModelExportNames<typeof m> = 'x';
 * ```
 */
export type ModelExportNames<Export> =
  Export extends Model<infer Names>
    ? Names
    : Export extends () => Model<infer Names>
      ? Names
      : string;

/** The names {@link ModelSource} knows, for `UNKNOWN_OPTION`. */
const MODEL_SOURCE_NAMES = optionNames<ModelSource>()(['module', 'exportName']);

/** Longest task handed to a worker: long enough that messages cost nothing, short enough to balance. */
const MAX_TASK = 1 << 20;

const WHERE = 'runParallel';

/**
 * Runs a model in worker threads and resolves to the same {@link ModelRun} that `model.run(options)`
 * returns — identical samples and summaries, bit for bit, whatever the number of workers: each task
 * is a partial run of whole segments (the parts {@link salvo!runPartial} makes), kept nodes are
 * written by the workers straight into shared memory (no copy), and the parts are added up exactly on
 * the main thread, in any order, as {@link salvo!mergePartials} adds them. A model with evidence
 * (`.observe`) gives its weighted run (its observations travel as distributions; a likelihood
 * function needs a {@link ModelSource}).
 *
 * The model travels to the threads in one of two ways:
 * - a {@link Model} whose nodes are inputs with built-in distributions and string expressions is
 *   sent as data;
 * - any other model (derive callbacks, `deriveEach`, user-defined distributions) is imported in each
 *   worker from a module: pass a {@link ModelSource}.
 *
 * A failure in a worker rejects the promise with the worker's error (a {@link SalvoError} keeps its
 * code) after every thread of the run has been stopped; so does an abort of `options.signal`, with its
 * reason. `onProgress` is called on the main thread as tasks complete. Without `options.pool` the run
 * borrows warm threads from the process's default pool (they do not keep the process alive), and
 * without `options.workers` it chooses how many from the work size — none at all, for a short run,
 * which then stays on the calling thread (see {@link ParallelRunOptions.workers}).
 *
 * @param source - the model, or where to import it from
 * @param options - the run's options (see {@link RunOptions}) and `workers`
 * @returns a promise of the run's results
 * @throws {@link SalvoError} (as a rejection) `INVALID_PARAMETER` for bad options, `UNSUPPORTED` for
 *   a model with callbacks passed directly; then whatever a worker throws
 * @throws {@link SalvoError} (as a rejection) `MODULE_LOAD_FAILED` when `source.module` cannot be
 *   imported (missing, a syntax error, an error while building the model; the error is the `cause`) or
 *   builds a different model in a thread; `WORKER_FAILED` when a thread exits or crashes mid-run
 * @example
 * ```ts
 * import { beta, lognormal, model, pert } from 'salvo';
 * import { runParallel } from 'salvo/node';
 * const shipments = model({ seed: 'nk-2024-02-26' })
 *   .input('containers', pert(5_000, 6_700, 8_000))
 *   .input('shellsPerContainer', lognormal.ci(300, 600))
 *   .input('shareCarryingShells', beta(8, 2))
 *   .derive('shells', 'containers * shellsPerContainer * shareCarryingShells');
 * const run = await runParallel(shipments, { samples: 2_000_000, workers: 2, keep: 'none' });
 * run.summary('shells').mean === shipments.run({ samples: 2_000_000, keep: 'none' }).summary('shells').mean;
 * // => true
 * ```
 */
export function runParallel<Names extends string>(
  source: Model<Names>,
  options: ParallelRunOptions<Names>,
): Promise<ModelRun<Names>>;
export function runParallel<Export extends ModelExport>(
  source: ModelSource<Export>,
  options: ParallelRunOptions<ModelExportNames<Export>>,
): Promise<ModelRun<ModelExportNames<Export>>>;
export function runParallel<Names extends string = string>(
  source: ModelSource,
  options: ParallelRunOptions<Names>,
): Promise<ModelRun<Names>>;
export async function runParallel<Names extends string>(
  source: Model<Names> | ModelSource,
  options: ParallelRunOptions<Names>,
): Promise<ModelRun<Names>> {
  requireObject(WHERE, 'options', options, 'an object such as { samples: 1000000 }');
  requireKnownOptions(WHERE, 'options', options, PARALLEL_RUN_OPTION_NAMES);
  const pool = options.pool;
  if (pool !== undefined && !(pool instanceof WorkerPool)) {
    throw invalidParameter(
      WHERE,
      'pool',
      `pool must come from createWorkerPool, got ${show(pool)}`,
      pool,
    );
  }
  // Unset `workers` (and no pool): the count is chosen below from the work size.
  const workers = requireWorkers(options.workers ?? pool?.size, WHERE);
  const chosen = options.workers === undefined && pool === undefined;
  if (pool !== undefined && workers > pool.size) {
    throw invalidParameter(
      WHERE,
      'workers',
      `workers (${workers}) is more than the pool's size (${pool.size})`,
      workers,
    );
  }
  const useMainThread = requireBoolean(WHERE, 'mainThread', options.mainThread, true);
  const summariseKept = requireBoolean(WHERE, 'summariseKept', options.summariseKept, true);
  let m: Model<string>;
  let data: SourceData;
  if (typeof source === 'object' && source !== null && 'module' in source) {
    requireKnownOptions(WHERE, 'source', source, MODEL_SOURCE_NAMES);
    const module = source.module;
    if (typeof module !== 'string' && !(module instanceof URL)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${WHERE}: source.module must be a path or a URL, got ${show(module)}`,
        { parameter: 'source.module', value: module },
      );
    }
    const exportName = source.exportName ?? 'default';
    data = { kind: 'module', url: moduleUrl(module), exportName };
    m = await loadModel(data, WHERE);
  } else if (
    typeof source === 'object' &&
    source !== null &&
    Array.isArray((source as Model<Names>).nodes)
  ) {
    m = source as Model<string>;
    data = { kind: 'serialized', model: serializeModel(m, WHERE) };
  } else {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${WHERE}: source must be a model or { module, exportName }, got ${show(source)}`,
      { parameter: 'source', value: source },
    );
  }
  const plan = planRun(m, options, WHERE, PARALLEL_RUN_OPTION_NAMES);
  const weighted = m.observations.length > 0;
  if (weighted) requireWeighable(WHERE, plan, options.until);
  const evidence = evidenceOptions(WHERE, options);
  if (plan.until !== undefined) {
    throw new SalvoError(
      'UNSUPPORTED',
      `${WHERE}: until (drawing until a precision is reached) runs on one thread; use model.run({ until }), or give samples`,
      { parameter: 'until', value: options.until },
    );
  }
  const bootKey = bootKeyFor(data.kind === 'module' ? data.url : undefined);
  plan.signal?.throwIfAborted();

  const segmentsTotal = Math.ceil(plan.total / SEGMENT_LENGTH);
  const taskSegments = Math.max(
    plan.block / SEGMENT_LENGTH,
    Math.min(MAX_TASK / SEGMENT_LENGTH, Math.ceil(segmentsTotal / (4 * workers))),
  );
  const taskCount = Math.ceil(segmentsTotal / taskSegments);
  // Without a pool, the process's default pool lends warm threads, unless another run holds it.
  const shared = pool ?? (poolBusy(defaultWorkerPool()) ? undefined : defaultWorkerPool());
  let threadCount = Math.min(workers, taskCount);
  if (chosen) {
    const idle = shared === undefined ? 0 : idleThreads(shared, bootKey);
    const count = chooseThreadCount(plan.total * m.nodes.length, workers, idle);
    // One thread: the calling thread alone, unless it must stay free.
    threadCount = Math.min(count === 1 && useMainThread ? 0 : count, taskCount);
  }

  // Threads: the pool's (after its previous run settles), or new ones, stopped at the end.
  let threads: Thread[];
  let release: (healthy: readonly Thread[]) => Promise<unknown>;
  if (threadCount === 0) {
    threads = [];
    release = async () => {};
  } else if (shared !== undefined) {
    ({ threads, release } = await acquireThreads(shared, threadCount, bootKey, plan.signal));
  } else {
    threads = [];
    try {
      for (let t = 0; t < threadCount; t++) threads.push(startThread(bootKey));
    } catch (error) {
      await Promise.all(threads.map((thread) => thread.worker.terminate()));
      throw error;
    }
    release = (healthy) => Promise.all(healthy.map((thread) => thread.worker.terminate()));
  }
  if (plan.signal?.aborted) {
    await release(threads);
    throw plan.signal.reason;
  }

  let states: NodeState[];
  let keptWeights: Float64Array | undefined;
  try {
    // The pilot of exactQuantiles runs here, while the threads start.
    // Every thread, and the calling thread, may hold one set of block buffers.
    const exact = planExact(m, plan, WHERE, threadCount + 1);
    requireMemory(WHERE, plan, m.nodes.length, threadCount + 1);
    states = createStates(m, plan, WHERE, exact, true);
    keptWeights =
      weighted && plan.keptNames.size > 0
        ? allocateFloat64(WHERE, 'the kept weights', plan.total, true)
        : undefined;
  } catch (error) {
    await release(threads); // out of memory or over the budget, say: the threads are still sound
    throw error;
  }
  // A weighted run's kept nodes are summarised with their weights, on the calling thread.
  const keptNodes =
    summariseKept && !weighted
      ? states.flatMap((state, j) => (state.kept === undefined ? [] : [j]))
      : [];
  const runId = nextRunId++;
  const init: WorkerInit = {
    run: runId,
    source: data,
    seed: m.seed,
    names: m.nodes.map((n) => n.name),
    total: plan.total,
    block: plan.block,
    design: plan.design,
    kept: states.map((s) => (s.kept === undefined ? null : (s.kept.buffer as SharedArrayBuffer))),
    keptWeights: keptWeights === undefined ? null : (keptWeights.buffer as SharedArrayBuffer),
    summarised: states.map((s) => s.accumulator !== undefined),
    exact: states.map((s) => s.exact?.plan ?? null),
  };
  // With evidence, the parts' weighted sums (sketches for the nodes not kept); else `states`.
  const sums = weighted ? new WeightedSums(states.map((s) => s.kept === undefined)) : undefined;

  return new Promise<ModelRun<Names>>((resolve, reject) => {
    let nextTask = 0;
    let tasksDone = 0;
    let done = 0;
    let settled = false;
    const reportProgress = progressReporter(plan);
    const signal = plan.signal;
    /** Threads that were given at least one task and have not yet sent their sketches. */
    const owing = new Set<Thread>();
    const listeners = new Map<Thread, Listeners>();

    /** Ends the run's use of the threads: listeners off; the healthy ones back to the pool (or stopped). */
    const finish = (healthy: readonly Thread[]): Promise<unknown> => {
      signal?.removeEventListener('abort', onAbort);
      for (const [thread, l] of listeners) {
        thread.worker.off('message', l.message);
        thread.worker.off('error', l.error);
        thread.worker.off('exit', l.exit);
      }
      for (const thread of healthy) thread.worker.postMessage({ type: 'end' } satisfies ToWorker);
      return release(healthy);
    };
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      // A failed run's threads may be mid-task: stop them all, then reject.
      void finish([]);
      Promise.all(threads.map((t) => t.worker.terminate())).then(
        () => reject(error),
        () => reject(error),
      );
    };
    const onAbort = (): void => fail(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    /** Threads that have said they are ready for this run (they can take summaries at once). */
    const ready = new Set<Thread>();
    let nextSummary = 0;
    let summariesDone = 0;
    /** Gives a thread the next kept node to summarise, if any is left. */
    const assignSummary = (thread: Thread): void => {
      if (nextSummary >= keptNodes.length) return;
      const node = keptNodes[nextSummary++];
      thread.worker.postMessage({
        type: 'summarise',
        node,
        probabilities: plan.probabilities,
      } satisfies ToWorker);
    };

    /** Threads that were given at least one task: they hold values of the exact windows. */
    const worked = new Set<Thread>();
    /** The exact questions once asked, and the threads' answers still awaited. */
    let questions: ExactQuestion[] | undefined;
    const collected: (readonly Float64Array[])[] = [];
    /**
     * Asks every thread that worked for the stored values of the buckets that hold the exact
     * quantiles (hundreds of values per bucket), and answers once all have replied. True when done.
     */
    const settleExact = (): boolean => {
      if (questions === undefined) {
        questions = exactQuestions(states, plan.probabilities);
        if (questions.length > 0) {
          const asked = questions.map((q) => ({ node: q.node, buckets: q.buckets }));
          for (const thread of worked) {
            thread.worker.postMessage({ type: 'collect', questions: asked } satisfies ToWorker);
          }
        }
      }
      if (questions.length > 0 && collected.length < worked.size) return false;
      questions.forEach((q, k) => {
        // The calling thread's own part (when it evaluated tasks) is in the run's tracker.
        const own = (states[q.node].exact as ExactTracker).collect(q.buckets);
        q.answer([own, ...collected.map((values) => values[k])]);
      });
      questions = [];
      collected.length = 0;
      for (const state of states) state.exact?.release();
      return true;
    };

    /**
     * Resolves once every task is folded, every thread that worked has sent its sketches, the exact
     * quantiles are settled, and the ready threads have summarised the kept nodes.
     */
    const maybeComplete = (): void => {
      if (settled || tasksDone < taskCount || owing.size > 0) return;
      if (!settleExact()) return;
      if (ready.size > 0 && summariesDone < keptNodes.length) {
        if (nextSummary === 0) for (const thread of ready) assignSummary(thread);
        return;
      }
      let run: ModelRun<Names>;
      try {
        run =
          sums === undefined
            ? resultOf<Names>(m, plan.total, states, plan.probabilities)
            : weightedResult<Names>(
                WHERE,
                m,
                plan,
                sums,
                states.map((s) => s.kept),
                keptWeights,
                evidence,
              );
      } catch (error) {
        fail(error); // too little weight: EMPTY_DATA, or the low effective sample size's error
        return;
      }
      settled = true;
      finish(threads).then(
        () => resolve(run),
        () => resolve(run),
      );
    };

    const taskSegmentsOf = (index: number): [number, number] => [
      index * taskSegments,
      Math.min((index + 1) * taskSegments, segmentsTotal),
    ];

    /** Gives a thread that asks for work its next task, or tells it to finish. */
    const assign = (thread: Thread): void => {
      if (nextTask < taskCount) {
        const index = nextTask++;
        owing.add(thread);
        worked.add(thread);
        thread.worker.postMessage({
          type: 'task',
          index,
          segments: taskSegmentsOf(index),
        } satisfies ToWorker);
      } else if (owing.has(thread)) {
        thread.worker.postMessage({ type: 'finish' } satisfies ToWorker);
      }
    };

    /** Adds a task's part into the run (any order: every sum is exact) and reports progress. */
    const addTask = (index: number, part: PartialRun): void => {
      try {
        if (sums === undefined) addPart(states, part);
        else sums.add(WHERE, part, index);
        tasksDone++;
        const [from, to] = part.segments;
        done += Math.min(to * SEGMENT_LENGTH, plan.total) - from * SEGMENT_LENGTH;
        reportProgress(done);
      } catch (error) {
        fail(error); // onProgress threw, or (a bug) a part that does not add up
      }
    };

    // While the threads start (a few hundred milliseconds when they are new), the calling thread
    // evaluates tasks itself, one per turn of the event loop; it stops as soon as a thread is ready, so
    // that the threads then have the cores to themselves. Its sketches and exact trackers are the
    // run's own: neither depends on order.
    let mainContext: PartContext | undefined;
    const mainStep = (): void => {
      if (settled || ready.size > 0 || nextTask >= taskCount) return;
      const index = nextTask++;
      try {
        mainContext ??= new PartContext(m, plan, init.summarised, new Map(), WHERE, {
          kept: states.map((state) => state.kept),
          keptWeights,
          // The run's own exact trackers see the calling thread's values (the parts count none).
          sinks: states.map((state) =>
            state.exact === undefined ? undefined : sinkOf(state.exact),
          ),
        });
        const runner = new PartialRunner(mainContext, taskSegmentsOf(index), []);
        while (!runner.done) runner.step();
        addTask(index, runner.result());
      } catch (error) {
        fail(error);
        return;
      }
      maybeComplete();
      setImmediate(mainStep);
    };

    try {
      for (let t = 0; t < threads.length; t++) listen(threads[t], t);
    } catch (error) {
      fail(error);
      return;
    }
    if (useMainThread) setImmediate(mainStep);

    function listen(thread: Thread, t: number): void {
      const l: Listeners = {
        message: (message: FromWorker) => {
          if (settled) return;
          if (message.type === 'ready') {
            if (message.run !== runId) return; // a pooled thread finishing an earlier run's init
            ready.add(thread);
            assign(thread);
          } else if (message.type === 'done') {
            addTask(message.index, message.part);
            if (settled) return;
            assign(thread);
          } else if (message.type === 'counts') {
            message.exact.forEach((counts, j) => {
              if (counts !== null) states[j].exact?.mergeCounts(counts);
            });
            owing.delete(thread);
            maybeComplete();
          } else if (message.type === 'collected') {
            collected.push(message.values);
            maybeComplete();
          } else if (message.type === 'summary') {
            const kept = states[message.node].kept as Float64Array;
            rememberKept(kept, Accumulator.fromData(message.moments), message.ps, message.values);
            summariesDone++;
            assignSummary(thread);
            maybeComplete();
          } else {
            fail(errorFromData(message.error));
          }
        },
        error: (error: unknown) => fail(workerFailed('failed', error, t)),
        exit: (code: number) => {
          if (!settled) {
            fail(
              new SalvoError(
                'WORKER_FAILED',
                `${WHERE}: worker thread ${t} stopped (exit code ${code}) before finishing`,
                { value: code },
              ),
            );
          }
        },
      };
      listeners.set(thread, l);
      thread.worker.on('message', l.message);
      thread.worker.on('error', l.error);
      thread.worker.on('exit', l.exit);
      thread.worker.postMessage({ type: 'init', init } satisfies ToWorker);
    }
  });
}

/** A run's listeners on one thread (removed when the run ends, so a pooled thread starts clean). */
interface Listeners {
  readonly message: (message: FromWorker) => void;
  readonly error: (error: unknown) => void;
  readonly exit: (code: number) => void;
}

/** Numbers the runs, so that a pooled thread's messages about an earlier run are recognised. */
let nextRunId = 0;

/** A run's result from its states, once every part is in: each node sketched per group merged first. */
function resultOf<Names extends string>(
  m: Model<string>,
  total: number,
  states: NodeState[],
  probabilities: readonly number[],
): ModelRun<Names> {
  sketchesFromGroups(states);
  return new ModelRun<Names>(m.seed, total, states, probabilities, m.nodes);
}
