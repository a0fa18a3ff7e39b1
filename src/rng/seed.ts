/**
 * Seeds and streams. A seed of any kind (number or string) is expanded to four 32-bit words with
 * seedrandom's ARC4 generator (RC4 keyed by the seed's string form, as in `seedrandom('nk-2024')`), so the
 * same seed gives the same state on every platform. Independent streams are derived from
 * (seed words, stream key, segment index) by hashing — never by `seed + i`, which gives overlapping or
 * correlated streams for generators seeded linearly. The hash is MurmurHash3's 32-bit mixing applied in
 * four lanes with distinct lane seeds, followed by its avalanche finaliser (Appleby, 2011); the chosen
 * generator then discards its first outputs, so nearby keys give unrelated sequences.
 * @module
 */
import seedrandom from 'seedrandom';
import { SalvoError } from '../errors.js';
import { optionNames, requireKnownOptions, show } from '../validate.js';
import { Pcg32 } from './pcg32.js';
import { Sfc32 } from './sfc32.js';
import { ALGORITHM_IDS, type Rng, type RngAlgorithm, STATE_FORMAT_VERSION } from './types.js';
import { Xoshiro128StarStar } from './xoshiro128.js';

/**
 * Anything {@link createRng} accepts as a seed: a finite number, a string, or a state array returned by
 * {@link Rng.getState}. Numbers are seeded through their decimal string, so `42` and `'42'` are the same seed.
 *
 * @example
 * ```ts
 * import { createRng, type Seed } from 'salvo';
 * const seed: Seed = 42;
 * createRng(seed).nextUint32() === createRng('42').nextUint32(); // => true
 * const rng = createRng('nk-2024');
 * const state: Seed = rng.getState();
 * createRng(state).nextUint32() === rng.nextUint32(); // => true
 * ```
 */
export type Seed = number | string | Uint32Array | readonly number[];

/**
 * Options for {@link createRng} and {@link deriveRng}.
 *
 * @example
 * ```ts
 * import { createRng, deriveRng } from 'salvo';
 * createRng('nk-2024').algorithm;                                        // => 'sfc32'
 * createRng('nk-2024', { algorithm: 'pcg32' }).algorithm;                // => 'pcg32'
 * deriveRng('nk-2024', 'containers', 0, { algorithm: 'xoshiro128**' }).algorithm; // => 'xoshiro128**'
 * ```
 */
export interface RngOptions {
  /**
   * Bit-generation algorithm. Default `'sfc32'`, chosen by measurement as the fastest of the three in
   * JavaScript (see docs/performance.md); all three pass BigCrush.
   */
  readonly algorithm?: RngAlgorithm;
}

/** The names {@link RngOptions} knows, for `UNKNOWN_OPTION`. */
const RNG_OPTION_NAMES = optionNames<RngOptions>()(['algorithm']);

/**
 * The default bit generator. Changing it changes every seeded stream, so it is fixed within a major version.
 *
 * @example
 * ```ts
 * import { createRng, DEFAULT_ALGORITHM } from 'salvo';
 * DEFAULT_ALGORITHM;                                    // => 'sfc32'
 * createRng('nk-2024').algorithm === DEFAULT_ALGORITHM; // => true
 * ```
 */
export const DEFAULT_ALGORITHM: RngAlgorithm = 'sfc32';

function fromWords(algorithm: RngAlgorithm, words: ArrayLike<number>): Rng {
  switch (algorithm) {
    case 'sfc32':
      return Sfc32.fromWords(words);
    case 'xoshiro128**':
      return Xoshiro128StarStar.fromWords(words);
    case 'pcg32':
      return Pcg32.fromWords(words);
    default:
      throw new SalvoError(
        'INVALID_PARAMETER',
        `createRng: algorithm must be one of ${Object.keys(ALGORITHM_IDS).join(', ')}, got ${show(algorithm)}`,
        { parameter: 'algorithm', value: algorithm },
      );
  }
}

/**
 * Expands a number or string seed to four 32-bit words with seedrandom's ARC4 generator:
 * `seedWords('nk-2024')` is `[4167465400, 1561610566, 3489625635, 2727866340]` on every platform.
 * Internal (the model engine and the worker threads use it); not exported from the package.
 *
 * @param seed - a finite number or a string
 * @returns four words, the root from which {@link deriveRng} hashes its streams
 * @throws {@link SalvoError} `INVALID_SEED` for NaN, infinite numbers and other types
 */
export function seedWords(seed: number | string): Uint32Array {
  if (typeof seed === 'number' ? !Number.isFinite(seed) : typeof seed !== 'string') {
    throw new SalvoError(
      'INVALID_SEED',
      `seed must be a finite number, a string or a state array, got ${show(seed)}`,
      { parameter: 'seed', value: seed },
    );
  }
  const arc4 = seedrandom(String(seed));
  return Uint32Array.of(arc4.int32(), arc4.int32(), arc4.int32(), arc4.int32());
}

/**
 * Creates a seeded generator. Strings and numbers are expanded to state with seedrandom, so
 * `createRng('nk-2024')` gives the same numbers everywhere; a state array from {@link Rng.getState}
 * restores that exact generator (as {@link fromState} does).
 *
 * @param seed - a finite number, a string, or a saved state
 * @param options - the bit-generation algorithm (default sfc32)
 * @throws {@link SalvoError} `INVALID_SEED` for NaN, infinite numbers, other types or malformed states
 *
 * @example
 * ```ts
 * import { createRng } from 'salvo';
 * const a = createRng('nk-2024');
 * const b = createRng('nk-2024');
 * a.nextFloat64() === b.nextFloat64(); // => true
 * const saved = a.getState();
 * const x = a.nextUint32();
 * createRng(saved).nextUint32() === x; // => true
 * ```
 */
export function createRng(seed: Seed, options: RngOptions = {}): Rng {
  requireKnownOptions('createRng', 'options', options, RNG_OPTION_NAMES);
  if (typeof seed !== 'number' && typeof seed !== 'string') return fromState(seed);
  return fromWords(options.algorithm ?? DEFAULT_ALGORITHM, seedWords(seed));
}

/**
 * Restores a generator from a state returned by {@link Rng.getState}: `[algorithmId, version, ...words]`.
 * The restored generator continues exactly where the saved one was.
 *
 * @param state - the saved state (a `Uint32Array` or an array of integers in [0, 2^32))
 * @throws {@link SalvoError} `INVALID_SEED` when the header or the length is wrong
 *
 * @example
 * ```ts
 * import { createRng, fromState } from 'salvo';
 * const rng = createRng(7);
 * const copy = fromState(rng.getState());
 * rng.nextUint32() === copy.nextUint32(); // => true
 * ```
 */
export function fromState(state: Uint32Array | readonly number[]): Rng {
  const isWordArray =
    state instanceof Uint32Array ||
    (Array.isArray(state) && state.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff));
  if (!isWordArray || state.length < 2) {
    throw new SalvoError(
      'INVALID_SEED',
      `fromState: state must be a Uint32Array or an array of 32-bit unsigned integers from getState(), got ${show(state)}`,
      { parameter: 'state', value: state },
    );
  }
  const words = Uint32Array.from(state);
  const [id, version] = words;
  if (version !== STATE_FORMAT_VERSION) {
    throw new SalvoError(
      'INVALID_SEED',
      `fromState: state format version ${version} is not supported (expected ${STATE_FORMAT_VERSION})`,
      { parameter: 'state', value: state },
    );
  }
  const body = words.subarray(2);
  switch (id) {
    case ALGORITHM_IDS.sfc32:
      return Sfc32.restore(body);
    case ALGORITHM_IDS['xoshiro128**']:
      return Xoshiro128StarStar.restore(body);
    case ALGORITHM_IDS.pcg32:
      return Pcg32.restore(body);
    default:
      throw new SalvoError('INVALID_SEED', `fromState: unknown algorithm id ${id}`, {
        parameter: 'state',
        value: state,
      });
  }
}

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const LANE_SEEDS = [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344];

function mixWord(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finalise(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hashes (root words, key, segment) to four state words. The message is the root words, the key's
 * UTF-16 code units, the key length and the segment index as two 32-bit halves, so no two distinct
 * (key, segment) pairs share a message.
 * @internal
 */
export function streamWords(root: Uint32Array, key: string, segment: number): Uint32Array {
  const out = new Uint32Array(4);
  const segmentLo = segment >>> 0;
  const segmentHi = Math.floor(segment / 4294967296) >>> 0;
  for (let lane = 0; lane < 4; lane++) {
    let h = LANE_SEEDS[lane];
    for (let i = 0; i < root.length; i++) h = mixWord(h, root[i]);
    for (let i = 0; i < key.length; i++) h = mixWord(h, key.charCodeAt(i));
    h = mixWord(h, key.length);
    h = mixWord(h, segmentLo);
    h = mixWord(h, segmentHi);
    out[lane] = finalise(h, root.length + key.length + 3);
  }
  // Cross-lane avalanche so every output word depends on every lane.
  for (let round = 0; round < 2; round++) {
    for (let lane = 0; lane < 4; lane++) {
      out[lane] = finalise((out[lane] + out[(lane + 1) & 3]) | 0, lane);
    }
  }
  return out;
}

/**
 * Derives an independent generator for one stream and segment of a seed, by hashing
 * (seed, key, segment). The model engine draws segment k of input `name` from
 * `deriveRng(seed, name, k)`, which is why results do not depend on block size or worker count.
 *
 * @param seed - a finite number or string (the run's seed), or the four words such a seed expands to
 *   (the model engine expands its seed once and derives every stream from the words)
 * @param key - the stream key, for example a node name
 * @param segment - a non-negative integer index (segments of one key are independent streams)
 * @param options - the bit-generation algorithm (default sfc32)
 * @throws {@link SalvoError} for a bad seed, a non-string key or a negative or fractional segment
 *
 * @example
 * ```ts
 * import { deriveRng } from 'salvo';
 * const first = deriveRng('nk-2024', 'containers', 0).nextUint32();
 * deriveRng('nk-2024', 'containers', 0).nextUint32() === first; // => true (same seed, key and segment)
 * deriveRng('nk-2024', 'containers', 1).nextUint32() === first; // => false (the next segment)
 * ```
 */
export function deriveRng(
  seed: number | string | Uint32Array,
  key: string,
  segment: number,
  options: RngOptions = {},
): Rng {
  if (typeof key !== 'string') {
    throw new SalvoError('INVALID_PARAMETER', `deriveRng: key must be a string, got ${show(key)}`, {
      parameter: 'key',
      value: key,
    });
  }
  if (!Number.isSafeInteger(segment) || segment < 0) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `deriveRng: segment must be a non-negative integer, got ${show(segment)}`,
      { parameter: 'segment', value: segment },
    );
  }
  requireKnownOptions('deriveRng', 'options', options, RNG_OPTION_NAMES);
  const root = seed instanceof Uint32Array ? seed : seedWords(seed);
  return fromWords(options.algorithm ?? DEFAULT_ALGORITHM, streamWords(root, key, segment));
}
