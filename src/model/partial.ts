/**
 * A run split into parts that merge exactly. {@link runPartial} evaluates a range of segments and
 * returns everything the summaries need — per node its exact moment sums (src/samples/segmentMoments.ts),
 * extremes and sketch (a sketch per group under a sampling design) — in a size that does not grow with
 * the number of samples. {@link mergePartials} adds parts that cover the run's segments exactly once
 * (in any order or grouping: every sum is exact and every count an integer) and gives the
 * {@link ModelRun} that `model.run({ samples, keep: 'none' })` gives, to the last bit.
 * @module
 */
import { SalvoError } from '../errors.js';
import { seedWords } from '../rng/seed.js';
import { ExactSum } from '../samples/exactSum.js';
import {
  Accumulator,
  type AccumulatorData,
  SEGMENT_STATS,
  WeightedAccumulator,
  type WeightedAccumulatorData,
} from '../samples/segmentMoments.js';
import type { WeightedSketchState } from '../sketch/masses.js';
import { QuantileSketch, type QuantileSketchState } from '../sketch/sketch.js';
import { optionNames, requireKnownOptions, requireObject, show } from '../validate.js';
import { LIBRARY_VERSION } from '../version.js';
import {
  requireSegments,
  requireSomeParts,
  SegmentCursor,
  spannedParts,
  tilingParts,
} from './coverage.js';
import { SEGMENT_LENGTH } from './definition.js';
import type { Sampling } from './design.js';
import { BlockEvaluator, inputDimensions } from './evaluate.js';
import { type ExactPlan, ExactTracker, NO_WINDOWS } from './exact.js';
import { exactQuestions, planExact } from './exactRun.js';
import { modelFingerprint } from './fingerprint.js';
import { type GatherPart, type GatherRequest, gatheredValues } from './gather.js';
import type { Model } from './model.js';
import {
  combineSinks,
  createGroupSketches,
  type NodeState,
  redrawOnRequest,
  type Sink,
  sinksOf,
  sketchesFromGroups,
} from './nodeState.js';
import { planRun, type RunPlan, requireMemory } from './plan.js';
import { ModelRun } from './result.js';
import { evaluateSegments, foldSegments } from './segments.js';
import {
  evidenceOptions,
  requireWeighable,
  Weigher,
  WeightedFold,
  weightedShifts,
} from './weighing.js';
import { weightedResult } from './weightedRun.js';

/**
 * The version of the partial-run format ({@link PartialRun.format}); parts of another are refused.
 *
 * @example
 * ```ts
 * import { PARTIAL_FORMAT } from 'salvo';
 * PARTIAL_FORMAT; // => 4
 * ```
 */
export const PARTIAL_FORMAT = 4;

/**
 * Options of {@link runPartial}.
 *
 * @example
 * ```ts
 * import type { PartialRunOptions } from 'salvo';
 * const options: PartialRunOptions = { samples: 1_000_000, segments: [0, 123] };
 * options.segments[1]; // => 123
 * ```
 */
export interface PartialRunOptions {
  /** Samples of the whole run (every part of one run gives the same number). */
  readonly samples: number;
  /**
   * The segments this part evaluates, `[from, to)`: segment k holds samples [4096·k, 4096·(k + 1)) of
   * the run (the last may be shorter). The run has ⌈samples / 4096⌉ segments.
   */
  readonly segments: readonly [number, number];
  /** How inputs are sampled (as `model.run`'s `sampling`): every part of a run gives the same. */
  readonly sampling?: Sampling;
  /** Samples evaluated at a time (as `model.run`'s `blockSize`); never changes the result. */
  readonly blockSize?: number;
  /** Stops the part with an `AbortError` when aborted. */
  readonly signal?: AbortSignal;
  /**
   * Leave the inputs out of the part (default false): the merged run draws an input again, over all
   * samples on the merging thread, when its summary is asked — as `model.run` does for unkept inputs.
   * The part is cheaper by the inputs' sketches (measured in docs/performance.md, "One run over
   * processes"); asking a huge merged run for an input's summary is then slow. Inputs in a `.correlate` group are always in the part (drawn
   * again, their values would come in another order within each segment, and round differently).
   * Every part of a run must choose alike.
   */
  readonly lazyInputs?: boolean;
  /**
   * Values to compare nodes with exactly, by node name (as `model.run`'s `thresholds`): the part
   * counts the node's finite values below and equal to each, so that the merged run's
   * `probability(node, op, t)` is exact at those values (elsewhere it reads the sketch). Every part of
   * a run must give the same.
   */
  readonly thresholds?: { readonly [name: string]: readonly number[] };
  /**
   * Nodes whose summary quantiles are to be exact, as `model.run`'s `exactQuantiles`. Each part counts
   * the node's values in the buckets of the run's windows (placed by a pilot: the run's first samples,
   * which every part evaluates — up to 4,194,304 of them — so that all place the same windows); the
   * values at the wanted ranks are then gathered by a second pass ({@link gatherRequest},
   * {@link runGather}) and given to {@link mergePartials}. Every part of a run must give the same.
   */
  readonly exactQuantiles?: readonly string[];
  /**
   * Extra summary quantile levels (as `model.run`'s `quantiles`): with `exactQuantiles`, the windows
   * are placed for them too, so the merge must ask for the same.
   */
  readonly quantiles?: readonly number[];
  /**
   * The run's exact-quantile windows, placed once by {@link partialWindows} and given to every part:
   * the parts then skip the pilot they would each evaluate. The same `exactQuantiles` and `quantiles`
   * as the windows were placed for.
   */
  readonly windows?: PartialWindowPlan;
}

const PARTIAL_OPTION_NAMES = optionNames<PartialRunOptions>()([
  'samples',
  'segments',
  'sampling',
  'blockSize',
  'signal',
  'lazyInputs',
  'thresholds',
  'exactQuantiles',
  'quantiles',
  'windows',
]);

/**
 * A run's exact-quantile windows, placed once for all its parts ({@link partialWindows}): plain data
 * (integers and strings) to send with every part's job.
 *
 * @example
 * ```ts
 * import { model, normal, partialWindows, type PartialWindowPlan } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * const windows: PartialWindowPlan = partialWindows(m, { samples: 1e6, exactQuantiles: ['x'] });
 * windows.nodes.map((n) => n.name); // => ['x']
 * ```
 */
export interface PartialWindowPlan {
  readonly fingerprint: string;
  readonly samples: number;
  readonly sampling: Sampling;
  readonly quantiles: readonly number[];
  readonly nodes: readonly (PartialWindowGrid & { readonly name: string })[];
}

/**
 * A node's bucket grid and exact-quantile windows, the same in every part of a run: values fall in
 * buckets of the order-preserving key of their high word (`2^shift` keys a bucket, from `keyMin`'s),
 * and each window is a run of buckets `[first, last]` with room for `capacity` values.
 *
 * @example
 * ```ts
 * import { model, normal, partialWindows, type PartialWindowGrid } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * const grid: PartialWindowGrid = partialWindows(m, { samples: 1e6, exactQuantiles: ['x'] }).nodes[0];
 * grid.first.length === grid.last.length; // => true
 * ```
 */
export interface PartialWindowGrid {
  readonly keyMin: number;
  readonly shift: number;
  readonly buckets: number;
  readonly first: readonly number[];
  readonly last: readonly number[];
  readonly capacity: readonly number[];
}

/** The grid and windows of anything that holds them (an exact plan, a part's windows), alone. */
function gridOf(x: PartialWindowGrid): PartialWindowGrid {
  const { keyMin, shift, buckets, first, last, capacity } = x;
  return { keyMin, shift, buckets, first, last, capacity };
}

/**
 * Places a run's exact-quantile windows once, from its pilot (its first samples, up to 4,194,304,
 * evaluated here), for {@link runPartial}'s `windows`: every part then counts against them without
 * evaluating the pilot itself — what a coordinator does before it sends out many small shards.
 * @param model - the model
 * @param options - the run's samples and sampling, the nodes in `exactQuantiles`, extra `quantiles`
 * @returns the windows, plain data
 * @throws {@link SalvoError} what {@link runPartial} throws for these options
 * @example
 * ```ts
 * import { mergePartials, model, normal, partialWindows, runPartial } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * const options = { samples: 200_000, exactQuantiles: ['x'] };
 * const windows = partialWindows(m, options);
 * const part = runPartial(m, { ...options, segments: [0, 49], windows });
 * part.nodes[0].windows?.buckets === runPartial(m, { ...options, segments: [0, 49] }).nodes[0].windows?.buckets; // => true
 * ```
 */
export function partialWindows(
  model: Model<string>,
  options: Pick<PartialRunOptions, 'samples' | 'sampling' | 'exactQuantiles' | 'quantiles'>,
): PartialWindowPlan {
  const where = 'partialWindows';
  const { plan } = checkedPartialOptions(model, { ...options, segments: [0, 1] }, where);
  const exact = planExact(model, plan, where, 1, false);
  return {
    fingerprint: modelFingerprint(model),
    samples: plan.total,
    sampling: plan.design.sampling,
    quantiles: [...(options.quantiles ?? [])],
    nodes: [...plan.exactQuantiles].map((name) => ({
      name,
      ...gridOf(exact.get(name) ?? NO_WINDOWS),
    })),
  };
}

/**
 * The exact plans of a part's nodes from windows placed beforehand, with the run's thresholds; throws
 * `PARTIAL_MISMATCH` when the windows were placed for another model, run or set of nodes.
 */
function plansFromWindows(
  where: string,
  model: Model<string>,
  plan: RunPlan,
  windows: PartialWindowPlan,
  quantiles: readonly number[],
): Map<string, ExactPlan> {
  const names = [...plan.exactQuantiles].sort().join(',');
  const matches =
    typeof windows === 'object' &&
    windows !== null &&
    Array.isArray(windows.nodes) &&
    windows.fingerprint === modelFingerprint(model) &&
    windows.samples === plan.total &&
    windows.sampling === plan.design.sampling &&
    Array.isArray(windows.quantiles) &&
    windows.quantiles.join(',') === quantiles.join(',') &&
    windows.nodes
      .map((n) => n.name)
      .sort()
      .join(',') === names;
  if (!matches) {
    throw new SalvoError(
      'PARTIAL_MISMATCH',
      `${where}: windows were placed for another model, run (samples, sampling), quantiles or exactQuantiles than this part's (${names}); place them with partialWindows for the same`,
      { parameter: 'windows', value: windows },
    );
  }
  const plans = new Map<string, ExactPlan>();
  for (const n of windows.nodes) {
    plans.set(n.name, { ...gridOf(n), thresholds: plan.thresholds.get(n.name) ?? [] });
  }
  for (const [name, thresholds] of plan.thresholds) {
    if (!plans.has(name)) plans.set(name, { ...NO_WINDOWS, thresholds });
  }
  return plans;
}

/**
 * A part's counts for a node of `exactQuantiles`: the run's bucket grid and windows (the same in every
 * part), the node's finite values counted per bucket, and per window how many values fell in it.
 *
 * @example
 * ```ts
 * import { model, normal, runPartial, type PartialWindows } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * const part = runPartial(m, { samples: 200_000, segments: [0, 2], exactQuantiles: ['x'] });
 * const windows = part.nodes[0].windows as PartialWindows;
 * windows.counts.reduce((a, b) => a + b, 0); // => 8192
 * ```
 */
export interface PartialWindows extends PartialWindowGrid {
  readonly counts: Int32Array;
  readonly seen: readonly number[];
}

/**
 * A part's exact counts against a node's thresholds: of its finite values, how many are below and
 * how many equal to each threshold.
 *
 * @example
 * ```ts
 * import { model, normal, runPartial, type PartialThresholds } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * const part = runPartial(m, { samples: 8192, segments: [0, 2], thresholds: { x: [0] } });
 * const counts = part.nodes[0].thresholds as PartialThresholds;
 * counts.less[0] + counts.equal[0] < 8192; // => true
 * ```
 */
export interface PartialThresholds {
  readonly values: readonly number[];
  readonly less: readonly number[];
  readonly equal: readonly number[];
}

/**
 * What one part of a run holds for one node.
 *
 * @example
 * ```ts
 * import { model, normal, runPartial, type PartialNode } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * const node: PartialNode = runPartial(m, { samples: 8192, segments: [0, 2] }).nodes[0];
 * node.moments?.count; // => 8192
 * ```
 */
export interface PartialNode {
  readonly name: string;
  /**
   * Counts, extremes, the run's shift and the exact sums (and the groups' under a design); null for an
   * input left out by `lazyInputs`.
   */
  readonly moments: AccumulatorData | null;
  /** The sketch of the part's values (empty under a design: the groups' sketches hold them). */
  readonly sketch: QuantileSketchState | null;
  /** Under a sampling design, a sketch per group of segments; null otherwise. */
  readonly groupSketches: readonly QuantileSketchState[] | null;
  /** Exact counts against the node's `thresholds`; null when it has none. */
  readonly thresholds: PartialThresholds | null;
  /** Bucket counts for the node's exact quantiles (`exactQuantiles`); null when not asked. */
  readonly windows: PartialWindows | null;
  /**
   * For a model with evidence (`.observe`): the node's weighted moments and weighted sketch (its
   * `moments` and `sketch` are then null); null otherwise.
   */
  readonly weighted: PartialWeightedNode | null;
}

/**
 * A node's share of a weighted run (a model with `.observe`): its weighted moments and its weighted
 * sketch, every sum exact so that parts merge in any order.
 *
 * @example
 * ```ts
 * import { model, normal, runPartial, type PartialWeightedNode } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1)).observe('x', normal(0.5, 1));
 * const node = runPartial(m, { samples: 8192, segments: [0, 2] }).nodes[0].weighted as PartialWeightedNode;
 * [node.moments.count, node.sketch.count]; // => [8192, 8192]
 * ```
 */
export interface PartialWeightedNode {
  readonly moments: WeightedAccumulatorData;
  readonly sketch: WeightedSketchState;
}

/**
 * The weights of a weighted part's samples (a model with `.observe`): Σw and Σw² over every sample, as
 * `ExactSum` states — merged, they give the run's effective sample size.
 *
 * @example
 * ```ts
 * import { model, normal, runPartial } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1)).observe('x', normal(0.5, 1));
 * runPartial(m, { samples: 4096, segments: [0, 1] }).weights !== null; // => true
 * ```
 */
export interface PartialWeights {
  readonly sum: readonly number[];
  readonly squares: readonly number[];
}

/**
 * One part of a run: what {@link runPartial} returns, {@link encodePartial} writes and
 * {@link mergePartials} adds up. Its size grows with the nodes and the sketches' ranges, not with the
 * number of samples.
 *
 * @example
 * ```ts
 * import { model, normal, runPartial } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * const part = runPartial(m, { samples: 1_000_000, segments: [0, 10] });
 * [part.segments, part.segmentCount]; // => [[0, 10], 245]
 * ```
 */
export interface PartialRun {
  /** The format's version ({@link PARTIAL_FORMAT}). */
  readonly format: number;
  /** The salvo version that made the part. */
  readonly libraryVersion: string;
  /** The model's fingerprint: seed, nodes, distributions and parameters, expressions, correlations. */
  readonly fingerprint: string;
  readonly seed: number | string;
  /** Samples of the whole run. */
  readonly samples: number;
  readonly segmentLength: number;
  /** Segments of the whole run. */
  readonly segmentCount: number;
  /** The segments this part covers, `[from, to)`. */
  readonly segments: readonly [number, number];
  readonly sampling: Sampling;
  /** The extra summary quantile levels the windows were placed for (`quantiles`). */
  readonly quantiles: readonly number[];
  readonly nodes: readonly PartialNode[];
  /** For a model with evidence (`.observe`): Σw and Σw² over the part's samples; null otherwise. */
  readonly weights: PartialWeights | null;
}

/**
 * Evaluates segments `[from, to)` of a run of `samples` samples and returns their partial result. The
 * samples are those `model.run` would draw (each segment has its own streams), so parts run anywhere
 * — other threads, processes, machines — merge into the same run with {@link mergePartials}. Each part
 * also evaluates the run's first segment (4,096 samples) when it does not cover it: the moments are
 * summed about its mean. A model with evidence (`.observe`) gives weighted parts, which merge into the
 * weighted run.
 * @param model - the model
 * @param options - the run's samples and sampling, and this part's segments
 * @returns the part
 * @throws {@link SalvoError} `INVALID_PARAMETER` for bad segments or options, `UNKNOWN_OPTION`,
 *   `UNSUPPORTED` for `lazyInputs` with `.observe`, and what `model.run` throws for its options
 * @example
 * ```ts
 * import { mergePartials, model, normal, runPartial } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1)).derive('y', 'x * 2');
 * const parts = [runPartial(m, { samples: 10_000, segments: [1, 3] }),
 *                runPartial(m, { samples: 10_000, segments: [0, 1] })];
 * mergePartials(m, parts).summary('y').mean ===
 *   m.run({ samples: 10_000, keep: 'none' }).summary('y').mean; // => true
 * ```
 */
export function runPartial(model: Model<string>, options: PartialRunOptions): PartialRun {
  const runner = PartialRunner.of(model, options, 'runPartial');
  while (!runner.done) runner.step();
  return runner.result();
}

/**
 * Checks a run's options as every part of it would (samples, sampling, lazyInputs, thresholds,
 * exactQuantiles, and what evidence allows), before any part runs and without evaluating anything (not even the
 * pilot): what a job submitter calls before it adds jobs; returns the run's plan. Not exported by the
 * package.
 */
export function requirePartialOptions(
  model: Model<string>,
  options: Omit<PartialRunOptions, 'segments'>,
  where: string,
): RunPlan {
  const { plan } = checkedPartialOptions(model, { ...options, segments: [0, 1] }, where);
  requireMemory(where, plan, model.nodes.length, 1);
  return plan;
}

/** A part's options checked (all but its segments) and its run planned; nothing evaluated. */
function checkedPartialOptions(
  model: Model<string>,
  options: PartialRunOptions,
  where: string,
): { plan: RunPlan; lazyInputs: boolean } {
  requireObject(where, 'options', options, 'an object such as { samples, segments: [from, to] }');
  requireKnownOptions(where, 'options', options, PARTIAL_OPTION_NAMES);
  const lazyInputs = options.lazyInputs ?? false;
  if (typeof lazyInputs !== 'boolean') {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: lazyInputs must be true or false, got ${show(lazyInputs)}`,
      { parameter: 'lazyInputs', value: lazyInputs },
    );
  }
  const plan = planRun(
    model,
    {
      samples: options.samples,
      sampling: options.sampling,
      blockSize: options.blockSize,
      signal: options.signal,
      thresholds: options.thresholds,
      exactQuantiles: options.exactQuantiles,
      quantiles: options.quantiles,
      keep: 'none',
    },
    where,
  );
  if (model.observations.length > 0) requireWeighable(where, plan, undefined, lazyInputs);
  return { plan, lazyInputs };
}

/**
 * What one thread needs to evaluate parts of one run, one after another: the run's plan, an evaluator
 * (writing kept nodes into their arrays, when the run keeps any), which nodes the parts summarise,
 * their exact plans, the weighing of samples for a model with evidence, and the shifts every part's
 * sums are taken about (the means of the run's first segment, evaluated once, for the first part
 * that needs them). {@link runPartial} makes one for its part; `runParallel` (salvo/node) one per
 * thread for all the parts it evaluates. Not exported by the package.
 */
export class PartContext {
  readonly evaluator: BlockEvaluator;
  readonly fingerprint: string;
  private readonly stats: Float64Array<ArrayBuffer>;
  /** For a model with evidence: the weigher, and the block's weights and values. */
  readonly weighing: Weighing | undefined;
  /** Per node, the shift of its moments (undefined until a part needs them). */
  private shifts: number[] | undefined;
  /**
   * An evaluator that writes no kept array, for the shifts' evaluation of the run's first segment:
   * another thread may be evaluating that segment into the shared kept arrays at the same time, and
   * an expression computed in steps in its output would then read the other thread's partial values.
   */
  private ownEvaluator: BlockEvaluator | undefined;

  /**
   * @param model - the model
   * @param plan - the run's plan
   * @param summarised - per node, whether parts summarise it (moments and sketch)
   * @param exactPlans - the parts' windows and thresholds, by node (counted in each part)
   * @param where - the caller, for errors
   * @param thread - what a thread of `runParallel` adds: the kept nodes' arrays and the kept weights
   *   (written as the parts are evaluated), and sinks that see every value (its exact trackers)
   */
  constructor(
    readonly model: Model<string>,
    readonly plan: PartPlan,
    readonly summarised: readonly boolean[],
    readonly exactPlans: ReadonlyMap<string, ExactPlan>,
    readonly where: string,
    readonly thread: ThreadExtras = {
      kept: model.nodes.map(() => undefined),
      keptWeights: undefined,
      sinks: [],
    },
  ) {
    this.evaluator = new BlockEvaluator(
      model.nodes,
      seedWords(model.seed),
      plan.block,
      thread.kept,
      plan.correlations,
      plan.design,
      where,
    );
    this.fingerprint = modelFingerprint(model);
    this.stats = new Float64Array(
      model.nodes.length * (plan.block / SEGMENT_LENGTH) * SEGMENT_STATS,
    );
    this.weighing =
      model.observations.length > 0
        ? { weigher: new Weigher(model, where), weights: new Float64Array(plan.block), values: [] }
        : undefined;
  }

  /**
   * Every node's shift: the mean (weighted, with evidence) of the run's first segment, or 0 where it
   * has no finite value (no weight). Every part's sums are taken about it, so that parts merge.
   */
  shiftsOfRun(): readonly number[] {
    if (this.shifts !== undefined) return this.shifts;
    const length = Math.min(SEGMENT_LENGTH, this.plan.total);
    let shifts: number[];
    this.ownEvaluator ??= this.thread.kept.every((kept) => kept === undefined)
      ? this.evaluator
      : new BlockEvaluator(
          this.model.nodes,
          seedWords(this.model.seed),
          this.plan.block,
          this.model.nodes.map(() => undefined),
          this.plan.correlations,
          this.plan.design,
          this.where,
        );
    if (this.weighing !== undefined) {
      const w = this.weighBlock(this.ownEvaluator, 0, length, []);
      shifts = weightedShifts(this.weighing.values, w, length);
    } else {
      const first = evaluateSegments(
        this.ownEvaluator,
        this.plan.block,
        this.summarised,
        0,
        length,
        this.model.nodes.map(() => undefined),
      );
      shifts = this.model.nodes.map((_, j) => {
        const at = j * SEGMENT_STATS;
        return first[at] > 0 ? first[at + 2] : 0;
      });
    }
    this.shifts = shifts;
    return shifts;
  }

  /** Evaluates samples [first, first + length) into a part's states (a block: it starts a segment). */
  evaluate(
    states: readonly NodeState[],
    sinks: readonly (Sink | undefined)[],
    first: number,
    length: number,
  ): void {
    evaluateSegments(
      this.evaluator,
      this.plan.block,
      this.summarised,
      first,
      length,
      sinks,
      this.stats,
    );
    foldSegments(states, this.stats, first, length);
  }

  /**
   * Evaluates samples [first, first + length) of a model with evidence and weighs them; returns their
   * weights and copies them into the kept weights when the run keeps them (weighed in the thread's own
   * buffer first: the weighing multiplies in place). The values are in `weighing.values`.
   */
  evaluateWeighed(first: number, length: number): Float64Array {
    const w = this.weighBlock(this.evaluator, first, length, this.thread.sinks);
    this.thread.keptWeights?.set(w, first);
    return w;
  }

  /** Evaluates a block with `evaluator`, hands its values to `sinks`, and weighs them in the thread's buffer. */
  private weighBlock(
    evaluator: BlockEvaluator,
    first: number,
    length: number,
    sinks: readonly (Sink | undefined)[],
  ): Float64Array {
    const weighing = this.weighing as Weighing;
    evaluator.evaluate(first, length, (j, v) => {
      weighing.values[j] = v;
      sinks[j]?.addAll(v, first);
    });
    const w = weighing.weights.subarray(0, length);
    weighing.weigher.weigh(weighing.values, w, length);
    return w;
  }
}

/** What parts need of a run's plan (a thread of `runParallel` makes it from its init message). */
export type PartPlan = Pick<RunPlan, 'total' | 'block' | 'correlations' | 'design' | 'signal'>;

/** What a thread of `runParallel` adds to a {@link PartContext}. */
export interface ThreadExtras {
  /** Per node, the array its samples are written to when kept. */
  readonly kept: readonly (Float64Array | undefined)[];
  /** The run's weights, when it keeps samples of a model with evidence. */
  readonly keptWeights: Float64Array | undefined;
  /** Per node, what else sees its values (the thread's exact trackers). */
  readonly sinks: readonly (Sink | undefined)[];
}

/** A context's weighing of samples against evidence: the weigher and a block's weights and values. */
interface Weighing {
  readonly weigher: Weigher;
  readonly weights: Float64Array;
  readonly values: Float64Array[];
}

/**
 * A partial run evaluated a block at a time: {@link runPartial} steps it to the end in one go; a job
 * runner (salvo/bullmq) steps it between turns of the event loop, so that its locks are renewed and its
 * progress reported while a long part runs; `runParallel`'s threads make one per task in their
 * {@link PartContext}. Not exported by the package.
 */
export class PartialRunner {
  /** The segments this part covers, `[from, to)`. */
  readonly segments: readonly [number, number];
  /** Samples this part evaluates. */
  readonly samples: number;
  private readonly context: PartContext;
  private readonly states: NodeState[];
  private readonly sinks: (Sink | undefined)[];
  private readonly cursor: SegmentCursor;
  private readonly quantiles: readonly number[];
  /** For a model with evidence: the part's weighted sums. */
  private readonly fold: WeightedFold | undefined;

  /** A part of a run on its own: its options checked, its run planned, in a context of its own. */
  static of(model: Model<string>, options: PartialRunOptions, where: string): PartialRunner {
    const { plan, lazyInputs } = checkedPartialOptions(model, options, where);
    const segmentCount = Math.ceil(plan.total / SEGMENT_LENGTH);
    const segments = requireSegments(where, options.segments, segmentCount);
    requireMemory(where, plan, model.nodes.length, 1);
    // Windows from the run's pilot (the same in every part) and thresholds; counted, never stored.
    const exactPlans =
      options.windows === undefined
        ? planExact(model, plan, where, 1, false)
        : plansFromWindows(where, model, plan, options.windows, options.quantiles ?? []);
    const summarised = summarisedNodes(model, plan, lazyInputs);
    const context = new PartContext(model, plan, summarised, exactPlans, where);
    return new PartialRunner(context, segments, options.quantiles ?? []);
  }

  /**
   * @param context - the run, in this thread
   * @param segments - the part's segments, checked
   * @param quantiles - the summary quantile levels the part's windows were placed for
   */
  constructor(
    context: PartContext,
    segments: readonly [number, number],
    quantiles: readonly number[],
  ) {
    const { model, plan } = context;
    const from = segments[0];
    this.context = context;
    this.segments = segments;
    this.quantiles = quantiles;
    this.states = partStates(model, plan, context.summarised, context.exactPlans);
    // Kept nodes (runParallel's) are summarised from their samples: no sketch for them.
    this.fold =
      context.weighing === undefined
        ? undefined
        : new WeightedFold(context.thread.kept.map((kept) => kept === undefined));
    // Every sum is taken about the run's first segment's mean: folded first, that segment sets it
    // (Accumulator.combine); a part that starts later is given it.
    if (from > 0) {
      const shifts = context.shiftsOfRun();
      const accumulators = this.fold?.accumulators ?? this.states.map((s) => s.accumulator);
      accumulators.forEach((a, j) => {
        if (a !== undefined) a.shift = shifts[j];
      });
    }
    this.sinks = sinksOf(this.states).map((sink, j) => combineSinks(sink, context.thread.sinks[j]));
    this.cursor = new SegmentCursor(segments, plan.total, plan.block);
    this.samples = this.cursor.samples;
  }

  /** Whether every segment of the part has been evaluated. */
  get done(): boolean {
    return this.cursor.done;
  }

  /** Samples evaluated so far. */
  get samplesDone(): number {
    return this.cursor.samplesDone;
  }

  /** Evaluates the next block of samples (nothing when done). */
  step(): void {
    if (this.done) return;
    const context = this.context;
    context.plan.signal?.throwIfAborted();
    const { first, length } = this.cursor.take();
    if (this.fold !== undefined) {
      const w = context.evaluateWeighed(first, length);
      this.fold.fold((context.weighing as Weighing).values, w, length);
      return;
    }
    context.evaluate(this.states, this.sinks, first, length);
  }

  /** The part, once {@link PartialRunner.done}. */
  result(): PartialRun {
    if (!this.done) throw new Error('PartialRunner.result: the part is not finished');
    const { model, plan } = this.context;
    const fold = this.fold;
    return {
      format: PARTIAL_FORMAT,
      libraryVersion: LIBRARY_VERSION,
      fingerprint: this.context.fingerprint,
      seed: model.seed,
      samples: plan.total,
      segmentLength: SEGMENT_LENGTH,
      segmentCount: Math.ceil(plan.total / SEGMENT_LENGTH),
      segments: this.segments,
      sampling: plan.design.sampling,
      quantiles: this.quantiles,
      nodes: this.states.map((state, j) => {
        if (fold !== undefined) {
          const weighted = {
            moments: fold.accumulators[j].toData(),
            sketch: (fold.sketches[j] ?? new QuantileSketch()).toWeightedState(),
          };
          return { ...NO_SUMMARY, name: state.name, weighted };
        }
        return {
          name: state.name,
          moments: state.accumulator?.toData() ?? null,
          sketch: state.sketch?.toState() ?? null,
          groupSketches: state.groupSketches?.map((s) => s.toState()) ?? null,
          thresholds: thresholdCounts(state),
          windows: windowCounts(state),
          weighted: null,
        };
      }),
      weights:
        fold === undefined
          ? null
          : { sum: fold.weights.toArray(), squares: fold.weightSquares.toArray() },
    };
  }
}

/** A weighted part's node: every unweighted field empty. */
const NO_SUMMARY = {
  moments: null,
  sketch: null,
  groupSketches: null,
  thresholds: null,
  windows: null,
} as const;

/** A node's counts against its thresholds, from its exact tracker (null without thresholds). */
function thresholdCounts(state: NodeState): PartialThresholds | null {
  if (state.exact === undefined || state.exact.plan.thresholds.length === 0) return null;
  const counts = state.exact.toCounts();
  return { values: state.exact.plan.thresholds, less: counts.less, equal: counts.equal };
}

/** A node's bucket counts for exact quantiles, from its exact tracker (null without windows). */
function windowCounts(state: NodeState): PartialWindows | null {
  const tracker = state.exact;
  if (tracker === undefined || tracker.plan.buckets === 0) return null;
  const counts = tracker.toCounts();
  return { ...gridOf(tracker.plan), counts: counts.counts, seen: counts.seen };
}

/**
 * Options of {@link mergePartials}.
 *
 * @example
 * ```ts
 * import type { MergeOptions } from 'salvo';
 * const options: MergeOptions = { quantiles: [0.99] };
 * options.quantiles; // => [0.99]
 * ```
 */
export interface MergeOptions {
  /**
   * Extra quantile levels for summaries, as `model.run`'s `quantiles` (default: those the parts were
   * made with). With `exactQuantiles` in the parts, the same levels as theirs.
   */
  readonly quantiles?: readonly number[];
  /**
   * The second pass's parts ({@link runGather}), covering the run: with them, the quantiles of the
   * nodes the parts made exact (`exactQuantiles`) are `model.run`'s to the bit; without them, those
   * nodes' quantiles come from the sketch (and say so: `quantileMethod: 'sketch'`).
   */
  readonly gathered?: readonly GatherPart[];
  /** For a model with evidence: as `model.run`'s `minEffectiveSampleSize` (default 1,000). */
  readonly minEffectiveSampleSize?: number;
  /** For a model with evidence: as `model.run`'s `onLowEffectiveSampleSize` (default `'warn'`). */
  readonly onLowEffectiveSampleSize?: 'warn' | 'throw';
}

const MERGE_OPTION_NAMES = optionNames<MergeOptions>()([
  'quantiles',
  'gathered',
  'minEffectiveSampleSize',
  'onLowEffectiveSampleSize',
]);

/**
 * Adds up parts of one run into its result: equal, in every summary, quantile, probability and
 * histogram, to `model.run({ samples, sampling, keep: 'none' })` with the same seed, to the last bit,
 * whatever the order and grouping of the parts. The parts must cover the run's segments exactly once;
 * a part given twice (the same segments, as at-least-once job queues deliver) counts once. Parts of a
 * model with evidence (`.observe`) give its weighted run, with the same effective sample size and
 * warning (or error) as `model.run`.
 * @param model - the model the parts were made from (its fingerprint must match theirs)
 * @param partials - the parts, in any order (decoded with {@link decodePartial}, or as returned)
 * @param options - extra summary quantiles, the second pass's parts, and what to do about weak evidence
 * @returns the run's result (nothing kept)
 * @throws {@link SalvoError} `PARTIAL_MISMATCH` when a part comes from another model, seed, sample
 *   count, sampling, format or salvo version (another version may draw other samples); `PARTIAL_COVERAGE` naming the segments missing or covered twice
 *   by different parts; `INVALID_PARAMETER` for an empty list or a malformed part
 * @example
 * ```ts
 * import { mergePartials, model, normal, runPartial } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * const whole = m.run({ samples: 20_000, keep: 'none' }).summary('x');
 * const parts = [[0, 2], [2, 5]].map(([from, to]) =>
 *   runPartial(m, { samples: 20_000, segments: [from, to] }));
 * mergePartials(m, parts).summary('x').sd === whole.sd; // => true
 * ```
 */
export function mergePartials<Names extends string>(
  model: Model<Names>,
  partials: readonly PartialRun[],
  options: MergeOptions = {},
): ModelRun<Names> {
  const where = 'mergePartials';
  requireObject(where, 'options', options);
  requireKnownOptions(where, 'options', options, MERGE_OPTION_NAMES);
  const evidence = evidenceOptions(where, options);
  const merged = mergeStates(where, model as Model<string>, partials, options.quantiles);
  if (merged.weighted !== undefined) {
    const noneKept = model.nodes.map(() => undefined);
    return weightedResult<Names>(
      where,
      model,
      merged.plan,
      merged.weighted,
      noneKept,
      undefined,
      evidence,
    );
  }
  const questions = exactQuestions(merged.states, merged.plan.probabilities);
  if (options.gathered !== undefined && questions.length > 0) {
    const first = partials[0];
    const asked = new Map(
      questions.map((q) => [merged.states[q.node].name, Array.from(q.buckets)] as const),
    );
    const values = gatheredValues(
      where,
      options.gathered,
      first.fingerprint,
      first.samples,
      first.segmentCount,
      asked,
    );
    for (const q of questions) q.answer(values.get(merged.states[q.node].name) ?? []);
  }
  return new ModelRun<Names>(
    model.seed,
    merged.plan.total,
    merged.states,
    merged.plan.probabilities,
    model.nodes,
  );
}

/**
 * What the second pass must gather so that the merged run's exact quantiles can be found: for each
 * node the parts made exact (`exactQuantiles`), the buckets that the parts' merged counts say hold
 * its summary's order statistics. Undefined when there is nothing to gather (no such node, or every
 * wanted rank fell outside the windows: the merge then reads the sketch, as `model.run` does).
 * @param model - the model the parts were made from
 * @param partials - the first pass's parts, covering the run
 * @param options - the merge's extra quantile levels (default the parts')
 * @returns the request, plain data for {@link runGather} on every part of the run
 * @throws {@link SalvoError} what {@link mergePartials} throws for the parts
 * @example
 * ```ts
 * import { gatherRequest, model, normal, runPartial } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1)).derive('y', 'x * 2');
 * const part = runPartial(m, { samples: 200_000, segments: [0, 49], exactQuantiles: ['y'] });
 * gatherRequest(m, [part])?.nodes[0].gather.length; // => 7 (the buckets that hold the summary's quantiles)
 * ```
 */
export function gatherRequest(
  model: Model<string>,
  partials: readonly PartialRun[],
  options: Pick<MergeOptions, 'quantiles'> = {},
): GatherRequest | undefined {
  const where = 'gatherRequest';
  requireObject(where, 'options', options);
  requireKnownOptions(where, 'options', options, ['quantiles']);
  const merged = mergeStates(where, model, partials, options.quantiles);
  const questions = exactQuestions(merged.states, merged.plan.probabilities);
  if (questions.length === 0) return undefined;
  const first = partials[0];
  return {
    libraryVersion: first.libraryVersion,
    fingerprint: first.fingerprint,
    samples: first.samples,
    sampling: first.sampling,
    segmentCount: first.segmentCount,
    nodes: questions.map((q) => {
      const { keyMin, shift, buckets } = (merged.states[q.node].exact as ExactTracker).plan;
      return {
        name: merged.states[q.node].name,
        keyMin,
        shift,
        buckets,
        gather: Array.from(q.buckets),
      };
    }),
  };
}

/** The parts checked and added up into the run's per-node states (counts merged, nothing answered). */
function mergeStates(
  where: string,
  model: Model<string>,
  partials: readonly PartialRun[],
  quantiles: readonly number[] | undefined,
): { plan: RunPlan; states: NodeState[]; weighted: WeightedSums | undefined } {
  requireSomeParts(where, 'partials', partials, 'partial runs');
  const first: PartialRun = partials[0];
  for (const [i, part] of partials.entries()) requireSameRun(where, part, i, first, model);
  const exactNodes = first.nodes.filter((n) => n.windows !== null).map((n) => n.name);
  if (
    exactNodes.length > 0 &&
    quantiles !== undefined &&
    quantiles.join(',') !== first.quantiles.join(',')
  ) {
    throw new SalvoError(
      'PARTIAL_MISMATCH',
      `${where}: the parts placed the exact windows of ${exactNodes.join(', ')} for the quantiles ${show(first.quantiles)}, and the merge asks for ${show(quantiles)}: leave quantiles out, or make the parts with the same`,
      { parameter: 'quantiles', value: quantiles },
    );
  }
  const plan = planRun(
    model,
    {
      samples: first.samples,
      sampling: first.sampling,
      quantiles: quantiles ?? first.quantiles,
      thresholds: thresholdsOf(first),
      exactQuantiles: exactNodes,
      keep: 'none',
    },
    where,
  );
  const distinct = tilingParts<PartialRun>(
    where,
    partials,
    0,
    first.segmentCount,
    first.segmentCount,
  );
  if (model.observations.length > 0) {
    return { plan, states: [], weighted: weightedSums(where, distinct) };
  }
  const summarised = first.nodes.map((node: PartialNode) => node.moments !== null);
  const states = partStates(model, plan, summarised, exactPlansOf(first));
  for (const part of distinct) addPart(states, part);
  sketchesFromGroups(states);
  return { plan, states, weighted: undefined };
}

/**
 * Adds a part of a run (without evidence) into the run's states: moments, sketches, groups' sketches
 * and exact counts, for the nodes that have them. Exact, so parts may come in any order. Shared by
 * {@link mergePartials} and `runParallel`. Not exported by the package.
 */
export function addPart(states: readonly NodeState[], part: PartialRun): void {
  part.nodes.forEach((node, j) => {
    const state = states[j];
    if (node.moments !== null) state.accumulator?.merge(Accumulator.fromData(node.moments));
    if (node.sketch !== null) state.sketch?.merge(QuantileSketch.fromState(node.sketch));
    node.groupSketches?.forEach((g, k) => {
      state.groupSketches?.[k].merge(QuantileSketch.fromState(g));
    });
    if (node.windows !== null || node.thresholds !== null) {
      state.exact?.mergeCounts({
        counts: node.windows?.counts ?? new Int32Array(0),
        seen: node.windows?.seen ?? [],
        less: node.thresholds?.less ?? [],
        equal: node.thresholds?.equal ?? [],
      });
    }
  });
}

/**
 * A weighted run's sums, added up from its parts (any order, exactly): per node its weighted moments
 * and (where it is sketched) its weighted sketch, and Σw, Σw² over every sample — what its result is
 * made from. Shared by {@link mergePartials}, {@link combinePartials} and `runParallel`. Not exported
 * by the package.
 */
export class WeightedSums extends WeightedFold {
  /** Adds part `index` of a list (named in the error for a malformed part). */
  add(where: string, part: PartialRun, index: number): void {
    if (part.weights === null || part.nodes.some((n) => n.weighted === null)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: partials[${index}] is malformed: it carries the run's weights but not every node's weighted summary`,
        { parameter: `partials[${index}]`, value: part.segments },
      );
    }
    this.weights.addSum(ExactSum.fromArray(part.weights.sum));
    this.weightSquares.addSum(ExactSum.fromArray(part.weights.squares));
    part.nodes.forEach((node, j) => {
      const weighted = node.weighted as PartialWeightedNode;
      this.accumulators[j].merge(WeightedAccumulator.fromData(weighted.moments));
      this.sketches[j]?.merge(QuantileSketch.fromWeightedState(weighted.sketch));
    });
  }
}

/** The weighted sums of parts that cover a run (or a range of it). */
function weightedSums(where: string, parts: readonly PartialRun[]): WeightedSums {
  const sums = new WeightedSums(parts[0].nodes.map(() => true));
  parts.forEach((part, i) => {
    sums.add(where, part, i);
  });
  return sums;
}

/** The exact plans a part's nodes were counted against: windows and thresholds, by node. */
function exactPlansOf(part: PartialRun): Map<string, ExactPlan> {
  const plans = new Map<string, ExactPlan>();
  for (const node of part.nodes) {
    if (node.windows === null && node.thresholds === null) continue;
    const w = node.windows;
    plans.set(node.name, {
      ...gridOf(w ?? NO_WINDOWS),
      thresholds: node.thresholds?.values ?? [],
    });
  }
  return plans;
}

/**
 * Adds parts of one run that cover a range of segments with no gap into one part of that range — what
 * a reduce step of a job system returns (salvo/bullmq's merge job), so that the final merge reads one
 * part instead of thousands. Exact like {@link mergePartials}: merging the combined part gives the
 * same bits as merging its parts. Needs no model: the parts are checked against each other (same
 * fingerprint, samples, sampling, versions, nodes); {@link mergePartials} checks the model.
 * @param partials - parts of one run, in any order; an identical duplicate counts once
 * @returns one part covering from the smallest first segment to the largest end
 * @throws {@link SalvoError} `PARTIAL_MISMATCH` for parts of different runs; `PARTIAL_COVERAGE` for a
 *   gap or an overlap inside the range; `INVALID_PARAMETER` for an empty list or a malformed part
 * @example
 * ```ts
 * import { combinePartials, mergePartials, model, normal, runPartial } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * const part = (from: number, to: number) => runPartial(m, { samples: 40_000, segments: [from, to] });
 * const firstHalf = combinePartials([part(0, 2), part(2, 5)]);
 * firstHalf.segments; // => [0, 5]
 * mergePartials(m, [firstHalf, part(5, 10)]).summary('x').mean ===
 *   m.run({ samples: 40_000, keep: 'none' }).summary('x').mean; // => true
 * ```
 */
export function combinePartials(partials: readonly PartialRun[]): PartialRun {
  const where = 'combinePartials';
  requireSomeParts(where, 'partials', partials, 'partial runs');
  const first = partials[0];
  for (const [i, part] of partials.entries()) requireSameRun(where, part, i, first, undefined);
  const { start, end, distinct } = spannedParts<PartialRun>(where, partials, first.segmentCount);
  const [head, ...rest] = distinct;
  if (head.weights !== null) {
    const sums = weightedSums(where, distinct);
    return {
      ...head,
      segments: [start, end],
      nodes: head.nodes.map((node, j) => ({
        ...NO_SUMMARY,
        name: node.name,
        weighted: {
          moments: sums.accumulators[j].toData(),
          sketch: (sums.sketches[j] as QuantileSketch).toWeightedState(),
        },
      })),
      weights: { sum: sums.weights.toArray(), squares: sums.weightSquares.toArray() },
    };
  }
  const nodes = head.nodes.map((node, j) => {
    if (node.moments === null || node.sketch === null) return node;
    const moments = Accumulator.fromData(node.moments);
    const sketch = QuantileSketch.fromState(node.sketch);
    const groupSketches = node.groupSketches?.map((g) => QuantileSketch.fromState(g));
    for (const part of rest) {
      const other = part.nodes[j];
      moments.merge(Accumulator.fromData(other.moments as AccumulatorData));
      sketch.merge(QuantileSketch.fromState(other.sketch as QuantileSketchState));
      other.groupSketches?.forEach((g, k) => {
        groupSketches?.[k].merge(QuantileSketch.fromState(g));
      });
    }
    let thresholds = node.thresholds;
    if (thresholds !== null) {
      const less = [...thresholds.less];
      const equal = [...thresholds.equal];
      for (const part of rest) {
        const other = part.nodes[j].thresholds as PartialThresholds;
        other.less.forEach((c, t) => {
          less[t] += c;
        });
        other.equal.forEach((c, t) => {
          equal[t] += c;
        });
      }
      thresholds = { values: thresholds.values, less, equal };
    }
    let windows = node.windows;
    if (windows !== null) {
      const counts = windows.counts.slice();
      const seen = [...windows.seen];
      for (const part of rest) {
        const other = part.nodes[j].windows as PartialWindows;
        for (let b = 0; b < counts.length; b++) counts[b] += other.counts[b];
        other.seen.forEach((c, w) => {
          seen[w] += c;
        });
      }
      windows = { ...windows, counts, seen };
    }
    return {
      name: node.name,
      moments: moments.toData(),
      sketch: sketch.toState(),
      groupSketches: groupSketches?.map((g) => g.toState()) ?? null,
      thresholds,
      windows,
      weighted: null,
    };
  });
  return { ...head, segments: [start, end], nodes };
}

/**
 * Which nodes a part summarises: every node, or with `lazyInputs` every node but the inputs outside
 * correlation groups.
 */
function summarisedNodes(model: Model<string>, plan: RunPlan, lazyInputs: boolean): boolean[] {
  return model.nodes.map(
    (node) =>
      !lazyInputs ||
      node.kind !== 'input' ||
      plan.thresholds.has(node.name) ||
      plan.exactQuantiles.has(node.name) ||
      plan.correlations.some((group) => group.names.includes(node.name)),
  );
}

/**
 * Fresh per-node states of a part: moments, a sketch and (under a design) a sketch per group for the
 * summarised nodes; the others (inputs left out) are drawn again on request, as in `model.run`.
 */
function partStates(
  model: Model<string>,
  plan: PartPlan,
  summarised: readonly boolean[],
  exactPlans: ReadonlyMap<string, ExactPlan>,
): NodeState[] {
  const groups = plan.design.groups;
  const root = seedWords(model.seed);
  const dimensions = inputDimensions(model.nodes);
  return model.nodes.map((node, j) => ({
    name: node.name,
    kept: undefined,
    accumulator: summarised[j] ? new Accumulator(groups) : undefined,
    sketch: summarised[j] ? new QuantileSketch() : undefined,
    groupSketches: summarised[j] ? createGroupSketches(groups) : undefined,
    redrawn: summarised[j]
      ? undefined
      : redrawOnRequest(node, root, plan.total, plan.design, dimensions[j]),
    // Counts only: the values at the wanted ranks are gathered by a second pass (src/model/gather.ts).
    exact:
      summarised[j] && exactPlans.has(node.name)
        ? new ExactTracker(exactPlans.get(node.name) as ExactPlan, 'runPartial', false)
        : undefined,
    groups,
  }));
}

/** The thresholds a part counted, by node (as `thresholds` options). */
function thresholdsOf(part: PartialRun): Record<string, readonly number[]> {
  return Object.fromEntries(
    part.nodes.flatMap((n) => (n.thresholds === null ? [] : [[n.name, n.thresholds.values]])),
  );
}

/**
 * Throws `PARTIAL_MISMATCH` unless `part` belongs to the same run as `first` and to `model` (to the
 * run of `first` alone when no model is given).
 */
function requireSameRun(
  where: string,
  part: PartialRun,
  index: number,
  first: PartialRun,
  model: Model<string> | undefined,
): void {
  if (typeof part !== 'object' || part === null || !Array.isArray(part.nodes)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: partials[${index}] is not a partial run (made by runPartial or decodePartial), got ${show(part)}`,
      { parameter: `partials[${index}]`, value: part },
    );
  }
  const mismatch = (what: string, theirs: unknown, ours: unknown): never => {
    throw new SalvoError(
      'PARTIAL_MISMATCH',
      `${where}: partials[${index}] ${what} ${show(theirs)}, where ${ours}`,
      { parameter: `partials[${index}]`, value: theirs },
    );
  };
  if (part.format !== PARTIAL_FORMAT) {
    mismatch('has format', part.format, `this salvo reads format ${PARTIAL_FORMAT}`);
  }
  if (part.libraryVersion !== LIBRARY_VERSION) {
    // Another version may draw other samples from the same seed: its parts are not this run's.
    mismatch('was made by salvo', part.libraryVersion, `this is salvo ${LIBRARY_VERSION}`);
  }
  const fingerprint = model === undefined ? first.fingerprint : modelFingerprint(model);
  if (part.fingerprint !== fingerprint) {
    mismatch(
      'comes from a model with fingerprint',
      part.fingerprint,
      `${model === undefined ? 'partials[0] has' : 'the model given has'} ${fingerprint} (a different seed, node, distribution, parameter, expression or correlation)`,
    );
  }
  for (const key of ['samples', 'sampling', 'segmentLength', 'segmentCount'] as const) {
    if (part[key] !== first[key]) {
      mismatch(`has ${key}`, part[key], `partials[0] has ${show(first[key])}`);
    }
  }
  const names = (model?.nodes ?? first.nodes).map((n) => n.name);
  if (part.nodes.length !== names.length || part.nodes.some((n, j) => n.name !== names[j])) {
    mismatch(
      'has nodes',
      part.nodes.map((n) => n.name),
      `${model === undefined ? 'partials[0]' : 'the model'} has ${names.join(', ')}`,
    );
  }
  const weighted = model === undefined ? first.weights !== null : model.observations.length > 0;
  if ((part.weights !== null) !== weighted) {
    const theirs = part.weights === null ? 'carries no weights' : 'carries weights';
    const ours =
      model === undefined
        ? `partials[0] ${weighted ? 'does' : 'does not'}`
        : `the model ${weighted ? 'observes evidence (.observe)' : 'observes none'}`;
    throw new SalvoError(
      'PARTIAL_MISMATCH',
      `${where}: partials[${index}] (segments [${part.segments.join(', ')})) ${theirs}, where ${ours}: every part of a run is made from the same model, observations included`,
      { parameter: `partials[${index}]`, value: part.segments },
    );
  }
  const summarises = (p: PartialRun) =>
    p.nodes.filter((n) => n.moments !== null).map((n) => n.name);
  const thresholdText = (p: PartialRun) =>
    p.nodes
      .map(
        (n) =>
          `${n.name}:${n.thresholds?.values.map((t) => (Object.is(t, -0) ? '-0' : String(t))).join(',') ?? ''}`,
      )
      .join(';');
  const windowText = (p: PartialRun) =>
    JSON.stringify(p.nodes.map((n) => (n.windows === null ? null : gridOf(n.windows))));
  if (
    windowText(part) !== windowText(first) ||
    part.quantiles.join(',') !== first.quantiles.join(',')
  ) {
    mismatch(
      'placed other exact windows or quantile levels',
      part.quantiles,
      `partials[0]'s (give every part the same exactQuantiles and quantiles)`,
    );
  }
  if (thresholdText(part) !== thresholdText(first)) {
    mismatch(
      'counts the thresholds',
      thresholdsOf(part),
      `partials[0] counts ${show(thresholdsOf(first))} (give every part the same thresholds)`,
    );
  }
  if (summarises(part).join('\u0000') !== summarises(first).join('\u0000')) {
    mismatch(
      'summarises the nodes',
      summarises(part),
      `partials[0] summarises ${summarises(first).join(', ')} (give every part the same lazyInputs)`,
    );
  }
}
