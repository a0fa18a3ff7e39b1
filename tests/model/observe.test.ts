import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beta, model, normal, toCsv, uniform } from '../../src/index.js';
import { runParallel } from '../../src/node/index.js';
import { weightedOrder, weightedQuantileOf } from '../../src/samples/weighted.js';
import { normalQuantile } from '../../src/special/normal.js';
import { expectSalvoError } from '../helpers/errors.js';

const N = 200_000;

/** Standard error of the p-quantile of a normal(·, sd) estimated from `ess` samples. */
const quantileSe = (p: number, sd: number, ess: number) => {
  const z = normalQuantile(p);
  const density = Math.exp(-(z * z) / 2) / Math.sqrt(2 * Math.PI);
  return (sd * Math.sqrt(p * (1 - p))) / density / Math.sqrt(ess);
};

describe('model.observe: conjugate cases with closed forms', () => {
  // A dated count: prior normal(5,000, 1,000) containers; a report of 6,700 ± 300 (normal likelihood).
  const prior = { mean: 5_000, sd: 1_000 };
  const report = { value: 6_700, sd: 300 };
  const precision = 1 / prior.sd ** 2 + 1 / report.sd ** 2;
  const posterior = {
    mean: (prior.mean / prior.sd ** 2 + report.value / report.sd ** 2) / precision,
    sd: Math.sqrt(1 / precision),
  };
  const run = model({ seed: 'observe' })
    .input('containers', normal(prior.mean, prior.sd))
    .observe('containers', normal(report.value, report.sd))
    .run({ samples: N, quantiles: [0.1, 0.9] });

  it('normal prior, normal observation: posterior mean, sd and quantiles within 4 standard errors', () => {
    const s = run.summary('containers');
    const ess = s.effectiveSampleSize;
    expect(ess).toBeGreaterThan(20_000);
    expect(ess).toBeLessThan(N);
    expect(Math.abs(s.mean - posterior.mean)).toBeLessThan((4 * posterior.sd) / Math.sqrt(ess));
    // The sd of a normal sample has standard error sd / √(2n).
    expect(Math.abs(s.sd - posterior.sd)).toBeLessThan((4 * posterior.sd) / Math.sqrt(2 * ess));
    for (const [key, p] of [
      ['p10', 0.1],
      ['p50', 0.5],
      ['p90', 0.9],
    ] as const) {
      const expected = posterior.mean + posterior.sd * normalQuantile(p);
      expect(Math.abs(s.quantiles[key] - expected), key).toBeLessThan(
        4 * quantileSe(p, posterior.sd, ess),
      );
      // The reported interval is about ±1.96 of those standard errors.
      const interval = s.quantileIntervals[key];
      expect(interval.standardError / quantileSe(p, posterior.sd, ess)).toBeGreaterThan(0.8);
      expect(interval.standardError / quantileSe(p, posterior.sd, ess)).toBeLessThan(1.25);
    }
    expect(s.meanStandardError).toBeCloseTo(s.sd / Math.sqrt(ess), 12);
  });

  it('beta prior, binomial observation (30 of 100): the beta(32, 72) posterior', () => {
    const k = 30;
    const n = 100;
    const r = model({ seed: 'beta' })
      .input('shareCarryingShells', beta(2, 2))
      .observe('shareCarryingShells', (p) => p ** k * (1 - p) ** (n - k))
      .run({ samples: N });
    const s = r.summary('shareCarryingShells');
    // scipy.stats.beta(32, 72): mean 0.3076923076923077, sd 0.04504154182839384,
    // ppf(0.05, 0.5, 0.95) = 0.23572781975204887, 0.3064553439590572, 0.383881853461343.
    const sd = 0.04504154182839384;
    const ess = s.effectiveSampleSize;
    expect(Math.abs(s.mean - 0.3076923076923077)).toBeLessThan((4 * sd) / Math.sqrt(ess));
    expect(Math.abs(s.sd - sd)).toBeLessThan((4 * sd) / Math.sqrt(2 * ess));
    // Quantile standard errors from the normal approximation of the posterior (close here).
    expect(Math.abs(s.quantiles.p5 - 0.23572781975204887)).toBeLessThan(
      4 * quantileSe(0.05, sd, ess),
    );
    expect(Math.abs(s.quantiles.p50 - 0.3064553439590572)).toBeLessThan(
      4 * quantileSe(0.5, sd, ess),
    );
    expect(Math.abs(s.quantiles.p95 - 0.383881853461343)).toBeLessThan(
      4 * quantileSe(0.95, sd, ess),
    );
  });

  it('two observations multiply: twice normal(y, s) is once normal(y, s/√2)', () => {
    const twice = model({ seed: 3 })
      .input('x', normal(0, 1))
      .observe('x', normal(1, 1))
      .observe('x', normal(1, 1))
      .run({ samples: N });
    // Posterior precision 1 + 2 = 3, mean 2/3.
    const s = twice.summary('x');
    expect(Math.abs(s.mean - 2 / 3)).toBeLessThan(
      (4 * Math.sqrt(1 / 3)) / Math.sqrt(s.effectiveSampleSize),
    );
    expect(twice.effectiveSampleSize).toBeCloseTo(s.effectiveSampleSize, 6);
  });
});

describe('model.observe: what a weighted run reports', () => {
  const m = model({ seed: 7 })
    .input('containers', normal(6_000, 1_000))
    .input('roundsPerContainer', uniform(300, 600))
    .derive('rounds', 'containers * roundsPerContainer');
  const observed = m.observe('rounds', normal(3e6, 5e5));

  it('keeps the samples of the unobserved run and only weights them', () => {
    const plain = m.run({ samples: 20_000 });
    const weighted = observed.run({ samples: 20_000 });
    expect(weighted.samples('rounds')).toEqual(plain.samples('rounds'));
    expect(weighted.weighted).toBe(true);
    expect(plain.weighted).toBe(false);
    expect(plain.effectiveSampleSize).toBe(20_000);
    const w = weighted.weights();
    const x = weighted.samples('rounds');
    let sw = 0;
    let sw2 = 0;
    let swx = 0;
    for (let i = 0; i < w.length; i++) {
      sw += w[i];
      sw2 += w[i] * w[i];
      swx += w[i] * x[i];
      expect(w[i]).toBeCloseTo(normal(3e6, 5e5).pdf(x[i]), 20);
    }
    expect(weighted.effectiveSampleSize).toBeCloseTo((sw * sw) / sw2, 6);
    expect(weighted.summary('rounds').mean).toBeCloseTo(swx / sw, 6);
  });

  it('probability and histogram are shares of weight; kept and unkept agree', () => {
    const kept = observed.run({ samples: 50_000 });
    const unkept = observed.run({ samples: 50_000, keep: 'none' });
    const w = kept.weights();
    const x = kept.samples('containers');
    let above = 0;
    let total = 0;
    for (let i = 0; i < x.length; i++) {
      total += w[i];
      if (x[i] > 6_500) above += w[i];
    }
    expect(kept.probability('containers', '>', 6_500)).toBeCloseTo(above / total, 12);
    expect(Math.abs(unkept.probability('containers', '>', 6_500) - above / total)).toBeLessThan(
      0.02, // the sketch may misplace samples within 0.5% of 6,500
    );
    // Moments come from the same weighted segment statistics: identical.
    expect(unkept.summary('rounds').mean).toBe(kept.summary('rounds').mean);
    expect(unkept.summary('rounds').effectiveSampleSize).toBe(
      kept.summary('rounds').effectiveSampleSize,
    );
    expect(unkept.summary('rounds').quantileMethod).toBe('sketch');
    const q = kept.quantile('rounds', 0.5);
    expect(Math.abs(unkept.quantile('rounds', 0.5) / q - 1)).toBeLessThan(0.006);
    const h = kept.histogram('containers', { bins: 8, range: [3_000, 9_000] });
    const inside = h.counts.reduce((a, b) => a + b, 0);
    expect(inside + h.outside).toBeCloseTo(total, 6);
    const hs = unkept.histogram('containers', { bins: 8, range: [3_000, 9_000] });
    expect(hs.counts.reduce((a, b) => a + b, 0) + hs.outside).toBeCloseTo(total, 6);
    expect(kept.probabilityInterval('containers', '>', 6_500).samples).toBeCloseTo(
      kept.summary('containers').effectiveSampleSize,
      6,
    );
  });

  it('warns (or throws, if asked) when the effective sample size is low', () => {
    const far = model({ seed: 8 }).input('x', normal(0, 1)).observe('x', normal(3.5, 0.2));
    const run = far.run({ samples: 20_000 });
    expect(run.effectiveSampleSize).toBeLessThan(1_000);
    expect(run.warnings.map((w) => w.code)).toEqual(['LOW_EFFECTIVE_SAMPLE_SIZE']);
    expect(run.warnings[0].message).toContain('effective sample size');
    expect(far.run({ samples: 20_000, minEffectiveSampleSize: 10 }).warnings).toEqual([]);
    expectSalvoError(() => far.run({ samples: 20_000, onLowEffectiveSampleSize: 'throw' }), {
      parameter: 'minEffectiveSampleSize',
      messageNamesParameter: false,
      messageIncludes: 'effective sample size',
    });
  });

  it('refuses what it cannot do honestly, naming the reason (and runs on threads)', async () => {
    expectSalvoError(() => m.observe('nope' as never, normal(0, 1)), {
      parameter: 'name',
      messageNamesParameter: false,
      messageIncludes: 'nope',
    });
    expectSalvoError(() => m.observe('rounds', 42 as never), { parameter: 'likelihood' });
    expectSalvoError(() => m.observe('rounds', () => -1).run({ samples: 10 }), {
      parameter: 'rounds',
      messageNamesParameter: false,
      messageIncludes: 'finite number >= 0',
    });
    expectSalvoError(
      () =>
        model({ seed: 1 })
          .input('x', normal(0, 1))
          .observe('x', normal(60, 0.1))
          .run({ samples: 100 }),
      {
        code: 'EMPTY_DATA',
        parameter: 'observe',
        messageNamesParameter: false,
        messageIncludes: 'weight 0',
      },
    );
    const run = observed.run({ samples: 1_000 });
    expectSalvoError(() => run.convergence('rounds'), {
      code: 'UNSUPPORTED',
      parameter: 'observe',
      messageNamesParameter: false,
    });
    expectSalvoError(() => toCsv(run), {
      code: 'UNSUPPORTED',
      parameter: 'source',
      messageNamesParameter: false,
    });
    expectSalvoError(() => observed.run({ until: { relativeError: 0.01 } }), {
      code: 'UNSUPPORTED',
      parameter: 'until',
    });
    expectSalvoError(() => observed.run({ samples: 100, keep: 'none' }).weights(), {
      code: 'NOT_KEPT',
      parameter: 'keep',
    });
    expectSalvoError(() => observed.run({ samples: 100, minEffectiveSampleSize: -1 }), {
      parameter: 'minEffectiveSampleSize',
    });
    // On threads it is the same weighted run (tests/node/parallel.test.ts checks every case).
    const onThreads = await runParallel(observed, { samples: 10_000, workers: 1 });
    expect(onThreads.summary('rounds')).toEqual(
      observed.run({ samples: 10_000 }).summary('rounds'),
    );
  });
});

describe('run.sensitivity on a weighted run', () => {
  const m = model({ seed: 's' })
    .input('a', normal(0, 2))
    .input('b', normal(0, 1))
    .derive('y', 'a + b');

  it('describes the posterior: observing a (sd 2 → √2) makes its shares 2/3 and 1/3', () => {
    // Prior a ~ normal(0, 2) times the likelihood normal(0, 2): posterior normal(0, √2).
    const run = m.observe('a', normal(0, 2)).run({ samples: 100_000 });
    const [a, b] = run.sensitivity('y').inputs;
    expect([a.input, b.input]).toEqual(['a', 'b']);
    const spearmanOfNormal = (r: number) => (6 / Math.PI) * Math.asin(r / 2);
    // Tolerances: about 4 standard errors at an effective sample size of 87,000 (the unweighted
    // errors measured in sensitivity.test.ts, scaled by √(100,000 / 87,000)), plus the binning bias.
    expect(Math.abs(a.rankCorrelation - spearmanOfNormal(Math.sqrt(2 / 3)))).toBeLessThan(0.005);
    expect(Math.abs(b.rankCorrelation - spearmanOfNormal(Math.sqrt(1 / 3)))).toBeLessThan(0.011);
    expect(Math.abs(a.firstOrder - 2 / 3)).toBeLessThan(0.01);
    expect(Math.abs(b.firstOrder - 1 / 3)).toBeLessThan(0.01);
    const z = normalQuantile(0.9);
    expect(Math.abs(a.tornado.swing - 2 * z * Math.SQRT2)).toBeLessThan(0.06);
    expect(Math.abs(b.tornado.swing - 2 * z)).toBeLessThan(0.06);
  });

  it('equal weights give the unweighted answer', () => {
    const plain = m.run({ samples: 50_000 }).sensitivity('y');
    const flat = m
      .observe('a', () => 1)
      .run({ samples: 50_000 })
      .sensitivity('y');
    flat.inputs.forEach((input, i) => {
      expect(input.input).toBe(plain.inputs[i].input);
      expect(input.rankCorrelation).toBeCloseTo(plain.inputs[i].rankCorrelation, 12);
      expect(input.firstOrder).toBeCloseTo(plain.inputs[i].firstOrder, 5);
    });
  });

  it('re-weighs the tornado when holding an input moves an observed node', () => {
    // Observing the output: holding a changes y and so the weights; a's bar must still be wider.
    const run = m.observe('y', normal(3, 1)).run({ samples: 50_000 });
    const s = run.sensitivity('y');
    expect(s.inputs[0].input).toBe('a');
    expect(s.inputs[0].tornado.swing).toBeGreaterThan(s.inputs[1].tornado.swing);
    expect(s.baselineMedian).toBeCloseTo(run.quantile('y', 0.5), 12);
  });
});

describe('weighted quantiles (inverted CDF)', () => {
  it('property: equal the smallest value whose cumulative weight share reaches p (by counting)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 5 })), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (pairs, p) => {
          if (!pairs.some(([, w]) => w > 0)) return;
          const values = Float64Array.from(pairs.map(([x]) => x));
          const weights = Float64Array.from(pairs.map(([, w]) => w));
          const total = pairs.reduce((t, [, w]) => t + w, 0);
          const candidates = pairs
            .filter(([, w]) => w > 0)
            .map(([x]) => x)
            .sort((a, b) => a - b);
          const expected = candidates.find(
            (x) =>
              pairs.filter(([y, w]) => y <= x && w > 0).reduce((t, [, w]) => t + w, 0) >= p * total,
          );
          expect(weightedQuantileOf(weightedOrder(values, weights), p)).toBe(expected);
        },
      ),
    );
  });
});
