import { describe, expect, it } from 'vitest';
import { negativeBinomial } from '../../src/distributions/negativeBinomial.js';
import { createRng } from '../../src/rng/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectFillMatchesSample } from '../helpers/fill.js';
import { close, expectMatchesReference, referenceCases } from '../helpers/reference.js';
import { expectChiSquare, expectMoments } from '../helpers/stats.js';

describe('negativeBinomial(r, p) agrees with scipy (failures before the r-th success)', () => {
  for (const c of referenceCases('negativeBinomial')) {
    const { r, p } = c.params;
    it(`negativeBinomial(${r}, ${p}) pmf, cdf and quantile`, () => {
      expectMatchesReference([c], () => negativeBinomial(r, p), {
        mean: 1e-14,
        variance: 1e-14,
        cdf: 1e-10,
        density: 1e-10,
        quantile: 'exact',
      });
    });
  }

  it('negativeBinomial(0.5, 0.01) agrees with mpmath (50 digits)', () => {
    const d = negativeBinomial(0.5, 0.01);
    expect(close(d.pmf(30), 0.00758771128759265, 1e-11)).toBe(true);
    expect(close(d.cdf(30), 0.5682533423823415, 1e-10)).toBe(true);
    expect(d.quantile(0.5)).toBe(22);
  });
});

describe('negativeBinomial(r, p) properties', () => {
  it('is a frozen discrete distribution describing itself', () => {
    const d = negativeBinomial(2, 0.4);
    expect(Object.isFrozen(d)).toBe(true);
    expect(d.kind).toBe('discrete');
    expect(d.params).toEqual({ r: 2, p: 0.4 });
    expect([d.min, d.max]).toEqual([0, Number.POSITIVE_INFINITY]);
    expect(d.toString()).toBe('negativeBinomial(2, 0.4)');
  });

  it('r = 1 is the geometric distribution counting failures', () => {
    const d = negativeBinomial(1, 0.25);
    for (let k = 0; k < 20; k++) {
      expect(close(d.pmf(k), 0.25 * 0.75 ** k, 1e-13)).toBe(true);
      expect(close(d.cdf(k), 1 - 0.75 ** (k + 1), 1e-13)).toBe(true);
    }
    expect(d.pmf(1.5)).toBe(0);
    expect(d.pmf(-1)).toBe(0);
    expect(d.cdf(-1)).toBe(0);
    expect(d.cdf(2.5)).toBe(d.cdf(2));
    expect(d.cdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(d.quantile(0)).toBe(0);
    expect(d.quantile(1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('quantile inverts cdf exactly at the atoms', () => {
    for (const [r, p] of [
      [0.3, 0.05],
      [3.5, 0.2],
      [50, 0.5],
    ] as const) {
      const d = negativeBinomial(r, p);
      for (const k of [
        0,
        1,
        3,
        Math.round(d.mean),
        Math.round(d.mean + 3 * Math.sqrt(d.variance)),
      ]) {
        expect(d.quantile(d.cdf(k)), `negativeBinomial(${r}, ${p}), k ${k}`).toBe(k);
      }
    }
  });

  it('p = 1 is the point mass at 0', () => {
    const d = negativeBinomial(3, 1);
    expect(d.sample(100, createRng('one')).every((x) => x === 0)).toBe(true);
    expect(d.pmf(0)).toBe(1);
    expect(d.pmf(1)).toBe(0);
    expect(d.cdf(0)).toBe(1);
    expect(d.quantile(0.9)).toBe(0);
    expect([d.mean, d.variance, d.max]).toEqual([0, 0, 0]);
  });
});

describe('negativeBinomial(r, p).sample matches the distribution (fixed seed)', () => {
  // Table inversion for the first five; the gamma–Poisson mixture for the last three (a table would
  // need more than 16,384 entries, or p^r underflows), whose Poisson stage sees means on both sides of 10.
  for (const [r, p, draws] of [
    [20, 0.9, 300_000],
    [1, 0.5, 300_000],
    [3.5, 0.2, 300_000],
    [0.5, 0.01, 300_000],
    [100, 0.5, 300_000],
    [2, 1e-4, 300_000],
    [0.3, 1e-5, 300_000],
    [1000, 0.3, 300_000],
  ] as const) {
    it(`negativeBinomial(${r}, ${p}): moments and chi-square over ${draws} draws`, () => {
      const d = negativeBinomial(r, p);
      const xs = d.sample(draws, createRng(`nb-${r}-${p}`));
      expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      expectMoments(xs, d.mean, d.variance);
      expectChiSquare(xs, d, 0, d.quantile(1 - 1e-7));
    });
  }

  it('fill consumes the generator exactly as sample does (both samplers)', () => {
    for (const d of [negativeBinomial(2.5, 0.1), negativeBinomial(2, 1e-4)]) {
      expectFillMatchesSample(d, 1000, 'same');
    }
  });
});

describe('negativeBinomial validation', () => {
  it('rejects a bad r with INVALID_PARAMETER naming r', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectSalvoError(() => negativeBinomial(bad, 0.5), { parameter: 'r' });
    }
  });

  it('rejects a bad p with INVALID_PARAMETER naming p', () => {
    for (const bad of [0, -0.5, 1.5, Number.NaN, 1e-320, '0.5' as unknown as number]) {
      expectSalvoError(() => negativeBinomial(2, bad), { parameter: 'p' });
    }
  });

  it('rejects bad method arguments', () => {
    const d = negativeBinomial(2, 0.5);
    expectSalvoError(() => d.pmf(Number.NaN), { parameter: 'x' });
    expectSalvoError(() => d.quantile(2), { parameter: 'p' });
    expectSalvoError(() => d.sample(-3, createRng(1)), {
      code: 'INVALID_SAMPLE_COUNT',
      parameter: 'n',
    });
  });
});
