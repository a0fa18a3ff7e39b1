/**
 * Issue 16: an options object with a name the call does not know is refused with `UNKNOWN_OPTION`,
 * naming the key and the closest known name. One row per public call that takes an options object.
 */
import { describe, expect, it } from 'vitest';
import { model as coreModel } from '../src/core.js';
import {
  ci,
  constant,
  createRng,
  deriveRng,
  fanChart,
  formatNumber,
  formatPercent,
  formatUsd,
  fromSipmath,
  hdrUniform,
  histogram,
  histogramChart,
  lognormal,
  metalog,
  model,
  nearestCorrelationMatrix,
  normal,
  pert,
  QuantileSketch,
  SalvoError,
  samples,
  sd,
  studentT,
  summarize,
  terminalHistogram,
  textTable,
  toCsv,
  tornadoChart,
  toSipmath,
  truncated,
  variance,
} from '../src/index.js';
import {
  createWorkerPool,
  readSipmathFile,
  runParallel,
  writeCsvFile,
  writeSipmathFile,
} from '../src/node/index.js';
import { deliveryTimeline, shipmentEstimate, timelineBands } from '../src/shipments/index.js';

const values = new Float64Array([1, 2, 3, 4, 5, 6, 7, 8]);
const small = model({ seed: 1 })
  .input('a', normal(0, 1))
  .input('b', normal(0, 1))
  .derive('y', 'a + b');
const run = small.run({ samples: 4_096 });
const timeline = deliveryTimeline({
  start: '2024-01',
  months: 2,
  rate: { phases: [{ months: 2, containersPerMonth: constant(1_000) }] },
});
const bands = timelineBands(timeline.model.run({ samples: 100 }), timeline);
const library = toSipmath({ x: values }, { form: 'samples' });

/** [call, the misspelt key, the name the message should suggest (undefined: none close)] */
const rows: [string, () => unknown, string, string | undefined][] = [
  ['model.run', () => small.run({ samples: 10, kepp: 'all' } as never), 'kepp', 'keep'],
  [
    'model.run until',
    () => small.run({ until: { relativeError: 0.1, maxSample: 70_000 } } as never),
    'maxSample',
    'maxSamples',
  ],
  ['model', () => model({ seed: 1, sed: 2 } as never), 'sed', 'seed'],
  ['coreModel', () => coreModel({ seed: 1, Seed: 2 } as never), 'Seed', 'seed'],
  ['run.histogram', () => run.histogram('y', { bin: 5 } as never), 'bin', 'bins'],
  ['run.sensitivity', () => run.sensitivity('y', { sortby: 'swing' } as never), 'sortby', 'sortBy'],
  ['run.convergence', () => run.convergence('y', { point: 5 } as never), 'point', 'points'],
  ['createRng', () => createRng(1, { algorithim: 'sfc32' } as never), 'algorithim', 'algorithm'],
  ['deriveRng', () => deriveRng(1, 'k', 0, { seed: 2 } as never), 'seed', undefined],
  ['normal.ci', () => normal.ci(1, 2, { levle: 0.9 } as never), 'levle', 'level'],
  ['lognormal.ci', () => lognormal.ci(1, 2, { lvl: 0.9 } as never), 'lvl', 'level'],
  ['ci', () => ci(1, 2, { Level: 0.9 } as never), 'Level', 'level'],
  ['pert', () => pert(0, 1, 2, { lamda: 4 } as never), 'lamda', 'lambda'],
  ['studentT', () => studentT(3, { loc: 1 } as never), 'loc', 'location'],
  ['metalog', () => metalog([1, 0.5, 0.1], { uper: 9 } as never), 'uper', 'upper'],
  [
    'metalog.fromQuantiles',
    () =>
      metalog.fromQuantiles(
        [
          [0.1, 1],
          [0.5, 2],
          [0.9, 3],
        ],
        { term: 3 } as never,
      ),
    'term',
    'terms',
  ],
  ['metalog.fit', () => metalog.fit(values, { terms: 3, lowr: 0 } as never), 'lowr', 'lower'],
  ['truncated', () => truncated(normal(0, 1), { min: 0, mx: 1 } as never), 'mx', 'max'],
  [
    'QuantileSketch',
    () => new QuantileSketch({ accuracy: 0.01 } as never),
    'accuracy',
    'relativeAccuracy',
  ],
  ['variance', () => variance(values, { dof: 1 } as never), 'dof', 'ddof'],
  ['sd', () => sd(values, { ddf: 1 } as never), 'ddf', 'ddof'],
  ['Samples.variance', () => samples(values).variance({ dof: 1 } as never), 'dof', 'ddof'],
  ['Samples.histogram', () => samples(values).histogram({ bin: 2 } as never), 'bin', 'bins'],
  ['histogram', () => histogram(values, { edge: [0, 9] } as never), 'edge', 'edges'],
  [
    'summarize',
    () => summarize(values, { probability: [0.5] } as never),
    'probability',
    'probabilities',
  ],
  [
    'nearestCorrelationMatrix',
    () =>
      nearestCorrelationMatrix(
        [
          [1, 0],
          [0, 1],
        ],
        { minEigen: 0 } as never,
      ),
    'minEigen',
    'minEigenvalue',
  ],
  ['toCsv', () => toCsv({ x: values }, { maxrows: 2 } as never), 'maxrows', 'maxRows'],
  ['toSipmath', () => toSipmath({ x: values }, { from: 'samples' } as never), 'from', 'form'],
  ['fromSipmath', () => fromSipmath(library, { trails: 8 } as never), 'trails', 'trials'],
  ['hdrUniform', () => hdrUniform(1, { entity: 1, varid: 1 } as never), 'varid', 'varId'],
  ['formatNumber', () => formatNumber(1, { digit: 2 } as never), 'digit', 'digits'],
  ['formatUsd', () => formatUsd(1, { digit: 2 } as never), 'digit', 'digits'],
  ['formatPercent', () => formatPercent(0.1, { digit: 2 } as never), 'digit', 'digits'],
  ['textTable', () => textTable([['a']], { headers: ['x'] } as never), 'headers', 'header'],
  [
    'terminalHistogram',
    () => terminalHistogram(histogram(values), { widht: 20 } as never),
    'widht',
    'width',
  ],
  [
    'histogramChart',
    () => histogramChart(histogram(values), { titel: 'x' } as never),
    'titel',
    'title',
  ],
  ['fanChart', () => fanChart(bands, { ytitle: 'x' } as never), 'ytitle', 'yTitle'],
  [
    'tornadoChart',
    () => tornadoChart(run.sensitivity('y'), { monney: true } as never),
    'monney',
    'money',
  ],
  ['shipmentEstimate', () => shipmentEstimate({ seeds: 1 } as never), 'seeds', 'seed'],
  [
    'shipmentEstimate inputs',
    () => shipmentEstimate({ inputs: { container: constant(1) } } as never),
    'container',
    'containers',
  ],
  [
    'deliveryTimeline',
    () =>
      deliveryTimeline({
        start: '2024-01',
        months: 1,
        rate: { phases: [{ months: 1, containersPerMonth: constant(1) }] },
        month: 2,
      } as never),
    'month',
    'months',
  ],
  [
    'deliveryTimeline phases',
    () =>
      deliveryTimeline({
        start: '2024-01',
        months: 1,
        rate: {
          phases: [{ months: 1, containersPerMonth: constant(1), containerPerMonth: constant(1) }],
        },
      } as never),
    'containerPerMonth',
    'containersPerMonth',
  ],
  [
    'deliveryTimeline rate',
    () =>
      deliveryTimeline({
        start: '2024-01',
        months: 1,
        rate: { phases: [{ months: 1, containersPerMonth: constant(1) }], trends: {} },
      } as never),
    'trends',
    'trend',
  ],
  ['createWorkerPool', () => createWorkerPool({ worker: 1 } as never), 'worker', 'workers'],
];

/** Calls that return promises. */
const asyncRows: [string, () => Promise<unknown>, string, string | undefined][] = [
  [
    'runParallel',
    () => runParallel(small, { samples: 10, worker: 1 } as never),
    'worker',
    'workers',
  ],
  [
    'runParallel run option',
    () => runParallel(small, { samples: 10, kepp: 'all' } as never),
    'kepp',
    'keep',
  ],
  [
    'writeCsvFile',
    () => writeCsvFile('/nonexistent/x.csv', { x: values }, { nmes: ['x'] } as never),
    'nmes',
    'names',
  ],
  [
    'writeSipmathFile',
    () => writeSipmathFile('/nonexistent/x.json', { x: values }, { from: 'samples' } as never),
    'from',
    'form',
  ],
  [
    'readSipmathFile',
    () => readSipmathFile('/nonexistent/x.json', { trails: 8 } as never),
    'trails',
    'trials',
  ],
];

function expectUnknown(error: unknown, key: string, suggestion: string | undefined): void {
  expect(error).toBeInstanceOf(SalvoError);
  const e = error as SalvoError;
  expect(e.code, e.message).toBe('UNKNOWN_OPTION');
  expect(e.parameter?.endsWith(`.${key}`)).toBe(true);
  expect(e.message).toContain(`${e.parameter} is not a known option`);
  if (suggestion !== undefined)
    expect(e.message).toContain(`did you mean ${JSON.stringify(suggestion)}?`);
  else expect(e.message).toContain('the known names are');
}

describe('a misspelt option is refused with UNKNOWN_OPTION', () => {
  it.each(rows)('%s', (_, call, key, suggestion) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expectUnknown(error, key, suggestion);
  });
  it.each(asyncRows)('%s', async (_, call, key, suggestion) => {
    let error: unknown;
    try {
      await call();
    } catch (e) {
      error = e;
    }
    expectUnknown(error, key, suggestion);
  });
});

describe('valid options still work', () => {
  it('runs, fits, formats and charts with every option spelt right', () => {
    expect(small.run({ samples: 10, keep: 'all' }).sampleCount).toBe(10);
    expect(run.histogram('y', { bins: 5 }).counts.length).toBe(5);
    expect(pert(0, 1, 2, { lambda: 4 }).min).toBe(0);
    expect(truncated(normal(0, 1), { min: 0, max: 1 }).max).toBe(1);
    expect(variance(values, { ddof: 0 })).toBe(5.25);
    expect(formatNumber(1234, { digits: 2 })).toBe('1.2K');
    expect(textTable([['a']], { header: ['x'] }).split('\n')[0]).toBe('x');
    expect(
      shipmentEstimate({ seed: 1, inputs: { containers: constant(1) } }).nodes.length,
    ).toBeGreaterThan(0);
    expect(createRng(1, { algorithm: 'sfc32' }).nextUint32()).toBeTypeOf('number');
  });
  it('ignores keys whose value is inherited, and symbol keys', () => {
    const options = Object.assign(Object.create({ kepp: 'all' }), { samples: 10 });
    expect(small.run(options).sampleCount).toBe(10);
    expect(small.run({ samples: 10, [Symbol('x')]: 1 } as never).sampleCount).toBe(10);
  });
});

describe('options that are missing or not what they claim', () => {
  it("model.run refuses runParallel's own options, saying whose they are", () => {
    expect(() => small.run({ samples: 10, workers: 2 } as never)).toThrow(
      'model.run: options.workers is an option of runParallel (salvo/node)',
    );
  });
  it('runParallel(model) without options is a coded error naming options', async () => {
    const error = await runParallel(small, undefined as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalvoError);
    expect((error as SalvoError).code).toBe('INVALID_PARAMETER');
    expect((error as SalvoError).parameter).toBe('options');
  });
  it('a signal that is not an AbortSignal is refused before the run', () => {
    for (const signal of [
      { aborted: true },
      { aborted: false },
      { aborted: false, throwIfAborted() {} },
    ]) {
      let error: unknown;
      try {
        small.run({ samples: 10, signal: signal as never });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SalvoError);
      expect((error as SalvoError).code).toBe('INVALID_PARAMETER');
      expect((error as SalvoError).parameter).toBe('signal');
    }
  });
  it('a real AbortSignal still stops a run with its reason', () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    expect(() => small.run({ samples: 10, signal: controller.signal })).toThrow('stop');
    expect(small.run({ samples: 10, signal: new AbortController().signal }).sampleCount).toBe(10);
  });
});
