/**
 * What a run holds per node — kept samples, moments folded during the run, a sketch, exact windows —
 * and how a summary finds a node's moments and sketch: folded during the run, computed on first
 * request from kept samples, or made by drawing an unkept input again.
 * @module
 */
import type { Distribution } from '../distributions/types.js';
import { seedWords } from '../rng/seed.js';
import { Accumulator, SEGMENT_STATS, segmentStats } from '../samples/segmentMoments.js';
import { QuantileSketch } from '../sketch/sketch.js';
import { allocateFloat64 } from './allocate.js';
import { type ModelDefinition, type NodeSpec, SEGMENT_LENGTH } from './definition.js';
import { RANDOM_DESIGN, type SamplingDesign } from './design.js';
import { fillInput, inputDimensions } from './evaluate.js';
import { type ExactPlan, ExactTracker } from './exact.js';
import { atKnownLevels, type KnownQuantiles } from './knownQuantiles.js';
import type { RunPlan } from './plan.js';

/** What a run holds per node. */
export interface NodeState {
  readonly name: string;
  /** All samples, when the node is kept. */
  readonly kept: Float64Array | undefined;
  /**
   * Moments folded during the run, for the nodes whose samples cannot be had again cheaply: unkept
   * derived nodes (and the targets of `until`, whose moments decide when to stop). `undefined` for
   * the others, whose moments {@link accumulatorOf} computes on first request.
   */
  readonly accumulator: Accumulator | undefined;
  /** The streaming sketch of an unkept derived node, filled during the run. */
  readonly sketch: QuantileSketch | undefined;
  /**
   * Under a sampling design, for an unkept derived node: a sketch per group of segments (segment k in
   * group k mod groups), filled during the run beside `sketch`, for the errors of its quantiles and
   * probabilities.
   */
  readonly groupSketches: readonly QuantileSketch[] | undefined;
  /**
   * For an unkept input: its sketch and moments, made on first request by drawing the input again.
   * An input's samples are a function of (seed, name, segment), so they are exactly the ones the run
   * would have built, and a run whose callers only ask about outputs never pays for summarising inputs.
   */
  readonly redrawn: (() => Redrawn) | undefined;
  /**
   * For an unkept node named in `exactQuantiles` or `thresholds`: its windows and threshold counts,
   * filled during the run (see src/model/exact.ts).
   */
  readonly exact: ExactTracker | undefined;
  /**
   * The groups of segments that error estimates come from under the run's sampling design (1 for
   * random sampling): every accumulator of the node tracks its groups' means.
   */
  readonly groups: number;
}

/** An unkept input's sketch and moments, from drawing it again. */
export interface Redrawn {
  readonly sketch: QuantileSketch;
  readonly accumulator: Accumulator;
  /** Under a sampling design: a sketch per group of segments. */
  readonly groupSketches: readonly QuantileSketch[] | undefined;
}

/** The sketch behind an unkept node's quantiles, probabilities and histograms. */
export function sketchOf(state: NodeState): QuantileSketch {
  return (state.sketch ?? state.redrawn?.().sketch) as QuantileSketch;
}

/** An unkept node's sketches per group of segments under a sampling design; undefined otherwise. */
export function groupSketchesOf(state: NodeState): readonly QuantileSketch[] | undefined {
  return state.groupSketches ?? state.redrawn?.().groupSketches;
}

/** A sketch per group of a design with `groups` groups; undefined for random sampling (one group). */
export function createGroupSketches(groups: number): QuantileSketch[] | undefined {
  return groups > 1 ? Array.from({ length: groups }, () => new QuantileSketch()) : undefined;
}

/** Moments of kept arrays, computed on first request or handed over by worker threads. */
const keptMoments = new WeakMap<Float64Array, Accumulator>();

/**
 * A node's moments and extremes: folded during the run, or computed on first request — from the kept
 * samples, segment by segment in order (so bit-identical to folding them during the run), or by
 * drawing an unkept input again.
 */
export function accumulatorOf(state: NodeState): Accumulator {
  if (state.accumulator !== undefined) return state.accumulator;
  const kept = state.kept;
  if (kept === undefined) {
    if (state.redrawn === undefined) throw new Error(`salvo: node ${state.name} has no moments`);
    return state.redrawn().accumulator;
  }
  let accumulator = keptMoments.get(kept);
  if (accumulator === undefined) {
    accumulator = keptAccumulator(kept, state.groups);
    keptMoments.set(kept, accumulator);
  }
  return accumulator;
}

/**
 * The moments of all of `values`, folded segment by segment in order (with the means of `groups`
 * groups of segments under a sampling design).
 */
export function keptAccumulator(values: Float64Array, groups = 1): Accumulator {
  return foldValues(values, new Accumulator(groups));
}

/**
 * Folds `values`, samples from sample `first` of the run on (a segment's start), into `accumulator`
 * segment by segment, as a run folds them; returns the accumulator.
 */
function foldValues(values: Float64Array, accumulator: Accumulator, first = 0): Accumulator {
  const stats = new Float64Array(SEGMENT_STATS);
  for (let s = 0; s < values.length; s += SEGMENT_LENGTH) {
    segmentStats(values, s, Math.min(s + SEGMENT_LENGTH, values.length), stats, 0);
    accumulator.combine(stats, 0, (first + s) / SEGMENT_LENGTH);
  }
  return accumulator;
}

/** Quantiles of kept arrays computed by worker threads: the levels asked and their values. */
const keptQuantiles = new WeakMap<Float64Array, KnownQuantiles>();

/**
 * Records what a worker thread computed for a kept array — its moments (see {@link keptAccumulator})
 * and its quantiles at `levels` — so that a summary on the calling thread need not compute them.
 */
export function rememberKept(
  kept: Float64Array,
  accumulator: Accumulator,
  levels: readonly number[],
  values: readonly number[],
): void {
  keptMoments.set(kept, accumulator);
  keptQuantiles.set(kept, { levels, values });
}

/** The quantiles of `kept` at the levels `ps`, when a worker thread computed them all; else undefined. */
export function knownQuantiles(kept: Float64Array, ps: readonly number[]): number[] | undefined {
  return atKnownLevels(keptQuantiles.get(kept), ps);
}

/**
 * Draws samples [0, total) of an input again, block by block, into a new sketch and the moments of its
 * segments, folded in order (as a run would fold them).
 */
function redrawInput(
  dist: Distribution,
  root: Uint32Array,
  name: string,
  total: number,
  design: SamplingDesign,
  dimension: number,
): Redrawn {
  const sketch = new QuantileSketch();
  const accumulator = new Accumulator(design.groups);
  const groupSketches = createGroupSketches(design.groups);
  const groupSink = groupSketches === undefined ? undefined : groupedSink(groupSketches);
  const buffer = new Float64Array(Math.min(total, REDRAW_BLOCK));
  for (let first = 0; first < total; first += REDRAW_BLOCK) {
    const values = buffer.subarray(0, Math.min(REDRAW_BLOCK, total - first));
    fillInput(dist, root, name, first, values, design, dimension);
    if (groupSink === undefined) sketch.addAll(values);
    else groupSink.addAll(values, first);
    foldValues(values, accumulator, first);
  }
  sketchesFromGroups([{ sketch, groupSketches }]);
  return { sketch, accumulator, groupSketches };
}

const REDRAW_BLOCK = 65_536;

/** Whether the run sketches node `node` as it goes: unkept derived nodes (unkept inputs are redrawn). */
export function sketchedDuringRun(node: NodeSpec, kept: boolean): boolean {
  return !kept && node.kind !== 'input';
}

/**
 * Whether the run folds the moments of node `node` as it goes: unkept derived nodes, and the nodes
 * `plan` needs them for — the targets of `until` (their moments decide when to stop) and unkept
 * inputs in a correlation group (drawn again, their values would come in another order within each
 * segment, and the sums round differently). Kept nodes' moments come from their samples and other
 * unkept inputs' from drawing them again, on first request ({@link accumulatorOf}).
 */
export function foldedDuringRun(
  node: NodeSpec,
  kept: boolean,
  plan: Pick<RunPlan, 'until' | 'correlations'>,
): boolean {
  if (sketchedDuringRun(node, kept)) return true;
  if (plan.until?.nodes.includes(node.name)) return true;
  return !kept && plan.correlations.some((group) => group.names.includes(node.name));
}

/**
 * Creates each node's state: a full-length array when kept (over a `SharedArrayBuffer` when `shared`);
 * otherwise a sketch filled during the run (derived nodes) or redrawn on first request (inputs). Moments
 * are folded during the run only where {@link foldedDuringRun} says so. `where` names the caller in an
 * `OUT_OF_MEMORY` error.
 */
export function createStates(
  m: ModelDefinition,
  plan: RunPlan,
  where: string,
  exact: ReadonlyMap<string, ExactPlan> = new Map(),
  shared = false,
): NodeState[] {
  const root = seedWords(m.seed);
  const dimensions = inputDimensions(m.nodes);
  const groups = plan.design.groups;
  return m.nodes.map((node, j) => {
    const kept = plan.keptNames.has(node.name)
      ? allocateFloat64(where, `the kept samples of '${node.name}'`, plan.total, shared)
      : undefined;
    const exactPlan = exact.get(node.name);
    return {
      exact: exactPlan === undefined ? undefined : new ExactTracker(exactPlan, where),
      name: node.name,
      kept,
      accumulator: foldedDuringRun(node, kept !== undefined, plan)
        ? new Accumulator(groups)
        : undefined,
      sketch: sketchedDuringRun(node, kept !== undefined) ? new QuantileSketch() : undefined,
      groupSketches: sketchedDuringRun(node, kept !== undefined)
        ? createGroupSketches(groups)
        : undefined,
      redrawn:
        kept === undefined
          ? redrawOnRequest(node, root, plan.total, plan.design, dimensions[j])
          : undefined,
      groups,
    };
  });
}

/** For an unkept input, a function that draws it again on its first call; undefined for other nodes. */
export function redrawOnRequest(
  node: NodeSpec,
  root: Uint32Array,
  total: number,
  design: SamplingDesign,
  dimension: number,
): (() => Redrawn) | undefined {
  if (node.kind !== 'input') return undefined;
  let cached: Redrawn | undefined;
  return () => {
    cached ??= redrawInput(node.dist, root, node.name, total, design, dimension);
    return cached;
  };
}

/**
 * Something a run hands a node's values to, block by block: a sketch, an exact tracker, a sketch per
 * group. `first` is the index of the block's first sample (a segment's start).
 */
export interface Sink {
  addAll(values: Float64Array, first: number): unknown;
}

/** A sink that hands values to `target` regardless of their place (a sketch, an exact tracker). */
export function sinkOf(target: { addAll(values: Float64Array): unknown }): Sink {
  return { addAll: (values) => target.addAll(values) };
}

/** A sink that hands each segment of a block to the sketch of its group (segment k: group k mod G). */
export function groupedSink(sketches: readonly QuantileSketch[]): Sink {
  const groups = sketches.length;
  return {
    addAll(values: Float64Array, first: number) {
      for (let offset = 0; offset < values.length; offset += SEGMENT_LENGTH) {
        const group = ((first + offset) / SEGMENT_LENGTH) % groups;
        sketches[group].addAll(values, offset, Math.min(offset + SEGMENT_LENGTH, values.length));
      }
    },
  };
}

/** One sink feeding every given sink (any may be missing); undefined when none is given. */
export function combineSinks(...sinks: (Sink | undefined)[]): Sink | undefined {
  const present = sinks.filter((s): s is Sink => s !== undefined);
  if (present.length <= 1) return present[0];
  return {
    addAll(values: Float64Array, first: number) {
      for (const sink of present) sink.addAll(values, first);
    },
  };
}

/**
 * Per node, what its values are handed to during the run: its sketch, its exact tracker, and its
 * sketches per group under a sampling design.
 */
export function sinksOf(
  states: readonly Pick<NodeState, 'sketch' | 'exact' | 'groupSketches'>[],
): (Sink | undefined)[] {
  return states.map((state) =>
    combineSinks(
      // A node sketched per group gets its overall sketch from theirs at the end (sketchesFromGroups).
      state.sketch === undefined || state.groupSketches !== undefined
        ? undefined
        : sinkOf(state.sketch),
      state.exact === undefined ? undefined : sinkOf(state.exact),
      state.groupSketches === undefined ? undefined : groupedSink(state.groupSketches),
    ),
  );
}

/**
 * At the end of a run, the overall sketch of each node sketched per group: the merge of its groups'
 * sketches. Bucket counts add exactly, so this equals a sketch fed every value, for half the work
 * during the run. Call once, after every group sketch is complete.
 */
export function sketchesFromGroups(
  states: readonly Pick<NodeState, 'sketch' | 'groupSketches'>[],
): void {
  for (const state of states) {
    if (state.sketch === undefined || state.groupSketches === undefined) continue;
    for (const group of state.groupSketches) state.sketch.merge(group);
  }
}

/**
 * The states of a run that stopped after `count` samples (of the `plan.total` it allowed): kept arrays
 * cut to `count`, unkept inputs redrawn over `count` samples when asked.
 */
export function trimStates(
  m: ModelDefinition,
  states: readonly NodeState[],
  count: number,
  design: SamplingDesign = RANDOM_DESIGN,
): NodeState[] {
  const root = seedWords(m.seed);
  const dimensions = inputDimensions(m.nodes);
  return states.map((state, j) => ({
    ...state,
    kept: state.kept?.subarray(0, count),
    redrawn:
      state.kept === undefined
        ? redrawOnRequest(m.nodes[j], root, count, design, dimensions[j])
        : undefined,
  }));
}
