import { describe, expect, it } from 'vitest';
import { lognormal } from '../../src/distributions/lognormal.js';
import { normal, standardNormal } from '../../src/distributions/normal.js';
import { createRng } from '../../src/rng/index.js';
import { fastExp } from '../../src/special/exp.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectFillMatchesSample } from '../helpers/fill.js';
import { close, expectMatchesReference, referenceCases } from '../helpers/reference.js';
import { expectKs, expectMoments, expectQuantileInvertsCdf } from '../helpers/stats.js';

/** Distance in units in the last place between two positive finite doubles. */
function ulps(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Math.abs(Number(view.getBigInt64(0) - view.getBigInt64(8)));
}

describe('lognormal(mu, sigma)', () => {
  it('matches scipy.stats.lognorm(s = sigma, scale = exp(mu)) within 1e-12, moments within 1e-14', () => {
    const cases = referenceCases('lognormal');
    expect(cases.length).toBe(3);
    expectMatchesReference(cases, (c) => lognormal(c.params.mu, c.params.sigma), {
      mean: 1e-14,
      variance: 1e-14,
      cdf: 1e-12,
      density: 1e-12,
      quantile: 1e-12,
    });
  });

  it('describes itself, is frozen, and handles the edges of its support', () => {
    const d = lognormal(Math.log(1000), 0.5);
    expect([d.family, d.kind, d.min, d.max]).toEqual(['lognormal', 'continuous', 0, Infinity]);
    expect(d.params).toEqual({ mu: Math.log(1000), sigma: 0.5 });
    expect(Object.isFrozen(d)).toBe(true);
    expect(close(d.mean, 1000 * Math.exp(0.125), 1e-15)).toBe(true);
    expect([d.cdf(-1), d.cdf(0), d.cdf(Infinity), d.pdf(0), d.pdf(-3), d.pdf(Infinity)]).toEqual([
      0, 0, 1, 0, 0, 0,
    ]);
    expect([d.quantile(0), d.quantile(1)]).toEqual([0, Infinity]);
    expect(close(d.quantile(0.5), 1000, 1e-15)).toBe(true);
    expectQuantileInvertsCdf(d, [1, 100, 700, 1000, 2000, 4000], 1e-12);
    // A tiny sigma keeps the variance's digits (expm1, not exp - 1).
    expect(close(lognormal(0, 1e-9).variance, 1e-18, 1e-8)).toBe(true);
  });

  it('samples have the right moments and distribution (1e6 draws, KS)', () => {
    const d = lognormal(6, 0.3);
    const xs = d.sample(1_000_000, createRng('lognormal-moments'));
    expectMoments(xs, d.mean, d.variance);
    expectKs(xs, (x) => d.cdf(x));
    const wide = lognormal(-1, 2);
    expectKs(wide.sample(300_000, createRng('lognormal-wide')), (x) => wide.cdf(x));
  });

  it('fill is exp of the normal ziggurat, consuming the generator exactly as sample', () => {
    const d = lognormal(0.5, 1.5);
    const { filled, next } = expectFillMatchesSample(d, 20_000, 'lognormal-stream');
    const c = createRng('lognormal-stream');
    for (let i = 0; i < 20_000; i++) {
      const x = Math.exp(0.5 + 1.5 * standardNormal(c));
      if (ulps(filled[i], x) > 2) expect.unreachable(`draw ${i}: ${filled[i]} vs ${x}`);
    }
    expect(c.nextUint32()).toBe(next);
  });

  it('pins the stream of a seed (snapshot of the first draws)', () => {
    expect(Array.from(lognormal(0, 1).sample(4, createRng('salvo-lognormal')))).toEqual([
      0.40322287397255596, 1.6915541462653798, 2.3794710212101404, 0.9454511269913135,
    ]);
  });

  it('rejects bad parameters with a SalvoError naming the parameter', () => {
    for (const mu of [Number.NaN, Infinity, -Infinity]) {
      expectSalvoError(() => lognormal(mu, 1), { parameter: 'mu' });
    }
    for (const sigma of [0, -1, Number.NaN, Infinity]) {
      expectSalvoError(() => lognormal(0, sigma), { parameter: 'sigma' });
    }
  });
});

describe('fastExp(x) (the sampler’s exp)', () => {
  it('is within 2 ulps of Math.exp on (-708, 708) and defers to it outside', () => {
    const rng = createRng('fast-exp');
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const wide = (rng.nextFloat64() - 0.5) * 1415;
      const narrow = (rng.nextFloat64() - 0.5) * 20;
      worst = Math.max(
        worst,
        ulps(fastExp(wide), Math.exp(wide)),
        ulps(fastExp(narrow), Math.exp(narrow)),
      );
    }
    expect(worst).toBeLessThanOrEqual(2);
    for (const x of [0, -0, 1, -1, 1e-300, Math.LN2, 707.9, -707.9]) {
      expect(ulps(fastExp(x), Math.exp(x)), `fastExp(${x})`).toBeLessThanOrEqual(2);
    }
    expect(fastExp(0)).toBe(1);
    for (const x of [709.7, 710, -745, -746, Infinity, -Infinity])
      expect(fastExp(x)).toBe(Math.exp(x));
    expect(Number.isNaN(fastExp(Number.NaN))).toBe(true);
  });
});

describe('lognormal.ci(lo, hi, { level })', () => {
  it('puts lo and hi at the (1 - level) / 2 and (1 + level) / 2 quantiles; median sqrt(lo hi)', () => {
    for (const [lo, hi] of [
      [300, 600],
      [400, 2500],
      [1e-6, 1e6],
      [1, 1.0001],
    ]) {
      for (const level of [0.5, 0.8, 0.9, 0.95, 0.99]) {
        const d = lognormal.ci(lo, hi, { level });
        expect(close(d.quantile((1 - level) / 2), lo, 1e-13), `${d} lo`).toBe(true);
        expect(close(d.quantile((1 + level) / 2), hi, 1e-12), `${d} hi`).toBe(true);
        expect(close(d.quantile(0.5), Math.sqrt(lo * hi), 1e-13), `${d} median`).toBe(true);
      }
    }
  });

  it('defaults to a 90% interval: sigma = ln(hi / lo) / (2 · 1.6448536269514722)', () => {
    const d = lognormal.ci(300, 600);
    expect(close(d.params.sigma, Math.log(2) / (2 * 1.6448536269514722), 1e-14)).toBe(true);
    expect(lognormal.ci(300, 600, {}).params).toEqual(d.params);
    expect(close(normal.ci(Math.log(300), Math.log(600)).params.sd, d.params.sigma, 1e-15)).toBe(
      true,
    );
  });

  it('rejects bounds that are not > 0, naming the bound and pointing to normal.ci', () => {
    const e = expectSalvoError(() => lognormal.ci(0, 3e7), { parameter: 'lo' });
    expect(e.message).toContain('normal.ci(lo, hi)');
    expect(e.message).toContain('got 0');
    expectSalvoError(() => lognormal.ci(-5, 10), { parameter: 'lo' });
    expectSalvoError(() => lognormal.ci(1, -1), { parameter: 'hi' });
    expectSalvoError(() => lognormal.ci(1, 0), { parameter: 'hi' });
    expectSalvoError(() => lognormal.ci(Number.NaN, 10), { parameter: 'lo' });
    expectSalvoError(() => lognormal.ci(1, Infinity), { parameter: 'hi' });
    expectSalvoError(() => lognormal.ci(10, 1), { parameter: 'lo' });
    expectSalvoError(() => lognormal.ci(10, 10), { parameter: 'lo' });
    for (const level of [0, 1, 2, Number.NaN]) {
      expectSalvoError(() => lognormal.ci(1, 10, { level }), { parameter: 'level' });
    }
  });
});
