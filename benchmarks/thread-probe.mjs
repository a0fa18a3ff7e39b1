// Probe for the parallel path's shortfall: the reference workload (keep: 'none', 2e7 samples, 3 runs
// in one process) on the calling thread, or on ONE worker thread of runParallel with the calling thread
// idle. Not part of `npm run bench`; run after a build:
//   node benchmarks/thread-probe.mjs single
//   node benchmarks/thread-probe.mjs one-worker
// Prints ns per sample for each run. Startup of the worker (a few hundred ms) is included.
import * as salvo from '../dist/node/node.js';
import { referenceModel } from './shared.mjs';

const samples = Number(process.env.BENCH_SAMPLES ?? 2e7);
const mode = process.argv[2];
if (mode !== 'single' && mode !== 'one-worker') {
  throw new Error('usage: node benchmarks/thread-probe.mjs single|one-worker');
}
const m = referenceModel(salvo);
const nsPerSample = [];
for (let r = 0; r < 3; r++) {
  const start = performance.now();
  if (mode === 'single') m.run({ samples, keep: 'none' });
  else await salvo.runParallel(m, { samples, keep: 'none', workers: 1, mainThread: false });
  nsPerSample.push(Math.round(((performance.now() - start) * 1e6) / samples));
}
console.log(`${mode}: ${nsPerSample.join(' ')} ns/sample at ${samples} samples`);
