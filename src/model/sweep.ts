/**
 * Sweeps: one model run over many assumption sets (a list, or the grid of every combination), giving a
 * table of summaries — "rounds per container from 300 to 600, under three delivery scenarios". Each
 * point's model comes from a builder; with the builder's seed fixed, every point draws from the same
 * streams (common random numbers), so differences between points are the assumptions', not noise's.
 * @module
 */
import { SalvoError } from '../errors.js';
import { optionNames, requireKnownOptions, requireObject, show } from '../validate.js';
import type { Sampling } from './design.js';
import { outputsOf } from './graph.js';
import type { Model } from './model.js';
import type { RunOptions } from './options.js';
import type { ModelRun, NodeSummary } from './result.js';

/**
 * One assumption set of a sweep: named numbers or labels.
 *
 * @example
 * ```ts
 * import type { SweepPoint } from 'salvo';
 * const point: SweepPoint = { roundsPerContainer: 450, scenario: 'surge' };
 * point.scenario; // => 'surge'
 * ```
 */
export type SweepPoint = Readonly<Record<string, number | string>>;

/**
 * Every combination of the given values, as a list of points (the first axis varies slowest, the
 * last fastest, as nested loops would).
 * @param axes - each axis's name and values
 * @returns the points, `Π (values per axis)` of them
 * @throws {@link SalvoError} `INVALID_PARAMETER` when there is no axis or an axis has no value
 * @example
 * ```ts
 * import { grid } from 'salvo';
 * grid({ roundsPerContainer: [300, 600], scenario: ['steady', 'surge'] });
 * // => [{ roundsPerContainer: 300, scenario: 'steady' }, { roundsPerContainer: 300, scenario: 'surge' },
 * //     { roundsPerContainer: 600, scenario: 'steady' }, { roundsPerContainer: 600, scenario: 'surge' }]
 * ```
 */
export function grid<const Axes extends Readonly<Record<string, readonly (number | string)[]>>>(
  axes: Axes,
): { readonly [K in keyof Axes]: Axes[K][number] }[] {
  requireObject('grid', 'axes', axes, 'an object such as { roundsPerContainer: [300, 600] }');
  const names = Object.keys(axes);
  if (names.length === 0) {
    throw new SalvoError('INVALID_PARAMETER', 'grid: axes must name at least one axis, got {}', {
      parameter: 'axes',
      value: axes,
    });
  }
  for (const name of names) {
    const values = axes[name];
    if (
      !Array.isArray(values) ||
      values.length === 0 ||
      values.some((v) => typeof v !== 'string' && !(typeof v === 'number' && !Number.isNaN(v)))
    ) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `grid: axis ${show(name)} must be a non-empty list of numbers or strings, got ${show(values)}`,
        { parameter: `axes.${name}`, value: values },
      );
    }
  }
  let points: Record<string, number | string>[] = [{}];
  for (const name of names) {
    points = points.flatMap((point) => axes[name].map((value) => ({ ...point, [name]: value })));
  }
  return points as { readonly [K in keyof Axes]: Axes[K][number] }[];
}

/**
 * Options of {@link sweep}.
 *
 * @example
 * ```ts
 * import type { SweepOptions } from 'salvo';
 * const options: SweepOptions<'shells'> = { samples: 100_000, outputs: ['shells'] };
 * options.outputs; // => ['shells']
 * ```
 */
export interface SweepOptions<Names extends string> {
  /** Samples per point. */
  readonly samples: number;
  /** The nodes summarised at every point: default the model's outputs (nodes no other node reads). */
  readonly outputs?: readonly Names[];
  /** How inputs are sampled at every point (as `model.run`'s `sampling`). */
  readonly sampling?: Sampling;
  /** Extra quantile levels of the summaries (as `model.run`'s `quantiles`). */
  readonly quantiles?: readonly number[];
  /**
   * Nodes whose summary quantiles are exact at every point (as `model.run`'s `exactQuantiles`: the
   * values near the quantiles are kept, the rest sketched); the others' come from the sketch.
   */
  readonly exactQuantiles?: readonly Names[];
}

/** The option names of {@link sweep} (runners of sweeps accept these and their own). */
export const SWEEP_OPTION_NAMES = optionNames<SweepOptions<string>>()([
  'samples',
  'outputs',
  'sampling',
  'quantiles',
  'exactQuantiles',
]);

/**
 * One point of a sweep and its outputs' summaries.
 *
 * @example
 * ```ts
 * import { constant, model, sweep, type SweepRow } from 'salvo';
 * const s = sweep((p: { k: number }) => model({ seed: 1 }).input('k', constant(p.k)).derive('y', 'k * 2'),
 *   [{ k: 1 }], { samples: 10 });
 * const row: SweepRow<{ k: number }, 'k' | 'y'> = s.rows[0];
 * row.summaries.y?.mean; // => 2
 * ```
 */
export interface SweepRow<P extends SweepPoint, Names extends string> {
  readonly point: P;
  readonly summaries: Readonly<Partial<Record<Names, NodeSummary>>>;
}

/**
 * The result of {@link sweep}: a row per point, in the points' order.
 *
 * @example
 * ```ts
 * import { model, normal, sweep } from 'salvo';
 * const s = sweep((p: { mu: number }) => model({ seed: 1 }).input('x', normal(p.mu, 1)).derive('y', 'x + 1'),
 *   [{ mu: 0 }, { mu: 10 }], { samples: 10_000 });
 * [s.outputs, s.rows.length]; // => [['y'], 2]
 * ```
 */
export interface Sweep<P extends SweepPoint, Names extends string> {
  /** The nodes summarised. */
  readonly outputs: readonly Names[];
  /** Samples per point. */
  readonly samples: number;
  readonly rows: readonly SweepRow<P, Names>[];
}

/**
 * Runs the model `build(point)` at every point (keeping no samples) and summarises its outputs: a
 * table of assumptions against results. Fix the seed inside `build` so that every point draws from the
 * same random streams (common random numbers): then the rows differ only by their assumptions.
 * @param build - a point's model
 * @param points - the assumption sets (a list, or {@link grid}'s combinations)
 * @param options - samples per point, outputs, sampling, extra quantiles
 * @returns a row per point
 * @throws {@link SalvoError} `INVALID_PARAMETER` for no points, a builder that does not return a
 *   model, or an output a point's model lacks; `EMPTY_DATA` when an output has no finite value at a
 *   point; what `model.run` throws for its options
 * @example
 * ```ts
 * import { grid, lognormal, model, pert, sweep } from 'salvo';
 * const shipments = (p: { roundsPerContainer: number }) =>
 *   model({ seed: 'sweep' })
 *     .input('containers', pert(5_500, 6_700, 8_000))
 *     .input('share', lognormal.ci(0.5, 0.9))
 *     .derive('rounds', `containers * share * ${p.roundsPerContainer}`);
 * const s = sweep(shipments, grid({ roundsPerContainer: [300, 600] }), { samples: 50_000 });
 * s.rows.map((r) => Math.round(r.summaries.rounds?.quantiles.p50 ?? 0));
 * // => [1352698, 2704675]: the same draws, twice the rounds
 * ```
 */
export function sweep<P extends SweepPoint, Names extends string>(
  build: (point: P) => Model<Names>,
  points: readonly P[],
  options: SweepOptions<Names>,
): Sweep<P, Names> {
  const prepared = prepareSweep('sweep', build, points, options, SWEEP_OPTION_NAMES);
  return prepared.result(prepared.models.map((m) => m.run(prepared.runOptions)));
}

/**
 * A sweep checked and its models built, ready to be run by any runner (the calling thread, worker
 * threads, a job queue): every point's model, the options of each point's run, and the table made
 * from the runs' results. Not exported by the package.
 */
export interface PreparedSweep<P extends SweepPoint, Names extends string> {
  readonly points: readonly P[];
  readonly models: readonly Model<Names>[];
  readonly outputs: readonly Names[];
  /** What each point runs: the samples, keeping nothing, the sampling, quantiles and exact ones asked. */
  readonly runOptions: RunOptions<Names> & { readonly samples: number };
  /** The sweep from the points' runs, in the points' order. */
  result(runs: readonly ModelRun<Names>[]): Sweep<P, Names>;
}

/**
 * Checks a sweep's builder, points and options (`known`: the option names the caller accepts, the
 * sweep's and its own) and builds every point's model; throws what {@link sweep} throws, before any
 * run.
 */
export function prepareSweep<P extends SweepPoint, Names extends string>(
  where: string,
  build: (point: P) => Model<Names>,
  points: readonly P[],
  options: SweepOptions<Names>,
  known: readonly string[],
): PreparedSweep<P, Names> {
  if (typeof build !== 'function') {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: build must be a function from a point to a model, got ${show(build)}`,
      { parameter: 'build', value: build },
    );
  }
  if (!Array.isArray(points) || points.length === 0) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: points must be a non-empty list of assumption sets (see grid), got ${show(points)}`,
      { parameter: 'points', value: points },
    );
  }
  requireObject(where, 'options', options, 'an object such as { samples: 100000 }');
  requireKnownOptions(where, 'options', options, known);
  let outputs: readonly Names[] | undefined = options.outputs;
  const models = points.map((point, i) => {
    const m = build(point);
    if (typeof m !== 'object' || m === null || typeof (m as Model<Names>).run !== 'function') {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: build(points[${i}]) must return a model, got ${show(m)}`,
        { parameter: 'build', value: m },
      );
    }
    outputs ??= outputsOf(m.nodes) as Names[];
    const names = m.nodes.map((n) => n.name);
    const missing = outputs.filter((name) => !names.includes(name));
    if (missing.length > 0) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: the model of points[${i}] has no node ${missing.map(show).join(', ')} (nodes: ${names.join(', ')})`,
        { parameter: 'outputs', value: missing },
      );
    }
    return m;
  });
  const chosen = outputs ?? [];
  const runOptions = {
    samples: options.samples,
    keep: 'none' as const,
    ...(options.sampling === undefined ? {} : { sampling: options.sampling }),
    ...(options.quantiles === undefined ? {} : { quantiles: options.quantiles }),
    ...(options.exactQuantiles === undefined ? {} : { exactQuantiles: options.exactQuantiles }),
  };
  return {
    points,
    models,
    outputs: chosen,
    runOptions,
    result: (runs) => ({
      outputs: chosen,
      samples: options.samples,
      rows: runs.map((run, i) => {
        const summaries: Partial<Record<Names, NodeSummary>> = {};
        for (const name of chosen) summaries[name] = run.summary(name);
        return { point: points[i], summaries };
      }),
    }),
  };
}

/** Throws `INVALID_PARAMETER` unless `output` is one of the sweep's outputs (for its table and chart). */
export function requireSweepOutput(
  where: string,
  s: Sweep<SweepPoint, string>,
  output: string,
): void {
  if (
    typeof s !== 'object' ||
    s === null ||
    !Array.isArray(s.rows) ||
    !s.outputs.includes(output)
  ) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: output must be one of the sweep's outputs (${Array.isArray(s?.outputs) ? s.outputs.join(', ') : 'none'}), got ${show(output)}`,
      { parameter: 'output', value: output },
    );
  }
}
