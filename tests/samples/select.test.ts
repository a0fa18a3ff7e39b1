import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantiles } from '../../src/samples/quantiles.js';
import {
  bucketCounts,
  histogramRanks,
  ranksInBuckets,
  select,
  selectRanks,
} from '../../src/samples/select.js';

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

/** The finite values of `v`, sorted, with their range: what histogramRanks is checked against. */
function finiteSorted(v: Float64Array): { sorted: Float64Array; min: number; max: number } {
  const sorted = v.filter((x) => Number.isFinite(x)).sort();
  return { sorted, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** -0 as a string, so that toEqual tells it from 0. */
const signed = (x: number): number | string => (Object.is(x, -0) ? '-0' : x);

/** histogramRanks against the sorted array, bit for bit. */
function expectRanks(v: Float64Array, ranks: Int32Array, label: string): void {
  const { sorted, min, max } = finiteSorted(v);
  const got = histogramRanks(v, ranks, min, max);
  expect(Array.from(got, signed), label).toEqual(Array.from(ranks, (r) => signed(sorted[r])));
}

describe('histogramRanks (two passes, no copy of the data)', () => {
  it('finds the exact order statistics with non-finite values and ties mixed in', () => {
    const u = lcg(3);
    const n = 100_000;
    const v = Float64Array.from({ length: n }, () => {
      const r = u();
      if (r < 0.001) return Number.NaN;
      if (r < 0.002) return -Infinity;
      if (r < 0.003) return Infinity;
      return Math.floor(u() * 1000) / 4; // many ties
    });
    const m = v.filter((x) => Number.isFinite(x)).length;
    const ranks = Int32Array.of(0, 1, 4999, 5000, 49_000, 49_001, m - 2, m - 1);
    expectRanks(v, ranks, 'ties and non-finite values');
  });

  it('is exact on key layouts that stress the buckets', () => {
    const u = lcg(11);
    const n = 30_000;
    const shapes: Record<string, () => number> = {
      // Both signs, so negative keys (magnitude bits flipped) and positive keys share the histogram.
      normal: () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()),
      signedZeros: () => (u() < 0.4 ? -0 : u() < 0.5 ? 0 : u() - 0.5),
      // Tiny values next to zero, on both sides.
      subnormals: () => (u() - 0.5) * 1e-310,
      // Hundreds of binades: few buckets per binade.
      hugeSpan: () => (u() < 0.5 ? -1 : 1) * 10 ** (600 * u() - 300),
      extremes: () => [Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1][Math.floor(u() * 4)],
      // Every value in one high word (a relative spread of 1e-9): all in one bucket.
      oneHighWord: () => 1 + u() * 1e-9,
      // One far outlier: almost every value lands in the same bucket.
      outlier: () => (u() < 1e-4 ? 1e200 : 1 + u() * 1e-3),
      fewValues: () => Math.floor(u() * 5) - 2,
    };
    for (const [shape, draw] of Object.entries(shapes)) {
      const v = Float64Array.from({ length: n }, draw);
      const ranks = Int32Array.from(new Set([0, 1, 7, 299, 300, 15_000, 15_001, 29_700, n - 1]));
      expectRanks(v, ranks, shape);
    }
  });

  it('answers request after request from one set of bucket counts, which it leaves unchanged', () => {
    const u = lcg(17);
    const n = 40_000;
    const shapes: Record<string, () => number> = {
      normal: () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()),
      // -0 and 0 fall in neighbouring buckets: a request for ranks on both sides of the boundary
      // takes the one-range pass, which must still keep them apart.
      signedZeros: () => (u() < 0.3 ? -0 : u() < 0.6 ? 0 : u() - 0.5),
      fewValues: () => Math.floor(u() * 5) - 2,
    };
    for (const [shape, draw] of Object.entries(shapes)) {
      const v = Float64Array.from({ length: n }, draw);
      const { sorted, min, max } = finiteSorted(v);
      const buckets = bucketCounts(v, min, max);
      const before = buckets.counts.slice();
      const requests = [
        [20_000, 20_001],
        [0, 1, 39_999],
        [11_999, 12_000, 12_001],
        [100, 30_000],
      ];
      for (const request of requests) {
        const ranks = Int32Array.from(request);
        expect(
          Array.from(ranksInBuckets(v, buckets, ranks), signed),
          `${shape} ${request}`,
        ).toEqual(Array.from(ranks, (r) => signed(sorted[r])));
      }
      expect(buckets.counts).toEqual(before);
    }
  });

  it('reads values through a view that starts inside its buffer, shared or not', () => {
    const u = lcg(5);
    for (const Buffer of [ArrayBuffer, SharedArrayBuffer]) {
      const whole = new Float64Array(new Buffer(8 * 20_000));
      for (let i = 0; i < whole.length; i++) whole[i] = i < 3 ? -1e300 : u() * 100 - 50;
      const view = whole.subarray(3, 19_000); // skips the three -1e300 at the start
      expectRanks(view, Int32Array.of(0, 9000, 18_996), Buffer.name);
    }
  });

  it('agrees with the sorted array for random doubles and ranks (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double(), { minLength: 1, maxLength: 3000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (xs, fractions) => {
          const v = Float64Array.from(xs);
          const m = v.filter((x) => Number.isFinite(x)).length;
          if (m === 0) return true;
          const ranks = Int32Array.from(
            new Set(fractions.map((f) => Math.min(m - 1, Math.floor(f * m)))),
          ).sort();
          expectRanks(v, ranks, `${v.length} values`);
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('quantiles on large inputs (the histogram path) equal the sorted-array answer', () => {
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
      // 400 quantiles of 70,000 values: histogram selection; 3,000: one sort of a copy.
      for (const count of [9, 40, 400, 3000]) {
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
