/**
 * Backtests for people: a text table of how each method scored (coverage of its 50% and 90%
 * intervals, mean interval score, CRPS and log score), and a Vega-Lite chart of every forecast's
 * bands against what was observed.
 * @module
 */
import type { BacktestResult } from '../analysis/scores/backtest.js';
import { SalvoError } from '../errors.js';
import { optionNames, requireKnownOptions, show } from '../validate.js';
import { base, type ChartOptions, largestMagnitude, siAxis, type VegaLiteSpec } from './charts.js';
import { formatNumber, formatPercent } from './format.js';
import { textTable } from './text.js';

/**
 * What {@link backtestTable} and {@link backtestChart} take: one {@link backtest}'s result, or
 * several methods' results by name (evaluated on the same observations and cut-offs, to be compared).
 *
 * @example
 * ```ts
 * import { backtest, type BacktestResults } from 'salvo';
 * const observations = [{ date: '2024-01-31', value: 100 }, { date: '2024-02-29', value: 103 }];
 * const results: BacktestResults = {
 *   narrow: backtest({ observations, cutoffs: ['2024-01-31'], forecast: (k, later) => later.map(() => [99, 100, 101]) }),
 *   wide: backtest({ observations, cutoffs: ['2024-01-31'], forecast: (k, later) => later.map(() => [90, 100, 110]) }),
 * };
 * Object.keys(results); // => ['narrow', 'wide']
 * ```
 */
export type BacktestResults = BacktestResult | Readonly<Record<string, BacktestResult>>;

/**
 * Options of {@link backtestTable}.
 *
 * @example
 * ```ts
 * import { formatNumber, type BacktestTableOptions } from 'salvo';
 * const options: BacktestTableOptions = { byOrigin: true, format: (x) => formatNumber(x, { digits: 3 }) };
 * options.byOrigin; // => true
 * ```
 */
export interface BacktestTableOptions {
  /** A row per origin (cut-off) before each method's total row; default false. */
  readonly byOrigin?: boolean;
  /** Writes a mean score; default {@link formatNumber} (two significant digits). */
  readonly format?: (x: number) => string;
}

/** The names {@link BacktestTableOptions} knows, for `UNKNOWN_OPTION`. */
const BACKTEST_TABLE_OPTION_NAMES = optionNames<BacktestTableOptions>()(['byOrigin', 'format']);

/** Whether `value` looks like a {@link BacktestResult}: origins and totals. */
function isResult(value: unknown): value is BacktestResult {
  if (typeof value !== 'object' || value === null) return false;
  const { origins, totals } = value as Record<string, unknown>;
  return (
    Array.isArray(origins) &&
    typeof totals === 'object' &&
    totals !== null &&
    typeof (totals as Record<string, unknown>).count === 'number'
  );
}

/** The results as `[method, result]` pairs; `undefined` as the method of a lone result. */
/**
 * The methods of {@link BacktestResults} as [name, result] pairs (one unnamed pair for a lone result),
 * checked. @internal
 */
export function methodsOf(where: string, results: unknown): [string | undefined, BacktestResult][] {
  if (isResult(results)) return [[undefined, results]];
  const entries =
    typeof results === 'object' && results !== null && !Array.isArray(results)
      ? Object.entries(results)
      : [];
  if (entries.length === 0) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: results must be a backtest result or a non-empty record of them by method, got ${show(results)}`,
      { parameter: 'results', value: results },
    );
  }
  for (const [name, result] of entries) {
    if (!isResult(result)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: results[${JSON.stringify(name)}] must be a backtest result { origins, totals }, got ${show(result)}`,
        { parameter: `results[${JSON.stringify(name)}]`, value: result },
      );
    }
  }
  return entries as [string, BacktestResult][];
}

/**
 * Backtest results as a text table: a row per method (and with `byOrigin`, per cut-off before it)
 * with the number of forecasts scored, the shares of observations inside their 50% and 90%
 * intervals (near 50% and 90% for a well-calibrated method), and the mean 90% interval score, CRPS
 * and log score (lower is better).
 *
 * @param results - one {@link backtest} result, or several by method name
 * @param options - `byOrigin` for a row per cut-off, `format` for the scores
 * @returns the table, as {@link textTable} writes it
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `results` is neither a backtest result nor a
 *   non-empty record of them; `UNKNOWN_OPTION`
 * @example
 * ```ts
 * import { backtest, backtestTable } from 'salvo';
 * const observations = [
 *   { date: '2024-01-31', value: 100 },
 *   { date: '2024-02-29', value: 103 },
 *   { date: '2024-03-31', value: 104 },
 * ];
 * const method = (spread: number) =>
 *   backtest({
 *     observations,
 *     cutoffs: ['2024-01-31', '2024-02-29'],
 *     forecast: (known, later) => {
 *       const last = known[known.length - 1].value;
 *       return later.map(() => [last - spread, last - spread / 2, last, last + spread / 2, last + spread]);
 *     },
 *   });
 * console.log(backtestTable({ narrow: method(2), wide: method(8) }));
 * // method  scored  in 50%  in 90%  interval score 90%  CRPS  log score
 * // ------  ------  ------  ------  ------------------  ----  ---------
 * // narrow       3     33%     33%                  26     2          3
 * // wide         3    100%    100%                  14   2.1          3
 * ```
 */
export function backtestTable(
  results: BacktestResults,
  options: BacktestTableOptions = {},
): string {
  const where = 'backtestTable';
  requireKnownOptions(where, 'options', options, BACKTEST_TABLE_OPTION_NAMES);
  const methods = methodsOf(where, results);
  const format = options.format ?? ((x: number) => formatNumber(x));
  const byOrigin = options.byOrigin === true;
  const named = methods[0][0] !== undefined;
  const rows: string[][] = [];
  for (const [method, result] of methods) {
    const lines = byOrigin
      ? [
          ...result.origins.map((o) => ({ cutoff: o.cutoff, totals: o.totals })),
          { cutoff: 'all', totals: result.totals },
        ]
      : [{ cutoff: '', totals: result.totals }];
    for (const { cutoff, totals } of lines) {
      rows.push([
        ...(named ? [method as string] : []),
        ...(byOrigin ? [cutoff] : []),
        totals.count.toLocaleString('en-US'),
        formatPercent(totals.coverage50),
        formatPercent(totals.coverage90),
        format(totals.meanIntervalScore90),
        format(totals.meanCrps),
        format(totals.meanLogScore),
      ]);
    }
  }
  const labels = [...(named ? ['method'] : []), ...(byOrigin ? ['cut-off'] : [])];
  return textTable(rows, {
    header: [...labels, 'scored', 'in 50%', 'in 90%', 'interval score 90%', 'CRPS', 'log score'],
    align: [...labels.map(() => 'left' as const), ...Array(6).fill('right')],
  });
}

/**
 * Options of {@link backtestChart}.
 *
 * @example
 * ```ts
 * import type { BacktestChartOptions } from 'salvo';
 * const options: BacktestChartOptions = { title: 'Monthly deliveries, backtested', yTitle: 'containers' };
 * options.yTitle; // => 'containers'
 * ```
 */
export interface BacktestChartOptions extends ChartOptions {
  /** The y axis title (the quantity and its unit); default `value`. */
  readonly yTitle?: string;
}

/** The names {@link BacktestChartOptions} knows, for `UNKNOWN_OPTION`. */
const BACKTEST_CHART_OPTION_NAMES = optionNames<BacktestChartOptions>()([
  'title',
  'width',
  'height',
  'yTitle',
]);

const DAY_MS = 86_400_000;

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}

/**
 * Backtest results as a chart: at each later observation's date, every forecast of it drawn as a
 * vertical bar for its 90% interval (p5–p95, thin) and its 50% interval (p25–p75, thick) with its
 * median as a tick, and the observed value as a black point. Forecasts of the same date sit side by
 * side, coloured by method; within a method, earlier cut-offs to the left. The cut-offs are dashed
 * grey rules. A tooltip gives each forecast's method, cut-off and quantiles.
 *
 * @param results - one {@link backtest} result, or several by method name
 * @param options - title, y axis title and size
 * @returns the Vega-Lite specification
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `results` is neither a backtest result nor a
 *   non-empty record of them, or a size is out of range; `UNKNOWN_OPTION`
 * @example
 * ```ts
 * import { backtest, backtestChart } from 'salvo';
 * const result = backtest({
 *   observations: [
 *     { date: '2024-01-31', value: 100 },
 *     { date: '2024-02-29', value: 103 },
 *     { date: '2024-03-31', value: 104 },
 *   ],
 *   cutoffs: ['2024-01-31', '2024-02-29'],
 *   forecast: (known, later) => later.map(() => [95, 100, 105, 110]),
 * });
 * const spec = backtestChart(result, { title: 'Backtest', yTitle: 'containers' });
 * (spec.layer as unknown[]).length; // => 5 (cut-offs, 90% bars, 50% bars, medians, observations)
 * ```
 */
export function backtestChart(
  results: BacktestResults,
  options: BacktestChartOptions = {},
): VegaLiteSpec {
  const where = 'backtestChart';
  requireKnownOptions(where, 'options', options, BACKTEST_CHART_OPTION_NAMES);
  const methods = methodsOf(where, results);
  const spec = base(options);
  const width = spec.width as number;

  // One slot per (method, cut-off), the same at every date, spread over 30% of the shortest gap
  // between dates so that neighbouring dates' forecasts never overlap and each stays near its date.
  const slots: { method: string; cutoff: string }[] = [];
  for (const [method, result] of methods) {
    for (const o of result.origins) slots.push({ method: method ?? 'forecast', cutoff: o.cutoff });
  }
  const dates = new Set<string>();
  const cutoffs = new Set<string>();
  for (const [, result] of methods) {
    for (const o of result.origins) {
      cutoffs.add(o.cutoff);
      for (const s of o.scores) dates.add(s.observation.date);
    }
  }
  const times = [...dates].map((d) => Date.parse(d)).sort((a, b) => a - b);
  let gap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < times.length; i++) gap = Math.min(gap, times[i] - times[i - 1]);
  if (!Number.isFinite(gap)) gap = DAY_MS;
  const spread = 0.3 * gap;
  let first = times.length > 0 ? times[0] : Number.POSITIVE_INFINITY;
  for (const c of cutoffs) first = Math.min(first, Date.parse(c));
  if (!Number.isFinite(first)) first = 0;
  const last = times.length > 0 ? times[times.length - 1] : first;
  const slotPixels = (spread / Math.max(1, slots.length)) * (width / (last - first + gap));
  const thick = clamp(0.7 * slotPixels, 1.5, 10);
  const thin = clamp(0.3 * slotPixels, 1, 4);
  const tick = clamp(1.2 * slotPixels, 4, 16);

  const forecasts = methods.flatMap(([method, result]) =>
    result.origins.flatMap((o) => {
      const k = slots.findIndex(
        (s) => s.method === (method ?? 'forecast') && s.cutoff === o.cutoff,
      );
      const offset = ((k + 0.5) / slots.length - 0.5) * spread;
      return o.scores.map((s) => ({
        method: method ?? 'forecast',
        cutoff: o.cutoff,
        date: s.observation.date,
        at: Date.parse(s.observation.date) + offset,
        p5: s.p5,
        p25: s.p25,
        p50: s.p50,
        p75: s.p75,
        p95: s.p95,
      }));
    }),
  );
  const seen = new Set<string>();
  const observed: { date: string; value: number; label: string }[] = [];
  for (const [, result] of methods) {
    for (const o of result.origins) {
      for (const s of o.scores) {
        const key = `${s.observation.date} ${s.value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        observed.push({
          date: s.observation.date,
          value: s.value,
          label: s.observation.label ?? '',
        });
      }
    }
  }

  const x = { field: 'at', type: 'temporal', axis: { title: null } };
  const y = siAxis(
    options.yTitle ?? 'value',
    largestMagnitude([...forecasts.flatMap((f) => [f.p5, f.p95]), ...observed.map((o) => o.value)]),
  );
  const color =
    methods[0][0] === undefined
      ? { value: '#4c78a8' }
      : {
          field: 'method',
          type: 'nominal',
          scale: { range: ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2'] },
          legend: { title: null, orient: 'top-left', labelLimit: 400 },
        };
  const tooltip = [
    { field: 'method', type: 'nominal' },
    { field: 'cutoff', type: 'nominal', title: 'cut-off' },
    { field: 'date', type: 'nominal' },
    ...['p5', 'p25', 'p50', 'p75', 'p95'].map((field) => ({
      field,
      type: 'quantitative',
      format: ',.4~g',
    })),
  ];
  const data = { values: forecasts };
  const layers: Record<string, unknown>[] = [
    {
      data: { values: [...cutoffs].sort().map((cutoff) => ({ at: cutoff })) },
      mark: { type: 'rule', color: '#999999', strokeDash: [4, 4] },
      // Padding, so that a cut-off at the first date is not hidden by the axis.
      encoding: { x: { ...x, scale: { padding: 16 } } },
    },
    {
      data,
      mark: { type: 'rule', opacity: 0.5, strokeWidth: thin },
      encoding: {
        x,
        y: { field: 'p5', type: 'quantitative', axis: y, scale: { zero: false } },
        y2: { field: 'p95' },
        color,
        tooltip,
      },
    },
    {
      data,
      mark: { type: 'rule', opacity: 0.85, strokeWidth: thick },
      encoding: {
        x,
        y: { field: 'p25', type: 'quantitative' },
        y2: { field: 'p75' },
        color,
        tooltip,
      },
    },
    {
      data,
      mark: { type: 'tick', orient: 'horizontal', color: '#1f3b73', thickness: 2, size: tick },
      encoding: { x, y: { field: 'p50', type: 'quantitative' }, tooltip },
    },
    {
      data: { values: observed.map((o) => ({ ...o, at: o.date })) },
      mark: {
        type: 'point',
        filled: true,
        color: 'black',
        stroke: 'white',
        strokeWidth: 1,
        size: 50,
      },
      encoding: {
        x,
        y: { field: 'value', type: 'quantitative' },
        tooltip: [
          { field: 'date', type: 'nominal' },
          { field: 'value', type: 'quantitative', title: 'observed', format: ',.4~g' },
          { field: 'label', type: 'nominal' },
        ],
      },
    },
  ];
  return { ...spec, layer: layers } as VegaLiteSpec;
}
