/**
 * What a model is, as data: its nodes (inputs and derived nodes), observations and correlations, and
 * the segment length that the reproducibility contract rests on. The leaf of src/model/: every other
 * file of the folder reads these types, and this file reads none of them.
 *
 * Reproducibility rests on *segments*: fixed runs of {@link SEGMENT_LENGTH} samples. Segment k of input
 * `name` is always drawn from `deriveRng(seed, name, k)`, and statistics are accumulated per segment and
 * combined in segment order — so results depend only on (seed, model, sample count): not on the block
 * size, not on the order in which inputs were declared, and adding a node changes no other node's
 * samples (common random numbers).
 * @module
 */
import type { Distribution } from '../distributions/types.js';
import type { CompiledExpression } from '../expr/compile.js';
import type { Samples } from '../samples/samples.js';
import type { CorrelationPair } from './correlation.js';

/**
 * Canonical segment length: part of the reproducibility contract (changing it changes every seeded
 * result), not a tuning knob. A power of two so that block sizes divide evenly.
 *
 * @example
 * ```ts
 * import { SEGMENT_LENGTH } from 'salvo';
 * SEGMENT_LENGTH; // => 4096 (block sizes are multiples of it)
 * ```
 */
export const SEGMENT_LENGTH = 4096;

/**
 * What a derive callback receives: every node declared so far, as index-aligned {@link Samples}.
 *
 * @example
 * ```ts
 * import { model, normal, type NodeSamples, type Samples } from 'salvo';
 * const total = ({ a, b }: NodeSamples<'a' | 'b'>): Samples => a.add(b);
 * model({ seed: 1 }).input('a', normal(0, 1)).input('b', normal(0, 1)).derive('total', total).names;
 * // => ['a', 'b', 'total']
 * ```
 */
export type NodeSamples<Names extends string> = { readonly [K in Names]: Samples };

/**
 * A derive callback: computes a node from earlier nodes, element by element over aligned samples.
 *
 * @example
 * ```ts
 * import { type DeriveFunction, model, uniform } from 'salvo';
 * const doubled: DeriveFunction<'x'> = ({ x }) => x.mul(2);
 * model({ seed: 1 }).input('x', uniform(0, 1)).derive('doubled', doubled).names; // => ['x', 'doubled']
 * ```
 */
export type DeriveFunction<Names extends string> = (
  nodes: NodeSamples<Names>,
) => Samples | Float64Array;

/**
 * What `.observe` accepts as evidence about a node's value: a distribution, whose density (or mass)
 * at the node's sample is that sample's likelihood, or a function returning the likelihood (any
 * non-negative number; only ratios matter).
 *
 * @example
 * ```ts
 * import { lognormal, type Likelihood } from 'salvo';
 * // "1.5 million, give or take 40%": a lognormal around the report.
 * const ukraineReport: Likelihood = lognormal(Math.log(1.5e6), 0.4);
 * const atLeastAMillion: Likelihood = (shells) => (shells >= 1e6 ? 1 : 0);
 * typeof atLeastAMillion; // => 'function'
 * ```
 */
export type Likelihood = Distribution | ((value: number) => number);

/** @internal An observation: a node and the likelihood of each of its values. */
export interface Observation {
  readonly name: string;
  readonly likelihood: (value: number) => number;
  /** The distribution it came from, when it came from one (for worker threads and messages). */
  readonly dist: Distribution | undefined;
}

/** @internal */
export type NodeSpec =
  | {
      readonly kind: 'input';
      readonly name: string;
      readonly dist: Distribution;
      /** Written inside an expression (`380 to 600`): the expression declares it, not the model. */
      readonly inline?: true;
    }
  | { readonly kind: 'derived'; readonly name: string; readonly compute: DeriveFunction<string> }
  | { readonly kind: 'expression'; readonly name: string; readonly expression: CompiledExpression }
  | {
      readonly kind: 'each';
      readonly name: string;
      readonly compute: (row: Readonly<Record<string, number>>) => number;
    };

/**
 * @internal What a run needs of a model: its seed, nodes, correlations and observations. The builder
 * ({@link Model}) is one; runs, plans and worker threads read only this.
 */
export interface ModelDefinition {
  readonly seed: number | string;
  readonly nodes: readonly NodeSpec[];
  readonly correlations: readonly CorrelationPair[];
  readonly observations: readonly Observation[];
}
