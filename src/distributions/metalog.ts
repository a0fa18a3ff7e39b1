/**
 * The metalog distributions of T. W. Keelin, "The Metalog Distributions", Decision Analysis 13(4), 2016,
 * 243–277 (https://doi.org/10.1287/deca.2016.0338): a quantile function that is linear in k coefficients,
 *
 *   M(y) = P(t) + L · Q(t),   L = ln(y / (1 - y)),   t = y - 1/2,
 *   P(t) = a1 + a4 t + a5 t² + a7 t³ + a9 t⁴,   Q(t) = a2 + a3 t + a6 t² + a8 t³ + a10 t⁴
 *
 * (Keelin's basis 1, L, tL, t, t², t²L, t³, t³L, … regrouped by whether a term carries L), so that
 * k = 2 is the logistic distribution, and fitting to quantiles is a linear least-squares problem.
 * Bounds transform it: x = lower + e^M (lower bound), x = upper − e^−M (upper bound) and
 * x = lower + (upper − lower) / (1 + e^−M) (both; Keelin's (bl + bu e^M) / (1 + e^M)).
 *
 * Everything is computed in the logit u = L of the probability, where t = tanh(u / 2) / 2 and
 * dM/du = y (1 − y) dM/dy = Q(t) + (P′(t) + u Q′(t)) (1/4 − t²) =: g(u), which is positive exactly
 * where the density is (Keelin's feasibility condition). g tends to Q(∓1/2) at the two ends.
 *
 * - Sampling: inversion with one 53-bit uniform u per draw (`fillFloat64`, then transformed in place),
 *   evaluated at the middle of u's cell, y = u + 2^−54 and 1 − y = (1 − u) − 2^−54, so that no draw is
 *   infinite.
 * - Feasibility: g on 1,801 logits (8 sinh(s), s from −4.5 to 4.5, reaching y ≈ 1e-157), each local
 *   minimum refined by golden-section search (Keelin gives closed forms only for k = 2 and 3: a2 > 0,
 *   and a2 > 0 with |a3| / a2 < 1.66711; the tests check the grid against them).
 * - CDF: Newton's method on M(u) = z, safeguarded by bisection inside a bracket, to 1e-14 in u
 *   (hence in p and 1 − p, relatively); density 1 / (dM/dy) at that y, times the bound's Jacobian.
 * - Moments: the unbounded mean in closed form, a1 + a3/2 + a5/12 + a8/12 + a9/80 (the terms' averages
 *   over y in (0, 1)); every other moment by the trapezoid rule over the logit after u = sinh(τ), a
 *   double-exponential rule (H. Takahasi and M. Mori, 1974), halving the step until two rules agree to
 *   1e-14.
 * - Fitting: least squares by Givens rotations (QR, one row at a time, so that fitting a large data
 *   set needs no n × k matrix).
 * @module
 */
import { SalvoError } from '../errors.js';
import type { Rng } from '../rng/types.js';
import { requireFinite, requireFloat64Array, requireOrdered, show } from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import type { ContinuousDistribution } from './types.js';

const MIN_TERMS = 2;
const MAX_TERMS = 10;
/** Half the spacing of the 53-bit uniforms: samples use the middle of each uniform's cell. */
const HALF_CELL = 2 ** -54;

const UNBOUNDED = 0;
const LOWER = 1;
const UPPER = 2;
const BOUNDED = 3;
type BoundKind = typeof UNBOUNDED | typeof LOWER | typeof UPPER | typeof BOUNDED;

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

// ---------------------------------------------------------------------------------------------------
// The quantile function in logit space. `pc` holds (a1, a4, a5, a7, a9) and `qc` (a2, a3, a6, a8, a10),
// zero-padded, as polynomial coefficients in t = y - 1/2.

function poly(c: Float64Array, t: number): number {
  return (((c[4] * t + c[3]) * t + c[2]) * t + c[1]) * t + c[0];
}

function polySlope(c: Float64Array, t: number): number {
  return ((4 * c[4] * t + 3 * c[3]) * t + 2 * c[2]) * t + c[1];
}

/** y (1 - y) for y = 1 / (1 + e^-u), without cancellation or overflow: e^-|u| / (1 + e^-|u|)². */
function logisticDensity(u: number): number {
  const e = Math.exp(-Math.abs(u));
  const d = 1 + e;
  return e / (d * d);
}

/** M at the logit u of y. */
function mAtLogit(pc: Float64Array, qc: Float64Array, u: number): number {
  const t = 0.5 * Math.tanh(0.5 * u);
  return poly(pc, t) + u * poly(qc, t);
}

/** g(u) = dM/du = y (1 - y) dM/dy: positive wherever the density is. */
function slopeAtLogit(pc: Float64Array, qc: Float64Array, u: number): number {
  const t = 0.5 * Math.tanh(0.5 * u);
  return (polySlope(pc, t) + u * polySlope(qc, t)) * logisticDensity(u) + poly(qc, t);
}

/** y = 1 / (1 + e^-u). */
function logistic(u: number): number {
  return 1 / (1 + Math.exp(-u));
}

const GRID_POINTS = 1801;
const GRID_STEP = 0.005;
const GRID_SCALE = 8;

/**
 * Where the metalog with these coefficients fails to be a distribution: the probability y near which
 * g(u) <= 0 (or is not a number), or `undefined` when g > 0 on the whole grid and at every refined
 * local minimum.
 */
function infeasibleAt(pc: Float64Array, qc: Float64Array): number | undefined {
  // g tends to Q(-1/2) as y -> 0 and to Q(1/2) as y -> 1: a negative limit turns a tail back.
  if (!(poly(qc, -0.5) >= 0)) return 0;
  if (!(poly(qc, 0.5) >= 0)) return 1;
  const u = new Float64Array(GRID_POINTS);
  const g = new Float64Array(GRID_POINTS);
  const half = (GRID_POINTS - 1) / 2;
  for (let j = 0; j < GRID_POINTS; j++) {
    u[j] = GRID_SCALE * Math.sinh((j - half) * GRID_STEP);
    g[j] = slopeAtLogit(pc, qc, u[j]);
    if (!(g[j] > 0)) return logistic(u[j]);
  }
  for (let j = 1; j < GRID_POINTS - 1; j++) {
    // A strict drop on the left skips the plateaus where g has reached its limit at an end.
    if (!(g[j] < g[j - 1] && g[j] <= g[j + 1])) continue;
    // Golden-section search for the minimum of g on [u[j-1], u[j+1]].
    const r = 0.6180339887498949;
    let a = u[j - 1];
    let b = u[j + 1];
    let c = b - r * (b - a);
    let d = a + r * (b - a);
    let gc = slopeAtLogit(pc, qc, c);
    let gd = slopeAtLogit(pc, qc, d);
    for (let i = 0; i < 60; i++) {
      if (!(gc > 0)) return logistic(c);
      if (!(gd > 0)) return logistic(d);
      if (gc < gd) {
        b = d;
        d = c;
        gd = gc;
        c = b - r * (b - a);
        gc = slopeAtLogit(pc, qc, c);
      } else {
        a = c;
        c = d;
        gc = gd;
        d = a + r * (b - a);
        gd = slopeAtLogit(pc, qc, d);
      }
    }
    if (!(gc > 0)) return logistic(c);
    if (!(gd > 0)) return logistic(d);
  }
  return undefined;
}

/** Splits a1 … ak into the zero-padded P and Q coefficient vectors. */
function splitCoefficients(a: ArrayLike<number>): { pc: Float64Array; qc: Float64Array } {
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

// ---------------------------------------------------------------------------------------------------
// Quadrature over y in (0, 1), written over the logit u = sinh(τ).

/** Largest |τ| visited: sinh(20) ≈ 2.4e8, far beyond where any convergent integrand here matters. */
const TAU_MAX = 20;

/**
 * ∫ f(u) du over the real line (f already includes dy/du = y (1 - y)) by the trapezoid rule in τ with
 * u = sinh(τ), halving the step from 1/2 to 1/128 until two successive rules agree to 1e-14.
 */
function integrateOverLogit(f: (u: number) => number): number {
  const term = (tau: number): number => f(Math.sinh(tau)) * Math.cosh(tau);
  /** Sum of term(τ) over τ = offset + i·step, i >= 0 (direction +1) or <= 0 (direction -1). */
  const side = (offset: number, step: number, direction: 1 | -1): number => {
    let sum = 0;
    let small = 0;
    for (let i = 0; ; i++) {
      const tau = direction * (offset + i * step);
      if (Math.abs(tau) > TAU_MAX) break;
      const v = term(tau);
      if (!Number.isFinite(v)) break;
      sum += v;
      // Stop once the terms have fallen far below the sum for a while (past the bulk, |τ| > 2).
      if (Math.abs(v) <= 1e-18 * Math.abs(sum)) {
        if (++small >= 4 && Math.abs(tau) > 2) break;
      } else {
        small = 0;
      }
    }
    return sum;
  };
  let step = 0.5;
  let total = term(0) + side(step, step, 1) + side(step, step, -1);
  let estimate = total * step;
  for (let level = 0; level < 6; level++) {
    // The new abscissas of the halved step are the odd multiples of it.
    const half = step / 2;
    total += side(half, step, 1) + side(half, step, -1);
    step = half;
    const next = total * step;
    const converged = Math.abs(next - estimate) <= 1e-14 * Math.abs(next);
    estimate = next;
    if (converged && level >= 1) break;
  }
  return estimate;
}

interface Moments {
  mean: number;
  variance: number;
}

function momentsOf(
  a: Float64Array,
  pc: Float64Array,
  qc: Float64Array,
  kind: BoundKind,
  lower: number,
  upper: number,
): Moments {
  const M = (u: number) => mAtLogit(pc, qc, u);
  // ln(y (1 - y)) at logit u.
  const logWeight = (u: number) => -Math.abs(u) - 2 * Math.log1p(Math.exp(-Math.abs(u)));
  if (kind === UNBOUNDED) {
    const c = (j: number) => (j < a.length ? a[j] : 0);
    const mean = c(0) + c(2) / 2 + c(4) / 12 + c(7) / 12 + c(8) / 80;
    const variance = integrateOverLogit((u) => {
      const d = M(u) - mean;
      return d * d * logisticDensity(u);
    });
    return { mean, variance };
  }
  if (kind === BOUNDED) {
    const width = upper - lower;
    const share = integrateOverLogit((u) => logistic(M(u)) * logisticDensity(u));
    const spread = integrateOverLogit((u) => {
      const d = logistic(M(u)) - share;
      return d * d * logisticDensity(u);
    });
    return { mean: lower + width * share, variance: width * width * spread };
  }
  // Semi-bounded: x = lower + e^M, or upper - e^(-M). e^(±M) behaves like (1 - y)^(-c) at the open end,
  // with c = Q(1/2) (lower bound) or Q(-1/2) (upper bound): the mean diverges for c >= 1, the variance
  // for c >= 1/2.
  const sign = kind === LOWER ? 1 : -1;
  const c = kind === LOWER ? poly(qc, 0.5) : poly(qc, -0.5);
  if (c >= 1) return { mean: sign * Number.POSITIVE_INFINITY, variance: Number.POSITIVE_INFINITY };
  const e = integrateOverLogit((u) => Math.exp(sign * M(u) + logWeight(u)));
  const mean = kind === LOWER ? lower + e : upper - e;
  if (c >= 0.5) return { mean, variance: Number.POSITIVE_INFINITY };
  const variance = integrateOverLogit((u) => {
    const w = 0.5 * logWeight(u);
    const d = Math.exp(sign * M(u) + w) - e * Math.exp(w);
    return d * d;
  });
  return { mean, variance };
}

// ---------------------------------------------------------------------------------------------------

class Metalog extends BaseDistribution implements MetalogDistribution {
  readonly family = 'metalog';
  readonly kind = 'continuous';
  readonly params: Readonly<Record<string, number>>;
  readonly mean: number;
  readonly variance: number;
  readonly min: number;
  readonly max: number;
  readonly coefficients: readonly number[];
  readonly lower: number | undefined;
  readonly upper: number | undefined;
  private readonly pc: Float64Array;
  private readonly qc: Float64Array;
  private readonly boundKind: BoundKind;
  /** The bounds, ±Infinity where absent, and their distance. */
  private readonly lo: number;
  private readonly hi: number;
  private readonly width: number;

  /** `a` must be feasible, the bounds valid (see {@link metalog}). */
  constructor(a: Float64Array, pc: Float64Array, qc: Float64Array, lower?: number, upper?: number) {
    super();
    const params: Record<string, number> = {};
    for (let j = 0; j < a.length; j++) params[`a${j + 1}`] = a[j];
    if (lower !== undefined) params.lower = lower;
    if (upper !== undefined) params.upper = upper;
    this.params = Object.freeze(params);
    this.coefficients = Object.freeze(Array.from(a));
    this.lower = lower;
    this.upper = upper;
    this.pc = pc;
    this.qc = qc;
    this.boundKind =
      lower === undefined
        ? upper === undefined
          ? UNBOUNDED
          : UPPER
        : upper === undefined
          ? LOWER
          : BOUNDED;
    this.lo = lower ?? Number.NEGATIVE_INFINITY;
    this.hi = upper ?? Number.POSITIVE_INFINITY;
    this.width = this.hi - this.lo;
    // M tends to ±Infinity at an end where Q(∓1/2) > 0; when Q vanishes there (a feasible metalog can
    // have Q(∓1/2) = 0, such as the uniform a = (m, 0, 0, w)), the tail is finite and M tends to P(∓1/2).
    const mLow = poly(qc, -0.5) > 0 ? Number.NEGATIVE_INFINITY : poly(pc, -0.5);
    const mHigh = poly(qc, 0.5) > 0 ? Number.POSITIVE_INFINITY : poly(pc, 0.5);
    this.min = this.toX(mLow);
    this.max = this.toX(mHigh);
    const { mean, variance } = momentsOf(a, pc, qc, this.boundKind, this.lo, this.hi);
    this.mean = mean;
    this.variance = variance;
  }

  /** x from the unbounded metalog's value m. */
  private toX(m: number): number {
    switch (this.boundKind) {
      case UNBOUNDED:
        return m;
      case LOWER:
        return this.lo + Math.exp(m);
      case UPPER:
        return this.hi - Math.exp(-m);
      default:
        // lower + width σ(m), written from the nearer bound.
        return m >= 0
          ? this.hi - this.width / (1 + Math.exp(m))
          : this.lo + this.width / (1 + Math.exp(-m));
    }
  }

  /** The unbounded metalog's value for x strictly inside the bounds. */
  private toM(x: number): number {
    switch (this.boundKind) {
      case UNBOUNDED:
        return x;
      case LOWER:
        return Math.log(x - this.lo);
      case UPPER:
        return -Math.log(this.hi - x);
      default:
        return Math.log(x - this.lo) - Math.log(this.hi - x);
    }
  }

  /** dz/dx of `toM` at x. */
  private jacobian(x: number): number {
    switch (this.boundKind) {
      case UNBOUNDED:
        return 1;
      case LOWER:
        return 1 / (x - this.lo);
      case UPPER:
        return 1 / (this.hi - x);
      default:
        return this.width / ((x - this.lo) * (this.hi - x));
    }
  }

  /**
   * The logit u with M(u) = z, for z strictly between M's limits: bracketed by doubling away from 0,
   * then Newton's method, falling back to bisection whenever a step leaves the bracket.
   */
  private logitOf(z: number): number {
    const pc = this.pc;
    const qc = this.qc;
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

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    // One uniform per draw, consumed in the generator's tight loop, then transformed in place.
    rng.fillFloat64(out);
    const pc = this.pc;
    const qc = this.qc;
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
    const lo = this.lo;
    const hi = this.hi;
    const width = this.width;
    switch (this.boundKind) {
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

  protected cdfUnchecked(x: number): number {
    if (x <= this.min) return 0;
    if (x >= this.max) return 1;
    return logistic(this.logitOf(this.toM(x)));
  }

  protected quantileUnchecked(p: number): number {
    if (p === 0) return this.min;
    if (p === 1) return this.max;
    const t = p - 0.5;
    const m = poly(this.pc, t) + Math.log(p / (1 - p)) * poly(this.qc, t);
    return this.toX(m);
  }

  pdf(x: number): number {
    requireAbscissa(this.family, 'pdf', x);
    if (!(x > this.min && x < this.max)) return 0;
    const u = this.logitOf(this.toM(x));
    if (!Number.isFinite(u)) return 0;
    return (logisticDensity(u) / slopeAtLogit(this.pc, this.qc, u)) * this.jacobian(x);
  }
}

// ---------------------------------------------------------------------------------------------------
// Validation and fitting.

/** Throws unless the bounds are absent or finite with lower < upper. */
function requireBounds(where: string, options: MetalogBounds): void {
  const { lower, upper } = options;
  if (lower !== undefined) requireFinite(where, 'lower', lower);
  if (upper !== undefined) requireFinite(where, 'upper', upper);
  if (lower !== undefined && upper !== undefined) {
    requireOrdered(where, 'lower', lower, 'upper', upper);
  }
}

/** Throws unless `terms` is an integer in [2, 10]. */
function requireTerms(where: string, terms: unknown): number {
  if (
    typeof terms !== 'number' ||
    !Number.isInteger(terms) ||
    terms < MIN_TERMS ||
    terms > MAX_TERMS
  ) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: terms must be an integer from ${MIN_TERMS} to ${MAX_TERMS}, got ${show(terms)}`,
      { parameter: 'terms', value: terms },
    );
  }
  return terms;
}

/** Throws unless `x` lies strictly inside the bounds. */
function requireInsideBounds(
  where: string,
  parameter: string,
  x: number,
  options: MetalogBounds,
): void {
  const { lower, upper } = options;
  if (lower !== undefined && !(x > lower)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${parameter} must be greater than lower = ${show(lower)} (a bounded metalog only ` +
        `approaches its bound), got ${show(x)}`,
      { parameter, value: x },
    );
  }
  if (upper !== undefined && !(x < upper)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${parameter} must be less than upper = ${show(upper)} (a bounded metalog only ` +
        `approaches its bound), got ${show(x)}`,
      { parameter, value: x },
    );
  }
}

/** The unbounded metalog's value z for a value x strictly inside the bounds. */
function boundTransform(x: number, options: MetalogBounds): number {
  const { lower, upper } = options;
  if (lower !== undefined && upper !== undefined) return Math.log(x - lower) - Math.log(upper - x);
  if (lower !== undefined) return Math.log(x - lower);
  if (upper !== undefined) return -Math.log(upper - x);
  return x;
}

/** Keelin's basis at y, for the first `row.length` terms, with t = y - 1/2 and L = logit(y). */
function basisRow(row: Float64Array, t: number, logit: number): void {
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

/**
 * Least squares min |A a - b| by Givens rotations, one row at a time: R and Qᵀb are updated in place,
 * so that the n × k matrix A never exists.
 */
class GivensLeastSquares {
  private readonly k: number;
  private readonly r: Float64Array;
  private readonly qtb: Float64Array;
  private readonly columnNormSq: Float64Array;

  constructor(k: number) {
    this.k = k;
    this.r = new Float64Array(k * k);
    this.qtb = new Float64Array(k);
    this.columnNormSq = new Float64Array(k);
  }

  /** Adds the equation row · a = rhs; overwrites `row`. */
  add(row: Float64Array, rhs: number): void {
    const k = this.k;
    const r = this.r;
    for (let j = 0; j < k; j++) this.columnNormSq[j] += row[j] * row[j];
    for (let j = 0; j < k; j++) {
      const x = row[j];
      if (x === 0) continue;
      const rjj = r[j * k + j];
      const h = Math.sqrt(rjj * rjj + x * x);
      const c = rjj / h;
      const s = x / h;
      r[j * k + j] = h;
      row[j] = 0;
      for (let l = j + 1; l < k; l++) {
        const rl = r[j * k + l];
        const xl = row[l];
        r[j * k + l] = c * rl + s * xl;
        row[l] = c * xl - s * rl;
      }
      const d = this.qtb[j];
      this.qtb[j] = c * d + s * rhs;
      rhs = c * rhs - s * d;
    }
  }

  /** The solution, or `undefined` when A is (numerically) rank deficient. */
  solve(): Float64Array | undefined {
    const k = this.k;
    const r = this.r;
    for (let j = 0; j < k; j++) {
      if (!(Math.abs(r[j * k + j]) > 1e-12 * Math.sqrt(this.columnNormSq[j]))) return undefined;
    }
    const a = new Float64Array(k);
    for (let j = k - 1; j >= 0; j--) {
      let sum = this.qtb[j];
      for (let l = j + 1; l < k; l++) sum -= r[j * k + l] * a[l];
      a[j] = sum / r[j * k + j];
    }
    return a;
  }
}

/** Builds the metalog for feasible coefficients, or throws the given error when they are not. */
function build(
  a: Float64Array,
  options: MetalogBounds,
  infeasible: (p: number) => SalvoError,
): MetalogDistribution {
  for (let j = 0; j < a.length; j++) {
    if (!Number.isFinite(a[j])) throw infeasible(Number.NaN);
  }
  const { pc, qc } = splitCoefficients(a);
  const at = infeasibleAt(pc, qc);
  if (at !== undefined) throw infeasible(at);
  return Object.freeze(new Metalog(a, pc, qc, options.lower, options.upper));
}

/** "near p = 0.03" (or "as p → 0") for a probability where the density fails. */
function where(p: number): string {
  if (Number.isNaN(p)) return 'somewhere';
  if (p < 1e-15) return 'as p → 0';
  if (p > 1 - 1e-15) return 'as p → 1';
  return `near p = ${Number(p.toPrecision(3))}`;
}

const FEWER_TERMS_ADVICE =
  'use fewer terms, or bounds (lower/upper) that match the quantity, or check the values';

/**
 * The metalog distribution (Keelin 2016) with coefficients a1 … ak: a smooth, very flexible
 * distribution given by its quantile function M(y) = a1 + a2 L + a3 (y − ½) L + a4 (y − ½) + a5 (y − ½)²
 * + a6 (y − ½)² L + a7 (y − ½)³ + a8 (y − ½)³ L + a9 (y − ½)⁴ + a10 (y − ½)⁴ L, L = ln(y / (1 − y)),
 * optionally bounded below (x = lower + e^M), above (x = upper − e^−M) or both
 * (x = (lower + upper e^M) / (1 + e^M)). Two terms give the logistic distribution; a1 is the median
 * of the unbounded metalog. Usually built with {@link metalog.fromQuantiles} from an expert's quantiles
 * or with {@link metalog.fit} from data.
 *
 * `cdf` and `pdf` invert the quantile function numerically (Newton's method, to 1e-14 in the logit of
 * p). `mean` is closed form for the unbounded metalog and otherwise, like `variance`, computed by
 * double-exponential quadrature of the quantile function to about 1e-14; for a lower-bounded metalog
 * the mean is `Infinity` when a2 + a3/2 + a6/4 + a8/8 + a10/16 (the upper tail's exponent) is >= 1 and
 * the variance is `Infinity` when it is >= 1/2 (mirrored for an upper bound, with −∞ for the mean).
 * `min` and `max` are the bounds, or ±Infinity, or the finite end of a metalog whose tail is finite.
 *
 * @param coefficients - a1 … ak, 2 to 10 finite numbers; a1 and a4 … are in the unit of M (the
 * quantity itself when unbounded, its logarithm when semi-bounded, its logit when bounded)
 * @param options - `lower` and/or `upper`: bounds of the quantity, finite, with `lower < upper`
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `coefficients` is not an array of 2 to 10 finite
 * numbers, a bound is not finite, `lower >= upper`, or the coefficients do not define a distribution
 * (the quantile function must increase on (0, 1); the message says near which probability it does not)
 *
 * @example
 * ```ts
 * import { createRng, metalog } from 'salvo';
 * const weightKg = metalog([9, 3.5, 3.1]);     // three terms, unbounded
 * weightKg.quantile(0.5);                       // => 9
 * weightKg.quantile(0.9);                       // => 19.41484449657368
 * weightKg.mean;                                // => 10.55, a1 + a3 / 2
 * weightKg.cdf(7.11);                           // => 0.34901759737496857
 * weightKg.sample(3, createRng('doc'));
 * // => Float64Array(3) [15.82966373503373, 7.703845696810685, 6.41957891670343]
 * metalog([0, 1, 2]);                           // throws: not a distribution (a3/a2 > 1.66711)
 * ```
 */
export function metalog(
  coefficients: readonly number[] | Float64Array,
  options: MetalogBounds = {},
): MetalogDistribution {
  const isArray = Array.isArray(coefficients) || coefficients instanceof Float64Array;
  const length = isArray ? coefficients.length : -1;
  if (!isArray || length < MIN_TERMS || length > MAX_TERMS) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `metalog: coefficients must be an array of ${MIN_TERMS} to ${MAX_TERMS} finite numbers ` +
        `(a1 … ak), got ${show(coefficients)}`,
      { parameter: 'coefficients', value: coefficients },
    );
  }
  const a = new Float64Array(length);
  for (let j = 0; j < length; j++)
    a[j] = requireFinite('metalog', `coefficients[${j}]`, coefficients[j]);
  requireBounds('metalog', options);
  return build(
    a,
    options,
    (p) =>
      new SalvoError(
        'INVALID_PARAMETER',
        `metalog: coefficients [${Array.from(a).join(', ')}] do not define a distribution: the ` +
          `quantile function must increase on (0, 1) but does not ${where(p)} (the density would be ` +
          'negative there)',
        { parameter: 'coefficients', value: coefficients },
      ),
  );
}

/**
 * The metalog through (or, with more pairs than terms, closest in least squares to) an expert's
 * quantiles: each pair [p, x] says "P(X <= x) = p". With as many pairs as terms the metalog passes
 * through every pair exactly (Keelin's quantile-parameterised metalog); with more pairs than terms it
 * is the least-squares fit of M(p) to the (bound-transformed) values. Throws when no valid metalog
 * results: some sets of quantiles admit none with that many terms (fewer terms or bounds may help).
 *
 * @param pairs - at least 2 pairs [p, x]: p strictly between 0 and 1, all distinct; x finite, in the
 * unit of the quantity, increasing with p and strictly inside the bounds
 * @param options - `terms` (2 to 10, at most the number of pairs; default: the number of pairs, at most
 * 10), `lower` and/or `upper` bounds (finite, `lower < upper`)
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `pairs` is not an array of at least 2 pairs, a p is
 * outside (0, 1) or repeated, an x is not finite, values do not increase with p, a value lies on or
 * outside a bound, a bound is not finite, `lower >= upper`, `terms` is not an integer from 2 to 10 or
 * exceeds the number of pairs, or the quantiles admit no valid metalog with that many terms
 *
 * @example
 * ```ts
 * import { metalog } from 'salvo';
 * // 10%, 50% and 90% quantiles of a container count, which cannot be negative
 * const containers = metalog.fromQuantiles([[0.1, 5500], [0.5, 6700], [0.9, 7800]], { lower: 0 });
 * containers.quantile(0.1);    // => 5499.999999999989
 * containers.quantile(0.9);    // => 7799.999999999996
 * containers.coefficients;     // => [8.809862805379055, 0.0795038534205467, -0.02579573984355695]
 * containers.mean;             // => 6682.435358254408
 * containers.cdf(6000);        // => 0.21892221168809903
 * metalog.fromQuantiles([[0.1, 1], [0.5, 2], [0.9, 30]]); // throws: no valid 3-term metalog
 * ```
 */
metalog.fromQuantiles = function fromQuantiles(
  pairs: readonly (readonly [number, number])[],
  options: MetalogQuantileOptions = {},
): MetalogDistribution {
  const name = 'metalog.fromQuantiles';
  if (!Array.isArray(pairs) || pairs.length < MIN_TERMS) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${name}: pairs must be an array of at least ${MIN_TERMS} [p, x] pairs, got ${show(pairs)}`,
      { parameter: 'pairs', value: pairs },
    );
  }
  const n = pairs.length;
  for (let i = 0; i < n; i++) {
    const pair = pairs[i];
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${name}: pairs[${i}] must be a pair [p, x], got ${show(pair)}`,
        { parameter: `pairs[${i}]`, value: pair },
      );
    }
    const [p, x] = pair;
    if (typeof p !== 'number' || !(p > 0 && p < 1)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${name}: pairs[${i}][0] must be a probability strictly between 0 and 1, got ${show(p)}`,
        { parameter: `pairs[${i}][0]`, value: p },
      );
    }
    requireFinite(name, `pairs[${i}][1]`, x);
  }
  requireBounds(name, options);
  const terms = requireTerms(name, options.terms ?? Math.min(n, MAX_TERMS));
  if (terms > n) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${name}: terms must be at most the number of pairs (${n}), got ${terms}`,
      { parameter: 'terms', value: terms },
    );
  }
  // Sorted by p, the values must increase strictly.
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => pairs[i][0] - pairs[j][0]);
  for (let r = 1; r < n; r++) {
    const i = order[r - 1];
    const j = order[r];
    if (pairs[j][0] === pairs[i][0]) {
      const [first, second] = i < j ? [i, j] : [j, i];
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${name}: pairs[${second}][0] = ${show(pairs[second][0])} repeats the probability of ` +
          `pairs[${first}]; each p must be distinct`,
        { parameter: `pairs[${second}][0]`, value: pairs[second][0] },
      );
    }
    if (!(pairs[j][1] > pairs[i][1])) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${name}: values must increase with p, but pairs[${j}][1] = ${show(pairs[j][1])} ` +
          `(p = ${show(pairs[j][0])}) is not above pairs[${i}][1] = ${show(pairs[i][1])} ` +
          `(p = ${show(pairs[i][0])})`,
        { parameter: `pairs[${j}][1]`, value: pairs[j][1] },
      );
    }
  }
  for (let i = 0; i < n; i++) requireInsideBounds(name, `pairs[${i}][1]`, pairs[i][1], options);

  // Rows in order of p, so that the rounding (and the result) does not depend on the pairs' order.
  const solver = new GivensLeastSquares(terms);
  const row = new Float64Array(terms);
  for (const i of order) {
    const [p, x] = pairs[i];
    basisRow(row, p - 0.5, Math.log(p / (1 - p)));
    solver.add(row, boundTransform(x, options));
  }
  const a = solver.solve();
  if (a === undefined) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${name}: the probabilities of these ${n} pairs cannot determine ${terms} coefficients (the ` +
        'system is singular); use fewer terms or other probabilities',
      { parameter: 'pairs', value: pairs },
    );
  }
  const what =
    terms === n
      ? `no valid ${terms}-term metalog passes through these ${n} pairs`
      : `the least-squares ${terms}-term metalog of these ${n} pairs is not a valid distribution`;
  return build(
    a,
    options,
    (p) =>
      new SalvoError(
        'INVALID_PARAMETER',
        `${name}: ${what}: its quantile function would not increase ${where(p)} (a negative density); ` +
          FEWER_TERMS_ADVICE,
        { parameter: 'pairs', value: pairs },
      ),
  );
};

/**
 * The metalog fitted to data by least squares on the empirical quantiles (Keelin 2016, section 3; the
 * "equally likely data" convention of metalogdistributions.com): the data are sorted and the i-th
 * smallest of n values (i = 1 … n) is taken as the quantile of probability (i − 0.5) / n. The input is
 * not modified. Throws when the least-squares coefficients are not a valid distribution (try fewer
 * terms, or bounds).
 *
 * @param data - at least `terms` finite values, strictly inside the bounds, not all equal, in the unit
 * of the quantity
 * @param options - `terms`, required, an integer from 2 to 10; `lower` and/or `upper` bounds (finite,
 * `lower < upper`)
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `data` is not a Float64Array, holds fewer than
 * `terms` values, a non-finite value, a value on or outside a bound, or only one distinct value; when
 * `terms` is missing or not an integer from 2 to 10; when a bound is not finite or `lower >= upper`; or
 * when the fitted metalog is not a valid distribution
 *
 * @example
 * ```ts
 * import { createRng, lognormal, metalog } from 'salvo';
 * const draws = lognormal(0, 0.5).sample(10_000, createRng('fit'));
 * const fitted = metalog.fit(draws, { terms: 5, lower: 0 });
 * fitted.coefficients.length; // => 5
 * fitted.quantile(0.5);       // => 0.9893445643272267 (the lognormal's median is 1)
 * ```
 */
metalog.fit = function fit(data: Float64Array, options: MetalogFitOptions): MetalogDistribution {
  const name = 'metalog.fit';
  requireFloat64Array(name, 'data', data);
  const terms = requireTerms(name, options?.terms);
  requireBounds(name, options);
  const n = data.length;
  if (n < terms) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${name}: data must hold at least terms = ${terms} values, got ${n}`,
      { parameter: 'data', value: data },
    );
  }
  for (let i = 0; i < n; i++) {
    requireFinite(name, `data[${i}]`, data[i]);
    requireInsideBounds(name, `data[${i}]`, data[i], options);
  }
  const sorted = Float64Array.from(data).sort();
  if (sorted[0] === sorted[n - 1]) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${name}: data must hold at least two distinct values, but all ${n} equal ${show(sorted[0])}`,
      { parameter: 'data', value: data },
    );
  }
  const solver = new GivensLeastSquares(terms);
  const row = new Float64Array(terms);
  for (let i = 0; i < n; i++) {
    // y = (i + 1/2) / n, so t = (i + 1/2 - n/2) / n and L = ln((i + 1/2) / (n - i - 1/2)), both exact.
    basisRow(row, (i + 0.5 - n / 2) / n, Math.log((i + 0.5) / (n - i - 0.5)));
    solver.add(row, boundTransform(sorted[i], options));
  }
  const a = solver.solve();
  if (a === undefined) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${name}: these ${n} data values cannot determine ${terms} coefficients (the system is ` +
        'singular); use fewer terms',
      { parameter: 'data', value: data },
    );
  }
  return build(
    a,
    options,
    (p) =>
      new SalvoError(
        'INVALID_PARAMETER',
        `${name}: the least-squares ${terms}-term metalog of these ${n} data values is not a valid ` +
          `distribution: its quantile function would not increase ${where(p)} (a negative density); ` +
          FEWER_TERMS_ADVICE,
        { parameter: 'data', value: data },
      ),
  );
};

/**
 * Rebuilds a metalog from its `params` (a1 … ak, lower, upper), for worker threads (`spec.ts`).
 * @internal
 */
export function metalogFromParams(params: Readonly<Record<string, number>>): MetalogDistribution {
  const coefficients: number[] = [];
  for (let j = 1; j <= MAX_TERMS && Object.hasOwn(params, `a${j}`); j++) {
    coefficients.push(params[`a${j}`]);
  }
  return metalog(coefficients, { lower: params.lower, upper: params.upper });
}
