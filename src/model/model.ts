/**
 * The model builder: `model({ seed })`, then named uncertain inputs (distributions), derived nodes
 * (expressions or callbacks over the nodes declared before them), correlations and evidence, each
 * step returning a new immutable builder whose type knows every name declared so far.
 * @module
 */
import type { Distribution } from '../distributions/types.js';
import { SalvoError } from '../errors.js';
import { compileExpression, EXPRESSION_FUNCTIONS, type ExpressionParser } from '../expr/compile.js';
import { parseWithMathjs } from '../expr/mathjsParser.js';
import { seedWords } from '../rng/seed.js';
import type { Samples } from '../samples/samples.js';
import { optionNames, requireKnownOptions, show } from '../validate.js';
import { type CorrelationPair, checkCorrelationMatrix } from './correlation.js';
import type { DeriveFunction, Likelihood, NodeSpec, Observation } from './definition.js';
import { INLINE_FAMILIES, type InlineFamily, inlineInputs } from './inline.js';
import type { RunOptions } from './options.js';
import type { ModelRun } from './result.js';
import { runModel } from './run.js';

/**
 * Names a node may not take, each with the reason: the functions expressions can call; the words that
 * mathjs's parser turns into a constant or an operator before salvo sees a name (an expression would
 * read the constant `Infinity`, or refuse `true`, instead of the node); and `__proto__`, which a plain
 * object (a `deriveEach` row, `run.toJSON().nodes`) cannot hold as a key. The other words of mathjs
 * (`and`, `or`, `xor`, `mod`, `to`, `in`, `pi`, `e`, `i`, `end`...) stay allowed: where an expression
 * reads a value, they read the node (tests/model/names.test.ts).
 */
const RESERVED: ReadonlyMap<string, string> = new Map([
  ...Object.keys(EXPRESSION_FUNCTIONS).map((name): [string, string] => [
    name,
    'is a function name in expressions',
  ]),
  ...['Infinity', 'NaN'].map((name): [string, string] => [
    name,
    `is the constant ${name} in expressions, which would read the constant instead of the node`,
  ]),
  ...['true', 'false', 'null', 'undefined'].map((name): [string, string] => [
    name,
    `is the constant ${name} in expressions, which refuse it where a number is expected`,
  ]),
  ['not', 'is the operator not in expressions, which could never read the node'],
  [
    '__proto__',
    'is the prototype property of JavaScript objects: rows and JSON results would lose the node',
  ],
]);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Options of {@link model}.
 *
 * @example
 * ```ts
 * import { model, type ModelOptions } from 'salvo';
 * const options: ModelOptions = { seed: 'nk-2024-02-26' };
 * model(options).seed; // => 'nk-2024-02-26'
 * ```
 */
export interface ModelOptions {
  /** The run's seed: a finite number or a string (expanded with seedrandom, see {@link createRng}). */
  readonly seed: number | string;
}

/** The names {@link ModelOptions} knows, for `UNKNOWN_OPTION`. */
const MODEL_OPTION_NAMES = optionNames<ModelOptions>()(['seed']);

/**
 * An immutable model builder. Each `.input` and `.derive` returns a new builder whose type knows every
 * node name declared so far, so a derive callback can read exactly those names and `run.summary('typo')`
 * does not compile.
 *
 * @example
 * ```ts
 * import { beta, lognormal, model, pert } from 'salvo';
 * const run = model({ seed: 'nk-2024-02-26' })
 *   .input('containers', pert(5_500, 6_700, 8_000))
 *   .input('roundsPerContainer', lognormal.ci(380, 600))
 *   .input('shareCarryingShells', beta(7, 3))
 *   .derive('shells', ({ containers, roundsPerContainer, shareCarryingShells }) =>
 *     containers.mul(roundsPerContainer).mul(shareCarryingShells))
 *   .run({ samples: 100_000 });
 * run.summary('shells').quantiles.p50; // => about 2.25 million
 * ```
 */
export class Model<Names extends string = never> {
  /** The run's seed. */
  readonly seed: number | string;
  /** @internal */
  readonly nodes: readonly NodeSpec[];
  /** @internal Requested rank correlations between inputs, one per pair. */
  readonly correlations: readonly CorrelationPair[];
  /** @internal Evidence: the run weights each sample by the product of these likelihoods. */
  readonly observations: readonly Observation[];
  /**
   * @internal Parses `.derive`'s expression text: mathjs's parser for a model from 'salvo', none for
   * one from 'salvo/core' (text is then refused). Each model carries its own, so the two entries never
   * affect each other.
   */
  readonly parser: ExpressionLanguage | undefined;

  /** @internal Use {@link model}. */
  constructor(
    seed: number | string,
    nodes: readonly NodeSpec[],
    correlations: readonly CorrelationPair[] = [],
    observations: readonly Observation[] = [],
    parser: ExpressionLanguage | undefined = undefined,
  ) {
    this.seed = seed;
    this.nodes = nodes;
    this.correlations = correlations;
    this.observations = observations;
    this.parser = parser;
    Object.freeze(this);
  }

  /** Names declared so far, in declaration order. */
  get names(): readonly Names[] {
    return this.nodes.map((n) => n.name as Names);
  }

  private checkName(where: string, name: unknown): void {
    if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: name must be an identifier (letters, digits and _, not starting with a digit), got ${show(name)}`,
        { parameter: 'name', value: name },
      );
    }
    const reserved = RESERVED.get(name);
    if (reserved !== undefined) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: name ${show(name)} ${reserved}; choose another`,
        { parameter: 'name', value: name },
      );
    }
    if (this.nodes.some((n) => n.name === name)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: a node named ${show(name)} already exists`,
        {
          parameter: 'name',
          value: name,
        },
      );
    }
  }

  /**
   * Declares an uncertain input drawn from a distribution.
   *
   * Names (of `.input`, `.derive` and `.deriveEach` alike) are identifiers: ASCII letters, digits and
   * `_`, not starting with a digit. Refused, with the reason: the functions of expressions (`exp`,
   * `log`, `log10`, `sqrt`, `abs`, `min`, `max`, `floor`, `ceil`, `round`, `pow`, `binomialQuantile`); `Infinity` and `NaN`
   * (an expression would read the constant, not the node); `true`, `false`, `null`, `undefined` (the
   * parser reads constants that expressions refuse); `not` (an operator); and `__proto__` (a plain
   * object such as a `deriveEach` row or the JSON of a run cannot hold it). Other words the expression
   * parser knows (`and`, `or`, `xor`, `mod`, `to`, `in`, `pi`, `e`, `i`, `end`) and the names of
   * `Object.prototype` (`constructor`, `toString`...) are allowed and read the node everywhere.
   * @param name - a new identifier (letters, digits, `_`); units in the name help readers (`pricePerShellUsd`)
   * @param dist - its distribution
   * @returns a new builder that also knows `name`
   * @throws {@link SalvoError} `INVALID_PARAMETER` for a bad, reserved (see above) or duplicate name or
   *   a non-distribution
   * @example
   * ```ts
   * import { model, uniform } from 'salvo';
   * const m = model({ seed: 1 }).input('shareCarryingShells', uniform(0.5, 0.9));
   * m.names; // => ['shareCarryingShells']
   * ```
   */
  input<N extends string>(name: N, dist: Distribution): Model<Names | N> {
    this.checkName('model.input', name);
    if (
      typeof dist !== 'object' ||
      dist === null ||
      typeof (dist as Distribution).fill !== 'function'
    ) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `model.input: dist for ${show(name)} must be a distribution such as normal(0, 1), got ${show(dist)}`,
        { parameter: 'dist', value: dist },
      );
    }
    return new Model<Names | N>(
      this.seed,
      [...this.nodes, { kind: 'input', name, dist }],
      this.correlations,
      this.observations,
      this.parser,
    );
  }

  /**
   * Declares a node computed from the nodes declared before it, either as an expression or as a
   * callback.
   *
   * - An expression (`'containers * roundsPerContainer * shareCarryingShells'`) may use `+ - * / ^`
   *   (and `**`, the same as `^`), unary minus, comparisons (1 or 0), `c ? a : b`, numbers — with
   *   the suffixes `k`, `M`, `B`, `T` for thousand, million, billion, trillion (`2.5B`) — the names
   *   declared so far and the functions `exp log log10 sqrt abs min max floor ceil round pow`, and
   *   `binomialQuantile(level, trials, probability)`: the smallest count k with P(X <= k) >= level
   *   for a binomial X, so that a uniform input draws a count whose trials and probability vary
   *   from sample to sample (NaN outside its domain, counted in a summary's `nonFinite`).
   *   Distributions may be written inline with number arguments — `beta(7, 3)`, `lognormal.ci(380,
   *   600)`, `(380 to 600)` for `lognormal.ci(380, 600)`, any family with number parameters by its own
   *   name — and each becomes an input declared just before this node, named after it and the call
   *   (`'shells: 380 to 600'`; a second identical call is `'shells: beta(7, 3) #2'`): drawn from its
   *   own streams, independent and reproducible like any input. It is checked here — an unknown
   *   name, an unsupported function or a syntax error throws with a caret under the offending token —
   *   and compiled into one loop over the block that writes straight into the node's buffer. It may
   *   nest operations at most 1,000 levels deep (a sum of 1,000 terms) and have at most 10,000 terms;
   *   beyond, it throws `EXPRESSION_TOO_LARGE` (split it into several derived nodes).
   * - A callback receives the earlier nodes as index-aligned {@link Samples} for one block at a time
   *   and returns {@link Samples} (or a `Float64Array`) of the same length; it must compute
   *   element-wise (sample i from sample i). Its result is copied into the node's buffer.
   * @param name - a new identifier
   * @param compute - the expression text, or the element-wise callback
   * @returns a new builder that also knows `name`
   * @throws {@link SalvoError} `INVALID_PARAMETER` for a bad or duplicate name, a bad expression, or a
   *   value that is neither text nor a function; `EXPRESSION_TOO_LARGE` for an expression beyond the
   *   limits above
   * @example
   * ```ts
   * import { model, normal } from 'salvo';
   * const m = model({ seed: 1 })
   *   .input('x', normal(0, 1))
   *   .derive('xSquared', 'x ^ 2')
   *   .derive('positivePart', ({ x }) => x.max(0))
   *   .derive('inMillions', '(x ** 2) * 1.5M');
   * m.names; // => ['x', 'xSquared', 'positivePart', 'inMillions']
   * ```
   */
  derive<N extends string>(name: N, compute: DeriveFunction<Names> | string): Model<Names | N> {
    this.checkName('model.derive', name);
    if (typeof compute === 'string') {
      // Distributions called in the text become inputs, declared before the node.
      const inline: NodeSpec[] = [];
      const language = this.parser;
      const expression = compileExpression(
        compute,
        this.nodes.map((n) => n.name),
        `model.derive(${show(name)})`,
        {
          parse: language?.parse,
          inline:
            language === undefined ? undefined : inlineInputs(name, language.families, inline),
        },
      );
      return new Model<Names | N>(
        this.seed,
        [...this.nodes, ...inline, { kind: 'expression', name, expression }],
        this.correlations,
        this.observations,
        this.parser,
      );
    }
    if (typeof compute !== 'function') {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `model.derive: compute for ${show(name)} must be an expression or a function of the earlier nodes, got ${show(compute)}`,
        { parameter: 'compute', value: compute },
      );
    }
    return new Model<Names | N>(
      this.seed,
      [...this.nodes, { kind: 'derived', name, compute: compute as DeriveFunction<string> }],
      this.correlations,
      this.observations,
      this.parser,
    );
  }

  /**
   * Declares a node computed one sample at a time: `compute` receives sample i of every earlier node as
   * plain numbers and returns sample i of the new node. This is the slow path — a function call and a
   * copy of every earlier node's value per sample, a cost that grows with the number of earlier nodes
   * (measured against the same expression: see the performance guide) — for logic that does not
   * vectorise (lookups, loops, branches on several inputs). One row object is reused for every sample:
   * do not keep a reference to it.
   * @param name - a new identifier
   * @param compute - returns a number for each row of earlier values
   * @returns a new builder that also knows `name`
   * @throws {@link SalvoError} `INVALID_PARAMETER` for a bad or duplicate name or a non-function; during
   *   the run, when `compute` returns something other than a number
   * @example
   * ```ts
   * import { model, poisson } from 'salvo';
   * const run = model({ seed: 1 })
   *   .input('shipments', poisson(30))
   *   .deriveEach('shipLoads', ({ shipments }) => {
   *     let containers = 0;
   *     for (let k = 0; k < shipments; k++) containers += 200; // a loop over an input's value
   *     return containers;
   *   })
   *   .run({ samples: 1_000 });
   * run.samples('shipLoads')[0] === 200 * run.samples('shipments')[0]; // => true
   * ```
   */
  deriveEach<N extends string>(
    name: N,
    compute: (row: { readonly [K in Names]: number }) => number,
  ): Model<Names | N> {
    this.checkName('model.deriveEach', name);
    if (typeof compute !== 'function') {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `model.deriveEach: compute for ${show(name)} must be a function of one row of earlier values, got ${show(compute)}`,
        { parameter: 'compute', value: compute },
      );
    }
    return new Model<Names | N>(
      this.seed,
      [
        ...this.nodes,
        {
          kind: 'each',
          name,
          compute: compute as (row: Readonly<Record<string, number>>) => number,
        },
      ],
      this.correlations,
      this.observations,
      this.parser,
    );
  }

  /**
   * Induces a Spearman rank correlation between inputs while keeping each input's distribution
   * exactly (Iman–Conover: each input's samples are only reordered, segment by segment). Either one
   * pair, `.correlate('a', 'b', 0.6)`, or a set of inputs with their full matrix,
   * `.correlate(['a', 'b', 'c'], [[1, 0.6, 0.3], [0.6, 1, 0], [0.3, 0, 1]])`. Calls add up: inputs
   * linked by any correlations are rearranged together, with 0 for the pairs never given, and that
   * combined matrix is checked when the model runs.
   *
   * Results stay reproducible — the same seed gives the same samples whatever the block size or the
   * number of worker threads — and inputs outside the correlation are untouched. Each 4,096-sample
   * segment is rearranged on its own (see docs/architecture.md): the achieved rank correlation is
   * within 0.01 of the target (tested at 1e5 samples), and a correlation of ±1 holds exactly within a
   * segment but comes out near ±0.9997 over a whole run. Ties (discrete inputs) pull the achieved
   * value a little towards 0. The cost per sample is measured in docs/performance.md (analysis table:
   * the reference workload with three of its inputs correlated, at 1e6 samples).
   * @param a - an input's name, or the names of two or more distinct inputs
   * @param b - the other input's name, or the correlation matrix (rows in the order of the names:
   *   symmetric, 1 on the diagonal, entries in [-1, 1], positive semi-definite)
   * @param rho - with two names: their rank correlation, in [-1, 1]
   * @returns a new builder with the correlation
   * @throws {@link SalvoError} `INVALID_PARAMETER` naming the offending name, entry
   *   (`matrix[0][2]`) or value: an unknown or derived node, a repeated name, a pair correlated by an
   *   earlier call, a matrix that is not symmetric, has a diagonal other than 1, an entry outside
   *   [-1, 1], or is not positive semi-definite (the message gives the nearest valid matrix; see
   *   {@link nearestCorrelationMatrix}). `model.run` throws the same when the correlations of several
   *   calls together are impossible.
   * @example
   * ```ts
   * import { lognormal, model, pert, spearman } from 'salvo';
   * const run = model({ seed: 1 })
   *   .input('containers', pert(5_500, 6_700, 8_000))
   *   .input('roundsPerContainer', lognormal.ci(300, 600))
   *   .correlate('containers', 'roundsPerContainer', -0.4) // bigger shipments of smaller crates
   *   .run({ samples: 100_000 });
   * spearman(run.samples('containers'), run.samples('roundsPerContainer')); // => about -0.4
   * ```
   */
  correlate(a: Names, b: Names, rho: number): Model<Names>;
  correlate(names: readonly Names[], matrix: readonly (readonly number[])[]): Model<Names>;
  correlate(
    a: Names | readonly Names[],
    b: Names | readonly (readonly number[])[],
    rho?: number,
  ): Model<Names> {
    const where = 'model.correlate';
    let names: string[];
    let parameters: string[];
    let matrix: Float64Array;
    if (Array.isArray(a)) {
      names = [...a];
      parameters = names.map((_, i) => `names[${i}]`);
      if (names.length < 2) {
        throw new SalvoError(
          'INVALID_PARAMETER',
          `${where}: names must list at least two inputs, got ${show(a)}`,
          { parameter: 'names', value: a },
        );
      }
    } else {
      names = [a as string, b as string];
      parameters = ['a', 'b'];
    }
    const inputs = new Set(this.nodes.filter((n) => n.kind === 'input').map((n) => n.name));
    names.forEach((name, i) => {
      if (!inputs.has(name)) {
        const derived = this.nodes.some((n) => n.name === name);
        throw new SalvoError(
          'INVALID_PARAMETER',
          derived
            ? `${where}: ${parameters[i]} = ${show(name)} is a derived node; only inputs can be correlated (correlate the inputs it is computed from)`
            : `${where}: ${parameters[i]} = ${show(name)} names no input (inputs: ${[...inputs].join(', ') || 'none yet'})`,
          { parameter: parameters[i], value: name },
        );
      }
      if (names.indexOf(name) !== i) {
        throw new SalvoError(
          'INVALID_PARAMETER',
          `${where}: ${parameters[i]} = ${show(name)} is repeated; an input cannot be correlated with itself`,
          { parameter: parameters[i], value: name },
        );
      }
    });
    const k = names.length;
    if (Array.isArray(a)) {
      matrix = checkCorrelationMatrix(where, b, k);
    } else {
      if (typeof rho !== 'number' || !(rho >= -1 && rho <= 1)) {
        throw new SalvoError(
          'INVALID_PARAMETER',
          `${where}: rho must be a rank correlation in [-1, 1], got ${show(rho)}`,
          { parameter: 'rho', value: rho },
        );
      }
      matrix = Float64Array.of(1, rho, rho, 1);
    }
    const added: CorrelationPair[] = [];
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const [x, y] = names[i] < names[j] ? [names[i], names[j]] : [names[j], names[i]];
        const earlier = this.correlations.find((p) => p.a === x && p.b === y);
        if (earlier !== undefined) {
          throw new SalvoError(
            'INVALID_PARAMETER',
            `${where}: ${x} and ${y} were already correlated (rho = ${earlier.rho}) by an earlier call; give each pair once`,
            { parameter: Array.isArray(a) ? 'names' : 'b', value: [x, y] },
          );
        }
        added.push({ a: x, b: y, rho: matrix[i * k + j] });
      }
    }
    return new Model<Names>(
      this.seed,
      this.nodes,
      [...this.correlations, ...added],
      this.observations,
      this.parser,
    );
  }

  /**
   * Conditions the estimate on evidence about a node: every sample is weighted by the likelihood of
   * that node's value — the density (or mass) of `likelihood` there, or what the function returns —
   * and several observations multiply (importance weighting of the model's prior samples). Every
   * summary, quantile, probability and histogram of the run then describes the weighted (posterior)
   * distribution; `run.effectiveSampleSize` says how many equally weighted samples the weights are
   * worth, `run.weights()` returns them, and `run.warnings` holds a warning when too few remain (see
   * {@link RunOptions.minEffectiveSampleSize}): weighting works when the evidence is broadly consistent
   * with the model, and says so when it is not.
   *
   * For "a report of 1.5 million, give or take 40%", observe the node with `lognormal(ln 1.5e6, 0.4)`;
   * for "a dated count of about 6,700 (±300)", `normal(6_700, 300)`; for "k of n containers inspected
   * carried shells", the binomial likelihood of the share, `(share) => share ** k * (1 - share) ** (n - k)`.
   *
   * `run.sensitivity` respects the weights too (weighted ranks, equal-weight bins, and tornado
   * medians re-weighted when holding an input changes an observed node). Not yet available with
   * `runParallel`, `until`, `convergence` or the CSV/SIPmath exports (they throw `UNSUPPORTED`).
   * @param name - a node declared so far (input or derived)
   * @param likelihood - a distribution with a `pdf` or `pmf`, or a function from the node's value to a
   *   non-negative likelihood
   * @returns a new builder with the observation
   * @throws {@link SalvoError} `INVALID_PARAMETER` for an unknown name or a likelihood that is neither;
   *   during the run, when the function returns a negative or non-numeric value, and (`EMPTY_DATA`) when
   *   every sample has weight 0
   * @example
   * ```ts
   * import { lognormal, model, normal } from 'salvo';
   * const prior = model({ seed: 1 })
   *   .input('shells', lognormal.ci(1e6, 5e6));
   * const run = prior
   *   .observe('shells', lognormal(Math.log(1.5e6), 0.4)) // Ukraine's figure, ±40%
   *   .run({ samples: 100_000 });
   * run.summary('shells').quantiles.p50;  // => about 1.6 million (the prior's median: 2.2 million)
   * run.effectiveSampleSize;              // => about 60,000 of 100,000
   * ```
   */
  observe(name: Names, likelihood: Likelihood): Model<Names> {
    const where = 'model.observe';
    if (!this.nodes.some((n) => n.name === name)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: name ${show(name)} names no node (nodes: ${this.nodes.map((n) => n.name).join(', ') || 'none yet'})`,
        { parameter: 'name', value: name },
      );
    }
    let observation: Observation;
    if (typeof likelihood === 'function') {
      observation = { name, likelihood, dist: undefined };
    } else {
      const d = likelihood as Distribution & {
        pdf?: (x: number) => number;
        pmf?: (x: number) => number;
      };
      const density =
        typeof d?.pdf === 'function' ? d.pdf : typeof d?.pmf === 'function' ? d.pmf : undefined;
      if (typeof d !== 'object' || d === null || density === undefined) {
        throw new SalvoError(
          'INVALID_PARAMETER',
          `${where}: likelihood for ${show(name)} must be a distribution with a density or mass (such as normal(6700, 300)) or a function of the value, got ${show(likelihood)}`,
          { parameter: 'likelihood', value: likelihood },
        );
      }
      const bound = density.bind(d);
      observation = { name, likelihood: bound, dist: d };
    }
    return new Model<Names>(
      this.seed,
      this.nodes,
      this.correlations,
      [...this.observations, observation],
      this.parser,
    );
  }

  /**
   * Evaluates the model. See {@link RunOptions} for the sample count, block size, which nodes to keep,
   * quantiles and progress.
   * @param options - the run's options
   * @returns the results
   * @throws {@link SalvoError} for bad options, before any sampling; a derive callback's error, or a
   *   `LENGTH_MISMATCH` when it returns the wrong length, during the run
   * @example
   * ```ts
   * import { model, normal } from 'salvo';
   * const run = model({ seed: 1 }).input('x', normal(10, 2)).run({ samples: 10_000 });
   * run.summary('x').n; // => 10000
   * ```
   */
  run(options: RunOptions<Names>): ModelRun<Names> {
    return runModel(this, options);
  }
}

/**
 * Starts a model with a seed. Build it with `.input(name, dist)` and `.derive(name, expression)` (text
 * such as `'a * b'`, or a callback over {@link Samples}), then `.run({ samples })`.
 *
 * @param options - `{ seed }`, a finite number or a string
 * @returns an empty model
 * @throws {@link SalvoError} `INVALID_SEED` for a NaN, infinite or non-string seed
 * @example
 * ```ts
 * import { model, normal } from 'salvo';
 * const run = model({ seed: 'demo' })
 *   .input('heightCm', normal(170, 10))
 *   .derive('heightM', ({ heightCm }) => heightCm.div(100))
 *   .run({ samples: 10_000 });
 * run.quantile('heightM', 0.5); // => about 1.7
 * ```
 */
export function model(options: ModelOptions): Model<never> {
  return emptyModel(options, { parse: parseWithMathjs, families: INLINE_FAMILIES });
}

/**
 * @internal How a model reads expression text: the parser, and the distributions an expression may
 * call inline (both left out by 'salvo/core').
 */
export interface ExpressionLanguage {
  readonly parse: ExpressionParser;
  readonly families: ReadonlyMap<string, InlineFamily>;
}

/**
 * Starts a model with a seed, as {@link model} does, without the expression parser: `.derive` takes
 * callbacks only, and expression text throws `UNSUPPORTED`. This is the `model` of `'salvo/core'`,
 * the entry for bundles that never parse an expression; it leaves all of mathjs out of them (the
 * sizes are in docs/performance.md). Everything else in `'salvo/core'` is what `'salvo'` exports.
 *
 * @param options - `{ seed }`, a finite number or a string
 * @returns an empty model
 * @throws {@link SalvoError} `INVALID_SEED` for a NaN, infinite or non-string seed
 * @example
 * ```ts
 * import { model, normal } from 'salvo/core';
 * const run = model({ seed: 'demo' })
 *   .input('heightCm', normal(170, 10))
 *   .derive('heightM', ({ heightCm }) => heightCm.div(100))
 *   .run({ samples: 10_000 });
 * run.quantile('heightM', 0.5); // => about 1.7
 * ```
 */
export function coreModel(options: ModelOptions): Model<never> {
  return emptyModel(options, undefined);
}

/** A model with no nodes, its seed checked, parsing expression text with `parser` (if any). */
function emptyModel(options: ModelOptions, parser: ExpressionLanguage | undefined): Model<never> {
  requireKnownOptions(
    parser === undefined ? 'coreModel' : 'model',
    'options',
    options,
    MODEL_OPTION_NAMES,
  );
  const seed = options?.seed;
  seedWords(seed as number | string); // validates, throws INVALID_SEED
  return new Model<never>(seed, [], [], [], parser);
}
