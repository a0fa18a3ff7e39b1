import { describe, expect, it } from 'vitest';
import { categorical } from '../../src/distributions/categorical.js';
import { createRng } from '../../src/rng/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectFillMatchesSample } from '../helpers/fill.js';
import { expectChiSquare, expectMoments } from '../helpers/stats.js';

describe('categorical(values, weights) known answers', () => {
  it('normalises weights, merges repeated values and sorts the support', () => {
    const d = categorical([20, 40, 60, 40], [1, 2, 1, 1]);
    expect(d.support).toEqual([20, 40, 60]);
    expect(d.probabilities).toEqual([0.2, 0.6, 0.2]);
    expect(d.mean).toBe(40);
    expect(d.variance).toBeCloseTo(160, 12);
    expect(d.pmf(40)).toBe(0.6);
    expect(d.pmf(41)).toBe(0);
    expect(d.cdf(19.9)).toBe(0);
    expect(d.cdf(20)).toBe(0.2);
    expect(d.cdf(45)).toBe(0.8);
    expect(d.cdf(60)).toBe(1);
    expect(d.cdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(d.cdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(d.quantile(0)).toBe(20);
    expect(d.quantile(0.2)).toBe(20);
    expect(d.quantile(0.2000001)).toBe(40);
    expect(d.quantile(0.8)).toBe(40);
    expect(d.quantile(0.9)).toBe(60);
    expect(d.quantile(1)).toBe(60);
    expect([d.min, d.max]).toEqual([20, 60]);
    expect(d.params).toEqual({ size: 3 });
    expect(d.toString()).toBe('categorical([20, 40, 60, 40], [1, 2, 1, 1])');
    expect(Object.isFrozen(d)).toBe(true);
    expect(Object.isFrozen(d.support)).toBe(true);
  });

  it('accepts Float64Arrays, unsorted and negative values, and leaves zero weights out', () => {
    const d = categorical(Float64Array.of(3, -1.5, 7, 0), Float64Array.of(2, 1, 0, 1));
    expect(d.support).toEqual([-1.5, 0, 3]);
    expect(d.probabilities).toEqual([0.25, 0.25, 0.5]);
    expect(d.pmf(7)).toBe(0);
    expect(d.max).toBe(3);
    expect(d.mean).toBe(-1.5 * 0.25 + 3 * 0.5);
  });

  it('handles weights that would overflow a plain sum', () => {
    const d = categorical([1, 2], [1e308, 1e308]);
    expect(d.probabilities).toEqual([0.5, 0.5]);
  });

  it('treats -0 and 0 as one value', () => {
    expect(categorical([-0, 0], [1, 1]).support).toEqual([0]);
  });

  it('a single value is a point mass', () => {
    const d = categorical([5], [3]);
    expect(d.sample(100, createRng('one')).every((x) => x === 5)).toBe(true);
    expect(d.quantile(0.5)).toBe(5);
    expect(d.variance).toBe(0);
  });
});

describe('categorical sampling by the alias method (fixed seed)', () => {
  it('reproduces uneven weights over 10 values (1e6 draws)', () => {
    const values = Array.from({ length: 10 }, (_, i) => i);
    const weights = [5, 0.1, 3, 0, 7, 1, 1, 20, 0.5, 2];
    const d = categorical(values, weights);
    const xs = d.sample(1_000_000, createRng('alias-10'));
    expectMoments(xs, d.mean, d.variance);
    expectChiSquare(xs, d, 0, 9);
    expect(xs.every((x) => x !== 3)).toBe(true);
  });

  it('reproduces 500 values with weights spanning 6 orders of magnitude (1e6 draws)', () => {
    const values = Array.from({ length: 500 }, (_, i) => i);
    const weights = values.map((i) => 10 ** ((i % 13) / 2));
    const d = categorical(values, weights);
    const xs = d.sample(1_000_000, createRng('alias-500'));
    expectMoments(xs, d.mean, d.variance);
    expectChiSquare(xs, d, 0, 499);
  });

  it('reproduces a non-power-of-two size with one dominant value', () => {
    const values = [0, 1, 2, 3, 4, 5, 6];
    const weights = [1000, 1, 1, 1, 1, 1, 1];
    const d = categorical(values, weights);
    const xs = d.sample(500_000, createRng('alias-7'));
    expectMoments(xs, d.mean, d.variance);
    expectChiSquare(xs, d, 0, 6);
  });

  it('fill consumes the generator exactly as sample does (one uniform per draw)', () => {
    const { next } = expectFillMatchesSample(categorical([1, 2, 3], [1, 2, 3]), 500, 'same');
    const c = createRng('same');
    c.fillFloat64(new Float64Array(500));
    expect(c.nextUint32()).toBe(next);
  });
});

describe('categorical validation', () => {
  it('names the offending value or weight', () => {
    expectSalvoError(() => categorical([1, 2], [1, -1]), { parameter: 'weights[1]' });
    expectSalvoError(() => categorical([1, 2], [Number.NaN, 1]), { parameter: 'weights[0]' });
    expectSalvoError(() => categorical([1, 2], [1, Number.POSITIVE_INFINITY]), {
      parameter: 'weights[1]',
    });
    expectSalvoError(() => categorical([1, Number.NaN], [1, 1]), { parameter: 'values[1]' });
    expectSalvoError(() => categorical([Number.POSITIVE_INFINITY], [1]), {
      parameter: 'values[0]',
    });
  });

  it('rejects mismatched lengths, empty input, all-zero weights and non-arrays', () => {
    expectSalvoError(() => categorical([1, 2, 3], [1, 2]), {
      code: 'LENGTH_MISMATCH',
      parameter: 'weights',
    });
    expectSalvoError(() => categorical([], []), { code: 'EMPTY_DATA', parameter: 'values' });
    expectSalvoError(() => categorical([1, 2], [0, 0]), { parameter: 'weights' });
    expectSalvoError(() => categorical('12' as unknown as number[], [1, 2]), {
      parameter: 'values',
    });
    expectSalvoError(() => categorical([1, 2], null as unknown as number[]), {
      parameter: 'weights',
    });
  });
});
