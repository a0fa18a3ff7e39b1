// PLACEHOLDER until the inversion branch lands.
import type { Distribution } from './types.js';
export function fillByInversion(
  dist: Distribution,
  uniforms: Float64Array,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < uniforms.length; i++) out[i] = dist.quantile(uniforms[i]);
  return out;
}
