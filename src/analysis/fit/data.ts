/**
 * Reading the data of a fit: the caller's Float64Array or array of numbers as a Float64Array, every
 * value checked against the family's support before any work is done, and a sorted copy for the
 * goodness-of-fit tests.
 * @module
 */
import { SalvoError } from '../../errors.js';
import { show } from '../../validate.js';

/**
 * The values a family accepts: any finite number, finite and > 0, strictly between 0 and 1, or a
 * non-negative integer.
 * @internal
 */
export type Support = 'real' | 'positive' | 'unit' | 'count';

function dataError(
  where: string,
  data: unknown,
  index: number,
  requirement: string,
  copied: number,
): SalvoError {
  const parameter = `data[${index}]`;
  // The caller's element (which may not be a number), not its copy.
  const value: unknown = Array.isArray(data) ? data[index] : copied;
  return new SalvoError(
    'INVALID_PARAMETER',
    `${where}: ${parameter} must be ${requirement}, got ${show(value)}`,
    { parameter, value },
  );
}

/**
 * The data as a Float64Array (a plain array is copied once, after checking that every element is a
 * number), every value checked against the family's support; throws at the first bad value.
 */
export function readData(where: string, data: unknown, support: Support): Float64Array {
  let v: Float64Array;
  if (data instanceof Float64Array) {
    v = data;
  } else if (Array.isArray(data)) {
    const n = data.length;
    v = new Float64Array(n);
    // Anything but a number (a string, a hole) is copied as NaN, so that the checks below report it
    // with its own value: Float64Array.from would turn '3' into 3.
    for (let i = 0; i < n; i++) {
      const x: unknown = data[i];
      v[i] = typeof x === 'number' ? x : Number.NaN;
    }
  } else {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: data must be a Float64Array or an array of numbers, got ${show(data)}`,
      { parameter: 'data', value: data },
    );
  }
  const n = v.length;
  if (n === 0) {
    throw new SalvoError('EMPTY_DATA', `${where}: data is empty; a fit needs data`, {
      parameter: 'data',
      value: data,
    });
  }
  // One pass; the first bad value is reported, whatever is wrong with it.
  const finite = 'a finite number';
  if (support === 'real') {
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (x - x !== 0) throw dataError(where, data, i, finite, x);
    }
  } else if (support === 'positive') {
    const family = where.slice('fit.'.length);
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (!(x > 0 && x < Number.POSITIVE_INFINITY)) {
        if (x - x !== 0) throw dataError(where, data, i, finite, x);
        throw dataError(
          where,
          data,
          i,
          `> 0 (a ${family} distribution has only positive values)`,
          x,
        );
      }
    }
  } else if (support === 'unit') {
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (!(x > 0 && x < 1)) {
        if (x - x !== 0) throw dataError(where, data, i, finite, x);
        throw dataError(
          where,
          data,
          i,
          'strictly between 0 and 1 (at 0 or 1 the beta likelihood has no maximum)',
          x,
        );
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (!(x >= 0 && Math.floor(x) === x && x < Number.POSITIVE_INFINITY)) {
        if (x - x !== 0) throw dataError(where, data, i, finite, x);
        throw dataError(where, data, i, 'a non-negative integer (a count)', x);
      }
    }
  }
  return v;
}

/** A sorted copy of the data (one allocation, one typed-array sort). */
export function sortedCopy(v: Float64Array): Float64Array {
  return v.slice().sort();
}
