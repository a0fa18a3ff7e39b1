/**
 * Distributions as JSON: the factory call a distribution was written as (see `written.ts`), such as
 * `{ "family": "lognormal.ci", "args": [380, 600] }`, and back. The same form serves model files
 * (`toModelJson`), worker threads and fingerprints. Reading checks the shape of every argument
 * against the family's signature before calling its factory, so an untrusted file gets a coded error
 * naming where it is wrong, never a crash, and nothing in it is executed: a family is looked up in a
 * fixed table of factories, never by property access on an object the file controls.
 * @internal
 * @module
 */
import { SalvoError } from '../errors.js';
import { show } from '../validate.js';
import { categorical } from './categorical.js';
import { empirical } from './empirical.js';
import { metalog } from './metalog/index.js';
import { mixture } from './mixture.js';
import { type FamilySignature, NUMBER_FAMILIES, type Slot, signature } from './signatures.js';
import { truncated } from './truncated/index.js';
import type { Distribution } from './types.js';
import { type WrittenArgument, writtenAs } from './written.js';

/**
 * A distribution in a model file: the factory it is made by, under the name you call it
 * (`'lognormal.ci'`, `'pert'`, `'mixture'`), and that factory's arguments as you would pass them —
 * numbers, lists of numbers, an options object (`{ "level": 0.8 }`), or distributions in the same
 * form for `mixture` and `truncated`.
 *
 * @example
 * ```ts
 * import type { DistributionJson } from 'salvo';
 * const shellsPerContainer: DistributionJson = { family: 'lognormal.ci', args: [380, 600] };
 * const transitDays: DistributionJson = {
 *   family: 'mixture',
 *   args: [[{ family: 'normal', args: [10, 2] }, { family: 'normal', args: [25, 5] }], [0.8, 0.2]],
 * };
 * ```
 */
export interface DistributionJson {
  readonly family: string;
  readonly args: readonly DistributionJsonArgument[];
}

/**
 * One argument of a {@link DistributionJson}: a number, a list of numbers, an options object of
 * numbers, a distribution, or a list of distributions.
 *
 * @example
 * ```ts
 * import type { DistributionJsonArgument } from 'salvo';
 * const level: DistributionJsonArgument = { level: 0.8 };
 * ```
 */
export type DistributionJsonArgument =
  | number
  | readonly number[]
  | Readonly<Record<string, number>>
  | DistributionJson
  | readonly DistributionJson[];

let families: ReadonlyMap<string, FamilySignature> | undefined;

/**
 * Every family a file may name, by the name it is called with: those of number arguments, and those
 * of lists and distributions. Made on first use, so that a bundle that never reads or writes a
 * distribution as JSON leaves the table, and every factory in it, out (a table made at load is kept).
 */
function familyTable(): ReadonlyMap<string, FamilySignature> {
  families ??= new Map([
    ...NUMBER_FAMILIES,
    ['categorical', signature(categorical, 2, 'numbers', 'numbers')],
    ['empirical', signature(empirical, 1, 'numbers')],
    ['mixture', signature(mixture, 1, 'distributions', 'numbers')],
    ['truncated', signature(truncated, 2, 'distribution', 'options')],
    ['metalog', signature(metalog, 1, 'numbers', 'options')],
  ]);
  return families;
}

/** The family names a file may use, for messages, the JSON Schema and tests. */
export function distributionFamilies(): readonly string[] {
  return [...familyTable().keys()];
}

/** Each family's arguments, for the JSON Schema (scripts/model-schema.ts). */
export function distributionSignatures(): {
  readonly family: string;
  readonly slots: readonly Slot[];
  readonly required: number;
}[] {
  return [...familyTable()].map(([family, { slots, required }]) => ({ family, slots, required }));
}

/** Distributions nest (mixtures of truncations of mixtures) at most this deep in a file. */
export const MAX_DISTRIBUTION_DEPTH = 16;

function argumentJson(arg: WrittenArgument): DistributionJsonArgument | undefined {
  if (typeof arg === 'number') return arg;
  if (arg instanceof Float64Array) return Array.from(arg);
  if (Array.isArray(arg)) {
    const parts: DistributionJson[] = [];
    for (const component of arg as readonly Distribution[]) {
      const json = distributionToJson(component);
      if (json === undefined) return undefined;
      parts.push(json);
    }
    return parts;
  }
  if (typeof (arg as Distribution).family === 'string') {
    return distributionToJson(arg as Distribution);
  }
  return { ...(arg as Record<string, number>) };
}

/**
 * The JSON form of a distribution made by one of salvo's factories, or `undefined` for one salvo
 * cannot write (an object of your own implementing `Distribution`, or anything containing one).
 */
export function distributionToJson(dist: Distribution): DistributionJson | undefined {
  const call = writtenAs(dist);
  if (call === undefined || !familyTable().has(call.family)) return undefined;
  const args: DistributionJsonArgument[] = [];
  for (const arg of call.args) {
    const json = argumentJson(arg);
    if (json === undefined) return undefined;
    args.push(json);
  }
  return { family: call.family, args };
}

/** Whether a value read from JSON is an object (not null, not a list). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `INVALID_MODEL` at a place in a file (`nodes[2].distribution.args[0]`): `path message, got value`. */
export function invalid(where: string, path: string, message: string, value: unknown): SalvoError {
  return new SalvoError('INVALID_MODEL', `${where}: ${path} ${message}, got ${show(value)}`, {
    parameter: path,
    value,
  });
}

function numberList(where: string, path: string, value: unknown): Float64Array {
  if (!Array.isArray(value)) throw invalid(where, path, 'must be a list of numbers', value);
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'number') {
      throw invalid(where, `${path}[${i}]`, 'must be a number', value[i]);
    }
    out[i] = value[i];
  }
  return out;
}

function readArgument(where: string, path: string, slot: Slot, value: unknown, depth: number) {
  switch (slot) {
    case 'number':
      if (typeof value !== 'number') throw invalid(where, path, 'must be a number', value);
      return value;
    case 'numbers':
      return numberList(where, path, value);
    case 'options': {
      if (!isRecord(value) || 'family' in value) {
        throw invalid(
          where,
          path,
          'must be an options object of numbers such as { "level": 0.8 }',
          value,
        );
      }
      const options: Record<string, number> = {};
      for (const [key, option] of Object.entries(value)) {
        if (typeof option !== 'number')
          throw invalid(where, `${path}.${key}`, 'must be a number', option);
        Object.defineProperty(options, key, { value: option, enumerable: true });
      }
      return options;
    }
    case 'distribution':
      return readDistribution(where, path, value, depth + 1);
    case 'distributions': {
      if (!Array.isArray(value))
        throw invalid(where, path, 'must be a list of distributions', value);
      return value.map((component, i) =>
        readDistribution(where, `${path}[${i}]`, component, depth + 1),
      );
    }
  }
}

/**
 * The distribution a {@link DistributionJson} describes, checked: `INVALID_MODEL` for a wrong shape,
 * `UNKNOWN_FAMILY` for a family salvo does not have, and the factory's own code (`INVALID_PARAMETER`,
 * `UNKNOWN_OPTION`...) for a value it refuses, each message naming `path`.
 */
export function readDistribution(
  where: string,
  path: string,
  json: unknown,
  depth = 0,
): Distribution {
  if (!isRecord(json)) {
    throw invalid(
      where,
      path,
      'must be a distribution such as { "family": "normal", "args": [0, 1] }',
      json,
    );
  }
  if (depth >= MAX_DISTRIBUTION_DEPTH) {
    throw invalid(where, path, `nests distributions deeper than ${MAX_DISTRIBUTION_DEPTH}`, '…');
  }
  const { family, args } = json;
  if (typeof family !== 'string') {
    throw invalid(where, `${path}.family`, 'must be the name of a family such as "normal"', family);
  }
  const spec = familyTable().get(family);
  if (spec === undefined) {
    throw new SalvoError(
      'UNKNOWN_FAMILY',
      `${where}: ${path}.family must be one of ${distributionFamilies().join(', ')}, got ${show(family)}`,
      { parameter: `${path}.family`, value: family },
    );
  }
  for (const key of Object.keys(json)) {
    if (key !== 'family' && key !== 'args') {
      throw invalid(
        where,
        `${path}.${key}`,
        'is not a field of a distribution (family, args)',
        json[key],
      );
    }
  }
  if (!Array.isArray(args) || args.length < spec.required || args.length > spec.slots.length) {
    const count =
      spec.required === spec.slots.length
        ? `${spec.required}`
        : `${spec.required} to ${spec.slots.length}`;
    throw invalid(
      where,
      `${path}.args`,
      `must be a list of ${count} arguments for ${family} (${spec.slots.join(', ')})`,
      args,
    );
  }
  const values = args.map((arg, i) =>
    readArgument(where, `${path}.args[${i}]`, spec.slots[i], arg, depth),
  );
  try {
    return spec.make(...(values as never[]));
  } catch (error) {
    if (!(error instanceof SalvoError)) throw error;
    throw new SalvoError(error.code, `${where}: ${path}: ${error.message}`, {
      parameter: path,
      value: json,
      cause: error,
    });
  }
}
