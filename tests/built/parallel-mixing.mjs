// Checks, against the BUILT package, that runParallel gives bit-identical results when the calling
// thread and the worker threads share the tasks (the default, mainThread: true). The vitest suite runs
// from TypeScript sources, where a thread takes seconds to start, so there the calling thread either
// does every task or (mainThread: false) none; here threads start in ~0.2 s and both kinds of task mix.
// A `thread` node records which thread computed each sample, to show that they did mix.
// Run by .ci/run after the build: npm run build && node tests/built/parallel-mixing.mjs
import * as salvo from '../../dist/node/node.js';
import { withThread } from './thread-model.mjs';

{
  const source = {
    module: new URL('./thread-model.mjs', import.meta.url),
    exportName: 'withThread',
  };
  const compared = ['containers', 'shells', 'valueUsd'];
  let failures = 0;
  for (const [samples, keep] of [
    [2_000_000, 'all'],
    [3_000_001, ['shells', 'valueUsd', 'thread']],
  ]) {
    const single = withThread.run({ samples, keep });
    // Whether the calling thread gets a task depends on timing (warm threads on a loaded machine can
    // take them all): run again, up to ATTEMPTS times, until the threads mix. Every attempt must give
    // identical results; at least one must mix.
    const ATTEMPTS = 5;
    let identical = true;
    let threads = new Set();
    let mixed = false;
    for (let attempt = 0; attempt < ATTEMPTS && identical && !mixed; attempt++) {
      const parallel = await salvo.runParallel(source, { samples, keep, workers: 2 });
      for (const name of compared) {
        const a = single.summary(name);
        const b = parallel.summary(name);
        if (JSON.stringify(a) !== JSON.stringify(b)) identical = false;
        if (keep === 'all' || keep.includes(name)) {
          const x = single.samples(name);
          const y = parallel.samples(name);
          for (let i = 0; i < x.length && identical; i++) identical = Object.is(x[i], y[i]);
        }
      }
      threads = new Set(parallel.samples('thread'));
      mixed = threads.has(0) && threads.size > 1;
    }
    if (!identical || !mixed) failures++;
    console.log(
      `${identical && mixed ? 'ok  ' : 'FAIL'} ${samples} samples: results ${identical ? 'identical' : 'DIFFER'}; computed by threads ${[...threads].sort().join(', ')}${mixed ? '' : ` (no mixing in ${ATTEMPTS} attempts: the check proves nothing)`}`,
    );
  }
  if (failures > 0) process.exit(1);
}
