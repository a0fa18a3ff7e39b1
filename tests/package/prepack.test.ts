import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../helpers/command.js';

// `npm pack` on a fresh clone, which has no dist/: the tarball must hold the build that package.json's
// `exports` point at, so `npm pack` has to build first (the `prepack` script). The other package tests
// pack the repository's dist/, built by `npm run test:package`, with --ignore-scripts; this one packs
// a copy of the repository's files without dist/, scripts on, as a user or `npm publish` would.

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a command (see tests/helpers/command.ts), with the longer time a build needs. */
const run = (command: string, args: readonly string[], cwd: string) =>
  runCommand(command, args, cwd, 600_000);

/** Every file that package.json names for a consumer: main, module, types and each `exports` target. */
function namedFiles(manifest: Record<string, unknown>): string[] {
  const files = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') files.add(value.replace(/^\.\//, ''));
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit([manifest.main, manifest.module, manifest.types, manifest.exports]);
  return [...files].sort();
}

describe('npm pack on a fresh clone (no dist/)', () => {
  let temp: string;
  let clone: string;
  let manifest: Record<string, unknown>;
  let packedFiles: string[];

  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), 'salvo-prepack-'));
    clone = join(temp, 'salvo');
    // The files a clone would have: tracked ones and new ones not ignored (so dist/ is left out).
    const listed = run(
      'git',
      ['ls-files', '--cached', '--others', '--exclude-standard', '-z'],
      REPO,
    )
      .split('\0')
      .filter((file) => file !== '' && existsSync(join(REPO, file)));
    for (const file of listed) {
      mkdirSync(join(clone, dirname(file)), { recursive: true });
      cpSync(join(REPO, file), join(clone, file));
    }
    // `npm ci` would install the lockfile's packages; the repository's are the same ones.
    symlinkSync(join(REPO, 'node_modules'), join(clone, 'node_modules'), 'dir');
    manifest = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8'));
    expect(existsSync(join(clone, 'dist'))).toBe(false);

    const packDir = join(temp, 'pack');
    mkdirSync(packDir);
    // The report of --json starts with a line `[`; anything a script printed before it is skipped.
    const packed = run('npm', ['pack', '--json', '--pack-destination', packDir], clone);
    const report = packed.slice(packed.search(/^\[\s*$/m));
    const [info] = JSON.parse(report) as { files: { path: string }[] }[];
    packedFiles = info.files.map((file) => file.path);
  }, 600_000);

  afterAll(() => {
    if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
  });

  it('has a prepack script, so that npm pack and npm publish build first', () => {
    expect((manifest.scripts as Record<string, string>).prepack).toBe('npm run build');
  });

  it('packs every file that main, module, types and exports name', () => {
    const named = namedFiles(manifest);
    expect(named).toContain('dist/node/index.cjs');
    expect(named.filter((file) => !packedFiles.includes(file))).toEqual([]);
  });
});
