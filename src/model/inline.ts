/**
 * Distributions written inside expressions (`'containers * (380 to 600) * beta(7, 3)'`): the families
 * an expression may call by their own names, with their number arguments, and `lo to hi`, which is
 * {@link ci} — {@link lognormal.ci}, refusing bounds that are not positive with `ci`'s own error. The
 * `model` of 'salvo' hands this table to its models with the expression parser; each inline call then
 * becomes an input of the model (see `Model.derive`). Families with options or lists (categorical,
 * empirical, mixture, truncated, metalog) are declared as inputs instead.
 * @module
 */
import { bernoulli } from '../distributions/bernoulli.js';
import { beta } from '../distributions/beta.js';
import { binomial } from '../distributions/binomial.js';
import { ci } from '../distributions/ci.js';
import { constant } from '../distributions/constant.js';
import { exponential } from '../distributions/exponential.js';
import { gamma } from '../distributions/gamma.js';
import { lognormal } from '../distributions/lognormal.js';
import { logUniform } from '../distributions/logUniform.js';
import { negativeBinomial } from '../distributions/negativeBinomial.js';
import { normal } from '../distributions/normal.js';
import { pert } from '../distributions/pert.js';
import { poisson } from '../distributions/poisson.js';
import { studentT } from '../distributions/studentT.js';
import { triangular } from '../distributions/triangular.js';
import type { Distribution } from '../distributions/types.js';
import { uniform } from '../distributions/uniform.js';
import type { InlineDistributions } from '../expr/compile.js';
import type { NodeSpec } from './definition.js';

/** A family an expression may call: its numbers of arguments and how to make it. */
export interface InlineFamily {
  /** The numbers of arguments it takes (the first is the usual one). */
  readonly arities: readonly number[];
  readonly make: (args: readonly number[]) => Distribution;
}

/** The families by the name an expression calls them with (`to` for `lo to hi`). */
export const INLINE_FAMILIES: ReadonlyMap<string, InlineFamily> = /* @__PURE__ */ new Map<
  string,
  InlineFamily
>([
  ['to', { arities: [2], make: ([lo, hi]) => ci(lo, hi) }],
  ['normal', { arities: [2], make: ([mean, sd]) => normal(mean, sd) }],
  ['normal.ci', { arities: [2], make: ([lo, hi]) => normal.ci(lo, hi) }],
  ['lognormal', { arities: [2], make: ([mu, sigma]) => lognormal(mu, sigma) }],
  ['lognormal.ci', { arities: [2], make: ([lo, hi]) => lognormal.ci(lo, hi) }],
  ['uniform', { arities: [2], make: ([min, max]) => uniform(min, max) }],
  ['logUniform', { arities: [2], make: ([min, max]) => logUniform(min, max) }],
  ['triangular', { arities: [3], make: ([min, mode, max]) => triangular(min, mode, max) }],
  ['pert', { arities: [3], make: ([min, mode, max]) => pert(min, mode, max) }],
  ['beta', { arities: [2], make: ([alpha, b]) => beta(alpha, b) }],
  ['gamma', { arities: [2, 1], make: ([shape, scale]) => gamma(shape, scale) }],
  ['exponential', { arities: [1], make: ([rate]) => exponential(rate) }],
  ['studentT', { arities: [1], make: ([df]) => studentT(df) }],
  ['poisson', { arities: [1], make: ([lambda]) => poisson(lambda) }],
  ['binomial', { arities: [2], make: ([n, p]) => binomial(n, p) }],
  ['negativeBinomial', { arities: [2], make: ([r, p]) => negativeBinomial(r, p) }],
  ['bernoulli', { arities: [1], make: ([p]) => bernoulli(p) }],
  ['constant', { arities: [1], make: ([value]) => constant(value) }],
]);

/**
 * The inline distributions of one derived node's expression, declared as inputs into `nodes`: each
 * call becomes an input named after the node and the call as written (`shells: 380 to 600`; a second
 * identical call in the same expression is `shells: beta(7, 3) #2`), so that it is drawn from its own
 * streams — reproducible, independent of every other input, the same whatever the block size or
 * threads — and is listed in summaries and sensitivity under that name.
 */
export function inlineInputs(
  derived: string,
  families: ReadonlyMap<string, InlineFamily>,
  nodes: NodeSpec[],
): InlineDistributions {
  const seen = new Map<string, number>();
  return {
    families,
    declare(family, args, text) {
      const dist = (families.get(family) as InlineFamily).make(args);
      const written = `${derived}: ${text}`;
      const count = (seen.get(written) ?? 0) + 1;
      seen.set(written, count);
      const name = count === 1 ? written : `${written} #${count}`;
      nodes.push({ kind: 'input', name, dist, inline: true });
      return name;
    },
  };
}
