/**
 * The gamma function family in double precision: log Γ, the regularized incomplete gamma functions
 * P(a, x) and Q(a, x) and their inverses.
 *
 * - `logGamma`: Taylor series of log Γ(1 + z) about 0 (coefficients ζ(k) − 1) on [0.5, 2.5], the
 *   recurrence below it and above it up to 10, and Stirling's series from 10 on.
 * - `regularizedGammaP` / `regularizedGammaQ`: the power series for P and Legendre's continued fraction
 *   for Q (W. H. Press et al., "Numerical Recipes", 3rd ed., §6.2, modified Lentz evaluation), each used
 *   where it yields the smaller tail directly; for a < 1 and x < 1.1 the upper tail by the series of
 *   A. R. DiDonato and A. H. Morris, "Computation of the incomplete gamma function ratios and their
 *   inverse", ACM TOMS 12(4), 1986 (their eq. 16, as in Boost's `tgamma_small_upper_part`); for large
 *   a with x near a N. M. Temme's uniform asymptotic expansion ("The asymptotic expansion of the
 *   incomplete gamma functions", SIAM J. Math. Anal. 10(4), 1979; the double-precision coefficient
 *   polynomials tabulated by Boost.Math, `igamma_large.hpp`). The factor x^a e^(−x) / Γ(a + 1) is
 *   computed in C. Loader's saddle-point form ("Fast and accurate computation of binomial
 *   probabilities", 2000) so that it keeps its relative accuracy for large a.
 * - `inverseRegularizedGammaP` / `inverseRegularizedGammaQ`: Newton's method on log P (or log Q) as a
 *   function of log x. The log-gamma density is log-concave, so both log-tails are concave in log x and
 *   Newton's iterates converge monotonically from any start; the start (small-x asymptote, Wilson–
 *   Hilferty, or the large-x asymptote) only decides how many steps are needed (typically 3–6).
 *
 * Accuracy against mpmath (50 digits) is checked in tests/special.test.ts: log Γ to 1e-14 relative, P
 * and Q to 1e-12 relative in both tails (values far below 1e-100 included), the inverses likewise.
 * Where the function itself is ill-conditioned the error follows it (for P(1e4, 8000) ≈ 6e-103 the
 * rounding of x alone moves P by 2e-13). The errors measured on a wider grid while writing this file,
 * and the cost of a call, are in docs/performance.md, "Design decisions and their measurements".
 * @internal
 * @module
 */

const LOG_SQRT_2PI = 0.9189385332046728; // log(sqrt(2 pi))
const SQRT_2PI = 2.5066282746310002;
const EULER_GAMMA = 0.5772156649015329;
const EPSILON = 2.220446049250313e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 1_000_000;

/** ζ(k) − 1 for k = 2, 3, …, 45 (mpmath, 40 digits). */
const ZETA_MINUS_ONE = [
  0.6449340668482264, 0.2020569031595943, 0.08232323371113819, 0.03692775514336993,
  0.01734306198444914, 0.008349277381922827, 0.00407735619794434, 0.0020083928260822143,
  0.0009945751278180853, 0.0004941886041194645, 0.0002460865533080483, 0.00012271334757848915,
  6.124813505870483e-5, 3.058823630702049e-5, 1.528225940865187e-5, 7.637197637899763e-6,
  3.81729326499984e-6, 1.908212716553939e-6, 9.539620338727962e-7, 4.769329867878064e-7,
  2.38450502727733e-7, 1.1921992596531106e-7, 5.960818905125948e-8, 2.980350351465228e-8,
  1.4901554828365043e-8, 7.45071178983543e-9, 3.725334024788457e-9, 1.862659723513049e-9,
  9.313274324196682e-10, 4.656629065033784e-10, 2.3283118336765053e-10, 1.164155017270052e-10,
  5.820772087902701e-11, 2.9103850444971e-11, 1.4551921891041985e-11, 7.275959835057482e-12,
  3.637979547378651e-12, 1.818989650307066e-12, 9.094947840263888e-13, 4.547473783042154e-13,
  2.2737368458246524e-13, 1.136868407680228e-13, 5.684341987627585e-14, 2.842170976889302e-14,
];

/**
 * log Γ(1 + z) for |z| <= 0.5 by −log1p(z) + z(1 − γ) + Σ_{k>=2} (−1)^k (ζ(k) − 1) z^k / k
 * (Abramowitz & Stegun 6.1.33); the terms fall like (z/2)^k.
 */
function logGamma1pSeries(z: number): number {
  let sum = 0;
  let power = -z; // (−z)^k
  for (let k = 2; k <= 45; k++) {
    power *= -z;
    const term = (ZETA_MINUS_ONE[k - 2] * power) / k;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return -Math.log1p(z) + z * (1 - EULER_GAMMA) + sum;
}

/**
 * Stirling's series without its leading terms: log Γ(x) − [(x − ½) log x − x + log √(2π)]
 * = Σ B_2k / (2k (2k − 1) x^(2k − 1)), for x >= 10 (error below 1e-17 there).
 */
function stirlingTail(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return (
    r *
    (0.08333333333333333 +
      r2 *
        (-0.002777777777777778 +
          r2 *
            (0.0007936507936507937 +
              r2 *
                (-0.0005952380952380953 +
                  r2 *
                    (0.0008417508417508417 +
                      r2 *
                        (-0.0019175269175269176 +
                          r2 * (0.00641025641025641 + r2 * -0.029550653594771242)))))))
  );
}

/** |sin(π x)| without the loss of accuracy of `Math.sin(Math.PI * x)` for large |x|. */
function absSinPi(x: number): number {
  const r = Math.abs(x) % 1;
  return Math.sin(Math.PI * Math.min(r, 1 - r));
}

/**
 * Natural logarithm of |Γ(x)|.
 * @param x - any number; poles (0, −1, −2, …) give `Infinity`
 * @returns log |Γ(x)|, `NaN` for NaN
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) {
    if (Number.isInteger(x) || x === Number.NEGATIVE_INFINITY) return Number.POSITIVE_INFINITY;
    // Reflection: Γ(x) Γ(1 − x) = π / sin(π x).
    return Math.log(Math.PI / absSinPi(x)) - logGamma(1 - x);
  }
  if (x < 0.5) return logGamma1pSeries(x) - Math.log(x);
  if (x <= 1.5) return logGamma1pSeries(x - 1);
  if (x <= 2.5) {
    const w = x - 2;
    return Math.log1p(w) + logGamma1pSeries(w);
  }
  if (x < 10) {
    let product = 1;
    while (x > 2.5) {
      x -= 1;
      product *= x;
    }
    const w = x - 2;
    return Math.log(product) + Math.log1p(w) + logGamma1pSeries(w);
  }
  if (x === Number.POSITIVE_INFINITY) return x;
  return (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + stirlingTail(x);
}

/**
 * log Γ(1 + z), accurate (relative) also for z near 0 and near 1, where the value is near 0.
 * @param z - a number > −1
 */
export function logGamma1p(z: number): number {
  if (Math.abs(z) <= 0.5) return logGamma1pSeries(z);
  if (z > 0.5 && z <= 1.5) {
    const w = z - 1;
    return Math.log1p(w) + logGamma1pSeries(w);
  }
  return logGamma(1 + z);
}

/** Γ(1 + a) − 1 without cancellation for small a. */
function gamma1pm1(a: number): number {
  return Math.expm1(logGamma1p(a));
}

/**
 * Loader's δ(n) = log Γ(n + 1) − (n + ½) log n + n − log √(2π), the error of Stirling's formula.
 * @param n - a number > 0
 */
export function stirlingError(n: number): number {
  if (n >= 10) return stirlingTail(n);
  return logGamma1p(n) - (n + 0.5) * Math.log(n) + n - LOG_SQRT_2PI;
}

/**
 * log(1 + x) − x, accurate also for small |x|.
 * @param x - a number > −1
 */
export function log1pmx(x: number): number {
  if (Math.abs(x) > 0.5) return Math.log1p(x) - x;
  // With r = x / (2 + x): log(1 + x) = 2 atanh(r) = 2 (r + r^3/3 + r^5/5 + ...) and x − 2r = r x,
  // so log(1 + x) − x = r (2 r^2/3 + 2 r^4/5 + ... − x); |r| <= 1/3 here.
  const r = x / (2 + x);
  const r2 = r * r;
  if (r2 <= 0.0124) {
    // |x| <= 1/4 or so: ten terms reach 1e-17, written out (no loop, no test per term) because the
    // maximum-likelihood fits call this once per data value.
    const series =
      r2 *
      (1 / 3 +
        r2 *
          (1 / 5 +
            r2 *
              (1 / 7 +
                r2 *
                  (1 / 9 +
                    r2 *
                      (1 / 11 +
                        r2 *
                          (1 / 13 + r2 * (1 / 15 + r2 * (1 / 17 + r2 * (1 / 19 + r2 / 21)))))))));
    return r * (2 * series - x);
  }
  let power = r2;
  let sum = 0;
  for (let k = 3; k < 80; k += 2) {
    const term = power / k;
    sum += term;
    if (term <= 1e-17 * sum) break;
    power *= r2;
  }
  return r * (2 * sum - x);
}

/**
 * Loader's deviance term bd0(x, m) = x log(x / m) + m − x >= 0, accurate when x is close to m.
 * @param x - a number >= 0
 * @param m - a number > 0
 */
export function bd0(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    // x log(x/m) + m − x = (x − m) v + 2x Σ_{j>=1} v^(2j+1) / (2j + 1), v = (x − m) / (x + m).
    // Halved where x + m overflows (x and m near the largest double); exact scaling otherwise changes
    // nothing, and 2·v·x rounds as 2·x·v does but cannot overflow first.
    const sum = x + m;
    const v = sum < Number.POSITIVE_INFINITY ? (x - m) / sum : (x / 2 - m / 2) / (x / 2 + m / 2);
    let s = (x - m) * v;
    let ej = 2 * v * x;
    const v2 = v * v;
    for (let j = 1; j < 1000; j++) {
      ej *= v2;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/**
 * Logarithm of the Poisson-like term x^a e^(−x) / Γ(a + 1), the common factor of P(a, x) and Q(a, x).
 * For a >= 10 it is −δ(a) − bd0(a, x) − ½ log(2π a) (Loader), which keeps full accuracy for large a
 * near x, where the naive exponent a log x − x − log Γ(a + 1) cancels badly.
 * @param a - shape, > 0
 * @param x - a number >= 0
 */
export function logPoissonTerm(a: number, x: number): number {
  if (x === 0 || x === Number.POSITIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  if (a < 10) return a * Math.log(x) - x - logGamma1p(a);
  return -stirlingError(a) - bd0(a, x) - Math.log(SQRT_2PI * Math.sqrt(a));
}

/**
 * The Poisson-like term x^a e^(−x) / Γ(a + 1); see {@link logPoissonTerm}.
 * @param a - shape, > 0
 * @param x - a number >= 0
 */
export function poissonTerm(a: number, x: number): number {
  return Math.exp(logPoissonTerm(a, x));
}

/**
 * Density of the standard gamma distribution, x^(a − 1) e^(−x) / Γ(a).
 * @param a - shape, > 0
 * @param x - a number >= 0
 */
export function gammaDensity(a: number, x: number): number {
  if (x < 0) return 0;
  if (x === 0) return a < 1 ? Number.POSITIVE_INFINITY : a === 1 ? 1 : 0;
  if (x === Number.POSITIVE_INFINITY) return 0;
  // x^(a − 1) e^(−x) / Γ(a) = a · poissonTerm(a, x) / x = poissonTerm(a − 1, x).
  if (a < 1) return Math.exp(Math.log(a) + logPoissonTerm(a, x) - Math.log(x));
  return poissonTerm(a - 1, x);
}

/** Σ_{n>=0} x^n / ((a + 1) … (a + n)), so that P(a, x) = poissonTerm(a, x) · sum. */
function lowerSeries(a: number, x: number): number {
  let sum = 1;
  let term = 1;
  let ap = a;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    ap += 1;
    term *= x / ap;
    sum += term;
    if (term <= sum * EPSILON) break;
  }
  return sum;
}

/** Legendre's continued fraction for Q(a, x) / (x^a e^(−x) / Γ(a)), for x >= a + 1 (or x >= 1.1). */
function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= EPSILON) break;
  }
  return h;
}

/**
 * Q(a, x) for a < 1 and x < 1.1 (DiDonato & Morris eq. 16):
 * Γ(a) Q = [Γ(1 + a) − x^a] / a − x^a Σ_{n>=1} (−x)^n / (n! (a + n)).
 */
function smallShapeUpper(a: number, x: number): number {
  const xPowMinus1 = Math.expm1(a * Math.log(x)); // x^a − 1
  const head = gamma1pm1(a) - xPowMinus1; // Γ(1 + a) − x^a
  let sum = 0;
  let term = 1; // (−x)^n / n!
  for (let n = 1; n < 200; n++) {
    term *= -x / n;
    const t = term / (a + n);
    sum += t;
    if (Math.abs(t) <= Math.abs(sum) * EPSILON) break;
  }
  // Q = [head − a x^a sum] / Γ(1 + a)
  return (head - a * (xPowMinus1 + 1) * sum) / Math.exp(logGamma1p(a));
}

/** Coefficient polynomials of Temme's expansion in η (DiDonato & Morris 1986; Boost.Math). */
const TEMME_C0 = [
  -0.3333333333333333, 0.08333333333333333, -0.014814814814814815, 0.0011574074074074073,
  0.0003527336860670194, -0.0001787551440329218, 3.919263178522438e-5, -2.1854485106799924e-6,
  -1.85406221071516e-6, 8.296711340953087e-7, -1.7665952736826078e-7, 6.707853543401498e-9,
  1.0261809784240309e-8, -4.382036018453353e-9, 9.14769958223679e-10,
];
const TEMME_C1 = [
  -0.001851851851851852, -0.003472222222222222, 0.0026455026455026454, -0.0009902263374485596,
  0.00020576131687242798, -4.018775720164609e-7, -1.8098550334489977e-5, 7.64916091608111e-6,
  -1.6120900894563446e-6, 4.647127802807434e-9, 1.378633446915721e-7, -5.752545603517705e-8,
  1.1951628599778148e-8,
];
const TEMME_C2 = [
  0.004133597883597883, -0.0026813271604938273, 0.0007716049382716049, 2.0093878600823047e-6,
  -0.00010736653226365161, 5.2923448829120125e-5, -1.2760635188618728e-5, 3.423578734096138e-8,
  1.3721957309062932e-6, -6.298992138380055e-7, 1.4280614206064242e-7,
];
const TEMME_C3 = [
  0.0006494341563786008, 0.00022947209362139917, -0.0004691894943952557, 0.00026772063206283885,
  -7.561801671883977e-5, -2.396505113867297e-7, 1.1082654115347302e-5, -5.6749528269915965e-6,
  1.4230900732435883e-6,
];
const TEMME_C4 = [
  -0.0008618882909167117, 0.0007840392217200666, -0.0002990724803031902, -1.4638452578843418e-6,
  6.641498215465122e-5, -3.968365047179435e-5, 1.1375726970678419e-5,
];
const TEMME_C5 = [
  -0.00033679855336635813, -6.972813758365858e-5, 0.0002772753244959392, -0.00019932570516188847,
  6.797780477937208e-5, 1.419062920643967e-7, -1.3594048189768693e-5, 8.018470256334202e-6,
  -2.291481176508095e-6,
];
const TEMME_C6 = [
  0.0005313079364639922, -0.0005921664373536939, 0.0002708782096718045, 7.902353232660328e-7,
  -8.153969367561969e-5, 5.61168275310625e-5, -1.8329116582843375e-5,
];
const TEMME_C7 = [
  0.00034436760689237765, 5.171790908260592e-5, -0.00033493161081142234, 0.0002812695154763237,
  -0.00010976582244684731,
];
const TEMME_C8 = [-0.0006526239185953094, 0.0008394987206720873, -0.000438297098541721];
const TEMME_C9 = -0.0005967612901927463;
const TEMME = [
  TEMME_C0,
  TEMME_C1,
  TEMME_C2,
  TEMME_C3,
  TEMME_C4,
  TEMME_C5,
  TEMME_C6,
  TEMME_C7,
  TEMME_C8,
];

function polynomial(coefficients: readonly number[], z: number): number {
  let sum = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) sum = sum * z + coefficients[i];
  return sum;
}

/**
 * Temme's expansion for large a and x near a. Returns the smaller-side tail: P(a, x) when x < a,
 * Q(a, x) when x >= a. Q = ½ erfc(η √(a/2)) + R with η = sign(x − a) √(2 (σ − log(1 + σ))), σ = (x − a) / a.
 */
function temmeLarge(a: number, x: number): number {
  const sigma = (x - a) / a;
  const phi = -log1pmx(sigma);
  const y = a * phi;
  let z = Math.sqrt(2 * phi);
  if (x < a) z = -z;
  const inverseA = 1 / a;
  let series = TEMME_C9;
  for (let k = TEMME.length - 1; k >= 0; k--) series = series * inverseA + polynomial(TEMME[k], z);
  let result = (series * Math.exp(-y)) / Math.sqrt(2 * Math.PI * a);
  if (x < a) result = -result;
  // erfc(√y) = Q(½, y), which never takes this branch.
  return result + regularizedGammaQ(0.5, y) / 2;
}

/**
 * log P (upper = false) or log Q (upper = true), with relative accuracy in the tail asked for. Working
 * with logarithms lets the inverse iterate far out in a tail without underflow.
 */
function logIncompleteGamma(a: number, x: number, upper: boolean): number {
  if (Number.isNaN(a) || Number.isNaN(x) || !(a > 0) || x < 0) return Number.NaN;
  if (x === 0) return upper ? 0 : Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return upper ? Number.NEGATIVE_INFINITY : 0;
  if (a === Number.POSITIVE_INFINITY) return upper ? 0 : Number.NEGATIVE_INFINITY;
  if (a > 20) {
    const sigma = Math.abs((x - a) / a);
    if (a > 200 ? 20 / a > sigma * sigma : sigma < 0.4) {
      const tail = temmeLarge(a, x);
      const isLowerTail = x < a;
      return isLowerTail === !upper ? Math.log(tail) : Math.log1p(-tail);
    }
  }
  let logP: number;
  if (a < 1 && x < 1.1) {
    // P small (x^a well below 1): series for P; otherwise Q directly.
    const lowerIsSmall = x < 0.5 ? -0.4 / Math.log(x) < a : 0.75 * x < a;
    if (!lowerIsSmall) {
      const q = smallShapeUpper(a, x);
      return upper ? Math.log(q) : Math.log1p(-q);
    }
    logP = logPoissonTerm(a, x) + Math.log(lowerSeries(a, x));
  } else if (x < a + 1) {
    logP = logPoissonTerm(a, x) + Math.log(lowerSeries(a, x));
  } else {
    const logQ = logPoissonTerm(a, x) + Math.log(a * upperFraction(a, x));
    return upper ? logQ : Math.log1p(-Math.exp(logQ));
  }
  return upper ? Math.log1p(-Math.exp(logP)) : logP;
}

/**
 * log P(a, x) (upper = false) or log Q(a, x) (upper = true), each with relative accuracy, and without
 * underflow far out in the tails.
 * @param a - shape, > 0
 * @param x - a number >= 0
 * @param upper - return log Q instead of log P
 */
export function logRegularizedGamma(a: number, x: number, upper: boolean): number {
  return logIncompleteGamma(a, x, upper);
}

/** P (upper = false) or Q (upper = true). */
function incompleteGamma(a: number, x: number, upper: boolean): number {
  return Math.exp(logIncompleteGamma(a, x, upper));
}

/**
 * Regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a), the CDF of a standard gamma
 * variable with shape a at x.
 * @param a - shape, > 0
 * @param x - a number >= 0
 * @returns P(a, x) in [0, 1]; `NaN` for NaN or out-of-domain arguments
 */
export function regularizedGammaP(a: number, x: number): number {
  return incompleteGamma(a, x, false);
}

/**
 * Regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x), computed
 * directly so that small values keep their relative accuracy.
 * @param a - shape, > 0
 * @param x - a number >= 0
 * @returns Q(a, x) in [0, 1]; `NaN` for NaN or out-of-domain arguments
 */
export function regularizedGammaQ(a: number, x: number): number {
  return incompleteGamma(a, x, true);
}

/**
 * Standard normal quantile by P. J. Acklam's rational approximation (relative error < 1.2e-9).
 * Good enough for the starting points of Newton iterations; not for final results.
 * @param p - a probability in (0, 1)
 */
export function normalQuantileApprox(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  if (p < 0.02425 || p > 0.97575) {
    const lower = p < 0.5;
    const q = Math.sqrt(-2 * Math.log(lower ? p : 1 - p));
    const x =
      (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q -
        2.549732539343734) *
        q +
        4.374664141464968) *
        q +
        2.938163982698783) /
      ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q +
        3.754408661907416) *
        q +
        1);
    return lower ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r +
      1.38357751867269e2) *
      r -
      3.066479806614716e1) *
      r +
      2.506628277459239) *
      q) /
    (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r +
      6.680131188771972e1) *
      r -
      1.328068155288572e1) *
      r +
      1)
  );
}

/** Starting point, as log x, for the solution of P(a, x) = p (lower) or Q(a, x) = q (upper). */
function inverseGammaStart(a: number, target: number, lower: boolean): number {
  const logTarget = Math.log(target);
  if (lower) {
    // P ≈ x^a / Γ(a + 1) while x is small against a + 1.
    const logSmall = (logTarget + logGamma1p(a)) / a;
    if (Math.exp(logSmall) < 0.2 * (a + 1) || a <= 1) return logSmall;
  } else if (a <= 1) {
    // Q ≈ x^(a − 1) e^(−x) / Γ(a) for large x: iterate x = −log(q Γ(a)) + (a − 1) log x.
    const base = -logTarget - logGamma(a);
    let x = Math.max(base, 1);
    for (let i = 0; i < 4; i++) x = Math.max(base + (a - 1) * Math.log(x), 0.1);
    return Math.log(x);
  }
  // Wilson–Hilferty: (X / a)^(1/3) is nearly normal with mean 1 − 1/(9a) and variance 1/(9a).
  const z = lower ? normalQuantileApprox(target) : -normalQuantileApprox(target);
  const cube = 1 - 1 / (9 * a) + z / (3 * Math.sqrt(a));
  if (cube > 0) return Math.log(a) + 3 * Math.log(cube);
  return (logTarget + logGamma1p(a)) / a;
}

/** Solves P(a, x) = p when p <= q, else Q(a, x) = q, for x; p + q = 1. */
function inverseGamma(a: number, p: number, q: number): number {
  if (Number.isNaN(a) || Number.isNaN(p) || Number.isNaN(q) || !(a > 0) || p < 0 || q < 0) {
    return Number.NaN;
  }
  if (p === 0) return 0;
  if (q === 0) return Number.POSITIVE_INFINITY;
  if (a === Number.POSITIVE_INFINITY) return Number.NaN;
  const lower = p <= q;
  const target = lower ? p : q;
  const logTarget = Math.log(target);
  // Newton on g(u) = log(tail(e^u)) − log(target), concave and monotone in u = log x. The iterate is
  // kept as x (x ← x e^(−step)) so that its precision is not limited by that of log x.
  let x = Math.exp(inverseGammaStart(a, target, lower));
  for (let iteration = 0; iteration < 200; iteration++) {
    if (x === 0 || x === Number.POSITIVE_INFINITY) return x;
    const logTail = logIncompleteGamma(a, x, !lower);
    // |d tail / d log x| = x · density = a · poissonTerm(a, x); g' = that / tail.
    const logSlope = Math.log(a) + logPoissonTerm(a, x);
    let step = (logTail - logTarget) * Math.exp(logTail - logSlope);
    if (!lower) step = -step;
    if (Number.isNaN(step)) break;
    // Keep a wild first step (from a poor start) bounded; convergence is monotone after it.
    if (step > 50) step = 50;
    else if (step < -50) step = -50;
    x *= Math.exp(-step);
    // Quadratic convergence: after a step this small the remaining error is below rounding.
    if (Math.abs(step) <= 1e-10) break;
  }
  return x;
}

/**
 * Inverse of P(a, ·): the x >= 0 with P(a, x) = p. For p > 1/2 the equation Q(a, x) = 1 − p is solved
 * instead, so upper quantiles keep their accuracy.
 * @param a - shape, > 0
 * @param p - a probability in [0, 1]
 * @returns x, `Infinity` for p = 1, `NaN` for NaN or out-of-domain arguments
 */
export function inverseRegularizedGammaP(a: number, p: number): number {
  if (!(p <= 1)) return Number.NaN;
  return inverseGamma(a, p, 1 - p);
}

/**
 * Inverse of Q(a, ·): the x >= 0 with Q(a, x) = q, accurate for tiny q (far upper quantiles).
 * @param a - shape, > 0
 * @param q - a probability in [0, 1]
 * @returns x, `Infinity` for q = 0, `NaN` for NaN or out-of-domain arguments
 */
export function inverseRegularizedGammaQ(a: number, q: number): number {
  if (!(q <= 1)) return Number.NaN;
  return inverseGamma(a, 1 - q, q);
}
