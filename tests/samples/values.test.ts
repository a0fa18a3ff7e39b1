// The rules values.ts states for every exact summary: non-finite values are set aside and counted,
// nothing finite left is EMPTY_DATA, and bad arguments are named.
import { describe, expect, it } from 'vitest';
import { ecdf } from '../../src/samples/ecdf.js';
import { max, min, nonFiniteCount } from '../../src/samples/extremes.js';
import { histogram } from '../../src/samples/histogram.js';
import { mean, sd, variance } from '../../src/samples/moments.js';
import { probability } from '../../src/samples/probability.js';
import { quantile, quantiles } from '../../src/samples/quantiles.js';
import { summarize } from '../../src/samples/summarize.js';
import { thrownSalvoError } from '../helpers/errors.js';

const f64 = (...xs: number[]) => Float64Array.from(xs);

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
