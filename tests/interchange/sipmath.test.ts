import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  constant,
  empirical,
  lognormal,
  metalog,
  model,
  normal,
  quantile,
  spearman,
  uniform,
} from '../../src/index.js';
import {
  fromSipmath,
  hdrUniform,
  type SipmathLibrary,
  toSipmath,
} from '../../src/interchange/sipmath/index.js';
import { expectSalvoError } from '../helpers/errors.js';

// ChanceCalc's example "Development Time Library" (probability-management/chancecalc,
// examples/Development_Time_Library.SIPmath, MIT licence, ProbabilityManagement.org), with its values
// as published and its whitespace reformatted. Its SIPs' metadata give the first three trials as
// computed by the publisher's Excel tools.
const DEVELOPMENT_TIME = JSON.parse(
  readFileSync(
    new URL('../fixtures/sipmath-development-time-library.json', import.meta.url),
    'utf8',
  ),
) as {
  sips: { name: string; metadata: { Trial1: number; Trial2: number; Trial3: number } }[];
};

/** A deep copy, as a library goes through a file. */
/** A parsed library, loosely typed, for tests that edit one. */
interface EditableLibrary {
  U01: { rng: object[] };
  sips: { name?: string; metadata?: Record<string, unknown>; [key: string]: unknown }[];
}

const viaJson = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('fromSipmath: a published library', () => {
  it("reproduces the Development Time Library's published trials, copula and all", () => {
    const trials = fromSipmath(DEVELOPMENT_TIME, { trials: 3 });
    expect(Object.keys(trials)).toEqual([
      'Accounts',
      'Products',
      'Orders',
      'Fulfillment',
      'Marketing',
    ]);
    for (const sip of DEVELOPMENT_TIME.sips) {
      const published = [sip.metadata.Trial1, sip.metadata.Trial2, sip.metadata.Trial3];
      published.forEach((value, t) => {
        // Excel shows 15 significant digits: the published value is within 5e-15 (relative) of the
        // tools' double, and the order of floating-point operations may differ in the last bits.
        expect(
          Math.abs(trials[sip.name][t] - value),
          `${sip.name} trial ${t + 1}: ${trials[sip.name][t]} vs ${value}`,
        ).toBeLessThanOrEqual(1e-14 * Math.abs(value));
      });
    }
  });

  it('evaluates the same from the JSON text, from a later first trial, and for a subset of SIPs', () => {
    const text = readFileSync(
      new URL('../fixtures/sipmath-development-time-library.json', import.meta.url),
      'utf8',
    );
    const all = fromSipmath(text, { trials: 3 });
    const later = fromSipmath(DEVELOPMENT_TIME, {
      trials: 2,
      firstTrial: 2,
      names: ['Fulfillment'],
    });
    expect(Object.keys(later)).toEqual(['Fulfillment']);
    expect(Array.from(later.Fulfillment)).toEqual(Array.from(all.Fulfillment.subarray(1)));
  });

  it('asks for the trial count when the library does not give one, saying how', () => {
    // A real library (metalog SIPs, no metadata.count): a metalog gives any number of trials.
    expectSalvoError(() => fromSipmath(DEVELOPMENT_TIME), {
      code: 'INVALID_SAMPLE_COUNT',
      parameter: 'trials',
      messageIncludes: ['no SIP has a sample array or metadata.count', '{ trials: 1000 }'],
    });
  });

  it("takes the count from the library's other SIPs and its copulas' arrays when the SIPs asked for lack one", () => {
    // Issue 16: the real library with a SIP of samples added (as the Excel tools write one: an
    // Index generator and the array, no metadata.count).
    const withHistory = structuredClone(DEVELOPMENT_TIME) as unknown as EditableLibrary;
    withHistory.U01.rng.push({
      name: 'index',
      function: 'Index',
      arguments: { counter: 'PM_Index' },
    });
    withHistory.sips.push({
      name: 'History',
      ref: { source: 'rng', name: 'index' },
      function: 'SIP_Array',
      arguments: { type: 'array', value: [12, 15, 9, 11] },
    });
    const all = fromSipmath(withHistory);
    expect(all.Accounts.length).toBe(4);
    expect(Array.from(all.History)).toEqual([12, 15, 9, 11]);
    const accounts = fromSipmath(withHistory, { names: ['Accounts'] });
    expect(Array.from(accounts.Accounts)).toEqual(Array.from(all.Accounts));
    expect(fromSipmath(withHistory, { names: ['Orders'], firstTrial: 2 }).Orders.length).toBe(3);

    // A count given as text, as some tools write it.
    const counted = structuredClone(DEVELOPMENT_TIME) as unknown as EditableLibrary;
    counted.sips[4].metadata!.count = '1000';
    expect(fromSipmath(counted, { names: ['Accounts'] }).Accounts.length).toBe(1000);
    counted.sips[3].metadata!.count = 999;
    expectSalvoError(() => fromSipmath(counted, { names: ['Accounts'] }), {
      code: 'LENGTH_MISMATCH',
      parameter: 'sips[4].metadata.count',
      messageNamesParameter: false,
    });
  });

  it('gives trials that feed empirical as model inputs', () => {
    const trials = fromSipmath(DEVELOPMENT_TIME, { trials: 1_000 });
    const run = model({ seed: 1 })
      .input('accounts', empirical(trials.Accounts))
      .input('products', empirical(trials.Products))
      .derive('total', 'accounts + products')
      .run({ samples: 10_000 });
    expect(run.summary('total').n).toBe(10_000);
  });
});

describe('toSipmath: the JSON the standard describes', () => {
  const run = model({ seed: 42 })
    .input('demandUnits', normal(1_000, 100))
    .input('priceUsd', lognormal(3, 0.25))
    .correlate('demandUnits', 'priceUsd', -0.4)
    .derive('revenueUsd', 'demandUnits * priceUsd')
    .run({ samples: 20_000 });
  const library = toSipmath(run, {
    libraryName: 'Sales',
    provenance: 'tests',
    dateCreated: '2025-06-01',
    bounds: { priceUsd: { lower: 0 } },
  });

  it('has the library fields, generators, copula and SIPs of ChanceCalc and PySIPmath libraries', () => {
    expect(library).toMatchObject({
      name: 'Sales',
      objectType: 'sipModel',
      libraryType: 'SIPmath_3_0',
      dateCreated: '2025-06-01',
      provenance: 'tests',
      version: '1',
    });
    expect(library.U01.rng).toEqual(
      ['hdr1', 'hdr2', 'hdr3'].map((name, i) => ({
        name,
        function: 'HDR_2_0',
        arguments: { counter: 'PM_Index', entity: 1, varId: i + 1, seed3: 42, seed4: 0 },
      })),
    );
    expect(library.U01.copula).toEqual([
      {
        name: 'Gaussian',
        function: 'GaussianCopula',
        arguments: {
          correlationMatrix: { type: 'globalVariables', value: 'correlationMatrix' },
          rng: ['hdr1', 'hdr2', 'hdr3'],
        },
        copulaLayer: ['c1', 'c2', 'c3'],
      },
    ]);
    const names = ['demandUnits', 'priceUsd', 'revenueUsd'];
    const matrix = library.globalVariables![0].value;
    expect(library.globalVariables![0].name).toBe('correlationMatrix');
    expect(matrix.columns).toEqual(names);
    expect(matrix.rows).toEqual(names);
    expect(matrix.matrix.map((e) => [e.row, e.col])).toEqual([
      ['demandUnits', 'demandUnits'],
      ['demandUnits', 'priceUsd'],
      ['demandUnits', 'revenueUsd'],
      ['priceUsd', 'priceUsd'],
      ['priceUsd', 'revenueUsd'],
      ['revenueUsd', 'revenueUsd'],
    ]);
    library.sips.forEach((sip, i) => {
      expect(sip.name).toBe(names[i]);
      expect(sip.ref).toEqual({ source: 'copula', name: 'Gaussian', copulaLayer: `c${i + 1}` });
      expect(sip.function).toBe('Metalog_1_0');
      const args = sip.arguments as { aCoefficients: number[]; lowerBound?: number };
      expect(args.aCoefficients.length).toBeGreaterThanOrEqual(2);
      expect(args.aCoefficients.length).toBeLessThanOrEqual(10);
      expect(args.aCoefficients.every(Number.isFinite)).toBe(true);
      expect(sip.metadata.count).toBe(20_000);
      expect(sip.metadata.density).toHaveLength(25);
    });
    expect(Object.keys(library.sips[1].arguments)).toEqual(['lowerBound', 'aCoefficients']);
  });

  it("writes no key that the publisher's own library does not have (metadata aside)", () => {
    const paths = (x: unknown, prefix = ''): Set<string> => {
      const out = new Set<string>();
      if (Array.isArray(x)) {
        for (const item of x) for (const p of paths(item, `${prefix}[]`)) out.add(p);
      } else if (typeof x === 'object' && x !== null) {
        for (const [key, value] of Object.entries(x)) {
          const path = `${prefix}.${key}`;
          out.add(path);
          if (key !== 'metadata') for (const p of paths(value, path)) out.add(p);
        }
      }
      return out;
    };
    const theirs = paths(DEVELOPMENT_TIME);
    // lowerBound is in the standard (PySIPmath writes it) but not in this particular library.
    theirs.add('.sips[].arguments.lowerBound');
    for (const path of paths(library)) expect(theirs.has(path), path).toBe(true);
  });

  it('is plain JSON, deterministic, and its metalogs are valid distributions', () => {
    expect(viaJson(library)).toEqual(library);
    const again = toSipmath(run, {
      libraryName: 'Sales',
      provenance: 'tests',
      dateCreated: '2025-06-01',
      bounds: { priceUsd: { lower: 0 } },
    });
    expect(again).toEqual(library);
    for (const sip of library.sips) {
      const args = sip.arguments as { aCoefficients: number[]; lowerBound?: number };
      expect(() => metalog(args.aCoefficients, { lower: args.lowerBound })).not.toThrow();
    }
  });

  it("derives seed3 from the run's seed, and takes HDR seeds, names and defaults from the options", () => {
    const small = model({ seed: 'text seed' }).input('x', normal(0, 1)).run({ samples: 100 });
    const seed3 = (toSipmath(small).U01.rng[0].arguments as { seed3: number }).seed3;
    expect(Number.isInteger(seed3) && seed3 >= 0 && seed3 < 1e8).toBe(true);
    const other = model({ seed: 'other seed' }).input('x', normal(0, 1)).run({ samples: 100 });
    expect((toSipmath(other).U01.rng[0].arguments as { seed3: number }).seed3).not.toBe(seed3);
    const custom = toSipmath(run, {
      names: ['priceUsd', 'demandUnits'],
      entity: 9039920,
      firstVarId: 10,
      seed3: 7,
      seed4: 8,
    });
    expect(custom.sips.map((s) => s.name)).toEqual(['priceUsd', 'demandUnits']);
    expect(custom.U01.rng.map((g) => g.arguments)).toEqual([
      { counter: 'PM_Index', entity: 9039920, varId: 10, seed3: 7, seed4: 8 },
      { counter: 'PM_Index', entity: 9039920, varId: 11, seed3: 7, seed4: 8 },
    ]);
    expect(custom.name).toBe('salvo run (seed 42)');
    expect(custom.provenance).toBe('salvo: 20000 samples, seed 42');
    expect(custom.dateCreated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('gives one SIP (or copula: false) independent streams, each the metalog of its HDR uniforms', () => {
    const single = toSipmath(run, { names: ['demandUnits'], terms: 4 });
    expect(single.U01.copula).toBeUndefined();
    expect(single.globalVariables).toBeUndefined();
    expect(single.sips[0].ref).toEqual({ source: 'rng', name: 'hdr1' });
    const { aCoefficients } = single.sips[0].arguments as { aCoefficients: number[] };
    expect(aCoefficients).toHaveLength(4);
    const trials = fromSipmath(viaJson(single), { trials: 50 });
    const fitted = metalog(aCoefficients);
    for (let t = 0; t < 50; t++) {
      const u = hdrUniform(t + 1, { entity: 1, varId: 1, seed3: 42 });
      expect(trials.demandUnits[t]).toBeCloseTo(fitted.quantile(u), 9);
    }
    const independent = toSipmath(run, { copula: false });
    expect(independent.U01.copula).toBeUndefined();
    expect(independent.sips.map((s) => s.ref)).toEqual([
      { source: 'rng', name: 'hdr1' },
      { source: 'rng', name: 'hdr2' },
      { source: 'rng', name: 'hdr3' },
    ]);
  });
});

describe('toSipmath → fromSipmath', () => {
  // Nodes whose dependence is exactly a Gaussian copula (x1, x2 and y jointly normal; w a monotone
  // function of y), so that the only differences left are the metalog fit and sampling error.
  const n = 100_000;
  const run = model({ seed: 2024 })
    .input('x1', normal(0, 1))
    .input('x2', normal(5, 2))
    .derive('y', 'x1 + 0.5 * x2')
    .derive('w', 'exp(y / 2)')
    .run({ samples: n });
  const names = ['x1', 'x2', 'y', 'w'] as const;
  const library = toSipmath(run, { bounds: { w: { lower: 0 } }, dateCreated: '2025-01-01' });
  const trials = fromSipmath(viaJson(library));

  it('gives as many trials as the run had samples (metadata.count)', () => {
    for (const name of names) expect(trials[name]).toHaveLength(n);
  });

  it("reproduces each node's quantiles within the metalog's fit error plus 4 standard errors", () => {
    // |imported q(p) − run's q(p)| <= |M(p) − run's q(p)| (the fit error at p, exactly known)
    //   + 4 · sqrt(p (1 − p) / n) / f(M(p))  (4 standard errors of the sample quantile of n trials
    //   drawn from the metalog M, f its density).
    const ps = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];
    library.sips.forEach((sip) => {
      const args = sip.arguments as { aCoefficients: number[]; lowerBound?: number };
      const fitted = metalog(args.aCoefficients, { lower: args.lowerBound });
      for (const p of ps) {
        const original = quantile(run.samples(sip.name as 'x1'), p);
        const imported = quantile(trials[sip.name], p);
        const m = fitted.quantile(p);
        const tolerance =
          Math.abs(m - original) + (4 * Math.sqrt((p * (1 - p)) / n)) / fitted.pdf(m);
        expect(
          Math.abs(imported - original),
          `${sip.name} at p = ${p}: ${imported} vs ${original} (fit ${m})`,
        ).toBeLessThanOrEqual(tolerance);
      }
    });
  });

  it('reproduces every rank correlation within 4 standard errors', () => {
    // Two independent estimates of the same copula's Spearman correlation, each with a standard
    // error of at most 1 / sqrt(n − 1) (its value at independence; for a Gaussian copula it shrinks
    // as |rho| grows): their difference has a standard error of at most sqrt(2 / (n − 1)).
    const tolerance = 4 * Math.sqrt(2 / (n - 1));
    for (let a = 0; a < names.length; a++) {
      for (let b = a + 1; b < names.length; b++) {
        const original = spearman(run.samples(names[a]), run.samples(names[b]));
        const imported = spearman(trials[names[a]], trials[names[b]]);
        expect(
          Math.abs(imported - original),
          `${names[a]}, ${names[b]}: ${imported} vs ${original}`,
        ).toBeLessThanOrEqual(tolerance);
      }
    }
    // y and w have a rank correlation of exactly 1: the copula's matrix is singular, and still used.
    expect(spearman(run.samples('y'), run.samples('w'))).toBe(1);
    expect(spearman(trials.y, trials.w)).toBeGreaterThan(0.999_999);
  });

  it("with form: 'samples', carries the samples themselves (SIP_Array), bit for bit", () => {
    const small = model({ seed: 5 })
      .input('a', uniform(0, 1))
      .derive('b', 'a * a - 1 / 3')
      .run({ samples: 1_000 });
    const arrays = toSipmath(small, { form: 'samples', dateCreated: '2025-01-01' });
    expect(arrays.U01).toEqual({
      rng: [{ name: 'index', function: 'Index', arguments: { counter: 'PM_Index' } }],
    });
    expect(arrays.sips[0]).toMatchObject({
      name: 'a',
      ref: { source: 'rng', name: 'index' },
      function: 'SIP_Array',
      arguments: { type: 'array' },
    });
    const back = fromSipmath(JSON.parse(JSON.stringify(arrays)));
    expect(back.a).toEqual(small.samples('a'));
    expect(back.b).toEqual(small.samples('b'));
    expect(fromSipmath(viaJson(arrays), { firstTrial: 999 }).b).toEqual(
      small.samples('b').subarray(998),
    );
  });

  it('writes a constant node as the metalog [c, 0], which evaluates to c', () => {
    const withConstant = model({ seed: 1 })
      .input('fee', constant(12.5))
      .input('x', normal(0, 1))
      .run({ samples: 500 });
    const lib = toSipmath(withConstant);
    expect(lib.sips[0].arguments).toEqual({ aCoefficients: [12.5, 0] });
    expect(lib.globalVariables![0].value.matrix[1]).toEqual({ row: 'fee', col: 'x', value: 0 });
    expect(new Set(fromSipmath(viaJson(lib)).fee)).toEqual(new Set([12.5]));
  });
});

describe('toSipmath: checks', () => {
  const run = model({ seed: 3 })
    .input('x', normal(0, 1))
    .input('u', uniform(0, 1))
    .derive('inf', 'x / 0')
    .derive('y', 'x * 2')
    .run({ samples: 1_000, keep: ['x', 'u', 'inf'] });

  it('refuses non-finite samples, samples outside bounds, and unfit terms, naming the node', () => {
    expectSalvoError(() => toSipmath(run, { names: ['x', 'inf'] }), {
      parameter: 'names',
      messageIncludes: ['"inf"', 'non-finite'],
    });
    expectSalvoError(() => toSipmath(run, { names: ['x'], bounds: { x: { lower: 0 } } }), {
      parameter: 'bounds["x"]',
      messageIncludes: 'on or outside',
    });
    expectSalvoError(() => toSipmath(run, { names: ['x'], terms: 11 }), { parameter: 'terms' });
    expectSalvoError(() => toSipmath(run, { names: ['x'], bounds: { z: {} } }), {
      parameter: 'bounds["z"]',
    });
    expectSalvoError(
      () => toSipmath(run, { names: ['u'], bounds: { u: { lower: 1, upper: 0 } } }),
      {
        parameter: 'bounds["u"].lower',
      },
    );
    expectSalvoError(() => toSipmath(run, { names: ['x'], entity: -1 }), { parameter: 'entity' });
    expectSalvoError(() => toSipmath(run, { names: ['x'], firstVarId: 1e8 + 1 }), {
      parameter: 'firstVarId',
    });
    expectSalvoError(() => toSipmath(run, { names: ['x'], form: 'csv' as 'samples' }), {
      parameter: 'form',
    });
    expectSalvoError(() => toSipmath(run, { names: [] }), {
      code: 'EMPTY_DATA',
      parameter: 'names',
    });
    // A sample of a heavy-tailed, skewed quantity that a metalog of 10 terms cannot fit validly.
    const spiky = Float64Array.from({ length: 200 }, (_, i) =>
      i % 50 === 0 ? 1e6 * (i + 1) : i % 7,
    );
    expectSalvoError(() => toSipmath({ spiky }, { terms: 10 }), {
      parameter: 'terms',
      messageIncludes: '"spiky"',
      messageNamesParameter: false,
    });
  });

  it('throws NOT_KEPT naming a node that was not kept', () => {
    expectSalvoError(() => toSipmath(run, { names: ['y'] }), {
      code: 'NOT_KEPT',
      parameter: 'name',
      messageNamesParameter: false,
      messageIncludes: '"y"',
    });
  });
});

describe('fromSipmath: checks name the JSON path', () => {
  const base = (): {
    U01: Record<string, unknown[]>;
    globalVariables?: unknown[];
    sips: Record<string, unknown>[];
  } => ({
    U01: {
      rng: [
        {
          name: 'hdr1',
          function: 'HDR_2_0',
          arguments: { counter: 'PM_Index', entity: 1, varId: 1, seed3: 0, seed4: 0 },
        },
        {
          name: 'hdr2',
          function: 'HDR_2_0',
          arguments: { counter: 'PM_Index', entity: 1, varId: 2, seed3: 0, seed4: 0 },
        },
      ],
      copula: [
        {
          name: 'Gaussian',
          function: 'GaussianCopula',
          arguments: {
            correlationMatrix: { type: 'globalVariables', value: 'm' },
            rng: ['hdr1', 'hdr2'],
          },
          copulaLayer: ['c1', 'c2'],
        },
      ],
    },
    globalVariables: [
      {
        name: 'm',
        value: {
          columns: ['a', 'b'],
          rows: ['a', 'b'],
          matrix: [{ row: 'b', col: 'a', value: 0.5 }],
        },
      },
    ],
    sips: [
      {
        name: 'a',
        ref: { source: 'copula', name: 'Gaussian', copulaLayer: 'c1' },
        function: 'Metalog_1_0',
        arguments: { aCoefficients: [0, 1] },
      },
      {
        name: 'b',
        ref: { source: 'copula', name: 'Gaussian', copulaLayer: 'c2' },
        function: 'Metalog_1_0',
        arguments: { lowerBound: 0, upperBound: 10, aCoefficients: [0, 1, 0.1] },
      },
    ],
  });
  const bad = (edit: (library: ReturnType<typeof base>) => void) => {
    const library = base();
    edit(library);
    return () => fromSipmath(library, { trials: 10 });
  };

  it('reads a lower-triangle matrix with zeros left out (as PySIPmath writes it)', () => {
    const trials = fromSipmath(base(), { trials: 20_000 });
    // Spearman of a Gaussian copula with Pearson 0.5: (6 / pi) asin(0.25) = 0.4826.
    expect(spearman(trials.a, trials.b)).toBeCloseTo((6 / Math.PI) * Math.asin(0.25), 1);
    expect(trials.b.every((x) => x > 0 && x < 10)).toBe(true);
  });

  it('refuses coefficients that overflow, naming them, instead of handing on non-finite trials', () => {
    const library = toSipmath({ a: Float64Array.from({ length: 100 }, (_, i) => i) });
    (library.sips[0].arguments as Record<string, unknown>).aCoefficients = [1e308, 1e308, 1e308];
    expectSalvoError(() => fromSipmath(library, { trials: 1000 }), {
      parameter: 'sips[0].arguments.aCoefficients',
      messageIncludes: 'non-finite values in 488 of 1000 trials',
    });
  });

  it('names the path of a bad SIP', () => {
    expectSalvoError(
      bad((l) => {
        (l.sips[1].arguments as Record<string, unknown>).aCoefficients = 'x';
      }),
      {
        parameter: 'sips[1].arguments.aCoefficients',
      },
    );
    expectSalvoError(
      bad((l) => {
        (l.sips[1].arguments as Record<string, unknown>).aCoefficients = new Array(17).fill(1);
      }),
      {
        parameter: 'sips[1].arguments.aCoefficients',
      },
    );
    expectSalvoError(
      bad((l) => {
        (l.sips[0].arguments as Record<string, unknown>).aCoefficients = [0, '1'];
      }),
      {
        parameter: 'sips[0].arguments.aCoefficients[1]',
      },
    );
    expectSalvoError(
      bad((l) => {
        (l.sips[1].arguments as Record<string, unknown>).upperBound = -1;
      }),
      {
        parameter: 'sips[1].arguments.upperBound',
      },
    );
    expectSalvoError(
      bad((l) => {
        l.sips[1].function = 'PsiNormal';
      }),
      {
        code: 'UNSUPPORTED',
        parameter: 'sips[1].function',
      },
    );
    expectSalvoError(
      bad((l) => {
        l.sips[1].name = 'a';
      }),
      { parameter: 'sips[1].name' },
    );
    expectSalvoError(
      bad((l) => {
        l.sips[0].ref = { source: 'rng', name: 'hdr9' };
      }),
      {
        parameter: 'sips[0].ref.name',
        messageIncludes: 'generators: hdr1, hdr2',
      },
    );
    expectSalvoError(
      bad((l) => {
        l.sips[0].ref = { source: 'copula', name: 'Gaussian', copulaLayer: 'c3' };
      }),
      {
        parameter: 'sips[0].ref.copulaLayer',
      },
    );
    expectSalvoError(
      bad((l) => {
        l.sips[0].ref = { source: 'disk' };
      }),
      { parameter: 'sips[0].ref.source' },
    );
    expectSalvoError(
      bad((l) => {
        l.sips = 'none' as unknown as Record<string, unknown>[];
      }),
      {
        parameter: 'sips',
      },
    );
  });

  it('names the path of a bad generator or copula', () => {
    // A hole in a caller's array (found by the fuzz suite: map skipped it, and a TypeError followed).
    expectSalvoError(
      bad((l) => {
        const copula = l.U01.copula![0] as { arguments: { rng: unknown[] } };
        delete copula.arguments.rng[0];
      }),
      { parameter: 'U01.copula[0].arguments.rng[0]' },
    );
    for (const varId of [-1, 1.5, 'x', 1e9]) {
      expectSalvoError(
        bad((l) => {
          (l.U01.rng[0] as { arguments: Record<string, unknown> }).arguments.varId = varId;
        }),
        {
          parameter: 'U01.rng[0].arguments.varId',
        },
      );
    }
    expectSalvoError(
      bad((l) => {
        (l.U01.rng[1] as { function: string }).function = 'Mersenne';
      }),
      {
        code: 'UNSUPPORTED',
        parameter: 'U01.rng[1].function',
      },
    );
    expectSalvoError(
      bad((l) => {
        (l.globalVariables![0] as { value: { matrix: unknown[] } }).value.matrix.push({
          row: 'a',
          col: 'b',
          value: 0.4,
        });
      }),
      {
        parameter: 'globalVariables[0].value.matrix[1].value',
        messageIncludes: 'symmetric',
      },
    );
    expectSalvoError(
      bad((l) => {
        (l.globalVariables![0] as { value: { matrix: unknown[] } }).value.matrix.push({
          row: 'a',
          col: 'a',
          value: 0.9,
        });
      }),
      {
        parameter: 'globalVariables[0].value.matrix[1].value',
        messageIncludes: 'diagonal',
      },
    );
    expectSalvoError(
      bad((l) => {
        (l.globalVariables![0] as { value: { matrix: unknown[] } }).value.matrix.push({
          row: 'a',
          col: 'c',
          value: 0,
        });
      }),
      {
        parameter: 'globalVariables[0].value.matrix[1].col',
      },
    );
    expectSalvoError(
      bad((l) => {
        l.globalVariables = [];
      }),
      {
        parameter: 'U01.copula[0].arguments.correlationMatrix.value',
      },
    );
    expectSalvoError(
      bad((l) => {
        (l.U01.copula[0] as { copulaLayer: string[] }).copulaLayer = ['c1'];
      }),
      {
        parameter: 'U01.copula[0].arguments.rng',
      },
    );
  });

  it('refuses a correlation matrix that is not positive semi-definite', () => {
    const three = base();
    three.U01.rng.push({
      name: 'hdr3',
      function: 'HDR_2_0',
      arguments: { counter: 'PM_Index', entity: 1, varId: 3, seed3: 0, seed4: 0 },
    });
    const copula = three.U01.copula[0] as { arguments: { rng: string[] }; copulaLayer: string[] };
    copula.arguments.rng.push('hdr3');
    copula.copulaLayer.push('c3');
    three.globalVariables = [
      {
        name: 'm',
        value: {
          columns: ['a', 'b', 'c'],
          rows: ['a', 'b', 'c'],
          matrix: [
            { row: 'a', col: 'b', value: 0.9 },
            { row: 'a', col: 'c', value: 0.9 },
            { row: 'b', col: 'c', value: -0.9 },
          ],
        },
      },
    ];
    expectSalvoError(() => fromSipmath(three, { trials: 10 }), {
      parameter: 'globalVariables[0].value.matrix',
      messageIncludes: 'not positive semi-definite',
    });
  });

  it('takes seeds left as parameters from options.parameters', () => {
    // As in ChanceCalc's Flight Hours to Failure library: seed3 and seed4 are parameters.
    const library = {
      U01: {
        rng: [
          {
            name: 'hdr1',
            function: 'HDR_2_0',
            arguments: {
              counter: 'PM_Index',
              entity: 1000,
              varId: 1,
              seed3: { type: 'parameter', name: 'Serial Number' },
              seed4: { type: 'parameter', name: 'Tail Number' },
            },
          },
        ],
      },
      sips: [
        {
          name: 'part',
          ref: { source: 'rng', name: 'hdr1' },
          function: 'Metalog_1_0',
          arguments: { aCoefficients: [0, 1] },
        },
      ],
    };
    expectSalvoError(() => fromSipmath(library, { trials: 3 }), {
      parameter: 'U01.rng[0].arguments.seed3',
      messageIncludes: 'options.parameters["Serial Number"]',
    });
    const trials = fromSipmath(library, {
      trials: 3,
      parameters: { 'Serial Number': 17, 'Tail Number': 4 },
    });
    for (let t = 0; t < 3; t++) {
      const u = hdrUniform(t + 1, { entity: 1000, varId: 1, seed3: 17, seed4: 4 });
      expect(trials.part[t]).toBeCloseTo(Math.log(u / (1 - u)), 12);
    }
  });

  it('evaluates a copula given as embedded uniform arrays (SIP_Array)', () => {
    const library = {
      U01: {
        copula: [
          {
            name: 'arrays',
            function: 'SIP_Array',
            arguments: {
              type: 'array',
              value: [
                [0.25, 0.5, 0.75],
                [0.5, 0.1, 0.9],
              ],
            },
            copulaLayer: ['p', 'q'],
          },
        ],
      },
      sips: [
        {
          name: 'q',
          ref: { source: 'copula', name: 'arrays', copulaLayer: 'q' },
          function: 'Metalog_1_0',
          arguments: { aCoefficients: [0, 1] },
          metadata: { count: 3 },
        },
      ],
    };
    const { q } = fromSipmath(library);
    expect(Array.from(q)).toEqual([0.5, 0.1, 0.9].map((u) => Math.log(u / (1 - u))));
    // Without metadata.count, the uniform arrays' length is the count.
    const { metadata: _, ...uncounted } = library.sips[0];
    expect(fromSipmath({ ...library, sips: [uncounted] }).q).toEqual(q);
  });

  it('refuses what it cannot read: not JSON, not an object, unknown names, bad trial counts', () => {
    expectSalvoError(() => fromSipmath('{ not json'), { parameter: 'library' });
    expectSalvoError(() => fromSipmath(42), { parameter: 'library' });
    expectSalvoError(() => fromSipmath({}), { parameter: 'sips' });
    expectSalvoError(() => fromSipmath({ sips: [] }), { code: 'EMPTY_DATA', parameter: 'sips' });
    expectSalvoError(() => fromSipmath(base(), { names: ['zzz'] }), { parameter: 'names[0]' });
    expectSalvoError(() => fromSipmath(base(), { trials: 0 }), {
      code: 'INVALID_SAMPLE_COUNT',
      parameter: 'trials',
    });
    expectSalvoError(() => fromSipmath(base(), { trials: 10, firstTrial: 1e8 }), {
      code: 'INVALID_SAMPLE_COUNT',
      parameter: 'trials',
    });
    const arrays: SipmathLibrary = toSipmath({ a: Float64Array.of(1, 2, 3) }, { form: 'samples' });
    expectSalvoError(() => fromSipmath(arrays, { trials: 4 }), {
      parameter: 'sips[0].arguments.value',
      messageIncludes: 'at least 4 values',
    });
  });
});
