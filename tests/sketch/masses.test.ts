import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSum } from '../../src/samples/exactSum.js';
import { BucketMasses } from '../../src/sketch/masses.js';

/** The plain form the compact one must match: one ExactSum per bucket, every term added to it. */
class Reference {
  readonly sums = new Map<number, ExactSum>();
  add(index: number, w: number): void {
    let sum = this.sums.get(index);
    if (sum === undefined) {
      sum = new ExactSum();
      this.sums.set(index, sum);
    }
    sum.add(w);
  }
  merge(other: Reference): void {
    for (const [index, sum] of other.sums) {
      this.add(index, 0);
      (this.sums.get(index) as ExactSum).addSum(sum);
    }
  }
  state(): { offset: number; masses: number[][] } {
    const indices = [...this.sums.keys()].sort((a, b) => a - b);
    if (indices.length === 0) return { offset: Number.NaN, masses: [] };
    const masses: number[][] = [];
    for (let i = indices[0]; i <= (indices.at(-1) as number); i++)
      masses.push(this.sums.get(i)?.toArray() ?? []);
    return { offset: indices[0], masses };
  }
}

// Terms across the whole range of doubles (so that sums outgrow the inline parts), huge ones (kept
// apart by ExactSum), and the odd non-finite one.
const term = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 1e-300, max: 1e300, noNaN: true }) },
  { weight: 3, arbitrary: fc.double({ min: 0.5, max: 2, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(2 ** 1000, 1e308, Number.POSITIVE_INFINITY, 0, -3) },
);
const additions = fc.array(fc.tuple(fc.integer({ min: -40, max: 40 }), term), { maxLength: 300 });

function build(list: readonly [number, number][]): { compact: BucketMasses; reference: Reference } {
  const compact = new BucketMasses();
  const reference = new Reference();
  for (const [index, w] of list) {
    compact.add(index, w);
    reference.add(index, w);
  }
  return { compact, reference };
}

function expectSame(compact: BucketMasses, reference: Reference): void {
  const state = compact.toState();
  const expected = reference.state();
  expect(state.masses).toEqual(expected.masses);
  if (expected.masses.length > 0) expect(state.offset).toBe(expected.offset);
  const rounded = compact.rounded();
  expect(Array.from(rounded.counts)).toEqual(
    expected.masses.map((m) => (m.length === 0 ? 0 : ExactSum.fromArray(m).value())),
  );
  const a = new ExactSum();
  compact.addTo(a);
  const b = new ExactSum();
  for (const sum of reference.sums.values()) b.addSum(sum);
  expect(
    Object.is(a.value(), b.value()) || (Number.isNaN(a.value()) && Number.isNaN(b.value())),
  ).toBe(true);
}

describe('BucketMasses: bucket sums kept inline, bit for bit as one ExactSum per bucket', () => {
  it('gives the same parts, rounded masses and total after any additions (property)', () => {
    fc.assert(
      fc.property(additions, (list) => {
        const { compact, reference } = build(list);
        expectSame(compact, reference);
      }),
      { numRuns: 300 },
    );
  });

  it('merges, and round-trips through its state, as the plain sums do (property)', () => {
    fc.assert(
      fc.property(additions, additions, (left, right) => {
        const a = build(left);
        const b = build(right);
        a.compact.merge(b.compact);
        a.reference.merge(b.reference);
        expectSame(a.compact, a.reference);
        // A state read back, then added to and merged, keeps matching.
        const read = BucketMasses.fromState(a.compact.toState());
        read.add(3, 1.5);
        a.reference.add(3, 1.5);
        read.merge(build(right).compact);
        a.reference.merge(build(right).reference);
        expectSame(read, a.reference);
      }),
      { numRuns: 200 },
    );
  });

  it('moves a sum that outgrows its inline parts to an ExactSum of its own', () => {
    const compact = new BucketMasses();
    const reference = new Reference();
    // Terms 2^-1000, 2^-900, ...: each needs a part of its own.
    for (let e = -1000; e <= 900; e += 100) {
      compact.add(7, 2 ** e);
      reference.add(7, 2 ** e);
    }
    expect(compact.toState().masses[0].length).toBeGreaterThan(2 + 8);
    expectSame(compact, reference);
  });
});
