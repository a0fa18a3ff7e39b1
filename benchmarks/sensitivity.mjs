// First-order sensitivity indices against exact values, per sampling design: the reference workload's
// valueUsd = containers × shellsPerContainer × shareCarryingShells × pricePerShellUsd is a product of
// independent inputs, so E[Y | Xᵢ] = Xᵢ·Πⱼ≠ᵢ μⱼ and the exact index of Xᵢ is cvᵢ² / (Π(1 + cvⱼ²) − 1)
// (cv: coefficient of variation, from the distributions' exact moments). For each design and N: the
// bias and root-mean-square error of each input's index over R seeds, and the median time of one
// `run.sensitivity` call.
//
// Usage: npm run build && node benchmarks/sensitivity.mjs [--print]. Writes
// benchmarks/results/sensitivity.json and the table between the SENSITIVITY markers of
// docs/performance.md (unless --print). BENCH_REPLICATIONS (default 24) and BENCH_SIZES (default
// 8192,65536,262144) change the work.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as salvo from '../dist/node/node.js';
import { machine, referenceModel, writeMarkedTable } from './shared.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const replications = Number(process.env.BENCH_REPLICATIONS ?? 24);
const sizes = (process.env.BENCH_SIZES ?? '8192,65536,262144').split(',').map(Number);
const print = process.argv.includes('--print');

// The reference model's inputs (benchmarks/shared.mjs), for their exact moments.
const inputs = {
  containers: salvo.pert(5000, 6700, 8000),
  shellsPerContainer: salvo.lognormal.ci(300, 600),
  shareCarryingShells: salvo.beta(8, 2),
  pricePerShellUsd: salvo.lognormal.ci(800, 3000),
};
const cv2 = Object.fromEntries(
  Object.entries(inputs).map(([name, d]) => [name, d.variance / d.mean ** 2]),
);
const total = Object.values(cv2).reduce((p, c) => p * (1 + c), 1) - 1;
const exact = Object.fromEntries(Object.keys(inputs).map((name) => [name, cv2[name] / total]));

const rows = [];
for (const n of sizes) {
  for (const sampling of ['random', 'latinHypercube', 'sobol']) {
    const errors = Object.fromEntries(Object.keys(inputs).map((name) => [name, []]));
    const seconds = [];
    for (let r = 0; r < replications; r++) {
      const run = referenceModel(salvo, `sensitivity-${r}`).run({
        samples: n,
        sampling,
        keep: 'all',
      });
      const start = performance.now();
      const result = run.sensitivity('valueUsd');
      seconds.push((performance.now() - start) / 1000);
      for (const i of result.inputs) errors[i.input].push(i.firstOrder - exact[i.input]);
    }
    const perInput = Object.fromEntries(
      Object.entries(errors).map(([name, e]) => [
        name,
        {
          bias: e.reduce((a, b) => a + b, 0) / e.length,
          rmse: Math.sqrt(e.reduce((a, b) => a + b * b, 0) / e.length),
        },
      ]),
    );
    seconds.sort((a, b) => a - b);
    const row = { n, sampling, ms: seconds[Math.floor(seconds.length / 2)] * 1000, perInput };
    rows.push(row);
    console.log(
      `${String(n).padStart(8)} ${sampling.padEnd(15)} ${row.ms.toFixed(1).padStart(7)} ms  ` +
        Object.entries(perInput)
          .map(([name, v]) => `${name} ${v.rmse.toExponential(1)}`)
          .join('  '),
    );
  }
}

const names = Object.keys(inputs);
const date = new Date().toISOString().slice(0, 10);
const header = `Measured ${date} on ${machine()}; command \`npm run build && node benchmarks/sensitivity.mjs\`; ${replications} seeds per row; exact indices ${names.map((k) => `${k} ${exact[k].toFixed(4)}`).join(', ')}. Each cell: root-mean-square error of the first-order index (bias in brackets); time: median of one \`run.sensitivity('valueUsd')\` call (four inputs, with tornado).`;
const table = [
  header,
  '',
  `| N | sampling | ms | ${names.join(' | ')} |`,
  `|---:|---|---:|${names.map(() => '---:').join('|')}|`,
  ...rows.map(
    (r) =>
      `| ${r.n.toLocaleString('en-US')} | ${r.sampling} | ${r.ms.toFixed(1)} | ${names
        .map(
          (k) => `${r.perInput[k].rmse.toExponential(1)} (${r.perInput[k].bias.toExponential(0)})`,
        )
        .join(' | ')} |`,
  ),
].join('\n');
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results', 'sensitivity.json'),
  `${JSON.stringify({ date, machine: machine(), replications, exact, rows }, null, 2)}\n`,
);
if (print) console.log(table);
else writeMarkedTable('SENSITIVITY', table);
