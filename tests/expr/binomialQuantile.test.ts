import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binomialQuantileOf } from '../../src/distributions/binomial.js';
import { binomial, model, uniform } from '../../src/index.js';

describe('binomialQuantile: the binomial quantile as an expression function', () => {
  it('matches scipy.stats.binom.ppf on known answers (both walks and the search)', () => {
    // python3 -c "from scipy.stats import binom; print(binom.ppf(q, n, p))"
    const cases: [number, number, number, number][] = [
      [0.3, 20, 0.8, 15], // walked from the top (p > 1/2)
      [0.5, 13, 0.45, 6], // walked from 0
      [0.999, 1000, 0.9, 928], // walked from the top, n p' = 100
      [0.05, 5000, 0.4, 1943], // n p' = 2000: the search over the exact cdf
      [1e-9, 50, 0.5, 5],
      [0.7, 1, 0.5, 1],
    ];
    for (const [level, n, p, expected] of cases) {
      expect(binomialQuantileOf(level, n, p), `ppf(${level}, ${n}, ${p})`).toBe(expected);
    }
  });

  it('agrees with binomial(n, p).quantile at any level (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 3_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (level, n, p) => {
          const expected = binomial(n, p).quantile(level);
          const got = binomialQuantileOf(level, n, p);
          // The walk sums the mass function where the distribution's quantile evaluates the cdf: at a
          // level within rounding of a cdf step the two may pick neighbouring counts.
          expect(Math.abs(got - expected)).toBeLessThanOrEqual(
            Math.abs(binomial(n, p).cdf(expected) - level) < 1e-12 ? 1 : 0,
          );
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('is NaN outside its domain, and the ends are exact', () => {
    for (const [level, n, p] of [
      [-0.1, 10, 0.5],
      [1.1, 10, 0.5],
      [Number.NaN, 10, 0.5],
      [0.5, 10.5, 0.5],
      [0.5, -1, 0.5],
      [0.5, 10, -0.1],
      [0.5, 10, 1.5],
      [0.5, Number.POSITIVE_INFINITY, 0.5],
    ]) {
      expect(binomialQuantileOf(level, n, p), `(${level}, ${n}, ${p})`).toBeNaN();
    }
    expect(binomialQuantileOf(0, 10, 0.5)).toBe(0);
    expect(binomialQuantileOf(1, 10, 0.5)).toBe(10);
    expect(binomialQuantileOf(0.5, 10, 0)).toBe(0);
    expect(binomialQuantileOf(0.5, 10, 1)).toBe(10);
    expect(binomialQuantileOf(0.5, 0, 0.3)).toBe(0);
    // A tail too thin to reach by summation ends the walk instead of running to n.
    expect(binomialQuantileOf(1 - 2 ** -53, 1e12, 1e-11)).toBeLessThan(100);
  });

  it('draws counts whose trials and probability vary by sample, in a model', () => {
    const run = model({ seed: 'voyages' })
      .input('level', uniform(0, 1))
      .input('capacity', uniform(4, 16))
      .input('share', uniform(0.2, 0.9))
      .derive('voyages', 'binomialQuantile(level, floor(capacity), share)')
      .run({ samples: 50_000 });
    const voyages = run.samples('voyages');
    const level = run.samples('level');
    const capacity = run.samples('capacity');
    const share = run.samples('share');
    let mean = 0;
    let expectedMean = 0;
    let variance = 0;
    for (let i = 0; i < voyages.length; i++) {
      const trials = Math.floor(capacity[i]);
      expect(voyages[i]).toBe(binomial(trials, share[i]).quantile(level[i]));
      mean += voyages[i];
      expectedMean += trials * share[i];
    }
    mean /= voyages.length;
    expectedMean /= voyages.length;
    for (let i = 0; i < voyages.length; i++) variance += (voyages[i] - mean) ** 2;
    const standardError = Math.sqrt(variance / voyages.length / voyages.length);
    expect(Math.abs(mean - expectedMean)).toBeLessThan(4 * standardError);
    // Interpreted the same as generated
    const interpreted = model({ seed: 'x' })
      .input('level', uniform(0, 1))
      .derive('k', 'binomialQuantile(level, 12, 0.4)')
      .run({ samples: 100 });
    for (const [i, k] of interpreted.samples('k').entries()) {
      expect(k).toBe(binomial(12, 0.4).quantile(interpreted.samples('level')[i]));
    }
  });

  it('is a function name: refused as a node name, checked for its arity', () => {
    expect(() => model({ seed: 1 }).input('binomialQuantile', uniform(0, 1))).toThrow(
      /is a function name in expressions/,
    );
    expect(() =>
      model({ seed: 1 }).input('u', uniform(0, 1)).derive('k', 'binomialQuantile(u, 10)'),
    ).toThrow(/binomialQuantile takes 3 arguments, got 2/);
  });
});
