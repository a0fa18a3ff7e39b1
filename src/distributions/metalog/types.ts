/**
 * The public types of the metalog family: its bounds, the options of its fits, and the distribution
 * object with its coefficients.
 * @module
 */
import type { ContinuousDistribution } from '../types.js';

/**
 * Bounds of a metalog's support, in the unit of the quantity. Give `lower` for a quantity that cannot
 * go below it (a semi-bounded metalog, x = lower + e^M), `upper` for one that cannot exceed it, both
 * for a bounded metalog (logit transform), neither for an unbounded one.
 *
 * @example
 * ```ts
 * import { metalog, type MetalogBounds } from 'salvo';
 * const share: MetalogBounds = { lower: 0, upper: 1 };
 * metalog([0, 0.5], share).max; // => 1
 * ```
 */
export interface MetalogBounds {
  /** Lowest possible value, finite; the distribution approaches it but never takes it. */
  readonly lower?: number;
  /** Highest possible value, finite and greater than `lower`. */
  readonly upper?: number;
}

/**
 * Options of {@link metalog.fromQuantiles}: bounds and the number of terms.
 *
 * @example
 * ```ts
 * import { metalog, type MetalogQuantileOptions } from 'salvo';
 * const options: MetalogQuantileOptions = { terms: 3, lower: 0 };
 * metalog.fromQuantiles([[0.1, 4], [0.25, 6], [0.5, 9], [0.9, 17]], options).coefficients.length; // => 3
 * ```
 */
export interface MetalogQuantileOptions extends MetalogBounds {
  /**
   * Number of terms k, an integer from 2 to 10 and at most the number of pairs. Default: the number of
   * pairs, capped at 10. With as many pairs as terms the metalog passes through every pair exactly;
   * with more pairs it is their least-squares fit.
   */
  readonly terms?: number;
}

/**
 * Options of {@link metalog.fit}: bounds and the number of terms.
 *
 * @example
 * ```ts
 * import { metalog, type MetalogFitOptions } from 'salvo';
 * const options: MetalogFitOptions = { terms: 4, lower: 0 };
 * metalog.fit(Float64Array.of(3, 4, 4.5, 5, 6, 8, 11), options).coefficients.length; // => 4
 * ```
 */
export interface MetalogFitOptions extends MetalogBounds {
  /** Number of terms k, an integer from 2 to 10 and at most the number of data values. */
  readonly terms: number;
}

/**
 * A {@link metalog} distribution: a {@link ContinuousDistribution} that also exposes its coefficients
 * and bounds (what a SIPmath library or a spreadsheet needs to rebuild it).
 *
 * @example
 * ```ts
 * import { metalog, type MetalogDistribution } from 'salvo';
 * const d: MetalogDistribution = metalog([10, 2, 0.5], { lower: 0 });
 * d.coefficients; // => [10, 2, 0.5]
 * d.lower;        // => 0
 * d.upper;        // => undefined
 * ```
 */
export interface MetalogDistribution extends ContinuousDistribution {
  /** The coefficients a1 … ak (k from 2 to 10), in Keelin's order. */
  readonly coefficients: readonly number[];
  /** The lower bound, or `undefined` when there is none. */
  readonly lower: number | undefined;
  /** The upper bound, or `undefined` when there is none. */
  readonly upper: number | undefined;
}
