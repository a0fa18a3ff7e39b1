/**
 * The data of a fan chart or a timeline table: quantiles of a cumulative quantity at the end of each
 * month. Produced by the domain (e.g. `timelineBands` in salvo/shipments), drawn by src/report/.
 * @module
 */

/**
 * One month of a fan chart: quantiles of a cumulative quantity (such as deliveries) by the month's end.
 *
 * @example
 * ```ts
 * import type { TimelineBand } from 'salvo';
 * const band: TimelineBand = { month: '2024-02', p5: 5_900, p25: 6_400, p50: 6_700, p75: 7_000, p95: 7_500 };
 * band.p95 - band.p5; // => 1600
 * ```
 */
export interface TimelineBand {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
}
