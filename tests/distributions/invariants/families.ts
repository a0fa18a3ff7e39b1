/**
 * The families that tests/distributions/invariants.test.ts checks, with arbitraries for their parameters
 * over wide ranges, extremes included (1e±300, subnormals, tiny and huge shapes). Shared by the test
 * (which needs the names) and the worker thread that runs the checks (which needs the rest).
 */
import fc from 'fast-check';
import type { Distribution } from '../../../src/index.js';
import * as salvo from '../../../src/index.js';

const landmarks = [
  5e-324, 1e-310, 1e-300, 1e-100, 1e-20, 1e-10, 0.001, 0.1, 0.5, 1, 2, 10, 1e3, 1e10, 1e15, 1e20,
  1e100, 1e300, 1.7976931348623157e308,
];
/** Positive numbers from subnormal to the largest double, landmarks over-represented. */
const positive = fc.oneof(
  fc.constantFrom(...landmarks),
  fc.double({ min: 5e-324, max: 1.7976931348623157e308, noNaN: true }),
  fc.double({ min: 1e-3, max: 1e3, noNaN: true }).filter((x) => x > 0),
);
const signed = fc.oneof(
  positive,
  positive.map((x) => -x),
  fc.constant(0),
);
export const probability = fc.oneof(
  fc.constantFrom(0, 5e-324, 1e-300, 1e-12, 0.5, 1 - 1e-12, 1 - 2 ** -53, 1),
  fc.double({ min: 0, max: 1, noNaN: true }),
);
const ordered = fc.tuple(signed, signed).filter(([a, b]) => a < b);
const ordered3 = fc.tuple(signed, signed, signed).map((xs) => xs.sort((a, b) => a - b));

export interface Family {
  name: string;
  args: fc.Arbitrary<number[]>;
  make: (args: number[]) => Distribution;
}

export const families: Family[] = [
  { name: 'uniform', args: ordered, make: ([a, b]) => salvo.uniform(a, b) },
  { name: 'normal', args: fc.tuple(signed, positive), make: ([m, s]) => salvo.normal(m, s) },
  { name: 'lognormal', args: fc.tuple(signed, positive), make: ([m, s]) => salvo.lognormal(m, s) },
  {
    name: 'ci',
    args: fc.tuple(ordered, probability).map(([[a, b], l]) => [a, b, l]),
    make: ([a, b, l]) => salvo.ci(a, b, { level: l }),
  },
  {
    name: 'normal.ci',
    args: fc.tuple(ordered, probability).map(([[a, b], l]) => [a, b, l]),
    make: ([a, b, l]) => salvo.normal.ci(a, b, { level: l }),
  },
  { name: 'exponential', args: fc.tuple(positive), make: ([r]) => salvo.exponential(r) },
  { name: 'gamma', args: fc.tuple(positive, positive), make: ([k, t]) => salvo.gamma(k, t) },
  { name: 'beta', args: fc.tuple(positive, positive), make: ([a, b]) => salvo.beta(a, b) },
  { name: 'pert', args: ordered3, make: ([a, m, b]) => salvo.pert(a, m, b) },
  { name: 'triangular', args: ordered3, make: ([a, m, b]) => salvo.triangular(a, m, b) },
  { name: 'logUniform', args: ordered, make: ([a, b]) => salvo.logUniform(a, b) },
  {
    name: 'studentT',
    args: fc.tuple(positive, signed, positive),
    make: ([df, location, scale]) => salvo.studentT(df, { location, scale }),
  },
  { name: 'constant', args: fc.tuple(signed), make: ([x]) => salvo.constant(x) },
  { name: 'bernoulli', args: fc.tuple(probability), make: ([p]) => salvo.bernoulli(p) },
  { name: 'poisson', args: fc.tuple(positive), make: ([l]) => salvo.poisson(l) },
  {
    name: 'binomial',
    args: fc.tuple(positive, probability),
    make: ([n, p]) => salvo.binomial(Math.round(n), p),
  },
  {
    name: 'negativeBinomial',
    args: fc.tuple(positive, probability),
    make: ([r, p]) => salvo.negativeBinomial(r, p),
  },
  {
    name: 'truncated(beta)',
    args: fc.tuple(positive, positive, ordered).map(([a, b, [lo, hi]]) => [a, b, lo, hi]),
    make: ([a, b, lo, hi]) => salvo.truncated(salvo.beta(a, b), { min: lo, max: hi }),
  },
  {
    name: 'truncated(normal)',
    args: fc.tuple(signed, positive, ordered).map(([m, s, [lo, hi]]) => [m, s, lo, hi]),
    make: ([m, s, lo, hi]) => salvo.truncated(salvo.normal(m, s), { min: lo, max: hi }),
  },
];
