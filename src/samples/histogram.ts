/**
 * Histograms of a sample vector with numpy's `np.histogram` conventions: the bin edges (equal-width as
 * numpy spaces them, or explicit), and the counts (or summed weights) of the finite values in each bin.
 * @module
 */
import { SalvoError } from '../errors.js';
import { optionNames, requireKnownOptions, requireObject, show } from '../validate.js';
import { finiteRange } from './extremes.js';
import { emptyError, type SampleValues, toFloat64 } from './values.js';

/**
 * Options of {@link histogram}: a bin count (with an optional range) or explicit edges.
 *
 * @example
 * ```ts
 * import { type HistogramOptions, histogram } from 'salvo';
 * const values = [5, 30, 55, 80, 99];
 * const quarters: HistogramOptions = { bins: 4, range: [0, 100] };
 * histogram(values, quarters).counts;                 // => Float64Array [1, 1, 1, 2]
 * histogram(values, { edges: [0, 10, 100] }).counts;  // => Float64Array [1, 4]
 * ```
 */
export interface HistogramOptions {
  /** Number of equal-width bins (default 10, as numpy). Not allowed together with `edges`. */
  readonly bins?: number;
  /**
   * Lower and upper edge of the equal-width bins; values outside are not counted (see `outside`).
   * Default: the smallest and largest finite value (widened by 0.5 each way when they are equal).
   */
  readonly range?: readonly [number, number];
  /** Explicit bin edges, finite and strictly increasing, at least two. */
  readonly edges?: SampleValues;
}

/** The names {@link HistogramOptions} knows, for `UNKNOWN_OPTION`. */
const HISTOGRAM_OPTION_NAMES = optionNames<HistogramOptions>()(['bins', 'range', 'edges']);

/**
 * Result of {@link histogram}.
 *
 * @example
 * ```ts
 * import { type Histogram, histogram } from 'salvo';
 * const h: Histogram = histogram([1, 2, 2, 3, 9, NaN], { bins: 2, range: [0, 4] });
 * h.edges;     // => Float64Array [0, 2, 4]
 * h.counts;    // => Float64Array [1, 3]
 * h.outside;   // => 1 (the 9)
 * h.nonFinite; // => 1 (the NaN)
 * ```
 */
export interface Histogram {
  /** Bin edges, one more than bins. */
  readonly edges: Float64Array;
  /** Count of finite samples in each bin. */
  readonly counts: Float64Array;
  /** Finite samples outside `[edges[0], edges[last]]`, not counted in any bin. */
  readonly outside: number;
  /** Non-finite samples, not counted in any bin. */
  readonly nonFinite: number;
}

/**
 * numpy's `linspace(first, last, bins + 1)`: edge i is `first + i * ((last - first) / bins)`, except the
 * last edge, which is `last` exactly.
 */
function linspaceEdges(first: number, last: number, bins: number): Float64Array {
  const edges = new Float64Array(bins + 1);
  const delta = last - first;
  const step = delta / bins;
  if (step === 0) {
    // numpy's fallback when the step underflows (a subnormal range).
    for (let i = 0; i < bins; i++) edges[i] = (i / bins) * delta + first;
  } else {
    for (let i = 0; i < bins; i++) edges[i] = i * step + first;
  }
  edges[bins] = last;
  return edges;
}

function requireBins(where: string, bins: unknown): number {
  if (typeof bins !== 'number' || !Number.isSafeInteger(bins) || bins < 1 || bins > 1e8) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: bins must be an integer in [1, 100000000], got ${show(bins)}`,
      { parameter: 'bins', value: bins },
    );
  }
  return bins;
}

function requireEdges(where: string, edges: Float64Array, given: SampleValues): void {
  if (edges.length < 2) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: edges must hold at least 2 values, got ${show(given)}`,
      { parameter: 'edges', value: given },
    );
  }
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i];
    if (!Number.isFinite(e) || (i > 0 && !(e > edges[i - 1]))) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: edges must be finite and strictly increasing, got edges[${i}] = ${show(e)}` +
          (i > 0 ? ` after edges[${i - 1}] = ${show(edges[i - 1])}` : ''),
        { parameter: `edges[${i}]`, value: e },
      );
    }
  }
}

/**
 * Counts the finite samples in bins, with numpy's `np.histogram` conventions: every bin is half-open
 * `[edges[i], edges[i+1])` except the last, which is closed; values outside the edges are not counted.
 * With `bins` the edges are equally spaced as numpy spaces them and the bin of each value is found by
 * arithmetic with numpy's edge corrections, so counts agree with numpy exactly.
 * @param values - the samples
 * @param options - `bins` (default 10) with an optional `range`, or explicit `edges`
 * @returns edges, counts, and how many samples were outside the edges or non-finite
 * @throws {@link SalvoError} `INVALID_PARAMETER` for a bad `bins`, `range` or `edges`, or both `bins`
 *   and `edges`; `EMPTY_DATA` when the range must come from the data and there is no finite value
 * @example
 * ```ts
 * import { histogram } from 'salvo';
 * const h = histogram(Float64Array.of(1, 2, 2, 3, 4, NaN), { bins: 3 });
 * h.edges;     // => Float64Array [1, 2, 3, 4]
 * h.counts;    // => Float64Array [1, 2, 2]
 * h.nonFinite; // => 1
 * histogram([0.5, 1, 7], { edges: [0, 1, 5] }).counts; // => Float64Array [1, 1] (7 is outside)
 * ```
 */
export function histogram(values: SampleValues, options: HistogramOptions = {}): Histogram {
  const v = toFloat64('histogram', values);
  const { edges, equalWidth } = histogramEdges('histogram', options, () => {
    const { nonFinite, min, max } = finiteRange(v);
    return { count: v.length - nonFinite, nonFinite, min, max };
  });
  return histogramCounts(v, edges, equalWidth);
}

/**
 * The bin edges `histogram` uses for `options` (numpy's): explicit `edges` checked, or `bins`
 * equal-width edges over `range` or, without one, over the data's finite extremes from `dataRange`.
 * @internal
 */
export function histogramEdges(
  where: string,
  options: HistogramOptions,
  dataRange: () => { count: number; nonFinite: number; min: number; max: number },
): { edges: Float64Array; equalWidth: boolean } {
  requireObject(where, 'options', options, 'an object such as { bins: 20 }');
  requireKnownOptions(where, 'options', options, HISTOGRAM_OPTION_NAMES);
  if (options.edges !== undefined) {
    if (options.bins !== undefined || options.range !== undefined) {
      const parameter = options.bins !== undefined ? 'bins' : 'range';
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: give either edges or bins/range, not both; got edges and ${parameter}`,
        { parameter, value: options[parameter] },
      );
    }
    const edges = toFloat64(where, options.edges, 'edges').slice();
    requireEdges(where, edges, options.edges);
    return { edges, equalWidth: false };
  }
  const bins = requireBins(where, options.bins ?? 10);
  let first: number;
  let last: number;
  if (options.range !== undefined) {
    const range = options.range;
    if (!Array.isArray(range) || range.length !== 2) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: range must be a pair [low, high], got ${show(range)}`,
        { parameter: 'range', value: range },
      );
    }
    first = range[0];
    last = range[1];
    if (!Number.isFinite(first) || !Number.isFinite(last) || !(first < last)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: range must be two finite numbers with low < high, got [${show(first)}, ${show(last)}]`,
        { parameter: 'range', value: range },
      );
    }
  } else {
    const m = dataRange();
    if (m.count === 0) throw emptyError(where, 0, m.nonFinite);
    first = m.min;
    last = m.max;
    if (first === last) {
      first -= 0.5;
      last += 0.5;
    }
  }
  const edges = linspaceEdges(first, last, bins);
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i] > edges[i - 1])) {
      // As numpy does: a range a few ulps wide cannot hold that many distinct bins.
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: too many bins (${bins}) for the range [${show(first)}, ${show(last)}]: the bin edges would not be distinct`,
        { parameter: 'bins', value: bins },
      );
    }
  }
  return { edges, equalWidth: true };
}

/**
 * Counts of `v` in the bins of `edges` (numpy's rules), or sums of `weights` when given. With evenly
 * spaced edges the bin comes from arithmetic, corrected by one where rounding put x across an edge
 * (as numpy does); with explicit edges, from a binary search.
 * @internal
 */
export function histogramCounts(
  v: Float64Array,
  edges: Float64Array,
  evenlySpaced: boolean,
  weights?: Float64Array,
): Histogram {
  const bins = edges.length - 1;
  const first = edges[0];
  const last = edges[bins];
  const denom = last - first;
  const counts = new Float64Array(bins);
  let outside = 0;
  let nonFinite = 0;
  const n = v.length;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x - x !== 0) {
      nonFinite++;
      continue;
    }
    const w = weights === undefined ? 1 : weights[i];
    if (!(x >= first && x <= last)) {
      outside += w;
      continue;
    }
    let k: number;
    if (evenlySpaced) {
      k = Math.trunc(((x - first) / denom) * bins);
      if (k === bins) k--;
      if (x < edges[k]) k--;
      else if (k !== bins - 1 && x >= edges[k + 1]) k++;
    } else {
      // Last bin closed: x === last belongs to bin - 1. Otherwise the bin whose [lo, hi) holds x.
      k = 0;
      let hi = bins;
      while (hi - k > 1) {
        const mid = (k + hi) >>> 1;
        if (edges[mid] <= x) k = mid;
        else hi = mid;
      }
    }
    counts[k] += w;
  }
  return { edges, counts, outside, nonFinite };
}
