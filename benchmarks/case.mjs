// Runs one benchmark case in a fresh process (so one case's JIT feedback cannot slow another) and
// prints its median and best ns per value as JSON: node benchmarks/case.mjs '<case name>'
import * as salvo from '../dist/node/node.js';
import { cases, N } from './cases.mjs';

const name = process.argv[2];
const benchCase = cases[name];
if (!benchCase) throw new Error(`unknown case ${name}`);
const run = await benchCase.setup(salvo);
const repetitions = Number(process.env.BENCH_REPS ?? 7);
await run(); // warm-up: compile the hot loop
await run();
const times = [];
for (let r = 0; r < repetitions; r++) {
  const start = process.hrtime.bigint();
  await run();
  times.push(Number(process.hrtime.bigint() - start) / N);
}
times.sort((a, b) => a - b);
console.log(
  JSON.stringify({ name, nsPerValue: times[Math.floor(times.length / 2)], min: times[0] }),
);
