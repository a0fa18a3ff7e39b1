import { describe, expect, it } from 'vitest';
import {
  beta,
  lognormal,
  model,
  normal,
  pert,
  SalvoError,
  type Sampling,
  SEGMENT_LENGTH,
  uniform,
} from '../../src/index.js';
import { SOBOL_RANDOMIZATIONS } from '../../src/model/design.js';
import { normalCdf, normalQuantile } from '../../src/special/normal.js';

const DESIGNS: readonly Sampling[] = ['latinHypercube', 'sobol'];

/** The shipments product: containers × shells per container × share carrying shells. */
function shipments(seed: number | string) {
  return model({ seed })
    .input('containers', pert(5500, 6700, 8000))
    .input('shellsPerContainer', lognormal.ci(300, 600))
    .input('shellShare', beta(8, 2))
    .derive('shells', 'containers * shellsPerContainer * shellShare');
}

describe('sampling designs', () => {
  it.each(DESIGNS)('%s: results do not depend on the block size or on what is kept', (sampling) => {
    const m = shipments('blocks');
    const samples = 5 * SEGMENT_LENGTH * 2 + 1234; // ten full segments and a partial one
    const reference = m.run({ samples, sampling });
    const small = m.run({ samples, sampling, blockSize: SEGMENT_LENGTH });
    const none = m.run({ samples, sampling, keep: 'none', blockSize: 3 * SEGMENT_LENGTH });
    for (const name of m.names) {
      expect(small.samples(name)).toEqual(reference.samples(name));
      expect(none.summary(name).mean).toBe(reference.summary(name).mean);
      expect(none.summary(name).meanStandardError).toBe(reference.summary(name).meanStandardError);
    }
    expect(small.toJSON()).toEqual(reference.toJSON());
  });

  it.each(DESIGNS)('%s: a design changes the samples, not their distribution', (sampling) => {
    const m = shipments('marginals');
    const run = m.run({ samples: 2 ** 16, sampling });
    const random = m.run({ samples: 2 ** 16 });
    expect(run.samples('containers')).not.toEqual(random.samples('containers'));
    // Every value in the support, and the marginal's mean within a few of its (design) errors.
    const containers = run.summary('containers');
    expect(containers.min).toBeGreaterThanOrEqual(5500);
    expect(containers.max).toBeLessThanOrEqual(8000);
    const exactMean = pert(5500, 6700, 8000).mean;
    expect(Math.abs(containers.mean - exactMean)).toBeLessThan(
      6 * containers.meanStandardError + 1e-9 * exactMean,
    );
  });

  it('latinHypercube: each segment of an input has one value in each of its strata', () => {
    const x = normal(0, 1);
    const run = model({ seed: 'strata' })
      .input('x', x)
      .run({ samples: 2 * SEGMENT_LENGTH + 1000, sampling: 'latinHypercube' });
    const values = run.samples('x');
    for (const [first, length] of [
      [0, SEGMENT_LENGTH],
      [SEGMENT_LENGTH, SEGMENT_LENGTH],
      [2 * SEGMENT_LENGTH, 1000],
    ]) {
      const strata = new Set<number>();
      for (let i = first; i < first + length; i++)
        strata.add(Math.floor(normalCdf(values[i]) * length));
      expect(strata.size).toBe(length);
    }
  });

  it('sobol: each scrambling’s first 4,096 points put one value of each input in each stratum', () => {
    const u = uniform(0, 1);
    const run = model({ seed: 'net' })
      .input('a', u)
      .input('b', u)
      .run({ samples: SOBOL_RANDOMIZATIONS * SEGMENT_LENGTH, sampling: 'sobol' });
    for (const name of ['a', 'b'] as const) {
      const values = run.samples(name);
      for (let segment = 0; segment < SOBOL_RANDOMIZATIONS; segment++) {
        const strata = new Set<number>();
        for (let i = 0; i < SEGMENT_LENGTH; i++)
          strata.add(Math.floor(values[segment * SEGMENT_LENGTH + i] * SEGMENT_LENGTH));
        expect(strata.size).toBe(SEGMENT_LENGTH);
      }
    }
  });

  it('designs cut the error of a smooth model’s mean, and the reported errors say so', () => {
    const m = shipments('precision');
    const samples = 2 ** 16;
    const random = m.run({ samples }).summary('shells').meanStandardError;
    const lhs = m.run({ samples, sampling: 'latinHypercube' }).summary('shells').meanStandardError;
    const sobol = m.run({ samples, sampling: 'sobol' }).summary('shells').meanStandardError;
    // Measured: LHS about 7x, Sobol points about 100x smaller standard errors (docs/performance.md).
    expect(lhs).toBeLessThan(random / 3);
    expect(sobol).toBeLessThan(random / 20);
  });

  it.each(
    DESIGNS.flatMap((sampling) => [
      [sampling, 'all'],
      [sampling, 'none'],
    ]) as [Sampling, 'all' | 'none'][],
  )(
    '%s, keep: %s: 95% intervals of the mean, quantiles and probabilities cover the truth about 95% of the time',
    (sampling, keep) => {
      // x, w ~ N(0, 1), y = x + x²/4 and z = x + w: E[y] = 1/4, z ~ N(0, 2). Over 120
      // seeds the coverage count is binomial(120, 0.95): mean 114, sd 2.4; a too-narrow error estimate,
      // or the i.i.d. one (5-100x too wide here, so it would cover every time), falls outside 106-119
      // with probability below 0.5%. Unkept nodes read their groups' shares from sketches per group.
      const seeds = 120;
      let meanCovered = 0;
      let quantileCovered = 0;
      let probabilityCovered = 0;
      const p90 = Math.SQRT2 * normalQuantile(0.9);
      const p95 = Math.SQRT2 * normalQuantile(0.95);
      const meanErrors: number[] = [];
      const meanReported: number[] = [];
      const probabilityErrors: number[] = [];
      const probabilityReported: number[] = [];
      for (let seed = 0; seed < seeds; seed++) {
        const run = model({ seed })
          .input('x', normal(0, 1))
          .input('w', normal(0, 1))
          .derive('y', 'x + x^2 / 4')
          .derive('z', 'x + w')
          .run({
            samples: 16 * SEGMENT_LENGTH,
            sampling,
            keep,
            // Unkept: exact estimates (a sketch's 0.5% resolution can be coarser than a design's
            // error), errors from the sketches per group.
            ...(keep === 'none' ? { exactQuantiles: ['z'], thresholds: { z: [p90] } } : {}),
          });
        const y = run.summary('y');
        const t = sampling === 'sobol' ? 2.3646 : 2.0395;
        if (Math.abs(y.mean - 0.25) <= t * y.meanStandardError) meanCovered++;
        meanErrors.push(y.mean - 0.25);
        meanReported.push(y.meanStandardError);
        const interval = run.summary('z').quantileIntervals.p95;
        if (interval.lower <= p95 && p95 <= interval.upper) quantileCovered++;
        const above = run.probabilityInterval('z', '>', p90);
        if (above.lower <= 0.1 && 0.1 <= above.upper) probabilityCovered++;
        probabilityErrors.push(above.probability - 0.1);
        probabilityReported.push(above.standardError);
      }
      for (const covered of [meanCovered, quantileCovered, probabilityCovered]) {
        expect(covered).toBeGreaterThanOrEqual(106);
      }
      // Not too wide either: the reported standard errors match the actual errors' spread (over 120
      // seeds the RMS of the errors is known to about ±13%, so 0.7-1.4 leaves room for the estimate's own
      // spread with 7 or 31 degrees of freedom).
      for (const [errors, reported] of [
        [meanErrors, meanReported],
        [probabilityErrors, probabilityReported],
      ]) {
        const rms = (v: number[]) => Math.sqrt(v.reduce((a, x) => a + x * x, 0) / v.length);
        expect(rms(reported) / rms(errors)).toBeGreaterThan(0.7);
        expect(rms(reported) / rms(errors)).toBeLessThan(1.4);
      }
    },
    60_000,
  );

  it.each(DESIGNS)(
    '%s: convergence traces use the design’s errors, ending at the summary’s',
    (sampling) => {
      const run = shipments('trace').run({ samples: 40 * SEGMENT_LENGTH, sampling });
      const summary = run.summary('shells');
      const means = run.convergence('shells', { points: 12 });
      const last = means[means.length - 1];
      expect(last.samples).toBe(40 * SEGMENT_LENGTH);
      expect(last.estimate).toBeCloseTo(summary.mean, 6);
      expect(last.standardError / summary.meanStandardError).toBeCloseTo(1, 6);
      for (const point of means) expect(point.samples % SEGMENT_LENGTH).toBe(0);
      const p95 = run.convergence('shells', { statistic: 0.95, points: 5 });
      const end = p95[p95.length - 1];
      expect(end.estimate).toBe(summary.quantiles.p95);
      expect(end.lower).toBe(summary.quantileIntervals.p95.lower);
      expect(end.upper).toBe(summary.quantileIntervals.p95.upper);
    },
  );

  it.each(DESIGNS)(
    '%s: until stops on the design’s errors, sooner than random sampling, as a fixed run would',
    (sampling) => {
      // The mean of a value with a wide price: random sampling needs several checks of 65,536
      // samples; both designs cut the mean's variance enough to stop at the first. (Quantiles gain
      // less from a Latin hypercube: 1.5-3x in variance, not always a check sooner.)
      const m = shipments('until')
        .input('pricePerShellUsd', lognormal.ci(800, 3000))
        .derive('valueUsd', 'shells * pricePerShellUsd');
      const until = {
        nodes: ['valueUsd'] as 'valueUsd'[],
        mean: true,
        quantiles: [],
        relativeError: 0.002,
      };
      const random = m.run({ until });
      const designed = m.run({ until, sampling });
      expect(designed.precision?.converged).toBe(true);
      expect(designed.sampleCount).toBeLessThan(random.sampleCount);
      const last = designed.precision?.trace.at(-1);
      expect(last?.relativeError).toBeLessThanOrEqual(0.002);
      const fixed = m.run({ samples: designed.sampleCount, sampling });
      expect(designed.toJSON()).toEqual(fixed.toJSON());
    },
  );

  it('refuses what a design cannot do, with coded errors, before any work', () => {
    const m = shipments('refusals');
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof SalvoError ? error.code : String(error);
      }
      return 'no error';
    };
    expect(code(() => m.run({ samples: 10, sampling: 'halton' as Sampling }))).toBe(
      'INVALID_PARAMETER',
    );
    expect(
      code(() =>
        m.observe('containers', normal(6700, 100)).run({ samples: 10, sampling: 'latinHypercube' }),
      ),
    ).toBe('UNSUPPORTED');
    let wide = model({ seed: 1 });
    for (let i = 0; i < 300; i++) wide = wide.input(`x${i}`, uniform(0, 1)) as never;
    expect(code(() => wide.run({ samples: 10, sampling: 'sobol', keep: 'none' }))).toBe(
      'UNSUPPORTED',
    );
  });

  it('correlated inputs keep their rank correlation under a design', () => {
    for (const sampling of DESIGNS) {
      const run = model({ seed: 'correlated' })
        .input('a', normal(0, 1))
        .input('b', normal(0, 1))
        .correlate('a', 'b', 0.6)
        .run({ samples: 2 ** 15, sampling });
      const a = run.samples('a');
      const b = run.samples('b');
      let ab = 0;
      for (let i = 0; i < a.length; i++) ab += a[i] * b[i];
      expect(ab / a.length).toBeGreaterThan(0.55);
      expect(ab / a.length).toBeLessThan(0.65);
    }
  });
});
