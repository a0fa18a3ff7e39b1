import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  beta,
  createRng,
  fromCsv,
  fromSipmath,
  fromState,
  lognormal,
  type Model,
  model,
  modelFromJson,
  pert,
  QuantileSketch,
  toCsv,
  toModelJson,
  toSipmath,
} from '../../src/index.js';
import { codedOrValid, fuzz, hostileNumber, hostileValue, mutated } from './harness.js';

/** Index-aligned columns of ordinary numbers, as a run would export them. */
const columns = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom('a', 'b', 'shells', 'x_1', 'Value USD'), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.integer({ min: 2, max: 30 }),
    fc.integer({ min: 1, max: 1e6 }),
  )
  .map(([names, length, seed]) => {
    const rng = createRng(seed);
    return Object.fromEntries(
      names.map((name) => [
        name,
        Float64Array.from({ length }, () => rng.nextFloat64() * 1e3 - 100),
      ]),
    );
  });

/** Columns read from a file: equal lengths, every value a number. */
function expectColumns(columns: Record<string, Float64Array>): void {
  const lengths = new Set(Object.values(columns).map((c) => c.length));
  expect(lengths.size).toBeLessThanOrEqual(1);
  for (const c of Object.values(columns)) expect(c).toBeInstanceOf(Float64Array);
}

/** Trials generated from a SIPmath library: columns as above, and every trial finite. */
function expectFiniteColumns(columns: Record<string, Float64Array>): void {
  expectColumns(columns);
  for (const [name, c] of Object.entries(columns)) {
    for (const x of c) expect(Number.isFinite(x), `${name}: ${x}`).toBe(true);
  }
}

/** CSV-like text: headers and cells from a small alphabet of troublesome pieces. */
const csvText = fc.oneof(
  columns.map((c) => toCsv(c)),
  fc
    .tuple(
      columns.map((c) => toCsv(c)),
      fc.nat(),
      fc.string({ maxLength: 3 }),
    )
    .map(
      ([text, at, insert]) =>
        text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1)),
    ),
  fc
    .array(
      fc.array(
        fc.oneof(
          fc.constantFrom('x', 'y', '"a,b"', '""', '1', '-0', '1e308', '1e999', 'NaN', 'Infinity'),
          fc.constantFrom('\uFEFF', ' ', '"', '__proto__', 'constructor', '3', '0x10', '1_000'),
          hostileNumber.map(String),
          fc.string({ maxLength: 4 }),
        ),
        { minLength: 1, maxLength: 4 },
      ),
      { maxLength: 6 },
    )
    .chain((rows) =>
      fc.constantFrom('\n', '\r\n', '\r').map((eol) => rows.map((r) => r.join(',')).join(eol)),
    ),
  fc.string({ maxLength: 60 }),
  hostileValue,
);

/** A SIPmath-like library: the right shape with hostile values, or any JSON. */
const sipmathLibrary = fc.oneof(
  mutated(columns.map((c) => JSON.parse(JSON.stringify(toSipmath(c))) as object)),
  mutated(
    columns.map((c) => JSON.parse(JSON.stringify(toSipmath(c, { form: 'samples' }))) as object),
  ),
  fc.record({
    name: fc.string({ maxLength: 4 }),
    objectType: fc.constantFrom('sipModel', 'x', undefined),
    libraryType: fc.constantFrom('SIPmath_3_0', 'SIPmath_2_0', undefined),
    provenance: fc.string({ maxLength: 4 }),
    U01: fc.constant({
      rng: [
        {
          name: 'hdr1',
          function: 'HDR_2_0',
          arguments: { counter: 'PM_Index', entity: 1, varId: 1, seed3: 0, seed4: 0 },
        },
      ],
    }),
    sips: fc.array(
      fc.record({
        name: fc.constantFrom('a', 'b', '__proto__', ''),
        ref: fc.constant({ source: 'rng', name: 'hdr1' }),
        function: fc.constantFrom('Metalog_1_0', 'Other'),
        arguments: fc.record({
          aCoefs: fc.array(hostileNumber, { maxLength: 5 }),
          lowerBound: fc.option(hostileNumber),
          upperBound: fc.option(hostileNumber),
        }),
        metadata: fc.option(fc.record({ count: hostileValue })),
      }),
      { maxLength: 3 },
    ),
  }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
);

/** Model files as `toModelJson` writes them: inline distributions, options, correlations, evidence. */
const modelFile = fc
  .tuple(
    fc.double({ min: 1, max: 1e4, noNaN: true }),
    fc.constantFrom('a * b', 'a + (2 to 3)', 'a * b / 1k', 'max(a, b) ** 2', 'a - normal(0, 1)'),
    fc.boolean(),
  )
  .map(([scale, expression, evidence]) => {
    let m = model({ seed: 'fuzz' })
      .input('a', pert(0, scale / 2, scale, { lambda: 3 }))
      .input('b', lognormal.ci(1, 3, { level: 0.8 }))
      .correlate('a', 'b', 0.4)
      .derive('c', expression) as Model<string>;
    if (evidence) m = m.observe('c', lognormal(Math.log(scale), 1));
    return toModelJson(m.input('share', beta(2, 5)));
  });

/** Model-file-like JSON: the valid files above with a field removed or replaced, or any JSON. */
const modelFileJson = fc.oneof(
  mutated(modelFile),
  modelFile.chain((file) =>
    fc
      .tuple(fc.nat(), fc.constantFrom('name', 'distribution', 'expression', 'family', 'args'))
      .map(([at, field]) => {
        const nodes = file.nodes.map((n) => ({ ...n })) as Record<string, unknown>[];
        const node = nodes[at % nodes.length];
        const other = nodes[(at + 1) % nodes.length];
        // Moves a field from one node to another: names repeated, both or neither of the two kinds.
        node[field] = other[field] ?? 'c';
        return { ...file, nodes };
      }),
  ),
  fc.jsonValue(),
);

describe('fuzz: readers of text, files and states', () => {
  it('modelFromJson: a coded error or a model that runs, from the object or its text', () => {
    fuzz(modelFileJson, fc.boolean(), (file, asText) => {
      let given: unknown = file;
      if (asText) {
        try {
          given = JSON.stringify(file); // fails for a BigInt: then the object is read
        } catch {}
      }
      codedOrValid(
        'modelFromJson',
        () => modelFromJson(given as string),
        (m) => {
          // A valid file can describe a model no sample satisfies: that run's refusal is coded too.
          codedOrValid(
            'modelFromJson run',
            () => m.run({ samples: 256 }),
            (run) => {
              expect(Object.keys(run.toJSON().nodes).sort()).toEqual([...m.names].sort());
            },
          );
        },
      );
    });
  });

  it('fromCsv: a coded error or equal-length numeric columns', () => {
    fuzz(csvText, (text) => {
      codedOrValid('fromCsv', () => fromCsv(text as string), expectColumns);
    });
  });

  it('fromSipmath: a coded error or equal-length columns', () => {
    fuzz(
      sipmathLibrary,
      fc.option(fc.record({ trials: hostileValue }, { requiredKeys: [] })),
      (library, options) => {
        codedOrValid(
          'fromSipmath',
          () => fromSipmath(library, (options ?? {}) as object),
          expectFiniteColumns,
        );
      },
    );
  });

  it('QuantileSketch.fromState: a coded error or a sketch whose quantiles lie in [min, max]', () => {
    const state = fc.oneof(
      mutated(
        fc.array(hostileNumber, { maxLength: 50 }).map((xs) => {
          const sketch = new QuantileSketch();
          sketch.addAll(Float64Array.from(xs));
          return sketch.toState();
        }),
      ),
      fc.record({
        relativeAccuracy: hostileValue,
        count: hostileValue,
        zeroCount: hostileValue,
        nonFinite: hostileValue,
        min: hostileNumber,
        max: hostileNumber,
        positive: fc.oneof(fc.array(hostileNumber, { maxLength: 6 }), hostileValue),
        negative: fc.oneof(fc.array(hostileNumber, { maxLength: 6 }), hostileValue),
      }),
      hostileValue,
    );
    fuzz(state, (s) => {
      codedOrValid(
        'QuantileSketch.fromState',
        () => QuantileSketch.fromState(s as never),
        (sketch) => {
          if (sketch.count > 0) {
            const q = sketch.quantile(0.5);
            expect(q).toBeGreaterThanOrEqual(sketch.min);
            expect(q).toBeLessThanOrEqual(sketch.max);
          }
        },
      );
    });
  });

  it('createRng and fromState: a coded error or a generator of doubles in [0, 1)', () => {
    const seed = fc.oneof(
      hostileValue,
      fc.oneof(fc.integer(), fc.string({ maxLength: 6 })),
      mutated(fc.integer().map((s) => createRng(s).getState())),
      fc.array(fc.integer({ min: -1, max: 2 ** 32 }), { maxLength: 8 }),
      fc
        .array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 4, maxLength: 8 })
        .map((w) => Uint32Array.from(w)),
    );
    const inUnit = (rng: { nextFloat64(): number }) => {
      for (let i = 0; i < 4; i++) {
        const u = rng.nextFloat64();
        expect(u >= 0 && u < 1).toBe(true);
      }
    };
    fuzz(
      seed,
      fc.option(fc.record({ algorithm: hostileValue }, { requiredKeys: [] })),
      (s, options) => {
        codedOrValid('createRng', () => createRng(s as number, (options ?? {}) as object), inUnit);
        codedOrValid('fromState', () => fromState(s as Uint32Array), inUnit);
      },
    );
  });
});
