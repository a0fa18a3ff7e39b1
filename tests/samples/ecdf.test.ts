import { describe, expect, it } from 'vitest';
import { ecdf } from '../../src/samples/ecdf.js';
import { thrownSalvoError } from '../helpers/errors.js';

const f64 = (...xs: number[]) => Float64Array.from(xs);

describe('ecdf', () => {
  // Reference: np.searchsorted(np.sort(x), t, side='right') / len(x) (numpy 2.4.6, hard-coded).
  const x = f64(3.2, -1.5, 7.7, 0.0, 2.2, 2.2, 9.1, -4.4, 5.5, 1.1);
  const points = [-5, -4.4, 0, 2.2, 2.5, 9.1, 10];
  const numpy = [0, 0.1, 0.3, 0.6, 0.6, 1, 1];

  it('matches the right-continuous step function', () => {
    const F = ecdf(x);
    expect(points.map((t) => F(t))).toEqual(numpy);
    expect(F.evaluate(points)).toEqual(Float64Array.from(numpy));
    expect(F(-Infinity)).toBe(0);
    expect(F(Infinity)).toBe(1);
    expect(F.count).toBe(10);
    expect(F.nonFinite).toBe(0);
  });

  it('sets non-finite values aside and rejects NaN points', () => {
    const F = ecdf(f64(3, 1, 2, 2, Number.NaN, Infinity));
    expect(F(2)).toBe(0.75);
    expect(F.nonFinite).toBe(2);
    expect(thrownSalvoError(() => F(Number.NaN)).parameter).toBe('x');
    expect(thrownSalvoError(() => F.evaluate([1, Number.NaN])).parameter).toBe('xs[1]');
  });

  it('does not change when its input changes later', () => {
    const values = f64(1, 2, 3, 4);
    const F = ecdf(values);
    values.fill(100);
    expect(F(2)).toBe(0.5);
  });
});
