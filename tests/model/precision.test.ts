import { describe, expect, it } from 'vitest';
import { CHECK_INTERVAL, lognormal, model, normal, uniform } from '../../src/index.js';
import { runParallel } from '../../src/node/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectRate } from '../helpers/stats.js';

describe('summary: standard errors and 95% intervals', () => {
  it('report sd/√n for the mean and order-statistic intervals for quantiles', () => {
    const run = model({ seed: 1 }).input('x', normal(0, 2)).run({ samples: 10_000 });
    const s = run.summary('x');
    expect(s.meanStandardError).toBe(s.sd / Math.sqrt(10_000));
    const median = s.quantileIntervals.p50;
    expect(median.lower).toBeLessThan(s.quantiles.p50);
    expect(median.upper).toBeGreaterThan(s.quantiles.p50);
    // The median of n normals has standard error √(π/2)·σ/√n = 0.0251.
    expect(median.standardError).toBeGreaterThan(0.02);
    expect(median.standardError).toBeLessThan(0.03);
    expect(Object.keys(s.quantileIntervals)).toEqual(Object.keys(s.quantiles));
  });

  it('cover the true value about 95% of the time (400 seeds, 2,000 samples each)', () => {
    let medianCovered = 0;
    let meanCovered = 0;
    let p95Covered = 0;
    const seeds = 400;
    const p95 = 1.6448536269514722;
    for (let seed = 0; seed < seeds; seed++) {
      const s = model({ seed }).input('x', normal(0, 1)).run({ samples: 2_000 }).summary('x');
      const m = s.quantileIntervals.p50;
      if (m.lower <= 0 && 0 <= m.upper) medianCovered++;
      if (Math.abs(s.mean) <= 1.959963984540054 * s.meanStandardError) meanCovered++;
      const q = s.quantileIntervals.p95;
      if (q.lower <= p95 && p95 <= q.upper) p95Covered++;
    }
    // Order-statistic intervals are slightly conservative (the ranks are rounded outwards by the
    // interpolation), so coverage is 0.95 or a little more; expectRate allows its sampling error.
    expectRate(meanCovered, seeds, 0.95, 'mean interval coverage');
    expect(medianCovered / seeds).toBeGreaterThan(0.92);
    expect(p95Covered / seeds).toBeGreaterThan(0.92);
  });

  it('are NaN when fewer than 5 samples are expected beyond the quantile', () => {
    const s = model({ seed: 1 }).input('x', uniform(0, 1)).run({ samples: 60 }).summary('x');
    expect(s.quantileIntervals.p5.standardError).toBeNaN();
    expect(s.quantileIntervals.p50.standardError).toBeGreaterThan(0);
  });
});

describe('probabilityInterval: Wilson score interval', () => {
  it('matches statsmodels proportion_confint(method="wilson")', () => {
    // 1,000 uniforms: count those below 0.1 and compare with the closed form for that count.
    const run = model({ seed: 3 }).input('u', uniform(0, 1)).run({ samples: 1_000 });
    const below = run.samples('u').filter((u) => u < 0.1).length;
    const estimate = run.probabilityInterval('u', '<', 0.1);
    expect(estimate.probability).toBe(below / 1_000);
    expect(estimate.samples).toBe(1_000);
    expect(estimate.standardError).toBeCloseTo(
      Math.sqrt(((below / 1e3) * (1 - below / 1e3)) / 1e3),
      15,
    );
    // scipy.stats.binomtest(100, 1000).proportion_ci(method='wilson')
    //   = (0.08290944359309571, 0.1201519631953484); the formula checked at that count:
    const z = 1.959963984540054;
    const wilson = (k: number, n: number) => {
      const p = k / n;
      const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
      const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
      return [centre - half, centre + half];
    };
    expect(wilson(100, 1000)[0]).toBeCloseTo(0.08290944359309571, 14);
    expect(wilson(100, 1000)[1]).toBeCloseTo(0.1201519631953484, 14);
    const [lower, upper] = wilson(below, 1000);
    expect(estimate.lower).toBeCloseTo(lower, 14);
    expect(estimate.upper).toBeCloseTo(upper, 14);
  });

  it('works from the sketch of an unkept node', () => {
    const run = model({ seed: 3 })
      .input('u', uniform(0, 1))
      .run({ samples: 100_000, keep: 'none' });
    const estimate = run.probabilityInterval('u', '>', 0.5);
    expect(estimate.samples).toBe(100_000);
    expect(estimate.lower).toBeLessThan(0.5);
    expect(estimate.upper).toBeGreaterThan(0.5);
  });
});

describe('run({ until }): precision control', () => {
  const m = model({ seed: 'until' })
    .input('x', lognormal(0, 1))
    .input('y', normal(10, 1))
    .derive('z', 'x * y');
  const until = { quantiles: [0.05, 0.5, 0.95], relativeError: 0.01 } as const;

  it('stops at the first check where every target is met, the same count whatever the block size', () => {
    const run = m.run({ until });
    const precision = run.precision;
    expect(precision?.converged).toBe(true);
    expect(precision?.nodes).toEqual(['z']); // default: the outputs
    expect(run.sampleCount % CHECK_INTERVAL).toBe(0);
    expect(precision?.samples).toBe(run.sampleCount);
    const trace = precision?.trace ?? [];
    const last = trace.filter((t) => t.samples === run.sampleCount);
    expect(last.map((t) => t.statistic)).toEqual([0.05, 0.5, 0.95]);
    for (const t of last) expect(t.relativeError).toBeLessThanOrEqual(0.01);
    const before = trace.filter((t) => t.samples === run.sampleCount - CHECK_INTERVAL);
    expect(before.some((t) => !(t.relativeError <= 0.01))).toBe(true);
    for (const blockSize of [4_096, 12_288, 1_048_576]) {
      expect(m.run({ until, blockSize, keep: 'none' }).sampleCount).toBe(run.sampleCount);
    }
  });

  it('gives exactly the run of that many samples: same kept samples, same summaries', () => {
    const run = m.run({ until });
    const fixed = m.run({ samples: run.sampleCount });
    expect(run.samples('z')).toEqual(fixed.samples('z'));
    expect(run.samples('x').length).toBe(run.sampleCount);
    expect(run.toJSON()).toEqual(fixed.toJSON());
    const unkept = m.run({ until, keep: 'none' });
    expect(unkept.toJSON()).toEqual(m.run({ samples: run.sampleCount, keep: 'none' }).toJSON());
  });

  it('stops at maxSamples and says it did not converge', () => {
    const run = m.run({ until: { ...until, relativeError: 0.002, maxSamples: 100_000 } });
    expect(run.precision?.converged).toBe(false);
    expect(run.sampleCount).toBe(100_000);
    expect(run.precision?.trace.at(-1)?.samples).toBe(100_000);
  });

  it('can target the mean, chosen nodes, and a minimum count', () => {
    const run = m.run({
      until: { nodes: ['y'], quantiles: [], mean: true, relativeError: 0.002, minSamples: 200_000 },
    });
    expect(run.precision?.converged).toBe(true);
    expect(run.sampleCount).toBeGreaterThanOrEqual(200_000);
    const s = run.summary('y');
    expect((1.959963984540054 * s.meanStandardError) / s.mean).toBeLessThanOrEqual(0.002);
  });

  it('rejects bad requests before drawing', async () => {
    expectSalvoError(() => m.run({ samples: 10, until }), { parameter: 'samples' });
    expectSalvoError(() => m.run({} as never), {
      code: 'INVALID_SAMPLE_COUNT',
      parameter: 'samples',
    });
    expectSalvoError(() => m.run({ until: { relativeError: 0.0001 } }), {
      parameter: 'until.relativeError',
    });
    expectSalvoError(() => m.run({ until: { relativeError: 0.01, nodes: ['w' as never] } }), {
      parameter: 'until.nodes[0]',
    });
    expectSalvoError(() => m.run({ until: { relativeError: 0.01, quantiles: [1] } }), {
      parameter: 'until.quantiles[0]',
    });
    expectSalvoError(() => m.run({ until: { relativeError: 0.01, quantiles: [] } }), {
      parameter: 'until.quantiles',
    });
    expectSalvoError(() => m.run({ until: { relativeError: 0.01, maxSamples: 0 } }), {
      code: 'INVALID_SAMPLE_COUNT',
      parameter: 'until.maxSamples',
    });
    expectSalvoError(
      () => m.run({ until: { relativeError: 0.01, maxSamples: 10, minSamples: 20 } }),
      { code: 'INVALID_SAMPLE_COUNT', parameter: 'until.minSamples' },
    );
    await expect(runParallel(m, { until, workers: 1 })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      parameter: 'until',
    });
  });
});

describe('run.convergence: running estimates of a kept node', () => {
  const run = model({ seed: 5 })
    .input('x', lognormal(0, 1))
    .run({ samples: 50_000, quantiles: [0.9] });

  it('ends at the run’s own estimate, with intervals that narrow', () => {
    const mean = run.convergence('x');
    expect(mean.length).toBe(30);
    expect(mean[0].samples).toBe(1_000);
    expect(mean.at(-1)?.samples).toBe(50_000);
    expect(mean.at(-1)?.estimate).toBeCloseTo(run.summary('x').mean, 10);
    expect(mean.at(-1)?.standardError).toBeCloseTo(run.summary('x').meanStandardError, 10);
    const q = run.convergence('x', { statistic: 0.9, points: 8 });
    expect(q.at(-1)?.estimate).toBe(run.quantile('x', 0.9));
    expect(q.at(-1)?.lower).toBe(run.summary('x').quantileIntervals.p90?.lower);
    for (let i = 1; i < q.length; i++) {
      expect(q[i].samples).toBeGreaterThan(q[i - 1].samples);
    }
    expect(q[0].standardError).toBeGreaterThan(q.at(-1)?.standardError ?? 0);
  });

  it('rejects bad options and unkept nodes', () => {
    expectSalvoError(() => run.convergence('x', { statistic: 1 }), { parameter: 'statistic' });
    expectSalvoError(() => run.convergence('x', { points: 0 }), { parameter: 'points' });
    const unkept = model({ seed: 5 })
      .input('x', lognormal(0, 1))
      .run({ samples: 100, keep: 'none' });
    expectSalvoError(() => unkept.convergence('x'), {
      code: 'NOT_KEPT',
      parameter: 'name',
      messageNamesParameter: false,
    });
  });
});
