/**
 * Sample vectors: `Samples` (element-wise algebra on index-aligned samples), exact summaries over
 * `Float64Array`s, and rank correlation. The element-wise kernels under `Samples` are the
 * `salvo/kernels` entry (src/kernels.ts), not part of this one.
 * @module
 */
export { rankData, spearman } from './rank.js';
export { type Operand, Samples, samples } from './samples.js';
export {
  type ComparisonOp,
  DEFAULT_SUMMARY_PROBABILITIES,
  type Ecdf,
  ecdf,
  type Histogram,
  type HistogramOptions,
  histogram,
  max,
  mean,
  min,
  nonFiniteCount,
  percentileKey,
  probability,
  type QuantileTable,
  quantile,
  quantiles,
  type SampleSummary,
  type SampleValues,
  type SummaryOptions,
  sd,
  summarize,
  type VarianceOptions,
  variance,
} from './summary.js';
