import { describe, expect, it } from 'vitest';
import { exponential, standardExponential } from '../../src/distributions/exponential.js';
import { createRng } from '../../src/rng/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectFillMatchesSample } from '../helpers/fill.js';
import { expectMatchesReference, referenceCases } from '../helpers/reference.js';
import {
  expectChiSquare,
  expectKs,
  expectMoments,
  expectQuantileInvertsCdf,
  expectRate,
} from '../helpers/stats.js';

describe('exponential(rate)', () => {
  it('matches scipy.stats.expon(scale = 1 / rate): cdf, pdf, quantile within 1e-12, moments', () => {
    const cases = referenceCases('exponential');
    expect(cases.length).toBe(3);
    expectMatchesReference(cases, (c) => exponential(c.params.rate), {
      mean: 1e-15,
      variance: 1e-15,
      cdf: 1e-12,
      density: 1e-12,
      quantile: 1e-12,
    });
  });

  it('describes itself, is frozen, and handles the edges of its support', () => {
    const d = exponential(0.25);
    expect([d.family, d.kind, d.mean, d.variance, d.min, d.max]).toEqual([
      'exponential',
      'continuous',
      4,
      16,
      0,
      Infinity,
    ]);
    expect(d.params).toEqual({ rate: 0.25 });
    expect(String(d)).toBe('exponential(0.25)');
    expect(Object.isFrozen(d)).toBe(true);
    expect(d.cdf(-1)).toBe(0);
    expect(d.cdf(0)).toBe(0);
    expect(d.cdf(Infinity)).toBe(1);
    expect(d.pdf(-1)).toBe(0);
    expect(d.pdf(0)).toBe(0.25);
    expect(d.quantile(0)).toBe(0);
    expect(d.quantile(1)).toBe(Infinity);
    expectQuantileInvertsCdf(d, [1e-9, 0.01, 1, 4, 10, 40], 1e-12);
  });

  it('samples have the right moments and distribution (1e6 draws, KS)', () => {
    const d = exponential(20);
    const xs = d.sample(1_000_000, createRng('exponential-moments'));
    expectMoments(xs, 1 / 20, 1 / 400);
    expectKs(xs, (x) => d.cdf(x));
  });

  it('ziggurat: 4e6 draws fit in 100 bins of width 0.1 and beyond R = 7.697 (chi-square, rates, KS)', () => {
    const n = 4_000_000;
    const d = exponential(1);
    const xs = d.sample(n, createRng('exponential-ziggurat'));
    const bins = new Float64Array(n);
    const r = 7.69711747013105;
    const beyondR: number[] = [];
    let beyond10 = 0;
    for (let i = 0; i < n; i++) {
      bins[i] = Math.floor(xs[i] * 10);
      if (xs[i] > r) beyondR.push(xs[i] - r);
      if (xs[i] > 10) beyond10++;
    }
    expectChiSquare(
      bins,
      { pmf: (k) => d.cdf((k + 1) / 10) - d.cdf(k / 10), cdf: (k) => d.cdf((k + 1) / 10) },
      0,
      99,
    );
    expectRate(beyondR.length, n, Math.exp(-r), 'P(X > R)');
    expectRate(beyond10, n, Math.exp(-10), 'P(X > 10)');
    // Memorylessness: the excess over R is again a standard exponential.
    expectKs(Float64Array.from(beyondR), (x) => d.cdf(x));
  });

  it('fill consumes the generator exactly as sample and as repeated standardExponential calls', () => {
    const d = exponential(0.5);
    const { filled, next } = expectFillMatchesSample(d, 50_000, 'exponential-stream');
    const c = createRng('exponential-stream');
    for (let i = 0; i < 50_000; i++) {
      const x = 2 * standardExponential(c);
      if (filled[i] !== x) expect.unreachable(`draw ${i}: ${filled[i]} vs ${x}`);
    }
    expect(c.nextUint32()).toBe(next);
  });

  it('pins the stream of a seed (snapshot of the first draws)', () => {
    expect(Array.from(exponential(1).sample(6, createRng('salvo-exponential')))).toEqual([
      0.5052403683314655, 1.96008565215132, 2.6036623837525834, 0.29541333479509224,
      1.245159337036311, 0.20038526213384034,
    ]);
  });

  it('rejects a rate that is not a finite number > 0', () => {
    for (const rate of [0, -1, Number.NaN, Infinity, -Infinity]) {
      expectSalvoError(() => exponential(rate), { parameter: 'rate' });
    }
    expect(expectSalvoError(() => exponential(-3), { parameter: 'rate' }).message).toBe(
      'exponential: rate must be > 0, got -3',
    );
    const d = exponential(1);
    expectSalvoError(() => d.cdf(Number.NaN), { parameter: 'x' });
    expectSalvoError(() => d.quantile(-0.1), { parameter: 'p' });
    expectSalvoError(() => d.fill([] as unknown as Float64Array, createRng(1)), {
      parameter: 'out',
    });
  });
});
