/**
 * The digamma function ψ = (log Γ)′ and the trigamma function ψ′, for the maximum-likelihood equations
 * of the gamma and beta families (src/analysis/fit/gamma.ts and beta.ts).
 *
 * Both use the recurrences ψ(x) = ψ(x + 1) − 1/x and ψ′(x) = ψ′(x + 1) + 1/x² to move the argument to
 * x >= 10, then the asymptotic (Stirling) series ψ(x) ~ log x − 1/(2x) − Σ B₂ₖ / (2k x²ᵏ) and
 * ψ′(x) ~ 1/x + 1/(2x²) + Σ B₂ₖ / x²ᵏ⁺¹ (Abramowitz & Stegun 6.3.18 and 6.4.12), whose omitted terms
 * are below 1e-17 relative there. Negative non-integers use the reflection formulas
 * ψ(1 − x) − ψ(x) = π cot(πx) and ψ′(1 − x) + ψ′(x) = π² / sin²(πx) (A&S 6.3.7, 6.4.7).
 *
 * The MLE equations need two differences that cancel badly when written naively, so they have their
 * own functions: {@link logMinusDigamma}, log x − ψ(x) ≈ 1/(2x) (the gamma shape equation), and
 * {@link trigammaMinusReciprocal}, ψ′(x) − 1/x ≈ 1/(2x²) (its derivative). Both are sums of positive
 * terms (the tail of the series from x >= 10, and a recurrence with positive terms below), so they
 * keep full relative accuracy for every x > 0, where `Math.log(x) - digamma(x)` keeps only the digits
 * that survive subtracting two numbers near log x: for x = 7.4, 1e-15 absolute in a value of 0.07.
 * Accuracy against mpmath at 50 digits (tests/analysis/fit.test.ts, table made by
 * tests/fixtures/make-fit-reference.py): digamma within 4e-15 relative or 1e-15 absolute (only absolute
 * accuracy is possible near its zero x₀ ≈ 1.4616), trigamma within 2e-15 relative, the two differences
 * within 1e-15 relative everywhere on the table (1e-8 to 1e12; the error measured, a few times smaller,
 * is in docs/performance.md, "Design decisions and their measurements").
 * @internal
 * @module
 */
import { log1pmx } from './gamma.js';

/** x at and above which the asymptotic series is used. */
const ASYMPTOTIC_FROM = 10;

/**
 * The tail of the digamma series: Σₖ B₂ₖ / (2k x²ᵏ) = 1/(12x²) − 1/(120x⁴) + 1/(252x⁶) − …, for x >= 10,
 * so that ψ(x) = log x − 1/(2x) − tail.
 */
function digammaTail(x: number): number {
  const r2 = 1 / (x * x);
  return (
    r2 *
    (0.08333333333333333 +
      r2 *
        (-0.008333333333333333 +
          r2 *
            (0.003968253968253968 +
              r2 *
                (-0.004166666666666667 +
                  r2 *
                    (0.007575757575757576 +
                      r2 *
                        (-0.021092796092796094 +
                          r2 * (0.08333333333333333 + r2 * -0.4432598039215686)))))))
  );
}

/**
 * The tail of the trigamma series: Σₖ B₂ₖ / x²ᵏ⁺¹ = 1/(6x³) − 1/(30x⁵) + 1/(42x⁷) − …, for x >= 10, so
 * that ψ′(x) = 1/x + 1/(2x²) + tail.
 */
function trigammaTail(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return (
    r *
    r2 *
    (0.16666666666666666 +
      r2 *
        (-0.03333333333333333 +
          r2 *
            (0.023809523809523808 +
              r2 *
                (-0.03333333333333333 +
                  r2 *
                    (0.07575757575757576 +
                      r2 *
                        (-0.2531135531135531 +
                          r2 * (1.1666666666666667 + r2 * -7.092156862745098)))))))
  );
}

/** tan(πx) without the loss of accuracy of `Math.tan(Math.PI * x)` for large |x|. */
function tanPi(x: number): number {
  let r = x % 1; // (−1, 1); tan(πx) has period 1
  if (r > 0.5) r -= 1;
  else if (r < -0.5) r += 1;
  return Math.tan(Math.PI * r);
}

/** sin(πx)² without the loss of accuracy of `Math.sin(Math.PI * x)` for large |x|. */
function sinPiSquared(x: number): number {
  const r = Math.abs(x) % 1;
  const s = Math.sin(Math.PI * Math.min(r, 1 - r));
  return s * s;
}

/**
 * The digamma function ψ(x) = Γ′(x) / Γ(x).
 * @param x - any number; the poles 0, −1, −2, … and NaN give NaN, +Infinity gives +Infinity
 * @returns ψ(x)
 */
export function digamma(x: number): number {
  if (Number.isNaN(x) || x === Number.NEGATIVE_INFINITY) return Number.NaN;
  if (x <= 0) {
    if (Number.isInteger(x)) return Number.NaN;
    // ψ(x) = ψ(1 − x) − π cot(πx)
    return digamma(1 - x) - Math.PI / tanPi(x);
  }
  if (x === Number.POSITIVE_INFINITY) return x;
  let shift = 0;
  while (x < ASYMPTOTIC_FROM) {
    shift += 1 / x;
    x += 1;
  }
  return Math.log(x) - 0.5 / x - digammaTail(x) - shift;
}

/**
 * The trigamma function ψ′(x), the derivative of {@link digamma}.
 * @param x - any number; the poles 0, −1, −2, … give +Infinity, NaN gives NaN
 * @returns ψ′(x)
 */
export function trigamma(x: number): number {
  if (Number.isNaN(x) || x === Number.NEGATIVE_INFINITY) return Number.NaN;
  if (x <= 0) {
    if (Number.isInteger(x)) return Number.POSITIVE_INFINITY;
    // ψ′(x) = π² / sin²(πx) − ψ′(1 − x)
    return (Math.PI * Math.PI) / sinPiSquared(x) - trigamma(1 - x);
  }
  if (x === Number.POSITIVE_INFINITY) return 0;
  let shift = 0;
  while (x < ASYMPTOTIC_FROM) {
    shift += 1 / (x * x);
    x += 1;
  }
  return 1 / x + 0.5 / (x * x) + trigammaTail(x) + shift;
}

/**
 * log x − ψ(x), which decreases from +∞ at 0 to 0 at +∞ and lies between 1/(2x) and 1/x. For x >= 10 it
 * is 1/(2x) + Σₖ B₂ₖ / (2k x²ᵏ); below, the recurrence
 * log x − ψ(x) = [log y − ψ(y)] + Σⱼ [1/(x + j) − log1p(1/(x + j))] with y = x + k >= 10, whose terms
 * are all positive (`-log1pmx`), so that no step cancels and the relative accuracy holds for every x.
 * @param x - a number > 0
 * @returns log x − ψ(x)
 */
export function logMinusDigamma(x: number): number {
  let sum = 0;
  while (x < ASYMPTOTIC_FROM) {
    sum -= log1pmx(1 / x);
    x += 1;
  }
  return sum + 0.5 / x + digammaTail(x);
}

/**
 * ψ′(x) − 1/x, which is positive and behaves like 1/(2x²) for large x and 1/x² near 0. For x >= 16 it
 * is 1/(2x²) + Σₖ B₂ₖ / x²ᵏ⁺¹; below, the recurrence
 * ψ′(x) − 1/x = [ψ′(y) − 1/y] + Σⱼ 1/((x + j)² (x + j + 1)) with y = x + k >= 16 (from
 * ψ′(x) = ψ′(x + 1) + 1/x² and 1/x − 1/(x + 1) = 1/(x (x + 1))), again with positive terms only.
 * @param x - a number > 0
 * @returns ψ′(x) − 1/x
 */
export function trigammaMinusReciprocal(x: number): number {
  let sum = 0;
  // From 16 rather than 10: the value is 1/(2x²), smaller than ψ′ by a factor 2x, and at 10 the first
  // omitted term of the series (B₁₈ / x¹⁹) would still be 1e-15 of it.
  while (x < 16) {
    sum += 1 / (x * x * (x + 1));
    x += 1;
  }
  return sum + 0.5 / (x * x) + trigammaTail(x);
}
