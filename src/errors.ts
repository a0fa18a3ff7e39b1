/**
 * Stable machine-readable codes carried by every {@link SalvoError}.
 *
 * - `INVALID_PARAMETER`: a distribution or function parameter is NaN, infinite, out of range or of the wrong kind.
 * - `INVALID_SAMPLE_COUNT`: a sample count is negative, fractional or too large.
 * - `LENGTH_MISMATCH`: two index-aligned sample vectors (or values and weights) differ in length.
 * - `EMPTY_DATA`: a function that needs data was given none.
 * - `INVALID_SEED`: a seed or generator state cannot be used.
 * - `UNSUPPORTED`: the operation is not available for this object (for example the state of a wrapped generator).
 * - `REJECTION_HOPELESS`: rejection sampling would accept too few proposals to finish.
 * - `NOT_KEPT`: a run result needs all samples of a node that the run summarised and dropped.
 * - `EXPRESSION_TOO_LARGE`: an expression nests deeper or has more terms than salvo compiles (the
 *   message gives the limit), or mathjs's parser ran out of stack on it.
 * - `IO_ERROR`: a file function of 'salvo/node' could not read or write its file (missing, a
 *   directory, no permission...); the system's error is the `cause`, its `code` (`ENOENT`) in the message.
 * - `WORKER_FAILED`: a worker thread of `runParallel` stopped (exited, crashed, or could not start)
 *   before finishing its part of the run; the thread's error, if any, is the `cause`.
 * - `MODULE_LOAD_FAILED`: `runParallel`'s `module` could not be imported (missing, a syntax error,
 *   an error at import) or built a model different from the calling thread's; the error is the `cause`.
 * - `UNKNOWN_OPTION`: an options object has a name the call does not know (a misspelling, most often); the message names the closest known one.
 * - `OUT_OF_MEMORY`: a run could not allocate an array it needs (kept samples, block buffers, the
 *   windows of `exactQuantiles`): the machine has less memory than `memoryBudgetBytes` allowed, or the
 *   array is longer than JavaScript allows; the `RangeError` is the `cause`. Thrown before the run.
 * - `PARTIAL_MISMATCH`: `mergePartials` was given a part of another run — another model (its
 *   fingerprint), seed, sample count, sampling, format version or salvo version.
 * - `PARTIAL_COVERAGE`: the parts given to `mergePartials` leave segments out, or two different parts
 *   cover the same segments; the message names them.
 * - `INVALID_ENCODING`: `decodePartial` was given bytes that are not a partial run of a format it
 *   reads (truncated, corrupted, or another file).
 * - `JOB_FAILED`: a job of a run submitted with `submitRun` (salvo/bullmq) failed on every attempt
 *   (its last error in the message: a model callback that threw, say), or the run's jobs are gone
 *   from Redis. A job that failed with a coded error gives that code instead.
 * - `QUEUE_UNAVAILABLE`: `submitRun` (salvo/bullmq) could not reach Redis to add the run or, for a
 *   minute on end, to follow it; the connection's error is the `cause`. The jobs already added go on.
 * - `INVALID_MODEL`: a model file (`modelFromJson`) is not shaped as the format says: a field missing
 *   or of the wrong type, a name repeated, an expression that does not compile. The message and
 *   `parameter` give the place in the file (`nodes[2].expression`).
 * - `UNKNOWN_FAMILY`: a model file names a distribution family salvo does not have.
 * - `UNKNOWN_VERSION`: a model file is of a format version this salvo does not read (a newer one).
 * - `MODEL_CYCLE`: a model file's expressions read each other in a circle; the message names it.
 *
 * @example
 * ```ts
 * import { normal, SalvoError } from 'salvo';
 * try {
 *   normal(0, -1);
 * } catch (error) {
 *   if (error instanceof SalvoError) console.log(error.code); // => 'INVALID_PARAMETER'
 * }
 * ```
 */
export type SalvoErrorCode =
  | 'INVALID_PARAMETER'
  | 'INVALID_SAMPLE_COUNT'
  | 'LENGTH_MISMATCH'
  | 'EMPTY_DATA'
  | 'INVALID_SEED'
  | 'UNSUPPORTED'
  | 'REJECTION_HOPELESS'
  | 'NOT_KEPT'
  | 'EXPRESSION_TOO_LARGE'
  | 'IO_ERROR'
  | 'WORKER_FAILED'
  | 'MODULE_LOAD_FAILED'
  | 'UNKNOWN_OPTION'
  | 'OUT_OF_MEMORY'
  | 'PARTIAL_MISMATCH'
  | 'PARTIAL_COVERAGE'
  | 'INVALID_ENCODING'
  | 'JOB_FAILED'
  | 'QUEUE_UNAVAILABLE'
  | 'INVALID_MODEL'
  | 'UNKNOWN_FAMILY'
  | 'UNKNOWN_VERSION'
  | 'MODEL_CYCLE';

/**
 * Options accepted by the {@link SalvoError} constructor.
 *
 * @example
 * ```ts
 * import { SalvoError, type SalvoErrorDetails } from 'salvo';
 * const details: SalvoErrorDetails = { parameter: 'budgetUsd', value: -5 };
 * const error = new SalvoError('INVALID_PARAMETER', 'plan: budgetUsd must be >= 0, got -5', details);
 * error.parameter; // => 'budgetUsd'
 * error.value;     // => -5
 * ```
 */
export interface SalvoErrorDetails {
  /** Name of the offending parameter, as the caller spelled it (`sd`, `weights[2]`). */
  readonly parameter?: string;
  /** The offending value, kept for programmatic inspection. */
  readonly value?: unknown;
  /** The error behind this one (a system or worker error), kept as the standard `error.cause`. */
  readonly cause?: unknown;
}

/**
 * The one error type salvo throws for bad input. It carries a stable {@link SalvoErrorCode}, the name of
 * the offending parameter and its value, and it is thrown before any work is done.
 *
 * @example
 * ```ts
 * import { uniform, SalvoError } from 'salvo';
 * try {
 *   uniform(5, 1);
 * } catch (error) {
 *   const e = error as SalvoError;
 *   console.log(e.code, e.parameter, e.message);
 *   // => INVALID_PARAMETER min uniform: min must be less than max, got min = 5, max = 1
 * }
 * ```
 */
export class SalvoError extends Error {
  /** Stable code for programs to branch on. */
  readonly code: SalvoErrorCode;
  /** Name of the offending parameter, when one is to blame. */
  readonly parameter: string | undefined;
  /** The offending value, when one is to blame. */
  readonly value: unknown;

  /**
   * @param code - stable error code
   * @param message - a sentence naming the function, the parameter and the value
   * @param details - the parameter name and value, for programs
   */
  constructor(code: SalvoErrorCode, message: string, details: SalvoErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SalvoError';
    this.code = code;
    this.parameter = details.parameter;
    this.value = details.value;
  }
}
