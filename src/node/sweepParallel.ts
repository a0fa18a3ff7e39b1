/**
 * A sweep on worker threads: every point's run spread over the threads of `runParallel`, one point
 * after another — for sweeps whose points are each large enough to be worth the threads.
 * @module
 */
import type { Model } from '../model/model.js';
import type { RunOptions } from '../model/options.js';
import {
  prepareSweep,
  SWEEP_OPTION_NAMES,
  type Sweep,
  type SweepOptions,
  type SweepPoint,
} from '../model/sweep.js';
import { optionNames } from '../validate.js';
import { runParallel } from './parallel.js';
import type { WorkerPool } from './pool.js';

/**
 * Options of {@link sweepParallel}: the sweep's, and the threads' (as `runParallel` takes them).
 *
 * @example
 * ```ts
 * import type { ParallelSweepOptions } from 'salvo/node';
 * const options: ParallelSweepOptions<'rounds'> = { samples: 10_000_000, workers: 2 };
 * options.workers; // => 2
 * ```
 */
export interface ParallelSweepOptions<Names extends string> extends SweepOptions<Names> {
  /** Worker threads for each point's run (as `runParallel`'s `workers`). */
  readonly workers?: number;
  /** Threads kept between runs (as `runParallel`'s `pool`). */
  readonly pool?: WorkerPool;
  /** Stops the sweep: the running point's run rejects with the signal's reason, and no other starts. */
  readonly signal?: AbortSignal;
}

const PARALLEL_SWEEP_OPTION_NAMES = optionNames<ParallelSweepOptions<string>>()([
  ...SWEEP_OPTION_NAMES,
  'workers',
  'pool',
  'signal',
]);

/**
 * {@link sweep} with each point's run on worker threads (`runParallel`): the same rows, to the bit,
 * in less time when each point has millions of samples. The points' models must be able to run on
 * threads: models of expressions (a model with derive callbacks is refused by `runParallel`).
 * @param build - a point's model
 * @param points - the assumption sets (a list, or {@link grid}'s combinations)
 * @param options - samples per point, outputs, sampling, extra quantiles, and the threads
 * @returns a row per point
 * @throws {@link SalvoError} what {@link sweep} and `runParallel` throw
 * @example
 * ```ts
 * import { grid, lognormal, model, pert, sweep } from 'salvo';
 * import { sweepParallel } from 'salvo/node';
 * const shipments = (p: { roundsPerContainer: number }) =>
 *   model({ seed: 'sweep' })
 *     .input('containers', pert(5_500, 6_700, 8_000))
 *     .input('share', lognormal.ci(0.5, 0.9))
 *     .derive('rounds', `containers * share * ${p.roundsPerContainer}`);
 * const points = grid({ roundsPerContainer: [300, 600] });
 * const onThreads = await sweepParallel(shipments, points, { samples: 200_000, workers: 2 });
 * JSON.stringify(onThreads) === JSON.stringify(sweep(shipments, points, { samples: 200_000 })); // => true
 * ```
 */
export async function sweepParallel<P extends SweepPoint, Names extends string>(
  build: (point: P) => Model<Names>,
  points: readonly P[],
  options: ParallelSweepOptions<Names>,
): Promise<Sweep<P, Names>> {
  const prepared = prepareSweep(
    'sweepParallel',
    build,
    points,
    options,
    PARALLEL_SWEEP_OPTION_NAMES,
  );
  const threads = {
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.pool === undefined ? {} : { pool: options.pool }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const runs = [];
  for (const m of prepared.models) {
    const runOptions: RunOptions<Names> & { samples: number } = prepared.runOptions;
    runs.push(await runParallel(m, { ...runOptions, ...threads }));
  }
  return prepared.result(runs);
}
