/**
 * PCG32 (pcg32_random_r, XSH-RR output on a 64-bit LCG) by Melissa O'Neill, "PCG: A Family of Simple Fast
 * Space-Efficient Statistically Good Algorithms for Random Number Generation", HMC-CS-2014-0905.
 * Reference C: https://www.pcg-random.org/download.html (pcg_basic.c, Apache-2.0).
 * JavaScript has no 64-bit integer multiply on numbers, so the LCG step is done in 16-bit limbs; that is
 * why PCG32 is the slowest candidate here (docs/performance.md) although it is fast in C.
 * @module
 */
import { SalvoError } from '../errors.js';
import { ALGORITHM_IDS, type Rng, STATE_FORMAT_VERSION } from './types.js';

// Local copies, not imports: a constant read through a module binding is not folded into the loop
// when the code runs untranspiled-to-one-scope (tsx, vitest), which measured several times slower in
// fillFloat64 (docs/performance.md, "Design decisions and their measurements").
const TWO_POW_26 = 67108864;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

const MULT_HI = 0x5851f42d;
const MULT_LO = 0x4c957f2d;

/** High 32 bits of the 64-bit product of two unsigned 32-bit integers. */
function mulHi32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const t = a1 * b0 + ((a0 * b0) >>> 16);
  const w1 = (t % 65536) + a0 * b1;
  return (a1 * b1 + Math.floor(t / 65536) + Math.floor(w1 / 65536)) >>> 0;
}

/**
 * The PCG32 bit generator. Construct it through {@link createRng} with `{ algorithm: 'pcg32' }`.
 * @internal
 */
export class Pcg32 implements Rng {
  readonly algorithm = 'pcg32';
  /** [stateHi, stateLo, incHi, incLo]; a typed array keeps the words unboxed (see sfc32.ts). */
  private readonly s: Uint32Array;

  /** Sets the 64-bit state and (odd) increment verbatim, as 32-bit halves. */
  constructor(stateHi: number, stateLo: number, incHi: number, incLo: number) {
    this.s = Uint32Array.of(stateHi, stateLo, incHi, incLo | 1);
  }

  /** pcg32_srandom_r(initstate = words[0..1], initseq = words[2..3]), high word first. */
  static fromWords(words: ArrayLike<number>): Pcg32 {
    const seqHi = words[2] >>> 0;
    const seqLo = words[3] >>> 0;
    const rng = new Pcg32(0, 0, (seqHi << 1) | (seqLo >>> 31), (seqLo << 1) | 1);
    rng.nextUint32();
    const lo = rng.s[1] + (words[1] >>> 0);
    rng.s[1] = lo;
    rng.s[0] = rng.s[0] + (words[0] >>> 0) + (lo > 0xffffffff ? 1 : 0);
    rng.nextUint32();
    return rng;
  }

  nextUint32(): number {
    const s = this.s;
    const oldHi = s[0];
    const oldLo = s[1];
    const productLo = Math.imul(oldLo, MULT_LO) >>> 0;
    const sumLo = productLo + s[3];
    s[1] = sumLo;
    s[0] =
      mulHi32(oldLo, MULT_LO) +
      Math.imul(oldHi, MULT_LO) +
      Math.imul(oldLo, MULT_HI) +
      s[2] +
      (sumLo > 0xffffffff ? 1 : 0);
    const xHi = oldHi ^ (oldHi >>> 18);
    const xLo = oldLo ^ ((oldLo >>> 18) | (oldHi << 14));
    const xorshifted = (xLo >>> 27) | (xHi << 5);
    const rot = oldHi >>> 27;
    return ((xorshifted >>> rot) | (xorshifted << (-rot & 31))) >>> 0;
  }

  nextFloat64(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * TWO_POW_26 + lo) * TWO_POW_MINUS_53;
  }

  fillFloat64(out: Float64Array): Float64Array {
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = this.nextFloat64();
    return out;
  }

  fillUint32(out: Uint32Array): Uint32Array {
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = this.nextUint32();
    return out;
  }

  getState(): Uint32Array {
    return Uint32Array.of(
      ALGORITHM_IDS.pcg32,
      STATE_FORMAT_VERSION,
      this.s[0],
      this.s[1],
      this.s[2],
      this.s[3],
    );
  }

  clone(): Pcg32 {
    return new Pcg32(this.s[0], this.s[1], this.s[2], this.s[3]);
  }

  /** Restores from the words after the header. */
  static restore(words: Uint32Array): Pcg32 {
    if (words.length !== 4 || (words[3] & 1) === 0) {
      throw new SalvoError(
        'INVALID_SEED',
        'fromState: pcg32 state must have 4 words after the header and an odd increment',
        { parameter: 'state', value: words },
      );
    }
    return new Pcg32(words[0], words[1], words[2], words[3]);
  }
}
