import { describe, expect, it } from 'vitest';
import { binomial } from '../../src/distributions/binomial.js';
import { createRng } from '../../src/rng/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectFillMatchesSample } from '../helpers/fill.js';
import { close, expectMatchesReference, referenceCases } from '../helpers/reference.js';
import { expectChiSquare, expectMoments } from '../helpers/stats.js';

describe('binomial(n, p) agrees with scipy', () => {
  for (const c of referenceCases('binomial')) {
    const { n, p } = c.params;
    it(`binomial(${n}, ${p}) pmf, cdf and quantile`, () => {
      expectMatchesReference([c], () => binomial(n, p), {
        mean: { digits: 12 },
        variance: 1e-12,
        cdf: 1e-10,
        density: 1e-10,
        quantile: 'exact',
      });
    });
  }
});

describe('binomial(n, p) for large n agrees with mpmath (50 digits)', () => {
  it('n = 1e6, p = 0.3', () => {
    const d = binomial(1_000_000, 0.3);
    expect(close(d.pmf(300_000), 0.0008705631546366808, 1e-11)).toBe(true);
    expect(close(d.cdf(299_000), 0.014568219219937685, 1e-9)).toBe(true);
  });

  it('n = 1e9, p = 1e-8', () => {
    const d = binomial(1_000_000_000, 1e-8);
    expect(close(d.pmf(10), 0.12511003634668347, 1e-11)).toBe(true);
    expect(close(d.cdf(10), 0.5830397501929855, 1e-10)).toBe(true);
  });
});

describe('binomial(n, p) properties', () => {
  it('is a frozen discrete distribution describing itself', () => {
    const d = binomial(12, 0.25);
    expect(Object.isFrozen(d)).toBe(true);
    expect(d.kind).toBe('discrete');
    expect(d.params).toEqual({ n: 12, p: 0.25 });
    expect([d.min, d.max]).toEqual([0, 12]);
    expect(d.toString()).toBe('binomial(12, 0.25)');
  });

  it('gives 0 mass off the support and steps its cdf at integers', () => {
    const d = binomial(10, 0.4);
    expect(d.pmf(-1)).toBe(0);
    expect(d.pmf(11)).toBe(0);
    expect(d.pmf(2.5)).toBe(0);
    expect(d.cdf(3.9)).toBe(d.cdf(3));
    expect(d.cdf(-0.1)).toBe(0);
    expect(d.cdf(10)).toBe(1);
    expect(d.cdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(d.quantile(0)).toBe(0);
    expect(d.quantile(1)).toBe(10);
    let total = 0;
    for (let k = 0; k <= 10; k++) total += d.pmf(k);
    expect(total).toBeCloseTo(1, 14);
  });

  it('quantile inverts cdf exactly at the atoms', () => {
    for (const [n, p] of [
      [20, 0.3],
      [1000, 0.5],
      [1000, 0.97],
      [100_000, 0.01],
    ] as const) {
      const d = binomial(n, p);
      const sd = Math.sqrt(n * p * (1 - p));
      for (const z of [-4, -1, 0, 1, 4]) {
        const k = Math.min(n, Math.max(0, Math.round(n * p + z * sd)));
        expect(d.quantile(d.cdf(k)), `binomial(${n}, ${p}), k ${k}`).toBe(k);
      }
    }
  });

  it('degenerate cases: n = 0, p = 0 and p = 1', () => {
    const rng = createRng('degenerate');
    expect(
      binomial(0, 0.4)
        .sample(50, rng)
        .every((x) => x === 0),
    ).toBe(true);
    expect(
      binomial(25, 0)
        .sample(50, rng)
        .every((x) => x === 0),
    ).toBe(true);
    expect(
      binomial(25, 1)
        .sample(50, rng)
        .every((x) => x === 25),
    ).toBe(true);
    expect(binomial(0, 0.4).pmf(0)).toBe(1);
    expect(binomial(25, 0).pmf(0)).toBe(1);
    expect(binomial(25, 1).pmf(25)).toBe(1);
    expect(binomial(25, 1).pmf(24)).toBe(0);
    expect(binomial(25, 1).cdf(24)).toBe(0);
    expect(binomial(25, 1).quantile(0.3)).toBe(25);
    expect(binomial(25, 0).quantile(0.3)).toBe(0);
    expect(binomial(0, 0.4).quantile(0.3)).toBe(0);
  });
});

describe('binomial(n, p).sample matches the distribution (fixed seed)', () => {
  // Inversion for n min(p, 1 - p) < 500, BTRS from 500; p > 1/2 by reflection.
  for (const [n, p, draws] of [
    [10, 0.3, 500_000],
    [1, 0.5, 500_000],
    [100, 0.02, 500_000],
    [50, 0.99, 500_000],
    [1000, 0.9, 500_000],
    [1_000_000_000, 1e-8, 300_000],
    [10_000, 0.9995, 300_000],
    [998, 0.5, 500_000],
    [1000, 0.5, 500_000],
    [6000, 0.9, 500_000],
    [3000, 0.2, 500_000],
    [1_000_000, 0.3, 300_000],
  ] as const) {
    it(`binomial(${n}, ${p}): moments and chi-square over ${draws} draws`, () => {
      const d = binomial(n, p);
      const xs = d.sample(draws, createRng(`binomial-${n}-${p}`));
      expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
      expectMoments(xs, n * p, n * p * (1 - p));
      const sd = Math.sqrt(n * p * (1 - p));
      const lo = Math.max(0, Math.floor(n * p - 7 * sd - 2));
      const hi = Math.min(n, Math.ceil(n * p + 7 * sd + 2));
      expectChiSquare(xs, d, lo, hi);
    });
  }

  it('fill consumes the generator exactly as sample does', () => {
    for (const [n, p] of [
      [20, 0.3],
      [6000, 0.7],
    ] as const) {
      expectFillMatchesSample(binomial(n, p), 1000, 'same');
    }
  });
});

describe('binomial validation', () => {
  it('rejects a bad n with INVALID_PARAMETER naming n', () => {
    for (const bad of [-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expectSalvoError(() => binomial(bad, 0.5), { parameter: 'n' });
    }
  });

  it('rejects a bad p with INVALID_PARAMETER naming p', () => {
    for (const bad of [-0.01, 1.01, Number.NaN, '0.5' as unknown as number]) {
      expectSalvoError(() => binomial(10, bad), { parameter: 'p' });
    }
  });

  it('rejects bad method arguments', () => {
    const d = binomial(5, 0.5);
    expectSalvoError(() => d.pmf(Number.NaN), { parameter: 'x' });
    expectSalvoError(() => d.quantile(Number.NaN), { parameter: 'p' });
    expectSalvoError(() => d.sample(1.5, createRng(1)), {
      code: 'INVALID_SAMPLE_COUNT',
      parameter: 'n',
    });
  });
});
