/**
 * Shorthand that expressions accept beyond mathjs's grammar, rewritten into it before parsing:
 * - number suffixes, as Squiggle writes them: `k` thousand, `M` million, `B` billion, `T` trillion
 *   (`2.5B` is 2,500,000,000). The suffix moves the decimal exponent of the number as written
 *   (`0.267B` becomes `0.267e9`), so the value is the double nearest the decimal one, as if typed out —
 *   never a product that rounds twice (0.267 × 1e9 is 267,000,000.00000003). A suffix must follow the
 *   digits directly and end the token: `2 k` is still an implicit multiplication (refused), and names
 *   such as `x2k` are untouched.
 * - `**` for powers, as in Python and JavaScript: the same operator as `^` (right-associative, above
 *   unary minus: `-x ** 2` is −(x²), as in Python).
 * Error positions in the rewritten text are mapped back to the text as typed.
 * @module
 */

/** Powers of ten of the number suffixes. */
const SUFFIX_EXPONENTS: Readonly<Record<string, number>> = { k: 3, M: 6, B: 9, T: 12 };

/** A number as written (digits, a fraction, an exponent) followed directly by a suffix, or `**`. */
const SHORTHAND = /(?<![\w.$])(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+))?([kMBT])(?![\w$.])|\*\*/g;

/** Text in mathjs's grammar, and where each of its characters came from in the text as typed. */
export interface ExpandedNotation {
  readonly text: string;
  /** The 0-based column in the text as typed of column `column` of `text`. */
  originalColumn(column: number): number;
  /**
   * Text printed from the parsed tree (mathjs writes `2.7M` back as `2.7e+6`) with each number that a
   * suffix was rewritten into shown as typed again, for names made from the text (inline inputs).
   */
  asTyped(printed: string): string;
}

/** A number as mathjs prints one: digits, a fraction, an exponent. */
const PRINTED_NUMBER = /(?<![\w.$])(\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?(?![\w$.])/g;

/**
 * Rewrites the shorthand of `source` (number suffixes, `**`) into mathjs's grammar.
 * @param source - the expression as typed
 * @returns the rewritten text, and a map of its columns back to `source`'s
 */
export function expandNotation(source: string): ExpandedNotation {
  /** Each rewrite: where it starts in the new text and in the old, and both lengths. */
  const edits: { at: number; from: number; newLength: number; oldLength: number }[] = [];
  /** Each suffixed number's value, and its text as typed. */
  const typed = new Map<number, string>();
  let shift = 0;
  const text = source.replace(
    SHORTHAND,
    (
      match: string,
      digits: string | undefined,
      exponent: string | undefined,
      suffix: string | undefined,
      offset: number,
    ) => {
      const replacement =
        digits === undefined
          ? '^'
          : `${digits}e${Number(exponent ?? 0) + SUFFIX_EXPONENTS[suffix as string]}`;
      if (digits !== undefined) typed.set(Number(replacement), match);
      edits.push({
        at: offset + shift,
        from: offset,
        newLength: replacement.length,
        oldLength: match.length,
      });
      shift += replacement.length - match.length;
      return replacement;
    },
  );
  return {
    text,
    originalColumn(column: number): number {
      let delta = 0;
      for (const edit of edits) {
        if (column < edit.at) break;
        // Inside a rewritten token: its first character as typed.
        if (column < edit.at + edit.newLength) return edit.from;
        delta = edit.oldLength - edit.newLength + delta;
      }
      return column + delta;
    },
    asTyped(printed: string): string {
      if (typed.size === 0) return printed;
      return printed.replace(PRINTED_NUMBER, (number) => typed.get(Number(number)) ?? number);
    },
  };
}
