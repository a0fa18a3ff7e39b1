/**
 * Planning a run: its options checked against the model, and the block length decided, before any
 * sampling (bad input gets a coded error naming the option and the value, and no work is done).
 * @module
 */

import { SOBOL_MAX_DIMENSIONS } from '../designs/sobol.js';
import { SalvoError } from '../errors.js';
import { SEGMENT_STATS } from '../samples/segmentMoments.js';
import { DEFAULT_SUMMARY_PROBABILITIES } from '../samples/summarize.js';
import { invalidParameter, requireKnownOptions, requireObject, show } from '../validate.js';
import { type CorrelationGroup, planCorrelations } from './correlation.js';
import { type ModelDefinition, SEGMENT_LENGTH } from './definition.js';
import { designOf, SAMPLINGS, type SamplingDesign, SOBOL_RANDOMIZATIONS } from './design.js';
import { planExactOptions } from './exact.js';
import { outputsOf } from './graph.js';
import { PARALLEL_ONLY_OPTION_NAMES, RUN_OPTION_NAMES, type RunOptions } from './options.js';
import { CHECK_INTERVAL, planUntil, type UntilPlan } from './precision.js';

/** Checked run options: everything evaluation needs, decided before any sampling. */
export interface RunPlan {
  readonly total: number;
  /** The block length actually used (at most the sample count rounded up to a segment). */
  readonly block: number;
  readonly keptNames: ReadonlySet<string>;
  /** Summary quantile levels: the defaults and the requested extras. */
  readonly probabilities: readonly number[];
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
  /** Groups of rank-correlated inputs, checked. */
  readonly correlations: readonly CorrelationGroup[];
  /** The stopping rule, when the run draws until a precision is reached (`total` is then its maximum). */
  readonly until: UntilPlan | undefined;
  /** Unkept nodes whose summary quantiles are made exact by windows (`exactQuantiles`). */
  readonly exactQuantiles: ReadonlySet<string>;
  /** Unkept nodes' thresholds, whose comparisons are counted exactly (`thresholds`). */
  readonly thresholds: ReadonlyMap<string, readonly number[]>;
  /** The memory budget in bytes (`memoryBudgetBytes`). */
  readonly budget: number;
  /** How inputs are sampled (`sampling`), and the groups its errors are estimated from. */
  readonly design: SamplingDesign;
}

const DEFAULT_BLOCK = 65_536;
const MAX_BLOCK = 2 ** 26;
/** Bytes in a GiB: the default memory budget, and the unit of its messages. */
export const GIB = 2 ** 30;

/**
 * Bytes of the block buffers of `evaluators` evaluators (one per thread that evaluates): a block for
 * each unkept node, and each node's per-segment statistics of a block.
 */
export function bufferBytes(plan: RunPlan, nodeCount: number, evaluators: number): number {
  const perEvaluator =
    (nodeCount - plan.keptNames.size) * plan.block * 8 +
    nodeCount * (plan.block / SEGMENT_LENGTH) * SEGMENT_STATS * 8;
  return perEvaluator * evaluators;
}

/**
 * Throws before the run when its kept samples and the block buffers of `evaluators` evaluators
 * together exceed the memory budget (exact windows are checked with them by `planExact`). A run that
 * keeps nothing still holds a block per node: 12 inputs with `blockSize: 2 ** 26` take 6 GiB.
 */
export function requireMemory(
  where: string,
  plan: RunPlan,
  nodeCount: number,
  evaluators: number,
): void {
  const keptBytes = plan.keptNames.size * plan.total * 8;
  const buffers = bufferBytes(plan, nodeCount, evaluators);
  if (keptBytes + buffers <= plan.budget) return;
  throw invalidParameter(
    where,
    'blockSize',
    `blocks of ${plan.block} samples for ${nodeCount - plan.keptNames.size} unkept node(s)${evaluators > 1 ? ` on ${evaluators} threads` : ''} take ${(buffers / GIB).toFixed(2)} GiB, which with ${(keptBytes / GIB).toFixed(2)} GiB of kept samples is over the budget of ${(plan.budget / GIB).toFixed(2)} GiB; use a smaller blockSize, or raise memoryBudgetBytes`,
    plan.block,
  );
}

/**
 * Checks a run's options against a model and decides the block length. Throws before any work.
 * `known` are the option names the caller accepts (`runParallel` adds its own to {@link RUN_OPTION_NAMES}).
 */
export function planRun(
  m: ModelDefinition,
  options: RunOptions<string>,
  where: string,
  known: readonly string[] = RUN_OPTION_NAMES,
): RunPlan {
  requireObject(where, 'options', options, 'an object such as { samples: 100000 }');
  for (const name of PARALLEL_ONLY_OPTION_NAMES) {
    if (Object.hasOwn(options, name) && !known.includes(name)) {
      throw new SalvoError(
        'UNKNOWN_OPTION',
        `${where}: options.${name} is an option of runParallel (salvo/node), which runs on worker threads; ${where} runs on the calling thread, so leave ${name} out`,
        { parameter: `options.${name}`, value: (options as Record<string, unknown>)[name] },
      );
    }
  }
  requireKnownOptions(where, 'options', options, known);
  let until: UntilPlan | undefined;
  if (options.until !== undefined) {
    if (options.samples !== undefined) {
      throw invalidParameter(
        where,
        'samples',
        `give either samples or until, not both (until draws as many samples as its precision needs, up to until.maxSamples); got samples = ${show(options.samples)}`,
        options.samples,
      );
    }
    until = planUntil(
      where,
      options.until,
      m.nodes.map((n) => n.name),
      outputsOf(m.nodes),
    );
  }
  const total = until !== undefined ? until.maxSamples : options.samples;
  if (typeof total !== 'number' || !Number.isSafeInteger(total) || total < 1) {
    throw new SalvoError(
      'INVALID_SAMPLE_COUNT',
      `${where}: samples must be a positive integer (or give until instead), got ${show(total)}`,
      { parameter: 'samples', value: total },
    );
  }
  const blockSize = options.blockSize ?? DEFAULT_BLOCK;
  if (
    typeof blockSize !== 'number' ||
    !Number.isSafeInteger(blockSize) ||
    blockSize < SEGMENT_LENGTH ||
    blockSize % SEGMENT_LENGTH !== 0 ||
    blockSize > MAX_BLOCK
  ) {
    throw invalidParameter(
      where,
      'blockSize',
      `blockSize must be a multiple of ${SEGMENT_LENGTH} between ${SEGMENT_LENGTH} and ${MAX_BLOCK}, got ${show(blockSize)}`,
      blockSize,
    );
  }
  if (m.nodes.length === 0) {
    throw invalidParameter(
      where,
      'model',
      'the model has no nodes; add one with .input(name, dist)',
      m.nodes.length,
    );
  }
  const names = m.nodes.map((n) => n.name);
  const keep = options.keep ?? 'all';
  let keptNames: Set<string>;
  if (keep === 'all') keptNames = new Set(names);
  else if (keep === 'none') keptNames = new Set();
  else if (Array.isArray(keep)) {
    keptNames = new Set();
    for (let i = 0; i < keep.length; i++) {
      if (!names.includes(keep[i])) {
        throw invalidParameter(
          where,
          `keep[${i}]`,
          `keep[${i}] names no node: ${show(keep[i])} (nodes: ${names.join(', ')})`,
          keep[i],
        );
      }
      keptNames.add(keep[i]);
    }
  } else {
    throw invalidParameter(
      where,
      'keep',
      `keep must be 'all', 'none' or a list of node names, got ${show(keep)}`,
      keep,
    );
  }
  const extra = options.quantiles ?? [];
  if (!Array.isArray(extra)) {
    throw invalidParameter(
      where,
      'quantiles',
      `quantiles must be a list of probabilities, got ${show(extra)}`,
      extra,
    );
  }
  for (let i = 0; i < extra.length; i++) {
    if (typeof extra[i] !== 'number' || !(extra[i] >= 0 && extra[i] <= 1)) {
      throw invalidParameter(
        where,
        `quantiles[${i}]`,
        `quantiles[${i}] must be a probability in [0, 1], got ${show(extra[i])}`,
        extra[i],
      );
    }
  }
  const budget = options.memoryBudgetBytes ?? GIB;
  if (typeof budget !== 'number' || !(budget >= 0)) {
    throw invalidParameter(
      where,
      'memoryBudgetBytes',
      `memoryBudgetBytes must be a non-negative number, got ${show(budget)}`,
      budget,
    );
  }
  const keptBytes = keptNames.size * total * 8;
  if (keptBytes > budget) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: keeping ${keptNames.size} node(s) × ${total} samples needs ${(keptBytes / GIB).toFixed(2)} GiB, over the budget of ${(budget / GIB).toFixed(2)} GiB; use keep: 'none' or a shorter list of names, or raise memoryBudgetBytes`,
      { parameter: 'keep', value: keep },
    );
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw invalidParameter(
      where,
      'onProgress',
      `onProgress must be a function, got ${show(options.onProgress)}`,
      options.onProgress,
    );
  }
  const signal = options.signal;
  if (signal !== undefined && !isAbortSignalLike(signal)) {
    throw invalidParameter(
      where,
      'signal',
      `signal must be an AbortSignal (from an AbortController or AbortSignal.timeout()), got ${show(signal)}`,
      signal,
    );
  }
  const exact = planExactOptions(where, names, options.exactQuantiles, options.thresholds);
  const exactQuantiles = new Set([...exact.quantileNodes].filter((n) => !keptNames.has(n)));
  const thresholds = new Map([...exact.thresholds].filter(([n]) => !keptNames.has(n)));
  if ((exactQuantiles.size > 0 || thresholds.size > 0) && until !== undefined) {
    throw new SalvoError(
      'UNSUPPORTED',
      `${where}: exactQuantiles and thresholds need the sample count before the run; give samples instead of until`,
      {
        parameter: exactQuantiles.size > 0 ? 'exactQuantiles' : 'thresholds',
        value: options.until,
      },
    );
  }
  if (exactQuantiles.size > 0 && total > 2 ** 31 - 1) {
    throw invalidParameter(
      where,
      'exactQuantiles',
      `exactQuantiles supports runs of up to 2^31 - 1 samples (ranks are 32-bit integers), got samples = ${total}; split the run or drop exactQuantiles`,
      total,
    );
  }
  const correlations = planCorrelations(m.correlations, where);
  const design = planDesign(m, options, where, total);
  let block = Math.min(blockSize, Math.ceil(total / SEGMENT_LENGTH) * SEGMENT_LENGTH);
  if (until !== undefined) {
    // Checks fall every CHECK_INTERVAL samples: blocks must divide it (a power of two segments).
    let divisor = SEGMENT_LENGTH;
    while (divisor * 2 <= Math.min(block, CHECK_INTERVAL)) divisor *= 2;
    block = divisor;
  }
  return {
    correlations,
    design,
    until,
    exactQuantiles,
    thresholds,
    budget,
    total,
    block,
    keptNames,
    probabilities: [...DEFAULT_SUMMARY_PROBABILITIES, ...extra],
    signal,
    onProgress: options.onProgress,
  };
}

/** Checks `options.sampling` against the model and the run, and gives the run's design. */
function planDesign(
  m: ModelDefinition,
  options: RunOptions<string>,
  where: string,
  total: number,
): SamplingDesign {
  const sampling = options.sampling ?? 'random';
  if (!SAMPLINGS.includes(sampling)) {
    throw invalidParameter(
      where,
      'sampling',
      `sampling must be one of ${SAMPLINGS.map((s) => `'${s}'`).join(', ')}, got ${show(sampling)}`,
      sampling,
    );
  }
  if (sampling === 'random') return designOf(sampling);
  const refuse = (parameter: string, why: string, value: unknown): never => {
    throw new SalvoError('UNSUPPORTED', `${where}: sampling: '${sampling}' ${why}`, {
      parameter,
      value,
    });
  };
  if (m.observations.length > 0) {
    refuse(
      'sampling',
      "cannot be used with .observe: the weighted run's errors and effective sample size assume independent draws; use sampling: 'random'",
      sampling,
    );
  }
  const inputs = m.nodes.filter((n) => n.kind === 'input').length;
  if (sampling === 'sobol' && inputs > SOBOL_MAX_DIMENSIONS) {
    refuse(
      'sampling',
      `supports up to ${SOBOL_MAX_DIMENSIONS} inputs (one Sobol dimension each, from the Joe–Kuo table), and the model has ${inputs}; use 'latinHypercube'`,
      sampling,
    );
  }
  const maxSamples = SOBOL_RANDOMIZATIONS * 2 ** 32;
  if (sampling === 'sobol' && total > maxSamples) {
    refuse(
      'samples',
      `supports up to ${maxSamples} samples (2^32 points in each of ${SOBOL_RANDOMIZATIONS} scramblings), got ${total}`,
      total,
    );
  }
  return designOf(sampling);
}

/**
 * Whether `value` can stand in for an `AbortSignal`: the run reads `aborted` and `reason`, calls
 * `throwIfAborted`, and (on worker threads) listens with `addEventListener`/`removeEventListener`. An
 * object lacking one of these (`{ aborted: true }`) is refused up front instead of failing with a
 * `TypeError` halfway; a real `AbortSignal` of another realm or a complete polyfill passes.
 */
function isAbortSignalLike(value: unknown): value is AbortSignal {
  if (typeof value !== 'object' || value === null || !('aborted' in value)) return false;
  const signal = value as Partial<Record<string, unknown>>;
  return (
    typeof signal.throwIfAborted === 'function' &&
    typeof signal.addEventListener === 'function' &&
    typeof signal.removeEventListener === 'function'
  );
}
