// The analysis layer at 1e6 samples: correlation induction, sensitivity, precision control, rank
// correlation, fitting and interchange, with scipy beside salvo where scipy has the same function.
// Usage: npm run build && node benchmarks/analysis.mjs. Each salvo case runs in BENCH_PROCESSES fresh
// processes × BENCH_REPS runs after a warm-up run (best kept); scipy's cases likewise in one python3
// process. Writes benchmarks/results/analysis.json and the table between the ANALYSIS markers in
// docs/performance.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, referenceModel, writeMarkedTable } from './shared.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const N = 1_000_000;
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 3);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const MATRIX = [
  [1, -0.4, 0.3],
  [-0.4, 1, 0],
  [0.3, 0, 1],
];

/** Cases: each returns a function to time (given the salvo module), and its scipy twin, if any. */
const CASES = {
  run: {
    label: 'model.run, reference workload (4 inputs, 2 expressions), keep all',
    make: (s) => () => referenceModel(s).run({ samples: N }),
  },
  runCorrelated: {
    label: 'the same with 3 inputs rank-correlated (.correlate, Iman–Conover)',
    make: (s) => () =>
      referenceModel(s)
        .correlate(['containers', 'shellsPerContainer', 'shareCarryingShells'], MATRIX)
        .run({ samples: N }),
  },
  runObserved: {
    label: "the same with .observe('shells', lognormal(ln 1.5e6, 0.4)) (weighted results)",
    make: (s) => () =>
      referenceModel(s)
        .observe('shells', s.lognormal(Math.log(1.5e6), 0.4))
        .run({ samples: N }),
  },
  runObservedUnkept: {
    label: "the same with .observe, keep: 'none' (weighted moments and sketches, every sum exact)",
    make: (s) => () =>
      referenceModel(s)
        .observe('shells', s.lognormal(Math.log(1.5e6), 0.4))
        .run({ samples: N, keep: 'none' }),
  },
  sensitivity: {
    label: "run.sensitivity('valueUsd'): 4 inputs, ranks, first-order indices, tornado",
    make: (s) => {
      const run = referenceModel(s).run({ samples: N });
      return () => run.sensitivity('valueUsd');
    },
  },
  summary: {
    label: "run.summary('valueUsd'): moments, 5 quantiles with 95% intervals (kept)",
    make: (s) => {
      const run = referenceModel(s).run({ samples: N });
      return () => run.summary('valueUsd');
    },
  },
  until: {
    label: 'run({ until: p5, p50, p95 of valueUsd to 0.5% })',
    make: (s) => () =>
      referenceModel(s).run({
        until: { nodes: ['valueUsd'], quantiles: [0.05, 0.5, 0.95], relativeError: 0.005 },
      }),
    note: (s) =>
      referenceModel(s).run({
        until: { nodes: ['valueUsd'], quantiles: [0.05, 0.5, 0.95], relativeError: 0.005 },
      }).sampleCount,
  },
  spearman: {
    label: 'spearman(x, y), two 1e6 vectors',
    make: (s) => {
      const run = referenceModel(s).run({ samples: N });
      const x = run.samples('containers');
      const y = run.samples('valueUsd');
      return () => s.spearman(x, y);
    },
    scipy: 'scipy.stats.spearmanr(x, y)',
  },
  metalogFit: {
    label: 'metalog.fit(1e6 values, { terms: 5, lower: 0 })',
    make: (s) => {
      const x = s.lognormal(0, 0.5).sample(N, s.createRng(1));
      return () => s.metalog.fit(x, { terms: 5, lower: 0 });
    },
  },
  fitGamma: {
    label: 'fit.gamma(1e6 values): shape, scale, log-likelihood, AIC, KS test',
    make: (s) => {
      const x = s.gamma(2, 3).sample(N, s.createRng(1));
      return () => s.fit.gamma(x);
    },
    scipy: 'scipy.stats.gamma.fit(x, floc=0) + kstest',
  },
  fitNormal: {
    label: 'fit.normal(1e6 values): mean, sd, log-likelihood, AIC, KS test',
    make: (s) => {
      const x = s.normal(0, 1).sample(N, s.createRng(1));
      return () => s.fit.normal(x);
    },
    scipy: 'scipy.stats.norm.fit(x) + kstest',
  },
  toSipmath: {
    label: 'toSipmath(run): 6 nodes × 1e6 samples to metalog SIPs + copula',
    make: (s) => {
      const run = referenceModel(s).run({ samples: N });
      return () => s.toSipmath(run, { dateCreated: '2026-01-01' });
    },
  },
  toCsv: {
    label: 'toCsv(run): 6 nodes × 1e6 samples',
    make: (s) => {
      const run = referenceModel(s).run({ samples: N });
      return () => s.toCsv(run);
    },
  },
};

const PYTHON = `
import json, sys, time
import numpy as np, scipy.stats
n = ${N}
rng = np.random.default_rng(1)
x = rng.uniform(size=n)
y = x * rng.lognormal(size=n)
def best(f):
    f()
    t = []
    for _ in range(${REPS}):
        s = time.perf_counter(); f(); t.append(time.perf_counter() - s)
    return min(t)
g = rng.gamma(2.0, 3.0, size=n)
z = rng.standard_normal(size=n)
def gamma_fit():
    a, loc, scale = scipy.stats.gamma.fit(g, floc=0)
    scipy.stats.kstest(g, 'gamma', args=(a, 0, scale))
def normal_fit():
    m, s = scipy.stats.norm.fit(z)
    scipy.stats.kstest(z, 'norm', args=(m, s))
print(json.dumps({
  'spearman': best(lambda: scipy.stats.spearmanr(x, y)),
  'fitGamma': best(gamma_fit),
  'fitNormal': best(normal_fit),
}))
`;

if (process.argv[2] === '--one') {
  const salvo = await import('../dist/node/node.js');
  const name = process.argv[3];
  const timed = CASES[name].make(salvo);
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < REPS + 1; r++) {
    const start = process.hrtime.bigint();
    timed();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (r > 0) best = Math.min(best, seconds);
  }
  const note = CASES[name].note?.(salvo);
  console.log(JSON.stringify({ seconds: best, note }));
} else {
  const rows = [];
  for (const [name, c] of Object.entries(CASES)) {
    let seconds = Number.POSITIVE_INFINITY;
    let note;
    for (let p = 0; p < PROCESSES; p++) {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--one', name], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
      const result = JSON.parse(out.trim().split('\n').at(-1));
      seconds = Math.min(seconds, result.seconds);
      note = result.note;
    }
    rows.push({ name, label: c.label, seconds, note, scipy: c.scipy });
    console.log(`${name.padEnd(14)} ${(seconds * 1000).toFixed(0).padStart(6)} ms`);
  }
  const py = spawnSync('python3', ['-c', PYTHON], { encoding: 'utf8' });
  const scipy = py.status === 0 ? JSON.parse(py.stdout) : {};
  if (py.status !== 0) console.warn('scipy side skipped:', py.stderr);
  const date = new Date().toISOString().slice(0, 10);
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(
    join(here, 'results', 'analysis.json'),
    `${JSON.stringify({ date, machine: machine(), samples: N, rows, scipy }, null, 2)}\n`,
  );
  const ms = (s) => (s * 1000).toFixed(0);
  const table = [
    `Measured ${date} on ${machine()}; command \`npm run build && node benchmarks/analysis.mjs\`; 1e6 samples; best of ${PROCESSES} processes × ${REPS} runs after a warm-up (scipy: best of ${REPS} in one process).`,
    '',
    '| operation (1e6 samples) | salvo ms | scipy ms |',
    '|---|---:|---:|',
    ...rows.map((r) => {
      const peer = r.scipy && scipy[r.name] !== undefined ? ms(scipy[r.name]) : '—';
      const note = r.note !== undefined ? ` (stopped at ${r.note.toLocaleString('en-US')})` : '';
      return `| ${r.label}${note} | ${ms(r.seconds)} | ${peer} |`;
    }),
  ].join('\n');
  writeMarkedTable('ANALYSIS', table);
}
