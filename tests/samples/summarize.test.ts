import { describe, expect, it } from 'vitest';
import { percentileKey, summarize } from '../../src/samples/summarize.js';

const f64 = (...xs: number[]) => Float64Array.from(xs);

describe('summarize', () => {
  it('reports n, nonFinite, moments, extremes and keyed quantiles', () => {
    const s = summarize(f64(1, 2, 3, 4, 5, Number.NaN), { probabilities: [0.9, 0.025] });
    expect(s).toEqual({
      n: 6,
      nonFinite: 1,
      mean: 3,
      sd: 1.5811388300841898,
      min: 1,
      max: 5,
      quantiles: { p5: 1.2, p25: 2, p50: 3, p75: 4, p95: 4.8, p90: 4.6, 'p2.5': 1.1 },
    });
  });

  it('keys percentiles without float noise', () => {
    expect(percentileKey(0.07)).toBe('p7');
    expect(percentileKey(0.025)).toBe('p2.5');
    expect(percentileKey(0.999)).toBe('p99.9');
    expect(percentileKey(0)).toBe('p0');
    expect(percentileKey(1)).toBe('p100');
  });
});
