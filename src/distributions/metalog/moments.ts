/**
 * A metalog's mean and variance. The unbounded mean in closed form, a1 + a3/2 + a5/12 + a8/12 + a9/80
 * (the terms' averages over y in (0, 1)); every other moment by the trapezoid rule over the logit after
 * u = sinh(τ), a double-exponential rule (H. Takahasi and M. Mori, 1974), halving the step until two
 * rules agree to 1e-14.
 * @internal
 * @module
 */
import {
  BOUNDED,
  LOWER,
  logistic,
  logisticDensity,
  type MetalogSupport,
  mAtLogit,
  poly,
  UNBOUNDED,
} from './evaluate.js';

// ---------------------------------------------------------------------------------------------------
// Quadrature over y in (0, 1), written over the logit u = sinh(τ).

/** Largest |τ| visited: sinh(20) ≈ 2.4e8, far beyond where any convergent integrand here matters. */
const TAU_MAX = 20;

/**
 * ∫ f(u) du over the real line (f already includes dy/du = y (1 - y)) by the trapezoid rule in τ with
 * u = sinh(τ), halving the step from 1/2 to 1/128 until two successive rules agree to 1e-14.
 */
function integrateOverLogit(f: (u: number) => number): number {
  const term = (tau: number): number => f(Math.sinh(tau)) * Math.cosh(tau);
  /** Sum of term(τ) over τ = offset + i·step, i >= 0 (direction +1) or <= 0 (direction -1). */
  const side = (offset: number, step: number, direction: 1 | -1): number => {
    let sum = 0;
    let small = 0;
    for (let i = 0; ; i++) {
      const tau = direction * (offset + i * step);
      if (Math.abs(tau) > TAU_MAX) break;
      const v = term(tau);
      if (!Number.isFinite(v)) break;
      sum += v;
      // Stop once the terms have fallen far below the sum for a while (past the bulk, |τ| > 2).
      if (Math.abs(v) <= 1e-18 * Math.abs(sum)) {
        if (++small >= 4 && Math.abs(tau) > 2) break;
      } else {
        small = 0;
      }
    }
    return sum;
  };
  let step = 0.5;
  let total = term(0) + side(step, step, 1) + side(step, step, -1);
  let estimate = total * step;
  for (let level = 0; level < 6; level++) {
    // The new abscissas of the halved step are the odd multiples of it.
    const half = step / 2;
    total += side(half, step, 1) + side(half, step, -1);
    step = half;
    const next = total * step;
    const converged = Math.abs(next - estimate) <= 1e-14 * Math.abs(next);
    estimate = next;
    if (converged && level >= 1) break;
  }
  return estimate;
}

/** The mean and variance of a metalog: ±Infinity where they diverge. */
export interface MetalogMoments {
  mean: number;
  variance: number;
}

/** The moments of the feasible metalog with coefficients `a` (split into `pc`, `qc`) on `support`. */
export function momentsOf(
  a: Float64Array,
  pc: Float64Array,
  qc: Float64Array,
  support: MetalogSupport,
): MetalogMoments {
  const kind = support.kind;
  const lower = support.lo;
  const upper = support.hi;
  const M = (u: number) => mAtLogit(pc, qc, u);
  // ln(y (1 - y)) at logit u.
  const logWeight = (u: number) => -Math.abs(u) - 2 * Math.log1p(Math.exp(-Math.abs(u)));
  if (kind === UNBOUNDED) {
    const c = (j: number) => (j < a.length ? a[j] : 0);
    const mean = c(0) + c(2) / 2 + c(4) / 12 + c(7) / 12 + c(8) / 80;
    const variance = integrateOverLogit((u) => {
      const d = M(u) - mean;
      return d * d * logisticDensity(u);
    });
    return { mean, variance };
  }
  if (kind === BOUNDED) {
    const width = upper - lower;
    const share = integrateOverLogit((u) => logistic(M(u)) * logisticDensity(u));
    const spread = integrateOverLogit((u) => {
      const d = logistic(M(u)) - share;
      return d * d * logisticDensity(u);
    });
    return { mean: lower + width * share, variance: width * width * spread };
  }
  // Semi-bounded: x = lower + e^M, or upper - e^(-M). e^(±M) behaves like (1 - y)^(-c) at the open end,
  // with c = Q(1/2) (lower bound) or Q(-1/2) (upper bound): the mean diverges for c >= 1, the variance
  // for c >= 1/2.
  const sign = kind === LOWER ? 1 : -1;
  const c = kind === LOWER ? poly(qc, 0.5) : poly(qc, -0.5);
  if (c >= 1) return { mean: sign * Number.POSITIVE_INFINITY, variance: Number.POSITIVE_INFINITY };
  const e = integrateOverLogit((u) => Math.exp(sign * M(u) + logWeight(u)));
  const mean = kind === LOWER ? lower + e : upper - e;
  if (c >= 0.5) return { mean, variance: Number.POSITIVE_INFINITY };
  const variance = integrateOverLogit((u) => {
    const w = 0.5 * logWeight(u);
    const d = Math.exp(sign * M(u) + w) - e * Math.exp(w);
    return d * d;
  });
  return { mean, variance };
}
