import fc from 'fast-check';
import * as ss from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
  ecdf,
  histogram,
  max,
  mean,
  min,
  nonFiniteCount,
  percentileKey,
  probability,
  quantile,
  quantiles,
  sd,
  summarize,
  variance,
} from '../../src/samples/summary.js';
import { expectSalvoError, thrownSalvoError } from '../helpers/errors.js';

const f64 = (...xs: number[]) => Float64Array.from(xs);

/** numpy's `_lerp`, the reference for type-7 interpolation (with the overflow guard salvo adds). */
function lerp(a: number, b: number, t: number): number {
  if (t === 0) return a;
  const d = b - a;
  if (!Number.isFinite(d)) return (1 - t) * a + t * b;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/** Type-7 quantiles read from a fully sorted copy of the finite values: the oracle. */
function sortedQuantiles(values: ArrayLike<number>, ps: readonly number[]): number[] {
  const sorted = Float64Array.from(values)
    .filter((x) => Number.isFinite(x))
    .sort();
  const m = sorted.length;
  return ps.map((p) => {
    const h = (m - 1) * p;
    const lo = Math.floor(h);
    return lerp(sorted[lo], sorted[lo + 1], h - lo);
  });
}

/** Equality where -0 and 0 are the same (selection does not order them) but NaN is never equal. */
const sameNumber = (a: number, b: number) => a === b;

// Doubles with many duplicates, signed zeros, extremes, subnormals and non-finite values.
const nastyDouble = fc.oneof(
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    1,
    1,
    2,
    -1,
    1e308,
    -1e308,
    5e-324,
    -5e-324,
    Number.NaN,
    Infinity,
    -Infinity,
  ),
  fc.integer({ min: -3, max: 3 }),
);
const nastyArray = fc.array(nastyDouble, { minLength: 1, maxLength: 80 });
const probabilityArb = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 1, 0.5, 0.05, 0.95, 0.25, 0.75),
);

describe('quantile / quantiles: known answers (numpy 2.4.6, np.quantile default method, values hard-coded)', () => {
  // python3 -c "import numpy as np; print(np.quantile([3.2,-1.5,7.7,0.0,2.2,2.2,9.1,-4.4,5.5,1.1],
  //   [0,0.05,0.1,0.25,0.333,0.5,0.75,0.9,0.95,0.99,1]))"
  const x = f64(3.2, -1.5, 7.7, 0.0, 2.2, 2.2, 9.1, -4.4, 5.5, 1.1);
  const ps = [0, 0.05, 0.1, 0.25, 0.333, 0.5, 0.75, 0.9, 0.95, 0.99, 1];
  const numpy = [
    -4.4, -3.095, -1.79, 0.275, 1.0967000000000005, 2.2, 4.925, 7.84, 8.469999999999999, 8.974, 9.1,
  ];

  it('matches np.quantile to the last bit', () => {
    expect(quantiles(x, ps)).toEqual(numpy);
    for (let i = 0; i < ps.length; i++) expect(quantile(x, ps[i])).toBe(numpy[i]);
  });

  it('matches np.quantile on values whose interpolation rounds (numpy computed)', () => {
    // np.quantile([0.1,...,0.7], [0.1, 0.15, 0.37, 0.5, 0.77, 0.9])
    const y = f64(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7);
    expect(quantiles(y, [0.1, 0.15, 0.37, 0.5, 0.77, 0.9])).toEqual([
      0.16000000000000003, 0.19, 0.32199999999999995, 0.4, 0.562, 0.64,
    ]);
  });

  it('returns results in the order asked, with repeats', () => {
    expect(quantiles(f64(5, 1, 4, 2, 3), [0.95, 0.05, 0.5, 0.05])).toEqual([4.8, 1.2, 3, 1.2]);
    expect(quantiles(f64(5, 1, 4), [])).toEqual([]);
  });

  it('handles one value and two values', () => {
    expect(quantiles(f64(7), [0, 0.3, 1])).toEqual([7, 7, 7]);
    expect(quantile(f64(1, 2), 0.25)).toBe(1.25);
  });

  it('stays finite where b - a overflows (numpy returns nan/-inf there)', () => {
    const extreme = f64(-1e308, 1e308);
    expect(quantiles(extreme, [0, 0.25, 0.5, 1])).toEqual([-1e308, -5e307, 0, 1e308]);
  });

  it('accepts plain arrays and leaves the input untouched', () => {
    const values = [3, 1, 2];
    expect(quantile(values, 0.5)).toBe(2);
    expect(values).toEqual([3, 1, 2]);
    const typed = f64(3, 1, 2);
    quantiles(typed, [0.1, 0.9]);
    expect(typed).toEqual(f64(3, 1, 2));
  });
});

describe('quantile: properties (fast-check)', () => {
  it('equals type-7 interpolation on the sorted finite values (duplicates, ±0, extremes, NaN, ±Infinity)', () => {
    fc.assert(
      fc.property(nastyArray, fc.array(probabilityArb, { maxLength: 6 }), (values, ps) => {
        fc.pre(values.some((v) => Number.isFinite(v)));
        const got = quantiles(values, ps);
        const expected = sortedQuantiles(values, ps);
        return got.every((g, i) => sameNumber(g, expected[i]));
      }),
      { numRuns: 500 },
    );
  });

  it('is monotone in p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
          minLength: 1,
          maxLength: 60,
        }),
        probabilityArb,
        probabilityArb,
        (values, p1, p2) => {
          const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
          const [qLo, qHi] = quantiles(values, [lo, hi]);
          return qLo <= qHi;
        },
      ),
      { numRuns: 500 },
    );
  });

  it('lies within [min, max] and hits them at p = 0 and p = 1', () => {
    fc.assert(
      fc.property(nastyArray, probabilityArb, (values, p) => {
        fc.pre(values.some((v) => Number.isFinite(v)));
        const q = quantile(values, p);
        return (
          q >= min(values) &&
          q <= max(values) &&
          quantile(values, 0) === min(values) &&
          quantile(values, 1) === max(values)
        );
      }),
    );
  });
});

describe('mean, variance, sd: known answers and oracles', () => {
  it('match numpy on a small array (numpy 2.4.6, hard-coded)', () => {
    const x = f64(3.2, -1.5, 7.7, 0.0, 2.2, 2.2, 9.1, -4.4, 5.5, 1.1);
    // np.mean(x), np.var(x, ddof=1), np.var(x), np.std(x, ddof=1)
    expect(mean(x)).toBe(2.5100000000000002);
    expect(variance(x)).toBeCloseTo(16.898777777777777, 13);
    expect(variance(x, { ddof: 0 })).toBeCloseTo(15.2089, 13);
    expect(sd(x)).toBeCloseTo(4.110812301453056, 14);
    expect(sd(f64(2, 4, 4, 4, 5, 5, 7, 9), { ddof: 0 })).toBe(2);
  });

  it('agree with simple-statistics on random data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 50 }),
        (values) => {
          const scale = Math.max(1, ...values.map(Math.abs));
          const tol = 1e-12 * scale;
          return (
            Math.abs(mean(values) - ss.mean(values)) <= tol &&
            Math.abs(variance(values) - ss.sampleVariance(values)) <= 1e-9 * scale * scale &&
            Math.abs(sd(values, { ddof: 0 }) - ss.standardDeviation(values)) <= 1e-9 * scale
          );
        },
      ),
    );
  });

  it('mean lies within [min, max]', () => {
    fc.assert(
      fc.property(nastyArray, (values) => {
        fc.pre(values.some((v) => Number.isFinite(v)));
        const m = mean(values);
        return Number.isFinite(m) && m >= min(values) && m <= max(values);
      }),
      { numRuns: 500 },
    );
  });

  it('compensated sums keep what a naive sum loses', () => {
    // A naive left-to-right sum gives 0 for the first and 0 for the second.
    expect(mean([1e16, 1, -1e16])).toBe(1 / 3);
    expect(mean([1, 1e100, 1, -1e100])).toBe(0.5);
    // 1e6 copies of 0.1: a naive sum drifts to 100000.00000133288 (mean 0.10000000000133288).
    expect(mean(new Float64Array(1_000_000).fill(0.1))).toBe(0.1);
    // The textbook variance trap: a large offset with a small spread (exact answer 30).
    expect(variance([1e15 + 4, 1e15 + 7, 1e15 + 13, 1e15 + 16])).toBe(30);
    expect(variance([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])).toBe(30);
  });

  it('rescales instead of overflowing', () => {
    expect(mean([1e308, 1e308, 1e308])).toBe(1e308);
    // numpy returns inf for np.std([1e200, 3e200], ddof=1); the exact answer is sqrt(2)e200.
    expect(sd([1e200, 3e200])).toBeCloseTo(Math.SQRT2 * 1e200, -186);
    expect(sd([1e308, -1e308, 1e308, -1e308])).toBeCloseTo(1.1547005383792515e308, -293);
    expect(variance([1e308, -1e308])).toBe(Infinity);
  });

  it('a constant vector has variance exactly 0', () => {
    expect(variance(new Float64Array(1001).fill(0.1))).toBe(0);
  });
});

describe('non-finite values are set aside and counted, never averaged', () => {
  const x = f64(1, Number.NaN, 3, Infinity, -Infinity, 5);

  it('counts NaN and ±Infinity', () => {
    expect(nonFiniteCount(x)).toBe(3);
    expect(nonFiniteCount([])).toBe(0);
  });

  it('summaries describe the finite values', () => {
    expect(mean(x)).toBe(3);
    expect(variance(x)).toBe(4);
    expect(min(x)).toBe(1);
    expect(max(x)).toBe(5);
    expect(quantiles(x, [0, 0.5, 1])).toEqual([1, 3, 5]);
    expect(probability(x, '>', 2)).toBe(2 / 3);
    expect(probability(x, '<', Infinity)).toBe(1);
    const s = summarize(x);
    expect(s.n).toBe(6);
    expect(s.nonFinite).toBe(3);
    expect(s.mean).toBe(3);
  });

  it('throws EMPTY_DATA naming the counts when nothing finite is left', () => {
    const allBad = f64(Number.NaN, Infinity);
    for (const call of [
      () => mean(allBad),
      () => min(allBad),
      () => max(allBad),
      () => quantile(allBad, 0.5),
      () => probability(allBad, '<', 0),
      () => ecdf(allBad),
      () => histogram(allBad),
    ]) {
      const e = thrownSalvoError(call);
      expect(e.code).toBe('EMPTY_DATA');
      expect(e.message).toMatch(/0 finite and 2 non-finite/);
    }
    expect(thrownSalvoError(() => variance(f64(1, Number.NaN))).message).toBe(
      'variance: needs at least 2 finite values, got 1 finite and 1 non-finite (NaN or ±Infinity)',
    );
    expect(thrownSalvoError(() => summarize(f64(1))).code).toBe('EMPTY_DATA');
    expect(variance(f64(1, Number.NaN), { ddof: 0 })).toBe(0);
  });

  it('empty input throws EMPTY_DATA', () => {
    for (const call of [
      () => mean([]),
      () => sd([]),
      () => quantiles([], [0.5]),
      () => summarize(new Float64Array(0)),
    ]) {
      expect(thrownSalvoError(call).code).toBe('EMPTY_DATA');
    }
  });
});

describe('validation names the parameter and the value', () => {
  it('rejects probabilities outside [0, 1] or NaN', () => {
    const e = thrownSalvoError(() => quantile([1, 2], 1.5));
    expect(e.code).toBe('INVALID_PARAMETER');
    expect(e.parameter).toBe('p');
    expect(e.message).toBe('quantile: p must be a probability in [0, 1], got 1.5');
    expect(thrownSalvoError(() => quantile([1, 2], Number.NaN)).message).toBe(
      'quantile: p must be a finite number, got NaN',
    );
    expect(thrownSalvoError(() => quantile([1, 2], -0.1)).code).toBe('INVALID_PARAMETER');
    const many = thrownSalvoError(() => quantiles([1, 2], [0.5, 2]));
    expect(many.parameter).toBe('ps[1]');
    expect(many.message).toBe('quantiles: ps[1] must be a probability in [0, 1], got 2');
    expect(thrownSalvoError(() => summarize([1, 2], { probabilities: [0.5, -1] })).parameter).toBe(
      'probabilities[1]',
    );
  });

  it('rejects an unknown comparison operator and a NaN threshold', () => {
    const e = thrownSalvoError(() => probability([1, 2], '=>' as never, 1));
    expect(e.code).toBe('INVALID_PARAMETER');
    expect(e.parameter).toBe('op');
    expect(e.message).toBe(
      `probability: op must be one of '<', '<=', '>', '>=', '==', '!=', got "=>"`,
    );
    expect(thrownSalvoError(() => probability([1, 2], '<', Number.NaN)).message).toBe(
      'probability: threshold must be a number (not NaN), got NaN',
    );
  });

  it('rejects non-array values and a bad ddof', () => {
    expect(thrownSalvoError(() => mean('1,2' as never)).message).toBe(
      'mean: values must be a Float64Array or an array of numbers, got "1,2"',
    );
    expect(thrownSalvoError(() => variance([1, 2, 3], { ddof: 2 as never })).parameter).toBe(
      'ddof',
    );
  });
});

describe('probability', () => {
  const x = f64(1, 2, 3, 4, 5);

  it('covers all six operators', () => {
    expect(probability(x, '<', 3)).toBe(0.4);
    expect(probability(x, '<=', 3)).toBe(0.6);
    expect(probability(x, '>', 3)).toBe(0.4);
    expect(probability(x, '>=', 3)).toBe(0.6);
    expect(probability(x, '==', 3)).toBe(0.2);
    expect(probability(x, '!=', 3)).toBe(0.8);
  });

  it('complementary operators add to 1 (fast-check)', () => {
    fc.assert(
      fc.property(nastyArray, fc.double({ noNaN: true }), (values, t) => {
        fc.pre(values.some((v) => Number.isFinite(v)));
        return (
          probability(values, '<', t) + probability(values, '>=', t) === 1 &&
          probability(values, '==', t) + probability(values, '!=', t) === 1 &&
          probability(values, '<=', t) === ecdf(values)(t)
        );
      }),
    );
  });

  it('equals a plain count over the finite values, for every operator (fast-check)', () => {
    // probability() counts branch-free over every value and takes the non-finite values' part back
    // out, and counts >, >= and != as complements: this checks it against the obvious filter.
    const ops = ['<', '<=', '>', '>=', '==', '!='] as const;
    const holds = (y: number, op: (typeof ops)[number], t: number): boolean =>
      op === '<'
        ? y < t
        : op === '<='
          ? y <= t
          : op === '>'
            ? y > t
            : op === '>='
              ? y >= t
              : op === '=='
                ? y === t
                : y !== t;
    fc.assert(
      fc.property(
        nastyArray,
        fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(Infinity, -Infinity, 0, -0)),
        fc.constantFrom(...ops),
        (values, t, op) => {
          const finite = Array.from(values).filter((y) => Number.isFinite(y));
          fc.pre(finite.length > 0);
          const expected = finite.filter((y) => holds(y, op, t)).length / finite.length;
          return probability(values, op, t) === expected;
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('ecdf', () => {
  // Reference: np.searchsorted(np.sort(x), t, side='right') / len(x) (numpy 2.4.6, hard-coded).
  const x = f64(3.2, -1.5, 7.7, 0.0, 2.2, 2.2, 9.1, -4.4, 5.5, 1.1);
  const points = [-5, -4.4, 0, 2.2, 2.5, 9.1, 10];
  const numpy = [0, 0.1, 0.3, 0.6, 0.6, 1, 1];

  it('matches the right-continuous step function', () => {
    const F = ecdf(x);
    expect(points.map((t) => F(t))).toEqual(numpy);
    expect(F.evaluate(points)).toEqual(Float64Array.from(numpy));
    expect(F(-Infinity)).toBe(0);
    expect(F(Infinity)).toBe(1);
    expect(F.count).toBe(10);
    expect(F.nonFinite).toBe(0);
  });

  it('sets non-finite values aside and rejects NaN points', () => {
    const F = ecdf(f64(3, 1, 2, 2, Number.NaN, Infinity));
    expect(F(2)).toBe(0.75);
    expect(F.nonFinite).toBe(2);
    expect(thrownSalvoError(() => F(Number.NaN)).parameter).toBe('x');
    expect(thrownSalvoError(() => F.evaluate([1, Number.NaN])).parameter).toBe('xs[1]');
  });

  it('does not change when its input changes later', () => {
    const values = f64(1, 2, 3, 4);
    const F = ecdf(values);
    values.fill(100);
    expect(F(2)).toBe(0.5);
  });
});

describe('histogram: numpy np.histogram conventions (numpy 2.4.6, values hard-coded)', () => {
  const x = f64(3.2, -1.5, 7.7, 0.0, 2.2, 2.2, 9.1, -4.4, 5.5, 1.1);

  it('equal-width bins over the data range', () => {
    // np.histogram(x, bins=5)
    const h = histogram(x, { bins: 5 });
    expect(Array.from(h.counts)).toEqual([1, 2, 4, 1, 2]);
    expect(Array.from(h.edges)).toEqual([
      -4.4, -1.7000000000000002, 1.0, 3.700000000000001, 6.4, 9.1,
    ]);
    expect(h.outside).toBe(0);
    expect(h.nonFinite).toBe(0);
  });

  it('an explicit range drops values outside it', () => {
    // np.histogram(x, bins=4, range=(-2, 6)) -> [1, 2, 3, 1], edges [-2, 0, 2, 4, 6]
    const h = histogram(x, { bins: 4, range: [-2, 6] });
    expect(Array.from(h.counts)).toEqual([1, 2, 3, 1]);
    expect(Array.from(h.edges)).toEqual([-2, 0, 2, 4, 6]);
    expect(h.outside).toBe(3);
  });

  it('explicit edges: half-open bins, last bin closed', () => {
    // np.histogram(x, bins=[-5, 0, 2.2, 5.5, 9.1]) -> [2, 2, 3, 3]
    expect(Array.from(histogram(x, { edges: [-5, 0, 2.2, 5.5, 9.1] }).counts)).toEqual([
      2, 2, 3, 3,
    ]);
  });

  it('values on computed edges land where numpy puts them', () => {
    // z = 0.1 * i for i in 0..30: np.histogram(z, bins=3) -> [10, 10, 11], edges [0, 1, 2, 3]
    const z = Float64Array.from({ length: 31 }, (_, i) => 0.1 * i);
    const hz = histogram(z, { bins: 3 });
    expect(Array.from(hz.counts)).toEqual([10, 10, 11]);
    expect(Array.from(hz.edges)).toEqual([0, 1, 2, 3]);
    // w = 0.3 * i for i in 0..10: np.histogram(w, bins=7)
    const w = Float64Array.from({ length: 11 }, (_, i) => 0.3 * i);
    const hw = histogram(w, { bins: 7 });
    expect(Array.from(hw.counts)).toEqual([2, 1, 2, 1, 2, 1, 2]);
    expect(Array.from(hw.edges)).toEqual([
      0.0, 0.42857142857142855, 0.8571428571428571, 1.2857142857142856, 1.7142857142857142,
      2.142857142857143, 2.571428571428571, 3.0,
    ]);
  });

  it('a constant sample gets the range widened by 0.5 each way', () => {
    // np.histogram([5, 5, 5], bins=2) -> [0, 3], edges [4.5, 5, 5.5]
    const h = histogram([5, 5, 5], { bins: 2 });
    expect(Array.from(h.counts)).toEqual([0, 3]);
    expect(Array.from(h.edges)).toEqual([4.5, 5, 5.5]);
  });

  it('defaults to 10 bins and counts non-finite values separately', () => {
    const h = histogram(f64(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, Number.NaN, -Infinity));
    expect(h.counts.length).toBe(10);
    expect(Array.from(h.counts)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 2]);
    expect(h.nonFinite).toBe(2);
  });

  it('agrees with brute-force binning on its own edges (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 12 }),
        (values, bins) => {
          let h: ReturnType<typeof histogram>;
          try {
            h = histogram(values, { bins });
          } catch (error) {
            // only a range too narrow for distinct edges (a few ulps wide) may be refused
            const spread = Math.max(...values) - Math.min(...values);
            return /too many bins/.test(String(error)) && spread < 1e-300;
          }
          const e = h.edges;
          const expected = new Array<number>(bins).fill(0);
          for (const v of values) {
            for (let b = 0; b < bins; b++) {
              const inBin = b === bins - 1 ? v >= e[b] && v <= e[b + 1] : v >= e[b] && v < e[b + 1];
              if (inBin) {
                expected[b]++;
                break;
              }
            }
          }
          return (
            Array.from(h.counts).every((c, i) => c === expected[i]) &&
            h.outside === 0 &&
            h.counts.reduce((a, c) => a + c, 0) === values.length
          );
        },
      ),
    );
  });

  it('refuses more bins than a range a few ulps wide can hold, as numpy does', () => {
    expect(() => histogram([-5e-324, 0], { bins: 4 })).toThrow(/too many bins \(4\)/);
    expect(histogram([-5e-324, 0], { bins: 1 }).counts).toEqual(Float64Array.of(2));
  });

  it('rejects bad bins, ranges and edges', () => {
    const cases: [() => unknown, string, string][] = [
      [
        () => histogram(x, { bins: 0 }),
        'bins',
        'histogram: bins must be an integer in [1, 100000000], got 0',
      ],
      [
        () => histogram(x, { bins: 2.5 }),
        'bins',
        'histogram: bins must be an integer in [1, 100000000], got 2.5',
      ],
      [
        () => histogram(x, { bins: 3, range: [5, 1] }),
        'range',
        'histogram: range must be two finite numbers with low < high, got [5, 1]',
      ],
      [
        () => histogram(x, { edges: [0, 1, 1] }),
        'edges[2]',
        'histogram: edges must be finite and strictly increasing, got edges[2] = 1 after edges[1] = 1',
      ],
      [
        () => histogram(x, { edges: [0] }),
        'edges',
        'histogram: edges must hold at least 2 values, got array of length 1',
      ],
      [
        () => histogram(x, { edges: [0, 1], bins: 3 }),
        'bins',
        'histogram: give either edges or bins/range, not both; got edges and bins',
      ],
    ];
    for (const [call, parameter, message] of cases) {
      expect(expectSalvoError(call, { parameter }).message).toBe(message);
    }
  });
});

describe('summarize', () => {
  it('reports n, nonFinite, moments, extremes and keyed quantiles', () => {
    const s = summarize(f64(1, 2, 3, 4, 5, Number.NaN), { probabilities: [0.9, 0.025] });
    expect(s).toEqual({
      n: 6,
      nonFinite: 1,
      mean: 3,
      sd: 1.5811388300841898,
      min: 1,
      max: 5,
      quantiles: { p5: 1.2, p25: 2, p50: 3, p75: 4, p95: 4.8, p90: 4.6, 'p2.5': 1.1 },
    });
  });

  it('keys percentiles without float noise', () => {
    expect(percentileKey(0.07)).toBe('p7');
    expect(percentileKey(0.025)).toBe('p2.5');
    expect(percentileKey(0.999)).toBe('p99.9');
    expect(percentileKey(0)).toBe('p0');
    expect(percentileKey(1)).toBe('p100');
  });
});
