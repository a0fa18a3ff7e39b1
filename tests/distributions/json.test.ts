import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  distributionFamilies,
  distributionToJson,
  readDistribution,
} from '../../src/distributions/json.js';
import {
  bernoulli,
  beta,
  binomial,
  categorical,
  ci,
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
  SalvoError,
  studentT,
  triangular,
  truncated,
  uniform,
} from '../../src/index.js';
import { createRng } from '../../src/rng/index.js';
import { expectSalvoError } from '../helpers/errors.js';

/** One distribution of every family a file may name, written the ways users write them. */
const EVERY_FAMILY: readonly [string, Distribution][] = [
  ['normal(170, 10)', normal(170, 10)],
  ['normal.ci(-20, 100, { level: 0.5 })', normal.ci(-20, 100, { level: 0.5 })],
  ['lognormal(6.1, 0.2)', lognormal(6.1, 0.2)],
  ['lognormal.ci(380, 600)', lognormal.ci(380, 600)],
  ['ci(400, 2500)', ci(400, 2500)],
  ['uniform(2, 10)', uniform(2, 10)],
  ['logUniform(0.001, 1)', logUniform(0.001, 1)],
  ['triangular(5000, 6700, 8000)', triangular(5000, 6700, 8000)],
  ['pert(5500, 6700, 8000)', pert(5500, 6700, 8000)],
  ['beta(7, 3)', beta(7, 3)],
  ['gamma(2)', gamma(2)],
  ['exponential(0.25)', exponential(0.25)],
  ['studentT(5, { location: 10, scale: 2 })', studentT(5, { location: 10, scale: 2 })],
  ['constant(6700)', constant(6700)],
  ['poisson(2.5)', poisson(2.5)],
  ['binomial(12, 0.25)', binomial(12, 0.25)],
  ['negativeBinomial(2, 0.4)', negativeBinomial(2, 0.4)],
  ['bernoulli(0.3)', bernoulli(0.3)],
  ['categorical([20, 40, 60], [1, 2, 1])', categorical([20, 40, 60], [1, 2, 1])],
  ['empirical([1, 2, 2, 5])', empirical([5, 2, 1, 2])],
  [
    'mixture([normal(10, 2), lognormal.ci(20, 30)], [0.8, 0.2])',
    mixture([normal(10, 2), lognormal.ci(20, 30)], [0.8, 0.2]),
  ],
  ['truncated(normal(1, 2), { min: -1 })', truncated(normal(1, 2), { min: -1 })],
  ['metalog([10, 2, 0.5], { lower: 0 })', metalog([10, 2, 0.5], { lower: 0 })],
];

describe('distributions as written', () => {
  it('print as the factory call that made them, with the derived parameters in params', () => {
    for (const [text, dist] of EVERY_FAMILY) expect(String(dist)).toBe(text);
    expect(lognormal.ci(380, 600).params.sigma).toBeCloseTo(
      Math.log(600 / 380) / 2 / 1.6448536269514722,
      15,
    );
    expect(ci(400, 2500).family).toBe('lognormal');
    // Options print only when given; -0 keeps its sign.
    expect(String(pert(1, 2, 3, {}))).toBe('pert(1, 2, 3)');
    expect(String(pert(1, 2, 3, { lambda: 4 }))).toBe('pert(1, 2, 3, { lambda: 4 })');
    expect(String(normal(-0, 1))).toBe('normal(-0, 1)');
    expect(String(gamma(2, 1))).toBe('gamma(2, 1)');
    // Large round numbers keep an exponent, as they are written; every text reads back exactly.
    expect(String(lognormal.ci(20e9, 30e9))).toBe('lognormal.ci(20e9, 30e9)');
    expect(String(uniform(-1.5e12, 12_345_678))).toBe('uniform(-1500e9, 12345678)');
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = String(constant(x)).slice('constant('.length, -1);
        expect(Object.is(Number(text), x)).toBe(true);
      }),
      { seed: 3 },
    );
  });

  it('cover every family a file may name', () => {
    const covered = new Set(EVERY_FAMILY.map(([, d]) => distributionToJson(d)?.family));
    expect([...covered].sort()).toEqual([...distributionFamilies()].sort());
  });

  it('rebuild from their JSON to the bit: samples, inversion, moments and text', () => {
    const uniforms = Float64Array.from({ length: 257 }, (_, i) => (i + 0.5) / 257);
    for (const [text, dist] of EVERY_FAMILY) {
      const json = JSON.parse(JSON.stringify(distributionToJson(dist)));
      const twin = readDistribution('test', 'dist', json);
      expect(String(twin)).toBe(text);
      expect(twin.params).toEqual(dist.params);
      expect([twin.mean, twin.variance, twin.min, twin.max]).toEqual([
        dist.mean,
        dist.variance,
        dist.min,
        dist.max,
      ]);
      expect(twin.sample(5_000, createRng(text))).toEqual(dist.sample(5_000, createRng(text)));
      expect(twin.fillFromUniforms(uniforms, new Float64Array(257))).toEqual(
        dist.fillFromUniforms(uniforms, new Float64Array(257)),
      );
    }
  });

  it('refuse objects not made by a factory (they cannot be written)', () => {
    const mine = Object.create(normal(0, 1), { family: { value: 'mine' } }) as Distribution;
    expect(distributionToJson(mine)).toBeUndefined();
    expect(distributionToJson(mixture([normal(0, 1), mine]))).toBeUndefined();
  });
});

describe('reading a distribution from a file', () => {
  const read = (json: unknown) => readDistribution('modelFromJson', 'nodes[0].distribution', json);

  it('names the place and the problem with a code', () => {
    expectSalvoError(() => read({ family: 'lognormal.cl', args: [1, 2] }), {
      code: 'UNKNOWN_FAMILY',
      parameter: 'nodes[0].distribution.family',
      messageIncludes: 'lognormal.ci',
    });
    for (const family of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expectSalvoError(() => read({ family, args: [] }), {
        code: 'UNKNOWN_FAMILY',
        parameter: 'nodes[0].distribution.family',
      });
    }
    expectSalvoError(() => read({ family: 'normal', args: [0] }), {
      code: 'INVALID_MODEL',
      parameter: 'nodes[0].distribution.args',
      messageIncludes: 'list of 2 arguments for normal',
    });
    expectSalvoError(() => read({ family: 'normal', args: [0, '1'] }), {
      code: 'INVALID_MODEL',
      parameter: 'nodes[0].distribution.args[1]',
    });
    expectSalvoError(() => read({ family: 'normal', args: [0, 1], level: 2 }), {
      code: 'INVALID_MODEL',
      parameter: 'nodes[0].distribution.level',
    });
    // A parameter the factory refuses keeps the factory's code and message.
    expectSalvoError(() => read({ family: 'lognormal.ci', args: [0, 600] }), {
      code: 'INVALID_PARAMETER',
      parameter: 'nodes[0].distribution',
      messageIncludes: ['lognormal.ci: lo must be > 0', 'normal.ci'],
    });
    expectSalvoError(() => read({ family: 'pert', args: [1, 2, 3, { lamda: 4 }] }), {
      code: 'UNKNOWN_OPTION',
      parameter: 'nodes[0].distribution',
      messageIncludes: 'lambda',
    });
    expectSalvoError(
      () => read({ family: 'mixture', args: [[{ family: 'normal', args: [0, 1] }, 3]] }),
      { code: 'INVALID_MODEL', parameter: 'nodes[0].distribution.args[0][1]' },
    );
  });

  it('refuse nesting deeper than the limit, without exhausting the stack', () => {
    let deep: unknown = { family: 'normal', args: [0, 1] };
    for (let i = 0; i < 100_000; i++) deep = { family: 'mixture', args: [[deep]] };
    expectSalvoError(() => read(deep), {
      code: 'INVALID_MODEL',
      parameter:
        'nodes[0].distribution.args[0][0].args[0][0].args[0][0].args[0][0].args[0][0].args[0][0].args[0][0].args[0][0].args[0][0].args[0][0].args[0][0].args[0][0].args[0][0].args[0][0].args[0][0].args[0][0]',
    });
  });

  it('never throws anything but a coded SalvoError, whatever the JSON (fuzzed)', () => {
    const families = fc.constantFrom(...distributionFamilies(), 'Normal', '', 'x');
    const argument = fc.oneof(
      fc.double(),
      fc.array(fc.double(), { maxLength: 5 }),
      fc.dictionary(
        fc.constantFrom('level', 'lambda', 'min', 'max', 'lower', 'upper', 'x'),
        fc.double(),
      ),
      fc.record({ family: families, args: fc.array(fc.double(), { maxLength: 4 }) }),
      fc.jsonValue(),
    );
    const dist = fc.oneof(
      fc.record({ family: families, args: fc.array(argument, { maxLength: 5 }) }),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(dist, (json) => {
        try {
          const made = read(JSON.parse(JSON.stringify(json)));
          // What reads is a working distribution that writes back to what was read.
          expect(read(distributionToJson(made))).toBeDefined();
        } catch (error) {
          expect(error).toBeInstanceOf(SalvoError);
        }
      }),
      { numRuns: 3_000, seed: 19 },
    );
  });
});
