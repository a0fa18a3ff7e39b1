// The public API as the TypeScript compiler sees it: every export of the entry points, followed to its
// declaration, with the doc comments that typedoc shows for it. Shared by exports.test.ts (every export
// has a doc comment with an example) and examples.test.ts (every example compiles and runs).
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The package's entry points (package.json `exports`), by the specifier a user imports them with. */
export const ENTRY_POINTS = {
  salvo: `${REPO_ROOT}src/index.ts`,
  'salvo/core': `${REPO_ROOT}src/core.ts`,
  'salvo/node': `${REPO_ROOT}src/node/index.ts`,
  'salvo/bullmq': `${REPO_ROOT}src/bullmq/index.ts`,
  'salvo/shipments': `${REPO_ROOT}src/shipments/index.ts`,
  'salvo/kernels': `${REPO_ROOT}src/kernels.ts`,
} as const satisfies Record<string, string>;

/** One public export, reached by the first name it was found under. */
export interface PublicExport {
  /** `normal`, `Model`, or `kernels.add` for a member of an exported namespace. */
  name: string;
  /** The exported symbol itself (aliases resolved). */
  symbol: ts.Symbol;
  /** The declarations whose doc comment stands for the export, in order of preference. */
  candidates: { node: ts.Node; docs: ts.JSDoc[] }[];
}

/** A doc comment of the public API: an export's own, or one of its public members'. */
export interface PublicDoc {
  /** `Model`, `Model.run`, `normal.ci`, `kernels.add`. */
  name: string;
  doc: ts.JSDoc;
}

/**
 * A program over the entry points that is enough to follow exports and read doc comments. No lib and no
 * @types: nothing is type-checked, and this keeps it well under a second.
 */
export function createExportsProgram(): ts.Program {
  return ts.createProgram(Object.values(ENTRY_POINTS), {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    noEmit: true,
    noLib: true,
    types: [],
  });
}

/** The JSDoc blocks of a declaration that are its own (not a file's `@module` block above it). */
export function ownDocs(node: ts.Node): ts.JSDoc[] {
  return ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .filter((doc) => !(doc.tags ?? []).some((tag) => tag.tagName.text === 'module'));
}

/** A file's `@module` block, which typedoc uses as the comment of a namespace re-export. */
export function moduleDocs(file: ts.SourceFile): ts.JSDoc[] {
  const first = file.statements[0];
  if (first === undefined) return [];
  return ts
    .getJSDocCommentsAndTags(first)
    .filter(ts.isJSDoc)
    .filter((doc) => (doc.tags ?? []).some((tag) => tag.tagName.text === 'module'));
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

/** `src/model/run.ts:42` for a node of a source file. */
export function where(node: ts.Node): string {
  const file = node.getSourceFile();
  const start = ts.isSourceFile(node) ? 0 : node.getStart(file);
  const { line } = file.getLineAndCharacterOfPosition(start);
  return `${relativeToRepo(file.fileName)}:${line + 1}`;
}

export function relativeToRepo(fileName: string): string {
  return fileName.startsWith(REPO_ROOT) ? fileName.slice(REPO_ROOT.length) : fileName;
}

/** Whether a symbol is an exported namespace (`export * as kernels`), whose members are exports too. */
function isNamespaceExport(symbol: ts.Symbol): boolean {
  return (
    (symbol.flags & ts.SymbolFlags.ValueModule) !== 0 &&
    (symbol.declarations ?? []).some((declaration) => ts.isSourceFile(declaration))
  );
}

/**
 * Every export of the entry points, following re-exports, `export *` and `export * as ns` (whose
 * members are listed as `ns.member`). `names` holds every name an export is reachable under; `exports`
 * holds each symbol once.
 */
export function publicExports(program: ts.Program): {
  names: Set<string>;
  exports: PublicExport[];
} {
  const checker = program.getTypeChecker();
  const names = new Set<string>();
  const exports: PublicExport[] = [];
  const seen = new Set<ts.Symbol>();

  const visit = (exported: ts.Symbol, name: string): void => {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    names.add(name);
    if (seen.has(symbol)) return;
    seen.add(symbol);
    exports.push({ name, symbol, candidates: candidates(symbol) });
    if (isNamespaceExport(symbol)) {
      for (const member of checker.getExportsOfModule(symbol)) {
        visit(member, `${name}.${member.getName()}`);
      }
    }
  };

  for (const entry of Object.values(ENTRY_POINTS)) {
    const file = program.getSourceFile(entry);
    if (file === undefined) throw new Error(`cannot load ${entry}`);
    const moduleSymbol = checker.getSymbolAtLocation(file);
    if (moduleSymbol === undefined) throw new Error(`${entry} is not a module`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      visit(exported, exported.getName());
    }
  }
  return { names, exports };
}

/** The names one entry exports, sorted (a namespace export counts once, under its own name). */
export function entryExportNames(
  program: ts.Program,
  specifier: keyof typeof ENTRY_POINTS,
): string[] {
  const file = program.getSourceFile(ENTRY_POINTS[specifier]);
  if (file === undefined) throw new Error(`cannot load ${ENTRY_POINTS[specifier]}`);
  const moduleSymbol = program.getTypeChecker().getSymbolAtLocation(file);
  if (moduleSymbol === undefined) throw new Error(`${specifier} is not a module`);
  return program
    .getTypeChecker()
    .getExportsOfModule(moduleSymbol)
    .map((symbol) => symbol.getName())
    .sort();
}

/**
 * Each entry point's `@module` doc comment, which typedoc shows as the entry's page, labelled with the
 * entry's specifier (`salvo/kernels`); an entry without one is missing from the list.
 */
export function entryDocs(program: ts.Program): PublicDoc[] {
  // The checker binds the files, which sets the parent pointers that reading JSDoc needs.
  program.getTypeChecker();
  return Object.entries(ENTRY_POINTS).flatMap(([specifier, path]) => {
    const file = program.getSourceFile(path);
    if (file === undefined) throw new Error(`cannot load ${path}`);
    const doc = moduleDocs(file).at(-1);
    return doc === undefined ? [] : [{ name: specifier, doc }];
  });
}

/** Whether a class or interface member is hidden from the API: private, protected, `#x` or @internal. */
function isHiddenMember(declaration: ts.Declaration): boolean {
  const name = ts.getNameOfDeclaration(declaration);
  if (name !== undefined && ts.isPrivateIdentifier(name)) return true;
  const flags = ts.getCombinedModifierFlags(declaration);
  if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return true;
  return ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === 'internal');
}

/** The object literal a variable is set to, through `Object.freeze(…)`, `as const` and parentheses. */
function objectLiteralOf(
  expression: ts.Expression | undefined,
): ts.ObjectLiteralExpression | undefined {
  while (expression !== undefined) {
    if (ts.isObjectLiteralExpression(expression)) return expression;
    if (
      ts.isParenthesizedExpression(expression) ||
      ts.isAsExpression(expression) ||
      ts.isSatisfiesExpression(expression)
    ) {
      expression = expression.expression;
    } else if (
      ts.isCallExpression(expression) &&
      expression.expression.getText() === 'Object.freeze' &&
      expression.arguments.length === 1
    ) {
      expression = expression.arguments[0];
    } else {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The doc comments the API reference shows: each export's own (the last JSDoc block of each of its
 * declarations, as typedoc takes it; every overload's) and those of its public members — methods,
 * properties and accessors of classes and interfaces, statics, properties attached to an exported
 * function (`normal.ci = function ci …`), and the properties of an object exported as a namespace
 * (`fit.normal`), with the doc of the function such a property names (`normal: fitNormal`), which is
 * the doc of its signature. Members of `export * as ns` namespaces are exports of their own.
 */
export function publicDocs(program: ts.Program, exports: readonly PublicExport[]): PublicDoc[] {
  const checker = program.getTypeChecker();
  const out: PublicDoc[] = [];
  const seen = new Set<ts.JSDoc>();
  const add = (name: string, doc: ts.JSDoc | undefined): void => {
    if (doc === undefined || seen.has(doc)) return;
    seen.add(doc);
    out.push({ name, doc });
  };
  const addMember = (name: string, declaration: ts.Declaration): void => {
    if (isHiddenMember(declaration)) return;
    // `normal.ci = function ci …`: the JSDoc sits on the assignment statement.
    const host =
      ts.isPropertyAccessExpression(declaration) &&
      ts.isBinaryExpression(declaration.parent) &&
      ts.isExpressionStatement(declaration.parent.parent)
        ? declaration.parent.parent
        : declaration;
    add(name, ownDocs(host).at(-1));
    // `normal: fitNormal`: the named function's doc is the member's signature doc (followed through
    // an import when the function is declared in another file).
    if (ts.isPropertyAssignment(declaration) && ts.isIdentifier(declaration.initializer)) {
      const named = checker.getSymbolAtLocation(declaration.initializer);
      const resolved =
        named !== undefined && named.flags & ts.SymbolFlags.Alias
          ? checker.getAliasedSymbol(named)
          : named;
      const targets = resolved?.declarations ?? [];
      for (const target of targets) {
        if (ts.isFunctionDeclaration(target)) add(name, ownDocs(target).at(-1));
      }
    }
  };
  for (const { name, symbol } of exports) {
    for (const declaration of symbol.declarations ?? []) {
      add(
        name,
        (ts.isSourceFile(declaration) ? moduleDocs(declaration) : ownDocs(declaration)).at(-1),
      );
      if (ts.isVariableDeclaration(declaration)) {
        for (const property of objectLiteralOf(declaration.initializer)?.properties ?? []) {
          if (property.name !== undefined)
            addMember(`${name}.${property.name.getText()}`, property);
        }
      }
    }
    if (isNamespaceExport(symbol)) continue;
    // Instance members (classes, interfaces), then statics and function properties.
    for (const table of [symbol.members, symbol.exports]) {
      table?.forEach((member) => {
        for (const declaration of member.declarations ?? []) {
          addMember(`${name}.${member.getName()}`, declaration);
        }
      });
    }
  }
  return out;
}
