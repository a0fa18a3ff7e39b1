/**
 * Shares of values per group of segments, for error estimates under a sampling design: segment k
 * (values [k·L, (k + 1)·L) for segment length L) belongs to group k mod `groups`, and the groups are
 * independent copies of the design.
 * @module
 */
import type { QuantileSketch } from '../sketch/sketch.js';
import { type ComparisonOp, countWhere } from './probability.js';
import { groupStandardError } from './segmentMoments.js';

/** A share estimated over groups of segments, with the standard error their spread implies. */
export interface GroupShare {
  /** The share of finite values satisfying the comparison, over all groups. */
  readonly share: number;
  /** Its standard error from the spread of the groups' shares (NaN with fewer than two groups). */
  readonly standardError: number;
  /** Groups that hold a finite value. */
  readonly groups: number;
}

/**
 * The share of the finite `values` with `value op x`, and its standard error from the groups' own
 * shares (see `groupStandardError` in src/samples/segmentMoments.ts).
 */
export function groupShare(
  values: Float64Array,
  op: ComparisonOp,
  x: number,
  groups: number,
  segmentLength: number,
): GroupShare {
  const finite = new Float64Array(groups);
  const shares = new Float64Array(groups);
  for (let first = 0, k = 0; first < values.length; first += segmentLength, k++) {
    const segment = values.subarray(first, Math.min(first + segmentLength, values.length));
    const { count, nonFinite } = countWhere(segment, op, x);
    const g = k % groups;
    finite[g] += segment.length - nonFinite;
    shares[g] += count; // counts for now, shares below
  }
  let total = 0;
  let hits = 0;
  let nonEmpty = 0;
  for (let g = 0; g < groups; g++) {
    total += finite[g];
    hits += shares[g];
    if (finite[g] > 0) {
      shares[g] /= finite[g];
      nonEmpty++;
    }
  }
  return {
    share: total > 0 ? hits / total : Number.NaN,
    standardError: groupStandardError(finite, shares),
    groups: nonEmpty,
  };
}

/**
 * {@link groupShare} from a sketch per group: each group's share of finite values with `value op x`,
 * read from its sketch's ranks (so at the resolution of its buckets — enough for the spread of the
 * groups, which is all the standard error needs).
 */
export function sketchGroupShare(
  sketches: readonly QuantileSketch[],
  op: ComparisonOp,
  x: number,
): GroupShare {
  const finite = new Float64Array(sketches.length);
  const shares = new Float64Array(sketches.length);
  let total = 0;
  let hits = 0;
  let nonEmpty = 0;
  sketches.forEach((sketch, g) => {
    const n = sketch.count;
    if (n === 0) return;
    const atMost = sketch.rank(x, true);
    const below = sketch.rank(x);
    const count =
      op === '<'
        ? below
        : op === '<='
          ? atMost
          : op === '>'
            ? n - atMost
            : op === '>='
              ? n - below
              : op === '=='
                ? atMost - below
                : n - (atMost - below);
    finite[g] = n;
    shares[g] = count / n;
    total += n;
    hits += count;
    nonEmpty++;
  });
  return {
    share: total > 0 ? hits / total : Number.NaN,
    standardError: groupStandardError(finite, shares),
    groups: nonEmpty,
  };
}
