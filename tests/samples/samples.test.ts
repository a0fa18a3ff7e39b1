import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Samples, samples } from '../../src/samples/index.js';
import { thrownSalvoError } from '../helpers/errors.js';

const f64 = (...xs: number[]) => Float64Array.from(xs);

describe('constructing Samples', () => {
  it('samples() and Samples.from copy; Samples.wrap adopts', () => {
    const source = f64(1, 2, 3);
    const copied = samples(source);
    source[0] = 100;
    expect(copied.values).toEqual(f64(1, 2, 3));
    expect(Samples.from([4, 5]).values).toEqual(f64(4, 5));
    const buffer = f64(7, 8);
    expect(Samples.wrap(buffer).values).toBe(buffer);
    expect(copied.length).toBe(3);
    expect(String(copied)).toBe('Samples(length = 3)');
  });

  it('rejects values that are not arrays', () => {
    const e = thrownSalvoError(() => samples('nope' as never));
    expect(e.code).toBe('INVALID_PARAMETER');
    expect(e.message).toBe(
      'Samples.from: values must be a Float64Array or an array of numbers, got "nope"',
    );
    expect(thrownSalvoError(() => Samples.wrap([1, 2] as never)).parameter).toBe('values');
  });

  it('toFloat64Array returns a copy', () => {
    const x = samples([1, 2]);
    const copy = x.toFloat64Array();
    copy[0] = 9;
    expect(x.values[0]).toBe(1);
  });
});

describe('arithmetic', () => {
  const a = samples([1, 2, 3, 4]);
  const b = samples([2, 0, -1, 0.5]);

  it('works element-wise with Samples and scalar operands', () => {
    expect(a.add(b).values).toEqual(f64(3, 2, 2, 4.5));
    expect(a.sub(b).values).toEqual(f64(-1, 2, 4, 3.5));
    expect(a.mul(b).values).toEqual(f64(2, 0, -3, 2));
    expect(a.div(b).values).toEqual(f64(0.5, Infinity, -3, 8));
    expect(a.pow(b).values).toEqual(f64(1, 1, 1 / 3, 2));
    expect(a.add(1).values).toEqual(f64(2, 3, 4, 5));
    expect(a.sub(1).values).toEqual(f64(0, 1, 2, 3));
    expect(a.mul(2).values).toEqual(f64(2, 4, 6, 8));
    expect(a.div(2).values).toEqual(f64(0.5, 1, 1.5, 2));
    expect(a.pow(2).values).toEqual(f64(1, 4, 9, 16));
    expect(a.min(b).values).toEqual(f64(1, 0, -1, 0.5));
    expect(a.max(b).values).toEqual(f64(2, 2, 3, 4));
    expect(a.min(2.5).values).toEqual(f64(1, 2, 2.5, 2.5));
    expect(a.max(2.5).values).toEqual(f64(2.5, 2.5, 3, 4));
    expect(a.clamp(2, 3).values).toEqual(f64(2, 2, 3, 3));
    expect(a.clamp(b, 3).values).toEqual(f64(2, 2, 3, 3));
    expect(a.clamp(0, b.add(1)).values).toEqual(f64(1, 1, 0, 1.5));
  });

  it('unary functions', () => {
    expect(samples([1, -2]).neg().values).toEqual(f64(-1, 2));
    expect(samples([0, 1]).exp().values).toEqual(f64(1, Math.E));
    expect(samples([1, Math.E]).log().values).toEqual(f64(0, 1));
    expect(samples([4, 9]).sqrt().values).toEqual(f64(2, 3));
    expect(samples([-4, 2]).abs().values).toEqual(f64(4, 2));
  });

  it('never modifies its operands', () => {
    const x = samples([1, 2, 3]);
    const y = samples([4, 5, 6]);
    x.add(y);
    x.mul(2).neg();
    x.clamp(0, 1);
    expect(x.values).toEqual(f64(1, 2, 3));
    expect(y.values).toEqual(f64(4, 5, 6));
  });

  it('keeps dependence exactly: x.sub(x) is all zeros (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.float64Array({ minLength: 1, maxLength: 60, noNaN: true, noDefaultInfinity: true }),
        (values) => {
          const x = samples(values);
          const d = x.sub(x);
          return d.values.every((v) => v === 0) && d.max() === 0 && d.min() === 0;
        },
      ),
    );
  });

  it('mismatched lengths throw LENGTH_MISMATCH naming both lengths', () => {
    const e = thrownSalvoError(() => samples([1, 2, 3]).add(samples([1, 2])));
    expect(e.code).toBe('LENGTH_MISMATCH');
    expect(e.message).toBe(
      'Samples.add: operand has length 2 but this has length 3; samples of one run are index-aligned and must have equal lengths',
    );
    for (const call of [
      () => a.sub(samples([1])),
      () => a.min(samples([1])),
      () => a.clamp(samples([1]), 3),
      () => a.gt(samples([1])),
    ]) {
      expect(thrownSalvoError(call).code).toBe('LENGTH_MISMATCH');
    }
  });

  it('rejects NaN and non-numeric operands, and lo > hi in clamp', () => {
    const e = thrownSalvoError(() => a.mul(Number.NaN));
    expect(e.code).toBe('INVALID_PARAMETER');
    expect(e.message).toBe('Samples.mul: operand must be a number (not NaN) or Samples, got NaN');
    expect(thrownSalvoError(() => a.add('1' as never)).parameter).toBe('other');
    expect(thrownSalvoError(() => a.add(f64(1, 2, 3, 4) as never)).code).toBe('INVALID_PARAMETER');
    expect(thrownSalvoError(() => a.clamp(3, 2)).message).toBe(
      'Samples.clamp: lo must be <= hi, got lo = 3, hi = 2',
    );
  });
});

describe('comparisons return indicators (Samples of 0 and 1)', () => {
  const x = samples([1, 2, 3, Number.NaN]);

  it('for every operator, scalar and vector', () => {
    expect(x.lt(2).values).toEqual(f64(1, 0, 0, 0));
    expect(x.le(2).values).toEqual(f64(1, 1, 0, 0));
    expect(x.gt(2).values).toEqual(f64(0, 0, 1, 0));
    expect(x.ge(2).values).toEqual(f64(0, 1, 1, 0));
    expect(x.eq(2).values).toEqual(f64(0, 1, 0, 0));
    expect(x.ne(2).values).toEqual(f64(1, 0, 1, 1));
    expect(x.gt(samples([0, 5, 3, 0])).values).toEqual(f64(1, 0, 0, 0));
  });

  it('an indicator mean is a probability over all samples', () => {
    const costUsd = samples([90, 120, 150]);
    expect(costUsd.gt(100).mean()).toBe(2 / 3);
    expect(costUsd.gt(100).mul(costUsd).values).toEqual(f64(0, 120, 150));
  });
});

describe('summaries', () => {
  const x = samples([3.2, -1.5, 7.7, 0.0, 2.2, 2.2, 9.1, -4.4, 5.5, 1.1]);

  it('match the numpy known answers (see summary.test.ts)', () => {
    expect(x.mean()).toBe(2.5100000000000002);
    expect(x.variance()).toBeCloseTo(16.898777777777777, 13);
    expect(x.variance({ ddof: 0 })).toBeCloseTo(15.2089, 13);
    expect(x.sd()).toBeCloseTo(4.110812301453056, 14);
    expect(x.sd({ ddof: 0 })).toBeCloseTo(Math.sqrt(15.2089), 14);
    expect(x.min()).toBe(-4.4);
    expect(x.max()).toBe(9.1);
    expect(x.quantile(0.333)).toBe(1.0967000000000005);
    expect(x.quantiles([0.05, 0.95])).toEqual([-3.095, 8.469999999999999]);
    expect(Array.from(x.histogram({ bins: 5 }).counts)).toEqual([1, 2, 4, 1, 2]);
    expect(x.probability('>', 2.2)).toBe(0.4);
    expect(x.nonFiniteCount()).toBe(0);
  });

  it('ecdf: function, one point, several points', () => {
    const F = x.ecdf();
    expect(F(2.2)).toBe(0.6);
    expect(x.ecdf(2.2)).toBe(0.6);
    expect(x.ecdf([-5, 0, 10])).toEqual(f64(0, 0.3, 1));
    expect(thrownSalvoError(() => x.ecdf(Number.NaN)).parameter).toBe('x');
  });

  it('summary() reports n, nonFinite and keyed quantiles', () => {
    const s = samples([1, 2, 3, 4, 5, Number.NaN, Infinity]).summary({ probabilities: [0.9] });
    expect(s).toEqual({
      n: 7,
      nonFinite: 2,
      mean: 3,
      sd: 1.5811388300841898,
      min: 1,
      max: 5,
      quantiles: { p5: 1.2, p25: 2, p50: 3, p75: 4, p95: 4.8, p90: 4.6 },
    });
  });

  it('division by zero is counted, not averaged', () => {
    const ratio = samples([1, 2, 3]).div(samples([2, 0, 4]));
    expect(ratio.nonFiniteCount()).toBe(1);
    expect(ratio.mean()).toBe(0.625);
    expect(ratio.summary().nonFinite).toBe(1);
  });

  it('no finite value: EMPTY_DATA from every summary', () => {
    const bad = samples([Number.NaN, Infinity]);
    for (const call of [
      () => bad.mean(),
      () => bad.sd(),
      () => bad.min(),
      () => bad.max(),
      () => bad.quantile(0.5),
      () => bad.summary(),
      () => bad.probability('<', 0),
      () => bad.ecdf(0),
    ]) {
      expect(thrownSalvoError(call).code).toBe('EMPTY_DATA');
    }
    expect(thrownSalvoError(() => samples([1]).sd()).message).toBe(
      'Samples.sd: needs at least 2 finite values, got 1 finite and 0 non-finite (NaN or ±Infinity)',
    );
  });

  it('validates arguments', () => {
    expect(thrownSalvoError(() => x.quantile(2)).parameter).toBe('p');
    expect(thrownSalvoError(() => x.quantiles([0.1, Number.NaN])).parameter).toBe('ps[1]');
    expect(thrownSalvoError(() => x.probability('~' as never, 1)).parameter).toBe('op');
    expect(thrownSalvoError(() => x.histogram({ bins: -1 })).parameter).toBe('bins');
  });

  it('mean within [min, max] and quantiles monotone (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.float64Array({ minLength: 2, maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p1, p2) => {
          const xs = samples(values);
          fc.pre(values.length - xs.nonFiniteCount() >= 2);
          const [lo, hi] = xs.quantiles([Math.min(p1, p2), Math.max(p1, p2)]);
          const m = xs.mean();
          return m >= xs.min() && m <= xs.max() && lo <= hi && xs.sd() >= 0;
        },
      ),
    );
  });
});
