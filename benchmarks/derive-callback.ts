// The reference workload at 1e7 samples (BENCH_SAMPLES to change), one thread, keep 'none' (KEEP=all
// to keep every node), with its two derived nodes written as expressions and as derive callbacks
// with `Samples` arithmetic; the variants interleaved round by round (BENCH_REPS rounds, default 5)
// so that a busy machine slows them alike; best and median seconds. Not part of `npm run bench` (it
// needs the sources):
//   npx tsx benchmarks/derive-callback.ts
import { beta, lognormal, model, pert } from '../src/index.js';

const samples = Number(process.env.BENCH_SAMPLES ?? 1e7);
const rounds = Number(process.env.BENCH_REPS ?? 5);
const keep = process.env.KEEP === 'all' ? 'all' : 'none';
const inputs = () =>
  model({ seed: 'bench' })
    .input('containers', pert(5000, 6700, 8000))
    .input('shellsPerContainer', lognormal.ci(300, 600))
    .input('shareCarryingShells', beta(8, 2))
    .input('pricePerShellUsd', lognormal.ci(800, 3000));

const variants = {
  expressions: () =>
    inputs()
      .derive('shells', 'containers * shellsPerContainer * shareCarryingShells')
      .derive('valueUsd', 'shells * pricePerShellUsd'),
  'Samples callbacks': () =>
    inputs()
      .derive('shells', ({ containers, shellsPerContainer, shareCarryingShells }) =>
        containers.mul(shellsPerContainer).mul(shareCarryingShells),
      )
      .derive('valueUsd', ({ shells, pricePerShellUsd }) => shells.mul(pricePerShellUsd)),
};

const times = new Map<string, number[]>(Object.keys(variants).map((name) => [name, []]));
for (let r = 0; r < rounds; r++) {
  for (const [name, build] of Object.entries(variants)) {
    const m = build();
    const start = performance.now();
    m.run({ samples, keep });
    times.get(name)?.push((performance.now() - start) / 1000);
  }
}
console.log(`${samples} samples, keep '${keep}', ${rounds} rounds`);
for (const [name, t] of times) {
  t.sort((a, b) => a - b);
  console.log(`${name}: best ${t[0].toFixed(2)} s, median ${t[t.length >> 1].toFixed(2)} s`);
}
