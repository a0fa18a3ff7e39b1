/**
 * Quantiles a run has already found (by worker threads for kept arrays, or by the exact windows for
 * unkept nodes), and reading them back at the levels a caller asks for.
 * @module
 */

/** Quantiles a run already found: the levels and their values, index-aligned. */
export interface KnownQuantiles {
  readonly levels: readonly number[];
  readonly values: readonly number[];
}

/** The values of `known` at the levels `ps`, when it holds every one of them; else undefined. */
export function atKnownLevels(
  known: KnownQuantiles | undefined,
  ps: readonly number[],
): number[] | undefined {
  if (known === undefined) return undefined;
  const values: number[] = [];
  for (const p of ps) {
    const at = known.levels.indexOf(p);
    if (at < 0) return undefined;
    values.push(known.values[at]);
  }
  return values;
}
