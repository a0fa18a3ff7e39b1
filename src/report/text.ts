/**
 * Plain-text output for scripts and terminals: aligned tables and horizontal histograms drawn with
 * block characters, with reference values marked.
 * @module
 */
import { SalvoError } from '../errors.js';
import type { NodeSummary } from '../model/result.js';
import type { Sensitivity } from '../model/sensitivity.js';
import { requireSweepOutput, type Sweep, type SweepPoint } from '../model/sweep.js';
import type { Histogram } from '../samples/histogram.js';
import { optionNames, requireKnownOptions, requireNonEmptyList, show } from '../validate.js';
import { formatNumber, formatPercent } from './format.js';
import type { TimelineBand } from './timelineBand.js';

/**
 * Options of {@link textTable}.
 *
 * @example
 * ```ts
 * import { textTable, type TextTableOptions } from 'salvo';
 * const options: TextTableOptions = { header: ['quantity', 'median'] };
 * textTable([['shells', 2.3e6]], options).split('\n').length; // => 3
 * ```
 */
export interface TextTableOptions {
  /** Column titles, underlined. */
  readonly header?: readonly string[];
  /** Per column `'left'` or `'right'`; default: right for columns whose cells are all numbers. */
  readonly align?: readonly ('left' | 'right')[];
}

/** The names {@link TextTableOptions} knows, for `UNKNOWN_OPTION`. */
const TEXT_TABLE_OPTION_NAMES = optionNames<TextTableOptions>()(['header', 'align']);

/** Display width of a string: one per code point (block and box characters are one column wide). */
function width(text: string): number {
  return [...text].length;
}

/**
 * Rows as an aligned plain-text table: columns separated by two spaces, numbers written by
 * {@link formatNumber} and right-aligned, text left-aligned, an optional header underlined with `-`.
 *
 * @param rows - cells: strings as given, numbers formatted
 * @param options - header and alignment
 * @returns the table, lines joined by `\n` (no trailing newline)
 * @throws {@link SalvoError} `INVALID_PARAMETER` when rows are not arrays of strings and numbers, or
 *   rows, header and align disagree in length
 * @example
 * ```ts
 * import { textTable } from 'salvo';
 * console.log(textTable(
 *   [['shells', 2.31e6, '1.4M–3.4M'], ['value (USD)', 4.2e9, '1.1B–12B']],
 *   { header: ['quantity', 'median', '90% interval'] },
 * ));
 * // quantity     median  90% interval
 * // -----------  ------  ------------
 * // shells         2.3M  1.4M–3.4M
 * // value (USD)    4.2B  1.1B–12B
 * ```
 */
export function textTable(
  rows: readonly (readonly (string | number)[])[],
  options: TextTableOptions = {},
): string {
  const where = 'textTable';
  requireKnownOptions(where, 'options', options, TEXT_TABLE_OPTION_NAMES);
  if (!Array.isArray(rows)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: rows must be an array of rows, got ${show(rows)}`,
      {
        parameter: 'rows',
        value: rows,
      },
    );
  }
  const columns = options.header?.length ?? rows[0]?.length ?? 0;
  rows.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== columns) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: rows[${r}] must have ${columns} cells, got ${show(row)}`,
        { parameter: `rows[${r}]`, value: row },
      );
    }
    row.forEach((cell, c) => {
      if (typeof cell !== 'string' && typeof cell !== 'number') {
        throw new SalvoError(
          'INVALID_PARAMETER',
          `${where}: rows[${r}][${c}] must be a string or a number, got ${show(cell)}`,
          { parameter: `rows[${r}][${c}]`, value: cell },
        );
      }
    });
  });
  if (options.align !== undefined && options.align.length !== columns) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: align must have one entry per column (${columns}), got ${show(options.align)}`,
      { parameter: 'align', value: options.align },
    );
  }
  const text = rows.map((row) =>
    row.map((cell: string | number) => (typeof cell === 'number' ? formatNumber(cell) : cell)),
  );
  const align =
    options.align ??
    Array.from({ length: columns }, (_, c) =>
      rows.length > 0 && rows.every((row) => typeof row[c] === 'number') ? 'right' : 'left',
    );
  const all = options.header !== undefined ? [[...options.header], ...text] : text;
  const widths = Array.from({ length: columns }, (_, c) =>
    Math.max(0, ...all.map((row) => width(row[c]))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => {
        const pad = ' '.repeat(widths[c] - width(cell));
        return align[c] === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .replace(/\s+$/, '');
  const lines = text.map(line);
  if (options.header !== undefined) {
    lines.unshift(line(options.header), widths.map((w) => '-'.repeat(w)).join('  '));
  }
  return lines.join('\n');
}

/**
 * A value to mark on a {@link terminalHistogram}: the row whose bin holds it gets `◀ label`.
 *
 * @example
 * ```ts
 * import type { HistogramMarker } from 'salvo';
 * const southKorea: HistogramMarker = { value: 3e6, label: "South Korea's 3M" };
 * southKorea.value; // => 3000000
 * ```
 */
export interface HistogramMarker {
  /** Where the marker is, in the histogram's units. */
  readonly value: number;
  /** What it is. */
  readonly label: string;
}

/**
 * Options of {@link terminalHistogram}.
 *
 * @example
 * ```ts
 * import { formatUsd, type TerminalHistogramOptions } from 'salvo';
 * const options: TerminalHistogramOptions = { width: 30, format: (x) => formatUsd(x) };
 * options.width; // => 30
 * ```
 */
export interface TerminalHistogramOptions {
  /** Characters for the longest bar; default 40. */
  readonly width?: number;
  /** Writes a bin edge; default {@link formatNumber}. */
  readonly format?: (x: number) => string;
  /** Reference values to point at. */
  readonly markers?: readonly HistogramMarker[];
}

/** The names {@link TerminalHistogramOptions} knows, for `UNKNOWN_OPTION`. */
const TERMINAL_HISTOGRAM_OPTION_NAMES = optionNames<TerminalHistogramOptions>()([
  'width',
  'format',
  'markers',
]);

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * A histogram drawn with block characters, one row per bin: its range, a bar (in eighths of a
 * character) and its share of the counted mass, and `◀ label` beside the bins that hold a marker. Takes
 * what `run.histogram(name, { bins })` or {@link histogram} return, weighted or not.
 *
 * @param h - edges and counts
 * @param options - bar width, how to write edges, markers
 * @returns the lines joined by `\n`
 * @throws {@link SalvoError} `INVALID_PARAMETER` for a malformed histogram, a width outside 1..500, or a
 *   marker that is not `{ value, label }`
 * @example
 * ```ts
 * import { histogram, terminalHistogram } from 'salvo';
 * const h = histogram([1, 2, 2, 3, 3, 3, 4], { bins: 3, range: [1, 4] });
 * console.log(terminalHistogram(h, { width: 12, markers: [{ value: 3.5, label: 'reported' }] }));
 * // 1–2  ███          14%
 * // 2–3  ██████       29%
 * // 3–4  ████████████ 57%  ◀ reported
 * ```
 */
export function terminalHistogram(h: Histogram, options: TerminalHistogramOptions = {}): string {
  const where = 'terminalHistogram';
  requireKnownOptions(where, 'options', options, TERMINAL_HISTOGRAM_OPTION_NAMES);
  if (
    typeof h !== 'object' ||
    h === null ||
    !(h.edges instanceof Float64Array) ||
    !(h.counts instanceof Float64Array) ||
    h.edges.length !== h.counts.length + 1 ||
    h.counts.length === 0
  ) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: h must be a histogram with edges one longer than counts (from run.histogram), got ${show(h)}`,
      { parameter: 'h', value: h },
    );
  }
  const barWidth = options.width ?? 40;
  if (!Number.isInteger(barWidth) || barWidth < 1 || barWidth > 500) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: width must be an integer from 1 to 500, got ${show(barWidth)}`,
      { parameter: 'width', value: barWidth },
    );
  }
  const format = options.format ?? ((x: number) => formatNumber(x));
  const markers = options.markers ?? [];
  markers.forEach((m, i) => {
    if (
      typeof m !== 'object' ||
      m === null ||
      typeof m.value !== 'number' ||
      typeof m.label !== 'string'
    ) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: markers[${i}] must be { value, label }, got ${show(m)}`,
        { parameter: `markers[${i}]`, value: m },
      );
    }
  });
  const bins = h.counts.length;
  let total = 0;
  let largest = 0;
  for (const c of h.counts) {
    total += c;
    if (c > largest) largest = c;
  }
  const labels = Array.from(
    { length: bins },
    (_, i) => `${format(h.edges[i])}–${format(h.edges[i + 1])}`,
  );
  const labelWidth = Math.max(...labels.map(width));
  const rows: string[] = [];
  for (let i = 0; i < bins; i++) {
    const eighths = largest > 0 ? Math.round((h.counts[i] / largest) * barWidth * 8) : 0;
    const bar = '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
    const share = total > 0 ? formatPercent(h.counts[i] / total) : '—';
    const here = markers
      .filter((m) => {
        const last = i === bins - 1;
        return (
          m.value >= h.edges[i] &&
          (m.value < h.edges[i + 1] || (last && m.value === h.edges[i + 1]))
        );
      })
      .map((m) => m.label);
    const label = labels[i] + ' '.repeat(labelWidth - width(labels[i]));
    const line = `${label}  ${bar}${' '.repeat(barWidth - width(bar))} ${share}`;
    rows.push(here.length > 0 ? `${line}  ◀ ${here.join(', ')}` : line);
  }
  const outside = markers.filter((m) => !(m.value >= h.edges[0] && m.value <= h.edges[bins]));
  for (const m of outside)
    rows.push(`(${m.label} at ${format(m.value)} is outside the range shown)`);
  return rows.join('\n');
}

/**
 * A sensitivity analysis as a text table: each input, the output's median with the input at its low
 * and high tornado quantile, its rank correlation and its first-order index — the tornado chart as
 * text, in the order `run.sensitivity` returned.
 *
 * @param s - from `run.sensitivity(output)`
 * @param format - writes an output value (default {@link formatNumber}; pass {@link formatUsd} for money)
 * @returns the table, as {@link textTable} writes it
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `s` lists no inputs
 * @example
 * ```ts
 * import { model, normal, sensitivityTable } from 'salvo';
 * const run = model({ seed: 1 })
 *   .input('a', normal(0, 2))
 *   .input('b', normal(0, 1))
 *   .derive('y', 'a + b')
 *   .run({ samples: 10_000 });
 * sensitivityTable(run.sensitivity('y')).split('\n')[0];
 * // => 'input  at p10  at p90  rank corr.  first-order'
 * ```
 */
export function sensitivityTable(
  s: Sensitivity,
  format: (x: number) => string = (x) => formatNumber(x),
): string {
  if (typeof s !== 'object' || s === null || !Array.isArray(s.inputs) || s.inputs.length === 0) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `sensitivityTable: s must come from run.sensitivity(output) and list at least one input, got ${show(s)}`,
      { parameter: 's', value: s },
    );
  }
  const level = (p: number) => `at p${Math.round(p * 100)}`;
  return textTable(
    s.inputs.map((d) => [
      d.input,
      format(d.tornado.outputAtLow),
      format(d.tornado.outputAtHigh),
      d.rankCorrelation.toFixed(2),
      formatPercent(d.firstOrder),
    ]),
    {
      header: [
        'input',
        level(s.tornadoLevels[0]),
        level(s.tornadoLevels[1]),
        'rank corr.',
        'first-order',
      ],
      align: ['left', 'right', 'right', 'right', 'right'],
    },
  );
}

/**
 * A delivery timeline's bands as a text table: each month's median and 90% band — the fan chart as
 * text.
 *
 * @param bands - from `timelineBands(run, timeline)`
 * @param format - writes a value (default {@link formatNumber})
 * @returns the table, as {@link textTable} writes it
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `bands` is not a non-empty list
 * @example
 * ```ts
 * import { constant, timelineTable } from 'salvo';
 * import { deliveryTimeline, timelineBands } from 'salvo/shipments';
 * const t = deliveryTimeline({
 *   start: '2024-01',
 *   months: 2,
 *   rate: { phases: [{ months: 2, containersPerMonth: constant(1_000) }] },
 * });
 * timelineTable(timelineBands(t.model.run({ samples: 1_000 }), t)).split('\n')[2];
 * // => '2024-01      1K     1K–1K'
 * ```
 */
export function timelineTable(
  bands: readonly TimelineBand[],
  format: (x: number) => string = (x) => formatNumber(x),
): string {
  requireNonEmptyList('timelineTable', 'bands', bands, 'timelineBands');
  return textTable(
    bands.map((b) => [b.month, format(b.p50), `${format(b.p5)}–${format(b.p95)}`]),
    { header: ['month', 'median', '90% band'], align: ['left', 'right', 'right'] },
  );
}

/**
 * A sweep as a table: a row per point, its assumptions, then the output's median, 90% interval (p5–p95)
 * and mean.
 *
 * @param s - from {@link sweep}
 * @param output - the node to tabulate (one of the sweep's outputs)
 * @param format - how values are written; default {@link formatNumber}
 * @returns the table
 * @throws {@link SalvoError} `INVALID_PARAMETER` for an output the sweep did not summarise
 * @example
 * ```ts
 * import { grid, model, normal, sweep, sweepTable } from 'salvo';
 * const s = sweep((p: { mu: number }) => model({ seed: 1 }).input('x', normal(p.mu, 1)).derive('y', 'x * 2'),
 *   grid({ mu: [0, 10] }), { samples: 10_000 });
 * console.log(sweepTable(s, 'y'));
 * // mu  median  90% interval    mean
 * // --  ------  ------------  ------
 * //  0  -0.017      -3.3–3.3  -0.013
 * // 10      20         17–23      20
 * ```
 */
export function sweepTable<P extends SweepPoint, Names extends string>(
  s: Sweep<P, Names>,
  output: Names,
  format: (x: number) => string = (x) => formatNumber(x),
): string {
  requireSweepOutput('sweepTable', s as Sweep<SweepPoint, string>, output);
  const axes = s.rows.length > 0 ? Object.keys(s.rows[0].point) : [];
  const rows = s.rows.map((row) => {
    const summary = row.summaries[output] as NodeSummary;
    const { p5, p50, p95 } = summary.quantiles;
    return [
      ...axes.map((axis) => row.point[axis]),
      format(p50),
      `${format(p5)}–${format(p95)}`,
      format(summary.mean),
    ];
  });
  const numeric = (axis: string) => s.rows.every((row) => typeof row.point[axis] === 'number');
  return textTable(rows, {
    header: [...axes, 'median', '90% interval', 'mean'],
    align: [...axes.map((axis) => (numeric(axis) ? 'right' : 'left')), 'right', 'right', 'right'],
  });
}
