// Benchmark cases: each measures one operation on N values against the BUILT package (dist/), so what
// is measured is what users import. `numpy` is the equivalent Python statement (run by numpy_side.py in the
// same session), with `g` a numpy Generator (PCG64) and `x` a float64 array of N standard normals.
import * as salvo from '../dist/index.js';

export const N = 10_000_000;

/** name → { group, setup(salvo) → () => void, numpy?: string, target?: number (max ratio to numpy) } */
export const cases = {
  'rng sfc32 fillFloat64': {
    group: 'bit generators',
    setup: (s) => {
      const rng = s.createRng(1, { algorithm: 'sfc32' });
      const out = new Float64Array(N);
      return () => rng.fillFloat64(out);
    },
    numpy: 'g.random(N, out=buf)',
  },
  'rng xoshiro128** fillFloat64': {
    group: 'bit generators',
    setup: (s) => {
      const rng = s.createRng(1, { algorithm: 'xoshiro128**' });
      const out = new Float64Array(N);
      return () => rng.fillFloat64(out);
    },
    numpy: 'g.random(N, out=buf)',
  },
  'rng pcg32 fillFloat64': {
    group: 'bit generators',
    setup: (s) => {
      const rng = s.createRng(1, { algorithm: 'pcg32' });
      const out = new Float64Array(N);
      return () => rng.fillFloat64(out);
    },
    numpy: 'g.random(N, out=buf)',
  },
  'rng sfc32 nextUint32 loop': {
    group: 'bit generators',
    setup: (s) => {
      const rng = s.createRng(1, { algorithm: 'sfc32' });
      const out = new Uint32Array(N);
      return () => {
        for (let i = 0; i < N; i++) out[i] = rng.nextUint32();
      };
    },
  },
  'rng xoshiro128** nextUint32 loop': {
    group: 'bit generators',
    setup: (s) => {
      const rng = s.createRng(1, { algorithm: 'xoshiro128**' });
      const out = new Uint32Array(N);
      return () => {
        for (let i = 0; i < N; i++) out[i] = rng.nextUint32();
      };
    },
  },
  'rng pcg32 nextUint32 loop': {
    group: 'bit generators',
    setup: (s) => {
      const rng = s.createRng(1, { algorithm: 'pcg32' });
      const out = new Uint32Array(N);
      return () => {
        for (let i = 0; i < N; i++) out[i] = rng.nextUint32();
      };
    },
  },
  'uniform(2, 5)': {
    group: 'distributions',
    setup: (s) => dist(s.uniform(2, 5)),
    numpy: 'g.uniform(2, 5, N)',
    target: 1.2,
  },
};

function dist(d) {
  const rng = salvo.createRng(1);
  const out = new Float64Array(N);
  return () => d.fill(out, rng);
}
