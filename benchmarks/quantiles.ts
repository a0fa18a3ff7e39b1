// Exact order statistics, by strategy: one typed-array sort of a copy, Floyd–Rivest selection on a
// copy, and histogram selection (two passes, no copy of the data), for q quantiles spread over
// [0.01, 0.99] (2q ranks) of n normal samples; then the public `quantiles` (which adds the pass that
// finds the finite range). Best of 5, milliseconds per call. Not part of `npm run bench` (it needs
// the sources):
//   npx tsx benchmarks/quantiles.ts            (BENCH_QUANTILES_MAX_N=1e6 to skip 1e7)
import { createRng, max as maxOf, min as minOf, normal } from '../src/index.js';
import { quantiles } from '../src/samples/quantiles.js';
import { histogramRanks, selectRanks } from '../src/samples/select.js';

const maxN = Number(process.env.BENCH_QUANTILES_MAX_N ?? 1e7);
const counts = [1, 3, 5, 10, 20, 50];

function bestMs(f: () => unknown, rounds = 5): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    f();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function ranksOf(n: number, q: number): { ps: number[]; ranks: Int32Array } {
  const ps = Array.from({ length: q }, (_, i) => (q === 1 ? 0.5 : 0.01 + (0.98 * i) / (q - 1)));
  const set = new Set<number>();
  for (const p of ps) {
    const h = (n - 1) * p;
    set.add(Math.floor(h));
    if (Math.floor(h) + 1 < n) set.add(Math.floor(h) + 1);
  }
  return { ps, ranks: Int32Array.from([...set].sort((a, b) => a - b)) };
}

const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
console.log(
  `| n | sort | ${counts.map((q) => `q=${q} copy+select / histogram / quantiles()`).join(' | ')} |`,
);
console.log(`|---|---|${counts.map(() => '---').join('|')}|`);
for (const n of [1e4, 1e5, 1e6, 1e7].filter((n) => n <= maxN)) {
  const v = normal(0, 1).sample(n, createRng(7));
  const [min, max] = [minOf(v), maxOf(v)];
  const sortMs = bestMs(() => v.slice().sort(), n >= 1e7 ? 2 : 5);
  const cells = counts.map((q) => {
    const { ps, ranks } = ranksOf(n, q);
    const copySelect = bestMs(() => selectRanks(v.slice(), ranks));
    const histogram = bestMs(() => histogramRanks(v, ranks, min, max));
    const publicMs = bestMs(() => quantiles(v, ps));
    return `${fmt(copySelect)} / ${fmt(histogram)} / ${fmt(publicMs)}`;
  });
  console.log(`| ${n.toExponential(0)} | ${fmt(sortMs)} | ${cells.join(' | ')} |`);
}

// Many ranks: where one sort of a copy becomes cheaper (quantiles.ts's SORT_RATIO and
// HISTOGRAM_SORT_RATIO).
console.log('\n| n | ranks | sort | copy+select | histogram |');
console.log('|---|---:|---:|---:|---:|');
for (const [n, count] of [
  [1e5, 500],
  [1e5, 2000],
  [1e5, 6000],
  [1e6, 5000],
  [1e6, 20_000],
  [1e6, 60_000],
  [1e7, 20_000],
  [1e7, 150_000],
].filter(([n]) => n <= maxN)) {
  const v = normal(0, 1).sample(n, createRng(8));
  const [min, max] = [minOf(v), maxOf(v)];
  const ranks = Int32Array.from({ length: count }, (_, i) => Math.floor(((i + 0.5) / count) * n));
  const rounds = n >= 1e7 ? 2 : 5;
  const sortMs = bestMs(() => v.slice().sort(), rounds);
  const copySelect = bestMs(() => selectRanks(v.slice(), ranks), rounds);
  const histogram = bestMs(() => histogramRanks(v, ranks, min, max), rounds);
  console.log(
    `| ${n.toExponential(0)} | ${count} | ${fmt(sortMs)} | ${fmt(copySelect)} | ${fmt(histogram)} |`,
  );
}
