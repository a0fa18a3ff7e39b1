/**
 * A model's fingerprint: a hash of everything that decides its samples — the seed, each node's name
 * and kind, each input's distribution as its factory call was written (which rebuilds it exactly), each expression's text, each
 * callback's source, and the correlations. Partial runs carry it, so that parts of different models
 * (or of a model changed between shards) are never merged.
 * @module
 */
import { distributionToJson } from '../distributions/json.js';
import type { Distribution } from '../distributions/types.js';
import { streamWords } from '../rng/seed.js';
import type { ModelDefinition } from './definition.js';

/** A canonical text of plain data: sorted keys, exact numbers (-0, NaN and ±Infinity spelled out). */
function canonical(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined || value === null || typeof value === 'boolean') return String(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return `[${Array.from(value as unknown as ArrayLike<number>, canonical).join(',')}]`;
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return String(value);
}

/** A distribution as text: its factory call as written, or (for one salvo cannot write) its description. */
function distributionText(dist: Distribution): string {
  const serialized = distributionToJson(dist);
  if (serialized !== undefined) return canonical(serialized);
  return `custom ${canonical(dist.family)} ${canonical(dist.params ?? {})} ${String(dist)}`;
}

/**
 * The fingerprint of a model's definition: 32 hex digits, the 128-bit hash the engine derives its
 * streams with (`streamWords`, a non-cryptographic hash: it tells models apart, it does not resist
 * forgery) of a canonical text of the model.
 */
export function modelFingerprint(m: ModelDefinition): string {
  const parts = [`seed ${canonical(m.seed)}`];
  for (const node of m.nodes) {
    if (node.kind === 'input')
      parts.push(`input ${canonical(node.name)} ${distributionText(node.dist)}`);
    else if (node.kind === 'expression') {
      parts.push(`expression ${canonical(node.name)} ${canonical(node.expression.source)}`);
    } else parts.push(`${node.kind} ${canonical(node.name)} ${String(node.compute)}`);
  }
  parts.push(`correlations ${canonical(m.correlations)}`);
  parts.push(
    `observations ${m.observations.map((o) => `${canonical(o.name)} ${o.dist === undefined ? String(o.likelihood) : distributionText(o.dist)}`).join(';')}`,
  );
  const words = streamWords(new Uint32Array(0), parts.join('\n'), 0);
  return Array.from(words, (w) => w.toString(16).padStart(8, '0')).join('');
}
