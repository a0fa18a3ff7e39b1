/**
 * Shards of a run on Node: which segments shard i of k evaluates, partial runs as files, and a shard
 * of a model module run to a file — what `npx salvo shard` and `npx salvo merge` (src/node/cli.ts) do,
 * for job arrays (Kubernetes Indexed Jobs, AWS Batch array jobs, GNU parallel) that run one command per
 * index with no code of ours.
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';
import { SalvoError } from '../errors.js';
import { decodePartial, encodePartial } from '../interchange/partialFile.js';
import { SEGMENT_LENGTH } from '../model/definition.js';
import type { Sampling } from '../model/design.js';
import type { Model } from '../model/model.js';
import { type PartialRun, type PartialWindowPlan, runPartial } from '../model/partial.js';
import { show } from '../validate.js';
import { fileCall } from './fileErrors.js';
import { loadModel, moduleUrl } from './protocol.js';

/**
 * The segments shard `shard` of `shards` evaluates in a run of `samples` samples: the run's
 * ⌈samples / 4096⌉ segments cut into `shards` ranges as equal as whole segments allow
 * ([⌊i·S/k⌋, ⌊(i + 1)·S/k⌋)). Shards beyond the segment count get none (undefined).
 * @param samples - samples of the whole run
 * @param shard - this shard's index, from 0
 * @param shards - how many shards the run is cut into
 * @returns `[from, to)`, or undefined when the shard has no segment
 * @throws {@link SalvoError} `INVALID_PARAMETER` for a shard index outside [0, shards) or bad counts
 * @example
 * ```ts
 * import { shardSegments } from 'salvo/node';
 * shardSegments(1_000_000, 0, 3); // => [0, 81]
 * shardSegments(1_000_000, 2, 3); // => [163, 245]
 * ```
 */
export function shardSegments(
  samples: number,
  shard: number,
  shards: number,
): [number, number] | undefined {
  const where = 'shardSegments';
  if (!Number.isSafeInteger(samples) || samples < 1) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: samples must be a positive integer, got ${show(samples)}`,
      { parameter: 'samples', value: samples },
    );
  }
  if (!Number.isSafeInteger(shards) || shards < 1) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: shards must be a positive integer, got ${show(shards)}`,
      { parameter: 'shards', value: shards },
    );
  }
  if (!Number.isSafeInteger(shard) || shard < 0 || shard >= shards) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: shard must be an integer from 0 to ${shards - 1}, got ${show(shard)}`,
      { parameter: 'shard', value: shard },
    );
  }
  const count = Math.ceil(samples / SEGMENT_LENGTH);
  const from = Math.floor((shard * count) / shards);
  const to = Math.floor(((shard + 1) * count) / shards);
  return from < to ? [from, to] : undefined;
}

/**
 * Writes a partial run to a file ({@link encodePartial}'s bytes).
 * @param path - destination (overwritten)
 * @param partial - the part
 * @throws {@link SalvoError} `IO_ERROR` when the file cannot be written
 * @example
 * ```ts
 * import { model, normal, runPartial } from 'salvo';
 * import { readPartialFile, writePartialFile } from 'salvo/node';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * await writePartialFile('part-0.salvopart', runPartial(m, { samples: 10_000, segments: [0, 3] }));
 * (await readPartialFile('part-0.salvopart')).segments; // => [0, 3]
 * ```
 */
export async function writePartialFile(path: string, partial: PartialRun): Promise<void> {
  const bytes = encodePartial(partial);
  await fileCall('writePartialFile', path, 'write', () => writeFile(path, bytes));
}

/**
 * Reads a partial run from a file written by {@link writePartialFile} (or any copy of its bytes).
 * @param path - the file
 * @returns the part
 * @throws {@link SalvoError} `IO_ERROR` when the file cannot be read; `INVALID_ENCODING` when it is
 *   not a whole partial run
 * @example
 * ```ts
 * import { model, normal, runPartial } from 'salvo';
 * import { readPartialFile, writePartialFile } from 'salvo/node';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * await writePartialFile('part-1.salvopart', runPartial(m, { samples: 10_000, segments: [1, 3] }));
 * const part = await readPartialFile('part-1.salvopart');
 * part.nodes.map((n) => n.name); // => ['x']
 * ```
 */
export async function readPartialFile(path: string): Promise<PartialRun> {
  const bytes = await fileCall('readPartialFile', path, 'read', () => readFile(path));
  return decodeFile(path, () =>
    decodePartial(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
  );
}

/** Decodes a file's bytes, naming the file in a coded error (its `parameter` then `path`). */
export function decodeFile<T>(path: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof SalvoError) {
      throw new SalvoError(error.code, `${error.message} (file ${path})`, {
        parameter: 'path',
        value: path,
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * Loads the model exported by a module (a path or `file:` URL; the export a model or a function
 * returning one, as `runParallel`'s `{ module, exportName }`).
 * @param module - the module
 * @param exportName - the export (default `'default'`)
 * @returns the model
 * @throws {@link SalvoError} `MODULE_LOAD_FAILED` when the module cannot be imported or its factory
 *   throws; `INVALID_PARAMETER` when the export is not a model
 * @example
 * <!-- not-run: it imports the reader's own module, ./shipments.mjs -->
 * ```ts
 * import { loadModelModule } from 'salvo/node';
 * const shipments = await loadModelModule('./shipments.mjs', 'shipments');
 * shipments.nodes.length; // => 6
 * ```
 */
export async function loadModelModule(
  module: string | URL,
  exportName = 'default',
): Promise<Model<string>> {
  return loadModel({ kind: 'module', url: moduleUrl(module), exportName }, 'loadModelModule');
}

/**
 * What {@link runShard} needs.
 *
 * @example
 * ```ts
 * import type { ShardOptions } from 'salvo/node';
 * const options: ShardOptions = { samples: 1e9, shard: 3, shards: 100 };
 * options.shards; // => 100
 * ```
 */
export interface ShardOptions {
  /** Samples of the whole run. */
  readonly samples: number;
  /** This shard's index, from 0. */
  readonly shard: number;
  /** How many shards the run is cut into. */
  readonly shards: number;
  /** The run's sampling (the same for every shard). */
  readonly sampling?: Sampling;
  /** Leave the inputs out of the part (as `runPartial`'s `lazyInputs`; the same for every shard). */
  readonly lazyInputs?: boolean;
  /** Values to count each node's values against exactly (as `runPartial`'s; the same for every shard). */
  readonly thresholds?: { readonly [name: string]: readonly number[] };
  /** Nodes whose quantiles a second pass makes exact (as `runPartial`'s; the same for every shard). */
  readonly exactQuantiles?: readonly string[];
  /** Extra summary quantile levels (as `runPartial`'s; the same for every shard). */
  readonly quantiles?: readonly number[];
  /** The exact-quantile windows placed once (as `runPartial`'s, from `partialWindows`). */
  readonly windows?: PartialWindowPlan;
}

/**
 * Runs shard `shard` of `shards` of a model: the partial run of its segments
 * ({@link shardSegments}), or undefined for a shard with none (more shards than segments).
 * @param model - the model
 * @param options - the run's samples and sampling, this shard's index and the shard count
 * @returns the part, to write with {@link writePartialFile} and merge with `mergePartials`
 * @example
 * ```ts
 * import { model, normal } from 'salvo';
 * import { runShard } from 'salvo/node';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * runShard(m, { samples: 100_000, shard: 1, shards: 4 })?.segments; // => [6, 12]
 * ```
 */
export function runShard(model: Model<string>, options: ShardOptions): PartialRun | undefined {
  const segments = shardSegments(options.samples, options.shard, options.shards);
  if (segments === undefined) return undefined;
  return runPartial(model, {
    samples: options.samples,
    segments,
    sampling: options.sampling,
    lazyInputs: options.lazyInputs,
    thresholds: options.thresholds,
    exactQuantiles: options.exactQuantiles,
    quantiles: options.quantiles,
    ...(options.windows === undefined ? {} : { windows: options.windows }),
  });
}
