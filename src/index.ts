/**
 * salvo — Monte Carlo estimation with honest ranges. Seeded bit generators, distribution families that
 * fill typed arrays, and vector algebra over index-aligned samples.
 *
 * Other entries: `salvo/node` (this entry plus worker threads and files), `salvo/core` (this entry
 * without the expression parser), `salvo/shipments` (the munitions-shipments domain) and
 * `salvo/kernels` (the element-wise typed-array kernels).
 * @module salvo
 */
// biome-ignore-all assist/source/organizeImports: the exports are grouped by topic, each group sorted.

// Errors: every function throws SalvoError, with a stable code.
export { SalvoError, type SalvoErrorCode, type SalvoErrorDetails } from './errors.js';
export { LIBRARY_VERSION } from './version.js';
export type { AccumulatorData, WeightedAccumulatorData } from './samples/segmentMoments.js';

// Bit generators: seeded, with saved states and streams derived by hashing.
export {
  createRng,
  DEFAULT_ALGORITHM,
  deriveRng,
  fromState,
  type Rng,
  type RngAlgorithm,
  type RngOptions,
  type Seed,
  type SeedrandomLike,
  wrapRng,
} from './rng/index.js';

// Sampling designs: scrambled Sobol points, addressed by index.
export { fillSobol, SOBOL_MAX_DIMENSIONS } from './designs/sobol.js';

// Distributions: validating factories whose results sample into Float64Arrays.
export { bernoulli } from './distributions/bernoulli.js';
export { beta } from './distributions/beta.js';
export { binomial } from './distributions/binomial.js';
export { type CategoricalDistribution, categorical } from './distributions/categorical.js';
export { ci } from './distributions/ci.js';
export type { DistributionJson, DistributionJsonArgument } from './distributions/json.js';
export { constant } from './distributions/constant.js';
export { empirical } from './distributions/empirical.js';
export { exponential } from './distributions/exponential.js';
export { gamma } from './distributions/gamma.js';
export { lognormal } from './distributions/lognormal.js';
export { logUniform } from './distributions/logUniform.js';
export {
  type MetalogBounds,
  type MetalogDistribution,
  type MetalogFitOptions,
  type MetalogQuantileOptions,
  metalog,
} from './distributions/metalog/index.js';
export { type MixtureWeights, mixture } from './distributions/mixture.js';
export { negativeBinomial } from './distributions/negativeBinomial.js';
export { type CiOptions, normal } from './distributions/normal.js';
export { type PertOptions, pert } from './distributions/pert.js';
export { poisson } from './distributions/poisson.js';
export { type StudentTOptions, studentT } from './distributions/studentT.js';
export { triangular } from './distributions/triangular.js';
export { type TruncationBounds, truncated } from './distributions/truncated/index.js';
export type {
  ContinuousDistribution,
  DiscreteDistribution,
  Distribution,
} from './distributions/types.js';
export { uniform } from './distributions/uniform.js';

// Sample vectors and summaries: element-wise algebra on index-aligned samples, exact summaries.
export * from './samples/index.js';

// The sketch: a mergeable streaming quantile summary with a relative-error guarantee.
export {
  QuantileSketch,
  type QuantileSketchOptions,
  type QuantileSketchState,
} from './sketch/sketch.js';
export type { WeightedBucketsState, WeightedSketchState } from './sketch/masses.js';

// Models and runs: the typed model builder, its runs, their precision and sensitivity.
export { nearestCorrelationMatrix } from './model/correlation.js';
export type { ConvergenceOptions } from './model/convergence.js';
export {
  type DeriveFunction,
  type Likelihood,
  type NodeSamples,
  SEGMENT_LENGTH,
} from './model/definition.js';
export { type Sampling, SOBOL_RANDOMIZATIONS } from './model/design.js';
export {
  combineGathered,
  type GatherNode,
  type GatherOptions,
  type GatherPart,
  type GatherRequest,
  runGather,
} from './model/gather.js';
export { Model, type ModelOptions, model } from './model/model.js';
export {
  MODEL_JSON_VERSION,
  type ModelJson,
  type ModelJsonNode,
  modelFromJson,
  toModelJson,
} from './model/modelJson.js';
export {
  type MergeOptions,
  combinePartials,
  gatherRequest,
  mergePartials,
  PARTIAL_FORMAT,
  type PartialWindowPlan,
  partialWindows,
  type PartialNode,
  type PartialRun,
  type PartialRunOptions,
  type PartialThresholds,
  type PartialWindowGrid,
  type PartialWeightedNode,
  type PartialWeights,
  type PartialWindows,
  runPartial,
} from './model/partial.js';
export type { RunOptions } from './model/options.js';
export {
  CHECK_INTERVAL,
  type ConvergencePoint,
  type Interval,
  type IntervalEstimate,
  type ProbabilityEstimate,
  type RunPrecision,
  type UntilOptions,
} from './model/precision.js';
export {
  ModelRun,
  type NodeSummary,
  type NodeWithoutSummary,
  type RunWarning,
} from './model/result.js';
export type { InputSensitivity, Sensitivity, SensitivityOptions } from './model/sensitivity.js';
export {
  grid,
  type Sweep,
  type SweepOptions,
  type SweepPoint,
  type SweepRow,
  sweep,
} from './model/sweep.js';

// Analysis: distributions fitted to data, with goodness of fit; forecasts scored and backtested.
export {
  type BetaFit,
  type ChiSquareCell,
  type ChiSquareTest,
  type FitResult,
  fit,
  type GammaFit,
  type KolmogorovSmirnovTest,
  type LognormalFit,
  type NormalFit,
  type PoissonFit,
} from './analysis/fit/index.js';
export {
  type BacktestForecast,
  type BacktestObservation,
  type BacktestOptions,
  type BacktestOrigin,
  type BacktestResult,
  type BacktestScore,
  type BacktestTarget,
  type BacktestTotals,
  backtest,
} from './analysis/scores/backtest.js';
export {
  covers,
  crps,
  crpsNormal,
  intervalScore,
  type LogScoreOptions,
  logScore,
  logScoreNormal,
} from './analysis/scores/scores.js';

// Interchange: samples to and from CSV, SIPmath 3.0 libraries.
export {
  type CsvOptions,
  csvColumnNames,
  fromCsv,
  type SampleColumns,
  toCsv,
} from './interchange/csv.js';
export {
  decodeGather,
  decodePartial,
  encodeGather,
  encodePartial,
} from './interchange/partialFile.js';
export {
  fromSipmath,
  type HdrSeeds,
  hdrUniform,
  type SipmathExportOptions,
  type SipmathImportOptions,
  type SipmathLibrary,
  toSipmath,
} from './interchange/sipmath/index.js';

// Reports: number formats, text tables and histograms, Vega-Lite chart specifications.
export {
  type BacktestChartOptions,
  type BacktestResults,
  type BacktestTableOptions,
  backtestChart,
  backtestTable,
} from './report/backtest.js';
export {
  type ChartOptions,
  type ChartPoint,
  type ChartSeries,
  type FanChartOptions,
  fanChart,
  type HistogramChartOptions,
  histogramChart,
  type SweepChartOptions,
  sweepChart,
  type TornadoChartOptions,
  tornadoChart,
  type VegaLiteSpec,
} from './report/charts.js';
export {
  type FormatOptions,
  formatInterval,
  formatNumber,
  formatPercent,
  formatUsd,
  WEAK_INTERVAL_SAMPLES,
} from './report/format.js';
export {
  type HistogramMarker,
  sensitivityTable,
  sweepTable,
  type TerminalHistogramOptions,
  type TextTableOptions,
  terminalHistogram,
  textTable,
  timelineTable,
} from './report/text.js';
export { type HtmlReportOptions, htmlReport } from './report/html/page.js';
export type { TimelineBand } from './report/timelineBand.js';
