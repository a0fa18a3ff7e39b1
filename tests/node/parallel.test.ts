import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  bernoulli,
  beta,
  binomial,
  categorical,
  constant,
  empirical,
  exponential,
  gamma,
  lognormal,
  logUniform,
  type Model,
  type ModelRun,
  mixture,
  model,
  negativeBinomial,
  normal,
  pert,
  poisson,
  SalvoError,
  studentT,
  triangular,
  truncated,
  uniform,
} from '../../src/index.js';
import { knownQuantiles } from '../../src/model/nodeState.js';
import { summaryLevels } from '../../src/model/precision.js';
import {
  createWorkerPool,
  type ModelSource,
  runParallel,
  type WorkerPool,
} from '../../src/node/index.js';
import { liveWorkerThreads } from '../../src/node/pool.js';
import { DEFAULT_SUMMARY_PROBABILITIES } from '../../src/samples/summarize.js';

const FIXTURES = new URL('../fixtures/parallel-models.ts', import.meta.url);
const TIMEOUT = 120_000;

/** Every built-in family, so that each one's rebuilt-in-a-thread twin is checked bit for bit. */
const everyFamily = model({ seed: 'every family' })
  .input('u', uniform(-1, 2))
  .input('n', normal(3, 2))
  .input('ln', lognormal.ci(300, 600))
  .input('lu', logUniform(1, 1_000))
  .input('tri', triangular(0, 1, 4))
  .input('pe', pert(5_000, 6_700, 8_000, { lambda: 3 }))
  .input('be', beta(8, 2))
  .input('ga', gamma(0.7, 2))
  .input('ex', exponential(0.5))
  .input('st', studentT(3, { location: 1, scale: 2 }))
  .input('co', constant(7))
  .input('po', poisson(4.5))
  .input('bi', binomial(20, 0.3))
  .input('nb', negativeBinomial(3, 0.4))
  .input('bn', bernoulli(0.2))
  .input('ca', categorical([60, 20, 40, 20], [1, 2, 3, 0.5]))
  .input('em', empirical([410, 600, 410, 550, 320]))
  .input('mx', mixture([normal(10, 2), poisson(25), normal(0, 1)], [4, 1, 0]))
  .input('tr', truncated(normal(2, 3), { min: 0 }))
  .input('tm', truncated(mixture([normal(0, 1), normal(5, 1)]), { min: -1, max: 6 }))
  // Rank correlations travel with the model: a group of three (one of them discrete) and a pair.
  .correlate(
    ['n', 'ga', 'po'],
    [
      [1, 0.6, -0.3],
      [0.6, 1, 0],
      [-0.3, 0, 1],
    ],
  )
  .correlate('u', 'tm', -0.5)
  .derive('total', 'u + n + ln / 100 + tri * pe / 1000 + be + ga + ex + co + po + bi + nb + bn')
  .derive('other', 'ca + em + mx + tr + tm + (st > 0 ? 1 : -1) + log10(lu)');

describe('runParallel: identical to the single-thread run', () => {
  it(
    'every family and expression, kept: bit-identical samples and summaries (3 workers on 2 cores)',
    async () => {
      const samples = 70_001; // not a multiple of the segment length
      const single = everyFamily.run({ samples, blockSize: 8_192 });
      for (const workers of [3]) {
        const parallel = await runParallel(everyFamily, {
          samples,
          workers,
          blockSize: 4_096,
          mainThread: false, // every task on the worker threads
        });
        for (const name of everyFamily.names) {
          expect(parallel.samples(name), name).toEqual(single.samples(name));
        }
        expect(parallel.toJSON()).toEqual(single.toJSON());
        // The kept nodes' summaries were computed by the worker threads, at the summary's levels.
        const levels = summaryLevels(DEFAULT_SUMMARY_PROBABILITIES, samples);
        for (const name of everyFamily.names) {
          expect(knownQuantiles(parallel.samples(name), levels), name).toBeDefined();
        }
      }
    },
    TIMEOUT,
  );

  it(
    'summaries of kept nodes from the threads equal the calling thread’s, with non-finite values too',
    async () => {
      const m = model({ seed: 'summaries' })
        .input('x', normal(0, 1))
        .derive('ratio', 'x > 1 ? 0 / 0 : (x < -2 ? -1 / 0 : x)')
        .derive('y', 'exp(x)');
      const samples = 1_500_000;
      const options = { samples, keep: ['ratio', 'y'] as ('ratio' | 'y')[], quantiles: [0.999] };
      const single = m.run(options);
      const parallel = await runParallel(m, { ...options, workers: 2, mainThread: false });
      expect(parallel.summary('ratio').nonFinite).toBeGreaterThan(0.15 * samples);
      expect(parallel.toJSON()).toEqual(single.toJSON());
      const levels = summaryLevels(
        [...DEFAULT_SUMMARY_PROBABILITIES, 0.999],
        parallel.summary('ratio').n - parallel.summary('ratio').nonFinite,
      );
      expect(knownQuantiles(parallel.samples('ratio'), levels)).toBeDefined();
      // Not asked: the calling thread computes them on request, to the same values.
      const lazy = await runParallel(m, { ...options, workers: 2, summariseKept: false });
      expect(knownQuantiles(lazy.samples('y'), levels)).toBeUndefined();
      expect(lazy.toJSON()).toEqual(single.toJSON());
      expect(liveWorkerThreads()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'sampling designs: threads give the single thread’s samples and summaries, errors included',
    async () => {
      const m = model({ seed: 'designs' })
        .input('a', pert(5500, 6700, 8000))
        .input('b', lognormal.ci(300, 600))
        .derive('c', 'a * b');
      for (const sampling of ['latinHypercube', 'sobol'] as const) {
        const options = { samples: 100_000, sampling, keep: ['c'] as 'c'[] };
        const single = m.run(options);
        const parallel = await runParallel(m, { ...options, workers: 2 });
        expect(parallel.samples('c')).toEqual(single.samples('c'));
        expect(parallel.toJSON()).toEqual(single.toJSON());
        expect(parallel.summary('a').meanStandardError).toBe(single.summary('a').meanStandardError);
        expect(parallel.summary('c').quantileIntervals).toEqual(
          single.summary('c').quantileIntervals,
        );
        // Unkept: the sketches per group come back from the threads and merge to the same errors.
        const none = { ...options, keep: 'none' as const };
        const singleNone = m.run(none);
        const parallelNone = await runParallel(m, { ...none, workers: 2 });
        expect(parallelNone.toJSON()).toEqual(singleNone.toJSON());
        expect(parallelNone.probabilityInterval('c', '>', 3e6)).toEqual(
          singleNone.probabilityInterval('c', '>', 3e6),
        );
        expect(parallelNone.summary('c').quantileIntervals.p95.standardError).toBeGreaterThan(0);
      }
      expect(liveWorkerThreads()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    "keep: 'none': identical moments, sketched quantiles, probabilities and histograms",
    async () => {
      const samples = 300_000;
      const options = { samples, keep: 'none' as const, quantiles: [0.99] };
      const single = everyFamily.run(options);
      // The calling thread takes tasks while the threads start (slowly, from TypeScript sources).
      const parallel = await runParallel(everyFamily, { ...options, workers: 2 });
      expect(parallel.toJSON()).toEqual(single.toJSON());
      expect(parallel.summary('total').quantileMethod).toBe('sketch');
      expect(parallel.probability('total', '>', 30)).toBe(single.probability('total', '>', 30));
      expect(parallel.histogram('other', { bins: 7 })).toEqual(
        single.histogram('other', { bins: 7 }),
      );
    },
    TIMEOUT,
  );

  it(
    'exactQuantiles and thresholds: the kept run’s summaries and probabilities, whatever the threads',
    async () => {
      const m = model({ seed: 'exact in threads' })
        .input('x', normal(0, 1))
        .derive('ratio', 'x > 1.5 ? 0 / 0 : (x < -2 ? -1 / 0 : x)')
        .derive('y', 'exp(x)');
      const samples = 700_001; // longer than the pilot, not a multiple of the segment length
      const kept = m.run({ samples, quantiles: [0.999] });
      const options = {
        samples,
        keep: 'none' as const,
        quantiles: [0.999],
        exactQuantiles: ['ratio', 'y'] as ('ratio' | 'y')[],
        thresholds: { y: [1, 2.5] },
      };
      for (const mainThread of [false, true]) {
        const parallel = await runParallel(m, { ...options, workers: 2, mainThread });
        for (const name of ['ratio', 'y'] as const) {
          expect(parallel.summary(name).quantileMethod).toBe('exact');
          expect(parallel.summary(name)).toEqual(kept.summary(name));
        }
        for (const t of [1, 2.5]) {
          for (const op of ['<', '<=', '>', '>=', '==', '!='] as const) {
            expect(parallel.probability('y', op, t)).toBe(kept.probability('y', op, t));
          }
        }
      }
      expect(liveWorkerThreads()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'a model with callbacks, imported from a module in each worker (export or factory)',
    async () => {
      const { shipments } = await import('../fixtures/parallel-models.js');
      const samples = 100_000;
      const single = shipments.run({ samples, keep: ['shells', 'roundedThousands'] });
      const progress: number[] = [];
      const parallel = await runParallel<'shells' | 'roundedThousands'>(
        { module: FIXTURES, exportName: 'shipments' },
        {
          samples,
          workers: 2,
          mainThread: false,
          keep: ['shells', 'roundedThousands'],
          onProgress: (done, total) => {
            expect(total).toBe(samples);
            progress.push(done);
          },
        },
      );
      expect(parallel.samples('shells')).toEqual(single.samples('shells'));
      expect(parallel.samples('roundedThousands')).toEqual(single.samples('roundedThousands'));
      expect(parallel.toJSON()).toEqual(single.toJSON());
      expect(progress.at(-1)).toBe(samples);
      expect([...progress].sort((a, b) => a - b)).toEqual(progress);
      const viaFactory = await runParallel(
        { module: FIXTURES.pathname, exportName: 'makeShipments' },
        { samples: 10_000, workers: 1 },
      );
      expect(viaFactory.summary('shells')).toEqual(
        shipments.run({ samples: 10_000 }).summary('shells'),
      );
    },
    TIMEOUT,
  );
});

describe('runParallel with evidence (.observe): the weighted run of model.run, to the bit', () => {
  const observed = model({ seed: 'observed in threads' })
    .input('containers', pert(5_000, 6_700, 8_000))
    .input('shellsPerContainer', lognormal.ci(300, 600))
    .input('share', beta(8, 2))
    .derive('shells', 'containers * shellsPerContainer * share')
    .derive('logShare', 'log(share - 0.75)') // NaN for a quarter of the samples: weight 0 there
    .observe('shells', lognormal(Math.log(1.5e6), 0.4))
    .observe('logShare', normal(-2, 1));

  /** Everything a weighted run reports: summaries, quantiles, probabilities, histograms, weights. */
  const weightedReport = (run: ModelRun<string>, names: readonly string[]) => ({
    json: run.toJSON(),
    effectiveSampleSize: run.effectiveSampleSize,
    warnings: run.warnings,
    nodes: names.map((name) => ({
      p999: run.quantile(name, 0.999),
      above: run.probability(name, '>', run.quantile(name, 0.7)),
      histogram: run.histogram(name, { bins: 5 }),
    })),
  });

  it(
    'kept, unkept and some kept; 1 to 3 threads, with and without the calling thread',
    async () => {
      const names = observed.nodes.map((n) => n.name);
      const samples = 300_001;
      for (const keep of ['all', 'none', ['shells']] as const) {
        const single = observed.run({ samples, keep });
        const expected = weightedReport(single, names);
        for (const [workers, mainThread] of [
          [1, false],
          [2, true],
          [3, false],
        ] as const) {
          const parallel = await runParallel(observed, { samples, keep, workers, mainThread });
          expect(weightedReport(parallel, names)).toEqual(expected);
          if (keep === 'all') {
            expect(parallel.weights()).toEqual(single.weights());
            expect(parallel.samples('shells')).toEqual(single.samples('shells'));
          }
        }
      }
      expect(liveWorkerThreads()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'a likelihood function travels in its module; sent as data, it is refused with a clear error',
    async () => {
      const { observedShipments } = await import('../fixtures/parallel-models.js');
      const samples = 100_000;
      const single = observedShipments.run({ samples, keep: 'none' });
      const parallel = await runParallel(
        { module: FIXTURES, exportName: 'observedShipments' },
        { samples, workers: 2, keep: 'none' },
      );
      expect(parallel.toJSON()).toEqual(single.toJSON());
      expect(parallel.effectiveSampleSize).toBe(single.effectiveSampleSize);
      const asData = model({ seed: 1 })
        .input('x', normal(0, 1))
        .observe('x', (x) => Math.exp(-x * x));
      await expect(runParallel(asData, { samples: 10_000, workers: 1 })).rejects.toMatchObject({
        code: 'UNSUPPORTED',
        parameter: 'x',
      });
    },
    TIMEOUT,
  );

  it(
    'weak evidence warns or rejects as model.run does; what weighted runs cannot do is refused',
    async () => {
      const samples = 50_000;
      const strict = { samples, keep: 'none' as const, minEffectiveSampleSize: 1e6 };
      const warned = await runParallel(observed, { ...strict, workers: 2 });
      expect(warned.warnings).toEqual(observed.run(strict).warnings);
      expect(warned.warnings.map((w) => w.code)).toEqual(['LOW_EFFECTIVE_SAMPLE_SIZE']);
      await expect(
        runParallel(observed, { ...strict, workers: 2, onLowEffectiveSampleSize: 'throw' }),
      ).rejects.toMatchObject({ code: 'INVALID_PARAMETER', parameter: 'minEffectiveSampleSize' });
      await expect(
        runParallel(observed, { samples, workers: 2, keep: 'none', exactQuantiles: ['shells'] }),
      ).rejects.toMatchObject({ code: 'UNSUPPORTED', parameter: 'exactQuantiles' });
      expect(liveWorkerThreads()).toBe(0);
    },
    TIMEOUT,
  );
});

describe('runParallel of a module: typed by its export', () => {
  it('knows the node names of ModelSource<typeof model> (and of a function returning one)', () => {
    type Shipments = typeof import('../fixtures/parallel-models.js').shipments;
    const fromModel = (source: ModelSource<Shipments>) => runParallel(source, { samples: 1 });
    const fromFunction = (source: ModelSource<() => Shipments>) =>
      runParallel(source, { samples: 1 });
    type Names = Shipments extends Model<infer N> ? N : never;
    expectTypeOf<Awaited<ReturnType<typeof fromModel>>>().toEqualTypeOf<ModelRun<Names>>();
    expectTypeOf<Awaited<ReturnType<typeof fromFunction>>>().toEqualTypeOf<ModelRun<Names>>();
    // Without a type, names are strings; runParallel<'a'>(source) names them as before.
    const untyped = (source: ModelSource) => runParallel(source, { samples: 1 });
    expectTypeOf<Awaited<ReturnType<typeof untyped>>>().toEqualTypeOf<ModelRun<string>>();
    const named = (source: ModelSource) => runParallel<'a'>(source, { samples: 1 });
    expectTypeOf<Awaited<ReturnType<typeof named>>>().toEqualTypeOf<ModelRun<'a'>>();
  });
});

describe('runParallel: failures and aborts', () => {
  it(
    "rejects with the worker's error (code kept) and leaves no thread running",
    async () => {
      const run = runParallel(
        { module: FIXTURES, exportName: 'failing' },
        { samples: 3_000_000, workers: 2, keep: 'none', mainThread: false },
      );
      const error = await run.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SalvoError);
      expect((error as SalvoError).code).toBe('INVALID_PARAMETER');
      expect((error as SalvoError).message).toMatch(/suspiciously close to 1/);
      expect(liveWorkerThreads()).toBe(0);
      await expect(
        runParallel(
          { module: FIXTURES, exportName: 'wrongLength' },
          { samples: 10_000, workers: 2 },
        ),
      ).rejects.toMatchObject({ code: 'LENGTH_MISMATCH' });
      expect(liveWorkerThreads()).toBe(0);
      await expect(
        runParallel(
          { module: FIXTURES, exportName: 'unstable' },
          { samples: 10_000, workers: 1, mainThread: false },
        ),
      ).rejects.toThrow(/differs from the main thread's/);
      expect(liveWorkerThreads()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'honours an AbortSignal: rejects with its reason, stops every thread',
    async () => {
      const controller = new AbortController();
      const reason = new Error('user pressed stop');
      const run = runParallel(everyFamily, {
        samples: 50_000_000,
        workers: 2,
        keep: 'none',
        signal: controller.signal,
        onProgress: () => controller.abort(reason),
      });
      await expect(run).rejects.toBe(reason);
      expect(liveWorkerThreads()).toBe(0);
      await expect(
        runParallel(everyFamily, { samples: 1_000, signal: AbortSignal.abort(reason) }),
      ).rejects.toBe(reason);
    },
    TIMEOUT,
  );

  it('rejects bad sources and options before starting a thread', async () => {
    const withCallback = model({ seed: 1 })
      .input('x', normal(0, 1))
      .derive('y', ({ x }) => x.mul(2));
    await expect(runParallel(withCallback, { samples: 10 })).rejects.toThrow(
      /node "y" is computed by a callback.*\{ module, exportName \}/,
    );
    const mine = Object.create(normal(0, 1), { family: { value: 'mine' } });
    const custom = model({ seed: 1 }).input('x', mine);
    await expect(runParallel(custom, { samples: 10 })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      parameter: 'x',
    });
    const simple = model({ seed: 1 }).input('x', normal(0, 1));
    for (const workers of [0, 1.5, -1, 1_000, '2']) {
      await expect(
        runParallel(simple, { samples: 10, workers: workers as number }),
      ).rejects.toMatchObject({ code: 'INVALID_PARAMETER', parameter: 'workers' });
    }
    await expect(
      runParallel(simple, { samples: 10, mainThread: 'yes' as never }),
    ).rejects.toMatchObject({ parameter: 'mainThread' });
    await expect(
      runParallel(simple, { samples: 10, summariseKept: 1 as never }),
    ).rejects.toMatchObject({ code: 'INVALID_PARAMETER', parameter: 'summariseKept' });
    await expect(runParallel(simple, { samples: 0 })).rejects.toMatchObject({
      code: 'INVALID_SAMPLE_COUNT',
    });
    await expect(runParallel(simple, { samples: 10, keep: ['y' as 'x'] })).rejects.toMatchObject({
      parameter: 'keep[0]',
    });
    await expect(runParallel(42 as never, { samples: 10 })).rejects.toMatchObject({
      parameter: 'source',
    });
    await expect(
      runParallel({ module: FIXTURES, exportName: 'notAModel' }, { samples: 10 }),
    ).rejects.toThrow(/export "notAModel" .* must be a model/);
    expect(liveWorkerThreads()).toBe(0);
  });
});

describe('runParallel: worker and module failures are coded, with the cause kept', () => {
  const rejection = (run: Promise<unknown>) =>
    run.then(
      () => expect.unreachable('the run resolved'),
      (e: unknown) => e as SalvoError,
    );

  it(
    'a worker thread that exits mid-run rejects with WORKER_FAILED',
    async () => {
      const error = await rejection(
        runParallel(
          { module: FIXTURES, exportName: 'exitsMidRun' },
          { samples: 100_000, workers: 2, mainThread: false },
        ),
      );
      expect(error).toBeInstanceOf(SalvoError);
      expect(error.code).toBe('WORKER_FAILED');
      expect(error.message).toMatch(/runParallel: worker thread \d stopped \(exit code 3\)/);
      expect(liveWorkerThreads()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'a module that builds another model in a worker rejects with MODULE_LOAD_FAILED',
    async () => {
      const error = await rejection(
        runParallel(
          { module: FIXTURES, exportName: 'unstable' },
          { samples: 10_000, workers: 1, mainThread: false },
        ),
      );
      expect(error).toBeInstanceOf(SalvoError);
      expect(error.code).toBe('MODULE_LOAD_FAILED');
      expect(error.message).toMatch(/differs from the main thread's/);
      expect(liveWorkerThreads()).toBe(0);
    },
    TIMEOUT,
  );

  it('a missing module, a syntax error or a failing factory rejects with MODULE_LOAD_FAILED before any thread starts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'salvo-'));
    const broken = join(dir, 'broken.mjs');
    await writeFile(broken, 'export const m = ;\n');
    const cases: [string, { module: string | URL; exportName?: string }, typeof Error][] = [
      ['missing', { module: join(dir, 'missing.mjs') }, Error],
      // Node's SyntaxError; under vitest the import goes through Vite, whose parse error is an Error.
      ['syntax error', { module: broken }, Error],
      ['factory', { module: FIXTURES, exportName: 'throwsWhileBuilding' }, TypeError],
    ];
    for (const [label, source, cause] of cases) {
      const error = await rejection(runParallel(source, { samples: 10 }));
      expect(error, label).toBeInstanceOf(SalvoError);
      expect(error.code, label).toBe('MODULE_LOAD_FAILED');
      expect(error.parameter, label).toBe('source.module');
      expect(error.message, label).toContain('runParallel');
      expect(error.cause, label).toBeInstanceOf(cause);
    }
    expect(liveWorkerThreads()).toBe(0);
  });
});

describe('runParallel with a WorkerPool', () => {
  /** Runs `body` with a new pool, closes it whatever happens, and checks that no thread is left. */
  async function withPool(
    workers: number,
    body: (pool: WorkerPool) => Promise<void>,
  ): Promise<WorkerPool> {
    const pool = createWorkerPool({ workers });
    try {
      await body(pool);
    } finally {
      await pool.close();
    }
    expect(liveWorkerThreads()).toBe(0);
    return pool;
  }

  /** 100,000 samples of everyFamily on the pool's threads alone: a dead one would never answer. */
  function onPoolThreadsOnly(pool: WorkerPool) {
    return runParallel(everyFamily, { samples: 100_000, pool, keep: 'none', mainThread: false });
  }

  it(
    'reuses its threads across runs and models, and gives the single-thread results',
    async () => {
      const pool = await withPool(2, async (pool) => {
        expect(liveWorkerThreads()).toBe(0); // threads start with the first run
        const samples = 200_001;
        const runOptions = { samples, keep: ['total'] as 'total'[] };
        const options = { ...runOptions, mainThread: false }; // mainThread is runParallel's alone
        const first = await runParallel(everyFamily, { ...options, pool });
        expect(liveWorkerThreads()).toBe(2);
        const { shipments } = await import('../fixtures/parallel-models.js');
        // Another model, from a module, on the same threads; then the first again.
        const other = await runParallel(
          { module: FIXTURES, exportName: 'shipments' },
          { samples: 100_000, pool, keep: ['shells'] },
        );
        const again = await runParallel(everyFamily, { ...options, pool, workers: 1 });
        expect(liveWorkerThreads()).toBe(2);
        const single = everyFamily.run(runOptions);
        for (const run of [first, again]) {
          expect(run.samples('total')).toEqual(single.samples('total'));
          expect(run.toJSON()).toEqual(single.toJSON());
        }
        expect(other.toJSON()).toEqual(
          shipments.run({ samples: 100_000, keep: ['shells'] }).toJSON(),
        );
        // Runs on one pool take turns.
        const [a, b] = await Promise.all([
          runParallel(everyFamily, { ...options, pool }),
          runParallel(everyFamily, { ...options, pool, quantiles: [0.99] }),
        ]);
        expect(a.toJSON()).toEqual(single.toJSON());
        expect(b.summary('total').quantiles.p99).toBe(
          everyFamily.run({ ...runOptions, quantiles: [0.99] }).summary('total').quantiles.p99,
        );
      });
      await expect(runParallel(everyFamily, { samples: 10, pool })).rejects.toMatchObject({
        code: 'INVALID_PARAMETER',
        parameter: 'pool',
      });
    },
    TIMEOUT,
  );

  it(
    "a failed run stops the pool's threads it used; the next run starts new ones",
    async () => {
      await withPool(2, async (pool) => {
        await expect(
          runParallel(
            { module: FIXTURES, exportName: 'failing' },
            { samples: 3_000_000, pool, keep: 'none', mainThread: false },
          ),
        ).rejects.toThrow(/suspiciously close to 1/);
        expect(liveWorkerThreads()).toBe(0);
        const run = await onPoolThreadsOnly(pool);
        expect(run.summary('total').mean).toBe(
          everyFamily.run({ samples: 100_000, keep: 'none' }).summary('total').mean,
        );
      });
    },
    TIMEOUT,
  );

  it(
    'a run waiting for its turn on a pool rejects at once when aborted; the others keep their order',
    async () => {
      await withPool(1, async (pool) => {
        const long = runParallel(everyFamily, {
          samples: 4_000_000,
          pool,
          keep: 'none',
          mainThread: false,
        });
        const controller = new AbortController();
        const reason = new Error('not this one');
        const waiting = runParallel(everyFamily, {
          samples: 1_000,
          pool,
          signal: controller.signal,
        });
        const after = runParallel(everyFamily, { samples: 100_000, pool, keep: 'none' });
        let longDone = false;
        void long.then(() => {
          longDone = true;
        });
        controller.abort(reason);
        await expect(waiting).rejects.toBe(reason);
        expect(longDone).toBe(false); // rejected while the first run still had the pool
        expect((await long).summary('total').n).toBe(4_000_000);
        expect((await after).summary('total').n).toBe(100_000);
      });
    },
    TIMEOUT,
  );

  it(
    'a pooled thread that exits while idle is replaced, not handed to the next run',
    async () => {
      await withPool(2, async (pool) => {
        const source = { module: FIXTURES, exportName: 'exitsWhileIdle' };
        const options = { samples: 300_000, pool, mainThread: false };
        await runParallel(source, options);
        expect(liveWorkerThreads()).toBe(2);
        // The fixture's threads exit 1 s after loading it; the run ends long before (a 300 ms timer
        // failed under load, when the run outlasted it), and 3 s leaves room for the exits.
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        expect(liveWorkerThreads()).toBe(0);
        const run = await onPoolThreadsOnly(pool);
        expect(run.summary('total').n).toBe(100_000);
      });
    },
    TIMEOUT,
  );

  it(
    'idle pooled threads do not keep the process alive, and threads start under --input-type=module',
    () => {
      // 2e6 samples of two nodes are enough work (samples × nodes) for the run to start threads; less
      // stays on the calling thread. The threads' CommonJS bootstrap failed with "require is not
      // defined" when the parent's --input-type=module reached them.
      const script = `
      import { model, normal } from './src/index.ts';
      import { createWorkerPool, runParallel } from './src/node/index.ts';
      const pool = createWorkerPool({ workers: 2 });
      const run = await runParallel(model({ seed: 1 }).input('x', normal(0, 1)).derive('y', 'x * 2'), { samples: 2_000_000, pool, workers: 2 });
      console.log(run.summary('x').n);
    `;
      const result = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        {
          cwd: fileURLToPath(new URL('../..', import.meta.url)),
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(result.stderr).toBe('');
      expect(result.stdout.trim()).toBe('2000000');
      expect(result.status).toBe(0);
    },
    TIMEOUT,
  );

  it('refuses a bad pool or more workers than it has', async () => {
    const pool = createWorkerPool({ workers: 1 });
    const simple = model({ seed: 1 }).input('x', normal(0, 1));
    await expect(runParallel(simple, { samples: 10, pool, workers: 2 })).rejects.toMatchObject({
      code: 'INVALID_PARAMETER',
      parameter: 'workers',
    });
    await expect(
      runParallel(simple, { samples: 10, pool: { size: 2 } as never }),
    ).rejects.toMatchObject({ parameter: 'pool' });
    for (const workers of [0, 2.5, 'two']) {
      expect(() => createWorkerPool({ workers: workers as number })).toThrow(
        expect.objectContaining({ code: 'INVALID_PARAMETER', parameter: 'workers' }),
      );
    }
    expect(pool.size).toBe(1);
    await pool.close();
    expect(liveWorkerThreads()).toBe(0);
  });
});

describe('runParallel: types', () => {
  it("keeps the model's node names; a module source takes them as a type argument", () => {
    const m = model({ seed: 1 }).input('a', normal(0, 1)).derive('b', 'a + 1');
    const fromModel = () => runParallel(m, { samples: 10, keep: ['b'] });
    expectTypeOf(fromModel).returns.toEqualTypeOf<Promise<ModelRun<'a' | 'b'>>>();
    // @ts-expect-error: 'c' is not a node of the model
    const badKeep = () => runParallel(m, { samples: 10, keep: ['c'] });
    const fromModule = () => runParallel<'shells'>({ module: FIXTURES }, { samples: 10 });
    expectTypeOf(fromModule).returns.toEqualTypeOf<Promise<ModelRun<'shells'>>>();
    expect([typeof fromModel, typeof badKeep, typeof fromModule]).toEqual([
      'function',
      'function',
      'function',
    ]);
  });
});
