/**
 * The library's version, written into partial-run files (a merge tells which salvo made each part).
 * tests/package checks it against package.json.
 * @module
 */

/**
 * salvo's version, as in its package.json.
 *
 * @example
 * ```ts
 * import { LIBRARY_VERSION } from 'salvo';
 * typeof LIBRARY_VERSION; // => 'string'
 * ```
 */
export const LIBRARY_VERSION = '0.1.0';
