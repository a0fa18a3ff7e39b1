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
 * @internal
 */
export function liveWorkerThreads(): number {
  return live.size;
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
 * pool as `runParallel(model, { pool, ... })` when a program makes several runs; runs on one pool
 * take turns. Idle threads do not keep the process alive; {@link WorkerPool.close} stops them.
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
    pools.set(this, { idle: [], turn: Promise.resolve(), closed: false });
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
  let endTurn = (): void => {};
  state.turn = new Promise<void>((resolve) => {
    endTurn = resolve;
  });
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
    void previous.then(endTurn);
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
