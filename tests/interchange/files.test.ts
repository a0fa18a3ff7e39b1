import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { model, normal } from '../../src/index.js';
import { toCsv } from '../../src/interchange/csv.js';
import { toSipmath } from '../../src/interchange/sipmath/index.js';
import {
  readCsvFile,
  readSipmathFile,
  writeCsvFile,
  writeSipmathFile,
} from '../../src/node/interchange.js';

describe('CSV and SIPmath files', () => {
  // 40,000 rows: more than two of the writer's 16,384-row pieces.
  const run = model({ seed: 9 })
    .input('x', normal(0, 1))
    .derive('y', 'x * 3 + 1')
    .run({ samples: 40_000 });

  it('writeCsvFile writes exactly the text toCsv makes, and readCsvFile reads it back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'salvo-csv-'));
    const path = join(dir, 'run.csv');
    await writeCsvFile(path, run);
    expect(await readFile(path, 'utf8')).toBe(toCsv(run));
    const columns = await readCsvFile(path);
    expect(columns.x).toEqual(run.samples('x'));
    expect(columns.y).toEqual(run.samples('y'));
    await writeCsvFile(path, run, { names: ['y'], maxRows: 2 });
    expect(await readFile(path, 'utf8')).toBe(toCsv(run, { names: ['y'], maxRows: 2 }));
  });

  it('writeCsvFile checks its arguments before it touches the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'salvo-csv-'));
    await expect(writeCsvFile(join(dir, 'bad.csv'), run, { maxRows: -1 })).rejects.toThrow(
      /maxRows/,
    );
    await expect(readFile(join(dir, 'bad.csv'))).rejects.toThrow(/ENOENT/);
  });

  it('writeSipmathFile writes the library as indented JSON; readSipmathFile evaluates it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'salvo-sipmath-'));
    const path = join(dir, 'Run.SIPmath');
    const options = { dateCreated: '2025-01-01' };
    await writeSipmathFile(path, run, options);
    const text = await readFile(path, 'utf8');
    expect(JSON.parse(text)).toEqual(toSipmath(run, options));
    expect(text.startsWith('{\n  "name"')).toBe(true);
    const trials = await readSipmathFile(path, { trials: 100 });
    expect(Object.keys(trials)).toEqual(['x', 'y']);
    expect(trials.x).toHaveLength(100);
  });
});
