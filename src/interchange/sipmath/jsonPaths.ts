/**
 * Reading a parsed library with the JSON path of every value (`sips[2].arguments.aCoefficients`), so
 * that each error of `fromSipmath` names where the library departs from the standard.
 * @internal
 * @module
 */
import { SalvoError, type SalvoErrorCode } from '../../errors.js';
import { show } from '../../validate.js';

/** A JSON value at a path, for validation messages. */
export interface At {
  readonly value: unknown;
  readonly path: string;
}

/** The value at `key` of `parent` (undefined when absent), with its path. */
export function at(parent: At, key: string | number): At {
  const value =
    typeof parent.value === 'object' && parent.value !== null
      ? (parent.value as Record<string | number, unknown>)[key]
      : undefined;
  const path =
    typeof key === 'number'
      ? `${parent.path}[${key}]`
      : /^[A-Za-z_$][\w$]*$/.test(key)
        ? `${parent.path === '' ? '' : `${parent.path}.`}${key}`
        : `${parent.path}[${JSON.stringify(key)}]`;
  return { value, path };
}

/** The name errors of the import start with. */
export const IMPORT = 'fromSipmath';

/** An error naming the path of `node`, its requirement and the value it holds. */
export function libraryError(
  node: At,
  requirement: string,
  code: SalvoErrorCode = 'INVALID_PARAMETER',
): SalvoError {
  const where = node.path === '' ? 'library' : node.path;
  return new SalvoError(code, `${IMPORT}: ${where} ${requirement}, got ${show(node.value)}`, {
    parameter: where,
    value: node.value,
  });
}

/** The object at `node`, or an error naming its path. */
export function objectAt(node: At, what = 'an object'): Record<string, unknown> {
  if (typeof node.value !== 'object' || node.value === null || Array.isArray(node.value)) {
    throw libraryError(node, `must be ${what}`);
  }
  return node.value as Record<string, unknown>;
}

/** The array at `node`, or an error naming its path. */
export function arrayAt(node: At, what = 'an array'): unknown[] {
  if (!Array.isArray(node.value)) throw libraryError(node, `must be ${what}`);
  // A dense copy: a hole (`[, 'hdr2']`, from a caller's object) is then an undefined element that
  // the checks of each element refuse, where map and forEach would skip it.
  return Array.from(node.value);
}

/** The string at `node`, or an error naming its path. */
export function stringAt(node: At): string {
  if (typeof node.value !== 'string') throw libraryError(node, 'must be a string');
  return node.value;
}

/** The finite number at `node`, or an error naming its path. */
export function finiteAt(node: At): number {
  if (typeof node.value !== 'number' || !Number.isFinite(node.value)) {
    throw libraryError(node, 'must be a finite number');
  }
  return node.value;
}

/** The entry of `list` whose `name` is `name`, with its path. */
export function findNamed(list: At, name: string, what: string, from: At): At {
  const items = arrayAt(list, `an array of ${what}`);
  for (let i = 0; i < items.length; i++) {
    const item = at(list, i);
    if (typeof item.value === 'object' && item.value !== null && at(item, 'name').value === name) {
      return item;
    }
  }
  const known = items
    .map((item) =>
      typeof item === 'object' && item !== null ? (item as { name?: unknown }).name : undefined,
    )
    .filter((n) => typeof n === 'string');
  throw new SalvoError(
    'INVALID_PARAMETER',
    `${IMPORT}: ${from.path} = ${show(name)} names no entry of ${list.path} (${what}: ${known.join(', ') || 'none'})`,
    { parameter: from.path, value: name },
  );
}
