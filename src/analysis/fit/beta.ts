/**
 * The beta fit (scipy's `beta.fit(data, floc=0, fscale=1)`): the likelihood equations
 * ψ(α) − ψ(α + β) = mean(log x), ψ(β) − ψ(α + β) = mean(log(1 − x)), solved as two nested
 * one-dimensional problems that always converge: the log-likelihood is strictly concave in (α, β)
 * (an exponential family in its natural parameters), so for each total t = α + β there is one best
 * mean α / t, and the profile log-likelihood in t is concave with one peak. Both are found by Newton's
 * method with bracketing, from the method-of-moments start, on statistics centred at the sample mean
 * (mean(log(x / x̄)) and mean(log((1 − x) / (1 − x̄))), their first-order parts summed exactly), which
 * keep tightly clustered data accurate: for values 0.75 ± 2e-5 it keeps the digits scipy's fit loses
 * (tests/analysis/fit.test.ts; the errors are in docs/performance.md, "Design decisions and their
 * measurements").
 * @module
 */
import { beta } from '../../distributions/beta.js';
import type { ContinuousDistribution } from '../../distributions/types.js';
import { SalvoError } from '../../errors.js';
import { moments } from '../../samples/moments.js';
import type { SampleValues } from '../../samples/values.js';
import { logMinusDigamma, trigamma, trigammaMinusReciprocal } from '../../special/digamma.js';
import { log1pmx, stirlingError } from '../../special/gamma.js';
import { show } from '../../validate.js';
import { readData, sortedCopy } from './data.js';
import { degenerate, MAX_CONCENTRATION, notConverged, tooConcentrated } from './errors.js';
import { type KolmogorovSmirnovTest, ksTest } from './kolmogorovSmirnov.js';
import { type FitResult, freezeResult } from './result.js';

const LOG_SQRT_2PI = 0.9189385332046728; // log(√(2π))
const EPSILON = 2.220446049250313e-16;

/**
 * The result of {@link fit}`.beta`: the shapes α and β on [0, 1].
 *
 * @example
 * ```ts
 * import { type BetaFit, fit } from 'salvo';
 * const r: BetaFit = fit.beta([0.12, 0.31, 0.25, 0.08, 0.4, 0.19, 0.22]);
 * r.params; // => { alpha: 3.5127208781718218, beta: 12.178033094197518 }
 * ```
 */
export type BetaFit = FitResult<
  { alpha: number; beta: number },
  ContinuousDistribution,
  KolmogorovSmirnovTest
>;

/**
 * What the beta likelihood needs from the data, centred on the sample mean so that tightly clustered
 * data keep their digits: with m the mean (a double) and 1 − m = mBar + r exactly (mBar a double, r
 * its rounding error), u1 = mean(log(x / m)) and u2 = mean(log((1 − x) / mBar)). The plain sums
 * mean(log x) = log m + u1 and mean(log(1 − x)) = log mBar + u2 hold the same information, but for
 * data within ±ε of their mean the shapes (of order 1/ε²) live in digits those sums do not have.
 * @internal
 */
export interface BetaStatistics {
  /** The reference point, the sample mean. */
  readonly m: number;
  /** 1 − m rounded to a double. */
  readonly mBar: number;
  /** (1 − m) − mBar, exactly. */
  readonly r: number;
  /** mean(log(x / m)). */
  readonly u1: number;
  /** mean(log((1 − x) / mBar)). */
  readonly u2: number;
}

/**
 * The bisection point of a bracket [lo, hi] for δ: the midpoint where the fitted means p = m + δ at
 * the two ends are within a factor 2 of each other (and so are 1 − p), else the midpoint in
 * logit(p), so that a root at p = 1e-200 is reached in tens of steps, not hundreds. An end at the
 * boundary (p = 0 or 1) counts as a factor e^20 beyond the other end.
 */
function betaMeanMidpoint(st: BetaStatistics, lo: number, hi: number): number {
  const { m, mBar, r } = st;
  const pLo = m + lo;
  const pHi = m + hi;
  const qLo = mBar + (r - lo);
  const qHi = mBar + (r - hi);
  const middle = lo / 2 + hi / 2;
  if (pHi <= 2 * pLo && qLo <= 2 * qHi) return middle;
  let yLo = pLo > 0 ? Math.log(pLo / qLo) : Number.NaN;
  let yHi = qHi > 0 ? Math.log(pHi / qHi) : Number.NaN;
  if (Number.isNaN(yLo) && Number.isNaN(yHi)) return middle;
  if (Number.isNaN(yLo)) yLo = yHi - 20;
  if (Number.isNaN(yHi)) yHi = yLo + 20;
  const y = yLo / 2 + yHi / 2;
  // δ = p − m, or (1 − m) − q where p is near 1 and q = 1 − p carries the digits.
  const next = y <= 0 ? 1 / (1 + Math.exp(-y)) - m : mBar + r - 1 / (1 + Math.exp(y));
  return next > lo && next < hi ? next : middle;
}

/**
 * For a fixed total t = α + β, the δ with α = (m + δ) t, β = (1 − m − δ) t that maximises the
 * likelihood: the root of F(δ) = [ψ(α) − ψ(t) − log m − u1] − [ψ(β) − ψ(t) − log mBar − u2], which
 * increases in δ from −∞ at δ = −m to +∞ at δ = 1 − m. ψ(α) − ψ(t) − log m is
 * log1p(δ/m) − (log α − ψ(α)) + (log t − ψ(t)), so no term cancels however large t is. Newton's
 * method from `start`, with bisection ({@link betaMeanMidpoint}) whenever a step leaves the bracket or
 * does not halve the step before last.
 */
function betaMeanOffset(
  st: BetaStatistics,
  t: number,
  start: number,
  maxIterations: number,
): number {
  const { m, mBar, r, u1, u2 } = st;
  let lo = -m;
  let hi = mBar + r;
  let d = start > lo && start < hi ? start : 0;
  const target = u1 - u2;
  let step = Number.POSITIVE_INFINITY;
  let stepBefore = Number.POSITIVE_INFINITY;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const a = (m + d) * t;
    const b = (mBar + (r - d)) * t;
    const p = Math.log1p(d / m);
    const q = Math.log1p((r - d) / mBar);
    const ga = logMinusDigamma(a);
    const gb = logMinusDigamma(b);
    const f = p - ga - q + gb - target;
    if (f === 0) return d;
    if (f > 0) hi = d;
    else lo = d;
    const df = t * (trigamma(a) + trigamma(b));
    let next = d - f / df;
    // Converged once the Newton step is below what rounding leaves of f (a few units in the last place
    // of its largest term) or of δ itself. (A shape so small that ψ′ overflows gives df = ∞ and a
    // step of 0 that means nothing: bisection then.)
    const floor = Math.max(
      (8 * EPSILON * (Math.abs(p) + ga + Math.abs(q) + gb + Math.abs(target))) / df,
      2 * EPSILON * Math.abs(d),
    );
    const newton = df < Number.POSITIVE_INFINITY;
    if (newton && Math.abs(next - d) <= floor) return next;
    // Bisection when Newton leaves the bracket or does not at least halve the step before last.
    if (!newton || !(next > lo && next < hi) || Math.abs(next - d) > 0.5 * stepBefore) {
      next = betaMeanMidpoint(st, lo, hi);
    }
    stepBefore = step;
    step = Math.abs(next - d);
    if (hi - lo <= floor) return next;
    d = next;
  }
  throw notConverged(
    'fit.beta',
    "Newton's method for the mean of the fitted beta",
    maxIterations,
    `alpha + beta = ${t}`,
  );
}

/**
 * The beta shapes that maximise the likelihood, by two nested one-dimensional solves that cannot fail
 * to converge: for each total t = α + β the best split ({@link betaMeanOffset}), and the t where the
 * profile log-likelihood peaks. The log-likelihood is strictly concave in (α, β) (an exponential
 * family in its natural parameters), so its profile along t is concave, and its slope, ∂ℓ/∂β at the
 * best split, ψ(t) − ψ(β) + mean(log(1 − x)), decreases in t. Its root is found by Newton's method in
 * log t from the method-of-moments `t0`: while the root is not bracketed a step is at most a factor
 * that doubles each time (e^2, e^4, …), and at least that when Newton keeps taking long steps the same
 * way (a slope decaying like 1/t); once it is, a step that leaves the bracket or does not
 * halve the step before last is replaced by bisection in log t (as Numerical Recipes' `rtsafe`). Each
 * solve stops when its Newton step is below the rounding floor of its equation; the outer one throws
 * when t would leave [1e-300, 1e300].
 * @param st - the centred statistics
 * @param t0 - starting α + β, > 0
 * @param maxIterations - iteration limit of each solve (tests lower it to reach the error)
 * @internal
 */
export function solveBetaShapes(
  st: BetaStatistics,
  t0: number,
  maxIterations = 200,
): { alpha: number; beta: number; offset: number; total: number } {
  const { m, mBar, r, u2 } = st;
  let t = t0;
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  let reach = 2; // largest |step| in log t while the root is not bracketed on that side
  let previousMove = 0;
  let step = Number.POSITIVE_INFINITY;
  let stepBefore = Number.POSITIVE_INFINITY;
  let d = 0;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (!(t > 1e-300 && t < 1e300)) break;
    d = betaMeanOffset(st, t, d, maxIterations);
    const a = (m + d) * t;
    const b = (mBar + (r - d)) * t;
    const q = Math.log1p((r - d) / mBar);
    const gb = logMinusDigamma(b);
    const gt = logMinusDigamma(t);
    // Slope of the profile: u2 − H with H = ψ(β) − ψ(t) − log mBar; decreasing in t.
    const slope = u2 - (q - gb + gt);
    if (slope === 0) return { alpha: a, beta: b, offset: d, total: t };
    if (slope > 0) lo = t;
    else hi = t;
    // t dH/dt through δ(t): with ρ(x) = ψ′(x) − 1/x, ∂H/∂t = ρ(β) β/t − ρ(t), ∂H/∂δ = −t ψ′(β) and
    // dδ/dt = −(ρ(α) α − ρ(β) β) / (t² (ψ′(α) + ψ′(β))), so
    // t dH/dt = ρ(β) β − t ρ(t) + ψ′(β) (ρ(α) α − ρ(β) β) / (ψ′(α) + ψ′(β)), free of t² (which can
    // overflow). Newton in log t: log t += slope / (t dH/dt). A derivative that is not finite (a shape
    // so small that ψ′ overflows) leaves the step to bisection.
    const rhoA = trigammaMinusReciprocal(a);
    const rhoB = trigammaMinusReciprocal(b);
    const triB = trigamma(b);
    const tdH =
      rhoB * b -
      t * trigammaMinusReciprocal(t) +
      (triB * (rhoA * a - rhoB * b)) / (trigamma(a) + triB);
    let move = slope / tdH;
    const noise = (8 * EPSILON * (Math.abs(u2) + Math.abs(q) + gb + gt)) / Math.abs(tdH);
    const floor = Number.isNaN(noise) ? 2 * EPSILON : Math.max(noise, 2 * EPSILON);
    // (A derivative that underflows or overflows gives no usable step: no convergence test then.)
    if (Number.isFinite(move) && Math.abs(move) <= floor) {
      const total = t * Math.exp(move);
      const offset = betaMeanOffset(st, total, d, maxIterations);
      return { alpha: (m + offset) * total, beta: (mBar + (r - offset)) * total, offset, total };
    }
    const bracketed = lo > 0 && hi < Number.POSITIVE_INFINITY;
    if (bracketed) {
      const next = t * Math.exp(move);
      if (!(next > lo && next < hi) || Math.abs(move) > 0.5 * stepBefore) {
        move = 0.5 * (Math.log(lo) + Math.log(hi)) - Math.log(t);
      }
    } else if (!(Math.abs(move) <= reach) || move > 0 !== slope > 0) {
      move = slope > 0 ? reach : -reach;
      reach *= 2;
    } else if (
      Math.abs(move) > 0.5 &&
      Math.abs(previousMove) > 0.5 &&
      move > 0 === previousMove > 0
    ) {
      // Far from the root and not getting closer fast (where the slope decays like 1/t, Newton in
      // log t advances by about 1 per step): stride by a growing factor until the root is bracketed.
      move = slope > 0 ? Math.max(move, reach) : Math.min(move, -reach);
      reach *= 2;
    }
    previousMove = move;
    stepBefore = step;
    step = Math.abs(move);
    if (bracketed && Math.log(hi) - Math.log(lo) <= floor) {
      const total = Math.sqrt(lo) * Math.sqrt(hi);
      const offset = betaMeanOffset(st, total, d, maxIterations);
      return { alpha: (m + offset) * total, beta: (mBar + (r - offset)) * total, offset, total };
    }
    t *= Math.exp(move);
  }
  if (!(t > 1e-300 && t < 1e300)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `fit.beta: the fitted alpha + beta would ${t >= 1e300 ? 'pass 1e300' : 'fall below 1e-300'}, beyond what a double holds: the data crowd 0 or 1 too closely for a beta fit (for values near 0, fit.gamma is the limiting model)`,
      { parameter: 'data', value: t },
    );
  }
  throw notConverged(
    'fit.beta',
    "Newton's method for alpha + beta",
    maxIterations,
    `last alpha + beta = ${t}`,
  );
}

/**
 * Fits a beta distribution on [0, 1] by maximum likelihood, as
 * `scipy.stats.beta.fit(data, floc=0, fscale=1)`: the shapes solve ψ(α) − ψ(α + β) = mean(log x) and
 * ψ(β) − ψ(α + β) = mean(log(1 − x)), found by nested one-dimensional Newton iterations (over α + β,
 * and over the mean α / (α + β) for each α + β) from the method of moments, on statistics centred at
 * the sample mean so that tightly clustered data keep their accuracy. The goodness of fit is a
 * Kolmogorov–Smirnov test, with an optimistic p-value (see {@link KolmogorovSmirnovTest}).
 *
 * @param data - at least two distinct values, all strictly between 0 and 1 (a value of exactly 0 or 1
 * has zero likelihood for some shapes and infinite for others, so no MLE exists)
 * @returns the fit; see {@link BetaFit}
 * @throws {@link SalvoError} `EMPTY_DATA` for no data; `INVALID_PARAMETER` naming `data[i]` for a value
 * that is not a finite number in (0, 1), or naming `data` when all values are equal, when they are so
 * concentrated that both shapes would pass 1e16, or when α + β would leave [1e-300, 1e300] (values
 * crowded within about 1e-300 of 0 or 1)
 *
 * @example
 * ```ts
 * import { fit } from 'salvo';
 * const shareDelayed = [0.12, 0.31, 0.25, 0.08, 0.4, 0.19, 0.22];
 * const r = fit.beta(shareDelayed);
 * r.params.alpha;        // => 3.5127208781718218
 * r.params.beta;         // => 12.178033094197518
 * r.distribution.mean;   // => 0.22387202580306553
 * ```
 */
export function fitBeta(data: SampleValues): BetaFit {
  const where = 'fit.beta';
  const v = readData(where, data, 'unit');
  const n = v.length;
  const moment = moments(v);
  if (moment.min === moment.max) throw degenerate(where, n, moment.min, 'the shapes', '');
  const m = moment.mean;
  const mBar = 1 - m;
  const r = 1 - mBar - m; // exact: 1 − mBar is (Sterbenz), and so is its difference from m
  const logM = Math.log(m);
  const logMBar = Math.log(mBar);
  // u1 = mean(log(x / m)) = mean(d1) + mean(log1p(d1) − d1) with d1 = (x − m) / m, and likewise
  // u2 = mean(log((1 − x) / mBar)) with d2 = (1 − x − mBar) / mBar = (r − (x − m)) / mBar. For data
  // within ±ε of their mean, u1 and u2 are of order ε², the first-order parts mean(d1) and mean(d2) only
  // carry the rounding of m, and the rounding of each dᵢ (of order ε · 1e-16) would swamp the ε² signal
  // if the log1p(dᵢ) were summed. So the first-order parts come from the exact sum S = Σ(x − m) (each
  // x − m is exact near m), and the second-order parts log1p(d) − d from log1pmx, accurate to the last
  // digit; terms with |d| > ½ use logarithms instead.
  let sDiff = 0;
  let cDiff = 0;
  let relativeSquares = 0;
  let s1 = 0;
  let c1 = 0;
  let s2 = 0;
  let c2 = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    const diff = x - m;
    const d1 = diff / m;
    relativeSquares += d1 * d1;
    let e1: number;
    if (d1 >= -0.5 && d1 <= 0.5) {
      e1 = log1pmx(d1);
    } else {
      const ratio = x / m;
      e1 = (ratio > 1e-300 ? Math.log(ratio) : Math.log(x) - logM) - d1;
    }
    const d2 = (r - diff) / mBar;
    const e2 = d2 >= -0.5 && d2 <= 0.5 ? log1pmx(d2) : Math.log1p(-x) - logMBar - d2;
    let t = sDiff + diff;
    let bp = t - sDiff;
    cDiff += sDiff - (t - bp) + (diff - bp);
    sDiff = t;
    t = s1 + e1;
    bp = t - s1;
    c1 += s1 - (t - bp) + (e1 - bp);
    s1 = t;
    t = s2 + e2;
    bp = t - s2;
    c2 += s2 - (t - bp) + (e2 - bp);
    s2 = t;
  }
  const meanDiff = (sDiff + cDiff) / n;
  const st: BetaStatistics = {
    m,
    mBar,
    r,
    u1: meanDiff / m + (s1 + c1) / n,
    u2: (r - meanDiff) / mBar + (s2 + c2) / n,
  };
  // Method of moments: α + β = mean (1 − mean) / variance − 1 (variance dividing by n, as scipy),
  // from the relative variance mean(d1²) = variance / m², which does not underflow for tiny values.
  const common = mBar / (m * (relativeSquares / n)) - 1;
  const t0 = common > 1e-300 && common < 1e300 ? common : 1;
  const { alpha, beta: betaShape, offset, total } = solveBetaShapes(st, t0);
  if (!(alpha > 0 && betaShape > 0 && alpha + betaShape < Number.POSITIVE_INFINITY)) {
    // Not seen in testing: a last guard so that a failed solve never reaches the beta factory.
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: the fitted shapes came out as alpha = ${show(alpha)}, beta = ${show(betaShape)}; the data are too extreme for this family`,
      { parameter: 'data', value: alpha },
    );
  }
  if (Math.min(alpha, betaShape) > MAX_CONCENTRATION) {
    const spread = Math.sqrt(moment.ss / n) * moment.scale;
    throw tooConcentrated(
      where,
      'the smaller fitted shape',
      Math.min(alpha, betaShape),
      spread / Math.min(m, mBar),
    );
  }
  const distribution = beta(alpha, betaShape);
  // log L / n = (α − 1) mean(log x) + (β − 1) mean(log(1 − x)) − log B(α, β), with log B in Stirling
  // form (δ = Loader's Stirling error): α(u1 − log1p(δ/m)) + β(u2 − log1p((r − δ)/mBar))
  // − mean(log x) − mean(log(1 − x)) + ½ log(αβ / t) − log √(2π) − δ(α) − δ(β) + δ(t), whose terms
  // stay of order 1 (or log t) for concentrated data, where the plain form cancels.
  const l1 = logM + st.u1;
  const l2 = logMBar + st.u2;
  const logLikelihood =
    n *
    (alpha * (st.u1 - Math.log1p(offset / m)) +
      betaShape * (st.u2 - Math.log1p((r - offset) / mBar)) -
      l1 -
      l2 +
      0.5 * Math.log((alpha * betaShape) / total) -
      LOG_SQRT_2PI -
      stirlingError(alpha) -
      stirlingError(betaShape) +
      stirlingError(total));
  const goodnessOfFit = ksTest(sortedCopy(v), (x) => distribution.cdf(x));
  return freezeResult(distribution, { alpha, beta: betaShape }, logLikelihood, n, 2, goodnessOfFit);
}
