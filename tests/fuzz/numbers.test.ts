import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fit, formatInterval, formatNumber, formatPercent, formatUsd } from '../../src/index.js';
import { add, clamp, mulScalar, powScalar, scalarDiv, where } from '../../src/kernels.js';
import { codedOrValid, fuzz, hostileNumber, hostileValue } from './harness.js';

const arrayOrHostile = fc.oneof(
  {
    arbitrary: fc.array(hostileNumber, { maxLength: 12 }).map((xs) => Float64Array.from(xs)),
    weight: 4,
  },
  { arbitrary: hostileValue, weight: 1 },
);

describe('fuzz: formats, fits and kernels', () => {
  it('formatNumber, formatUsd, formatPercent, formatInterval: a coded error or a non-empty string', () => {
    const options = fc.oneof(
      fc.record({ digits: hostileValue }, { requiredKeys: [] }),
      hostileValue,
    );
    fuzz(
      fc.oneof({ arbitrary: hostileNumber, weight: 3 }, { arbitrary: hostileValue, weight: 1 }),
      options,
      (x, o) => {
        const text = (s: string) => expect(typeof s === 'string' && s.length > 0).toBe(true);
        codedOrValid('formatNumber', () => formatNumber(x as number, o as object), text);
        codedOrValid('formatUsd', () => formatUsd(x as number, o as object), text);
        codedOrValid('formatPercent', () => formatPercent(x as number, o as object), text);
      },
    );
    const interval = fc.oneof(
      fc.record({
        estimate: hostileNumber,
        lower: hostileNumber,
        upper: hostileNumber,
        level: hostileNumber,
      }),
      hostileValue,
    );
    fuzz(interval, (i) => {
      codedOrValid(
        'formatInterval',
        () => formatInterval(i as never),
        (s) => {
          expect(typeof s === 'string' && s.length > 0).toBe(true);
        },
      );
    });
  });

  it('fit.*: a coded error, or finite parameters and a finite log-likelihood', () => {
    const data = fc.oneof(
      fc.array(hostileNumber, { maxLength: 30 }),
      fc.array(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 60 }),
      fc.array(fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }), {
        minLength: 2,
        maxLength: 60,
      }),
      fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 60 }),
      hostileValue,
    );
    fuzz(data, fc.constantFrom('normal', 'lognormal', 'gamma', 'beta', 'poisson'), (xs, family) => {
      codedOrValid(
        `fit.${family}`,
        () => fit[family as 'normal'](xs as number[]),
        (r) => {
          for (const value of Object.values(r.params)) expect(Number.isFinite(value)).toBe(true);
          expect(Number.isFinite(r.logLikelihood)).toBe(true);
          const p = r.goodnessOfFit.pValue;
          expect(Number.isNaN(p) || (p >= 0 && p <= 1)).toBe(true);
        },
      );
    });
  });

  it('kernels: a coded error for mismatched or wrong arguments, else IEEE results element by element', () => {
    fuzz(arrayOrHostile, arrayOrHostile, hostileValue, (a, b, s) => {
      codedOrValid(
        'add',
        () =>
          add(
            a as Float64Array,
            b as Float64Array,
            new Float64Array((a as Float64Array)?.length ?? 0),
          ),
        (out) => {
          for (let i = 0; i < out.length; i++) {
            expect(Object.is(out[i], (a as Float64Array)[i] + (b as Float64Array)[i])).toBe(true);
          }
        },
      );
      const n = (a as Float64Array)?.length ?? 0;
      codedOrValid('mulScalar', () =>
        mulScalar(a as Float64Array, s as number, new Float64Array(n)),
      );
      codedOrValid('powScalar', () =>
        powScalar(a as Float64Array, s as number, new Float64Array(n)),
      );
      codedOrValid('scalarDiv', () =>
        scalarDiv(s as number, a as Float64Array, new Float64Array(n)),
      );
      codedOrValid('clamp', () =>
        clamp(a as Float64Array, b as Float64Array, b as Float64Array, new Float64Array(n)),
      );
      codedOrValid('where', () =>
        where(new Uint8Array(n), a as Float64Array, b as Float64Array, new Float64Array(n)),
      );
    });
  });
});
