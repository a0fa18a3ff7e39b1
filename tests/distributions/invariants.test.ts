/**
 * Invariants of every family over wide parameter ranges, extremes included (1e±300, subnormals, tiny
 * and huge shapes): the factory either throws a SalvoError or returns a distribution whose samples are
 * finite and in its support, whose cdf is a monotone probability, whose quantile is monotone and in the
 * support, and whose every call returns within a deadline (a correctness bound, not a benchmark).
 * Issue 16: "every input gets either a correct answer or a coded error, promptly".
 *
 * The calls run in a worker thread (invariants/worker.ts) that announces each call before making it;
 * a call that has not returned after {@link HANG_MS} is stopped with the thread, and its case fails
 * naming it, while the other families go on in a new thread. `INVARIANT_RUNS` (default 40) sets the
 * cases per family, `INVARIANT_SEED` (default 16) the seed.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { families } from './invariants/families.js';
import { HANG_SELF_TEST, type WorkerMessage } from './invariants/protocol.js';

/**
 * A call that has not returned after this many milliseconds is stuck. The worker itself fails a call
 * that returns after more than 500 ms; this bound is for calls that never return, set wide enough that
 * a busy machine does not trip it.
 */
const HANG_MS = 5_000;

const RUNS = Number(process.env.INVARIANT_RUNS ?? 40);
const SEED = Number(process.env.INVARIANT_SEED ?? 16);

/**
 * The worker and salvo bundled into one CommonJS text by esbuild (a fraction of a second), so that
 * each thread starts in milliseconds; loading the TypeScript through tsx took seconds per thread.
 */
function workerBundle(): string {
  const { outputFiles } = buildSync({
    entryPoints: [fileURLToPath(new URL('./invariants/worker.ts', import.meta.url))],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    write: false,
  });
  return outputFiles[0].text;
}

/** One worker thread at a time, replaced when a call in it hangs. */
class Checker {
  #worker: Worker | undefined;
  readonly #code = workerBundle();

  /** Checks one family: a failure's message, or undefined when its property holds. */
  check(family: string, hangMs = HANG_MS): Promise<string | undefined> {
    this.#worker ??= new Worker(this.#code, { eval: true });
    const worker = this.#worker;
    return new Promise((resolve, reject) => {
      let lastCall = '';
      let lastAt = performance.now();
      const watchdog = setInterval(() => {
        // Loading the worker is not a call and has no bound but the test's.
        if (lastCall === '' || performance.now() - lastAt <= hangMs) return;
        finish();
        this.#worker = undefined;
        void worker.terminate();
        resolve(`${lastCall} did not return within ${hangMs} ms`);
      }, 50);
      const onMessage = (message: WorkerMessage) => {
        lastAt = performance.now();
        if (message.type === 'call') {
          lastCall = message.what;
        } else if (message.type === 'done') {
          finish();
          resolve(message.failure);
        }
      };
      const onError = (error: Error) => {
        finish();
        this.#worker = undefined;
        reject(error);
      };
      const finish = () => {
        clearInterval(watchdog);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ family, seed: SEED, runs: RUNS });
    });
  }

  async close(): Promise<void> {
    await this.#worker?.terminate();
    this.#worker = undefined;
  }
}

const checker = new Checker();
afterAll(() => checker.close());

describe('distribution invariants over extreme parameters', () => {
  it('a call that never returns fails its case, naming the call, and the next family still runs', async () => {
    expect(await checker.check(HANG_SELF_TEST, 250)).toBe(
      'a call that never returns did not return within 250 ms',
    );
    expect(await checker.check('uniform')).toBeUndefined();
  });

  for (const family of families) {
    it(`${family.name}: a SalvoError, or samples, cdf and quantile that keep their invariants, promptly`, async () => {
      const failure = await checker.check(family.name);
      if (failure !== undefined) throw new Error(failure);
    });
  }
});
