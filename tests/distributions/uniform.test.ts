import { describe, expect, it } from 'vitest';
import { uniform } from '../../src/distributions/uniform.js';
import { SalvoError } from '../../src/errors.js';
import { createRng } from '../../src/rng/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectFillMatchesSample } from '../helpers/fill.js';
import { expectKs, expectMoments, expectQuantileInvertsCdf } from '../helpers/stats.js';

describe('uniform(min, max)', () => {
  it('has the closed-form moments, cdf, quantile and pdf', () => {
    const d = uniform(2, 10);
    expect(d.mean).toBe(6);
    expect(d.variance).toBeCloseTo(64 / 12, 14);
    expect(d.cdf(4)).toBe(0.25);
    expect(d.cdf(-1)).toBe(0);
    expect(d.cdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(d.quantile(0.75)).toBe(8);
    expect(d.pdf(5)).toBe(1 / 8);
    expect(d.pdf(11)).toBe(0);
    expect(String(d)).toBe('uniform(2, 10)');
    expectQuantileInvertsCdf(d, [2, 3.3, 9.99]);
  });

  it('samples with the right moments and distribution (fixed seed)', () => {
    const d = uniform(-3, 5);
    const xs = d.sample(200_000, createRng('uniform'));
    expect(xs.every((x) => x >= -3 && x < 5)).toBe(true);
    expectMoments(xs, d.mean, d.variance);
    expectKs(xs, (x) => d.cdf(x));
  });

  it('fill consumes the generator exactly like sample', () => {
    expectFillMatchesSample(uniform(0, 1), 100, 9);
  });

  it('is immutable', () => {
    const d = uniform(0, 1);
    expect(Object.isFrozen(d)).toBe(true);
    expect(() => {
      (d as { mean: number }).mean = 3;
    }).toThrow(TypeError);
  });

  it.each([
    [Number.NaN, 1, 'min', 'NaN'],
    [0, Number.POSITIVE_INFINITY, 'max', 'Infinity'],
    [2, 2, 'min', 'min = 2, max = 2'],
    [3, 1, 'min', 'min = 3, max = 1'],
  ])('uniform(%s, %s) throws INVALID_PARAMETER naming %s', (min, max, parameter, shown) => {
    expectSalvoError(() => uniform(min, max), { parameter, messageIncludes: shown });
  });

  it('rejects bad sample counts, buffers, generators and arguments', () => {
    const d = uniform(0, 1);
    const rng = createRng(1);
    expect(() => d.sample(-1, rng)).toThrow(/n must be an integer sample count/);
    expect(() => d.sample(1.5, rng)).toThrow(SalvoError);
    expect(() => d.fill([] as unknown as Float64Array, rng)).toThrow(/out must be a Float64Array/);
    expect(() => d.sample(3, {} as never)).toThrow(/rng must be a generator/);
    expect(() => d.quantile(1.1)).toThrow(/p must be a probability in \[0, 1\], got 1.1/);
    expect(() => d.cdf(Number.NaN)).toThrow(/x must be a number, got NaN/);
  });
});
