/**
 * The length checks every kernel makes before its loop: all vectors of one call are index-aligned, so
 * each must have the length of the first vector operand. A mismatch throws `LENGTH_MISMATCH` naming both
 * lengths.
 * @module
 */
import { SalvoError } from '../../errors.js';

/**
 * Throws `LENGTH_MISMATCH` unless `length` (of the argument `name`) equals `expected` (the length of
 * `referenceName`).
 */
export function checkLength(
  where: string,
  name: string,
  length: number,
  referenceName: string,
  expected: number,
): void {
  if (length !== expected) {
    throw new SalvoError(
      'LENGTH_MISMATCH',
      `${where}: ${name} has length ${length} but ${referenceName} has length ${expected}`,
      { parameter: name, value: length },
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
  checkLength(where, 'out', out.length, aName, a.length);
}

/** For a kernel of two vector operands `a` and `b`: `b` and `out` have the length of `a`. */
export function checkOperandLengths(
  where: string,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  out: ArrayLike<number>,
): void {
  checkLength(where, 'b', b.length, 'a', a.length);
  checkLength(where, 'out', out.length, 'a', a.length);
}
