/**
 * xoshiro128** 1.1 by David Blackman and Sebastiano Vigna (public domain, CC0): 128 bits of state,
 * period 2^128 - 1, passes BigCrush and PractRand. Blackman & Vigna, "Scrambled linear pseudorandom
 * number generators", ACM TOMS 47(4), 2021. Reference C: https://prng.di.unimi.it/xoshiro128starstar.c
 * @module
 */
import { SalvoError } from '../errors.js';
import { ALGORITHM_IDS, type Rng, STATE_FORMAT_VERSION } from './types.js';

// Local copies, not imports: a constant read through a module binding is not folded into the loop
// when the code runs untranspiled-to-one-scope (tsx, vitest), which measured several times slower in
// fillFloat64 (docs/performance.md, "Design decisions and their measurements").
const TWO_POW_26 = 67108864;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/**
 * The xoshiro128** bit generator. Construct it through {@link createRng} with `{ algorithm: 'xoshiro128**' }`.
 * State lives in an `Int32Array` so V8 compiles the updates to 32-bit machine operations (see sfc32.ts).
 * @internal
 */
export class Xoshiro128StarStar implements Rng {
  readonly algorithm = 'xoshiro128**';
  private readonly s: Int32Array;

  /** Sets the four state words verbatim; they must not all be zero. */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    if ((s0 | s1 | s2 | s3) === 0) {
      throw new SalvoError('INVALID_SEED', 'xoshiro128**: the state must not be all zeros', {
        parameter: 'state',
        value: [s0, s1, s2, s3],
      });
    }
    this.s = Int32Array.of(s0, s1, s2, s3);
  }

  /** Seeds from four words; an all-zero input (probability 2^-128) is replaced by a fixed non-zero state. */
  static fromWords(words: ArrayLike<number>): Xoshiro128StarStar {
    if ((words[0] | words[1] | words[2] | words[3]) === 0) {
      return new Xoshiro128StarStar(0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x7f4a7c15);
    }
    return new Xoshiro128StarStar(words[0], words[1], words[2], words[3]);
  }

  nextUint32(): number {
    const s = this.s;
    const s0 = s[0];
    const s1 = s[1];
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const s2 = s[2] ^ s0;
    const s3 = s[3] ^ s1;
    s[1] = s1 ^ s2;
    s[0] = s0 ^ s3;
    s[2] = s2 ^ (s1 << 9);
    s[3] = (s3 << 11) | (s3 >>> 21);
    return result >>> 0;
  }

  nextFloat64(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * TWO_POW_26 + lo) * TWO_POW_MINUS_53;
  }

  fillFloat64(out: Float64Array): Float64Array {
    const s = this.s;
    let s0 = s[0];
    let s1 = s[1];
    let s2 = s[2];
    let s3 = s[3];
    const n = out.length;
    for (let i = 0; i < n; i++) {
      let m = Math.imul(s1, 5);
      const hi = Math.imul((m << 7) | (m >>> 25), 9) >>> 5;
      s2 ^= s0;
      s3 ^= s1;
      let t = s1 << 9;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      m = Math.imul(s1, 5);
      const lo = Math.imul((m << 7) | (m >>> 25), 9) >>> 6;
      s2 ^= s0;
      s3 ^= s1;
      t = s1 << 9;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      out[i] = (hi * TWO_POW_26 + lo) * TWO_POW_MINUS_53;
    }
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
    return out;
  }

  fillUint32(out: Uint32Array): Uint32Array {
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = this.nextUint32();
    return out;
  }

  getState(): Uint32Array {
    const s = this.s;
    return Uint32Array.of(
      ALGORITHM_IDS['xoshiro128**'],
      STATE_FORMAT_VERSION,
      s[0],
      s[1],
      s[2],
      s[3],
    );
  }

  clone(): Xoshiro128StarStar {
    const s = this.s;
    return new Xoshiro128StarStar(s[0], s[1], s[2], s[3]);
  }

  /** Restores from the words after the header. */
  static restore(words: Uint32Array): Xoshiro128StarStar {
    if (words.length !== 4) {
      throw new SalvoError(
        'INVALID_SEED',
        `fromState: xoshiro128** state must have 4 words after the header, got ${words.length}`,
        { parameter: 'state', value: words },
      );
    }
    return new Xoshiro128StarStar(words[0], words[1], words[2], words[3]);
  }
}
