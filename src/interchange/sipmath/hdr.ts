/**
 * Hubbard's HDR 2.0 counter-based generator, the random number generator of the SIPmath 3.0
 * standard, and the range of its counter and seeds.
 * @module
 */
import { SalvoError } from '../../errors.js';
import { optionNames, requireKnownOptions, requireObject, show } from '../../validate.js';

/**
 * The largest counter and seed the HDR 2.0 standard assigns (ids of up to 8 decimal digits). Within
 * it every intermediate of the formula is an integer below 2^53 (at most about 1.04e15), so the
 * formula is exact in double precision, as in Excel.
 */
export const HDR_MAX = 100_000_000;

/**
 * The seeds of one HDR 2.0 stream (the counter, PM_Index, is the trial number). Each is an integer
 * from 0 to 100,000,000.
 *
 * @example
 * ```ts
 * import { hdrUniform, type HdrSeeds } from 'salvo';
 * const seeds: HdrSeeds = { entity: 1, varId: 1, seed3: 1, seed4: 1 };
 * hdrUniform(1, seeds); // => 0.017076639574952424
 * ```
 */
export interface HdrSeeds {
  /** The entity (department, company) whose streams these are. */
  readonly entity: number;
  /** The variable: one id per uncertain quantity. */
  readonly varId: number;
  /** Optional third seed (a part or project number). Default 0. */
  readonly seed3?: number;
  /** Optional fourth seed. Default 0. */
  readonly seed4?: number;
}

/** The names {@link HdrSeeds} knows, for `UNKNOWN_OPTION`. */
const HDR_SEED_NAMES = optionNames<HdrSeeds>()(['entity', 'varId', 'seed3', 'seed4']);

/** The HDR 2.0 formula; arguments are integers in [0, HDR_MAX]. */
export function hdr(
  counter: number,
  varId: number,
  entity: number,
  seed3: number,
  seed4: number,
): number {
  const m1 =
    ((counter * 2499997 + varId * 1800451 + entity * 2000371 + seed3 * 1796777 + seed4 * 2299603) %
      7450589) *
      4658 +
    7450581;
  const m2 =
    ((counter * 2246527 + varId * 2399993 + entity * 2100869 + seed3 * 1918303 + seed4 * 1624729) %
      7450987) *
      7580 +
    7560584;
  const a = ((999999999999989 % m1) * 383) % 99991;
  const b = ((999999999999989 % m2) * 17669) % 7440893;
  return ((((a * 7440893 + b) * 1343) % 4294967296) + 0.5) / 4294967296;
}

/** Throws unless `value` is an integer in [0, HDR_MAX]; returns it. */
export function requireHdrInteger(where: string, parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > HDR_MAX) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${parameter} must be an integer from 0 to ${HDR_MAX} (the HDR 2.0 range), got ${show(value)}`,
      { parameter, value },
    );
  }
  return value;
}

/**
 * One uniform of Hubbard's HDR 2.0 counter-based generator, the random number generator of the
 * SIPmath 3.0 standard: a pure function of the trial counter and four seeds, so that Excel, Python, R
 * and salvo draw identical streams. The result lies strictly between 0 and 1, on a grid of step 2⁻³²
 * (it is (k + 1/2) / 2³² for an integer k). Exact: every step of the formula is an integer below 2⁵³.
 *
 * @param counter - the trial number (PM_Index, 1 for the first trial), an integer from 0 to 100,000,000
 * @param seeds - `entity` and `varId`, and optionally `seed3` and `seed4` (default 0), integers from 0
 *   to 100,000,000
 * @returns the uniform of that trial
 * @throws {@link SalvoError} `INVALID_PARAMETER` when the counter or a seed is not an integer in range
 *
 * @example
 * ```ts
 * import { hdrUniform } from 'salvo';
 * // The first trials of the stream PyHDR publishes as its test (all four seeds 1):
 * hdrUniform(1, { entity: 1, varId: 1, seed3: 1, seed4: 1 }); // => 0.017076639574952424
 * hdrUniform(2, { entity: 1, varId: 1, seed3: 1, seed4: 1 }); // => 0.6350425750715658
 * ```
 */
export function hdrUniform(counter: number, seeds: HdrSeeds): number {
  const where = 'hdrUniform';
  requireHdrInteger(where, 'counter', counter);
  requireObject(where, 'seeds', seeds, 'an object { entity, varId, seed3?, seed4? }');
  requireKnownOptions(where, 'seeds', seeds, HDR_SEED_NAMES);
  return hdr(
    counter,
    requireHdrInteger(where, 'seeds.varId', seeds.varId),
    requireHdrInteger(where, 'seeds.entity', seeds.entity),
    requireHdrInteger(where, 'seeds.seed3', seeds.seed3 ?? 0),
    requireHdrInteger(where, 'seeds.seed4', seeds.seed4 ?? 0),
  );
}
