import { describe, expect, it } from 'vitest';
import { InversionTable } from '../../src/distributions/inversionTable.js';
import { createRng } from '../../src/rng/index.js';

describe('InversionTable (guide-table inversion shared by poisson, binomial, negativeBinomial)', () => {
  it('maps each uniform to the smallest k with u < cum[k], and hands uniforms past the table to tail', () => {
    // A geometric(1/2) truncated after k = 2: P(X <= 0) = 0.5, P(X <= 1) = 0.75, P(X <= 2) = 0.875.
    const table = new InversionTable([0.5, 0.75, 0.875]);
    const rng = createRng('inversion');
    const uniforms = rng.clone().fillFloat64(new Float64Array(10_000));
    const out = new Float64Array(10_000);
    const beyond = table.fill(out, rng);
    const tailCalls: number[] = [];
    InversionTable.finish(out, (u) => {
      tailCalls.push(u);
      return 3 + Math.floor(Math.log2(1 / (1 - u)) - 3); // the geometric's own continuation
    });
    expect(beyond).toBe(tailCalls.length);
    for (let i = 0; i < out.length; i++) {
      const u = uniforms[i];
      const expected =
        u < 0.5 ? 0 : u < 0.75 ? 1 : u < 0.875 ? 2 : 3 + Math.floor(Math.log2(1 / (1 - u)) - 3);
      expect(out[i], `u = ${u}`).toBe(expected);
    }
    // about 1/8 of the uniforms lie past the table: within 5 binomial SE
    expect(Math.abs(beyond - 1250)).toBeLessThan(5 * Math.sqrt(10_000 * 0.125 * 0.875));
    expect(tailCalls.every((u) => u >= 0.875 && u < 1)).toBe(true);
    // tail receives exactly the uniform that fell past the table
    expect(tailCalls).toEqual(Array.from(uniforms).filter((u) => u >= 0.875));
  });
});
