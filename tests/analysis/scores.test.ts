import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  covers,
  createRng,
  crps,
  crpsNormal,
  intervalScore,
  model,
  normal,
} from '../../src/index.js';
import { expectSalvoError } from '../helpers/errors.js';

/** CRPS as its definition says, ∫ (F(x) − 1{x ≥ y})² dx over the step function F, for small cases. */
function crpsByIntegral(
  samples: readonly number[],
  y: number,
  weights?: readonly number[],
): number {
  const w = weights ?? samples.map(() => 1);
  const total = w.reduce((a, b) => a + b, 0);
  const points = [...samples, y].sort((a, b) => a - b);
  let sum = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const x = points[k];
    let f = 0;
    samples.forEach((s, i) => {
      if (s <= x) f += w[i] / total;
    });
    const step = x >= y ? 1 : 0;
    sum += (f - step) ** 2 * (points[k + 1] - x);
  }
  return sum;
}

describe('crps', () => {
  it('has the known answers of small cases', () => {
    expect(crps([1, 2, 3], 2)).toBeCloseTo(2 / 9, 15);
    expect(crps([5], 3)).toBe(2);
    expect(crps([0, 10], 0, [3, 1])).toBeCloseTo(0.625, 15);
    expect(crps(Float64Array.of(4, 4, 4), 4)).toBe(0);
  });

  it('is the integral of (F − step)² for any samples, weights and observation (property)', () => {
    const value = fc.double({ min: -100, max: 100, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, fc.double({ min: 0, max: 5, noNaN: true })), {
          minLength: 1,
          maxLength: 12,
        }),
        value,
        (pairs, y) => {
          const samples = pairs.map(([x]) => x);
          const weights = pairs.map(([, w]) => w);
          const plain = crps(samples, y);
          expect(plain).toBeGreaterThanOrEqual(-1e-12);
          expect(Math.abs(plain - crpsByIntegral(samples, y))).toBeLessThan(1e-9 * (1 + plain));
          if (weights.some((w) => w > 0)) {
            const weighted = crps(samples, y, weights);
            expect(Math.abs(weighted - crpsByIntegral(samples, y, weights))).toBeLessThan(
              1e-9 * (1 + weighted),
            );
          }
          // Equal weights are no weights.
          expect(
            crps(
              samples,
              y,
              samples.map(() => 2),
            ),
          ).toBeCloseTo(plain, 9);
        },
      ),
      { seed: 20 },
    );
  });

  it("of normal samples is the normal's closed-form CRPS, within its Monte Carlo error", () => {
    // 200,000 draws of N(10, 2²) scored at 13: the empirical CRPS exceeds the distribution's by
    // E|X − X′| / (2n) = (2σ/√π) / (2n) on average, and its sampling sd is about σ / √n here; 5 of those.
    const n = 200_000;
    const samples = normal(10, 2).sample(n, createRng('crps'));
    const exact = crpsNormal(10, 2, 13);
    const bias = (2 * 2) / Math.sqrt(Math.PI) / (2 * n);
    expect(Math.abs(crps(samples, 13) - bias - exact)).toBeLessThan((5 * 2) / Math.sqrt(n));
  });

  it("scores a weighted run's samples with its weights", () => {
    const run = model({ seed: 'scores' })
      .input('x', normal(0, 1))
      .observe('x', normal(1, 1))
      .run({ samples: 100_000 });
    // The posterior of N(0, 1) observed through N(1, 1) is N(0.5, 1/2). The CRPS of 1e5 samples
    // varies by about sd/√(effective samples), 0.003 here: 0.01 is three of those.
    const weighted = crps(run.samples('x'), 0.5, run.weights());
    expect(Math.abs(weighted - crpsNormal(0.5, Math.SQRT1_2, 0.5))).toBeLessThan(0.01);
    expect(Math.abs(crps(run.samples('x'), 0.5) - crpsNormal(0, 1, 0.5))).toBeLessThan(0.01);
  });

  it('refuses bad input, naming it', () => {
    expectSalvoError(() => crps([], 1), { code: 'EMPTY_DATA', parameter: 'samples' });
    expectSalvoError(() => crps([1, Number.NaN], 1), { parameter: 'samples[1]' });
    expectSalvoError(() => crps([1, 2], Number.POSITIVE_INFINITY), { parameter: 'observed' });
    expectSalvoError(() => crps([1, 2], 1, [1]), { code: 'LENGTH_MISMATCH', parameter: 'weights' });
    expectSalvoError(() => crps([1, 2], 1, [1, -1]), { parameter: 'weights[1]' });
    expectSalvoError(() => crps([1, 2], 1, [0, 0]), { parameter: 'weights' });
  });
});

describe('crpsNormal', () => {
  it('agrees with scipy (the closed form evaluated with scipy.stats.norm)', () => {
    expect(crpsNormal(0, 1, 0)).toBeCloseTo(0.23369497725510913, 15);
    expect(crpsNormal(10, 2, 13)).toBeCloseTo(1.9888480079549058, 14);
    // Far from the forecast it is the absolute error less sd/√π.
    expect(crpsNormal(0, 1, 40)).toBeCloseTo(40 - 1 / Math.sqrt(Math.PI), 12);
  });

  it('refuses bad input, naming it', () => {
    expectSalvoError(() => crpsNormal(0, 0, 1), { parameter: 'sd' });
    expectSalvoError(() => crpsNormal(Number.NaN, 1, 1), { parameter: 'mean' });
  });
});

describe('intervalScore and covers', () => {
  it('have the known answers: the width inside, plus 2/α times the miss outside', () => {
    const ninety = { lower: 2, upper: 6, level: 0.9 };
    expect(intervalScore(ninety, 5)).toBe(4);
    expect(intervalScore(ninety, 7)).toBeCloseTo(24, 12);
    expect(intervalScore(ninety, 0)).toBeCloseTo(44, 12);
    expect(intervalScore({ lower: 2, upper: 6, level: 0.5 }, 7)).toBe(8);
    expect([covers(ninety, 2), covers(ninety, 6), covers(ninety, 6.0001)]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('take what run.interval gives', () => {
    const run = model({ seed: 1 }).input('x', normal(0, 1)).run({ samples: 10_000 });
    const interval = run.interval('x');
    expect(covers(interval, 0)).toBe(true);
    expect(intervalScore(interval, 0)).toBeCloseTo(interval.upper - interval.lower, 12);
  });

  it('refuse bad intervals, naming the field', () => {
    expectSalvoError(() => intervalScore({ lower: 3, upper: 2, level: 0.9 }, 1), {
      parameter: 'interval.lower',
      messageNamesParameter: true,
    });
    expectSalvoError(() => covers({ lower: 1, upper: 2, level: 1 }, 1), {
      parameter: 'interval.level',
    });
    expectSalvoError(() => covers(null as never, 1), { parameter: 'interval' });
  });
});
