// The block-size measurement behind model.run's default (65,536 samples): the reference workload with
// keep: 'none' (memory proportional to the block) at 1e7 samples, for block sizes from 4,096 to
// 1,048,576, each in a fresh process, best of BENCH_PROCESSES processes × BENCH_REPS runs.
// Usage: npm run build && node benchmarks/blocks.mjs. Writes benchmarks/results/blocks.json and the
// table between the BLOCKS markers in docs/performance.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, referenceModel, writeMarkedTable } from './shared.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SAMPLES = 10_000_000;
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 4);
const REPS = Number(process.env.BENCH_REPS ?? 5);
const BLOCKS = [4_096, 16_384, 65_536, 262_144, 1_048_576];

if (process.argv[2] === '--one') {
  const salvo = await import('../dist/node/node.js');
  const blockSize = Number(process.argv[3]);
  const m = referenceModel(salvo);
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < REPS + 1; r++) {
    const start = process.hrtime.bigint();
    m.run({ samples: SAMPLES, keep: 'none', blockSize }).summary('valueUsd');
    const ns = Number(process.hrtime.bigint() - start) / SAMPLES;
    if (r > 0) best = Math.min(best, ns); // the first run warms the JIT
  }
  console.log(JSON.stringify({ blockSize, ns: best }));
} else {
  const rows = [];
  for (const blockSize of BLOCKS) {
    let ns = Number.POSITIVE_INFINITY;
    for (let p = 0; p < PROCESSES; p++) {
      const out = execFileSync(
        process.execPath,
        [fileURLToPath(import.meta.url), '--one', String(blockSize)],
        { encoding: 'utf8' },
      );
      ns = Math.min(ns, JSON.parse(out.trim()).ns);
    }
    rows.push({ blockSize, ns });
    console.log(`blockSize ${String(blockSize).padStart(9)}: ${ns.toFixed(1)} ns/sample`);
  }
  const fastest = Math.min(...rows.map((r) => r.ns));
  const date = new Date().toISOString().slice(0, 10);
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(
    join(here, 'results', 'blocks.json'),
    `${JSON.stringify({ date, machine: machine(), rows }, null, 2)}\n`,
  );
  const table = [
    `Measured ${date} on ${machine()}; command \`npm run build && node benchmarks/blocks.mjs\`; the reference workload (6 nodes) with \`keep: 'none'\` at 1e7 samples; best of ${PROCESSES} processes × ${REPS} runs.`,
    '',
    '| blockSize | ns/sample | vs fastest |',
    '|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.blockSize.toLocaleString('en-US')} | ${r.ns.toFixed(1)} | ${(r.ns / fastest).toFixed(2)} |`,
    ),
  ].join('\n');
  writeMarkedTable('BLOCKS', table);
  console.log('Wrote docs/performance.md and benchmarks/results/blocks.json');
}
