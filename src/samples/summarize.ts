/**
 * The one-call summary of a sample vector (`summarize`, `Samples#summary`): count, non-finite count,
 * mean, standard deviation, extremes and the quantiles at the default and any extra probabilities,
 * keyed by percentile.
 * @module
 */
import { optionNames, requireKnownOptions, requireProbability } from '../validate.js';
import { type Moments, moments, sdFrom } from './moments.js';
import { quantilesInRange } from './quantiles.js';
import { emptyError, type SampleValues, toFloat64 } from './values.js';

/**
 * Probabilities of the quantiles every summary reports.
 *
 * @example
 * ```ts
 * import { DEFAULT_SUMMARY_PROBABILITIES, percentileKey } from 'salvo';
 * DEFAULT_SUMMARY_PROBABILITIES;                          // => [0.05, 0.25, 0.5, 0.75, 0.95]
 * DEFAULT_SUMMARY_PROBABILITIES.map((p) => percentileKey(p)); // => ['p5', 'p25', 'p50', 'p75', 'p95']
 * ```
 */
export const DEFAULT_SUMMARY_PROBABILITIES: readonly number[] = Object.freeze([
  0.05, 0.25, 0.5, 0.75, 0.95,
]);

/**
 * Quantiles keyed by percentile: `p5` is the 5th percentile, `p2.5` the 2.5th, `p99.9` the 99.9th.
 * The five defaults are always present.
 *
 * @example
 * ```ts
 * import { type QuantileTable, summarize } from 'salvo';
 * const q: QuantileTable = summarize([1, 2, 3, 4, 5], { probabilities: [0.025] }).quantiles;
 * q.p50;          // => 3
 * q['p2.5'];      // => 1.1
 * Object.keys(q); // => ['p5', 'p25', 'p50', 'p75', 'p95', 'p2.5']
 * ```
 */
export type QuantileTable = {
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
} & { readonly [key: string]: number };

/**
 * Result of {@link summarize} and `Samples#summary`.
 *
 * @example
 * ```ts
 * import { type SampleSummary, samples, summarize } from 'salvo';
 * const s: SampleSummary = summarize([1, 2, 3, 4, 5, Infinity]);
 * s.n;             // => 6
 * s.nonFinite;     // => 1
 * s.mean;          // => 3
 * s.sd;            // => 1.5811388300841898
 * s.max;           // => 5
 * s.quantiles.p95; // => 4.8
 * samples([1, 2, 3, 4, 5]).summary().mean; // => 3
 * ```
 */
export interface SampleSummary {
  /** Number of samples, finite or not. */
  readonly n: number;
  /** Samples set aside as NaN or ±Infinity; every statistic below describes the other `n - nonFinite`. */
  readonly nonFinite: number;
  readonly mean: number;
  /** Sample standard deviation (divisor `count - 1`). */
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  readonly quantiles: QuantileTable;
}

/**
 * Options of {@link summarize}.
 *
 * @example
 * ```ts
 * import { summarize } from 'salvo';
 * const s = summarize([1, 2, 3, 4, 5], { probabilities: [0.1, 0.999] });
 * s.quantiles.p10;        // => 1.4
 * s.quantiles['p99.9'];   // => 4.996
 * s.quantiles.p50;        // => 3 (the defaults stay)
 * ```
 */
export interface SummaryOptions {
  /** Extra quantile probabilities, reported beside p5, p25, p50, p75 and p95. */
  readonly probabilities?: readonly number[];
}

/** The names {@link SummaryOptions} knows, for `UNKNOWN_OPTION`. */
const SUMMARY_OPTION_NAMES = optionNames<SummaryOptions>()(['probabilities']);

/**
 * The key under which {@link summarize} reports the quantile at probability `p`: `'p'` and the
 * percentage, with float noise removed (`0.07` → `'p7'`, `0.025` → `'p2.5'`).
 * @param p - a probability in [0, 1]
 * @returns the key
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `p` is outside [0, 1] or NaN
 * @example
 * ```ts
 * import { percentileKey } from 'salvo';
 * percentileKey(0.07);  // => 'p7'
 * percentileKey(0.999); // => 'p99.9'
 * ```
 */
export function percentileKey(p: number): string {
  requireProbability('percentileKey', 'p', p);
  return `p${Number((p * 100).toPrecision(12))}`;
}

/** @internal Builds a summary from precomputed moments (shared with `Samples`). */
export function summaryFrom(
  where: string,
  v: Float64Array,
  m: Moments,
  extra: readonly number[] | undefined,
): SampleSummary {
  if (m.count < 2) throw emptyError(where, m.count, m.nonFinite, 2);
  const ps: number[] = [...DEFAULT_SUMMARY_PROBABILITIES];
  if (extra !== undefined) {
    for (let i = 0; i < extra.length; i++) {
      requireProbability(where, `probabilities[${i}]`, extra[i]);
      ps.push(extra[i]);
    }
  }
  const qs = quantilesInRange(v, ps, m);
  const table: Record<string, number> = {};
  for (let i = 0; i < ps.length; i++) table[percentileKey(ps[i])] = qs[i];
  return {
    n: m.n,
    nonFinite: m.nonFinite,
    mean: m.mean,
    sd: sdFrom(m, 1),
    min: m.min,
    max: m.max,
    quantiles: Object.freeze(table) as QuantileTable,
  };
}

/**
 * Everything one usually reports about a sample vector, from two passes for the moments and one
 * selection for the quantiles: `{ n, nonFinite, mean, sd, min, max, quantiles: { p5, p25, p50, p75, p95 } }`.
 * Statistics describe the finite samples; `nonFinite` says how many were set aside.
 * @param values - the samples
 * @param options - `probabilities`: extra quantiles to report
 * @returns the summary
 * @throws {@link SalvoError} `EMPTY_DATA` when fewer than 2 samples are finite (the sd needs two);
 *   `INVALID_PARAMETER` naming `probabilities[i]` when one is outside [0, 1] or NaN
 * @example
 * ```ts
 * import { summarize } from 'salvo';
 * const s = summarize(Float64Array.of(1, 2, 3, 4, 5, NaN), { probabilities: [0.9] });
 * s.n;             // => 6
 * s.nonFinite;     // => 1
 * s.mean;          // => 3
 * s.sd;            // => 1.5811388300841898
 * s.quantiles.p5;  // => 1.2
 * s.quantiles.p90; // => 4.6
 * ```
 */
export function summarize(values: SampleValues, options: SummaryOptions = {}): SampleSummary {
  requireKnownOptions('summarize', 'options', options, SUMMARY_OPTION_NAMES);
  const v = toFloat64('summarize', values);
  return summaryFrom('summarize', v, moments(v), options.probabilities);
}
