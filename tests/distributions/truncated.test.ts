import { describe, expect, expectTypeOf, it } from 'vitest';
import { beta } from '../../src/distributions/beta.js';
import { binomial } from '../../src/distributions/binomial.js';
import { constant } from '../../src/distributions/constant.js';
import { empirical } from '../../src/distributions/empirical.js';
import { exponential } from '../../src/distributions/exponential.js';
import { gamma } from '../../src/distributions/gamma.js';
import { lognormal } from '../../src/distributions/lognormal.js';
import { mixture } from '../../src/distributions/mixture.js';
import { normal } from '../../src/distributions/normal.js';
import { poisson } from '../../src/distributions/poisson.js';
import { truncated } from '../../src/distributions/truncated/index.js';
import type {
  ContinuousDistribution,
  DiscreteDistribution,
  Distribution,
} from '../../src/distributions/types.js';
import { uniform } from '../../src/distributions/uniform.js';
import { SalvoError } from '../../src/errors.js';
import type { Rng } from '../../src/rng/index.js';
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

function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

/**
 * A standard Cauchy test double: undefined mean, a family with no cheap quantile. Like a user's object
 * written before `fillFromUniforms` existed, it lacks that method (hence the cast).
 */
function cauchyDouble(): ContinuousDistribution {
  const quantile = (p: number): number => Math.tan(Math.PI * (p - 0.5));
  return Object.freeze({
    family: 'testCauchy',
    kind: 'continuous' as const,
    params: {},
    mean: Number.NaN,
    variance: Number.NaN,
    min: Number.NEGATIVE_INFINITY,
    max: Number.POSITIVE_INFINITY,
    fill(out: Float64Array, rng: Rng): Float64Array {
      for (let i = 0; i < out.length; i++) out[i] = quantile(rng.nextFloat64());
      return out;
    },
    sample(n: number, rng: Rng): Float64Array {
      return this.fill(new Float64Array(n), rng);
    },
    cdf: (x: number): number => 0.5 + Math.atan(x) / Math.PI,
    quantile: (p: number): number => (p === 0 ? -Infinity : p === 1 ? Infinity : quantile(p)),
    pdf: (x: number): number => 1 / (Math.PI * (1 + x * x)),
    toString: (): string => 'testCauchy()',
  }) as ContinuousDistribution;
}

/** Closed-form truncated normal moments (φ/Φ formulas), written out independently of the library. */
function truncatedNormalMoments(
  mu: number,
  sigma: number,
  lo: number,
  hi: number,
): [number, number] {
  const std = normal(0, 1);
  const a = (lo - mu) / sigma;
  const b = (hi - mu) / sigma;
  const phiA = Number.isFinite(a) ? std.pdf(a) : 0;
  const phiB = Number.isFinite(b) ? std.pdf(b) : 0;
  const z = std.cdf(b) - std.cdf(a);
  const r = (phiA - phiB) / z;
  const s = ((Number.isFinite(a) ? a * phiA : 0) - (Number.isFinite(b) ? b * phiB : 0)) / z;
  return [mu + sigma * r, sigma * sigma * (1 + s - r * r)];
}

describe('truncated(dist, { min, max })', () => {
  it('truncates a normal: closed-form moments, cdf, quantile, pdf (scipy truncnorm)', () => {
    const d = truncated(normal(1, 2), { min: -1, max: 4 });
    expectTypeOf(d).toEqualTypeOf<ContinuousDistribution>();
    expect(d.kind).toBe('continuous');
    expect(d.family).toBe('truncated');
    expect(d.min).toBe(-1);
    expect(d.max).toBe(4);
    const [mean, variance] = truncatedNormalMoments(1, 2, -1, 4);
    expect(relativeError(d.mean, mean)).toBeLessThan(1e-13);
    expect(relativeError(d.variance, variance)).toBeLessThan(1e-13);
    expect(relativeError(d.mean, 1.2903748943050524)).toBeLessThan(1e-13);
    expect(relativeError(d.variance, 1.6627400246295574)).toBeLessThan(1e-13);
    expect(d.cdf(0)).toBeCloseTo(0.19351196827171643, 14);
    expect(d.quantile(0.3)).toBeCloseTo(0.44665876354209555, 13);
    expect(d.pdf(2)).toBeCloseTo(0.2272745389349412, 14);
    expect(d.pdf(4.5)).toBe(0);
    expect(d.cdf(-2)).toBe(0);
    expect(d.cdf(4)).toBe(1);
    expect(d.quantile(0)).toBe(-1);
    expect(d.quantile(1)).toBe(4);
    expect(String(d)).toBe('truncated(normal(1, 2), { min: -1, max: 4 })');
    expect(d.params).toEqual({ min: -1, max: 4 });
    expectQuantileInvertsCdf(d, [-0.9, 0, 1, 3.99], 1e-12);
  });

  it('samples a truncated normal with the right moments and distribution (fixed seed)', () => {
    const d = truncated(normal(2, 3), { min: 0 });
    const xs = d.sample(300_000, createRng('truncated-normal'));
    expect(xs.every((x) => x >= 0)).toBe(true);
    expect(relativeError(d.mean, 3.282052774994489)).toBeLessThan(1e-13);
    expectMoments(xs, d.mean, d.variance);
    expectKs(xs, (x) => d.cdf(x));
  });

  it('keeps full precision in the far upper tail of a normal (mirror image)', () => {
    const d = truncated(normal(0, 1), { min: 10 });
    expect(relativeError(d.mean, 10.098093233962512)).toBeLessThan(1e-13); // mpmath
    expect(relativeError(d.variance, 0.009445377825656262)).toBeLessThan(1e-10); // mpmath
    expect(d.cdf(10.1)).toBeCloseTo(0.6375114502856413, 13);
    expect(d.quantile(0.5)).toBeCloseTo(10.06841183608143, 12);
    const xs = d.sample(200_000, createRng('upper-tail'));
    expect(xs.every((x) => x >= 10)).toBe(true);
    expectMoments(xs, d.mean, d.variance);
    expectKs(xs, (x) => d.cdf(x));
    // F(37) is 1 in double precision: only the mirror makes this window usable (mpmath values).
    const far = truncated(normal(0, 1), { min: 37 });
    expect(relativeError(far.mean, 37.02698768612699)).toBeLessThan(1e-13);
    expect(relativeError(far.variance, 0.0007272780988775133)).toBeLessThan(1e-9);
    expect(relativeError(far.quantile(0.5), 37.01871532683219)).toBeLessThan(1e-13);
    const lower = truncated(normal(0, 1), { max: -10 });
    expect(relativeError(lower.mean, -10.098093233962512)).toBeLessThan(1e-13);
    expectKs(lower.sample(50_000, createRng('lower-tail')), (x) => lower.cdf(x));
  });

  it('truncated exponential is memoryless and matches the closed form on [a, b]', () => {
    const rate = 2;
    const e = exponential(rate);
    const d = truncated(e, { min: 1.5 });
    // Quadrature of the quantile function: X - 1.5 is exponential(rate) again.
    expect(relativeError(d.mean, 1.5 + 1 / rate)).toBeLessThan(1e-10);
    expect(relativeError(d.variance, 1 / rate ** 2)).toBeLessThan(1e-9);
    expect(d.cdf(2.5)).toBeCloseTo(e.cdf(1), 14);
    const xs = d.sample(200_000, createRng('memoryless'));
    const shifted = xs.map((x) => x - 1.5);
    expectKs(shifted, (x) => e.cdf(x));
    expectMoments(xs, d.mean, d.variance);
    const window = truncated(e, { min: 1, max: 3 });
    expect(relativeError(window.mean, 1.4626852792724518)).toBeLessThan(1e-11); // scipy truncexpon
    expect(relativeError(window.variance, 0.1739781701619289)).toBeLessThan(1e-10);
  });

  it('truncates a Poisson to integers with P(X >= min) including min (zero-truncated Poisson)', () => {
    const base = poisson(3);
    const d = truncated(base, { min: 1 });
    expectTypeOf(d).toEqualTypeOf<DiscreteDistribution>();
    expect(d.kind).toBe('discrete');
    expect(d.min).toBe(1);
    expect(d.max).toBe(Number.POSITIVE_INFINITY);
    const z = 1 - Math.exp(-3);
    expect(d.pmf(0)).toBe(0);
    expect(d.pmf(1)).toBeCloseTo(base.pmf(1) / z, 15);
    expect(d.cdf(0)).toBe(0);
    expect(d.cdf(2)).toBeCloseTo((base.cdf(2) - base.pmf(0)) / z, 15);
    const mu = 3 / z;
    expect(relativeError(d.mean, mu)).toBeLessThan(1e-13);
    expect(relativeError(d.variance, mu * (1 + 3) - mu * mu)).toBeLessThan(1e-12);
    expect(d.quantile(d.cdf(4))).toBe(4);
    const xs = d.sample(300_000, createRng('zero-truncated'));
    expect(xs.every((x) => x >= 1 && Number.isInteger(x))).toBe(true);
    expectMoments(xs, d.mean, d.variance);
    expectChiSquare(xs, d, 1, 15);
    // Integer min keeps min; a fractional min starts at the next integer.
    expect(truncated(base, { min: 2 }).pmf(2)).toBeCloseTo(base.pmf(2) / (1 - base.cdf(1)), 15);
    const fractional = truncated(base, { min: 1.5, max: 4.5 });
    expect(fractional.min).toBe(2);
    expect(fractional.max).toBe(4);
    expect(fractional.pmf(2) + fractional.pmf(3) + fractional.pmf(4)).toBeCloseTo(1, 14);
  });

  it('truncates a binomial on both sides (scipy sums), sampled by rejection (fixed seed)', () => {
    const d = truncated(binomial(20, 0.3), { min: 3, max: 10 });
    expect(d.min).toBe(3);
    expect(d.max).toBe(10);
    expect(relativeError(d.mean, 6.061133816279614)).toBeLessThan(1e-13);
    expect(relativeError(d.variance, 3.213824671529907)).toBeLessThan(1e-13);
    expect(d.pmf(3)).toBeCloseTo(0.07558136437448539, 14);
    expect(d.pmf(11)).toBe(0);
    const xs = d.sample(200_000, createRng('binomial-window'));
    expect(xs.every((x) => x >= 3 && x <= 10)).toBe(true);
    expectMoments(xs, d.mean, d.variance);
    expectChiSquare(xs, d, 3, 10);
  });

  it('truncates a gamma: rejection for a probable window, inversion for an improbable one (mpmath)', () => {
    const base = gamma(2.5, 1);
    const probable = truncated(base, { min: 1, max: 4 }); // P = 0.693: rejection
    expect(relativeError(probable.mean, 2.2630897287223046)).toBeLessThan(1e-12);
    expect(relativeError(probable.variance, 0.6534397820099933)).toBeLessThan(1e-11);
    const xs = probable.sample(200_000, createRng('gamma-probable'));
    expect(xs.every((x) => x >= 1 && x <= 4)).toBe(true);
    expectMoments(xs, probable.mean, probable.variance);
    expectKs(xs, (x) => probable.cdf(x));
    const improbable = truncated(base, { max: 0.3 }); // P = 0.012: inversion
    expect(relativeError(improbable.mean, 0.21010946006892678)).toBeLessThan(1e-12);
    expect(relativeError(improbable.variance, 0.004269963051465841)).toBeLessThan(1e-11);
    const ys = improbable.sample(20_000, createRng('gamma-improbable'));
    expect(ys.every((x) => x >= 0 && x <= 0.3)).toBe(true);
    expectKs(ys, (x) => improbable.cdf(x));
    const tail = truncated(gamma(0.3, 1), { min: 0.5 }); // upper tail over the density
    expect(relativeError(tail.mean, 1.1844893244738532)).toBeLessThan(1e-12);
    expect(relativeError(tail.variance, 0.5790658242604103)).toBeLessThan(1e-11);
  });

  it('samples an improbable Poisson window by inversion (fixed seed)', () => {
    // P(X <= 10) = 0.0108 for Poisson(20): inversion, not rejection.
    const d = truncated(poisson(20), { max: 10 });
    expect(d.max).toBe(10);
    expect(d.min).toBe(0);
    expect(relativeError(d.mean, 9.240736627358523)).toBeLessThan(1e-12); // scipy sum
    expect(relativeError(d.variance, 1.0716220319090772)).toBeLessThan(1e-11);
    const xs = d.sample(200_000, createRng('poisson-window'));
    expect(xs.every((x) => x <= 10 && x >= 0 && Number.isInteger(x))).toBe(true);
    expectMoments(xs, d.mean, d.variance);
    expectChiSquare(xs, d, 3, 10);
  });

  it('integrates a heavy upper tail over the density: lognormal(0, 3) given X >= 1', () => {
    const sigma = 3;
    const d = truncated(lognormal(0, sigma), { min: 1 });
    const std = normal(0, 1);
    // E[X | X >= 1] = e^{σ²/2} Φ(σ) / P, E[X² | X >= 1] = e^{2σ²} Φ(2σ) / P with P = 1/2.
    const m1 = (Math.exp((sigma * sigma) / 2) * std.cdf(sigma)) / 0.5;
    const m2 = (Math.exp(2 * sigma * sigma) * std.cdf(2 * sigma)) / 0.5;
    expect(relativeError(d.mean, m1)).toBeLessThan(1e-12);
    expect(relativeError(d.variance, m2 - m1 * m1)).toBeLessThan(1e-11);
  });

  it('rejection keeps, in order, the accepted draws of batches sized by the acceptance rate', () => {
    const base = poisson(3);
    const d = truncated(base, { min: 1 });
    const rng = createRng('rejection-order');
    const actual = d.sample(10, rng.clone());
    // Acceptance rate 1 - e^-3; batch = ceil(1.1 · 10 / rate) + 16 = 28 draws.
    const batch = Math.ceil((1.1 * 10) / (1 - Math.exp(-3))) + 16;
    expect(batch).toBe(28);
    const expected = base
      .sample(batch, rng)
      .filter((x) => x >= 1)
      .subarray(0, 10);
    expect(actual).toEqual(expected);
  });

  it('samples a mixture base by rejection, with exact moments from its parts (fixed seed)', () => {
    const base = mixture([normal(0, 1), normal(3, 1)]);
    const d = truncated(base, { min: 0 });
    // mpmath from the closed forms of each half-normal part.
    expect(relativeError(d.mean, 2.2682575674293224)).toBeLessThan(1e-13);
    expect(relativeError(d.variance, 1.8611770606484008)).toBeLessThan(1e-13);
    expect(d.cdf(1)).toBeCloseTo((base.cdf(1) - base.cdf(0)) / 0.749325050984185, 14);
    expect(d.pdf(1)).toBeCloseTo(base.pdf(1) / 0.749325050984185, 14);
    const xs = d.sample(200_000, createRng('truncated-mixture'));
    expect(xs.every((x) => x >= 0)).toBe(true);
    expectMoments(xs, d.mean, d.variance);
    expectKs(xs, (x) => d.cdf(x));
    expectQuantileInvertsCdf(d, [0.001, 0.5, 2, 5], 1e-11);
  });

  it("truncates a 'mixed' base: atoms at the bounds are kept", () => {
    const base = mixture([normal(0, 1), poisson(3)]);
    const d = truncated(base, { min: 1, max: 4 });
    expectTypeOf(d).toEqualTypeOf<Distribution>();
    expect(d.kind).toBe('mixed');
    const mass = base.cdf(4) - base.cdf(1 - 1e-12);
    expect(d.cdf(1)).toBeCloseTo((base.cdf(1) - base.cdf(1 - 1e-12)) / mass, 9);
    expect(d.cdf(3)).toBeCloseTo((base.cdf(3) - base.cdf(1 - 1e-12)) / mass, 9);
    const n = 100_000;
    // Exact: the normal part's closed form plus the Poisson atoms 1..4 (scipy).
    expect(relativeError(d.mean, 2.362875371126529)).toBeLessThan(1e-13);
    expect(relativeError(d.variance, 1.0724492282552163)).toBeLessThan(1e-12);
    const xs = d.sample(n, createRng('mixed'));
    expect(xs.every((x) => x >= 1 && x <= 4)).toBe(true);
    expectMoments(xs, d.mean, d.variance);
    const atOne = xs.filter((x) => x === 1).length;
    expectRate(atOne, n, (0.5 * poisson(3).pmf(1)) / mass, 'draws equal to 1');
    const open = truncated(base, { max: 2 });
    expect(open.min).toBe(Number.NEGATIVE_INFINITY);
    expect(open.cdf(2)).toBe(1);
  });

  it('handles bases with undefined moments: a Cauchy has infinite mean on [0, ∞), finite on [0, 1]', () => {
    const c = cauchyDouble();
    const half = truncated(c, { min: 0 });
    expect(half.mean).toBe(Number.POSITIVE_INFINITY);
    expect(half.variance).toBe(Number.POSITIVE_INFINITY);
    expect(truncated(c, { max: 0 }).mean).toBe(Number.NEGATIVE_INFINITY);
    const unit = truncated(c, { min: 0, max: 1 });
    expect(relativeError(unit.mean, (2 * Math.LN2) / Math.PI)).toBeLessThan(1e-12);
    expect(relativeError(unit.variance, 0.07851927251627974)).toBeLessThan(1e-11);
    const xs = unit.sample(100_000, createRng('cauchy'));
    expectKs(xs, (x) => unit.cdf(x));
  });

  it('fill consumes the generator exactly like sample (inversion and rejection)', () => {
    const cases: Distribution[] = [
      truncated(normal(0, 1), { min: -0.5, max: 2 }),
      truncated(normal(0, 1), { min: 3 }),
      truncated(poisson(3), { min: 1 }), // rejection
      truncated(poisson(20), { max: 10 }), // inversion
      truncated(mixture([normal(0, 1), normal(3, 1)]), { min: 0 }), // rejection
    ];
    for (const d of cases) {
      for (const n of [0, 1, 100, 5000]) expectFillMatchesSample(d, n, `fill-${n}`);
    }
  });

  it('inversion takes one uniform per sample, mapped through the base quantile', () => {
    const base = normal(5, 2);
    const d = truncated(base, { max: 6 });
    const rng = createRng('one-uniform');
    const u = rng.clone().fillFloat64(new Float64Array(10));
    const f = base.cdf(6);
    const expected = u.map((v) => base.quantile(f * v));
    const actual = d.sample(10, rng);
    for (let i = 0; i < 10; i++) expect(actual[i]).toBeCloseTo(expected[i], 13);
  });

  it('keeps the quantile monotone when the window holds levels whose base quantile is subnormal', () => {
    // Issue 16: beta(0.00135, 1e-20) below 1e-100 has half its mass below 5e-324; quantile(0.5) was
    // below quantile(0.1).
    const dist = truncated(beta(0.00135, 1e-20), { min: -0.001, max: 1e-100 });
    let previous = dist.min;
    for (let i = 0; i <= 100; i++) {
      const x = dist.quantile(i / 100);
      expect(x, `quantile(${i / 100})`).toBeGreaterThanOrEqual(previous);
      expect(x).toBeLessThanOrEqual(dist.max);
      previous = x;
    }
  });

  it('truncating twice intersects the windows', () => {
    const d = truncated(truncated(normal(0, 1), { min: -1, max: 3 }), { max: 2 });
    expect(d.min).toBe(-1);
    expect(d.max).toBe(2);
    expect(String(d)).toBe('truncated(truncated(normal(0, 1), { min: -1, max: 3 }), { max: 2 })');
    const [mean] = truncatedNormalMoments(0, 1, -1, 2);
    expect(relativeError(d.mean, mean)).toBeLessThan(1e-13);
  });

  it('truncating an empirical distribution keeps the data in the window', () => {
    const d = truncated(empirical([1, 5, 2, 8, 5, 9]), { min: 2, max: 8 });
    expect(d.family).toBe('empirical');
    expect(d.mean).toBe(5);
    expect(d.pmf(5)).toBe(0.5);
    expect(d.min).toBe(2);
  });

  it('bounds outside the support are clipped to it; a constant can be truncated', () => {
    const d = truncated(uniform(0, 1), { min: -5, max: 0.5 });
    expect(d.min).toBe(0);
    expect(d.mean).toBeCloseTo(0.25, 12);
    const c = truncated(constant(3), { min: 0 });
    expect(c.sample(3, createRng(1))).toEqual(Float64Array.of(3, 3, 3));
    expect(c.mean).toBe(3);
    expect(c.min).toBe(3);
    expect(c.max).toBe(3);
  });

  it('is immutable, and its moments cannot be assigned', () => {
    const d = truncated(normal(0, 1), { min: 0 });
    expect(Object.isFrozen(d)).toBe(true);
    expect(() => {
      (d as { mean: number }).mean = 3;
    }).toThrow(TypeError);
  });

  it('throws REJECTION_HOPELESS, with the acceptance rate, for windows without probability', () => {
    // The message describes the window, not the `dist` argument it blames.
    const hopeless = {
      code: 'REJECTION_HOPELESS',
      parameter: 'dist',
      messageNamesParameter: false,
    } as const;
    expectSalvoError(() => truncated(uniform(0, 1), { min: 2 }), {
      ...hopeless,
      messageIncludes: 'acceptance rate 0',
    });
    // F(40) rounds to 1 for an exponential: nothing left to sample.
    expectSalvoError(() => truncated(exponential(1), { min: 40 }), {
      ...hopeless,
      messageIncludes: 'acceptance rate 0',
    });
    // 1 - F(25) = 1.4e-11, below what double precision resolves next to 1.
    expectSalvoError(() => truncated(exponential(1), { min: 25 }), {
      ...hopeless,
      messageIncludes: 'acceptance rate 1.3',
    });
    expectSalvoError(() => truncated(poisson(3), { min: 0.2, max: 0.8 }), {
      ...hopeless,
      messageIncludes: 'acceptance rate 0',
    });
    expectSalvoError(() => truncated(empirical([1, 2]), { min: 3 }), {
      ...hopeless,
      messageIncludes: 'acceptance rate 0',
    });
  });

  it('throws INVALID_PARAMETER for bad bounds or a non-distribution', () => {
    const n = normal(0, 1);
    expectSalvoError(() => truncated(n, {}), {
      parameter: 'bounds',
      messageIncludes: 'got neither',
    });
    expectSalvoError(() => truncated(n, undefined as unknown as { min: number }), {
      parameter: 'bounds',
      messageIncludes: 'undefined',
    });
    expectSalvoError(() => truncated(n, { min: Number.NaN }), {
      parameter: 'min',
      messageIncludes: 'NaN',
    });
    expectSalvoError(() => truncated(n, { max: '3' as unknown as number }), {
      parameter: 'max',
      messageIncludes: '"3"',
    });
    expectSalvoError(() => truncated(n, { min: 2, max: 1 }), {
      parameter: 'min',
      messageIncludes: 'min = 2, max = 1',
    });
    expectSalvoError(() => truncated(n, { min: 1, max: 1 }), {
      parameter: 'min',
      messageIncludes: 'min = 1, max = 1',
    });
    expectSalvoError(
      () => truncated({ kind: 'continuous' } as unknown as Distribution, { min: 0 }),
      { parameter: 'dist', messageIncludes: 'must be a salvo distribution' },
    );
  });

  it('validates the arguments of its methods', () => {
    const d = truncated(normal(0, 1), { min: 0 });
    expect(() => d.sample(1.5, createRng(1))).toThrow(SalvoError);
    expect(() => d.fill([] as unknown as Float64Array, createRng(1))).toThrow(SalvoError);
    expect(() => d.cdf(Number.NaN)).toThrow(SalvoError);
    expect(() => d.pdf(Number.NaN)).toThrow(SalvoError);
    expect(() => d.quantile(-0.1)).toThrow(SalvoError);
  });
});
