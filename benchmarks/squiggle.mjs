// The model engine's reference workload in salvo and in Squiggle (@quri/squiggle-lang, the same model
// in its language), in one run at 1e6 samples. Usage: npm run build && node benchmarks/squiggle.mjs
// Prints ns per sample for both (best of REPS runs) and both models' estimates side by side, as a
// cross-check that they compute the same thing.
import { defaultEnvironment, run as runSquiggle } from '@quri/squiggle-lang';
import * as salvo from '../dist/node/node.js';
import { referenceModel } from './shared.mjs';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 1_000_000);
const REPS = Number(process.env.BENCH_REPS ?? 7);

// PERT(5000, 6700, 8000) as Squiggle 0.10 has no pert: 5000 + 3000 * beta(1 + 4 (6700 - 5000) / 3000, ...).
const squiggleCode = `
containers = 5000 + 3000 * beta(1 + 4 * 1700 / 3000, 1 + 4 * 1300 / 3000)
shellsPerContainer = 300 to 600
shareCarryingShells = beta(8, 2)
pricePerShellUsd = 800 to 3000
shells = containers * shellsPerContainer * shareCarryingShells
valueUsd = shells * pricePerShellUsd
{
  shellsMean: mean(shells), shellsP5: quantile(shells, 0.05), shellsP50: quantile(shells, 0.5),
  shellsP95: quantile(shells, 0.95), valueMean: mean(valueUsd), valueP50: quantile(valueUsd, 0.5),
  pShellsAbove3M: 1 - cdf(shells, 3e6)
}
`;

function report(run) {
  const shells = run.summary('shells');
  const value = run.summary('valueUsd');
  return {
    shellsMean: shells.mean,
    shellsP5: shells.quantiles.p5,
    shellsP50: shells.quantiles.p50,
    shellsP95: shells.quantiles.p95,
    valueMean: value.mean,
    valueP50: value.quantiles.p50,
    pShellsAbove3M: run.probability('shells', '>', 3e6),
  };
}

async function time(label, fn) {
  let best = Number.POSITIVE_INFINITY;
  let result;
  for (let r = 0; r < REPS; r++) {
    const start = performance.now();
    result = await fn();
    best = Math.min(best, performance.now() - start);
  }
  const ns = (best * 1e6) / SAMPLES;
  console.log(
    `${label.padEnd(16)} ${ns.toFixed(0).padStart(6)} ns/sample (best of ${REPS} at ${SAMPLES})`,
  );
  return { ns, result };
}

const ours = await time('salvo', () =>
  report(referenceModel(salvo).run({ samples: SAMPLES, keep: ['shells', 'valueUsd'] })),
);
const parallel = await time('salvo 2 workers', async () =>
  report(
    await salvo.runParallel(referenceModel(salvo), {
      samples: SAMPLES,
      keep: ['shells', 'valueUsd'],
      workers: 2,
    }),
  ),
);
const pool = salvo.createWorkerPool({ workers: 2 });
const pooled = await time('salvo warm pool', async () =>
  report(
    await salvo.runParallel(referenceModel(salvo), {
      samples: SAMPLES,
      keep: ['shells', 'valueUsd'],
      pool,
    }),
  ),
);
await pool.close();
const theirs = await time('squiggle', async () => {
  const out = await runSquiggle(squiggleCode, {
    environment: { ...defaultEnvironment, sampleCount: SAMPLES },
  });
  if (!out.result.ok) throw new Error(out.result.value.toString());
  return out.result.value.result.toString();
});
console.log(`salvo is ${(theirs.ns / ours.ns).toFixed(1)}x faster than Squiggle on this workload`);
console.log(
  `salvo with 2 workers (thread startup included) is ${(theirs.ns / parallel.ns).toFixed(1)}x faster`,
);
console.log(
  `salvo on a warm WorkerPool of 2 (threads started by the first of the runs) is ${(theirs.ns / pooled.ns).toFixed(1)}x faster`,
);
console.log('salvo:   ', JSON.stringify(ours.result));
console.log('squiggle:', theirs.result);
