/**
 * Samples weighed against evidence (`.observe`): each sample's weight is the product of the
 * observations' likelihoods, every node's weighted moments and sketch are folded segment by segment,
 * and Σw and Σw² over all samples give Kish's effective sample size. Every sum is exact (per-segment
 * figures into exact sums, bucket masses into exact sums), so a weighted run folds the same bits
 * whatever the block size, and its partial runs merge in any order to the bits of one run. Shared by
 * `model.run` (weightedRun.ts) and partial runs (partial.ts).
 * @module
 */
import { SalvoError } from '../errors.js';
import { ExactSum } from '../samples/exactSum.js';
import {
  WEIGHTED_STATS,
  WeightedAccumulator,
  weightedSegmentStats,
} from '../samples/segmentMoments.js';
import { QuantileSketch } from '../sketch/sketch.js';
import { show } from '../validate.js';
import { type ModelDefinition, SEGMENT_LENGTH } from './definition.js';
import type { RunOptions } from './options.js';
import type { RunPlan } from './plan.js';
import type { RunWarning } from './result.js';

/** An observation with the index of its node. */
interface Observed {
  readonly name: string;
  readonly index: number;
  readonly likelihood: (value: number) => number;
}

/** The run's options for weak evidence, checked. */
export interface EvidenceOptions {
  readonly minEffectiveSampleSize: number;
  readonly onLowEffectiveSampleSize: 'warn' | 'throw';
}

/**
 * Throws `UNSUPPORTED` for what a weighted run cannot do yet: `until`, `exactQuantiles` and
 * `thresholds` (and, for partial runs, `lazyInputs`: an input drawn again has no weights).
 */
export function requireWeighable(
  where: string,
  plan: RunPlan,
  until: unknown,
  lazyInputs = false,
): void {
  if (until !== undefined) {
    throw new SalvoError(
      'UNSUPPORTED',
      `${where}: until cannot yet be combined with .observe; give samples`,
      { parameter: 'until', value: until },
    );
  }
  if (plan.exactQuantiles.size > 0 || plan.thresholds.size > 0) {
    throw new SalvoError(
      'UNSUPPORTED',
      `${where}: exactQuantiles and thresholds cannot yet be combined with .observe; keep the nodes instead`,
      {
        parameter: plan.exactQuantiles.size > 0 ? 'exactQuantiles' : 'thresholds',
        value: [...plan.exactQuantiles, ...plan.thresholds.keys()],
      },
    );
  }
  if (lazyInputs) {
    throw new SalvoError(
      'UNSUPPORTED',
      `${where}: lazyInputs cannot be combined with .observe (an input drawn again on request would carry no weights); leave it out`,
      { parameter: 'lazyInputs', value: lazyInputs },
    );
  }
}

/** `minEffectiveSampleSize` and `onLowEffectiveSampleSize` checked, with their defaults (1,000; warn). */
export function evidenceOptions(
  where: string,
  options: Pick<RunOptions<string>, 'minEffectiveSampleSize' | 'onLowEffectiveSampleSize'>,
): EvidenceOptions {
  const threshold = options.minEffectiveSampleSize ?? 1_000;
  if (typeof threshold !== 'number' || !(threshold >= 0)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: minEffectiveSampleSize must be a non-negative number, got ${show(threshold)}`,
      { parameter: 'minEffectiveSampleSize', value: threshold },
    );
  }
  const onLow = options.onLowEffectiveSampleSize ?? 'warn';
  if (onLow !== 'warn' && onLow !== 'throw') {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: onLowEffectiveSampleSize must be 'warn' or 'throw', got ${show(onLow)}`,
      { parameter: 'onLowEffectiveSampleSize', value: onLow },
    );
  }
  return { minEffectiveSampleSize: threshold, onLowEffectiveSampleSize: onLow };
}

/**
 * Sets each sample's weight to the product of the observations' likelihoods at its values (0 where
 * an observed value is not finite).
 */
export class Weigher {
  private readonly observed: readonly Observed[];

  constructor(
    m: ModelDefinition,
    private readonly where: string,
  ) {
    this.observed = m.observations.map((o) => ({
      name: o.name,
      index: m.nodes.findIndex((n) => n.name === o.name),
      likelihood: o.likelihood,
    }));
  }

  /** Writes the weights of samples [0, length) of a block into `w`, from every node's `values`. */
  weigh(values: readonly Float64Array[], w: Float64Array, length: number): void {
    w.fill(1, 0, length);
    for (const o of this.observed) {
      const x = values[o.index];
      for (let i = 0; i < length; i++) {
        const xi = x[i];
        if (xi - xi !== 0) {
          w[i] = 0; // a non-finite value cannot be weighed against evidence
          continue;
        }
        const l = o.likelihood(xi);
        if (typeof l !== 'number' || !(l >= 0) || l === Number.POSITIVE_INFINITY) {
          throw new SalvoError(
            'INVALID_PARAMETER',
            `${this.where}: the likelihood observed on ${show(o.name)} must return a finite number >= 0, got ${show(l)} for the value ${xi}`,
            { parameter: o.name, value: l },
          );
        }
        w[i] *= l;
      }
    }
  }
}

/**
 * A weighted run's sums: per node its weighted moments and (for nodes not kept) its weighted sketch,
 * and Σw, Σw² over every sample — all exact.
 */
export class WeightedFold {
  readonly accumulators: WeightedAccumulator[];
  readonly sketches: (QuantileSketch | undefined)[];
  /** Σw over every sample. */
  readonly weights = new ExactSum();
  /** Σw² over every sample. */
  readonly weightSquares = new ExactSum();
  private readonly stats = new Float64Array(WEIGHTED_STATS);

  /** @param sketched - per node, whether it gets a sketch (nodes whose samples are kept do not) */
  constructor(sketched: readonly boolean[]) {
    this.accumulators = sketched.map(() => new WeightedAccumulator());
    this.sketches = sketched.map((s) => (s ? new QuantileSketch() : undefined));
  }

  /**
   * Folds a block: samples [0, length) of every node's `values`, with weights `w`; the block starts a
   * segment. The first segment folded sets every accumulator's shift; a part of a run that does not
   * start with the run's first segment is given the shifts instead ({@link weightedShifts}).
   */
  fold(values: readonly Float64Array[], w: Float64Array, length: number): void {
    const stats = this.stats;
    for (let s = 0; s < length; s += SEGMENT_LENGTH) {
      const end = Math.min(s + SEGMENT_LENGTH, length);
      let sumW = 0;
      let sumW2 = 0;
      for (let i = s; i < end; i++) {
        sumW += w[i];
        sumW2 += w[i] * w[i];
      }
      this.weights.add(sumW);
      this.weightSquares.add(sumW2);
      for (let j = 0; j < this.accumulators.length; j++) {
        weightedSegmentStats(values[j], w, s, end, stats, 0);
        this.accumulators[j].combine(stats, 0);
        this.sketches[j]?.addWeighted(values[j], w, s, end);
      }
    }
  }
}

/**
 * Each node's weighted mean over samples [0, length) — the run's first segment — or 0 where they
 * have no weight: the shift a weighted run's sums are taken about (what folding that segment first
 * sets, {@link WeightedAccumulator.combine}).
 */
export function weightedShifts(
  values: readonly Float64Array[],
  w: Float64Array,
  length: number,
): number[] {
  const stats = new Float64Array(WEIGHTED_STATS);
  const end = Math.min(SEGMENT_LENGTH, length);
  return values.map((v) => {
    weightedSegmentStats(v, w, 0, end, stats, 0);
    return stats[2] > 0 ? stats[4] : 0;
  });
}

/**
 * Kish's effective sample size (Σw)²/Σw² of a weighted run, checked against the evidence options:
 * `EMPTY_DATA` when every weight is 0, a `LOW_EFFECTIVE_SAMPLE_SIZE` warning (or, with `'throw'`, an
 * error) below the minimum.
 */
export function checkedEffectiveSampleSize(
  where: string,
  m: ModelDefinition,
  sumW: number,
  sumW2: number,
  samples: number,
  options: EvidenceOptions,
): { effectiveSampleSize: number; warnings: RunWarning[] } {
  const names = m.observations.map((o) => o.name).join(', ');
  if (!(sumW > 0)) {
    throw new SalvoError(
      'EMPTY_DATA',
      `${where}: every sample has weight 0 — the evidence observed on ${names} is impossible under the model, or so improbable that every likelihood underflows; widen the inputs or the observation, or check that they describe the same quantity`,
      { parameter: 'observe', value: names },
    );
  }
  const effectiveSampleSize = (sumW * sumW) / sumW2;
  const warnings: RunWarning[] = [];
  const threshold = options.minEffectiveSampleSize;
  if (effectiveSampleSize < threshold) {
    const message = `the evidence observed on ${names} leaves an effective sample size of ${Math.round(effectiveSampleSize).toLocaleString('en-US')} of ${samples.toLocaleString('en-US')} samples (below ${threshold.toLocaleString('en-US')}): the observations sit far in the tails of the model's prior, so the weighted results rest on few samples; draw more samples, widen the priors, or check that the evidence and the model agree`;
    if (options.onLowEffectiveSampleSize === 'throw') {
      throw new SalvoError('INVALID_PARAMETER', `${where}: ${message}`, {
        parameter: 'minEffectiveSampleSize',
        value: effectiveSampleSize,
      });
    }
    warnings.push({ code: 'LOW_EFFECTIVE_SAMPLE_SIZE', message });
  }
  return { effectiveSampleSize, warnings };
}
