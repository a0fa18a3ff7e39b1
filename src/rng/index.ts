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
