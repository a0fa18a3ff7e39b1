/**
 * Evaluation of a metalog from its coefficients — the one place that turns coefficients into values:
 * Keelin's basis, the quantile function M at a probability or at its logit, its slope, its inverse,
 * and the bound transforms. The distribution, its feasibility check, its moments, the least-squares
 * fits and the SIPmath import all evaluate through here.
 *
 * Everything is computed in the logit u = L of the probability, where t = tanh(u / 2) / 2 and
 * dM/du = y (1 − y) dM/dy = Q(t) + (P′(t) + u Q′(t)) (1/4 − t²) =: g(u), which is positive exactly
 * where the density is (Keelin's feasibility condition). g tends to Q(∓1/2) at the two ends.
 *
 * - Sampling: inversion with one 53-bit uniform u per draw (`fillFloat64`, then transformed in place),
 *   evaluated at the middle of u's cell, y = u + 2^−54 and 1 − y = (1 − u) − 2^−54, so that no draw is
 *   infinite.
 * - CDF: Newton's method on M(u) = z, safeguarded by bisection inside a bracket, to 1e-14 in u
 *   (hence in p and 1 − p, relatively); density 1 / (dM/dy) at that y, times the bound's Jacobian.
 * @internal
 * @module
 */

/** Half the spacing of the 53-bit uniforms: samples use the middle of each uniform's cell. */
const HALF_CELL = 2 ** -54;

export const UNBOUNDED = 0;
export const LOWER = 1;
export const UPPER = 2;
export const BOUNDED = 3;
/** Which bounds a metalog has: none, lower, upper or both. */
export type BoundKind = typeof UNBOUNDED | typeof LOWER | typeof UPPER | typeof BOUNDED;

/** A metalog's bounds as its evaluation uses them. */
export interface MetalogSupport {
  readonly kind: BoundKind;
  /** The bounds, ±Infinity where absent, and their distance. */
  readonly lo: number;
  readonly hi: number;
  readonly width: number;
}

/** The support of a metalog with these (valid) bounds. */
export function supportOf(lower: number | undefined, upper: number | undefined): MetalogSupport {
  const kind =
    lower === undefined
      ? upper === undefined
        ? UNBOUNDED
        : UPPER
      : upper === undefined
        ? LOWER
        : BOUNDED;
  const lo = lower ?? Number.NEGATIVE_INFINITY;
  const hi = upper ?? Number.POSITIVE_INFINITY;
  return { kind, lo, hi, width: hi - lo };
}

// ---------------------------------------------------------------------------------------------------
// The quantile function in logit space. `pc` holds (a1, a4, a5, a7, a9) and `qc` (a2, a3, a6, a8, a10),
// zero-padded, as polynomial coefficients in t = y - 1/2.

/** Splits a1 … ak (k <= 10) into the zero-padded P and Q coefficient vectors. */
export function splitCoefficients(a: ArrayLike<number>): { pc: Float64Array; qc: Float64Array } {
  const pc = new Float64Array(5);
  const qc = new Float64Array(5);
  // Term j (1-based) goes to P or Q at the power of t it multiplies.
  const target: readonly [Float64Array, number][] = [
    [pc, 0],
    [qc, 0],
    [qc, 1],
    [pc, 1],
    [pc, 2],
    [qc, 2],
    [pc, 3],
    [qc, 3],
    [pc, 4],
    [qc, 4],
  ];
  for (let j = 0; j < a.length; j++) target[j][0][target[j][1]] = a[j];
  return { pc, qc };
}

/** The polynomial with coefficients `c` (constant first) at t. */
export function poly(c: Float64Array, t: number): number {
  return (((c[4] * t + c[3]) * t + c[2]) * t + c[1]) * t + c[0];
}

function polySlope(c: Float64Array, t: number): number {
  return ((4 * c[4] * t + 3 * c[3]) * t + 2 * c[2]) * t + c[1];
}

/** y (1 - y) for y = 1 / (1 + e^-u), without cancellation or overflow: e^-|u| / (1 + e^-|u|)². */
export function logisticDensity(u: number): number {
  const e = Math.exp(-Math.abs(u));
  const d = 1 + e;
  return e / (d * d);
}

/** y = 1 / (1 + e^-u). */
export function logistic(u: number): number {
  return 1 / (1 + Math.exp(-u));
}

/** M at the logit u of y. */
export function mAtLogit(pc: Float64Array, qc: Float64Array, u: number): number {
  const t = 0.5 * Math.tanh(0.5 * u);
  return poly(pc, t) + u * poly(qc, t);
}

/** g(u) = dM/du = y (1 - y) dM/dy: positive wherever the density is. */
export function slopeAtLogit(pc: Float64Array, qc: Float64Array, u: number): number {
  const t = 0.5 * Math.tanh(0.5 * u);
  return (polySlope(pc, t) + u * polySlope(qc, t)) * logisticDensity(u) + poly(qc, t);
}

/** M at the probability p, strictly between 0 and 1. */
export function mAtProbability(pc: Float64Array, qc: Float64Array, p: number): number {
  const t = p - 0.5;
  return poly(pc, t) + Math.log(p / (1 - p)) * poly(qc, t);
}

/**
 * The logit u with M(u) = z, for z strictly between M's limits: bracketed by doubling away from 0,
 * then Newton's method, falling back to bisection whenever a step leaves the bracket.
 */
export function logitOf(pc: Float64Array, qc: Float64Array, z: number): number {
  let lo: number;
  let hi: number;
  if (mAtLogit(pc, qc, 0) <= z) {
    lo = 0;
    hi = 1;
    while (mAtLogit(pc, qc, hi) < z) {
      lo = hi;
      hi *= 2;
      if (hi > 4096) return Number.POSITIVE_INFINITY;
    }
  } else {
    hi = 0;
    lo = -1;
    while (mAtLogit(pc, qc, lo) > z) {
      hi = lo;
      lo *= 2;
      if (lo < -4096) return Number.NEGATIVE_INFINITY;
    }
  }
  let u = 0.5 * (lo + hi);
  for (let i = 0; i < 200; i++) {
    const f = mAtLogit(pc, qc, u) - z;
    if (f === 0) return u;
    if (f < 0) lo = u;
    else hi = u;
    let next = u - f / slopeAtLogit(pc, qc, u);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const done = Math.abs(next - u) <= 1e-14 * Math.max(1, Math.abs(u));
    u = next;
    if (done || !(hi - lo > 1e-15 * Math.max(1, Math.abs(u)))) break;
  }
  return u;
}

// ---------------------------------------------------------------------------------------------------
// Bounds: x = lower + e^M, x = upper − e^−M, or x = lower + (upper − lower) / (1 + e^−M).

/** x from the unbounded metalog's value m. */
export function boundedValue(m: number, support: MetalogSupport): number {
  switch (support.kind) {
    case UNBOUNDED:
      return m;
    case LOWER:
      return support.lo + Math.exp(m);
    case UPPER:
      return support.hi - Math.exp(-m);
    default:
      // lower + width σ(m), written from the nearer bound.
      return m >= 0
        ? support.hi - support.width / (1 + Math.exp(m))
        : support.lo + support.width / (1 + Math.exp(-m));
  }
}

/** {@link boundedValue} of every element of `out`, in place. */
export function boundInPlace(out: Float64Array, support: MetalogSupport): void {
  const n = out.length;
  const lo = support.lo;
  const hi = support.hi;
  const width = support.width;
  switch (support.kind) {
    case LOWER:
      for (let i = 0; i < n; i++) out[i] = lo + Math.exp(out[i]);
      break;
    case UPPER:
      for (let i = 0; i < n; i++) out[i] = hi - Math.exp(-out[i]);
      break;
    case BOUNDED:
      for (let i = 0; i < n; i++) {
        const m = out[i];
        out[i] = m >= 0 ? hi - width / (1 + Math.exp(m)) : lo + width / (1 + Math.exp(-m));
      }
      break;
  }
}

/** The unbounded metalog's value for x strictly inside the bounds. */
export function unboundedValue(x: number, support: MetalogSupport): number {
  switch (support.kind) {
    case UNBOUNDED:
      return x;
    case LOWER:
      return Math.log(x - support.lo);
    case UPPER:
      return -Math.log(support.hi - x);
    default:
      return Math.log(x - support.lo) - Math.log(support.hi - x);
  }
}

/** dz/dx of {@link unboundedValue} at x. */
export function unboundedSlope(x: number, support: MetalogSupport): number {
  switch (support.kind) {
    case UNBOUNDED:
      return 1;
    case LOWER:
      return 1 / (x - support.lo);
    case UPPER:
      return 1 / (support.hi - x);
    default:
      return support.width / ((x - support.lo) * (support.hi - x));
  }
}

// ---------------------------------------------------------------------------------------------------
// Many values at once.

/**
 * Turns 53-bit uniforms u (as `fillFloat64` gives them) into the metalog's values, in place, at the
 * middle of each uniform's cell.
 */
export function quantilesOfUniformCells(
  out: Float64Array,
  pc: Float64Array,
  qc: Float64Array,
  support: MetalogSupport,
): void {
  const p0 = pc[0];
  const p1 = pc[1];
  const p2 = pc[2];
  const p3 = pc[3];
  const p4 = pc[4];
  const q0 = qc[0];
  const q1 = qc[1];
  const q2 = qc[2];
  const q3 = qc[3];
  const q4 = qc[4];
  const n = out.length;
  for (let i = 0; i < n; i++) {
    const u = out[i];
    // The middle of u's cell, with both tails exact: y = u + 2^-54, 1 - y = (1 - u) - 2^-54.
    const y = u + HALF_CELL;
    const t = y - 0.5;
    const logit = Math.log(y / (1 - u - HALF_CELL));
    out[i] =
      (((p4 * t + p3) * t + p2) * t + p1) * t +
      p0 +
      logit * ((((q4 * t + q3) * t + q2) * t + q1) * t + q0);
  }
  boundInPlace(out, support);
}

/**
 * The metalog's values at the probabilities `y` (strictly between 0 and 1) into `out`, for any number
 * of coefficients (SIPmath 3.0 allows 16): M summed term by term in Keelin's order, a1 + a2 L +
 * a3 (y − ½) L + a4 (y − ½) + a5 (y − ½)² + …, each term multiplied left to right, as the spreadsheet
 * tools evaluate it (the distribution's own sampling groups the terms into P + L·Q instead, which
 * rounds differently in the last bits).
 */
export function quantilesByTerms(
  a: Float64Array,
  support: MetalogSupport,
  y: Float64Array,
  out: Float64Array,
): void {
  const k = a.length;
  for (let i = 0; i < y.length; i++) {
    const c = y[i] - 0.5;
    const logit = Math.log(y[i] / (1 - y[i]));
    // Terms 1 + a2 L + a3 c L + a4 c, then c², c² L, c³, c³ L, … in Keelin's order.
    let m = a[0] + a[1] * logit;
    if (k > 2) m += a[2] * c * logit;
    if (k > 3) m += a[3] * c;
    let power = c;
    for (let j = 4; j < k; j += 2) {
      power *= c;
      m += a[j] * power;
      if (j + 1 < k) m += a[j + 1] * power * logit;
    }
    out[i] = m;
  }
  boundInPlace(out, support);
}

/** Keelin's basis at y, for the first `row.length` terms, with t = y - 1/2 and L = logit(y). */
export function basisRow(row: Float64Array, t: number, logit: number): void {
  const k = row.length;
  row[0] = 1;
  row[1] = logit;
  if (k > 2) row[2] = t * logit;
  if (k > 3) row[3] = t;
  let power = t; // the power of t shared by terms j + 1 and j + 2 below
  for (let j = 4; j < k; j += 2) {
    power *= t;
    row[j] = power;
    if (j + 1 < k) row[j + 1] = power * logit;
  }
}
