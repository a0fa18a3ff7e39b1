import { describe, expect, it } from 'vitest';
import { gamma, standardGamma } from '../../src/distributions/gamma.js';
import { SalvoError } from '../../src/errors.js';
import { createRng } from '../../src/rng/index.js';
import { regularizedGammaP } from '../../src/special/gamma.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectFillMatchesSample } from '../helpers/fill.js';
import { expectMatchesReference, referenceCases } from '../helpers/reference.js';
import { expectKs, expectMoments, expectQuantileInvertsCdf } from '../helpers/stats.js';

describe('gamma(shape, scale)', () => {
  it('matches scipy.stats.gamma(a = shape, scale): cdf, pdf, quantile within 1e-11, moments', () => {
    // Measured agreement is 1e-14 or better except for scipy's own pdf at shape 1000 (its
    // exp((a − 1) log x − x − gammaln(a)) loses about 1e-12; checked against mpmath, ours is within 2e-15).
    const cases = referenceCases('gamma');
    expect(cases.length).toBe(6);
    expectMatchesReference(cases, (c) => gamma(c.params.shape, c.params.scale), {
      mean: 1e-15,
      variance: 1e-15,
      cdf: 1e-11,
      density: 1e-11,
      quantile: 1e-11,
    });
  });

  it('describes itself, is frozen, defaults scale to 1, and handles the edges of its support', () => {
    const d = gamma(2, 3);
    expect([d.family, d.kind, d.mean, d.variance, d.min, d.max]).toEqual([
      'gamma',
      'continuous',
      6,
      18,
      0,
      Infinity,
    ]);
    expect(d.params).toEqual({ shape: 2, scale: 3 });
    expect(String(d)).toBe('gamma(2, 3)');
    expect(Object.isFrozen(d)).toBe(true);
    expect(gamma(2).params).toEqual({ shape: 2, scale: 1 });
    expect(d.cdf(-1)).toBe(0);
    expect(d.cdf(0)).toBe(0);
    expect(d.cdf(Infinity)).toBe(1);
    expect(d.pdf(-1)).toBe(0);
    expect(d.pdf(0)).toBe(0);
    expect(gamma(1, 4).pdf(0)).toBe(0.25);
    expect(gamma(0.5).pdf(0)).toBe(Infinity);
    expect(d.quantile(0)).toBe(0);
    expect(d.quantile(1)).toBe(Infinity);
    // The documented example.
    expect(d.cdf(6)).toBe(0.5939941502901618);
    expect(d.quantile(0.95)).toBe(14.231593555171727);
    for (const shape of [0.1, 0.5, 2.5, 30, 1000]) {
      const g = gamma(shape, 2);
      const xs = [0.05, 0.5, 0.95].map((p) => g.quantile(p));
      expectQuantileInvertsCdf(g, xs, 1e-12);
    }
  });

  it('fill consumes the generator exactly as sample does', () => {
    for (const shape of [0.3, 4]) {
      expectFillMatchesSample(gamma(shape, 2), 1001, 'gamma-fill');
    }
  });

  it('samples have the right moments and distribution for shapes 0.1 to 1000 (KS)', () => {
    for (const [shape, scale, n] of [
      [0.1, 1, 200_000],
      [0.5, 2, 200_000],
      [1, 1, 200_000],
      [2.5, 3, 500_000],
      [30, 0.1, 200_000],
      [1000, 1, 200_000],
    ]) {
      const d = gamma(shape, scale);
      const xs = d.sample(n, createRng(`gamma-${shape}`));
      expectMoments(xs, d.mean, d.variance);
      expectKs(xs, (x) => d.cdf(x));
      expect(xs.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
    }
  });

  it('standardGamma draws from Gamma(shape, 1) (the helper shared with beta, Student t, negative binomial)', () => {
    for (const shape of [0.25, 1, 7.5]) {
      const rng = createRng(`standard-gamma-${shape}`);
      const xs = new Float64Array(200_000);
      for (let i = 0; i < xs.length; i++) xs[i] = standardGamma(shape, rng);
      expectMoments(xs, shape, shape);
      expectKs(xs, (x) => regularizedGammaP(shape, Math.max(x, 0)));
      // One at a time, it draws exactly what gamma(shape).sample draws in its loop.
      const again = createRng(`standard-gamma-${shape}`);
      const ys = gamma(shape).sample(1000, createRng(`standard-gamma-${shape}`));
      for (let i = 0; i < ys.length; i++) expect(standardGamma(shape, again)).toBe(ys[i]);
    }
  });

  it('rejects bad parameters with INVALID_PARAMETER naming the parameter', () => {
    for (const bad of [0, -1, Number.NaN, Infinity, -Infinity]) {
      expectSalvoError(() => gamma(bad, 1), { parameter: 'shape', messageIncludes: 'gamma' });
      expectSalvoError(() => gamma(1, bad), { parameter: 'scale', messageIncludes: 'gamma' });
    }
    expectSalvoError(() => gamma('2' as unknown as number, 1), {
      parameter: 'shape',
      messageIncludes: 'gamma',
    });
    const d = gamma(2, 1);
    expect(() => d.cdf(Number.NaN)).toThrow(SalvoError);
    expect(() => d.pdf(Number.NaN)).toThrow(SalvoError);
    expect(() => d.quantile(1.5)).toThrow(SalvoError);
    expect(() => d.sample(-1, createRng(1))).toThrow(SalvoError);
  });
});
