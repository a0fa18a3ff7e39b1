/**
 * Truncation of any distribution to a window [min, max]: the distribution of X given min <= X <= max.
 * Sampled by inversion of the base CDF, or by rejection from the base sampler when its quantile is
 * costly and the window holds most of the mass.
 *
 * This folder owns truncation, one job per file: the factory, its checks and the window it works out
 * (`truncated.ts`), the window record and the arithmetic shared on it (`window.ts`), the distribution
 * object with its samplers, cdf and quantile (`distribution.ts`), the moments by each method
 * (`moments.ts`) and the double-exponential quadrature they use (`quadrature.ts`).
 * @module
 */
export { type TruncationBounds, truncated } from './truncated.js';
