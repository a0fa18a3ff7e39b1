/**
 * The standard Student t distribution's CDF and quantile, through the regularized incomplete beta
 * function: for t < 0, F(t) = ½ I_x(ν/2, ½) with x = ν / (ν + t²) (Abramowitz & Stegun 26.7.1).
 * Both x and 1 − x = t² / (ν + t²) are formed directly, so neither tail loses digits; the quantile
 * inverts the same relation with {@link inverseIncompleteBeta}, which returns x and 1 − x separately,
 * and recovers |t| = √(ν (1 − x) / x). Closed forms are used for ν = 1 (Cauchy) and ν = 2, and the
 * normal limit (through erfc(z) = Q(½, z²)) for ν > 1e20, where the two differ by less than 1e-20.
 * @internal
 * @module
 */
import { incompleteBeta, inverseIncompleteBeta, logBeta } from './beta.js';
import { inverseRegularizedGammaQ, regularizedGammaQ } from './gamma.js';

/**
 * Above this df the normal limit is used: the incomplete beta function with shape df / 2 loses its
 * accuracy beyond 2^50 (studentT(1e20)'s cdf was 0.5 at t = −49, and NaN nearby), while the t and
 * normal cdfs differ there by less than 1e-16.
 */
const HUGE_DF = 2 ** 50;

/**
 * CDF of the standard Student t distribution with `df` degrees of freedom.
 * @param t - any number, including ±Infinity
 * @param df - degrees of freedom, > 0 (non-integer allowed)
 * @returns P(T <= t); `NaN` for NaN arguments or df <= 0
 */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df) || !(df > 0)) return Number.NaN;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === 0) return 0.5;
  let tail: number; // P(T <= −|t|)
  if (df > HUGE_DF) {
    // Normal limit: Φ(−|t|) = ½ erfc(|t| / √2) = ½ Q(½, t² / 2).
    tail = 0.5 * regularizedGammaQ(0.5, 0.5 * t * t);
  } else {
    const t2 = t * t;
    if (t2 / df > 1e300) {
      // Far tail: I_x(ν/2, ½) ≈ x^(ν/2) / ((ν/2) B(ν/2, ½)) with x = ν / t² < 1e-300, whose
      // next term is smaller by a factor of order x.
      const a = df / 2;
      const logX = Math.log(df) - 2 * Math.log(Math.abs(t));
      tail = 0.5 * Math.exp(a * logX - Math.log(a) - logBeta(a, 0.5));
    } else {
      const x = df / (df + t2);
      const y = t2 / (df + t2);
      tail = 0.5 * incompleteBeta(x, y, df / 2, 0.5, false);
    }
  }
  return t < 0 ? tail : 1 - tail;
}

const SCRATCH = new Float64Array(2);

/**
 * Quantile (inverse CDF) of the standard Student t distribution.
 * @param p - a probability in [0, 1]
 * @param df - degrees of freedom, > 0 (non-integer allowed)
 * @returns the t with P(T <= t) = p; ±Infinity for p = 0 or 1; `NaN` for NaN or out-of-domain arguments
 */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || Number.isNaN(df) || !(df > 0) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  const lower = p < 0.5;
  // tail = 2 min(p, 1 − p) = P(|T| >= |t|) and its complement, both exact in floating point.
  const tail = lower ? 2 * p : 2 * (1 - p);
  const rest = lower ? 2 * (0.5 - p) : 2 * (p - 0.5);
  let magnitude: number;
  if (df === 1) {
    // Cauchy: |t| = cot(π tail / 2).
    magnitude = 1 / Math.tan((Math.PI * tail) / 2);
  } else if (df === 2) {
    // F(t) = ½ + t / (2 √(2 + t²)); with s = tail / 2: |t| = (1 − 2s) / √(2 s (1 − s)).
    const s = tail / 2;
    magnitude = rest / Math.sqrt(2 * s * (1 - s));
  } else if (df > HUGE_DF) {
    // Normal limit: tail = erfc(|t| / √2) = Q(½, t² / 2).
    magnitude = Math.sqrt(2 * inverseRegularizedGammaQ(0.5, tail));
  } else {
    // tail = I_x(ν/2, ½) with x = ν / (ν + t²): t² = ν (1 − x) / x.
    const a = df / 2;
    // Far tail (tiny ν or tail): I_x(a, ½) = x^a / (a B(a, ½)) · (1 + O(x)) gives log x directly,
    // exact to double precision once x < 1e-280, where x itself would underflow or lose digits.
    const logX = (Math.log(tail) + Math.log(a) + logBeta(a, 0.5)) / a;
    if (logX < -645) {
      magnitude = Math.sqrt(df) * Math.exp(-0.5 * logX);
    } else {
      inverseIncompleteBeta(a, 0.5, tail, rest, SCRATCH);
      const x = SCRATCH[0];
      const y = SCRATCH[1];
      magnitude = x === 0 ? Number.POSITIVE_INFINITY : Math.sqrt(df) * Math.sqrt(y / x);
    }
  }
  return lower ? -magnitude : magnitude;
}
