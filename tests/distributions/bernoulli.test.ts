import { describe, expect, it } from 'vitest';
import { bernoulli } from '../../src/distributions/bernoulli.js';
import { createRng } from '../../src/rng/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectFillMatchesSample } from '../helpers/fill.js';
import { expectChiSquare, expectMoments, expectRate } from '../helpers/stats.js';

describe('bernoulli(p) known answers', () => {
  it('has the mass, cdf and quantile of a biased coin', () => {
    const d = bernoulli(0.3);
    expect(d.mean).toBe(0.3);
    expect(d.variance).toBe(0.3 * 0.7);
    expect(d.pmf(1)).toBe(0.3);
    expect(d.pmf(0)).toBe(0.7);
    expect(d.pmf(0.5)).toBe(0);
    expect(d.pmf(2)).toBe(0);
    expect(d.cdf(-1)).toBe(0);
    expect(d.cdf(0)).toBe(0.7);
    expect(d.cdf(0.99)).toBe(0.7);
    expect(d.cdf(1)).toBe(1);
    expect(d.cdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(d.quantile(0)).toBe(0);
    expect(d.quantile(0.7)).toBe(0);
    expect(d.quantile(0.7000001)).toBe(1);
    expect(d.quantile(1)).toBe(1);
    expect(d.min).toBe(0);
    expect(d.max).toBe(1);
    expect(d.toString()).toBe('bernoulli(0.3)');
    expect(Object.isFrozen(d)).toBe(true);
    expect(d.kind).toBe('discrete');
  });

  it('p = 0 and p = 1 are point masses', () => {
    const zero = bernoulli(0);
    const one = bernoulli(1);
    expect(zero.sample(1000, createRng('b0')).every((x) => x === 0)).toBe(true);
    expect(one.sample(1000, createRng('b1')).every((x) => x === 1)).toBe(true);
    expect(zero.quantile(1)).toBe(0);
    expect(one.quantile(0)).toBe(1);
    expect(one.quantile(0.5)).toBe(1);
    expect([zero.min, zero.max, one.min, one.max]).toEqual([0, 0, 1, 1]);
  });
});

describe('bernoulli(p).sample (fixed seed)', () => {
  for (const p of [0.5, 0.3, 0.001, 0.999]) {
    it(`p = ${p}: moments and chi-square over 1e6 draws`, () => {
      const d = bernoulli(p);
      const xs = d.sample(1_000_000, createRng(`bernoulli-${p}`));
      expect(xs.every((x) => x === 0 || x === 1)).toBe(true);
      if (p === 0.5) {
        // The sample variance of a fair coin has no first-order spread (m4 = variance^2), which the
        // moment helper's standard error cannot express: check the mean alone, then the frequencies.
        let ones = 0;
        for (const x of xs) ones += x;
        expectRate(ones, xs.length, 0.5, 'ones');
      } else {
        expectMoments(xs, p, p * (1 - p));
      }
      expectChiSquare(xs, d, 0, 1);
    });
  }

  it('fill consumes the generator exactly as sample does', () => {
    expectFillMatchesSample(bernoulli(0.4), 777, 'same');
  });

  it('is a threshold on the uniform stream: draws are monotone in p', () => {
    const low = bernoulli(0.2).sample(10_000, createRng('coupled'));
    const high = bernoulli(0.6).sample(10_000, createRng('coupled'));
    for (let i = 0; i < low.length; i++) expect(low[i] <= high[i]).toBe(true);
  });
});

describe('bernoulli validation', () => {
  it('rejects p outside [0, 1] with INVALID_PARAMETER naming p', () => {
    for (const bad of [
      -0.1,
      1.1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      null as unknown as number,
    ]) {
      expectSalvoError(() => bernoulli(bad), { parameter: 'p' });
    }
  });

  it('rejects bad method arguments', () => {
    const d = bernoulli(0.5);
    expectSalvoError(() => d.pmf(Number.NaN), { parameter: 'x' });
    expectSalvoError(() => d.quantile(-0.1), { parameter: 'p' });
    expectSalvoError(() => d.fill([] as unknown as Float64Array, createRng(1)), {
      parameter: 'out',
    });
  });
});
