/**
 * Draws the small pictures of docs/guides/choosing-a-distribution.md: each family is sampled with
 * salvo, binned with salvo's `histogram`, drawn with salvo's `histogramChart` and rendered to SVG with
 * `renderSvg` from salvo/node (which needs the vega and vega-lite packages, devDependencies here).
 *
 *   npx tsx docs/guides/figures/distributions.ts
 *
 * writes docs/guides/media/distributions/<file>.svg, one per entry of `figures` below. The charts are
 * the library's own, made smaller (260 × 120 pixels, no gridlines, no y axis, a few x ticks) so that a
 * page of two dozen stays light. Every picture has its own seed, so running the script again rewrites
 * identical files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  bernoulli,
  beta,
  binomial,
  categorical,
  ci,
  constant,
  createRng,
  type Distribution,
  empirical,
  exponential,
  gamma,
  type HistogramMarker,
  histogram,
  histogramChart,
  lognormal,
  logUniform,
  metalog,
  mixture,
  negativeBinomial,
  normal,
  pert,
  poisson,
  studentT,
  triangular,
  truncated,
  uniform,
  type VegaLiteSpec,
} from '../../../src/index.js';
import { renderSvg } from '../../../src/node/index.js';

const OUT = fileURLToPath(new URL('../media/distributions/', import.meta.url));
const SAMPLES = 200_000;
const SEED = 'docs/guides/figures';
const WIDTH = 260;
const HEIGHT = 120;

/** One picture: the file name, the call it shows (its title) and the distribution. */
interface Figure {
  readonly file: string;
  readonly title: string;
  readonly dist: Distribution;
  /** The x range drawn; default the 0.1% and 99.5% quantiles (so heavy tails are cut). */
  readonly range?: readonly [number, number];
  /** Bins of a continuous family (default 40), for when the support's ends should be bin edges. */
  readonly bins?: number;
  /** A discrete family: one bar per value, this wide on each side (default 0.3). */
  readonly barHalfWidth?: number;
  /** Bin and draw on a log scale. */
  readonly logX?: boolean;
  /** Reference values drawn as labelled rules. */
  readonly markers?: readonly HistogramMarker[];
}

const figures: readonly Figure[] = [
  { file: 'normal', title: 'normal(170, 10)', dist: normal(170, 10) },
  {
    file: 'normal-ci',
    title: 'normal.ci(-20, 100)',
    dist: normal.ci(-20, 100),
    markers: [
      { value: -20, label: '5%' },
      { value: 100, label: '95%' },
    ],
  },
  {
    file: 'lognormal',
    title: 'lognormal(Math.log(1000), 0.5)',
    dist: lognormal(Math.log(1000), 0.5),
  },
  {
    file: 'lognormal-ci',
    title: 'lognormal.ci(380, 600)',
    dist: lognormal.ci(380, 600),
    markers: [
      { value: 380, label: '5%' },
      { value: 600, label: '95%' },
    ],
  },
  {
    file: 'ci',
    title: 'ci(300, 2500)',
    dist: ci(300, 2_500),
    markers: [
      { value: 300, label: '5%' },
      { value: 2_500, label: '95%' },
    ],
  },
  {
    file: 'uniform',
    title: 'uniform(0.5, 0.9)',
    dist: uniform(0.5, 0.9),
    range: [0.4, 1],
    bins: 30,
  },
  {
    file: 'logUniform',
    title: 'logUniform(0.001, 1), log axis',
    dist: logUniform(0.001, 1),
    range: [0.001, 1],
    logX: true,
  },
  {
    file: 'triangular',
    title: 'triangular(5500, 6700, 8000)',
    dist: triangular(5_500, 6_700, 8_000),
    range: [5_500, 8_000],
  },
  {
    file: 'pert',
    title: 'pert(5500, 6700, 8000)',
    dist: pert(5_500, 6_700, 8_000),
    range: [5_500, 8_000],
  },
  { file: 'beta', title: 'beta(7, 3)', dist: beta(7, 3), range: [0, 1] },
  { file: 'gamma', title: 'gamma(2, 3)', dist: gamma(2, 3), range: [0, 20] },
  { file: 'exponential', title: 'exponential(0.25)', dist: exponential(0.25), range: [0, 20] },
  {
    file: 'studentT',
    title: 'studentT(3, { location: 10, scale: 2 })',
    dist: studentT(3, { location: 10, scale: 2 }),
    range: [-5, 25],
  },
  { file: 'constant', title: 'constant(6700)', dist: constant(6_700), range: [6_697, 6_703] },
  { file: 'poisson', title: 'poisson(4.5)', dist: poisson(4.5), range: [-0.7, 14.7] },
  { file: 'binomial', title: 'binomial(40, 0.15)', dist: binomial(40, 0.15), range: [-0.7, 16.7] },
  {
    file: 'negativeBinomial',
    title: 'negativeBinomial(3.5, 0.2)',
    dist: negativeBinomial(3.5, 0.2),
    range: [-0.7, 45.7],
  },
  { file: 'bernoulli', title: 'bernoulli(0.3)', dist: bernoulli(0.3), range: [-0.7, 1.7] },
  {
    file: 'categorical',
    title: 'categorical([20, 40, 60], [1, 2, 1])',
    dist: categorical([20, 40, 60], [1, 2, 1]),
    range: [10, 70],
    barHalfWidth: 1.2,
  },
  {
    file: 'empirical',
    title: 'empirical([320, 410, 410, 550, 600])',
    dist: empirical([320, 410, 410, 550, 600]),
    range: [290, 630],
    barHalfWidth: 6,
  },
  {
    file: 'mixture',
    title: 'mixture([normal(10, 2), normal(25, 5)], [0.8, 0.2])',
    dist: mixture([normal(10, 2), normal(25, 5)], [0.8, 0.2]),
    range: [0, 40],
  },
  {
    // 40 bins of 0.35 from -1.75 put an edge at 0.
    file: 'truncated',
    title: 'truncated(normal(2, 3), { min: 0 })',
    dist: truncated(normal(2, 3), { min: 0 }),
    range: [-1.75, 12.25],
  },
  {
    file: 'metalog',
    title: 'metalog.fromQuantiles(…, { lower: 0 })',
    dist: metalog.fromQuantiles(
      [
        [0.1, 5_500],
        [0.5, 6_700],
        [0.9, 7_800],
      ],
      { lower: 0 },
    ),
    markers: [
      { value: 5_500, label: '10%' },
      { value: 6_700, label: '50%' },
      { value: 7_800, label: '90%' },
    ],
  },
];

/**
 * Bin edges. Continuous: 40 equal bins (of log x for `logX`). Discrete: a narrow bin around each value
 * the samples take inside the range, with empty bins between them, so that bars stand apart.
 */
function edgesOf(figure: Figure, values: Float64Array, lo: number, hi: number): Float64Array {
  const bins = figure.bins ?? 40;
  if (figure.dist.kind === 'discrete') {
    const half = figure.barHalfWidth ?? 0.3;
    const support = [...new Set(values)].filter((v) => v >= lo && v <= hi).sort((a, b) => a - b);
    return Float64Array.from(support.flatMap((v) => [v - half, v + half]));
  }
  if (figure.logX) {
    const a = Math.log(lo);
    const b = Math.log(hi);
    return Float64Array.from({ length: bins + 1 }, (_, i) => Math.exp(a + ((b - a) * i) / bins));
  }
  return Float64Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins);
}

/**
 * histogramChart's specification, made small: no gridlines and no y axis (every picture has its own
 * vertical scale), a few x ticks with plain numbers (6,700 rather than 6.7k), small type.
 */
function compact(spec: VegaLiteSpec, figure: Figure, lo: number, hi: number): VegaLiteSpec {
  const layers = (spec.layer as Record<string, Record<string, unknown>>[]).map((layer, i) =>
    // Layer 2 is the markers' labels: smaller text than a full-size chart's.
    i === 2 ? { ...layer, mark: { ...layer.mark, fontSize: 9, dy: 2 } } : layer,
  );
  const encoding = layers[0].encoding as Record<string, Record<string, unknown>>;
  const integers = figure.dist.kind === 'discrete' && figure.barHalfWidth === undefined;
  layers[0] = {
    ...layers[0],
    encoding: {
      ...encoding,
      x: {
        ...encoding.x,
        scale: figure.logX
          ? { type: 'log', nice: false, domain: [lo, hi] }
          : { zero: false, nice: false, domain: [lo, hi] },
        axis: {
          title: null,
          format: ',~r',
          tickCount: 5,
          labelFlush: true,
          ...(integers ? { tickMinStep: 1 } : {}),
          ...(figure.logX ? { values: [0.001, 0.01, 0.1, 1] } : {}),
        },
      },
      y: { ...encoding.y, axis: null },
    },
  };
  return {
    ...spec,
    // The title alone: the tails beyond each picture's range are cut on purpose, so histogramChart's
    // note on the share outside the range would only crowd a small picture.
    title: figure.title,
    padding: 4,
    config: {
      aria: false,
      view: { stroke: null },
      axis: { grid: false, labelFontSize: 9, tickSize: 3, domainColor: '#888', tickColor: '#888' },
      title: { fontSize: 10, fontWeight: 'normal', font: 'monospace' },
    },
    layer: layers,
  } as VegaLiteSpec;
}

/**
 * The file as committed: coordinates in path data and transforms rounded to 0.1 pixel (a third of the
 * size, no visible change); vega's ARIA roles and labels dropped, since the picture's text
 * alternative is a `<title>` (and Biome's accessibility rules, which lint SVG files, ask for one).
 */
function tidy(svg: string, title: string): string {
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return svg
    .replace(/ (d|transform)="([^"]*)"/g, (_, name: string, value: string) => {
      const rounded = value.replace(/-?\d+\.\d+(e-?\d+)?/g, (n) =>
        String(Math.round(Number(n) * 10) / 10),
      );
      return ` ${name}="${rounded}"`;
    })
    .replace(/ (role|aria-[a-z]+)="[^"]*"/g, '')
    .replace(/^(<svg[^>]*>)/, `$1<title>${escaped}</title>`);
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  for (const figure of figures) {
    const values = figure.dist.sample(SAMPLES, createRng(`${SEED}/${figure.file}`));
    const lo = figure.range?.[0] ?? figure.dist.quantile(0.001);
    const hi = figure.range?.[1] ?? figure.dist.quantile(0.995);
    const h = histogram(values, { edges: edgesOf(figure, values, lo, hi) });
    const spec = histogramChart(h, {
      title: figure.title,
      width: WIDTH,
      height: HEIGHT,
      ...(figure.markers !== undefined ? { markers: figure.markers } : {}),
    });
    const svg = tidy(await renderSvg(compact(spec, figure, lo, hi)), figure.title);
    await writeFile(`${OUT}${figure.file}.svg`, svg);
    const bytes = Buffer.byteLength(svg);
    console.log(`${figure.file.padEnd(18)} ${String(bytes).padStart(6)} bytes`);
  }
}

await main();
