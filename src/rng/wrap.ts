/**
 * Adapters so that users who already depend on a generator (seedrandom's `alea`, `xor4096`, or any
 * `() => number`) can use it wherever salvo takes an {@link Rng}.
 * @module
 */
import { SalvoError } from '../errors.js';
import { show } from '../validate.js';
import { type Rng, TWO_POW_26, TWO_POW_MINUS_53 } from './types.js';

/**
 * A seedrandom-style generator: a callable returning [0, 1) that may also offer `int32()` and `state()`.
 *
 * @example
 * ```ts
 * import seedrandom from 'seedrandom';
 * import { type SeedrandomLike, wrapRng } from 'salvo';
 * const xor4096: SeedrandomLike = seedrandom.xor4096('nk-2024');
 * typeof xor4096.int32;                 // => 'function' (wrapRng draws 32-bit words from it)
 * wrapRng(xor4096, 'xor4096').algorithm; // => 'xor4096'
 * const half: SeedrandomLike = () => 0.5; // any () => number in [0, 1) will do
 * wrapRng(half).nextFloat64();          // => 0.5
 * ```
 */
export interface SeedrandomLike {
  (): number;
  /** 32 random bits as a signed integer, as seedrandom generators provide. */
  int32?: () => number;
  /** The generator's state, when created with `{ state: true }`. */
  state?: () => object;
}

const TWO_POW_32 = 4294967296;

class WrappedRng implements Rng {
  readonly algorithm: string;
  private readonly source: SeedrandomLike;
  private readonly int32: (() => number) | undefined;

  constructor(source: SeedrandomLike, algorithm: string) {
    this.source = source;
    this.algorithm = algorithm;
    this.int32 = typeof source.int32 === 'function' ? source.int32.bind(source) : undefined;
  }

  nextUint32(): number {
    if (this.int32 !== undefined) return this.int32() >>> 0;
    return Math.floor(this.nextSourceDouble() * TWO_POW_32) >>> 0;
  }

  private nextSourceDouble(): number {
    const u = this.source();
    if (!(u >= 0 && u < 1)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `wrapRng: the wrapped source must return numbers in [0, 1), it returned ${show(u)}`,
        { parameter: 'source', value: u },
      );
    }
    return u;
  }

  nextFloat64(): number {
    if (this.int32 !== undefined) {
      const hi = this.int32() >>> 5;
      const lo = this.int32() >>> 6;
      return (hi * TWO_POW_26 + lo) * TWO_POW_MINUS_53;
    }
    return this.nextSourceDouble();
  }

  fillFloat64(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.nextFloat64();
    return out;
  }

  fillUint32(out: Uint32Array): Uint32Array {
    for (let i = 0; i < out.length; i++) out[i] = this.nextUint32();
    return out;
  }

  getState(): Uint32Array {
    throw new SalvoError(
      'UNSUPPORTED',
      `getState: a wrapped ${this.algorithm} source has no state salvo can save; save the source's own state instead`,
    );
  }

  clone(): Rng {
    throw new SalvoError(
      'UNSUPPORTED',
      `clone: a wrapped ${this.algorithm} source cannot be copied; create a second source with the same seed instead`,
    );
  }
}

/**
 * Wraps a seedrandom generator (`seedrandom.alea('x')`, `seedrandom.xor4096('x')`, ...) or any
 * `() => number` returning uniform numbers in [0, 1), so it can be used wherever salvo takes an
 * {@link Rng}. When the source has seedrandom's `int32()`, 32-bit outputs and 53-bit doubles are built
 * from it; otherwise doubles are the source's own and 32-bit outputs are `floor(u * 2^32)`.
 * Outputs outside [0, 1) raise a {@link SalvoError} instead of leaking into samples.
 *
 * @param source - the generator to wrap
 * @param name - a label for {@link Rng.algorithm} (default `'wrapped'`)
 * @throws {@link SalvoError} `INVALID_PARAMETER` if `source` is not a function
 *
 * @example
 * ```ts
 * import seedrandom from 'seedrandom';
 * import { normal, wrapRng } from 'salvo';
 * const rng = wrapRng(seedrandom.alea('nk-2024'), 'alea');
 * normal(0, 1).sample(5, rng); // => Float64Array(5), reproducible from the alea seed
 * ```
 */
export function wrapRng(source: SeedrandomLike | (() => number), name = 'wrapped'): Rng {
  if (typeof source !== 'function') {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `wrapRng: source must be a function returning numbers in [0, 1), got ${show(source)}`,
      { parameter: 'source', value: source },
    );
  }
  return new WrappedRng(source, name);
}
