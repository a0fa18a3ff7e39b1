// When worker threads pay: the reference workload with its two outputs kept, at several sample counts,
// on the calling thread (`model.run`), on 2 new threads (a pool made and closed around each run, as a
// run without a pool used to start its own), on 2 warm threads (one pool, warmed by a first run), and
// with runParallel's defaults (no `workers`, no `pool`: the thread count chosen from the work size, the
// process's default pool, whose threads a first run has started). Best of 3 in milliseconds. Not part of `npm run bench`; run after a build:
//   npx tsup && node benchmarks/thread-choice.mjs      (BENCH_SIZES=5e5,2e6 to change the counts)
import * as salvo from '../dist/node/node.js';
import { machine, referenceModel } from './shared.mjs';

const sizes = (process.env.BENCH_SIZES ?? '1e5,2.5e5,5e5,1e6,2e6,4e6,8e6,1.6e7')
  .split(',')
  .map(Number);
const m = referenceModel(salvo);
const keep = ['shells', 'valueUsd'];

async function best(run) {
  let fastest = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    const result = await run();
    result.summary('shells'); // the report a user reads: answered at once when threads summarised
    fastest = Math.min(fastest, performance.now() - start);
  }
  return Math.round(fastest);
}

const warm = salvo.createWorkerPool({ workers: 2 });
await salvo.runParallel(m, { samples: 1e6, keep, pool: warm });
// Starts the default pool's threads, as an earlier large run of the program would: the defaults column
// is the rule with warm threads idle (with none idle, it is the calling-thread column below
// NEW_WORK_PER_THREAD).
await salvo.runParallel(m, { samples: 1e6, keep, workers: 2 });
console.log(machine());
console.log('| samples | calling thread | 2 new threads | 2 warm threads | defaults |');
console.log('|---:|---:|---:|---:|---:|');
for (const samples of sizes) {
  const one = await best(async () => m.run({ samples, keep }));
  const fresh = await best(async () => {
    const pool = salvo.createWorkerPool({ workers: 2 });
    try {
      return await salvo.runParallel(m, { samples, keep, pool });
    } finally {
      await pool.close();
    }
  });
  const pooled = await best(() => salvo.runParallel(m, { samples, keep, pool: warm }));
  const auto = await best(() => salvo.runParallel(m, { samples, keep }));
  console.log(`| ${samples.toLocaleString('en')} | ${one} | ${fresh} | ${pooled} | ${auto} |`);
}
await warm.close();
