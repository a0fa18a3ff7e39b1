/**
 * Statistical assertions for tests. Every tolerance is derived from a standard error, never picked to
 * pass: a fixed seed makes each test deterministic, and Z = 5 standard errors (two-sided p ≈ 6e-7) or a
 * goodness-of-fit p-value above 1e-4 leave room for the many tests in the suite without hiding bias.
 */
import { expect } from 'vitest';

/** Number of standard errors allowed by the moment checks. */
export const Z = 5;
/** Goodness-of-fit tests fail below this p-value. */
export const MIN_P_VALUE = 1e-4;

export interface Moments {
  n: number;
  mean: number;
  variance: number;
  /** Fourth central moment. */
  m4: number;
}

export function moments(xs: Float64Array): Moments {
  const n = xs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i];
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m4 += d2 * d2;
  }
  return { n, mean, variance: m2 / (n - 1), m4: m4 / n };
}

/**
 * Asserts that the sample mean and variance agree with the analytic ones within Z standard errors:
 * SE(mean) = sqrt(variance / n); SE(variance) = sqrt((m4 - (n-3)/(n-1) variance^2) / n), with m4 estimated from the
 * sample, in the exact finite-sample formula for the variance of the sample variance.
 */
export function expectMoments(xs: Float64Array, mean: number, variance: number): void {
  const m = moments(xs);
  const seMean = Math.sqrt(variance / m.n);
  expect(
    Math.abs(m.mean - mean),
    `sample mean ${m.mean} vs ${mean} (SE ${seMean})`,
  ).toBeLessThanOrEqual(Z * seMean + 1e-12 * Math.abs(mean));
  // Exact variance of the sample variance: (mu4 - (n - 3) / (n - 1) * sigma^4) / n. Its leading term
  // (mu4 - sigma^4) / n vanishes for a fair coin, where the 2 sigma^4 / (n (n - 1)) term remains.
  const n = m.n;
  const seVariance = Math.sqrt(
    Math.max(m.m4 - ((n - 3) / (n - 1)) * m.variance * m.variance, 0) / n,
  );
  expect(
    Math.abs(m.variance - variance),
    `sample variance ${m.variance} vs ${variance} (SE ${seVariance})`,
  ).toBeLessThanOrEqual(Z * seVariance + 1e-12 * variance);
}

/**
 * Asserts that `count` successes in `n` trials agree with probability `p` within Z binomial standard
 * errors: |count - n p| <= Z sqrt(n p (1 - p)).
 */
export function expectRate(count: number, n: number, p: number, what: string): void {
  const se = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(count - n * p), `${what}: ${count} vs ${n * p} (SE ${se})`).toBeLessThanOrEqual(
    Z * se,
  );
}

/** Kolmogorov distribution survival function Q_KS(lambda) = 2 Σ (-1)^(k-1) exp(-2 k² λ²). */
function kolmogorovSurvival(lambda: number): number {
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-16) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * One-sample Kolmogorov–Smirnov test of continuous samples against a CDF. Returns the statistic D and the
 * asymptotic p-value with Stephens' small-sample correction (Numerical Recipes §14.3).
 */
export function ksTest(
  xs: Float64Array,
  cdf: (x: number) => number,
): { d: number; pValue: number } {
  const sorted = Float64Array.from(xs).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  const sqrtN = Math.sqrt(n);
  return { d, pValue: kolmogorovSurvival((sqrtN + 0.12 + 0.11 / sqrtN) * d) };
}

/** Asserts that a KS test does not reject at {@link MIN_P_VALUE}. */
export function expectKs(xs: Float64Array, cdf: (x: number) => number): void {
  const { d, pValue } = ksTest(xs, cdf);
  expect(pValue, `KS D = ${d}, p = ${pValue}`).toBeGreaterThan(MIN_P_VALUE);
}

/**
 * Upper tail of the chi-square distribution by the Wilson–Hilferty cube-root normal approximation
 * (accurate to a few per cent of p in the range the tests use, which is all a pass/fail threshold needs).
 */
export function chiSquareSurvival(statistic: number, dof: number): number {
  if (statistic <= 0) return 1;
  const z = ((statistic / dof) ** (1 / 3) - (1 - 2 / (9 * dof))) / Math.sqrt(2 / (9 * dof));
  return 0.5 * erfcApprox(z / Math.SQRT2);
}

/** erfc with relative error < 1.2e-7 (Numerical Recipes erfcc, Chebyshev fit). */
function erfcApprox(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * Chi-square goodness-of-fit test of integer-valued samples against a discrete distribution. Cells are
 * the integers from `lo` to `hi`; the first cell also holds everything below `lo` (P(X <= lo)) and the
 * last everything above `hi` (P(X >= hi)). Adjacent cells are merged until each expects at least 5.
 */
export function chiSquareTest(
  xs: Float64Array,
  dist: { pmf(k: number): number; cdf(x: number): number },
  lo: number,
  hi: number,
): { statistic: number; dof: number; pValue: number } {
  const n = xs.length;
  const counts = new Float64Array(hi - lo + 1);
  for (let i = 0; i < n; i++) {
    const k = Math.min(hi, Math.max(lo, Math.round(xs[i])));
    counts[k - lo] += 1;
  }
  const probs = new Float64Array(hi - lo + 1);
  for (let k = lo; k <= hi; k++) probs[k - lo] = dist.pmf(k);
  probs[0] = dist.cdf(lo);
  if (hi > lo) probs[hi - lo] = 1 - dist.cdf(hi - 1);
  const cellsObserved: number[] = [];
  const cellsExpected: number[] = [];
  let o = 0;
  let e = 0;
  for (let i = 0; i < counts.length; i++) {
    o += counts[i];
    e += probs[i] * n;
    if (e >= 5) {
      cellsObserved.push(o);
      cellsExpected.push(e);
      o = 0;
      e = 0;
    }
  }
  if (cellsExpected.length > 0) {
    cellsObserved[cellsObserved.length - 1] += o;
    cellsExpected[cellsExpected.length - 1] += e;
  }
  let statistic = 0;
  for (let i = 0; i < cellsExpected.length; i++) {
    const diff = cellsObserved[i] - cellsExpected[i];
    statistic += (diff * diff) / cellsExpected[i];
  }
  const dof = Math.max(1, cellsExpected.length - 1);
  return { statistic, dof, pValue: chiSquareSurvival(statistic, dof) };
}

/** Asserts that a chi-square test does not reject at {@link MIN_P_VALUE}. */
export function expectChiSquare(
  xs: Float64Array,
  dist: { pmf(k: number): number; cdf(x: number): number },
  lo: number,
  hi: number,
): void {
  const r = chiSquareTest(xs, dist, lo, hi);
  expect(r.pValue, `chi-square ${r.statistic} on ${r.dof} dof, p = ${r.pValue}`).toBeGreaterThan(
    MIN_P_VALUE,
  );
}

/** Asserts `quantile(cdf(x)) ≈ x` for continuous distributions at the given points. */
export function expectQuantileInvertsCdf(
  dist: { cdf(x: number): number; quantile(p: number): number },
  xs: readonly number[],
  relativeTolerance = 1e-8,
): void {
  for (const x of xs) {
    const back = dist.quantile(dist.cdf(x));
    expect(Math.abs(back - x), `quantile(cdf(${x})) = ${back}`).toBeLessThanOrEqual(
      relativeTolerance * Math.max(1, Math.abs(x)),
    );
  }
}
