import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { model, normal } from '../../src/index.js';
import { quantiles } from '../../src/samples/quantiles.js';

/** -0 as a string, so that toEqual tells it from 0. */
const signed = (x: number): number | string => (Object.is(x, -0) ? '-0' : x);

/**
 * A run with a kept node of 60,000 values (histogram selection applies) holding ties, -0 and 0, NaN
 * and ±Infinity, and a node of 3,000 values (selection on a copy).
 */
function awkwardRun() {
  const m = model({ seed: 7 })
    .input('x', normal(0, 1))
    .derive('y', ({ x }) =>
      x.values.map((v) => {
        if (v > 2.6) return Number.NaN;
        if (v < -2.8) return Number.NEGATIVE_INFINITY;
        if (Math.abs(v) < 0.05) return v < 0 ? -0 : 0;
        return Math.round(v * 40) / 40; // many ties
      }),
    );
  return { big: m.run({ samples: 60_000 }), small: m.run({ samples: 3_000 }) };
}

describe('repeated quantile requests on a kept node', () => {
  it('give the bits of a request of their own, whatever came before (fast-check)', () => {
    const levels = fc.double({ min: 0, max: 1, noNaN: true });
    const request = fc.oneof(
      fc.record({ kind: fc.constant('quantile' as const), p: levels }),
      fc.record({ kind: fc.constant('summary' as const) }),
      fc.record({
        kind: fc.constant('interval' as const),
        level: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 8 }), (requests) => {
        // A new run per sequence: nothing is remembered from another sequence.
        const runs = awkwardRun();
        for (const run of [runs.big, runs.small]) {
          for (const name of ['x', 'y'] as const) {
            const fresh = run.samples(name).slice();
            for (const r of requests) {
              if (r.kind === 'quantile') {
                expect(signed(run.quantile(name, r.p))).toEqual(signed(quantiles(fresh, [r.p])[0]));
              } else if (r.kind === 'summary') {
                const s = run.summary(name);
                const ps = [0.05, 0.25, 0.5, 0.75, 0.95];
                expect(ps.map((p) => signed(s.quantiles[`p${p * 100}` as 'p50']))).toEqual(
                  quantiles(fresh, ps).map(signed),
                );
              } else {
                const i = run.interval(name, r.level);
                const tail = Number(((1 - r.level) / 2).toPrecision(15));
                expect([i.lower, i.estimate, i.upper].map(signed)).toEqual(
                  quantiles(fresh, [tail, 0.5, 1 - tail]).map(signed),
                );
              }
            }
          }
        }
        return true;
      }),
      { numRuns: 25, seed: 17 },
    );
  });

  it('the same level asked twice gives the same value', () => {
    const { big } = awkwardRun();
    const first = [0.3, 0.5, 0.999].map((p) => big.quantile('y', p));
    expect(big.summary('y').quantiles.p50).toBe(first[1]);
    expect([0.3, 0.5, 0.999].map((p) => big.quantile('y', p))).toEqual(first);
  });
});
