import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSamplesFile, writeSamplesFile } from '../../src/node/index.js';

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
