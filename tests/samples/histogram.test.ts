import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { histogram } from '../../src/samples/histogram.js';
import { expectSalvoError } from '../helpers/errors.js';

const f64 = (...xs: number[]) => Float64Array.from(xs);

describe('histogram: numpy np.histogram conventions (numpy 2.4.6, values hard-coded)', () => {
  const x = f64(3.2, -1.5, 7.7, 0.0, 2.2, 2.2, 9.1, -4.4, 5.5, 1.1);

  it('equal-width bins over the data range', () => {
    // np.histogram(x, bins=5)
    const h = histogram(x, { bins: 5 });
    expect(Array.from(h.counts)).toEqual([1, 2, 4, 1, 2]);
    expect(Array.from(h.edges)).toEqual([
      -4.4, -1.7000000000000002, 1.0, 3.700000000000001, 6.4, 9.1,
    ]);
    expect(h.outside).toBe(0);
    expect(h.nonFinite).toBe(0);
  });

  it('an explicit range drops values outside it', () => {
    // np.histogram(x, bins=4, range=(-2, 6)) -> [1, 2, 3, 1], edges [-2, 0, 2, 4, 6]
    const h = histogram(x, { bins: 4, range: [-2, 6] });
    expect(Array.from(h.counts)).toEqual([1, 2, 3, 1]);
    expect(Array.from(h.edges)).toEqual([-2, 0, 2, 4, 6]);
    expect(h.outside).toBe(3);
  });

  it('explicit edges: half-open bins, last bin closed', () => {
    // np.histogram(x, bins=[-5, 0, 2.2, 5.5, 9.1]) -> [2, 2, 3, 3]
    expect(Array.from(histogram(x, { edges: [-5, 0, 2.2, 5.5, 9.1] }).counts)).toEqual([
      2, 2, 3, 3,
    ]);
  });

  it('values on computed edges land where numpy puts them', () => {
    // z = 0.1 * i for i in 0..30: np.histogram(z, bins=3) -> [10, 10, 11], edges [0, 1, 2, 3]
    const z = Float64Array.from({ length: 31 }, (_, i) => 0.1 * i);
    const hz = histogram(z, { bins: 3 });
    expect(Array.from(hz.counts)).toEqual([10, 10, 11]);
    expect(Array.from(hz.edges)).toEqual([0, 1, 2, 3]);
    // w = 0.3 * i for i in 0..10: np.histogram(w, bins=7)
    const w = Float64Array.from({ length: 11 }, (_, i) => 0.3 * i);
    const hw = histogram(w, { bins: 7 });
    expect(Array.from(hw.counts)).toEqual([2, 1, 2, 1, 2, 1, 2]);
    expect(Array.from(hw.edges)).toEqual([
      0.0, 0.42857142857142855, 0.8571428571428571, 1.2857142857142856, 1.7142857142857142,
      2.142857142857143, 2.571428571428571, 3.0,
    ]);
  });

  it('a constant sample gets the range widened by 0.5 each way', () => {
    // np.histogram([5, 5, 5], bins=2) -> [0, 3], edges [4.5, 5, 5.5]
    const h = histogram([5, 5, 5], { bins: 2 });
    expect(Array.from(h.counts)).toEqual([0, 3]);
    expect(Array.from(h.edges)).toEqual([4.5, 5, 5.5]);
  });

  it('defaults to 10 bins and counts non-finite values separately', () => {
    const h = histogram(f64(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, Number.NaN, -Infinity));
    expect(h.counts.length).toBe(10);
    expect(Array.from(h.counts)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 2]);
    expect(h.nonFinite).toBe(2);
  });

  it('agrees with brute-force binning on its own edges (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 12 }),
        (values, bins) => {
          let h: ReturnType<typeof histogram>;
          try {
            h = histogram(values, { bins });
          } catch (error) {
            // only a range too narrow for distinct edges (a few ulps wide) may be refused
            const spread = Math.max(...values) - Math.min(...values);
            return /too many bins/.test(String(error)) && spread < 1e-300;
          }
          const e = h.edges;
          const expected = new Array<number>(bins).fill(0);
          for (const v of values) {
            for (let b = 0; b < bins; b++) {
              const inBin = b === bins - 1 ? v >= e[b] && v <= e[b + 1] : v >= e[b] && v < e[b + 1];
              if (inBin) {
                expected[b]++;
                break;
              }
            }
          }
          return (
            Array.from(h.counts).every((c, i) => c === expected[i]) &&
            h.outside === 0 &&
            h.counts.reduce((a, c) => a + c, 0) === values.length
          );
        },
      ),
    );
  });

  it('refuses more bins than a range a few ulps wide can hold, as numpy does', () => {
    expect(() => histogram([-5e-324, 0], { bins: 4 })).toThrow(/too many bins \(4\)/);
    expect(histogram([-5e-324, 0], { bins: 1 }).counts).toEqual(Float64Array.of(2));
  });

  it('rejects bad bins, ranges and edges', () => {
    const cases: [() => unknown, string, string][] = [
      [
        () => histogram(x, { bins: 0 }),
        'bins',
        'histogram: bins must be an integer in [1, 100000000], got 0',
      ],
      [
        () => histogram(x, { bins: 2.5 }),
        'bins',
        'histogram: bins must be an integer in [1, 100000000], got 2.5',
      ],
      [
        () => histogram(x, { bins: 3, range: [5, 1] }),
        'range',
        'histogram: range must be two finite numbers with low < high, got [5, 1]',
      ],
      [
        () => histogram(x, { edges: [0, 1, 1] }),
        'edges[2]',
        'histogram: edges must be finite and strictly increasing, got edges[2] = 1 after edges[1] = 1',
      ],
      [
        () => histogram(x, { edges: [0] }),
        'edges',
        'histogram: edges must hold at least 2 values, got array of length 1',
      ],
      [
        () => histogram(x, { edges: [0, 1], bins: 3 }),
        'bins',
        'histogram: give either edges or bins/range, not both; got edges and bins',
      ],
    ];
    for (const [call, parameter, message] of cases) {
      expect(expectSalvoError(call, { parameter }).message).toBe(message);
    }
  });
});
