/**
 * The second pass of a run split into parts, for exact quantiles without kept samples. The first
 * pass's parts count each node's values per bucket (src/model/partial.ts); their merged counts say
 * which buckets hold the order statistics the summary needs ({@link GatherRequest}, made by
 * `gatherRequest`). Each part of the run is then evaluated again — its samples are a function of the
 * seed — and keeps only the values in those buckets ({@link runGather}); `mergePartials` selects the
 * order statistics among them, as `model.run` does among its windows' values.
 * @module
 */
import { SalvoError } from '../errors.js';
import { seedWords } from '../rng/seed.js';
import { optionNames, requireKnownOptions, requireObject, show } from '../validate.js';
import { LIBRARY_VERSION } from '../version.js';
import {
  requireSegments,
  requireSomeParts,
  SegmentCursor,
  spannedParts,
  tilingParts,
} from './coverage.js';
import type { Sampling } from './design.js';
import { BlockEvaluator } from './evaluate.js';
import { BucketGatherer } from './exact.js';
import { modelFingerprint } from './fingerprint.js';
import type { Model } from './model.js';
import { planRun } from './plan.js';

/**
 * What the second pass gathers for one node: the run's bucket grid and the buckets to keep.
 *
 * @example
 * ```ts
 * import type { GatherNode } from 'salvo';
 * const node: GatherNode = { name: 'shells', keyMin: 1091567616, shift: 4, buckets: 4096, gather: [2001, 2002] };
 * node.gather.length; // => 2
 * ```
 */
export interface GatherNode {
  readonly name: string;
  readonly keyMin: number;
  readonly shift: number;
  readonly buckets: number;
  /** The buckets whose values are kept, increasing. */
  readonly gather: readonly number[];
}

/**
 * What every part of a run's second pass gathers: made by `gatherRequest` from the first pass's
 * parts; plain data (integers and strings), to send to the shards as JSON.
 *
 * @example
 * ```ts
 * import { gatherRequest, model, normal, runPartial } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * const part = runPartial(m, { samples: 200_000, segments: [0, 49], exactQuantiles: ['x'] });
 * const request = gatherRequest(m, [part]);
 * request?.nodes.map((n) => n.name); // => ['x']
 * ```
 */
export interface GatherRequest {
  readonly libraryVersion: string;
  readonly fingerprint: string;
  readonly samples: number;
  readonly sampling: Sampling;
  readonly segmentCount: number;
  readonly nodes: readonly GatherNode[];
}

/**
 * One part of a run's second pass: the values of its segments that fall in the requested buckets.
 *
 * @example
 * ```ts
 * import { gatherRequest, model, normal, runGather, runPartial } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * const part = runPartial(m, { samples: 200_000, segments: [0, 49], exactQuantiles: ['x'] });
 * const request = gatherRequest(m, [part]);
 * const gathered = request && runGather(m, request, { segments: [0, 49] });
 * (gathered?.nodes[0].values.length ?? 0) > 0; // => true
 * ```
 */
export interface GatherPart {
  readonly libraryVersion: string;
  readonly fingerprint: string;
  readonly samples: number;
  readonly segmentCount: number;
  /** The segments this part covers, `[from, to)`. */
  readonly segments: readonly [number, number];
  readonly nodes: readonly {
    readonly name: string;
    /** The buckets gathered (the request's). */
    readonly gather: readonly number[];
    /** Their values among this part's samples, in no particular order. */
    readonly values: Float64Array;
  }[];
}

/**
 * Options of {@link runGather}.
 *
 * @example
 * ```ts
 * import type { GatherOptions } from 'salvo';
 * const options: GatherOptions = { segments: [0, 100] };
 * options.segments; // => [0, 100]
 * ```
 */
export interface GatherOptions {
  /** The segments this part gathers from, `[from, to)` (as the first pass's part). */
  readonly segments: readonly [number, number];
  /** Samples evaluated at a time; never changes the result. */
  readonly blockSize?: number;
  /** Stops the part with an `AbortError` when aborted. */
  readonly signal?: AbortSignal;
}

const GATHER_OPTION_NAMES = optionNames<GatherOptions>()(['segments', 'blockSize', 'signal']);

/**
 * The second pass over segments `[from, to)` of a run: evaluates them again (the same samples the
 * first pass drew) and keeps each requested node's values in the requested buckets. Give the parts
 * that cover the run, with the first pass's parts, to `mergePartials` (`gathered`): the quantiles of
 * the nodes named in `exactQuantiles` are then exact, equal to `model.run`'s to the last bit.
 * @param model - the model of the first pass (its fingerprint must match the request's)
 * @param request - from `gatherRequest`
 * @param options - this part's segments
 * @returns the part's gathered values
 * @throws {@link SalvoError} `PARTIAL_MISMATCH` for another model or salvo version; `INVALID_PARAMETER`
 *   for bad segments or a malformed request; `UNKNOWN_OPTION`
 * @example
 * ```ts
 * import { gatherRequest, mergePartials, model, normal, runGather, runPartial } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * const samples = 200_000; // 49 segments
 * const ranges: [number, number][] = [[0, 20], [20, 49]];
 * const parts = ranges.map((segments) => runPartial(m, { samples, segments, exactQuantiles: ['x'] }));
 * const request = gatherRequest(m, parts);
 * const gathered = request ? ranges.map((segments) => runGather(m, request, { segments })) : [];
 * mergePartials(m, parts, { gathered }).summary('x').quantiles.p50 ===
 *   m.run({ samples, keep: 'none', exactQuantiles: ['x'] }).summary('x').quantiles.p50; // => true
 * ```
 */
export function runGather(
  model: Model<string>,
  request: GatherRequest,
  options: GatherOptions,
): GatherPart {
  const runner = new GatherRunner(model, request, options, 'runGather');
  while (!runner.done) runner.step();
  return runner.result();
}

/**
 * A second-pass part evaluated a block at a time: {@link runGather} steps it to the end; a job runner
 * (salvo/bullmq) steps it between turns of the event loop. Not exported by the package.
 */
export class GatherRunner {
  readonly samples: number;
  private readonly request: GatherRequest;
  private readonly segments: readonly [number, number];
  /** Per model node, its gatherer if the request asks for it. */
  private readonly gatherers: (BucketGatherer | undefined)[];
  /** The same gatherers in the request's order. */
  private readonly byRequest: BucketGatherer[];
  private readonly evaluator: BlockEvaluator;
  private readonly signal: AbortSignal | undefined;
  private readonly cursor: SegmentCursor;

  constructor(model: Model<string>, request: GatherRequest, options: GatherOptions, where: string) {
    requireObject(where, 'options', options, 'an object such as { segments: [from, to] }');
    requireKnownOptions(where, 'options', options, GATHER_OPTION_NAMES);
    requireRequest(where, request);
    requireSameModel(where, model, request.fingerprint, request.libraryVersion, 'request');
    const plan = planRun(
      model,
      {
        samples: request.samples,
        sampling: request.sampling,
        blockSize: options.blockSize,
        signal: options.signal,
        keep: 'none',
      },
      where,
    );
    const [from, to] = requireSegments(where, options.segments, request.segmentCount);
    this.request = request;
    this.segments = [from, to];
    this.gatherers = model.nodes.map((node) => {
      const asked = request.nodes.find((n) => n.name === node.name);
      return asked === undefined ? undefined : new BucketGatherer(asked, asked.gather);
    });
    this.byRequest = request.nodes.map((n) => {
      const gatherer = this.gatherers[model.nodes.findIndex((node) => node.name === n.name)];
      if (gatherer === undefined) {
        throw new SalvoError(
          'INVALID_PARAMETER',
          `${where}: the request names ${show(n.name)}, which is not a node of the model`,
          { parameter: 'request', value: n.name },
        );
      }
      return gatherer;
    });
    this.evaluator = new BlockEvaluator(
      model.nodes,
      seedWords(model.seed),
      plan.block,
      model.nodes.map(() => undefined),
      plan.correlations,
      plan.design,
      where,
    );
    this.signal = plan.signal;
    this.cursor = new SegmentCursor([from, to], plan.total, plan.block);
    this.samples = this.cursor.samples;
  }

  get done(): boolean {
    return this.cursor.done;
  }

  /** Samples evaluated so far. */
  get samplesDone(): number {
    return this.cursor.samplesDone;
  }

  /** Evaluates the next block (nothing when done). */
  step(): void {
    if (this.done) return;
    this.signal?.throwIfAborted();
    const { first, length } = this.cursor.take();
    this.evaluator.evaluate(first, length, (j, values) => {
      this.gatherers[j]?.addAll(values);
    });
  }

  /** The part, once {@link GatherRunner.done}. */
  result(): GatherPart {
    if (!this.done) throw new Error('GatherRunner.result: the part is not finished');
    const request = this.request;
    return {
      libraryVersion: LIBRARY_VERSION,
      fingerprint: request.fingerprint,
      samples: request.samples,
      segmentCount: request.segmentCount,
      segments: this.segments,
      nodes: request.nodes.map((n, k) => ({
        name: n.name,
        gather: n.gather,
        values: this.byRequest[k].values(),
      })),
    };
  }
}

function requireRequest(where: string, request: GatherRequest): void {
  const ok =
    typeof request === 'object' &&
    request !== null &&
    Array.isArray(request.nodes) &&
    Number.isSafeInteger(request.samples) &&
    Number.isSafeInteger(request.segmentCount) &&
    (request.nodes as readonly GatherNode[]).every(
      (n) =>
        typeof n?.name === 'string' &&
        Number.isSafeInteger(n.keyMin) &&
        Number.isSafeInteger(n.shift) &&
        Number.isSafeInteger(n.buckets) &&
        Array.isArray(n.gather) &&
        n.gather.every((b: number) => Number.isSafeInteger(b) && b >= 0 && b < n.buckets),
    );
  if (!ok) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: request must be what gatherRequest returns, got ${show(request)}`,
      { parameter: 'request', value: request },
    );
  }
}

/** Throws `PARTIAL_MISMATCH` unless `model` and this salvo made `fingerprint` and `libraryVersion`. */
function requireSameModel(
  where: string,
  model: Model<string>,
  fingerprint: string,
  libraryVersion: string,
  what: string,
): void {
  if (libraryVersion !== LIBRARY_VERSION) {
    throw new SalvoError(
      'PARTIAL_MISMATCH',
      `${where}: the ${what} was made by salvo ${show(libraryVersion)}, where this is salvo ${LIBRARY_VERSION}`,
      { parameter: what, value: libraryVersion },
    );
  }
  const ours = modelFingerprint(model);
  if (fingerprint !== ours) {
    throw new SalvoError(
      'PARTIAL_MISMATCH',
      `${where}: the ${what} comes from a model with fingerprint ${fingerprint}, where the model given has ${ours}`,
      { parameter: what, value: fingerprint },
    );
  }
}

/**
 * Throws `PARTIAL_MISMATCH` unless every part belongs to the run (`fingerprint`, `samples`) and
 * gathered the buckets asked (`asked`, by node); `parameter` names the list in the errors.
 */
function requireGatheredParts(
  where: string,
  parameter: string,
  parts: readonly GatherPart[],
  fingerprint: string,
  samples: number,
  asked: ReadonlyMap<string, readonly number[]>,
): void {
  parts.forEach((part, i) => {
    const mismatch = (reason: string): never => {
      throw new SalvoError('PARTIAL_MISMATCH', `${where}: ${parameter}[${i}] ${reason}`, {
        parameter: `${parameter}[${i}]`,
        value: part?.segments,
      });
    };
    if (typeof part !== 'object' || part === null || !Array.isArray(part.nodes)) {
      mismatch('is not a part made by runGather');
    }
    if (part.fingerprint !== fingerprint || part.samples !== samples) {
      mismatch('belongs to another run (model fingerprint or sample count)');
    }
    for (const [name, buckets] of asked) {
      if (valuesOf(part, name, buckets) === undefined) {
        mismatch(
          `gathered other buckets of ${show(name)} than these parts need (made from another request: run gatherRequest on these parts)`,
        );
      }
    }
  });
}

/** A part's values of node `name`, if it gathered exactly `buckets` of it. */
function valuesOf(
  part: GatherPart,
  name: string,
  buckets: readonly number[],
): Float64Array | undefined {
  const node = part.nodes.find((n) => n.name === name);
  return node !== undefined && node.gather.join(',') === buckets.join(',')
    ? node.values
    : undefined;
}

/**
 * The gathered values by node, one array per distinct part, after checking that the parts belong to
 * the run (`fingerprint`, samples), gathered the buckets asked (`asked`, by node), and tile the
 * run's segments (a repeated part counts once).
 */
export function gatheredValues(
  where: string,
  gathered: readonly GatherPart[],
  fingerprint: string,
  samples: number,
  segmentCount: number,
  asked: ReadonlyMap<string, readonly number[]>,
): Map<string, Float64Array[]> {
  if (!Array.isArray(gathered)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: gathered must be a list of runGather's parts, got ${show(gathered)}`,
      { parameter: 'gathered', value: gathered },
    );
  }
  requireGatheredParts(where, 'gathered', gathered, fingerprint, samples, asked);
  const distinct = tilingParts<GatherPart>(where, gathered, 0, segmentCount, segmentCount);
  return new Map(
    [...asked].map(([name, buckets]) => [
      name,
      distinct.map((part) => valuesOf(part, name, buckets) as Float64Array),
    ]),
  );
}

/**
 * Adds second-pass parts of one run that cover a range of segments with no gap into one part of that
 * range (their values side by side) — a reduce step, as {@link combinePartials} is for the first pass.
 * @param parts - second-pass parts of one run, made from one request, in any order; an identical
 *   duplicate counts once
 * @returns one part covering from the smallest first segment to the largest end
 * @throws {@link SalvoError} `PARTIAL_MISMATCH` for parts of different runs or requests;
 *   `PARTIAL_COVERAGE` for a gap or an overlap; `INVALID_PARAMETER` for an empty list
 * @example
 * ```ts
 * import { combineGathered, gatherRequest, model, normal, runGather, runPartial } from 'salvo';
 * const m = model({ seed: 1 }).input('x', normal(0, 1));
 * const part = runPartial(m, { samples: 200_000, segments: [0, 49], exactQuantiles: ['x'] });
 * const request = gatherRequest(m, [part]);
 * const halves = request ? [runGather(m, request, { segments: [20, 49] }),
 *                           runGather(m, request, { segments: [0, 20] })] : [];
 * combineGathered(halves).segments; // => [0, 49]
 * ```
 */
export function combineGathered(parts: readonly GatherPart[]): GatherPart {
  const where = 'combineGathered';
  requireSomeParts(where, 'parts', parts, "runGather's parts");
  const first: GatherPart = parts[0];
  const asked = new Map(first.nodes.map((n) => [n.name, n.gather] as const));
  requireGatheredParts(where, 'parts', parts, first.fingerprint, first.samples, asked);
  const { start, end, distinct } = spannedParts<GatherPart>(where, parts, first.segmentCount);
  return {
    ...first,
    segments: [start, end],
    nodes: first.nodes.map((node) => {
      const arrays = distinct.map((p) => valuesOf(p, node.name, node.gather) as Float64Array);
      const values = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
      let at = 0;
      for (const a of arrays) {
        values.set(a, at);
        at += a.length;
      }
      return { name: node.name, gather: node.gather, values };
    }),
  };
}
