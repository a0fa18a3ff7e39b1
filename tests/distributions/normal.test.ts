import seedrandom from 'seedrandom';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { normal, standardNormal } from '../../src/distributions/normal.js';
import type { ContinuousDistribution } from '../../src/distributions/types.js';
import { createRng, wrapRng } from '../../src/rng/index.js';
import { normalCdf, normalQuantile } from '../../src/special/normal.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectFillMatchesSample } from '../helpers/fill.js';
import { close, expectMatchesReference, referenceCases } from '../helpers/reference.js';
import {
  expectChiSquare,
  expectKs,
  expectMoments,
  expectQuantileInvertsCdf,
  expectRate,
} from '../helpers/stats.js';

describe('normal(mean, sd)', () => {
  it('matches scipy.stats.norm: cdf, pdf and quantile within 1e-12, exact moments', () => {
    const cases = referenceCases('normal');
    expect(cases.length).toBe(3);
    expectMatchesReference(cases, (c) => normal(c.params.mean, c.params.sd), {
      mean: 'exact',
      variance: 1e-15,
      cdf: 1e-12,
      density: 1e-12,
      quantile: 1e-12,
    });
  });

  it('describes itself and is frozen', () => {
    const d = normal(170, 10);
    expectTypeOf(d).toEqualTypeOf<ContinuousDistribution>();
    expect(d.family).toBe('normal');
    expect(d.kind).toBe('continuous');
    expect(d.params).toEqual({ mean: 170, sd: 10 });
    expect([d.mean, d.variance, d.min, d.max]).toEqual([170, 100, -Infinity, Infinity]);
    expect(String(d)).toBe('normal(170, 10)');
    expect(Object.isFrozen(d)).toBe(true);
    expect(Object.isFrozen(d.params)).toBe(true);
    expect(d.quantile(0)).toBe(-Infinity);
    expect(d.quantile(1)).toBe(Infinity);
    expect(d.cdf(-Infinity)).toBe(0);
    expect(d.cdf(Infinity)).toBe(1);
    expect(d.pdf(Infinity)).toBe(0);
    // The lower tail keeps full relative precision; the upper tail is limited by the spacing of doubles
    // near 1, so it is checked only up to 3.5 sd.
    expectQuantileInvertsCdf(d, [-200, 90, 120, 150, 169.9, 170, 183, 205], 1e-12);
  });

  it('samples have the right moments and distribution (1e6 draws, KS)', () => {
    const d = normal(170, 10);
    const xs = d.sample(1_000_000, createRng('normal-moments'));
    expectMoments(xs, 170, 100);
    expectKs(xs, (x) => d.cdf(x));
  });

  it('ziggurat: 1e7 draws fit Φ in 120 bins of width 0.1 and in both tails (chi-square, rates)', () => {
    const n = 10_000_000;
    const xs = normal(0, 1).sample(n, createRng('normal-ziggurat'));
    // Bins k = floor((x + 6) * 10) for x in [-6, 6); the chi-square test folds the rest into the end cells.
    const bins = new Float64Array(n);
    let beyond4 = 0;
    let beyondR = 0;
    let beyond5 = 0;
    let maxAbs = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i];
      bins[i] = Math.floor((x + 6) * 10);
      const a = Math.abs(x);
      if (a > 4) beyond4++;
      if (a > 3.6541528853610088) beyondR++;
      if (a > 5) beyond5++;
      if (a > maxAbs) maxAbs = a;
    }
    const edge = (k: number) => -6 + k / 10;
    expectChiSquare(
      bins,
      {
        pmf: (k) => normalCdf(edge(k + 1)) - normalCdf(edge(k)),
        cdf: (k) => normalCdf(edge(k + 1)),
      },
      0,
      119,
    );
    // Tails: beyond R = 3.654 every draw comes from Marsaglia's tail algorithm.
    expectRate(beyond4, n, 2 * normalCdf(-4), 'P(|Z| > 4)');
    expectRate(beyondR, n, 2 * normalCdf(-3.6541528853610088), 'P(|Z| > R)');
    expectRate(beyond5, n, 2 * normalCdf(-5), 'P(|Z| > 5)');
    expect(maxAbs).toBeGreaterThan(4.5); // P(max < 4.5) over 1e7 draws is about e^-68
  });

  it('the tail beyond R = 3.654 has the conditional normal distribution (KS on 1e7 draws)', () => {
    const r = 3.6541528853610088;
    const xs = normal(0, 1).sample(10_000_000, createRng('normal-tail'));
    const tail: number[] = [];
    for (const x of xs) if (x > r) tail.push(x);
    const tailMass = normalCdf(-r);
    expect(tail.length).toBeGreaterThan(1000);
    expectKs(Float64Array.from(tail), (x) => 1 - normalCdf(-x) / tailMass);
  });

  it('fill consumes the generator exactly as sample, and as repeated standardNormal calls', () => {
    const d = normal(-3, 0.5);
    const { filled, next } = expectFillMatchesSample(d, 50_000, 'normal-stream');
    const c = createRng('normal-stream');
    const d2 = c.clone();
    for (let i = 0; i < 50_000; i++) {
      const z = standardNormal(c);
      if (filled[i] !== -3 + 0.5 * z)
        expect.unreachable(`draw ${i}: ${filled[i]} vs ${-3 + 0.5 * z}`);
    }
    d.fill(new Float64Array(50_000), d2);
    expect(c.nextUint32()).toBe(next);
    expect(d2.nextUint32()).toBe(next);
  });

  it('pins the stream of a seed (snapshot of the first draws)', () => {
    const xs = normal(0, 1).sample(6, createRng('salvo-normal'));
    expect(Array.from(xs)).toEqual([
      -2.1031374849959925, -0.562913936899625, -0.0327914327184395, 1.082712313340297,
      -0.25027096370163937, -0.42648670972946007,
    ]);
  });

  it('standardNormal draws are N(0, 1) (2e5 draws, moments and KS)', () => {
    const rng = createRng('standard-normal');
    const xs = new Float64Array(200_000);
    for (let i = 0; i < xs.length; i++) xs[i] = standardNormal(rng);
    expectMoments(xs, 0, 1);
    expectKs(xs, normalCdf);
  });

  it('rejects bad parameters with a SalvoError naming the parameter', () => {
    expectSalvoError(() => normal(Number.NaN, 1), { parameter: 'mean' });
    expectSalvoError(() => normal(Infinity, 1), { parameter: 'mean' });
    expectSalvoError(() => normal(0, 0), { parameter: 'sd' });
    expectSalvoError(() => normal(0, -1), { parameter: 'sd' });
    expectSalvoError(() => normal(0, Number.NaN), { parameter: 'sd' });
    expectSalvoError(() => normal(0, Infinity), { parameter: 'sd' });
    expect(expectSalvoError(() => normal(0, -2), { parameter: 'sd' }).message).toBe(
      'normal: sd must be > 0, got -2',
    );
    const d = normal(0, 1);
    expectSalvoError(() => d.cdf(Number.NaN), { parameter: 'x' });
    expectSalvoError(() => d.pdf(Number.NaN), { parameter: 'x' });
    expectSalvoError(() => d.quantile(1.5), { parameter: 'p' });
    expectSalvoError(() => d.sample(-1, createRng(1)), {
      code: 'INVALID_SAMPLE_COUNT',
      parameter: 'n',
    });
  });
});

describe('normal.ci(lo, hi, { level })', () => {
  it('puts lo and hi at the (1 - level) / 2 and (1 + level) / 2 quantiles', () => {
    for (const [lo, hi] of [
      [-20, 100],
      [0, 3e7],
      [150, 190],
      [-5e-9, -1e-9],
    ]) {
      for (const level of [0.5, 0.8, 0.9, 0.95, 0.999999]) {
        const d = normal.ci(lo, hi, { level });
        const tolerance = 1e-13 * (hi - lo);
        expect(Math.abs(d.quantile((1 - level) / 2) - lo), `${d} lo`).toBeLessThanOrEqual(
          tolerance,
        );
        // (1 + level) / 2 is rounded to a double near 1 (spacing 2^-53): allow what that moves x by.
        const spacing =
          (2 ** -53 * d.params.sd) / normal(0, 1).pdf(normalQuantile((1 + level) / 2));
        expect(Math.abs(d.quantile((1 + level) / 2) - hi), `${d} hi`).toBeLessThanOrEqual(
          tolerance + 2 * spacing,
        );
        expect(d.mean).toBe((lo + hi) / 2);
      }
    }
  });

  it('defaults to a 90% interval: sd = (hi - lo) / (2 · 1.6448536269514722)', () => {
    const d = normal.ci(-20, 100);
    expect(close(d.params.sd, 120 / (2 * 1.6448536269514722), 1e-15)).toBe(true);
    expect(normal.ci(-20, 100, {}).params).toEqual(d.params);
    expect(normal.ci(-20, 100, { level: undefined }).params).toEqual(d.params);
    expect(Object.isFrozen(d)).toBe(true);
  });

  it('does not overflow for bounds near ±Number.MAX_VALUE', () => {
    const d = normal.ci(-4e306, 4e306);
    expect(d.mean).toBe(0);
    expect(Number.isFinite(d.params.sd)).toBe(true);
    // Wider, and samples would be ±Infinity: refused (issue 16).
    expectSalvoError(() => normal.ci(-1e308, 1e308), { parameter: 'sd' });
  });

  it('rejects bad bounds and levels, naming the parameter', () => {
    expectSalvoError(() => normal.ci(Number.NaN, 1), { parameter: 'lo' });
    expectSalvoError(() => normal.ci(0, Infinity), { parameter: 'hi' });
    expectSalvoError(() => normal.ci(5, 1), { parameter: 'lo' });
    expectSalvoError(() => normal.ci(1, 1), { parameter: 'lo' });
    for (const level of [0, 1, -0.5, 1.5, Number.NaN, Infinity]) {
      expectSalvoError(() => normal.ci(0, 1, { level }), { parameter: 'level' });
    }
    expectSalvoError(() => normal.ci(0, 1, null as unknown as { level?: number }), {
      parameter: 'options',
    });
  });
});

describe('normal fill draws exactly what repeated standardNormal calls draw', () => {
  it.each(['sfc32', 'xoshiro128**', 'pcg32'] as const)(
    '%s: fill over several chunks equals repeated standardNormal calls, and leaves the generator in the same state',
    (algorithm) => {
      const n = 3 * 4096 + 77; // long enough for ~180 slow-path (wedge and tail) draws
      const a = createRng('prefetch', { algorithm });
      const b = a.clone();
      const filled = normal(0, 1).fill(new Float64Array(n), a);
      const oneByOne = Float64Array.from({ length: n }, () => standardNormal(b));
      expect(filled).toEqual(oneByOne);
      expect(a.nextUint32()).toBe(b.nextUint32());
    },
  );

  it('also for a wrapped source, whose doubles need not be two 32-bit words', () => {
    const a = wrapRng(seedrandom.alea('wrapped'));
    const b = wrapRng(seedrandom.alea('wrapped'));
    const filled = normal(0, 1).fill(new Float64Array(5000), a);
    const oneByOne = Float64Array.from({ length: 5000 }, () => standardNormal(b));
    expect(filled).toEqual(oneByOne);
  });
});
