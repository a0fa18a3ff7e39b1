/**
 * Evaluation of a model's samples: inputs drawn segment by segment from their own streams, rank
 * correlations applied per segment, derived nodes computed in declaration order — into pooled block
 * buffers, or straight into kept nodes' arrays. Shared by every kind of run and by worker threads.
 * @module
 */
import type { Distribution } from '../distributions/types.js';
import { SalvoError } from '../errors.js';
import { deriveRng } from '../rng/seed.js';
import { Samples } from '../samples/samples.js';
import { show } from '../validate.js';
import { allocateFloat64 } from './allocate.js';
import { CallbackScope } from './callbackScope.js';
import { type CorrelationGroup, RankInducer } from './correlation.js';
import { type NodeSpec, SEGMENT_LENGTH } from './definition.js';
import { fillSegment, RANDOM_DESIGN, type SamplingDesign } from './design.js';

/**
 * Fills `out` (the samples [first, first + out.length) of an input) segment by segment, each segment
 * from its own stream under the run's sampling design (`dimension`: the input's place among the
 * model's inputs, which Sobol points use). `first` is a multiple of {@link SEGMENT_LENGTH}.
 */
export function fillInput(
  dist: Distribution,
  root: Uint32Array,
  name: string,
  first: number,
  out: Float64Array,
  design: SamplingDesign = RANDOM_DESIGN,
  dimension = 0,
): void {
  for (let offset = 0; offset < out.length; offset += SEGMENT_LENGTH) {
    const segment = (first + offset) / SEGMENT_LENGTH;
    const end = Math.min(offset + SEGMENT_LENGTH, out.length);
    fillSegment(dist, root, name, dimension, segment, out.subarray(offset, end), design);
  }
}

/** Each node's place among the model's inputs (its Sobol dimension); -1 for derived nodes. */
export function inputDimensions(nodes: readonly NodeSpec[]): number[] {
  let next = 0;
  return nodes.map((node) => (node.kind === 'input' ? next++ : -1));
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
 * as `out`): an expression's generated loop, a callback (handed copies of its inputs and buffers from
 * `scope`; its result copied), or the per-sample path.
 */
export function computeDerived(
  node: Exclude<NodeSpec, { kind: 'input' }>,
  views: Record<string, Samples>,
  out: Float64Array,
  scope: CallbackScope,
): void {
  if (node.kind === 'each') {
    evaluateEach(node.name, node.compute, views, out);
  } else if (node.kind === 'expression') {
    const inputs = node.expression.names.map((n) => views[n].values);
    node.expression.evaluate(inputs, out);
  } else {
    scope.call(
      views,
      out.length,
      node.compute as (nodes: Record<string, Samples>) => unknown,
      (result) => copyCallbackResult(node.name, result, out),
    );
  }
}

/** Copies a derive callback's result into `out`, after checking its type and length. */
function copyCallbackResult(name: string, result: unknown, out: Float64Array): void {
  const values = result instanceof Samples ? result.values : result;
  if (!(values instanceof Float64Array)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `model.run: the derive callback of ${show(name)} must return Samples or a Float64Array, got ${show(result)}`,
      { parameter: name, value: result },
    );
  }
  if (values.length !== out.length) {
    throw new SalvoError(
      'LENGTH_MISMATCH',
      `model.run: the derive callback of ${show(name)} returned ${values.length} values for a block of ${out.length}`,
      { parameter: name, value: values.length },
    );
  }
  out.set(values);
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
  private readonly design: SamplingDesign;
  private readonly dimensions: readonly number[];
  private readonly callbacks = new CallbackScope();
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
   * @param design - the run's sampling design
   * @param where - the caller, named in an `OUT_OF_MEMORY` error
   */
  constructor(
    nodes: readonly NodeSpec[],
    root: Uint32Array,
    block: number,
    kept: readonly (Float64Array | undefined)[],
    correlations: readonly CorrelationGroup[] = [],
    design: SamplingDesign = RANDOM_DESIGN,
    where = 'model.run',
  ) {
    this.nodes = nodes;
    this.design = design;
    this.dimensions = inputDimensions(nodes);
    this.root = root;
    this.kept = kept;
    this.buffers = kept.map((k, j) =>
      k === undefined
        ? allocateFloat64(where, `the block buffer of '${nodes[j].name}'`, block)
        : undefined,
    );
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
        fillInput(
          node.dist,
          this.root,
          node.name,
          first,
          this.output(j, first, length),
          this.design,
          this.dimensions[j],
        );
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
      if (node.kind !== 'input') computeDerived(node, views, out, this.callbacks);
      views[node.name] = Samples.wrap(out);
      visit(j, out);
    }
  }
}
