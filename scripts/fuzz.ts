// `npm run fuzz`: the fuzz suite (tests/fuzz) with many cases per property (FUZZ_RUNS, default 20,000),
// from a seed given as FC_SEED (default: the suite's fixed seed). Prints the totals per target and,
// when every property held, writes them to docs/performance.md between the FUZZ markers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine, writeMarkedTable } from '../benchmarks/shared.mjs';

const runs = Number(process.env.FUZZ_RUNS ?? 20_000);
const seed = process.env.FC_SEED ?? '20240227';
const folder = mkdtempSync(join(tmpdir(), 'salvo-fuzz-'));
const totalsPath = join(folder, 'totals.jsonl');
const started = Date.now();
const result = spawnSync('npx', ['vitest', 'run', 'tests/fuzz'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_TOTALS: totalsPath, FC_SEED: seed },
});
const minutes = ((Date.now() - started) / 60_000).toFixed(1);

interface Totals {
  target: string;
  cases: number;
  coded: number;
  results: number;
  codes: Record<string, number>;
}
const byTarget = new Map<string, Totals>();
let lines: string[] = [];
try {
  lines = readFileSync(totalsPath, 'utf8').trim().split('\n').filter(Boolean);
} catch {
  // No totals: the suite failed before any file finished.
}
for (const line of lines) {
  const t = JSON.parse(line) as Totals;
  const sum = byTarget.get(t.target) ?? { ...t, cases: 0, coded: 0, results: 0, codes: {} };
  sum.cases += t.cases;
  sum.coded += t.coded;
  sum.results += t.results;
  for (const [code, n] of Object.entries(t.codes)) sum.codes[code] = (sum.codes[code] ?? 0) + n;
  byTarget.set(t.target, sum);
}
rmSync(folder, { recursive: true, force: true });

const rows = [...byTarget.values()].sort((a, b) => a.target.localeCompare(b.target));
const all = rows.reduce((s, t) => ({ cases: s.cases + t.cases, coded: s.coded + t.coded }), {
  cases: 0,
  coded: 0,
});
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; command \`FUZZ_RUNS=${runs} npm run fuzz\` (FC_SEED ${seed}), ${minutes} min; ${all.cases.toLocaleString('en-US')} calls, ${all.coded.toLocaleString('en-US')} of them answered with a coded error, ${result.status === 0 ? 'no failure' : 'FAILURES (see the run)'}.`,
  '',
  '| target | calls | results (invariants held) | coded errors | codes |',
  '|---|---:|---:|---:|---|',
  ...rows.map(
    (t) =>
      `| ${t.target} | ${t.cases.toLocaleString('en-US')} | ${t.results.toLocaleString('en-US')} | ${t.coded.toLocaleString('en-US')} | ${Object.entries(
        t.codes,
      )
        .sort((a, b) => b[1] - a[1])
        .map(([code, n]) => `${code} ${n.toLocaleString('en-US')}`)
        .join(', ')} |`,
  ),
].join('\n');
console.log(`\n${table}`);
if (result.status !== 0) {
  console.error('\nA property failed: docs/performance.md is left as it was.');
  process.exit(result.status ?? 1);
}
writeMarkedTable('FUZZ', table);
console.log('\nWritten to docs/performance.md (FUZZ markers).');
