import fc from 'fast-check';
import * as ss from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { max, min } from '../../src/samples/extremes.js';
import { mean, sd, variance } from '../../src/samples/moments.js';
import { nastyArray } from './arbitraries.js';

const f64 = (...xs: number[]) => Float64Array.from(xs);

describe('mean, variance, sd: known answers and oracles', () => {
  it('match numpy on a small array (numpy 2.4.6, hard-coded)', () => {
    const x = f64(3.2, -1.5, 7.7, 0.0, 2.2, 2.2, 9.1, -4.4, 5.5, 1.1);
    // np.mean(x), np.var(x, ddof=1), np.var(x), np.std(x, ddof=1)
    expect(mean(x)).toBe(2.5100000000000002);
    expect(variance(x)).toBeCloseTo(16.898777777777777, 13);
    expect(variance(x, { ddof: 0 })).toBeCloseTo(15.2089, 13);
    expect(sd(x)).toBeCloseTo(4.110812301453056, 14);
    expect(sd(f64(2, 4, 4, 4, 5, 5, 7, 9), { ddof: 0 })).toBe(2);
  });

  it('agree with simple-statistics on random data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 50 }),
        (values) => {
          const scale = Math.max(1, ...values.map(Math.abs));
          const tol = 1e-12 * scale;
          return (
            Math.abs(mean(values) - ss.mean(values)) <= tol &&
            Math.abs(variance(values) - ss.sampleVariance(values)) <= 1e-9 * scale * scale &&
            Math.abs(sd(values, { ddof: 0 }) - ss.standardDeviation(values)) <= 1e-9 * scale
          );
        },
      ),
    );
  });

  it('mean lies within [min, max]', () => {
    fc.assert(
      fc.property(nastyArray, (values) => {
        fc.pre(values.some((v) => Number.isFinite(v)));
        const m = mean(values);
        return Number.isFinite(m) && m >= min(values) && m <= max(values);
      }),
      { numRuns: 500 },
    );
  });

  it('compensated sums keep what a naive sum loses', () => {
    // A naive left-to-right sum gives 0 for the first and 0 for the second.
    expect(mean([1e16, 1, -1e16])).toBe(1 / 3);
    expect(mean([1, 1e100, 1, -1e100])).toBe(0.5);
    // 1e6 copies of 0.1: a naive sum drifts to 100000.00000133288 (mean 0.10000000000133288).
    expect(mean(new Float64Array(1_000_000).fill(0.1))).toBe(0.1);
    // The textbook variance trap: a large offset with a small spread (exact answer 30).
    expect(variance([1e15 + 4, 1e15 + 7, 1e15 + 13, 1e15 + 16])).toBe(30);
    expect(variance([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])).toBe(30);
  });

  it('rescales instead of overflowing', () => {
    expect(mean([1e308, 1e308, 1e308])).toBe(1e308);
    // numpy returns inf for np.std([1e200, 3e200], ddof=1); the exact answer is sqrt(2)e200.
    expect(sd([1e200, 3e200])).toBeCloseTo(Math.SQRT2 * 1e200, -186);
    expect(sd([1e308, -1e308, 1e308, -1e308])).toBeCloseTo(1.1547005383792515e308, -293);
    expect(variance([1e308, -1e308])).toBe(Infinity);
  });

  it('a constant vector has variance exactly 0', () => {
    expect(variance(new Float64Array(1001).fill(0.1))).toBe(0);
  });
});
