import { describe, expect, it } from 'vitest';
import { GivensLeastSquares } from '../../src/linalg/leastSquares.js';

describe('GivensLeastSquares', () => {
  it('solves a square system, and an overdetermined one as the normal equations do', () => {
    const square = new GivensLeastSquares(2);
    square.add(Float64Array.of(1, 1), 3);
    square.add(Float64Array.of(1, -1), 1);
    const [a, b] = square.solve()!;
    expect(a).toBeCloseTo(2, 14);
    expect(b).toBeCloseTo(1, 14);

    // The line through (0, 1), (1, 2), (2, 2), (3, 4): the normal equations [4 6; 6 14] a = [9, 18]
    // give a = (0.9, 0.9).
    const line = new GivensLeastSquares(2);
    for (const [x, y] of [1, 2, 2, 4].entries()) line.add(Float64Array.of(1, x), y);
    const [intercept, slope] = line.solve()!;
    expect(intercept).toBeCloseTo(0.9, 14);
    expect(slope).toBeCloseTo(0.9, 14);
  });

  it('returns undefined for a rank-deficient system', () => {
    const solver = new GivensLeastSquares(2);
    for (let i = 0; i < 5; i++) solver.add(Float64Array.of(i, 2 * i), i);
    expect(solver.solve()).toBeUndefined();
  });
});
