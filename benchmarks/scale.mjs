// Scale: the reference workload with keep: 'none' at 1e9 samples (BENCH_SAMPLES to change) on
// runParallel's worker threads (BENCH_WORKERS, default 2), reporting wall time and the process's peak
// resident memory (worker threads included: they share the process). Usage: npm run build && node
// benchmarks/scale.mjs. Writes benchmarks/results/scale.json and the table between the SCALE markers
// in docs/performance.md; with --print it only prints (for quick comparisons such as
// BENCH_SAMPLES=2e7 BENCH_WORKERS=1 against BENCH_WORKERS=2). BENCH_EXACT=1 adds exactQuantiles
// (shells, valueUsd) and thresholds (shells > 3e6), for exact summaries without keeping; it only prints.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as salvo from '../dist/node/node.js';
import { machine, referenceModel, writeMarkedTable } from './shared.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const samples = Number(process.env.BENCH_SAMPLES ?? 1e9);
const workers = Number(process.env.BENCH_WORKERS ?? 2);
const exact =
  process.env.BENCH_EXACT === '1'
    ? { exactQuantiles: ['shells', 'valueUsd'], thresholds: { shells: [3e6] } }
    : {};
const m = referenceModel(salvo);

let peakSampledRss = 0;
const sampler = setInterval(() => {
  peakSampledRss = Math.max(peakSampledRss, process.memoryUsage.rss());
}, 200);
const start = performance.now();
let lastShown = 0;
const run = await salvo.runParallel(m, {
  samples,
  workers,
  keep: 'none',
  ...exact,
  onProgress: (done, total) => {
    if (performance.now() - lastShown > 10_000 || done === total) {
      lastShown = performance.now();
      console.log(
        `${((100 * done) / total).toFixed(0)}% after ${((lastShown - start) / 1000).toFixed(0)} s`,
      );
    }
  },
});
const seconds = (performance.now() - start) / 1000;
clearInterval(sampler);
const peakRssMb = process.resourceUsage().maxRSS / 1024; // kilobytes → MiB
const shells = run.summary('shells');
const value = run.summary('valueUsd');
const result = {
  date: new Date().toISOString().slice(0, 10),
  machine: machine(),
  samples,
  workers,
  quantileMethod: shells.quantileMethod,
  seconds,
  nsPerSample: (seconds * 1e9) / samples,
  peakRssMb,
  peakSampledRssMb: peakSampledRss / 2 ** 20,
  shells: {
    mean: shells.mean,
    p5: shells.quantiles.p5,
    p50: shells.quantiles.p50,
    p95: shells.quantiles.p95,
  },
  valueUsd: { mean: value.mean, p50: value.quantiles.p50 },
  pShellsAbove3M: run.probability('shells', '>', 3e6),
};
console.log(JSON.stringify(result, null, 2));
if (process.argv.includes('--print') || process.env.BENCH_EXACT === '1') process.exit(0);
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'scale.json'), `${JSON.stringify(result, null, 2)}\n`);
const fmt = (x) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
const table = [
  `Measured ${result.date} on ${result.machine}; command \`npm run build && node benchmarks/scale.mjs\`.`,
  '',
  '| samples | workers | keep | wall time | ns/sample | peak RSS (whole process) |',
  '|---:|---:|---|---:|---:|---:|',
  `| ${fmt(samples)} | ${workers} | 'none' | ${seconds.toFixed(0)} s | ${result.nsPerSample.toFixed(0)} | ${peakRssMb.toFixed(0)} MiB |`,
  '',
  `Estimates from that run: shells mean ${fmt(shells.mean)}, 90% interval ${fmt(shells.quantiles.p5)}–${fmt(shells.quantiles.p95)} (sketched quantiles); P(shells > 3M) = ${result.pShellsAbove3M.toFixed(4)}.`,
].join('\n');
writeMarkedTable('SCALE', table);
console.log('Wrote docs/performance.md and benchmarks/results/scale.json');
