import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lognormal } from '../../src/distributions/lognormal.js';
import { normal } from '../../src/distributions/normal.js';
import { studentT } from '../../src/distributions/studentT.js';
import { SalvoError } from '../../src/errors.js';
import { createRng } from '../../src/rng/index.js';
import { QuantileSketch } from '../../src/sketch/sketch.js';

const PROBABILITIES = [0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

/**
 * Asserts the documented guarantee: quantile(p) lies within relative error alpha of the two order
 * statistics that numpy's type-7 quantile interpolates between.
 */
function expectWithinGuarantee(sketch: QuantileSketch, sorted: Float64Array, alpha: number): void {
  const n = sorted.length;
  for (const p of PROBABILITIES) {
    const rank = p * (n - 1);
    const lo = sorted[Math.floor(rank)];
    const hi = sorted[Math.ceil(rank)];
    const exact = lo + (rank - Math.floor(rank)) * (hi - lo);
    const bound = alpha * Math.max(Math.abs(lo), Math.abs(hi));
    const got = sketch.quantile(p);
    expect(Math.abs(got - exact), `p = ${p}: sketch ${got}, exact ${exact}`).toBeLessThanOrEqual(
      bound * (1 + 1e-12),
    );
  }
}

describe('QuantileSketch: relative error at 1e7 samples (documented: ≤ α, default 0.5%)', () => {
  it.each([
    ['lognormal(0, 1)', lognormal(0, 1)],
    ['normal(0, 1)', normal(0, 1)],
    ['heavy-tailed studentT(1) (Cauchy)', studentT(1)],
    ['lognormal(10, 3), values over many decades', lognormal(10, 3)],
  ])('%s', (_name, dist) => {
    const n = 10_000_000;
    const values = dist.sample(n, createRng('sketch-accuracy'));
    const sketch = new QuantileSketch();
    sketch.addAll(values);
    expect(sketch.count).toBe(n);
    expectWithinGuarantee(sketch, values.sort(), 0.005);
  });
});

describe('QuantileSketch: state independent of order, exactly mergeable', () => {
  it('weighted: segments added in any order, split and merged in any order, or round-tripped give identical masses', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -1e12, max: 1e12, noNaN: true }),
            // Weights over many decades, so that float sums in different orders would round differently.
            fc.oneof(fc.constant(0), fc.double({ min: 1e-30, max: 1e30, noNaN: true })),
          ),
          { minLength: 1, maxLength: 300 },
        ),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.nat(),
        (pairs, cuts, split) => {
          // The "segments": one addWeighted call each.
          const edges = [...new Set([0, ...cuts.map((c) => c % pairs.length), pairs.length])].sort(
            (a, b) => a - b,
          );
          const values = Float64Array.from(pairs, ([v]) => v);
          const weights = Float64Array.from(pairs, ([, w]) => w);
          const segments = edges.slice(1).map((to, i) => [edges[i], to] as const);
          const fill = (list: readonly (readonly [number, number])[]) => {
            const sketch = new QuantileSketch();
            for (const [from, to] of list) sketch.addWeighted(values, weights, from, to);
            return sketch;
          };
          const whole = fill(segments);
          const reversed = fill([...segments].reverse());
          const k = split % (segments.length + 1);
          const rightThenLeft = QuantileSketch.fromWeightedState(
            structuredClone(fill(segments.slice(k)).toWeightedState()),
          );
          rightThenLeft.merge(fill(segments.slice(0, k)));
          for (const sketch of [reversed, rightThenLeft]) {
            if (!Object.is(sketch.weight, whole.weight)) return false;
            for (const p of PROBABILITIES) {
              if (!Object.is(sketch.weightedQuantile(p), whole.weightedQuantile(p))) return false;
            }
            if (!Object.is(sketch.rank(values[0]), whole.rank(values[0]))) return false;
          }
          return true;
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the same values in any order, or split and merged in any order, give identical quantiles', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true }), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.nat(),
        (values, cut) => {
          const whole = new QuantileSketch();
          for (const v of values) whole.add(v);
          const reversed = new QuantileSketch();
          for (let i = values.length - 1; i >= 0; i--) reversed.add(values[i]);
          const k = cut % (values.length + 1);
          const left = new QuantileSketch();
          const right = new QuantileSketch();
          for (const v of values.slice(0, k)) left.add(v);
          for (const v of values.slice(k)) right.add(v);
          const rightThenLeft = new QuantileSketch();
          rightThenLeft.merge(right);
          rightThenLeft.merge(left);
          for (const p of PROBABILITIES) {
            const q = whole.quantile(p);
            if (!Object.is(reversed.quantile(p), q) || !Object.is(rightThenLeft.quantile(p), q))
              return false;
          }
          return rightThenLeft.count === whole.count && rightThenLeft.min === whole.min;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('add and addAll place every value in the same bucket', () => {
    fc.assert(
      fc.property(fc.float64Array({ maxLength: 200 }), (values) => {
        const one = new QuantileSketch();
        for (const v of values) one.add(v);
        const all = new QuantileSketch();
        all.addAll(values);
        if (one.count !== all.count || one.nonFinite !== all.nonFinite) return false;
        if (one.count === 0) return true;
        return PROBABILITIES.every((p) => Object.is(one.quantile(p), all.quantile(p)));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the guarantee on small arbitrary inputs, including zeros, negatives and subnormals', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.double({ noNaN: true, noDefaultInfinity: true }),
            fc.constant(0),
            fc.constant(5e-324),
          ),
          {
            minLength: 1,
            maxLength: 200,
          },
        ),
        (values) => {
          const sketch = new QuantileSketch({ relativeAccuracy: 0.01 });
          for (const v of values) sketch.add(v);
          const sorted = Float64Array.from(values).sort();
          for (const p of PROBABILITIES) {
            const rank = p * (sorted.length - 1);
            const lo = sorted[Math.floor(rank)];
            const hi = sorted[Math.ceil(rank)];
            const exact = lo + (rank - Math.floor(rank)) * (hi - lo);
            // magnitudes below the smallest normal double count as zero (absolute error < 2.3e-308)
            const bound = 0.01 * Math.max(Math.abs(lo), Math.abs(hi)) * (1 + 1e-12) + 2.3e-308;
            const got = sketch.quantile(p);
            if (!Number.isFinite(exact)) continue; // lo + (hi - lo) can overflow for ±1e308 neighbours
            if (!(Math.abs(got - exact) <= bound)) return false;
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('QuantileSketch: edges and bad input', () => {
  it('counts non-finite values apart and gives exact min and max at p = 0 and 1', () => {
    const sketch = new QuantileSketch();
    sketch.addAll(Float64Array.of(3, Number.NaN, -2, Number.POSITIVE_INFINITY, 7));
    expect(sketch.count).toBe(3);
    expect(sketch.nonFinite).toBe(2);
    expect(sketch.quantile(0)).toBe(-2);
    expect(sketch.quantile(1)).toBe(7);
    expect(sketch.min).toBe(-2);
    expect(sketch.max).toBe(7);
    expect(Math.abs(sketch.quantile(0.5) - 3)).toBeLessThanOrEqual(0.005 * 3);
  });

  it('addAll over a range adds exactly that range', () => {
    const values = Float64Array.of(100, 1, 2, 3, 100);
    const sketch = new QuantileSketch();
    sketch.addAll(values, 1, 4);
    expect(sketch.count).toBe(3);
    expect(sketch.max).toBe(3);
  });

  it('rejects bad accuracies, probabilities, merges and empty queries with SalvoErrors', () => {
    expect(() => new QuantileSketch({ relativeAccuracy: 0 })).toThrow(
      /relativeAccuracy must be in \(0, 0.1\], got 0/,
    );
    expect(() => new QuantileSketch({ relativeAccuracy: Number.NaN })).toThrow(SalvoError);
    const sketch = new QuantileSketch();
    expect(() => sketch.quantile(0.5)).toThrow(/no finite value/);
    sketch.add(1);
    expect(() => sketch.quantile(1.5)).toThrow(/p must be a probability in \[0, 1\], got 1.5/);
    expect(() => sketch.merge(new QuantileSketch({ relativeAccuracy: 0.01 }))).toThrow(
      /relativeAccuracy 0.005, got 0.01/,
    );
  });
});

/**
 * Number of values v with |v - x| <= alpha |v| (or, for magnitudes below the smallest normal double,
 * which the sketch counts as zero, with x as small): the only ones rank may place on the wrong side.
 */
function nearThreshold(values: Float64Array, x: number, alpha: number): number {
  const tiny = 2.2250738585072014e-308;
  let near = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Math.abs(v - x) <= alpha * Math.abs(v) * (1 + 1e-12)) near++;
    else if (Math.abs(v) < tiny && Math.abs(x) <= tiny) near++;
  }
  return near;
}

describe('QuantileSketch: rank and state', () => {
  it('rank is exact but for values within α of the threshold', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.double({ min: -2e6, max: 2e6, noNaN: true }),
        fc.boolean(),
        (list, x, inclusive) => {
          const values = Float64Array.from(list);
          const sketch = new QuantileSketch();
          sketch.addAll(values);
          let exact = 0;
          for (const v of values) if (inclusive ? v <= x : v < x) exact++;
          const got = sketch.rank(x, inclusive);
          expect(Math.abs(got - exact)).toBeLessThanOrEqual(nearThreshold(values, x, 0.005));
        },
      ),
    );
  });

  it('rank is exact below the minimum and from the maximum up', () => {
    const values = lognormal(0, 1).sample(10_000, createRng(4));
    const sketch = new QuantileSketch();
    sketch.addAll(values);
    expect(sketch.rank(sketch.min)).toBe(0);
    expect(sketch.rank(sketch.min, true)).toBeGreaterThanOrEqual(1);
    expect(sketch.rank(sketch.max, true)).toBe(10_000);
    expect(sketch.rank(Number.POSITIVE_INFINITY)).toBe(10_000);
    expect(() => sketch.rank(Number.NaN)).toThrow(SalvoError);
  });

  it('toState and fromState round-trip through structuredClone, and merge like the original', () => {
    const values = normal(0, 3).sample(20_000, createRng(5));
    const whole = new QuantileSketch();
    whole.addAll(values);
    const first = new QuantileSketch();
    first.addAll(values, 0, 7_000);
    const second = new QuantileSketch();
    second.addAll(values, 7_000);
    const rebuilt = QuantileSketch.fromState(structuredClone(first.toState()));
    rebuilt.merge(QuantileSketch.fromState(structuredClone(second.toState())));
    for (const p of PROBABILITIES) expect(rebuilt.quantile(p)).toBe(whole.quantile(p));
    expect([rebuilt.count, rebuilt.min, rebuilt.max]).toEqual([whole.count, whole.min, whole.max]);
    expect(QuantileSketch.fromState(new QuantileSketch().toState()).count).toBe(0);
  });

  it('fromState rejects inconsistent states, naming the field', () => {
    const sketch = new QuantileSketch();
    sketch.addAll(Float64Array.of(1, 2, 3));
    const state = sketch.toState();
    expect(() => QuantileSketch.fromState({ ...state, count: 4 })).toThrow(/state\.count/);
    const counts = state.positiveCounts.slice();
    counts[counts.findIndex((c) => c > 0)] = 0.5;
    expect(() => QuantileSketch.fromState({ ...state, positiveCounts: counts })).toThrow(
      /state\.positiveCounts\[\d+\]/,
    );
    expect(() => QuantileSketch.fromState({ ...state, relativeAccuracy: 2 })).toThrow(
      /relativeAccuracy/,
    );
    expect(() => QuantileSketch.fromState(null as never)).toThrow(SalvoError);
  });
});
