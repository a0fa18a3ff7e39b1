import { describe, expect, it } from 'vitest';
import { BetaSampler, beta } from '../../src/distributions/beta.js';
import { SalvoError } from '../../src/errors.js';
import { createRng } from '../../src/rng/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectFillMatchesSample } from '../helpers/fill.js';
import { expectMatchesReference, referenceCases } from '../helpers/reference.js';
import { expectKs, expectMoments, expectQuantileInvertsCdf, expectRate } from '../helpers/stats.js';

describe('beta(alpha, beta)', () => {
  it('matches scipy.stats.beta(a, b): cdf, pdf, quantile within 1e-11, moments', () => {
    // Measured agreement is 1e-13 or better; scipy's cdf of beta(0.5, 0.5) next to 1 is itself off by
    // 8e-14 (checked against mpmath, ours is within 1e-15 there).
    const cases = referenceCases('beta');
    expect(cases.length).toBe(6);
    expectMatchesReference(cases, (c) => beta(c.params.alpha, c.params.beta), {
      mean: 1e-15,
      variance: 1e-15,
      cdf: 1e-11,
      density: 1e-11,
      quantile: 1e-11,
    });
  });

  it('with a tiny second shape: a cdf of order β below 1, increasing, and quantiles inside (0, 1]', () => {
    // beta(0.1, 1e-20): cdf(x) = 1e-20 (ψ-terms − log(1 − x)), at most 4.7e-19 below x = 1. It was 0
    // above the mean (computed as 1 minus the other tail), and quantile(1e-19) was 1.
    const d = beta(0.1, 1e-20);
    let previous = 0;
    for (const x of [0.1, 0.5, 0.6, 0.9, 0.99, 1 - 1e-10, 1 - 2 ** -53]) {
      const value = d.cdf(x);
      expect(value).toBeGreaterThan(previous);
      expect(value).toBeLessThan(5e-19);
      previous = value;
    }
    let previousX = 0;
    for (const p of [1e-21, 1e-20, 5e-20, 1e-19, 2e-19, 4e-19]) {
      const x = d.quantile(p);
      expect(x).toBeGreaterThan(previousX);
      expect(x).toBeLessThan(1);
      // Near 1 neighbouring doubles differ by up to 3e-5 relative in this cdf.
      expect(Math.abs(d.cdf(x) / p - 1)).toBeLessThan(1e-4);
      previousX = x;
    }
    expect(d.quantile(1e-18)).toBe(1); // above every cdf value below 1
    // The mirror image: beta(1e-20, 0.1) is 1 − 4.7e-19 or more at every positive double.
    const mirror = beta(1e-20, 0.1);
    expect(mirror.cdf(1e-300)).toBe(1);
    expect(mirror.quantile(1 - 2 ** -53)).toBeLessThanOrEqual(Number.MIN_VALUE);
  });

  it('describes itself, is frozen, and handles the edges of its support', () => {
    const d = beta(8, 2);
    expect([d.family, d.kind, d.mean, d.min, d.max]).toEqual(['beta', 'continuous', 0.8, 0, 1]);
    expect(d.variance).toBeCloseTo(16 / 1100, 17);
    expect(d.params).toEqual({ alpha: 8, beta: 2 });
    expect(String(d)).toBe('beta(8, 2)');
    expect(Object.isFrozen(d)).toBe(true);
    expect(d.cdf(-1)).toBe(0);
    expect(d.cdf(0)).toBe(0);
    expect(d.cdf(1)).toBe(1);
    expect(d.cdf(Infinity)).toBe(1);
    expect(d.pdf(-0.1)).toBe(0);
    expect(d.pdf(1.1)).toBe(0);
    expect(d.pdf(0)).toBe(0);
    expect(d.pdf(1)).toBe(0);
    expect(beta(1, 3).pdf(0)).toBe(3);
    expect(beta(3, 1).pdf(1)).toBe(3);
    expect(beta(0.5, 0.5).pdf(0)).toBe(Infinity);
    expect(beta(0.5, 0.5).pdf(1)).toBe(Infinity);
    expect(d.quantile(0)).toBe(0);
    expect(d.quantile(1)).toBe(1);
    // The documented example.
    expect(d.cdf(0.9)).toBe(0.7748409779999998);
    expect(d.quantile(0.05)).toBe(0.5708644529685655);
    for (const [a, b] of [
      [0.1, 3],
      [0.5, 0.5],
      [2, 5],
      [50, 70],
    ]) {
      const g = beta(a, b);
      expectQuantileInvertsCdf(
        g,
        [0.01, 0.3, 0.5, 0.9].map((p) => g.quantile(p)),
        1e-12,
      );
    }
  });

  it('fill consumes the generator exactly as sample does (gamma-ratio and Jöhnk paths)', () => {
    for (const [a, b] of [
      [0.4, 0.7],
      [0.3, 5],
      [3, 4],
    ]) {
      expectFillMatchesSample(beta(a, b), 1001, 'beta-fill');
    }
  });

  it('samples have the right moments and distribution, from beta(0.1, 3) to beta(50, 70) (KS)', () => {
    for (const [a, b, n] of [
      [0.1, 3, 200_000], // gamma ratio, one shape below 1
      [0.5, 0.5, 200_000], // Jöhnk
      [0.2, 0.3, 200_000],
      [1, 1, 200_000],
      [2, 5, 500_000], // gamma ratio
      [8, 2, 200_000],
      [50, 70, 200_000],
    ]) {
      const d = beta(a, b);
      const xs = d.sample(n, createRng(`beta-${a}-${b}`));
      expectMoments(xs, d.mean, d.variance);
      expectKs(xs, (x) => d.cdf(x));
      expect(xs.every((x) => x >= 0 && x <= 1)).toBe(true);
    }
  });

  it('beta(3, 0.1): 2.8% of the mass lies within half an ulp of 1 and rounds to exactly 1', () => {
    // Doubles below 1 are 2^-53 apart, so draws above 1 − 2^-54 round to 1, whose probability is
    // I_ε(0.1, 3) with ε = 2^-54 (about 0.028 here). KS needs no ties, so it runs on the draws below 1
    // against the CDF conditioned on X < 1 − 2^-54; the mass at 1 is checked as a binomial rate.
    const n = 200_000;
    const d = beta(3, 0.1);
    const xs = d.sample(n, createRng('beta-3-0.1'));
    expectMoments(xs, d.mean, d.variance);
    const massAtOne = beta(0.1, 3).cdf(2 ** -54);
    const below = xs.filter((x) => x < 1);
    expectRate(n - below.length, n, massAtOne, 'draws equal to 1');
    expectKs(below, (x) => Math.min(1, d.cdf(x) / (1 - massAtOne)));
  });

  it('never returns NaN for shapes near 0, where both gamma factors underflow', () => {
    for (const [a, b] of [
      [0.005, 0.01],
      [0.002, 4],
      [3, 0.003],
    ]) {
      const d = beta(a, b);
      const xs = d.sample(100_000, createRng(`beta-tiny-${a}-${b}`));
      expect(xs.every((x) => x >= 0 && x <= 1)).toBe(true);
      expectMoments(xs, d.mean, d.variance);
    }
  });

  it('both shapes at most 1e-20: two atoms to double precision, with a cdf in [0, 1] and samples 0 or 1', () => {
    // Issue 16 fuzzing: beta(5e-324, 5e-324) sampled NaN (Jöhnk's logarithms both -Infinity) and its
    // cdf was NaN above 0.5; beta(1e-310, 1e-310).cdf(0.1) was 1.
    for (const [a, b] of [
      [5e-324, 5e-324],
      [1e-310, 1e-310],
      [1e-300, 3e-300],
      [1e-25, 1e-21],
    ]) {
      const d = beta(a, b);
      const low = b / (a + b);
      for (const x of [5e-324, 1e-300, 0.1, 0.5, 0.9, 1 - 2 ** -53]) {
        expect(d.cdf(x), `beta(${a}, ${b}).cdf(${x})`).toBeCloseTo(low, 15);
      }
      expect(d.cdf(0)).toBe(0);
      expect(d.cdf(1)).toBe(1);
      expect(d.quantile(low / 2)).toBe(Number.MIN_VALUE);
      expect(d.quantile(low)).toBe(Number.MIN_VALUE);
      expect(d.quantile((1 + low) / 2)).toBe(1);
      const xs = d.sample(20_000, createRng(`beta-two-point-${a}-${b}`));
      expect(xs.every((x) => x === 0 || x === 1)).toBe(true);
      expectRate(
        xs.reduce((ones, x) => ones + x, 0),
        xs.length,
        a / (a + b),
        `share of ones, beta(${a}, ${b})`,
      );
    }
  });

  it('BetaSampler (shared with pert) draws exactly what beta() draws', () => {
    const xs = new Float64Array(500);
    new BetaSampler(2.5, 1.5).fill(xs, createRng('beta-sampler'));
    expect(xs).toEqual(beta(2.5, 1.5).sample(500, createRng('beta-sampler')));
  });

  it('rejects bad parameters with INVALID_PARAMETER naming the parameter', () => {
    for (const bad of [0, -1, Number.NaN, Infinity, -Infinity]) {
      expectSalvoError(() => beta(bad, 1), { parameter: 'alpha', messageIncludes: 'beta' });
      expectSalvoError(() => beta(1, bad), { parameter: 'beta', messageIncludes: 'beta' });
    }
    // Both shapes above 1e4, the larger above 2^26 √(the smaller): the cdf would be 3e-4 off.
    expectSalvoError(() => beta(1e5, 1e15), { parameter: 'beta', messageIncludes: '2^26' });
    expectSalvoError(() => beta(1e15, 2e4), { parameter: 'alpha', messageIncludes: '2^26' });
    expect(beta(1e4, 1e15).cdf(1e-11)).toBeGreaterThan(0);
    expect(beta(1e15, 1e15).cdf(0.5)).toBeCloseTo(0.5, 6);
    const d = beta(2, 2);
    expect(() => d.cdf(Number.NaN)).toThrow(SalvoError);
    expect(() => d.pdf(Number.NaN)).toThrow(SalvoError);
    expect(() => d.quantile(-0.1)).toThrow(SalvoError);
    expect(() => d.fill([] as unknown as Float64Array, createRng(1))).toThrow(SalvoError);
  });
});
