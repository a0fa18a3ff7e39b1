/**
 * Distributions written inside expressions (`'containers * (380 to 600) * beta(7, 3)'`): the families
 * an expression may call by their own names, with their number arguments, and `lo to hi`, which is
 * {@link ci} — {@link lognormal.ci}, refusing bounds that are not positive with `ci`'s own error. The
 * `model` of 'salvo' hands this table to its models with the expression parser; each inline call then
 * becomes an input of the model (see `Model.derive`). Families with options or lists (categorical,
 * empirical, mixture, truncated, metalog) are declared as inputs instead.
 * @module
 */
import { ci } from '../distributions/ci.js';
import { NUMBER_FAMILIES } from '../distributions/signatures.js';
import type { Distribution } from '../distributions/types.js';
import type { InlineDistributions } from '../expr/compile.js';
import type { NodeSpec } from './definition.js';

/** A family an expression may call: its numbers of arguments and how to make it. */
export interface InlineFamily {
  /** The numbers of arguments it takes (the first is the usual one). */
  readonly arities: readonly number[];
  readonly make: (args: readonly number[]) => Distribution;
}

/**
 * The families by the name an expression calls them with: every factory of number arguments (its
 * numbers only: options are left to declared inputs), and `to` for `lo to hi`.
 */
function inlineFamilies(): ReadonlyMap<string, InlineFamily> {
  const table = new Map<string, InlineFamily>([
    ['to', { arities: [2], make: ([lo, hi]) => ci(lo, hi) }],
  ]);
  for (const [name, { slots, required, make }] of NUMBER_FAMILIES) {
    // From all its numbers down to the required ones: gamma(shape, scale), then gamma(shape).
    const numbers = slots.filter((slot) => slot === 'number').length;
    const arities = Array.from({ length: numbers - required + 1 }, (_, i) => numbers - i);
    table.set(name, { arities, make: (args) => make(...(args as never[])) });
  }
  return table;
}

/** {@link inlineFamilies}, made at load by a pure call (left out of bundles that parse nothing). */
export const INLINE_FAMILIES: ReadonlyMap<string, InlineFamily> = /* @__PURE__ */ inlineFamilies();

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
