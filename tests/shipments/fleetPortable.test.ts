import { describe, expect, it } from 'vitest';
import { lognormal, modelFromJson, normal, toModelJson } from '../../src/index.js';
import { runParallel } from '../../src/node/index.js';
import { deliveryTimeline, timelineBacktest } from '../../src/shipments/index.js';

// The fleet model is data like any model of distributions and expressions: its counts come from the
// expression function binomialQuantile, so it runs on worker threads and saves to a file unchanged.
describe('the fleet model as data', () => {
  const timeline = deliveryTimeline({
    start: '2023-09',
    months: 8,
    rate: { fleet: {} },
    observations: [
      { date: '2023-11-02', containers: normal(2_000, 160) },
      { date: '2024-02-12', voyages: normal(34, 4) },
    ],
  });
  const options = { samples: 30_000, keep: ['cumulativeVoyages_2024_04', 'cumulative_2024_04'] };

  it('runs on worker threads to the same numbers as on the calling thread', async () => {
    const single = timeline.model.run(options);
    const parallel = await runParallel(timeline.model, {
      ...options,
      workers: 2,
      mainThread: false,
    });
    expect(parallel.toJSON()).toEqual(single.toJSON());
    expect(parallel.samples('cumulativeVoyages_2024_04')).toEqual(
      single.samples('cumulativeVoyages_2024_04'),
    );
  }, 60_000);

  it('saves to a model file and reads back to the same samples', () => {
    const file = JSON.parse(JSON.stringify(toModelJson(timeline.model)));
    const voyages = file.nodes.find((n: { name: string }) => n.name === 'voyages_2023_10');
    expect(voyages.expression).toContain('binomialQuantile(voyageDraw_2023_10');
    const read = modelFromJson(file);
    const a = read.run(options);
    const b = timeline.model.run(options);
    expect(a.samples('cumulative_2024_04')).toEqual(b.samples('cumulative_2024_04'));
    expect(a.effectiveSampleSize).toBe(b.effectiveSampleSize);
  });
});

describe('timelineBacktest', () => {
  const about = (date: string, value: number) => ({
    date,
    value,
    containers: normal(value, 0.08 * value),
  });
  const rate = {
    trend: {
      initialContainersPerMonth: lognormal.ci(400, 1_500),
      growthPerMonth: lognormal.ci(0.9, 1.3),
    },
  };
  const run = (statements: ReturnType<typeof about>[]) =>
    timelineBacktest({
      start: '2023-09',
      months: 6,
      rate,
      statements,
      cutoffs: ['2023-11-30'],
      samples: 10_000,
    });

  it('forecasts from what was known at the cut-off only', () => {
    const honest = run([about('2023-11-02', 2_000), about('2024-02-26', 6_700)]);
    // A later statement with another value changes its score, never its forecast.
    const other = run([about('2023-11-02', 2_000), about('2024-02-26', 60_000)]);
    const [a] = honest.origins[0].scores;
    const [b] = other.origins[0].scores;
    expect([b.p5, b.p50, b.p95]).toEqual([a.p5, a.p50, a.p95]);
    expect(b.crps).toBeGreaterThan(a.crps);
    expect(b.covered90).toBe(false);
    // A different earlier statement changes the forecast.
    const earlier = run([about('2023-11-02', 3_000), about('2024-02-26', 6_700)]);
    expect(earlier.origins[0].scores[0].p50).toBeGreaterThan(a.p50);
  });

  it('scores two later statements of one date from one checkpoint', () => {
    const result = run([
      about('2023-11-02', 2_000),
      about('2024-02-26', 6_700),
      about('2024-02-26', 7_000),
    ]);
    const [first, second] = result.origins[0].scores;
    expect(second.p50).toBe(first.p50);
    expect(second.value).toBe(7_000);
  });
});
