/**
 * Bits and seeds: the bit generators (sfc32 by default, xoshiro128**, PCG32), `createRng` and
 * `fromState`, streams derived by hashing (`deriveRng`), and adapters for foreign generators. This file
 * is what the root entry re-exports; the folder's README.md lists the files.
 * @module
 */
export {
  createRng,
  DEFAULT_ALGORITHM,
  deriveRng,
  fromState,
  type RngOptions,
  type Seed,
} from './seed.js';
export type { Rng, RngAlgorithm } from './types.js';
export { type SeedrandomLike, wrapRng } from './wrap.js';
