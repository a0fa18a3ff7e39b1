/**
 * Invariants of every family over wide parameter ranges, extremes included (1e±300, subnormals, tiny
 * and huge shapes): the factory either throws a SalvoError or returns a distribution whose samples are
 * finite and in its support, whose cdf is a monotone probability, whose quantile is monotone and in the
 * support, and whose every call returns within a deadline (a correctness bound, not a benchmark).
 * Issue 16: "every input gets either a correct answer or a coded error, promptly".
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { Distribution } from '../../src/index.js';
import * as salvo from '../../src/index.js';

const { SalvoError, createRng } = salvo;

/** A single call must return within this many milliseconds. */
const DEADLINE_MS = 500;

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
const probability = fc.oneof(
  fc.constantFrom(0, 5e-324, 1e-300, 1e-12, 0.5, 1 - 1e-12, 1 - 2 ** -53, 1),
  fc.double({ min: 0, max: 1, noNaN: true }),
);
const ordered = fc.tuple(signed, signed).filter(([a, b]) => a < b);
const ordered3 = fc.tuple(signed, signed, signed).map((xs) => xs.sort((a, b) => a - b));

/** Runs `f` and fails when it takes longer than the deadline. */
function timed<T>(what: string, f: () => T): T {
  const start = performance.now();
  const result = f();
  const elapsed = performance.now() - start;
  if (elapsed > DEADLINE_MS) throw new Error(`${what} took ${elapsed.toFixed(0)} ms`);
  return result;
}

function check(name: string, make: () => Distribution, levels: number[]): void {
  let dist: Distribution;
  try {
    dist = timed(`${name} factory`, make);
  } catch (error) {
    if (error instanceof SalvoError) return;
    throw error;
  }
  const { min, max } = dist;
  const inSupport = (x: number) => x >= min && x <= max;
  const samples = timed(`${name}.sample`, () => dist.sample(64, createRng('invariants')));
  for (const x of samples) {
    if (!Number.isFinite(x) || !inSupport(x)) throw new Error(`${name} sampled ${x}`);
  }
  const ps = [0, 1, 0.5, ...levels].sort((a, b) => a - b);
  let previousX = Number.NEGATIVE_INFINITY;
  const xs: number[] = [];
  for (const p of ps) {
    const x = timed(`${name}.quantile(${p})`, () => dist.quantile(p));
    if (Number.isNaN(x) || !inSupport(x)) throw new Error(`${name}.quantile(${p}) = ${x}`);
    if (x < previousX) throw new Error(`${name}.quantile not monotone at p = ${p}`);
    previousX = x;
    xs.push(x);
  }
  const abscissae = [...xs, ...samples, min, max, -Infinity, Infinity].sort((a, b) => a - b);
  let previousP = 0;
  for (const x of abscissae) {
    const p = timed(`${name}.cdf(${x})`, () => dist.cdf(x));
    if (!(p >= 0 && p <= 1)) throw new Error(`${name}.cdf(${x}) = ${p}`);
    if (p < previousP) throw new Error(`${name}.cdf not monotone at x = ${x}: ${p} < ${previousP}`);
    previousP = p;
  }
}

interface Family {
  name: string;
  args: fc.Arbitrary<number[]>;
  make: (args: number[]) => Distribution;
}

const families: Family[] = [
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

describe('distribution invariants over extreme parameters', () => {
  for (const family of families) {
    it(`${family.name}: a SalvoError, or samples, cdf and quantile that keep their invariants, promptly`, () => {
      fc.assert(
        fc.property(
          family.args as fc.Arbitrary<never>,
          fc.array(probability, { maxLength: 4 }),
          (args, levels) => {
            check(
              `${family.name}(${(args as number[]).join(', ')})`,
              () => family.make(args),
              levels,
            );
          },
        ),
        { seed: 16, numRuns: Number(process.env.INVARIANT_RUNS ?? 40) },
      );
    });
  }
});
