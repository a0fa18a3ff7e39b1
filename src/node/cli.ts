/**
 * `npx salvo`: run one shard of a model (a module or a model file) to a partial-run file, and merge such files — so that
 * a job array (Kubernetes Indexed Jobs, AWS Batch array jobs, GNU parallel, a shell loop) spreads a
 * run over machines with no code of ours. `bin/salvo.mjs` calls {@link main}.
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { SalvoError } from '../errors.js';
import {
  decodeGather,
  decodePartial,
  encodeGather,
  GATHER_MAGIC,
} from '../interchange/partialFile.js';
import type { Sampling } from '../model/design.js';
import { type GatherPart, type GatherRequest, runGather } from '../model/gather.js';
import type { Model } from '../model/model.js';
import {
  gatherRequest,
  mergePartials,
  type PartialRun,
  type PartialWindowPlan,
  partialWindows,
} from '../model/partial.js';
import { textTable } from '../report/text.js';
import { fileCall } from './fileErrors.js';
import { readModelFile } from './interchange.js';
import {
  decodeFile,
  loadModelModule,
  readPartialFile,
  runShard,
  shardSegments,
  writePartialFile,
} from './shards.js';

/** What `salvo` prints for `--help` or a usage error. */
export const USAGE = `usage:
  salvo shard <module> --samples N --shards K [--shard I] [--out FILE]
              [--export NAME] [--sampling random|latinHypercube|sobol] [--lazy-inputs]
              [--threshold NODE=T[,T...]]... [--exact-quantiles NODE,... [--quantiles P,...]
              [--windows FILE]]
      Runs shard I of K of the model that <module> exports and writes its partial run to FILE.
      --lazy-inputs leaves the inputs out of the parts (cheaper; their summaries are then only
      available by drawing them again over the whole run, which merge does not do).
      --threshold counts NODE's values below and equal to each T exactly (repeat it for more
      nodes): merge then prints P(NODE < T), P(NODE = T) and P(NODE > T) exactly.
      --exact-quantiles makes the nodes' quantiles exact by a second pass: after the shards,
      locate, then gather (one job per shard index, as shard), then merge with the gather files.
      --windows FILE (from salvo windows) spares each shard the run's pilot.
  salvo windows <module> --samples N --exact-quantiles NODE,... [--quantiles P,...]
              [--sampling ...] [--export NAME] [--out FILE]
      Places the exact-quantile windows once (from the run's pilot) and writes them to FILE (default
      windows.json), for every shard's --windows.
  salvo locate <module> FILES... [--export NAME] [--out FILE]
      Reads the shards' files and writes the second pass's request (JSON) to FILE (default
      gather-request.json), or says that there is nothing to gather.
  salvo gather <module> --request FILE --shards K [--shard I] [--out FILE] [--export NAME]
      The second pass of shard I of K: writes the values the request asks for to FILE (default
      gather-{shard}-of-{shards}.salvogather).
      I defaults to $JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs) or $AWS_BATCH_JOB_ARRAY_INDEX
      (AWS Batch array jobs); FILE defaults to shard-{shard}-of-{shards}.salvopart, and "{shard}" /
      "{shards}" in it are replaced. A shard with no segment (more shards than segments) writes none.
  salvo merge <module> FILES... [--export NAME] [--quantiles P,P,...] [--json FILE]
      Merges the partial-run files of one run (any order; a file given twice counts once) and prints
      each node's summary; --json also writes the run's toJSON() to FILE. Gather files among FILES
      (from salvo gather) make the --exact-quantiles nodes' quantiles exact.

<module> is a model file (a name ending in .json, as writeModelFile or toModelJson writes it; --export
does not apply) or a JavaScript module (a TypeScript one with NODE_OPTIONS="--import tsx") whose
export NAME (default: default) is a model or a function returning one. Every shard must be given the
same model, --samples and --sampling; merge checks it (the model's fingerprint, seed, samples, sampling).`;

/** Where the output goes (the process's streams, or a test's buffers). */
export interface CliStreams {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

class UsageError extends Error {}

/** The model a command names: a model file (`.json`) read as data, or a module's export. */
async function loadModel(module: string, exportName: string | undefined): Promise<Model<string>> {
  if (!module.toLowerCase().endsWith('.json')) return loadModelModule(module, exportName);
  if (exportName !== undefined) {
    throw new UsageError(`--export does not apply to a model file (${module}), only to a module`);
  }
  return readModelFile(module);
}

function requireModule(positionals: readonly string[]): string {
  const module = positionals[1];
  if (module === undefined) throw new UsageError('the model module is missing');
  return module;
}

function integerOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new UsageError(`--${name} must be an integer, got ${value}`);
  return n;
}

/** `--threshold NODE=T[,T...]` options as a `thresholds` object (undefined when none). */
function thresholdOptions(given: readonly string[]): Record<string, readonly number[]> | undefined {
  if (given.length === 0) return undefined;
  const thresholds: Record<string, number[]> = {};
  for (const option of given) {
    const at = option.indexOf('=');
    const values = option
      .slice(at + 1)
      .split(',')
      .map(Number);
    if (at <= 0 || values.some((t) => Number.isNaN(t)) || option.slice(at + 1).trim() === '') {
      throw new UsageError(`--threshold must be NODE=T[,T...] with numbers T, got ${option}`);
    }
    const name = option.slice(0, at);
    thresholds[name] = [...(thresholds[name] ?? []), ...values];
  }
  return thresholds;
}

/** The shard index: --shard, or the job array's index from the environment. */
function shardIndex(given: string | undefined): number {
  const index =
    integerOption(given, 'shard') ??
    integerOption(process.env.JOB_COMPLETION_INDEX, 'shard ($JOB_COMPLETION_INDEX)') ??
    integerOption(process.env.AWS_BATCH_JOB_ARRAY_INDEX, 'shard ($AWS_BATCH_JOB_ARRAY_INDEX)');
  if (index === undefined) {
    throw new UsageError(
      '--shard is missing (and neither $JOB_COMPLETION_INDEX nor $AWS_BATCH_JOB_ARRAY_INDEX is set)',
    );
  }
  return index;
}

async function shard(argv: readonly string[], io: CliStreams): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      samples: { type: 'string' },
      shards: { type: 'string' },
      shard: { type: 'string' },
      out: { type: 'string' },
      export: { type: 'string' },
      sampling: { type: 'string' },
      'lazy-inputs': { type: 'boolean' },
      threshold: { type: 'string', multiple: true },
      'exact-quantiles': { type: 'string' },
      quantiles: { type: 'string' },
      windows: { type: 'string' },
    },
  });
  const module = requireModule(positionals);
  if (positionals.length > 2) throw new UsageError(`unexpected ${positionals.slice(2).join(' ')}`);
  const samples = integerOption(values.samples, 'samples');
  const shards = integerOption(values.shards, 'shards');
  if (samples === undefined) throw new UsageError('--samples is missing');
  if (shards === undefined) throw new UsageError('--shards is missing');
  const index = shardIndex(values.shard);
  // Checks the indices before the model is loaded.
  shardSegments(samples, index, shards);
  const model = await loadModel(module, values.export);
  const part = runShard(model, {
    samples,
    shard: index,
    shards,
    sampling: values.sampling as Sampling | undefined,
    lazyInputs: values['lazy-inputs'] ?? false,
    thresholds: thresholdOptions(values.threshold ?? []),
    exactQuantiles: values['exact-quantiles']?.split(','),
    quantiles: values.quantiles?.split(',').map(Number),
    ...(values.windows === undefined
      ? {}
      : { windows: (await readJsonFile('salvo shard', values.windows)) as PartialWindowPlan }),
  });
  if (part === undefined) {
    io.out(
      `shard ${index} of ${shards}: no segments (the run has fewer than ${shards}); nothing written\n`,
    );
    return;
  }
  const out = (values.out ?? 'shard-{shard}-of-{shards}.salvopart')
    .replaceAll('{shards}', String(shards))
    .replaceAll('{shard}', String(index));
  await writePartialFile(out, part);
  io.out(
    `shard ${index} of ${shards}: segments [${part.segments[0]}, ${part.segments[1]}) written to ${out}\n`,
  );
}

async function merge(argv: readonly string[], io: CliStreams): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      export: { type: 'string' },
      quantiles: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const module = requireModule(positionals);
  const files = positionals.slice(2);
  if (files.length === 0) throw new UsageError('no partial-run files given');
  const quantiles = values.quantiles?.split(',').map(Number);
  const model = await loadModel(module, values.export);
  const read = await Promise.all(files.map((file) => readPartOrGather(file)));
  const parts = read.flatMap((r) => (r.kind === 'part' ? [r.part] : []));
  const gathered = read.flatMap((r) => (r.kind === 'gathered' ? [r.part] : []));
  if (parts.length === 0) throw new UsageError('no partial-run files given (only gather files)');
  const run = mergePartials(model, parts, {
    ...(quantiles === undefined ? {} : { quantiles }),
    ...(gathered.length === 0 ? {} : { gathered }),
  });
  // Nodes the parts summarise (inputs left out by --lazy-inputs would be drawn again over the whole
  // run: merge leaves them out of its table and its JSON).
  const names = parts[0].nodes.filter((n) => n.moments !== null).map((n) => n.name);
  const summaries = names.map((name) => {
    try {
      return [name, run.summary(name)] as const;
    } catch (error) {
      if (error instanceof SalvoError) return [name, error] as const;
      throw error;
    }
  });
  const rows = summaries.map(([name, s]) =>
    s instanceof SalvoError
      ? [name, s.code, '', '', '', '']
      : [name, s.mean, s.sd, s.quantiles.p5, s.quantiles.p50, s.quantiles.p95],
  );
  io.out(
    `${run.sampleCount.toLocaleString('en-US')} samples from ${parts.length} file(s)${gathered.length > 0 ? ` and ${gathered.length} gather file(s)` : ''}\n`,
  );
  io.out(`${textTable(rows, { header: ['node', 'mean', 'sd', 'p5', 'p50', 'p95'] })}\n`);
  const left = model.nodes.length - names.length;
  if (left > 0) io.out(`(${left} input(s) left out of the parts by --lazy-inputs)\n`);
  // Exact probabilities at the thresholds the shards counted.
  const counted = parts[0].nodes.flatMap((n) =>
    (n.thresholds?.values ?? []).map((threshold) => ({
      node: n.name,
      threshold,
      below: run.probability(n.name, '<', threshold),
      equal: run.probability(n.name, '==', threshold),
      above: run.probability(n.name, '>', threshold),
    })),
  );
  if (counted.length > 0) {
    const table = counted.map((c) => [c.node, c.threshold, c.below, c.equal, c.above]);
    io.out(`${textTable(table, { header: ['node', 'threshold', 'P(<)', 'P(=)', 'P(>)'] })}\n`);
  }
  if (values.json !== undefined) {
    const path = values.json;
    const summaryJson =
      left === 0
        ? run.toJSON()
        : {
            seed: run.seed,
            samples: run.sampleCount,
            nodes: Object.fromEntries(
              summaries.map(([name, s]) => [
                name,
                s instanceof SalvoError ? { noFiniteValue: true } : s,
              ]),
            ),
          };
    const json = counted.length === 0 ? summaryJson : { ...summaryJson, thresholds: counted };
    const text = `${JSON.stringify(json, null, 2)}\n`;
    await fileCall('salvo merge', path, 'write', () => writeFile(path, text));
    io.out(`summaries written to ${path}\n`);
  }
}

/** A file of a first-pass part (`salvo shard`) or of a second-pass part (`salvo gather`), by its magic. */
async function readPartOrGather(
  path: string,
): Promise<{ kind: 'part'; part: PartialRun } | { kind: 'gathered'; part: GatherPart }> {
  const bytes = await fileCall('salvo merge', path, 'read', () => readFile(path));
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return decodeFile(path, () =>
    bytes.subarray(0, GATHER_MAGIC.length).toString('latin1') === GATHER_MAGIC
      ? { kind: 'gathered', part: decodeGather(view) }
      : { kind: 'part', part: decodePartial(view) },
  );
}

/** A JSON file written by `salvo windows` or `salvo locate`. */
async function readJsonFile(where: string, path: string): Promise<unknown> {
  const text = await fileCall(where, path, 'read', () => readFile(path, 'utf8'));
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${path} is not JSON (write it with salvo windows or salvo locate)`);
  }
}

async function windows(argv: readonly string[], io: CliStreams): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      samples: { type: 'string' },
      export: { type: 'string' },
      sampling: { type: 'string' },
      'exact-quantiles': { type: 'string' },
      quantiles: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const module = requireModule(positionals);
  const samples = integerOption(values.samples, 'samples');
  if (samples === undefined) throw new UsageError('--samples is missing');
  if (values['exact-quantiles'] === undefined) throw new UsageError('--exact-quantiles is missing');
  const model = await loadModel(module, values.export);
  const plan = partialWindows(model, {
    samples,
    sampling: values.sampling as Sampling | undefined,
    exactQuantiles: values['exact-quantiles'].split(','),
    quantiles: values.quantiles?.split(',').map(Number),
  });
  const out = values.out ?? 'windows.json';
  const text = `${JSON.stringify(plan)}\n`;
  await fileCall('salvo windows', out, 'write', () => writeFile(out, text));
  io.out(`windows of ${plan.nodes.map((n) => n.name).join(', ')} written to ${out}\n`);
}

async function locate(argv: readonly string[], io: CliStreams): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { export: { type: 'string' }, out: { type: 'string' } },
  });
  const module = requireModule(positionals);
  const files = positionals.slice(2);
  if (files.length === 0) throw new UsageError('no partial-run files given');
  const model = await loadModel(module, values.export);
  const parts = await Promise.all(files.map((file) => readPartialFile(file)));
  const request = gatherRequest(model, parts);
  if (request === undefined) {
    io.out(
      'nothing to gather: no node asks for exact quantiles, or they fall outside the windows\n',
    );
    return;
  }
  const out = values.out ?? 'gather-request.json';
  const text = `${JSON.stringify(request)}\n`;
  await fileCall('salvo locate', out, 'write', () => writeFile(out, text));
  io.out(
    `the second pass gathers ${request.nodes.map((n) => `${n.gather.length} bucket(s) of ${n.name}`).join(', ')}: request written to ${out}\n`,
  );
}

async function gather(argv: readonly string[], io: CliStreams): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      request: { type: 'string' },
      shards: { type: 'string' },
      shard: { type: 'string' },
      out: { type: 'string' },
      export: { type: 'string' },
    },
  });
  const module = requireModule(positionals);
  if (values.request === undefined) throw new UsageError('--request is missing');
  const shards = integerOption(values.shards, 'shards');
  if (shards === undefined) throw new UsageError('--shards is missing');
  const index = shardIndex(values.shard);
  const request = (await readJsonFile('salvo gather', values.request)) as GatherRequest;
  const segments = shardSegments(request.samples, index, shards);
  if (segments === undefined) {
    io.out(`shard ${index} of ${shards}: no segments; nothing written\n`);
    return;
  }
  const model = await loadModel(module, values.export);
  const part = runGather(model, request, { segments });
  const out = (values.out ?? 'gather-{shard}-of-{shards}.salvogather')
    .replaceAll('{shards}', String(shards))
    .replaceAll('{shard}', String(index));
  const bytes = encodeGather(part);
  await fileCall('salvo gather', out, 'write', () => writeFile(out, bytes));
  io.out(
    `shard ${index} of ${shards}: ${part.nodes.map((n) => `${n.values.length} value(s) of ${n.name}`).join(', ')} written to ${out}\n`,
  );
}

/**
 * Runs the `salvo` command with its arguments (without `node` and the script); returns the exit code:
 * 0 done, 1 a salvo error (its code and message on `err`), 2 a usage error.
 */
export async function main(argv: readonly string[], io: CliStreams): Promise<number> {
  const command = argv[0];
  try {
    if (command === 'shard') await shard(argv, io);
    else if (command === 'merge') await merge(argv, io);
    else if (command === 'windows') await windows(argv, io);
    else if (command === 'locate') await locate(argv, io);
    else if (command === 'gather') await gather(argv, io);
    else if (command === undefined || command === '--help' || command === '-h') {
      io.out(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    } else throw new UsageError(`unknown command ${command}`);
    return 0;
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.err(`salvo: ${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof SalvoError) {
      io.err(`salvo: ${error.code}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
