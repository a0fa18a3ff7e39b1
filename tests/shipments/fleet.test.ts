import { describe, expect, it } from 'vitest';
import { beta, constant, lognormal, normal, uniform } from '../../src/index.js';
import {
  containerStatements,
  defaultFleet,
  deliveryTimeline,
  timelineBands,
} from '../../src/shipments/index.js';
import { expectSalvoError } from '../helpers/errors.js';

/** The "about" container counts, ±8%, as the examples use them. */
const statements = containerStatements
  .filter((s) => s.qualifier === 'about')
  .map((s) => ({ date: s.date, containers: normal(s.value, 0.08 * s.value) }));

describe('deliveryTimeline with a fleet rate', () => {
  it('never delivers more than the ships can carry: voyages are counts within capacity', () => {
    const t = deliveryTimeline({
      start: '2023-09',
      months: 6,
      rate: {
        fleet: {
          vessels: [
            { months: 2, vessels: 4 },
            { months: 1, vessels: 0 },
            { months: 3, vessels: 2 },
          ],
        },
      },
    });
    const run = t.model.run({ samples: 20_000 });
    const perVoyage = run.samples('containersPerVoyage');
    const roundTrip = run.samples('roundTripDays');
    const days = [30, 31, 30, 31, 31, 29];
    const vessels = [4, 4, 0, 2, 2, 2];
    t.months.forEach((month, m) => {
      const key = month.replace('-', '_');
      const voyages = run.samples(`voyages_${key}`);
      const capacity = run.samples(`voyageCapacity_${key}`);
      const rate = run.samples(`rate_${key}`);
      const broken: number[] = []; // samples that break a rule (checked in one loop: 20,000 × 6)
      for (let i = 0; i < voyages.length; i++) {
        const ok =
          Number.isInteger(voyages[i]) &&
          capacity[i] === Math.floor((vessels[m] * days[m]) / roundTrip[i]) &&
          voyages[i] >= 0 &&
          voyages[i] <= capacity[i] &&
          rate[i] === voyages[i] * perVoyage[i];
        if (!ok) broken.push(i);
      }
      expect(broken, month).toEqual([]);
    });
    // No vessels, no voyages.
    expect(run.summary('voyages_2023_11').max).toBe(0);
    expect(t.voyageNodes).toHaveLength(6);
    expect(t.voyageCapacityNodes).toEqual(
      t.months.map((m) => `voyageCapacity_${m.replace('-', '_')}`),
    );
  });

  it('draws a binomial number of voyages with the share used: mean capacity × share', () => {
    // No drift, no pauses: each month's voyages are binomial(capacity, 0.6).
    const t = deliveryTimeline({
      start: '2024-01',
      months: 3,
      rate: {
        fleet: {
          vessels: 4,
          roundTripDays: constant(10),
          containersPerVoyage: constant(200),
          initialShareUsed: constant(0.6),
          shareVolatility: constant(0),
          pauses: false,
        },
      },
    });
    const run = t.model.run({ samples: 50_000 });
    for (const [month, capacity] of [
      ['2024_01', 12],
      ['2024_02', 11],
      ['2024_03', 12],
    ] as const) {
      const s = run.summary(`voyages_${month}`);
      const mean = capacity * 0.6;
      const sd = Math.sqrt(capacity * 0.6 * 0.4);
      expect(Math.abs(s.mean - mean)).toBeLessThan((4 * sd) / Math.sqrt(50_000));
      expect(Math.abs(s.sd - sd)).toBeLessThan(0.02 * sd);
      expect(s.max).toBeLessThanOrEqual(capacity);
    }
    expect(run.summary('shareUsed_2024_03').sd).toBeLessThan(1e-12);
  });

  it('lets the share drift on its log-odds and pause, and pauses stop the ships', () => {
    const t = deliveryTimeline({
      start: '2024-01',
      months: 8,
      rate: {
        fleet: {
          initialShareUsed: constant(0.5),
          shareVolatility: constant(0.5),
          pauses: { startChancePerMonth: constant(0.2), meanMonths: 2 },
        },
      },
    });
    const run = t.model.run({ samples: 40_000 });
    // A walk with sd 0.5 a step: after 7 steps the log-odds have sd 0.5 √7.
    const logOdds = run.summary('shareLogOdds_2024_08');
    expect(Math.abs(logOdds.mean)).toBeLessThan((4 * 0.5 * Math.sqrt(7)) / Math.sqrt(40_000));
    expect(Math.abs(logOdds.sd - 0.5 * Math.sqrt(7))).toBeLessThan(0.02 * 0.5 * Math.sqrt(7));
    const share = run.samples('shareUsed_2024_08');
    for (const x of share) expect(x > 0 && x < 1).toBe(true);
    // The chain: P(paused in month 1) = 0.2; P(paused | paused before) = 1 - 1/2.
    const first = run.summary('paused_2024_01').mean;
    expect(Math.abs(first - 0.2)).toBeLessThan(4 * Math.sqrt((0.2 * 0.8) / 40_000));
    const before = run.samples('paused_2024_03');
    const after = run.samples('paused_2024_04');
    let stayed = 0;
    let paused = 0;
    const voyages = run.samples('voyages_2024_04');
    for (let i = 0; i < before.length; i++) {
      if (after[i] === 1) expect(voyages[i]).toBe(0);
      if (before[i] === 1) {
        paused++;
        stayed += after[i];
      }
    }
    const p = stayed / paused;
    expect(Math.abs(p - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / paused));
    // Stationary share of paused months: 0.2 / (0.2 + 0.5).
    const late = run.summary('paused_2024_08').mean;
    expect(Math.abs(late - 0.2 / 0.7)).toBeLessThan(0.02);
  });

  it('takes voyages, containers and rounds as evidence, each with its own likelihood', () => {
    const t = deliveryTimeline({
      start: '2023-09',
      months: 6,
      rate: { fleet: {} },
      roundsPerContainer: lognormal.ci(300, 500),
      observations: [
        { date: '2023-11-02', containers: normal(2_000, 160) },
        // "at least 32 trips" by the four ships up to 12 February 2024 (NK Pro)
        { date: '2024-02-12', voyages: (v) => (v >= 32 ? 1 : 0.01) },
        { date: '2023-11-01', rounds: normal(1e6, 2e5) },
      ],
    });
    expect(t.observationNodes).toEqual([
      'observed_2023_11_02',
      'observedVoyages_2024_02_12',
      'observedRounds_2023_11_01',
    ]);
    const prior = deliveryTimeline({ start: '2023-09', months: 6, rate: { fleet: {} } });
    const run = t.model.run({ samples: 50_000 });
    const priorRun = prior.model.run({ samples: 50_000 });
    const atLeast32 = (r: typeof run, node: string) => r.probability(node, '>=', 32);
    // The voyage node interpolates within February as the container node does.
    const v = run.samples('observedVoyages_2024_02_12');
    const jan = run.samples('cumulativeVoyages_2024_01');
    const feb = run.samples('voyages_2024_02');
    expect(v[7]).toBeCloseTo(jan[7] + (12 / 29) * feb[7], 9);
    expect(atLeast32(run, 'observedVoyages_2024_02_12')).toBeGreaterThan(0.9);
    expect(atLeast32(priorRun, 'cumulativeVoyages_2024_01')).toBeLessThan(
      atLeast32(run, 'cumulativeVoyages_2024_01'),
    );
    const rounds = run.summary('observedRounds_2023_11_01').quantiles.p50;
    expect(rounds).toBeGreaterThan(6e5);
    expect(rounds).toBeLessThan(1e6);
  });

  it('projects twelve months past the last statement no further than the fleet can sail', () => {
    // The last statement is February 2024; twelve months on is February 2025 (month 18).
    const fleet = deliveryTimeline({
      start: '2023-09',
      months: 18,
      rate: { fleet: {} },
      observations: statements,
    });
    const run = fleet.model.run({ samples: 100_000, keep: 'none' });
    const last = fleet.months.length - 1;
    expect(fleet.months[last]).toBe('2025-02');
    const voyages95 = timelineBands(run, fleet, 'voyages')[last].p95;
    const containers95 = timelineBands(run, fleet)[last].p95;
    // The most voyages four ships can make in 18 months (548 days) at the shortest round trip the
    // prior allows in 99.9% of samples.
    const shortestTrip = defaultFleet.roundTripDays.quantile(0.001);
    const mostVoyages = (4 * 548) / shortestTrip;
    expect(voyages95).toBeLessThan(mostVoyages);
    // Containers: the 95th percentile implies no more voyages than that at the largest load the
    // prior allows in 99.9% of samples.
    const largestLoad = defaultFleet.containersPerVoyage.quantile(0.999);
    expect(containers95 / largestLoad).toBeLessThan(mostVoyages);
    // The check can fail: the compounding trend's 95th percentile implies more voyages than the
    // fleet can make, even at its median load and round trip.
    const trend = deliveryTimeline({
      start: '2023-09',
      months: 18,
      rate: {
        trend: {
          initialContainersPerMonth: lognormal.ci(400, 1_500),
          growthPerMonth: lognormal.ci(0.9, 1.3),
        },
      },
      observations: statements,
    });
    const trendRun = trend.model.run({ samples: 100_000, keep: 'none' });
    const trend95 = timelineBands(trendRun, trend)[last].p95;
    const medianVoyages = (4 * 548) / defaultFleet.roundTripDays.quantile(0.5);
    expect(trend95 / defaultFleet.containersPerVoyage.quantile(0.5)).toBeGreaterThan(medianVoyages);
  });

  it('gives checkpoints as unobserved nodes of cumulative containers', () => {
    const t = deliveryTimeline({
      start: '2023-09',
      months: 3,
      rate: { phases: [{ months: 3, containersPerMonth: constant(1_000) }] },
      checkpoints: ['2023-10-15', '2023-11-30'],
    });
    expect(t.checkpointNodes).toEqual(['at_2023_10_15', 'at_2023_11_30']);
    const run = t.model.run({ samples: 10 });
    expect(run.samples('at_2023_10_15')[0]).toBeCloseTo(1_000 + (15 / 31) * 1_000, 9);
    expect(run.samples('at_2023_11_30')[0]).toBeCloseTo(3_000, 9);
    expect(run.weighted).toBe(false);
  });

  it('refuses what a fleet cannot mean, naming the field', () => {
    const at = (fleet: object) => () =>
      deliveryTimeline({ start: '2023-09', months: 3, rate: { fleet } as never });
    expectSalvoError(at({ vessels: -1 }), { parameter: 'rate.fleet.vessels' });
    expectSalvoError(at({ vessels: 2.5 }), { parameter: 'rate.fleet.vessels' });
    expectSalvoError(at({ vessels: [{ months: 2, vessels: 4 }] }), {
      parameter: 'rate.fleet.vessels',
      messageNamesParameter: false,
      messageIncludes: 'add up to 2',
    });
    expectSalvoError(at({ vessels: [{ months: 3, vessels: 'four' }] }), {
      parameter: 'rate.fleet.vessels[0].vessels',
    });
    expectSalvoError(at({ initialShareUsed: uniform(0, 2) }), {
      parameter: 'rate.fleet.initialShareUsed',
    });
    expectSalvoError(at({ roundTripDays: normal(10, 3) }), {
      parameter: 'rate.fleet.roundTripDays',
    });
    expectSalvoError(at({ containersPerVoyage: 200 }), {
      parameter: 'rate.fleet.containersPerVoyage',
    });
    expectSalvoError(at({ pauses: { startChancePerMonth: beta(1, 9), meanMonths: 0.5 } }), {
      parameter: 'rate.fleet.pauses.meanMonths',
    });
    expectSalvoError(at({ pauses: { startChancePerMonth: constant(2), meanMonths: 1 } }), {
      parameter: 'rate.fleet.pauses.startChancePerMonth',
    });
    expectSalvoError(at({ ships: 4 }), { code: 'UNKNOWN_OPTION', parameter: 'rate.fleet.ships' });
    const observe =
      (observation: object, extra: object = {}) =>
      () =>
        deliveryTimeline({
          start: '2023-09',
          months: 3,
          rate: { phases: [{ months: 3, containersPerMonth: constant(1) }] },
          observations: [observation as never],
          ...extra,
        });
    expectSalvoError(observe({ date: '2023-10-01', voyages: () => 1 }), {
      parameter: 'observations[0].voyages',
      messageNamesParameter: false,
      messageIncludes: 'only a fleet rate',
    });
    expectSalvoError(observe({ date: '2023-10-01', rounds: () => 1 }), {
      parameter: 'observations[0].rounds',
      messageNamesParameter: false,
      messageIncludes: 'roundsPerContainer',
    });
    expectSalvoError(observe({ date: '2023-10-01', containers: () => 1, voyages: () => 1 }), {
      parameter: 'observations[0]',
      messageIncludes: 'containers and voyages',
    });
    expectSalvoError(observe({ date: '2023-10-01' }), {
      parameter: 'observations[0]',
      messageIncludes: 'got none',
    });
    expectSalvoError(
      observe({ date: '2023-10-01', containers: () => 1 }, { checkpoints: ['2024-01-01'] }),
      {
        parameter: 'checkpoints[0]',
      },
    );
  });
});
