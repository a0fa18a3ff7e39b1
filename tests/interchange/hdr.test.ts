import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hdrUniform } from '../../src/interchange/sipmath/index.js';
import { expectSalvoError } from '../helpers/errors.js';

describe('hdrUniform', () => {
  it('matches the test vector ProbabilityManagement.org publishes with PyHDR', () => {
    // probability-management/PyHDR, tests/test_hdr.py: hdr(10, 1, 1, 1, 1) (trials 1..10; varId,
    // entity, seed3 and seed4 all 1), each value rounded by Python's round(x, 15).
    const published = [
      0.017076639574952, 0.635042575071566, 0.110189726925455, 0.862261233734898, 0.88441537565086,
      0.725698619498871, 0.25156592449639, 0.688599606859498, 0.330484181526117, 0.3708222535206,
    ];
    published.forEach((value, i) => {
      const u = hdrUniform(i + 1, { entity: 1, varId: 1, seed3: 1, seed4: 1 });
      // Rounding to 15 decimals moves a value by at most half a unit of the 15th decimal.
      expect(Math.abs(u - value)).toBeLessThanOrEqual(5e-16 + Number.EPSILON);
    });
  });

  it('is (k + 1/2) / 2^32 for an integer k, strictly inside (0, 1)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e8 }),
        fc.integer({ min: 0, max: 1e8 }),
        fc.integer({ min: 0, max: 1e8 }),
        (counter, entity, varId) => {
          const u = hdrUniform(counter, { entity, varId });
          const k = u * 2 ** 32 - 0.5;
          expect(Number.isInteger(k) && k >= 0 && k < 2 ** 32).toBe(true);
        },
      ),
    );
  });

  it('computes its formula exactly in doubles over the whole HDR 2.0 range (checked with BigInt)', () => {
    // Not a reference for the formula (the published vectors are); this checks that no intermediate
    // of the double-precision evaluation is rounded, by redoing the same formula in exact integers.
    const exact = (i: bigint, v: bigint, e: bigint, s3: bigint, s4: bigint): number => {
      const m1 =
        ((i * 2499997n + v * 1800451n + e * 2000371n + s3 * 1796777n + s4 * 2299603n) % 7450589n) *
          4658n +
        7450581n;
      const m2 =
        ((i * 2246527n + v * 2399993n + e * 2100869n + s3 * 1918303n + s4 * 1624729n) % 7450987n) *
          7580n +
        7560584n;
      const a = ((999999999999989n % m1) * 383n) % 99991n;
      const b = ((999999999999989n % m2) * 17669n) % 7440893n;
      const k = ((a * 7440893n + b) * 1343n) % 4294967296n;
      return (Number(k) + 0.5) / 4294967296;
    };
    const id = fc.oneof(fc.integer({ min: 0, max: 1e8 }), fc.constantFrom(0, 1, 1e8 - 1, 1e8));
    fc.assert(
      fc.property(id, id, id, id, id, (counter, entity, varId, seed3, seed4) => {
        expect(hdrUniform(counter, { entity, varId, seed3, seed4 })).toBe(
          exact(BigInt(counter), BigInt(varId), BigInt(entity), BigInt(seed3), BigInt(seed4)),
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it('rejects counters and seeds that are not integers from 0 to 100,000,000', () => {
    const seeds = { entity: 1, varId: 1 };
    for (const counter of [-1, 1.5, 1e8 + 1, Number.NaN, '1']) {
      expectSalvoError(() => hdrUniform(counter as number, seeds), { parameter: 'counter' });
    }
    expectSalvoError(() => hdrUniform(1, { entity: 1 } as typeof seeds), {
      parameter: 'seeds.varId',
    });
    expectSalvoError(() => hdrUniform(1, { entity: -3, varId: 1 }), { parameter: 'seeds.entity' });
    expectSalvoError(() => hdrUniform(1, { ...seeds, seed3: 2 ** 40 }), {
      parameter: 'seeds.seed3',
    });
    expectSalvoError(() => hdrUniform(1, { ...seeds, seed4: 0.5 }), { parameter: 'seeds.seed4' });
    expectSalvoError(() => hdrUniform(1, null as unknown as typeof seeds), { parameter: 'seeds' });
  });
});
