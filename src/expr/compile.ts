/**
 * Expressions over model nodes, such as `"containers * shellsPerContainer * shareCarryingShells"`.
 *
 * mathjs parses the text (only its parser, through its minimal factory functions, handed to its models
 * by the `model` of 'salvo' and left out by 'salvo/core'); salvo then
 * checks every name and function, and compiles the tree into one JavaScript loop over typed arrays
 * (`new Function`, cached per expression), so an expression costs one pass over memory whatever its
 * length. Where code generation is not allowed (a Content Security Policy without `unsafe-eval`), an
 * interpreter walks the same checked tree for each element and gives the same results.
 *
 * Semantics, element by element, as in numpy: IEEE arithmetic (`x / 0` is ±Infinity, `0 / 0` NaN);
 * comparisons give 1 or 0 and are 0 when either side is NaN; `c ? a : b` takes `a` where c is non-zero,
 * `b` where c is zero, and NaN where c is NaN; `round` rounds half away from zero (as mathjs does).
 * @module
 */

import { binomialQuantileOf } from '../distributions/binomial.js';
import { SalvoError } from '../errors.js';
import { show } from '../validate.js';
import { expandNotation } from './notation.js';

/**
 * Turns expression text into a mathjs node tree; throws mathjs's own errors on bad syntax. The `model`
 * of 'salvo' hands its models mathjs's parser (src/expr/mathjsParser.ts); that of 'salvo/core' hands
 * none, so that a bundle built from 'salvo/core' carries no part of mathjs. @internal
 */
export type ExpressionParser = (source: string) => unknown;

/**
 * Distributions an expression may call by name (`beta(7, 3)`, `lognormal.ci(380, 600)`, and `to` for
 * `lo to hi`), with their numbers of arguments, and what turns such a call into a node: `declare`
 * receives the family, its arguments (numbers, computed from constant expressions) and the call as
 * text, and returns the name of the node that holds the distribution (the model makes it an input).
 * @internal
 */
export interface InlineDistributions {
  readonly families: ReadonlyMap<string, { readonly arities: readonly number[] }>;
  declare(family: string, args: readonly number[], text: string): string;
}

/** Functions an expression may call, with their number of arguments (`Infinity`: one or more). */
export const EXPRESSION_FUNCTIONS: Readonly<Record<string, number>> = Object.freeze({
  exp: 1,
  log: 1,
  log10: 1,
  sqrt: 1,
  abs: 1,
  floor: 1,
  ceil: 1,
  round: 1,
  pow: 2,
  min: Number.POSITIVE_INFINITY,
  max: Number.POSITIVE_INFINITY,
  binomialQuantile: 3,
});

/**
 * The deepest expression salvo compiles: operations nested at most this many levels (a sum of 1,000
 * terms, parsed as ((x + x) + x) + ..., is 1,000 levels deep). Deeper trees overflow the stack of
 * V8's parser when it compiles the generated loop (measured: about 1,800 levels on the main thread),
 * so they are refused with `EXPRESSION_TOO_LARGE` rather than evaluated by the much slower interpreter.
 * @internal
 */
export const MAX_EXPRESSION_DEPTH = 1_000;

/**
 * The most terms (numbers, names, operations and calls) an expression may have: generating and
 * compiling a loop takes time in proportion to its length, and V8 refuses a call of more than 65,535
 * arguments (`max(` of 100,000 names). Larger expressions are refused with `EXPRESSION_TOO_LARGE`.
 * @internal
 */
export const MAX_EXPRESSION_TERMS = 10_000;

const BINARY: Readonly<Record<string, string>> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
};
const COMPARISON: Readonly<Record<string, string>> = {
  smaller: '<',
  smallerEq: '<=',
  larger: '>',
  largerEq: '>=',
  equal: '===',
  unequal: '!==',
};

/** A checked expression tree (a small subset of mathjs's nodes, validated). @internal */
export type ExpressionTree = Tree;
type Tree =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'symbol'; readonly index: number }
  | { readonly kind: 'negate'; readonly arg: Tree }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Tree; readonly right: Tree }
  | { readonly kind: 'compare'; readonly op: string; readonly left: Tree; readonly right: Tree }
  | { readonly kind: 'call'; readonly fn: string; readonly args: readonly Tree[] }
  | {
      readonly kind: 'conditional';
      readonly test: Tree;
      readonly ifTrue: Tree;
      readonly ifFalse: Tree;
    };

/**
 * A compiled expression: the node names it reads, in order, and a loop that evaluates it.
 * @internal
 */
export interface CompiledExpression {
  /** The source text. */
  readonly source: string;
  /** Names the expression reads, in order of first appearance; `evaluate` takes arrays in this order. */
  readonly names: readonly string[];
  /** Whether the loop was generated (`true`) or is interpreted (`false`). */
  readonly generated: boolean;
  /** The checked tree (plain data: it rebuilds the expression in a worker thread without parsing). */
  readonly tree: ExpressionTree;
  /** Evaluates element `i` of every input into `out[i]`, for i < out.length. */
  evaluate(inputs: readonly Float64Array[], out: Float64Array): void;
}

/** Points at the first occurrence of `token` in `source` with a caret line. */
function pointAt(source: string, token: string, from = 0): string {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(^|[^A-Za-z0-9_])(${escaped})(?![A-Za-z0-9_])`).exec(
    source.slice(from),
  );
  const at = match === null ? -1 : from + match.index + match[1].length;
  if (at < 0) return `  ${source}`;
  return `  ${source}\n  ${' '.repeat(at)}${'^'.repeat(Math.max(1, token.length))}`;
}

function fail(
  where: string,
  source: string,
  message: string,
  token?: string,
  column?: number,
): never {
  let pointer = `  ${source}`;
  if (token !== undefined) pointer = pointAt(source, token);
  else if (column !== undefined) pointer = `  ${source}\n  ${' '.repeat(Math.max(0, column))}^`;
  throw new SalvoError('INVALID_PARAMETER', `${where}: ${message}\n${pointer}`, {
    parameter: 'expression',
    value: source,
  });
}

/** The expression exceeds a limit, or a stack overflowed on it (`cause`); the source is not repeated. */
function tooLarge(where: string, source: string, why: string, cause?: unknown): never {
  throw new SalvoError(
    'EXPRESSION_TOO_LARGE',
    `${where}: the expression (${source.length.toLocaleString('en-US')} characters) ${why}; split it into several derived nodes`,
    { parameter: 'expression', value: source, cause },
  );
}

interface MathNode {
  type: string;
  [key: string]: unknown;
}

/**
 * Parses and checks an expression against the names it may read.
 * @param source - the expression text
 * @param known - the names in scope (nodes declared so far)
 * @param where - the function name for messages, such as `model.derive("shells")`
 * @param options - `parse`: the parser (none: expression text is refused with `UNSUPPORTED`, as in
 *   'salvo/core'); `interpret: true` skips code generation (tests compare the two paths)
 * @throws {@link SalvoError} `INVALID_PARAMETER` for a syntax error, an unknown name or function, a wrong
 *   number of arguments or an unsupported construct, with a caret under the offending token
 * @internal
 */
export function compileExpression(
  source: string,
  known: readonly string[],
  where = 'expression',
  options: {
    readonly interpret?: boolean;
    readonly parse?: ExpressionParser;
    readonly inline?: InlineDistributions;
  } = {},
): CompiledExpression {
  if (typeof source !== 'string' || source.trim() === '') {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: the expression must be non-empty text, got ${show(source)}`,
      {
        parameter: 'expression',
        value: source,
      },
    );
  }
  const parse = options.parse;
  if (parse === undefined) {
    throw new SalvoError(
      'UNSUPPORTED',
      `${where}: expression text needs the expression parser, which 'salvo/core' leaves out; pass a callback such as ({ a, b }) => a.mul(b), or import model from 'salvo'`,
      { parameter: 'expression', value: source },
    );
  }
  // Number suffixes and `**` rewritten into mathjs's grammar (notation.ts).
  const expanded = expandNotation(source);
  let root: MathNode;
  try {
    root = parse(expanded.text) as unknown as MathNode;
  } catch (error) {
    if (error instanceof RangeError) {
      tooLarge(
        where,
        source,
        "nests too deeply for mathjs's parser, which ran out of stack",
        error,
      );
    }
    // mathjs counts characters of the rewritten text from 1: the message and caret say where in the
    // text as typed.
    const raw = error instanceof Error ? error.message : String(error);
    const found = /\(char (\d+)\)/.exec(raw);
    const column = found ? expanded.originalColumn(Number(found[1]) - 1) : undefined;
    const message =
      column === undefined ? raw : raw.replace(/\(char \d+\)/, `(char ${column + 1})`);
    fail(where, source, `syntax error: ${message}`, undefined, column);
  }
  const names: string[] = [];
  const knownSet = new Set(known);
  const symbolOf = (name: string): Tree => {
    let index = names.indexOf(name);
    if (index < 0) index = names.push(name) - 1;
    return { kind: 'symbol', index };
  };
  /** An inline distribution: its arguments must be numbers; the node holding it is read. */
  const inlineCall = (
    family: string,
    argNodes: readonly MathNode[],
    text: string,
    depth: number,
  ): Tree => {
    const inline = options.inline as InlineDistributions;
    const arities = inline.families.get(family)?.arities ?? [];
    const shown = family === 'to' ? `${text} (lo to hi)` : family;
    // The caret goes under the family's name (`lognormal` of `lognormal.ci`); `to` has none to point at.
    const token = family === 'to' ? undefined : family.split('.')[0];
    if (!arities.includes(argNodes.length)) {
      fail(
        where,
        source,
        `${shown} takes ${[...arities].sort().join(' or ')} number${arities.length === 1 && arities[0] === 1 ? '' : 's'}, got ${argNodes.length}`,
        token,
      );
    }
    const args = argNodes.map((arg) => {
      const tree = build(arg, depth);
      const value = constantValue(tree);
      if (value === undefined) {
        fail(
          where,
          source,
          family === 'to'
            ? `${text}: the bounds of lo to hi must be numbers, in parentheses where the range is multiplied (containers * (380 to 600)); for a range of a node, declare an input`
            : `the arguments of ${family}(...) must be numbers (an inline distribution's parameters are fixed); for parameters that vary, declare an input`,
          token,
        );
      }
      return value;
    });
    return symbolOf(inline.declare(family, args, text));
  };

  let terms = 0;
  const limits = (depth: number): void => {
    if (depth > MAX_EXPRESSION_DEPTH) {
      tooLarge(
        where,
        source,
        `nests operations more than ${MAX_EXPRESSION_DEPTH.toLocaleString('en-US')} levels deep (a sum of n terms is n levels deep)`,
      );
    }
    if (++terms > MAX_EXPRESSION_TERMS) {
      tooLarge(
        where,
        source,
        `has more than ${MAX_EXPRESSION_TERMS.toLocaleString('en-US')} terms (numbers, names, operations and calls)`,
      );
    }
  };
  // `depth` counts the levels of the checked tree (parentheses add none); the limits are checked
  // before descending, so that no tree mathjs can build overflows the stack here.
  const build = (node: MathNode, depth = 1): Tree => {
    if (node.type !== 'ParenthesisNode') limits(depth);
    const inner = depth + 1;
    switch (node.type) {
      case 'ParenthesisNode':
        return build(node.content as MathNode, depth);
      case 'ConstantNode': {
        const value = node.value;
        if (typeof value !== 'number') {
          fail(
            where,
            source,
            `only numbers may appear as constants, got ${show(value)}`,
            String(value),
          );
        }
        return { kind: 'constant', value };
      }
      case 'SymbolNode': {
        const name = node.name as string;
        if (!knownSet.has(name)) {
          const hint =
            name in EXPRESSION_FUNCTIONS ? ` (${name} is a function: call it as ${name}(...))` : '';
          fail(
            where,
            source,
            `unknown name ${show(name)}${hint}; names declared so far: ${known.length > 0 ? known.join(', ') : '(none)'}`,
            name,
          );
        }
        return symbolOf(name);
      }
      case 'OperatorNode': {
        const fn = node.fn as string;
        const args = node.args as MathNode[];
        if (node.implicit === true) {
          fail(where, source, `implicit multiplication is not allowed: write the * explicitly`);
        }
        if (fn === 'unaryMinus') return { kind: 'negate', arg: build(args[0], inner) };
        if (fn === 'unaryPlus') return build(args[0], inner);
        if (fn in BINARY)
          return {
            kind: 'binary',
            op: BINARY[fn],
            left: build(args[0], inner),
            right: build(args[1], inner),
          };
        if (fn === 'pow')
          return { kind: 'call', fn: 'pow', args: [build(args[0], inner), build(args[1], inner)] };
        if (fn === 'to' && options.inline?.families.has('to')) {
          const text = expanded.asTyped(String((node as { toString(): string }).toString()));
          return inlineCall('to', args, text, inner);
        }
        if (fn in COMPARISON) {
          return {
            kind: 'compare',
            op: COMPARISON[fn],
            left: build(args[0], inner),
            right: build(args[1], inner),
          };
        }
        return fail(
          where,
          source,
          `operator ${show(node.op)} is not supported; use + - * / ^, comparisons, and c ? a : b`,
          String(node.op),
        );
      }
      case 'FunctionNode': {
        const name = functionName(node.fn as MathNode);
        if (options.inline?.families.has(name) && !(name in EXPRESSION_FUNCTIONS)) {
          const text = expanded.asTyped(String((node as { toString(): string }).toString()));
          return inlineCall(name, node.args as MathNode[], text, inner);
        }
        const arity = EXPRESSION_FUNCTIONS[name];
        if (arity === undefined) {
          const families =
            options.inline === undefined
              ? ''
              : `; distributions: ${[...options.inline.families.keys()].filter((f) => f !== 'to').join(', ')}, and lo to hi`;
          fail(
            where,
            source,
            `unsupported function ${show(name)}; supported: ${Object.keys(EXPRESSION_FUNCTIONS).join(', ')}${families}`,
            name.split('.')[0],
          );
        }
        const args = (node.args as MathNode[]).map((arg) => build(arg, inner));
        const ok = arity === Number.POSITIVE_INFINITY ? args.length >= 1 : args.length === arity;
        if (!ok) {
          const wanted =
            arity === Number.POSITIVE_INFINITY
              ? 'at least 1 argument'
              : `${arity} argument${arity === 1 ? '' : 's'}`;
          fail(where, source, `${name} takes ${wanted}, got ${args.length}`, name);
        }
        return { kind: 'call', fn: name, args };
      }
      case 'ConditionalNode':
        return {
          kind: 'conditional',
          test: build(node.condition as MathNode, inner),
          ifTrue: build(node.trueExpr as MathNode, inner),
          ifFalse: build(node.falseExpr as MathNode, inner),
        };
      default:
        return fail(
          where,
          source,
          `${node.type.replace(/Node$/, '').toLowerCase()} expressions are not supported`,
        );
    }
  };

  return compileExpressionTree(source, names, build(root), options);
}

/** A called function's name: `beta`, or `lognormal.ci` for a property access; else `(expression)`. */
function functionName(fn: MathNode): string {
  if (fn.type === 'SymbolNode') return fn.name as string;
  if (fn.type === 'AccessorNode') {
    const object = fn.object as MathNode;
    const property = (fn.index as { dimensions?: MathNode[] }).dimensions?.[0];
    if (object.type === 'SymbolNode' && property?.type === 'ConstantNode') {
      return `${object.name as string}.${String(property.value)}`;
    }
  }
  return '(expression)';
}

/** The value of a tree that reads no node (numbers and operations on them); undefined otherwise. */
function constantValue(tree: Tree): number | undefined {
  const readsNode = (t: Tree): boolean => {
    switch (t.kind) {
      case 'constant':
        return false;
      case 'symbol':
        return true;
      case 'negate':
        return readsNode(t.arg);
      case 'binary':
      case 'compare':
        return readsNode(t.left) || readsNode(t.right);
      case 'call':
        return t.args.some(readsNode);
      case 'conditional':
        return readsNode(t.test) || readsNode(t.ifTrue) || readsNode(t.ifFalse);
    }
  };
  if (readsNode(tree)) return undefined;
  const out = new Float64Array(1);
  interpret(tree).run([], out);
  return out[0];
}

/**
 * Compiles an already checked tree (from {@link CompiledExpression.tree}) reading `names`: how a
 * worker thread rebuilds an expression without loading the parser.
 * @internal
 */
export function compileExpressionTree(
  source: string,
  names: readonly string[],
  tree: ExpressionTree,
  options: { readonly interpret?: boolean; readonly parse?: ExpressionParser } = {},
): CompiledExpression {
  const evaluate =
    (options.interpret === true ? undefined : generate(source, tree, names.length)) ??
    interpret(tree);
  return Object.freeze({
    source,
    names: Object.freeze([...names]),
    generated: evaluate.generated,
    tree,
    evaluate: evaluate.run,
  });
}

/** JavaScript for one element of the tree; inputs are `v0[i]`, `v1[i]`, ... */
function emit(tree: Tree): string {
  switch (tree.kind) {
    case 'constant':
      return Object.is(tree.value, -0) ? '-0' : String(tree.value);
    case 'symbol':
      return `v${tree.index}[i]`;
    case 'negate':
      return `(-${emit(tree.arg)})`;
    case 'binary':
      return `(${emit(tree.left)} ${tree.op} ${emit(tree.right)})`;
    case 'compare':
      return `(${emit(tree.left)} ${tree.op} ${emit(tree.right)} ? 1 : 0)`;
    case 'call': {
      const args = tree.args.map(emit).join(', ');
      return Object.hasOwn(OWN_FUNCTIONS, tree.fn)
        ? `${tree.fn}(${args})`
        : `Math.${tree.fn}(${args})`;
    }
    case 'conditional':
      return `conditional(${emit(tree.test)}, ${emit(tree.ifTrue)}, ${emit(tree.ifFalse)})`;
  }
}

/** Half away from zero, as mathjs's round. */
function round(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * The functions of expressions that are not `Math`'s: generated loops receive them by name, the
 * interpreter calls them. `binomialQuantile(level, trials, probability)` draws a count from a uniform
 * input with parameters that vary from sample to sample (NaN outside its domain).
 */
const OWN_FUNCTIONS: Readonly<Record<string, (...args: number[]) => number>> = Object.freeze({
  round,
  binomialQuantile: binomialQuantileOf,
});

/** NaN where the test is NaN; otherwise the branch. (Both branches are computed, element-wise.) */
function conditional(test: number, ifTrue: number, ifFalse: number): number {
  return Number.isNaN(test) ? Number.NaN : test !== 0 ? ifTrue : ifFalse;
}

type Evaluate = {
  generated: boolean;
  run: (inputs: readonly Float64Array[], out: Float64Array) => void;
};

/**
 * Generated loops by their code, least recently used first: a program that builds expressions in a
 * loop (a sweep writing its constants into the text) would otherwise keep every loop it ever made.
 * {@link MAX_GENERATED} is far more than any model has expressions.
 */
const generatedCache = new Map<string, Evaluate['run']>();
const MAX_GENERATED = 1024;

/** How many generated loops are cached (for the test of the bound). @internal */
export function generatedLoopCount(): number {
  return generatedCache.size;
}

function generate(source: string, tree: Tree, inputCount: number): Evaluate | undefined {
  let body: string;
  try {
    body = emit(tree);
  } catch (error) {
    if (error instanceof RangeError)
      tooLarge('expression', source, 'is too deep to generate', error);
    throw error;
  }
  const cached = generatedCache.get(body);
  if (cached !== undefined) {
    generatedCache.delete(body); // most recently used goes last
    generatedCache.set(body, cached);
    return { generated: true, run: cached };
  }
  const locals = Array.from({ length: inputCount }, (_, k) => `const v${k} = inputs[${k}];`).join(
    ' ',
  );
  const code = `return function evaluate(inputs, out) { ${locals} const n = out.length; for (let i = 0; i < n; i++) { out[i] = ${body}; } };`;
  try {
    const run = new Function(...Object.keys(OWN_FUNCTIONS), 'conditional', code)(
      ...Object.values(OWN_FUNCTIONS),
      conditional,
    ) as Evaluate['run'];
    generatedCache.set(body, run);
    if (generatedCache.size > MAX_GENERATED) {
      generatedCache.delete(generatedCache.keys().next().value as string);
    }
    return { generated: true, run };
  } catch (error) {
    // V8's parser ran out of stack on the loop: say so, rather than interpret it slowly.
    if (error instanceof RangeError) {
      tooLarge('expression', source, "is too deep for V8's parser to compile its loop", error);
    }
    // Code generation refused (for example by a Content Security Policy): use the interpreter.
    return undefined;
  }
}

function interpret(tree: Tree): Evaluate {
  const at = (node: Tree, inputs: readonly Float64Array[], i: number): number => {
    switch (node.kind) {
      case 'constant':
        return node.value;
      case 'symbol':
        return inputs[node.index][i];
      case 'negate':
        return -at(node.arg, inputs, i);
      case 'binary': {
        const a = at(node.left, inputs, i);
        const b = at(node.right, inputs, i);
        return node.op === '+' ? a + b : node.op === '-' ? a - b : node.op === '*' ? a * b : a / b;
      }
      case 'compare': {
        const a = at(node.left, inputs, i);
        const b = at(node.right, inputs, i);
        const op = node.op;
        const r =
          op === '<'
            ? a < b
            : op === '<='
              ? a <= b
              : op === '>'
                ? a > b
                : op === '>='
                  ? a >= b
                  : op === '==='
                    ? a === b
                    : a !== b;
        return r ? 1 : 0;
      }
      case 'call': {
        const args = node.args.map((arg) => at(arg, inputs, i));
        if (Object.hasOwn(OWN_FUNCTIONS, node.fn)) return OWN_FUNCTIONS[node.fn](...args);
        return (Math[node.fn as 'exp'] as (...xs: number[]) => number)(...args);
      }
      case 'conditional':
        return conditional(
          at(node.test, inputs, i),
          at(node.ifTrue, inputs, i),
          at(node.ifFalse, inputs, i),
        );
    }
  };
  return {
    generated: false,
    run: (inputs, out) => {
      for (let i = 0; i < out.length; i++) out[i] = at(tree, inputs, i);
    },
  };
}
