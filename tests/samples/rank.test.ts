import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankData, spearman } from '../../src/index.js';
import { RadixArgsort } from '../../src/samples/rank.js';
import { expectSalvoError } from '../helpers/errors.js';

/** Average ranks by counting: O(n²), obviously right. NaN ranks last, in original order. */
function naiveRanks(x: readonly number[]): number[] {
  return x.map((v, i) => {
    if (Number.isNaN(v)) {
      const finiteOrInfinite = x.filter((w) => !Number.isNaN(w)).length;
      return finiteOrInfinite + x.slice(0, i + 1).filter((w) => Number.isNaN(w)).length;
    }
    const below = x.filter((w) => w < v).length;
    const equal = x.filter((w) => w === v).length; // -0 === 0: one tie
    return below + (equal + 1) / 2;
  });
}

/** Doubles that stress the bit tricks: both zeros, infinities, NaN, subnormals, near-equal values. */
const awkward = fc.oneof(
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NaN,
    5e-324,
    -5e-324,
  ),
  fc.integer({ min: -3, max: 3 }),
  fc.integer({ min: 0, max: 1_000 }).map((i) => 1 + i * 2 ** -52), // same high word, distinct low words
);

describe('RadixArgsort.argsort', () => {
  it('property: sorts ascending, stably, NaN last (short and long runs of equal high words)', () => {
    const sorter = new RadixArgsort();
    fc.assert(
      fc.property(fc.array(awkward, { maxLength: 400 }), (xs) => {
        const values = Float64Array.from(xs);
        const order = sorter.argsort(values, 0, values.length, new Uint32Array(values.length));
        expect([...order].sort((a, b) => a - b)).toEqual(xs.map((_, i) => i));
        for (let r = 1; r < order.length; r++) {
          const a = values[order[r - 1]];
          const b = values[order[r]];
          if (Number.isNaN(a)) {
            expect(Number.isNaN(b)).toBe(true);
            expect(order[r]).toBeGreaterThan(order[r - 1]);
          } else if (!Number.isNaN(b)) {
            expect(a <= b || (Object.is(a, -0) && b === 0)).toBe(true);
            if (Object.is(a, b)) expect(order[r]).toBeGreaterThan(order[r - 1]); // stable
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sorts a sub-range, and long arrays (16-bit digits) of near-equal values exactly', () => {
    const sorter = new RadixArgsort();
    const values = Float64Array.from(
      { length: 100_000 },
      (_, i) => 1 + ((i * 7919) % 100_000) * 2 ** -50,
    );
    const order = sorter.argsort(values, 0, values.length, new Uint32Array(values.length));
    for (let r = 1; r < order.length; r++)
      expect(values[order[r - 1]] < values[order[r]]).toBe(true);
    const part = sorter.argsort(Float64Array.of(9, 3, 2, 1, 5), 1, 4, new Uint32Array(3));
    expect([...part]).toEqual([2, 1, 0]);
  });
});

describe('rankData', () => {
  it('averages tied ranks as scipy.stats.rankdata does', () => {
    expect(rankData([30, 10, 20, 10])).toEqual(Float64Array.of(4, 1.5, 3, 1.5));
    // scipy.stats.rankdata([0, 2, 3, 2]) -> [1, 2.5, 4, 2.5]
    expect(rankData([0, 2, 3, 2])).toEqual(Float64Array.of(1, 2.5, 4, 2.5));
    expect(rankData([])).toEqual(new Float64Array(0));
  });

  it('property: equals ranks found by counting', () => {
    fc.assert(
      fc.property(fc.array(awkward, { maxLength: 200 }), (xs) => {
        expect(Array.from(rankData(xs))).toEqual(naiveRanks(xs));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects what is not numbers', () => {
    expectSalvoError(() => rankData('1, 2' as never), { parameter: 'values' });
  });
});

describe('spearman', () => {
  it('matches scipy.stats.spearmanr on known data (with ties)', () => {
    // scipy.stats.spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).statistic = 0.8207826816681233
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 14);
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 1000])).toBe(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    expect(spearman([1, 2, 3], [5, 5, 5])).toBeNaN();
  });

  it('property: symmetric, in [-1, 1], invariant under increasing transforms', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -1e6, max: 1e6, noNaN: true }),
            fc.integer({ min: -5, max: 5 }),
          ),
          {
            minLength: 2,
            maxLength: 100,
          },
        ),
        (pairs) => {
          const x = pairs.map((p) => p[0]);
          const y = pairs.map((p) => p[1]);
          const rho = spearman(x, y);
          if (Number.isNaN(rho)) return;
          expect(Math.abs(rho)).toBeLessThanOrEqual(1 + 1e-12);
          expect(spearman(y, x)).toBeCloseTo(rho, 12);
          expect(
            spearman(
              x.map((v) => 2 * v),
              y.map((v) => v ** 3),
            ),
          ).toBeCloseTo(rho, 12);
        },
      ),
    );
  });

  it('rejects mismatched, short or non-finite input, naming it', () => {
    expectSalvoError(() => spearman([1, 2], [1]), {
      code: 'LENGTH_MISMATCH',
      parameter: 'y',
      messageNamesParameter: false,
    });
    expectSalvoError(() => spearman([1], [1]), {
      code: 'EMPTY_DATA',
      parameter: 'x',
      messageNamesParameter: false,
    });
    expectSalvoError(() => spearman([1, Number.NaN], [1, 2]), { parameter: 'x[1]' });
    expectSalvoError(() => spearman([1, 2], [1, Number.POSITIVE_INFINITY]), { parameter: 'y[1]' });
  });
});
