/**
 * Numbers people read at a glance: `3.1M`, `$4.2B`, `17%`, and intervals such as
 * `2.3M (90%: 1.4M–3.4M)`. Everything rounds to significant digits (two by default, the precision an
 * estimate with a wide range deserves) and uses the short scale (K thousand, M million, B billion,
 * T trillion).
 * @module
 */
import { SalvoError } from '../errors.js';
import type { IntervalEstimate } from '../model/precision.js';
import { optionNames, requireKnownOptions, requireObject, show } from '../validate.js';

/**
 * Options of {@link formatNumber} and the functions built on it.
 *
 * @example
 * ```ts
 * import { formatNumber, type FormatOptions } from 'salvo';
 * const precise: FormatOptions = { digits: 3 };
 * formatNumber(3_141_592, precise); // => '3.14M'
 * ```
 */
export interface FormatOptions {
  /** Significant digits, an integer from 1 to 15; default 2. */
  readonly digits?: number;
}

/** The names {@link FormatOptions} knows, for `UNKNOWN_OPTION`. */
const FORMAT_OPTION_NAMES = optionNames<FormatOptions>()(['digits']);

const SUFFIXES: readonly [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

function requireDigits(where: string, options: FormatOptions | undefined): number {
  requireKnownOptions(where, 'options', options, FORMAT_OPTION_NAMES);
  const digits = options?.digits ?? 2;
  if (!Number.isInteger(digits) || digits < 1 || digits > 15) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: digits must be an integer from 1 to 15, got ${show(digits)}`,
      { parameter: 'digits', value: digits },
    );
  }
  return digits;
}

function requireNumber(where: string, parameter: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${parameter} must be a number, got ${show(value)}`,
      { parameter, value },
    );
  }
  return value;
}

/** Drops trailing zeros after a decimal point (and the point itself when nothing is left). */
function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** Writes a positive magnitude already rounded to `digits` significant digits, without exponent. */
function plain(magnitude: number, digits: number): string {
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(magnitude)));
  return trimZeros(magnitude.toFixed(Math.min(decimals, 20)));
}

/** Scientific notation without trailing zeros in the mantissa: `4.2e+15`, `1e-7`. */
function scientific(magnitude: number, digits: number): string {
  const [mantissa, exponent] = magnitude.toExponential(digits - 1).split('e');
  return `${trimZeros(mantissa)}e${exponent}`;
}

/**
 * A number rounded to significant digits with a short-scale suffix: `3.1M`, `450K`, `2.3B`, `0.17`,
 * `-12`. Values below 1,000 have no suffix; from 1,000 trillion on and below 0.0001, scientific
 * notation (`4.2e+15`, `1.2e-5`).
 * `NaN` is written `NaN` and infinities `∞` and `-∞`, so that a broken number is never disguised.
 *
 * @param x - the number
 * @param options - `digits`: significant digits (default 2)
 * @returns the text
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `x` is not a number or `digits` is not an integer
 *   from 1 to 15
 * @example
 * ```ts
 * import { formatNumber } from 'salvo';
 * formatNumber(3_061_234);              // => '3.1M'
 * formatNumber(450);                    // => '450'
 * formatNumber(999_999);                // => '1M'
 * formatNumber(0.1734);                 // => '0.17'
 * formatNumber(-2_345_678_901, { digits: 3 }); // => '-2.35B'
 * ```
 */
export function formatNumber(x: number, options?: FormatOptions): string {
  const where = 'formatNumber';
  requireNumber(where, 'x', x);
  const digits = requireDigits(where, options);
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return '∞';
  if (x === Number.NEGATIVE_INFINITY) return '-∞';
  const sign = x < 0 ? '-' : '';
  // Round first, so that 999,999 becomes 1M rather than 1000K.
  let magnitude = Math.abs(x);
  if (magnitude === 0) return '0';
  magnitude = Number(magnitude.toPrecision(digits));
  if (magnitude >= 1e15 || magnitude < 1e-4) return `${sign}${scientific(magnitude, digits)}`;
  for (const [scale, suffix] of SUFFIXES) {
    if (magnitude >= scale) return `${sign}${plain(magnitude / scale, digits)}${suffix}`;
  }
  return `${sign}${plain(magnitude, digits)}`;
}

/**
 * An amount of US dollars: `$4.2B`, `-$350M`, `$1,200` below ten thousand (exact hundreds read better
 * there than `1.2K`).
 *
 * @param usd - the amount in US dollars
 * @param options - `digits`: significant digits (default 2)
 * @returns the text
 * @throws {@link SalvoError} `INVALID_PARAMETER` as {@link formatNumber} does
 * @example
 * ```ts
 * import { formatUsd } from 'salvo';
 * formatUsd(4_213_000_000); // => '$4.2B'
 * formatUsd(1_234);         // => '$1,200'
 * formatUsd(-350e6);        // => '-$350M'
 * ```
 */
export function formatUsd(usd: number, options?: FormatOptions): string {
  requireNumber('formatUsd', 'usd', usd);
  const digits = requireDigits('formatUsd', options);
  if (!Number.isFinite(usd)) return formatNumber(usd, options);
  const sign = usd < 0 ? '-' : '';
  const magnitude = Math.abs(usd);
  if (magnitude < 10_000) {
    const rounded = magnitude === 0 ? 0 : Number(magnitude.toPrecision(digits));
    return `${sign}$${rounded.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
  }
  return `${sign}$${formatNumber(magnitude, { digits })}`;
}

/**
 * A share as a percentage: `17%`, `0.52%`, `<0.01%` for a positive share below what the digits can
 * show, `100%`. Shares are fractions (0.17 is 17%).
 *
 * @param share - the fraction, such as 0.17
 * @param options - `digits`: significant digits (default 2)
 * @returns the text
 * @throws {@link SalvoError} `INVALID_PARAMETER` as {@link formatNumber} does
 * @example
 * ```ts
 * import { formatPercent } from 'salvo';
 * formatPercent(0.1684);   // => '17%'
 * formatPercent(0.005234); // => '0.52%'
 * formatPercent(0.00001);  // => '<0.01%'
 * ```
 */
export function formatPercent(share: number, options?: FormatOptions): string {
  requireNumber('formatPercent', 'share', share);
  requireDigits('formatPercent', options);
  if (!Number.isFinite(share)) return `${formatNumber(share)}%`;
  const percent = share * 100;
  if (percent > 0 && percent < 0.01) return '<0.01%';
  if (percent < 0 && percent > -0.01) return '>-0.01%';
  return `${formatNumber(percent, options)}%`;
}

/**
 * Fewer independent samples than this and {@link formatInterval} marks an interval as weak: the
 * default `minEffectiveSampleSize` below which a run with evidence warns, so that the mark and the
 * warning agree. For scale: at 1,000 samples the 5th percentile of a normal quantity has a standard
 * error of √(0.05 · 0.95 / 1000) / φ(1.645) ≈ 0.067 standard deviations, 4% of its distance from the
 * median (1.645), and the error grows as 1/√n below.
 *
 * @example
 * ```ts
 * import { WEAK_INTERVAL_SAMPLES } from 'salvo';
 * WEAK_INTERVAL_SAMPLES; // => 1000
 * ```
 */
export const WEAK_INTERVAL_SAMPLES = 1_000;

/**
 * An estimate and its interval as `2.3M (90%: 1.4M–3.4M)`, each number written by `format` (default
 * {@link formatNumber}; pass {@link formatUsd} for money, or a function that adds a unit). An interval
 * that says it rests on fewer than {@link WEAK_INTERVAL_SAMPLES} independent samples (its
 * `effectiveSampleSize`, which `run.interval` gives) is marked, so that a reader does not take noise
 * for a finding: `300K (90%: 300K–300K) [weak: effective sample size 1]`.
 *
 * @param interval - estimate, lower, upper and level in (0, 1), and optionally the effective sample size
 * @param format - writes one number
 * @returns the text
 * @throws {@link SalvoError} `INVALID_PARAMETER` when the level is not in (0, 1) or a field is not a
 *   number
 * @example
 * ```ts
 * import { formatInterval, formatUsd } from 'salvo';
 * formatInterval({ estimate: 2.31e6, lower: 1.36e6, upper: 3.44e6, level: 0.9 });
 * // => '2.3M (90%: 1.4M–3.4M)'
 * formatInterval({ estimate: 4.2e9, lower: 1.1e9, upper: 1.2e10, level: 0.9 }, formatUsd);
 * // => '$4.2B (90%: $1.1B–$12B)'
 * formatInterval({ estimate: 3e5, lower: 2.98e5, upper: 3.01e5, level: 0.9, effectiveSampleSize: 1.2 });
 * // => '300K (90%: 300K–300K) [weak: effective sample size 1]'
 * ```
 */
export function formatInterval(
  interval: IntervalEstimate,
  format: (x: number) => string = (x) => formatNumber(x),
): string {
  const where = 'formatInterval';
  requireObject(where, 'interval', interval, '{ estimate, lower, upper, level }');
  for (const key of ['estimate', 'lower', 'upper', 'level'] as const) {
    requireNumber(where, `interval.${key}`, interval[key]);
  }
  if (!(interval.level > 0 && interval.level < 1)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: interval.level must be a probability strictly between 0 and 1, got ${show(interval.level)}`,
      { parameter: 'interval.level', value: interval.level },
    );
  }
  const samples = interval.effectiveSampleSize;
  if (samples !== undefined && !(typeof samples === 'number' && samples >= 0)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: interval.effectiveSampleSize must be a number >= 0 when given, got ${show(samples)}`,
      { parameter: 'interval.effectiveSampleSize', value: samples },
    );
  }
  const level = formatPercent(interval.level, { digits: 3 });
  const text = `${format(interval.estimate)} (${level}: ${format(interval.lower)}–${format(interval.upper)})`;
  if (samples === undefined || samples >= WEAK_INTERVAL_SAMPLES) return text;
  return `${text} [weak: effective sample size ${Math.round(samples).toLocaleString('en-US')}]`;
}
