/**
 * A fast numerical inverse of a continuous cdf, for `fillFromUniforms` of families whose quantile is an
 * iterative search (beta, PERT, gamma, Student t, continuous mixtures and truncations). After
 * G. Derflinger, W. Hörmann and J. Leydold, "Random variate generation by numerical inversion when only
 * the density is known", ACM TOMACS 20(4), 2010 (scipy's `NumericalInversePolynomial`): the inverse
 * cdf is interpolated piecewise by polynomials of degree 5 in u, and an interval is kept only when its
 * u-error |cdf(x̃(u)) − u| is small enough. Where that paper integrates the density to get u, this
 * evaluates the family's own cdf, which every salvo distribution has.
 *
 * On each interval [xL, xR] the nodes are the six Chebyshev–Lobatto points x_j, with u_j = cdf(x_j)
 * (nodes are placed in x, so only the cdf is evaluated, never the costly quantile); x̃ is the
 * polynomial in s = (u − uL) / (uR − uL) through the six (s_j, x_j) (Newton's divided differences,
 * then the power basis, evaluated by Estrin's scheme). The interval is kept when the u-error at the five
 * points halfway between neighbouring nodes is at most {@link CHECK_TOLERANCE} (or x̃ is within one
 * double of the best x there, where doubles cannot do better: next to a pole of the density, where
 * intervals whose ends are adjacent doubles are kept as they are), and when
 * the derivative's Bernstein coefficients are all non-negative, which proves x̃ non-decreasing on the
 * interval; otherwise the interval is split at the node nearest its u-midpoint. A guide table over u
 * sends each uniform to its interval in about two comparisons, and each value is clamped to its
 * interval's end nodes, so the whole map is monotone.
 *
 * The far tails, u < {@link TAIL} and u > 1 − {@link TAIL}, where the density vanishes or diverges and
 * the interpolation would need many short intervals, call the exact quantile instead: about two calls in
 * a million uniforms, which keeps the deep tails exact at no measurable cost. Where the tolerance cannot
 * be met within {@link MAX_INTERVALS} intervals (extreme parameters, a cdf that loses its accuracy or
 * decreases), no inverse is built and every uniform goes to the exact quantile: correctness before speed.
 * @internal
 * @module
 */
import { nextDown, nextUp } from './truncated/window.js';
import type { ContinuousDistribution } from './types.js';

/** The u-error promised where the interpolation is used: |cdf(x̃(u)) − u| <= 1e-12. */
export const U_TOLERANCE = 1e-12;

/**
 * Each interval is checked against half the promise at the five points halfway between its nodes,
 * which leaves room for the error between the checked points.
 */
const CHECK_TOLERANCE = U_TOLERANCE / 2;

/**
 * A cdf that steps back by less than this between nodes (rounding, as near a pole of a mixture's
 * component) is taken as flat there; a larger step back means the cdf cannot be trusted to invert.
 */
const CDF_NOISE = 1e-15;

/** Uniforms below TAIL or above 1 − TAIL go to the exact quantile. */
const TAIL = 1e-6;

/**
 * The most intervals an inverse may have (each costs seven doubles and about fifteen cdf calls to
 * make); ordinary parameters need a few hundred.
 */
const MAX_INTERVALS = 4096;

/** Degree of the interpolating polynomials; DEGREE + 1 nodes per interval. */
const DEGREE = 5;

/** Levels whose exact quantiles are the first nodes, so that splitting starts from a sensible partition. */
const START_LEVELS = [
  TAIL,
  1e-4,
  0.001,
  0.01,
  0.05,
  0.1,
  0.25,
  0.5,
  0.75,
  0.9,
  0.95,
  0.99,
  0.999,
  1 - 1e-4,
  1 - TAIL,
];

/** Chebyshev–Lobatto points on [0, 1]: (1 − cos(π j / 5)) / 2. */
const LOBATTO = Array.from({ length: DEGREE + 1 }, (_, j) =>
  j === 0 ? 0 : j === DEGREE ? 1 : (1 - Math.cos((Math.PI * j) / DEGREE)) / 2,
);

/** C(4, k), for the Bernstein coefficients of the degree-4 derivative. */
const BINOMIAL_4 = [1, 4, 6, 4, 1];

/** Coefficients stored per interval: the DEGREE + 1 of the power basis in s. */
const STRIDE = DEGREE + 1;

/**
 * The interpolating inverse of one distribution: interval i covers u in [breaks[i], breaks[i + 1]) and
 * maps s = (u − breaks[i]) · inverseWidths[i] to x = c_0 + s (c_1 + s (c_2 + …)), with c at
 * coefficients[6i..6i + 5], clamped to [c_0, coefficients[6(i + 1)]] (its two end nodes).
 */
export class NumericalInverse {
  /** The number of intervals. */
  readonly intervals: number;
  /** u at the end nodes, ascending; the interpolation covers [breaks[0], breaks[intervals]). */
  readonly #breaks: Float64Array;
  /** 1 / (breaks[i + 1] − breaks[i]), or 0 for an empty interval. */
  readonly #inverseWidths: Float64Array;
  /** Six polynomial coefficients per interval, then the last node's x. */
  readonly #coefficients: Float64Array;
  /** guide[j]: an interval at or before the one holding any u in [j / size, (j + 1) / size). */
  readonly #guide: Int32Array;
  readonly #dist: ContinuousDistribution;

  constructor(
    dist: ContinuousDistribution,
    breaks: Float64Array,
    inverseWidths: Float64Array,
    coefficients: Float64Array,
  ) {
    this.#dist = dist;
    this.#breaks = breaks;
    this.#inverseWidths = inverseWidths;
    this.#coefficients = coefficients;
    const count = inverseWidths.length;
    this.intervals = count;
    // guide[j] = the last interval whose start lies in a cell before j: every u in cell j is at or
    // after that start (the cell index floor(u size) is non-decreasing in u, also in floating point).
    const size = 2 * count;
    const guide = new Int32Array(size);
    let i = 0;
    for (let j = 0; j < size; j++) {
      while (i + 1 < count && ((breaks[i + 1] * size) | 0) < j) i++;
      guide[j] = i;
    }
    this.#guide = guide;
  }

  /** out[i] = x̃(uniforms[i]), with the exact quantile in the tails; `out` may be `uniforms`. */
  invert(uniforms: Float64Array, out: Float64Array): void {
    const breaks = this.#breaks;
    const inverseWidths = this.#inverseWidths;
    const c = this.#coefficients;
    const guide = this.#guide;
    const size = guide.length;
    const count = inverseWidths.length;
    const first = breaks[0];
    const last = breaks[count];
    const n = uniforms.length;
    for (let i = 0; i < n; i++) {
      const u = uniforms[i];
      if (u >= first && u < last) {
        let k = guide[(u * size) | 0];
        while (u >= breaks[k + 1]) k++;
        const s = (u - breaks[k]) * inverseWidths[k];
        const o = STRIDE * k;
        const lo = c[o];
        // polynomial() written out (Estrin's scheme: a shorter chain of dependent operations).
        const s2 = s * s;
        const x =
          lo + s * c[o + 1] + s2 * (c[o + 2] + s * c[o + 3] + s2 * (c[o + 4] + s * c[o + 5]));
        out[i] = Math.min(Math.max(x, lo), c[o + STRIDE]);
      } else {
        out[i] = this.tail(u);
      }
    }
  }

  /** The exact quantile beyond the interpolated range, kept on its side of the end nodes. */
  private tail(u: number): number {
    const x = this.#dist.quantile(u);
    const c = this.#coefficients;
    return u < this.#breaks[0] ? Math.min(x, c[0]) : Math.max(x, c[c.length - 1]);
  }
}

/** Scratch of one interval's construction. */
interface Work {
  readonly x: Float64Array;
  readonly u: Float64Array;
  readonly s: Float64Array;
  /** Power-basis coefficients in s. */
  readonly a: Float64Array;
}

/**
 * Builds the numerical inverse of a continuous distribution from its cdf and quantile, or returns
 * undefined when the u-error cannot be met within {@link MAX_INTERVALS} intervals or the cdf decreases
 * somewhere.
 */
export function buildNumericalInverse(dist: ContinuousDistribution): NumericalInverse | undefined {
  // Nodes still to be reached, rightmost first: the top of the stack is the right end of the interval
  // being made, whose left end is (xL, uL).
  const stackX: number[] = [];
  const stackU: number[] = [];
  const starts: number[] = [];
  for (const level of START_LEVELS) {
    const x = dist.quantile(level);
    if (!Number.isFinite(x)) return undefined;
    if (starts.length === 0 || x > starts[starts.length - 1]) starts.push(x);
  }
  if (starts.length < 2) return undefined;
  for (let i = starts.length - 1; i >= 1; i--) {
    stackX.push(starts[i]);
    stackU.push(dist.cdf(starts[i]));
  }
  let xL = starts[0];
  let uL = dist.cdf(xL);
  if (!(uL >= 0 && uL <= 1)) return undefined;

  const breaks: number[] = [];
  const inverseWidths: number[] = [];
  const coefficients: number[] = [];
  const work: Work = {
    x: new Float64Array(DEGREE + 1),
    u: new Float64Array(DEGREE + 1),
    s: new Float64Array(DEGREE + 1),
    a: new Float64Array(DEGREE + 1),
  };
  while (stackX.length > 0) {
    if (breaks.length + stackX.length > MAX_INTERVALS) return undefined;
    const top = stackX.length - 1;
    const xR = stackX[top];
    // A cdf that decreases (or is NaN) at the nodes cannot be inverted; rounding noise is flattened.
    if (!(stackU[top] >= uL - CDF_NOISE && stackU[top] <= 1)) return undefined;
    const uR = Math.max(stackU[top], uL);
    stackU[top] = uR;
    const split = fitInterval(dist, xL, uL, xR, uR, work);
    if (split === ACCEPTED) {
      breaks.push(uL);
      inverseWidths.push(uR > uL ? 1 / (uR - uL) : 0);
      for (let k = 0; k <= DEGREE; k++) coefficients.push(work.a[k]);
      xL = xR;
      uL = uR;
      stackX.pop();
      stackU.pop();
    } else if (split === FAILED) {
      return undefined;
    } else {
      stackX.push(work.x[split]);
      stackU.push(work.u[split]);
    }
  }
  breaks.push(uL);
  coefficients.push(xL);
  return new NumericalInverse(
    dist,
    Float64Array.from(breaks),
    Float64Array.from(inverseWidths),
    Float64Array.from(coefficients),
  );
}

/** {@link fitInterval}'s verdicts besides a node index to split at. */
const ACCEPTED = -1;
const FAILED = -2;

/**
 * Fits the polynomial of one interval into `work.a`. Returns {@link ACCEPTED}, {@link FAILED} (the cdf
 * decreases, or the interval cannot be split further), or the index j of the node `work.x[j]` (with
 * `work.u[j]` its cdf) to split at.
 */
function fitInterval(
  dist: ContinuousDistribution,
  xL: number,
  uL: number,
  xR: number,
  uR: number,
  work: Work,
): number {
  const { x, u, s, a } = work;
  const du = uR - uL;
  const dx = xR - xL;
  if (du <= CHECK_TOLERANCE || nextUp(nextUp(xL)) >= xR) {
    // Any x in [xL, xR] is within du of every u here, or within two doubles of the best x (next to a
    // pole of the density, where neighbouring doubles differ by more than the tolerance in u): a
    // straight line will do.
    a.fill(0);
    a[0] = xL;
    a[1] = dx;
    return ACCEPTED;
  }
  x[0] = xL;
  u[0] = uL;
  x[DEGREE] = xR;
  u[DEGREE] = uR;
  for (let j = 1; j < DEGREE; j++) {
    x[j] = xL + dx * LOBATTO[j];
    u[j] = dist.cdf(x[j]);
    if (!(u[j] >= u[j - 1] - CDF_NOISE)) return FAILED;
    u[j] = Math.max(u[j], u[j - 1]);
  }
  // The node whose u is nearest the midpoint, where a split halves the interval in u.
  const middle = uL + du / 2;
  let nearest = 1;
  for (let j = 2; j < DEGREE; j++) {
    if (Math.abs(u[j] - middle) < Math.abs(u[nearest] - middle)) nearest = j;
  }
  if (!(x[nearest] > xL && x[nearest] < xR)) {
    // A few doubles apart (next to a pole), the nodes round onto the ends: split at the middle double.
    const middleX = xL / 2 + xR / 2;
    if (!(middleX > xL && middleX < xR)) return FAILED;
    const middleU = dist.cdf(middleX);
    if (!(middleU >= uL - CDF_NOISE && middleU <= uR + CDF_NOISE)) return FAILED;
    x[1] = middleX;
    u[1] = Math.min(Math.max(middleU, uL), uR);
    return 1;
  }
  const splitAt = nearest;
  for (let j = 0; j <= DEGREE; j++) s[j] = (u[j] - uL) / du;
  for (let j = 1; j <= DEGREE; j++) if (!(s[j] > s[j - 1])) return splitAt;
  powerBasis(s, x, a);
  a[0] = xL;
  if (!derivativeNonNegative(a)) return splitAt;
  for (let j = 0; j < DEGREE; j++) {
    const sm = (s[j] + s[j + 1]) / 2;
    const um = uL + sm * du;
    const xm = Math.min(Math.max(polynomial(a, sm), xL), xR);
    const error = Math.abs(dist.cdf(xm) - um);
    if (error <= CHECK_TOLERANCE) continue;
    // Next to a pole of the density the doubles around x are further apart in u than the tolerance:
    // x̃ is as good as doubles allow when u lies between the cdfs of the doubles one step away (which
    // leaves one more step for the points between the checked ones).
    if (
      !(error < 1e-6) ||
      !(
        dist.cdf(nextDown(xm)) <= um + CHECK_TOLERANCE &&
        um - CHECK_TOLERANCE <= dist.cdf(nextUp(xm))
      )
    ) {
      return splitAt;
    }
  }
  return ACCEPTED;
}

/** Power-basis coefficients `a` of the polynomial through the points (s_j, x_j) (Newton's form first). */
function powerBasis(s: Float64Array, x: Float64Array, a: Float64Array): void {
  // Divided differences in place: a[j] = x[s_0, …, s_j].
  for (let j = 0; j <= DEGREE; j++) a[j] = x[j];
  for (let level = 1; level <= DEGREE; level++) {
    for (let j = DEGREE; j >= level; j--) a[j] = (a[j] - a[j - 1]) / (s[j] - s[j - level]);
  }
  // Newton to power basis: p = a_5; p = p (s − s_k) + a_k for k = 4 … 0, as coefficient vectors.
  const p = new Float64Array(DEGREE + 1);
  p[0] = a[DEGREE];
  for (let k = DEGREE - 1; k >= 0; k--) {
    // p(s) · (s − s_k) + a_k: shift up, subtract s_k times p.
    for (let m = DEGREE; m >= 1; m--) p[m] = p[m - 1] - s[k] * p[m];
    p[0] = a[k] - s[k] * p[0];
  }
  a.set(p);
}

/**
 * Whether the polynomial with power-basis coefficients `a` (degree 5) is non-decreasing on [0, 1]: its
 * derivative's Bernstein coefficients are all >= 0 (sufficient, since the derivative is their convex
 * combination).
 */
function derivativeNonNegative(a: Float64Array): boolean {
  // Derivative d_k = (k + 1) a_(k + 1), degree 4; Bernstein b_i = Σ_(k <= i) C(i, k) / C(4, k) d_k.
  for (let i = 0; i <= 4; i++) {
    let b = 0;
    let choose = 1; // C(i, k)
    for (let k = 0; k <= i; k++) {
      b += (choose / BINOMIAL_4[k]) * (k + 1) * a[k + 1];
      choose = (choose * (i - k)) / (k + 1);
    }
    if (!(b >= 0)) return false;
  }
  return true;
}

/**
 * The polynomial with power-basis coefficients `a` at s, by Estrin's scheme, exactly as
 * {@link NumericalInverse.invert} evaluates it (so the checks see the values it will return).
 */
function polynomial(a: Float64Array, s: number): number {
  const s2 = s * s;
  return a[0] + s * a[1] + s2 * (a[2] + s * a[3] + s2 * (a[4] + s * a[5]));
}

/** Built inverses, or null where none could be built, per distribution object (frozen, so kept here). */
const INVERSES = new WeakMap<ContinuousDistribution, NumericalInverse | null>();

/**
 * The numerical inverse of `dist`, built on first use and kept for the object's lifetime, or undefined
 * when it cannot meet the tolerance (then the exact quantile is the way).
 */
export function numericalInverseOf(dist: ContinuousDistribution): NumericalInverse | undefined {
  let inverse = INVERSES.get(dist);
  if (inverse === undefined) {
    inverse = buildNumericalInverse(dist) ?? null;
    INVERSES.set(dist, inverse);
  }
  return inverse ?? undefined;
}

/**
 * out[i] = the inverse cdf of uniforms[i] (in [0, 1], checked by the caller) through the numerical
 * inverse of `dist`, or through its exact quantile where no inverse could be built. `out` may be
 * `uniforms`.
 */
export function invertNumerically(
  dist: ContinuousDistribution,
  uniforms: Float64Array,
  out: Float64Array,
): void {
  const inverse = numericalInverseOf(dist);
  if (inverse !== undefined) {
    inverse.invert(uniforms, out);
    return;
  }
  const n = uniforms.length;
  for (let i = 0; i < n; i++) out[i] = dist.quantile(uniforms[i]);
}
