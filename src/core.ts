/**
 * salvo without the expression parser: the same exports as `'salvo'`, except that `model().derive`
 * takes callbacks only (see {@link model}). A bundle built from `'salvo/core'` holds no part of mathjs,
 * whatever it imports from it. (`salvo/shipments` is not part of it: its models are written as
 * expressions, so that they can run on worker threads, and bring the parser with them.)
 * @module salvo/core
 */

export * from './index.js';
export { coreModel as model } from './model/model.js';
export { coreModelFromJson as modelFromJson } from './model/modelJson.js';
