/**
 * Sample vectors and what is computed from them exactly. `src/samples` owns `Samples` (element-wise
 * algebra on index-aligned samples) and the low-level kernels under it (kernels/, public as the
 * `salvo/kernels` entry, src/kernels.ts); the exact
 * summaries of a `Float64Array`, one job per file — the values accepted and set aside (values.ts),
 * counts and extremes (extremes.ts), moments (moments.ts), type-7 quantiles (quantiles.ts) by
 * selection (select.ts) on order-preserving keys (orderKey.ts), tail probabilities (probability.ts),
 * the empirical CDF (ecdf.ts), histograms (histogram.ts) and the one-call summary (summarize.ts); rank
 * statistics (rank.ts); and the summaries of weighted samples (weighted.ts). Every summary describes
 * the finite values and reports how many were set aside.
 * @module
 */
export { type Ecdf, ecdf } from './ecdf.js';
export { max, min, nonFiniteCount } from './extremes.js';
export { type Histogram, type HistogramOptions, histogram } from './histogram.js';
export { mean, sd, type VarianceOptions, variance } from './moments.js';
export { type ComparisonOp, probability } from './probability.js';
export { quantile, quantiles } from './quantiles.js';
export { rankData, spearman } from './rank.js';
export { type Operand, Samples, samples } from './samples.js';
export {
  DEFAULT_SUMMARY_PROBABILITIES,
  percentileKey,
  type QuantileTable,
  type SampleSummary,
  type SummaryOptions,
  summarize,
} from './summarize.js';
export type { SampleValues } from './values.js';
