import { describe, expect, it } from 'vitest';
import {
  type BacktestForecast,
  type BacktestObservation,
  type BacktestTarget,
  backtest,
  createRng,
  crps,
  logScore,
  normal,
} from '../../src/index.js';
import { expectSalvoError, thrownSalvoError } from '../helpers/errors.js';

/** Given out of date order on purpose: backtest sorts them. */
const OBSERVATIONS: readonly BacktestObservation[] = [
  { date: '2024-03-31', value: 7 },
  { date: '2024-01-10', value: 9, label: 'first' },
  { date: '2024-02-29', value: 12 },
  { date: '2024-01-31', value: 10 },
];

const FOUR = [8, 10, 12, 14];

/** −log of the Gaussian KDE at y, straight from its definition, at Silverman's bandwidth for FOUR. */
function kdeScore(samples: readonly number[], y: number, h: number): number {
  let density = 0;
  for (const x of samples) density += Math.exp(-0.5 * ((y - x) / h) ** 2);
  return -Math.log(density / (samples.length * h * Math.sqrt(2 * Math.PI)));
}

describe('backtest', () => {
  it('has the known answers of a fixed forecast: quantiles, coverage, interval scores, CRPS, log score', () => {
    const result = backtest({
      observations: OBSERVATIONS,
      cutoffs: ['2024-02-29', '2024-01-31'],
      forecast: (_known, later) => later.map(() => FOUR),
    });
    // Origins by cut-off; January's sees two observations and forecasts two, February's three and one.
    expect(result.origins.map((o) => [o.cutoff, o.known, o.scores.length])).toEqual([
      ['2024-01-31', 2, 2],
      ['2024-02-29', 3, 1],
    ]);
    const [atTwelve, atSeven] = result.origins[0].scores;
    // Type-7 quantiles of 8, 10, 12, 14: x at h = 3p, interpolated.
    const quantiles = { p5: 8.3, p25: 9.5, p50: 11, p75: 12.5, p95: 13.7 };
    for (const score of [atTwelve, atSeven, result.origins[1].scores[0]]) {
      for (const [key, value] of Object.entries(quantiles)) {
        expect(score[key as keyof typeof quantiles], key).toBeCloseTo(value, 12);
      }
    }
    // Silverman: sd √(20/3) = 2.58 > IQR / 1.34 = 3 / 1.34, so h = 0.9 · (3 / 1.34) · 4^(−1/5).
    const h = 0.9 * (3 / 1.34) * 4 ** -0.2;
    // 12 is inside both intervals: the interval scores are their widths. ½E|X − X′| = 40/16/2 = 1.25.
    expect(atTwelve.observation).toBe(OBSERVATIONS[2]);
    expect(atTwelve.value).toBe(12);
    expect([atTwelve.covered50, atTwelve.covered90]).toEqual([true, true]);
    expect(atTwelve.intervalScore50).toBeCloseTo(3, 12);
    expect(atTwelve.intervalScore90).toBeCloseTo(5.4, 12);
    expect(atTwelve.crps).toBeCloseTo(2 - 1.25, 12);
    expect(atTwelve.logScore).toBeCloseTo(kdeScore(FOUR, 12, h), 12);
    // 7 is below both: width plus 2/α times the miss (2.5 below p25; 1.3 below p5).
    expect([atSeven.covered50, atSeven.covered90]).toEqual([false, false]);
    expect(atSeven.intervalScore50).toBeCloseTo(3 + 4 * 2.5, 12);
    expect(atSeven.intervalScore90).toBeCloseTo(5.4 + 20 * 1.3, 12);
    expect(atSeven.crps).toBeCloseTo(4 - 1.25, 12);
    expect(atSeven.logScore).toBeCloseTo(kdeScore(FOUR, 7, h), 12);
    expect(result.origins[1].scores[0]).toEqual({ ...atSeven });

    // Totals over the three pairs (7 counts twice: forecast from both origins), and per origin.
    expect(result.totals).toEqual({
      count: 3,
      coverage50: 1 / 3,
      coverage90: 1 / 3,
      meanIntervalScore50: expect.closeTo((3 + 13 + 13) / 3, 12),
      meanIntervalScore90: expect.closeTo((5.4 + 31.4 + 31.4) / 3, 12),
      meanCrps: expect.closeTo((0.75 + 2.75 + 2.75) / 3, 12),
      meanLogScore: expect.closeTo((kdeScore(FOUR, 12, h) + 2 * kdeScore(FOUR, 7, h)) / 3, 12),
    });
    expect(result.origins[0].totals.count).toBe(2);
    expect(result.origins[0].totals.coverage50).toBe(0.5);
    expect(result.origins[0].totals.meanCrps).toBeCloseTo(1.75, 12);
    expect(result.origins[1].totals.coverage90).toBe(0);
  });

  it('reads weighted forecasts with the weighted quantiles and scores', () => {
    const forecast = { samples: FOUR, weights: [1, 1, 1, 5] };
    const result = backtest({
      observations: OBSERVATIONS,
      cutoffs: ['2024-02-29'],
      forecast: () => [forecast],
    });
    const score = result.origins[0].scores[0];
    // Inverted CDF of weights 1, 1, 1, 5 (cumulative 1, 2, 3, 8 of 8): p5 → 8, p25 → 10, p50 and up → 14.
    expect([score.p5, score.p25, score.p50, score.p75, score.p95]).toEqual([8, 10, 14, 14, 14]);
    expect([score.covered50, score.covered90]).toEqual([false, false]);
    expect(score.crps).toBeCloseTo(crps(FOUR, 7, forecast.weights), 14);
    expect(score.logScore).toBeCloseTo(logScore(FOUR, 7, forecast.weights), 14);
    // Plain arrays and Float64Arrays alike.
    const typed = backtest({
      observations: OBSERVATIONS,
      cutoffs: ['2024-02-29'],
      forecast: () => [{ samples: Float64Array.from(FOUR) }],
    });
    expect(typed.origins[0].scores[0].crps).toBeCloseTo(crps(FOUR, 7), 14);
  });

  it('gives the method only what was known at each cut-off, and the later dates without their values', () => {
    const calls: { known: BacktestObservation[]; later: BacktestTarget[]; cutoff: string }[] = [];
    backtest({
      observations: OBSERVATIONS,
      cutoffs: ['2024-02-29', '2024-01-10', '2024-01-31'],
      forecast: (known, later, cutoff) => {
        calls.push({ known: [...known], later: [...later], cutoff });
        // A method that changes what it is given changes nothing for the next origin.
        (known as BacktestObservation[]).push({ date: '2099-01-01', value: 1e9 });
        return later.map(() => FOUR);
      },
    });
    expect(calls.map((c) => c.cutoff)).toEqual(['2024-01-10', '2024-01-31', '2024-02-29']);
    for (const { known, later, cutoff } of calls) {
      // Known: every observation dated on or before the cut-off, by date, as given.
      expect(known).toEqual(
        OBSERVATIONS.filter((o) => o.date <= cutoff).sort((a, b) => a.date.localeCompare(b.date)),
      );
      for (const o of known) expect(OBSERVATIONS).toContain(o);
      // Later: the dates (and labels) after it, by date, with no value to peek at.
      expect(later.map((t) => t.date)).toEqual(
        OBSERVATIONS.filter((o) => o.date > cutoff)
          .map((o) => o.date)
          .sort(),
      );
      for (const target of later) expect(Object.keys(target)).not.toContain('value');
    }
    expect(calls[0].known).toEqual([{ date: '2024-01-10', value: 9, label: 'first' }]);
  });

  it('keeps equal dates in the order given, all on the known side of a cut-off on that day', () => {
    const seen: number[][] = [];
    backtest({
      observations: [
        { date: '2024-01-02', value: 3 },
        { date: '2024-01-01', value: 2 },
        { date: '2024-01-01', value: 1 },
      ],
      cutoffs: ['2024-01-01'],
      forecast: (known, later) => {
        seen.push(known.map((o) => o.value));
        return later.map(() => FOUR);
      },
    });
    expect(seen).toEqual([[2, 1]]);
  });

  it('covers about 50% and 90% of the observations with a correctly specified method', () => {
    // 3,000 daily values, independent N(100, 10²), forecast from five origins by a method that knows
    // that distribution: every forecast is the same 2,000 evenly spaced quantiles of N(100, 10²), so
    // each interval is the true one (to type-7 interpolation between quantiles 1/2,000 apart). An
    // observation forecast from m origins then counts m times with the same outcome, so the coverage's
    // standard error is √(p(1 − p) Σ m_j²) / Σ m_j (binomial, 3,000 trials, weighted by m_j); the
    // tolerance is 4 of those.
    const rng = createRng('coverage');
    const values = normal(100, 10).sample(3_000, rng);
    const start = Date.UTC(2020, 0, 1);
    const day = (i: number) => new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    const observations = Array.from(values, (value, i) => ({ date: day(i), value }));
    const cutoffs = [499, 999, 1_499, 1_999, 2_499].map(day);
    const truth = normal(100, 10);
    const forecast = Float64Array.from({ length: 2_000 }, (_, i) =>
      truth.quantile((i + 0.5) / 2_000),
    );
    const result = backtest({
      observations,
      cutoffs,
      forecast: (_, later) => later.map(() => forecast),
    });

    const m = observations.map((o) => cutoffs.filter((c) => c < o.date).length);
    const total = m.reduce((a, b) => a + b, 0);
    const squares = m.reduce((a, b) => a + b * b, 0);
    expect(result.totals.count).toBe(total);
    const standardError = (p: number) => Math.sqrt(p * (1 - p) * squares) / total;
    expect(Math.abs(result.totals.coverage50 - 0.5)).toBeLessThan(4 * standardError(0.5));
    expect(Math.abs(result.totals.coverage90 - 0.9)).toBeLessThan(4 * standardError(0.9));
    // The mean CRPS of a normal forecast of its own draws is σ/√π; its standard error is as above,
    // with the CRPS's own sd (estimated from the scores) for √(p(1 − p)). 2,000 evenly spaced
    // quantiles put the empirical CRPS above the normal's by less than σ / 2,000 (0.005).
    const scores = result.origins.flatMap((o) => o.scores.map((score) => score.crps));
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const sd = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / (scores.length - 1));
    expect(Math.abs(result.totals.meanCrps - 10 / Math.sqrt(Math.PI))).toBeLessThan(
      (4 * sd * Math.sqrt(squares)) / total + 0.005,
    );
  });

  it('checks everything before it calls the method, naming what is wrong', () => {
    let calls = 0;
    const forecast = (_: unknown, later: readonly unknown[]) => {
      calls++;
      return later.map(() => FOUR);
    };
    const run = (options: Record<string, unknown>) => () =>
      backtest({
        observations: OBSERVATIONS,
        cutoffs: ['2024-01-31'],
        forecast,
        ...options,
      } as never);
    expectSalvoError(() => backtest(null as never), { parameter: 'options' });
    expectSalvoError(run({ cutofs: [] }), {
      code: 'UNKNOWN_OPTION',
      parameter: 'options.cutofs',
      messageIncludes: 'cutoffs',
    });
    expectSalvoError(run({ observations: 'x' }), { parameter: 'observations' });
    expectSalvoError(run({ observations: [null] }), { parameter: 'observations[0]' });
    for (const date of [
      '2024-02-30',
      '2023-02-29',
      '2024-13-01',
      '2024-1-31',
      '2024-01-31T00:00',
      20240131,
    ]) {
      expectSalvoError(run({ observations: [...OBSERVATIONS, { date, value: 1 }] }), {
        parameter: 'observations[4].date',
      });
    }
    // 2000 was a leap year, 1900 was not.
    expect(() =>
      run({ observations: [...OBSERVATIONS, { date: '2000-02-29', value: 1 }] })(),
    ).not.toThrow();
    calls = 0;
    expectSalvoError(run({ observations: [...OBSERVATIONS, { date: '1900-02-29', value: 1 }] }), {
      parameter: 'observations[4].date',
    });
    expectSalvoError(
      run({ observations: [...OBSERVATIONS, { date: '2024-01-01', value: Number.NaN }] }),
      { parameter: 'observations[4].value' },
    );
    expectSalvoError(
      run({ observations: [...OBSERVATIONS, { date: '2024-01-01', value: 1, label: 2 }] }),
      { parameter: 'observations[4].label' },
    );
    expectSalvoError(run({ cutoffs: [] }), { parameter: 'cutoffs' });
    expectSalvoError(run({ cutoffs: ['2024-01-31', '31/01/2024'] }), { parameter: 'cutoffs[1]' });
    expectSalvoError(run({ cutoffs: ['2024-01-31', '2024-02-29', '2024-01-31'] }), {
      parameter: 'cutoffs[2]',
      messageIncludes: 'cutoffs[0]',
    });
    expectSalvoError(run({ cutoffs: ['2024-01-31', '2023-12-31'] }), {
      parameter: 'cutoffs[1]',
      messageIncludes: ['2023-12-31', 'on or before it'],
    });
    expectSalvoError(run({ cutoffs: ['2024-03-31'] }), {
      parameter: 'cutoffs[0]',
      messageIncludes: ['2024-03-31', 'after it'],
    });
    expectSalvoError(run({ observations: [] }), { parameter: 'cutoffs[0]' });
    expectSalvoError(run({ forecast: 'naive' }), { parameter: 'forecast' });
    expect(calls).toBe(0);
  });

  it('checks what the method returns, naming the cut-off and the forecast', () => {
    const returning =
      (forecasts: unknown, cutoffs = ['2024-01-31']) =>
      () =>
        backtest({
          observations: OBSERVATIONS,
          cutoffs,
          forecast: () => forecasts as BacktestForecast[],
        });
    expectSalvoError(returning(FOUR[0]), { parameter: 'forecast', messageIncludes: '2024-01-31' });
    expectSalvoError(returning([FOUR]), {
      code: 'LENGTH_MISMATCH',
      parameter: 'forecast',
      messageIncludes: ['2024-01-31', 'returned 1 for 2'],
    });
    expectSalvoError(returning([FOUR, [1, Number.NaN]]), {
      parameter: 'forecasts[1][1]',
      messageIncludes: 'cut-off 2024-01-31',
    });
    expectSalvoError(returning([FOUR, 5]), { parameter: 'forecasts[1]' });
    expectSalvoError(returning([FOUR, { values: FOUR }]), { parameter: 'forecasts[1]' });
    expectSalvoError(returning([{ samples: [] }, FOUR]), {
      code: 'EMPTY_DATA',
      parameter: 'forecasts[0].samples',
    });
    expectSalvoError(returning([{ samples: FOUR, weights: [1, 2] }, FOUR]), {
      code: 'LENGTH_MISMATCH',
      parameter: 'forecasts[0].weights',
    });
    expectSalvoError(returning([{ samples: FOUR, weights: [1, 2, -1, 0] }, FOUR]), {
      parameter: 'forecasts[0].weights[2]',
    });
    // A point forecast has no density for the log score.
    const point = thrownSalvoError(returning([FOUR, [10, 10, 10]]));
    expect(point.parameter).toBe('forecasts[1]');
    expect(point.message).toContain('2024-01-31');
    expect(point.message).toContain('point forecast');
  });
});
