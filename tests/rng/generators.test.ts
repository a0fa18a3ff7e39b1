import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { SalvoError } from '../../src/errors.js';
import { Pcg32 } from '../../src/rng/pcg32.js';
import { createRng, deriveRng, fromState, seedWords } from '../../src/rng/seed.js';
import { Sfc32 } from '../../src/rng/sfc32.js';
import type { Rng, RngAlgorithm } from '../../src/rng/types.js';
import { wrapRng } from '../../src/rng/wrap.js';
import { Xoshiro128StarStar } from '../../src/rng/xoshiro128.js';
import reference from '../fixtures/rng-reference.json' with { type: 'json' };

const ALGORITHMS: RngAlgorithm[] = ['sfc32', 'xoshiro128**', 'pcg32'];

function take(rng: Rng, count: number): number[] {
  return Array.from({ length: count }, () => rng.nextUint32());
}

// Vectors produced by compiling the published reference C (xoshiro128starstar.c by Blackman & Vigna,
// pcg_basic.c by O'Neill, sfc32 from Doty-Humphrey's PractRand) with gcc; see tests/fixtures/README.md.
describe('known answers from the reference C implementations', () => {
  it.each(reference['xoshiro128**'])('xoshiro128** from state $state', ({ state, outputs }) => {
    const rng = new Xoshiro128StarStar(state[0], state[1], state[2], state[3]);
    expect(take(rng, outputs.length)).toEqual(outputs);
  });
  it.each(reference.sfc32)('sfc32 from state $state', ({ state, outputs }) => {
    const rng = new Sfc32(state[0], state[1], state[2], state[3]);
    expect(take(rng, outputs.length)).toEqual(outputs);
  });
  it.each(reference.pcg32)(
    'pcg32_srandom_r($initstate, $initseq)',
    ({ initstate, initseq, outputs }) => {
      const rng = Pcg32.fromWords([initstate[0], initstate[1], initseq[0], initseq[1]]);
      expect(take(rng, outputs.length)).toEqual(outputs);
    },
  );
});

describe('the seeded bit stream is stable (snapshot: changing it is a breaking change)', () => {
  it('createRng("nk-2024") with the default generator', () => {
    const rng = createRng('nk-2024');
    expect(rng.algorithm).toBe('sfc32');
    expect(take(rng, 4)).toMatchInlineSnapshot(`
      [
        1755457368,
        1886632978,
        3318489631,
        1289773015,
      ]
    `);
  });
  it('seedWords expands seeds with seedrandom ARC4', () => {
    expect(Array.from(seedWords('nk-2024'))).toMatchInlineSnapshot(`
      [
        4167465400,
        1561610566,
        3489625635,
        2727866340,
      ]
    `);
  });
  it('deriveRng(seed, key, segment)', () => {
    expect(take(deriveRng('nk-2024', 'containers', 3), 2)).toMatchInlineSnapshot(`
      [
        3337758879,
        327747795,
      ]
    `);
  });
});

describe.each(ALGORITHMS)('%s', (algorithm) => {
  it('same seed, same sequence; a number seed equals its decimal string', () => {
    expect(take(createRng(42, { algorithm }), 8)).toEqual(take(createRng('42', { algorithm }), 8));
    expect(take(createRng('a', { algorithm }), 8)).not.toEqual(
      take(createRng('b', { algorithm }), 8),
    );
  });

  it('fromState(getState()) round-trips at any point of the stream', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(50), (seed, skip) => {
        const rng = createRng(seed, { algorithm });
        for (let i = 0; i < skip; i++) rng.nextUint32();
        const restored = fromState(rng.getState());
        expect(restored.algorithm).toBe(algorithm);
        expect(take(restored, 6)).toEqual(take(rng, 6));
      }),
      { numRuns: 50 },
    );
  });

  it('createRng accepts a saved state, as a Uint32Array or a plain array', () => {
    const rng = createRng('state', { algorithm });
    const saved = rng.getState();
    const expected = take(rng, 4);
    expect(take(createRng(saved), 4)).toEqual(expected);
    expect(take(createRng(Array.from(saved)), 4)).toEqual(expected);
  });

  it('clone is independent and starts in the same state', () => {
    const rng = createRng('clone', { algorithm });
    const copy = rng.clone();
    expect(take(copy, 5)).toEqual(take(rng, 5));
    copy.nextUint32();
    expect(copy.nextUint32()).not.toBe(rng.nextUint32());
  });

  it('fillFloat64 and fillUint32 consume exactly like the scalar calls', () => {
    const a = createRng('fill', { algorithm });
    const b = a.clone();
    const filled = a.fillFloat64(new Float64Array(1001));
    const scalar = Float64Array.from({ length: 1001 }, () => b.nextFloat64());
    expect(filled).toEqual(scalar);
    expect(Array.from(a.fillUint32(new Uint32Array(7)))).toEqual(take(b, 7));
  });

  it('doubles are in [0, 1), use 53 bits and are uniform (mean and variance within 5 SE)', () => {
    const n = 200_000;
    const u = createRng('uniformity', { algorithm }).fillFloat64(new Float64Array(n));
    let sum = 0;
    let sumSq = 0;
    let usesLowBits = false;
    for (let i = 0; i < n; i++) {
      expect(u[i] >= 0 && u[i] < 1).toBe(true);
      sum += u[i];
      sumSq += u[i] * u[i];
      // a 53-bit double times 2^53 is an integer; a 32-bit one would have zero low 21 bits
      if ((u[i] * 2 ** 53) % 2 ** 21 !== 0) usesLowBits = true;
    }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    // Var of U^2 terms: SE of the variance estimate is sqrt(1/180 / n)
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n));
    expect(usesLowBits).toBe(true);
  });

  it('every output bit is fair (each of 32 bit positions set in 50% ± 5 SE of 1e5 draws)', () => {
    const n = 100_000;
    const words = createRng('bits', { algorithm }).fillUint32(new Uint32Array(n));
    const se = Math.sqrt(0.25 / n);
    for (let bit = 0; bit < 32; bit++) {
      let ones = 0;
      for (let i = 0; i < n; i++) ones += (words[i] >>> bit) & 1;
      expect(Math.abs(ones / n - 0.5), `bit ${bit}`).toBeLessThan(5 * se);
    }
  });
});

describe('deriveRng: independent streams by hashing', () => {
  it('depends only on (seed, key, segment), and seed words give the same stream as the seed', () => {
    const root = seedWords('run');
    expect(take(deriveRng(root, 'x', 5), 4)).toEqual(take(deriveRng('run', 'x', 5), 4));
    expect(take(deriveRng('run', 'x', 5), 4)).not.toEqual(take(deriveRng('run', 'x', 6), 4));
    expect(take(deriveRng('run', 'x', 5), 4)).not.toEqual(take(deriveRng('run', 'y', 5), 4));
    expect(take(deriveRng('run', 'x', 5), 4)).not.toEqual(take(deriveRng('other', 'x', 5), 4));
    // keys that concatenate alike with segments are still distinct streams
    expect(take(deriveRng('run', 'a1', 0), 4)).not.toEqual(take(deriveRng('run', 'a', 10), 4));
  });

  it('neighbouring segments and keys are uncorrelated (|r| < 5 SE over 1e4 pairs of streams)', () => {
    const pairs = 10_000;
    const xs = new Float64Array(pairs);
    const ys = new Float64Array(pairs);
    const zs = new Float64Array(pairs);
    const root = seedWords('independence');
    for (let k = 0; k < pairs; k++) {
      xs[k] = deriveRng(root, 'node', k).nextFloat64();
      ys[k] = deriveRng(root, 'node', k + 1).nextFloat64();
      zs[k] = deriveRng(root, 'nodf', k).nextFloat64();
    }
    const corr = (a: Float64Array, b: Float64Array) => {
      let sa = 0;
      let sb = 0;
      let sab = 0;
      let saa = 0;
      let sbb = 0;
      for (let i = 0; i < a.length; i++) {
        sa += a[i];
        sb += b[i];
        sab += a[i] * b[i];
        saa += a[i] * a[i];
        sbb += b[i] * b[i];
      }
      const n = a.length;
      return (
        (sab / n - (sa / n) * (sb / n)) /
        Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2))
      );
    };
    const se = 1 / Math.sqrt(pairs);
    expect(Math.abs(corr(xs, ys))).toBeLessThan(5 * se);
    expect(Math.abs(corr(xs, zs))).toBeLessThan(5 * se);
  });

  it('rejects bad keys and segments', () => {
    expect(() => deriveRng('s', 'k', -1)).toThrow(/segment must be a non-negative integer, got -1/);
    expect(() => deriveRng('s', 'k', 1.5)).toThrow(SalvoError);
    expect(() => deriveRng('s', 3 as unknown as string, 0)).toThrow(/key must be a string/);
  });
});

describe('bad seeds and states', () => {
  it.each([
    Number.NaN,
    Number.POSITIVE_INFINITY,
    {} as unknown as string,
    null as unknown as string,
  ])('createRng(%s) throws INVALID_SEED', (seed) => {
    expect(() => createRng(seed)).toThrow(SalvoError);
    try {
      createRng(seed);
    } catch (e) {
      expect((e as SalvoError).code).toBe('INVALID_SEED');
    }
  });
  it('rejects malformed states with a message', () => {
    expect(() => fromState([1])).toThrow(/fromState/);
    expect(() => fromState([99, 1, 0, 0, 0, 1])).toThrow(/unknown algorithm id 99/);
    expect(() => fromState([1, 7, 0, 0, 0, 1])).toThrow(/version 7/);
    expect(() => fromState([1, 1, 0, 0])).toThrow(/4 words/);
    expect(() => fromState([1, 1, -1, 0, 0, 1])).toThrow(/32-bit unsigned/);
    expect(() => fromState([2, 1, 0, 0, 0, 0])).toThrow(/all zeros/);
  });
  it('rejects an unknown algorithm', () => {
    expect(() => createRng(1, { algorithm: 'mt19937' as RngAlgorithm })).toThrow(
      /algorithm must be one of/,
    );
  });
});

describe('wrapRng', () => {
  it('uses a seedrandom generator reproducibly, with its int32 for bits', () => {
    const a = wrapRng(seedrandom.alea('nk-2024'), 'alea');
    const b = seedrandom.alea('nk-2024');
    expect(a.algorithm).toBe('alea');
    expect(a.nextUint32()).toBe(b.int32() >>> 0);
    const u = a.fillFloat64(new Float64Array(1000));
    expect(u.every((x) => x >= 0 && x < 1)).toBe(true);
  });
  it('wraps a plain () => number and rejects out-of-range outputs', () => {
    let i = 0;
    const values = [0.25, 0.5, 1.5];
    const rng = wrapRng(() => values[i++]);
    expect(rng.nextFloat64()).toBe(0.25);
    expect(rng.nextUint32()).toBe(2 ** 31);
    expect(() => rng.nextFloat64()).toThrow(/must return numbers in \[0, 1\), it returned 1.5/);
  });
  it('has no state to save or copy, and says so', () => {
    const rng = wrapRng(() => 0.5);
    expect(() => rng.getState()).toThrow(/UNSUPPORTED|no state/);
    expect(() => rng.clone()).toThrow(/cannot be copied/);
    expect(() => wrapRng(42 as unknown as () => number)).toThrow(/source must be a function/);
  });
});
