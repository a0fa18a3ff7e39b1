import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createExportsProgram, publicDocs, publicExports, where } from './public-api.js';

// Project rule: every public export has a doc comment with a summary and an `@example` (a ```ts block
// importing from 'salvo', 'salvo/core' or 'salvo/node'). This test loads the entry points with the
// TypeScript compiler API, follows every export (re-exports, `export *`, `export * as ns`) to its
// declaration (public-api.ts, shared with examples.test.ts) and checks that declaration's JSDoc, so
// that an export added without an example fails here rather than in review. The members of an exported
// namespace (`kernels.add`, …) are checked too. Properties attached to a function (`normal.ci`) are
// covered by the function's own doc comment and are not checked (examples.test.ts runs their examples).

interface Problem {
  name: string;
  where: string;
  problem: string;
}

interface Checked {
  names: Set<string>;
  problems: Problem[];
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
