import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatInterval,
  formatNumber,
  formatPercent,
  formatUsd,
  model,
  normal,
  WEAK_INTERVAL_SAMPLES,
} from '../../src/index.js';
import { expectSalvoError } from '../helpers/errors.js';

const SCALE: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

/** Reads back what formatNumber wrote. */
function parse(text: string): number {
  if (text === '∞') return Number.POSITIVE_INFINITY;
  if (text === '-∞') return Number.NEGATIVE_INFINITY;
  const match = /^(-?[0-9.]+(?:e[+-][0-9]+)?)([KMBT]?)$/.exec(text);
  if (match === null) throw new Error(`unreadable: ${text}`);
  return Number(match[1]) * (match[2] === '' ? 1 : SCALE[match[2]]);
}

describe('formatNumber', () => {
  it('writes short-scale suffixes at two significant digits', () => {
    expect(
      [3_061_234, 450, 999_999, 0.1734, -2_345_678_901, 0, 1_000, 999.5, 123_456, 7.2e12].map((x) =>
        formatNumber(x),
      ),
    ).toEqual(['3.1M', '450', '1M', '0.17', '-2.3B', '0', '1K', '1K', '120K', '7.2T']);
    expect(formatNumber(3_141_592, { digits: 3 })).toBe('3.14M');
    expect([1e15, 4.2e17, 1.23e-5, 1e-7].map((x) => formatNumber(x))).toEqual([
      '1e+15',
      '4.2e+17',
      '1.2e-5',
      '1e-7',
    ]);
    expect(
      [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map((x) => formatNumber(x)),
    ).toEqual(['NaN', '∞', '-∞']);
  });

  it('property: reads back within half a unit of the last significant digit', () => {
    fc.assert(
      fc.property(
        fc
          .double({ min: -1e20, max: 1e20, noNaN: true })
          .filter((x) => x === 0 || Math.abs(x) > 1e-300),
        fc.integer({ min: 1, max: 6 }),
        (x, digits) => {
          const text = formatNumber(x, { digits });
          const back = parse(text);
          if (x === 0) {
            expect(back).toBe(0);
            return;
          }
          expect(Math.sign(back)).toBe(Math.sign(x));
          expect(Math.abs(back - x) / Math.abs(x)).toBeLessThanOrEqual(
            0.5 * 10 ** (1 - digits) + 1e-12,
          );
          // No trailing zeros after a decimal point, and the mantissa below 1000 when suffixed.
          expect(text).not.toMatch(/\.[0-9]*0(?:[KMBTe]|$)/);
        },
      ),
    );
  });

  it('rejects non-numbers and bad digits, naming them', () => {
    expectSalvoError(() => formatNumber('3' as never), { parameter: 'x' });
    expectSalvoError(() => formatNumber(3, { digits: 0 }), { parameter: 'digits' });
    expectSalvoError(() => formatNumber(3, { digits: 2.5 }), { parameter: 'digits' });
  });
});

describe('formatUsd, formatPercent, formatInterval', () => {
  it('money, shares and intervals as people write them', () => {
    expect([4_213_000_000, 1_234, -350e6, 0, 9_999.9, 25e9].map((x) => formatUsd(x))).toEqual([
      '$4.2B',
      '$1,200',
      '-$350M',
      '$0',
      '$10,000',
      '$25B',
    ]);
    expect(formatUsd(12.345, { digits: 4 })).toBe('$12.35');
    expect([0.1684, 0.005234, 0.00001, 1, 0, -0.00001].map((x) => formatPercent(x))).toEqual([
      '17%',
      '0.52%',
      '<0.01%',
      '100%',
      '0%',
      '>-0.01%',
    ]);
    expect(formatInterval({ estimate: 2.31e6, lower: 1.36e6, upper: 3.44e6, level: 0.9 })).toBe(
      '2.3M (90%: 1.4M–3.4M)',
    );
    expect(
      formatInterval({ estimate: 4.2e9, lower: 1.1e9, upper: 1.2e10, level: 0.9 }, formatUsd),
    ).toBe('$4.2B (90%: $1.1B–$12B)');
    expect(
      formatInterval(
        { estimate: 0.17, lower: 0.1, upper: 0.3, level: 0.95 },
        (x) => `${formatPercent(x)} of GDP`,
      ),
    ).toBe('17% of GDP (95%: 10% of GDP–30% of GDP)');
  });

  it('rejects malformed input', () => {
    expectSalvoError(() => formatUsd(Number.NaN as never, { digits: 99 }), { parameter: 'digits' });
    expectSalvoError(() => formatPercent('x' as never), { parameter: 'share' });
    expectSalvoError(() => formatInterval({ estimate: 1, lower: 0, upper: 2, level: 90 }), {
      parameter: 'interval.level',
    });
    expectSalvoError(
      () => formatInterval({ estimate: 1, lower: 0, upper: '2', level: 0.9 } as never),
      {
        parameter: 'interval.upper',
      },
    );
    expectSalvoError(() => formatInterval(null as never), { parameter: 'interval' });
    expectSalvoError(
      () =>
        formatInterval({ estimate: 1, lower: 0, upper: 2, level: 0.9, effectiveSampleSize: -1 }),
      { parameter: 'interval.effectiveSampleSize' },
    );
  });

  it('marks an interval that rests on fewer than WEAK_INTERVAL_SAMPLES samples', () => {
    const interval = { estimate: 3e5, lower: 2.98e5, upper: 3.01e5, level: 0.9 };
    expect(formatInterval({ ...interval, effectiveSampleSize: 1_000 })).toBe(
      '300K (90%: 300K–300K)',
    );
    expect(formatInterval({ ...interval, effectiveSampleSize: 999.4 })).toBe(
      '300K (90%: 300K–300K) [weak: effective sample size 999]',
    );
    expect(WEAK_INTERVAL_SAMPLES).toBe(1_000);
    // A run conditioned on evidence far in its tails: the interval says how little it rests on.
    const run = model({ seed: 3 })
      .input('x', normal(0, 1))
      .observe('x', normal(3.5, 0.2))
      .run({ samples: 20_000 });
    const x = run.interval('x');
    expect(x.effectiveSampleSize).toBeLessThan(100);
    expect(run.warnings.map((w) => w.code)).toEqual(['LOW_EFFECTIVE_SAMPLE_SIZE']);
    expect(formatInterval(x)).toMatch(/ \[weak: effective sample size \d{1,2}\]$/);
    // Plenty of samples: no mark, and the count is the node's finite samples.
    const plain = model({ seed: 3 }).input('x', normal(0, 1)).run({ samples: 20_000 });
    expect(plain.interval('x').effectiveSampleSize).toBe(20_000);
    expect(formatInterval(plain.interval('x'))).not.toMatch(/weak/);
    expect(
      formatInterval(
        model({ seed: 3 }).input('x', normal(0, 1)).run({ samples: 500 }).interval('x'),
      ),
    ).toMatch(/\[weak: effective sample size 500\]$/);
  });
});
