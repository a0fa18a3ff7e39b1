import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as k from '../../src/samples/kernels/index.js';
import { thrownSalvoError } from '../helpers/errors.js';

const f64 = (...xs: number[]) => Float64Array.from(xs);

/** Any double, including NaN, ±Infinity, ±0, subnormals and extremes. */
const anyDouble = fc.double();
/** Pairs of equal-length vectors of arbitrary doubles. */
const vectorPair = fc
  .integer({ min: 0, max: 40 })
  .chain((n) =>
    fc.tuple(
      fc.float64Array({ minLength: n, maxLength: n }),
      fc.float64Array({ minLength: n, maxLength: n }),
    ),
  );

/** Same-value equality that treats every NaN as equal and distinguishes -0 from 0 (Object.is). */
function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

const binaryVector = {
  add: [k.add, (x: number, y: number) => x + y],
  sub: [k.sub, (x: number, y: number) => x - y],
  mul: [k.mul, (x: number, y: number) => x * y],
  div: [k.div, (x: number, y: number) => x / y],
  pow: [k.pow, Math.pow],
  min: [k.min, Math.min],
  max: [k.max, Math.max],
} as const;

const binaryScalar = {
  addScalar: [k.addScalar, (x: number, s: number) => x + s],
  subScalar: [k.subScalar, (x: number, s: number) => x - s],
  mulScalar: [k.mulScalar, (x: number, s: number) => x * s],
  divScalar: [k.divScalar, (x: number, s: number) => x / s],
  powScalar: [k.powScalar, Math.pow],
  minScalar: [k.minScalar, Math.min],
  maxScalar: [k.maxScalar, Math.max],
} as const;

const scalarFirst = {
  scalarSub: [k.scalarSub, (s: number, x: number) => s - x],
  scalarDiv: [k.scalarDiv, (s: number, x: number) => s / x],
  scalarPow: [k.scalarPow, Math.pow],
} as const;

const unary = {
  neg: [k.neg, (x: number) => -x],
  log: [k.log, Math.log],
  sqrt: [k.sqrt, Math.sqrt],
  abs: [k.abs, Math.abs],
} as const;

const compareVector = {
  lt: [k.lt, (x: number, y: number) => x < y],
  le: [k.le, (x: number, y: number) => x <= y],
  gt: [k.gt, (x: number, y: number) => x > y],
  ge: [k.ge, (x: number, y: number) => x >= y],
  eq: [k.eq, (x: number, y: number) => x === y],
  ne: [k.ne, (x: number, y: number) => x !== y],
} as const;

const compareScalar = {
  ltScalar: [k.ltScalar, (x: number, s: number) => x < s],
  leScalar: [k.leScalar, (x: number, s: number) => x <= s],
  gtScalar: [k.gtScalar, (x: number, s: number) => x > s],
  geScalar: [k.geScalar, (x: number, s: number) => x >= s],
  eqScalar: [k.eqScalar, (x: number, s: number) => x === s],
  neScalar: [k.neScalar, (x: number, s: number) => x !== s],
} as const;

describe('kernels: known answers', () => {
  it('arithmetic follows IEEE-754', () => {
    expect(k.add(f64(1, 2), f64(10, 20), new Float64Array(2))).toEqual(f64(11, 22));
    expect(k.div(f64(1, 1, 0, -1), f64(4, 0, 0, 0), new Float64Array(4))).toEqual(
      f64(0.25, Infinity, Number.NaN, -Infinity),
    );
    expect(k.pow(f64(2, 9, -8), f64(10, 0.5, 1 / 3), new Float64Array(3))).toEqual(
      f64(1024, 3, Number.NaN),
    );
    expect(k.log(f64(1, 0, -1), new Float64Array(3))).toEqual(f64(0, -Infinity, Number.NaN));
    expect(k.scalarSub(1, f64(0.25, 0.75), new Float64Array(2))).toEqual(f64(0.75, 0.25));
    expect(k.scalarDiv(1, f64(4, 0), new Float64Array(2))).toEqual(f64(0.25, Infinity));
    expect(k.scalarPow(10, f64(2, -1), new Float64Array(2))).toEqual(f64(100, 0.1));
  });

  it('min and max propagate NaN and order -0 below 0, as Math does', () => {
    const out = k.min(f64(Number.NaN, -0, 1), f64(1, 0, 2), new Float64Array(3));
    expect(Number.isNaN(out[0])).toBe(true);
    expect(Object.is(out[1], -0)).toBe(true);
    expect(k.maxScalar(f64(-0, 3), 0, new Float64Array(2))).toEqual(f64(0, 3));
  });

  it('clamp follows numpy.clip order (hi wins when lo > hi) and propagates NaN', () => {
    expect(
      k.clamp(f64(-1, 5, 9, 4), f64(0, 0, 0, 6), f64(8, 8, 8, 2), new Float64Array(4)),
    ).toEqual(f64(0, 5, 8, 2));
    const out = k.clampScalar(f64(-0.2, 0.5, 1.3, Number.NaN), 0, 1, new Float64Array(4));
    expect(Array.from(out.subarray(0, 3))).toEqual([0, 0.5, 1]);
    expect(Number.isNaN(out[3])).toBe(true);
  });

  it('comparisons write 0/1 masks; NaN compares false except for ne', () => {
    const a = f64(1, 2, 3, Number.NaN);
    const b = f64(2, 2, 2, Number.NaN);
    const m = () => new Uint8Array(4);
    expect(Array.from(k.lt(a, b, m()))).toEqual([1, 0, 0, 0]);
    expect(Array.from(k.le(a, b, m()))).toEqual([1, 1, 0, 0]);
    expect(Array.from(k.gt(a, b, m()))).toEqual([0, 0, 1, 0]);
    expect(Array.from(k.ge(a, b, m()))).toEqual([0, 1, 1, 0]);
    expect(Array.from(k.eq(a, b, m()))).toEqual([0, 1, 0, 0]);
    expect(Array.from(k.ne(a, b, m()))).toEqual([1, 0, 1, 1]);
    expect(Array.from(k.eqScalar(f64(-0, 0), 0, new Uint8Array(2)))).toEqual([1, 1]);
    expect(Array.from(k.neScalar(a, 2, m()))).toEqual([1, 0, 1, 1]);
  });

  it('where selects by mask without turning unselected infinities into NaN', () => {
    const out = k.where(
      Uint8Array.of(1, 0, 1),
      f64(1, 2, 3),
      f64(Infinity, 20, Number.NaN),
      new Float64Array(3),
    );
    expect(out).toEqual(f64(1, 20, 3));
  });

  it('returns out and works in place (out aliasing an input)', () => {
    const a = f64(1, 2, 3);
    expect(k.mul(a, a, a)).toBe(a);
    expect(a).toEqual(f64(1, 4, 9));
    expect(k.sqrt(a, a)).toEqual(f64(1, 2, 3));
  });

  it('handles empty vectors', () => {
    expect(k.add(new Float64Array(0), new Float64Array(0), new Float64Array(0)).length).toBe(0);
  });
});

describe('kernels: length mismatches throw LENGTH_MISMATCH naming both lengths', () => {
  it('vector-vector, scalar, unary, clamp, comparison and where forms', () => {
    const cases: [() => unknown, string][] = [
      [
        () => k.add(f64(1, 2), f64(1), new Float64Array(2)),
        'add: b has length 1 but a has length 2',
      ],
      [
        () => k.sub(f64(1, 2), f64(1, 2), new Float64Array(3)),
        'sub: out has length 3 but a has length 2',
      ],
      [
        () => k.mulScalar(f64(1), 2, new Float64Array(2)),
        'mulScalar: out has length 2 but a has length 1',
      ],
      [
        () => k.scalarDiv(1, f64(1), new Float64Array(0)),
        'scalarDiv: out has length 0 but b has length 1',
      ],
      [() => k.exp(f64(1, 2), new Float64Array(1)), 'exp: out has length 1 but a has length 2'],
      [
        () => k.clamp(f64(1, 2), f64(0), f64(3, 3), new Float64Array(2)),
        'clamp: lo has length 1 but a has length 2',
      ],
      [
        () => k.lt(f64(1, 2), f64(1, 2), new Uint8Array(1)),
        'lt: out has length 1 but a has length 2',
      ],
      [
        () => k.where(new Uint8Array(1), f64(1, 2), f64(1, 2), new Float64Array(2)),
        'where: mask has length 1 but whenTrue has length 2',
      ],
    ];
    for (const [call, message] of cases) {
      const e = thrownSalvoError(call, `expected ${message}`);
      expect(e.code).toBe('LENGTH_MISMATCH');
      expect(e.message).toBe(message);
    }
  });
});

describe('kernels: arguments of the wrong kind throw INVALID_PARAMETER naming them', () => {
  it('vectors that are not typed arrays, scalars that are not numbers', () => {
    const cases: [() => unknown, string][] = [
      [
        () => k.add(undefined as never, f64(1), new Float64Array(1)),
        'add: a must be a typed array',
      ],
      [() => k.add(f64(1), [1] as never, new Float64Array(1)), 'add: b must be a typed array'],
      [() => k.exp(f64(1), null as never), 'exp: out must be a typed array'],
      [
        () => k.mulScalar(f64(1, 2), '2' as never, new Float64Array(2)),
        'mulScalar: s must be a number',
      ],
      [
        () => k.clampScalar(f64(1), 0, 1n as never, new Float64Array(1)),
        'clampScalar: hi must be a number',
      ],
      [
        () => k.gtScalar(f64(1), undefined as never, new Uint8Array(1)),
        'gtScalar: s must be a number',
      ],
      [
        () => k.where(new Uint8Array(1), f64(1), {} as never, new Float64Array(1)),
        'where: whenFalse must be a typed array',
      ],
    ];
    for (const [call, message] of cases) {
      const e = thrownSalvoError(call, `expected ${message}`);
      expect(e.code).toBe('INVALID_PARAMETER');
      expect(e.message.startsWith(message), e.message).toBe(true);
    }
  });
});

describe('kernels: agree with scalar Math per element (fast-check)', () => {
  it('vector-vector arithmetic', () => {
    fc.assert(
      fc.property(vectorPair, ([a, b]) => {
        for (const [kernel, scalar] of Object.values(binaryVector)) {
          const out = kernel(a, b, new Float64Array(a.length));
          const expected = Array.from(a, (x, i) => scalar(x, b[i]));
          if (!sameValues(out, expected)) return false;
        }
        return true;
      }),
    );
  });

  it('vector-scalar and scalar-vector arithmetic', () => {
    fc.assert(
      fc.property(fc.float64Array({ maxLength: 40 }), anyDouble, (a, s) => {
        for (const [kernel, scalar] of Object.values(binaryScalar)) {
          if (
            !sameValues(
              kernel(a, s, new Float64Array(a.length)),
              Array.from(a, (x) => scalar(x, s)),
            )
          ) {
            return false;
          }
        }
        for (const [kernel, scalar] of Object.values(scalarFirst)) {
          if (
            !sameValues(
              kernel(s, a, new Float64Array(a.length)),
              Array.from(a, (x) => scalar(s, x)),
            )
          ) {
            return false;
          }
        }
        return true;
      }),
    );
  });

  it('exp is within 2 ulps of Math.exp, and equal to it for NaN, ±Infinity and huge arguments', () => {
    const ulps = (x: number, y: number) => {
      if (Object.is(x, y)) return 0;
      const b = new BigInt64Array(new Float64Array([x, y]).buffer);
      return Number(b[0] > b[1] ? b[0] - b[1] : b[1] - b[0]);
    };
    fc.assert(
      fc.property(fc.float64Array({ maxLength: 40 }), (a) => {
        const out = k.exp(a, new Float64Array(a.length));
        return Array.from(a).every((x, i) =>
          Number.isNaN(x) ? Number.isNaN(out[i]) : ulps(out[i], Math.exp(x)) <= 2,
        );
      }),
    );
    const special = f64(Number.NaN, Infinity, -Infinity, 710, -710, 0);
    const out = k.exp(special, new Float64Array(special.length));
    expect(Array.from(out)).toEqual(Array.from(special, Math.exp));
  });

  it('unary functions', () => {
    fc.assert(
      fc.property(fc.float64Array({ maxLength: 40 }), (a) => {
        for (const [kernel, scalar] of Object.values(unary)) {
          if (!sameValues(kernel(a, new Float64Array(a.length)), Array.from(a, scalar)))
            return false;
        }
        return true;
      }),
    );
  });

  it('clamp', () => {
    fc.assert(
      fc.property(fc.float64Array({ maxLength: 40 }), anyDouble, anyDouble, (a, lo, hi) => {
        const out = k.clampScalar(a, lo, hi, new Float64Array(a.length));
        return sameValues(
          out,
          Array.from(a, (x) => Math.min(Math.max(x, lo), hi)),
        );
      }),
    );
  });

  it('comparisons, vector and scalar forms', () => {
    fc.assert(
      fc.property(vectorPair, anyDouble, ([a, b], s) => {
        for (const [kernel, scalar] of Object.values(compareVector)) {
          const out = kernel(a, b, new Uint8Array(a.length));
          if (
            !sameValues(
              out,
              Array.from(a, (x, i) => (scalar(x, b[i]) ? 1 : 0)),
            )
          )
            return false;
        }
        for (const [kernel, scalar] of Object.values(compareScalar)) {
          const out = kernel(a, s, new Uint8Array(a.length));
          if (
            !sameValues(
              out,
              Array.from(a, (x) => (scalar(x, s) ? 1 : 0)),
            )
          )
            return false;
        }
        return true;
      }),
    );
  });

  it('x - x is zero wherever x is finite', () => {
    fc.assert(
      fc.property(fc.float64Array({ maxLength: 40, noDefaultInfinity: true, noNaN: true }), (a) => {
        const out = k.sub(a, a, new Float64Array(a.length));
        return out.every((d) => d === 0);
      }),
    );
  });
});
