import { describe, expect, expectTypeOf, it } from 'vitest';
import { empirical } from '../../src/distributions/empirical.js';
import { exponential } from '../../src/distributions/exponential.js';
import { mixture } from '../../src/distributions/mixture.js';
import { normal } from '../../src/distributions/normal.js';
import { poisson } from '../../src/distributions/poisson.js';
import type {
  ContinuousDistribution,
  DiscreteDistribution,
  Distribution,
} from '../../src/distributions/types.js';
import { uniform } from '../../src/distributions/uniform.js';
import { SalvoError } from '../../src/errors.js';
import { createRng } from '../../src/rng/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectFillMatchesSample } from '../helpers/fill.js';
import {
  expectChiSquare,
  expectKs,
  expectMoments,
  expectQuantileInvertsCdf,
  expectRate,
} from '../helpers/stats.js';

describe('mixture(components, weights)', () => {
  const transit = mixture([normal(10, 2), normal(25, 5)], [0.8, 0.2]);

  it('has the analytic mean, variance, cdf and pdf of a mixture of two normals', () => {
    expect(transit.kind).toBe('continuous');
    expect(transit.family).toBe('mixture');
    expect(transit.mean).toBeCloseTo(13, 13);
    // Σ wᵢ(σᵢ² + μᵢ²) − μ² = 0.8 (4 + 100) + 0.2 (25 + 625) − 169
    expect(transit.variance).toBeCloseTo(0.8 * 104 + 0.2 * 650 - 169, 12);
    expect(transit.cdf(15)).toBeCloseTo(
      0.8 * normal(10, 2).cdf(15) + 0.2 * normal(25, 5).cdf(15),
      15,
    );
    expect(transit.pdf(15)).toBeCloseTo(0.009170958857954938, 15); // scipy
    expect(transit.min).toBe(Number.NEGATIVE_INFINITY);
    expect(transit.max).toBe(Number.POSITIVE_INFINITY);
    expect(String(transit)).toBe('mixture([normal(10, 2), normal(25, 5)], [0.8, 0.2])');
    expect(transit.params).toEqual({ 'weights[0]': 0.8, 'weights[1]': 0.2 });
    expectTypeOf(transit).toEqualTypeOf<ContinuousDistribution>();
  });

  it('quantile is the smallest x with cdf(x) >= p, to the last bit', () => {
    expect(transit.quantile(0.5)).toBeCloseTo(10.63459934063944, 12); // scipy brentq
    expectQuantileInvertsCdf(transit, [-5, 0, 8.5, 10, 13, 20, 31, 40], 1e-12);
    for (const p of [1e-12, 0.001, 0.3, 0.5, 0.8, 0.999, 1 - 1e-12]) {
      const q = transit.quantile(p);
      expect(transit.cdf(q)).toBeGreaterThanOrEqual(p);
      // The next double below q has cdf < p (or the same cdf value, rounded).
      const below = q - Math.abs(q) * 2.3e-16 - Number.MIN_VALUE;
      expect(transit.cdf(below)).toBeLessThanOrEqual(p);
    }
    expect(transit.quantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(transit.quantile(1)).toBe(Number.POSITIVE_INFINITY);
    // A gap in the support: the smallest x with F(x) >= 1/2 is the end of the first component.
    const gap = mixture([uniform(0, 1), uniform(2, 3)]);
    expect(gap.quantile(0.5)).toBe(1);
    expect(gap.quantile(0.75)).toBeCloseTo(2.5, 14);
    expect(gap.quantile(0)).toBe(0);
    expect(gap.quantile(1)).toBe(3);
    // Near zero, where halving the real interval would be slow.
    const symmetric = mixture([normal(-1, 1), normal(1, 1)]);
    expect(Math.abs(symmetric.quantile(0.5))).toBeLessThan(1e-15);
  });

  it('samples a mixture of normals with the right moments and distribution (fixed seed)', () => {
    const xs = transit.sample(300_000, createRng('mixture-normal'));
    expectMoments(xs, transit.mean, transit.variance);
    expectKs(xs, (x) => transit.cdf(x));
  });

  it('mixes discrete components: pmf, exact integer quantiles, chi-square (fixed seed)', () => {
    const counts = mixture([poisson(2), poisson(10)], [1, 3]);
    expectTypeOf(counts).toEqualTypeOf<DiscreteDistribution>();
    expect(counts.kind).toBe('discrete');
    expect(counts.mean).toBeCloseTo(0.25 * 2 + 0.75 * 10, 13);
    expect(counts.variance).toBeCloseTo(0.25 * (2 + 4) + 0.75 * (10 + 100) - 8 * 8, 12);
    expect(counts.pmf(3)).toBeCloseTo(0.050786752299181497, 15); // scipy
    // scipy: smallest k with 0.25 F₂(k) + 0.75 F₁₀(k) >= p
    expect(counts.quantile(0.1)).toBe(1);
    expect(counts.quantile(0.25)).toBe(4);
    expect(counts.quantile(0.5)).toBe(9);
    expect(counts.quantile(0.9)).toBe(14);
    expect(counts.quantile(counts.cdf(7))).toBe(7);
    const xs = counts.sample(300_000, createRng('mixture-poisson'));
    expect(xs.every(Number.isInteger)).toBe(true);
    expectMoments(xs, counts.mean, counts.variance);
    expectChiSquare(xs, counts, 0, 30);
  });

  it("is 'mixed' with both kinds, with neither pdf nor pmf, and samples correctly", () => {
    const d = mixture([normal(0, 1), poisson(4)], [0.5, 0.5]);
    expectTypeOf(d).toEqualTypeOf<Distribution>();
    expect(d.kind).toBe('mixed');
    expect('pdf' in d).toBe(false);
    expect('pmf' in d).toBe(false);
    expect(d.mean).toBeCloseTo(2, 14);
    expect(d.variance).toBeCloseTo(0.5 * (1 + 0) + 0.5 * (4 + 16) - 4, 13);
    const n = 200_000;
    const xs = d.sample(n, createRng('mixture-mixed'));
    expectMoments(xs, d.mean, d.variance);
    // The cdf at a few points, including atoms, against the sample fraction (binomial SE).
    for (const x of [-1, 0, 2, 3.5, 4, 6]) {
      let count = 0;
      for (let i = 0; i < n; i++) if (xs[i] <= x) count++;
      expectRate(count, n, d.cdf(x), `draws <= ${x}`);
    }
    // Quantile at an atom of the Poisson part is returned exactly.
    expect(d.quantile(d.cdf(4))).toBe(4);
  });

  it('defaults to equal weights and accepts a Float64Array of weights', () => {
    const a = mixture([uniform(0, 1), uniform(1, 3)]);
    expect(a.mean).toBeCloseTo(0.5 * 0.5 + 0.5 * 2, 15);
    const b = mixture([uniform(0, 1), uniform(1, 3)], Float64Array.of(2, 6));
    expect(b.params).toEqual({ 'weights[0]': 0.25, 'weights[1]': 0.75 });
    expect(b.cdf(1)).toBeCloseTo(0.25, 15);
    // Huge weights are normalised without overflow.
    const c = mixture([uniform(0, 1), uniform(1, 3)], [1e308, 1e308]);
    expect(c.params['weights[0]']).toBe(0.5);
  });

  it('ignores components of zero weight (also for its kind) and never draws from them', () => {
    const d = mixture([normal(0, 1), poisson(100), normal(50, 1)], [1, 0, 1]);
    expect(d.kind).toBe('continuous');
    expect(d.mean).toBeCloseTo(25, 13);
    expect(d.min).toBe(Number.NEGATIVE_INFINITY);
    const xs = d.sample(20_000, createRng('zero-weight'));
    expect(xs.every((x) => Math.abs(x) < 10 || Math.abs(x - 50) < 10)).toBe(true);
    expect(String(d)).toBe('mixture([normal(0, 1), poisson(100), normal(50, 1)], [1, 0, 1])');
  });

  it('a single component of positive weight is that component, draw for draw', () => {
    const e = exponential(2);
    const d = mixture([e, normal(0, 1)], [1, 0]);
    expect(d.sample(100, createRng(5))).toEqual(e.sample(100, createRng(5)));
    expect(d.quantile(0.3)).toBe(e.quantile(0.3));
  });

  it('nests: a mixture of mixtures', () => {
    const inner = mixture([normal(0, 1), normal(4, 1)]);
    const outer = mixture([inner, normal(-6, 2)], [3, 1]);
    expect(outer.mean).toBeCloseTo(0.75 * 2 - 1.5, 13);
    const xs = outer.sample(200_000, createRng('nested'));
    expectMoments(xs, outer.mean, outer.variance);
    expectKs(xs, (x) => outer.cdf(x));
  });

  it('fill consumes the generator exactly like sample, across chunk boundaries', () => {
    for (const n of [0, 1, 7, 4096, 4097, 10_000]) expectFillMatchesSample(transit, n, `fill-${n}`);
  });

  it('consumes randomness in the documented order: the chunk’s uniforms, then each component in turn', () => {
    const components = [normal(0, 1), exponential(1), uniform(5, 6)];
    const weights = [0.2, 0.5, 0.3];
    const d = mixture(components, weights);
    const n = 50;
    const rng = createRng('order');
    const actual = d.sample(n, rng.clone());
    // Rebuild by hand.
    const u = rng.fillFloat64(new Float64Array(n));
    const choice = Array.from(u, (x) => (x < 0.2 ? 0 : x < 0.2 + 0.5 ? 1 : 2));
    const expected = new Float64Array(n);
    for (let c = 0; c < 3; c++) {
      const indexes = choice.flatMap((k, i) => (k === c ? [i] : []));
      if (indexes.length === 0) continue;
      const draws = components[c].sample(indexes.length, rng);
      indexes.forEach((i, j) => {
        expected[i] = draws[j];
      });
    }
    expect(actual).toEqual(expected);
  });

  it('is immutable', () => {
    expect(Object.isFrozen(transit)).toBe(true);
    expect(() => {
      (transit as { mean: number }).mean = 3;
    }).toThrow(TypeError);
  });

  it('mixes empirical components', () => {
    const d = mixture([empirical([1, 2, 3]), empirical([10, 20])]);
    expect(d.kind).toBe('discrete');
    expect(d.mean).toBeCloseTo(0.5 * 2 + 0.5 * 15, 14);
    expect(d.quantile(0.5)).toBe(3);
    expect(d.quantile(0.6)).toBe(10);
  });

  it('throws EMPTY_DATA without components', () => {
    expectSalvoError(() => mixture([]), {
      code: 'EMPTY_DATA',
      parameter: 'components',
      messageIncludes: 'none',
    });
  });

  it('throws LENGTH_MISMATCH when weights and components differ in length', () => {
    expectSalvoError(() => mixture([normal(0, 1), normal(1, 1)], [1, 2, 3]), {
      code: 'LENGTH_MISMATCH',
      parameter: 'weights',
      messageIncludes: 'one entry per component (2), got 3',
    });
  });

  it.each([
    [[1, -1], 'weights[1]', '>= 0, got -1'],
    [[Number.NaN, 1], 'weights[0]', 'got NaN'],
    [[1, Number.POSITIVE_INFINITY], 'weights[1]', 'got Infinity'],
    [[0, 0], 'weights', 'positive sum'],
  ])('throws INVALID_PARAMETER for weights %s', (weights, parameter, shown) => {
    expectSalvoError(() => mixture([normal(0, 1), normal(1, 1)], weights), {
      parameter,
      messageIncludes: shown,
    });
  });

  it('throws INVALID_PARAMETER for components or weights of the wrong kind', () => {
    expectSalvoError(() => mixture([normal(0, 1), { mean: 1 } as unknown as Distribution]), {
      parameter: 'components[1]',
      messageIncludes: 'must be a salvo distribution',
    });
    expectSalvoError(() => mixture(normal(0, 1) as unknown as Distribution[]), {
      parameter: 'components',
      messageIncludes: 'must be an array',
    });
    expectSalvoError(() => mixture([normal(0, 1)], 'heavy' as unknown as number[]), {
      parameter: 'weights',
      messageIncludes: '"heavy"',
    });
  });

  it('validates the arguments of its methods', () => {
    expect(() => transit.sample(-1, createRng(1))).toThrow(SalvoError);
    expect(() => transit.cdf(Number.NaN)).toThrow(SalvoError);
    expect(() => transit.pdf(Number.NaN)).toThrow(SalvoError);
    expect(() => transit.quantile(2)).toThrow(SalvoError);
  });
});
