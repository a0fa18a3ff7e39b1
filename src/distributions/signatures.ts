/**
 * The factories whose arguments are numbers (and, for some, an options object), by the name a user
 * calls them with, with what each argument must be: the one table that both expressions (inline
 * distributions, `src/model/inline.ts`) and model files (`json.ts`, which adds the families that take
 * lists and distributions) read, so that the two never disagree on a family or its arguments.
 * @internal
 * @module
 */
import { bernoulli } from './bernoulli.js';
import { beta } from './beta.js';
import { binomial } from './binomial.js';
import { ci } from './ci.js';
import { constant } from './constant.js';
import { exponential } from './exponential.js';
import { gamma } from './gamma.js';
import { lognormal } from './lognormal.js';
import { logUniform } from './logUniform.js';
import { negativeBinomial } from './negativeBinomial.js';
import { normal } from './normal.js';
import { pert } from './pert.js';
import { poisson } from './poisson.js';
import { studentT } from './studentT.js';
import { triangular } from './triangular.js';
import type { Distribution } from './types.js';
import { uniform } from './uniform.js';

/** What one argument of a factory must be. */
export type Slot = 'number' | 'numbers' | 'options' | 'distribution' | 'distributions';

/** A factory and its arguments, in order; those from `required` on may be left out. */
export interface FamilySignature {
  readonly slots: readonly Slot[];
  readonly required: number;
  readonly make: (...args: never[]) => Distribution;
}

/** A signature. */
export const signature = (
  make: FamilySignature['make'],
  required: number,
  ...slots: Slot[]
): FamilySignature => ({ make, required, slots });

/**
 * The factories of number arguments (options last, where a factory takes them). Literals in a pure
 * call, so that a bundle that reads none of them leaves every factory out: a property read such as
 * `normal.ci` would count as a possible side effect and keep the table, so those are arrows.
 */
export const NUMBER_FAMILIES: ReadonlyMap<string, FamilySignature> = /* @__PURE__ */ new Map<
  string,
  FamilySignature
>([
  ['normal', { make: normal, required: 2, slots: ['number', 'number'] }],
  [
    'normal.ci',
    {
      make: (lo, hi, options) => normal.ci(lo, hi, options),
      required: 2,
      slots: ['number', 'number', 'options'],
    },
  ],
  ['lognormal', { make: lognormal, required: 2, slots: ['number', 'number'] }],
  [
    'lognormal.ci',
    {
      make: (lo, hi, options) => lognormal.ci(lo, hi, options),
      required: 2,
      slots: ['number', 'number', 'options'],
    },
  ],
  ['ci', { make: ci, required: 2, slots: ['number', 'number', 'options'] }],
  ['uniform', { make: uniform, required: 2, slots: ['number', 'number'] }],
  ['logUniform', { make: logUniform, required: 2, slots: ['number', 'number'] }],
  ['triangular', { make: triangular, required: 3, slots: ['number', 'number', 'number'] }],
  ['pert', { make: pert, required: 3, slots: ['number', 'number', 'number', 'options'] }],
  ['beta', { make: beta, required: 2, slots: ['number', 'number'] }],
  ['gamma', { make: gamma, required: 1, slots: ['number', 'number'] }],
  ['exponential', { make: exponential, required: 1, slots: ['number'] }],
  ['studentT', { make: studentT, required: 1, slots: ['number', 'options'] }],
  ['constant', { make: constant, required: 1, slots: ['number'] }],
  ['poisson', { make: poisson, required: 1, slots: ['number'] }],
  ['binomial', { make: binomial, required: 2, slots: ['number', 'number'] }],
  ['negativeBinomial', { make: negativeBinomial, required: 2, slots: ['number', 'number'] }],
  ['bernoulli', { make: bernoulli, required: 1, slots: ['number'] }],
]);
