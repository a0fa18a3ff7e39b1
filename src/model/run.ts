/**
 * Block evaluation of a model and the results of a run.
 * @module
 */
import { SalvoError } from '../errors.js';
import { seedWords } from '../rng/seed.js';
import {
  type ComparisonOp,
  type Histogram,
  type HistogramOptions,
  histogram,
  histogramEdges,
  percentileKey,
  probability,
  type QuantileTable,
  quantiles,
  requireComparable,
  requireOp,
  type SampleSummary,
} from '../samples/summary.js';
import type { QuantileSketch } from '../summary/sketch.js';
import { show } from '../validate.js';
import {
  BlockEvaluator,
  createStates,
  evaluateTask,
  foldTask,
  type NodeState,
  planRun,
  SEGMENT_STATS,
  sketchOf,
} from './engine.js';
import { type Model, type NodeSpec, SEGMENT_LENGTH } from './model.js';
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
  /** Number of samples, a positive integer. */
  readonly samples: number;
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
  /** `'exact'` (type 7, from kept samples) or `'sketch'` (relative error ≤ 0.5%). */
  readonly quantileMethod: 'exact' | 'sketch';
}

/** @internal */
export function runModel<Names extends string>(
  m: Model<Names>,
  options: RunOptions<Names>,
): ModelRun<Names> {
  const plan = planRun(m as Model<string>, options, 'model.run');
  const root = seedWords(m.seed);
  const states = createStates(m as Model<string>, plan);
  const evaluator = new BlockEvaluator(
    m.nodes,
    root,
    plan.block,
    states.map((s) => s.kept),
    plan.correlations,
  );
  // One task per block, folded at once: the same evaluation and folding as runParallel's, with one
  // statistics buffer reused for every block.
  const sketches = states.map((s) => s.sketch);
  const stats = new Float64Array(states.length * (plan.block / SEGMENT_LENGTH) * SEGMENT_STATS);
  let lastProgress = Date.now();
  for (let first = 0; first < plan.total; first += plan.block) {
    plan.signal?.throwIfAborted();
    const blockLength = Math.min(plan.block, plan.total - first);
    evaluateTask(evaluator, plan.block, states.length, first, blockLength, sketches, stats);
    foldTask(states, stats, blockLength);
    const done = first + blockLength;
    if (
      plan.onProgress !== undefined &&
      (Date.now() - lastProgress >= 100 || done === plan.total)
    ) {
      lastProgress = Date.now();
      plan.onProgress(done, plan.total);
    }
  }
  return new ModelRun<Names>(m.seed, plan.total, states, plan.probabilities, m.nodes);
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
  private readonly nodes: readonly NodeSpec[];

  /** @internal */
  constructor(
    seed: number | string,
    sampleCount: number,
    states: readonly NodeState[],
    probabilities: readonly number[],
    nodes: readonly NodeSpec[],
  ) {
    this.seed = seed;
    this.sampleCount = sampleCount;
    this.states = new Map(states.map((s) => [s.name, s]));
    this.probabilities = probabilities;
    this.nodes = nodes;
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
    const sketch = sketchOf(state);
    return ps.map((p) => sketch.quantile(p));
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
    if (state.kept !== undefined) return probability(state.kept, op, threshold);
    requireOp('probability', op);
    requireComparable('probability', 'threshold', threshold);
    if (op === '==' || op === '!=') {
      throw new SalvoError(
        'NOT_KEPT',
        `probability: ${show(op)} needs the samples of node ${show(name)}, which was summarised, not kept; keep it or compare with <, <=, > or >=`,
        { parameter: 'op', value: op },
      );
    }
    const sketch = sketchOf(state);
    const count = sketch.count;
    if (count === 0) {
      throw new SalvoError(
        'EMPTY_DATA',
        `probability: node ${show(name)} has no finite sample (${sketch.nonFinite} non-finite)`,
        { parameter: 'name', value: name },
      );
    }
    if (op === '<') return sketch.rank(threshold) / count;
    if (op === '<=') return sketch.rank(threshold, true) / count;
    if (op === '>') return (count - sketch.rank(threshold, true)) / count;
    return (count - sketch.rank(threshold)) / count;
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
    if (state.kept !== undefined) return histogram(state.kept, options);
    // The edges are checked before the sketch is needed (an unkept input's sketch is drawn on request).
    const { edges } = histogramEdges('histogram', options, () => {
      const sketch = sketchOf(state);
      return { count: sketch.count, nonFinite: sketch.nonFinite, min: sketch.min, max: sketch.max };
    });
    const sketch = sketchOf(state);
    const bins = edges.length - 1;
    const counts = new Float64Array(bins);
    const below = sketch.rank(edges[0]);
    let previous = below;
    for (let i = 0; i < bins; i++) {
      const next = i === bins - 1 ? sketch.rank(edges[bins], true) : sketch.rank(edges[i + 1]);
      counts[i] = next - previous;
      previous = next;
    }
    return {
      edges,
      counts,
      outside: below + (sketch.count - previous),
      nonFinite: sketch.nonFinite,
    };
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
    return computeSensitivity(this.nodes, (name) => this.states.get(name)?.kept, output, options);
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
