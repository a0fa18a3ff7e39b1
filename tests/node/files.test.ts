import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readCsvFile,
  readSamplesFile,
  readSipmathFile,
  renderSvg,
  SalvoError,
  type VegaLiteSpec,
  writeCsvFile,
  writeSamplesFile,
  writeSipmathFile,
  writeSvgFile,
} from '../../src/node/index.js';

describe('writeSamplesFile / readSamplesFile', () => {
  it('round-trips every double exactly, including -0, NaN, ±Infinity and subnormals', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'salvo-'));
    const values = Float64Array.of(
      0,
      -0,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -Number.MAX_VALUE,
      5e-324,
    );
    await writeSamplesFile(join(dir, 'x.f64'), values);
    const back = await readSamplesFile(join(dir, 'x.f64'));
    expect(back).toEqual(values);
    expect(Object.is(back[1], -0)).toBe(true);
  });
  it('writes little-endian float64 (the first byte of 1.0 is 0x00, the last 0x3f)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'salvo-'));
    await writeSamplesFile(join(dir, 'one.f64'), Float64Array.of(1));
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(join(dir, 'one.f64'));
    expect(Array.from(bytes)).toEqual([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
  });
  it('rejects a file that is not whole float64 values, and a non-Float64Array', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'salvo-'));
    await writeFile(join(dir, 'bad.f64'), new Uint8Array(12));
    await expect(readSamplesFile(join(dir, 'bad.f64'))).rejects.toThrow(/12 bytes/);
    await expect(
      writeSamplesFile(join(dir, 'x'), [1, 2] as unknown as Float64Array),
    ).rejects.toThrow(/values must be a Float64Array/);
  });
});

describe('salvo/node file functions: file-system failures are coded, with the cause kept', () => {
  it('ENOENT and EISDIR become IO_ERROR naming the function and the path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'salvo-'));
    const missing = join(dir, 'missing', 'x');
    const columns = { x: Float64Array.of(1, 2) };
    const spec = { $schema: 'https://vega.github.io/schema/vega-lite/v5.json' } as VegaLiteSpec;
    const calls: [string, string, string, () => Promise<unknown>][] = [
      ['readCsvFile', missing, 'ENOENT', () => readCsvFile(missing)],
      ['readCsvFile', dir, 'EISDIR', () => readCsvFile(dir)],
      ['readSipmathFile', missing, 'ENOENT', () => readSipmathFile(missing)],
      ['readSamplesFile', dir, 'EISDIR', () => readSamplesFile(dir)],
      ['writeCsvFile', missing, 'ENOENT', () => writeCsvFile(missing, columns)],
      ['writeCsvFile', dir, 'EISDIR', () => writeCsvFile(dir, columns)],
      ['writeSipmathFile', missing, 'ENOENT', () => writeSipmathFile(missing, columns)],
      ['writeSamplesFile', dir, 'EISDIR', () => writeSamplesFile(dir, columns.x)],
    ];
    let hasVega = true;
    try {
      await renderSvg({ ...spec, data: { values: [{ a: 1 }] }, mark: 'point' } as VegaLiteSpec);
    } catch {
      hasVega = false; // the optional packages are absent: writeSvgFile refuses before writing
    }
    if (hasVega) {
      const chart = { ...spec, data: { values: [{ a: 1 }] }, mark: 'point' } as VegaLiteSpec;
      calls.push(['writeSvgFile', missing, 'ENOENT', () => writeSvgFile(missing, chart)]);
    }
    for (const [where, path, code, call] of calls) {
      const error = await call().then(
        () => expect.unreachable(`${where} did not throw`),
        (e: unknown) => e,
      );
      expect(error, where).toBeInstanceOf(SalvoError);
      const e = error as SalvoError;
      expect(e.code, where).toBe('IO_ERROR');
      expect(e.parameter, where).toBe('path');
      expect(e.message, where).toContain(where);
      expect(e.message, where).toContain(path);
      expect(e.message, where).toContain(code);
      expect((e.cause as { code?: string }).code, where).toBe(code);
    }
  });

  it('a path that is not text is INVALID_PARAMETER, and parse errors keep their own code', async () => {
    const error = await readCsvFile(42 as unknown as string).catch((e: unknown) => e);
    expect((error as SalvoError).code).toBe('INVALID_PARAMETER');
    const dir = await mkdtemp(join(tmpdir(), 'salvo-'));
    await writeFile(join(dir, 'bad.csv'), 'x\nnot a number\n');
    const parse = await readCsvFile(join(dir, 'bad.csv')).catch((e: unknown) => e);
    expect((parse as SalvoError).code).toBe('INVALID_PARAMETER');
  });

  it('refuses a file that is not UTF-8 instead of reading U+FFFD into a name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'salvo-'));
    const latin1 = join(dir, 'latin1.csv');
    await writeFile(latin1, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0x31, 0x0a])); // "café\n1\n" in Latin-1
    const error = (await readCsvFile(latin1).catch((e: unknown) => e)) as SalvoError;
    expect(error.code).toBe('INVALID_PARAMETER');
    expect(error.message).toContain('is not valid UTF-8');
    await writeFile(latin1, 'café\n1\n'); // the same as UTF-8 reads
    expect(Object.keys(await readCsvFile(latin1))).toEqual(['café']);
  });
});
