/**
 * Comma-separated values: a run's kept samples (or any index-aligned columns) as one column per node
 * and one row per sample index, and back.
 *
 * The file format is RFC 4180 (Y. Shafranovich, "Common Format and MIME Type for Comma-Separated Values
 * (CSV) Files", 2005, https://www.rfc-editor.org/rfc/rfc4180): a header record, fields separated by
 * commas, a field that holds a comma, a double quote or a line break enclosed in double quotes (a quote
 * inside doubled). Records end with `\n` when written; `\r\n`, `\n` and `\r` are read.
 *
 * Numbers are written with `String(x)`, ECMAScript's shortest decimal that reads back as the same
 * double (ECMA-262, Number::toString), and `-0` as `-0`, so that `fromCsv(toCsv(x))` gives back every
 * value bit for bit; non-finite values are written `NaN`, `Infinity` and `-Infinity`.
 * @module
 */
import { SalvoError, type SalvoErrorCode } from '../errors.js';
import { ModelRun } from '../model/result.js';
import {
  optionNames,
  requireKnownOptions,
  requireNonNegativeInteger,
  requireObject,
  show,
} from '../validate.js';

/**
 * Index-aligned sample columns by name: what {@link fromCsv} and {@link fromSipmath} return, and what
 * {@link toCsv} and {@link toSipmath} accept besides a {@link ModelRun}.
 *
 * @example
 * ```ts
 * import { empirical, type SampleColumns } from 'salvo';
 * const columns: SampleColumns = { costUsd: Float64Array.of(120, 95, 143) };
 * empirical(columns.costUsd).mean; // => 119.33333333333333
 * ```
 */
export type SampleColumns = Readonly<Record<string, Float64Array>>;

/**
 * Options of {@link toCsv}.
 *
 * @example
 * ```ts
 * import { model, normal, toCsv, type CsvOptions } from 'salvo';
 * const run = model({ seed: 1 }).input('x', normal(0, 1)).input('y', normal(0, 1)).run({ samples: 100 });
 * const options: CsvOptions = { names: ['y'], maxRows: 2 };
 * toCsv(run, options).split('\n').length; // => 4 (a header, two rows and the final line break)
 * ```
 */
export interface CsvOptions {
  /**
   * The columns to write, in this order. Default: every kept node of a run in declaration order, or
   * every column of a {@link SampleColumns} object in the order of {@link csvColumnNames} (a file's
   * header order for an object read by {@link fromCsv}, else its key order).
   */
  readonly names?: readonly string[];
  /** Write at most this many rows (the first ones, sample indexes 0, 1, …). Default: all. */
  readonly maxRows?: number;
}

/** The names {@link CsvOptions} knows, for `UNKNOWN_OPTION`. */
const CSV_OPTION_NAMES = optionNames<CsvOptions>()(['names', 'maxRows']);

/**
 * The header of each object {@link fromCsv} returned, in the file's order (a plain object lists
 * integer-like keys such as `'3'` first, whatever the order they were added in).
 */
const headerOrders = new WeakMap<object, readonly string[]>();

/**
 * The column names of a columns object in their order: for an object that {@link fromCsv} (or
 * `readCsvFile`) returned, the order of the file's header; for any other object, `Object.keys`.
 * JavaScript lists an object's integer-like keys (`'3'`, `'2024'`) first, in numeric order, so
 * `Object.keys(fromCsv('key,3\n1,2\n'))` is `['3', 'key']`; this gives `['key', '3']`. Columns added
 * to the object later come last; deleted ones are left out. {@link toCsv} writes a columns object in
 * this order, so reading and writing a file keeps its column order.
 *
 * @param columns - the columns object
 * @returns the names, one per column
 *
 * @example
 * ```ts
 * import { csvColumnNames, fromCsv, toCsv } from 'salvo';
 * const columns = fromCsv('year,2023,2024\n1,10,12\n');
 * Object.keys(columns);    // => ['2023', '2024', 'year']
 * csvColumnNames(columns); // => ['year', '2023', '2024']
 * toCsv(columns);          // => 'year,2023,2024\n1,10,12\n'
 * ```
 */
export function csvColumnNames(columns: SampleColumns): string[] {
  if (typeof columns !== 'object' || columns === null) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `csvColumnNames: columns must be an object of Float64Array columns, got ${show(columns)}`,
      { parameter: 'columns', value: columns },
    );
  }
  const keys = Object.keys(columns);
  const header = headerOrders.get(columns);
  if (header === undefined) return keys;
  const present = header.filter((name) => Object.hasOwn(columns, name));
  const inHeader = new Set(header);
  return [...present, ...keys.filter((name) => !inHeader.has(name))];
}

/** A column source after checking: names and index-aligned arrays of one length. @internal */
export interface ResolvedColumns {
  readonly names: readonly string[];
  readonly columns: readonly Float64Array[];
  readonly length: number;
}

function isKept(run: ModelRun<string>, name: string): boolean {
  try {
    run.samples(name);
    return true;
  } catch (error) {
    if (error instanceof SalvoError && error.code === 'NOT_KEPT') return false;
    throw error;
  }
}

function requireNames(where: string, names: unknown): readonly string[] {
  if (!Array.isArray(names)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: names must be an array of node names, got ${show(names)}`,
      { parameter: 'names', value: names },
    );
  }
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (typeof name !== 'string') {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: names[${i}] must be a string, got ${show(name)}`,
        { parameter: `names[${i}]`, value: name },
      );
    }
    if (seen.has(name)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: names[${i}] = ${show(name)} is repeated; give each name once`,
        { parameter: `names[${i}]`, value: name },
      );
    }
    seen.add(name);
  });
  return names as string[];
}

/**
 * Checks a run or a columns object and returns its columns: a run's through `run.samples(name)`
 * (which throws `NOT_KEPT` for a node that was not kept), a plain object's as given. @internal
 */
export function resolveColumns(
  where: string,
  source: unknown,
  requested: unknown,
): ResolvedColumns {
  if (source instanceof ModelRun) {
    const run = source as ModelRun<string>;
    if (run.weighted) {
      throw new SalvoError(
        'UNSUPPORTED',
        `${where}: the run is weighted by .observe and its samples alone would describe the prior; export the columns with their weights, e.g. { shells: run.samples('shells'), weight: run.weights() }`,
        { parameter: 'source', value: 'weighted run' },
      );
    }
    const names =
      requested === undefined
        ? run.nodeNames.filter((name) => isKept(run, name))
        : requireNames(where, requested);
    const columns = names.map((name) => run.samples(name));
    return { names, columns, length: run.sampleCount };
  }
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: source must be a ModelRun or an object of Float64Array columns, got ${show(source)}`,
      { parameter: 'source', value: source },
    );
  }
  const record = source as Record<string, unknown>;
  const names =
    requested === undefined
      ? csvColumnNames(record as SampleColumns)
      : requireNames(where, requested);
  const columns: Float64Array[] = [];
  for (const name of names) {
    const column = Object.hasOwn(record, name) ? record[name] : undefined;
    if (!(column instanceof Float64Array)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: source[${JSON.stringify(name)}] must be a Float64Array, got ${show(column)}` +
          (column === undefined ? ` (columns: ${Object.keys(record).join(', ') || 'none'})` : ''),
        { parameter: `source[${JSON.stringify(name)}]`, value: column },
      );
    }
    if (columns.length > 0 && column.length !== columns[0].length) {
      throw new SalvoError(
        'LENGTH_MISMATCH',
        `${where}: columns must be index-aligned, but source[${JSON.stringify(name)}] has ` +
          `${column.length} values and source[${JSON.stringify(names[0])}] ${columns[0].length}`,
        { parameter: `source[${JSON.stringify(name)}]`, value: column.length },
      );
    }
    columns.push(column);
  }
  return { names, columns, length: columns.length > 0 ? columns[0].length : 0 };
}

/** A number as the shortest decimal that reads back as the same double; `-0` keeps its sign. */
function formatNumber(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/** A header field, quoted when it must be (RFC 4180) or when it has surrounding spaces. */
function formatField(text: string): string {
  if (!/[",\r\n]|^\s|\s$/.test(text)) return text;
  return `"${text.replaceAll('"', '""')}"`;
}

const ROWS_PER_CHUNK = 16_384;

/**
 * The CSV text in pieces of up to 16,384 rows, so that a file writer need not hold the whole text.
 * Arguments are checked before the first piece. @internal
 */
export function csvChunks(where: string, source: unknown, options: CsvOptions = {}): string[] {
  requireObject(where, 'options', options);
  requireKnownOptions(where, 'options', options, CSV_OPTION_NAMES);
  const { names, columns, length } = resolveColumns(where, source, options.names);
  const rows =
    options.maxRows === undefined
      ? length
      : Math.min(length, requireNonNegativeInteger(where, 'maxRows', options.maxRows));
  const chunks = [`${names.map(formatField).join(',')}\n`];
  const k = columns.length;
  const line: string[] = new Array(k);
  for (let first = 0; first < rows; first += ROWS_PER_CHUNK) {
    const last = Math.min(rows, first + ROWS_PER_CHUNK);
    const lines: string[] = new Array(last - first + 1);
    for (let i = first; i < last; i++) {
      for (let j = 0; j < k; j++) line[j] = formatNumber(columns[j][i]);
      lines[i - first] = line.join(',');
    }
    lines[last - first] = '';
    chunks.push(lines.join('\n'));
  }
  return chunks;
}

/**
 * A run's kept samples (or any index-aligned columns) as CSV text: a header row of node names, then one
 * row per sample index, so that row i holds every node's i-th sample. Numbers are written so that they
 * read back exactly (the shortest decimal that round-trips, as `String(x)`; `-0` as `-0`), non-finite
 * values as `NaN`, `Infinity` and `-Infinity`. Lines end with `\n`, and so does the text; a name that
 * holds a comma, a quote or a line break is quoted (RFC 4180). Excel, pandas (`pd.read_csv`) and R
 * (`read.csv`) read it; {@link fromCsv} reads it back.
 *
 * @param source - a {@link ModelRun}, or an object of index-aligned `Float64Array` columns
 * @param options - `names` (default: every kept node, in declaration order) and `maxRows`
 * @returns the CSV text
 * @throws {@link SalvoError} `NOT_KEPT` (from `run.samples`) naming a requested node that was not kept;
 *   `INVALID_PARAMETER` for an unknown node, a repeated name, a column that is not a Float64Array or a
 *   bad `maxRows`; `LENGTH_MISMATCH` for columns of different lengths
 *
 * @example
 * ```ts
 * import { model, normal, toCsv } from 'salvo';
 * const run = model({ seed: 1 })
 *   .input('priceUsd', normal(100, 10))
 *   .derive('revenueUsd', 'priceUsd * 3')
 *   .run({ samples: 1_000 });
 * toCsv(run, { maxRows: 2 }).split('\n')[0]; // => 'priceUsd,revenueUsd'
 * toCsv({ x: Float64Array.of(0.1, -0, Number.NaN, 1e21) });
 * // => 'x\n0.1\n-0\nNaN\n1e+21\n'
 * ```
 */
export function toCsv(source: ModelRun<string> | SampleColumns, options: CsvOptions = {}): string {
  return csvChunks('toCsv', source, options).join('');
}

// ---------------------------------------------------------------------------------------------------
// Reading.

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITE = /^([+-]?)inf(?:inity)?$/i;
const NOT_A_NUMBER = /^[+-]?nan$/i;

function csvError(message: string, value: unknown, code: SalvoErrorCode = 'INVALID_PARAMETER') {
  return new SalvoError(code, `fromCsv: in text, ${message}`, { parameter: 'text', value });
}

/** The number a cell holds, or undefined when it holds none. */
function parseCell(cell: string): number | undefined {
  const text = cell.trim();
  if (DECIMAL.test(text)) return Number(text);
  const infinite = INFINITE.exec(text);
  if (infinite !== null) {
    return infinite[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (NOT_A_NUMBER.test(text)) return Number.NaN;
  return undefined;
}

/**
 * Reads CSV text with a header row and numeric columns, as written by {@link toCsv}, Excel, pandas or
 * R, into index-aligned `Float64Array` columns keyed by the header's names — ready to be a model input
 * through `empirical(columns.name)`. Fields may be quoted (RFC 4180); lines may end with `\r\n`, `\n`
 * or `\r`; a byte-order mark and blank lines at the end are ignored; spaces around a number are allowed.
 * A cell must be a decimal number (`12`, `-0.5`, `1e-7`) or `NaN`, `Infinity`, `-Infinity` (also
 * `nan`, `inf`, `-inf`, as numpy writes them); an empty cell is an error, not a zero.
 *
 * **Column order.** The result is a plain object, and JavaScript lists integer-like keys (`'3'`,
 * `'2024'`) before the others whatever the file's order; {@link csvColumnNames} gives the names in
 * the file's order, and {@link toCsv} writes the object back in that order.
 *
 * @param text - the CSV text
 * @returns one `Float64Array` per header name, each with one value per data row (their file order:
 *   {@link csvColumnNames})
 * @throws {@link SalvoError} `INVALID_PARAMETER` (parameter `text`) when `text` is not a string or is
 *   empty, a header name is empty or repeated, a row has more or fewer fields than the header (naming the
 *   row, counted from 1 with the header as row 1, as a spreadsheet does), a cell is not a number (naming
 *   its row and column), or a quoted field is not closed
 *
 * @example
 * ```ts
 * import { empirical, fromCsv, model } from 'salvo';
 * const columns = fromCsv('leadTimeDays,costUsd\n12,1000\n15,1250.5\n9,870\n');
 * columns.leadTimeDays; // => Float64Array [12, 15, 9]
 * const run = model({ seed: 1 }).input('leadTimeDays', empirical(columns.leadTimeDays)).run({ samples: 1_000 });
 * run.summary('leadTimeDays').max; // => 15
 * fromCsv('x,y\n1,2\n3\n'); // throws: row 3 has 1 field, the header has 2
 * ```
 */
export function fromCsv(text: string): Record<string, Float64Array> {
  if (typeof text !== 'string') {
    throw new SalvoError('INVALID_PARAMETER', `fromCsv: text must be a string, got ${show(text)}`, {
      parameter: 'text',
      value: text,
    });
  }
  const records = parseRecords(text);
  // Blank lines at the end (a record of one empty, unquoted field) are not data.
  while (records.length > 1 && isBlank(records[records.length - 1])) records.pop();
  if (records.length === 0 || isBlank(records[0])) {
    throw csvError('text must start with a header row of column names, got no header', text);
  }
  const header = records[0].fields;
  const k = header.length;
  const seen = new Map<string, number>();
  header.forEach((name, j) => {
    if (name === '') {
      throw csvError(`header column ${j + 1} has no name; every column needs one`, name);
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw csvError(
        `header column ${j + 1} repeats the name ${show(name)} of column ${earlier + 1}`,
        name,
      );
    }
    seen.set(name, j);
  });
  // The rows are all parsed already: each column gets exactly its length (a growable buffer per
  // column cost 8 KB each, 2.4 GB for a file of 300,000 columns).
  const rows = records.length - 1;
  const columns = header.map(() => new Float64Array(rows));
  for (let r = 1; r < records.length; r++) {
    const fields = records[r].fields;
    const row = r + 1;
    if (fields.length !== k) {
      throw csvError(
        `row ${row} has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${k}`,
        fields.join(','),
      );
    }
    for (let j = 0; j < k; j++) {
      const x = parseCell(fields[j]);
      if (x === undefined) {
        throw csvError(
          `row ${row}, column ${show(header[j])} (column ${j + 1}) must hold a number, got ` +
            `${show(fields[j])}${fields[j].trim() === '' ? ' (an empty cell; missing values are not numbers)' : ''}`,
          fields[j],
        );
      }
      columns[j][r - 1] = x;
    }
  }
  const result: Record<string, Float64Array> = {};
  header.forEach((name, j) => {
    // defineProperty, so that a column named "__proto__" is a column like any other.
    Object.defineProperty(result, name, {
      value: columns[j],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  });
  headerOrders.set(result, header);
  return result;
}

interface CsvRecord {
  fields: string[];
  /** Whether the record's only field was quoted (so `""` is not a blank line). */
  quoted: boolean;
}

function isBlank(record: CsvRecord): boolean {
  return record.fields.length === 1 && record.fields[0] === '' && !record.quoted;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Splits CSV text into records of fields (RFC 4180, with `\n` and `\r` accepted as line breaks). */
function parseRecords(text: string): CsvRecord[] {
  const n = text.length;
  // Every byte-order mark at the start (a file encoded twice has two) is skipped, not read as a name.
  let i = 0;
  while (i < n && text.charCodeAt(i) === 0xfeff) i++;
  const records: CsvRecord[] = [];
  if (i >= n) return records;
  let fields: string[] = [];
  let anyQuoted = false;
  let line = 1;
  for (;;) {
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      anyQuoted = true;
      const startLine = line;
      let value = '';
      let from = ++i;
      for (;;) {
        if (i >= n) {
          throw csvError(`a quoted field that starts on line ${startLine} is never closed`, text);
        }
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) {
            value += text.slice(from, i + 1);
            i += 2;
            from = i;
            continue;
          }
          value += text.slice(from, i);
          i++;
          break;
        }
        if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
        i++;
      }
      // Text between the closing quote and the next separator (`"a"b`) is kept, as spreadsheets do.
      const rest = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === LF || c === CR) break;
        i++;
      }
      field = value + text.slice(rest, i);
    } else {
      const from = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === LF || c === CR) break;
        i++;
      }
      field = text.slice(from, i);
    }
    fields.push(field);
    if (i >= n) {
      records.push({ fields, quoted: anyQuoted });
      return records;
    }
    const c = text.charCodeAt(i);
    i++;
    if (c === COMMA) continue;
    // A line break ends the record; \r\n counts as one.
    if (c === CR && text.charCodeAt(i) === LF) i++;
    line++;
    records.push({ fields, quoted: anyQuoted });
    if (i >= n) return records;
    fields = [];
    anyQuoted = false;
  }
}
