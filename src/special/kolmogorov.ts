/**
 * Kolmogorov's limiting distribution: the law of √n D, D the one-sample Kolmogorov–Smirnov statistic,
 * as n grows (the distribution scipy calls `kstwobign`). Its survival function gives the asymptotic
 * p-value of the Kolmogorov–Smirnov test of the fits (src/analysis/fit/kolmogorovSmirnov.ts).
 * @internal
 * @module
 */

/**
 * The survival function of Kolmogorov's limiting distribution, P(K > x), as scipy's `kstwobign.sf`
 * (cephes `kolmogorov`): for x <= 0.82 one minus the Jacobi-theta form
 * √(2π)/x Σₖ exp(−(2k − 1)² π² / (8x²)), above it the alternating series 2 Σₖ (−1)^(k−1) exp(−2k²x²);
 * both converge to double precision in a few terms.
 * @internal
 */
export function kolmogorovSurvival(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x <= 0.82) {
    const logU = (-Math.PI * Math.PI) / (8 * x * x);
    // Terms exp(−(2k − 1)² π² / (8x²)) = u · u8^(k(k − 1)/2), u = exp(logU), u8 = exp(8 logU).
    const u8 = Math.exp(8 * logU);
    const sum = 1 + u8 * (1 + u8 * u8 * (1 + u8 * u8 * u8 * (1 + u8 ** 4)));
    const cdf = Math.exp(Math.log((2.5066282746310002 / x) * sum) + logU);
    return 1 - cdf;
  }
  // 2 Σ (−1)^(k−1) v^(k²), v = exp(−2x²) <= 0.26, until the terms no longer matter.
  const v = Math.exp(-2 * x * x);
  let sum = 0;
  let sign = 1;
  for (let k = 1; k <= 20; k++) {
    const term = v ** (k * k);
    sum += sign * term;
    if (term <= 1e-17 * sum) break;
    sign = -sign;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}
