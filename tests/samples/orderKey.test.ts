import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketShift, HIGH_WORD, highKey, MAX_BUCKETS } from '../../src/samples/orderKey.js';

describe('highKey(x): the order-preserving key of a double', () => {
  it('never decreases as finite values increase (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (a, b) => (a < b ? highKey(a) <= highKey(b) : highKey(b) <= highKey(a)),
      ),
      { numRuns: 2000 },
    );
  });

  it('puts -0 just below 0 and ±Infinity and NaN outside every finite key', () => {
    expect(highKey(-0)).toBe(highKey(0) - 1);
    expect(highKey(-Infinity)).toBeLessThan(highKey(-Number.MAX_VALUE));
    expect(highKey(Infinity)).toBeGreaterThan(highKey(Number.MAX_VALUE));
    expect(highKey(Number.NaN)).toBeGreaterThan(highKey(Infinity));
  });

  it('is the key the hot loops compute inline from the high word', () => {
    const values = Float64Array.of(-2.5, -0, 0, 1e-310, 3, -1e300);
    const words = new Int32Array(values.buffer);
    values.forEach((x, i) => {
      const word = words[2 * i + HIGH_WORD];
      expect(word ^ ((word >> 31) & 0x7fffffff)).toBe(highKey(x));
    });
  });
});

describe('bucketShift(keyMin, keyMax, limit)', () => {
  it('is the smallest shift that fits the keys in at most limit buckets (fast-check)', () => {
    const key = fc.double({ noNaN: true, noDefaultInfinity: true }).map(highKey);
    fc.assert(
      fc.property(key, key, fc.integer({ min: 2, max: MAX_BUCKETS }), (k1, k2, limit) => {
        const [lo, hi] = k1 <= k2 ? [k1, k2] : [k2, k1];
        const shift = bucketShift(lo, hi, limit);
        const fits = (s: number) => (hi >> s) - (lo >> s) + 1 <= limit;
        return fits(shift) && (shift === 0 || !fits(shift - 1));
      }),
      { numRuns: 1000 },
    );
  });
});
