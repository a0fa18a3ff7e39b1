/**
 * What travels through Redis for a BullMQ run: the jobs' names and data (plain data — the model is
 * looked up by id on the worker, never sent), their deterministic ids, the parts as base64 text, and
 * coded errors as failure reasons that the submitting side turns back into a {@link SalvoError}.
 * @module
 */
import { SalvoError, type SalvoErrorCode } from '../errors.js';
import {
  decodeGather,
  decodePartial,
  encodeGather,
  encodePartial,
} from '../interchange/partialFile.js';
import type { Sampling } from '../model/design.js';
import type { GatherPart, GatherRequest } from '../model/gather.js';
import type { PartialRun, PartialWindowPlan } from '../model/partial.js';
import type { SweepPoint } from '../model/sweep.js';
import { streamWords } from '../rng/seed.js';
import { show } from '../validate.js';

/** The queue a runner uses unless told otherwise. */
export const DEFAULT_QUEUE_NAME = 'salvo';

/** Job names: a shard evaluates segments; the merge (the flow's parent) adds its children's parts. */
export const SHARD_JOB = 'salvo-shard';
export const MERGE_JOB = 'salvo-merge';
/** The second pass of a run with exact quantiles: a gather job per shard, and their merge. */
export const GATHER_JOB = 'salvo-gather';
export const GATHER_MERGE_JOB = 'salvo-gather-merge';

/** What a run's jobs share: enough for a worker to find the model and check it is the same. */
export interface RunJobData {
  readonly modelId: string;
  /** A sweep's point, which the worker's builder makes the model from; null for a single run. */
  readonly point: SweepPoint | null;
  /** The submitting side's model fingerprint; a worker whose model differs refuses the job. */
  readonly fingerprint: string;
  readonly libraryVersion: string;
  readonly samples: number;
  readonly sampling: Sampling;
  readonly lazyInputs: boolean;
  /** `thresholds` by node, each number as text (JSON would turn ±Infinity into null). */
  readonly thresholds: Readonly<Record<string, readonly string[]>>;
  /** Nodes whose quantiles are made exact (by a second pass), and the extra levels asked. */
  readonly exactQuantiles: readonly string[];
  readonly quantiles: readonly number[];
  /** Their windows, placed once by the submitter (so no shard evaluates the pilot); null without. */
  readonly windows: PartialWindowPlan | null;
}

/** A gather job's data: the run's, the second pass's request, and the segments it gathers from. */
export interface GatherJobData extends RunJobData {
  readonly request: GatherRequest;
  readonly segments: readonly [number, number];
}

/** Thresholds as job data: numbers as text, so that ±Infinity and -0 survive JSON. */
export function thresholdsToData(
  thresholds: { readonly [name: string]: readonly number[] } | undefined,
): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(thresholds ?? {}).map(([name, list]) => [
      name,
      list.map((t) => (Object.is(t, -0) ? '-0' : String(t))),
    ]),
  );
}

/** Thresholds from job data (undefined when there are none). */
export function thresholdsFromData(
  data: Readonly<Record<string, readonly string[]>>,
): Record<string, number[]> | undefined {
  const entries = Object.entries(data ?? {});
  return entries.length === 0
    ? undefined
    : Object.fromEntries(entries.map(([name, list]) => [name, list.map(Number)]));
}

/** A shard job's data: the run's, and the segments `[from, to)` it evaluates. */
export interface ShardJobData extends RunJobData {
  readonly segments: readonly [number, number];
}

/** The merge job's data: the run's, and its segment count (the parts must cover all). */
export interface MergeJobData extends RunJobData {
  readonly segmentCount: number;
}

/** Progress a shard job reports (BullMQ's `job.updateProgress`). */
export interface ShardJobProgress {
  readonly samplesDone: number;
  readonly samples: number;
}

/** Model ids become part of job ids: BullMQ refuses ':' in them, and Redis keys read better plain. */
const MODEL_ID = /^[A-Za-z0-9_.-]{1,100}$/;

/** Throws `INVALID_PARAMETER` unless `modelId` is 1–100 letters, digits, '_', '.' or '-'. */
export function requireModelId(where: string, modelId: unknown): string {
  if (typeof modelId !== 'string' || !MODEL_ID.test(modelId)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: modelId must be 1 to 100 letters, digits, '_', '.' or '-' (it names the model to the workers and is part of the job ids), got ${show(modelId)}`,
      { parameter: 'modelId', value: modelId },
    );
  }
  return modelId;
}

/**
 * The run's job id: the model id and a hash of everything that decides the result (fingerprint, salvo
 * version, samples, sampling, lazy inputs, the sweep point, thresholds, shard count). The same run
 * submitted twice is one flow.
 */
export function runJobId(data: RunJobData, shards: number): string {
  const text = [
    data.fingerprint,
    data.libraryVersion,
    data.samples,
    data.sampling,
    data.lazyInputs,
    JSON.stringify(data.point),
    JSON.stringify([data.exactQuantiles, data.quantiles]),
    JSON.stringify(Object.entries(data.thresholds).sort(([a], [b]) => (a < b ? -1 : 1))),
    shards,
  ].join('\n');
  const words = streamWords(new Uint32Array(0), text, 0);
  return `salvo-${data.modelId}-${Array.from(words, (w) => w.toString(16).padStart(8, '0')).join('')}`;
}

/** Shard `index`'s job id in the run `runId`. */
export function shardJobId(runId: string, index: number): string {
  return `${runId}-shard-${index}`;
}

/** The id of the run's second pass (its gather flow's parent). */
export function gatherJobId(runId: string): string {
  return `${runId}-gather`;
}

/** An encoded part as a job's return value (BullMQ stores return values as JSON: base64 keeps the bits). */
function bytesToText(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** The bytes of a job's return value; `INVALID_ENCODING` when it is not base64 text. */
function bytesFromText(where: string, text: unknown, what: string): Uint8Array {
  if (typeof text !== 'string') {
    throw new SalvoError(
      'INVALID_ENCODING',
      `${where}: a job returned ${show(text)} where ${what} (base64 text) was expected`,
      { parameter: 'returnvalue', value: text },
    );
  }
  const bytes = Buffer.from(text, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A first-pass part as a job's return value. */
export function partToText(part: PartialRun): string {
  return bytesToText(encodePartial(part));
}

/** A first-pass part from a job's return value. */
export function partFromText(where: string, text: unknown): PartialRun {
  return decodePartial(bytesFromText(where, text, 'a partial run'));
}

/** A second-pass part as a job's return value. */
export function gatheredToText(part: GatherPart): string {
  return bytesToText(encodeGather(part));
}

/** A second-pass part from a job's return value. */
export function gatheredFromText(where: string, text: unknown): GatherPart {
  return decodeGather(bytesFromText(where, text, 'a second-pass part'));
}

const CODED = /^\[([A-Z_]+)\] ([\s\S]*)$/;

/** A failure reason carrying a {@link SalvoError}'s code: `[CODE] message`. */
export function codedReason(error: SalvoError): string {
  return `[${error.code}] ${error.message}`;
}

/**
 * The error a failed job's reason stands for: a {@link SalvoError} with the code it carried, or
 * `JOB_FAILED` for any other error (a model callback that threw on every attempt, a lost worker).
 */
export function errorFromReason(where: string, jobId: string, reason: string): SalvoError {
  const coded = CODED.exec(reason);
  if (coded !== null) {
    return new SalvoError(coded[1] as SalvoErrorCode, `${where}: job ${jobId}: ${coded[2]}`, {
      parameter: 'jobId',
      value: jobId,
    });
  }
  return new SalvoError('JOB_FAILED', `${where}: job ${jobId} failed: ${reason}`, {
    parameter: 'jobId',
    value: jobId,
  });
}
