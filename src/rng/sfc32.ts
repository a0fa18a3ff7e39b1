/**
 * sfc32, Chris Doty-Humphrey's "Small Fast Chaotic" generator from PractRand (public domain): 128 bits of
 * state, of which 32 are a counter, so the period is at least 2^32 and on average about 2^127. It passes
 * PractRand to at least 2^43 bytes and TestU01 BigCrush (Doty-Humphrey, PractRand documentation; O'Neill,
 * "PCG", 2014, table of results). In JavaScript it is the fastest of the three candidates (see
 * docs/performance.md): one addition chain, a shift, a rotate and no multiplication.
 * Reference: http://pracrand.sourceforge.net/RNG_engines.txt
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
 * The sfc32 bit generator. Construct it through {@link createRng}, {@link deriveRng} or {@link fromState}.
 * @internal
 */
export class Sfc32 implements Rng {
  readonly algorithm = 'sfc32';
  /**
   * State words a, b, c and the counter d. An `Int32Array` rather than four number fields: V8 then knows
   * every word is a 32-bit integer and compiles `(a + b) | 0` to one machine add. With plain fields the
   * adds overflow the small-integer range, fall back to floating point and run several times slower
   * (measured: docs/performance.md, "Design decisions and their measurements").
   */
  private readonly s: Int32Array;

  /** Sets the four state words verbatim (the counter is `d`). */
  constructor(a: number, b: number, c: number, d: number) {
    this.s = Int32Array.of(a, b, c, d);
  }

  /** Seeds from four words as PractRand does: set a, b, c, counter, then discard 12 outputs. */
  static fromWords(words: ArrayLike<number>): Sfc32 {
    const rng = new Sfc32(words[0], words[1], words[2], words[3]);
    for (let i = 0; i < 12; i++) rng.nextUint32();
    return rng;
  }

  nextUint32(): number {
    const s = this.s;
    const b = s[1];
    const c = s[2];
    const d = s[3];
    const t = (((s[0] + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  nextFloat64(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * TWO_POW_26 + lo) * TWO_POW_MINUS_53;
  }

  fillFloat64(out: Float64Array): Float64Array {
    const s = this.s;
    let a = s[0];
    let b = s[1];
    let c = s[2];
    let d = s[3];
    const n = out.length;
    for (let i = 0; i < n; i++) {
      let t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      const hi = t >>> 5;
      t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      out[i] = (hi * TWO_POW_26 + (t >>> 6)) * TWO_POW_MINUS_53;
    }
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    return out;
  }

  fillUint32(out: Uint32Array): Uint32Array {
    const s = this.s;
    let a = s[0];
    let b = s[1];
    let c = s[2];
    let d = s[3];
    const n = out.length;
    for (let i = 0; i < n; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      out[i] = t;
    }
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    return out;
  }

  getState(): Uint32Array {
    return Uint32Array.of(
      ALGORITHM_IDS.sfc32,
      STATE_FORMAT_VERSION,
      this.s[0],
      this.s[1],
      this.s[2],
      this.s[3],
    );
  }

  clone(): Sfc32 {
    return new Sfc32(this.s[0], this.s[1], this.s[2], this.s[3]);
  }

  /** Restores from the words after the header. */
  static restore(words: Uint32Array): Sfc32 {
    if (words.length !== 4) {
      throw new SalvoError(
        'INVALID_SEED',
        `fromState: sfc32 state must have 4 words after the header, got ${words.length}`,
        { parameter: 'state', value: words },
      );
    }
    return new Sfc32(words[0], words[1], words[2], words[3]);
  }
}
