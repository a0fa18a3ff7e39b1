import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampledRanks, samplePositions, select, selectRanks } from '../../src/samples/select.js';
import { quantiles } from '../../src/samples/summary.js';

/** A small seeded generator for test data (never Math.random). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** The hash sequence used for the numpy known answers: exact in both JavaScript and Python. */
function hashUniform(i: number): number {
  return ((i * 2654435761) % 2 ** 32) / 2 ** 32;
}

/** Input shapes that defeat naive pivot choices. */
const patterns: Record<string, (n: number, u: () => number) => Float64Array> = {
  random: (n, u) => Float64Array.from({ length: n }, u),
  sorted: (n) => Float64Array.from({ length: n }, (_, i) => i),
  reversed: (n) => Float64Array.from({ length: n }, (_, i) => n - i),
  constant: (n) => new Float64Array(n).fill(3),
  twoValues: (n, u) => Float64Array.from({ length: n }, () => (u() < 0.5 ? 0 : 1)),
  fewValues: (n, u) => Float64Array.from({ length: n }, () => Math.floor(u() * 7)),
  organPipe: (n) => Float64Array.from({ length: n }, (_, i) => Math.min(i, n - 1 - i)),
  sawtooth: (n) => Float64Array.from({ length: n }, (_, i) => i % 37),
  signedZeros: (n, u) => Float64Array.from({ length: n }, () => (u() < 0.5 ? -0 : 0)),
};

function checkPartition(a: Float64Array, k: number, sorted: Float64Array): void {
  expect(a[k] === sorted[k]).toBe(true); // === so that -0 and 0 (unordered by selection) agree
  for (let i = 0; i < k; i++) if (!(a[i] <= a[k])) throw new Error(`a[${i}] > a[${k}]`);
  for (let i = k + 1; i < a.length; i++) if (!(a[i] >= a[k])) throw new Error(`a[${i}] < a[${k}]`);
}

describe('select (Floyd–Rivest)', () => {
  it('places rank k and partitions around it on adversarial shapes', () => {
    const u = lcg(1);
    for (const [name, make] of Object.entries(patterns)) {
      for (const n of [1, 2, 3, 10, 601, 5000]) {
        const data = make(n, u);
        const sorted = data.slice().sort();
        for (const k of [0, 1, Math.floor(n / 3), Math.floor(n / 2), n - 2, n - 1]) {
          if (k < 0 || k >= n) continue;
          const a = data.slice();
          select(a, k, 0, n - 1);
          try {
            checkPartition(a, k, sorted);
          } catch (error) {
            throw new Error(`${name}, n = ${n}, k = ${k}: ${(error as Error).message}`);
          }
        }
      }
    }
  });

  it('keeps the multiset of values (only reorders)', () => {
    const u = lcg(2);
    const data = patterns.fewValues(3000, u);
    const a = data.slice();
    select(a, 1234, 0, a.length - 1);
    expect(a.slice().sort()).toEqual(data.slice().sort());
  });
});

describe('selectRanks (multiple selection)', () => {
  it('places every requested rank where a sort would (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4000 }),
        fc.constantFrom(...Object.keys(patterns)),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.integer(),
        (n, pattern, fractions, seed) => {
          const data = patterns[pattern](n, lcg(seed));
          const ranks = Int32Array.from(new Set(fractions.map((f) => Math.floor(f * n)))).sort();
          const a = data.slice();
          selectRanks(a, ranks);
          const sorted = data.slice().sort();
          return Array.from(ranks).every((r) => a[r] === sorted[r]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('sampledRanks (one pass, no copy)', () => {
  it('finds the exact order statistics of a large sample, with non-finite values mixed in', () => {
    const u = lcg(3);
    const n = 100_000;
    const v = Float64Array.from({ length: n }, () => {
      const r = u();
      if (r < 0.001) return Number.NaN;
      if (r < 0.002) return -Infinity;
      if (r < 0.003) return Infinity;
      return Math.floor(u() * 1000) / 4; // many ties
    });
    const finite = v.filter((x) => Number.isFinite(x)).sort();
    const negInfinite = v.filter((x) => x === -Infinity).length;
    const ranks = Int32Array.of(
      0,
      1,
      4999,
      5000,
      49_000,
      49_001,
      finite.length - 2,
      finite.length - 1,
    );
    const got = sampledRanks(v, finite.length, negInfinite, ranks, 4096);
    expect(got).toBeDefined();
    expect(Array.from(got as Float64Array)).toEqual(Array.from(ranks, (r) => finite[r]));
  });

  it('with every value finite, one pass serves up to five windows: exact for 1 to 7 windows', () => {
    const u = lcg(11);
    const n = 120_000;
    const shapes: Record<string, () => number> = {
      continuous: () => Math.exp(3 * u()),
      ties: () => Math.floor(u() * 12), // windows whose two ends are equal: counted, not copied
      signedZeros: () => (u() < 0.5 ? -0 : u() < 0.5 ? 0 : u() - 0.5),
      negativeInfinity: () => (u() < 0.001 ? -Infinity : u()), // not all finite: one pass per window
    };
    for (const [shape, draw] of Object.entries(shapes)) {
      const v = Float64Array.from({ length: n }, draw);
      const finite = v.filter((x) => Number.isFinite(x)).sort();
      const negInfinite = n - finite.length;
      for (const windows of [1, 2, 3, 4, 5, 6, 7]) {
        // Ranks far apart, so that each gets its own window.
        const ranks = Int32Array.from({ length: windows }, (_, w) =>
          Math.floor(((w + 0.5) / windows) * (finite.length - 1)),
        );
        const got = sampledRanks(v, finite.length, negInfinite, ranks, 8192);
        expect(got, `${shape}, ${windows} windows`).toBeDefined();
        // -0 and 0 are equal here (which one lands on a rank is unspecified): + 0 makes both 0.
        expect(
          Array.from(got as Float64Array, (x) => x + 0),
          `${shape}, ${windows} windows`,
        ).toEqual(Array.from(ranks, (r) => finite[r] + 0));
      }
    }
  });

  it('returns undefined (so the caller falls back) when the sample misrepresents the data', () => {
    const n = 100_000;
    const sampleSize = 1024;
    // Zeros at every sampled position, ones elsewhere: the sample says "all zeros".
    const v = new Float64Array(n).fill(1);
    for (const p of samplePositions(n, 2 * sampleSize)) v[p] = 0;
    const zeros = v.filter((x) => x === 0).length;
    expect(sampledRanks(v, n, 0, Int32Array.of(n >> 1), sampleSize)).toBeUndefined();
    // The public function still gets it right through the fallback.
    expect(quantiles(v, [0, 0.5, 1])).toEqual([0, zeros > n / 2 ? 0 : 1, 1]);
  });
});

describe('quantiles on large inputs (the sampled path) equal the sorted-array answer', () => {
  it('matches numpy on a 200,003-value hash sequence (numpy 2.4.6, hard-coded)', () => {
    // python3: a = [((i*2654435761) % 2**32) / 2**32 * 100 - 50 for i in range(200003)]
    //          np.quantile(a, [0, 0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999, 1])
    const n = 200_003;
    const a = Float64Array.from({ length: n }, (_, i) => hashUniform(i) * 100 - 50);
    const ps = [0, 0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999, 1];
    expect(quantiles(a, ps)).toEqual([
      -50.0, -49.89965669591911, -44.99980428488925, -25.000748864840716, 0.00015348196029663086,
      24.999673466663808, 44.999757932964705, 49.90023028235881, 49.99973115045577,
    ]);
    // b = np.floor(u * 1000) / 8: heavy ties.
    const b = Float64Array.from({ length: n }, (_, i) => Math.floor(hashUniform(i) * 1000) / 8);
    expect(quantiles(b, ps)).toEqual([
      0.0, 0.125, 6.25, 31.125, 62.5, 93.625, 118.625, 124.87474999999904, 124.875,
    ]);
  });

  it('for random shapes, sizes and probabilities (fast-check, seeded data)', () => {
    const shapes = [
      'random',
      'sorted',
      'reversed',
      'twoValues',
      'fewValues',
      'organPipe',
      'constant',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 65_536, max: 140_000 }),
        fc.constantFrom(...shapes),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 9 }),
        fc.integer(),
        fc.boolean(),
        (n, shape, ps, seed, sprinkle) => {
          const u = lcg(seed);
          const v = patterns[shape](n, u);
          if (sprinkle)
            for (let i = 0; i < 50; i++)
              v[Math.floor(u() * n)] = [Number.NaN, Infinity, -Infinity][i % 3];
          const sorted = v.filter((x) => Number.isFinite(x)).sort();
          const m = sorted.length;
          const expected = ps.map((p) => {
            const h = (m - 1) * p;
            const lo = Math.floor(h);
            const t = h - lo;
            if (t === 0) return sorted[lo];
            const d = sorted[lo + 1] - sorted[lo];
            return t >= 0.5 ? sorted[lo + 1] - d * (1 - t) : sorted[lo] + d * t;
          });
          const got = quantiles(v, ps);
          return got.every((g, i) => g === expected[i]);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('many quantiles (the multiselect and sort paths) agree with the sorted array', () => {
    const u = lcg(9);
    for (const n of [1000, 70_000]) {
      const v = Float64Array.from({ length: n }, () => Math.floor(u() * 500));
      const sorted = v.slice().sort();
      for (const count of [9, 40, 400]) {
        const ps = Array.from({ length: count }, (_, i) => i / (count - 1));
        const got = quantiles(v, ps);
        const expected = ps.map((p) => {
          const h = (n - 1) * p;
          const lo = Math.floor(h);
          const t = h - lo;
          if (t === 0) return sorted[lo];
          const d = sorted[lo + 1] - sorted[lo];
          return t >= 0.5 ? sorted[lo + 1] - d * (1 - t) : sorted[lo] + d * t;
        });
        expect(got).toEqual(expected);
      }
    }
  });
});
