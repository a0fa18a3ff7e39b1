import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSum } from '../../src/samples/exactSum.js';

/** x as an integer multiple of 2^-1074 (every finite double is one). */
function toScaledBigInt(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const exponent = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  if (exponent > 0) mantissa = (mantissa | (1n << 52n)) << BigInt(exponent - 1);
  return high >>> 31 === 1 ? -mantissa : mantissa;
}

/** n·2^-1074 rounded to the nearest double, ties to even (the oracle). */
function fromScaledBigInt(n: bigint): number {
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  const bits = magnitude.toString(2).length;
  let value: number;
  if (bits <= 53) value = Number(magnitude) * 2 ** -1074;
  else {
    const shift = bits - 53;
    let q = magnitude >> BigInt(shift);
    const r = magnitude - (q << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    if (r > half || (r === half && (q & 1n) === 1n)) q += 1n;
    // Two exact power-of-two factors: 2^(shift − 1074) alone may be out of range.
    const exponent = shift - 1074;
    const first = Math.trunc(exponent / 2);
    value = Number(q) * 2 ** first * 2 ** (exponent - first);
  }
  return negative ? -value : value;
}

const exactOracle = (xs: readonly number[]) =>
  fromScaledBigInt(xs.reduce((s, x) => s + toScaledBigInt(x), 0n));

const sumOf = (xs: readonly number[]) => {
  const s = new ExactSum();
  for (const x of xs) s.add(x);
  return s;
};

const finiteDouble = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1, -1, 1e308, -1e308, 2 ** 960, -(2 ** 960), 5e-324, -5e-324, 1e-300),
  fc.integer({ min: -1000, max: 1000 }),
);

describe('ExactSum', () => {
  it('is the exact sum correctly rounded (a BigInt oracle), in any order and grouping', () => {
    fc.assert(
      fc.property(
        fc.array(finiteDouble, { maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer(),
        (xs, pieces, seed) => {
          const expected = exactOracle(xs);
          // (+ 0: the sign of a zero sum is not part of the contract)
          expect(sumOf(xs).value() + 0).toBe(expected + 0);
          // Shuffled, cut into pieces, each summed alone, then merged in reverse.
          const shuffled = [...xs];
          let state = seed >>> 0;
          for (let i = shuffled.length - 1; i > 0; i--) {
            state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
            const j = state % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
          }
          const parts = Array.from({ length: pieces }, (_, k) =>
            sumOf(shuffled.filter((_, i) => i % pieces === k)),
          );
          const merged = new ExactSum();
          for (const part of parts.reverse()) merged.addSum(ExactSum.fromArray(part.toArray()));
          expect(merged.value() + 0).toBe(expected + 0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('known answers: cancellation, round-half-even across parts, overflow and its undoing', () => {
    expect(sumOf([1e100, 1, -1e100]).value()).toBe(1);
    expect(sumOf([0.1, 0.2, 0.3]).value()).toBe(0.6); // exact 0.6000000000000000055…
    // 1 + 2^-53 + 2^-105: above the half-way point, so rounds up (fsum's correction).
    expect(sumOf([1, 2 ** -53, 2 ** -105]).value()).toBe(1 + 2 ** -52);
    expect(sumOf([1, 2 ** -53]).value()).toBe(1); // a tie: to even
    expect(sumOf([1e308, 1e308, -1e308]).value()).toBe(1e308);
    expect(sumOf([-1e308, 1e308, 1e308]).value()).toBe(1e308);
    expect(sumOf([1e308, 1e308]).value()).toBe(Infinity);
    expect(sumOf([-1e308, -1e308, 1]).value()).toBe(-Infinity);
    expect(sumOf([]).value()).toBe(0);
  });

  it('non-finite terms: infinities add, both signs or a NaN give NaN, in any order', () => {
    expect(sumOf([1, Infinity, 2]).value()).toBe(Infinity);
    expect(sumOf([Infinity, -Infinity]).value()).toBeNaN();
    expect(sumOf([-Infinity, 5, Infinity]).value()).toBeNaN();
    expect(sumOf([Number.NaN, 1]).value()).toBeNaN();
    const a = sumOf([Infinity]);
    a.addSum(sumOf([-Infinity]));
    expect(a.value()).toBeNaN();
    expect(ExactSum.fromArray(sumOf([Number.NaN]).toArray()).value()).toBeNaN();
  });
});
