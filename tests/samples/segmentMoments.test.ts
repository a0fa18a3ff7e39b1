import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Accumulator,
  segmentStats,
  segmentStatsSkipping,
} from '../../src/samples/segmentMoments.js';

/** Mean and sum of squared deviations of the finite values, in exact-enough arithmetic (two sums). */
function reference(values: readonly number[]) {
  const finite = values.filter((x) => Number.isFinite(x));
  const n = finite.length;
  const mean = n === 0 ? 0 : finite.reduce((a, b) => a + b, 0) / n;
  const m2 = finite.reduce((a, x) => a + (x - mean) ** 2, 0);
  return {
    count: n,
    nonFinite: values.length - n,
    mean,
    m2,
    min: n === 0 ? Infinity : Math.min(...finite),
    max: n === 0 ? -Infinity : Math.max(...finite),
  };
}

const value = fc.oneof(
  { weight: 20, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity) },
);

describe('segmentStats', () => {
  it('counts, extremes exactly; mean and squared deviations to rounding, with or without non-finite values', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 301 }), fc.nat(3), (xs, pad) => {
        // Written at an offset inside a larger array, as the engine writes a segment of a block.
        const values = new Float64Array(xs.length + 2 * pad).fill(7);
        values.set(xs, pad);
        const stats = new Float64Array(8);
        segmentStats(values, pad, pad + xs.length, stats, 1);
        const r = reference(xs);
        expect(stats[1]).toBe(r.count);
        expect(stats[2]).toBe(r.nonFinite);
        expect(stats[5]).toBe(r.min);
        expect(stats[6]).toBe(r.max);
        const scale = Math.max(1, ...xs.filter(Number.isFinite).map(Math.abs));
        expect(Math.abs(stats[3] - r.mean)).toBeLessThanOrEqual(1e-12 * scale);
        expect(Math.abs(stats[4] - r.m2)).toBeLessThanOrEqual(1e-9 * scale * scale * xs.length);
      }),
    );
  });

  it('the two-lane fast path and the one-lane careful path agree, to rounding, on finite segments', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 301 }),
        (xs) => {
          const values = Float64Array.from(xs);
          const fast = new Float64Array(6);
          const careful = new Float64Array(6);
          segmentStats(values, 0, xs.length, fast, 0);
          segmentStatsSkipping(values, 0, xs.length, careful, 0);
          expect([fast[0], fast[1], fast[4], fast[5]]).toEqual([
            careful[0],
            careful[1],
            careful[4],
            careful[5],
          ]);
          const scale = Math.max(1, ...xs.map(Math.abs));
          expect(Math.abs(fast[2] - careful[2])).toBeLessThanOrEqual(1e-12 * scale);
          expect(Math.abs(fast[3] - careful[3])).toBeLessThanOrEqual(
            1e-9 * scale * scale * xs.length,
          );
        },
      ),
    );
  });

  it('a segment whose finite values overflow the sum takes the careful path and says so', () => {
    const values = new Float64Array([1e308, 1e308, 1, 2, 3]);
    const stats = new Float64Array(6);
    segmentStats(values, 0, 5, stats, 0);
    expect([stats[0], stats[1], stats[4], stats[5]]).toEqual([5, 0, 1, 1e308]);
    expect(stats[2]).toBe(Infinity);
  });

  it('folded segment by segment, gives the moments of the whole (Chan et al.)', () => {
    const xs = Array.from({ length: 10_001 }, (_, i) => Math.sin(i) * 1e3 + i);
    const values = Float64Array.from(xs);
    const accumulator = new Accumulator();
    const stats = new Float64Array(6);
    for (let s = 0; s < values.length; s += 4096) {
      segmentStats(values, s, Math.min(s + 4096, values.length), stats, 0);
      accumulator.combine(stats, 0, s / 4096);
    }
    const r = reference(xs);
    expect(accumulator.count).toBe(10_001);
    expect(accumulator.mean).toBeCloseTo(r.mean, 9);
    expect(accumulator.m2 / r.m2).toBeCloseTo(1, 12);
  });

  it('the same bits whatever the order and grouping of the folds (exact sums about the shift)', () => {
    // 40 segments of values with a large mean and a small spread, the case where a naive Σx² fails.
    const segments = Array.from({ length: 40 }, (_, k) =>
      Float64Array.from({ length: 97 }, (_, i) => 6700 + Math.sin(k * 97 + i) * 1e-3 + k * 1e-9),
    );
    const statsOf = (k: number) => {
      const stats = new Float64Array(6);
      segmentStats(segments[k], 0, segments[k].length, stats, 0);
      return stats;
    };
    const inOrder = new Accumulator(8);
    for (let k = 0; k < segments.length; k++) inOrder.combine(statsOf(k), 0, k);
    // Three partial accumulators over interleaved segments (k mod 3), each folding its segments
    // backwards, with the shift of segment 0 set beforehand; merged in reverse.
    const parts = [new Accumulator(8), new Accumulator(8), new Accumulator(8)];
    for (let p = 0; p < 3; p++) {
      parts[p].shift = statsOf(0)[2];
      for (let k = segments.length - 1; k >= 0; k--) {
        if (k % 3 === p) parts[p].combine(statsOf(k), 0, k);
      }
    }
    const merged = new Accumulator(8);
    for (const part of [...parts].reverse()) merged.merge(Accumulator.fromData(part.toData()));
    expect([merged.count, merged.mean, merged.m2, merged.min, merged.max]).toEqual([
      inOrder.count,
      inOrder.mean,
      inOrder.m2,
      inOrder.min,
      inOrder.max,
    ]);
    expect(merged.groupStandardError()).toBe(inOrder.groupStandardError());
    const all = segments.flatMap((s) => [...s]);
    const r = reference(all);
    expect(merged.mean).toBeCloseTo(r.mean, 10);
    expect(merged.m2 / r.m2).toBeCloseTo(1, 9);
  });
});
