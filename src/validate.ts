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
