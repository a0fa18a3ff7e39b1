/**
 * The argument checks every kernel makes before its loop: vectors are typed arrays, scalars are
 * numbers (NaN included: the kernels follow IEEE-754), and all vectors of one call are index-aligned,
 * so each must have the length of the first vector operand. A wrong kind throws `INVALID_PARAMETER`
 * and a mismatch `LENGTH_MISMATCH`, naming the argument.
 * @module
 */
import { SalvoError } from '../../errors.js';
import { show } from '../../validate.js';

/** Throws `INVALID_PARAMETER` unless `v` (the argument `name`) is a typed array. */
export function checkVector(where: string, name: string, v: unknown): void {
  if (!ArrayBuffer.isView(v) || v instanceof DataView) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${name} must be a typed array such as Float64Array, got ${show(v)}`,
      { parameter: name, value: v },
    );
  }
}

/** Throws `INVALID_PARAMETER` unless `s` (the argument `name`) is a number (NaN is one). */
export function checkScalar(where: string, name: string, s: unknown): void {
  if (typeof s !== 'number') {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${name} must be a number, got ${show(s)}`,
      { parameter: name, value: s },
    );
  }
}

/**
 * Throws unless `v` (the argument `name`) and `reference` (the argument `referenceName`) are typed
 * arrays of the same length: `INVALID_PARAMETER` or `LENGTH_MISMATCH`.
 */
export function checkLength(
  where: string,
  name: string,
  v: ArrayLike<number>,
  referenceName: string,
  reference: ArrayLike<number>,
): void {
  checkVector(where, referenceName, reference);
  checkVector(where, name, v);
  if (v.length !== reference.length) {
    throw new SalvoError(
      'LENGTH_MISMATCH',
      `${where}: ${name} has length ${v.length} but ${referenceName} has length ${reference.length}`,
      { parameter: name, value: v.length },
    );
  }
}

/** For a kernel of one vector operand (named `aName`): `out` has its length. */
export function checkOutLength(
  where: string,
  a: ArrayLike<number>,
  out: ArrayLike<number>,
  aName = 'a',
): void {
  checkLength(where, 'out', out, aName, a);
}

/** For a kernel of two vector operands `a` and `b`: `b` and `out` have the length of `a`. */
export function checkOperandLengths(
  where: string,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  out: ArrayLike<number>,
): void {
  checkLength(where, 'b', b, 'a', a);
  checkLength(where, 'out', out, 'a', a);
}
