// Probe for the parallel path: the reference workload at 2e7 samples (BENCH_SAMPLES to change), 3
// runs in one process. Not part of `npm run bench`; run after a build:
//   node benchmarks/thread-probe.mjs single       keep: 'none', on the calling thread
//   node benchmarks/thread-probe.mjs single-kept  shells and valueUsd kept, on the calling thread; the
//                                                 run and the report (summaries, P) timed apart
//   node benchmarks/thread-probe.mjs single-exact keep: 'none' with exactQuantiles (shells, valueUsd)
//                                                 and thresholds (shells > 3e6): the same report, bits
//                                                 and all, as single-kept; timed the same way
//   node benchmarks/thread-probe.mjs one-worker   keep: 'none', on ONE worker thread, the caller idle
//   node benchmarks/thread-probe.mjs two-workers  shells and valueUsd kept, 2 new workers per run; also
//                                                 prints when the first and last tasks completed
//                                                 (thread startup; the rest is the threads' summaries)
//                                                 and the time of the report on the calling thread
//   node benchmarks/thread-probe.mjs pool         the same on a WorkerPool of 2 (warm from run 2 on)
// Prints ns per sample for each run, startup included.
import * as salvo from '../dist/node/node.js';
import { referenceModel } from './shared.mjs';

const samples = Number(process.env.BENCH_SAMPLES ?? 2e7);
const mode = process.argv[2];
const MODES = ['single', 'single-kept', 'single-exact', 'one-worker', 'two-workers', 'pool'];
if (!MODES.includes(mode)) {
  throw new Error(`usage: node benchmarks/thread-probe.mjs ${MODES.join('|')}`);
}
const pool = mode === 'pool' ? salvo.createWorkerPool({ workers: 2 }) : undefined;
const m = referenceModel(salvo);
const perSample = (ms) => Math.round((ms * 1e6) / samples);
const lines = [];
for (let r = 0; r < 3; r++) {
  const start = performance.now();
  if (mode === 'single') {
    m.run({ samples, keep: 'none' });
    lines.push(`${perSample(performance.now() - start)}`);
  } else if (mode === 'single-kept' || mode === 'single-exact') {
    const run = m.run(
      mode === 'single-kept'
        ? { samples, keep: ['shells', 'valueUsd'] }
        : {
            samples,
            keep: 'none',
            exactQuantiles: ['shells', 'valueUsd'],
            thresholds: { shells: [3e6] },
          },
    );
    const runMs = performance.now() - start;
    run.summary('shells');
    run.summary('valueUsd');
    run.probability('shells', '>', 3e6);
    lines.push(`run ${perSample(runMs)} + report ${perSample(performance.now() - start - runMs)}`);
  } else if (mode === 'one-worker') {
    await salvo.runParallel(m, { samples, keep: 'none', workers: 1, mainThread: false });
    lines.push(`${perSample(performance.now() - start)}`);
  } else {
    let firstTaskMs;
    let lastTaskMs;
    const run = await salvo.runParallel(m, {
      samples,
      keep: ['shells', 'valueUsd'],
      workers: 2,
      pool,
      onProgress: (done) => {
        if (firstTaskMs === undefined && done > 0) firstTaskMs = performance.now() - start;
        if (done === samples) lastTaskMs = performance.now() - start;
      },
    });
    const runMs = performance.now() - start;
    run.summary('shells');
    run.summary('valueUsd');
    run.probability('shells', '>', 3e6);
    const summariesMs = performance.now() - start - runMs;
    lines.push(
      `run ${perSample(runMs)} (first task done at ${Math.round(firstTaskMs)} ms, last at ${Math.round(lastTaskMs)} ms) + report ${perSample(summariesMs)}`,
    );
  }
}
await pool?.close();
console.log(`${mode} at ${samples} samples, ns/sample: ${lines.join('; ')}`);
