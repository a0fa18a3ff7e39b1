// What a sampling design costs per sample: the reference workload with nothing kept, 2^21 samples,
// random sampling against Latin hypercubes and Sobol points; best of 7 runs (run and one summary) in
// one process. Not part of `npm run bench`; run after a build, or from another build's directory to
// compare two commits in one sitting:
//   npm run build && node benchmarks/design-cost.mjs
import * as salvo from '../dist/node/node.js';
import { machine, referenceModel } from './shared.mjs';

const samples = 2 ** 21;
const m = referenceModel(salvo, 'design-cost');
console.log(machine());
for (const sampling of ['random', 'latinHypercube', 'sobol']) {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 7; r++) {
    const start = performance.now();
    m.run({ samples, sampling, keep: 'none' }).summary('shells');
    best = Math.min(best, performance.now() - start);
  }
  console.log(`${sampling.padEnd(15)} ${((best * 1e6) / samples).toFixed(1)} ns a sample`);
}
