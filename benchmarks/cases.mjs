// Benchmark cases: each measures one operation on N values against the BUILT package (dist/), so what
// is measured is what users import. `numpy` is the equivalent Python statement (run by numpy_side.py in the
// same session), with `g` a numpy Generator (PCG64) and `x`, `y`, `z` float64 arrays of N standard
// normals.
import * as kernels from '../dist/node/kernels.js';
import * as salvo from '../dist/node/node.js';
import * as shipments from '../dist/node/shipments.js';
import { referenceModel } from './shared.mjs';

export const N = 10_000_000;

const REFERENCE_NUMPY = [
  'c = 5000 + 3000 * g.beta(1 + 4 * 1700 / 3000, 1 + 4 * 1300 / 3000, N)',
  'z = 1.6448536269514722',
  's = g.lognormal((np.log(300) + np.log(600)) / 2, (np.log(600) - np.log(300)) / (2 * z), N)',
  'sh = g.beta(8, 2, N)',
  'p = g.lognormal((np.log(800) + np.log(3000)) / 2, (np.log(3000) - np.log(800)) / (2 * z), N)',
  'shells = c * s * sh',
  'value = shells * p',
  'r = (shells.mean(), shells.std(ddof=1), np.quantile(shells, [0.05, 0.25, 0.5, 0.75, 0.95]),',
  '     value.mean(), value.std(ddof=1), np.quantile(value, [0.05, 0.25, 0.5, 0.75, 0.95]),',
  '     (shells > 3e6).mean())',
].join('\n');

const REFERENCE_RUN = { samples: N, keep: ['shells', 'valueUsd'] };
function reportReference(run) {
  run.summary('shells');
  run.summary('valueUsd');
  run.probability('shells', '>', 3e6);
}

/**
 * name → { group, setup(salvo) → () => void | Promise<void>, numpy?: string, target?: number (max ratio
 * to numpy) }
 */
// The reference workload with expressions on one thread, and on a warm pool of two, each run with
// `options`: rows that the benchmark measures with the outputs kept (twice: the second time with
// glibc's huge pages, below) and without keeping them.
const oneThreadCase = (options) => ({
  group: 'model',
  setup: (s) => () => reportReference(referenceModel(s).run(options)),
  numpy: REFERENCE_NUMPY,
  target: 0.8,
});
const warmPoolCase = (options) => ({
  group: 'model',
  setup: (s) => {
    // Threads kept between runs (the case's warm-up runs start them); idle, they let the process exit.
    const pool = s.createWorkerPool({ workers: 2 });
    return async () =>
      reportReference(await s.runParallel(referenceModel(s), { ...options, pool }));
  },
  numpy: REFERENCE_NUMPY,
  target: 0.45,
});
const ONE_THREAD = 'model: reference workload, expressions, keep shells and valueUsd';
const WARM_POOL = 'model: reference workload, expressions, runParallel 2 workers, warm WorkerPool';
// The same work without holding the 160 MB of shells and valueUsd: the summaries' quantiles stay exact
// (the same bits as kept samples) through exactQuantiles, and P(shells > 3e6) through thresholds.
const EXACT_RUN = {
  samples: N,
  keep: 'none',
  exactQuantiles: ['shells', 'valueUsd'],
  thresholds: { shells: [3e6] },
};
const ONE_THREAD_EXACT =
  'model: reference workload, expressions, keep none, exactQuantiles and thresholds';
const WARM_POOL_EXACT =
  'model: reference workload, expressions, runParallel 2 workers, warm WorkerPool, keep none, exactQuantiles and thresholds';
const HUGE_PAGES = ', GLIBC_TUNABLES=glibc.malloc.hugetlb=1';
const HUGE_PAGES_ENV = { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' };

export const cases = {
  'rng sfc32 fillFloat64': {
    group: 'bit generators',
    setup: (s) => {
      const rng = s.createRng(1, { algorithm: 'sfc32' });
      const out = new Float64Array(N);
      return () => rng.fillFloat64(out);
    },
    numpy: 'g.random(N, out=buf)',
  },
  'rng xoshiro128** fillFloat64': {
    group: 'bit generators',
    setup: (s) => {
      const rng = s.createRng(1, { algorithm: 'xoshiro128**' });
      const out = new Float64Array(N);
      return () => rng.fillFloat64(out);
    },
    numpy: 'g.random(N, out=buf)',
  },
  'rng pcg32 fillFloat64': {
    group: 'bit generators',
    setup: (s) => {
      const rng = s.createRng(1, { algorithm: 'pcg32' });
      const out = new Float64Array(N);
      return () => rng.fillFloat64(out);
    },
    numpy: 'g.random(N, out=buf)',
  },
  'rng sfc32 nextUint32 loop': {
    group: 'bit generators',
    setup: (s) => {
      const rng = s.createRng(1, { algorithm: 'sfc32' });
      const out = new Uint32Array(N);
      return () => {
        for (let i = 0; i < N; i++) out[i] = rng.nextUint32();
      };
    },
  },
  'rng xoshiro128** nextUint32 loop': {
    group: 'bit generators',
    setup: (s) => {
      const rng = s.createRng(1, { algorithm: 'xoshiro128**' });
      const out = new Uint32Array(N);
      return () => {
        for (let i = 0; i < N; i++) out[i] = rng.nextUint32();
      };
    },
  },
  'rng pcg32 nextUint32 loop': {
    group: 'bit generators',
    setup: (s) => {
      const rng = s.createRng(1, { algorithm: 'pcg32' });
      const out = new Uint32Array(N);
      return () => {
        for (let i = 0; i < N; i++) out[i] = rng.nextUint32();
      };
    },
  },
  'uniform(2, 5)': {
    group: 'distributions',
    setup: (s) => dist(s.uniform(2, 5)),
    numpy: 'g.uniform(2, 5, N)',
    target: 1.2,
  },
  'normal(0, 1)': {
    group: 'distributions',
    setup: (s) => dist(s.normal(0, 1)),
    numpy: 'g.standard_normal(N, out=buf)',
    target: 0.6,
  },
  'normal(170, 10)': {
    group: 'distributions',
    setup: (s) => dist(s.normal(170, 10)),
    numpy: 'g.normal(170, 10, N)',
  },
  'lognormal(0, 1)': {
    group: 'distributions',
    setup: (s) => dist(s.lognormal(0, 1)),
    numpy: 'g.lognormal(0, 1, N)',
    target: 1.2,
  },
  'exponential(2)': {
    group: 'distributions',
    setup: (s) => dist(s.exponential(2)),
    numpy: 'g.exponential(0.5, N)',
  },
  'gamma(2.5, 1)': {
    group: 'distributions',
    setup: (s) => dist(s.gamma(2.5, 1)),
    numpy: 'g.standard_gamma(2.5, N, out=buf)',
    target: 0.8,
  },
  'gamma(0.5, 1)': {
    group: 'distributions',
    setup: (s) => dist(s.gamma(0.5, 1)),
    numpy: 'g.standard_gamma(0.5, N, out=buf)',
  },
  'beta(2, 5)': {
    group: 'distributions',
    setup: (s) => dist(s.beta(2, 5)),
    numpy: 'g.beta(2, 5, N)',
    target: 0.9,
  },
  'beta(0.5, 0.5)': {
    group: 'distributions',
    setup: (s) => dist(s.beta(0.5, 0.5)),
    numpy: 'g.beta(0.5, 0.5, N)',
  },
  'pert(5000, 6700, 8000)': {
    group: 'distributions',
    setup: (s) => dist(s.pert(5000, 6700, 8000)),
    numpy: '5000 + 3000 * g.beta(1 + 4 * 1700 / 3000, 1 + 4 * 1300 / 3000, N)',
    target: 0.9,
  },
  'triangular(0, 0.3, 1)': {
    group: 'distributions',
    setup: (s) => dist(s.triangular(0, 0.3, 1)),
    numpy: 'g.triangular(0, 0.3, 1, N)',
  },
  'logUniform(1, 1000)': {
    group: 'distributions',
    setup: (s) => dist(s.logUniform(1, 1000)),
    numpy: 'np.exp(g.uniform(np.log(1), np.log(1000), N))',
  },
  'studentT(5)': {
    group: 'distributions',
    setup: (s) => dist(s.studentT(5)),
    numpy: 'g.standard_t(5, N)',
  },
  'poisson(5)': {
    group: 'distributions',
    setup: (s) => dist(s.poisson(5)),
    numpy: 'g.poisson(5, N)',
    target: 0.8,
  },
  'poisson(1000)': {
    group: 'distributions',
    setup: (s) => dist(s.poisson(1000)),
    numpy: 'g.poisson(1000, N)',
  },
  'binomial(20, 0.3)': {
    group: 'distributions',
    setup: (s) => dist(s.binomial(20, 0.3)),
    numpy: 'g.binomial(20, 0.3, N)',
  },
  'binomial(1000, 0.5)': {
    group: 'distributions',
    setup: (s) => dist(s.binomial(1000, 0.5)),
    numpy: 'g.binomial(1000, 0.5, N)',
  },
  'negativeBinomial(3.5, 0.2)': {
    group: 'distributions',
    setup: (s) => dist(s.negativeBinomial(3.5, 0.2)),
    numpy: 'g.negative_binomial(3.5, 0.2, N)',
  },
  'bernoulli(0.3)': {
    group: 'distributions',
    setup: (s) => dist(s.bernoulli(0.3)),
    numpy: '(g.random(N) < 0.3).astype(np.float64)',
  },
  'categorical(10 values)': {
    group: 'distributions',
    setup: (s) =>
      dist(s.categorical([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 5, 4, 3, 2, 1])),
    numpy: 'g.choice(np.arange(1.0, 11.0), N, p=np.array([1, 2, 3, 4, 5, 5, 4, 3, 2, 1]) / 30)',
  },
  'empirical(10,000 values)': {
    group: 'distributions',
    setup: (s) => dist(s.empirical(s.normal(0, 1).sample(10_000, s.createRng(2)))),
    numpy: 'g.choice(x[:10000], N)',
  },
  'mixture(normal, lognormal)': {
    group: 'distributions',
    setup: (s) => dist(s.mixture([s.normal(0, 1), s.lognormal(0, 1)], [0.3, 0.7])),
  },
  'truncated(normal, min 0)': {
    group: 'distributions',
    setup: (s) => dist(s.truncated(s.normal(0, 1), { min: 0 })),
  },
  'quantiles 0.05, 0.5, 0.95 of 1e7': {
    group: 'summaries',
    setup: (s) => {
      const x = s.normal(0, 1).sample(N, s.createRng(3));
      return () => s.quantiles(x, [0.05, 0.5, 0.95]);
    },
    numpy: 'np.quantile(x, [0.05, 0.5, 0.95])',
    target: 1.0,
  },
  "probability(x, '>', 1) of 1e7": {
    group: 'summaries',
    setup: (s) => {
      const x = s.normal(0, 1).sample(N, s.createRng(3));
      return () => s.probability(x, '>', 1);
    },
    numpy: 'np.count_nonzero(x > 1) / x.size',
  },
  'mean and sd of 1e7': {
    group: 'summaries',
    setup: (s) => {
      const x = s.normal(0, 1).sample(N, s.createRng(3));
      return () => s.mean(x) + s.sd(x);
    },
    numpy: 'x.mean() + x.std(ddof=1)',
  },
  'QuantileSketch.addAll (lognormal values)': {
    group: 'summaries',
    setup: (s) => {
      const x = s.lognormal(0, 1).sample(N, s.createRng(3));
      return () => new s.QuantileSketch().addAll(x);
    },
  },
  'histogram, 50 bins': {
    group: 'summaries',
    setup: (s) => {
      const x = s.normal(0, 1).sample(N, s.createRng(3));
      return () => s.histogram(x, { bins: 50 });
    },
    numpy: 'np.histogram(x, bins=50)',
  },
  'model: reference shipments workload (issue #3), keep shells and valueUsd': {
    group: 'model',
    setup: (s) => () => {
      const run = s
        .model({ seed: 'bench' })
        .input('containers', s.pert(5000, 6700, 8000))
        .input('shellsPerContainer', s.lognormal.ci(300, 600))
        .input('shareCarryingShells', s.beta(8, 2))
        .input('pricePerShellUsd', s.lognormal.ci(800, 3000))
        .derive('shells', (n) => n.containers.mul(n.shellsPerContainer).mul(n.shareCarryingShells))
        .derive('valueUsd', (n) => n.shells.mul(n.pricePerShellUsd))
        .run({ samples: N, keep: ['shells', 'valueUsd'] });
      run.summary('shells');
      run.summary('valueUsd');
      run.probability('shells', '>', 3e6);
    },
    numpy: REFERENCE_NUMPY,
    target: 0.8,
  },
  [ONE_THREAD]: oneThreadCase(REFERENCE_RUN),
  'model: reference workload, expressions, runParallel 2 workers (startup included)': {
    group: 'model',
    // A pool of its own per run, closed after it: without one, runParallel borrows the process's
    // default pool, whose threads stay warm between the case's runs (the warm row below measures that).
    setup: (s) => async () => {
      const pool = s.createWorkerPool({ workers: 2 });
      try {
        reportReference(await s.runParallel(referenceModel(s), { ...REFERENCE_RUN, pool }));
      } finally {
        await pool.close();
      }
    },
    numpy: REFERENCE_NUMPY,
    target: 0.45,
  },
  [WARM_POOL]: warmPoolCase(REFERENCE_RUN),
  // The same two rows with glibc asked to back large allocations with transparent huge pages, as
  // numpy asks the kernel for its arrays (V8 cannot): on this kind of virtual machine the first touch of
  // a fresh 4 KiB page is what most separates the two (node benchmarks/first-touch.mjs).
  [`${ONE_THREAD}${HUGE_PAGES}`]: { ...oneThreadCase(REFERENCE_RUN), env: HUGE_PAGES_ENV },
  [`${WARM_POOL}${HUGE_PAGES}`]: { ...warmPoolCase(REFERENCE_RUN), env: HUGE_PAGES_ENV },
  // A weighted run of many nodes: the main example's delivery timeline (four ships, 18 months, 11
  // nodes a month) calibrated to the three dated counts. Samples × nodes ≈ N, so the figure is ns per
  // sample of one node; every node's weighted sketch sums its bucket weights exactly per segment.
  'model: delivery timeline, fleet, 18 months, weighted (ns per sample and node)': {
    group: 'model',
    setup: (s) => {
      const about = [
        ['2023-11-02', 2000],
        ['2023-12-29', 5000],
        ['2024-02-26', 6700],
      ];
      const timeline = shipments.deliveryTimeline({
        start: '2023-09',
        months: 18,
        rate: { fleet: {} },
        observations: about.map(([date, value]) => ({
          date,
          containers: s.normal(value, 0.08 * value),
        })),
      });
      const samples = Math.round(N / timeline.model.names.length);
      return () => timeline.model.run({ samples, keep: 'none' });
    },
  },
  [ONE_THREAD_EXACT]: oneThreadCase(EXACT_RUN),
  [WARM_POOL_EXACT]: warmPoolCase(EXACT_RUN),
  'kernels.mul(a, b, out)': {
    group: 'element-wise',
    setup: (s) => {
      const a = s.normal(0, 1).sample(N, s.createRng(4));
      const b = s.normal(0, 1).sample(N, s.createRng(5));
      const out = new Float64Array(N);
      return () => kernels.mul(a, b, out);
    },
    numpy: 'np.multiply(x, y, out=buf)',
  },
  'kernels.exp(a, out)': {
    group: 'element-wise',
    setup: (s) => {
      const a = s.normal(0, 1).sample(N, s.createRng(4));
      const out = new Float64Array(N);
      return () => kernels.exp(a, out);
    },
    numpy: 'np.exp(x, out=buf)',
  },
  'Samples: a.mul(b).add(c) (allocates)': {
    group: 'element-wise',
    setup: (s) => {
      const a = s.samples(s.normal(0, 1).sample(N, s.createRng(4)));
      const b = s.samples(s.normal(0, 1).sample(N, s.createRng(5)));
      const c = s.samples(s.normal(0, 1).sample(N, s.createRng(6)));
      return () => a.mul(b).add(c);
    },
    numpy: 'x * y + z',
  },
};

// Distributions fill one reused buffer, as the model engine fills its pooled buffers. (`sample(n)`
// allocates a fresh array each call; see docs/performance.md for what first-touching memory costs.)
function dist(d) {
  const rng = salvo.createRng(1);
  const out = new Float64Array(N);
  return () => d.fill(out, rng);
}
