/**
 * The options of a run (`model.run(options)`, `runParallel(model, options)`), as users write them;
 * src/model/plan.ts checks them.
 * @module
 */
import type { QuantileSketch } from '../sketch/sketch.js';
import { optionNames } from '../validate.js';
import type { Sampling } from './design.js';
import type { CHECK_INTERVAL, UntilOptions } from './precision.js';

/**
 * Options of {@link Model.run}.
 *
 * @example
 * ```ts
 * import { model, normal, type RunOptions } from 'salvo';
 * const options: RunOptions<'x'> = { samples: 100_000, blockSize: 16_384, keep: 'none', quantiles: [0.99] };
 * model({ seed: 1 }).input('x', normal(0, 1)).run(options).summary('x').quantileMethod; // => 'sketch'
 * ```
 */
export interface RunOptions<Names extends string> {
  /** Number of samples, a positive integer. Required unless `until` is given. */
  readonly samples?: number;
  /**
   * Draw until a precision is reached instead of a fixed count (Crystal Ball's "precision control"):
   * the run checks every 65,536 samples ({@link CHECK_INTERVAL}) whether the 95% interval of each
   * listed quantile (and the mean, if asked) of each listed node is within `relativeError` of its
   * estimate, and stops at the first check where all are — or at `maxSamples`. The same seed stops at
   * the same count, whatever the block size. `run.precision` says how it ended and holds the trace.
   * Kept arrays are allocated for `maxSamples` (the memory budget counts that) and cut to the count
   * drawn. Not available with `runParallel`.
   */
  readonly until?: UntilOptions<Names>;
  /**
   * Samples evaluated at a time: a positive multiple of 4,096 (the segment length). Default 65,536.
   * Memory for unkept nodes is proportional to it; results do not depend on it.
   */
  readonly blockSize?: number;
  /**
   * Which nodes keep all their samples (`samples(name)`, and exact quantiles, probabilities and
   * histograms): `'all'` (default), `'none'`, or a list of names. Unkept nodes are summarised per
   * segment — moments exactly; quantiles, probabilities and histograms by a {@link QuantileSketch}
   * with 0.5% relative accuracy — and their samples dropped. An unkept *input* is not even sketched
   * during the run: its samples are a function of the seed, so its sketch is made on first request by
   * drawing it again (one more draw and one sketch pass over the input; the same sketch the run would
   * have built).
   */
  readonly keep?: 'all' | 'none' | readonly Names[];
  /**
   * How inputs are sampled: `'random'` (default: independent draws), `'latinHypercube'` (each segment of
   * 4,096 samples is a Latin hypercube: one draw in each of 4,096 equal-probability strata of every
   * input, in independently shuffled orders — @RISK's and Crystal Ball's default) or `'sobol'`
   * (scrambled Sobol points, one dimension per input in declaration order, inverted through each
   * input's quantile function: randomised quasi-Monte Carlo, monaco's default). For smooth models the
   * designs reach a given precision with far fewer samples; the performance guide measures by how much.
   *
   * Results stay bit-identical across block sizes and threads. Standard errors and intervals in
   * summaries come from independent copies of the design (8 scramblings for Sobol points, 32 groups
   * of segments for Latin hypercubes; see `meanStandardError`), not from the i.i.d. formulas, which are
   * wrong for them. Correlated inputs (`.correlate`) work with every design (the rank reordering is
   * applied to the design's points); so does `until`, whose checks use the design's errors. Not
   * available with `.observe` (a weighted run's errors and effective sample size assume independent
   * draws). Under `'sobol'`, an input's samples depend on its place among the
   * inputs (its dimension), so declaring inputs in another order changes them.
   */
  readonly sampling?: Sampling;
  /** Extra quantile levels to report in summaries, besides 0.05, 0.25, 0.5, 0.75 and 0.95. */
  readonly quantiles?: readonly number[];
  /**
   * Unkept nodes whose summaries still report exact quantiles — the same values, to the last bit, as
   * if the node had been kept — without holding their samples. Exact are the summary's levels: the
   * defaults, those in `quantiles`, and the ends of their intervals; so `summary(name)`,
   * `quantile(name, p)` at those levels and `interval(name)` (0.05, 0.5, 0.95). Other levels come
   * from the node's sketch; `summary(name).quantileMethod` says which the summary got.
   *
   * How: a pilot (the run's first 1/64, at least 131,072 and at most 4,194,304 samples, evaluated
   * once more before the run) says roughly where each level lies. During the run, every value is
   * counted in one of up to 65,536 buckets of its bits, and the values in a window of seven standard
   * errors (of the pilot's estimate) around each level are stored — a few percent of the samples for
   * the default levels, a share that falls as the run grows (the performance guide gives it for the
   * reference workload at 1e7 and 1e9 samples); counted against `memoryBudgetBytes`. At the end, the
   * counts say which buckets hold the wanted order statistics, and selection among their values
   * finishes; the stored values are then let go. Should a level's
   * rank fall outside its window (a seven-standard-error miss of the pilot: about 3 in 10¹² per
   * window by the normal approximation, a derivation that no test can show) or a window overflow its
   * room, the node's summary falls back to the sketch; which happens depends on the seed, the model
   * and the sample count only, never on the block size or the threads. Kept nodes are exact anyway
   * and are ignored here.
   * Not available with `until` or `.observe`.
   */
  readonly exactQuantiles?: readonly Names[];
  /**
   * Per unkept node, values whose comparisons `probability(name, op, threshold)` answers exactly: the
   * run counts the finite samples below and equal to each (one pass over each block per threshold).
   * Other thresholds come from the node's sketch. Kept nodes are exact anyway and are ignored here.
   * Not available with `until` or `.observe`.
   */
  readonly thresholds?: { readonly [N in Names]?: readonly number[] };
  /**
   * With `.observe`: below this effective sample size the run adds a `LOW_EFFECTIVE_SAMPLE_SIZE`
   * warning to `run.warnings` (default 1,000); with `onLowEffectiveSampleSize: 'throw'` it throws
   * instead.
   */
  readonly minEffectiveSampleSize?: number;
  /** What a run with `.observe` does when its effective sample size is too low: `'warn'` (default) or `'throw'`. */
  readonly onLowEffectiveSampleSize?: 'warn' | 'throw';
  /**
   * Refuse, before any sampling, a run whose memory would exceed this many bytes (default 1 GiB):
   * kept samples, a block buffer per unkept node (one set per thread with `runParallel`) and the
   * windows of `exactQuantiles`. Memory that derive callbacks allocate is theirs and not counted.
   * Raised past what the machine can give, the run fails with `OUT_OF_MEMORY` when it allocates
   * those arrays, before any sampling.
   */
  readonly memoryBudgetBytes?: number;
  /**
   * Checked between blocks: an aborted signal stops the run with its reason. It must be an
   * `AbortSignal` (from an `AbortController`, `AbortSignal.timeout()` or `AbortSignal.any()`), or an
   * object with the same `aborted`, `reason`, `throwIfAborted`, `addEventListener` and
   * `removeEventListener`; anything else is refused with `INVALID_PARAMETER` before the run.
   *
   * `model.run` is synchronous: while it runs, the calling thread's event loop does not, so a timer
   * such as `AbortSignal.timeout(5_000)` cannot fire until the run has returned. To stop a run after a
   * time, use `runParallel` (salvo/node; the calling thread stays free for timers), or throw from
   * `onProgress` once the time is up: the error ends the run.
   */
  readonly signal?: AbortSignal;
  /**
   * Called with (samples done, total) after a block, at most once per `PROGRESS_INTERVAL_MS` (a fixed
   * setting in src/model/progress.ts), and always when the last sample is done.
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The names {@link RunOptions} knows, for `UNKNOWN_OPTION` (checked both ways by the compiler). */
export const RUN_OPTION_NAMES = optionNames<RunOptions<string>>()([
  'samples',
  'sampling',
  'until',
  'blockSize',
  'keep',
  'quantiles',
  'exactQuantiles',
  'thresholds',
  'minEffectiveSampleSize',
  'onLowEffectiveSampleSize',
  'memoryBudgetBytes',
  'signal',
  'onProgress',
]);

/**
 * The options `runParallel` (salvo/node) adds to {@link RunOptions}. `model.run` refuses them with a
 * message that says whose they are, rather than ignoring them (a run given `workers` would otherwise
 * silently stay on one thread).
 */
export const PARALLEL_ONLY_OPTION_NAMES = [
  'workers',
  'mainThread',
  'summariseKept',
  'pool',
] as const;
