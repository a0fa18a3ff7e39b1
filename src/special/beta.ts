/**
 * The beta function family in double precision: log B(a, b), the regularized incomplete beta function
 * I_x(a, b) and its inverse.
 *
 * - `logBeta`: log Γ sums for small arguments; for large ones Stirling's series arranged so that the
 *   large log Γ values never cancel (so log B(0.5, 5e5) keeps full relative accuracy).
 * - `regularizedBeta`: the continued fraction of W. H. Press et al., "Numerical Recipes", 3rd ed., §6.4
 *   (evaluated by the modified Lentz method), with the symmetry I_x(a, b) = 1 − I_(1−x)(b, a) used so that
 *   the fraction always converges quickly (x < (a + 1) / (a + b + 2)). The factor x^a (1 − x)^b / B(a, b)
 *   is computed in C. Loader's saddle-point form ("Fast and accurate computation of binomial
 *   probabilities", 2000) when a and b are both large, so it keeps its relative accuracy there. With
 *   a large, b moderate and x near 1 (the Student t CDF at large ν; binomial tails for large n) the
 *   fraction loses about log10(a) digits (1e-8 relative at a = 1e9), so for a >= 15, b <= 100 and
 *   1 − x < 0.3 the asymptotic expansion BGRAT of A. R. DiDonato and A. H. Morris (Algorithm 708, ACM
 *   TOMS 18(3), 1992) is used instead, after the recurrence in b (their BUP) for b > 1; also for b up
 *   to 10^4 when a >= 1000 b (at beta(382, 1e15) the fraction was 2e-3 off). When one shape is far below
 *   the other (b <= 10^-3 min(1, a)) the tail of order b beyond (a + 1) / (a + b + 2) is computed
 *   itself, as Algorithm 708 does (APSER for b <= 2^-52 min(1, a), else BPSER for y >= 0.3, else
 *   BGRAT after the recurrence in a), not as 1 minus the other tail (which gave 0 for beta(0.1, 1e-20)).
 * - `inverseRegularizedBeta`: Newton's method on log I (or log of its complement) as a function of the
 *   logit u = log(x / (1 − x)). The logit of a beta variable has a log-concave density for every a, b > 0,
 *   so both log-tails are concave in u and Newton converges monotonically from any start; the start
 *   (Numerical Recipes' `invbetai` guesses: a Cornish–Fisher-type normal approximation for a, b >= 1,
 *   the power-law asymptotes of the two tails otherwise) only sets the number of steps.
 *
 * Every routine takes x together with y = 1 − x where that matters, so that callers such as the Student
 * t CDF (x = ν / (ν + t²), y = t² / (ν + t²)) never lose digits forming 1 − x.
 *
 * Accuracy against mpmath (50 digits) is checked in tests/special.test.ts: I_x and its complement to
 * 1e-12 relative, far tails included, and the inverse likewise. Known limits: with a
 * shape between 10^-3 and about 0.01 times the other the tail obtained as 1 − (the other tail) keeps
 * only about 1e-16 / value relative accuracy; with both shapes large the continued fraction
 * needs O(√(a + b)) steps and its rounding errors add up, to a relative error of about 2^-52 a / √b
 * for a >= b near the mean (4e-6 at a = 1e15, b = 1e8; Algorithm 708's BASYM would fix both speed
 * and accuracy there; the beta family refuses the worst of it). The errors measured while writing this file, for shapes from 0.1 to 1e9 and at
 * those limits against scipy/Boost, are in docs/performance.md, "Design decisions and their
 * measurements".
 * @internal
 * @module
 */

import { logMinusDigamma } from './digamma.js';
import {
  bd0,
  logGamma,
  logRegularizedGamma,
  normalQuantileApprox,
  stirlingError,
} from './gamma.js';

const LOG_SQRT_2PI = 0.9189385332046728;
const TWO_PI = 6.283185307179586;
const EPSILON = 2.220446049250313e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 1_000_000;

/** log Γ(b) − log Γ(a + b) for b >= 10, without forming the two large values. */
function logGammaRatio(b: number, a: number): number {
  // Stirling for both: −a log b − (a + b − ½) log1p(a / b) + a + δ(b) − δ(a + b).
  return (
    -a * Math.log(b) -
    (a + b - 0.5) * Math.log1p(a / b) +
    a +
    stirlingError(b) -
    stirlingError(a + b)
  );
}

/**
 * Natural logarithm of the beta function B(a, b) = Γ(a) Γ(b) / Γ(a + b).
 * @param a - a number > 0
 * @param b - a number > 0
 * @returns log B(a, b); `NaN` for NaN or non-positive arguments
 */
export function logBeta(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || !(a > 0) || !(b > 0)) return Number.NaN;
  const small = Math.min(a, b);
  const large = Math.max(a, b);
  if (large === Number.POSITIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  if (large < 10) return logGamma(a) + logGamma(b) - logGamma(a + b);
  if (small < 10) return logGamma(small) + logGammaRatio(large, small);
  // Both large: ½ log(2π) − ½ log(ab / (a + b)) − a log1p(b/a) − b log1p(a/b) + δ terms.
  return (
    LOG_SQRT_2PI -
    0.5 * Math.log((a * b) / (a + b)) -
    a * Math.log1p(b / a) -
    b * Math.log1p(a / b) +
    stirlingError(a) +
    stirlingError(b) -
    stirlingError(a + b)
  );
}

/**
 * Logarithm of the common factor x^a y^b / B(a, b) of I_x(a, b) and its complement, with y = 1 − x.
 * @param a - a number > 0
 * @param b - a number > 0
 * @param x - a number in [0, 1]
 * @param y - 1 − x, computed by the caller without cancellation
 */
export function logBetaPrefix(a: number, b: number, x: number, y: number): number {
  if (x <= 0 || y <= 0) return Number.NEGATIVE_INFINITY;
  if (a >= 10 && b >= 10) {
    // Loader: with n = a + b, x^a y^b / B = √(ab / (2π n)) exp(δ(n) − δ(a) − δ(b) − bd0(a, nx) − bd0(b, ny)).
    const n = a + b;
    return (
      0.5 * Math.log((a * b) / (TWO_PI * n)) +
      stirlingError(n) -
      stirlingError(a) -
      stirlingError(b) -
      bd0(a, n * x) -
      bd0(b, n * y)
    );
  }
  const logX = y < 0.5 ? Math.log1p(-y) : Math.log(x);
  const logY = x < 0.5 ? Math.log1p(-x) : Math.log(y);
  return a * logX + b * logY - logBeta(a, b);
}

/**
 * The common factor x^a y^b / B(a, b); see {@link logBetaPrefix}.
 * @param a - a number > 0
 * @param b - a number > 0
 * @param x - a number in [0, 1]
 * @param y - 1 − x
 */
export function betaPrefix(a: number, b: number, x: number, y: number): number {
  return Math.exp(logBetaPrefix(a, b, x, y));
}

/** Continued fraction for I_x(a, b) · a / prefix, converging fast for x < (a + 1) / (a + b + 2). */
function betaFraction(a: number, b: number, x: number, y: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  // 1 − (a + b) x / (a + 1) = ((1 − b) + (a + b) y) / (a + 1), which does not cancel for x near 1.
  let d = x < 0.5 ? 1 - (qab * x) / qap : (1 - b + qab * y) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= EPSILON) break;
  }
  return h;
}

const BGRAT_C = new Float64Array(30);
const BGRAT_D = new Float64Array(30);

/**
 * log I_x(a, b) for a >= 15, b <= 1 by the asymptotic expansion BGRAT of A. R. DiDonato and A. H. Morris,
 * "Algorithm 708: Significant digit computation of the incomplete beta function ratios", ACM TOMS 18(3),
 * 1992, in terms of Q(b, z), z = −(a + (b − 1)/2) log x. Used where x is close to 1 and the continued
 * fraction would lose about log10(a) digits to cancellation (the Student t CDF with large ν).
 * Returns NaN when the expansion cannot be formed.
 */
function logBgrat(a: number, b: number, x: number, y: number): number {
  const bm1 = b - 1;
  const nu = a + 0.5 * bm1;
  const lnx = y > 0.375 ? Math.log(x) : Math.log1p(-y);
  const z = -nu * lnx;
  if (b * z === 0) return Number.NaN;
  // R = e^(−z) z^b / Γ(b); U = R Γ(a + b) / (Γ(a) ν^b); the result is U (J + Σ d_n J_n), J = Q(b, z) / R.
  const logR = -z + b * Math.log(z) - logGamma(b);
  const logU = logR - (logGammaRatio(a, b) + b * Math.log(nu));
  let j = Math.exp(logRegularizedGamma(b, z, true) - logR);
  const v = 0.25 / (nu * nu);
  const t2 = 0.25 * lnx * lnx;
  let sum = j;
  let t = 1;
  let cn = 1;
  let n2 = 0;
  for (let n = 1; n <= 30; n++) {
    const bp2n = b + n2;
    j = (bp2n * (bp2n + 1) * j + (z + bp2n + 1) * t) * v;
    n2 += 2;
    t *= t2;
    cn /= n2 * (n2 + 1);
    BGRAT_C[n - 1] = cn;
    let s = 0;
    let coef = b - n;
    for (let i = 1; i < n; i++) {
      s += coef * BGRAT_C[i - 1] * BGRAT_D[n - i - 1];
      coef += b;
    }
    BGRAT_D[n - 1] = bm1 * cn + s / n;
    const dj = BGRAT_D[n - 1] * j;
    sum += dj;
    if (sum <= 0) return Number.NaN;
    if (Math.abs(dj) <= EPSILON * sum) break;
  }
  return logU + Math.log(sum);
}

const EULER_GAMMA = 0.5772156649015329;

/**
 * log I_(1−u)(c, s) for a second shape s so small that s <= 2^-52 · min(1, c), with c u <= 1 and
 * u <= ½: the tail whose value is of order s, which 1 − (the other tail) cannot give (beta(0.1, 1e-20)
 * had cdf 0 above its mean). To first order in s (Algorithm 708's APSER, DiDonato and Morris 1992),
 * I_(1−u)(c, s) = −s (log u + ψ(c) + γ + Σ_{j>=1} t_j / j), t_j = u^j Π_{i<=j} (1 − c / i), the
 * binomial series of ∫_0^u ((1 − v)^(c−1) − 1) / v dv; the neglected terms are of relative order
 * s (log u)² and s / c, below 2^-52 · 745² here.
 */
function logTinyShapeTail(s: number, c: number, u: number): number {
  // log u + ψ(c) + γ = log(c u) − (log c − ψ(c)) + γ, the middle term with full relative accuracy for
  // every c, and c u formed first where it cannot underflow (log c and log u are large and opposite
  // for a large c).
  const cu = c * u;
  const logCu = cu > 1e-300 ? Math.log(cu) : Math.log(c) + Math.log(u);
  let sum = logCu - logMinusDigamma(c) + EULER_GAMMA;
  let t = 1;
  for (let j = 1; j < 2000; j++) {
    t *= u - (c * u) / j;
    const term = t / j;
    sum += term;
    if (Math.abs(term) <= EPSILON * 0.25 * Math.abs(sum)) break;
  }
  return Math.log(s) + Math.log(-sum);
}

/** The smallest ratio of shapes, s <= this · min(1, c), at which {@link logTinyShapeTail} is used. */
const TINY_SHAPE_RATIO = EPSILON;

/** log(e^p + e^q) without overflow. */
function logAddExp(p: number, q: number): number {
  const m = Math.max(p, q);
  if (m === Number.NEGATIVE_INFINITY) return m;
  return m + Math.log(Math.exp(p - m) + Math.exp(q - m));
}

/**
 * log I_x(a, b) for a >= 15, b <= 100 and x near 1 (y < 0.3). For b <= 1 this is BGRAT itself; otherwise
 * b is brought down to b0 = b − n in (0, 1] by the recurrence I_x(a, c + 1) = I_x(a, c) + T(c),
 * T(c) = x^a y^c / (c B(a, c)) (DLMF 8.17.21; Algorithm 708's BUP), so that
 * I_x(a, b) = I_x(a, b0) + Σ_{j<n} T(b0 + j): a sum of positive terms, with T(c + 1) = T(c) y (a + c) / (c + 1).
 * Returns NaN when BGRAT cannot be formed.
 */
function logLargeShape(a: number, b: number, x: number, y: number): number {
  if (b <= 1) return logBgrat(a, b, x, y);
  const n = Math.ceil(b) - 1;
  const b0 = b - n;
  const logBase = logBgrat(a, b0, x, y);
  if (Number.isNaN(logBase)) return logBase;
  let logScale = logBetaPrefix(a, b0, x, y) - Math.log(b0); // log T(b0)
  let term = 1;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    sum += term;
    term *= (y * (a + b0 + j)) / (b0 + j + 1);
    if (term > 1e200) {
      // Rescale so that the running terms cannot overflow.
      sum *= 1e-200;
      term *= 1e-200;
      logScale += 460.51701859880916; // log(1e200)
    }
  }
  return logAddExp(logBase, logScale + Math.log(sum));
}

/**
 * log I_x(a, b) by its power series (Algorithm 708's BPSER), for x <= 0.7 and b <= 1:
 * I_x(a, b) = x^a / (a B(a, b)) (1 + a Σ_{j>=1} c_j x^j / (a + j)), c_j = Π_{i<=j} (1 − b / i),
 * a sum of positive terms.
 */
function logPowerSeries(a: number, b: number, x: number): number {
  let c = 1;
  let power = 1;
  let sum = 0;
  for (let j = 1; j < 2000; j++) {
    c *= 1 - b / j;
    power *= x;
    const term = (c * power) / (a + j);
    sum += term;
    if (term <= EPSILON * 0.25 * sum) break;
  }
  return a * Math.log(x) - logBeta(a, b) - Math.log(a) + Math.log1p(a * sum);
}

/**
 * log I_x(a, b) for a small second shape (b <= 10^-3 min(1, a)) and x at or above (a + 1) / (a + b + 2),
 * where this lower tail, of order b, is the small one and 1 − (the other tail) keeps only about
 * 1e-16 / b of its digits (relative errors up to 5 at beta(20, 1e-15), x = 0.99). As Algorithm 708
 * does: the power series for x <= 0.7; otherwise BGRAT, after the recurrence in a
 * I_x(a, b) = I_x(a + n, b) + Σ_{i<n} x^(a+i) y^b / ((a + i) B(a + i, b)) (positive terms) to bring a to
 * 15 or more. NaN when BGRAT cannot be formed.
 */
function logSmallSecondShape(a: number, b: number, x: number, y: number): number {
  if (y >= 0.3) return logPowerSeries(a, b, x);
  if (a >= 15) return logBgrat(a, b, x, y);
  const n = Math.ceil(15 - a);
  const logBase = logBgrat(a + n, b, x, y);
  if (Number.isNaN(logBase)) return logBase;
  // T(i + 1) = T(i) x (a + i + b) / (a + i + 1), from T(0) = x^a y^b / (a B(a, b)).
  let term = 1;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += term;
    term *= (x * (a + i + b)) / (a + i + 1);
  }
  return logAddExp(logBase, logBetaPrefix(a, b, x, y) - Math.log(a) + Math.log(sum));
}

/** Largest ratio b / min(1, a) at which {@link logSmallSecondShape} is used. */
const SMALL_SHAPE_RATIO = 1e-3;

/**
 * Whether I_x(a, b) with x near 1 (y < 0.3) is to be computed by {@link logLargeShape} rather than the
 * continued fraction. The fraction's coefficients there approach −1 and its result rests on their
 * deviations of order b / a, so it loses digits in proportion to a / √b (2e-3 relative at a = 1e15,
 * b = 382, against scipy): BGRAT for b <= 100, and up to b = 10^4 (the recurrence costs b steps) when
 * a >= 1000 b, where the fraction's error would exceed about 1e-12.
 */
function useLargeShape(a: number, b: number, y: number): boolean {
  return a >= 15 && y < 0.3 && (b <= 100 || (b <= 1e4 && a >= 1000 * b));
}

/**
 * log I_x(a, b) (complement = false) or log(1 − I_x(a, b)) = log I_y(b, a) (complement = true), given x
 * and y = 1 − x. Whichever of the two the continued fraction yields directly keeps full relative accuracy;
 * logarithms let the inverse iterate far out in a tail without underflow.
 */
function logIncompleteBeta(
  x: number,
  y: number,
  a: number,
  b: number,
  complement: boolean,
): number {
  if (Number.isNaN(x) || Number.isNaN(y) || Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  if (!(a > 0) || !(b > 0) || x < 0 || y < 0) return Number.NaN;
  if (x === 0) return complement ? 0 : Number.NEGATIVE_INFINITY;
  if (y === 0) return complement ? Number.NEGATIVE_INFINITY : 0;
  if (x < (a + 1) / (a + b + 2)) {
    // Here b x < 1 and x < ½: the upper tail, of order a, by its own series when a is tiny.
    if (a <= TINY_SHAPE_RATIO * Math.min(1, b)) {
      const logUpper = logTinyShapeTail(a, b, x);
      return complement ? logUpper : Math.log1p(-Math.exp(logUpper));
    }
    if (complement && a <= SMALL_SHAPE_RATIO * Math.min(1, b)) {
      const logUpper = logSmallSecondShape(b, a, y, x);
      if (!Number.isNaN(logUpper)) return logUpper;
    }
    let logDirect = Number.NaN;
    if (useLargeShape(a, b, y)) logDirect = logLargeShape(a, b, x, y);
    if (Number.isNaN(logDirect)) {
      logDirect = logBetaPrefix(a, b, x, y) + Math.log(betaFraction(a, b, x, y) / a);
    }
    return complement ? Math.log1p(-Math.exp(logDirect)) : logDirect;
  }
  // Here a y < 1 and y < ½: the lower tail, of order b, by its own series when b is tiny.
  if (b <= TINY_SHAPE_RATIO * Math.min(1, a)) {
    const logLower = logTinyShapeTail(b, a, y);
    return complement ? Math.log1p(-Math.exp(logLower)) : logLower;
  }
  if (b <= SMALL_SHAPE_RATIO * Math.min(1, a)) {
    const logLower = logSmallSecondShape(a, b, x, y);
    if (!Number.isNaN(logLower)) return complement ? Math.log1p(-Math.exp(logLower)) : logLower;
  }
  if (useLargeShape(b, a, x)) {
    const logOther = logLargeShape(b, a, y, x);
    if (!Number.isNaN(logOther)) return complement ? logOther : Math.log1p(-Math.exp(logOther));
  }
  const logOther = logBetaPrefix(a, b, x, y) + Math.log(betaFraction(b, a, y, x) / b);
  return complement ? logOther : Math.log1p(-Math.exp(logOther));
}

/**
 * I_x(a, b) (complement = false) or 1 − I_x(a, b) = I_y(b, a) (complement = true), given x and y = 1 − x.
 * Whichever of the two the continued fraction yields directly keeps full relative accuracy.
 * @param x - a number in [0, 1]
 * @param y - 1 − x
 * @param a - a number > 0
 * @param b - a number > 0
 * @param complement - return 1 − I_x(a, b) instead
 */
export function incompleteBeta(
  x: number,
  y: number,
  a: number,
  b: number,
  complement: boolean,
): number {
  return Math.exp(logIncompleteBeta(x, y, a, b, complement));
}

/**
 * Regularized incomplete beta function I_x(a, b), the CDF of a Beta(a, b) variable at x.
 * @param x - a number in [0, 1] (values outside are clamped to the nearest end)
 * @param a - a number > 0
 * @param b - a number > 0
 * @returns I_x(a, b) in [0, 1]; `NaN` for NaN or non-positive a, b
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return incompleteBeta(0, 1, a, b, false);
  if (x >= 1) return incompleteBeta(1, 0, a, b, false);
  // For subnormal shapes the log-space prefix can round above 0 (beta(5e-324, 50).cdf(1e-5) was
  // Infinity); the true value is then 1 to double precision.
  return Math.min(incompleteBeta(x, 1 - x, a, b, false), 1);
}

/**
 * Start of the inverse iteration for the lower tail (I_x(a, b) = p with p <= ½), written as [x, y]
 * into `out` (Numerical Recipes 3rd ed. §6.14 `invbetai`).
 */
function inverseBetaStart(a: number, b: number, p: number, q: number, out: Float64Array): void {
  if (a >= 1 && b >= 1) {
    const z = -normalQuantileApprox(p); // >= 0
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w =
      (z * Math.sqrt(h + al)) / h -
      (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    // x = a / (a + b e^(2w)): logit log(a / b) − 2w.
    const u = Math.log(a / b) - 2 * w;
    out[0] = 1 / (1 + Math.exp(-u));
    out[1] = 1 / (1 + Math.exp(u));
    return;
  }
  // Power-law asymptotes near 0 and 1: I ≈ x^a / (a B) and 1 − I ≈ y^b / (b B), with w ≈ B as in NR.
  const logA = Math.log(a / (a + b));
  const logB = Math.log(b / (a + b));
  const t = Math.exp(a * logA) / a;
  const s = Math.exp(b * logB) / b;
  const w = t + s;
  if (p < t / w) {
    const x = Math.exp((Math.log(a * w) + Math.log(p)) / a);
    out[0] = x;
    out[1] = 1 - x;
  } else {
    const y = Math.exp((Math.log(b * w) + Math.log(q)) / b);
    out[0] = 1 - y;
    out[1] = y;
  }
  if (!(out[0] > 0 && out[1] > 0)) {
    out[0] = a / (a + b);
    out[1] = b / (a + b);
  }
}

/** The smallest normal double, 2^-1022; below it doubles are spaced 2^-1074 apart. */
const SMALLEST_NORMAL = 2 ** -1022;

/**
 * Solves I_x(a, b) = p (when p <= q) or 1 − I_x(a, b) = q (otherwise) for x, p + q = 1, and writes
 * [x, 1 − x] into `out`, each with full relative accuracy.
 * @param a - a number > 0
 * @param b - a number > 0
 * @param p - the lower-tail probability
 * @param q - the upper-tail probability, 1 − p
 * @param out - receives x and 1 − x
 */
export function inverseIncompleteBeta(
  a: number,
  b: number,
  p: number,
  q: number,
  out: Float64Array,
): void {
  if (
    Number.isNaN(a) ||
    Number.isNaN(b) ||
    Number.isNaN(p) ||
    Number.isNaN(q) ||
    !(a > 0) ||
    !(b > 0) ||
    p < 0 ||
    q < 0
  ) {
    out[0] = Number.NaN;
    out[1] = Number.NaN;
    return;
  }
  if (p === 0) {
    out[0] = 0;
    out[1] = 1;
    return;
  }
  if (q === 0) {
    out[0] = 1;
    out[1] = 0;
    return;
  }
  // Solve the lower tail of (A, B) for X: the problem itself when p <= q, else its mirror image.
  const lower = p <= q;
  const A = lower ? a : b;
  const B = lower ? b : a;
  const target = lower ? p : q;
  const logTarget = Math.log(target);
  inverseBetaStart(A, B, target, lower ? q : p, out);
  let x = out[0];
  let y = out[1];
  let converged = false;
  for (let iteration = 0; iteration < 500; iteration++) {
    if (x === 0 || y === 0) break;
    const logTail = logIncompleteBeta(x, y, A, B, false);
    // d I / d logit(x) = x y · density = prefix; g' = prefix / I.
    const logSlope = logBetaPrefix(A, B, x, y);
    let step = (logTail - logTarget) * Math.exp(logTail - logSlope);
    if (Number.isNaN(step)) break;
    // Keep a wild first step (from a poor start) bounded; convergence is monotone after it.
    if (step > 50) step = 50;
    else if (step < -50) step = -50;
    // u ← u − step, applied to x and y directly so that both keep their relative accuracy.
    const e = Math.exp(step);
    const den = x + y * e;
    const previousX = x;
    const previousY = y;
    x /= den;
    y = (y * e) / den;
    // Among subnormal x (spaced 5e-324 apart) the steps cycle between neighbours instead of
    // shrinking, and where they stop depends on the start (without this stop, each quantile there
    // ran to the iteration limit): not converged, finished below.
    if (x < SMALLEST_NORMAL && iteration >= 8) break;
    // A step that moves neither x nor y would repeat forever: converged as far as doubles allow.
    converged = Math.abs(step) <= 1e-10 || (x === previousX && y === previousY);
    if (converged) break;
  }
  // Where Newton did not settle (subnormal x; a start it could not leave, such as a level whose answer
  // underflows from a start near 1) neighbouring levels could get quantiles out of order: a truncated
  // beta whose window ends at 1e-100 asked for exactly such levels. The answer is then found by
  // bisection on the bit patterns of the doubles, which are ordered like the doubles themselves: the
  // smallest x with I_x >= p, monotone in p; a few evaluations when Newton ended near it.
  if (!converged || x < SMALLEST_NORMAL) {
    // In the problem's own frame (the mirror image cannot reach x below 2^-53), against the cdf.
    const solution = smallestDoubleReaching(a, b, p, lower ? x : y);
    out[0] = solution;
    out[1] = 1 - solution;
    return;
  }
  if (lower) {
    out[0] = x;
    out[1] = y;
  } else {
    out[0] = y;
    out[1] = x;
  }
}

const BITS_F64 = new Float64Array(1);
const BITS_I64 = new BigInt64Array(BITS_F64.buffer);

/** The double whose bit pattern is `bits` (a non-negative pattern gives a non-negative double). */
function fromBits(bits: bigint): number {
  BITS_I64[0] = bits;
  return BITS_F64[0];
}

/** The bit pattern of the double x. */
function toBits(x: number): bigint {
  BITS_F64[0] = x;
  return BITS_I64[0];
}

const ONE_BITS = toBits(1);

/**
 * The smallest double x in [0, 1] with I_x(a, b) >= p (0 < p < 1), I as {@link regularizedBeta}
 * computes it, by bisection on the bit patterns (for non-negative doubles their order is the order of
 * the numbers). The bracket is found by doubling steps out from `guess` (Newton's last iterate, a few
 * doubles from the answer when it cycled among subnormals), so a good guess costs a few evaluations.
 */
function smallestDoubleReaching(a: number, b: number, p: number, guess: number): number {
  const reaches = (bits: bigint) => regularizedBeta(fromBits(bits), a, b) >= p;
  const start = guess >= 0 && guess <= 1 ? toBits(guess) : ONE_BITS;
  // I_0 = 0 < p and I_1 = 1 >= p: bit patterns 0 and ONE_BITS bound the search without evaluation.
  let below: bigint;
  let reaching: bigint;
  let step = 1n;
  if (start === ONE_BITS || reaches(start)) {
    reaching = start;
    below = start - step;
    while (below > 0n && reaches(below)) {
      reaching = below;
      step *= 2n;
      below = reaching - step;
    }
    if (below < 0n) below = 0n;
  } else {
    below = start;
    reaching = start + step;
    while (reaching < ONE_BITS && !reaches(reaching)) {
      below = reaching;
      step *= 2n;
      reaching = below + step;
    }
    if (reaching > ONE_BITS) reaching = ONE_BITS;
  }
  while (reaching - below > 1n) {
    const middle = (below + reaching) >> 1n;
    if (reaches(middle)) reaching = middle;
    else below = middle;
  }
  return fromBits(reaching);
}

const SCRATCH = new Float64Array(2);

/**
 * Inverse of the regularized incomplete beta function: the x in [0, 1] with I_x(a, b) = p.
 * For p > ½ the mirrored equation I_(1−x)(b, a) = 1 − p is solved, so upper quantiles keep their accuracy.
 * @param p - a probability in [0, 1]
 * @param a - a number > 0
 * @param b - a number > 0
 * @returns x; `NaN` for NaN or out-of-domain arguments
 */
export function inverseRegularizedBeta(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  inverseIncompleteBeta(a, b, p, 1 - p, SCRATCH);
  return SCRATCH[0];
}
