// Precision per second: the reference workload (shells = containers × shells per container × share,
// valueUsd = shells × price) run R times at each sample count with random sampling, Latin hypercubes
// and scrambled Sobol points, against exact values from quadrature
// (benchmarks/results/precision-reference.json, made by benchmarks/precision_reference.py). For each
// method and N: the root-mean-square error over the R replications of the mean, p5, p50 and p95 of
// shells, P(shells > 3M), and the mean and p95 of valueUsd; the median time of one replication (run
// and summaries, one thread); and the reported standard error against the actual error (an honest
// error estimate has a ratio near 1). numpy's default_rng and scipy.stats.qmc.Sobol (+ ppf) run the same
// model in the same session (benchmarks/precision_numpy.py).
//
// Precision per second of a statistic = 1 / (MSE × seconds): what a second of computing buys. The table
// gives it relative to numpy's random sampling at the same N.
//
// Usage: npm run build && node benchmarks/precision.mjs [--print]. Writes benchmarks/results/precision.json
// and the table between the PRECISION markers of docs/performance.md (unless --print).
// BENCH_REPLICATIONS (default 96) and BENCH_SIZES (default 16384,65536,262144,1048576) change the work.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as salvo from '../dist/node/node.js';
import { machine, referenceModel, writeMarkedTable } from './shared.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const replications = Number(process.env.BENCH_REPLICATIONS ?? 96);
const sizes = (process.env.BENCH_SIZES ?? '16384,65536,262144,1048576').split(',').map(Number);
// scipy's ppf costs about 2 µs a value: its Sobol row stops at 2^18 to keep the run short.
const sobolSizes = sizes.filter((n) => n <= 2 ** 18);
const exact = JSON.parse(readFileSync(join(here, 'results', 'precision-reference.json'), 'utf8'));
const truth = {
  mean: exact.shells.mean,
  p5: exact.shells.p5,
  p50: exact.shells.p50,
  p95: exact.shells.p95,
  above3M: exact.shells.above3M,
  valueMean: exact.valueUsd.mean,
  valueP95: exact.valueUsd.p95,
};
const STATISTICS = Object.keys(truth);

/** One replication: estimates and the reported standard errors. */
function salvoRun(n, seed, sampling) {
  const run = referenceModel(salvo, seed).run({
    samples: n,
    sampling,
    keep: ['shells', 'valueUsd'],
  });
  const shells = run.summary('shells');
  const value = run.summary('valueUsd');
  const above = run.probabilityInterval('shells', '>', 3e6);
  return {
    estimates: {
      mean: shells.mean,
      p5: shells.quantiles.p5,
      p50: shells.quantiles.p50,
      p95: shells.quantiles.p95,
      above3M: above.probability,
      valueMean: value.mean,
      valueP95: value.quantiles.p95,
    },
    reported: {
      mean: shells.meanStandardError,
      p95: shells.quantileIntervals.p95.standardError,
      above3M: above.standardError,
    },
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measureSalvo(sampling, n) {
  salvoRun(n, 'warm-up', sampling);
  const estimates = [];
  const reported = [];
  const seconds = [];
  for (let r = 0; r < replications; r++) {
    const start = performance.now();
    const result = salvoRun(n, `precision-${r}`, sampling);
    seconds.push((performance.now() - start) / 1000);
    estimates.push(result.estimates);
    reported.push(result.reported);
  }
  return { estimates, reported, seconds: median(seconds) };
}

/** Root-mean-square error of each statistic over the replications, and the reported/actual ratio. */
function errors(measured) {
  const rmse = {};
  for (const s of STATISTICS) {
    let sum = 0;
    for (const e of measured.estimates) sum += (e[s] - truth[s]) ** 2;
    rmse[s] = Math.sqrt(sum / measured.estimates.length);
  }
  const calibration = {};
  if (measured.reported !== undefined) {
    for (const s of Object.keys(measured.reported[0])) {
      const rms = Math.sqrt(
        measured.reported.reduce((a, r) => a + r[s] ** 2, 0) / measured.reported.length,
      );
      calibration[s] = rms / rmse[s];
    }
  }
  return { rmse, calibration };
}

const results = { salvo: {}, machine: machine(), replications, sizes };
for (const sampling of ['random', 'latinHypercube', 'sobol']) {
  results.salvo[sampling] = {};
  for (const n of sizes) {
    const measured = measureSalvo(sampling, n);
    results.salvo[sampling][n] = { ...measured, ...errors(measured) };
    console.log(
      `salvo ${sampling} ${n}: ${(measured.seconds * 1000).toFixed(1)} ms, RMSE mean ${results.salvo[sampling][n].rmse.mean.toPrecision(3)}`,
    );
  }
}
const python = spawnSync('python3', [join(here, 'precision_numpy.py')], {
  input: JSON.stringify({ sizes, sobolSizes, replications }),
  encoding: 'utf8',
  maxBuffer: 1 << 28,
});
if (python.status !== 0) throw new Error(`precision_numpy.py failed: ${python.stderr}`);
const numpy = JSON.parse(python.stdout);
results.numpy = {};
for (const method of ['numpy random', 'scipy.qmc Sobol']) {
  results.numpy[method] = {};
  for (const [n, measured] of Object.entries(numpy[method])) {
    results.numpy[method][n] = { ...measured, ...errors(measured) };
  }
}
results.versions = numpy._versions;
writeFileSync(join(here, 'results', 'precision.json'), `${JSON.stringify(results, null, 2)}\n`);

// The table: per N, each method's time, RMSEs, variance reduction against random sampling (salvo's)
// and precision per second against numpy's random sampling.
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x.toPrecision(2));
const rows = [];
for (const n of sizes) {
  const baseline = results.numpy['numpy random'][n];
  const random = results.salvo.random[n];
  const methods = [
    ['salvo random', random],
    ['salvo latinHypercube', results.salvo.latinHypercube[n]],
    ['salvo sobol', results.salvo.sobol[n]],
    ['numpy random', baseline],
    ['scipy.qmc Sobol + ppf', results.numpy['scipy.qmc Sobol'][n]],
  ];
  for (const [label, m] of methods) {
    if (m === undefined) continue;
    const reduction = (s) => (random.rmse[s] / m.rmse[s]) ** 2;
    const perSecond = (s) =>
      (baseline.rmse[s] ** 2 * baseline.seconds) / (m.rmse[s] ** 2 * m.seconds);
    rows.push(
      `| ${n.toLocaleString('en-US')} | ${label} | ${(m.seconds * 1000).toFixed(1)} | ${m.rmse.mean.toPrecision(2)} | ${m.rmse.p95.toPrecision(2)} | ${m.rmse.above3M.toPrecision(2)} | ${fmt(reduction('mean'))} | ${fmt(reduction('p5'))} | ${fmt(reduction('p50'))} | ${fmt(reduction('p95'))} | ${fmt(reduction('above3M'))} | ${fmt(reduction('valueP95'))} | ${fmt(perSecond('mean'))} | ${fmt(perSecond('p95'))} | ${fmt(perSecond('above3M'))} | ${m.calibration.mean === undefined ? '—' : `${m.calibration.mean.toFixed(2)} / ${m.calibration.p95.toFixed(2)} / ${m.calibration.above3M.toFixed(2)}`} |`,
    );
  }
}
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${results.machine}, numpy ${results.versions.numpy}, scipy ${results.versions.scipy}; command \`npm run build && node benchmarks/precision.mjs\`; ${replications} replications per row (different seeds), errors against quadrature (benchmarks/precision_reference.py); time: median of one replication, run and summaries, one thread.`,
  '',
  '| N | method | ms | RMSE mean | RMSE p95 | RMSE P(>3M) | variance ÷ random: mean | p5 | p50 | p95 | P(>3M) | valueUsd p95 | precision/s × numpy random: mean | p95 | P(>3M) | reported ÷ actual error: mean / p95 / P(>3M) |',
  '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ...rows,
].join('\n');

// At equal time: each method's RMSE at a time budget, interpolated linearly in log(time)–log(RMSE)
// between its measured sample counts (never extrapolated), and the ratio of mean squared errors.
function rmseAt(rows, statistic, seconds) {
  const points = Object.values(rows)
    .map((m) => [m.seconds, m.rmse[statistic]])
    .sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < points.length; i++) {
    const [t0, e0] = points[i - 1];
    const [t1, e1] = points[i];
    if (t0 <= seconds && seconds <= t1) {
      const f = Math.log(seconds / t0) / Math.log(t1 / t0);
      return Math.exp(Math.log(e0) + f * Math.log(e1 / e0));
    }
  }
  return Number.NaN;
}
const equalTimeMethods = [
  ['salvo random', results.salvo.random],
  ['salvo latinHypercube', results.salvo.latinHypercube],
  ['salvo sobol', results.salvo.sobol],
  ['numpy random', results.numpy['numpy random']],
  ['scipy.qmc Sobol + ppf', results.numpy['scipy.qmc Sobol']],
];
const spans = equalTimeMethods.map(([, rows]) => {
  const times = Object.values(rows).map((m) => m.seconds);
  return [Math.min(...times), Math.max(...times)];
});
const from = Math.max(...spans.map((span) => span[0]));
const to = Math.min(...spans.map((span) => span[1]));
const budgets = from < to ? [from, Math.sqrt(from * to), to] : [];
const equalRows = [];
for (const seconds of budgets) {
  for (const [label, rows] of equalTimeMethods) {
    const cells = ['mean', 'p95', 'above3M'].flatMap((statistic) => {
      const own = rmseAt(rows, statistic, seconds);
      const numpyRandom = rmseAt(results.numpy['numpy random'], statistic, seconds);
      const scipySobol = rmseAt(results.numpy['scipy.qmc Sobol'], statistic, seconds);
      return [own.toPrecision(2), fmt((numpyRandom / own) ** 2), fmt((scipySobol / own) ** 2)];
    });
    equalRows.push(`| ${(seconds * 1000).toFixed(0)} | ${label} | ${cells.join(' | ')} |`);
  }
}
const equalTable = [
  '',
  "At equal time: each method's RMSE interpolated at a time budget (linearly in log time and log error between the sample counts above, never extrapolated; budgets span the range every method measured), and how many times smaller its mean squared error is than numpy's random sampling and scipy.qmc's Sobol points given the same time.",
  '',
  '| ms | method | RMSE mean | MSE ÷ numpy random | MSE ÷ scipy.qmc | RMSE p95 | ÷ numpy random | ÷ scipy.qmc | RMSE P(>3M) | ÷ numpy random | ÷ scipy.qmc |',
  '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...equalRows,
].join('\n');
console.log(table);
console.log(equalTable);
if (!process.argv.includes('--print')) writeMarkedTable('PRECISION', `${table}\n${equalTable}`);
