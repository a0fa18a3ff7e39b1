import { describe, expect, expectTypeOf, it } from 'vitest';
import { empirical } from '../../src/distributions/empirical.js';
import type { DiscreteDistribution } from '../../src/distributions/types.js';
import { SalvoError } from '../../src/errors.js';
import { createRng } from '../../src/rng/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectFillMatchesSample } from '../helpers/fill.js';
import { expectChiSquare, expectMoments } from '../helpers/stats.js';

const DATA = [3.1, -2, 7, 7, 0.5, 12.25, 4, 4, 4, -0.75, 1e-3, 9.99];

describe('empirical(data)', () => {
  it('has the population moments of the data (numpy mean and var)', () => {
    const d = empirical(DATA);
    expect(d.kind).toBe('discrete');
    expect(d.family).toBe('empirical');
    expect(d.mean).toBeCloseTo(4.090916666666667, 14);
    expect(d.variance).toBeCloseTo(17.45482590972222, 13);
    expect(d.min).toBe(-2);
    expect(d.max).toBe(12.25);
    expect(String(d)).toBe('empirical([-2, -0.75, 0.001, 0.5, 3.1, 4, 4, 4, ... 4 more])');
    expectTypeOf(d).toEqualTypeOf<DiscreteDistribution>();
  });

  it('quantile is numpy.quantile (linear, type 7)', () => {
    const d = empirical(DATA);
    // np.quantile(DATA, p)
    const numpy: [number, number][] = [
      [0, -2.0],
      [0.01, -1.8625],
      [0.1, -0.6748999999999999],
      [0.25, 0.37525],
      [0.3, 1.2799999999999996],
      [0.5, 4.0],
      [0.7, 6.099999999999998],
      [0.75, 7.0],
      [0.9, 9.691],
      [0.99, 12.001400000000002],
      [1, 12.25],
    ];
    for (const [p, q] of numpy) expect(d.quantile(p), `p = ${p}`).toBeCloseTo(q, 12);
    // Monotone in p, including across interpolation halves.
    let previous = Number.NEGATIVE_INFINITY;
    for (let i = 0; i <= 1000; i++) {
      const q = d.quantile(i / 1000);
      expect(q).toBeGreaterThanOrEqual(previous);
      previous = q;
    }
  });

  it('cdf is the ECDF and pmf the multiplicity / n', () => {
    const d = empirical(DATA);
    expect(d.cdf(-3)).toBe(0);
    expect(d.cdf(-2)).toBe(1 / 12);
    expect(d.cdf(4)).toBe(8 / 12);
    expect(d.cdf(3.99)).toBe(5 / 12);
    expect(d.cdf(12.25)).toBe(1);
    expect(d.cdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(d.cdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(d.pmf(4)).toBe(3 / 12);
    expect(d.pmf(7)).toBe(2 / 12);
    expect(d.pmf(3.1)).toBe(1 / 12);
    expect(d.pmf(3.2)).toBe(0);
    expect(() => d.cdf(Number.NaN)).toThrow(SalvoError);
    expect(() => d.pmf(Number.NaN)).toThrow(SalvoError);
    expect(() => d.quantile(1.5)).toThrow(SalvoError);
  });

  it('samples only data values, with the right frequencies and moments (fixed seed)', () => {
    const data = [0, 1, 1, 2, 3, 3, 3, 5, 8, 8];
    const d = empirical(Float64Array.from(data));
    const xs = d.sample(300_000, createRng('empirical'));
    const allowed = new Set(data);
    expect(xs.every((x) => allowed.has(x))).toBe(true);
    expectMoments(xs, d.mean, d.variance);
    expectChiSquare(xs, d, 0, 8);
  });

  it('copies the data: later changes to the input do not matter', () => {
    const data = [5, 1, 3];
    const d = empirical(data);
    data[0] = 100;
    expect(d.max).toBe(5);
    expect(data).toEqual([100, 1, 3]);
    const typed = Float64Array.of(2, 1);
    const e = empirical(typed);
    typed[0] = -10;
    expect(e.min).toBe(1);
  });

  it('handles a single value', () => {
    const d = empirical([42]);
    expect(d.mean).toBe(42);
    expect(d.variance).toBe(0);
    expect(d.quantile(0.3)).toBe(42);
    expect(d.sample(5, createRng(1))).toEqual(new Float64Array(5).fill(42));
  });

  it('fill consumes the generator exactly like sample, one uniform per draw', () => {
    const d = empirical(DATA);
    expectFillMatchesSample(d, 1000, 'fill');
    const c = createRng('fill');
    const sorted = [...DATA].sort((x, y) => x - y);
    const expected = Float64Array.from(
      { length: 1000 },
      () => sorted[Math.floor(c.nextFloat64() * 12)],
    );
    expect(d.sample(1000, createRng('fill'))).toEqual(expected);
  });

  it('is immutable', () => {
    const d = empirical(DATA);
    expect(Object.isFrozen(d)).toBe(true);
    expect(() => {
      (d as { mean: number }).mean = 3;
    }).toThrow(TypeError);
  });

  it('throws EMPTY_DATA for no data', () => {
    expectSalvoError(() => empirical([]), {
      code: 'EMPTY_DATA',
      parameter: 'data',
      messageIncludes: 'none',
    });
    expectSalvoError(() => empirical(new Float64Array(0)), {
      code: 'EMPTY_DATA',
      parameter: 'data',
      messageIncludes: 'none',
    });
  });

  it.each([
    [[1, 2, Number.NaN], 'data[2]', 'NaN'],
    [[Number.POSITIVE_INFINITY], 'data[0]', 'Infinity'],
    [Float64Array.of(1, Number.NEGATIVE_INFINITY), 'data[1]', '-Infinity'],
    [[1, '2' as unknown as number], 'data[1]', '"2"'],
  ])('throws INVALID_PARAMETER naming the bad element (%s)', (data, parameter, shown) => {
    expectSalvoError(() => empirical(data), {
      parameter,
      messageIncludes: `${parameter} must be a finite number, got ${shown}`,
    });
  });

  it('throws INVALID_PARAMETER for data that is not an array', () => {
    expectSalvoError(() => empirical(undefined as unknown as number[]), {
      parameter: 'data',
      messageIncludes: 'undefined',
    });
    expectSalvoError(() => empirical(Int32Array.of(1) as unknown as number[]), {
      parameter: 'data',
      messageIncludes: 'Int32Array',
    });
  });
});
