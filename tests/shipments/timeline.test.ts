import { describe, expect, it } from 'vitest';
import { constant, lognormal, normal } from '../../src/index.js';
import {
  containerStatements,
  deliveryTimeline,
  euPledgeDeliveries,
  shellStatements,
  timelineBands,
} from '../../src/shipments/index.js';
import { expectSalvoError } from '../helpers/errors.js';

describe('deliveryTimeline', () => {
  it('sums phase rates month by month and interpolates dated observations within a month', () => {
    const t = deliveryTimeline({
      start: '2023-09',
      months: 5,
      rate: {
        phases: [
          { months: 2, containersPerMonth: constant(1_000) },
          { months: 3, containersPerMonth: constant(2_000) },
        ],
      },
      observations: [{ date: '2023-10-15', containers: () => 1 }],
    });
    expect(t.months).toEqual(['2023-09', '2023-10', '2023-11', '2023-12', '2024-01']);
    const run = t.model.run({ samples: 10 });
    expect(timelineBands(run, t).map((b) => b.p50)).toEqual([1_000, 2_000, 4_000, 6_000, 8_000]);
    expect(t.observationNodes).toEqual(['observed_2023_10_15']);
    expect(run.samples('observed_2023_10_15')[0]).toBeCloseTo(1_000 + (15 / 31) * 1_000, 9);
    expect(run.samples('rate_2023_12')[3]).toBe(2_000);
  });

  it('turns containers into rounds with roundsPerContainer, month by month', () => {
    const t = deliveryTimeline({
      start: '2023-09',
      months: 2,
      rate: { phases: [{ months: 2, containersPerMonth: constant(1_000) }] },
      roundsPerContainer: constant(300),
    });
    expect(t.roundsNodes).toEqual(['rounds_2023_09', 'rounds_2023_10']);
    const run = t.model.run({ samples: 10 });
    expect(timelineBands(run, t, 'rounds').map((b) => b.p50)).toEqual([300_000, 600_000]);
    const plain = deliveryTimeline({
      start: '2023-09',
      months: 2,
      rate: { phases: [{ months: 2, containersPerMonth: constant(1_000) }] },
    });
    expectSalvoError(() => timelineBands(plain.model.run({ samples: 10 }), plain, 'rounds'), {
      parameter: 'quantity',
      messageNamesParameter: false,
      messageIncludes: 'roundsPerContainer',
    });
    expectSalvoError(
      () =>
        deliveryTimeline({
          start: '2023-09',
          months: 2,
          rate: { phases: [{ months: 2, containersPerMonth: constant(1) }] },
          roundsPerContainer: 300 as never,
        }),
      { parameter: 'roundsPerContainer' },
    );
  });

  it('grows geometrically with a trend', () => {
    const t = deliveryTimeline({
      start: '2023-11',
      months: 4,
      rate: { trend: { initialContainersPerMonth: constant(100), growthPerMonth: constant(2) } },
    });
    const run = t.model.run({ samples: 5 });
    expect(t.months).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(timelineBands(run, t).map((b) => b.p50)).toEqual([100, 300, 700, 1_500]);
  });

  it('calibrates to an observation as the conjugate normal posterior says', () => {
    // One phase: rate r ~ normal(1,000, 300). "3,300 ± 150 by the end of November" is 3r, i.e. a
    // normal(1,100, 50) likelihood on r: posterior mean (1000/300² + 1100/50²) / (1/300² + 1/50²).
    const t = deliveryTimeline({
      start: '2023-09',
      months: 6,
      rate: { phases: [{ months: 6, containersPerMonth: normal(1_000, 300) }] },
      observations: [{ date: '2023-11-30', containers: normal(3_300, 150) }],
    });
    const run = t.model.run({ samples: 200_000 });
    const precision = 1 / 300 ** 2 + 1 / 50 ** 2;
    const mean = (1_000 / 300 ** 2 + 1_100 / 50 ** 2) / precision;
    const sd = Math.sqrt(1 / precision);
    const r = run.summary('rate_2023_09');
    expect(Math.abs(r.mean - mean)).toBeLessThan((4 * sd) / Math.sqrt(r.effectiveSampleSize));
    expect(Math.abs(r.sd - sd)).toBeLessThan((4 * sd) / Math.sqrt(2 * r.effectiveSampleSize));
    // The projection carries the calibrated rate on: six months of it.
    expect(run.summary('cumulative_2024_02').mean).toBeCloseTo(6 * r.mean, 6);
  });

  it('gives ordered, non-decreasing bands for a fan chart', () => {
    const t = deliveryTimeline({
      start: '2023-09',
      months: 12,
      rate: {
        trend: {
          initialContainersPerMonth: lognormal.ci(400, 1_500),
          growthPerMonth: lognormal.ci(0.9, 1.3),
        },
      },
      observations: [
        { date: '2023-11-02', containers: normal(2_000, 300) },
        { date: '2024-02-26', containers: normal(6_700, 400) },
      ],
    });
    const run = t.model.run({ samples: 50_000 });
    const bands = timelineBands(run, t);
    expect(bands).toHaveLength(12);
    bands.forEach((b, i) => {
      expect(b.p5).toBeLessThanOrEqual(b.p25);
      expect(b.p25).toBeLessThanOrEqual(b.p50);
      expect(b.p50).toBeLessThanOrEqual(b.p75);
      expect(b.p75).toBeLessThanOrEqual(b.p95);
      if (i > 0) expect(b.p50).toBeGreaterThanOrEqual(bands[i - 1].p50);
    });
    expect(run.weighted).toBe(true);
    expect(Math.abs(run.summary('observed_2024_02_26').quantiles.p50 - 6_700)).toBeLessThan(600);
  });

  it('rejects malformed windows, rates and observations, naming the field', () => {
    const rate = { phases: [{ months: 3, containersPerMonth: constant(1) }] };
    expectSalvoError(() => deliveryTimeline({ start: '2023-13', months: 3, rate }), {
      parameter: 'start',
    });
    expectSalvoError(() => deliveryTimeline({ start: '2023-09', months: 0, rate }), {
      parameter: 'months',
    });
    expectSalvoError(() => deliveryTimeline({ start: '2023-09', months: 4, rate }), {
      parameter: 'rate.phases',
      messageNamesParameter: false,
      messageIncludes: 'add up to 3',
    });
    expectSalvoError(
      () =>
        deliveryTimeline({
          start: '2023-09',
          months: 3,
          rate: { phases: [{ months: 3, containersPerMonth: 5 as never }] },
        }),
      { parameter: 'rate.phases[0].containersPerMonth' },
    );
    expectSalvoError(
      () =>
        deliveryTimeline({
          start: '2023-09',
          months: 3,
          rate: { trend: { initialContainersPerMonth: constant(1) } } as never,
        }),
      { parameter: 'rate.trend.growthPerMonth' },
    );
    expectSalvoError(() => deliveryTimeline({ start: '2023-09', months: 3, rate: {} as never }), {
      parameter: 'rate',
    });
    const at = (date: string) => () =>
      deliveryTimeline({
        start: '2023-09',
        months: 3,
        rate,
        observations: [{ date, containers: () => 1 }],
      });
    expectSalvoError(at('2023/10/01'), { parameter: 'observations[0].date' });
    expectSalvoError(at('2024-01-05'), {
      parameter: 'observations[0].date',
      messageIncludes: 'not a day of the window',
    });
    expectSalvoError(at('2023-09-31'), { parameter: 'observations[0].date' });
  });
});

describe('the public statements as data', () => {
  it('are dated, sourced, frozen, and calibrate a timeline directly', () => {
    for (const s of [...containerStatements, ...euPledgeDeliveries, ...shellStatements]) {
      expect(s.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(s.source.length).toBeGreaterThan(5);
      expect(s.value).toBeGreaterThan(0);
    }
    expect(Object.isFrozen(containerStatements)).toBe(true);
    // The "about" container counts (not the US count, which includes other materiel) as evidence.
    const about = containerStatements.filter((s) => s.qualifier === 'about');
    const t = deliveryTimeline({
      start: '2023-09',
      months: 6,
      rate: { phases: [{ months: 6, containersPerMonth: lognormal.ci(500, 2_000) }] },
      observations: about.map((s) => ({
        date: s.date,
        containers: normal(s.value, 0.1 * s.value),
      })),
    });
    expect(t.observationNodes).toEqual([
      'observed_2023_11_02',
      'observed_2023_12_29',
      'observed_2024_02_26',
    ]);
    const run = t.model.run({ samples: 20_000 });
    expect(run.effectiveSampleSize).toBeGreaterThan(100);
  });
});
