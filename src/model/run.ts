/**
 * Block evaluation of a model and the results of a run.
 * @module
 */
import { SalvoError } from '../errors.js';
import { seedWords } from '../rng/seed.js';
import { Samples } from '../samples/samples.js';
import {
  type ComparisonOp,
  DEFAULT_SUMMARY_PROBABILITIES,
  type Histogram,
  type HistogramOptions,
  histogram,
  percentileKey,
  probability,
  type QuantileTable,
  quantiles,
} from '../samples/summary.js';
import { QuantileSketch } from '../summary/sketch.js';
import { show } from '../validate.js';
import { fillInput, type Model, SEGMENT_LENGTH } from './model.js';

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
  /** Number of samples, a positive integer. */
  readonly samples: number;
  /**
   * Samples evaluated at a time: a positive multiple of 4,096 (the segment length). Default 65,536.
   * Memory for unkept nodes is proportional to it; results do not depend on it.
   */
  readonly blockSize?: number;
  /**
   * Which nodes keep all their samples (exact quantiles, `samples(name)`, `probability`, `histogram`):
   * `'all'` (default), `'none'`, or a list of names. Unkept nodes are summarised per segment (moments
   * exactly, quantiles by a {@link QuantileSketch} with 0.5% relative accuracy) and dropped.
   */
  readonly keep?: 'all' | 'none' | readonly Names[];
  /** Extra quantile levels to report in summaries, besides 0.05, 0.25, 0.5, 0.75 and 0.95. */
  readonly quantiles?: readonly number[];
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
export interface NodeSummary {
  /** Number of samples, finite or not. */
  readonly n: number;
  /** Samples that were NaN or ±Infinity; the statistics below describe the others. */
  readonly nonFinite: number;
  readonly mean: number;
  /** Standard deviation (divisor count − 1). */
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  /** Quantiles keyed `p5`, `p50`, `p95`, ... */
  readonly quantiles: QuantileTable;
  /** `'exact'` (type 7, from kept samples) or `'sketch'` (relative error ≤ 0.5%). */
  readonly quantileMethod: 'exact' | 'sketch';
}

const DEFAULT_BLOCK = 65_536;
const GIB = 2 ** 30;

/** Moments and extremes of one node, combined segment by segment in segment order (Chan et al. 1979). */
class Accumulator {
  count = 0;
  nonFinite = 0;
  mean = 0;
  m2 = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  /** Adds one segment's finite values: two-pass within the segment, then Chan's pairwise update. */
  addSegment(values: Float64Array, start: number, end: number): void {
    let count = 0;
    let sum = 0;
    let min = this.min;
    let max = this.max;
    for (let i = start; i < end; i++) {
      const x = values[i];
      if (x - x !== 0) continue;
      count++;
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    this.nonFinite += end - start - count;
    this.min = min;
    this.max = max;
    if (count === 0) return;
    const mean = sum / count;
    let m2 = 0;
    let correction = 0;
    for (let i = start; i < end; i++) {
      const x = values[i];
      if (x - x !== 0) continue;
      const d = x - mean;
      m2 += d * d;
      correction += d;
    }
    m2 -= (correction * correction) / count;
    const total = this.count + count;
    const delta = mean - this.mean;
    this.mean += (delta * count) / total;
    this.m2 += m2 + ((delta * delta * this.count) / total) * count;
    this.count = total;
  }
}

interface NodeState {
  readonly name: string;
  readonly kept: Float64Array | undefined;
  readonly block: Float64Array | undefined;
  readonly accumulator: Accumulator;
  readonly sketch: QuantileSketch | undefined;
}

function invalid(parameter: string, message: string, value: unknown): SalvoError {
  return new SalvoError('INVALID_PARAMETER', `model.run: ${message}`, { parameter, value });
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

/** @internal */
export function runModel<Names extends string>(
  m: Model<Names>,
  options: RunOptions<Names>,
): ModelRun<Names> {
  if (typeof options !== 'object' || options === null) {
    throw invalid(
      'options',
      `options must be an object such as { samples: 100000 }, got ${show(options)}`,
      options,
    );
  }
  const total = options.samples;
  if (typeof total !== 'number' || !Number.isSafeInteger(total) || total < 1) {
    throw new SalvoError(
      'INVALID_SAMPLE_COUNT',
      `model.run: samples must be a positive integer, got ${show(total)}`,
      { parameter: 'samples', value: total },
    );
  }
  const blockSize = options.blockSize ?? DEFAULT_BLOCK;
  if (
    typeof blockSize !== 'number' ||
    !Number.isSafeInteger(blockSize) ||
    blockSize < SEGMENT_LENGTH ||
    blockSize % SEGMENT_LENGTH !== 0 ||
    blockSize > 2 ** 26
  ) {
    throw invalid(
      'blockSize',
      `blockSize must be a multiple of ${SEGMENT_LENGTH} between ${SEGMENT_LENGTH} and ${2 ** 26}, got ${show(blockSize)}`,
      blockSize,
    );
  }
  if (m.nodes.length === 0) {
    throw invalid(
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
        throw invalid(
          `keep[${i}]`,
          `keep[${i}] names no node: ${show(keep[i])} (nodes: ${names.join(', ')})`,
          keep[i],
        );
      }
      keptNames.add(keep[i]);
    }
  } else {
    throw invalid(
      'keep',
      `keep must be 'all', 'none' or a list of node names, got ${show(keep)}`,
      keep,
    );
  }
  const extra = options.quantiles ?? [];
  for (let i = 0; i < extra.length; i++) {
    if (typeof extra[i] !== 'number' || !(extra[i] >= 0 && extra[i] <= 1)) {
      throw invalid(
        `quantiles[${i}]`,
        `quantiles[${i}] must be a probability in [0, 1], got ${show(extra[i])}`,
        extra[i],
      );
    }
  }
  const budget = options.memoryBudgetBytes ?? GIB;
  const keptBytes = keptNames.size * total * 8;
  if (keptBytes > budget) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `model.run: keeping ${keptNames.size} node(s) × ${total} samples needs ${(keptBytes / GIB).toFixed(2)} GiB, over the budget of ${(budget / GIB).toFixed(2)} GiB; use keep: 'none' or a shorter list of names, or raise memoryBudgetBytes`,
      { parameter: 'keep', value: keep },
    );
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw invalid(
      'onProgress',
      `onProgress must be a function, got ${show(options.onProgress)}`,
      options.onProgress,
    );
  }

  const root = seedWords(m.seed);
  const block = Math.min(blockSize, Math.ceil(total / SEGMENT_LENGTH) * SEGMENT_LENGTH);
  const states: NodeState[] = m.nodes.map((node) => {
    const kept = keptNames.has(node.name) ? new Float64Array(total) : undefined;
    return {
      name: node.name,
      kept,
      block: kept === undefined ? new Float64Array(block) : undefined,
      accumulator: new Accumulator(),
      sketch: kept === undefined ? new QuantileSketch() : undefined,
    };
  });

  let lastProgress = Date.now();
  for (let first = 0; first < total; first += block) {
    options.signal?.throwIfAborted();
    const length = Math.min(block, total - first);
    const views: Record<string, Samples> = {};
    for (let j = 0; j < m.nodes.length; j++) {
      const node = m.nodes[j];
      const state = states[j];
      const out =
        state.kept !== undefined
          ? state.kept.subarray(first, first + length)
          : (state.block as Float64Array).subarray(0, length);
      if (node.kind === 'input') {
        fillInput(node.dist, root, node.name, first, out);
      } else if (node.kind === 'each') {
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
        out.set(values);
      }
      views[node.name] = Samples.wrap(out);
      for (let s = 0; s < length; s += SEGMENT_LENGTH) {
        state.accumulator.addSegment(out, s, Math.min(s + SEGMENT_LENGTH, length));
      }
      state.sketch?.addAll(out);
    }
    const done = first + length;
    if (options.onProgress !== undefined && (Date.now() - lastProgress >= 100 || done === total)) {
      lastProgress = Date.now();
      options.onProgress(done, total);
    }
  }

  const probabilities = [...DEFAULT_SUMMARY_PROBABILITIES, ...extra];
  return new ModelRun<Names>(m.seed, total, states, probabilities);
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
  private readonly states: Map<string, NodeState>;
  private readonly probabilities: readonly number[];

  /** @internal */
  constructor(
    seed: number | string,
    sampleCount: number,
    states: readonly NodeState[],
    probabilities: readonly number[],
  ) {
    this.seed = seed;
    this.sampleCount = sampleCount;
    this.states = new Map(states.map((s) => [s.name, s]));
    this.probabilities = probabilities;
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
    const a = state.accumulator;
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
    const table: Record<string, number> = {};
    const values = this.quantilesOf(state, this.probabilities);
    this.probabilities.forEach((p, i) => {
      table[percentileKey(p)] = values[i];
    });
    return {
      n: this.sampleCount,
      nonFinite: a.nonFinite,
      mean: a.mean,
      sd: a.count > 1 ? Math.sqrt(a.m2 / (a.count - 1)) : Number.NaN,
      min: a.min,
      max: a.max,
      quantiles: table as QuantileTable,
      quantileMethod: state.kept !== undefined ? 'exact' : 'sketch',
    };
  }

  private quantilesOf(state: NodeState, ps: readonly number[]): number[] {
    if (state.kept !== undefined) return quantiles(state.kept, ps);
    return ps.map((p) => (state.sketch as QuantileSketch).quantile(p));
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
    return this.quantilesOf(state, [p])[0];
  }

  /**
   * Share of a kept node's finite samples satisfying `op threshold`.
   * @param name - a kept node
   * @param op - one of `<`, `<=`, `>`, `>=`, `==`, `!=`
   * @param threshold - the value to compare with
   * @returns the share, in [0, 1]
   * @throws {@link SalvoError} `NOT_KEPT` for a node that was not kept
   * @example
   * ```ts
   * import { model, uniform } from 'salvo';
   * const run = model({ seed: 1 }).input('u', uniform(0, 1)).run({ samples: 100_000 });
   * run.probability('u', '<', 0.25); // => about 0.25
   * ```
   */
  probability(name: Names, op: ComparisonOp, threshold: number): number {
    return probability(this.kept('probability', name), op, threshold);
  }

  /**
   * Histogram of a kept node (numpy's conventions).
   * @param name - a kept node
   * @param options - bins and range, or edges
   * @returns edges and counts
   * @throws {@link SalvoError} `NOT_KEPT` for a node that was not kept
   * @example
   * ```ts
   * import { model, uniform } from 'salvo';
   * const run = model({ seed: 1 }).input('u', uniform(0, 1)).run({ samples: 1_000 });
   * run.histogram('u', { bins: 4, range: [0, 1] }).counts.length; // => 4
   * ```
   */
  histogram(name: Names, options?: HistogramOptions): Histogram {
    return histogram(this.kept('histogram', name), options);
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
