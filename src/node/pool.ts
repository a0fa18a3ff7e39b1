/**
 * Worker threads for `runParallel`: starting them (with tsx registered when TypeScript must load), and
 * {@link WorkerPool}, which keeps them between runs.
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SalvoError } from '../errors.js';
import { invalidParameter, optionNames, requireKnownOptions, show } from '../validate.js';
import type { WorkerBoot } from './protocol.js';

const WHERE = 'runParallel';

/** A started worker thread, and how it was booted (`''`: plain; else tsx's URL). */
export interface Thread {
  readonly worker: Worker;
  readonly bootKey: string;
}

/** Worker threads started by salvo that have not exited yet (idle pooled threads included). */
const live = new Set<Worker>();

/**
 * How many of salvo's worker threads are alive: 0 once every run without a pool has settled, and every
 * pool is closed (tests check that no thread outlives a failed or aborted run).
 * The idle threads of the process's default pool ({@link defaultWorkerPool}) are not counted: they
 * wait, unreferenced, for the next run.
 * @internal
 */
export function liveWorkerThreads(): number {
  const state = defaultPool === undefined ? undefined : poolState(defaultPool);
  const idleDefault = state?.idle.filter((thread) => live.has(thread.worker)).length ?? 0;
  return live.size - idleDefault;
}

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

/**
 * How a thread must boot to load the model at `sourceUrl` (undefined: sent as data): `''` when plain
 * JavaScript will do, else the URL of tsx's registration API.
 */
export function bootKeyFor(sourceUrl: string | undefined): string {
  const typescript =
    TYPESCRIPT.test(workerEntry().pathname) ||
    (sourceUrl !== undefined && TYPESCRIPT.test(new URL(sourceUrl).pathname));
  if (!typescript) return '';
  return resolveTsx([...(sourceUrl !== undefined ? [sourceUrl] : []), import.meta.url]);
}

/**
 * `WORKER_FAILED`: a worker thread (`thread`: its number in the run, or none when it did not start)
 * stopped or could not start; the thread's error is the `cause`. A {@link SalvoError} is returned as it
 * is (its code already says what failed).
 */
export function workerFailed(what: string, error: unknown, thread?: number): SalvoError {
  if (error instanceof SalvoError) return error;
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : show(error);
  const which = thread === undefined ? 'a worker thread' : `worker thread ${thread}`;
  return new SalvoError('WORKER_FAILED', `${WHERE}: ${which} ${what}: ${reason}`, {
    value: thread,
    cause: error,
  });
}

/**
 * The parent's Node flags for the bootstrap thread, without `--input-type`: the bootstrap is CommonJS
 * source evaluated as a string, and `node --input-type=module -e …` would make it an ES module (where
 * `require` is not defined) in every worker it starts.
 */
export function bootExecArgv(parent: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    if (parent[i] === '--input-type')
      i++; // and its value
    else if (!parent[i].startsWith('--input-type=')) kept.push(parent[i]);
  }
  return kept;
}

/** Starts a worker thread (through a small bootstrap that registers tsx when `bootKey` says so). */
export function startThread(bootKey: string): Thread {
  const entry = workerEntry();
  let worker: Worker;
  try {
    if (bootKey === '') {
      worker = new Worker(entry, { workerData: {} satisfies WorkerBoot });
    } else {
      const boot = `
        const { workerData, parentPort } = require('node:worker_threads');
        import(workerData.boot.tsx)
          .then((api) => { api.register(); return import(workerData.boot.entry); })
          .catch((error) => parentPort.postMessage({ type: 'error', error: {
            name: (error && error.name) || 'Error', message: String((error && error.message) || error), stack: error && error.stack } }));`;
      worker = new Worker(boot, {
        eval: true,
        execArgv: bootExecArgv(process.execArgv),
        workerData: { boot: { tsx: bootKey, entry: entry.href } } satisfies WorkerBoot,
      });
    }
  } catch (error) {
    throw workerFailed('could not start', error);
  }
  live.add(worker);
  worker.on('exit', () => live.delete(worker));
  // A run listens for errors while it uses the thread; an idle pooled thread's error ends it (its
  // 'exit' follows) and must not crash the process.
  worker.on('error', () => {});
  return { worker, bootKey };
}

/**
 * Worker threads kept alive between {@link runParallel} calls. A thread that has run a model once has
 * its code compiled and optimised; a fresh thread spends its first few hundred milliseconds starting
 * and warming up (measured with `node benchmarks/thread-probe.mjs`, see the performance guide). Pass a
 * pool as `runParallel(model, { pool, ... })` to choose the threads' number and lifetime; runs on one
 * pool take turns. (Without one, runs borrow the process's default pool, which keeps warm threads
 * too.) Idle threads do not keep the process alive; {@link WorkerPool.close} stops them.
 *
 * @example
 * ```ts
 * import { model, normal } from 'salvo';
 * import { createWorkerPool, runParallel } from 'salvo/node';
 * const m = model({ seed: 1 }).input('x', normal(0, 1)).derive('y', 'x * 2');
 * const pool = createWorkerPool({ workers: 2 });
 * try {
 *   const first = await runParallel(m, { samples: 1_000_000, pool, keep: 'none' });
 *   const second = await runParallel(m, { samples: 1_000_000, pool, keep: 'none' }); // warm threads
 *   first.summary('y').mean === second.summary('y').mean; // => true
 * } finally {
 *   await pool.close();
 * }
 * ```
 */
export class WorkerPool {
  /** The most threads a run on this pool uses. */
  readonly size: number;

  /** @internal */
  constructor(size: number) {
    this.size = size;
    pools.set(this, { idle: [], turn: Promise.resolve(), closed: false, users: 0 });
  }

  /**
   * Stops the pool's threads, after the run in progress (if any) settles; later runs on the pool are
   * refused.
   * @returns a promise that resolves when every thread has exited
   */
  async close(): Promise<void> {
    const state = poolState(this);
    state.closed = true;
    await state.turn;
    await Promise.all(state.idle.splice(0).map((thread) => thread.worker.terminate()));
  }
}

/**
 * A pool's threads and turns, kept out of the class so that its declaration names no Node type (the
 * `salvo/node` typings must not need `@types/node`).
 */
interface PoolState {
  readonly idle: Thread[];
  turn: Promise<void>;
  closed: boolean;
  /** Runs holding or waiting for a turn. */
  users: number;
}

const pools = new WeakMap<WorkerPool, PoolState>();

function poolState(pool: WorkerPool): PoolState {
  return pools.get(pool) as PoolState;
}

/**
 * Waits for the pool's turn, then hands out `count` threads booted as `bootKey` (idle ones first).
 * `release` gives back the threads that are still healthy and ends the turn.
 */
export async function acquireThreads(
  pool: WorkerPool,
  count: number,
  bootKey: string,
  signal?: AbortSignal,
): Promise<{ threads: Thread[]; release: (healthy: readonly Thread[]) => Promise<unknown> }> {
  const state = poolState(pool);
  const previous = state.turn;
  let resolveTurn = (): void => {};
  state.turn = new Promise<void>((resolve) => {
    resolveTurn = resolve;
  });
  state.users++;
  let ended = false;
  const endTurn = (): void => {
    if (ended) return;
    ended = true;
    state.users--;
    resolveTurn();
  };
  // An abort while waiting rejects at once; the turn still ends only after the previous one, so that
  // the runs queued behind this one keep their order.
  let onAbort = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await (signal === undefined ? previous : Promise.race([previous, aborted]));
  } catch (reason) {
    state.users--;
    ended = true;
    void previous.then(resolveTurn);
    throw reason;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (state.closed) {
    endTurn();
    throw invalidParameter(WHERE, 'pool', 'the worker pool is closed', 'closed');
  }
  const threads: Thread[] = [];
  for (const thread of state.idle.splice(0)) {
    if (!live.has(thread.worker)) continue; // exited while idle
    if (threads.length < count && thread.bootKey === bootKey) threads.push(thread);
    else if (thread.bootKey === bootKey) state.idle.push(thread);
    else void thread.worker.terminate(); // booted for another kind of model
  }
  try {
    while (threads.length < count) threads.push(startThread(bootKey));
  } catch (error) {
    state.idle.push(...threads);
    endTurn();
    throw error;
  }
  for (const thread of threads) thread.worker.ref();
  return {
    threads,
    release: async (healthy) => {
      for (const thread of healthy) {
        thread.worker.unref();
        state.idle.push(thread);
      }
      endTurn();
    },
  };
}

/**
 * Creates a {@link WorkerPool}: threads start on the first run that needs them.
 * @param options - `workers`: the most threads a run uses, an integer from 1 to 256; default
 *   `os.availableParallelism()`
 * @returns the pool
 * @throws {@link SalvoError} `INVALID_PARAMETER` for a bad `workers`
 * @example
 * ```ts
 * import { createWorkerPool } from 'salvo/node';
 * const pool = createWorkerPool({ workers: 2 });
 * pool.size; // => 2
 * await pool.close();
 * ```
 */
export function createWorkerPool(options: { readonly workers?: number } = {}): WorkerPool {
  requireKnownOptions(
    'createWorkerPool',
    'options',
    options,
    optionNames<typeof options>()(['workers']),
  );
  return new WorkerPool(requireWorkers(options?.workers, 'createWorkerPool'));
}

/** A checked thread count (default: the machine's available parallelism). */
export function requireWorkers(workers: unknown, where: string): number {
  const count = workers ?? availableParallelism();
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1 || count > 256) {
    throw invalidParameter(
      where,
      'workers',
      `workers must be an integer from 1 to 256, got ${show(workers)}`,
      workers,
    );
  }
  return count;
}

/**
 * How many threads a run should use when the user did not say (`workers` unset), for `work` = samples ×
 * nodes, on a machine with `cores` cores, when `idle` warm threads wait in the default pool: one more
 * thread only when every thread gets at least {@link WARM_WORK_PER_THREAD} of work if it is warm, or
 * {@link NEW_WORK_PER_THREAD} if it must start. 1 means the calling thread alone.
 * @internal
 */
export function chooseThreadCount(work: number, cores: number, idle: number): number {
  let threads = 1;
  while (threads < cores) {
    const next = threads + 1;
    const perThread = next <= idle ? WARM_WORK_PER_THREAD : NEW_WORK_PER_THREAD;
    if (work < next * perThread) break;
    threads = next;
  }
  return threads;
}

/**
 * Samples × nodes per thread below which a warm thread does not pay for its messages and its share
 * of the run's set-up: 6e6, so two warm threads from 2,000,000 samples of the six-node reference
 * workload (the measurements behind both constants: docs/performance.md, "Worker threads and scale").
 * @internal
 */
export const WARM_WORK_PER_THREAD = 6e6;

/**
 * Samples × nodes per thread below which starting a new thread (a few hundred milliseconds) does not
 * pay: 4.8e7, so two new threads from 16,000,000 samples of the reference workload.
 * @internal
 */
export const NEW_WORK_PER_THREAD = 4.8e7;

/** The process's default pool, made on first use. */
let defaultPool: WorkerPool | undefined;

/**
 * The pool `runParallel` uses when it is given none: one per process, whose threads start on demand
 * and wait between runs, unreferenced (they never keep the process alive). Its size is the most a
 * run may ask for (256): a run asking for more threads than it holds starts the rest.
 * @internal
 */
export function defaultWorkerPool(): WorkerPool {
  defaultPool ??= new WorkerPool(256);
  return defaultPool;
}

/** Whether a run holds or waits for `pool` (a run finding the default pool busy starts its own threads). */
export function poolBusy(pool: WorkerPool): boolean {
  return poolState(pool).users > 0;
}

/** Idle threads of `pool` booted as `bootKey` and still alive. */
export function idleThreads(pool: WorkerPool, bootKey: string): number {
  return poolState(pool).idle.filter((t) => t.bootKey === bootKey && live.has(t.worker)).length;
}
