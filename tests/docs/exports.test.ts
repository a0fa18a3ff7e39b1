import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  createExportsProgram,
  ENTRY_POINTS,
  entryDocs,
  entryExportNames,
  publicDocs,
  publicExports,
  REPO_ROOT,
  where,
} from './public-api.js';

// Project rule: every public export has a doc comment with a summary and an `@example` (a ```ts block
// importing from one of the entries: 'salvo', 'salvo/core', 'salvo/node', 'salvo/shipments',
// 'salvo/kernels'). This test loads the entry points with the TypeScript compiler API, follows every
// export (re-exports, `export *`, `export * as ns`) to its declaration (public-api.ts, shared with
// examples.test.ts) and checks that declaration's JSDoc, so that an export added without an example
// fails here rather than in review. The members of an exported namespace, if any, are checked too.
// Properties attached to a function (`normal.ci`) are covered by the function's own doc comment and are
// not checked (examples.test.ts runs their examples). Each entry also has a module doc (its page).

interface Problem {
  name: string;
  where: string;
  problem: string;
}

interface Checked {
  names: Set<string>;
  problems: Problem[];
}

/** `from 'salvo'`, `from 'salvo/kernels'`, …: an import from one of the package's entries. */
const ENTRY_IMPORT = new RegExp(
  `from '(${Object.keys(ENTRY_POINTS)
    .map((specifier) => specifier.replace('/', '\\/'))
    .join('|')})'`,
);

/** Why a doc comment falls short of the rule, or undefined when it is fine. */
function docProblem(doc: ts.JSDoc | undefined): string | undefined {
  if (doc === undefined) return 'no doc comment';
  if ((ts.getTextOfJSDocComment(doc.comment) ?? '').trim() === '') return 'no summary';
  const examples = (doc.tags ?? []).filter((tag) => tag.tagName.text === 'example');
  if (examples.length === 0) return 'no @example';
  const text = examples.map((tag) => ts.getTextOfJSDocComment(tag.comment) ?? '').join('\n');
  if (!text.includes('```ts')) return 'the @example has no ```ts block';
  if (!ENTRY_IMPORT.test(text)) return "the @example imports nothing from salvo's entries";
  return undefined;
}

function checkExports(): Checked {
  const { names, exports } = publicExports(createExportsProgram());
  const problems: Problem[] = [];
  for (const { name, candidates } of exports) {
    if (candidates.length === 0) {
      problems.push({ name, where: '?', problem: 'declaration not found' });
      continue;
    }
    const verdicts = candidates.map(({ docs }) => docProblem(docs.at(-1)));
    if (!verdicts.includes(undefined)) {
      problems.push({ name, where: where(candidates[0].node), problem: verdicts[0] as string });
    }
  }
  return { names, problems };
}

describe('public exports', () => {
  const { names, problems } = checkExports();

  it('are all found (every entry point, re-exports included)', () => {
    expect(names.size).toBeGreaterThan(100);
    for (const name of [
      'normal',
      'truncated',
      'createRng',
      'Samples',
      'SalvoError',
      'Rng',
      'DEFAULT_ALGORITHM',
      'add',
      'mulScalar',
      'shipmentEstimate',
      'TimelineBand',
      'writeSamplesFile',
      'readSamplesFile',
    ]) {
      expect(names, name).toContain(name);
    }
  });

  it("each have a doc comment with a summary and an @example importing from salvo's entries", () => {
    const report = problems.map((p) => `${p.name} (${p.where}): ${p.problem}`);
    expect(report).toEqual([]);
  });
});

describe('the entries', () => {
  const program = createExportsProgram();
  const root = entryExportNames(program, 'salvo');
  const shipments = entryExportNames(program, 'salvo/shipments');
  const kernels = entryExportNames(program, 'salvo/kernels');

  it("'salvo/shipments' exports the domain: the estimate, the timeline and the public figures", () => {
    expect(shipments).toEqual([
      'ContainerStatement',
      'DatedObservation',
      'DeliveryPhase',
      'DeliveryRate',
      'DeliveryTimeline',
      'DeliveryTimelineOptions',
      'FleetPauses',
      'FleetRate',
      'FleetVesselPhase',
      'PublicFigure',
      'ShipmentInputs',
      'ShipmentNode',
      'ShipmentOptions',
      'TimelineBacktestOptions',
      'containerStatements',
      'defaultFleet',
      'defaultShipmentInputs',
      'deliveryTimeline',
      'euPledgeDeliveries',
      'northKoreaGdpUsd',
      'shellStatements',
      'shipmentEstimate',
      'timelineBacktest',
      'timelineBands',
    ]);
  });

  it("'salvo/kernels' exports every kernel of src/samples/kernels/, by its own name", () => {
    // Every file of the folder but index.ts (re-exports) and argumentChecks.ts (the checks, internal).
    const folder = `${REPO_ROOT}src/samples/kernels/`;
    const kernelFiles = readdirSync(folder).filter(
      (name) => name.endsWith('.ts') && name !== 'index.ts' && name !== 'argumentChecks.ts',
    );
    const defined = kernelFiles
      .flatMap((name) => {
        const file = program.getSourceFile(`${folder}${name}`);
        if (file === undefined) throw new Error(`src/samples/kernels/${name} is not reachable`);
        return file.statements;
      })
      .filter((statement): statement is ts.FunctionDeclaration =>
        ts.isFunctionDeclaration(statement),
      )
      .filter((fn) => fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
      .map((fn) => fn.name?.text ?? '')
      .sort();
    expect(kernels).toEqual(defined);
    expect(kernels.length).toBe(37);
  });

  it("'salvo' exports neither the domain nor the kernels, nor the engine's internals", () => {
    const internals = ['seedWords', 'kernels'];
    const kernelOnly = kernels.filter((name) => !['min', 'max'].includes(name)); // summaries too
    for (const name of [...shipments, ...kernelOnly, ...internals]) {
      expect(root, name).not.toContain(name);
    }
  });

  it("'salvo/core' exports what 'salvo' does; 'salvo/node' that and its Node-only parts", () => {
    expect(entryExportNames(program, 'salvo/core')).toEqual(root);
    const node = entryExportNames(program, 'salvo/node');
    expect(node.filter((name) => !root.includes(name))).toEqual([
      'ModelExport',
      'ModelExportNames',
      'ModelSource',
      'ParallelRunOptions',
      'ParallelSweepOptions',
      'ShardOptions',
      'WorkerPool',
      'createWorkerPool',
      'loadModelModule',
      'readCsvFile',
      'readModelFile',
      'readPartialFile',
      'readSamplesFile',
      'readSipmathFile',
      'renderSvg',
      'runParallel',
      'runShard',
      'shardSegments',
      'sweepParallel',
      'writeCsvFile',
      'writeHtmlReport',
      'writeModelFile',
      'writePartialFile',
      'writeSamplesFile',
      'writeSipmathFile',
      'writeSvgFile',
    ]);
    expect(root.filter((name) => !node.includes(name))).toEqual([]);
  });

  it("are package.json's exports (and typesVersions) and typedoc's entry points, no more, no fewer", () => {
    const read = (file: string) => JSON.parse(readFileSync(`${REPO_ROOT}${file}`, 'utf8'));
    const pkg = read('package.json');
    const subpaths = Object.keys(ENTRY_POINTS).map((specifier) => specifier.replace(/^salvo/, '.'));
    // Besides the code entries, two data files: package.json and the model files' JSON Schema.
    expect(Object.keys(pkg.exports).sort()).toEqual(
      [...subpaths, './package.json', './model.schema.json'].sort(),
    );
    expect(Object.keys(pkg.typesVersions['*']).sort()).toEqual(
      subpaths
        .filter((path) => path !== '.')
        .map((path) => path.slice(2))
        .sort(),
    );
    const typedoc: string[] = read('typedoc.json').entryPoints;
    expect(typedoc.map((path) => `${REPO_ROOT}${path}`).sort()).toEqual(
      Object.values(ENTRY_POINTS).sort(),
    );
  });

  it('each have a module doc comment, the first thing their API page shows', () => {
    expect(entryDocs(program).map(({ name }) => name)).toEqual(Object.keys(ENTRY_POINTS));
  });
});

/**
 * Parameters a public function or method takes but its doc comment does not describe with `@param`.
 * A destructured parameter (`{ a, b }`) is described by its type's own docs and is not asked for.
 */
function undocumentedParameters(): string[] {
  const program = createExportsProgram();
  const missing: string[] = [];
  for (const { name, doc } of publicDocs(program, publicExports(program).exports)) {
    const host = doc.parent;
    if (
      !ts.isFunctionDeclaration(host) &&
      !ts.isMethodDeclaration(host) &&
      !ts.isMethodSignature(host) &&
      !ts.isConstructorDeclaration(host)
    ) {
      continue;
    }
    const described = new Set<string>();
    for (const tag of doc.tags ?? []) {
      if (ts.isJSDocParameterTag(tag)) described.add(tag.name.getText());
    }
    for (const parameter of host.parameters) {
      if (!ts.isIdentifier(parameter.name)) continue;
      if (!described.has(parameter.name.text)) {
        missing.push(`${name} (${where(host)}): @param ${parameter.name.text}`);
      }
    }
  }
  return missing;
}

describe('public functions and methods', () => {
  it('describe every parameter with @param (its unit and range, as the API reference shows them)', () => {
    expect(undocumentedParameters()).toEqual([]);
  });
});
