/**
 * A source of uniform random bits. Every distribution in salvo draws from an `Rng` passed in by the
 * caller; nothing reads `Math.random` or a global generator.
 *
 * Built-in generators come from {@link createRng} (seeded, with exact state save and restore) and
 * {@link deriveRng} (independent streams). {@link wrapRng} adapts any `() => number` source.
 *
 * @example
 * ```ts
 * import { createRng } from 'salvo';
 * const rng = createRng('nk-2024');
 * rng.nextUint32();                         // an integer in [0, 2^32)
 * rng.nextFloat64();                        // a double in [0, 1) with 53 random bits
 * rng.fillFloat64(new Float64Array(1000));  // 1,000 of them, in a tight loop
 * ```
 */
export interface Rng {
  /** Name of the bit-generation algorithm, for example `'sfc32'`. */
  readonly algorithm: string;
  /** Returns the next 32 random bits as an unsigned integer in [0, 2^32). */
  nextUint32(): number;
  /** Returns a double in [0, 1) built from 53 random bits (two 32-bit outputs: 27 high bits and 26 bits). */
  nextFloat64(): number;
  /**
   * Fills `out` with doubles in [0, 1), exactly as repeated {@link Rng.nextFloat64} calls would, and returns it.
   * @param out - the buffer to overwrite
   */
  fillFloat64(out: Float64Array): Float64Array;
  /**
   * Fills `out` with raw 32-bit outputs, exactly as repeated {@link Rng.nextUint32} calls would, and returns it.
   * @param out - the buffer to overwrite
   */
  fillUint32(out: Uint32Array): Uint32Array;
  /**
   * Returns a copy of the complete generator state: a versioned `Uint32Array` (algorithm id, format
   * version, state words) that {@link fromState} turns back into an identical generator.
   * @throws {@link SalvoError} `UNSUPPORTED` for wrapped sources whose state cannot be read.
   */
  getState(): Uint32Array;
  /**
   * Returns an independent generator in the same state: both produce the same future outputs.
   * @throws {@link SalvoError} `UNSUPPORTED` for wrapped sources that cannot be copied.
   */
  clone(): Rng;
}

/** 2^-53, the spacing of the 53-bit doubles produced by {@link Rng.nextFloat64}. */
export const TWO_POW_MINUS_53 = 1 / 9007199254740992;
/** 2^26, used to join 27 and 26 random bits into one 53-bit double. */
export const TWO_POW_26 = 67108864;
/** 2^-32, the spacing of doubles made from one 32-bit output. */
export const TWO_POW_MINUS_32 = 1 / 4294967296;

/**
 * Header of a serialised state: `[algorithmId, STATE_FORMAT_VERSION, ...words]`.
 * @internal
 */
export const STATE_FORMAT_VERSION = 1;

/** Ids stored in the first word of a serialised state. @internal */
export const ALGORITHM_IDS: Readonly<Record<RngAlgorithm, number>> = {
  sfc32: 1,
  'xoshiro128**': 2,
  pcg32: 3,
};

/**
 * Names of the built-in bit generators: `'sfc32'` (the default), `'xoshiro128**'` and `'pcg32'`.
 *
 * @example
 * ```ts
 * import { createRng, type RngAlgorithm } from 'salvo';
 * const algorithm: RngAlgorithm = 'pcg32';
 * createRng(1, { algorithm }).algorithm; // => 'pcg32'
 * createRng(1, { algorithm }).nextUint32() === createRng(1).nextUint32(); // => false (another stream)
 * ```
 */
export type RngAlgorithm = 'sfc32' | 'xoshiro128**' | 'pcg32';
