import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ecdf } from '../../src/samples/ecdf.js';
import { probability } from '../../src/samples/probability.js';
import { nastyArray } from './arbitraries.js';

const f64 = (...xs: number[]) => Float64Array.from(xs);

describe('probability', () => {
  const x = f64(1, 2, 3, 4, 5);

  it('covers all six operators', () => {
    expect(probability(x, '<', 3)).toBe(0.4);
    expect(probability(x, '<=', 3)).toBe(0.6);
    expect(probability(x, '>', 3)).toBe(0.4);
    expect(probability(x, '>=', 3)).toBe(0.6);
    expect(probability(x, '==', 3)).toBe(0.2);
    expect(probability(x, '!=', 3)).toBe(0.8);
  });

  it('complementary operators add to 1 (fast-check)', () => {
    fc.assert(
      fc.property(nastyArray, fc.double({ noNaN: true }), (values, t) => {
        fc.pre(values.some((v) => Number.isFinite(v)));
        return (
          probability(values, '<', t) + probability(values, '>=', t) === 1 &&
          probability(values, '==', t) + probability(values, '!=', t) === 1 &&
          probability(values, '<=', t) === ecdf(values)(t)
        );
      }),
    );
  });

  it('equals a plain count over the finite values, for every operator (fast-check)', () => {
    // probability() counts branch-free over every value and takes the non-finite values' part back
    // out, and counts >, >= and != as complements: this checks it against the obvious filter.
    const ops = ['<', '<=', '>', '>=', '==', '!='] as const;
    const holds = (y: number, op: (typeof ops)[number], t: number): boolean =>
      op === '<'
        ? y < t
        : op === '<='
          ? y <= t
          : op === '>'
            ? y > t
            : op === '>='
              ? y >= t
              : op === '=='
                ? y === t
                : y !== t;
    fc.assert(
      fc.property(
        nastyArray,
        fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(Infinity, -Infinity, 0, -0)),
        fc.constantFrom(...ops),
        (values, t, op) => {
          const finite = Array.from(values).filter((y) => Number.isFinite(y));
          fc.pre(finite.length > 0);
          const expected = finite.filter((y) => holds(y, op, t)).length / finite.length;
          return probability(values, op, t) === expected;
        },
      ),
      { numRuns: 500 },
    );
  });
});
