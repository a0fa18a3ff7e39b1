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
 * This folder owns the family, one job per file: the factories and their checks (`metalog.ts`), the
 * public types (`types.ts`), the distribution object (`distribution.ts`), the evaluation of M and its
 * inverse from coefficients, used by everything else that evaluates a metalog (`evaluate.ts`), the
 * feasibility check (`feasibility.ts`), the moments by quadrature (`moments.ts`) and the least-squares
 * fits (`fit.ts`).
 * @module
 */
export { metalog } from './metalog.js';
export type {
  MetalogBounds,
  MetalogDistribution,
  MetalogFitOptions,
  MetalogQuantileOptions,
} from './types.js';
