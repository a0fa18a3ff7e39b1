/**
 * The evaluation engine shared by single-thread runs and worker threads: option checks, block
 * evaluation of a model into buffers, and per-segment statistics that combine in segment order.
 *
 * Determinism: every statistic is first computed per segment (a fixed run of SEGMENT_LENGTH samples)
 * and segment statistics are folded into a node's {@link Accumulator} strictly in segment order. A
 * worker therefore ships its segments' statistics (six numbers each) instead of folding them itself,
 * and the main thread folds them in order: the result is bit-identical to a single-thread run whatever
 * the block size or the number of workers.
 * @internal
 * @module
 */
import type { Distribution } from '../distributions/types.js';
import { SalvoError } from '../errors.js';
import { deriveRng, seedWords } from '../rng/seed.js';
import { typeSevenQuantiles, typeSevenRanks } from '../samples/quantiles.js';
import { Samples } from '../samples/samples.js';
import { DEFAULT_SUMMARY_PROBABILITIES } from '../samples/summarize.js';
import { QuantileSketch } from '../sketch/sketch.js';
import { invalidParameter, show } from '../validate.js';
import { type CorrelationGroup, planCorrelations, RankInducer } from './correlation.js';
import {
  askOrderStatistics,
  type ExactPlan,
  ExactTracker,
  NO_WINDOWS,
  pilotLength,
  planExactOptions,
  planWindows,
} from './exact.js';
import { outputsOf } from './graph.js';
import { fillInput, type Model, type NodeSpec, SEGMENT_LENGTH } from './model.js';
import { CHECK_INTERVAL, planUntil, summaryLevels, type UntilPlan } from './precision.js';
import type { RunOptions } from './run.js';

/** Numbers per segment in a statistics array: count, nonFinite, mean, m2, min, max. */
export const SEGMENT_STATS = 6;

/**
 * Writes the statistics of `values[start, end)` at `stats[at .. at + 6)`: finite count, non-finite
 * count, mean and sum of squared deviations (two-pass with a correction term), min and max.
 *
 * Every sum is split into two lanes (even and odd positions) added at the end: a single running sum
 * is a chain of dependent additions, one FP-add latency per value, and two independent chains halve
 * it. The common case — every value finite — runs without a per-value finiteness test; the sum says
 * whether it applies (one NaN or infinity makes it non-finite), and otherwise {@link
 * segmentStatsSkipping} redoes the segment. (`npx tsx benchmarks/segment-stats.ts`, 2026-11-27:
 * 1.55 ns per value on 4,096-value segments, against 2.89 for the one-lane loop with a test per value.)
 */
export function segmentStats(
  values: Float64Array,
  start: number,
  end: number,
  stats: Float64Array,
  at: number,
): void {
  let sumEven = 0;
  let sumOdd = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const pairsEnd = end - ((end - start) & 1);
  let i = start;
  for (; i < pairsEnd; i += 2) {
    const x = values[i];
    const y = values[i + 1];
    sumEven += x;
    sumOdd += y;
    if (x < min) min = x;
    if (x > max) max = x;
    if (y < min) min = y;
    if (y > max) max = y;
  }
  if (i < end) {
    const x = values[i];
    sumEven += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const sum = sumEven + sumOdd;
  // NaN or ±Infinity among the values (or finite values whose sum overflows): the careful path.
  if (sum - sum !== 0) {
    segmentStatsSkipping(values, start, end, stats, at);
    return;
  }
  const count = end - start;
  const mean = sum / count;
  let squaresEven = 0;
  let squaresOdd = 0;
  let deviationsEven = 0;
  let deviationsOdd = 0;
  for (i = start; i < pairsEnd; i += 2) {
    const d = values[i] - mean;
    const e = values[i + 1] - mean;
    squaresEven += d * d;
    squaresOdd += e * e;
    deviationsEven += d;
    deviationsOdd += e;
  }
  if (i < end) {
    const d = values[i] - mean;
    squaresEven += d * d;
    deviationsEven += d;
  }
  const correction = deviationsEven + deviationsOdd;
  stats[at] = count;
  stats[at + 1] = 0;
  stats[at + 2] = mean;
  stats[at + 3] = squaresEven + squaresOdd - (correction * correction) / count;
  stats[at + 4] = min;
  stats[at + 5] = max;
}

/**
 * {@link segmentStats} for a segment holding non-finite values (or whose sum overflows): skips them,
 * one lane, with a test per value. Exported for the tests and benchmarks/segment-stats.ts.
 */
export function segmentStatsSkipping(
  values: Float64Array,
  start: number,
  end: number,
  stats: Float64Array,
  at: number,
): void {
  let count = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = start; i < end; i++) {
    const x = values[i];
    if (x - x !== 0) continue;
    count++;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  let mean = 0;
  let m2 = 0;
  if (count > 0) {
    mean = sum / count;
    let correction = 0;
    for (let i = start; i < end; i++) {
      const x = values[i];
      if (x - x !== 0) continue;
      const d = x - mean;
      m2 += d * d;
      correction += d;
    }
    m2 -= (correction * correction) / count;
  }
  stats[at] = count;
  stats[at + 1] = end - start - count;
  stats[at + 2] = mean;
  stats[at + 3] = m2;
  stats[at + 4] = min;
  stats[at + 5] = max;
}

/** Moments and extremes of one node, folded segment by segment in segment order (Chan et al. 1979). */
export class Accumulator {
  count = 0;
  nonFinite = 0;
  mean = 0;
  m2 = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  /** The fields as data: count, nonFinite, mean, m2, min, max. */
  toData(): AccumulatorData {
    return [this.count, this.nonFinite, this.mean, this.m2, this.min, this.max];
  }

  /** An accumulator holding the fields of {@link Accumulator.toData}. */
  static fromData(data: AccumulatorData): Accumulator {
    const a = new Accumulator();
    [a.count, a.nonFinite, a.mean, a.m2, a.min, a.max] = data;
    return a;
  }

  /** Folds in one segment's statistics, read from `stats[at .. at + 6)`. */
  combine(stats: Float64Array, at: number): void {
    const count = stats[at];
    this.nonFinite += stats[at + 1];
    if (stats[at + 4] < this.min) this.min = stats[at + 4];
    if (stats[at + 5] > this.max) this.max = stats[at + 5];
    if (count === 0) return;
    const total = this.count + count;
    const delta = stats[at + 2] - this.mean;
    this.mean += (delta * count) / total;
    this.m2 += stats[at + 3] + ((delta * delta * this.count) / total) * count;
    this.count = total;
  }
}

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
}

/** An unkept input's sketch and moments, from drawing it again. */
export interface Redrawn {
  readonly sketch: QuantileSketch;
  readonly accumulator: Accumulator;
}

/** The sketch behind an unkept node's quantiles, probabilities and histograms. */
export function sketchOf(state: NodeState): QuantileSketch {
  return (state.sketch ?? state.redrawn?.().sketch) as QuantileSketch;
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
    accumulator = keptAccumulator(kept);
    keptMoments.set(kept, accumulator);
  }
  return accumulator;
}

/** The moments of all of `values`, folded segment by segment in order. */
export function keptAccumulator(values: Float64Array): Accumulator {
  return foldSegments(values, new Accumulator());
}

/**
 * Folds `values` (whose first element starts a segment) into `accumulator`, segment by segment in
 * order, as a run folds them; returns the accumulator.
 */
function foldSegments(values: Float64Array, accumulator: Accumulator): Accumulator {
  const stats = new Float64Array(SEGMENT_STATS);
  for (let s = 0; s < values.length; s += SEGMENT_LENGTH) {
    segmentStats(values, s, Math.min(s + SEGMENT_LENGTH, values.length), stats, 0);
    accumulator.combine(stats, 0);
  }
  return accumulator;
}

/** Quantiles of kept arrays computed by worker threads: the levels asked and their values. */
const keptQuantiles = new WeakMap<Float64Array, KnownQuantiles>();

/** Quantiles a run already found: the levels and their values, index-aligned. */
export interface KnownQuantiles {
  readonly levels: readonly number[];
  readonly values: readonly number[];
}

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

/** The values of `known` at the levels `ps`, when it holds every one of them; else undefined. */
export function atKnownLevels(
  known: KnownQuantiles | undefined,
  ps: readonly number[],
): number[] | undefined {
  if (known === undefined) return undefined;
  const values: number[] = [];
  for (const p of ps) {
    const at = known.levels.indexOf(p);
    if (at < 0) return undefined;
    values.push(known.values[at]);
  }
  return values;
}

/** Accumulator fields as data (for messages between threads), in {@link Accumulator.fromData}'s order. */
export type AccumulatorData = readonly [number, number, number, number, number, number];

/**
 * Draws samples [0, total) of an input again, block by block, into a new sketch and the moments of its
 * segments, folded in order (as a run would fold them).
 */
function redrawInput(dist: Distribution, root: Uint32Array, name: string, total: number): Redrawn {
  const sketch = new QuantileSketch();
  const accumulator = new Accumulator();
  const buffer = new Float64Array(Math.min(total, REDRAW_BLOCK));
  for (let first = 0; first < total; first += REDRAW_BLOCK) {
    const values = buffer.subarray(0, Math.min(REDRAW_BLOCK, total - first));
    fillInput(dist, root, name, first, values);
    sketch.addAll(values);
    foldSegments(values, accumulator);
  }
  return { sketch, accumulator };
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

/** Checked run options: everything evaluation needs, decided before any sampling. */
export interface RunPlan {
  readonly total: number;
  /** The block length actually used (at most the sample count rounded up to a segment). */
  readonly block: number;
  readonly keptNames: ReadonlySet<string>;
  /** Summary quantile levels: the defaults and the requested extras. */
  readonly probabilities: readonly number[];
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
  /** Groups of rank-correlated inputs, checked. */
  readonly correlations: readonly CorrelationGroup[];
  /** The stopping rule, when the run draws until a precision is reached (`total` is then its maximum). */
  readonly until: UntilPlan | undefined;
  /** Unkept nodes whose summary quantiles are made exact by windows (`exactQuantiles`). */
  readonly exactQuantiles: ReadonlySet<string>;
  /** Unkept nodes' thresholds, whose comparisons are counted exactly (`thresholds`). */
  readonly thresholds: ReadonlyMap<string, readonly number[]>;
  /** The memory budget in bytes (`memoryBudgetBytes`). */
  readonly budget: number;
}

const DEFAULT_BLOCK = 65_536;
const MAX_BLOCK = 2 ** 26;
const GIB = 2 ** 30;

/** Checks a run's options against a model and decides the block length. Throws before any work. */
export function planRun(m: Model<string>, options: RunOptions<string>, where: string): RunPlan {
  if (typeof options !== 'object' || options === null) {
    throw invalidParameter(
      where,
      'options',
      `options must be an object such as { samples: 100000 }, got ${show(options)}`,
      options,
    );
  }
  let until: UntilPlan | undefined;
  if (options.until !== undefined) {
    if (options.samples !== undefined) {
      throw invalidParameter(
        where,
        'samples',
        `give either samples or until, not both (until draws as many samples as its precision needs, up to until.maxSamples); got samples = ${show(options.samples)}`,
        options.samples,
      );
    }
    until = planUntil(
      where,
      options.until,
      m.nodes.map((n) => n.name),
      outputsOf(m.nodes),
    );
  }
  const total = until !== undefined ? until.maxSamples : options.samples;
  if (typeof total !== 'number' || !Number.isSafeInteger(total) || total < 1) {
    throw new SalvoError(
      'INVALID_SAMPLE_COUNT',
      `${where}: samples must be a positive integer (or give until instead), got ${show(total)}`,
      { parameter: 'samples', value: total },
    );
  }
  const blockSize = options.blockSize ?? DEFAULT_BLOCK;
  if (
    typeof blockSize !== 'number' ||
    !Number.isSafeInteger(blockSize) ||
    blockSize < SEGMENT_LENGTH ||
    blockSize % SEGMENT_LENGTH !== 0 ||
    blockSize > MAX_BLOCK
  ) {
    throw invalidParameter(
      where,
      'blockSize',
      `blockSize must be a multiple of ${SEGMENT_LENGTH} between ${SEGMENT_LENGTH} and ${MAX_BLOCK}, got ${show(blockSize)}`,
      blockSize,
    );
  }
  if (m.nodes.length === 0) {
    throw invalidParameter(
      where,
      'model',
      'the model has no nodes; add one with .input(name, dist)',
      m.nodes.length,
    );
  }
  const names = m.nodes.map((n) => n.name);
  const keep = options.keep ?? 'all';
  let keptNames: Set<string>;
  if (keep === 'all') keptNames = new Set(names);
  else if (keep === 'none') keptNames = new Set();
  else if (Array.isArray(keep)) {
    keptNames = new Set();
    for (let i = 0; i < keep.length; i++) {
      if (!names.includes(keep[i])) {
        throw invalidParameter(
          where,
          `keep[${i}]`,
          `keep[${i}] names no node: ${show(keep[i])} (nodes: ${names.join(', ')})`,
          keep[i],
        );
      }
      keptNames.add(keep[i]);
    }
  } else {
    throw invalidParameter(
      where,
      'keep',
      `keep must be 'all', 'none' or a list of node names, got ${show(keep)}`,
      keep,
    );
  }
  const extra = options.quantiles ?? [];
  if (!Array.isArray(extra)) {
    throw invalidParameter(
      where,
      'quantiles',
      `quantiles must be a list of probabilities, got ${show(extra)}`,
      extra,
    );
  }
  for (let i = 0; i < extra.length; i++) {
    if (typeof extra[i] !== 'number' || !(extra[i] >= 0 && extra[i] <= 1)) {
      throw invalidParameter(
        where,
        `quantiles[${i}]`,
        `quantiles[${i}] must be a probability in [0, 1], got ${show(extra[i])}`,
        extra[i],
      );
    }
  }
  const budget = options.memoryBudgetBytes ?? GIB;
  if (typeof budget !== 'number' || !(budget >= 0)) {
    throw invalidParameter(
      where,
      'memoryBudgetBytes',
      `memoryBudgetBytes must be a non-negative number, got ${show(budget)}`,
      budget,
    );
  }
  const keptBytes = keptNames.size * total * 8;
  if (keptBytes > budget) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: keeping ${keptNames.size} node(s) × ${total} samples needs ${(keptBytes / GIB).toFixed(2)} GiB, over the budget of ${(budget / GIB).toFixed(2)} GiB; use keep: 'none' or a shorter list of names, or raise memoryBudgetBytes`,
      { parameter: 'keep', value: keep },
    );
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw invalidParameter(
      where,
      'onProgress',
      `onProgress must be a function, got ${show(options.onProgress)}`,
      options.onProgress,
    );
  }
  const signal = options.signal;
  if (
    signal !== undefined &&
    (typeof signal !== 'object' || signal === null || !('aborted' in signal))
  ) {
    throw invalidParameter(
      where,
      'signal',
      `signal must be an AbortSignal, got ${show(signal)}`,
      signal,
    );
  }
  const exact = planExactOptions(where, names, options.exactQuantiles, options.thresholds);
  const exactQuantiles = new Set([...exact.quantileNodes].filter((n) => !keptNames.has(n)));
  const thresholds = new Map([...exact.thresholds].filter(([n]) => !keptNames.has(n)));
  if ((exactQuantiles.size > 0 || thresholds.size > 0) && until !== undefined) {
    throw new SalvoError(
      'UNSUPPORTED',
      `${where}: exactQuantiles and thresholds need the sample count before the run; give samples instead of until`,
      {
        parameter: exactQuantiles.size > 0 ? 'exactQuantiles' : 'thresholds',
        value: options.until,
      },
    );
  }
  if (exactQuantiles.size > 0 && total > 2 ** 31 - 1) {
    throw invalidParameter(
      where,
      'exactQuantiles',
      `exactQuantiles supports runs of up to 2^31 - 1 samples (ranks are 32-bit integers), got samples = ${total}; split the run or drop exactQuantiles`,
      total,
    );
  }
  const correlations = planCorrelations(m.correlations, where);
  let block = Math.min(blockSize, Math.ceil(total / SEGMENT_LENGTH) * SEGMENT_LENGTH);
  if (until !== undefined) {
    // Checks fall every CHECK_INTERVAL samples: blocks must divide it (a power of two segments).
    let divisor = SEGMENT_LENGTH;
    while (divisor * 2 <= Math.min(block, CHECK_INTERVAL)) divisor *= 2;
    block = divisor;
  }
  return {
    correlations,
    until,
    exactQuantiles,
    thresholds,
    budget,
    total,
    block,
    keptNames,
    probabilities: [...DEFAULT_SUMMARY_PROBABILITIES, ...extra],
    signal,
    onProgress: options.onProgress,
  };
}

/** The per-sample slow path of `deriveEach`: one reused row object, one call per sample. */
function evaluateEach(
  name: string,
  compute: (row: Readonly<Record<string, number>>) => number,
  views: Record<string, Samples>,
  out: Float64Array,
): void {
  const names = Object.keys(views);
  const columns = names.map((n) => views[n].values);
  const row: Record<string, number> = {};
  for (const n of names) row[n] = 0;
  for (let i = 0; i < out.length; i++) {
    for (let j = 0; j < names.length; j++) row[names[j]] = columns[j][i];
    const value = compute(row);
    if (typeof value !== 'number') {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `model.run: the deriveEach callback of ${show(name)} must return a number, got ${show(value)} at sample ${i} of a block`,
        { parameter: name, value },
      );
    }
    out[i] = value;
  }
}

/**
 * Computes a derived node into `out` from the views of the nodes before it (all of the same length
 * as `out`): an expression's generated loop, a callback (its result copied), or the per-sample path.
 */
export function computeDerived(
  node: Exclude<NodeSpec, { kind: 'input' }>,
  views: Record<string, Samples>,
  out: Float64Array,
): void {
  const length = out.length;
  if (node.kind === 'each') {
    evaluateEach(node.name, node.compute, views, out);
  } else if (node.kind === 'expression') {
    const inputs = node.expression.names.map((n) => views[n].values);
    node.expression.evaluate(inputs, out);
  } else {
    const result = node.compute(views as never);
    const values = result instanceof Samples ? result.values : result;
    if (!(values instanceof Float64Array)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `model.run: the derive callback of ${show(node.name)} must return Samples or a Float64Array, got ${show(result)}`,
        { parameter: node.name, value: result },
      );
    }
    if (values.length !== length) {
      throw new SalvoError(
        'LENGTH_MISMATCH',
        `model.run: the derive callback of ${show(node.name)} returned ${values.length} values for a block of ${length}`,
        { parameter: node.name, value: values.length },
      );
    }
    if (values !== out) out.set(values);
  }
}

/**
 * Evaluates a model over ranges of samples: inputs drawn segment by segment from their own streams,
 * derived nodes computed in declaration (hence topological) order into pooled block buffers — or
 * straight into a kept node's full-length array.
 */
export class BlockEvaluator {
  private readonly nodes: readonly NodeSpec[];
  private readonly root: Uint32Array;
  private readonly kept: readonly (Float64Array | undefined)[];
  private readonly buffers: (Float64Array | undefined)[];
  private readonly groups: readonly {
    readonly key: string;
    readonly nodes: readonly number[];
    readonly inducer: RankInducer;
  }[];

  /**
   * @param nodes - the model's nodes
   * @param root - the seed's words
   * @param block - the longest range `evaluate` will be asked for
   * @param kept - per node, its full-length array when kept
   * @param correlations - groups of rank-correlated inputs (from {@link planRun})
   */
  constructor(
    nodes: readonly NodeSpec[],
    root: Uint32Array,
    block: number,
    kept: readonly (Float64Array | undefined)[],
    correlations: readonly CorrelationGroup[] = [],
  ) {
    this.nodes = nodes;
    this.root = root;
    this.kept = kept;
    this.buffers = kept.map((k) => (k === undefined ? new Float64Array(block) : undefined));
    const index = new Map(nodes.map((n, j) => [n.name, j]));
    this.groups = correlations.map((group) => ({
      key: group.key,
      nodes: group.names.map((name) => index.get(name) as number),
      inducer: new RankInducer(group, SEGMENT_LENGTH),
    }));
  }

  private output(j: number, first: number, length: number): Float64Array {
    const kept = this.kept[j];
    return kept !== undefined
      ? kept.subarray(first, first + length)
      : (this.buffers[j] as Float64Array).subarray(0, length);
  }

  /**
   * Evaluates samples [first, first + length) of every node (first is a multiple of the segment
   * length) and hands each node's values to `visit` as soon as they are computed.
   */
  evaluate(
    first: number,
    length: number,
    visit: (node: number, values: Float64Array) => void,
  ): void {
    const views: Record<string, Samples> = {};
    // Inputs first (they depend on nothing), then rank correlations rearrange correlated inputs
    // segment by segment, then derived nodes in declaration order.
    for (let j = 0; j < this.nodes.length; j++) {
      const node = this.nodes[j];
      if (node.kind === 'input')
        fillInput(node.dist, this.root, node.name, first, this.output(j, first, length));
    }
    for (const group of this.groups) {
      const columns = group.nodes.map((j) => this.output(j, first, length));
      for (let offset = 0; offset < length; offset += SEGMENT_LENGTH) {
        const n = Math.min(SEGMENT_LENGTH, length - offset);
        const rng = deriveRng(this.root, group.key, (first + offset) / SEGMENT_LENGTH);
        group.inducer.apply(columns, offset, n, rng);
      }
    }
    for (let j = 0; j < this.nodes.length; j++) {
      const node = this.nodes[j];
      const out = this.output(j, first, length);
      if (node.kind !== 'input') computeDerived(node, views, out);
      views[node.name] = Samples.wrap(out);
      visit(j, out);
    }
  }
}

/**
 * Creates each node's state: a full-length array when kept (from `allocate`); otherwise a sketch
 * filled during the run (derived nodes) or redrawn on first request (inputs). Moments are folded during
 * the run only where {@link foldedDuringRun} says so.
 */
export function createStates(
  m: Model<string>,
  plan: RunPlan,
  allocate: (length: number) => Float64Array = (length) => new Float64Array(length),
  exact: ReadonlyMap<string, ExactPlan> = new Map(),
): NodeState[] {
  const root = seedWords(m.seed);
  return m.nodes.map((node) => {
    const kept = plan.keptNames.has(node.name) ? allocate(plan.total) : undefined;
    const exactPlan = exact.get(node.name);
    return {
      exact: exactPlan === undefined ? undefined : new ExactTracker(exactPlan),
      name: node.name,
      kept,
      accumulator: foldedDuringRun(node, kept !== undefined, plan) ? new Accumulator() : undefined,
      sketch: sketchedDuringRun(node, kept !== undefined) ? new QuantileSketch() : undefined,
      redrawn: kept === undefined ? redrawOnRequest(node, root, plan.total) : undefined,
    };
  });
}

/** For an unkept input, a function that draws it again on its first call; undefined for other nodes. */
function redrawOnRequest(
  node: NodeSpec,
  root: Uint32Array,
  total: number,
): (() => Redrawn) | undefined {
  if (node.kind !== 'input') return undefined;
  let cached: Redrawn | undefined;
  return () => {
    cached ??= redrawInput(node.dist, root, node.name, total);
    return cached;
  };
}

/** Something a run hands a node's values to, block by block: a sketch, an exact tracker. */
export interface Sink {
  addAll(values: Float64Array): unknown;
}

/** One sink feeding both `a` and `b` (either may be missing). */
export function combineSinks(a: Sink | undefined, b: Sink | undefined): Sink | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return {
    addAll(values: Float64Array) {
      a.addAll(values);
      b.addAll(values);
    },
  };
}

/** Per node, what its values are handed to during the run: its sketch and its exact tracker. */
export function sinksOf(
  states: readonly Pick<NodeState, 'sketch' | 'exact'>[],
): (Sink | undefined)[] {
  return states.map((state) => combineSinks(state.sketch, state.exact));
}

/**
 * The windows and thresholds of the nodes named in `exactQuantiles` and `thresholds` (see
 * src/model/exact.ts). The windows come from a pilot: samples [0, {@link pilotLength}) of those
 * nodes, evaluated here — the same values the run will draw first. Throws when the room the windows
 * may take, with the kept samples, exceeds the memory budget.
 */
export function planExact(m: Model<string>, plan: RunPlan, where: string): Map<string, ExactPlan> {
  const plans = new Map<string, ExactPlan>();
  const pilots = new Map<string, Float64Array>();
  if (plan.exactQuantiles.size > 0) {
    const length = pilotLength(plan.total, SEGMENT_LENGTH);
    const block = Math.min(plan.block, Math.ceil(length / SEGMENT_LENGTH) * SEGMENT_LENGTH);
    const kept = m.nodes.map((node) =>
      plan.exactQuantiles.has(node.name) ? new Float64Array(length) : undefined,
    );
    const evaluator = new BlockEvaluator(
      m.nodes,
      seedWords(m.seed),
      block,
      kept,
      plan.correlations,
    );
    for (let first = 0; first < length; first += block) {
      plan.signal?.throwIfAborted();
      evaluator.evaluate(first, Math.min(block, length - first), () => {});
    }
    m.nodes.forEach((node, j) => {
      const values = kept[j];
      if (values !== undefined) pilots.set(node.name, values);
    });
  }
  const levels = summaryLevels(plan.probabilities, plan.total);
  let windowBytes = 0;
  for (const node of m.nodes) {
    const pilot = pilots.get(node.name);
    const thresholds = plan.thresholds.get(node.name) ?? [];
    if (pilot === undefined && thresholds.length === 0) continue;
    const windows = pilot === undefined ? NO_WINDOWS : planWindows(pilot, levels, plan.total);
    for (const room of windows.capacity) windowBytes += room * 8;
    plans.set(node.name, { ...windows, thresholds });
  }
  const keptBytes = plan.keptNames.size * plan.total * 8;
  if (keptBytes + windowBytes > plan.budget) {
    throw invalidParameter(
      where,
      'exactQuantiles',
      `the windows that make the quantiles of ${[...plan.exactQuantiles].join(', ')} exact may take ${(windowBytes / GIB).toFixed(2)} GiB at ${plan.total} samples, which with ${(keptBytes / GIB).toFixed(2)} GiB of kept samples is over the budget of ${(plan.budget / GIB).toFixed(2)} GiB (a node with few distinct values puts many samples in each window); name fewer nodes in exactQuantiles, keep them instead, or raise memoryBudgetBytes`,
      [...plan.exactQuantiles],
    );
  }
  return plans;
}

/** What a run must gather to settle one node's exact quantiles (see {@link exactQuestions}). */
export interface ExactQuestion {
  readonly node: number;
  /** The buckets whose stored values are needed from every part of the run, increasing. */
  readonly buckets: Int32Array;
  /** Records the node's exact quantiles from those values, one array per part. */
  readonly answer: (parts: readonly Float64Array[]) => void;
}

/**
 * At the end of a run, for every node with exact windows: the summary's levels at its finite count
 * (what `summary(name)` asks for) and the buckets that hold their order statistics, read from the
 * trackers' merged counts. A node whose ranks fall outside its windows gets no question and is left to
 * its sketch. Answering records the quantiles in the tracker (`known`).
 */
export function exactQuestions(
  states: readonly NodeState[],
  probabilities: readonly number[],
): ExactQuestion[] {
  const questions: ExactQuestion[] = [];
  states.forEach((state, node) => {
    const tracker = state.exact;
    if (tracker === undefined || tracker.plan.buckets === 0) return;
    const a = accumulatorOf(state);
    if (a.count === 0) return;
    const levels = summaryLevels(probabilities, a.count);
    const ranks = typeSevenRanks(a.count, levels);
    const question = askOrderStatistics(tracker, ranks, a.count, a.min, a.max);
    if (question === undefined) return;
    questions.push({
      node,
      buckets: question.buckets,
      answer: (parts) => {
        const statistics = question.finish(parts);
        if (statistics === undefined) return;
        tracker.known = { levels, values: typeSevenQuantiles(a.count, levels, ranks, statistics) };
      },
    });
  });
  return questions;
}

/**
 * Evaluates one task — samples [first, first + length), in blocks — and returns the per-segment
 * statistics of the nodes whose `folded` flag is set (the others' stay zero), laid out node by node
 * (`stats[(node · segments + s) · 6 ...]`, in a new array unless one large enough is given), adding the
 * values of unkept nodes to their sketches on the way. Shared by worker threads and the main thread of
 * `runParallel`.
 */
export function evaluateTask(
  evaluator: BlockEvaluator,
  block: number,
  folded: readonly boolean[],
  first: number,
  length: number,
  sketches: readonly (Sink | undefined)[],
  stats = new Float64Array(folded.length * Math.ceil(length / SEGMENT_LENGTH) * SEGMENT_STATS),
): Float64Array {
  const segments = Math.ceil(length / SEGMENT_LENGTH);
  for (let offset = 0; offset < length; offset += block) {
    const blockLength = Math.min(block, length - offset);
    const firstSegment = offset / SEGMENT_LENGTH;
    evaluator.evaluate(first + offset, blockLength, (j, values) => {
      if (folded[j]) {
        let at = (j * segments + firstSegment) * SEGMENT_STATS;
        for (let s = 0; s < blockLength; s += SEGMENT_LENGTH) {
          segmentStats(values, s, Math.min(s + SEGMENT_LENGTH, blockLength), stats, at);
          at += SEGMENT_STATS;
        }
      }
      sketches[j]?.addAll(values);
    });
  }
  return stats;
}

/**
 * Folds a task's statistics (from {@link evaluateTask}) into the accumulators of the nodes that have
 * one, in segment order.
 */
export function foldTask(states: readonly NodeState[], stats: Float64Array, length: number): void {
  const segments = Math.ceil(length / SEGMENT_LENGTH);
  for (let j = 0; j < states.length; j++) {
    const accumulator = states[j].accumulator;
    if (accumulator === undefined) continue;
    for (let s = 0; s < segments; s++)
      accumulator.combine(stats, (j * segments + s) * SEGMENT_STATS);
  }
}

/**
 * The states of a run that stopped after `count` samples (of the `plan.total` it allowed): kept arrays
 * cut to `count`, unkept inputs redrawn over `count` samples when asked.
 */
export function trimStates(
  m: Model<string>,
  states: readonly NodeState[],
  count: number,
): NodeState[] {
  const root = seedWords(m.seed);
  return states.map((state, j) => ({
    ...state,
    kept: state.kept?.subarray(0, count),
    redrawn: state.kept === undefined ? redrawOnRequest(m.nodes[j], root, count) : undefined,
  }));
}
