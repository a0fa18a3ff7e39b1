// PLACEHOLDER until the sobol branch lands.
export const SOBOL_MAX_DIMENSIONS = 1024;
export function fillSobol(
  dimension: number,
  first: number,
  scramble: Uint32Array,
  out: Float64Array,
): Float64Array {
  // Van der Corput-like placeholder: NOT a Sobol sequence.
  for (let k = 0; k < out.length; k++) {
    let i = first + k;
    let f = 0.5;
    let x = 0;
    while (i > 0) {
      if (i & 1) x += f;
      i = Math.floor(i / 2);
      f /= 2;
    }
    out[k] = (x + ((scramble[0] + dimension) % 997) / 997 / 2 ** 20 + 1e-9) % 1 || 0.5;
  }
  return out;
}
