/**
 * The window of a truncation as the factory works it out ({@link TruncationWindow}), and the arithmetic
 * on it that the distribution object and the moments share: the truncated quantile function, clamping,
 * and stepping to the neighbouring double.
 * @internal
 * @module
 */
import type { Distribution } from '../types.js';

/**
 * A window [lower, upper] of a base distribution, with the probabilities that locate it: what the
 * quantile function, the sampler and the moments read. The distribution object implements it.
 */
export interface TruncationWindow {
  readonly kind: 'continuous' | 'discrete' | 'mixed';
  /** The distribution that was truncated. */
  readonly base: Distribution;
  /** Window intersected with the base support. */
  readonly lower: number;
  readonly upper: number;
  /** Support of the truncated distribution (for discrete bases, the extreme atoms in the window). */
  readonly min: number;
  readonly max: number;
  /** Sampling and evaluation work on Y = X, or on Y = centre - X (a normal's upper tail). */
  readonly mirror: boolean;
  readonly centre: number;
  /** P(Y < window start) and P(Y <= window end) in the Y frame, and their difference. */
  readonly below: number;
  readonly top: number;
  readonly mass: number;
}

const STEP_F64 = new Float64Array(1);
const STEP_I64 = new BigInt64Array(STEP_F64.buffer);

/** The next double above x (Infinity and NaN map to themselves). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  if (!(x < Number.POSITIVE_INFINITY)) return x;
  STEP_F64[0] = x;
  STEP_I64[0] += x > 0 ? 1n : -1n;
  return STEP_F64[0];
}

/** The next double below x (-Infinity and NaN map to themselves). */
export function nextDown(x: number): number {
  return -nextUp(-x);
}

/** x limited to [lo, hi] (NaN stays NaN). */
export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi);
}

/**
 * The quantile of the truncated distribution at level p in [0, 1]: the base quantile at
 * F(min−) + p · P(window) (or its mirror image), clamped to the window.
 */
export function windowQuantile(w: TruncationWindow, p: number): number {
  if (p === 0) return w.min;
  if (p === 1) return w.max;
  const x = w.mirror
    ? w.centre - w.base.quantile(Math.max(w.below, w.top - p * w.mass))
    : w.base.quantile(Math.min(w.top, w.below + p * w.mass));
  return clamp(x, w.min, w.max);
}
