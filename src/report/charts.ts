/**
 * Charts as Vega-Lite specifications (plain JSON objects): a histogram with marked reference values,
 * a fan chart of cumulative quantities over months with observations as points, a tornado chart, and
 * lines for comparing series. They show in any notebook or page that renders Vega-Lite, and
 * `renderSvg` in `salvo/node` turns them into SVG files (with the `vega` and `vega-lite` packages).
 * @module
 */
import { SalvoError } from '../errors.js';
import type { NodeSummary } from '../model/result.js';
import type { Sensitivity } from '../model/sensitivity.js';
import { requireSweepOutput, type Sweep, type SweepPoint } from '../model/sweep.js';
import type { Histogram } from '../samples/histogram.js';
import { optionNames, requireKnownOptions, requireNonEmptyList, show } from '../validate.js';
import { formatPercent } from './format.js';
import type { HistogramMarker } from './text.js';
import type { TimelineBand } from './timelineBand.js';

/**
 * A Vega-Lite specification (see https://vega.github.io/vega-lite/): JSON, ready for
 * `JSON.stringify`.
 *
 * @example
 * ```ts
 * import { histogram, histogramChart, type VegaLiteSpec } from 'salvo';
 * const spec: VegaLiteSpec = histogramChart(histogram([1, 2, 2, 3], { bins: 3 }));
 * spec.$schema; // => 'https://vega.github.io/schema/vega-lite/v6.json'
 * ```
 */
export type VegaLiteSpec = { readonly $schema: string } & Readonly<Record<string, unknown>>;

/**
 * Options shared by the chart builders.
 *
 * @example
 * ```ts
 * import type { ChartOptions } from 'salvo';
 * const options: ChartOptions = { title: 'Shells shipped', width: 640, height: 320 };
 * options.width; // => 640
 * ```
 */
export interface ChartOptions {
  /** The chart's title. */
  readonly title?: string;
  /** Width in pixels; default 600. */
  readonly width?: number;
  /** Height in pixels; default 300. */
  readonly height?: number;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * A d3 number format for axes. From 1,000 up: SI prefixes, with K and B as formatNumber writes them
 * (`5.0K`, `3.1M`, `4.2B`), optionally `$`; below that, plain numbers (SI would write 0.5 as `500m`).
 * Vega-Lite evaluates the label expression.
 * @internal
 */
export function siAxis(title: string, largest: number, money = false): Record<string, unknown> {
  if (!(largest >= 1_000)) return { title, format: money ? '$,.3~g' : ',.3~g' };
  return {
    title,
    format: money ? '$.2s' : '.2s',
    // d3 writes thousands as k and billions as G; the text formatters write K and B.
    labelExpr: "replace(replace(datum.label, 'G', 'B'), 'k', 'K')",
  };
}

/** The largest absolute finite value of some numbers (0 when there is none). @internal */
export function largestMagnitude(values: Iterable<number>): number {
  let largest = 0;
  for (const v of values) if (Number.isFinite(v) && Math.abs(v) > largest) largest = Math.abs(v);
  return largest;
}

/** What every chart starts with: schema, title, checked size, background, config. @internal */
export function base(options: ChartOptions): { $schema: string } & Record<string, unknown> {
  const width = options.width ?? 600;
  const height = options.height ?? 300;
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < 50 || value > 4000) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `chart: ${name} must be an integer number of pixels from 50 to 4,000, got ${show(value)}`,
        { parameter: name, value },
      );
    }
  }
  return {
    $schema: SCHEMA,
    ...(options.title !== undefined ? { title: options.title } : {}),
    width,
    height,
    background: 'white',
    config: { view: { stroke: null }, axis: { grid: true, gridOpacity: 0.4 } },
  };
}

/**
 * Options of {@link histogramChart}.
 *
 * @example
 * ```ts
 * import type { HistogramChartOptions } from 'salvo';
 * const options: HistogramChartOptions = {
 *   xTitle: 'shells',
 *   markers: [{ value: 3e6, label: "South Korea's 3M" }],
 * };
 * options.markers?.length; // => 1
 * ```
 */
export interface HistogramChartOptions extends ChartOptions {
  /** The x axis title (the quantity and its unit). */
  readonly xTitle?: string;
  /** Reference values drawn as labelled vertical rules. */
  readonly markers?: readonly HistogramMarker[];
  /** Money axis (`$4.2B`). */
  readonly money?: boolean;
}

/** The names {@link HistogramChartOptions} knows, for `UNKNOWN_OPTION`. */
const HISTOGRAM_CHART_OPTION_NAMES = optionNames<HistogramChartOptions>()([
  'title',
  'width',
  'height',
  'xTitle',
  'markers',
  'money',
]);

/**
 * A histogram as bars of each bin's share, with reference values as labelled rules — for example the
 * public figures an estimate is compared with.
 *
 * @param h - from `run.histogram(name, { bins })` or {@link histogram} (weighted or not)
 * @param options - titles, size, markers
 * @returns the Vega-Lite specification
 * @throws {@link SalvoError} `INVALID_PARAMETER` for a malformed histogram, bad size or marker
 * @example
 * ```ts
 * import { histogramChart, model, normal } from 'salvo';
 * const run = model({ seed: 1 }).input('shells', normal(2.2e6, 5e5)).run({ samples: 10_000 });
 * const spec = histogramChart(run.histogram('shells', { bins: 30 }), {
 *   title: 'Shells shipped',
 *   xTitle: 'shells',
 *   markers: [{ value: 3e6, label: "South Korea's 3M" }, { value: 1.5e6, label: "Ukraine's 1.5M" }],
 * });
 * (spec.layer as unknown[]).length; // => 3 (bars, rules, labels)
 * ```
 */
export function histogramChart(h: Histogram, options: HistogramChartOptions = {}): VegaLiteSpec {
  requireKnownOptions('histogramChart', 'options', options, HISTOGRAM_CHART_OPTION_NAMES);
  if (
    typeof h !== 'object' ||
    h === null ||
    !(h.edges instanceof Float64Array) ||
    !(h.counts instanceof Float64Array) ||
    h.edges.length !== h.counts.length + 1
  ) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `histogramChart: h must be a histogram (edges one longer than counts), got ${show(h)}`,
      { parameter: 'h', value: h },
    );
  }
  const markers = options.markers ?? [];
  markers.forEach((m, i) => {
    if (typeof m?.value !== 'number' || !Number.isFinite(m.value) || typeof m.label !== 'string') {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `histogramChart: markers[${i}] must be { value, label } with a finite value, got ${show(m)}`,
        { parameter: `markers[${i}]`, value: m },
      );
    }
  });
  // Shares of every finite sample, those outside the bins included, so that the y axis says what it
  // shows; the part beyond the drawn range is stated under the title.
  let inBins = 0;
  for (const c of h.counts) inBins += c;
  const outside = Number.isFinite(h.outside) && h.outside > 0 ? h.outside : 0;
  const total = inBins + outside;
  const bins = Array.from(h.counts, (c, i) => ({
    from: h.edges[i],
    to: h.edges[i + 1],
    share: total > 0 ? c / total : 0,
  }));
  const x = siAxis(
    options.xTitle ?? 'value',
    largestMagnitude([...h.edges, ...markers.map((m) => m.value)]),
    options.money,
  );
  const layers: Record<string, unknown>[] = [
    {
      data: { values: bins },
      mark: { type: 'rect', color: '#4c78a8', opacity: 0.85 },
      encoding: {
        x: { field: 'from', type: 'quantitative', axis: x, scale: { zero: false } },
        x2: { field: 'to' },
        y: {
          field: 'share',
          type: 'quantitative',
          axis: { title: 'share of samples', format: '.0%' },
        },
        y2: { datum: 0 },
      },
    },
  ];
  if (markers.length > 0) {
    const values = markers.map((m, i) => ({ value: m.value, label: m.label, row: i }));
    layers.push(
      {
        data: { values },
        mark: { type: 'rule', color: '#e45756', strokeWidth: 2, strokeDash: [6, 3] },
        encoding: { x: { field: 'value', type: 'quantitative' } },
      },
      {
        data: { values },
        mark: {
          type: 'text',
          align: 'left',
          dx: 4,
          dy: 4,
          baseline: 'top',
          color: '#b22222',
          fontSize: 12,
        },
        encoding: {
          x: { field: 'value', type: 'quantitative' },
          y: { value: 0 },
          yOffset: {
            field: 'row',
            type: 'quantitative',
            scale: { range: [0, 16 * markers.length] },
          },
          text: { field: 'label' },
        },
      },
    );
  }
  const title =
    outside > 0
      ? {
          title: {
            text: options.title ?? '',
            subtitle: `${formatPercent(outside / total)} of samples lie outside the range shown`,
          },
        }
      : {};
  return { ...base(options), ...title, layer: layers } as VegaLiteSpec;
}

/**
 * A point drawn on a {@link fanChart}: a dated observation.
 *
 * @example
 * ```ts
 * import type { ChartPoint } from 'salvo';
 * const shin: ChartPoint = { date: '2024-02-26', value: 6_700, label: 'Shin: about 6,700' };
 * shin.value; // => 6700
 * ```
 */
export interface ChartPoint {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly value: number;
  /** Shown beside the point. */
  readonly label?: string;
}

/**
 * A series of dated values for {@link fanChart}'s comparison lines.
 *
 * @example
 * ```ts
 * import type { ChartSeries } from 'salvo';
 * const eu: ChartSeries = { name: 'EU shells to Ukraine', points: [{ date: '2024-01-31', value: 330_000 }] };
 * eu.points.length; // => 1
 * ```
 */
export interface ChartSeries {
  readonly name: string;
  readonly points: readonly ChartPoint[];
}

/**
 * Options of {@link fanChart}.
 *
 * @example
 * ```ts
 * import type { FanChartOptions } from 'salvo';
 * const options: FanChartOptions = { yTitle: 'containers (cumulative)' };
 * options.yTitle; // => 'containers (cumulative)'
 * ```
 */
export interface FanChartOptions extends ChartOptions {
  /** The y axis title. */
  readonly yTitle?: string;
  /** Observations drawn as points (with labels). */
  readonly observations?: readonly ChartPoint[];
  /** Other series drawn as lines (for comparison). */
  readonly series?: readonly ChartSeries[];
}

/** The names {@link FanChartOptions} knows, for `UNKNOWN_OPTION`. */
const FAN_CHART_OPTION_NAMES = optionNames<FanChartOptions>()([
  'title',
  'width',
  'height',
  'yTitle',
  'observations',
  'series',
]);

/** The last day of a `YYYY-MM` month, as `YYYY-MM-DD`. */
function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/**
 * A fan chart: the 5–95% and 25–75% bands and the median of a cumulative quantity at every month's
 * end, observations as labelled points, and other series as lines.
 *
 * @param bands - from {@link salvo/shipments!timelineBands | timelineBands}
 * @param options - titles, size, observations, comparison series
 * @returns the Vega-Lite specification
 * @throws {@link SalvoError} `INVALID_PARAMETER` when there are no bands or a size is out of range
 * @example
 * ```ts
 * import { constant, fanChart } from 'salvo';
 * import { deliveryTimeline, timelineBands } from 'salvo/shipments';
 * const t = deliveryTimeline({ start: '2023-09', months: 3, rate: { phases: [{ months: 3, containersPerMonth: constant(1_000) }] } });
 * const spec = fanChart(timelineBands(t.model.run({ samples: 100 }), t), {
 *   yTitle: 'containers',
 *   observations: [{ date: '2023-11-02', value: 2_000, label: 'about 2,000' }],
 * });
 * (spec.layer as unknown[]).length; // => 5 (two bands, median, points, labels)
 * ```
 */
export function fanChart(
  bands: readonly TimelineBand[],
  options: FanChartOptions = {},
): VegaLiteSpec {
  requireNonEmptyList('fanChart', 'bands', bands, 'timelineBands');
  requireKnownOptions('fanChart', 'options', options, FAN_CHART_OPTION_NAMES);
  const values = bands.map((b) => ({ ...b, date: monthEnd(b.month) }));
  const x = { field: 'date', type: 'temporal', axis: { title: null, format: '%b %Y' } };
  const y = siAxis(
    options.yTitle ?? 'cumulative',
    largestMagnitude(bands.flatMap((b) => [b.p5, b.p95])),
  );
  const layers: Record<string, unknown>[] = [
    {
      data: { values },
      mark: { type: 'area', color: '#4c78a8', opacity: 0.2 },
      encoding: { x, y: { field: 'p5', type: 'quantitative', axis: y }, y2: { field: 'p95' } },
    },
    {
      data: { values },
      mark: { type: 'area', color: '#4c78a8', opacity: 0.35 },
      encoding: { x, y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' } },
    },
    {
      data: { values },
      mark: { type: 'line', color: '#1f3b73', strokeWidth: 2 },
      encoding: { x, y: { field: 'p50', type: 'quantitative' } },
    },
  ];
  const series = options.series ?? [];
  if (series.length > 0) {
    const lines = series.flatMap((s) =>
      s.points.map((p) => ({ series: s.name, date: p.date, value: p.value })),
    );
    layers.push({
      data: { values: lines },
      mark: { type: 'line', point: true, strokeDash: [4, 2] },
      encoding: {
        x: { field: 'date', type: 'temporal' },
        y: { field: 'value', type: 'quantitative' },
        color: {
          field: 'series',
          type: 'nominal',
          // Warm colours, apart from the fan's blues.
          scale: { range: ['#f58518', '#54a24b', '#e45756', '#b279a2'] },
          legend: { title: null, orient: 'top-left', labelLimit: 400 },
        },
      },
    });
  }
  const observations = options.observations ?? [];
  if (observations.length > 0) {
    const points = observations.map((o) => ({
      date: o.date,
      value: o.value,
      label: o.label ?? '',
    }));
    layers.push(
      {
        data: { values: points },
        mark: { type: 'point', filled: true, color: '#e45756', size: 70 },
        encoding: {
          x: { field: 'date', type: 'temporal' },
          y: { field: 'value', type: 'quantitative' },
        },
      },
      {
        data: { values: points },
        mark: { type: 'text', align: 'right', dx: -8, dy: -8, color: '#b22222', fontSize: 11 },
        encoding: {
          x: { field: 'date', type: 'temporal' },
          y: { field: 'value', type: 'quantitative' },
          text: { field: 'label' },
        },
      },
    );
  }
  return { ...base(options), layer: layers } as VegaLiteSpec;
}

/**
 * Options of {@link tornadoChart}.
 *
 * @example
 * ```ts
 * import type { TornadoChartOptions } from 'salvo';
 * const options: TornadoChartOptions = { xTitle: 'shells (median)' };
 * options.xTitle; // => 'shells (median)'
 * ```
 */
export interface TornadoChartOptions extends ChartOptions {
  /** The x axis title: the output and its unit. */
  readonly xTitle?: string;
  /** Money axis. */
  readonly money?: boolean;
}

/** The names {@link TornadoChartOptions} knows, for `UNKNOWN_OPTION`. */
const TORNADO_CHART_OPTION_NAMES = optionNames<TornadoChartOptions>()([
  'title',
  'width',
  'height',
  'xTitle',
  'money',
]);

/**
 * A tornado chart from {@link ModelRun.sensitivity}: for each input, a bar from the output's overall
 * median to its median with the input held at its low quantile, and one to its median with the input at
 * its high quantile (two colours), largest swing on top, around a rule at the overall median.
 *
 * @param sensitivity - from `run.sensitivity(output)`
 * @param options - titles and size
 * @returns the Vega-Lite specification
 * @throws {@link SalvoError} `INVALID_PARAMETER` when there is no input or a size is out of range
 * @example
 * ```ts
 * import { model, normal, tornadoChart } from 'salvo';
 * const run = model({ seed: 1 })
 *   .input('a', normal(0, 2))
 *   .input('b', normal(0, 1))
 *   .derive('y', 'a + b')
 *   .run({ samples: 10_000 });
 * const spec = tornadoChart(run.sensitivity('y'), { xTitle: 'y' });
 * ((spec.layer as { data: { values: unknown[] } }[])[0].data.values).length; // => 4 (two bars per input)
 * ```
 */
export function tornadoChart(
  sensitivity: Sensitivity,
  options: TornadoChartOptions = {},
): VegaLiteSpec {
  requireKnownOptions('tornadoChart', 'options', options, TORNADO_CHART_OPTION_NAMES);
  if (
    typeof sensitivity !== 'object' ||
    sensitivity === null ||
    !Array.isArray(sensitivity.inputs) ||
    sensitivity.inputs.length === 0
  ) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `tornadoChart: sensitivity must come from run.sensitivity(output) and name at least one input, got ${show(sensitivity)}`,
      { parameter: 'sensitivity', value: sensitivity },
    );
  }
  const [low, high] = sensitivity.tornadoLevels;
  const pct = (p: number) => `p${Math.round(p * 100)}`;
  const median = sensitivity.baselineMedian;
  // Two bars per input, from the overall median to the output at the input's low and high quantile.
  const rows = [...sensitivity.inputs]
    .sort((a, b) => b.tornado.swing - a.tornado.swing)
    .flatMap((input, order) => [
      {
        input: input.input,
        order,
        end: input.tornado.outputAtLow,
        held: `input at its ${pct(low)}`,
      },
      {
        input: input.input,
        order,
        end: input.tornado.outputAtHigh,
        held: `input at its ${pct(high)}`,
      },
    ])
    .map((row) => ({ ...row, median }));
  const y = {
    field: 'input',
    type: 'nominal',
    sort: { field: 'order' },
    axis: { title: null, labelLimit: 300 },
  };
  const x = siAxis(
    options.xTitle ?? `${sensitivity.output} (median)`,
    largestMagnitude(rows.flatMap((row) => [row.end, row.median])),
    options.money,
  );
  return {
    ...base({ height: Math.max(120, 40 * sensitivity.inputs.length), ...options }),
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar', height: 22 },
        encoding: {
          y,
          x: { field: 'median', type: 'quantitative', axis: x, scale: { zero: false } },
          x2: { field: 'end' },
          color: {
            field: 'held',
            type: 'nominal',
            scale: { range: ['#4c78a8', '#f58518'] },
            legend: { title: null, orient: 'bottom', labelLimit: 400 },
          },
        },
      },
      {
        data: { values: [{ median }] },
        mark: { type: 'rule', color: 'black', strokeDash: [4, 3] },
        encoding: { x: { field: 'median', type: 'quantitative' } },
      },
    ],
  } as VegaLiteSpec;
}

/**
 * Options of {@link sweepChart}.
 *
 * @example
 * ```ts
 * import type { SweepChartOptions } from 'salvo';
 * const options: SweepChartOptions = { x: 'roundsPerContainer', series: 'scenario' };
 * options.x; // => 'roundsPerContainer'
 * ```
 */
export interface SweepChartOptions extends ChartOptions {
  /** The point's number along the x axis (an axis of the sweep). */
  readonly x: string;
  /** A point's label or number that tells lines apart (another axis), if the sweep has one. */
  readonly series?: string;
  /** The x axis title; default the `x` name. */
  readonly xTitle?: string;
  /** The y axis title; default the output's name. */
  readonly yTitle?: string;
  /** Money axis. */
  readonly money?: boolean;
}

const SWEEP_CHART_OPTION_NAMES = optionNames<SweepChartOptions>()([
  'title',
  'width',
  'height',
  'x',
  'series',
  'xTitle',
  'yTitle',
  'money',
]);

/**
 * A summary across a sweep: the output's median as a line against one axis of the points, with its
 * 5–95% band (and 25–75%, when the summaries have those levels — the defaults do), a line per value of
 * another axis when `series` names one.
 *
 * @param s - from {@link sweep}
 * @param output - the node to draw (one of the sweep's outputs)
 * @param options - the x axis (and the series axis), titles and size
 * @returns the Vega-Lite specification
 * @throws {@link SalvoError} `INVALID_PARAMETER` for an output the sweep did not summarise, an `x`
 *   that is not a number at every point, or a size out of range
 * @example
 * ```ts
 * import { grid, model, normal, sweep, sweepChart } from 'salvo';
 * const s = sweep((p: { mu: number; sd: number }) =>
 *     model({ seed: 1 }).input('x', normal(p.mu, p.sd)).derive('y', 'x * 2'),
 *   grid({ mu: [0, 1, 2], sd: [1, 2] }), { samples: 10_000 });
 * const spec = sweepChart(s, 'y', { x: 'mu', series: 'sd' });
 * (spec.layer as unknown[]).length; // => 3 (5–95% band, 25–75% band, medians)
 * ```
 */
export function sweepChart<P extends SweepPoint, Names extends string>(
  s: Sweep<P, Names>,
  output: Names,
  options: SweepChartOptions,
): VegaLiteSpec {
  const where = 'sweepChart';
  requireKnownOptions(where, 'options', options, SWEEP_CHART_OPTION_NAMES);
  requireSweepOutput(where, s as Sweep<SweepPoint, string>, output);
  const values = s.rows.map((row) => {
    const x = row.point[options.x];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: x must name a number of every point; a point has ${show(options.x)} = ${show(x)}`,
        { parameter: 'x', value: options.x },
      );
    }
    const q = (row.summaries[output] as NodeSummary).quantiles;
    return {
      x,
      series: options.series === undefined ? output : String(row.point[options.series]),
      p5: q.p5,
      p25: q.p25,
      p50: q.p50,
      p75: q.p75,
      p95: q.p95,
    };
  });
  const xAxis = { field: 'x', type: 'quantitative', axis: { title: options.xTitle ?? options.x } };
  const y = siAxis(
    options.yTitle ?? output,
    largestMagnitude(values.flatMap((v) => [v.p5, v.p95])),
    options.money,
  );
  const color =
    options.series === undefined
      ? { value: '#4c78a8' }
      : { field: 'series', type: 'nominal', legend: { title: options.series, orient: 'top-left' } };
  const data = { values };
  return {
    ...base(options),
    layer: [
      {
        data,
        mark: { type: 'area', opacity: 0.15 },
        encoding: {
          x: xAxis,
          y: { field: 'p5', type: 'quantitative', axis: y },
          y2: { field: 'p95' },
          color,
        },
      },
      {
        data,
        mark: { type: 'area', opacity: 0.3 },
        encoding: {
          x: xAxis,
          y: { field: 'p25', type: 'quantitative' },
          y2: { field: 'p75' },
          color,
        },
      },
      {
        data,
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: { x: xAxis, y: { field: 'p50', type: 'quantitative' }, color },
      },
    ],
  } as VegaLiteSpec;
}
