/**
 * Models as data: a versioned JSON form of a model made of distributions and expressions (its seed,
 * inputs as written, expressions as typed, correlations and observed evidence), written by
 * {@link toModelJson} and read by {@link modelFromJson}. Reading trusts nothing in the file: every
 * field is checked, with a coded error that says where, before the model is built through the same
 * builder calls a program makes; nothing in a file is ever executed (families come from a fixed
 * table, expressions compile to arithmetic over the file's own nodes). The JSON Schema of the format
 * ships with the package (`salvo/model.schema.json`, the package's `model.schema.json`).
 * @module
 */
import {
  type DistributionJson,
  distributionToJson,
  invalid as invalidAt,
  isRecord,
  readDistribution,
} from '../distributions/json.js';
import type { Distribution } from '../distributions/types.js';
import { SalvoError } from '../errors.js';
import { compileExpression } from '../expr/compile.js';
import { show } from '../validate.js';
import { inlineInputs } from './inline.js';
import { coreModel, type Model, model } from './model.js';

/** The `format` field of every model file. */
export const MODEL_JSON_FORMAT = 'salvo-model';

/**
 * The version of the model file format this salvo writes, and the newest it reads. A file of a newer
 * version is refused with `UNKNOWN_VERSION`.
 *
 * @example
 * ```ts
 * import { MODEL_JSON_VERSION } from 'salvo';
 * MODEL_JSON_VERSION; // => 1
 * ```
 */
export const MODEL_JSON_VERSION = 1;

/**
 * One node of a model file: an input (`distribution`) or a node computed by an expression
 * (`expression`, the text `.derive` takes, inline distributions included). An optional
 * `description` is kept for people and pages; salvo does not read it.
 *
 * @example
 * ```ts
 * import type { ModelJsonNode } from 'salvo';
 * const containers: ModelJsonNode = { name: 'containers', distribution: { family: 'pert', args: [5500, 6700, 8000] } };
 * const shells: ModelJsonNode = { name: 'shells', expression: 'containers * (380 to 600)' };
 * ```
 */
export type ModelJsonNode =
  | {
      readonly name: string;
      readonly distribution: DistributionJson;
      readonly description?: string;
    }
  | { readonly name: string; readonly expression: string; readonly description?: string };

/**
 * A model as a JSON document: what {@link toModelJson} writes and {@link modelFromJson} reads
 * (format `'salvo-model'`, version {@link MODEL_JSON_VERSION}). Nodes may appear in any order: an
 * expression may read a node listed after it, so long as no expressions read each other in a circle.
 * Distributions are their factory calls as written ({@link DistributionJson}).
 *
 * @example
 * ```ts
 * import { modelFromJson, type ModelJson } from 'salvo';
 * const file: ModelJson = {
 *   format: 'salvo-model',
 *   version: 1,
 *   seed: 'nk-2024-02-26',
 *   nodes: [
 *     { name: 'containers', distribution: { family: 'pert', args: [5500, 6700, 8000] } },
 *     { name: 'shells', expression: 'containers * (380 to 600) * beta(7, 3)' },
 *   ],
 * };
 * modelFromJson(file).names; // => ['containers', 'shells: 380 to 600', 'shells: beta(7, 3)', 'shells']
 * ```
 */
export interface ModelJson {
  readonly format: 'salvo-model';
  readonly version: number;
  /** The model's seed: a finite number or a string. */
  readonly seed: number | string;
  /** A title for people and pages (not read by salvo). */
  readonly title?: string;
  readonly nodes: readonly ModelJsonNode[];
  /** Spearman rank correlations between pairs of inputs (`model.correlate`). */
  readonly correlations?: readonly {
    readonly a: string;
    readonly b: string;
    readonly rho: number;
  }[];
  /** Evidence (`model.observe`): a node and the distribution whose density weighs its values. */
  readonly observations?: readonly {
    readonly node: string;
    readonly distribution: DistributionJson;
  }[];
}

/** Who writes a model as data, for its refusals: a file, or (serialized.ts) a worker thread. */
export interface ModelWriter {
  readonly where: string;
  /** Ends "which … cannot hold": `'a file'`. */
  readonly holder: string;
  /** Appended to each refusal's advice. */
  readonly advice: string;
}

const FILE_WRITER: ModelWriter = { where: 'toModelJson', holder: 'a file', advice: '' };
const READ = 'modelFromJson';

function writable(
  writer: ModelWriter,
  dist: Distribution,
  what: string,
  name: string,
): DistributionJson {
  const json = distributionToJson(dist);
  if (json === undefined) {
    throw new SalvoError(
      'UNSUPPORTED',
      `${writer.where}: ${what} ${show(name)} is not a distribution made by one of salvo's factories (${String(dist)}), so ${writer.holder} cannot hold it${writer.advice}`,
      { parameter: name, value: dist },
    );
  }
  return json;
}

/**
 * The JSON form of a model whose nodes are inputs with salvo's distributions and expressions: each
 * input as its factory call was written (`{ "family": "lognormal.ci", "args": [380, 600] }`), each
 * expression as typed (its inline distributions stay in its text), with the correlations and the
 * distributions observed. `JSON.stringify` it to save or send it; {@link modelFromJson} rebuilds a
 * model that gives the same results to the bit.
 *
 * @param m - the model
 * @param options - `title`, kept in the file for people and pages
 * @throws {@link SalvoError} `UNSUPPORTED` naming the first node a file cannot hold: a callback
 *   (`.derive` with a function, `.deriveEach`), an input whose distribution is an object of your own,
 *   or evidence given as a likelihood function
 *
 * @example
 * ```ts
 * import { model, pert, toModelJson } from 'salvo';
 * const shipments = model({ seed: 7 })
 *   .input('containers', pert(5500, 6700, 8000))
 *   .derive('shells', 'containers * (380 to 600)');
 * JSON.stringify(toModelJson(shipments).nodes);
 * // => '[{"name":"containers","distribution":{"family":"pert","args":[5500,6700,8000]}},{"name":"shells","expression":"containers * (380 to 600)"}]'
 * ```
 */
export function toModelJson(
  m: Model<string>,
  options: { readonly title?: string } = {},
): ModelJson {
  return writeModel(m, options, FILE_WRITER);
}

/** {@link toModelJson}, its refusals worded for `writer`. @internal */
export function writeModel(
  m: Model<string>,
  options: { readonly title?: string },
  writer: ModelWriter,
): ModelJson {
  const nodes: ModelJsonNode[] = [];
  for (const node of m.nodes) {
    if (node.kind === 'input') {
      if (node.inline) continue; // its expression declares it
      nodes.push({
        name: node.name,
        distribution: writable(writer, node.dist, 'input', node.name),
      });
    } else if (node.kind === 'expression') {
      nodes.push({ name: node.name, expression: node.expression.source });
    } else {
      throw new SalvoError(
        'UNSUPPORTED',
        `${writer.where}: node ${show(node.name)} is computed by a callback, which ${writer.holder} cannot hold; write it as an expression (.derive(${show(node.name)}, 'a * b'))${writer.advice}`,
        { parameter: node.name, value: node.kind },
      );
    }
  }
  const observations = m.observations.map((o) => {
    if (o.dist === undefined) {
      throw new SalvoError(
        'UNSUPPORTED',
        `${writer.where}: the evidence observed on ${show(o.name)} is a likelihood function, which ${writer.holder} cannot hold; observe a distribution (.observe(${show(o.name)}, normal(6700, 300)))${writer.advice}`,
        { parameter: o.name, value: o.likelihood },
      );
    }
    return {
      node: o.name,
      distribution: writable(writer, o.dist, 'the evidence observed on', o.name),
    };
  });
  return {
    format: MODEL_JSON_FORMAT,
    version: MODEL_JSON_VERSION,
    seed: m.seed,
    ...(options.title === undefined ? {} : { title: options.title }),
    nodes,
    ...(m.correlations.length === 0
      ? {}
      : { correlations: m.correlations.map(({ a, b, rho }) => ({ a, b, rho })) }),
    ...(observations.length === 0 ? {} : { observations }),
  };
}

const invalid = (path: string, message: string, value: unknown): SalvoError =>
  invalidAt(READ, path, message, value);

/** Only these fields, so that a misspelt one (`"observation"`) is an error rather than ignored. */
function requireFields(path: string, value: Record<string, unknown>, known: readonly string[]) {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw invalid(
        `${path}.${key}`,
        `is not a field here (fields: ${known.join(', ')})`,
        value[key],
      );
    }
  }
}

function requireList(path: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw invalid(path, 'must be a list', value);
  return value;
}

/** Runs a builder step, naming the place in the file in its error; a builder's refusal of a name or
 * an expression (`INVALID_PARAMETER`) is the file's fault, `INVALID_MODEL`. */
function atPath<T>(path: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof SalvoError)) throw error;
    const code = error.code === 'INVALID_PARAMETER' ? 'INVALID_MODEL' : error.code;
    throw new SalvoError(code, `${READ}: ${path}: ${error.message}`, {
      parameter: path,
      value: error.value,
      cause: error,
    });
  }
}

interface FileNode {
  readonly name: string;
  readonly path: string;
  readonly distribution?: Distribution;
  readonly expression?: string;
}

/** The nodes in an order where each expression comes after what it reads (file order otherwise). */
function ordered(nodes: readonly FileNode[], start: Model<never>): FileNode[] {
  const names = nodes.map((n) => n.name);
  const reads = new Map<string, readonly string[]>();
  for (const node of nodes) {
    if (node.expression === undefined) continue;
    const compiled = atPath(`${node.path}.expression`, () =>
      compileExpression(node.expression as string, names, `expression of ${show(node.name)}`, {
        parse: start.parser?.parse,
        inline:
          start.parser === undefined
            ? undefined
            : inlineInputs(node.name, start.parser.families, []),
        interpret: true,
      }),
    );
    reads.set(
      node.name,
      compiled.names.filter((n) => names.includes(n)),
    );
  }
  const done = new Set<string>();
  const out: FileNode[] = [];
  const visiting: string[] = [];
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const visit = (node: FileNode): void => {
    if (done.has(node.name)) return;
    const at = visiting.indexOf(node.name);
    if (at >= 0) {
      const circle = [...visiting.slice(at), node.name];
      throw new SalvoError(
        'MODEL_CYCLE',
        `${READ}: the expressions of ${circle.map((n) => show(n)).join(' → ')} read each other in a circle; a node cannot depend on itself`,
        { parameter: node.path, value: circle },
      );
    }
    visiting.push(node.name);
    for (const read of reads.get(node.name) ?? []) visit(byName.get(read) as FileNode);
    visiting.pop();
    done.add(node.name);
    out.push(node);
  };
  for (const node of nodes) visit(node);
  return out;
}

function readModel(json: unknown, start: (seed: number | string) => Model<never>): Model<string> {
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch (error) {
      throw new SalvoError('INVALID_MODEL', `${READ}: the text is not JSON (${String(error)})`, {
        parameter: 'json',
        value: json,
        cause: error,
      });
    }
  }
  if (!isRecord(json)) throw invalid('the file', 'must be a JSON object', json);
  if (json.format !== MODEL_JSON_FORMAT) {
    throw invalid('format', `must be ${show(MODEL_JSON_FORMAT)} (a salvo model file)`, json.format);
  }
  const version = json.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw invalid('version', 'must be a format version (an integer >= 1)', version);
  }
  if (version > MODEL_JSON_VERSION) {
    throw new SalvoError(
      'UNKNOWN_VERSION',
      `${READ}: the file is of format version ${version}, but this salvo reads versions up to ${MODEL_JSON_VERSION}; upgrade salvo to read it`,
      { parameter: 'version', value: version },
    );
  }
  requireFields('the file', json, [
    'format',
    'version',
    'seed',
    'title',
    'nodes',
    'correlations',
    'observations',
  ]);
  if (json.title !== undefined && typeof json.title !== 'string') {
    throw invalid('title', 'must be text', json.title);
  }
  const empty = atPath('seed', () => start(json.seed as number | string));

  const seen = new Set<string>();
  const nodes: FileNode[] = requireList('nodes', json.nodes).map((node, i) => {
    const path = `nodes[${i}]`;
    if (!isRecord(node))
      throw invalid(path, 'must be a node such as { "name": "x", "expression": "a * b" }', node);
    const { name, distribution, expression, description } = node;
    requireFields(path, node, ['name', 'distribution', 'expression', 'description']);
    if (typeof name !== 'string') throw invalid(`${path}.name`, 'must be text', name);
    if (seen.has(name)) throw invalid(`${path}.name`, 'repeats an earlier node name', name);
    seen.add(name);
    if (description !== undefined && typeof description !== 'string') {
      throw invalid(`${path}.description`, 'must be text', description);
    }
    if ((distribution === undefined) === (expression === undefined)) {
      throw invalid(
        path,
        'must have either a distribution or an expression (one of the two)',
        node,
      );
    }
    if (expression !== undefined) {
      if (typeof expression !== 'string')
        throw invalid(`${path}.expression`, 'must be text', expression);
      return { name, path, expression };
    }
    return {
      name,
      path,
      distribution: readDistribution(READ, `${path}.distribution`, distribution),
    };
  });

  let built: Model<string> = empty;
  for (const node of ordered(nodes, empty)) {
    built = atPath(node.path, () =>
      node.expression === undefined
        ? built.input(node.name, node.distribution as Distribution)
        : built.derive(node.name, node.expression),
    );
  }
  const correlations =
    json.correlations === undefined ? [] : requireList('correlations', json.correlations);
  correlations.forEach((pair, i) => {
    const path = `correlations[${i}]`;
    if (!isRecord(pair))
      throw invalid(path, 'must be a pair such as { "a": "x", "b": "y", "rho": 0.5 }', pair);
    requireFields(path, pair, ['a', 'b', 'rho']);
    built = atPath(path, () =>
      built.correlate(pair.a as string, pair.b as string, pair.rho as number),
    );
  });
  const observations =
    json.observations === undefined ? [] : requireList('observations', json.observations);
  observations.forEach((observation, i) => {
    const path = `observations[${i}]`;
    if (!isRecord(observation)) {
      throw invalid(
        path,
        'must be evidence such as { "node": "x", "distribution": { ... } }',
        observation,
      );
    }
    requireFields(path, observation, ['node', 'distribution']);
    const dist = readDistribution(READ, `${path}.distribution`, observation.distribution);
    built = atPath(path, () => built.observe(observation.node as string, dist));
  });
  return built;
}

/**
 * Builds the model a {@link ModelJson} describes — from the object or from its JSON text — checking
 * every field of it first, as for any file from outside: nothing in a file is executed, and anything
 * wrong is a {@link SalvoError} whose message and `parameter` say where (`nodes[2].distribution.args[0]`).
 * The model gives the same results, to the bit, as the one the file was written from. Pass the node
 * names you expect as the type parameter to have them checked by TypeScript where you use the run
 * (the file is not checked against them: read `m.names` to be sure).
 *
 * @param json - the file's object, or its text
 * @throws {@link SalvoError} `INVALID_MODEL` for a field missing, misspelt or of the wrong type, a
 *   repeated name, a name that is not an identifier, or an expression that does not compile (unknown
 *   name, syntax); `UNKNOWN_FAMILY` for a distribution family salvo does not have; `UNKNOWN_VERSION`
 *   for a newer format; `MODEL_CYCLE` for expressions that read each other in a circle; a factory's
 *   own code (`INVALID_PARAMETER`, `UNKNOWN_OPTION`, `LENGTH_MISMATCH`...) for a parameter it refuses;
 *   `INVALID_SEED` for a bad seed
 *
 * @example
 * ```ts
 * import { modelFromJson } from 'salvo';
 * const text = `{
 *   "format": "salvo-model", "version": 1, "seed": 7,
 *   "nodes": [
 *     { "name": "shells", "expression": "containers * shellsPerContainer" },
 *     { "name": "containers", "distribution": { "family": "pert", "args": [5500, 6700, 8000] } },
 *     { "name": "shellsPerContainer", "distribution": { "family": "lognormal.ci", "args": [380, 600] } }
 *   ]
 * }`;
 * const shipments = modelFromJson<'containers' | 'shellsPerContainer' | 'shells'>(text);
 * shipments.names; // => ['containers', 'shellsPerContainer', 'shells']
 * modelFromJson('{"format": "salvo-model", "version": 9}'); // throws SalvoError UNKNOWN_VERSION
 * ```
 */
export function modelFromJson<Names extends string = string>(
  json: ModelJson | string,
): Model<Names> {
  return readModel(json, (seed) => model({ seed })) as Model<Names>;
}

/**
 * {@link modelFromJson} without the expression parser: the `modelFromJson` of `'salvo/core'`. Files
 * whose nodes are all distributions are read alike; an expression is refused with `UNSUPPORTED`
 * (import `modelFromJson` from `'salvo'` to read it).
 *
 * @param json - the file's object, or its text
 * @throws {@link SalvoError} as {@link modelFromJson}, and `UNSUPPORTED` for an expression
 *
 * @example
 * ```ts
 * import { modelFromJson } from 'salvo/core';
 * const file = { format: 'salvo-model', version: 1, seed: 1, nodes: [{ name: 'x', distribution: { family: 'normal', args: [0, 1] } }] };
 * modelFromJson(JSON.stringify(file)).names; // => ['x']
 * ```
 */
export function coreModelFromJson<Names extends string = string>(
  json: ModelJson | string,
): Model<Names> {
  return readModel(json, (seed) => coreModel({ seed })) as Model<Names>;
}
