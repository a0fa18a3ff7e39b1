import { describe, expect, it } from 'vitest';
import { ci } from '../../src/dist/ci.js';
import { lognormal } from '../../src/dist/lognormal.js';
import { normal } from '../../src/dist/normal.js';
import { SalvoError } from '../../src/errors.js';
import { createRng } from '../../src/rng/index.js';
import { close } from '../helpers/reference.js';
import { expectKs } from '../helpers/stats.js';

function expectSalvoError(f: () => unknown, code: string, parameter: string): SalvoError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SalvoError);
    expect((e as SalvoError).code).toBe(code);
    expect((e as SalvoError).parameter).toBe(parameter);
    expect((e as SalvoError).message).toContain(parameter);
    return e as SalvoError;
  }
  return expect.unreachable('no SalvoError thrown');
}

describe('ci(lo, hi, { level })', () => {
  it('is lognormal.ci(lo, hi, { level }) when both bounds are > 0', () => {
    for (const [lo, hi] of [
      [400, 2500],
      [300, 600],
      [1e-3, 1e9],
    ]) {
      for (const level of [undefined, 0.5, 0.9, 0.99]) {
        const d = level === undefined ? ci(lo, hi) : ci(lo, hi, { level });
        const expected =
          level === undefined ? lognormal.ci(lo, hi) : lognormal.ci(lo, hi, { level });
        expect(d.family).toBe('lognormal');
        expect(d.params).toEqual(expected.params);
        const l = level ?? 0.9;
        expect(close(d.quantile((1 - l) / 2), lo, 1e-13), `${d} lo`).toBe(true);
        expect(close(d.quantile((1 + l) / 2), hi, 1e-12), `${d} hi`).toBe(true);
      }
    }
    expect(Object.isFrozen(ci(1, 2))).toBe(true);
  });

  it('samples a 90% interval 90% of the time (2e5 draws, KS against its own cdf)', () => {
    const d = ci(400, 2500);
    const xs = d.sample(200_000, createRng('ci'));
    let inside = 0;
    for (const x of xs) if (x >= 400 && x <= 2500) inside++;
    const se = Math.sqrt((0.9 * 0.1) / xs.length);
    expect(Math.abs(inside / xs.length - 0.9)).toBeLessThanOrEqual(5 * se);
    expectKs(xs, (x) => d.cdf(x));
  });

  it('never switches family: zero or negative bounds throw and point to normal.ci', () => {
    const e = expectSalvoError(() => ci(0, 3e7), 'INVALID_PARAMETER', 'lo');
    expect(e.message).toContain('zero or negative');
    expect(e.message).toContain('normal.ci(0, 30000000)');
    expect(e.value).toBe(0);
    expect(expectSalvoError(() => ci(-5, 5), 'INVALID_PARAMETER', 'lo').message).toContain(
      'normal.ci(-5, 5)',
    );
    expectSalvoError(() => ci(-10, -1), 'INVALID_PARAMETER', 'lo');
    // The suggested alternative works and is what the message says.
    expect(normal.ci(0, 3e7).quantile(0.05)).toBeCloseTo(0, 6);
  });

  it('rejects NaN or infinite bounds, bounds in the wrong order and levels outside (0, 1)', () => {
    expectSalvoError(() => ci(Number.NaN, 1), 'INVALID_PARAMETER', 'lo');
    expectSalvoError(() => ci(-Infinity, 1), 'INVALID_PARAMETER', 'lo');
    expectSalvoError(() => ci(1, Number.NaN), 'INVALID_PARAMETER', 'hi');
    expectSalvoError(() => ci(1, Infinity), 'INVALID_PARAMETER', 'hi');
    expect(expectSalvoError(() => ci(10, 1), 'INVALID_PARAMETER', 'lo').message).toBe(
      'ci: lo must be less than hi, got lo = 10, hi = 1',
    );
    expectSalvoError(() => ci(3, 3), 'INVALID_PARAMETER', 'lo');
    // Order and level are checked before the sign, so the first mistake is the one reported.
    expectSalvoError(() => ci(0, -1), 'INVALID_PARAMETER', 'lo');
    for (const level of [0, 1, -0.1, 1.1, Number.NaN, Infinity]) {
      const e = expectSalvoError(() => ci(1, 10, { level }), 'INVALID_PARAMETER', 'level');
      expect(e.message).toMatch(/^ci: level must be (strictly between 0 and 1|a finite number)/);
      expectSalvoError(() => ci(0, 10, { level }), 'INVALID_PARAMETER', 'level');
    }
    expectSalvoError(() => ci(1, 10, 0.9 as never), 'INVALID_PARAMETER', 'options');
  });
});
