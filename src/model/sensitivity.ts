/**
 * Which inputs drive an output: rank correlations, their normalised squares, first-order
 * (Sobol-style) indices estimated from the same samples (firstOrder.ts), and tornado swings from
 * re-evaluating the model with one input held at a low and a high quantile.
 *
 * References: A. Saltelli et al., *Global Sensitivity Analysis: The Primer* (Wiley 2008), §1.2.5 and
 * §4 (first-order indices as Var(E[Y | Xᵢ]) / Var(Y)).
 * @module
 */
import { SalvoError } from '../errors.js';
import { quantiles } from '../samples/quantiles.js';
import { pearsonOf, RadixArgsort } from '../samples/rank.js';
import { Samples } from '../samples/samples.js';
import { weightedQuantiles } from '../samples/weighted.js';
import { optionNames, requireKnownOptions, requireObject, show } from '../validate.js';
import { CallbackScope } from './callbackScope.js';
import type { NodeSpec } from './definition.js';
import { computeDerived } from './evaluate.js';
import { FirstOrderScratch, firstOrderIndex, groupsOfRows } from './firstOrder.js';
import { ancestorsOf, readsOf } from './graph.js';

/**
 * Options of {@link ModelRun.sensitivity}.
 *
 * @example
 * ```ts
 * import type { SensitivityOptions } from 'salvo';
 * const options: SensitivityOptions = { bins: 50, tornado: [0.05, 0.95] };
 * options.bins; // => 50
 * ```
 */
export interface SensitivityOptions {
  /**
   * Equal-count (equal-weight, with `.observe`) bins of each input for the first-order index: default
   * `min(100, ⌊n / 100⌋)`, at least 2. Inside each bin E[Y | X] is fitted by a straight line, so an
   * effect linear in the input loses nothing to binning; more bins follow a curved E[Y | X] more
   * closely but leave fewer samples per bin (the noise this adds is corrected for on average).
   */
  readonly bins?: number;
  /** Quantile levels at which each input is held for the tornado: default `[0.1, 0.9]`. */
  readonly tornado?: readonly [number, number];
  /** Order of the result: by tornado swing (default), |rank correlation|, or first-order index. */
  readonly sortBy?: 'swing' | 'rankCorrelation' | 'firstOrder';
}

/** The names {@link SensitivityOptions} knows, for `UNKNOWN_OPTION`. */
const SENSITIVITY_OPTION_NAMES = optionNames<SensitivityOptions>()(['bins', 'tornado', 'sortBy']);

/**
 * How one input drives the output.
 *
 * @example
 * ```ts
 * import { model, normal } from 'salvo';
 * const run = model({ seed: 1 })
 *   .input('a', normal(0, 2))
 *   .input('b', normal(0, 1))
 *   .derive('y', 'a + b')
 *   .run({ samples: 100_000 });
 * const [top] = run.sensitivity('y').inputs;
 * top.input;          // => 'a'
 * top.firstOrder;     // => about 0.8 (variance 4 of 5)
 * ```
 */
export interface InputSensitivity {
  /** The input's name. */
  readonly input: string;
  /** Spearman rank correlation between the input and the output (finite output samples only). */
  readonly rankCorrelation: number;
  /** The squared rank correlation over the sum of all inputs' squares: a share in [0, 1]. */
  readonly shareOfVariance: number;
  /**
   * First-order index Var(E[output | input]) / Var(output), estimated by fitting a line to the output
   * in each equal-count bin of the input, corrected for the noise of the fitted means and slopes
   * (under a sampling design, measured from its independent groups) and clamped at 0. For
   * independent inputs the indices add up to at most 1; a shortfall is variance due to interactions.
   */
  readonly firstOrder: number;
  /** The tornado bar: the output's median with the input held at its low and high quantile. */
  readonly tornado: {
    /** The input's value at the low quantile (default p10). */
    readonly inputLow: number;
    /** The input's value at the high quantile (default p90). */
    readonly inputHigh: number;
    /** The output's median with the input held at `inputLow` and the others as sampled. */
    readonly outputAtLow: number;
    /** The output's median with the input held at `inputHigh`. */
    readonly outputAtHigh: number;
    /** `|outputAtHigh - outputAtLow|`, the bar's length. */
    readonly swing: number;
  };
}

/**
 * The result of {@link ModelRun.sensitivity}.
 *
 * @example
 * ```ts
 * import { model, uniform } from 'salvo';
 * const s = model({ seed: 1 })
 *   .input('x', uniform(0, 1))
 *   .derive('y', 'x ^ 2')
 *   .run({ samples: 10_000 })
 *   .sensitivity('y');
 * [s.output, s.inputs.length]; // => ['y', 1]
 * ```
 */
export interface Sensitivity {
  /** The output analysed. */
  readonly output: string;
  /** Samples used (those where the output is finite). */
  readonly samples: number;
  /** The output's median over the run: the tornado's centre line. */
  readonly baselineMedian: number;
  /** The tornado's quantile levels. */
  readonly tornadoLevels: readonly [number, number];
  /** One entry per input the output depends on, sorted as asked (largest first). */
  readonly inputs: readonly InputSensitivity[];
}

const REEVALUATION_BLOCK = 65_536;

/** @internal A weighted run's weights and the observations that made them (for re-evaluation). */
export interface SensitivityWeighting {
  readonly weights: Float64Array;
  readonly observations: readonly {
    readonly name: string;
    readonly likelihood: (x: number) => number;
  }[];
}

/**
 * @internal The computation behind {@link ModelRun.sensitivity}; `groups` is the run's number of
 * independent groups of segments (1 for random sampling), from which first-order indices take their
 * noise under a sampling design.
 */
export function computeSensitivity(
  nodes: readonly NodeSpec[],
  kept: (name: string) => Float64Array | undefined,
  output: string,
  options: SensitivityOptions,
  weighting?: SensitivityWeighting,
  groups = 1,
): Sensitivity {
  const where = 'sensitivity';
  const outputIndex = nodes.findIndex((n) => n.name === output);
  if (outputIndex < 0) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: no node named ${show(output)} (nodes: ${nodes.map((n) => n.name).join(', ')})`,
      { parameter: 'output', value: output },
    );
  }
  if (nodes[outputIndex].kind === 'input') {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${show(output)} is an input; ask about a derived node that depends on inputs`,
      { parameter: 'output', value: output },
    );
  }
  requireObject(where, 'options', options);
  requireKnownOptions(where, 'options', options, SENSITIVITY_OPTION_NAMES);
  const levels = options.tornado ?? [0.1, 0.9];
  if (
    !Array.isArray(levels) ||
    levels.length !== 2 ||
    !(levels[0] >= 0 && levels[0] < levels[1] && levels[1] <= 1)
  ) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: tornado must be two quantile levels [low, high] with 0 <= low < high <= 1, got ${show(levels)}`,
      { parameter: 'tornado', value: levels },
    );
  }
  const sortBy = options.sortBy ?? 'swing';
  if (sortBy !== 'swing' && sortBy !== 'rankCorrelation' && sortBy !== 'firstOrder') {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: sortBy must be 'swing', 'rankCorrelation' or 'firstOrder', got ${show(sortBy)}`,
      { parameter: 'sortBy', value: sortBy },
    );
  }
  const ancestors = ancestorsOf(nodes, outputIndex);
  // With observations, holding an input can change the weights: the observed nodes and what they
  // depend on must be kept too.
  const observedIndexes = (weighting?.observations ?? []).map((o) =>
    nodes.findIndex((n) => n.name === o.name),
  );
  const neededSet = new Set([outputIndex, ...ancestors]);
  for (const j of observedIndexes) {
    neededSet.add(j);
    for (const a of ancestorsOf(nodes, j)) neededSet.add(a);
  }
  const needed = [...neededSet].sort((a, b) => a - b);
  const missing = needed.filter((j) => kept(nodes[j].name) === undefined).map((j) => nodes[j].name);
  if (missing.length > 0) {
    throw new SalvoError(
      'NOT_KEPT',
      `${where}: needs the samples of ${show(output)} and of every node it depends on; ${missing.join(', ')} ${missing.length === 1 ? 'was' : 'were'} not kept (run with keep: 'all' or a list that includes ${missing.join(', ')})`,
      { parameter: 'output', value: missing },
    );
  }
  const y = kept(output) as Float64Array;
  const n = y.length;
  // Rows where the output is finite.
  let finite = 0;
  const weights = weighting?.weights;
  const usable = (i: number): boolean =>
    y[i] - y[i] === 0 && (weights === undefined || weights[i] > 0);
  for (let i = 0; i < n; i++) if (usable(i)) finite++;
  if (finite < 3) {
    throw new SalvoError(
      'EMPTY_DATA',
      `${where}: ${show(output)} has ${finite} finite sample(s); at least 3 are needed`,
      { parameter: 'output', value: output },
    );
  }
  const rows = new Uint32Array(finite);
  for (let i = 0, r = 0; i < n; i++) if (usable(i)) rows[r++] = i;
  const gather = (values: Float64Array, into: Float64Array): Float64Array => {
    for (let r = 0; r < finite; r++) into[r] = values[rows[r]];
    return into;
  };
  const bins = options.bins ?? Math.max(2, Math.min(100, Math.floor(finite / 100)));
  if (!Number.isSafeInteger(bins) || bins < 2 || bins > finite) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: bins must be an integer from 2 to the number of samples (${finite}), got ${show(bins)}`,
      { parameter: 'bins', value: bins },
    );
  }

  const sorter = new RadixArgsort();
  const yFinite = gather(y, new Float64Array(finite));
  // Weights of the usable rows (all 1 without observations).
  const w =
    weights === undefined
      ? new Float64Array(finite).fill(1)
      : gather(weights, new Float64Array(finite));
  let totalWeight = 0;
  for (let r = 0; r < finite; r++) totalWeight += w[r];
  const rankOf = (values: Float64Array, out: Float64Array): Float64Array =>
    weights === undefined
      ? sorter.ranks(values, 0, finite, out)
      : weightedRanks(values, w, sorter, out);
  const yRanks = rankOf(yFinite, new Float64Array(finite));
  let yMean = 0;
  for (let r = 0; r < finite; r++) yMean += w[r] * yFinite[r];
  yMean /= totalWeight;
  let yVariance = 0;
  for (let r = 0; r < finite; r++) yVariance += w[r] * (yFinite[r] - yMean) ** 2;
  yVariance /= totalWeight;
  const median = (values: Float64Array, valueWeights: Float64Array | undefined): number =>
    valueWeights === undefined
      ? quantiles(values, [0.5])[0]
      : weightedQuantiles(values, valueWeights, [0.5])[0];
  const baselineMedian = median(y, weights);

  const inputIndexes = [outputIndex, ...ancestors]
    .sort((a, b) => a - b)
    .filter((j) => nodes[j].kind === 'input');
  const x = new Float64Array(finite);
  const xRanks = new Float64Array(finite);
  const yCentred = new Float64Array(finite);
  for (let r = 0; r < finite; r++) yCentred[r] = yFinite[r] - yMean;
  const design = groups > 1 ? groupsOfRows(rows, groups) : undefined;
  const scratch = new FirstOrderScratch();
  const reevaluated = new Float64Array(n);
  const results: InputSensitivity[] = inputIndexes.map((j) => {
    const name = nodes[j].name;
    const values = kept(name) as Float64Array;
    gather(values, x);
    rankOf(x, xRanks);
    const rankCorrelation = pearsonOf(xRanks, yRanks, w);
    const firstOrder = firstOrderIndex(
      { x, xRanks, yCentred, weights: weights === undefined ? undefined : w, yVariance, design },
      bins,
      scratch,
    );
    // Tornado: hold the input at its quantiles, recompute what depends on it.
    const [inputLow, inputHigh] =
      weights === undefined
        ? quantiles(values, levels)
        : weightedQuantiles(values, weights, levels);
    const outputAt = (held: number): number => {
      const heldWeights = reevaluate(nodes, kept, j, held, outputIndex, reevaluated, weighting);
      return median(reevaluated, heldWeights);
    };
    const outputAtLow = outputAt(inputLow);
    const outputAtHigh = outputAt(inputHigh);
    return {
      input: name,
      rankCorrelation,
      shareOfVariance: rankCorrelation * rankCorrelation,
      firstOrder,
      tornado: {
        inputLow,
        inputHigh,
        outputAtLow,
        outputAtHigh,
        swing: Math.abs(outputAtHigh - outputAtLow),
      },
    };
  });
  let squares = 0;
  for (const r of results) if (Number.isFinite(r.shareOfVariance)) squares += r.shareOfVariance;
  const inputs = results.map((r) => ({
    ...r,
    shareOfVariance: squares > 0 ? r.shareOfVariance / squares : Number.NaN,
  }));
  const key = (r: InputSensitivity): number => {
    const v =
      sortBy === 'swing'
        ? r.tornado.swing
        : sortBy === 'rankCorrelation'
          ? Math.abs(r.rankCorrelation)
          : r.firstOrder;
    return Number.isNaN(v) ? Number.NEGATIVE_INFINITY : v;
  };
  inputs.sort((a, b) => key(b) - key(a) || (a.input < b.input ? -1 : 1));
  return { output, samples: finite, baselineMedian, tornadoLevels: [levels[0], levels[1]], inputs };
}

/**
 * Recomputes `output` with input `held` fixed at `value` into `out` (full length): the nodes between
 * them are evaluated block by block; every other node is read from its kept samples. With weights, the
 * observed nodes are recomputed too when they depend on the held input, and the weights with them;
 * returns the weights that go with `out` (undefined without observations).
 */
function reevaluate(
  nodes: readonly NodeSpec[],
  kept: (name: string) => Float64Array | undefined,
  held: number,
  value: number,
  output: number,
  out: Float64Array,
  weighting: SensitivityWeighting | undefined,
): Float64Array | undefined {
  const n = out.length;
  const position = new Map(nodes.map((node, j) => [node.name, j]));
  const observed = (weighting?.observations ?? []).map((o) => ({
    index: position.get(o.name) as number,
    likelihood: o.likelihood,
  }));
  const last = Math.max(output, ...observed.map((o) => o.index));
  const changed = new Set<number>([held]);
  for (let j = held + 1; j <= last; j++) {
    if (readsOf(nodes, j).some((name) => changed.has(position.get(name) as number))) changed.add(j);
  }
  const reweigh = observed.some((o) => changed.has(o.index));
  const weights = reweigh ? new Float64Array(n) : weighting?.weights;
  const block = Math.min(REEVALUATION_BLOCK, n);
  const buffers = new Map<number, Float64Array>();
  for (const j of changed) if (j !== output) buffers.set(j, new Float64Array(block));
  const callbacks = new CallbackScope();
  for (let first = 0; first < n; first += block) {
    const length = Math.min(block, n - first);
    const views: Record<string, Samples> = {};
    for (let j = 0; j <= last; j++) {
      const node = nodes[j];
      let values: Float64Array;
      if (!changed.has(j)) {
        const all = kept(node.name);
        if (all === undefined) continue; // not read by anything recomputed (checked by the caller)
        values = all.subarray(first, first + length);
      } else {
        values =
          j === output
            ? out.subarray(first, first + length)
            : (buffers.get(j) as Float64Array).subarray(0, length);
        if (node.kind === 'input') values.fill(value);
        else computeDerived(node, views, values, callbacks);
      }
      views[node.name] = Samples.wrap(values);
    }
    if (reweigh && weights !== undefined) {
      const w = weights.subarray(first, first + length);
      w.fill(1);
      for (const o of observed) {
        const x = views[nodes[o.index].name].values;
        for (let i = 0; i < length; i++) {
          const xi = x[i];
          w[i] = xi - xi === 0 ? w[i] * o.likelihood(xi) : 0;
        }
      }
    }
  }
  return weights;
}

/** Mid-ranks in units of weight: the weight below a value plus half the weight of its ties. */
function weightedRanks(
  values: Float64Array,
  weights: Float64Array,
  sorter: RadixArgsort,
  out: Float64Array,
): Float64Array {
  const n = values.length;
  const order = sorter.argsort(values, 0, n, new Uint32Array(n));
  let below = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    let tie = 0;
    const v = values[order[i]];
    while (j < n && values[order[j]] === v) {
      tie += weights[order[j]];
      j++;
    }
    if (j === i) j = i + 1; // NaN never equals itself
    const rank = below + tie / 2;
    for (let r = i; r < j; r++) out[order[r]] = rank;
    below += tie;
    i = j;
  }
  return out;
}
