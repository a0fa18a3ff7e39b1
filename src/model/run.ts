/**
 * Block evaluation of a model and the results of a run.
 * @module
 */
import { SalvoError } from '../errors.js';
import type { IntervalText } from '../report/format.js';
import { seedWords } from '../rng/seed.js';
import { nonFiniteCount } from '../samples/extremes.js';
import {
  type Histogram,
  type HistogramOptions,
  histogram,
  histogramCounts,
  histogramEdges,
} from '../samples/histogram.js';
import { type ComparisonOp, probability, requireOp } from '../samples/probability.js';
import { quantiles, quantilesInRange } from '../samples/quantiles.js';
import { percentileKey, type QuantileTable, type SampleSummary } from '../samples/summarize.js';
import { requireComparable } from '../samples/values.js';
import {
  WEIGHTED_STATS,
  WeightedAccumulator,
  type WeightedOrder,
  weightedOrder,
  weightedQuantileOf,
  weightedSegmentStats,
  weightedShare,
} from '../samples/weighted.js';
import { QuantileSketch } from '../sketch/sketch.js';
import { show } from '../validate.js';
import {
  Accumulator,
  accumulatorOf,
  atKnownLevels,
  BlockEvaluator,
  combineSinks,
  createStates,
  evaluateTask,
  exactQuestions,
  foldTask,
  knownQuantiles,
  type NodeState,
  planExact,
  planRun,
  type RunPlan,
  SEGMENT_STATS,
  sinksOf,
  sketchOf,
  trimStates,
} from './engine.js';
import type { ExactTracker } from './exact.js';
import { type Model, type NodeSpec, type Observation, SEGMENT_LENGTH } from './model.js';
import {
  CHECK_INTERVAL,
  type ConvergencePoint,
  type Interval,
  NO_INTERVAL,
  type ProbabilityEstimate,
  quantileInterval,
  quantileIntervalLevels,
  type RunPrecision,
  summaryLevels,
  UNTIL_SKETCH_ACCURACY,
  type UntilOptions,
  wilson,
  Z95,
} from './precision.js';
import { computeSensitivity, type Sensitivity, type SensitivityOptions } from './sensitivity.js';

/**
 * Options of {@link Model.run}.
 *
 * @example
 * ```ts
 * import { model, normal, type RunOptions } from 'salvo';
 * const options: RunOptions<'x'> = { samples: 100_000, blockSize: 16_384, keep: 'none', quantiles: [0.99] };
 * model({ seed: 1 }).input('x', normal(0, 1)).run(options).summary('x').quantileMethod; // => 'sketch'
 * ```
 */
export interface RunOptions<Names extends string> {
  /** Number of samples, a positive integer. Required unless `until` is given. */
  readonly samples?: number;
  /**
   * Draw until a precision is reached instead of a fixed count (Crystal Ball's "precision control"):
   * the run checks every 65,536 samples ({@link CHECK_INTERVAL}) whether the 95% interval of each
   * listed quantile (and the mean, if asked) of each listed node is within `relativeError` of its
   * estimate, and stops at the first check where all are — or at `maxSamples`. The same seed stops at
   * the same count, whatever the block size. `run.precision` says how it ended and holds the trace.
   * Kept arrays are allocated for `maxSamples` (the memory budget counts that) and cut to the count
   * drawn. Not available with `runParallel`.
   */
  readonly until?: UntilOptions<Names>;
  /**
   * Samples evaluated at a time: a positive multiple of 4,096 (the segment length). Default 65,536.
   * Memory for unkept nodes is proportional to it; results do not depend on it.
   */
  readonly blockSize?: number;
  /**
   * Which nodes keep all their samples (`samples(name)`, and exact quantiles, probabilities and
   * histograms): `'all'` (default), `'none'`, or a list of names. Unkept nodes are summarised per
   * segment — moments exactly; quantiles, probabilities and histograms by a {@link QuantileSketch}
   * with 0.5% relative accuracy — and their samples dropped. An unkept *input* is not even sketched
   * during the run: its samples are a function of the seed, so its sketch is made on first request by
   * drawing it again (one more draw and one sketch pass over the input; the same sketch the run would
   * have built).
   */
  readonly keep?: 'all' | 'none' | readonly Names[];
  /** Extra quantile levels to report in summaries, besides 0.05, 0.25, 0.5, 0.75 and 0.95. */
  readonly quantiles?: readonly number[];
  /**
   * Unkept nodes whose summaries still report exact quantiles — the same values, to the last bit, as
   * if the node had been kept — without holding their samples. Exact are the summary's levels: the
   * defaults, those in `quantiles`, and the ends of their intervals; so `summary(name)`,
   * `quantile(name, p)` at those levels and `interval(name)` (0.05, 0.5, 0.95). Other levels come
   * from the node's sketch; `summary(name).quantileMethod` says which the summary got.
   *
   * How: a pilot (the run's first 1/64, at least 131,072 and at most 4,194,304 samples, evaluated
   * once more before the run) says roughly where each level lies. During the run, every value is
   * counted in one of up to 65,536 buckets of its bits, and the values in a window of seven standard
   * errors (of the pilot's estimate) around each level are stored — on the reference workload, 6.6%
   * of the samples for the default levels at 1e7 samples and 1.3% at 1e9; counted against
   * `memoryBudgetBytes`. At the end, the counts say which buckets hold the wanted order statistics,
   * and selection among their values finishes; the stored values are then let go. Should a level's
   * rank fall outside its window (a seven-standard-error miss of the pilot: about 3 in 10¹² per
   * window by the normal approximation, a derivation that no test can show) or a window overflow its
   * room, the node's summary falls back to the sketch; which happens depends on the seed, the model
   * and the sample count only, never on the block size or the threads. Kept nodes are exact anyway
   * and are ignored here.
   * Not available with `until` or `.observe`.
   */
  readonly exactQuantiles?: readonly Names[];
  /**
   * Per unkept node, values whose comparisons `probability(name, op, threshold)` answers exactly: the
   * run counts the finite samples below and equal to each (one pass over each block per threshold).
   * Other thresholds come from the node's sketch. Kept nodes are exact anyway and are ignored here.
   * Not available with `until` or `.observe`.
   */
  readonly thresholds?: { readonly [N in Names]?: readonly number[] };
  /**
   * With `.observe`: below this effective sample size the run adds a `LOW_EFFECTIVE_SAMPLE_SIZE`
   * warning to `run.warnings` (default 1,000); with `onLowEffectiveSampleSize: 'throw'` it throws
   * instead.
   */
  readonly minEffectiveSampleSize?: number;
  /** What a run with `.observe` does when its effective sample size is too low: `'warn'` (default) or `'throw'`. */
  readonly onLowEffectiveSampleSize?: 'warn' | 'throw';
  /** Refuse a run whose kept samples would exceed this many bytes (default 1 GiB). */
  readonly memoryBudgetBytes?: number;
  /** Checked between blocks: an aborted signal stops the run with its reason. */
  readonly signal?: AbortSignal;
  /** Called with (samples done, total) after a block, at most every ~100 ms, and once at the end. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * A node's summary: moments over its finite samples, quantiles, and how the quantiles were obtained.
 *
 * @example
 * ```ts
 * import { model, uniform } from 'salvo';
 * const s = model({ seed: 1 }).input('u', uniform(0, 1)).run({ samples: 100_000 }).summary('u');
 * [s.n, s.nonFinite, s.quantileMethod]; // => [100000, 0, 'exact']
 * s.quantiles.p50;                      // => about 0.5
 * ```
 */
export interface NodeSummary extends SampleSummary {
  /**
   * `'exact'`: from kept samples — type 7 (as numpy's default), or in a run with evidence the inverted
   * weighted CDF — or, for a node named in the run's `exactQuantiles`, the same type-7 values found
   * without keeping it; `'sketch'`: from the node's quantile sketch (relative error ≤ 0.5%).
   */
  readonly quantileMethod: 'exact' | 'sketch';
  /**
   * Samples the summary is worth: the finite samples, or with `.observe` Kish's (Σw)² / Σw² over
   * them — what standard errors and intervals use as n.
   */
  readonly effectiveSampleSize: number;
  /** Standard error of the mean, sd / √n (n: the effective sample size). */
  readonly meanStandardError: number;
  /**
   * For each quantile in `quantiles` (same keys), its 95% distribution-free interval (order
   * statistics at ranks n·p ∓ 1.96·√(n·p·(1 − p))) and standard error; NaN when fewer than 5 samples
   * are expected beyond the quantile.
   */
  readonly quantileIntervals: Readonly<Record<string, Interval>>;
}

/** @internal */
export function runModel<Names extends string>(
  m: Model<Names>,
  options: RunOptions<Names>,
): ModelRun<Names> {
  const plan = planRun(m as Model<string>, options, 'model.run');
  if (m.observations.length > 0) return runWeighted(m, plan, options);
  const root = seedWords(m.seed);
  const exact = planExact(m as Model<string>, plan, 'model.run');
  const states = createStates(m as Model<string>, plan, undefined, exact);
  const evaluator = new BlockEvaluator(
    m.nodes,
    root,
    plan.block,
    states.map((s) => s.kept),
    plan.correlations,
  );
  // One task per block, folded at once: the same evaluation and folding as runParallel's, with one
  // statistics buffer reused for every block.
  const until = plan.until;
  const targets =
    until === undefined ? [] : until.nodes.map((name) => m.nodes.findIndex((n) => n.name === name));
  const untilSketches = targets.map(
    () => new QuantileSketch({ relativeAccuracy: UNTIL_SKETCH_ACCURACY }),
  );
  const sketches = sinksOf(states);
  targets.forEach((j, t) => {
    sketches[j] = combineSinks(sketches[j], untilSketches[t]);
  });
  const folded = states.map((s) => s.accumulator !== undefined);
  const stats = new Float64Array(states.length * (plan.block / SEGMENT_LENGTH) * SEGMENT_STATS);
  const trace: ConvergencePoint[] = [];
  let count = plan.total;
  let converged = false;
  let lastProgress = Date.now();
  for (let first = 0; first < plan.total; first += plan.block) {
    plan.signal?.throwIfAborted();
    const blockLength = Math.min(plan.block, plan.total - first);
    evaluateTask(evaluator, plan.block, folded, first, blockLength, sketches, stats);
    foldTask(states, stats, blockLength);
    const done = first + blockLength;
    if (
      plan.onProgress !== undefined &&
      (Date.now() - lastProgress >= 100 || done === plan.total)
    ) {
      lastProgress = Date.now();
      plan.onProgress(done, plan.total);
    }
    if (until !== undefined && (done % CHECK_INTERVAL === 0 || done === plan.total)) {
      let met = true;
      targets.forEach((j, t) => {
        const node = m.nodes[j].name;
        const a = states[j].accumulator as Accumulator; // folded during the run: a target
        const sketch = untilSketches[t];
        if (until.mean) {
          const sd = a.count > 1 ? Math.sqrt(a.m2 / (a.count - 1)) : Number.NaN;
          const standardError = sd / Math.sqrt(a.count);
          const relativeError = (Z95 * standardError) / Math.abs(a.mean);
          trace.push({
            samples: done,
            node,
            statistic: 'mean',
            estimate: a.mean,
            lower: a.mean - Z95 * standardError,
            upper: a.mean + Z95 * standardError,
            standardError,
            relativeError,
          });
          if (!(relativeError <= until.relativeError)) met = false;
        }
        for (const p of until.quantiles) {
          const levels = sketch.count > 0 ? quantileIntervalLevels(p, sketch.count) : undefined;
          const estimate = sketch.count > 0 ? sketch.quantile(p) : Number.NaN;
          const interval =
            levels === undefined
              ? NO_INTERVAL
              : quantileInterval(sketch.quantile(levels[0]), sketch.quantile(levels[1]));
          const relativeError = (interval.upper - interval.lower) / 2 / Math.abs(estimate);
          trace.push({ samples: done, node, statistic: p, estimate, ...interval, relativeError });
          if (!(relativeError <= until.relativeError)) met = false;
        }
      });
      if (met && done >= until.minSamples) {
        count = done;
        converged = true;
        break;
      }
    }
  }
  if (until === undefined) {
    // Exact quantiles of unkept nodes: found now, from the windows, which are then let go.
    for (const question of exactQuestions(states, plan.probabilities)) {
      const tracker = states[question.node].exact as ExactTracker;
      question.answer([tracker.collect(question.buckets)]);
    }
    for (const state of states) state.exact?.release();
    return new ModelRun<Names>(m.seed, plan.total, states, plan.probabilities, m.nodes);
  }
  if (count < plan.total) plan.onProgress?.(count, count);
  const precision: RunPrecision = {
    converged,
    samples: count,
    relativeError: until.relativeError,
    nodes: until.nodes,
    trace,
  };
  return new ModelRun<Names>(
    m.seed,
    count,
    count < plan.total ? trimStates(m as Model<string>, states, count) : states,
    plan.probabilities,
    m.nodes,
    precision,
  );
}

/** Quantiles as read by a run, with how they were obtained. */
interface QuantileRead {
  readonly values: number[];
  readonly method: 'exact' | 'sketch';
}

/**
 * A note attached to a run's results (`run.warnings`).
 *
 * @example
 * ```ts
 * import { model, normal } from 'salvo';
 * const run = model({ seed: 1 })
 *   .input('x', normal(0, 1))
 *   .observe('x', normal(3.5, 0.2)) // evidence far in the prior's tail
 *   .run({ samples: 10_000 });
 * run.warnings[0]?.code; // => 'LOW_EFFECTIVE_SAMPLE_SIZE'
 * ```
 */
export interface RunWarning {
  /** Stable code: `LOW_EFFECTIVE_SAMPLE_SIZE`. */
  readonly code: 'LOW_EFFECTIVE_SAMPLE_SIZE';
  /** A sentence for people. */
  readonly message: string;
}

/** @internal What a weighted run holds beside its states. */
export interface Weighting {
  /** Every sample's weight, when some node is kept. */
  readonly weights: Float64Array | undefined;
  readonly effectiveSampleSize: number;
  readonly accumulators: ReadonlyMap<string, WeightedAccumulator>;
  /** The observations behind the weights (sensitivity re-weighs when an input is held). */
  readonly observations: readonly Observation[];
}

/** A run with observations: every node's statistics weighted by the product of the likelihoods. */
function runWeighted<Names extends string>(
  m: Model<Names>,
  plan: RunPlan,
  options: RunOptions<Names>,
): ModelRun<Names> {
  const where = 'model.run';
  if (plan.until !== undefined) {
    throw new SalvoError(
      'UNSUPPORTED',
      `${where}: until cannot yet be combined with .observe; give samples`,
      { parameter: 'until', value: options.until },
    );
  }
  if (plan.exactQuantiles.size > 0 || plan.thresholds.size > 0) {
    throw new SalvoError(
      'UNSUPPORTED',
      `${where}: exactQuantiles and thresholds cannot yet be combined with .observe; keep the nodes instead`,
      {
        parameter: plan.exactQuantiles.size > 0 ? 'exactQuantiles' : 'thresholds',
        value: [...plan.exactQuantiles, ...plan.thresholds.keys()],
      },
    );
  }
  const threshold = options.minEffectiveSampleSize ?? 1_000;
  if (typeof threshold !== 'number' || !(threshold >= 0)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: minEffectiveSampleSize must be a non-negative number, got ${show(threshold)}`,
      { parameter: 'minEffectiveSampleSize', value: threshold },
    );
  }
  const onLow = options.onLowEffectiveSampleSize ?? 'warn';
  if (onLow !== 'warn' && onLow !== 'throw') {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: onLowEffectiveSampleSize must be 'warn' or 'throw', got ${show(onLow)}`,
      { parameter: 'onLowEffectiveSampleSize', value: onLow },
    );
  }
  const nodes = m.nodes;
  const root = seedWords(m.seed);
  const kept = nodes.map((node) =>
    plan.keptNames.has(node.name) ? new Float64Array(plan.total) : undefined,
  );
  const allWeights = plan.keptNames.size > 0 ? new Float64Array(plan.total) : undefined;
  const blockWeights = new Float64Array(plan.block);
  const sketches = kept.map((k) => (k === undefined ? new QuantileSketch() : undefined));
  const accumulators = nodes.map(() => new WeightedAccumulator());
  const evaluator = new BlockEvaluator(nodes, root, plan.block, kept, plan.correlations);
  const observed = m.observations.map((o) => ({
    name: o.name,
    index: nodes.findIndex((n) => n.name === o.name),
    likelihood: o.likelihood,
  }));
  const values: Float64Array[] = [];
  const stats = new Float64Array(WEIGHTED_STATS);
  let sumW = 0;
  let sumW2 = 0;
  let lastProgress = Date.now();
  for (let first = 0; first < plan.total; first += plan.block) {
    plan.signal?.throwIfAborted();
    const length = Math.min(plan.block, plan.total - first);
    evaluator.evaluate(first, length, (j, v) => {
      values[j] = v;
    });
    const w =
      allWeights !== undefined
        ? allWeights.subarray(first, first + length)
        : blockWeights.subarray(0, length);
    w.fill(1);
    for (const o of observed) {
      const x = values[o.index];
      for (let i = 0; i < length; i++) {
        const xi = x[i];
        if (xi - xi !== 0) {
          w[i] = 0; // a non-finite value cannot be weighed against evidence
          continue;
        }
        const l = o.likelihood(xi);
        if (typeof l !== 'number' || !(l >= 0) || l === Number.POSITIVE_INFINITY) {
          throw new SalvoError(
            'INVALID_PARAMETER',
            `${where}: the likelihood observed on ${show(o.name)} must return a finite number >= 0, got ${show(l)} for the value ${xi}`,
            { parameter: o.name, value: l },
          );
        }
        w[i] *= l;
      }
    }
    for (let i = 0; i < length; i++) {
      sumW += w[i];
      sumW2 += w[i] * w[i];
    }
    for (let j = 0; j < nodes.length; j++) {
      for (let s = 0; s < length; s += SEGMENT_LENGTH) {
        weightedSegmentStats(values[j], w, s, Math.min(s + SEGMENT_LENGTH, length), stats, 0);
        accumulators[j].combine(stats, 0);
      }
      sketches[j]?.addWeighted(values[j], w, 0, length);
    }
    const done = first + length;
    if (
      plan.onProgress !== undefined &&
      (Date.now() - lastProgress >= 100 || done === plan.total)
    ) {
      lastProgress = Date.now();
      plan.onProgress(done, plan.total);
    }
  }
  const names = observed.map((o) => o.name).join(', ');
  if (!(sumW > 0)) {
    throw new SalvoError(
      'EMPTY_DATA',
      `${where}: every sample has weight 0 — the evidence observed on ${names} is impossible under the model, or so improbable that every likelihood underflows; widen the inputs or the observation, or check that they describe the same quantity`,
      { parameter: 'observe', value: names },
    );
  }
  const effectiveSampleSize = (sumW * sumW) / sumW2;
  const warnings: RunWarning[] = [];
  if (effectiveSampleSize < threshold) {
    const message = `the evidence observed on ${names} leaves an effective sample size of ${Math.round(effectiveSampleSize).toLocaleString('en-US')} of ${plan.total.toLocaleString('en-US')} samples (below ${threshold.toLocaleString('en-US')}): the observations sit far in the tails of the model's prior, so the weighted results rest on few samples; draw more samples, widen the priors, or check that the evidence and the model agree`;
    if (onLow === 'throw') {
      throw new SalvoError('INVALID_PARAMETER', `${where}: ${message}`, {
        parameter: 'minEffectiveSampleSize',
        value: effectiveSampleSize,
      });
    }
    warnings.push({ code: 'LOW_EFFECTIVE_SAMPLE_SIZE', message });
  }
  const states: NodeState[] = nodes.map((node, j) => ({
    name: node.name,
    kept: kept[j],
    // Unused: a weighted run's moments are in `weighting.accumulators`, which every result reads.
    accumulator: new Accumulator(),
    sketch: sketches[j],
    redrawn: undefined,
    exact: undefined,
  }));
  const weighting: Weighting = {
    weights: allWeights,
    effectiveSampleSize,
    accumulators: new Map(nodes.map((node, j) => [node.name, accumulators[j]])),
    observations: m.observations,
  };
  return new ModelRun<Names>(
    m.seed,
    plan.total,
    states,
    plan.probabilities,
    nodes,
    undefined,
    weighting,
    warnings,
  );
}

/**
 * The results of {@link Model.run}: summaries of every node, and exact quantiles, probabilities,
 * histograms and samples for the nodes that were kept.
 *
 * @example
 * ```ts
 * import { model, normal } from 'salvo';
 * const run = model({ seed: 1 }).input('x', normal(0, 1)).run({ samples: 100_000 });
 * run.probability('x', '>', 1.96); // => about 0.025
 * run.samples('x').length;         // => 100000
 * ```
 */
export class ModelRun<Names extends string> {
  /** The seed the run used. */
  readonly seed: number | string;
  /** Number of samples per node. */
  readonly sampleCount: number;
  /**
   * Every node's name, in declaration order.
   * @example
   * ```ts
   * import { model, normal } from 'salvo';
   * model({ seed: 1 }).input('x', normal(0, 1)).derive('y', 'x * 2').run({ samples: 10 }).nodeNames;
   * // => ['x', 'y']
   * ```
   */
  readonly nodeNames: readonly Names[];
  private readonly states: Map<string, NodeState>;
  private readonly probabilities: readonly number[];
  private readonly nodes: readonly NodeSpec[];
  /** How a run with `until` ended (samples drawn, whether the target was met, the trace); else undefined. */
  readonly precision: RunPrecision | undefined;

  /** Whether the run is weighted by observations (`.observe`). */
  readonly weighted: boolean;
  /**
   * Samples the run is worth: `sampleCount`, or with `.observe` Kish's (Σw)² / Σw² over all samples'
   * weights.
   */
  readonly effectiveSampleSize: number;
  /** Warnings about the results, such as a low effective sample size after `.observe`. */
  readonly warnings: readonly RunWarning[];
  private readonly weighting: Weighting | undefined;
  private readonly orders = new Map<string, WeightedOrder>();

  /** @internal */
  constructor(
    seed: number | string,
    sampleCount: number,
    states: readonly NodeState[],
    probabilities: readonly number[],
    nodes: readonly NodeSpec[],
    precision?: RunPrecision,
    weighting?: Weighting,
    warnings: readonly RunWarning[] = [],
  ) {
    this.weighting = weighting;
    this.weighted = weighting !== undefined;
    this.effectiveSampleSize = weighting?.effectiveSampleSize ?? sampleCount;
    this.warnings = Object.freeze([...warnings]);
    this.seed = seed;
    this.sampleCount = sampleCount;
    this.states = new Map(states.map((s) => [s.name, s]));
    this.probabilities = probabilities;
    this.nodes = nodes;
    this.nodeNames = Object.freeze(nodes.map((n) => n.name as Names));
    this.precision = precision;
  }

  private state(where: string, name: unknown): NodeState {
    const state = this.states.get(name as string);
    if (state === undefined) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: no node named ${show(name)} (nodes: ${[...this.states.keys()].join(', ')})`,
        { parameter: 'name', value: name },
      );
    }
    return state;
  }

  private requireUnweighted(where: string): void {
    if (this.weighting !== undefined) {
      throw new SalvoError(
        'UNSUPPORTED',
        `${where}: not yet available for a run weighted by .observe (the weights are in run.weights())`,
        { parameter: 'observe', value: this.weighting.effectiveSampleSize },
      );
    }
  }

  private kept(where: string, name: unknown): Float64Array {
    const state = this.state(where, name);
    if (state.kept === undefined) {
      throw new SalvoError(
        'NOT_KEPT',
        `${where}: node ${show(name)} was summarised, not kept; run with keep: 'all' or a keep list that includes it`,
        { parameter: 'name', value: name },
      );
    }
    return state.kept;
  }

  /**
   * Summary of one node: moments of its finite samples, the standard and requested quantiles, and
   * the number of non-finite samples (a division by zero in a derive callback shows up here, never
   * averaged into the mean).
   * @param name - a node name
   * @returns the summary
   * @throws {@link SalvoError} `INVALID_PARAMETER` for an unknown name; `EMPTY_DATA` when no sample is finite
   * @example
   * ```ts
   * import { model, uniform } from 'salvo';
   * const run = model({ seed: 1 }).input('u', uniform(0, 1)).run({ samples: 100_000 });
   * run.summary('u').quantileMethod; // => 'exact'
   * ```
   */
  summary(name: Names): NodeSummary {
    const state = this.state('summary', name);
    if (this.weighting !== undefined) return this.weightedSummary(name, state);
    const a = accumulatorOf(state);
    if (a.count === 0) {
      throw new SalvoError(
        'EMPTY_DATA',
        `summary: node ${show(name)} has no finite sample (${a.nonFinite} non-finite)`,
        {
          parameter: 'name',
          value: name,
        },
      );
    }
    const sd = a.count > 1 ? Math.sqrt(a.m2 / (a.count - 1)) : Number.NaN;
    return this.summaryFrom(a, sd, a.count, (ps) => this.readQuantiles(state, ps));
  }

  /**
   * A node's summary from its moments, its standard deviation and the (effective) sample count `n`
   * that standard errors and intervals use; every quantile level, with the ends of the intervals, is
   * read in one call of `read` (nearby levels share the work of finding them).
   */
  private summaryFrom(
    a: {
      readonly nonFinite: number;
      readonly mean: number;
      readonly min: number;
      readonly max: number;
    },
    sd: number,
    n: number,
    read: (ps: readonly number[]) => QuantileRead,
  ): NodeSummary {
    const levels = this.probabilities.map((p) => quantileIntervalLevels(p, n));
    const { values, method } = read(summaryLevels(this.probabilities, n));
    const table: Record<string, number> = {};
    const intervals: Record<string, Interval> = {};
    let next = this.probabilities.length;
    this.probabilities.forEach((p, i) => {
      const key = percentileKey(p);
      table[key] = values[i];
      if (levels[i] === undefined) intervals[key] = NO_INTERVAL;
      else {
        intervals[key] = quantileInterval(values[next], values[next + 1]);
        next += 2;
      }
    });
    return {
      n: this.sampleCount,
      nonFinite: a.nonFinite,
      mean: a.mean,
      sd,
      min: a.min,
      max: a.max,
      quantiles: table as QuantileTable,
      quantileMethod: method,
      effectiveSampleSize: n,
      meanStandardError: sd / Math.sqrt(n),
      quantileIntervals: intervals,
    };
  }

  private weightedAccumulator(name: string): WeightedAccumulator {
    return (this.weighting as Weighting).accumulators.get(name) as WeightedAccumulator;
  }

  /** Weighted quantiles: inverted CDF over kept samples (sorted once per node) or over the sketch. */
  private weightedQuantiles(state: NodeState, ps: readonly number[]): number[] {
    if (state.kept !== undefined) {
      let order = this.orders.get(state.name);
      if (order === undefined) {
        order = weightedOrder(state.kept, (this.weighting as Weighting).weights as Float64Array);
        this.orders.set(state.name, order);
      }
      const o = order;
      return ps.map((p) => weightedQuantileOf(o, p));
    }
    const sketch = state.sketch as QuantileSketch;
    return ps.map((p) => sketch.weightedQuantile(p));
  }

  private weightedSummary(name: string, state: NodeState): NodeSummary {
    const a = this.weightedAccumulator(name);
    if (!(a.weight > 0)) {
      throw new SalvoError(
        'EMPTY_DATA',
        `summary: node ${show(name)} has no finite sample of positive weight (${a.nonFinite} non-finite)`,
        { parameter: 'name', value: name },
      );
    }
    return this.summaryFrom(a, a.sd, a.effectiveSampleSize, (ps) => ({
      values: this.weightedQuantiles(state, ps),
      method: state.kept !== undefined ? 'exact' : 'sketch',
    }));
  }

  private quantilesOf(state: NodeState, ps: readonly number[]): number[] {
    return this.readQuantiles(state, ps).values;
  }

  /** A node's quantiles at `ps`, and whether they are exact (kept, or in the exact windows) or sketched. */
  private readQuantiles(state: NodeState, ps: readonly number[]): QuantileRead {
    if (state.kept !== undefined) {
      const known = knownQuantiles(state.kept, ps);
      if (known !== undefined) return { values: known, method: 'exact' };
      // The moments hold the non-finite count and the extremes that quantiles would otherwise find.
      return { values: quantilesInRange(state.kept, ps, accumulatorOf(state)), method: 'exact' };
    }
    // Exact at the levels found at the end of the run (the summary's), sketched at any other.
    const exact = atKnownLevels(state.exact?.known, ps);
    if (exact !== undefined) return { values: exact, method: 'exact' };
    const sketch = sketchOf(state);
    return { values: ps.map((p) => sketch.quantile(p)), method: 'sketch' };
  }

  /**
   * One quantile of a node: exact (type 7) when kept, from the sketch (relative error ≤ 0.5%) otherwise.
   * @param name - a node name
   * @param p - a probability in [0, 1]
   * @returns the quantile
   * @throws {@link SalvoError} for an unknown name or a bad `p`
   * @example
   * ```ts
   * import { model, normal } from 'salvo';
   * const run = model({ seed: 1 }).input('x', normal(0, 1)).run({ samples: 100_000 });
   * run.quantile('x', 0.975); // => about 1.96
   * ```
   */
  quantile(name: Names, p: number): number {
    const state = this.state('quantile', name);
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `quantile: p must be a probability in [0, 1], got ${show(p)}`,
        {
          parameter: 'p',
          value: p,
        },
      );
    }
    if (this.weighting !== undefined) return this.weightedQuantiles(state, [p])[0];
    return this.quantilesOf(state, [p])[0];
  }

  /**
   * A node's central interval: the median and the quantiles (1 − level)/2 and (1 + level)/2 — for the
   * default level 0.9, p50 within p5–p95, the "90% interval" of Squiggle's `5 to 10`. Exact when the node
   * was kept, sketched otherwise, and weighted in a run with evidence, as {@link ModelRun.quantile}.
   * Pass it to {@link formatInterval} for text such as `2.3M (90%: 1.4M–3.4M)`.
   * @param name - a node name
   * @param level - the probability inside the interval, in (0, 1); default 0.9
   * @returns `{ estimate, lower, upper, level }`
   * @throws {@link SalvoError} `INVALID_PARAMETER` for an unknown name or a level outside (0, 1)
   * @example
   * ```ts
   * import { formatInterval, model, normal } from 'salvo';
   * const run = model({ seed: 1 }).input('x', normal(100, 10)).run({ samples: 100_000 });
   * const x = run.interval('x'); // => about { estimate: 100, lower: 83.6, upper: 116.4, level: 0.9 }
   * formatInterval(x); // => '100 (90%: 84–120)'
   * ```
   */
  interval(name: Names, level = 0.9): IntervalText {
    const state = this.state('interval', name);
    if (typeof level !== 'number' || !(level > 0 && level < 1)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `interval: level must be a probability strictly between 0 and 1, got ${show(level)}`,
        { parameter: 'level', value: level },
      );
    }
    // Rounded to 15 digits so that level 0.9 asks for exactly 0.05 and 0.95 ((1 - 0.9) / 2 is
    // 0.04999999999999999 in binary), the same quantiles as quantile(name, 0.05).
    const tail = Number(((1 - level) / 2).toPrecision(15));
    const ps = [tail, 0.5, 1 - tail];
    const [lower, estimate, upper] =
      this.weighting !== undefined
        ? this.weightedQuantiles(state, ps)
        : this.quantilesOf(state, ps);
    return { estimate, lower, upper, level };
  }

  /**
   * Share of a node's finite samples satisfying `op threshold`. Exact for a kept node; for a
   * summarised node it comes from the node's sketch, where only samples within the sketch's relative
   * accuracy (0.5%) of `threshold` can be counted on the wrong side (`==` and `!=` need kept samples).
   * @param name - a node
   * @param op - one of `<`, `<=`, `>`, `>=`, `==`, `!=`
   * @param threshold - the value to compare with
   * @returns the share, in [0, 1]
   * @throws {@link SalvoError} `INVALID_PARAMETER` for an unknown name, op or a NaN threshold;
   *   `NOT_KEPT` for `==` or `!=` on a node that was not kept; `EMPTY_DATA` with no finite sample
   * @example
   * ```ts
   * import { model, uniform } from 'salvo';
   * const run = model({ seed: 1 }).input('u', uniform(0, 1)).run({ samples: 100_000, keep: 'none' });
   * run.probability('u', '<', 0.25); // => about 0.25 (from the sketch: keep was 'none')
   * ```
   */
  probability(name: Names, op: ComparisonOp, threshold: number): number {
    const state = this.state('probability', name);
    const weights = this.weighting?.weights;
    if (state.kept !== undefined && weights === undefined) {
      return probability(state.kept, op, threshold);
    }
    requireOp('probability', op);
    requireComparable('probability', 'threshold', threshold);
    const empty = (nonFinite: number) =>
      new SalvoError(
        'EMPTY_DATA',
        `probability: node ${show(name)} has no finite sample${this.weighting === undefined ? '' : ' of positive weight'} (${nonFinite} non-finite)`,
        { parameter: 'name', value: name },
      );
    if (state.kept !== undefined) {
      const share = weightedShare(state.kept, weights as Float64Array, op, threshold);
      if (Number.isNaN(share)) throw empty(this.weightedAccumulator(name).nonFinite);
      return share;
    }
    if (state.exact !== undefined) {
      const a = accumulatorOf(state);
      const count = state.exact.count(op, threshold, a.count);
      if (count !== undefined) {
        if (a.count === 0) throw empty(a.nonFinite);
        return count / a.count;
      }
    }
    if (op === '==' || op === '!=') {
      throw new SalvoError(
        'NOT_KEPT',
        `probability: ${show(op)} needs the samples of node ${show(name)}, which was summarised, not kept; keep it, list the threshold in the run's thresholds option, or compare with <, <=, > or >=`,
        { parameter: 'op', value: op },
      );
    }
    // Sketch ranks are counts, or sums of weight in a weighted run.
    const sketch = sketchOf(state);
    const total = this.weighting === undefined ? sketch.count : sketch.weight;
    if (!(total > 0)) throw empty(sketch.nonFinite);
    if (op === '<') return sketch.rank(threshold) / total;
    if (op === '<=') return sketch.rank(threshold, true) / total;
    if (op === '>') return (total - sketch.rank(threshold, true)) / total;
    return (total - sketch.rank(threshold)) / total;
  }

  /**
   * Every sample's weight from `.observe` (index-aligned with `samples(name)`), or all ones for a run
   * without observations. The array itself: do not modify it.
   * @returns the weights
   * @throws {@link SalvoError} `NOT_KEPT` when no node was kept (weights are then not stored)
   * @example
   * ```ts
   * import { model, normal } from 'salvo';
   * const run = model({ seed: 1 })
   *   .input('containers', normal(6_000, 1_000))
   *   .observe('containers', normal(6_700, 300))
   *   .run({ samples: 1_000 });
   * run.weights().length; // => 1000
   * ```
   */
  weights(): Float64Array {
    if (this.weighting === undefined) return new Float64Array(this.sampleCount).fill(1);
    const w = this.weighting.weights;
    if (w === undefined) {
      throw new SalvoError(
        'NOT_KEPT',
        "weights: the run kept no node, so it did not keep the weights either; run with keep: 'all' or a list of names",
        { parameter: 'keep', value: 'none' },
      );
    }
    return w;
  }

  /**
   * A probability with its precision: the share of finite samples satisfying `op threshold`, its
   * standard error √(p(1 − p)/n) and the 95% Wilson score interval. Exact for kept nodes; from the
   * sketch otherwise, as {@link ModelRun.probability} is.
   * @param name - a node
   * @param op - one of `<`, `<=`, `>`, `>=`, `==`, `!=`
   * @param threshold - the value to compare with
   * @returns the estimate, its interval and standard error, and the samples it used
   * @throws {@link SalvoError} as {@link ModelRun.probability} does
   * @example
   * ```ts
   * import { model, lognormal } from 'salvo';
   * const run = model({ seed: 1 }).input('shells', lognormal.ci(1.5e6, 3e6)).run({ samples: 100_000 });
   * const above = run.probabilityInterval('shells', '>', 3e6);
   * above.probability;                 // => about 0.05
   * [above.lower, above.upper];        // => about [0.049, 0.052]
   * ```
   */
  probabilityInterval(name: Names, op: ComparisonOp, threshold: number): ProbabilityEstimate {
    const p = this.probability(name, op, threshold);
    const state = this.state('probabilityInterval', name);
    if (this.weighting !== undefined) {
      // Weighted: the effective sample size stands in for n (Kish), so the count is not an integer.
      return wilson(
        p * this.weightedAccumulator(name).effectiveSampleSize,
        this.weightedAccumulator(name).effectiveSampleSize,
      );
    }
    const n = state.kept !== undefined ? accumulatorOf(state).count : sketchOf(state).count;
    return wilson(Math.round(p * n), n);
  }

  /**
   * A convergence trace of a kept node: the running estimate of its mean or of one quantile after
   * the first k samples, with its 95% interval, at about `points` sample counts spaced evenly on a
   * log scale from 1,000 (or fewer) to all samples — for a plot that shows whether the run was long
   * enough. (A run with `until` also records its checks in `run.precision.trace`.)
   * @param name - a kept node
   * @param options - `statistic`: `'mean'` (default) or a quantile level in (0, 1); `points` (default 30)
   * @returns the points, in increasing sample count
   * @throws {@link SalvoError} `NOT_KEPT` for a node that was not kept; `INVALID_PARAMETER` for a bad
   *   statistic or point count
   * @example
   * ```ts
   * import { model, lognormal } from 'salvo';
   * const run = model({ seed: 1 }).input('x', lognormal(0, 1)).run({ samples: 100_000 });
   * const trace = run.convergence('x', { statistic: 0.95, points: 10 });
   * trace.length;                  // => 10
   * trace[9].estimate;             // => about 5.18 (e^1.645)
   * trace[0].relativeError > trace[9].relativeError; // => true
   * ```
   */
  convergence(
    name: Names,
    options: { readonly statistic?: 'mean' | number; readonly points?: number } = {},
  ): ConvergencePoint[] {
    this.requireUnweighted('convergence');
    const values = this.kept('convergence', name);
    const statistic = options.statistic ?? 'mean';
    if (
      statistic !== 'mean' &&
      (typeof statistic !== 'number' || !(statistic > 0 && statistic < 1))
    ) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `convergence: statistic must be 'mean' or a quantile level strictly between 0 and 1, got ${show(statistic)}`,
        { parameter: 'statistic', value: statistic },
      );
    }
    const points = options.points ?? 30;
    if (!Number.isSafeInteger(points) || points < 1 || points > 10_000) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `convergence: points must be an integer from 1 to 10,000, got ${show(points)}`,
        { parameter: 'points', value: points },
      );
    }
    const n = values.length;
    const start = Math.min(1_000, n);
    const counts: number[] = [];
    for (let i = 0; i < points; i++) {
      const c = points === 1 ? n : Math.round(start * (n / start) ** (i / (points - 1)));
      if (counts.length === 0 || c > counts[counts.length - 1]) counts.push(c);
    }
    const out: ConvergencePoint[] = [];
    // Running moments over finite values (Welford), read at each count.
    let count = 0;
    let mean = 0;
    let m2 = 0;
    let at = 0;
    for (const c of counts) {
      if (statistic === 'mean') {
        for (; at < c; at++) {
          const x = values[at];
          if (x - x !== 0) continue;
          count++;
          const d = x - mean;
          mean += d / count;
          m2 += d * (x - mean);
        }
        const standardError = count > 1 ? Math.sqrt(m2 / (count - 1) / count) : Number.NaN;
        out.push({
          samples: c,
          node: name,
          statistic,
          estimate: mean,
          lower: mean - Z95 * standardError,
          upper: mean + Z95 * standardError,
          standardError,
          relativeError: (Z95 * standardError) / Math.abs(mean),
        });
      } else {
        const prefix = values.subarray(0, c);
        const finite = c - nonFiniteCount(prefix);
        if (finite === 0) {
          out.push({
            samples: c,
            node: name,
            statistic,
            estimate: Number.NaN,
            ...NO_INTERVAL,
            relativeError: Number.NaN,
          });
          continue;
        }
        const levels = quantileIntervalLevels(statistic, finite);
        const q = quantiles(prefix, levels === undefined ? [statistic] : [statistic, ...levels]);
        const interval = levels === undefined ? NO_INTERVAL : quantileInterval(q[1], q[2]);
        out.push({
          samples: c,
          node: name,
          statistic,
          estimate: q[0],
          ...interval,
          relativeError: (interval.upper - interval.lower) / 2 / Math.abs(q[0]),
        });
      }
    }
    return out;
  }

  /**
   * Histogram of a node, with numpy's conventions (bins half-open but the last, which is closed).
   * Exact for a kept node; for a summarised node the counts come from its sketch — each sample placed
   * within 0.5% of its value — and add up to the same totals.
   * @param name - a node
   * @param options - bins and range, or edges
   * @returns edges and counts
   * @throws {@link SalvoError} `INVALID_PARAMETER` for an unknown name or bad options; `EMPTY_DATA`
   *   when the range must come from the data and there is no finite sample
   * @example
   * ```ts
   * import { model, uniform } from 'salvo';
   * const run = model({ seed: 1 }).input('u', uniform(0, 1)).run({ samples: 1_000 });
   * run.histogram('u', { bins: 4, range: [0, 1] }).counts.length; // => 4
   * ```
   */
  histogram(name: Names, options: HistogramOptions = {}): Histogram {
    const state = this.state('histogram', name);
    const weighting = this.weighting;
    if (state.kept !== undefined && weighting === undefined) return histogram(state.kept, options);
    // The edges are checked before the sketch is needed (an unkept input's sketch is drawn on request).
    const { edges, equalWidth } = histogramEdges('histogram', options, () => {
      if (weighting !== undefined) return this.weightedAccumulator(state.name);
      const sketch = sketchOf(state);
      return { count: sketch.count, nonFinite: sketch.nonFinite, min: sketch.min, max: sketch.max };
    });
    if (state.kept !== undefined) {
      return histogramCounts(state.kept, edges, equalWidth, weighting?.weights);
    }
    // Sketch ranks are counts, or sums of weight in a weighted run.
    const sketch = sketchOf(state);
    const total = weighting === undefined ? sketch.count : sketch.weight;
    const bins = edges.length - 1;
    const counts = new Float64Array(bins);
    const below = sketch.rank(edges[0]);
    let previous = below;
    for (let i = 0; i < bins; i++) {
      const next = i === bins - 1 ? sketch.rank(edges[bins], true) : sketch.rank(edges[i + 1]);
      counts[i] = next - previous;
      previous = next;
    }
    return { edges, counts, outside: below + (total - previous), nonFinite: sketch.nonFinite };
  }

  /**
   * All samples of a kept node, index-aligned with every other node of the run (the array itself,
   * not a copy: do not modify it).
   * @param name - a kept node
   * @returns the samples
   * @throws {@link SalvoError} `NOT_KEPT` for a node that was not kept
   * @example
   * ```ts
   * import { model, normal } from 'salvo';
   * const run = model({ seed: 1 }).input('x', normal(0, 1)).derive('y', ({ x }) => x.mul(2)).run({ samples: 10 });
   * run.samples('y')[3] === 2 * run.samples('x')[3]; // => true
   * ```
   */
  samples(name: Names): Float64Array {
    return this.kept('samples', name);
  }

  /**
   * Which inputs drive `output`, for every input it depends on (through expressions exactly; a
   * callback node is taken to depend on every node declared before it):
   * - `rankCorrelation`: Spearman's rank correlation with the output;
   * - `shareOfVariance`: squared rank correlations normalised to add up to 1;
   * - `firstOrder`: the first-order (Sobol) index Var(E[output | input]) / Var(output), estimated
   *   from the same samples by binning the input (see {@link SensitivityOptions.bins});
   * - `tornado`: the output's median with the input held at its p10 and at its p90 while every other
   *   input keeps its sampled values (the model is re-evaluated, common random numbers), and the swing
   *   between them — one bar of a tornado chart. A tornado sees only monotone effects: an input
   *   with a U-shaped effect (`x ^ 2`) can have a swing of 0 and a first-order index near 1.
   *
   * With `.observe`, every measure is weighted: weighted mid-ranks, equal-weight bins, and tornado
   * medians whose weights are recomputed when holding the input changes an observed node.
   *
   * Needs the kept samples of the output and of every node it depends on (the default `keep: 'all'`).
   * Samples where the output is not finite are left out. Held at a fixed value, an input loses its rank
   * correlation with the others: the tornado shows its effect with any `.correlate` switched off.
   * Measured at 1e6 samples: see docs/performance.md.
   * @param output - a derived node
   * @param options - bins, tornado quantile levels and sort order
   * @returns the inputs, largest effect first
   * @throws {@link SalvoError} `INVALID_PARAMETER` for an unknown node, an input, or bad options;
   *   `NOT_KEPT` naming the nodes whose samples were not kept; `EMPTY_DATA` with fewer than 3 finite
   *   output samples
   * @example
   * ```ts
   * import { model, normal } from 'salvo';
   * const run = model({ seed: 1 })
   *   .input('a', normal(0, 2))
   *   .input('b', normal(0, 1))
   *   .input('c', normal(0, 1))
   *   .derive('y', 'a + b + 0 * c')
   *   .run({ samples: 100_000 });
   * const s = run.sensitivity('y');
   * s.inputs.map((i) => i.input);   // => ['a', 'b', 'c']
   * s.inputs[0].tornado.swing;      // => about 5.1 (2 × 2 × 1.2816)
   * s.inputs[2].firstOrder;         // => about 0
   * ```
   */
  sensitivity(output: Names, options: SensitivityOptions = {}): Sensitivity {
    const kept = (name: string) => this.states.get(name)?.kept;
    if (this.weighting === undefined) {
      return computeSensitivity(this.nodes, kept, output, options);
    }
    const weights = this.weighting.weights;
    if (weights === undefined) {
      throw new SalvoError(
        'NOT_KEPT',
        "sensitivity: needs the samples of the output and of every node it depends on; the run kept none (run with keep: 'all')",
        { parameter: 'output', value: output },
      );
    }
    return computeSensitivity(this.nodes, kept, output, options, {
      weights,
      observations: this.weighting.observations,
    });
  }

  /**
   * A JSON-ready object: the seed, the sample count and every node's summary.
   * @returns the serialisable results
   * @example
   * ```ts
   * import { model, normal } from 'salvo';
   * const run = model({ seed: 1 }).input('x', normal(0, 1)).run({ samples: 1_000 });
   * Object.keys(run.toJSON().nodes); // => ['x']
   * ```
   */
  toJSON(): { seed: number | string; samples: number; nodes: Record<string, NodeSummary> } {
    const nodes: Record<string, NodeSummary> = {};
    for (const name of this.states.keys()) nodes[name] = this.summary(name as Names);
    return { seed: this.seed, samples: this.sampleCount, nodes };
  }
}
