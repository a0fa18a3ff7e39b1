/**
 * The fuzz suite's one rule: every call gets either a result that passes its invariants or a
 * `SalvoError` with a stable code, and it gets it promptly. Anything else (a `TypeError`, a
 * `RangeError`, a result outside its invariants, a call that runs past its time bound) fails the case.
 *
 * `npm test` runs each property a few hundred times from the fixed seed of tests/setup.ts;
 * `npm run fuzz` runs them `FUZZ_RUNS` times each and writes the totals (cases, coded errors, results)
 * to docs/performance.md ("Reliability").
 */
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { SalvoError } from '../../src/errors.js';

/** Cases per property: a short run in `npm test`, many in `npm run fuzz`. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/**
 * The longest a single call may take before it counts as stuck. A correctness bound, not a speed
 * measurement: the calls here take milliseconds, the hangs the issue found took 5 to 136 s.
 */
export const CALL_BOUND_MS = Number(process.env.FUZZ_CALL_BOUND_MS ?? 3_000);

/** What one suite saw: cases tried, coded errors, results that passed their invariants. */
interface Totals {
  cases: number;
  coded: number;
  results: number;
  codes: Record<string, number>;
}

const totals = new Map<string, Totals>();

/**
 * Calls `call`. A SalvoError is an accepted outcome (counted by code); any other error fails, as does a
 * result that `check` rejects, or a call that takes longer than {@link CALL_BOUND_MS}.
 */
export function codedOrValid<T>(
  target: string,
  call: () => T,
  check: (value: T) => void = () => {},
): void {
  const t = totals.get(target) ?? { cases: 0, coded: 0, results: 0, codes: {} };
  totals.set(target, t);
  t.cases++;
  const start = performance.now();
  let value: T;
  try {
    value = call();
  } catch (error) {
    if (!(error instanceof SalvoError)) {
      throw new Error(
        `${target}: threw ${(error as Error)?.constructor?.name ?? typeof error} instead of a SalvoError: ${(error as Error)?.message ?? String(error)}`,
      );
    }
    t.coded++;
    t.codes[error.code] = (t.codes[error.code] ?? 0) + 1;
    boundTime(target, start);
    return;
  }
  boundTime(target, start);
  check(value);
  t.results++;
}

function boundTime(target: string, start: number): void {
  const elapsed = performance.now() - start;
  if (elapsed > CALL_BOUND_MS) {
    throw new Error(
      `${target}: one call took ${Math.round(elapsed)} ms (bound ${CALL_BOUND_MS} ms)`,
    );
  }
}

/** Runs `property` {@link RUNS} times. */
export function fuzz<Ts extends [unknown, ...unknown[]]>(
  ...args: [
    ...arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
    predicate: (...args: Ts) => void,
  ]
): void {
  fc.assert(fc.property(...(args as unknown as Parameters<typeof fc.property>)), { numRuns: RUNS });
}

// With FUZZ_TOTALS set (npm run fuzz), each suite appends its totals, one JSON line per target.
afterAll(() => {
  const path = process.env.FUZZ_TOTALS;
  if (path === undefined) return;
  for (const [target, t] of totals) appendFileSync(path, `${JSON.stringify({ target, ...t })}\n`);
});

/** Numbers that break naive code: NaN, ±Infinity, ±0, subnormals, the extremes, ordinary values. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    0,
    -0,
    5e-324,
    -5e-324,
    Number.MIN_VALUE,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.EPSILON,
    1,
    -1,
    0.5,
    2 ** 53,
    2 ** 53 + 2,
    1e-300,
    1e300,
  ),
  fc.double(),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.integer({ min: -1000, max: 1000 }),
);

/** Any value at all, as a JavaScript caller could pass it where a number or an object is expected. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber,
  fc.constantFrom(
    undefined,
    null,
    true,
    false,
    '',
    '3',
    'NaN',
    '__proto__',
    [],
    [1, 2],
    {},
    Symbol.for('x'),
    () => 1,
  ),
  fc.string({ maxLength: 8 }),
  fc.bigInt({ min: -10n, max: 10n }),
);

/** Every path to a leaf of a JSON-like value (arrays and typed arrays included). */
function leafPaths(
  value: unknown,
  path: (string | number)[] = [],
  out: (string | number)[][] = [],
) {
  if (typeof value === 'object' && value !== null) {
    const keys = ArrayBuffer.isView(value)
      ? Array.from(
          { length: Math.min((value as unknown as ArrayLike<number>).length, 8) },
          (_, i) => i,
        )
      : Object.keys(value);
    if (keys.length === 0) out.push(path);
    for (const key of keys) leafPaths((value as Record<string, unknown>)[key], [...path, key], out);
  } else out.push(path);
  return out;
}

/**
 * A valid value (a library, a state) as it is, or with one leaf replaced by a hostile value or
 * removed: what a corrupted or hand-edited file looks like.
 */
export function mutated<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc
    .tuple(valid, fc.nat(), hostileValue, fc.integer({ min: 0, max: 3 }))
    .map(([base, at, replacement, how]) => {
      if (how === 0) return base;
      const copy = structuredClone(base);
      const paths = leafPaths(copy);
      const path = paths[at % paths.length];
      if (path.length === 0) return replacement as T;
      let grandparent: Record<string | number, unknown> | undefined;
      let parent = copy as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) {
        grandparent = parent;
        parent = parent[key] as Record<string | number, unknown>;
      }
      let last = path[path.length - 1];
      if (ArrayBuffer.isView(parent) && typeof replacement !== 'number') {
        // A typed array holds numbers only: the corrupted file has something else in its place.
        if (grandparent === undefined) return replacement as T;
        parent = grandparent;
        last = path[path.length - 2];
      }
      if (how === 1 && !ArrayBuffer.isView(parent)) delete parent[last];
      else parent[last] = replacement;
      return copy;
    });
}

/** A probability now and then, a hostile value otherwise: arguments that must be in [0, 1]. */
export const probabilityOrHostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 1, 0.5),
  hostileValue,
);
