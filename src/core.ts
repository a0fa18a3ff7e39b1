/**
 * salvo without the expression parser: the same exports as `'salvo'`, except that `model().derive`
 * takes callbacks only (see {@link model}). Import from `'salvo/core'` in a
 * browser bundle that never parses expression text, and no part of mathjs is bundled.
 * @module
 */

export * from './index.js';
export { coreModel as model } from './model/model.js';
