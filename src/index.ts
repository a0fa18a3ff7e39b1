/**
 * salvo — Monte Carlo estimation with honest ranges. Seeded bit generators, distribution families that
 * fill typed arrays, and vector algebra over index-aligned samples.
 * @module
 */

export { ci } from './dist/ci.js';
export { constant } from './dist/constant.js';
export { exponential } from './dist/exponential.js';
export { logUniform } from './dist/logUniform.js';
export { lognormal } from './dist/lognormal.js';
export { type CiOptions, normal } from './dist/normal.js';
export { triangular } from './dist/triangular.js';
export type { ContinuousDistribution, DiscreteDistribution, Distribution } from './dist/types.js';
export { uniform } from './dist/uniform.js';
export { SalvoError, type SalvoErrorCode, type SalvoErrorDetails } from './errors.js';
export {
  createRng,
  DEFAULT_ALGORITHM,
  deriveRng,
  fromState,
  type Rng,
  type RngAlgorithm,
  type RngOptions,
  type Seed,
  type SeedrandomLike,
  seedWords,
  wrapRng,
} from './rng/index.js';
export * from './samples/index.js';
