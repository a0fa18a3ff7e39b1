/**
 * The results of a run (`ModelRun`): summaries of every node from its state — kept samples, moments
 * folded during the run, a sketch or exact windows — weighted when the model observed evidence.
 * @module
 */
import { SalvoError } from '../errors.js';
import { type GroupShare, groupShare, sketchGroupShare } from '../samples/groupShares.js';
import {
  type Histogram,
  type HistogramOptions,
  histogram,
  histogramCounts,
  histogramEdges,
} from '../samples/histogram.js';
import { type ComparisonOp, probability, requireOp } from '../samples/probability.js';
import { RepeatedQuantiles } from '../samples/quantiles.js';
import type { Accumulator, WeightedAccumulator } from '../samples/segmentMoments.js';
import { percentileKey, type QuantileTable, type SampleSummary } from '../samples/summarize.js';
import { requireComparable } from '../samples/values.js';
import {
  type WeightedOrder,
  weightedOrder,
  weightedQuantileOf,
  weightedShare,
} from '../samples/weighted.js';
import type { QuantileSketch } from '../sketch/sketch.js';
import { show } from '../validate.js';
import { type ConvergenceOptions, convergenceTrace } from './convergence.js';
import { type NodeSpec, type Observation, SEGMENT_LENGTH } from './definition.js';
import { groupT95 } from './design.js';
import { atKnownLevels } from './knownQuantiles.js';
import {
  accumulatorOf,
  groupSketchesOf,
  knownQuantiles,
  type NodeState,
  sketchOf,
} from './nodeState.js';
import {
  type ConvergencePoint,
  type Interval,
  type IntervalEstimate,
  NO_INTERVAL,
  type ProbabilityEstimate,
  quantileInterval,
  quantileIntervalLevels,
  type RunPrecision,
  summaryLevels,
  wilson,
} from './precision.js';
import { computeSensitivity, type Sensitivity, type SensitivityOptions } from './sensitivity.js';

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

/**
 * What {@link ModelRun.toJSON} (and so `JSON.stringify(run)`) gives for a node that has no summary
 * because none of its samples is finite — or, in a run with evidence, none finite has positive
 * weight — where {@link ModelRun.summary} throws `EMPTY_DATA`: the counts, and `noFiniteValue: true`
 * in place of moments and quantiles (test for it with `'noFiniteValue' in node`).
 *
 * @example
 * ```ts
 * import { model, normal } from 'salvo';
 * const run = model({ seed: 1 })
 *   .input('x', normal(0, 1))
 *   .derive('ratio', 'x * 0 / 0') // NaN everywhere
 *   .run({ samples: 1_000 });
 * JSON.parse(JSON.stringify(run)).nodes.ratio; // => { n: 1000, nonFinite: 1000, noFiniteValue: true }
 * ```
 */
export interface NodeWithoutSummary {
  /** Number of samples. */
  readonly n: number;
  /** Samples that are NaN or ±Infinity (all of them, unless the run is weighted). */
  readonly nonFinite: number;
  /** Always `true`: the node has no finite value to summarise. */
  readonly noFiniteValue: true;
}

/** What a summary reads from a node's moments (plain or weighted). */
interface SummaryMoments {
  readonly nonFinite: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
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
  /** Per kept node, what its quantile requests found, for the next ones (unweighted runs). */
  private readonly keptQuantiles = new Map<string, RepeatedQuantiles>();

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
    if (state.groups > 1) return this.designSummary(state, a, sd);
    return this.summaryFrom(a, sd, a.count, (ps) => this.readQuantiles(state, ps));
  }

  /**
   * A node's summary under a sampling design, whose errors come from its independent groups of
   * segments: the mean's from the groups' means; a quantile's (kept nodes) from the groups' shares of
   * values at or below the estimate — the standard error s of that share gives the interval between
   * the quantiles at levels p ∓ t·s (t: Student's, groups − 1 degrees of freedom), the i.i.d.
   * interval's construction with s in place of √(p(1 − p)/n). Unkept nodes read the groups' shares
   * from their sketches per group.
   */
  private designSummary(state: NodeState, a: Accumulator, sd: number): NodeSummary {
    const n = a.count;
    const { values, method } = this.readQuantiles(state, this.probabilities);
    const spans = this.probabilities.map((p, i) => {
      if (quantileIntervalLevels(p, n) === undefined) return undefined;
      const share = this.groupShareOf(state, '<=', values[i]);
      if (share === undefined) return undefined;
      const t = groupT95(share.groups);
      const half = t * share.standardError;
      return Number.isFinite(half)
        ? { lower: Math.max(0, p - half), upper: Math.min(1, p + half), t }
        : undefined;
    });
    const levels = spans.flatMap((span) => (span === undefined ? [] : [span.lower, span.upper]));
    const read = levels.length > 0 ? this.readQuantiles(state, levels) : undefined;
    const ends = read?.values ?? [];
    // Ends read from a sketch are only known to its relative accuracy: the interval takes that in,
    // so that it still covers when the design's error is below the sketch's resolution.
    const slack = read?.method === 'sketch' ? sketchOf(state).relativeAccuracy : 0;
    const table: Record<string, number> = {};
    const intervals: Record<string, Interval> = {};
    let next = 0;
    this.probabilities.forEach((p, i) => {
      const key = percentileKey(p);
      table[key] = values[i];
      const span = spans[i];
      if (span === undefined) intervals[key] = NO_INTERVAL;
      else {
        const lower = ends[next] - slack * Math.abs(ends[next]);
        const upper = ends[next + 1] + slack * Math.abs(ends[next + 1]);
        next += 2;
        intervals[key] = { lower, upper, standardError: (upper - lower) / (2 * span.t) };
      }
    });
    const meanStandardError = a.groupStandardError();
    return this.summaryOf(a, sd, n, meanStandardError, table, method, intervals);
  }

  /**
   * A node's summary from its moments, its standard deviation and the (effective) sample count `n`
   * that standard errors and intervals use; every quantile level, with the ends of the intervals, is
   * read in one call of `read` (nearby levels share the work of finding them).
   */
  private summaryFrom(
    a: SummaryMoments,
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
    return this.summaryOf(a, sd, n, sd / Math.sqrt(n), table, method, intervals);
  }

  /** A summary from its parts (n: the effective sample size its errors use). */
  private summaryOf(
    a: SummaryMoments,
    sd: number,
    n: number,
    meanStandardError: number,
    table: Record<string, number>,
    method: 'exact' | 'sketch',
    intervals: Record<string, Interval>,
  ): NodeSummary {
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
      meanStandardError,
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
      let repeated = this.keptQuantiles.get(state.name);
      if (repeated === undefined) {
        // The moments hold the non-finite count and the extremes that quantiles would otherwise find.
        repeated = new RepeatedQuantiles(state.kept, accumulatorOf(state));
        this.keptQuantiles.set(state.name, repeated);
      }
      return { values: repeated.quantiles(ps), method: 'exact' };
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
   * Pass it to {@link formatInterval} for text such as `2.3M (90%: 1.4M–3.4M)`, marked as weak when it
   * rests on few samples.
   * @param name - a node name
   * @param level - the probability inside the interval, in (0, 1); default 0.9
   * @returns `{ estimate, lower, upper, level, effectiveSampleSize }`: the last is the node's finite
   *   samples, or with evidence the effective sample size of their weights
   * @throws {@link SalvoError} `INVALID_PARAMETER` for an unknown name or a level outside (0, 1)
   * @example
   * ```ts
   * import { formatInterval, model, normal } from 'salvo';
   * const run = model({ seed: 1 }).input('x', normal(100, 10)).run({ samples: 100_000 });
   * const x = run.interval('x'); // => about { estimate: 100, lower: 83.6, upper: 116.4, level: 0.9, effectiveSampleSize: 100000 }
   * formatInterval(x); // => '100 (90%: 84–120)'
   * ```
   */
  interval(name: Names, level = 0.9): IntervalEstimate {
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
    const effectiveSampleSize =
      this.weighting !== undefined
        ? this.weightedAccumulator(state.name).effectiveSampleSize
        : accumulatorOf(state).count;
    return { estimate, lower, upper, level, effectiveSampleSize };
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
    if (state.groups > 1) return this.designProbability(state, p, op, threshold);
    const n = state.kept !== undefined ? accumulatorOf(state).count : sketchOf(state).count;
    return wilson(Math.round(p * n), n);
  }

  /**
   * The share of a node's finite values with `value op x` in each group of segments, and the standard
   * error their spread implies: counted in the kept samples, or read from the sketches per group.
   */
  private groupShareOf(state: NodeState, op: ComparisonOp, x: number): GroupShare | undefined {
    if (state.kept !== undefined) {
      return groupShare(state.kept, op, x, state.groups, SEGMENT_LENGTH);
    }
    const sketches = groupSketchesOf(state);
    return sketches === undefined ? undefined : sketchGroupShare(sketches, op, x);
  }

  /**
   * A probability's interval under a sampling design: p ± t·s, s the standard error from the groups'
   * own shares.
   */
  private designProbability(
    state: NodeState,
    p: number,
    op: ComparisonOp,
    threshold: number,
  ): ProbabilityEstimate {
    const n = state.kept !== undefined ? accumulatorOf(state).count : sketchOf(state).count;
    const share = this.groupShareOf(state, op, threshold);
    if (share === undefined) return { probability: p, samples: n, ...NO_INTERVAL };
    const half = groupT95(share.groups) * share.standardError;
    return {
      probability: p,
      samples: n,
      lower: Math.max(0, p - half),
      upper: Math.min(1, p + half),
      standardError: share.standardError,
    };
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
  convergence(name: Names, options: ConvergenceOptions = {}): ConvergencePoint[] {
    this.requireUnweighted('convergence');
    const values = this.kept('convergence', name);
    return convergenceTrace(values, name, options, this.state('convergence', name).groups);
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
      const groups = this.states.get(this.nodes[0].name)?.groups ?? 1;
      return computeSensitivity(this.nodes, kept, output, options, undefined, groups);
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
   * A JSON-ready object: the seed, the sample count and every node's summary. A node none of whose
   * samples is finite (with `.observe`: none finite has positive weight), for which
   * {@link ModelRun.summary} throws `EMPTY_DATA`, appears as a {@link NodeWithoutSummary} (its counts
   * and `noFiniteValue: true`), so that `JSON.stringify(run)` always succeeds.
   * @returns the serialisable results
   * @example
   * ```ts
   * import { model, normal } from 'salvo';
   * const run = model({ seed: 1 }).input('x', normal(0, 1)).run({ samples: 1_000 });
   * Object.keys(run.toJSON().nodes); // => ['x']
   * ```
   */
  toJSON(): {
    seed: number | string;
    samples: number;
    nodes: Record<string, NodeSummary | NodeWithoutSummary>;
  } {
    const nodes: Record<string, NodeSummary | NodeWithoutSummary> = {};
    for (const [name, state] of this.states) {
      // The same tests as summary's before it throws EMPTY_DATA (each accumulator read once).
      let summarisable: boolean;
      let nonFinite: number;
      if (this.weighting === undefined) {
        const a = accumulatorOf(state);
        summarisable = a.count > 0;
        nonFinite = a.nonFinite;
      } else {
        const a = this.weightedAccumulator(name);
        summarisable = a.weight > 0;
        nonFinite = a.nonFinite;
      }
      nodes[name] = summarisable
        ? this.summary(name as Names)
        : { n: this.sampleCount, nonFinite, noFiniteValue: true };
    }
    return { seed: this.seed, samples: this.sampleCount, nodes };
  }
}
