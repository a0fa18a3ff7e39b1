/**
 * A model as plain data — its seed, its inputs' serialized distributions, its expressions' text and
 * the distributions it observes — so that a worker thread can rebuild it. Callback nodes and likelihood
 * functions cannot travel: such models are loaded from a module in each worker instead (see
 * `runParallel`).
 * @internal
 * @module
 */
import {
  deserializeDistribution,
  type SerializedDistribution,
  serializeDistribution,
} from '../distributions/serialized.js';
import { SalvoError } from '../errors.js';
import { compileExpressionTree, type ExpressionTree } from '../expr/compile.js';
import { show } from '../validate.js';
import type { CorrelationPair } from './correlation.js';
import type { NodeSpec } from './definition.js';
import { Model, model } from './model.js';

/** A model as structured-cloneable data. */
export interface SerializedModel {
  readonly seed: number | string;
  readonly correlations: readonly CorrelationPair[];
  /** Evidence (`.observe`), each a node and the distribution its likelihood is the density of. */
  readonly observations: readonly {
    readonly name: string;
    readonly dist: SerializedDistribution;
  }[];
  readonly nodes: readonly (
    | { readonly kind: 'input'; readonly name: string; readonly dist: SerializedDistribution }
    | {
        readonly kind: 'expression';
        readonly name: string;
        readonly source: string;
        readonly names: readonly string[];
        readonly tree: ExpressionTree;
      }
  )[];
}

/**
 * The serialized form of a model whose nodes are all inputs with built-in distributions or expressions.
 * @throws {@link SalvoError} `UNSUPPORTED` naming the first node that cannot be sent to a thread
 */
export function serializeModel(m: Model<string>, where: string): SerializedModel {
  const nodes: SerializedModel['nodes'][number][] = [];
  const advice =
    'put the model in a module and pass { module, exportName } so that each worker imports it';
  for (const node of m.nodes) {
    if (node.kind === 'input') {
      const dist = serializeDistribution(node.dist);
      if (dist === undefined) {
        throw new SalvoError(
          'UNSUPPORTED',
          `${where}: input ${show(node.name)} has a distribution salvo cannot rebuild in a worker thread (${String(node.dist)}); ${advice}`,
          { parameter: node.name, value: node.dist },
        );
      }
      nodes.push({ kind: 'input', name: node.name, dist });
    } else if (node.kind === 'expression') {
      const { source, names, tree } = node.expression;
      nodes.push({ kind: 'expression', name: node.name, source, names, tree });
    } else {
      throw new SalvoError(
        'UNSUPPORTED',
        `${where}: node ${show(node.name)} is computed by a callback, which cannot be sent to a worker thread; write it as an expression (.derive(${show(node.name)}, 'a * b')) or ${advice}`,
        { parameter: node.name, value: node.kind },
      );
    }
  }
  const observations = m.observations.map((o) => {
    const dist = o.dist === undefined ? undefined : serializeDistribution(o.dist);
    if (dist === undefined) {
      throw new SalvoError(
        'UNSUPPORTED',
        `${where}: the evidence observed on ${show(o.name)} is a likelihood function (or a distribution salvo cannot rebuild), which cannot be sent to a worker thread; observe a distribution (.observe(${show(o.name)}, normal(6700, 300))) or ${advice}`,
        { parameter: o.name, value: o.likelihood },
      );
    }
    return { name: o.name, dist };
  });
  return { seed: m.seed, nodes, correlations: m.correlations, observations };
}

/**
 * Rebuilds a model from its serialized form: inputs through the public builder, expressions from their checked
 * trees (so that a worker thread never loads the expression parser).
 */
export function deserializeModel(serialized: SerializedModel): Model<string> {
  const empty: Model<string> = model({ seed: serialized.seed });
  // Nodes as they were (an inline distribution's input has a name no builder call accepts, such as
  // `shells: 380 to 600`), expressions from their checked trees.
  const nodes: NodeSpec[] = serialized.nodes.map((node) =>
    node.kind === 'input'
      ? { kind: 'input', name: node.name, dist: deserializeDistribution(node.dist) }
      : {
          kind: 'expression',
          name: node.name,
          expression: compileExpressionTree(node.source, node.names, node.tree),
        },
  );
  let built = new Model<string>(empty.seed, nodes, serialized.correlations, [], empty.parser);
  for (const o of serialized.observations) {
    built = built.observe(o.name, deserializeDistribution(o.dist));
  }
  return built;
}
