// The ```ts blocks of the documentation — doc comments of the public API, README.md and docs/**/*.md —
// and what examples.test.ts needs to run them: imports pointed at the sources, and `expr; // => value`
// comments turned into checks of the value.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import ts from 'typescript';
import { ENTRY_POINTS, type PublicDoc, REPO_ROOT, relativeToRepo } from './public-api.js';

/**
 * Opting a block out, on the line just above its fence: `<!-- not-checked: reason -->` (neither
 * type-checked nor run) or `<!-- not-run: reason -->` (type-checked, not run: it needs a file the reader
 * has, or takes too long for the test suite).
 */
const OPT_OUT = /^\s*<!--\s*(not-checked|not-run):\s*(.*?)\s*-->\s*$/;

export interface OptOut {
  kind: 'not-checked' | 'not-run';
  reason: string;
}

export interface CodeBlock {
  /** Where it comes from: the export (`Model.run`) for a doc comment, else the file (`README.md`). */
  label: string;
  /** Repository-relative file. */
  file: string;
  /** 1-based line in `file` of the block's first line of code. */
  line: number;
  code: string;
  kind: 'doc comment' | 'markdown';
  /** A `<!-- not-checked: reason -->` or `<!-- not-run: reason -->` line above the fence. */
  optOut?: OptOut;
  /**
   * Markdown only: the block's printed output as the page shows it — the ```text block that follows,
   * with at most a short line of prose between ("prints:"). A run must print exactly that.
   */
  shownOutput?: string;
}

/** `src/model/run.ts:120` for a line of a block (1-based, within the block). */
export function blockWhere(block: CodeBlock, blockLine = 1): string {
  return `${block.file}:${block.line + blockLine - 1}`;
}

/**
 * The ```ts (or ```typescript) fences in lines of markdown. Other fences are skipped whole, so a ```ts
 * shown inside a ````md block is not taken for code; a fence's indentation is removed from its lines.
 */
function fences(
  lines: readonly string[],
): { first: number; code: string; optOut?: OptOut; unclosed?: boolean; shownOutput?: string }[] {
  const out: {
    first: number;
    code: string;
    optOut?: OptOut;
    unclosed?: boolean;
    shownOutput?: string;
  }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (open === null) continue;
    const [, indent, marker, language] = open;
    const close = new RegExp(`^\\s*${marker[0]}{${marker.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end])) end++;
    if (language === 'ts' || language === 'typescript') {
      const body = lines
        .slice(i + 1, end)
        .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()));
      const optOut = i > 0 ? OPT_OUT.exec(lines[i - 1]) : null;
      out.push({
        first: i + 1,
        code: `${body.join('\n')}\n`,
        ...(optOut !== null
          ? { optOut: { kind: optOut[1] as OptOut['kind'], reason: optOut[2] } }
          : {}),
        ...(end >= lines.length ? { unclosed: true } : {}),
        ...shownOutputAfter(lines, end),
      });
    }
    i = end;
  }
  return out;
}

/**
 * The ```text fence that shows what the block ending at line `end` prints: the next fence, when at most
 * two lines of prose (not counting blank ones) stand between them.
 */
function shownOutputAfter(lines: readonly string[], end: number): { shownOutput?: string } {
  let prose = 0;
  for (let i = end + 1; i < lines.length; i++) {
    if (/^\s*```text\s*$/.test(lines[i])) {
      let close = i + 1;
      while (close < lines.length && !/^\s*```\s*$/.test(lines[close])) close++;
      return { shownOutput: `${lines.slice(i + 1, close).join('\n')}\n` };
    }
    if (/^\s*(`{3,}|~{3,})/.test(lines[i])) return {};
    if (lines[i].trim() !== '' && ++prose > 2) return {};
  }
  return {};
}

/**
 * The ```ts blocks of the API's doc comments. They are read from the comment's text with the ` * `
 * margin removed, so that lines keep their numbers and code its indentation.
 */
export function docCommentBlocks(docs: readonly PublicDoc[]): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  for (const { name, doc } of docs) {
    const file = doc.getSourceFile();
    const firstLine = file.getLineAndCharacterOfPosition(doc.pos).line;
    const lines = file.text
      .slice(doc.pos, doc.end)
      .split('\n')
      .map((line) =>
        line
          .replace(/^\s*\/\*\*\s?/, '')
          .replace(/\s*\*\/\s*$/, '')
          .replace(/^\s*\* ?/, ''),
      );
    for (const fence of fences(lines)) {
      if (fence.unclosed) throw new Error(`${name}: unclosed code fence in ${file.fileName}`);
      blocks.push({
        label: name,
        file: relativeToRepo(file.fileName),
        line: firstLine + fence.first + 1,
        code: fence.code,
        kind: 'doc comment',
        ...(fence.optOut !== undefined ? { optOut: fence.optOut } : {}),
      });
    }
  }
  return blocks;
}

/** README.md and every docs/**\/*.md except the generated API site (docs/api), read as they are now. */
export function markdownFiles(): string[] {
  const found: string[] = ['README.md'];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && path !== 'docs/api') walk(path);
      else if (entry.isFile() && entry.name.endsWith('.md')) found.push(path);
    }
  };
  walk('docs');
  return found.sort();
}

export function markdownBlocks(files: readonly string[]): CodeBlock[] {
  return files.flatMap((file) => {
    const lines = readFileSync(join(REPO_ROOT, file), 'utf8').split(/\r?\n/);
    return fences(lines).map((fence) => {
      if (fence.unclosed) throw new Error(`${file}:${fence.first}: unclosed code fence`);
      return {
        label: file,
        file,
        line: fence.first + 1,
        code: fence.code,
        kind: 'markdown' as const,
        ...(fence.optOut !== undefined ? { optOut: fence.optOut } : {}),
        ...(fence.shownOutput !== undefined ? { shownOutput: fence.shownOutput } : {}),
      };
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Expected values: `expr; // => 0.5`, `// => about 1.7 million`, `// => Float64Array [1, 2]`, …

/** A value as the docs write it. Typed arrays are written `Float64Array(3)` or `Float64Array [1, 2]`. */
export type Expected =
  | { kind: 'primitive'; value: number | string | boolean | undefined | null }
  | { kind: 'array'; items: Expected[] }
  | { kind: 'object'; entries: [string, Expected][] }
  | { kind: 'typed array'; type: string; length?: number; items?: Expected[] };

export interface Expectation {
  /** 1-based line within the block of the `// =>` comment. */
  line: number;
  /** The comment's text after `// =>`. */
  text: string;
  about: boolean;
  expected: Expected;
}

const TYPED_ARRAYS =
  'Float64Array|Float32Array|Int8Array|Uint8Array|Uint8ClampedArray|Int16Array|Uint16Array|Int32Array|Uint32Array|BigInt64Array|BigUint64Array';

/**
 * Reads the value at the start of a `// =>` comment, or undefined when the comment does not start with
 * one the docs' notation can state exactly. What follows the value must read as prose: nothing, or a
 * space and a word or parenthesis, or `,` `;` `:` — so `// => 2 (the median)` and `// => 10.55, a1 + a3
 * / 2` are checked, and `// => INVALID_PARAMETER min …` (console output) or `// => 1 + x` are not.
 */
export function parseExpectation(text: string): { about: boolean; expected: Expected } | undefined {
  let at = 0;
  const rest = (): string => text.slice(at);
  const skipSpace = (): void => {
    while (at < text.length && /\s/.test(text[at])) at++;
  };
  const eat = (pattern: RegExp): RegExpExecArray | null => {
    const match = pattern.exec(rest());
    if (match !== null) at += match[0].length;
    return match;
  };

  // Top level only: `7,000` with grouping commas (inside a list, `1,2` would be two items), and a
  // `million` or `billion` after the number.
  const value = (topLevel: boolean): Expected | undefined => {
    skipSpace();
    const start = at;
    const number = eat(
      topLevel
        ? /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?(?![\w.])/i
        : /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w.])/i,
    );
    if (number !== null) {
      let n = Number(number[0].replaceAll(',', ''));
      if (topLevel) {
        const scale = eat(/^ (million|billion)\b/);
        if (scale !== null) n *= scale[1] === 'million' ? 1e6 : 1e9;
      }
      return { kind: 'primitive', value: n };
    }
    const word = eat(/^-?(Infinity|NaN|true|false|undefined|null)\b/);
    if (word !== null) {
      const table: Record<string, number | boolean | undefined | null> = {
        Infinity: Number.POSITIVE_INFINITY,
        '-Infinity': Number.NEGATIVE_INFINITY,
        NaN: Number.NaN,
        true: true,
        false: false,
        undefined: undefined,
        null: null,
      };
      if (!(word[0] in table)) return undefined;
      return { kind: 'primitive', value: table[word[0]] };
    }
    const quoted = eat(/^'((?:[^'\\]|\\.)*)'/);
    if (quoted !== null) {
      const unescaped = quoted[1].replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) => {
        if (c.startsWith('u') && c.length === 5)
          return String.fromCharCode(Number.parseInt(c.slice(1), 16));
        return ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[c] ?? c;
      });
      return { kind: 'primitive', value: unescaped };
    }
    const typed = eat(new RegExp(`^(${TYPED_ARRAYS})(?:\\((\\d+)\\))?`));
    if (typed !== null) {
      const out: Expected = { kind: 'typed array', type: typed[1] };
      if (typed[2] !== undefined) out.length = Number(typed[2]);
      const beforeItems = at;
      skipSpace();
      const items = text[at] === '[' ? list() : undefined;
      if (items === undefined) at = beforeItems;
      else out.items = items;
      return out.length === undefined && out.items === undefined ? undefined : out;
    }
    if (text[at] === '[') {
      const items = list();
      return items === undefined ? undefined : { kind: 'array', items };
    }
    if (text[at] === '{') return object();
    at = start;
    return undefined;
  };

  /** `[a, b, …]`, or undefined. */
  const list = (): Expected[] | undefined => {
    at++; // [
    const items: Expected[] = [];
    skipSpace();
    if (eat(/^\]/)) return items;
    for (;;) {
      const item = value(false);
      if (item === undefined) return undefined;
      items.push(item);
      skipSpace();
      if (eat(/^\]/)) return items;
      if (!eat(/^,/)) return undefined;
    }
  };

  /** `{ key: value, 'quoted key': value }`, or undefined. */
  const object = (): Expected | undefined => {
    at++; // {
    const entries: [string, Expected][] = [];
    skipSpace();
    if (eat(/^\}/)) return { kind: 'object', entries };
    for (;;) {
      skipSpace();
      const key = eat(/^(?:([A-Za-z_$][\w$]*)|'([^'\\]*)')\s*:/);
      if (key === null) return undefined;
      const item = value(false);
      if (item === undefined) return undefined;
      entries.push([key[1] ?? key[2], item]);
      skipSpace();
      if (eat(/^\}/)) return { kind: 'object', entries };
      if (!eat(/^,/)) return undefined;
    }
  };

  skipSpace();
  const about = eat(/^about\s+/) !== null;
  const expected = value(true);
  if (expected === undefined) return undefined;
  if (!/^(\s*$|\s*[,;:(]|\s+[A-Za-z(])/.test(rest())) return undefined;
  return { about, expected };
}

/** "About" allows 10% either way (or ±0.05 around 0): the docs round such values to two digits or so. */
const ABOUT = 0.1;
const ABOUT_ZERO = 0.05;

/** Why `actual` is not the expected value, or undefined when it is. */
export function mismatch(actual: unknown, expected: Expected, about: boolean): string | undefined {
  switch (expected.kind) {
    case 'primitive': {
      const e = expected.value;
      if (typeof e === 'number' && typeof actual === 'number') {
        if (Number.isNaN(e) ? Number.isNaN(actual) : actual === e) return undefined;
        if (about && Number.isFinite(e)) {
          const tolerance = e === 0 ? ABOUT_ZERO : ABOUT * Math.abs(e);
          if (Math.abs(actual - e) <= tolerance) return undefined;
          return `${actual} is not within ±${tolerance} of ${e}`;
        }
        return `${actual} !== ${e}`;
      }
      return actual === e ? undefined : `${show(actual)} !== ${show(e)}`;
    }
    case 'array': {
      if (!Array.isArray(actual)) return `${show(actual)} is not an array`;
      return items(actual, expected.items, about);
    }
    case 'typed array': {
      const name = (actual as object | null)?.constructor?.name;
      if (!ArrayBuffer.isView(actual) || name !== expected.type) {
        return `${show(actual)} is not a ${expected.type}`;
      }
      const array = actual as unknown as ArrayLike<number>;
      if (expected.length !== undefined && array.length !== expected.length) {
        return `length ${array.length}, not ${expected.length}`;
      }
      return expected.items === undefined
        ? undefined
        : items(Array.from(array), expected.items, about);
    }
    case 'object': {
      if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
        return `${show(actual)} is not an object`;
      }
      const keys = Object.keys(actual).sort();
      const wanted = expected.entries.map(([key]) => key).sort();
      if (keys.join() !== wanted.join()) return `keys ${keys.join(', ')}, not ${wanted.join(', ')}`;
      for (const [key, value] of expected.entries) {
        const why = mismatch((actual as Record<string, unknown>)[key], value, about);
        if (why !== undefined) return `${key}: ${why}`;
      }
      return undefined;
    }
  }
}

function items(actual: readonly unknown[], expected: readonly Expected[], about: boolean) {
  if (actual.length !== expected.length) return `${actual.length} items, not ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    const why = mismatch(actual[i], expected[i], about);
    if (why !== undefined) return `[${i}]: ${why}`;
  }
  return undefined;
}

function show(value: unknown): string {
  return inspect(value, { breakLength: Number.POSITIVE_INFINITY, maxArrayLength: 10 });
}

// ---------------------------------------------------------------------------------------------------
// Making a block runnable.

/** The global functions that rewritten blocks report to: a `// =>` value, and a `// throws` attempt. */
export const REPORT_VALUE = '__salvoDocValue';
export const REPORT_THROW = '__salvoDocThrows';

/** `expr; // throws …`: the statement must throw, with the SalvoError code the comment names, if any. */
export interface ThrowExpectation {
  line: number;
  text: string;
  /** `INVALID_PARAMETER` in `// throws SalvoError INVALID_PARAMETER: …`. */
  code?: string;
}

export interface RunnableBlock {
  /** The block's code with 'salvo' imports pointed at the sources and checked statements reporting. */
  code: string;
  /** The `// =>` comments whose values are checked, by index in the calls to REPORT_VALUE. */
  expectations: Expectation[];
  /** The `// throws` comments, by index in the calls to REPORT_THROW. */
  throws: ThrowExpectation[];
  /** `// =>` comments left unchecked, and why. */
  unchecked: { line: number; text: string; why: string }[];
}

const SPECIFIERS = new Map(
  Object.entries(ENTRY_POINTS).map(([specifier, path]) => [specifier, pathToFileURL(path).href]),
);

/**
 * Every comment in a file, by position: each is a leading comment of the token after it or (on the
 * same line) a trailing comment of the token before it.
 */
function comments(file: ts.SourceFile): ts.CommentRange[] {
  const found = new Map<number, ts.CommentRange>();
  const visit = (node: ts.Node): void => {
    for (const range of [
      ...(ts.getLeadingCommentRanges(file.text, node.pos) ?? []),
      ...(ts.getTrailingCommentRanges(file.text, node.end) ?? []),
    ]) {
      found.set(range.pos, range);
    }
    for (const child of node.getChildren(file)) visit(child);
  };
  visit(file);
  return [...found.values()].sort((a, b) => a.pos - b.pos);
}

/**
 * The block rewritten to run from a temporary file, with line numbers unchanged:
 * - `from 'salvo'` (and every other entry: 'salvo/core', 'salvo/shipments', …) become `file:` URLs of
 *   the sources;
 * - a statement `expr; // => value` (the comment on its line, or alone on the next) becomes
 *   `__salvoDocValue(i, (expr));`, which evaluates `expr` once, as written; after `const x = …; // =>
 *   value` the value of `x` is reported;
 * - `expr; // throws …` becomes `await __salvoDocThrows(i, async () => { expr; });`.
 */
export function runnable(code: string): RunnableBlock {
  // Two passes, so that no two edits overlap (an `import('salvo')` may sit inside a checked statement).
  const file = parse(withSourceImports(code));
  const edits: { start: number; end: number; text: string }[] = [];
  const expectations: Expectation[] = [];
  const throws: ThrowExpectation[] = [];
  const unchecked: RunnableBlock['unchecked'] = [];

  // Statements at any depth, outermost first for the same end: `if (e) console.log(x); // => …` is
  // about the if statement, not about what it logs.
  const statements: ts.Statement[] = [];
  const collect = (node: ts.Node): void => {
    if (ts.isStatement(node) && !ts.isBlock(node)) statements.push(node);
    ts.forEachChild(node, collect);
  };
  collect(file);

  for (const comment of comments(file)) {
    const text = file.text.slice(comment.pos, comment.end);
    const claim = /^\/\/\s*(=>|throws\b:?)\s?(.*)$/.exec(text);
    if (claim === null) continue;
    const [, kind, stated] = claim;
    const line = file.getLineAndCharacterOfPosition(comment.pos).line + 1;
    const note = (why: string) => unchecked.push({ line, text: stated, why });
    // The statement just before the comment, with only white space between.
    const statement = statements.find(
      (s) => s.end <= comment.pos && file.text.slice(s.end, comment.pos).trim() === '',
    );

    if (kind !== '=>') {
      if (statement === undefined || !ts.isExpressionStatement(statement)) {
        throw new Error(`line ${line}: "// throws" must follow an expression statement`);
      }
      const errorCode = /\b[A-Z][A-Z]+(?:_[A-Z]+)+\b/.exec(stated)?.[0];
      edits.push({
        start: statement.getStart(file),
        end: statement.end,
        text: `await ${REPORT_THROW}(${throws.length}, async () => { ${statement.expression.getText(file)}; });`,
      });
      throws.push({ line, text: stated, ...(errorCode !== undefined ? { code: errorCode } : {}) });
      continue;
    }

    if (statement === undefined) {
      note('no statement ends just before the comment');
      continue;
    }
    const parsed = parseExpectation(stated);
    if (parsed === undefined) {
      note('the value is not in a notation this test reads');
      continue;
    }
    const index = expectations.length;
    if (ts.isExpressionStatement(statement)) {
      const expression = statement.expression;
      if (
        ts.isCallExpression(expression) &&
        /^console\./.test(expression.expression.getText(file))
      ) {
        note('console output');
        continue;
      }
      edits.push({
        start: statement.getStart(file),
        end: statement.end,
        text: `${REPORT_VALUE}(${index}, (${expression.getText(file)}));`,
      });
    } else if (
      ts.isVariableStatement(statement) &&
      statement.declarationList.declarations.length === 1 &&
      ts.isIdentifier(statement.declarationList.declarations[0].name)
    ) {
      const name = statement.declarationList.declarations[0].name.text;
      edits.push({
        start: statement.end,
        end: statement.end,
        text: ` ${REPORT_VALUE}(${index}, ${name});`,
      });
    } else {
      note(`the comment follows a ${ts.SyntaxKind[statement.kind]}, not a value`);
      continue;
    }
    expectations.push({ line, text: stated, ...parsed });
  }

  return { code: applyEdits(file.text, edits), expectations, throws, unchecked };
}

function parse(code: string): ts.SourceFile {
  return ts.createSourceFile('block.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function applyEdits(code: string, edits: { start: number; end: number; text: string }[]): string {
  let out = code;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

/** `from 'salvo'`, `from 'salvo/node'`, `import('salvo/core')` pointed at the sources' file URLs. */
function withSourceImports(code: string): string {
  const file = parse(code);
  const edits: { start: number; end: number; text: string }[] = [];
  const visitImports = (node: ts.Node): void => {
    const specifier =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier
        ? node.moduleSpecifier
        : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword
          ? node.arguments[0]
          : undefined;
    if (specifier !== undefined && ts.isStringLiteral(specifier)) {
      const url = SPECIFIERS.get(specifier.text);
      if (url !== undefined) {
        edits.push({ start: specifier.getStart(file), end: specifier.end, text: `'${url}'` });
      }
    }
    ts.forEachChild(node, visitImports);
  };
  visitImports(file);
  return applyEdits(code, edits);
}
