/**
 * Node-only parts of salvo, on the `salvo/node` entry so that the root entry runs in browsers.
 * This entry re-exports everything from the root, so Node users may import from either; the domain
 * and the kernels stay on their own entries (`salvo/shipments`, `salvo/kernels`).
 * @module salvo/node
 */
import { readFile, writeFile } from 'node:fs/promises';
import { SalvoError } from '../errors.js';
import { show } from '../validate.js';
import { fileCall } from './fileErrors.js';

export * from '../index.js';
export { renderSvg, writeSvgFile } from './charts.js';
export { writeHtmlReport } from './htmlReport.js';
export {
  readCsvFile,
  readModelFile,
  readSipmathFile,
  writeCsvFile,
  writeModelFile,
  writeSipmathFile,
} from './interchange.js';
export {
  type ModelExport,
  type ModelExportNames,
  type ModelSource,
  type ParallelRunOptions,
  runParallel,
} from './parallel.js';
export { createWorkerPool, WorkerPool } from './pool.js';
export {
  loadModelModule,
  readPartialFile,
  runShard,
  type ShardOptions,
  shardSegments,
  writePartialFile,
} from './shards.js';
export { type ParallelSweepOptions, sweepParallel } from './sweepParallel.js';

/**
 * Writes samples to a file as raw little-endian float64 values — the layout numpy reads with
 * `np.fromfile(path, dtype='<f8')` and R with `readBin(path, 'double', n, endian = 'little')`.
 *
 * @param path - destination file path (overwritten)
 * @param values - the samples
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `values` is not a Float64Array; `IO_ERROR` (the
 *   system's error as `cause`) when the file cannot be written
 *
 * @example
 * ```ts
 * import { createRng, normal } from 'salvo';
 * import { writeSamplesFile } from 'salvo/node';
 * await writeSamplesFile('shells.f64', normal(0, 1).sample(1000, createRng(1)));
 * // python: np.fromfile('shells.f64', dtype='<f8')
 * ```
 */
export async function writeSamplesFile(path: string, values: Float64Array): Promise<void> {
  if (!(values instanceof Float64Array)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `writeSamplesFile: values must be a Float64Array, got ${show(values)}`,
      { parameter: 'values', value: values },
    );
  }
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
  await fileCall('writeSamplesFile', path, 'write', () => writeFile(path, bytes));
}

/**
 * Reads a file of raw little-endian float64 values, as written by {@link writeSamplesFile} or numpy's
 * `array.astype('<f8').tofile(path)`.
 *
 * @param path - the file to read
 * @returns the samples
 * @throws {@link SalvoError} `INVALID_PARAMETER` when the file size is not a multiple of 8 bytes;
 *   `IO_ERROR` (the system's error as `cause`) when it cannot be read
 *
 * @example
 * ```ts
 * import { createRng, normal } from 'salvo';
 * import { readSamplesFile, writeSamplesFile } from 'salvo/node';
 * await writeSamplesFile('shells.f64', normal(0, 1).sample(1000, createRng(1)));
 * const values = await readSamplesFile('shells.f64');
 * values.length; // => 1000
 * ```
 */
export async function readSamplesFile(path: string): Promise<Float64Array> {
  const bytes = await fileCall('readSamplesFile', path, 'read', () => readFile(path));
  if (bytes.byteLength % 8 !== 0) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `readSamplesFile: ${path} has ${bytes.byteLength} bytes, not a whole number of float64 values`,
      { parameter: 'path', value: path },
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.byteLength / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}
