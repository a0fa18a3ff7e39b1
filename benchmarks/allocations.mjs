// Bytes allocated on the JavaScript heap per draw, for each distribution family's fill loop, from V8's
// sampling heap profiler (objects later collected by a scavenge included). A sampling loop should
// allocate nothing: a few bytes per draw mean that V8 boxes a number somewhere in it, which also costs
// scavenges (docs/architecture.md, "Distributions"). Not part of `npm run bench`. Run after a build:
//   node benchmarks/allocations.mjs
import { Session } from 'node:inspector/promises';
import * as s from '../dist/node/node.js';

const families = {
  'uniform(0, 1)': () => s.uniform(0, 1),
  'normal(0, 1)': () => s.normal(0, 1),
  'lognormal(0, 1)': () => s.lognormal(0, 1),
  'exponential(1)': () => s.exponential(1),
  'gamma(2.5)': () => s.gamma(2.5),
  'gamma(0.5)': () => s.gamma(0.5),
  'beta(2, 5)': () => s.beta(2, 5),
  'beta(0.5, 0.5)': () => s.beta(0.5, 0.5),
  'pert(5000, 6700, 8000)': () => s.pert(5000, 6700, 8000),
  'triangular(0, 0.3, 1)': () => s.triangular(0, 0.3, 1),
  'logUniform(1, 1000)': () => s.logUniform(1, 1000),
  'studentT(5)': () => s.studentT(5),
  'poisson(5)': () => s.poisson(5),
  'poisson(1000)': () => s.poisson(1000),
  'binomial(20, 0.3)': () => s.binomial(20, 0.3),
  'binomial(1000, 0.5)': () => s.binomial(1000, 0.5),
  'negativeBinomial(3.5, 0.2)': () => s.negativeBinomial(3.5, 0.2),
  'bernoulli(0.3)': () => s.bernoulli(0.3),
  'categorical(3 values)': () => s.categorical([1, 2, 3], [1, 2, 3]),
  'mixture(normal, lognormal)': () => s.mixture([s.normal(0, 1), s.lognormal(0, 1)], [0.3, 0.7]),
  'truncated(normal, min 0)': () => s.truncated(s.normal(0, 1), { min: 0 }),
};

const session = new Session();
session.connect();
const fills = 30;
const out = new Float64Array(1 << 16);
console.log('| family | bytes per draw | most allocated in |');
console.log('|---|---:|---|');
for (const [name, make] of Object.entries(families)) {
  const dist = make();
  const rng = s.createRng(1);
  for (let r = 0; r < fills; r++) dist.fill(out, rng); // warm up: let V8 optimise the loop
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMinorGC: true,
    includeObjectsCollectedByMajorGC: true,
  });
  for (let r = 0; r < fills; r++) dist.fill(out, rng);
  const { profile } = await session.post('HeapProfiler.stopSampling');
  let total = 0;
  const byFunction = new Map();
  const walk = (node) => {
    if (node.selfSize > 0) {
      total += node.selfSize;
      const where = node.callFrame.functionName || '(anonymous)';
      byFunction.set(where, (byFunction.get(where) ?? 0) + node.selfSize);
    }
    for (const child of node.children) walk(child);
  };
  walk(profile.head);
  const top = [...byFunction].sort((a, b) => b[1] - a[1])[0];
  const perDraw = total / (fills * out.length);
  console.log(`| ${name} | ${perDraw.toFixed(1)} | ${perDraw >= 1 && top ? top[0] : ''} |`);
}
session.disconnect();
