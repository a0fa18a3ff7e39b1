import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { model as coreModel } from '../../src/core.js';
import { lognormal, type Model, model, pert, type Sampling } from '../../src/index.js';
import { modelFingerprint } from '../../src/model/fingerprint.js';
import { runParallel } from '../../src/node/index.js';
import { expectSalvoError } from '../helpers/errors.js';

/** The README's estimate in one expression: the ranges written inline, as Squiggle writes them. */
const inline = model({ seed: 'inline' })
  .input('containers', pert(5_500, 6_700, 8_000))
  .derive('shells', 'containers * (380 to 600) * beta(7, 3)')
  .derive('valueUsd', 'shells * lognormal.ci(800, 3000)') as Model<string>;

describe('inline distributions in expressions', () => {
  it('become inputs named after their node and the call as written, declared before the node', () => {
    expect(inline.names).toEqual([
      'containers',
      'shells: 380 to 600',
      'shells: beta(7, 3)',
      'shells',
      'valueUsd: lognormal.ci(800, 3000)',
      'valueUsd',
    ]);
    const run = inline.run({ samples: 200_000 });
    // They are ordinary inputs: summaries, and sensitivity that names them.
    // lognormal.ci(380, 600): 5% and 95% at 380 and 600; the sample quantiles of 200,000 draws have
    // standard errors of about 0.25 and 0.4 (√(p(1 − p)/n) over the density there): 8 of them allowed.
    expect(Math.abs(run.quantile('shells: 380 to 600', 0.05) - 380)).toBeLessThan(2);
    expect(Math.abs(run.quantile('shells: 380 to 600', 0.95) - 600)).toBeLessThan(3);
    expect(lognormal.ci(380, 600).quantile(0.05)).toBeCloseTo(380, 9);
    const share = run.summary('shells: beta(7, 3)');
    // beta(7, 3): mean 0.7, sd √(0.7 · 0.3 / 11); within 4 standard errors of the mean.
    const sd = Math.sqrt((0.7 * 0.3) / 11);
    expect(Math.abs(share.mean - 0.7)).toBeLessThan((4 * sd) / Math.sqrt(200_000));
    expect(
      run
        .sensitivity('shells')
        .inputs.map((i) => i.input)
        .sort(),
    ).toEqual(['containers', 'shells: 380 to 600', 'shells: beta(7, 3)']);
  });

  it('keep number suffixes in their names as typed (mathjs would print 2.7M as 2.7e+6)', () => {
    const m = model({ seed: 1 }).derive(
      'people',
      'normal(2.7M, 0.1M) + (1.5k to 2k) * 0 + 1e6 * 0',
    );
    expect(m.names).toEqual(['people: normal(2.7M, 0.1M)', 'people: 1.5k to 2k', 'people']);
    // A number typed without a suffix keeps mathjs's way of printing it.
    expect(model({ seed: 1 }).derive('people', 'normal(2700000, 100000)').names[0]).toBe(
      'people: normal(2.7e+6, 1e+5)',
    );
  });

  it('are independent of each other and of every input, even when written alike', () => {
    const m = model({ seed: 'twins' })
      .input('x', pert(0, 1, 2))
      .derive('d', 'normal(0, 1) - normal(0, 1)') as Model<string>;
    expect(m.names).toEqual(['x', 'd: normal(0, 1)', 'd: normal(0, 1) #2', 'd']);
    const n = 200_000;
    const variance = m.run({ samples: n }).summary('d').sd ** 2;
    // Var(N1 − N2) = 2 when independent (0 if they shared a stream); the sample variance's standard
    // error is about 2·√(2 / n).
    expect(Math.abs(variance - 2)).toBeLessThan(5 * 2 * Math.sqrt(2 / n));
  });

  it('are reproducible, and the same whatever the block size, sampling or threads', async () => {
    const rebuilt = model({ seed: 'inline' })
      .input('containers', pert(5_500, 6_700, 8_000))
      .derive('shells', 'containers * (380 to 600) * beta(7, 3)')
      .derive('valueUsd', 'shells * lognormal.ci(800, 3000)') as Model<string>;
    expect(modelFingerprint(rebuilt)).toBe(modelFingerprint(inline));
    const samples = 70_001;
    for (const sampling of ['random', 'sobol'] as Sampling[]) {
      const whole = inline.run({ samples, sampling });
      expect(rebuilt.run({ samples, sampling }).samples('shells')).toEqual(whole.samples('shells'));
      fc.assert(
        fc.property(fc.constantFrom(4_096, 8_192, 65_536, 131_072), (blockSize) => {
          const blocked = inline.run({ samples, sampling, blockSize });
          expect(blocked.toJSON()).toEqual(whole.toJSON());
        }),
        { numRuns: 3 },
      );
      const threads = await runParallel(inline, {
        samples,
        sampling,
        workers: 2,
        mainThread: false,
      });
      expect(threads.samples('shells: 380 to 600')).toEqual(whole.samples('shells: 380 to 600'));
      expect(threads.toJSON()).toEqual(whole.toJSON());
    }
  }, 120_000);

  it('take constant expressions as arguments; another parameter is another model', () => {
    const m = model({ seed: 1 }).derive(
      'c',
      '5000 + 3000 * beta(1 + 4 * 1700 / 3000, 1 + 4 * 1300 / 3000)',
    );
    expect(m.names[0]).toBe('c: beta(1 + 4 * 1700 / 3000, 1 + 4 * 1300 / 3000)');
    const other = model({ seed: 1 }).derive('c', '5000 + 3000 * beta(2, 2)');
    expect(modelFingerprint(other)).not.toBe(modelFingerprint(m));
  });

  it("refuse what they cannot be, with ci's own error for a range that is not positive", () => {
    const base = model({ seed: 1 }).input('containers', pert(5_500, 6_700, 8_000));
    expectSalvoError(() => base.derive('z', 'containers * (0 to 10)'), {
      parameter: 'lo',
      messageNamesParameter: false,
      messageIncludes: ['ci(lo, hi) means lognormal.ci', 'normal.ci(0, 10)'],
    });
    const refused = (text: string, includes: string | string[]) =>
      expectSalvoError(() => base.derive('z', text), {
        parameter: 'expression',
        messageNamesParameter: false,
        messageIncludes: includes,
      });
    refused('containers * 380 to 600', 'in parentheses where the range is multiplied');
    refused('beta(7)', 'beta takes 2 numbers, got 1');
    refused('gamma(1, 2, 3)', 'gamma takes 1 or 2 numbers, got 3');
    refused('beta(containers, 2)', 'must be numbers');
    refused('categorical(1, 2)', ['unsupported function "categorical"', 'distributions: normal']);
    // salvo/core reads no expression text at all.
    expectSalvoError(() => coreModel({ seed: 1 }).derive('z', 'beta(7, 3)'), {
      code: 'UNSUPPORTED',
      parameter: 'expression',
      messageNamesParameter: false,
    });
  });
});
