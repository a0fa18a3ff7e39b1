// Inversion of given uniforms against sampling, per family: nanoseconds per draw of `fill(out, rng)`
// (the sampler) and of `fillFromUniforms(uniforms, out)` (uniforms made beforehand; making them with
// `rng.fillFloat64` costs the figure printed first), the number of intervals of the numerical inverse
// where there is one, and the setup: the first fillFromUniforms on a fresh object, which makes its
// numerical inverse or exact-cdf table, if any (median of 5, after one to warm up). Best of several
// calls on 100,000 draws. Not part of `npm run bench` (it needs the sources):
//   npx tsx benchmarks/inversion.ts

import { fillStandardNormalQuantiles } from '../src/distributions/normal.js';
import { numericalInverseOf } from '../src/distributions/numericalInverse.js';
import type { ContinuousDistribution } from '../src/distributions/types.js';
import {
  bernoulli,
  beta,
  binomial,
  categorical,
  constant,
  type Distribution,
  empirical,
  exponential,
  gamma,
  lognormal,
  logUniform,
  metalog,
  mixture,
  negativeBinomial,
  normal,
  pert,
  poisson,
  studentT,
  triangular,
  truncated,
  uniform,
} from '../src/index.js';
import { createRng } from '../src/rng/index.js';
import { normalQuantile } from '../src/special/normal.js';

const N = 100_000;

/** Best time of `f` in ms: at least 3 calls, more while the total stays under ~300 ms, at most 9. */
function bestMs(f: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  let total = 0;
  for (let r = 0; r < 9 && (r < 3 || total < 300); r++) {
    const start = performance.now();
    f();
    const ms = performance.now() - start;
    best = Math.min(best, ms);
    total += ms;
  }
  return best;
}

const cases: [string, () => Distribution][] = [
  ['uniform(0, 1)', () => uniform(0, 1)],
  ['triangular(5000, 6700, 8000)', () => triangular(5000, 6700, 8000)],
  ['exponential(0.25)', () => exponential(0.25)],
  ['logUniform(0.001, 1)', () => logUniform(0.001, 1)],
  ['normal(170, 10)', () => normal(170, 10)],
  ['lognormal.ci(300, 600)', () => lognormal.ci(300, 600)],
  ['metalog([3, 0.4, 0.2, 1], lower 0)', () => metalog([3, 0.4, 0.2, 1], { lower: 0 })],
  ['beta(0.5, 0.5)', () => beta(0.5, 0.5)],
  ['beta(8, 2)', () => beta(8, 2)],
  ['pert(5500, 6700, 8000)', () => pert(5500, 6700, 8000)],
  ['gamma(0.3, 1)', () => gamma(0.3, 1)],
  ['gamma(50, 2)', () => gamma(50, 2)],
  ['studentT(1)', () => studentT(1)],
  ['studentT(3)', () => studentT(3)],
  ['studentT(30)', () => studentT(30)],
  ['truncated(normal(0, 1), [-1, 2])', () => truncated(normal(0, 1), { min: -1, max: 2 })],
  ['truncated(gamma(2, 1), [1, 3])', () => truncated(gamma(2, 1), { min: 1, max: 3 })],
  [
    'mixture(normal(10, 2), normal(25, 5))',
    () => mixture([normal(10, 2), normal(25, 5)], [0.8, 0.2]),
  ],
  ['bernoulli(0.3)', () => bernoulli(0.3)],
  ['binomial(40, 0.15)', () => binomial(40, 0.15)],
  ['binomial(2000, 0.4) (exact-cdf table)', () => binomial(2000, 0.4)],
  ['poisson(4.5)', () => poisson(4.5)],
  ['poisson(1000) (exact-cdf table)', () => poisson(1000)],
  ['negativeBinomial(3.5, 0.2)', () => negativeBinomial(3.5, 0.2)],
  ['categorical(4 values)', () => categorical([20, 40, 60, 40], [1, 2, 1, 1])],
  ['empirical(1000 data)', () => empirical(normal(0, 1).sample(1000, createRng('data')))],
  ['constant(6700)', () => constant(6700)],
];

/** Families whose fillFromUniforms goes through a numerical inverse (Student t with df 1 or 2 does not). */
function numerical(dist: Distribution): boolean {
  if (dist.kind !== 'continuous') return false;
  if (dist.family === 'studentT') return dist.params.df !== 1 && dist.params.df !== 2;
  return ['beta', 'pert', 'gamma', 'truncated', 'mixture'].includes(dist.family);
}

const rng = createRng('inversion bench');
const uniforms = new Float64Array(N);
const out = new Float64Array(N);
for (let r = 0; r < 200; r++) rng.fillFloat64(uniforms); // warm up (optimised code, as in fill)
const uniformMs = bestMs(() => rng.fillFloat64(uniforms));
const ns = (ms: number): string => ((ms * 1e6) / N).toFixed(1);

console.log(`Uniforms by rng.fillFloat64: ${ns(uniformMs)} ns each\n`);
console.log(
  '| distribution | fill ns/draw | fillFromUniforms ns/draw | with the uniforms | intervals | setup ms (first call) |',
);
console.log('|---|---:|---:|---:|---:|---:|');
const one = new Float64Array(1);
for (const [name, make] of cases) {
  const dist = make();
  // Setup: the first call on a fresh object (which makes its numerical inverse or exact-cdf table, if
  // any), median of 5 after one to warm up.
  const times: number[] = [];
  for (let r = 0; r < 6; r++) {
    const fresh = make();
    const start = performance.now();
    fresh.fillFromUniforms(Float64Array.of(0.5), one);
    if (r > 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  let intervals = '';
  if (numerical(dist)) {
    const inverse = numericalInverseOf(dist as ContinuousDistribution);
    intervals = inverse === undefined ? 'exact' : String(inverse.intervals);
  }
  dist.fillFromUniforms(uniforms, out); // makes the inverse or table, if any, before timing
  const fillMs = bestMs(() => dist.fill(out, rng));
  const inversionMs = bestMs(() => dist.fillFromUniforms(uniforms, out));
  console.log(
    `| ${name} | ${ns(fillMs)} | ${ns(inversionMs)} | ${ns(inversionMs + uniformMs)} | ${intervals} | ${times[2].toFixed(2)} |`,
  );
}

// The exact standard normal quantile (Wichura's AS 241) per uniform, against the shared numerical
// inverse that normal and lognormal use in fillFromUniforms (the decision in docs/performance.md).
const exactNormalMs = bestMs(() => {
  for (let i = 0; i < N; i++) out[i] = normalQuantile(uniforms[i]);
});
const numericalNormalMs = bestMs(() => fillStandardNormalQuantiles(uniforms, out));
console.log(
  `\nStandard normal quantiles: AS 241 ${ns(exactNormalMs)} ns each, the shared numerical inverse ${ns(numericalNormalMs)} ns each`,
);
