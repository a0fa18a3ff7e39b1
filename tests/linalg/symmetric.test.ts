import fc from 'fast-check';
import { eigs } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../src/linalg/eigen.js';
import { cholesky, psdFactor } from '../../src/linalg/factor.js';

/** A random symmetric k·k matrix from fast-check integers (exactly representable). */
const symmetric = fc.integer({ min: 1, max: 8 }).chain((k) =>
  fc
    .array(fc.integer({ min: -100, max: 100 }), { minLength: k * k, maxLength: k * k })
    .map((raw) => {
      const m = new Float64Array(k * k);
      for (let i = 0; i < k; i++) {
        for (let j = 0; j <= i; j++) {
          m[i * k + j] = raw[i * k + j] / 10;
          m[j * k + i] = raw[i * k + j] / 10;
        }
      }
      return { k, m };
    }),
);

function multiply(a: Float64Array, b: Float64Array, k: number, transposeB = false): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += a[i * k + l] * (transposeB ? b[j * k + l] : b[l * k + j]);
      out[i * k + j] = s;
    }
  }
  return out;
}

describe('symmetricEigen (cyclic Jacobi)', () => {
  it('property: eigenvalues match mathjs.eigs and V·Λ·Vᵀ rebuilds the matrix', () => {
    fc.assert(
      fc.property(symmetric, ({ k, m }) => {
        const { values, vectors } = symmetricEigen(m, k);
        const rows = Array.from({ length: k }, (_, i) =>
          Array.from(m.subarray(i * k, (i + 1) * k)),
        );
        const oracle = (eigs(rows).values as number[]).slice().sort((a, b) => a - b);
        const scale = Math.max(1, ...oracle.map(Math.abs));
        for (let j = 0; j < k; j++)
          expect(Math.abs(values[j] - oracle[j])).toBeLessThan(1e-10 * scale);
        const scaled = new Float64Array(k * k);
        for (let i = 0; i < k; i++)
          for (let j = 0; j < k; j++) scaled[i * k + j] = vectors[i * k + j] * values[j];
        const rebuilt = multiply(scaled, vectors, k, true);
        for (let i = 0; i < k * k; i++)
          expect(Math.abs(rebuilt[i] - m[i])).toBeLessThan(1e-10 * scale);
      }),
      { numRuns: 200 },
    );
  });
});

describe('cholesky and psdFactor', () => {
  it('property: F·Fᵀ rebuilds a positive semi-definite matrix (Cholesky when definite)', () => {
    fc.assert(
      fc.property(symmetric, fc.boolean(), ({ k, m }, singular) => {
        // A·Aᵀ is positive semi-definite; zeroing a row of A makes it singular.
        const a = Float64Array.from(m);
        if (singular) a.fill(0, 0, k);
        const spd = multiply(a, a, k, true);
        const f = psdFactor(spd, k);
        const rebuilt = multiply(f, f, k, true);
        const scale = Math.max(1, ...Array.from(spd, Math.abs));
        for (let i = 0; i < k * k; i++)
          expect(Math.abs(rebuilt[i] - spd[i])).toBeLessThan(1e-9 * scale);
        if (singular) expect(cholesky(spd, k)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('factors a known matrix', () => {
    const l = cholesky(Float64Array.of(4, 2, 2, 3), 2) as Float64Array;
    expect(Array.from(l)).toEqual([2, 0, 1, Math.SQRT2]);
  });

  it('with semidefinite: true, gives a zero column for a zero pivot (a correlation of ±1)', () => {
    // x2 = x1 and x3 = −x1: rows 2 and 3 repeat row 1 up to sign, so pivots 2 and 3 vanish.
    const singular = Float64Array.of(1, 1, -1, 1, 1, -1, -1, -1, 1);
    expect(cholesky(singular, 3)).toBeUndefined();
    const l = cholesky(singular, 3, { semidefinite: true });
    expect(Array.from(l)).toEqual([1, 0, 0, 1, 0, 0, -1, 0, 0]);
    // A definite matrix factors the same either way.
    const definite = Float64Array.of(1, 0.5, 0.5, 1);
    expect(cholesky(definite, 2, { semidefinite: true })).toEqual(cholesky(definite, 2));
  });
});
