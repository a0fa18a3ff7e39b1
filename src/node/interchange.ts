/**
 * CSV, SIPmath and model files on disk (Node only; the text and JSON themselves come from the browser-safe
 * `src/interchange/` modules).
 * @module
 */
import { open, readFile, writeFile } from 'node:fs/promises';
import { SalvoError } from '../errors.js';
import { type CsvOptions, csvChunks, fromCsv, type SampleColumns } from '../interchange/csv.js';
import { IMPORT_OPTION_NAMES } from '../interchange/sipmath/import.js';
import {
  fromSipmath,
  type SipmathExportOptions,
  type SipmathImportOptions,
  toSipmath,
} from '../interchange/sipmath/index.js';
import type { Model } from '../model/model.js';
import { modelFromJson, toModelJson } from '../model/modelJson.js';
import type { ModelRun } from '../model/result.js';
import { requireKnownOptions, show } from '../validate.js';
import { fileCall } from './fileErrors.js';

/**
 * Writes a run's kept samples (or index-aligned columns) to a CSV file, as {@link toCsv} formats
 * them, 16,384 rows at a time, so that a large run never becomes one string in memory.
 *
 * @param path - destination file (overwritten)
 * @param source - a {@link ModelRun}, or an object of index-aligned `Float64Array` columns
 * @param options - `names` and `maxRows`, as for {@link toCsv}
 * @throws {@link SalvoError} as {@link toCsv} does, before the file is opened; `IO_ERROR` (the
 *   system's error as `cause`) when the file cannot be opened or written
 *
 * @example
 * ```ts
 * import { model, normal } from 'salvo';
 * import { readCsvFile, writeCsvFile } from 'salvo/node';
 * const run = model({ seed: 1 }).input('x', normal(0, 1)).run({ samples: 1_000 });
 * await writeCsvFile('run.csv', run);
 * (await readCsvFile('run.csv')).x.length; // => 1000
 * ```
 */
export async function writeCsvFile(
  path: string,
  source: ModelRun<string> | SampleColumns,
  options: CsvOptions = {},
): Promise<void> {
  const chunks = csvChunks('writeCsvFile', source, options);
  const where = 'writeCsvFile';
  const file = await fileCall(where, path, 'open for writing', () => open(path, 'w'));
  try {
    for (const chunk of chunks)
      await fileCall(where, path, 'write', () => file.write(chunk, null, 'utf8'));
  } finally {
    await fileCall(where, path, 'close', () => file.close());
  }
}

/**
 * Reads a CSV file with a header row and numeric columns (UTF-8), as {@link fromCsv} does.
 *
 * @param path - the file to read
 * @returns one `Float64Array` per column, by header name
 * @throws {@link SalvoError} as {@link fromCsv} does; `IO_ERROR` (the system's error as `cause`)
 *   when the file cannot be read (`ENOENT`, `EISDIR`...)
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { empirical } from 'salvo';
 * import { readCsvFile } from 'salvo/node';
 * await writeFile('history.csv', 'leadTimeDays,costUsd\n12,1000\n15,1250.5\n9,870\n');
 * const columns = await readCsvFile('history.csv');
 * columns.leadTimeDays; // => Float64Array [12, 15, 9]
 * const leadTime = empirical(columns.leadTimeDays);
 * ```
 */
export async function readCsvFile(path: string): Promise<Record<string, Float64Array>> {
  return fromCsv(await readUtf8('readCsvFile', path));
}

/**
 * Writes a SIPmath 3.0 library of a run's kept samples (see {@link toSipmath}) to a JSON file, indented
 * with two spaces: a `.SIPmath` file that ChanceCalc and the SIPmath Modeler Tools open.
 *
 * @param path - destination file (overwritten), such as `'Sales.SIPmath'`
 * @param source - a {@link ModelRun}, or an object of index-aligned `Float64Array` columns
 * @param options - as for {@link toSipmath}
 * @throws {@link SalvoError} as {@link toSipmath} does, before the file is written; `IO_ERROR` (the
 *   system's error as `cause`) when it cannot be written
 *
 * @example
 * ```ts
 * import { model, normal } from 'salvo';
 * import { readSipmathFile, writeSipmathFile } from 'salvo/node';
 * const run = model({ seed: 1 }).input('demand', normal(100, 10)).run({ samples: 1_000 });
 * await writeSipmathFile('Demand.SIPmath', run, { libraryName: 'Demand' });
 * (await readSipmathFile('Demand.SIPmath')).demand.length; // => 1000
 * ```
 */
export async function writeSipmathFile(
  path: string,
  source: ModelRun<string> | SampleColumns,
  options: SipmathExportOptions = {},
): Promise<void> {
  const library = toSipmath(source, options);
  const text = `${JSON.stringify(library, null, 2)}\n`;
  await fileCall('writeSipmathFile', path, 'write', () => writeFile(path, text, 'utf8'));
}

/**
 * Reads a SIPmath 3.0 library file and evaluates it into its trials, as {@link fromSipmath} does.
 *
 * @param path - the `.SIPmath` or `.json` file
 * @param options - as for {@link fromSipmath}
 * @returns the trials of each SIP, by SIP name
 * @throws {@link SalvoError} as {@link fromSipmath} does; `IO_ERROR` (the system's error as
 *   `cause`) when the file cannot be read
 *
 * @example
 * <!-- not-run: it reads ChanceCalc's library file, which the reader downloads -->
 * ```ts
 * import { empirical, model } from 'salvo';
 * import { readSipmathFile } from 'salvo/node';
 * // ChanceCalc's example library; it does not say its trial count, so give one:
 * const trials = await readSipmathFile('Development_Time_Library.SIPmath', { trials: 1_000 });
 * trials.Accounts[0]; // => 5.910648243238555 (the library's published Trial1: 5.91064824323855)
 * const run = model({ seed: 1 }).input('accounts', empirical(trials.Accounts)).run({ samples: 10_000 });
 * ```
 */
export async function readSipmathFile(
  path: string,
  options: SipmathImportOptions = {},
): Promise<Record<string, Float64Array>> {
  requireKnownOptions('readSipmathFile', 'options', options, IMPORT_OPTION_NAMES);
  const text = await readUtf8('readSipmathFile', path);
  return fromSipmath(text, options);
}

/**
 * Writes a model to a JSON file in salvo's model format ({@link toModelJson}), indented with two
 * spaces, for {@link readModelFile}, `salvo shard model.json`, a colleague, or version control.
 *
 * @param path - destination file (overwritten), such as `'shipments.salvo.json'`
 * @param m - a model of distributions and expressions
 * @param options - `title`, kept in the file
 * @throws {@link SalvoError} as {@link toModelJson} does (`UNSUPPORTED` for a callback node), before
 *   the file is written; `IO_ERROR` (the system's error as `cause`) when it cannot be written
 *
 * @example
 * ```ts
 * import { model, pert } from 'salvo';
 * import { readModelFile, writeModelFile } from 'salvo/node';
 * const shipments = model({ seed: 1 })
 *   .input('containers', pert(5_500, 6_700, 8_000))
 *   .derive('shells', 'containers * (380 to 600)');
 * await writeModelFile('shipments.salvo.json', shipments, { title: 'Shells shipped' });
 * (await readModelFile('shipments.salvo.json')).names;
 * // => ['containers', 'shells: 380 to 600', 'shells']
 * ```
 */
export async function writeModelFile(
  path: string,
  m: Model<string>,
  options: { readonly title?: string } = {},
): Promise<void> {
  const text = `${JSON.stringify(toModelJson(m, options), null, 2)}\n`;
  await fileCall('writeModelFile', path, 'write', () => writeFile(path, text, 'utf8'));
}

/**
 * Reads a model file ({@link ModelJson}) into a model, checking everything in it as
 * {@link modelFromJson} does: nothing in the file is executed.
 *
 * @param path - the file to read
 * @returns the model, with the node names you expect as the type parameter (not checked against
 *   the file: read `names` to be sure)
 * @throws {@link SalvoError} as {@link modelFromJson} does (`INVALID_MODEL`, `UNKNOWN_FAMILY`,
 *   `UNKNOWN_VERSION`, `MODEL_CYCLE`...); `IO_ERROR` (the system's error as `cause`) when the file
 *   cannot be read
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { readModelFile } from 'salvo/node';
 * await writeFile('x.json', '{"format": "salvo-model", "version": 1, "seed": 1, "nodes": [{"name": "x", "distribution": {"family": "normal", "args": [0, 1]}}]}');
 * const m = await readModelFile<'x'>('x.json');
 * m.run({ samples: 1_000 }).summary('x').mean; // => about 0
 * ```
 */
export async function readModelFile<Names extends string = string>(
  path: string,
): Promise<Model<Names>> {
  const text = await readUtf8('readModelFile', path);
  return modelFromJson<Names>(text);
}

/**
 * A text file's contents as UTF-8, refused with `INVALID_PARAMETER` when its bytes are not UTF-8
 * (Node's `readFile(path, 'utf8')` would put U+FFFD in their place, and a header name would change
 * without notice).
 */
async function readUtf8(where: string, path: string): Promise<string> {
  const bytes = await fileCall(where, path, 'read', () => readFile(path));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${show(path)} is not valid UTF-8 text; save it as UTF-8 (spreadsheets offer "CSV UTF-8")`,
      { parameter: 'path', value: path, cause: error },
    );
  }
}
