import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { model, normal } from '../../src/index.js';
import { runParallel } from '../../src/node/index.js';
import {
  bootKeyFor,
  chooseThreadCount,
  defaultWorkerPool,
  idleThreads,
  liveWorkerThreads,
  NEW_WORK_PER_THREAD,
  WARM_WORK_PER_THREAD,
} from '../../src/node/pool.js';

const TIMEOUT = 120_000;

/** Idle threads of the default pool, booted as this test's threads are. */
const idleDefault = () => idleThreads(defaultWorkerPool(), bootKeyFor(undefined));

describe('runParallel without workers: the thread count from the work size', () => {
  it('takes one more thread only while each gets enough work: less if warm, more if new', () => {
    expect(chooseThreadCount(1e6, 2, 0)).toBe(1);
    expect(chooseThreadCount(2 * NEW_WORK_PER_THREAD - 1, 2, 0)).toBe(1);
    expect(chooseThreadCount(2 * NEW_WORK_PER_THREAD, 2, 0)).toBe(2);
    expect(chooseThreadCount(2 * WARM_WORK_PER_THREAD - 1, 2, 2)).toBe(1);
    expect(chooseThreadCount(2 * WARM_WORK_PER_THREAD, 2, 2)).toBe(2);
    // The reference workload (six nodes): two warm threads from 2e6 samples, two new ones from 1.6e7.
    expect(chooseThreadCount(2e6 * 6, 2, 2)).toBe(2);
    expect(chooseThreadCount(2e6 * 6, 2, 0)).toBe(1);
    expect(chooseThreadCount(8e6 * 6, 2, 0)).toBe(1);
    expect(chooseThreadCount(1.6e7 * 6, 2, 0)).toBe(2);
    // Never more than the cores; the third thread on 8 cores needs 3 × the new-thread share.
    expect(chooseThreadCount(1e12, 8, 0)).toBe(8);
    expect(chooseThreadCount(1e9, 1, 0)).toBe(1);
    expect(chooseThreadCount(3 * NEW_WORK_PER_THREAD, 8, 2)).toBe(3);
  });

  it(
    'a short run stays on the calling thread (no thread started) with the same bits',
    async () => {
      const m = model({ seed: 'short' }).input('x', normal(0, 1)).derive('y', 'x * x + 1');
      const before = idleDefault();
      const run = await runParallel(m, { samples: 200_000 });
      expect(liveWorkerThreads()).toBe(0);
      expect(idleDefault()).toBe(before); // none started, so none came back to the pool
      expect(run.toJSON()).toEqual(m.run({ samples: 200_000 }).toJSON());
      expect(run.samples('y')).toEqual(m.run({ samples: 200_000 }).samples('y'));
    },
    TIMEOUT,
  );

  it(
    "runs without a pool borrow the default pool's threads, which wait warm for the next run",
    async () => {
      const m = model({ seed: 'warm' }).input('x', normal(0, 1)).derive('y', 'x * 2');
      const options = { samples: 300_000, keep: ['y'] as 'y'[], workers: 2, mainThread: false };
      const first = await runParallel(m, options);
      expect(idleDefault()).toBe(2);
      expect(liveWorkerThreads()).toBe(0); // idle default-pool threads are not counted as in use
      const second = await runParallel(m, options);
      expect(idleDefault()).toBe(2); // the same two, not two more
      const single = m.run({ samples: 300_000, keep: ['y'] });
      expect(first.samples('y')).toEqual(single.samples('y'));
      expect(second.toJSON()).toEqual(single.toJSON());
      // Two runs at once: the second finds the default pool busy and starts its own threads.
      const [a, b] = await Promise.all([runParallel(m, options), runParallel(m, options)]);
      expect(a.toJSON()).toEqual(b.toJSON());
      expect(liveWorkerThreads()).toBe(0);
      expect(idleDefault()).toBe(2);
    },
    TIMEOUT,
  );

  it(
    'a script using runParallel with its defaults exits by itself',
    async () => {
      const src = (path: string) => new URL(`../../src/${path}`, import.meta.url).href;
      // A file, not -e: with --input-type=module the threads' eval'd bootstrap would be read as ESM.
      const file = join(await mkdtemp(join(tmpdir(), 'salvo-exit-')), 'script.mjs');
      await writeFile(
        file,
        `
        import { model, normal } from '${src('index.ts')}';
        import { runParallel } from '${src('node/index.ts')}';
        const m = model({ seed: 1 }).input('x', normal(0, 1));
        const run = await runParallel(m, { samples: 100_000, workers: 2, mainThread: false });
        const again = await runParallel(m, { samples: 100_000 });
        console.log(run.summary('x').n + again.summary('x').n);
      `,
      );
      const result = spawnSync(process.execPath, ['--import', 'tsx', file], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.stderr).toBe('');
      expect(result.stdout.trim()).toBe('200000');
      expect(result.signal).toBe(null); // not killed by the timeout
      expect(result.status).toBe(0);
    },
    TIMEOUT,
  );
});
