/** The fill/sample contract every distribution keeps. */
import { expect } from 'vitest';
import { createRng, type Rng, type Seed } from '../../src/rng/index.js';

/**
 * Asserts that `d.fill` writes exactly what `d.sample` returns for the same generator state, and leaves
 * the generator where `sample` leaves it (the next uint32 of both agrees). Returns the filled draws and
 * that next uint32, for comparison with a stream rebuilt by hand from `createRng(seed)`.
 */
export function expectFillMatchesSample(
  d: { fill(out: Float64Array, rng: Rng): Float64Array; sample(n: number, rng: Rng): Float64Array },
  n: number,
  seed: Seed,
): { filled: Float64Array; next: number } {
  const viaFill = createRng(seed);
  const viaSample = createRng(seed);
  const filled = d.fill(new Float64Array(n), viaFill);
  expect(filled, `${d}.fill vs .sample, n = ${n}`).toEqual(d.sample(n, viaSample));
  const next = viaFill.nextUint32();
  expect(viaSample.nextUint32(), `${d}: generator state after fill vs sample, n = ${n}`).toBe(next);
  return { filled, next };
}
