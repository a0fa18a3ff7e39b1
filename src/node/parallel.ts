/**
 * `runParallel`: a model run split across worker threads, with results identical to `model.run`.
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SalvoError } from '../errors.js';
import {
  Accumulator,
  BlockEvaluator,
  createStates,
  evaluateTask,
  foldTask,
  planRun,
  rememberKept,
} from '../model/engine.js';
import { type Model, SEGMENT_LENGTH } from '../model/model.js';
import { ModelRun, type RunOptions } from '../model/run.js';
import { modelSpec } from '../model/spec.js';
import { seedWords } from '../rng/seed.js';
import { QuantileSketch } from '../summary/sketch.js';
import { show } from '../validate.js';
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
   * Worker threads to start, a positive integer; default `os.availableParallelism()`. Fewer are
   * started when the run has fewer tasks (ranges of up to 1,048,576 samples) than workers.
   */
  readonly workers?: number;
  /**
   * Let the calling thread evaluate tasks while the worker threads start (default `true`): a run is
   * then never much slower than `model.run`, even when it is too short to be worth the threads'
   * startup (~0.2–0.5 s). It blocks the event loop for one task at a time (up to ~1M samples);
   * `false` keeps the calling thread free, for servers and interactive programs.
   */
  readonly mainThread?: boolean;
  /**
   * Let the worker threads also compute each kept node's summary — its moments, and its exact
   * quantiles at the run's levels — before the promise resolves (default `true`), so that
   * `run.summary(name)` answers at once instead of working through the samples on the calling thread.
   * The nodes are shared out among the threads. `false` when many nodes are kept only to read their
   * samples. A run so short that no thread was ready before it finished leaves them to the calling
   * thread either way.
   */
  readonly summariseKept?: boolean;
}

/**
 * A model to run in worker threads by importing it there: the module (a path, relative to the working
 * directory, or a `file:` URL) and the name of its export — a {@link Model}, or a function of no
 * arguments that returns one. Use it for models with derive callbacks, which cannot be sent to a
 * thread. The module is imported once by the calling thread and once by every worker, so it should
 * build the model and do nothing else at import (no runs, no output). A TypeScript module needs `tsx`
 * installed (each worker registers it).
 *
 * @example
 * <!-- not-run: it imports the reader's own module, ./shipments.ts -->
 * ```ts
 * import { runParallel, type ModelSource } from 'salvo/node';
 * // shipments.ts: export const shipments = model({ seed: 1 }).input(...).derive('shells', ({ ... }) => ...);
 * const source: ModelSource = { module: new URL('./shipments.ts', import.meta.url), exportName: 'shipments' };
 * const run = await runParallel<'shells'>(source, { samples: 10_000_000, workers: 2 });
 * ```
 */
export interface ModelSource {
  /** The module: a file path or a `file:` URL. */
  readonly module: string | URL;
  /** The export to use; default `'default'`. */
  readonly exportName?: string;
}

/** Longest task handed to a worker: long enough that messages cost nothing, short enough to balance. */
const MAX_TASK = 1 << 20;

/** Worker threads started by runParallel that have not exited yet. */
const live = new Set<Worker>();

/**
 * How many of runParallel's worker threads are alive: 0 once every run has settled (tests check that
 * no thread outlives a failed or aborted run).
 * @internal
 */
export function liveWorkerThreads(): number {
  return live.size;
}

const WHERE = 'runParallel';

/** This module's own worker entry: the built `node-worker.js`, or `worker.ts` when run from source. */
function workerEntry(): URL {
  const here = import.meta.url;
  return /\.[cm]?ts$/.test(new URL(here).pathname)
    ? new URL('./worker.ts', here)
    : new URL('./node-worker.js', here);
}

const TYPESCRIPT = /\.[cm]?tsx?$/;

/** tsx's ESM registration API (`tsx/esm/api`), resolved from the user's module first, then from salvo. */
function resolveTsx(from: readonly string[]): string {
  for (const base of from) {
    try {
      const manifest = createRequire(base).resolve('tsx/package.json');
      const exported = JSON.parse(readFileSync(manifest, 'utf8')).exports?.['./esm/api']?.import;
      const target = typeof exported === 'string' ? exported : exported?.default;
      if (typeof target === 'string') return pathToFileURL(join(dirname(manifest), target)).href;
    } catch {
      // try the next base
    }
  }
  throw new SalvoError(
    'UNSUPPORTED',
    `${WHERE}: loading TypeScript in worker threads needs tsx (npm install --save-dev tsx); or point module at compiled JavaScript`,
  );
}

/** Starts a worker thread (through a small bootstrap that registers tsx when TypeScript is involved). */
function startWorker(init: WorkerInit): Worker {
  const entry = workerEntry();
  const sourceUrl = init.source.kind === 'module' ? init.source.url : undefined;
  const typescript =
    TYPESCRIPT.test(entry.pathname) ||
    (sourceUrl !== undefined && TYPESCRIPT.test(new URL(sourceUrl).pathname));
  if (!typescript) return new Worker(entry, { workerData: init });
  const tsx = resolveTsx([...(sourceUrl !== undefined ? [sourceUrl] : []), import.meta.url]);
  const boot = `
    const { workerData, parentPort } = require('node:worker_threads');
    import(workerData.boot.tsx)
      .then((api) => { api.register(); return import(workerData.boot.entry); })
      .catch((error) => parentPort.postMessage({ type: 'error', error: {
        name: (error && error.name) || 'Error', message: String((error && error.message) || error), stack: error && error.stack } }));`;
  return new Worker(boot, {
    eval: true,
    workerData: { ...init, boot: { tsx, entry: entry.href } },
  });
}

function requireWorkers(workers: unknown): number {
  const count = workers ?? availableParallelism();
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1 || count > 256) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${WHERE}: workers must be an integer from 1 to 256, got ${show(workers)}`,
      { parameter: 'workers', value: workers },
    );
  }
  return count;
}

/**
 * Runs a model in worker threads and resolves to the same {@link ModelRun} that `model.run(options)`
 * returns — identical samples and summaries, bit for bit, whatever the number of workers: each
 * worker evaluates whole segments from their own streams, kept nodes are written by the workers
 * straight into shared memory (no copy), and the per-segment statistics are folded on the main
 * thread in segment order, as a single-thread run folds them.
 *
 * The model travels to the threads in one of two ways:
 * - a {@link Model} whose nodes are inputs with built-in distributions and string expressions is
 *   sent as data;
 * - any other model (derive callbacks, `deriveEach`, user-defined distributions) is imported in each
 *   worker from a module: pass a {@link ModelSource}.
 *
 * A failure in a worker rejects the promise with the worker's error (a {@link SalvoError} keeps its
 * code) after every thread has been stopped; so does an abort of `options.signal`, with its reason.
 * `onProgress` is called on the main thread as tasks complete.
 *
 * @param source - the model, or where to import it from
 * @param options - the run's options (see {@link RunOptions}) and `workers`
 * @returns a promise of the run's results
 * @throws {@link SalvoError} (as a rejection) `INVALID_PARAMETER` for bad options, `UNSUPPORTED` for
 *   a model with callbacks passed directly; then whatever a worker throws
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
export function runParallel<Names extends string = string>(
  source: ModelSource,
  options: ParallelRunOptions<Names>,
): Promise<ModelRun<Names>>;
export async function runParallel<Names extends string>(
  source: Model<Names> | ModelSource,
  options: ParallelRunOptions<Names>,
): Promise<ModelRun<Names>> {
  const workers = requireWorkers(options?.workers);
  let m: Model<string>;
  let data: SourceData;
  if (typeof source === 'object' && source !== null && 'module' in source) {
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
    data = { kind: 'spec', spec: modelSpec(m, WHERE) };
  } else {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${WHERE}: source must be a model or { module, exportName }, got ${show(source)}`,
      { parameter: 'source', value: source },
    );
  }
  const plan = planRun(m, options, WHERE);
  if (m.observations.length > 0) {
    throw new SalvoError(
      'UNSUPPORTED',
      `${WHERE}: models with .observe run on one thread for now (their weighted sketches would not merge bit for bit); use model.run`,
      { parameter: 'observe', value: m.observations.map((o) => o.name) },
    );
  }
  if (plan.until !== undefined) {
    throw new SalvoError(
      'UNSUPPORTED',
      `${WHERE}: until (drawing until a precision is reached) runs on one thread; use model.run({ until }), or give samples`,
      { parameter: 'until', value: options.until },
    );
  }
  plan.signal?.throwIfAborted();
  const states = createStates(
    m,
    plan,
    (length) => new Float64Array(new SharedArrayBuffer(length * 8)),
  );

  const segmentsTotal = Math.ceil(plan.total / SEGMENT_LENGTH);
  const taskSegments = Math.max(
    plan.block / SEGMENT_LENGTH,
    Math.min(MAX_TASK / SEGMENT_LENGTH, Math.ceil(segmentsTotal / (4 * workers))),
  );
  const taskLength = taskSegments * SEGMENT_LENGTH;
  const taskCount = Math.ceil(plan.total / taskLength);
  const init: WorkerInit = {
    source: data,
    seed: m.seed,
    names: m.nodes.map((n) => n.name),
    block: plan.block,
    kept: states.map((s) => (s.kept === undefined ? null : (s.kept.buffer as SharedArrayBuffer))),
    folded: states.map((s) => s.accumulator !== undefined),
  };

  const useMainThread = options.mainThread ?? true;
  if (typeof useMainThread !== 'boolean') {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${WHERE}: mainThread must be true or false, got ${show(useMainThread)}`,
      { parameter: 'mainThread', value: useMainThread },
    );
  }

  const summariseKept = options.summariseKept ?? true;
  if (typeof summariseKept !== 'boolean') {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${WHERE}: summariseKept must be true or false, got ${show(summariseKept)}`,
      { parameter: 'summariseKept', value: summariseKept },
    );
  }
  const keptNodes = summariseKept
    ? states.flatMap((state, j) => (state.kept === undefined ? [] : [j]))
    : [];

  return new Promise<ModelRun<Names>>((resolve, reject) => {
    const threads: Worker[] = [];
    const pending = new Map<number, Float64Array>();
    let nextTask = 0;
    let nextFold = 0;
    let done = 0;
    let settled = false;
    let anyThreadReady = false;
    let lastProgress = Date.now();
    const signal = plan.signal;
    /** Threads that were given at least one task and have not yet sent their sketches. */
    const owing = new Set<Worker>();

    const stopAll = (): Promise<unknown> => Promise.all(threads.map((t) => t.terminate()));
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      stopAll().then(
        () => reject(error),
        () => reject(error),
      );
    };
    const onAbort = (): void => fail(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    /** Threads that have said they are ready (they can take summaries at once). */
    const ready = new Set<Worker>();
    let nextSummary = 0;
    let summariesDone = 0;
    /** Gives a thread the next kept node to summarise, if any is left. */
    const assignSummary = (thread: Worker): void => {
      if (nextSummary >= keptNodes.length) return;
      const node = keptNodes[nextSummary++];
      thread.postMessage({
        type: 'summarise',
        node,
        probabilities: plan.probabilities,
      } satisfies ToWorker);
    };

    /**
     * Resolves once every task is folded, every thread that worked has sent its sketches, and the ready
     * threads have summarised the kept nodes.
     */
    const maybeComplete = (): void => {
      if (settled || nextFold < taskCount || owing.size > 0) return;
      if (ready.size > 0 && summariesDone < keptNodes.length) {
        if (nextSummary === 0) for (const thread of ready) assignSummary(thread);
        return;
      }
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      stopAll().then(
        () => resolve(new ModelRun<Names>(m.seed, plan.total, states, plan.probabilities, m.nodes)),
        reject,
      );
    };

    const taskRange = (index: number): { first: number; length: number } => {
      const first = index * taskLength;
      return { first, length: Math.min(taskLength, plan.total - first) };
    };

    /** Gives a thread that asks for work its next task, or tells it to finish. */
    const assign = (thread: Worker): void => {
      if (nextTask < taskCount) {
        const index = nextTask++;
        owing.add(thread);
        thread.postMessage({ type: 'task', index, ...taskRange(index) } satisfies ToWorker);
      } else if (owing.has(thread)) {
        thread.postMessage({ type: 'finish' } satisfies ToWorker);
      }
    };

    const fold = (): void => {
      const before = done;
      for (let stats = pending.get(nextFold); stats !== undefined; stats = pending.get(nextFold)) {
        pending.delete(nextFold);
        const { length } = taskRange(nextFold);
        foldTask(states, stats, length);
        done += length;
        nextFold++;
      }
      const now = Date.now();
      if (
        plan.onProgress !== undefined &&
        done > before &&
        (now - lastProgress >= 100 || done === plan.total)
      ) {
        lastProgress = now;
        try {
          plan.onProgress(done, plan.total);
        } catch (error) {
          fail(error);
        }
      }
    };

    // While the threads start (a few hundred milliseconds), the calling thread evaluates tasks itself,
    // one per turn of the event loop; it stops as soon as a thread is ready, so that the threads then
    // have the cores to themselves. Its sketches are the run's own: sketches do not depend on order.
    let mainEvaluator: BlockEvaluator | undefined;
    const mainSketches = states.map((state) => state.sketch);
    const mainStep = (): void => {
      if (settled || anyThreadReady || nextTask >= taskCount) return;
      const index = nextTask++;
      const { first, length } = taskRange(index);
      try {
        mainEvaluator ??= new BlockEvaluator(
          m.nodes,
          seedWords(m.seed),
          plan.block,
          states.map((state) => state.kept),
          plan.correlations,
        );
        const stats = evaluateTask(
          mainEvaluator,
          plan.block,
          init.folded,
          first,
          length,
          mainSketches,
        );
        pending.set(index, stats);
        fold();
      } catch (error) {
        fail(error);
        return;
      }
      maybeComplete();
      setImmediate(mainStep);
    };

    const threadCount = Math.min(workers, taskCount);
    for (let t = 0; t < threadCount; t++) {
      let thread: Worker;
      try {
        thread = startWorker(init);
      } catch (error) {
        fail(error);
        return;
      }
      threads.push(thread);
      live.add(thread);
      thread.on('message', (message: FromWorker) => {
        if (settled) return;
        if (message.type === 'ready') {
          anyThreadReady = true;
          ready.add(thread);
          assign(thread);
        } else if (message.type === 'done') {
          pending.set(message.index, message.stats);
          fold();
          assign(thread);
        } else if (message.type === 'sketches') {
          message.states.forEach((state, j) => {
            if (state !== null) states[j].sketch?.merge(QuantileSketch.fromState(state));
          });
          owing.delete(thread);
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
      });
      thread.on('error', fail);
      thread.on('exit', (code) => {
        live.delete(thread);
        if (!settled) {
          fail(
            new Error(`${WHERE}: worker thread ${t} stopped (exit code ${code}) before finishing`),
          );
        }
      });
    }
    if (useMainThread) setImmediate(mainStep);
  });
}
