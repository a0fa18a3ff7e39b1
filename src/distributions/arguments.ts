/**
 * The arguments a factory was called with, for the families whose object does not expose them
 * exactly (a mixture's weights are normalised, a categorical's values are merged and sorted): kept so
 * that a distribution can be rebuilt bit for bit in a worker thread (see `spec.ts`).
 * @internal
 * @module
 */

const given = new WeakMap<object, readonly unknown[]>();

/** Records `args` as the arguments `dist` was made from; returns `dist`. */
export function rememberArguments<T extends object>(dist: T, args: readonly unknown[]): T {
  given.set(dist, args);
  return dist;
}

/** The arguments recorded for `dist`, if any. */
export function givenArguments(dist: object): readonly unknown[] | undefined {
  return given.get(dist);
}
