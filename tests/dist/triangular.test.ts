import { describe, expect, it } from 'vitest';
import { triangular } from '../../src/dist/triangular.js';
import { SalvoError } from '../../src/errors.js';
import { createRng } from '../../src/rng/index.js';
import { close, referenceCases } from '../helpers/reference.js';
import { expectKs, expectMoments, expectQuantileInvertsCdf } from '../helpers/stats.js';

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

describe('triangular(min, mode, max)', () => {
  it('matches scipy.stats.triang (mode inside and mode = min): cdf, pdf, quantile within 1e-12', () => {
    const cases = referenceCases('triangular');
    expect(cases.length).toBe(3);
    for (const c of cases) {
      const d = triangular(c.params.min, c.params.mode, c.params.max);
      expect(close(d.mean, c.mean, 1e-14), `${d}.mean`).toBe(true);
      expect(close(d.variance, c.variance, 1e-13), `${d}.variance`).toBe(true);
      for (const [x, p] of c.cdf) expect(close(d.cdf(x), p, 1e-12), `${d}.cdf(${x})`).toBe(true);
      for (const [x, f] of c.pdf ?? [])
        expect(close(d.pdf(x), f, 1e-12), `${d}.pdf(${x})`).toBe(true);
      for (const [p, x] of c.quantile) {
        expect(close(d.quantile(p), x, 1e-12), `${d}.quantile(${p}) = ${d.quantile(p)}`).toBe(true);
      }
      expectQuantileInvertsCdf(
        d,
        [d.quantile(0.01), d.mean, d.quantile(0.7), d.quantile(0.999)],
        1e-10,
      );
    }
  });

  it('handles mode = max (a left triangle) by its closed form', () => {
    const d = triangular(0, 2, 2);
    expect([d.mean, d.variance]).toEqual([4 / 3, (4 + 0 + 0) / 18]);
    expect(d.cdf(1)).toBe(0.25);
    expect(d.cdf(2)).toBe(1);
    expect(d.quantile(0.25)).toBe(1);
    expect(d.quantile(1)).toBe(2);
    expect(d.pdf(2)).toBe(1);
    expect(d.pdf(1)).toBe(0.5);
  });

  it('describes itself, is frozen, and is exact at the ends of its support', () => {
    const d = triangular(5000, 6700, 8000);
    expect([d.family, d.kind, d.min, d.max]).toEqual(['triangular', 'continuous', 5000, 8000]);
    expect(d.params).toEqual({ min: 5000, mode: 6700, max: 8000 });
    expect(String(d)).toBe('triangular(min = 5000, mode = 6700, max = 8000)');
    expect(Object.isFrozen(d)).toBe(true);
    expect([d.quantile(0), d.quantile(1), d.cdf(5000), d.cdf(8000), d.cdf(6700)]).toEqual([
      5000,
      8000,
      0,
      1,
      1700 / 3000,
    ]);
    expect([d.pdf(4999), d.pdf(5000), d.pdf(8000), d.pdf(8001)]).toEqual([0, 0, 0, 0]);
    expect(d.pdf(6700)).toBe(2 / 3000);
  });

  it('samples lie in [min, max] with the right moments and distribution (4e5 draws each, KS)', () => {
    for (const [a, m, b] of [
      [5000, 6700, 8000],
      [0, 0, 1],
      [-1, 3, 3],
    ]) {
      const d = triangular(a, m, b);
      const xs = d.sample(400_000, createRng(`triangular-${a}-${m}-${b}`));
      for (const x of xs) if (!(x >= a && x <= b)) expect.unreachable(`${d} sampled ${x}`);
      expectMoments(xs, d.mean, d.variance);
      expectKs(xs, (x) => d.cdf(x));
    }
  });

  it('fill consumes one nextFloat64 per draw, exactly as sample', () => {
    const d = triangular(0, 0.3, 1);
    const a = createRng('triangular-stream');
    const b = a.clone();
    const c = a.clone();
    const filled = d.fill(new Float64Array(1000), a);
    expect(filled).toEqual(d.sample(1000, b));
    for (let i = 0; i < 1000; i++) expect(filled[i]).toBe(d.quantile(c.nextFloat64()));
    expect(a.nextUint32()).toBe(c.nextUint32());
  });

  it('rejects bad parameters with a SalvoError naming the parameter', () => {
    expectSalvoError(() => triangular(Number.NaN, 0.5, 1), 'INVALID_PARAMETER', 'min');
    expectSalvoError(() => triangular(0, Number.NaN, 1), 'INVALID_PARAMETER', 'mode');
    expectSalvoError(() => triangular(0, 0.5, Infinity), 'INVALID_PARAMETER', 'max');
    expectSalvoError(() => triangular(1, 1, 1), 'INVALID_PARAMETER', 'min');
    expectSalvoError(() => triangular(2, 1.5, 1), 'INVALID_PARAMETER', 'min');
    const e = expectSalvoError(() => triangular(0, 1.5, 1), 'INVALID_PARAMETER', 'mode');
    expect(e.message).toBe('triangular: mode must lie in [min, max] = [0, 1], got 1.5');
    expectSalvoError(() => triangular(0, -0.5, 1), 'INVALID_PARAMETER', 'mode');
  });
});
