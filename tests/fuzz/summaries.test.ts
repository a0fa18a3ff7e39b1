import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ecdf,
  histogram,
  max,
  mean,
  min,
  probability,
  quantile,
  quantiles,
  sd,
  summarize,
  variance,
} from '../../src/index.js';
import {
  codedOrValid,
  fuzz,
  hostileNumber,
  hostileValue,
  probabilityOrHostile,
} from './harness.js';

/** Arrays of hostile numbers, as plain arrays or Float64Arrays, and now and then not an array at all. */
const values = fc.oneof(
  fc.array(hostileNumber, { maxLength: 40 }),
  fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 40 }),
  fc.array(hostileNumber, { maxLength: 40 }).map((xs) => Float64Array.from(xs)),
  fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 4100, maxLength: 4200 }),
  hostileValue,
);

const finiteOf = (xs: unknown) =>
  Array.from(xs as ArrayLike<number>).filter((x) => Number.isFinite(x)) as number[];

describe('fuzz: exact summaries of hostile arrays', () => {
  it('summarize: a coded error, or ordered quantiles inside [min, max] and counts that add up', () => {
    fuzz(values, fc.option(fc.array(hostileNumber, { maxLength: 3 })), (xs, extra) => {
      codedOrValid(
        'summarize',
        () => summarize(xs as number[], extra === null ? {} : { probabilities: extra }),
        (s) => {
          const finite = finiteOf(xs);
          expect(s.n).toBe((xs as ArrayLike<number>).length);
          expect(s.nonFinite).toBe(s.n - finite.length);
          const qs = [s.min, s.quantiles.p5, s.quantiles.p25, s.quantiles.p50, s.quantiles.p75];
          qs.push(s.quantiles.p95, s.max);
          for (let i = 1; i < qs.length; i++) expect(qs[i]).toBeGreaterThanOrEqual(qs[i - 1]);
          expect(s.mean).toBeGreaterThanOrEqual(s.min);
          expect(s.mean).toBeLessThanOrEqual(s.max);
          if (finite.length > 1) expect(s.sd).toBeGreaterThanOrEqual(0);
        },
      );
    });
  });

  it('quantile, quantiles, min, max, mean, variance, sd: a coded error or a value in range', () => {
    fuzz(values, probabilityOrHostile, (xs, p) => {
      codedOrValid(
        'quantile',
        () => quantile(xs as number[], p as number),
        (q) => {
          const finite = finiteOf(xs);
          expect(q).toBeGreaterThanOrEqual(Math.min(...finite));
          expect(q).toBeLessThanOrEqual(Math.max(...finite));
        },
      );
      codedOrValid(
        'quantiles',
        () => quantiles(xs as number[], [p as number, 0.5]),
        (qs) => {
          expect(qs.length).toBe(2);
          for (const q of qs) expect(Number.isNaN(q)).toBe(false);
        },
      );
      codedOrValid(
        'min',
        () => min(xs as number[]),
        (m) => expect(Number.isNaN(m)).toBe(false),
      );
      codedOrValid(
        'max',
        () => max(xs as number[]),
        (m) => expect(Number.isNaN(m)).toBe(false),
      );
      codedOrValid(
        'mean',
        () => mean(xs as number[]),
        (m) => expect(Number.isNaN(m)).toBe(false),
      );
      codedOrValid(
        'variance',
        () => variance(xs as number[], { ddof: p === 1 ? 1 : 0 }),
        (v) => {
          expect(v >= 0 || Number.isNaN(v)).toBe(true);
        },
      );
      codedOrValid(
        'sd',
        () => sd(xs as number[]),
        (v) => expect(v >= 0 || Number.isNaN(v)).toBe(true),
      );
    });
  });

  it('probability: a coded error or a share in [0, 1]', () => {
    const op = fc.oneof(
      fc.constantFrom('<', '<=', '>', '>=', '==', '!='),
      fc.constantFrom('<', '>'),
      hostileValue,
    );
    fuzz(values, op, fc.oneof(hostileNumber, hostileValue), (xs, o, t) => {
      codedOrValid(
        'probability',
        () => probability(xs as number[], o as '<', t as number),
        (share) => {
          expect(share).toBeGreaterThanOrEqual(0);
          expect(share).toBeLessThanOrEqual(1);
        },
      );
    });
  });

  it('histogram: a coded error, or counts that add up to the samples', () => {
    const options = fc.oneof(
      fc.record({ bins: hostileValue }, { requiredKeys: [] }),
      fc.record({
        bins: fc.integer({ min: 1, max: 50 }),
        range: fc.tuple(hostileNumber, hostileNumber),
      }),
      fc.record({ edges: fc.array(hostileNumber, { maxLength: 6 }) }),
      hostileValue,
    );
    fuzz(values, options, (xs, o) => {
      codedOrValid(
        'histogram',
        () => histogram(xs as number[], o as object),
        (h) => {
          const n = (xs as ArrayLike<number>).length;
          let inside = 0;
          for (const c of h.counts) {
            expect(Number.isInteger(c) && c >= 0).toBe(true);
            inside += c;
          }
          expect(inside + h.outside + h.nonFinite).toBe(n);
          for (let i = 1; i < h.edges.length; i++)
            expect(h.edges[i]).toBeGreaterThan(h.edges[i - 1]);
        },
      );
    });
  });

  it('ecdf: a coded error, or a non-decreasing function into [0, 1]', () => {
    fuzz(values, fc.array(hostileNumber, { maxLength: 8 }), (xs, at) => {
      codedOrValid(
        'ecdf',
        () => ecdf(xs as number[]),
        (f) => {
          const sorted = at.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
          let previous = 0;
          for (const x of sorted) {
            const y = f(x);
            expect(y).toBeGreaterThanOrEqual(previous);
            expect(y).toBeLessThanOrEqual(1);
            previous = y;
          }
        },
      );
    });
  });
});
