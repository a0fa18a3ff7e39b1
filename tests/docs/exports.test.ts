import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Project rule: every public export has a doc comment with a summary and an `@example` (a ```ts block
// importing from 'salvo' or 'salvo/node'). This test loads both entry points with the TypeScript
// compiler API, follows every export (re-exports, `export *`, `export * as ns`) to its declaration and
// checks that declaration's JSDoc, so that an export added without an example fails here rather than in
// review. The members of an exported namespace (`kernels.add`, …) are checked too. Properties attached
// to a function (`normal.ci`) are covered by the function's own doc comment and are not checked.

const ENTRY_POINTS = ['../../src/index.ts', '../../src/core.ts', '../../src/node/index.ts'].map(
  (p) => fileURLToPath(new URL(p, import.meta.url)),
);

interface Problem {
  name: string;
  where: string;
  problem: string;
}

interface Checked {
  names: Set<string>;
  problems: Problem[];
}

/** The JSDoc blocks of a declaration that are its own (not a file's `@module` block above it). */
function ownDocs(node: ts.Node): ts.JSDoc[] {
  return ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .filter((doc) => !(doc.tags ?? []).some((tag) => tag.tagName.text === 'module'));
}

/** A file's `@module` block, which typedoc uses as the comment of a namespace re-export. */
function moduleDocs(file: ts.SourceFile): ts.JSDoc[] {
  const first = file.statements[0];
  if (first === undefined) return [];
  return ts
    .getJSDocCommentsAndTags(first)
    .filter(ts.isJSDoc)
    .filter((doc) => (doc.tags ?? []).some((tag) => tag.tagName.text === 'module'));
}

/** Why a doc comment falls short of the rule, or undefined when it is fine. */
function docProblem(doc: ts.JSDoc | undefined): string | undefined {
  if (doc === undefined) return 'no doc comment';
  if ((ts.getTextOfJSDocComment(doc.comment) ?? '').trim() === '') return 'no summary';
  const examples = (doc.tags ?? []).filter((tag) => tag.tagName.text === 'example');
  if (examples.length === 0) return 'no @example';
  const text = examples.map((tag) => ts.getTextOfJSDocComment(tag.comment) ?? '').join('\n');
  if (!text.includes('```ts')) return 'the @example has no ```ts block';
  if (!/from 'salvo(\/node|\/core)?'/.test(text))
    return "the @example imports nothing from 'salvo'";
  return undefined;
}

/** The declarations whose doc comment stands for the symbol, in order of preference. */
function candidates(symbol: ts.Symbol): { node: ts.Node; docs: ts.JSDoc[] }[] {
  const declarations = symbol.declarations ?? [];
  const out: { node: ts.Node; docs: ts.JSDoc[] }[] = [];
  for (const declaration of declarations) {
    if (ts.isSourceFile(declaration)) {
      out.push({ node: declaration, docs: moduleDocs(declaration) });
    } else if (
      ts.isFunctionDeclaration(declaration) ||
      ts.isClassDeclaration(declaration) ||
      ts.isInterfaceDeclaration(declaration) ||
      ts.isTypeAliasDeclaration(declaration) ||
      ts.isVariableDeclaration(declaration) ||
      ts.isEnumDeclaration(declaration) ||
      ts.isModuleDeclaration(declaration)
    ) {
      out.push({ node: declaration, docs: ownDocs(declaration) });
    }
  }
  // Overloads: the first signature's doc or the implementation's.
  const functions = out.filter(({ node }) => ts.isFunctionDeclaration(node));
  if (functions.length > 1) {
    const implementation = functions.find(({ node }) => (node as ts.FunctionDeclaration).body);
    return [functions[0], ...(implementation ? [implementation] : [])];
  }
  return out.slice(0, 1);
}

function where(node: ts.Node): string {
  const file = node.getSourceFile();
  const start = ts.isSourceFile(node) ? 0 : node.getStart(file);
  const { line } = file.getLineAndCharacterOfPosition(start);
  return `${file.fileName.replace(/^.*\/src\//, 'src/')}:${line + 1}`;
}

function checkExports(): Checked {
  const program = ts.createProgram(ENTRY_POINTS, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    noEmit: true,
    // Only exports and doc comments are needed: no lib and no @types keeps this well under a second.
    noLib: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const names = new Set<string>();
  const problems: Problem[] = [];
  const seen = new Set<ts.Symbol>();

  const visit = (exported: ts.Symbol, name: string): void => {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    names.add(name);
    if (seen.has(symbol)) return;
    seen.add(symbol);
    const options = candidates(symbol);
    if (options.length === 0) {
      problems.push({ name, where: '?', problem: 'declaration not found' });
      return;
    }
    const verdicts = options.map(({ docs }) => docProblem(docs.at(-1)));
    if (!verdicts.includes(undefined)) {
      problems.push({ name, where: where(options[0].node), problem: verdicts[0] as string });
    }
    // An exported namespace (`export * as kernels`): its members are public exports too.
    if (
      symbol.flags & ts.SymbolFlags.ValueModule &&
      options.some(({ node }) => ts.isSourceFile(node))
    ) {
      for (const member of checker.getExportsOfModule(symbol)) {
        visit(member, `${name}.${member.getName()}`);
      }
    }
  };

  for (const entry of ENTRY_POINTS) {
    const file = program.getSourceFile(entry);
    if (file === undefined) throw new Error(`cannot load ${entry}`);
    const moduleSymbol = checker.getSymbolAtLocation(file);
    if (moduleSymbol === undefined) throw new Error(`${entry} is not a module`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      visit(exported, exported.getName());
    }
  }
  return { names, problems };
}

describe('public exports', () => {
  const { names, problems } = checkExports();

  it('are all found (both entry points, re-exports and the kernels namespace)', () => {
    expect(names.size).toBeGreaterThan(100);
    for (const name of [
      'normal',
      'truncated',
      'createRng',
      'Samples',
      'SalvoError',
      'Rng',
      'DEFAULT_ALGORITHM',
      'kernels',
      'kernels.add',
      'writeSamplesFile',
      'readSamplesFile',
    ]) {
      expect(names, name).toContain(name);
    }
  });

  it("each have a doc comment with a summary and an @example importing from 'salvo'", () => {
    const report = problems.map((p) => `${p.name} (${p.where}): ${p.problem}`);
    expect(report).toEqual([]);
  });
});
