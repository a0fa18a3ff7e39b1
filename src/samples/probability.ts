/**
 * Tail probabilities of a sample vector: the comparison operators, and the share of finite values
 * that satisfy a comparison, counted branch-free in one pass.
 * @module
 */
import { SalvoError } from '../errors.js';
import { show } from '../validate.js';
import { emptyError, requireComparable, type SampleValues, toFloat64 } from './values.js';

/**
 * A comparison operator understood by {@link probability}.
 *
 * @example
 * ```ts
 * import { type ComparisonOp, probability } from 'salvo';
 * const op: ComparisonOp = '>=';
 * probability([1, 2, 3, 4, 5], op, 4);    // => 0.4
 * probability([1, 2, 3, 4, 5], '!=', 3);  // => 0.8
 * ```
 */
export type ComparisonOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

const COMPARISON_OPS: readonly ComparisonOp[] = ['<', '<=', '>', '>=', '==', '!='];

/**
 * Throws unless `op` is a {@link ComparisonOp}; returns it typed.
 * @internal
 */
export function requireOp(where: string, op: unknown): ComparisonOp {
  if (!COMPARISON_OPS.includes(op as ComparisonOp)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: op must be one of '<', '<=', '>', '>=', '==', '!=', got ${show(op)}`,
      { parameter: 'op', value: op },
    );
  }
  return op as ComparisonOp;
}

/** How many finite values satisfy a comparison, and how many values are not finite. */
export interface FiniteCount {
  readonly count: number;
  readonly nonFinite: number;
}

/**
 * How many finite `y` of `v` satisfy `y op x` (`x` not NaN), and how many values are not finite. The
 * comparisons are coin flips a branch predictor would miss, so one pass adds them up branch-free
 * (`+(y < x)`) over every value, and sums `y - y` (0 for every finite `y`, NaN otherwise) to learn
 * whether any value is not finite; only then does a second pass count those values and take their
 * part back out. `>`, `>=` and `!=` are counted as the complements, among finite values, of `<=`, `<`
 * and `==`.
 */
export function countWhere(v: Float64Array, op: ComparisonOp, x: number): FiniteCount {
  const base = op === '>' ? '<=' : op === '>=' ? '<' : op === '!=' ? '==' : op;
  const n = v.length;
  let count = 0;
  let finiteCheck = 0;
  // One loop per operator, so the comparison is inline (no callback per element).
  if (base === '<') {
    for (let i = 0; i < n; i++) {
      const y = v[i];
      count += +(y < x);
      finiteCheck += y - y;
    }
  } else if (base === '<=') {
    for (let i = 0; i < n; i++) {
      const y = v[i];
      count += +(y <= x);
      finiteCheck += y - y;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const y = v[i];
      count += +(y === x);
      finiteCheck += y - y;
    }
  }
  let nonFinite = 0;
  if (finiteCheck !== 0) {
    for (let i = 0; i < n; i++) {
      const y = v[i];
      if (y - y !== 0) {
        nonFinite++;
        if (base === '<' ? y < x : base === '<=' ? y <= x : y === x) count--;
      }
    }
  }
  const complement = base !== op;
  return { count: complement ? n - nonFinite - count : count, nonFinite };
}

/**
 * Share of the finite samples for which `sample op threshold` holds: the Monte Carlo estimate of a tail
 * probability such as P(shells > 3,000,000). Non-finite samples are left out of both the count and the
 * denominator.
 * @param values - the samples
 * @param op - one of `'<'`, `'<='`, `'>'`, `'>='`, `'=='`, `'!='`
 * @param threshold - the value compared against; ±Infinity allowed, NaN not
 * @returns a fraction in [0, 1]
 * @throws {@link SalvoError} `INVALID_PARAMETER` for an unknown `op` or a NaN `threshold`;
 *   `EMPTY_DATA` when there is no finite value
 * @example
 * ```ts
 * import { probability } from 'salvo';
 * const x = Float64Array.of(1, 2, 3, 4, 5);
 * probability(x, '>', 3);  // => 0.4
 * probability(x, '<=', 3); // => 0.6
 * ```
 */
export function probability(values: SampleValues, op: ComparisonOp, threshold: number): number {
  const v = toFloat64('probability', values);
  requireOp('probability', op);
  requireComparable('probability', 'threshold', threshold);
  const { count, nonFinite } = countWhere(v, op, threshold);
  const finite = v.length - nonFinite;
  if (finite === 0) throw emptyError('probability', 0, nonFinite);
  return count / finite;
}
