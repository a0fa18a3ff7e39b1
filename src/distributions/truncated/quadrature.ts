/**
 * Double-exponential quadrature (H. Takahasi and M. Mori, 1974) for the moments of a truncation: the
 * trapezoid rule in t, after a change of variable whose weights fall off double-exponentially, with
 * the step halved until two levels agree. {@link tanhSinhNode} gives the tanh-sinh nodes on (0, 1);
 * callers form exp-sinh nodes (to infinity) themselves.
 * @internal
 * @module
 */

const DE_T_MAX = 4.5; // tanh-sinh: q(4.5) ≈ 6e-62; exp-sinh: exp(±(π/2) sinh 4.5) = e^±70.6
const DE_MIN_LEVEL = 3; // step 1/16
const DE_MAX_LEVEL = 8; // step 1/256: 2 × 1,153 evaluations at most
const DE_TOLERANCE = 1e-10; // change between levels; the error is about its square

/** Adds one node's term: the rule's weight at the node and the integrand value there. */
export type AddTerm = (weight: number, value: number) => void;

/**
 * Double-exponential quadrature of ∫ v and ∫ v² for a rule given node by node: `node(t, add)` calls
 * `add(weight, value)` with the rule's weight at the abscissa of `t` and the integrand value there.
 * Levels halve the step from 1/2 until two levels agree to {@link DE_TOLERANCE}; values that are not
 * finite (beyond what a double resolves) are left out.
 */
export function doubleExponential(node: (t: number, add: AddTerm) => void): [number, number] {
  let sum1 = 0;
  let sum2 = 0;
  const add: AddTerm = (weight, value) => {
    if (weight > 0 && Number.isFinite(value)) {
      const wv = weight * value;
      if (Number.isFinite(wv * value)) {
        sum1 += wv;
        sum2 += wv * value;
      }
    }
  };
  let h = 0.5;
  node(0, add);
  for (let k = 1; k * h <= DE_T_MAX; k++) {
    node(k * h, add);
    node(-k * h, add);
  }
  let i1 = h * sum1;
  let i2 = h * sum2;
  for (let level = 1; level <= DE_MAX_LEVEL; level++) {
    h /= 2;
    for (let k = 1; k * h <= DE_T_MAX; k += 2) {
      node(k * h, add);
      node(-k * h, add);
    }
    const next1 = h * sum1;
    const next2 = h * sum2;
    const converged =
      Math.abs(next1 - i1) <= DE_TOLERANCE * Math.sqrt(next2) &&
      Math.abs(next2 - i2) <= DE_TOLERANCE * next2;
    i1 = next1;
    i2 = next2;
    if (converged && level >= DE_MIN_LEVEL) break;
  }
  return [i1, i2];
}

/**
 * Tanh-sinh node t on (0, 1): the distance q of the abscissa from the nearer end (computed without
 * forming 1 − q), whether that end is the upper one, and the weight dp/dt.
 */
export function tanhSinhNode(t: number): { q: number; upper: boolean; weight: number } {
  const s = (Math.PI / 2) * Math.sinh(Math.abs(t));
  const e = Math.exp(-2 * s);
  const q = e / (1 + e);
  return { q, upper: t > 0, weight: Math.PI * Math.cosh(t) * q * (1 - q) };
}
