/**
 * The empirical CDF of a sample vector: one sorted copy of the finite values, then a binary search
 * per evaluation.
 * @module
 */
import { countAtMost } from '../special/search.js';
import { countNonFinite } from './extremes.js';
import {
  emptyError,
  finiteCopy,
  requireComparable,
  type SampleValues,
  toFloat64,
} from './values.js';

/**
 * An empirical cumulative distribution function: `F(x)` is the share of finite samples `<= x`. Callable,
 * with the sample counts attached and a vectorised form.
 *
 * @example
 * ```ts
 * import { type Ecdf, ecdf } from 'salvo';
 * const F: Ecdf = ecdf([3, 1, 2, 2, NaN]);
 * F(2);                  // => 0.75
 * F.count;               // => 4
 * F.nonFinite;           // => 1
 * F.evaluate([0, 2.5]);  // => Float64Array [0, 0.75]
 * ```
 */
export interface Ecdf {
  /**
   * The share of finite samples `<= x`.
   * @param x - any number except NaN (`F(-Infinity) = 0`, `F(Infinity) = 1`)
   * @throws {@link SalvoError} `INVALID_PARAMETER` when `x` is NaN
   */
  (x: number): number;
  /** Number of finite samples behind the function. */
  readonly count: number;
  /** Number of non-finite samples that were set aside. */
  readonly nonFinite: number;
  /**
   * Evaluates the function at each point.
   * @param xs - points, none of them NaN
   * @returns a new `Float64Array` of shares, aligned with `xs`
   * @throws {@link SalvoError} `INVALID_PARAMETER` naming `xs[i]` when one is NaN
   */
  evaluate(xs: SampleValues): Float64Array;
}

/**
 * Builds the empirical CDF of the finite values: sorts one copy of them (O(n log n), once), after which
 * each evaluation is a binary search. For a single point, `probability(values, '<=', x)` needs no sort.
 * @param values - the samples
 * @returns the function `F`, with `count`, `nonFinite` and `evaluate(xs)`
 * @throws {@link SalvoError} `EMPTY_DATA` when there is no finite value
 * @example
 * ```ts
 * import { ecdf } from 'salvo';
 * const F = ecdf(Float64Array.of(3, 1, 2, 2, NaN));
 * F(2);                  // => 0.75
 * F(0.5);                // => 0
 * F.nonFinite;           // => 1
 * F.evaluate([1, 2, 3]); // => Float64Array [0.25, 0.75, 1]
 * ```
 */
export function ecdf(values: SampleValues): Ecdf {
  const v = toFloat64('ecdf', values);
  const nonFinite = countNonFinite(v);
  const sorted = finiteCopy(v, nonFinite).sort();
  const count = sorted.length;
  if (count === 0) throw emptyError('ecdf', 0, nonFinite);
  const F = (x: number): number => {
    requireComparable('ecdf', 'x', x);
    return countAtMost(sorted, x) / count;
  };
  const evaluate = (xs: SampleValues): Float64Array => {
    const points = toFloat64('ecdf.evaluate', xs, 'xs');
    const out = new Float64Array(points.length);
    for (let i = 0; i < points.length; i++) {
      const x = points[i];
      requireComparable('ecdf.evaluate', `xs[${i}]`, x);
      out[i] = countAtMost(sorted, x) / count;
    }
    return out;
  };
  return Object.freeze(Object.assign(F, { count, nonFinite, evaluate }));
}
