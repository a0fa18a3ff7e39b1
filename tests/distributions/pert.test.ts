import { describe, expect, it } from 'vitest';
import { beta } from '../../src/distributions/beta.js';
import { pert } from '../../src/distributions/pert.js';
import { SalvoError } from '../../src/errors.js';
import { createRng } from '../../src/rng/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectFillMatchesSample } from '../helpers/fill.js';
import { expectMatchesReference } from '../helpers/reference.js';
import { expectKs, expectMoments, expectQuantileInvertsCdf } from '../helpers/stats.js';

/**
 * scipy.stats.beta(α, β, loc = min, scale = max − min) with α = 1 + λ (mode − min) / (max − min),
 * β = 1 + λ (max − mode) / (max − min) (scipy 1.17), the definition of the (modified) PERT distribution.
 */
const REFERENCE = [
  {
    min: 5000,
    mode: 6700,
    max: 8000,
    lambda: 4,
    mean: 6633.333333333333,
    variance: 318888.8888888889,
    cdf: [
      [5300, 0.004209988115070113],
      [6050, 0.1693305263396248],
      [6800, 0.5948286085553769],
      [7700, 0.9833914816833098],
    ],
    pdf: [
      [5300, 4.383304883206173e-5],
      [6050, 0.00042663064557221407],
      [6800, 0.0006239667996182456],
      [7700, 0.00014149171729013342],
    ],
    quantile: [
      [0.001, 5190.171413155762],
      [0.05, 5678.217201173885],
      [0.5, 6649.0683379501515],
      [0.95, 7534.282938919585],
      [0.999, 7897.071308593903],
    ],
  },
  {
    min: 0,
    mode: 0,
    max: 1,
    lambda: 4,
    mean: 0.16666666666666666,
    variance: 0.01984126984126984,
    cdf: [
      [0.1, 0.40951000000000004],
      [0.35, 0.8839709375],
      [0.6, 0.98976],
      [0.9, 0.99999],
    ],
    pdf: [
      [0.1, 3.2804999999999995],
      [0.35, 0.8925312500000001],
      [0.6, 0.12799999999999997],
      [0.9, 0.0004999999999999994],
    ],
    quantile: [
      [0.001, 0.00020008004803362555],
      [0.05, 0.010206218313011496],
      [0.5, 0.12944943670387585],
      [0.95, 0.450719728346941],
      [0.999, 0.748811356849042],
    ],
  },
  {
    min: 0,
    mode: 0.5,
    max: 1,
    lambda: 10,
    mean: 0.5,
    variance: 0.019230769230769232,
    cdf: [
      [0.1, 0.00029570608000000013],
      [0.35, 0.14868372392111326],
      [0.6, 0.75349813248],
      [0.9, 0.99970429392],
    ],
    pdf: [
      [0.1, 0.016368382799999994],
      [0.35, 1.6892745177902344],
      [0.6, 2.207239372799999],
      [0.9, 0.01636838279999998],
    ],
    quantile: [
      [0.001, 0.12492855071983887],
      [0.05, 0.27124991407766885],
      [0.5, 0.5],
      [0.95, 0.728750085922331],
      [0.999, 0.8750714492801611],
    ],
  },
  {
    min: -2,
    mode: 3,
    max: 4,
    lambda: 1.5,
    mean: 1.8571428571428577,
    variance: 1.836734693877551,
    cdf: [
      [-1.4, 0.007943806567207553],
      [0.09999999999999964, 0.1263121188323291],
      [1.5999999999999996, 0.39658477187591634],
      [3.4000000000000004, 0.8644366602289686],
    ],
    pdf: [
      [-1.4, 0.029541558611996293],
      [0.09999999999999964, 0.13037255362253894],
      [1.5999999999999996, 0.2265045019658655],
      [3.4000000000000004, 0.2658740275079669],
    ],
    quantile: [
      [0.001, -1.762310746860636],
      [0.05, -0.6254420301109307],
      [0.5, 2.034814016467351],
      [0.95, 3.7384993325110463],
      [0.999, 3.9888285514962316],
    ],
  },
];

describe('pert(min, mode, max, { lambda })', () => {
  it('matches scipy.stats.beta with PERT shapes, scaled to [min, max]: cdf, pdf, quantile within 1e-11', () => {
    expectMatchesReference(REFERENCE, (c) => pert(c.min, c.mode, c.max, { lambda: c.lambda }), {
      mean: 1e-14,
      variance: 1e-14,
      cdf: 1e-11,
      density: 1e-11,
      quantile: 1e-11,
    });
  });

  it('has mean (min + λ mode + max) / (λ + 2), mode at `mode`, and the classic λ = 4 by default', () => {
    const d = pert(5000, 6700, 8000);
    expect(d.params).toEqual({ min: 5000, mode: 6700, max: 8000, lambda: 4 });
    expect(d.mean).toBeCloseTo((5000 + 4 * 6700 + 8000) / 6, 9);
    const e = pert(2, 3, 10, { lambda: 7 });
    expect(e.mean).toBeCloseTo((2 + 7 * 3 + 10) / 9, 12);
    // The density peaks at the mode.
    const pdf = (x: number) => (e as { pdf(x: number): number }).pdf(x);
    expect(pdf(3)).toBeGreaterThan(pdf(2.99));
    expect(pdf(3)).toBeGreaterThan(pdf(3.01));
    // The documented example.
    expect(d.quantile(0.05)).toBe(5678.217201173885);
    expect(d.cdf(6700)).toBe(0.5320478250969986);
  });

  it('describes itself, is frozen, and handles the edges of its support', () => {
    const d = pert(-2, 3, 4, { lambda: 1.5 });
    expect([d.family, d.kind, d.min, d.max]).toEqual(['pert', 'continuous', -2, 4]);
    expect(String(d)).toBe('pert(-2, 3, 4, { lambda: 1.5 })');
    expect(Object.isFrozen(d)).toBe(true);
    expect(d.cdf(-2)).toBe(0);
    expect(d.cdf(-Infinity)).toBe(0);
    expect(d.cdf(4)).toBe(1);
    const pdf = (x: number) => (d as { pdf(x: number): number }).pdf(x);
    expect(pdf(-2.1)).toBe(0);
    expect(pdf(4.1)).toBe(0);
    expect(d.quantile(0)).toBe(-2);
    expect(d.quantile(1)).toBe(4);
    expectQuantileInvertsCdf(d, [-1.5, 0, 2, 3.9], 1e-12);
    // mode = min: α = 1, so the density at min is β / (max − min) = 5.
    expect((pert(0, 0, 1) as { pdf(x: number): number }).pdf(0)).toBe(5);
  });

  it('draws exactly min + (max − min) × the beta draws (the beta sampler is reused, not copied)', () => {
    const d = pert(10, 12, 20, { lambda: 4 });
    const b = beta(1 + (4 * 2) / 10, 1 + (4 * 8) / 10);
    const xs = d.sample(2000, createRng('pert-reuse'));
    const ys = b.sample(2000, createRng('pert-reuse'));
    for (let i = 0; i < xs.length; i++) expect(xs[i]).toBe(10 + 10 * ys[i]);
    expectFillMatchesSample(d, 999, 'pert-fill');
  });

  it('samples have the right moments and distribution (KS)', () => {
    for (const [min, mode, max, lambda] of [
      [5000, 6700, 8000, 4],
      [0, 0, 1, 4],
      [-2, 3, 4, 1.5],
      [0, 0.5, 1, 40],
    ]) {
      const d = pert(min, mode, max, { lambda });
      const xs = d.sample(300_000, createRng(`pert-${min}-${mode}-${max}-${lambda}`));
      expectMoments(xs, d.mean, d.variance);
      expectKs(xs, (x) => d.cdf(x));
      expect(xs.every((x) => x >= min && x <= max)).toBe(true);
    }
  });

  it('rejects bad parameters with INVALID_PARAMETER naming the parameter', () => {
    expectSalvoError(() => pert(5, 5, 5), { parameter: 'min', messageIncludes: 'pert' });
    // A lambda whose beta shapes beta() refuses: the cdf of the first was not monotone, the second's
    // mean NaN.
    expectSalvoError(() => pert(0, 1e-10, 1, { lambda: 1e15 }), {
      parameter: 'lambda',
      messageIncludes: '2^26',
    });
    expectSalvoError(() => pert(0, 0.5, 1, { lambda: 1e300 }), {
      parameter: 'lambda',
      messageIncludes: '2^50',
    });
    expect(pert(0, 0.3, 1, { lambda: 1e15 }).cdf(0.3)).toBeCloseTo(0.5, 6);
    expectSalvoError(() => pert(6, 5, 5), { parameter: 'min', messageIncludes: 'pert' });
    expectSalvoError(() => pert(Number.NaN, 1, 2), { parameter: 'min', messageIncludes: 'pert' });
    expectSalvoError(() => pert(0, 1, Infinity), { parameter: 'max', messageIncludes: 'pert' });
    expectSalvoError(() => pert(0, Number.NaN, 2), { parameter: 'mode', messageIncludes: 'pert' });
    expectSalvoError(() => pert(0, -0.1, 2), { parameter: 'mode', messageIncludes: 'pert' });
    expectSalvoError(() => pert(0, 2.1, 2), { parameter: 'mode', messageIncludes: 'pert' });
    for (const bad of [0, -1, Number.NaN, Infinity]) {
      expectSalvoError(() => pert(0, 1, 2, { lambda: bad }), {
        parameter: 'lambda',
        messageIncludes: 'pert',
      });
    }
    const d = pert(0, 1, 2);
    expect(() => d.cdf(Number.NaN)).toThrow(SalvoError);
    expect(() => d.quantile(2)).toThrow(SalvoError);
  });
});
