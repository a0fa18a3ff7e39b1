/**
 * A model as plain data for a worker thread: the model file's format (`modelJson.ts`: the seed, each
 * distribution as its factory call was written, correlations and evidence) with what the expression
 * parser would add spelled out — each expression's checked tree and the inputs its inline
 * distributions declare — so that a thread rebuilds the model without loading and starting the
 * parser (its cost: docs/architecture.md, "Builds"). Callback nodes and likelihood functions cannot
 * travel: such models are loaded from a module in each worker instead (see `runParallel`).
 * @internal
 * @module
 */
import {
  type DistributionJson,
  distributionToJson,
  readDistribution,
} from '../distributions/json.js';
import { compileExpressionTree, type ExpressionTree } from '../expr/compile.js';
import type { NodeSpec } from './definition.js';
import { Model, model } from './model.js';
import { type ModelJson, writeModel } from './modelJson.js';

/** A model as structured-cloneable data. */
export interface SerializedModel {
  readonly seed: ModelJson['seed'];
  readonly correlations: NonNullable<ModelJson['correlations']>;
  readonly observations: NonNullable<ModelJson['observations']>;
  /** Every node in the model's order, inline inputs included, expressions with their checked trees. */
  readonly nodes: readonly (
    | {
        readonly name: string;
        readonly distribution: DistributionJson;
        readonly inline: boolean;
      }
    | {
        readonly name: string;
        readonly expression: string;
        readonly names: readonly string[];
        readonly tree: ExpressionTree;
      }
  )[];
}

/**
 * The serialized form of a model whose nodes are all inputs with salvo's distributions or expressions.
 * @throws {@link SalvoError} `UNSUPPORTED` naming the first node that cannot be sent to a thread, with
 *   the advice to load the model from a module in each worker
 */
export function serializeModel(m: Model<string>, where: string): SerializedModel {
  const file = writeModel(
    m,
    {},
    {
      where,
      holder: 'a worker thread',
      advice:
        '; or put the model in a module and pass { module, exportName } so that each worker imports it',
    },
  );
  // Every input is now known to be written by salvo's factories (inline ones always are).
  const nodes = m.nodes.map((node) => {
    if (node.kind === 'input') {
      const distribution = distributionToJson(node.dist) as DistributionJson;
      return { name: node.name, distribution, inline: node.inline === true };
    }
    const { source, names, tree } = (node as Extract<NodeSpec, { kind: 'expression' }>).expression;
    return { name: node.name, expression: source, names, tree };
  });
  return {
    seed: file.seed,
    correlations: file.correlations ?? [],
    observations: file.observations ?? [],
    nodes,
  };
}

/**
 * Rebuilds a model from its serialized form: inputs through the distributions' JSON reader, expressions
 * from their checked trees (so that a worker thread never loads the expression parser).
 */
export function deserializeModel(serialized: SerializedModel): Model<string> {
  const where = 'deserializeModel';
  const empty: Model<string> = model({ seed: serialized.seed });
  // Nodes as they were (an inline distribution's input has a name no builder call accepts, such as
  // `shells: 380 to 600`), expressions from their checked trees.
  const nodes: NodeSpec[] = serialized.nodes.map((node, i) =>
    'distribution' in node
      ? {
          kind: 'input',
          name: node.name,
          dist: readDistribution(where, `nodes[${i}].distribution`, node.distribution),
          ...(node.inline ? { inline: true as const } : {}),
        }
      : {
          kind: 'expression',
          name: node.name,
          expression: compileExpressionTree(node.expression, node.names, node.tree),
        },
  );
  let built = new Model<string>(empty.seed, nodes, [], [], empty.parser);
  for (const { a, b, rho } of serialized.correlations) built = built.correlate(a, b, rho);
  serialized.observations.forEach((o, i) => {
    built = built.observe(
      o.node,
      readDistribution(where, `observations[${i}].distribution`, o.distribution),
    );
  });
  return built;
}
