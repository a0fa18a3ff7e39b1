import { describe, expect, it } from 'vitest';
import { triangular } from '../../src/distributions/triangular.js';
import { createRng } from '../../src/rng/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectFillMatchesSample } from '../helpers/fill.js';
import { expectMatchesReference, referenceCases } from '../helpers/reference.js';
import { expectKs, expectMoments, expectQuantileInvertsCdf } from '../helpers/stats.js';

describe('triangular(min, mode, max)', () => {
  it('matches scipy.stats.triang (mode inside and mode = min): cdf, pdf, quantile within 1e-12', () => {
    const cases = referenceCases('triangular');
    expect(cases.length).toBe(3);
    const distributions = expectMatchesReference(
      cases,
      (c) => triangular(c.params.min, c.params.mode, c.params.max),
      { mean: 1e-14, variance: 1e-13, cdf: 1e-12, density: 1e-12, quantile: 1e-12 },
    );
    for (const d of distributions) {
      expectQuantileInvertsCdf(
        d,
        [d.quantile(0.01), d.mean, d.quantile(0.7), d.quantile(0.999)],
        1e-10,
      );
    }
  });

  it('handles mode = max (a left triangle) by its closed form', () => {
    const d = triangular(0, 2, 2);
    expect([d.mean, d.variance]).toEqual([4 / 3, (4 + 0 + 0) / 18]);
    expect(d.cdf(1)).toBe(0.25);
    expect(d.cdf(2)).toBe(1);
    expect(d.quantile(0.25)).toBe(1);
    expect(d.quantile(1)).toBe(2);
    expect(d.pdf(2)).toBe(1);
    expect(d.pdf(1)).toBe(0.5);
  });

  it('describes itself, is frozen, and is exact at the ends of its support', () => {
    const d = triangular(5000, 6700, 8000);
    expect([d.family, d.kind, d.min, d.max]).toEqual(['triangular', 'continuous', 5000, 8000]);
    expect(d.params).toEqual({ min: 5000, mode: 6700, max: 8000 });
    expect(String(d)).toBe('triangular(5000, 6700, 8000)');
    expect(Object.isFrozen(d)).toBe(true);
    expect([d.quantile(0), d.quantile(1), d.cdf(5000), d.cdf(8000), d.cdf(6700)]).toEqual([
      5000,
      8000,
      0,
      1,
      1700 / 3000,
    ]);
    expect([d.pdf(4999), d.pdf(5000), d.pdf(8000), d.pdf(8001)]).toEqual([0, 0, 0, 0]);
    expect(d.pdf(6700)).toBe(2 / 3000);
  });

  it('samples lie in [min, max] with the right moments and distribution (4e5 draws each, KS)', () => {
    for (const [a, m, b] of [
      [5000, 6700, 8000],
      [0, 0, 1],
      [-1, 3, 3],
    ]) {
      const d = triangular(a, m, b);
      const xs = d.sample(400_000, createRng(`triangular-${a}-${m}-${b}`));
      for (const x of xs) if (!(x >= a && x <= b)) expect.unreachable(`${d} sampled ${x}`);
      expectMoments(xs, d.mean, d.variance);
      expectKs(xs, (x) => d.cdf(x));
    }
  });

  it('fill consumes one nextFloat64 per draw, exactly as sample', () => {
    const d = triangular(0, 0.3, 1);
    const { filled, next } = expectFillMatchesSample(d, 1000, 'triangular-stream');
    const c = createRng('triangular-stream');
    for (let i = 0; i < 1000; i++) expect(filled[i]).toBe(d.quantile(c.nextFloat64()));
    expect(c.nextUint32()).toBe(next);
  });

  it('keeps cdf, quantile and pdf finite when (max - min)(mode - min) underflows', () => {
    // Issue 16 fuzzing: triangular(0, 5e-324, 1.0359733201757567e-28).cdf(5e-324) was 0 / 0 = NaN.
    const width = 1.0359733201757567e-28;
    const dist = triangular(0, 5e-324, width);
    expect(dist.cdf(5e-324)).toBeCloseTo(5e-324 / width, 300);
    expect(dist.cdf(5e-324)).toBeGreaterThan(0);
    expect(dist.cdf(width / 2)).toBeCloseTo(0.75, 12);
    expect(dist.pdf(width / 2)).toBeCloseTo(1 / width, -27);
    expect(dist.quantile(0.75)).toBeCloseTo(width / 2, 40);
    expect(dist.quantile(1e-300)).toBeGreaterThanOrEqual(0);
    expect(dist.quantile(1e-300)).toBeLessThanOrEqual(5e-324);
    const mirrored = triangular(-width, -5e-324, 0);
    expect(mirrored.cdf(-5e-324)).toBe(1); // 1 − 4.8e-296, not NaN
    expect(mirrored.quantile(0.25)).toBeCloseTo(-width / 2, 40);
    expect(mirrored.quantile(1)).toBe(0);
  });

  it('keeps a left part below 2^-53 right of the mode (the cdf stays monotone)', () => {
    // Found by the invariants test (INVARIANT_SEED=18): 1 − (max − x)²/((max − min)(max − mode))
    // rounded the mode's cdf of 9.6e-311 away, so cdf(0) was 0 after cdf(-1e-322) = 9.6e-311.
    const dist = triangular(-1e-310, -1e-323, 1.045);
    const xs = [-1e-322, -1e-323, -5e-324, 0, 5e-324, 1e-300, 1e-20, 0.5, 1];
    const cdfs = xs.map((x) => dist.cdf(x));
    for (let i = 1; i < cdfs.length; i++) expect(cdfs[i]).toBeGreaterThanOrEqual(cdfs[i - 1]);
    expect(dist.cdf(0)).toBeGreaterThan(9.5e-311);
    expect(dist.cdf(1e-300)).toBeCloseTo(dist.cdf(0) + 1e-300 * (2 / 1.045), 310);
    // The ordinary case keeps its value: 1 − (8000 − 7000)² / (3000 · 1300).
    expect(triangular(5000, 6700, 8000).cdf(7000)).toBeCloseTo(1 - 1e6 / 3.9e6, 15);
  });

  it('rejects bad parameters with a SalvoError naming the parameter', () => {
    expectSalvoError(() => triangular(Number.NaN, 0.5, 1), { parameter: 'min' });
    expectSalvoError(() => triangular(0, Number.NaN, 1), { parameter: 'mode' });
    expectSalvoError(() => triangular(0, 0.5, Infinity), { parameter: 'max' });
    expectSalvoError(() => triangular(1, 1, 1), { parameter: 'min' });
    expectSalvoError(() => triangular(2, 1.5, 1), { parameter: 'min' });
    const e = expectSalvoError(() => triangular(0, 1.5, 1), { parameter: 'mode' });
    expect(e.message).toBe('triangular: mode must lie in [min, max] = [0, 1], got 1.5');
    expectSalvoError(() => triangular(0, -0.5, 1), { parameter: 'mode' });
  });
});
