import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, inspect } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blockWhere,
  type CodeBlock,
  docCommentBlocks,
  markdownBlocks,
  markdownFiles,
  mismatch,
  REPORT_THROW,
  REPORT_VALUE,
  runnable,
} from './code-blocks.js';
import {
  createExportsProgram,
  ENTRY_POINTS,
  entryDocs,
  publicDocs,
  publicExports,
  REPO_ROOT,
} from './public-api.js';

// The code in the docs is real code. Every ```ts block of the public API's doc comments (entry points'
// module docs, exports, their members, namespace members), of README.md and of docs/**/*.md (guides included, as they are when the
// test runs) is
//  1. type-checked: all blocks in one ts.Program (one program is far faster than one per block), each
//     block its own module, with tsconfig.json's options and each entry ('salvo', 'salvo/core',
//     'salvo/node', 'salvo/shipments', 'salvo/kernels') mapped to its source;
//  2. run: written to a temporary .ts file with those imports pointed at the sources and imported here
//     (vitest transpiles it), in a fresh temporary working directory, so that blocks that write files
//     write them there and no block sees another's files;
//  3. held to its `// => value` comments: `expr; // => 0.5` must give exactly 0.5, `// => about 0.5`
//     within 10% (see code-blocks.ts for the notation read).
// A block opts out with `<!-- not-checked: reason -->` on the line above its fence, or out of running
// only with `<!-- not-run: reason -->` (it reads a file the reader has, or takes too long to run here);
// opt-outs are listed as skipped tests, with their reasons.

const program = createExportsProgram();
const blocks: CodeBlock[] = [
  ...docCommentBlocks(entryDocs(program)),
  ...docCommentBlocks(publicDocs(program, publicExports(program).exports)),
  ...markdownBlocks(markdownFiles()),
];
/** Type-checked: all but `not-checked` blocks. Run: all but those and `not-run` blocks. */
const checked = blocks.filter((block) => block.optOut?.kind !== 'not-checked');
const runs = checked.filter((block) => block.optOut === undefined);
const notChecked = blocks.filter((block) => block.optOut?.kind === 'not-checked');
const notRun = blocks.filter((block) => block.optOut !== undefined);

function optOutText(block: CodeBlock): string {
  return `${block.optOut?.kind}: ${block.optOut?.reason}`;
}

/** A test name that says where the block is: `Model.run (src/model/model.ts:120)`. */
function title(block: CodeBlock): string {
  return block.kind === 'markdown' ? blockWhere(block) : `${block.label} (${blockWhere(block)})`;
}

/** What the test did, printed at the end: counts, `// =>` comments it could not check, slow blocks. */
const stats = {
  typeCheckMs: 0,
  runs: [] as { title: string; kind: CodeBlock['kind']; ms: number }[],
  values: 0,
  throws: 0,
  /** Markdown blocks whose shown output was compared with what they print. */
  outputs: 0,
  unchecked: [] as string[],
};

/** Blocks slower than this are reported at the end: the docs' sample counts are kept as written. */
const SLOW_MS = 2_000;

afterAll(() => {
  const time = (kind: CodeBlock['kind']) =>
    seconds(stats.runs.filter((run) => run.kind === kind).reduce((sum, { ms }) => sum + ms, 0));
  const slow = stats.runs.filter(({ ms }) => ms > SLOW_MS);
  console.info(
    [
      `doc examples: ${checked.length} blocks type-checked (${seconds(stats.typeCheckMs)}), ${stats.runs.length} run (doc comments ${time('doc comment')}, markdown ${time('markdown')}); ${stats.values} "// =>" values, ${stats.throws} "// throws" and ${stats.outputs} shown outputs checked, ${stats.unchecked.length} "// =>" left unchecked`,
      ...stats.unchecked.map((line) => `  unchecked: ${line}`),
      ...slow.map(({ title, ms }) => `  slow (> ${seconds(SLOW_MS)}): ${title}: ${seconds(ms)}`),
      ...notRun.map((block) => `  ${optOutText(block)}: ${title(block)}`),
    ].join('\n'),
  );
});

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

// ---------------------------------------------------------------------------------------------------
// 1. Type-checking.

/** The virtual file a block is type-checked as (it exists only in the compiler host below). */
function virtualFile(index: number): string {
  return `${REPO_ROOT}tests/docs/.examples/example-${index}.ts`;
}

/** Diagnostics of every checked block, by index in `checked`: `file:line: TS2345 message`. */
function typeCheck(): string[][] {
  const config = ts.readConfigFile(join(REPO_ROOT, 'tsconfig.json'), ts.sys.readFile);
  if (config.error)
    throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO_ROOT);
  const compilerOptions: ts.CompilerOptions = {
    ...options,
    noEmit: true,
    // Every block is a module, even one without imports: blocks never share top-level names.
    moduleDetection: ts.ModuleDetectionKind.Force,
    // What a user's `import … from 'salvo'` would reach, from the sources rather than the build.
    paths: Object.fromEntries(Object.entries(ENTRY_POINTS).map(([name, path]) => [name, [path]])),
  };
  const virtual = new Map(checked.map((block, i) => [virtualFile(i), block.code]));
  const host = ts.createCompilerHost(compilerOptions, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (fileName, language, ...rest) => {
    const code = virtual.get(fileName);
    return code !== undefined
      ? ts.createSourceFile(fileName, code, language, true, ts.ScriptKind.TS)
      : getSourceFile.call(host, fileName, language, ...rest);
  };
  host.fileExists = (fileName) => virtual.has(fileName) || fileExists.call(host, fileName);
  host.readFile = (fileName) => virtual.get(fileName) ?? readFile.call(host, fileName);
  const examples = ts.createProgram([...virtual.keys()], compilerOptions, host);

  return checked.map((block, i) => {
    const file = examples.getSourceFile(virtualFile(i));
    if (file === undefined) return [`${blockWhere(block)}: not loaded`];
    return [
      ...examples.getSyntacticDiagnostics(file),
      ...examples.getSemanticDiagnostics(file),
    ].map((diagnostic) => {
      const line =
        diagnostic.start === undefined
          ? 1
          : file.getLineAndCharacterOfPosition(diagnostic.start).line + 1;
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      return `${blockWhere(block, line)}: TS${diagnostic.code} ${message}`;
    });
  });
}

describe('doc examples type-check', () => {
  let diagnostics: string[][] = [];
  beforeAll(() => {
    const started = performance.now();
    diagnostics = typeCheck();
    stats.typeCheckMs = performance.now() - started;
  }, 60_000);

  it('are found: doc comments of exports and members, README.md and docs/', () => {
    const labels = new Set(blocks.map((block) => block.label));
    for (const label of ['normal', 'normal.ci', 'Model.run', 'ModelRun.summary', 'Samples.add']) {
      expect(labels, label).toContain(label);
    }
    expect(labels).toContain('README.md');
    expect(blocks.filter((block) => block.kind === 'doc comment').length).toBeGreaterThan(250);
  });

  it.each(checked.map((block, i) => [title(block), i] as const))('%s', (_, i) => {
    expect(diagnostics[i]).toEqual([]);
  });

  for (const block of notChecked) it.skip(`${title(block)} — ${optOutText(block)}`);
});

// ---------------------------------------------------------------------------------------------------
// 2 and 3. Running, and checking `// =>` values and `// throws` claims.

describe('doc examples run', () => {
  const root = mkdtempSync(join(tmpdir(), 'salvo-doc-examples-'));
  const originalCwd = process.cwd();

  // Load the library before the first block, so that no block's time includes it (mathjs alone takes
  // about half a second).
  beforeAll(async () => {
    if (!isMainThread) {
      throw new Error(
        "examples.test.ts runs each block in its own working directory with process.chdir, which worker threads lack: run it in vitest's default 'forks' pool",
      );
    }
    await Promise.all(Object.values(ENTRY_POINTS).map((path) => import(pathToFileURL(path).href)));
  }, 60_000);

  afterAll(() => {
    process.chdir(originalCwd);
    rmSync(root, { recursive: true, force: true });
  });

  it.each(runs.map((block) => [title(block), block] as const))('%s', async (name, block) => {
    const { code, expectations, throws, unchecked } = runnable(block.code);
    for (const { line, text, why } of unchecked) {
      stats.unchecked.push(`${blockWhere(block, line)}: // => ${text} (${why})`);
    }

    const index = runs.indexOf(block);
    const moduleFile = join(root, `example-${index}.ts`);
    writeFileSync(moduleFile, code);
    const cwd = join(root, `cwd-${index}`);
    mkdirSync(cwd);

    // Values are compared when they are reported: a typed array may be changed in place afterwards.
    const problems: string[] = [];
    const valuesReported = new Set<number>();
    const throwsAttempted = new Set<number>();
    const thrownBy = new Map<number, unknown>();
    const globals = globalThis as Record<string, unknown>;
    globals[REPORT_VALUE] = (i: number, value: unknown) => {
      valuesReported.add(i);
      const { line, text, expected, about } = expectations[i];
      const why = mismatch(value, expected, about);
      if (why !== undefined) {
        problems.push(
          `${blockWhere(block, line)}: // => ${text}\n  got ${inspect(value, { breakLength: Infinity })}: ${why}`,
        );
      }
    };
    globals[REPORT_THROW] = async (i: number, attempt: () => Promise<void>) => {
      throwsAttempted.add(i);
      try {
        await attempt();
      } catch (error) {
        thrownBy.set(i, error);
      }
    };
    // What a block prints is kept, and shown only if it fails.
    const printed: string[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'table', 'dir'] as const;
    const saved = methods.map((method) => console[method]);
    for (const method of methods) {
      console[method] = (...args: unknown[]) => void printed.push(format(...args));
    }
    process.chdir(cwd);
    const started = performance.now();
    let thrown: unknown;
    try {
      await import(pathToFileURL(moduleFile).href);
    } catch (error) {
      thrown = error;
    } finally {
      stats.runs.push({ title: name, kind: block.kind, ms: performance.now() - started });
      process.chdir(originalCwd);
      methods.forEach((method, k) => {
        console[method] = saved[k];
      });
      delete globals[REPORT_VALUE];
      delete globals[REPORT_THROW];
    }
    const output = printed.length > 0 ? `\nit printed:\n${printed.join('\n')}` : '';
    if (thrown !== undefined) {
      // The temporary file has the block's line numbers: its first frame there says where it threw.
      const stack = thrown instanceof Error ? (thrown.stack ?? '') : '';
      const line = new RegExp(`${moduleFile.replaceAll('.', '\\.')}:(\\d+)`).exec(stack)?.[1];
      const at = line === undefined ? blockWhere(block) : blockWhere(block, Number(line));
      problems.push(`${at}: the example throws: ${inspect(thrown)}`);
      expect(problems, output).toEqual([]);
    }

    expectations.forEach(({ line, text }, i) => {
      if (!valuesReported.has(i))
        problems.push(`${blockWhere(block, line)}: // => ${text}\n  never evaluated`);
    });
    throws.forEach(({ line, text, code: errorCode }, i) => {
      const where = `${blockWhere(block, line)}: // throws ${text}`;
      if (!throwsAttempted.has(i)) problems.push(`${where}\n  never evaluated`);
      else if (!thrownBy.has(i)) problems.push(`${where}\n  did not throw`);
      else if (
        errorCode !== undefined &&
        (thrownBy.get(i) as { code?: unknown })?.code !== errorCode
      ) {
        const error = thrownBy.get(i) as { name?: unknown; code?: unknown; message?: unknown };
        problems.push(`${where}\n  threw ${error?.name} ${error?.code}: ${error?.message}`);
      }
    });
    // A guide that shows what its block prints must show what it prints today (same seed, same
    // numbers: the output is exact).
    if (block.shownOutput !== undefined) {
      stats.outputs++;
      const actual = printed.length > 0 ? `${printed.join('\n')}\n` : '';
      if (actual !== block.shownOutput) {
        problems.push(
          `${blockWhere(block)}: the output shown after the block differs from what it prints:\n--- shown\n${block.shownOutput}--- printed\n${actual}`,
        );
      }
    }
    stats.values += expectations.length;
    stats.throws += throws.length;
    expect(problems, output).toEqual([]);
  });

  for (const block of notRun) it.skip(`${title(block)} — ${optOutText(block)}`);
});
