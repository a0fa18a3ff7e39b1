// `run.quantile(name, p)` called again and again on one kept node of 1e7 lognormal samples, as users
// call it: 3 and 10 calls at levels not in the summary, and 3 calls at the summary's levels after a
// summary. A new run for each of 5 rounds (nothing remembered between rounds); best and median total
// milliseconds. Not part of `npm run bench` (it needs the sources):
//   npx tsx benchmarks/repeated-quantiles.ts      (BENCH_SAMPLES to change 1e7)
import { lognormal, model } from '../src/index.js';

const samples = Number(process.env.BENCH_SAMPLES ?? 1e7);
const m = model({ seed: 1 }).input('x', lognormal(0, 1));
const levels = [0.01, 0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9, 0.99];

function timed(calls: (run: ReturnType<typeof m.run>) => void): string {
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const run = m.run({ samples });
    const start = performance.now();
    calls(run);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return `best ${times[0].toFixed(0)} ms, median ${times[2].toFixed(0)} ms`;
}

console.log(`${samples} kept samples`);
for (const count of [1, 3, 10]) {
  console.log(
    `${count} quantile call(s): ${timed((run) => {
      for (const p of levels.slice(0, count)) run.quantile('x', p);
    })}`,
  );
}
console.log(
  `summary, then quantile at 0.05, 0.5, 0.95: ${timed((run) => {
    run.summary('x');
    for (const p of [0.05, 0.5, 0.95]) run.quantile('x', p);
  })}`,
);
