/**
 * Discrete sampling by inversion with a guide table (H.-C. Chen and Y. Asau, "On generating random
 * variates from an empirical distribution", AIIE Transactions 6(2), 1974): the cumulative probabilities
 * of the likely values are tabulated once, and a guide table sends each uniform u to within about two
 * comparisons of the smallest k with u < P(X <= k). Shared by the Poisson, binomial and negative
 * binomial families while their tables are small, for sampling (`fill`) and for the inversion of given
 * uniforms (`invert`, behind `fillFromUniforms`).
 * @internal
 * @module
 */
import type { Rng } from '../rng/types.js';

/**
 * How far the tabulated cumulative probabilities may stray from the family's cdf. They are summed by a
 * recurrence over at most 16,384 terms, each step rounding by a few 2^-53 relative, so they stray by
 * below 1e-11; the margin is a hundred times that. A uniform this close to a tabulated value is
 * answered by the exact quantile, which happens about twice in a billion uniforms.
 */
const TABLE_MARGIN = 1e-9;

/**
 * Guide table of Chen and Asau (1974) over cum[0..size-1]: entry j is the smallest k with
 * cum[k] > j / size, so that search for u starts at guide[floor(u size)] and takes about two steps.
 */
function buildGuide(cum: Float64Array, size: number): Int32Array {
  const guide = new Int32Array(size);
  let k = 0;
  for (let j = 0; j < size; j++) {
    const level = j / size;
    while (k < size && cum[k] <= level) k++;
    guide[j] = k;
  }
  return guide;
}

/**
 * cum[k] = P(X <= first + k) for k <= last, cum[last + 1] = Infinity (a sentinel), and its guide table.
 * The samplers' tables start at first = 0; the exact-cdf tables of {@link exactCdfTable} anywhere.
 */
export class InversionTable {
  /** Cumulative probabilities, with an Infinity sentinel after the last tabulated value. */
  readonly cum: Float64Array;
  /** guide[j] = the smallest k with cum[k] > j / guide.length. */
  readonly guide: Int32Array;
  /** The largest tabulated index (the largest value when first = 0). */
  readonly last: number;
  /** The value of index 0. */
  readonly first: number;
  /** P(X < first): 0 when first is the smallest value. */
  readonly floor: number;

  /**
   * @param cumulative - P(X <= first + k) for k = 0, 1, ..., last (non-decreasing, at least one entry)
   * @param first - the value of the first entry (default 0)
   * @param floor - P(X < first) (default 0)
   */
  constructor(cumulative: readonly number[], first = 0, floor = 0) {
    this.first = first;
    this.floor = floor;
    this.last = cumulative.length - 1;
    this.cum = new Float64Array(cumulative.length + 1);
    this.cum.set(cumulative);
    this.cum[cumulative.length] = Number.POSITIVE_INFINITY;
    this.guide = buildGuide(this.cum, cumulative.length);
  }

  /**
   * Fills `out` with one draw per element: one uniform each, generated in bulk (`fillFloat64` consumes
   * exactly as `out.length` calls of `nextFloat64` would), mapped through the table. A uniform beyond
   * the table (probability below about 1e-19) is left in place negated, as `-u` (exact, and negative
   * because such a u is at least cum[last] > 0), and its count returned, so that the caller continues those few searches (see {@link InversionTable.finish}).
   */
  fill(out: Float64Array, rng: Rng): number {
    rng.fillFloat64(out);
    const cum = this.cum;
    const guide = this.guide;
    const m = guide.length;
    const last = this.last;
    const n = out.length;
    let beyond = 0;
    for (let i = 0; i < n; i++) {
      const u = out[i];
      let k = guide[(u * m) | 0];
      while (u >= cum[k]) k++;
      if (k > last) {
        out[i] = -u;
        beyond++;
      } else {
        out[i] = k;
      }
    }
    return beyond;
  }

  /**
   * For each u of `uniforms` (in [0, 1]), writes into `out` (which may be `uniforms`) the smallest x
   * with P(X <= x) >= u: first + k for the smallest k with cum[k] > u, or, for a table of the reflected
   * variable Y = reflectAt - X (the binomial's, when p > 1/2), reflectAt - (first + k) for the smallest
   * k with cum[k] > 1 - u. Where that probability lies within {@link TABLE_MARGIN} of a tabulated one,
   * or outside the table, the answer is `exact(u)`, the family's quantile: so the result always equals
   * the quantile, whose cdf the table's sums only approximate.
   */
  invert(
    uniforms: Float64Array,
    out: Float64Array,
    exact: (u: number) => number,
    reflectAt?: number,
  ): void {
    const cum = this.cum;
    const guide = this.guide;
    const m = guide.length;
    const lastCell = m - 1;
    const last = this.last;
    const n = uniforms.length;
    const reflect = reflectAt !== undefined;
    const floor = this.floor;
    // Reflected: with cum[k - 1] < v < cum[k], P(X <= reflectAt - first - k) = 1 - cum[k - 1] > u and
    // P(X <= reflectAt - first - k - 1) = 1 - cum[k] < u.
    const offset = reflect ? reflectAt - this.first : this.first;
    const sign = reflect ? -1 : 1;
    for (let i = 0; i < n; i++) {
      const u = uniforms[i];
      const v = reflect ? 1 - u : u;
      // Smallest k with v < cum[k] (the sampler's search), then margins on both sides of v.
      let k = guide[Math.min((v * m) | 0, lastCell)];
      while (v >= cum[k]) k++;
      const below = k > 0 ? cum[k - 1] : floor;
      out[i] =
        k > last || v < below + TABLE_MARGIN || v > cum[k] - TABLE_MARGIN
          ? exact(u)
          : offset + sign * k;
    }
  }

  /** Replaces each `-u` left by {@link InversionTable.fill} with `tail(u)`. */
  static finish(out: Float64Array, tail: (u: number) => number): void {
    for (let i = 0; i < out.length; i++) if (out[i] < 0) out[i] = tail(-out[i]);
  }
}

/** Tables of the exact cdf hold at most this many values (a few hundred kilobytes, tens of ms to make). */
const MAX_EXACT_ENTRIES = 32768;

/** Uniforms below this or above 1 minus it go to the exact quantile, outside an exact-cdf table. */
const EXACT_TABLE_TAIL = 1e-9;

/**
 * An inversion table of the family's own cdf over its central values, for `fillFromUniforms` where the
 * sampler keeps no table (a Poisson mean from 500 on and the like): cum[k] = cdf(lo + k) for lo =
 * quantile(1e-9) to hi = quantile(1 - 1e-9). Undefined when that takes more than
 * {@link MAX_EXACT_ENTRIES} entries or the cdf decreases there; the family's quantile then serves.
 * @param cdf - P(X <= k) for integer k, as the family's quantile search evaluates it
 * @param quantile - the family's quantile
 */
export function exactCdfTable(
  cdf: (k: number) => number,
  quantile: (p: number) => number,
): InversionTable | undefined {
  const lo = quantile(EXACT_TABLE_TAIL);
  const hi = quantile(1 - EXACT_TABLE_TAIL);
  if (!(hi - lo + 1 <= MAX_EXACT_ENTRIES)) return undefined;
  const floor = cdf(lo - 1);
  const cumulative: number[] = [];
  let previous = floor;
  for (let k = lo; k <= hi; k++) {
    const c = cdf(k);
    if (!(c >= previous && c <= 1)) return undefined;
    cumulative.push(c);
    previous = c;
  }
  return new InversionTable(cumulative, lo, floor);
}
