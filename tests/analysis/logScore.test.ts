import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, logScore, logScoreNormal, normal, quantile, sd } from '../../src/index.js';
import { expectSalvoError } from '../helpers/errors.js';

/** Silverman's rule as the docs state it, unweighted: 0.9 · min(sd, IQR / 1.34) · n^(−1/5). */
function silverman(samples: Float64Array): number {
  const iqr = quantile(samples, 0.75) - quantile(samples, 0.25);
  const spread = iqr > 0 ? Math.min(sd(samples), iqr / 1.34) : sd(samples);
  return 0.9 * spread * samples.length ** -0.2;
}

const SMALL = [1.2, 2.5, 2.9, 3.1, 4.0, 5.5, 7.3];
const SMALL_WEIGHTS = [1, 2, 0.5, 1, 3, 1, 0.25];

describe('logScore', () => {
  it('agrees with scipy.stats.gaussian_kde at Silverman’s bandwidth, weighted and not', () => {
    // scipy 1.17.1, numpy 2.4.6 (gaussian_kde's kernel sd is bw_method times the data's weighted sd,
    // reliability-weights corrected as here, so bw_method = h / sd gives bandwidth h):
    //   import numpy as np; from scipy.stats import gaussian_kde
    //   x = np.array([1.2, 2.5, 2.9, 3.1, 4.0, 5.5, 7.3]); w = np.array([1, 2, 0.5, 1, 3, 1, 0.25])
    //   def silverman(x, w=None):
    //       if w is None:
    //           sd = x.std(ddof=1); q25, q75 = np.percentile(x, [25, 75]); neff = len(x)
    //       else:
    //           v1, v2 = w.sum(), (w * w).sum(); m = (w * x).sum() / v1
    //           sd = np.sqrt((w * (x - m) ** 2).sum() / (v1 - v2 / v1))
    //           q25, q75 = np.quantile(x, [0.25, 0.75], weights=w, method='inverted_cdf')
    //           neff = v1 * v1 / v2
    //       return 0.9 * min(sd, (q75 - q25) / 1.34) * neff ** -0.2, sd
    //   for weights in (None, w):
    //       h, sd = silverman(x, weights)
    //       kde = gaussian_kde(x, bw_method=h / sd, weights=weights)
    //       print(h, [float(-kde.logpdf(y)[0]) for y in (3.3, 20.0, -50.0)])
    const unweighted = [1.548999614448623, 95.4429364622737, 1508.5909870476141];
    const weighted = [1.2918486773613036, 151.64726016927497, 2399.687865272184];
    [3.3, 20, -50].forEach((y, i) => {
      expect(logScore(SMALL, y)).toBeCloseTo(unweighted[i], 11);
      expect(logScore(SMALL, y, SMALL_WEIGHTS)).toBeCloseTo(weighted[i], 11);
    });
    // The bandwidths themselves: 0.9329792053909606 and 0.7394858255385579.
    expect(logScore(SMALL, 3.3, undefined, { bandwidth: 0.9329792053909606 })).toBeCloseTo(
      unweighted[0],
      13,
    );
    expect(logScore(SMALL, 3.3, SMALL_WEIGHTS, { bandwidth: 0.7394858255385579 })).toBeCloseTo(
      weighted[0],
      13,
    );
  });

  it('has the known answers of a single kernel: a normal of sd h around each sample', () => {
    expect(logScore([2], 2, undefined, { bandwidth: 1 })).toBeCloseTo(
      0.5 * Math.log(2 * Math.PI),
      14,
    );
    expect(logScore([2], 5, undefined, { bandwidth: 3 })).toBeCloseTo(logScoreNormal(2, 3, 5), 14);
    // Two kernels, weighted 3 : 1: −log(¾ φ(0) + ¼ φ(10)).
    const density = (0.75 + 0.25 * Math.exp(-50)) / Math.sqrt(2 * Math.PI);
    expect(logScore([0, 10], 0, [3, 1], { bandwidth: 1 })).toBeCloseTo(-Math.log(density), 14);
  });

  it('uses Silverman’s bandwidth, from the sd when the IQR is 0', () => {
    const samples = normal(0, 1).sample(1_000, createRng('silverman'));
    const h = silverman(samples);
    expect(logScore(samples, 0.3)).toBeCloseTo(
      logScore(samples, 0.3, undefined, { bandwidth: h }),
      12,
    );
    // Over half the samples at one value: IQR 0, so h = 0.9 sd n^(−1/5).
    const lumpy = Float64Array.of(1, 1, 1, 1, 1, 1, 1, 5);
    expect(quantile(lumpy, 0.75) - quantile(lumpy, 0.25)).toBe(0);
    const fromSd = 0.9 * sd(lumpy) * 8 ** -0.2;
    expect(logScore(lumpy, 1.5)).toBeCloseTo(
      logScore(lumpy, 1.5, undefined, { bandwidth: fromSd }),
      12,
    );
  });

  it("of 2e5 normal samples is the normal's closed-form log score, within the KDE's bias and noise", () => {
    // The Gaussian KDE of N(0, 1) samples with bandwidth h has mean N(0, 1 + h²) exactly, so the KDE's
    // bias is that of logScoreNormal(0, √(1 + h²), y) from logScoreNormal(0, 1, y): O(h²), h ≈ 0.078
    // here (2e5^(−1/5) · 0.9). Around that mean f̂(y) varies with Var = (E K_h(y − X)² − f̄²) / n, where
    // E K_h(y − X)² = φ(y; 0, √(1 + h²/2)) / (2√π h): its relative sd is the log's sd (delta method),
    // about 0.007 at y = 0 and 0.02 at y = 2. The tolerance is that bias plus 5 of those sds.
    const n = 200_000;
    const samples = normal(0, 1).sample(n, createRng('logScore'));
    const normalDensity = (y: number, s: number) =>
      Math.exp(-0.5 * (y / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
    const logSd = (y: number, h: number) => {
      const mean = normalDensity(y, Math.sqrt(1 + h * h));
      const square = normalDensity(y, Math.sqrt(1 + (h * h) / 2)) / (2 * Math.sqrt(Math.PI) * h);
      return Math.sqrt((square - mean * mean) / n) / mean;
    };
    const h = silverman(samples);
    expect(h).toBeGreaterThan(0.07);
    expect(h).toBeLessThan(0.09);
    for (const y of [0, 1, 2, -1.5]) {
      const score = logScore(samples, y);
      const smoothed = logScoreNormal(0, Math.sqrt(1 + h * h), y);
      const bias = Math.abs(smoothed - logScoreNormal(0, 1, y));
      expect(Math.abs(score - logScoreNormal(0, 1, y)), `y = ${y}`).toBeLessThan(
        bias + 5 * logSd(y, h),
      );
      // Against the smoothed normal the bias is gone; only the noise is left.
      expect(Math.abs(score - smoothed), `y = ${y}`).toBeLessThan(5 * logSd(y, h));
      // An explicit wider bandwidth: the same, with h = 0.3.
      expect(
        Math.abs(
          logScore(samples, y, undefined, { bandwidth: 0.3 }) -
            logScoreNormal(0, Math.sqrt(1 + 0.09), y),
        ),
        `y = ${y}, h = 0.3`,
      ).toBeLessThan(5 * logSd(y, 0.3));
    }
  });

  it('weights of k are k copies of a sample, at the same bandwidth (property)', () => {
    const value = fc.double({ min: -100, max: 100, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 12 }),
        value,
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        (pairs, y, bandwidth) => {
          fc.pre(pairs.some(([, w]) => w > 0));
          const samples = pairs.map(([x]) => x);
          const weights = pairs.map(([, w]) => w);
          const repeated = pairs.flatMap(([x, w]) => Array<number>(w).fill(x));
          const weighted = logScore(samples, y, weights, { bandwidth });
          const copies = logScore(repeated, y, undefined, { bandwidth });
          expect(Math.abs(weighted - copies)).toBeLessThan(1e-9 * (1 + Math.abs(copies)));
        },
      ),
      { seed: 21 },
    );
  });

  it('does not change when the weights are scaled, bandwidth by Silverman’s rule included (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: -10_000, max: 10_000 }).map((k) => k / 1_000),
            fc.double({ min: 0.1, max: 5, noNaN: true }),
          ),
          { minLength: 3, maxLength: 20 },
        ),
        fc.double({ min: -20, max: 20, noNaN: true }),
        (pairs, y) => {
          const samples = pairs.map(([x]) => x);
          fc.pre(new Set(samples).size > 1);
          const weights = pairs.map(([, w]) => w);
          const once = logScore(samples, y, weights);
          const scaled = logScore(
            samples,
            y,
            weights.map((w) => w * 8),
          );
          expect(Math.abs(once - scaled)).toBeLessThan(1e-9 * (1 + Math.abs(once)));
        },
      ),
      { seed: 22 },
    );
  });

  it('is large and finite for an observation far outside the samples', () => {
    const samples = normal(0, 1).sample(10_000, createRng('far'));
    const h = silverman(samples);
    let nearest = Number.POSITIVE_INFINITY;
    for (const x of samples) nearest = Math.min(nearest, Math.abs(1e6 - x));
    const far = logScore(samples, 1e6);
    expect(Number.isFinite(far)).toBe(true);
    // Dominated by the nearest sample's kernel: ½ (distance / h)² + log(n h √2π), give or take the
    // log of how many samples are about as near.
    const leading = 0.5 * (nearest / h) ** 2 + Math.log(10_000 * h * Math.sqrt(2 * Math.PI));
    expect(Math.abs(far - leading) / leading).toBeLessThan(1e-6);
    expect(Number.isFinite(logScore([0, 1], -1e150))).toBe(true);
    expect(Number.isFinite(logScore([0, 1], 5e7, [1, 3]))).toBe(true);
    // Beyond about 1e154 bandwidths the score itself exceeds the largest double, as documented.
    expect(logScore([0, 1], 1e200)).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses bad input as crps does, and a point forecast without a bandwidth', () => {
    expectSalvoError(() => logScore([], 1), { code: 'EMPTY_DATA', parameter: 'samples' });
    expectSalvoError(() => logScore([1, Number.NaN], 1), { parameter: 'samples[1]' });
    expectSalvoError(() => logScore([1, 2], Number.NEGATIVE_INFINITY), { parameter: 'observed' });
    expectSalvoError(() => logScore([1, 2], 1, [1]), {
      code: 'LENGTH_MISMATCH',
      parameter: 'weights',
    });
    expectSalvoError(() => logScore([1, 2], 1, [1, -1]), { parameter: 'weights[1]' });
    expectSalvoError(() => logScore([1, 2], 1, [0, 0]), { parameter: 'weights' });
    expectSalvoError(() => logScore('1, 2' as never, 1), { parameter: 'samples' });
    for (const bandwidth of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectSalvoError(() => logScore([1, 2], 1, undefined, { bandwidth }), {
        parameter: 'bandwidth',
      });
    }
    expectSalvoError(() => logScore([1, 2], 1, undefined, { bandwith: 1 } as never), {
      code: 'UNKNOWN_OPTION',
      parameter: 'options.bandwith',
      messageIncludes: 'bandwidth',
    });
    for (const [samples, weights] of [
      [[3, 3, 3], undefined],
      [[5], undefined],
      [
        [1, 2, 3],
        [0, 4, 0],
      ],
    ] as const) {
      expectSalvoError(() => logScore(samples, 3, weights), {
        parameter: 'samples',
        messageIncludes: ['point forecast', 'options.bandwidth'],
      });
    }
    // Distinct samples whose spread underflows: no bandwidth either.
    expectSalvoError(() => logScore([0, 0, 5e-324], 0), {
      parameter: 'samples',
      messageIncludes: 'options.bandwidth',
    });
    // With a bandwidth a point forecast is a normal of that sd.
    expect(logScore([3, 3, 3], 4, undefined, { bandwidth: 2 })).toBeCloseTo(
      logScoreNormal(3, 2, 4),
      14,
    );
  });
});

describe('logScoreNormal', () => {
  it('agrees with scipy (-scipy.stats.norm.logpdf)', () => {
    expect(logScoreNormal(0, 1, 0)).toBeCloseTo(0.9189385332046727, 15);
    expect(logScoreNormal(10, 2, 13)).toBeCloseTo(2.737085713764618, 14);
    // -norm.logpdf(1e6, 0, 1e-3): ½ (1e9)² − log φ's constant and sd.
    expect(logScoreNormal(0, 1e-3, 1e6) / 5e17).toBeCloseTo(1, 12);
    expect(Number.isFinite(logScoreNormal(0, 1e200, 1))).toBe(true);
  });

  it('refuses bad input, naming it', () => {
    expectSalvoError(() => logScoreNormal(0, 0, 1), { parameter: 'sd' });
    expectSalvoError(() => logScoreNormal(Number.NaN, 1, 1), { parameter: 'mean' });
    expectSalvoError(() => logScoreNormal(0, 1, Number.NaN), { parameter: 'observed' });
  });
});
