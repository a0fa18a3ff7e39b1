import { describe, expect, it } from 'vitest';
import { ci } from '../../src/distributions/ci.js';
import { lognormal } from '../../src/distributions/lognormal.js';
import { normal } from '../../src/distributions/normal.js';
import { createRng } from '../../src/rng/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { close } from '../helpers/reference.js';
import { expectKs, expectRate } from '../helpers/stats.js';

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
    expectRate(inside, xs.length, 0.9, 'draws inside [400, 2500]');
    expectKs(xs, (x) => d.cdf(x));
  });

  it('never switches family: zero or negative bounds throw and point to normal.ci', () => {
    const e = expectSalvoError(() => ci(0, 3e7), { parameter: 'lo' });
    expect(e.message).toContain('zero or negative');
    expect(e.message).toContain('normal.ci(0, 30000000)');
    expect(e.value).toBe(0);
    expect(expectSalvoError(() => ci(-5, 5), { parameter: 'lo' }).message).toContain(
      'normal.ci(-5, 5)',
    );
    expectSalvoError(() => ci(-10, -1), { parameter: 'lo' });
    // The suggested alternative works and is what the message says.
    expect(normal.ci(0, 3e7).quantile(0.05)).toBeCloseTo(0, 6);
  });

  it('rejects NaN or infinite bounds, bounds in the wrong order and levels outside (0, 1)', () => {
    expectSalvoError(() => ci(Number.NaN, 1), { parameter: 'lo' });
    expectSalvoError(() => ci(-Infinity, 1), { parameter: 'lo' });
    expectSalvoError(() => ci(1, Number.NaN), { parameter: 'hi' });
    expectSalvoError(() => ci(1, Infinity), { parameter: 'hi' });
    expect(expectSalvoError(() => ci(10, 1), { parameter: 'lo' }).message).toBe(
      'ci: lo must be less than hi, got lo = 10, hi = 1',
    );
    expectSalvoError(() => ci(3, 3), { parameter: 'lo' });
    // Order and level are checked before the sign, so the first mistake is the one reported.
    expectSalvoError(() => ci(0, -1), { parameter: 'lo' });
    for (const level of [0, 1, -0.1, 1.1, Number.NaN, Infinity]) {
      const e = expectSalvoError(() => ci(1, 10, { level }), { parameter: 'level' });
      expect(e.message).toMatch(/^ci: level must be (strictly between 0 and 1|a finite number)/);
      expectSalvoError(() => ci(0, 10, { level }), { parameter: 'level' });
    }
    expectSalvoError(() => ci(1, 10, 0.9 as never), { parameter: 'options' });
  });
});
