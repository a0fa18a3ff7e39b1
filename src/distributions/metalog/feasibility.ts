/**
 * Whether metalog coefficients define a distribution: g(u) = dM/du must be positive on the whole real
 * line of logits (Keelin's feasibility condition; see `evaluate.ts`).
 *
 * g on 1,801 logits (8 sinh(s), s from −4.5 to 4.5, reaching y ≈ 1e-157), each local minimum refined
 * by golden-section search (Keelin gives closed forms only for k = 2 and 3: a2 > 0, and a2 > 0 with
 * |a3| / a2 < 1.66711; the tests check the grid against them).
 * @internal
 * @module
 */
import { logistic, poly, slopeAtLogit } from './evaluate.js';

const GRID_POINTS = 1801;
const GRID_STEP = 0.005;
const GRID_SCALE = 8;

/**
 * Where the metalog with these coefficients fails to be a distribution: the probability y near which
 * g(u) <= 0 (or is not a number), or `undefined` when g > 0 on the whole grid and at every refined
 * local minimum.
 */
export function infeasibleAt(pc: Float64Array, qc: Float64Array): number | undefined {
  // g tends to Q(-1/2) as y -> 0 and to Q(1/2) as y -> 1: a negative limit turns a tail back.
  if (!(poly(qc, -0.5) >= 0)) return 0;
  if (!(poly(qc, 0.5) >= 0)) return 1;
  const u = new Float64Array(GRID_POINTS);
  const g = new Float64Array(GRID_POINTS);
  const half = (GRID_POINTS - 1) / 2;
  for (let j = 0; j < GRID_POINTS; j++) {
    u[j] = GRID_SCALE * Math.sinh((j - half) * GRID_STEP);
    g[j] = slopeAtLogit(pc, qc, u[j]);
    if (!(g[j] > 0)) return logistic(u[j]);
  }
  for (let j = 1; j < GRID_POINTS - 1; j++) {
    // A strict drop on the left skips the plateaus where g has reached its limit at an end.
    if (!(g[j] < g[j - 1] && g[j] <= g[j + 1])) continue;
    // Golden-section search for the minimum of g on [u[j-1], u[j+1]].
    const r = 0.6180339887498949;
    let a = u[j - 1];
    let b = u[j + 1];
    let c = b - r * (b - a);
    let d = a + r * (b - a);
    let gc = slopeAtLogit(pc, qc, c);
    let gd = slopeAtLogit(pc, qc, d);
    for (let i = 0; i < 60; i++) {
      if (!(gc > 0)) return logistic(c);
      if (!(gd > 0)) return logistic(d);
      if (gc < gd) {
        b = d;
        d = c;
        gd = gc;
        c = b - r * (b - a);
        gc = slopeAtLogit(pc, qc, c);
      } else {
        a = c;
        c = d;
        gc = gd;
        d = a + r * (b - a);
        gd = slopeAtLogit(pc, qc, d);
      }
    }
    if (!(gc > 0)) return logistic(c);
    if (!(gd > 0)) return logistic(d);
  }
  return undefined;
}
