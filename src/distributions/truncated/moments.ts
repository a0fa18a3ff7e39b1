/**
 * The mean and variance of a truncation, each by the most accurate method its base allows: the exact
 * combination of a mixture's truncated components, the closed forms of a normal, sums over the atoms of
 * a discrete base, and otherwise double-exponential quadrature of the truncated quantile function (and
 * of the density for an upper tail).
 * @internal
 * @module
 */
import { mixtureParts } from '../mixture.js';
import type { ContinuousDistribution, DiscreteDistribution, Distribution } from '../types.js';
import { doubleExponential, tanhSinhNode } from './quadrature.js';
import { clamp, nextDown, nextUp, type TruncationWindow, windowQuantile } from './window.js';

/**
 * Share of the window integrated over the density instead of the quantile function when the window
 * reaches into the upper half of the base: there 1 − F has only absolute precision, and the quantile
 * function cannot reach the last 2⁻⁵³ of probability, which carries much of the variance of a heavy tail.
 */
const DENSITY_TAIL = 2 ** -20;

/** The summation over the support of a discrete window stops after this many points (then quadrature). */
const MAX_SUPPORT_STEPS = 1_000_000;

/** Cancellation (sum of magnitudes over result) above which the closed-form normal variance is not used. */
const MAX_CANCELLATION = 1e4;

const ONE_OVER_SQRT_TWO_PI = 0.3989422804014327;

/**
 * Standard normal density, with exp(-z²/2) formed as exp(-t²/2)·exp(-(z - t)(z + t)/2), t = z rounded
 * to a multiple of 1/16, so that the exponent carries no rounding error in the tails (Cody's trick).
 */
function phi(z: number): number {
  if (!Number.isFinite(z)) return 0;
  const t = Math.trunc(z * 16) / 16;
  return ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * t * t) * Math.exp(-0.5 * (z - t) * (z + t));
}

/** Running weighted mean and sum of squared deviations (West, 1979). */
class WeightedMoments {
  weight = 0;
  mean = 0;
  m2 = 0;

  add(x: number, w: number): void {
    if (!(w > 0)) return;
    this.weight += w;
    const d = x - this.mean;
    this.mean += (w / this.weight) * d;
    this.m2 += w * d * (x - this.mean);
  }
}

/** A mixture component truncated to the window, and the probability the window has under it. */
export interface TruncatedComponent {
  readonly piece: Distribution;
  readonly mass: number;
}

/**
 * Truncates a component of a mixture base to the window: `'empty'` when the window has probability 0
 * under it, `'unresolved'` when the truncation fails otherwise. The factory `truncated` itself, handed
 * in by its file (which imports this one).
 */
export type TruncateComponent = (
  component: Distribution,
  bounds: { min: number; max: number },
) => TruncatedComponent | 'empty' | 'unresolved';

/**
 * The mean and variance of the truncation to window `w`: a moment that diverges or is undefined for the
 * base stays so on an unbounded side of the window; otherwise {@link finiteMoments}.
 */
export function truncatedMoments(
  w: TruncationWindow,
  truncateComponent: TruncateComponent,
): [number, number] {
  const base = w.base;
  const openBelow = w.lower === Number.NEGATIVE_INFINITY;
  const openAbove = w.upper === Number.POSITIVE_INFINITY;
  if (openBelow || openAbove) {
    // A divergent or undefined base moment stays so on an unbounded side of the window.
    const both = openBelow && openAbove;
    if (!Number.isFinite(base.mean)) {
      const mean = both ? base.mean : openAbove ? Infinity : -Infinity;
      return [mean, both ? base.variance : Infinity];
    }
    if (!Number.isFinite(base.variance)) {
      return [finiteMoments(w, truncateComponent)[0], both ? base.variance : Infinity];
    }
  }
  return finiteMoments(w, truncateComponent);
}

/** Moments of a window where they are finite. */
function finiteMoments(
  w: TruncationWindow,
  truncateComponent: TruncateComponent,
): [number, number] {
  const fromParts = mixtureMoments(w, truncateComponent);
  if (fromParts !== undefined) return fromParts;
  const [normalMean, normalVariance] = normalMoments(w);
  if (!Number.isNaN(normalMean) && !Number.isNaN(normalVariance)) {
    return [normalMean, normalVariance];
  }
  const numeric = (w.kind === 'discrete' ? supportMoments(w) : undefined) ?? quadratureMoments(w);
  return [Number.isNaN(normalMean) ? numeric[0] : normalMean, numeric[1]];
}

/**
 * For a mixture base, the exact combination of its components' truncated moments: component i
 * contributes weight wᵢ·Pᵢ(window), mean mᵢ and variance vᵢ, and the total variance is
 * Σ w'ᵢ(vᵢ + (mᵢ − m)²) / Σ w'ᵢ. Each component uses its own best method (closed form, sums, quadrature),
 * and a mixed base needs no quadrature over atoms. Undefined when the base is not a mixture or a
 * component's window cannot be resolved.
 */
function mixtureMoments(
  w: TruncationWindow,
  truncateComponent: TruncateComponent,
): [number, number] | undefined {
  const parts = mixtureParts(w.base);
  if (parts === undefined) return undefined;
  const bounds = { min: w.lower, max: w.upper };
  const weights: number[] = [];
  const means: number[] = [];
  const variances: number[] = [];
  let total = 0;
  for (let i = 0; i < parts.components.length; i++) {
    const component = truncateComponent(parts.components[i], bounds);
    if (component === 'empty') continue;
    if (component === 'unresolved') return undefined;
    const { piece, mass } = component;
    const weight = parts.weights[i] * mass;
    if (!(weight > 0)) continue;
    weights.push(weight);
    means.push(piece.mean);
    variances.push(piece.variance);
    total += weight;
  }
  let mean = 0;
  for (let i = 0; i < weights.length; i++) mean += (weights[i] / total) * means[i];
  let variance = 0;
  for (let i = 0; i < weights.length; i++) {
    const d = means[i] - mean;
    variance += (weights[i] / total) * (variances[i] + d * d);
  }
  return Number.isFinite(mean) && Number.isFinite(variance) ? [mean, variance] : undefined;
}

/**
 * Closed-form mean and variance of a truncated normal; NaN for either when its formula would cancel
 * (a narrow window for the mean, a window far in a tail for the variance), and both NaN for other
 * families.
 */
function normalMoments(w: TruncationWindow): [number, number] {
  const base = w.base;
  const mu = base.params['mean'];
  const sigma = base.params['sd'];
  if (base.family !== 'normal' || typeof mu !== 'number' || typeof sigma !== 'number') {
    return [Number.NaN, Number.NaN];
  }
  // Work in the Y frame, where the window is [yLo, yHi] and holds probability `mass`.
  const yLo = w.mirror ? w.centre - w.upper : w.lower;
  const yHi = w.mirror ? w.centre - w.lower : w.upper;
  const alpha = (yLo - mu) / sigma;
  const beta = (yHi - mu) / sigma;
  const z = w.mass;
  const phiA = phi(alpha);
  const phiB = phi(beta);
  const aPhiA = Number.isFinite(alpha) ? alpha * phiA : 0;
  const bPhiB = Number.isFinite(beta) ? beta * phiB : 0;
  const r = (phiA - phiB) / z;
  const s = (aPhiA - bPhiB) / z;
  const v = 1 + s - r * r;
  // A window symmetric about μ has mean μ exactly; otherwise φ(α) - φ(β) must not cancel.
  const meanOk = alpha === -beta || (phiA + phiB) / Math.abs(phiA - phiB) <= MAX_CANCELLATION;
  const varianceOk = v > 0 && (1 + Math.abs(s) + r * r) / v <= MAX_CANCELLATION;
  const meanY = alpha === -beta ? mu : mu + sigma * r;
  return [
    meanOk ? (w.mirror ? w.centre - meanY : meanY) : Number.NaN,
    varianceOk ? sigma * sigma * v : Number.NaN,
  ];
}

/** Weighted sums over the atoms of a discrete window, walking out from the median. */
function supportMoments(w: TruncationWindow): [number, number] | undefined {
  const base = w.base as DiscreteDistribution;
  const { below, top, mass, min, max } = w;
  const acc = new WeightedMoments();
  const start = windowQuantile(w, 0.5);
  // Probability left below (resp. above) the walk that a double can no longer resolve.
  const negligibleBelow = mass * 1e-17;
  const negligibleAbove = mass * 1e-17 + top * 2 ** -51;
  let steps = 0;
  // Upwards from the median (inclusive).
  let x = start;
  for (;;) {
    acc.add(x, base.pmf(x));
    const f = base.cdf(x);
    if (x >= max || top - f <= negligibleAbove) break;
    const next = nextAtom(base, x, f);
    // A walk that cannot move (cdf and quantile disagree) or is too long falls back to quadrature.
    if (!(next > x) || ++steps > MAX_SUPPORT_STEPS) return undefined;
    x = next;
  }
  // Downwards from the atom below the median.
  x = start;
  for (;;) {
    const fBelowX = base.cdf(x) - base.pmf(x);
    if (x <= min || fBelowX - below <= negligibleBelow) break;
    const previous = previousAtom(base, x, fBelowX);
    if (!(previous < x) || ++steps > MAX_SUPPORT_STEPS) return undefined;
    x = previous;
    acc.add(x, base.pmf(x));
  }
  return [acc.mean, acc.m2 / acc.weight];
}

/** The smallest atom of `base` above x, where f = F(x): x + 1 when that is the next atom, else a quantile. */
function nextAtom(base: DiscreteDistribution, x: number, f: number): number {
  const candidate = x + 1;
  if (Number.isInteger(x) && base.pmf(candidate) > 0 && base.cdf(nextDown(candidate)) === f) {
    return candidate;
  }
  return f >= 1 ? Number.POSITIVE_INFINITY : base.quantile(nextUp(f));
}

/** The largest atom of `base` below x, where fBelow = P(X < x): x - 1 when that is the previous atom. */
function previousAtom(base: DiscreteDistribution, x: number, fBelow: number): number {
  const candidate = x - 1;
  if (Number.isInteger(x) && base.pmf(candidate) > 0) {
    const fCandidate = base.cdf(candidate);
    if (base.cdf(nextDown(x)) === fCandidate) return candidate;
  }
  return base.quantile(Math.max(0, fBelow));
}

/**
 * Moments by quadrature: ∫(Q(p) − c)ᵏ dp over the truncated quantile function Q, c = Q(1/2); when the
 * window reaches into the upper half of a base with a density, its top {@link DENSITY_TAIL} of
 * probability is integrated over the density instead, ∫(x − c)ᵏ f(x) dx / P(window), from
 * x₀ = Q(1 − DENSITY_TAIL) to the end of the window (exp-sinh to infinity, tanh-sinh to a bound).
 */
function quadratureMoments(w: TruncationWindow): [number, number] {
  const { base, below, top, mass, centre: mirrorCentre, min, max, mirror } = w;
  const density = (base as Partial<ContinuousDistribution>).pdf;
  const split = w.kind === 'continuous' && !mirror && top > 0.5 && density !== undefined;
  const tail = split ? DENSITY_TAIL : 0;
  const body = 1 - tail;
  // The base level of truncated level `level`, or of 1 - level when `fromTop`, and the value there.
  const valueAt = (level: number, fromTop: boolean): number => {
    let u: number;
    if (mirror) u = fromTop ? below + mass * level : top - mass * level;
    else u = fromTop ? top - mass * level : below + mass * level;
    u = clamp(u, below, top);
    const y = base.quantile(u);
    const x = mirror ? mirrorCentre - y : y;
    return clamp(x, min, max);
  };
  const c = valueAt(0.5, false);
  const [b1, b2] = doubleExponential((t, add) => {
    const { q, upper, weight } = tanhSinhNode(t);
    const value = upper ? valueAt(tail + body * q, true) : valueAt(body * q, false);
    add(body * weight, value - c);
  });
  if (!split) return [c + b1, Math.max(0, b2 - b1 * b1)];
  const pdf = (x: number): number => (density as (x: number) => number).call(base, x) / mass;
  const x0 = valueAt(tail, true);
  let t1 = 0;
  let t2 = 0;
  if (x0 < max) {
    if (max === Number.POSITIVE_INFINITY) {
      // exp-sinh: x = x₀ + S exp((π/2) sinh t), S ≈ the mean excess beyond x₀ for a light tail.
      const hazardScale = tail / pdf(x0);
      const scale =
        Number.isFinite(hazardScale) && hazardScale > 0 ? hazardScale : Math.max(1, Math.abs(x0));
      [t1, t2] = doubleExponential((t, add) => {
        const g = Math.exp((Math.PI / 2) * Math.sinh(t));
        const x = x0 + scale * g;
        add(scale * (Math.PI / 2) * Math.cosh(t) * g * pdf(x), x - c);
      });
    } else {
      const width = max - x0;
      [t1, t2] = doubleExponential((t, add) => {
        const { q, upper, weight } = tanhSinhNode(t);
        const x = upper ? max - width * q : x0 + width * q;
        add(width * weight * pdf(x), x - c);
      });
    }
  }
  const i1 = b1 + t1;
  return [c + i1, Math.max(0, b2 + t2 - i1 * i1)];
}
