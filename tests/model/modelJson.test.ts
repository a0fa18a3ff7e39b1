import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { model as coreModel, modelFromJson as coreModelFromJson } from '../../src/core.js';
import {
  beta,
  lognormal,
  MODEL_JSON_VERSION,
  type Model,
  type ModelJson,
  model,
  modelFromJson,
  normal,
  pert,
  SalvoError,
  toModelJson,
  triangular,
  uniform,
} from '../../src/index.js';
import { modelFingerprint } from '../../src/model/fingerprint.js';
import { expectSalvoError } from '../helpers/errors.js';

/** The README's estimate with evidence and a correlation: every kind of thing a file holds. */
const shipments = model({ seed: 'nk-2024-02-26' })
  .input('containers', pert(5_500, 6_700, 8_000))
  .input('shareCarryingShells', beta(7, 3))
  .input('pricePerShellUsd', lognormal.ci(800, 3_000, { level: 0.8 }))
  .correlate('containers', 'pricePerShellUsd', -0.3)
  .derive('shells', 'containers * (380 to 600) * shareCarryingShells')
  .derive('valueUsd', 'shells * pricePerShellUsd / 1B')
  .observe('shells', lognormal(Math.log(1.5e6), 0.4)) as Model<string>;

const roundTrip = (m: Model<string>) => modelFromJson(JSON.stringify(toModelJson(m)));

describe('models as JSON', () => {
  it('writes inputs as typed, expressions as typed, correlations and evidence', () => {
    const file = toModelJson(shipments, { title: 'Shipments' });
    expect(file).toEqual({
      format: 'salvo-model',
      version: MODEL_JSON_VERSION,
      seed: 'nk-2024-02-26',
      title: 'Shipments',
      nodes: [
        { name: 'containers', distribution: { family: 'pert', args: [5_500, 6_700, 8_000] } },
        { name: 'shareCarryingShells', distribution: { family: 'beta', args: [7, 3] } },
        {
          name: 'pricePerShellUsd',
          distribution: { family: 'lognormal.ci', args: [800, 3_000, { level: 0.8 }] },
        },
        { name: 'shells', expression: 'containers * (380 to 600) * shareCarryingShells' },
        { name: 'valueUsd', expression: 'shells * pricePerShellUsd / 1B' },
      ],
      correlations: [{ a: 'containers', b: 'pricePerShellUsd', rho: -0.3 }],
      observations: [
        {
          node: 'shells',
          distribution: { family: 'lognormal', args: [Math.log(1.5e6), 0.4] },
        },
      ],
    });
  });

  it('reads back a model with the same names, fingerprint and results to the bit', () => {
    const twin = roundTrip(shipments);
    expect(twin.names).toEqual(shipments.names);
    expect(modelFingerprint(twin)).toBe(modelFingerprint(shipments));
    for (const options of [
      { samples: 30_000 },
      { samples: 30_000, keep: 'none' as const },
      { samples: 30_000, keep: ['shells'] },
    ]) {
      expect(twin.run(options).toJSON()).toEqual(shipments.run(options).toJSON());
    }
  });

  it('reads nodes in any order, so long as expressions do not read each other in a circle', () => {
    const file = toModelJson(shipments);
    const reversed: ModelJson = { ...file, nodes: [...file.nodes].reverse() };
    const twin = modelFromJson(reversed);
    // Built in an order where each expression follows what it reads; streams go by name, so the
    // results are the same whatever the order.
    expect(twin.names).toEqual([
      'containers',
      'shareCarryingShells',
      'shells: 380 to 600',
      'shells',
      'pricePerShellUsd',
      'valueUsd',
    ]);
    expect(twin.run({ samples: 10_000 }).toJSON()).toEqual(
      shipments.run({ samples: 10_000 }).toJSON(),
    );
    const circle: ModelJson = {
      format: 'salvo-model',
      version: 1,
      seed: 1,
      nodes: [
        { name: 'x', distribution: { family: 'normal', args: [0, 1] } },
        { name: 'a', expression: 'b + x' },
        { name: 'b', expression: 'c * 2' },
        { name: 'c', expression: 'a - 1' },
      ],
    };
    expectSalvoError(() => modelFromJson(circle), {
      code: 'MODEL_CYCLE',
      parameter: 'nodes[1]',
      messageNamesParameter: false,
      messageIncludes: '"a" → "b" → "c" → "a"',
    });
    expectSalvoError(
      () => modelFromJson({ ...circle, nodes: [{ name: 'a', expression: 'a + 1' }] }),
      { code: 'MODEL_CYCLE', parameter: 'nodes[0]', messageNamesParameter: false },
    );
  });

  it('refuses what a file cannot hold, naming the node', () => {
    const callback = model({ seed: 1 })
      .input('x', normal(0, 1))
      .derive('y', ({ x }) => x.mul(2));
    expectSalvoError(() => toModelJson(callback), { code: 'UNSUPPORTED', parameter: 'y' });
    const likelihood = model({ seed: 1 })
      .input('x', normal(0, 1))
      .observe('x', (x) => Math.exp(-x * x));
    expectSalvoError(() => toModelJson(likelihood), { code: 'UNSUPPORTED', parameter: 'x' });
    const mine = Object.create(normal(0, 1), { family: { value: 'mine' } });
    expectSalvoError(() => toModelJson(model({ seed: 1 }).input('x', mine)), {
      code: 'UNSUPPORTED',
      parameter: 'x',
    });
  });

  it('gives a coded error that says where, for each kind of bad file', () => {
    const good = toModelJson(shipments);
    const cases: [unknown, string, string][] = [
      ['{"format": "salvo-model",', 'INVALID_MODEL', 'json'],
      [[], 'INVALID_MODEL', 'the file'],
      [{ ...good, format: 'squiggle' }, 'INVALID_MODEL', 'format'],
      [{ ...good, version: 2 }, 'UNKNOWN_VERSION', 'version'],
      [{ ...good, version: '1' }, 'INVALID_MODEL', 'version'],
      [{ ...good, seed: Number.NaN }, 'INVALID_SEED', 'seed'],
      [{ ...good, observation: [] }, 'INVALID_MODEL', 'the file.observation'],
      [{ ...good, nodes: {} }, 'INVALID_MODEL', 'nodes'],
      [{ ...good, nodes: [...good.nodes, good.nodes[0]] }, 'INVALID_MODEL', 'nodes[5].name'],
      [{ ...good, nodes: [{ name: 'has space', expression: '1' }] }, 'INVALID_MODEL', 'nodes[0]'],
      [{ ...good, nodes: [{ name: 'x' }] }, 'INVALID_MODEL', 'nodes[0]'],
      [
        { ...good, nodes: [{ name: 'x', expression: '1', distribution: good.nodes[0] }] },
        'INVALID_MODEL',
        'nodes[0]',
      ],
      [
        { ...good, nodes: [{ name: 'x', expression: 'y + 1' }] },
        'INVALID_MODEL',
        'nodes[0].expression',
      ],
      [
        { ...good, nodes: [{ name: 'x', expression: '1 +' }] },
        'INVALID_MODEL',
        'nodes[0].expression',
      ],
      [
        { ...good, nodes: [{ name: 'x', distribution: { family: 'normale', args: [0, 1] } }] },
        'UNKNOWN_FAMILY',
        'nodes[0].distribution.family',
      ],
      [
        { ...good, nodes: [{ name: 'x', distribution: { family: 'normal', args: [0, -1] } }] },
        'INVALID_PARAMETER',
        'nodes[0].distribution',
      ],
      [
        { ...good, correlations: [{ a: 'containers', b: 'shells', rho: 0.5 }] },
        'INVALID_MODEL',
        'correlations[0]',
      ],
      [
        { ...good, correlations: [{ a: 'containers', b: 'pricePerShellUsd', rho: 2 }] },
        'INVALID_MODEL',
        'correlations[0]',
      ],
      [
        {
          ...good,
          observations: [{ node: 'nobody', distribution: { family: 'normal', args: [0, 1] } }],
        },
        'INVALID_MODEL',
        'observations[0]',
      ],
      [
        { ...good, observations: [{ node: 'shells', distribution: good.nodes[0] }] },
        'INVALID_MODEL',
        'observations[0].distribution.family',
      ],
    ];
    for (const [file, code, parameter] of cases) {
      const text = typeof file === 'string' ? file : JSON.stringify(file);
      let thrown: unknown;
      try {
        modelFromJson(text);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, text).toBeInstanceOf(SalvoError);
      expect((thrown as SalvoError).code, text).toBe(code);
      expect((thrown as SalvoError).parameter, text).toBe(parameter);
      expect((thrown as SalvoError).message, text).toMatch(/^modelFromJson: /);
    }
  });

  it('never executes anything from a file', () => {
    const attempts = [
      'constructor.constructor("globalThis.pwned = 1")()',
      'import("node:fs")',
      'evaluate("1")',
      'x.constructor',
      '__proto__',
      'this',
      '[1, 2]',
      'f(x) = 1',
      'x = 2',
    ];
    for (const expression of attempts) {
      const file = {
        format: 'salvo-model',
        version: 1,
        seed: 1,
        nodes: [
          { name: 'x', distribution: { family: 'normal', args: [0, 1] } },
          { name: 'y', expression },
        ],
      };
      expect(() => modelFromJson(JSON.stringify(file)), expression).toThrow(SalvoError);
    }
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
    // A file's own "__proto__" key is data, not a prototype.
    const polluting =
      '{"format":"salvo-model","version":1,"seed":1,"nodes":[{"name":"x","distribution":{"family":"pert","args":[1,2,3,{"__proto__":{"polluted":1}}]}}]}';
    expect(() => modelFromJson(polluting)).toThrow(SalvoError);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });

  it('round-trips random models to the same results (property)', () => {
    const input = fc.oneof(
      fc
        .tuple(
          fc.double({ min: -100, max: 100, noNaN: true }),
          fc.double({ min: 0.1, max: 10, noNaN: true }),
        )
        .map(([m, s]) => normal(m, s)),
      fc
        .tuple(
          fc.double({ min: 0.1, max: 100, noNaN: true }),
          fc.double({ min: 1.5, max: 10, noNaN: true }),
        )
        .map(([lo, f]) => lognormal.ci(lo, lo * f)),
      fc
        .tuple(
          fc.double({ min: -10, max: 10, noNaN: true }),
          fc.double({ min: 0.1, max: 10, noNaN: true }),
        )
        .map(([a, w]) => uniform(a, a + w)),
      fc
        .tuple(
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: 1, max: 5, noNaN: true }),
        )
        .map(([t, w]) => triangular(0, t * w, w)),
    );
    const operators = fc.constantFrom('+', '-', '*', '/');
    fc.assert(
      fc.property(
        fc.array(input, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), operators, fc.boolean()), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.oneof(fc.integer(), fc.string({ maxLength: 8 })),
        (inputs, steps, seed) => {
          let m = model({ seed }) as Model<string>;
          const names: string[] = [];
          inputs.forEach((dist, i) => {
            m = m.input(`in${i}`, dist);
            names.push(`in${i}`);
          });
          steps.forEach(([a, b, op, inline], i) => {
            const right = inline ? '(2 to 3)' : names[b % names.length];
            m = m.derive(`d${i}`, `${names[a % names.length]} ${op} ${right}`);
            names.push(`d${i}`);
          });
          const twin = roundTrip(m);
          expect(twin.names).toEqual(m.names);
          expect(twin.run({ samples: 1_000 }).toJSON()).toEqual(m.run({ samples: 1_000 }).toJSON());
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });

  it("'salvo/core' reads files of distributions and refuses expressions", () => {
    const plain = toModelJson(model({ seed: 3 }).input('x', normal(0, 1)));
    expect(coreModelFromJson(plain).run({ samples: 1_000 }).toJSON()).toEqual(
      coreModel({ seed: 3 }).input('x', normal(0, 1)).run({ samples: 1_000 }).toJSON(),
    );
    expect(() => coreModelFromJson(toModelJson(shipments))).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED', parameter: 'nodes[3].expression' }),
    );
  });
});
