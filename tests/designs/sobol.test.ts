import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fillSobol,
  fillUnscrambledSobol,
  SOBOL_MAX_DIMENSIONS,
  SOBOL_MAX_POINTS,
  sobolDirectionNumbers,
} from '../../src/designs/sobol.js';
import { expectSalvoError } from '../helpers/errors.js';
import { chiSquareSurvival, expectKs, MIN_P_VALUE, Z } from '../helpers/stats.js';

interface ReferenceRun {
  first: number;
  dimensions: Record<string, number[]>;
}

/** Unscrambled points from scipy's qmc.Sobol (scripts/sobol-reference.py), as coordinate * 2^32. */
const reference: { source: string; runs: ReferenceRun[] } = JSON.parse(
  readFileSync(new URL('../fixtures/sobol-reference.json', import.meta.url), 'utf8'),
);

const SCRAMBLE = new Uint32Array([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344]);

function sobol(dimension: number, first: number, n: number, scramble = SCRAMBLE): Float64Array {
  return fillSobol(dimension, first, scramble, new Float64Array(n));
}

/** The top `bits` binary digits of a coordinate in [0, 1): the interval of width 2^-bits it lies in. */
function digits(u: number, bits: number): number {
  return Math.floor(u * 2 ** bits);
}

/** Whether each elementary box of area 2^(t - m) in the unit square holds exactly 2^t of the points. */
function isNet(xs: ArrayLike<number>, ys: ArrayLike<number>, t: number): boolean {
  const n = xs.length;
  const m = Math.log2(n);
  for (let a = 0; a <= m - t; a++) {
    const b = m - t - a;
    const counts = new Uint32Array(2 ** (m - t));
    for (let i = 0; i < n; i++) counts[digits(xs[i], a) * 2 ** b + digits(ys[i], b)]++;
    if (counts.some((count) => count !== 2 ** t)) return false;
  }
  return true;
}

/** The same bits, as a Uint8Array view: bit-identical arrays are equal byte for byte. */
function bytes(values: Float64Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

describe('the unscrambled sequence', () => {
  it("equals scipy's qmc.Sobol(d, scramble=False, bits=32), point by point (Gray-code order)", () => {
    expect(reference.source).toContain('Gray-code order');
    let compared = 0;
    for (const run of reference.runs) {
      for (const [dimension, expected] of Object.entries(run.dimensions)) {
        const got = fillUnscrambledSobol(
          Number(dimension),
          run.first,
          new Uint32Array(expected.length),
        );
        expect(Array.from(got), `dimension ${dimension} from point ${run.first}`).toEqual(expected);
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(2400);
  });

  it('has the van der Corput sequence in dimension 0 and the Joe–Kuo numbers in dimension 1', () => {
    expect(Array.from(sobolDirectionNumbers(0).slice(0, 3))).toEqual([2 ** 31, 2 ** 30, 2 ** 29]);
    // Dimension 1: x + 1, m_1 = 1, so m_k = m_(k-1) ^ 2 m_(k-1): 1, 3, 5, 15, 17, 51.
    const v = sobolDirectionNumbers(1);
    expect([1, 3, 5, 15, 17, 51].map((m, k) => m * 2 ** (31 - k))).toEqual(
      Array.from(v.slice(0, 6)),
    );
  });

  it('builds the direction numbers of every dimension: v_k = m 2^(31 - k) with m odd (a triangular, invertible matrix)', () => {
    for (let d = 0; d < SOBOL_MAX_DIMENSIONS; d++) {
      const v = sobolDirectionNumbers(d);
      for (let k = 0; k < 32; k++) {
        const m = v[k] / 2 ** (31 - k);
        expect(Number.isInteger(m) && m % 2 === 1, `dimension ${d}, k ${k}: ${v[k]}`).toBe(true);
      }
    }
  });
});

describe('fillSobol: nets', () => {
  it('every aligned block of 2^m points has one point in each interval [j / 2^m, (j + 1) / 2^m)', () => {
    const first = 3 * 2 ** 20;
    for (const dimension of [0, 1, 2, 7, 100, 222, SOBOL_MAX_DIMENSIONS - 1]) {
      const points = sobol(dimension, first, 2 ** 12);
      for (const m of [1, 3, 6, 10, 12]) {
        for (let block = 0; block < points.length; block += 2 ** m) {
          const seen = new Uint8Array(2 ** m);
          for (let i = block; i < block + 2 ** m; i++) seen[digits(points[i], m)]++;
          expect(
            seen.every((count) => count === 1),
            `dimension ${dimension}, m ${m}, block at ${first + block}`,
          ).toBe(true);
        }
      }
    }
  });

  it('the first 2^m points of dimensions (0, 1) form a (0, m, 2)-net: one point in every elementary box', () => {
    for (const m of [4, 8, 12]) {
      expect(isNet(sobol(0, 0, 2 ** m), sobol(1, 0, 2 ** m), 0), `m ${m}`).toBe(true);
      // Any aligned block: the points from 5 * 2^m.
      expect(isNet(sobol(0, 5 * 2 ** m, 2 ** m), sobol(1, 5 * 2 ** m, 2 ** m), 0)).toBe(true);
    }
  });

  it('scrambling keeps the quality parameter t of other pairs (a (t, m, 2)-net stays one)', () => {
    const m = 12;
    const n = 2 ** m;
    const unscrambled = (d: number) =>
      Array.from(fillUnscrambledSobol(d, 0, new Uint32Array(n)), (x) => x / 2 ** 32);
    for (const [a, b] of [
      [1, 2],
      [2, 5],
      [10, 250],
    ]) {
      const ux = unscrambled(a);
      const uy = unscrambled(b);
      let t = 0;
      while (!isNet(ux, uy, t)) t++;
      expect(t, `(${a}, ${b})`).toBeLessThan(m);
      const sx = sobol(a, 0, n);
      const sy = sobol(b, 0, n);
      expect(isNet(sx, sy, t), `(${a}, ${b}) with t = ${t}`).toBe(true);
      if (t > 0) expect(isNet(sx, sy, t - 1), `(${a}, ${b}) with t = ${t - 1}`).toBe(false);
    }
  });
});

describe('fillSobol: points addressed by index', () => {
  it('gives bit-identical values whether a range is filled in one call or in pieces', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SOBOL_MAX_DIMENSIONS - 1 }),
        fc.oneof(
          fc.integer({ min: 0, max: 5000 }),
          fc.integer({ min: 0, max: SOBOL_MAX_POINTS - 600 }),
          fc.constant(SOBOL_MAX_POINTS - 600),
          fc.constant(2 ** 31 - 300),
        ),
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 3 }),
        fc.uint32Array({ minLength: 4, maxLength: 4 }),
        (dimension, first, pieces, scramble) => {
          const total = pieces.reduce((sum, length) => sum + length, 0);
          const whole = sobol(dimension, first, total, scramble);
          const stitched = new Float64Array(total);
          let start = 0;
          for (const length of pieces) {
            fillSobol(dimension, first + start, scramble, stitched.subarray(start, start + length));
            start += length;
          }
          expect(bytes(stitched)).toEqual(bytes(whole));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives each point the value its own one-point call gives, up to the last index 2^32 - 1', () => {
    const first = SOBOL_MAX_POINTS - 64;
    for (const dimension of [0, 3, 250]) {
      const points = sobol(dimension, first, 64);
      for (let k = 0; k < 64; k += 7) {
        expect(sobol(dimension, first + k, 1)[0]).toBe(points[k]);
      }
    }
  });

  it('returns values strictly inside (0, 1), each (k + 1/2) / 2^52 for an integer k', () => {
    for (const [dimension, first] of [
      [0, 0],
      [1, 0],
      [5, SOBOL_MAX_POINTS - 4096],
    ]) {
      for (const u of sobol(dimension, first, 4096)) {
        expect(u > 0 && u < 1).toBe(true);
        expect(Number.isInteger(u * 2 ** 52 - 0.5)).toBe(true);
      }
    }
  });

  it('gives different points for different scramble words, and different dimensions', () => {
    const base = sobol(4, 100, 64);
    for (let word = 0; word < 4; word++) {
      const other = Uint32Array.from(SCRAMBLE);
      other[word] ^= 1;
      const changed = sobol(4, 100, 64, other);
      const equal = base.filter((u, i) => u === changed[i]).length;
      expect(equal, `word ${word}`).toBe(0);
    }
    const dimension5 = sobol(5, 100, 64);
    expect(base.filter((u, i) => u === dimension5[i]).length).toBe(0);
  });

  it('leaves out untouched past its length, and accepts an empty range at the end', () => {
    expect(sobol(0, SOBOL_MAX_POINTS, 0)).toEqual(new Float64Array(0));
    const out = new Float64Array(8).fill(-1);
    fillSobol(2, 10, SCRAMBLE, out.subarray(0, 5));
    expect(Array.from(out.subarray(5))).toEqual([-1, -1, -1]);
  });
});

describe('fillSobol: randomisation', () => {
  it('makes each point uniform over the scrambles (KS, at fixed indices and dimensions)', () => {
    const scrambles = 5000;
    for (const [dimension, index] of [
      [0, 0],
      [3, 5],
      [201, 123_456],
      [1, SOBOL_MAX_POINTS - 1],
    ]) {
      const values = new Float64Array(scrambles);
      const one = new Float64Array(1);
      for (let r = 0; r < scrambles; r++) {
        fillSobol(dimension, index, new Uint32Array([r, 0x9e3779b9, r * 7, 42]), one);
        values[r] = one[0];
      }
      expectKs(values, (u) => u);
    }
  });

  it('makes the top digits of a point uniform and unrelated across dimensions (chi-square on 16 × 16 cells)', () => {
    // Point 77 in dimensions 2 and 9 over 8,192 scrambles: its pair of 4-bit digits.
    const scrambles = 8192;
    const counts = new Array<number>(256).fill(0);
    const one = new Float64Array(1);
    for (let r = 0; r < scrambles; r++) {
      const scramble = new Uint32Array([17, r, 3, 5]);
      const a = digits(fillSobol(2, 77, scramble, one)[0], 4);
      const b = digits(fillSobol(9, 77, scramble, one)[0], 4);
      counts[a * 16 + b]++;
    }
    const expected = scrambles / 256;
    const statistic = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    expect(chiSquareSurvival(statistic, 255), `chi-square ${statistic}`).toBeGreaterThan(
      MIN_P_VALUE,
    );
  });

  it('a stretch of points that is not an aligned block is still close to uniform (KS)', () => {
    expectKs(sobol(6, 12_345, 1000), (u) => u);
  });

  it('the mean of 2^16 points is 1/2 within the RQMC standard error 1 / sqrt(12 n^3)', () => {
    // A scrambled net puts one point uniformly in each interval of width 1/n: the mean's standard
    // error is sqrt(n / (12 n^2)) / n. The error bound without randomness is 1 / (2n).
    const n = 2 ** 16;
    const standardError = 1 / Math.sqrt(12 * n ** 3);
    for (const dimension of [0, 1, 13, 200]) {
      for (let r = 0; r < 4; r++) {
        const points = sobol(dimension, 0, n, new Uint32Array([r, dimension, 7, 11]));
        let sum = 0;
        for (const u of points) sum += u;
        const error = sum / n - 0.5;
        expect(Math.abs(error), `dimension ${dimension}, scramble ${r}`).toBeLessThan(
          Z * standardError,
        );
      }
    }
  });
});

describe('fillSobol: errors', () => {
  const out = new Float64Array(4);

  it('refuses a dimension that is not an integer below SOBOL_MAX_DIMENSIONS', () => {
    expect(SOBOL_MAX_DIMENSIONS).toBe(256);
    expectSalvoError(() => fillSobol(SOBOL_MAX_DIMENSIONS, 0, SCRAMBLE, out), {
      parameter: 'dimension',
      messageIncludes: ['fillSobol', 'SOBOL_MAX_DIMENSIONS = 256', 'got 256'],
    });
    for (const dimension of [-1, 1.5, Number.NaN]) {
      expectSalvoError(() => fillSobol(dimension, 0, SCRAMBLE, out), {
        parameter: 'dimension',
        messageIncludes: String(dimension),
      });
    }
  });

  it('refuses a first index that is not a non-negative integer, or a range past 2^32 points', () => {
    expectSalvoError(() => fillSobol(0, -1, SCRAMBLE, out), { parameter: 'first' });
    expectSalvoError(() => fillSobol(0, 0.5, SCRAMBLE, out), { parameter: 'first' });
    expectSalvoError(() => fillSobol(0, SOBOL_MAX_POINTS - 3, SCRAMBLE, out), {
      parameter: 'first',
      messageIncludes: ['2^32', `first = ${SOBOL_MAX_POINTS - 3}`, 'out.length = 4'],
    });
    expect(() => fillSobol(0, SOBOL_MAX_POINTS - 4, SCRAMBLE, out)).not.toThrow();
  });

  it('refuses scramble words that are not a Uint32Array of 4, and an out that is not a Float64Array', () => {
    for (const scramble of [new Uint32Array(3), new Int32Array(4), [1, 2, 3, 4]]) {
      expectSalvoError(() => fillSobol(0, 0, scramble as Uint32Array, out), {
        parameter: 'scramble',
      });
    }
    expectSalvoError(() => fillSobol(0, 0, SCRAMBLE, new Float32Array(4) as never), {
      parameter: 'out',
    });
  });

  it('checks before it writes anything', () => {
    const untouched = new Float64Array(4).fill(-1);
    expectSalvoError(() => fillSobol(0, SOBOL_MAX_POINTS - 1, SCRAMBLE, untouched), {
      parameter: 'first',
    });
    expect(Array.from(untouched)).toEqual([-1, -1, -1, -1]);
  });
});
