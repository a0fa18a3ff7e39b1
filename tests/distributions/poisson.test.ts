import { describe, expect, it } from 'vitest';
import { poisson, poissonVariate } from '../../src/distributions/poisson.js';
import { createRng } from '../../src/rng/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectFillMatchesSample } from '../helpers/fill.js';
import { close, expectMatchesReference, referenceCases } from '../helpers/reference.js';
import { expectChiSquare, expectMoments } from '../helpers/stats.js';

describe('poisson(lambda) agrees with scipy', () => {
  for (const c of referenceCases('poisson')) {
    it(`poisson(${c.params.lambda}) pmf, cdf and quantile`, () => {
      expectMatchesReference([c], () => poisson(c.params.lambda), {
        mean: 'exact',
        variance: 'exact',
        cdf: 1e-10,
        density: 1e-10,
        quantile: 'exact',
      });
    });
  }
});

describe('poisson(lambda) for large lambda agrees with mpmath (50 digits)', () => {
  it('keeps full relative accuracy at lambda = 1e9, where the naive log-pmf cancels', () => {
    const d = poisson(1e9);
    expect(close(d.pmf(1e9), 1.2615662609049494e-5, 1e-12)).toBe(true);
    expect(close(d.pmf(1e9 + 50000), 3.6144327932709086e-6, 1e-12)).toBe(true);
    expect(close(d.cdf(1e9), 0.500008410441739, 1e-10)).toBe(true);
    expect(close(d.cdf(1e9 - 60000), 0.028889924578792126, 1e-9)).toBe(true);
  });

  it('gives pmf at lambda = 1e15', () => {
    expect(close(poisson(1e15).pmf(1e15 + 1e7), 1.2000389426299476e-8, 1e-10)).toBe(true);
  });
});

describe('poisson(lambda) properties', () => {
  it('is a frozen discrete distribution describing itself', () => {
    const d = poisson(2.5);
    expect(Object.isFrozen(d)).toBe(true);
    expect(d.kind).toBe('discrete');
    expect(d.family).toBe('poisson');
    expect(d.params).toEqual({ lambda: 2.5 });
    expect(d.min).toBe(0);
    expect(d.max).toBe(Number.POSITIVE_INFINITY);
    expect(d.toString()).toBe('poisson(2.5)');
  });

  it('gives 0 mass off the integers and steps its cdf at integers', () => {
    const d = poisson(3);
    expect(d.pmf(2.5)).toBe(0);
    expect(d.pmf(-1)).toBe(0);
    expect(d.pmf(Number.POSITIVE_INFINITY)).toBe(0);
    expect(d.cdf(2.7)).toBe(d.cdf(2));
    expect(d.cdf(-0.5)).toBe(0);
    expect(d.cdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(d.cdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(d.quantile(0)).toBe(0);
    expect(d.quantile(1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('quantile inverts cdf exactly at the atoms', () => {
    for (const lambda of [0.5, 5, 30, 1000, 1e6]) {
      const d = poisson(lambda);
      const sd = Math.sqrt(lambda);
      for (const z of [-5, -2, -0.5, 0, 0.5, 2, 5]) {
        const k = Math.max(0, Math.round(lambda + z * sd));
        expect(d.quantile(d.cdf(k)), `lambda ${lambda}, k ${k}`).toBe(k);
        if (k > 0 && d.cdf(k - 1) > 0) {
          const between = (d.cdf(k - 1) + d.cdf(k)) / 2;
          expect(d.quantile(between), `lambda ${lambda}, between ${k - 1} and ${k}`).toBe(k);
        }
      }
    }
  });

  it('lambda = 0 is the point mass at 0', () => {
    const d = poisson(0);
    expect(d.sample(100, createRng('zero')).every((x) => x === 0)).toBe(true);
    expect(d.pmf(0)).toBe(1);
    expect(d.pmf(1)).toBe(0);
    expect(d.cdf(0)).toBe(1);
    expect(d.cdf(-1)).toBe(0);
    expect(d.quantile(0.7)).toBe(0);
    expect(d.max).toBe(0);
  });
});

describe('poisson(lambda).sample matches the distribution (fixed seed)', () => {
  // Both samplers: table inversion (0 < lambda < 500) and PTRS (lambda >= 500).
  for (const [lambda, n] of [
    [0.5, 1_000_000],
    [5, 1_000_000],
    [10, 500_000],
    [30, 500_000],
    [499, 500_000],
    [500, 500_000],
    [1000, 500_000],
    [1e6, 200_000],
  ] as const) {
    it(`lambda = ${lambda}: moments and chi-square over ${n} draws`, () => {
      const d = poisson(lambda);
      const xs = d.sample(n, createRng(`poisson-${lambda}`));
      expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      expectMoments(xs, lambda, lambda);
      const sd = Math.sqrt(lambda);
      const lo = Math.max(0, Math.floor(lambda - 6 * sd));
      expectChiSquare(xs, d, lo, Math.ceil(lambda + 7 * sd + 3));
    });
  }

  it('fill consumes the generator exactly as sample does', () => {
    for (const lambda of [3, 3000]) {
      expectFillMatchesSample(poisson(lambda), 1000, 'same');
    }
  });

  it('the same seed gives the same draws', () => {
    const d = poisson(7);
    expect(d.sample(50, createRng(42))).toEqual(d.sample(50, createRng(42)));
  });

  it('poissonVariate (per-draw lambda) matches the distribution on both sides of 10', () => {
    for (const lambda of [0.2, 4, 12, 250]) {
      const rng = createRng(`variate-${lambda}`);
      const xs = new Float64Array(300_000);
      for (let i = 0; i < xs.length; i++) xs[i] = poissonVariate(lambda, rng);
      expectMoments(xs, lambda, lambda);
      const sd = Math.sqrt(lambda);
      expectChiSquare(
        xs,
        poisson(lambda),
        Math.max(0, Math.floor(lambda - 6 * sd)),
        Math.ceil(lambda + 7 * sd + 3),
      );
    }
    expect(poissonVariate(0, createRng(1))).toBe(0);
  });
});

describe('poisson validation', () => {
  it('rejects a bad lambda with INVALID_PARAMETER naming lambda', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '3' as unknown as number]) {
      expectSalvoError(() => poisson(bad), { parameter: 'lambda' });
    }
  });

  it('rejects bad arguments to its methods', () => {
    const d = poisson(1);
    expectSalvoError(() => d.pmf(Number.NaN), { parameter: 'x' });
    expectSalvoError(() => d.cdf(Number.NaN), { parameter: 'x' });
    expectSalvoError(() => d.quantile(1.5), { parameter: 'p' });
    expectSalvoError(() => d.sample(-1, createRng(1)), {
      code: 'INVALID_SAMPLE_COUNT',
      parameter: 'n',
    });
  });
});

describe('poisson quantile beyond 2^53', () => {
  it('returns (a double next to) the median instead of bisecting forever', () => {
    const lambda = 2 ** 60;
    const median = poisson(lambda).quantile(0.5);
    expect(Math.abs(median - lambda) / lambda).toBeLessThan(1e-9);
    expect(poisson(lambda).cdf(median)).toBeGreaterThanOrEqual(0.5);
  });
});
