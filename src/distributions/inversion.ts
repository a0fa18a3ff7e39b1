/**
 * Inversion of given uniforms, the plumbing shared by every distribution's `fillFromUniforms`: the
 * argument checks, and {@link fillByInversion} for callers that may hold a distribution-shaped object
 * without that method.
 * @internal
 * @module
 */
import { SalvoError } from '../errors.js';
import { requireFloat64Array, show } from '../validate.js';
import type { Distribution } from './types.js';

/**
 * Checks the arguments of `fillFromUniforms` once: two Float64Arrays of one length, every uniform in
 * [0, 1]. Returns the array to read the uniforms from: `uniforms` itself, or a copy of it when it
 * overlaps `out` without being the same view (writing `out[i]` would then overwrite a uniform not yet
 * read); `uniforms === out` is read in place.
 */
export function requireUniforms(where: string, uniforms: unknown, out: unknown): Float64Array {
  const us = requireFloat64Array(`${where}.fillFromUniforms`, 'uniforms', uniforms);
  const target = requireFloat64Array(`${where}.fillFromUniforms`, 'out', out);
  if (us.length !== target.length) {
    throw new SalvoError(
      'LENGTH_MISMATCH',
      `${where}.fillFromUniforms: out must have one element per uniform, got ${us.length} uniforms ` +
        `and ${target.length} elements in out`,
      { parameter: 'out', value: out },
    );
  }
  const n = us.length;
  for (let i = 0; i < n; i++) {
    const u = us[i];
    if (!(u >= 0 && u <= 1)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}.fillFromUniforms: uniforms[${i}] must be a probability in [0, 1], got ${show(u)}`,
        { parameter: `uniforms[${i}]`, value: u },
      );
    }
  }
  return us !== target && overlaps(us, target) ? us.slice() : us;
}

/** Whether two views share bytes of one buffer. */
function overlaps(a: Float64Array, b: Float64Array): boolean {
  if (a.buffer !== b.buffer) return false;
  return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

/**
 * `dist.fillFromUniforms(uniforms, out)` when `dist` has it; otherwise (an object that only has the
 * shape of a {@link Distribution}, written before the method existed) the same mapping through
 * `dist.quantile`, one call per element, after the same argument checks.
 * @param dist - a salvo distribution, or an object with its shape
 * @param uniforms - probabilities in [0, 1]
 * @param out - the buffer to write, as long as `uniforms` (may be `uniforms` itself)
 * @returns `out`
 * @internal
 */
export function fillByInversion(
  dist: Distribution,
  uniforms: Float64Array,
  out: Float64Array,
): Float64Array {
  if (typeof dist.fillFromUniforms === 'function') return dist.fillFromUniforms(uniforms, out);
  const source = requireUniforms(
    typeof dist.family === 'string' ? dist.family : 'distribution',
    uniforms,
    out,
  );
  const n = source.length;
  for (let i = 0; i < n; i++) out[i] = dist.quantile(source[i]);
  return out;
}
