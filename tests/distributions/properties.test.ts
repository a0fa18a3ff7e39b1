/**
 * Property tests over every distribution factory (fast-check): random valid parameters never crash,
 * hang or produce NaN samples, and samples stay in the support; random bad parameters always raise a
 * SalvoError that names the parameter — never another error, never a silently broken object.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../src/index.js';
import * as salvo from '../../src/index.js';
import { expectSalvoError } from '../helpers/errors.js';

const { SalvoError, createRng } = salvo;

const finite = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const positive = (min: number, max: number) => finite(min, max).filter((x) => x > 0);
const probability = fc.double({ min: 0, max: 1, noNaN: true });
const bad = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
const nonPositive = fc.oneof(bad, finite(-1e6, 0));

interface FactoryCase {
  /** factory call used in test names */
  name: string;
  make: (args: number[]) => Distribution;
  valid: fc.Arbitrary<number[]>;
  /** arguments that must be rejected, with the parameter the error must name */
  invalid: fc.Arbitrary<[number[], string]>;
}

const ordered = (lo: number, hi: number) =>
  fc.tuple(finite(lo, hi), finite(lo, hi)).filter(([a, b]) => a < b);

const cases: FactoryCase[] = [
  {
    name: 'uniform(min, max)',
    make: ([a, b]) => salvo.uniform(a, b),
    valid: ordered(-1e9, 1e9),
    invalid: fc.oneof(
      fc.tuple(bad, finite(-1, 1)).map(([a, b]) => [[a, b], 'min'] as [number[], string]),
      ordered(-1e9, 1e9).map(([a, b]) => [[b, a], 'min'] as [number[], string]),
    ),
  },
  {
    name: 'normal(mean, sd)',
    make: ([m, s]) => salvo.normal(m, s),
    // sd >= 2^-40 |mean|: narrower spreads are refused (issue 16; see invariants.test.ts).
    valid: fc
      .tuple(finite(-1e9, 1e9), positive(1e-9, 1e9))
      .filter(([m, s]) => s >= 2 ** -40 * Math.abs(m)),
    invalid: fc.oneof(
      fc.tuple(bad, positive(0.1, 10)).map(([m, s]) => [[m, s], 'mean'] as [number[], string]),
      fc.tuple(finite(-1, 1), nonPositive).map(([m, s]) => [[m, s], 'sd'] as [number[], string]),
    ),
  },
  {
    name: 'lognormal(mu, sigma)',
    make: ([m, s]) => salvo.lognormal(m, s),
    valid: fc.tuple(finite(-20, 20), positive(1e-6, 5)),
    invalid: fc.oneof(
      fc.tuple(bad, positive(0.1, 2)).map(([m, s]) => [[m, s], 'mu'] as [number[], string]),
      fc.tuple(finite(-1, 1), nonPositive).map(([m, s]) => [[m, s], 'sigma'] as [number[], string]),
    ),
  },
  {
    name: 'logUniform(min, max)',
    make: ([a, b]) => salvo.logUniform(a, b),
    valid: fc.tuple(positive(1e-9, 1e9), positive(1e-9, 1e9)).filter(([a, b]) => a < b),
    invalid: fc
      .tuple(nonPositive, positive(1, 10))
      .map(([a, b]) => [[a, b], 'min'] as [number[], string]),
  },
  {
    name: 'triangular(min, mode, max)',
    make: ([a, m, b]) => salvo.triangular(a, m, b),
    valid: fc
      .tuple(finite(-1e6, 1e6), finite(-1e6, 1e6), probability)
      // widths whose square underflows are refused (issue 16; see invariants.test.ts)
      .filter(([a, b]) => a < b && b - a >= 1.5e-154)
      .map(([a, b, t]) => [a, Math.min(b, Math.max(a, a + t * (b - a))), b]),
    invalid: fc.oneof(
      fc
        .tuple(finite(0, 1), finite(2, 3))
        .map(([m, b]) => [[1, m - 5, b], 'mode'] as [number[], string]),
      fc.tuple(bad).map(([a]) => [[a, 0.5, 1], 'min'] as [number[], string]),
    ),
  },
  {
    name: 'pert(min, mode, max)',
    make: ([a, m, b]) => salvo.pert(a, m, b),
    valid: fc
      .tuple(finite(-1e6, 1e6), finite(-1e6, 1e6), probability)
      // widths whose square underflows are refused (issue 16; see invariants.test.ts)
      .filter(([a, b]) => a < b && b - a >= 1.5e-154)
      .map(([a, b, t]) => [a, Math.min(b, Math.max(a, a + t * (b - a))), b]),
    invalid: fc.oneof(
      fc.tuple(finite(2, 3)).map(([b]) => [[1, b + 1, b], 'mode'] as [number[], string]),
      fc.tuple(bad).map(([b]) => [[0, 0.5, b], 'max'] as [number[], string]),
    ),
  },
  {
    name: 'beta(alpha, beta)',
    make: ([a, b]) => salvo.beta(a, b),
    valid: fc.tuple(positive(1e-2, 1e4), positive(1e-2, 1e4)),
    invalid: fc.oneof(
      fc
        .tuple(nonPositive, positive(0.5, 2))
        .map(([a, b]) => [[a, b], 'alpha'] as [number[], string]),
      fc
        .tuple(positive(0.5, 2), nonPositive)
        .map(([a, b]) => [[a, b], 'beta'] as [number[], string]),
    ),
  },
  {
    name: 'gamma(shape, scale)',
    make: ([k, t]) => salvo.gamma(k, t),
    valid: fc.tuple(positive(1e-2, 1e5), positive(1e-6, 1e6)),
    invalid: fc.oneof(
      fc
        .tuple(nonPositive, positive(0.5, 2))
        .map(([k, t]) => [[k, t], 'shape'] as [number[], string]),
      fc
        .tuple(positive(0.5, 2), nonPositive)
        .map(([k, t]) => [[k, t], 'scale'] as [number[], string]),
    ),
  },
  {
    name: 'exponential(rate)',
    make: ([r]) => salvo.exponential(r),
    valid: fc.tuple(positive(1e-6, 1e6)),
    invalid: fc.tuple(nonPositive).map(([r]) => [[r], 'rate'] as [number[], string]),
  },
  {
    name: 'studentT(df, { location, scale })',
    make: ([df, location, scale]) => salvo.studentT(df, { location, scale }),
    valid: fc.tuple(positive(0.1, 1e6), finite(-1e6, 1e6), positive(1e-6, 1e6)),
    invalid: fc.oneof(
      fc.tuple(nonPositive).map(([df]) => [[df, 0, 1], 'df'] as [number[], string]),
      fc.tuple(nonPositive).map(([s]) => [[3, 0, s], 'scale'] as [number[], string]),
    ),
  },
  {
    name: 'constant(value)',
    make: ([x]) => salvo.constant(x),
    valid: fc.tuple(finite(-1e300, 1e300)),
    invalid: fc.tuple(bad).map(([x]) => [[x], 'value'] as [number[], string]),
  },
  {
    name: 'poisson(lambda)',
    make: ([l]) => salvo.poisson(l),
    valid: fc.tuple(finite(0, 1e7)),
    invalid: fc
      .tuple(fc.oneof(bad, finite(-1e6, -1e-9)))
      .map(([l]) => [[l], 'lambda'] as [number[], string]),
  },
  {
    name: 'binomial(n, p)',
    make: ([n, p]) => salvo.binomial(n, p),
    valid: fc.tuple(fc.integer({ min: 0, max: 1e7 }), probability),
    invalid: fc.oneof(
      fc
        .tuple(fc.oneof(bad, finite(0.1, 0.9), finite(-1e6, -1)))
        .map(([n]) => [[n, 0.5], 'n'] as [number[], string]),
      fc
        .tuple(fc.oneof(bad, finite(1.0001, 5), finite(-5, -0.0001)))
        .map(([p]) => [[10, p], 'p'] as [number[], string]),
    ),
  },
  {
    name: 'negativeBinomial(r, p)',
    make: ([r, p]) => salvo.negativeBinomial(r, p),
    valid: fc.tuple(positive(1e-2, 1e4), finite(0.01, 1)),
    invalid: fc.oneof(
      fc.tuple(nonPositive).map(([r]) => [[r, 0.5], 'r'] as [number[], string]),
      fc
        .tuple(fc.oneof(bad, finite(-5, 0), finite(1.0001, 5)))
        .map(([p]) => [[2, p], 'p'] as [number[], string]),
    ),
  },
  {
    // Expert quantiles p10, p50, p90 with a skew ratio in [0.5, 2] (always a valid 3-term metalog),
    // bounded below when the fourth argument is above 0.5.
    name: 'metalog.fromQuantiles([[0.1, x10], [0.5, x50], [0.9, x90]], { lower? })',
    make: ([m, below, above, bounded]) =>
      salvo.metalog.fromQuantiles(
        [
          [0.1, m - below],
          [0.5, m],
          [0.9, m + above],
        ],
        bounded > 0.5 ? { lower: m - 2 * below } : {},
      ),
    valid: fc
      .tuple(finite(-1e6, 1e6), positive(1e-3, 1e3), finite(0.5, 2), probability)
      .map(([m, d, ratio, b]) => [m, d, d * ratio, b]),
    invalid: fc
      .tuple(finite(-1e6, 1e6), positive(1e-3, 1e3))
      .map(([m, d]) => [[m, -d, d, 0], 'pairs[1][1]'] as [number[], string]),
  },
  {
    name: 'bernoulli(p)',
    make: ([p]) => salvo.bernoulli(p),
    valid: fc.tuple(probability),
    invalid: fc
      .tuple(fc.oneof(bad, finite(1.0001, 5), finite(-5, -0.0001)))
      .map(([p]) => [[p], 'p'] as [number[], string]),
  },
];

describe.each(cases)('$name', ({ name, make, valid, invalid }) => {
  it('valid parameters: no crash, no NaN, samples within [min, max], monotone cdf in [0, 1]', () => {
    fc.assert(
      fc.property(valid, fc.string(), (args, seed) => {
        const d = make(args);
        const xs = d.sample(64, createRng(seed));
        for (const x of xs) {
          expect(Number.isNaN(x), `${d} sampled NaN`).toBe(false);
          expect(x >= d.min && x <= d.max, `${d} sampled ${x} outside [${d.min}, ${d.max}]`).toBe(
            true,
          );
        }
        const sorted = Float64Array.from(xs).sort();
        let previous = 0;
        for (const x of sorted) {
          const f = d.cdf(x);
          expect(f >= previous && f <= 1, `${d}.cdf(${x}) = ${f}`).toBe(true);
          previous = f;
        }
        const median = d.quantile(0.5);
        expect(Number.isNaN(median), `${d}.quantile(0.5) is NaN`).toBe(false);
        if (d.family !== 'studentT') {
          // only Student t with df <= 1 has undefined (NaN) moments, by documented convention
          expect(Number.isNaN(d.mean), `${d}.mean`).toBe(false);
          expect(Number.isNaN(d.variance), `${d}.variance`).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('bad parameters: a SalvoError naming the parameter, before any work', () => {
    fc.assert(
      fc.property(invalid, ([args, parameter]) => {
        expectSalvoError(() => make(args), {
          parameter,
          context: `${name} with arguments ${JSON.stringify(args.map(String))}`,
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('bad sample counts are rejected by every family', () => {
  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])('sample(%s)', (n) => {
    const rng = createRng(1);
    for (const d of [salvo.uniform(0, 1), salvo.normal(0, 1), salvo.poisson(3), salvo.beta(2, 2)]) {
      expect(() => d.sample(n, rng)).toThrow(SalvoError);
    }
  });
});
