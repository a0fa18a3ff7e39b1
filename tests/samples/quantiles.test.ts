import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { max, min } from '../../src/samples/extremes.js';
import { quantile, quantiles } from '../../src/samples/quantiles.js';
import { nastyArray, probabilityArb } from './arbitraries.js';

const f64 = (...xs: number[]) => Float64Array.from(xs);

/** numpy's `_lerp`, the reference for type-7 interpolation (with the overflow guard salvo adds). */
function lerp(a: number, b: number, t: number): number {
  if (t === 0) return a;
  const d = b - a;
  if (!Number.isFinite(d)) return (1 - t) * a + t * b;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/** Type-7 quantiles read from a fully sorted copy of the finite values: the oracle. */
function sortedQuantiles(values: ArrayLike<number>, ps: readonly number[]): number[] {
  const sorted = Float64Array.from(values)
    .filter((x) => Number.isFinite(x))
    .sort();
  const m = sorted.length;
  return ps.map((p) => {
    const h = (m - 1) * p;
    const lo = Math.floor(h);
    return lerp(sorted[lo], sorted[lo + 1], h - lo);
  });
}

/** Equality where -0 and 0 are the same (selection does not order them) but NaN is never equal. */
const sameNumber = (a: number, b: number) => a === b;

describe('quantile / quantiles: known answers (numpy 2.4.6, np.quantile default method, values hard-coded)', () => {
  // python3 -c "import numpy as np; print(np.quantile([3.2,-1.5,7.7,0.0,2.2,2.2,9.1,-4.4,5.5,1.1],
  //   [0,0.05,0.1,0.25,0.333,0.5,0.75,0.9,0.95,0.99,1]))"
  const x = f64(3.2, -1.5, 7.7, 0.0, 2.2, 2.2, 9.1, -4.4, 5.5, 1.1);
  const ps = [0, 0.05, 0.1, 0.25, 0.333, 0.5, 0.75, 0.9, 0.95, 0.99, 1];
  const numpy = [
    -4.4, -3.095, -1.79, 0.275, 1.0967000000000005, 2.2, 4.925, 7.84, 8.469999999999999, 8.974, 9.1,
  ];

  it('matches np.quantile to the last bit', () => {
    expect(quantiles(x, ps)).toEqual(numpy);
    for (let i = 0; i < ps.length; i++) expect(quantile(x, ps[i])).toBe(numpy[i]);
  });

  it('matches np.quantile on values whose interpolation rounds (numpy computed)', () => {
    // np.quantile([0.1,...,0.7], [0.1, 0.15, 0.37, 0.5, 0.77, 0.9])
    const y = f64(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7);
    expect(quantiles(y, [0.1, 0.15, 0.37, 0.5, 0.77, 0.9])).toEqual([
      0.16000000000000003, 0.19, 0.32199999999999995, 0.4, 0.562, 0.64,
    ]);
  });

  it('returns results in the order asked, with repeats', () => {
    expect(quantiles(f64(5, 1, 4, 2, 3), [0.95, 0.05, 0.5, 0.05])).toEqual([4.8, 1.2, 3, 1.2]);
    expect(quantiles(f64(5, 1, 4), [])).toEqual([]);
  });

  it('handles one value and two values', () => {
    expect(quantiles(f64(7), [0, 0.3, 1])).toEqual([7, 7, 7]);
    expect(quantile(f64(1, 2), 0.25)).toBe(1.25);
  });

  it('stays finite where b - a overflows (numpy returns nan/-inf there)', () => {
    const extreme = f64(-1e308, 1e308);
    expect(quantiles(extreme, [0, 0.25, 0.5, 1])).toEqual([-1e308, -5e307, 0, 1e308]);
  });

  it('accepts plain arrays and leaves the input untouched', () => {
    const values = [3, 1, 2];
    expect(quantile(values, 0.5)).toBe(2);
    expect(values).toEqual([3, 1, 2]);
    const typed = f64(3, 1, 2);
    quantiles(typed, [0.1, 0.9]);
    expect(typed).toEqual(f64(3, 1, 2));
  });
});

describe('quantile: properties (fast-check)', () => {
  it('equals type-7 interpolation on the sorted finite values (duplicates, ±0, extremes, NaN, ±Infinity)', () => {
    fc.assert(
      fc.property(nastyArray, fc.array(probabilityArb, { maxLength: 6 }), (values, ps) => {
        fc.pre(values.some((v) => Number.isFinite(v)));
        const got = quantiles(values, ps);
        const expected = sortedQuantiles(values, ps);
        return got.every((g, i) => sameNumber(g, expected[i]));
      }),
      { numRuns: 500 },
    );
  });

  it('is monotone in p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
          minLength: 1,
          maxLength: 60,
        }),
        probabilityArb,
        probabilityArb,
        (values, p1, p2) => {
          const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
          const [qLo, qHi] = quantiles(values, [lo, hi]);
          return qLo <= qHi;
        },
      ),
      { numRuns: 500 },
    );
  });

  it('lies within [min, max] and hits them at p = 0 and p = 1', () => {
    fc.assert(
      fc.property(nastyArray, probabilityArb, (values, p) => {
        fc.pre(values.some((v) => Number.isFinite(v)));
        const q = quantile(values, p);
        return (
          q >= min(values) &&
          q <= max(values) &&
          quantile(values, 0) === min(values) &&
          quantile(values, 1) === max(values)
        );
      }),
    );
  });
});
