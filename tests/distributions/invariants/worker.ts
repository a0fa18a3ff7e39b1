/**
 * The worker thread of tests/distributions/invariants.test.ts: runs one family's property at a time and
 * tells the test, before every call into salvo, which call it is about to make, so that the test can
 * stop the thread and name the call when one never returns (a hang fails its case instead of the run).
 */
import { parentPort } from 'node:worker_threads';
import fc from 'fast-check';
import type { Distribution } from '../../../src/index.js';
import { createRng, SalvoError } from '../../../src/index.js';
import { families, probability } from './families.js';
import { type CheckRequest, HANG_SELF_TEST, type WorkerMessage } from './protocol.js';

/** A single call must return within this many milliseconds (measured here; the test's watchdog stops calls that never return). */
const DEADLINE_MS = 500;

const port = parentPort;
if (port === null) throw new Error('invariants/worker.ts runs in a worker thread');

function post(message: WorkerMessage): void {
  port?.postMessage(message);
}

/** Announces `what`, runs `f`, and fails when it takes longer than the deadline. */
function timed<T>(what: string, f: () => T): T {
  post({ type: 'call', what });
  const start = performance.now();
  const result = f();
  const elapsed = performance.now() - start;
  if (elapsed > DEADLINE_MS) throw new Error(`${what} took ${elapsed.toFixed(0)} ms`);
  return result;
}

function check(name: string, make: () => Distribution, levels: number[]): void {
  let dist: Distribution;
  try {
    dist = timed(`${name} factory`, make);
  } catch (error) {
    if (error instanceof SalvoError) return;
    throw error;
  }
  const { min, max } = dist;
  const inSupport = (x: number) => x >= min && x <= max;
  const samples = timed(`${name}.sample`, () => dist.sample(64, createRng('invariants')));
  for (const x of samples) {
    if (!Number.isFinite(x) || !inSupport(x)) throw new Error(`${name} sampled ${x}`);
  }
  const ps = [0, 1, 0.5, ...levels].sort((a, b) => a - b);
  let previousX = Number.NEGATIVE_INFINITY;
  const xs: number[] = [];
  for (const p of ps) {
    const x = timed(`${name}.quantile(${p})`, () => dist.quantile(p));
    if (Number.isNaN(x) || !inSupport(x)) throw new Error(`${name}.quantile(${p}) = ${x}`);
    if (x < previousX) throw new Error(`${name}.quantile not monotone at p = ${p}`);
    previousX = x;
    xs.push(x);
  }
  const abscissae = [...xs, ...samples, min, max, -Infinity, Infinity].sort((a, b) => a - b);
  let previousP = 0;
  for (const x of abscissae) {
    const p = timed(`${name}.cdf(${x})`, () => dist.cdf(x));
    if (!(p >= 0 && p <= 1)) throw new Error(`${name}.cdf(${x}) = ${p}`);
    if (p < previousP) throw new Error(`${name}.cdf not monotone at x = ${x}: ${p} < ${previousP}`);
    previousP = p;
  }
}

/** The property of one family; a failure's message, or undefined when it holds. */
function runFamily({ family: name, seed, runs }: CheckRequest): string | undefined {
  if (name === HANG_SELF_TEST) {
    // The test's own check that its watchdog works: a call that never returns.
    timed('a call that never returns', () => {
      for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_000);
    });
  }
  const family = families.find((f) => f.name === name);
  if (family === undefined) return `no family named ${name}`;
  try {
    fc.assert(
      fc.property(
        family.args as fc.Arbitrary<never>,
        fc.array(probability, { maxLength: 4 }),
        (args, levels) => {
          check(
            `${family.name}(${(args as number[]).join(', ')})`,
            () => family.make(args),
            levels,
          );
        },
      ),
      { seed, numRuns: runs },
    );
  } catch (error) {
    const cause = (error as Error).cause;
    return `${(error as Error).message}${cause instanceof Error ? `\nCaused by: ${cause.message}` : ''}`;
  }
  return undefined;
}

port.on('message', (request: CheckRequest) => {
  post({ type: 'done', failure: runFamily(request) });
});
post({ type: 'ready' });
