/**
 * What a distribution was written as: the factory it was made by, under the name a user calls it
 * (`'lognormal.ci'`, `'pert'`, `'mixture'`), and the arguments as given (options only when given).
 * Every built-in factory records it, so that a distribution prints as typed (`lognormal.ci(380, 600)`,
 * not its derived `mu` and `sigma`), is written to a model file as typed, and is rebuilt from it bit
 * for bit. Kept beside the frozen object, in a weak map, so that a factory that builds on another
 * (`ci` on `lognormal.ci` on `lognormal`) overwrites the record with the call the user made.
 * @internal
 * @module
 */
import type { Distribution } from './types.js';

/** One argument of a factory call, as given. */
export type WrittenArgument =
  | number
  | Float64Array
  | Distribution
  | readonly Distribution[]
  | Readonly<Record<string, number>>;

/** A factory call: the factory's name as a user calls it and its arguments. */
export interface Written {
  readonly family: string;
  readonly args: readonly WrittenArgument[];
}

const records = new WeakMap<object, Written>();

/**
 * Records that `dist` was made by `family(...args)` and returns `dist`. Trailing `undefined` arguments
 * (options or weights not given) are dropped; number lists should be copies the caller cannot change.
 */
export function written<T extends object>(
  dist: T,
  family: string,
  args: readonly (WrittenArgument | undefined)[],
): T {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  records.set(dist, { family, args: args.slice(0, end) as WrittenArgument[] });
  return dist;
}

/** The options among `given` that were set, or `undefined` when none was (so that it prints nothing). */
export function givenOptions(
  given: object | undefined,
  names: readonly string[],
): Readonly<Record<string, number>> | undefined {
  if (given === undefined) return undefined;
  const set: Record<string, number> = {};
  let any = false;
  for (const name of names) {
    const value = (given as Record<string, unknown>)[name];
    if (value !== undefined) {
      set[name] = value as number;
      any = true;
    }
  }
  return any ? Object.freeze(set) : undefined;
}

/** The factory call `dist` was made by, or `undefined` for an object no built-in factory made. */
export function writtenAs(dist: object): Written | undefined {
  return records.get(dist);
}

/** Lists longer than this print their first elements and how many more. */
const SHOWN_ELEMENTS = 8;

/**
 * A number as source text: as JavaScript prints it, except that a large round integer keeps an
 * exponent in steps of 3 (`20e9`, not `20000000000`), as people write them; either reads back exactly.
 */
function numberText(x: number): string {
  if (Object.is(x, -0)) return '-0';
  if (Number.isInteger(x) && Math.abs(x) >= 1e7 && Math.abs(x) < 1e21) {
    let mantissa = x;
    let exponent = 0;
    while (mantissa % 1000 === 0) {
      mantissa /= 1000;
      exponent += 3;
    }
    if (exponent >= 6) return `${mantissa}e${exponent}`;
  }
  return String(x);
}

function argumentText(arg: WrittenArgument): string {
  if (typeof arg === 'number') return numberText(arg);
  if (arg instanceof Float64Array || Array.isArray(arg)) {
    const list = arg as ArrayLike<number | Distribution>;
    const parts: string[] = [];
    const shown = Math.min(list.length, SHOWN_ELEMENTS);
    for (let i = 0; i < shown; i++) {
      const element = list[i];
      parts.push(typeof element === 'number' ? numberText(element) : String(element));
    }
    if (list.length > shown) parts.push(`... ${list.length - shown} more`);
    return `[${parts.join(', ')}]`;
  }
  if (typeof (arg as Distribution).family === 'string') return String(arg);
  const entries = Object.entries(arg as Record<string, number>).map(
    ([key, value]) => `${key}: ${argumentText(value)}`,
  );
  return `{ ${entries.join(', ')} }`;
}

/** The call as text: `lognormal.ci(380, 600)`, `pert(5500, 6700, 8000, { lambda: 3 })`. */
export function writtenText(call: Written): string {
  return `${call.family}(${call.args.map(argumentText).join(', ')})`;
}
