/**
 * What the main thread and the worker threads of `runParallel` say to each other, and how a worker
 * finds its model.
 * @internal
 * @module
 */
import { pathToFileURL } from 'node:url';
import { SalvoError, type SalvoErrorCode } from '../errors.js';
import type { SamplingDesign } from '../model/design.js';
import type { ExactCounts, ExactPlan } from '../model/exact.js';
import type { Model } from '../model/model.js';
import type { PartialRun } from '../model/partial.js';
import { deserializeModel, type SerializedModel } from '../model/serialized.js';
import type { AccumulatorData } from '../samples/segmentMoments.js';
import { show } from '../validate.js';

/** Where a worker gets its model: rebuilt from data, or imported from a module. */
export type SourceData =
  | { readonly kind: 'serialized'; readonly model: SerializedModel }
  | { readonly kind: 'module'; readonly url: string; readonly exportName: string };

/** A worker's `workerData`. */
export interface WorkerInit {
  /** Which run this is (a pooled thread is given many, one after another). */
  readonly run: number;
  readonly source: SourceData;
  /** The seed and node names the main thread planned for (a worker checks its model against them). */
  readonly seed: number | string;
  readonly names: readonly string[];
  /** Samples of the run. */
  readonly total: number;
  readonly block: number;
  /** The run's sampling design (`sampling`). */
  readonly design: SamplingDesign;
  /** Per node: the shared array its samples go to when kept, else null. */
  readonly kept: readonly (SharedArrayBuffer | null)[];
  /** For a model with evidence that keeps samples: the shared array of the samples' weights. */
  readonly keptWeights: SharedArrayBuffer | null;
  /** Per node: whether the parts summarise it (its moments are folded during the run: `foldedDuringRun`). */
  readonly summarised: readonly boolean[];
  /** Per node: its exact windows and thresholds (`exactQuantiles`, `thresholds`), else null. */
  readonly exact: readonly (ExactPlan | null)[];
}

/** A thread's `workerData`: set when the thread must first register tsx to load TypeScript. */
export interface WorkerBoot {
  readonly boot?: { readonly tsx: string; readonly entry: string };
}

/** Main thread to worker. */
export type ToWorker =
  | { readonly type: 'init'; readonly init: WorkerInit }
  | {
      /** Evaluate segments [from, to) as a part of the run (task `index`). */
      readonly type: 'task';
      readonly index: number;
      readonly segments: readonly [number, number];
    }
  | { readonly type: 'finish' }
  | {
      /** Send the stored values of these buckets of these nodes' exact trackers (see `exactQuestions`). */
      readonly type: 'collect';
      readonly questions: readonly { readonly node: number; readonly buckets: Int32Array }[];
    }
  /** The run is over: drop its state (a pooled thread would otherwise hold its shared arrays). */
  | { readonly type: 'end' }
  | {
      /** Compute kept node `node`'s moments and its quantiles at the summary levels of `probabilities`. */
      readonly type: 'summarise';
      readonly node: number;
      readonly probabilities: readonly number[];
    };

/** An error as data. */
export interface ErrorData {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: string;
  readonly parameter?: string;
}

/** Worker to main thread. */
export type FromWorker =
  | { readonly type: 'ready'; readonly run: number }
  | { readonly type: 'done'; readonly index: number; readonly part: PartialRun }
  | {
      /** After `finish`: the thread's exact trackers' counts, per node (null where none). */
      readonly type: 'counts';
      readonly exact: readonly (ExactCounts | null)[];
    }
  | {
      /** After `collect`: per question, the thread's stored values in its buckets. */
      readonly type: 'collected';
      readonly values: readonly Float64Array[];
    }
  | {
      readonly type: 'summary';
      readonly node: number;
      readonly moments: AccumulatorData;
      readonly ps: readonly number[];
      readonly values: readonly number[];
    }
  | { readonly type: 'error'; readonly error: ErrorData };

export function errorToData(error: unknown): ErrorData {
  if (error instanceof SalvoError) {
    return {
      name: error.name,
      message: error.message,
      stack: error.stack,
      code: error.code,
      parameter: error.parameter,
    };
  }
  if (error instanceof Error)
    return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: `a worker threw a non-Error value: ${show(error)}` };
}

export function errorFromData(data: ErrorData): Error {
  const error =
    data.code !== undefined
      ? new SalvoError(data.code as SalvoErrorCode, data.message, { parameter: data.parameter })
      : new Error(data.message);
  if (data.code === undefined) error.name = data.name;
  if (data.stack !== undefined) error.stack = data.stack;
  return error;
}

/** A module path or URL as a URL string (relative paths from the working directory). */
export function moduleUrl(module: string | URL): string {
  if (module instanceof URL) return module.href;
  if (/^(file|data):/.test(module)) return module;
  return pathToFileURL(module).href;
}

function looksLikeModel(value: unknown): value is Model<string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as Model<string>).nodes) &&
    typeof (value as Model<string>).run === 'function'
  );
}

/**
 * `MODULE_LOAD_FAILED` for `source.module`: `what` went wrong, then the original error's own words
 * (the original is the `cause`).
 */
function moduleLoadFailed(where: string, url: string, what: string, error: unknown): SalvoError {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : show(error);
  return new SalvoError('MODULE_LOAD_FAILED', `${where}: ${what}: ${reason}`, {
    parameter: 'source.module',
    value: url,
    cause: error,
  });
}

/** Loads the model a source describes: rebuilt from its spec, or an export (a Model or a function returning one). */
export async function loadModel(source: SourceData, where: string): Promise<Model<string>> {
  if (source.kind === 'serialized') return deserializeModel(source.model);
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(source.url)) as Record<string, unknown>;
  } catch (error) {
    throw moduleLoadFailed(where, source.url, `could not import ${source.url}`, error);
  }
  let value = namespace[source.exportName];
  if (typeof value === 'function') {
    try {
      value = (value as () => unknown)();
    } catch (error) {
      // A SalvoError (a bad parameter while building the model, say) keeps its own code.
      if (error instanceof SalvoError) throw error;
      throw moduleLoadFailed(
        where,
        source.url,
        `export ${show(source.exportName)} of ${source.url} threw while building the model`,
        error,
      );
    }
  }
  if (!looksLikeModel(value)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: export ${show(source.exportName)} of ${source.url} must be a model (or a function returning one), got ${show(value)} (exports: ${Object.keys(namespace).join(', ')})`,
      { parameter: 'exportName', value: source.exportName },
    );
  }
  return value;
}
