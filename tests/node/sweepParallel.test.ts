import { describe, expect, it } from 'vitest';
import { beta, grid, model, pert, SalvoError, sweep } from '../../src/index.js';
import { sweepParallel } from '../../src/node/sweepParallel.js';
import { expectSalvoError } from '../helpers/errors.js';

const rounds = (p: { roundsPerContainer: number; scenario: string }) =>
  model({ seed: 'sweep on threads' })
    .input('containers', pert(5000, p.scenario === 'surge' ? 8000 : 6700, 9000))
    .input('share', beta(8, 2))
    .derive('rounds', `containers * share * ${p.roundsPerContainer}`);

describe('sweepParallel', () => {
  it('gives the rows of sweep, to the bit, with each point on two threads', async () => {
    const points = grid({ roundsPerContainer: [300, 600], scenario: ['steady', 'surge'] });
    const options = {
      samples: 3_000_000,
      quantiles: [0.99],
      sampling: 'sobol',
      exactQuantiles: ['rounds'],
    } as const;
    const onThreads = await sweepParallel(rounds, points, { ...options, workers: 2 });
    const local = sweep(rounds, points, options);
    expect(local.rows[0].summaries.rounds?.quantileMethod).toBe('exact');
    expect(onThreads).toEqual(local);
  }, 120_000);

  it('refuses what sweep refuses, and unknown options, before any run', async () => {
    await expect(sweepParallel(rounds, [], { samples: 1000 })).rejects.toMatchObject({
      code: 'INVALID_PARAMETER',
      parameter: 'points',
    });
    await expect(
      sweepParallel(rounds, [{ roundsPerContainer: 1, scenario: 'x' }], {
        samples: 1000,
        keep: 'all',
      } as never),
    ).rejects.toMatchObject({ code: 'UNKNOWN_OPTION', parameter: 'options.keep' });
    expectSalvoError(() => sweep(rounds, [], { samples: 1000 }), { parameter: 'points' });
  });

  it('stops at an aborted signal with its reason', async () => {
    const controller = new AbortController();
    const reason = new Error('enough');
    controller.abort(reason);
    const error = await sweepParallel(rounds, [{ roundsPerContainer: 300, scenario: 'steady' }], {
      samples: 1_000_000,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(error === reason || error instanceof SalvoError).toBe(true);
    expect(error).toBe(reason);
  });
});
