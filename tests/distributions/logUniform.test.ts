import { describe, expect, it } from 'vitest';
import { logUniform } from '../../src/distributions/logUniform.js';
import { createRng } from '../../src/rng/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectFillMatchesSample } from '../helpers/fill.js';
import { close, expectMatchesReference } from '../helpers/reference.js';
import { expectKs, expectMoments, expectQuantileInvertsCdf, expectRate } from '../helpers/stats.js';

// scipy.stats.loguniform(a, b): mean, var, [x, cdf], [p, ppf], pdf at the geometric mean.
const SCIPY = [
  {
    min: 0.001,
    max: 1,
    mean: 0.14462006247378287,
    variance: 0.051467378798207467,
    cdf: [
      [0.0015, 0.05869708635189378],
      [0.9090909090909091, 0.9862024382805916],
    ],
    quantile: [
      [0.1, 0.00199526231496888],
      [0.5, 0.0316227766016838],
      [0.9, 0.5011872336272724],
    ],
    pdfAtMedian: 4.577865793523512,
  },
  {
    min: 2,
    max: 3,
    mean: 2.4663034623764313,
    variance: 0.08310588741110436,
    cdf: [
      [2.449489742783178, 0.4999999999999996],
      [2.727272727272727, 0.7649361735488731],
    ],
    quantile: [
      [0.1, 2.0827594879848212],
      [0.5, 2.449489742783178],
      [0.9, 2.880793502376654],
    ],
    pdfAtMedian: 1.0068641722802845,
  },
  {
    min: 1e-9,
    max: 1e9,
    mean: 24127471.216847308,
    variance: 1.148160074110385e16,
    cdf: [
      [1.5000000000000002e-9, 0.009782847725315609],
      [909090909.090909, 0.9977004063800985],
    ],
    quantile: [
      [0.1, 6.30957344480194e-8],
      [0.5, 1.0],
      [0.9, 15848931.924611172],
    ],
    pdfAtMedian: 0.024127471216847326,
  },
];

describe('logUniform(min, max)', () => {
  it('matches scipy.stats.loguniform: moments, cdf, quantile and pdf within 1e-12', () => {
    const distributions = expectMatchesReference(SCIPY, (c) => logUniform(c.min, c.max), {
      mean: 1e-13,
      variance: 1e-12,
      cdf: 1e-12,
      density: 1e-12,
      quantile: 1e-12,
    });
    for (const [i, c] of SCIPY.entries()) {
      const d = distributions[i];
      const median = Math.sqrt(c.min * c.max);
      expect(close(d.pdf(median), c.pdfAtMedian, 1e-12)).toBe(true);
      expect(close(d.cdf(median), 0.5, 1e-14)).toBe(true);
    }
  });

  it('keeps the digits of mean and variance when max / min is close to 1 (mpmath)', () => {
    const d = logUniform(1, 1 + 1e-6);
    expect(close(d.mean, 1.0000004999999166, 1e-15)).toBe(true);
    expect(close(d.variance, 8.333333333333195e-14, 1e-9)).toBe(true);
    const e = logUniform(1, 1 + 2 ** -40);
    expect(close(e.mean, 1.0000000000004547, 1e-15)).toBe(true);
    expect(close(e.variance, 6.893171771275231e-26, 1e-9)).toBe(true);
  });

  it('describes itself, is frozen, and is exact at the ends of its support', () => {
    const d = logUniform(0.001, 1);
    expect([d.family, d.kind, d.min, d.max]).toEqual(['logUniform', 'continuous', 0.001, 1]);
    expect(d.params).toEqual({ min: 0.001, max: 1 });
    expect(String(d)).toBe('logUniform(0.001, 1)');
    expect(Object.isFrozen(d)).toBe(true);
    expect([d.quantile(0), d.quantile(1)]).toEqual([0.001, 1]);
    expect([d.cdf(0.001), d.cdf(1), d.cdf(-1), d.cdf(2), d.pdf(0.0005), d.pdf(2)]).toEqual([
      0, 1, 0, 1, 0, 0,
    ]);
    expectQuantileInvertsCdf(d, [0.0011, 0.01, 0.1, 0.5, 0.99], 1e-12);
  });

  it('samples lie in [min, max] with the right moments and distribution (1e6 draws, KS)', () => {
    const d = logUniform(0.001, 1);
    const xs = d.sample(1_000_000, createRng('log-uniform'));
    for (const x of xs)
      if (!(x >= 0.001 && x <= 1)) expect.unreachable(`sample ${x} outside [0.001, 1]`);
    expectMoments(xs, d.mean, d.variance);
    expectKs(xs, (x) => d.cdf(x));
    // log X is uniform: the share of samples in each decade is 1/3.
    let firstDecade = 0;
    for (const x of xs) if (x < 0.01) firstDecade++;
    expectRate(firstDecade, xs.length, 1 / 3, 'draws in [0.001, 0.01)');
  });

  it('fill consumes one nextFloat64 per draw, exactly as sample', () => {
    const { next } = expectFillMatchesSample(logUniform(2, 3), 1000, 'log-uniform-stream');
    const c = createRng('log-uniform-stream');
    for (let i = 0; i < 1000; i++) c.nextFloat64();
    expect(c.nextUint32()).toBe(next);
  });

  it('rejects bounds that are not finite, not > 0, or out of order, naming the bound', () => {
    for (const min of [0, -1, Number.NaN, Infinity]) {
      expectSalvoError(() => logUniform(min, 10), { parameter: 'min' });
    }
    expectSalvoError(() => logUniform(1, Number.NaN), { parameter: 'max' });
    expectSalvoError(() => logUniform(1, Infinity), { parameter: 'max' });
    expectSalvoError(() => logUniform(10, 1), { parameter: 'min' });
    expectSalvoError(() => logUniform(3, 3), { parameter: 'min' });
  });
});
