/**
 * Parameter checks shared by every factory. Each throws a {@link SalvoError} whose message names the
 * function (`where`), the parameter and the offending value. Internal: not exported from the package root.
 * @internal
 * @module
 */
import { SalvoError } from './errors.js';

/** Formats a value for an error message: numbers exactly, strings quoted, arrays abbreviated. */
export function show(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (ArrayBuffer.isView(value) || Array.isArray(value)) {
    const length = (value as ArrayLike<unknown>).length;
    return `${Array.isArray(value) ? 'array' : value.constructor.name} of length ${length}`;
  }
  if (typeof value === 'object') return `object ${Object.prototype.toString.call(value)}`;
  return typeof value;
}

function invalid(
  where: string,
  parameter: string,
  requirement: string,
  value: unknown,
): SalvoError {
  return new SalvoError(
    'INVALID_PARAMETER',
    `${where}: ${parameter} must be ${requirement}, got ${show(value)}`,
    { parameter, value },
  );
}

/**
 * An `INVALID_PARAMETER` error whose message is `where: message`, for checks whose wording does not fit
 * "must be …, got …". @internal
 */
export function invalidParameter(
  where: string,
  parameter: string,
  message: string,
  value: unknown,
): SalvoError {
  return new SalvoError('INVALID_PARAMETER', `${where}: ${message}`, { parameter, value });
}

/**
 * An object (not null; arrays pass, as `typeof` says): options, bounds, records. `requirement` ends
 * the message, so that it can show the expected shape: `options must be an object such as
 * { samples: 100000 }, got 3`.
 */
export function requireObject(
  where: string,
  parameter: string,
  value: unknown,
  requirement = 'an object',
): asserts value is object {
  if (typeof value !== 'object' || value === null)
    throw invalid(where, parameter, requirement, value);
}

/** A finite number (not NaN, not ±Infinity). */
export function requireFinite(where: string, parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(where, parameter, 'a finite number', value);
  }
  return value;
}

/** A finite number strictly greater than zero. */
export function requirePositive(where: string, parameter: string, value: unknown): number {
  requireFinite(where, parameter, value);
  if ((value as number) <= 0) throw invalid(where, parameter, '> 0', value);
  return value as number;
}

/** A finite number greater than or equal to zero. */
export function requireNonNegative(where: string, parameter: string, value: unknown): number {
  requireFinite(where, parameter, value);
  if ((value as number) < 0) throw invalid(where, parameter, '>= 0', value);
  return value as number;
}

/** A probability in the closed interval [0, 1]. */
export function requireProbability(where: string, parameter: string, value: unknown): number {
  requireFinite(where, parameter, value);
  if ((value as number) < 0 || (value as number) > 1) {
    throw invalid(where, parameter, 'a probability in [0, 1]', value);
  }
  return value as number;
}

/** A number strictly inside (0, 1), such as a credible-interval level. */
export function requireOpenUnit(where: string, parameter: string, value: unknown): number {
  requireFinite(where, parameter, value);
  if ((value as number) <= 0 || (value as number) >= 1) {
    throw invalid(where, parameter, 'strictly between 0 and 1', value);
  }
  return value as number;
}

/** A non-negative safe integer. */
export function requireNonNegativeInteger(
  where: string,
  parameter: string,
  value: unknown,
): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(where, parameter, 'a non-negative integer', value);
  }
  return value;
}

/** Two finite numbers with `low < high`; the error names both. */
export function requireOrdered(
  where: string,
  lowName: string,
  low: unknown,
  highName: string,
  high: unknown,
): void {
  requireFinite(where, lowName, low);
  requireFinite(where, highName, high);
  if ((low as number) >= (high as number)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${lowName} must be less than ${highName}, got ${lowName} = ${show(low)}, ${highName} = ${show(high)}`,
      { parameter: lowName, value: low },
    );
  }
}

/** Largest sample count accepted in one call: the longest Float64Array V8 allocates (2^32 - 1 bytes / 8 is smaller; we use 2^31 - 1 elements as the documented bound). */
export const MAX_SAMPLE_COUNT = 2 ** 31 - 1;

/** A sample count: a non-negative integer no larger than {@link MAX_SAMPLE_COUNT}. */
export function requireSampleCount(where: string, value: unknown, parameter = 'n'): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 0 ||
    value > MAX_SAMPLE_COUNT
  ) {
    throw new SalvoError(
      'INVALID_SAMPLE_COUNT',
      `${where}: ${parameter} must be an integer sample count in [0, ${MAX_SAMPLE_COUNT}], got ${show(value)}`,
      { parameter, value },
    );
  }
  return value;
}

/** The output buffer of a `fill` call. */
export function requireFloat64Array(
  where: string,
  parameter: string,
  value: unknown,
): Float64Array {
  if (!(value instanceof Float64Array)) {
    throw invalid(where, parameter, 'a Float64Array', value);
  }
  return value;
}

/** A boolean option: `fallback` when absent, else `true` or `false`. */
export function requireBoolean(
  where: string,
  parameter: string,
  value: unknown,
  fallback: boolean,
): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw invalidParameter(
      where,
      parameter,
      `${parameter} must be true or false, got ${show(value)}`,
      value,
    );
  }
  return value;
}

/**
 * Throws `INVALID_PARAMETER` unless `value` is a non-empty array; `source` says where such a list comes
 * from (for the message).
 */
export function requireNonEmptyList(
  where: string,
  parameter: string,
  value: unknown,
  source: string,
): void {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalidParameter(
      where,
      parameter,
      `${parameter} must be a non-empty list from ${source}, got ${show(value)}`,
      value,
    );
  }
}

/**
 * The names of an options type's fields, checked by the compiler both ways: a name the type lacks does
 * not compile, and neither does a list that misses one of the type's fields (the error then names the
 * missing field as `missing`). Write it next to the interface:
 * `export const RUN_OPTION_NAMES = optionNames<RunOptions<string>>()(['samples', ...]);`
 * (curried because TypeScript infers no type argument once one is given).
 */
export function optionNames<T extends object>() {
  return <const Names extends readonly (keyof T & string)[]>(
    names: Names &
      ([Exclude<keyof T, Names[number]>] extends [never]
        ? unknown
        : { readonly missing: Exclude<keyof T, Names[number]> }),
  ): readonly (keyof T & string)[] => names;
}

/**
 * Edit distance between two names (optimal string alignment: insertions, deletions, substitutions
 * and swaps of neighbours each count one).
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Uint32Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        d[(i - 1) * cols + j] + 1,
        d[i * cols + j - 1] + 1,
        d[(i - 1) * cols + j - 1] + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[(i - 2) * cols + j - 2] + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1];
}

/**
 * The known name closest to `name`, if it is close enough to be a misspelling: equal but for letter
 * case; or an abbreviation or extension of it (`minEigen`, `accuracy` for `minEigenvalue`,
 * `relativeAccuracy`; three letters at least); or within an edit distance of a third of the longer
 * name's length (at least 2, and less than `name`'s length). Ties go to the first in `known`.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const other = candidate.toLowerCase();
    const contained =
      Math.min(lower.length, other.length) >= 3 && (other.includes(lower) || lower.includes(other));
    const distance = other === lower ? 0 : contained ? 1 : editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(2, Math.floor(Math.max(name.length, best.length) / 3));
  return bestDistance <= allowed && bestDistance < name.length ? best : undefined;
}

/**
 * Throws `UNKNOWN_OPTION` if the object `options` (named `parameter` in messages, e.g. `options` or
 * `until`) has an own enumerable key outside `known`: JavaScript callers have no compiler to catch
 * `{ kepp: 'all' }`. The message and `parameter` name the key as a path (`options.kepp`,
 * `until.maxSample`), and the message the closest known name ("did you mean …?"), or lists the known
 * names when none is close. Values other than objects pass (their own check refuses
 * them); symbol keys and inherited keys are not looked at.
 */
export function requireKnownOptions(
  where: string,
  parameter: string,
  options: unknown,
  known: readonly string[],
): void {
  if (typeof options !== 'object' || options === null) return;
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const closest = closestName(key, known);
    const hint =
      closest !== undefined
        ? `did you mean ${JSON.stringify(closest)}?`
        : known.length === 0
          ? `${parameter} takes no names`
          : `the known names are ${known.map((k) => JSON.stringify(k)).join(', ')}`;
    const path = /^[A-Za-z_$][\w$]*$/.test(key)
      ? `${parameter}.${key}`
      : `${parameter}[${JSON.stringify(key)}]`;
    throw new SalvoError('UNKNOWN_OPTION', `${where}: ${path} is not a known option; ${hint}`, {
      parameter: path,
      value: (options as Record<string, unknown>)[key],
    });
  }
}
