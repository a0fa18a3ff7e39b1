import { describe, expect, expectTypeOf, it } from 'vitest';
import { constant } from '../../src/distributions/constant.js';
import type { DiscreteDistribution } from '../../src/distributions/types.js';
import { createRng } from '../../src/rng/index.js';
import { expectSalvoError } from '../helpers/errors.js';

describe('constant(value)', () => {
  it('is a point mass: moments, support, step cdf, constant quantile, pmf', () => {
    const d = constant(6700);
    expectTypeOf(d).toEqualTypeOf<DiscreteDistribution>();
    expect([d.family, d.kind, d.mean, d.variance, d.min, d.max]).toEqual([
      'constant',
      'discrete',
      6700,
      0,
      6700,
      6700,
    ]);
    expect(d.params).toEqual({ value: 6700 });
    expect(String(d)).toBe('constant(6700)');
    expect(Object.isFrozen(d)).toBe(true);
    expect([d.cdf(-Infinity), d.cdf(6699.999), d.cdf(6700), d.cdf(1e300), d.cdf(Infinity)]).toEqual(
      [0, 0, 1, 1, 1],
    );
    for (const p of [0, 1e-12, 0.25, 0.5, 1]) expect(d.quantile(p)).toBe(6700);
    expect([d.pmf(6700), d.pmf(6700.0000001), d.pmf(0)]).toEqual([1, 0, 0]);
    expect(constant(-0.5).cdf(-0.5)).toBe(1);
    expect(constant(0).pmf(-0)).toBe(1);
  });

  it('samples are all the value and consume no randomness', () => {
    const d = constant(-3.25);
    const rng = createRng('constant');
    const before = rng.getState();
    expect(Array.from(d.sample(5, rng))).toEqual([-3.25, -3.25, -3.25, -3.25, -3.25]);
    const out = new Float64Array(1000).fill(Number.NaN);
    expect(d.fill(out, rng)).toBe(out);
    expect(out.every((x) => x === -3.25)).toBe(true);
    expect(rng.getState()).toEqual(before);
    expect(d.sample(0, rng).length).toBe(0);
  });

  it('rejects a value that is NaN or infinite, and bad arguments to its methods', () => {
    for (const value of [Number.NaN, Infinity, -Infinity]) {
      expectSalvoError(() => constant(value), { parameter: 'value' });
    }
    const d = constant(1);
    expectSalvoError(() => d.pmf(Number.NaN), { parameter: 'x' });
    expectSalvoError(() => d.cdf(Number.NaN), { parameter: 'x' });
    expectSalvoError(() => d.quantile(Number.NaN), { parameter: 'p' });
    expectSalvoError(() => d.sample(1.5, createRng(1)), {
      code: 'INVALID_SAMPLE_COUNT',
      parameter: 'n',
    });
    expectSalvoError(() => d.sample(1, {} as never), { parameter: 'rng' });
  });
});
