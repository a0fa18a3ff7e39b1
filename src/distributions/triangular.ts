/**
 * Triangular distribution on [min, max] with its peak at `mode` (numpy's `triangular(left, mode, right)`,
 * scipy's `triang`). Sampled by inversion of the CDF with one 53-bit uniform per draw, as numpy does:
 * x = min + sqrt(u (max - min)(mode - min)) for u below (mode - min) / (max - min), else
 * x = max - sqrt((1 - u)(max - min)(max - mode)).
 * @module
 */
import { SalvoError } from '../errors.js';
import type { Rng } from '../rng/types.js';
import { requireFinite, show } from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import type { ContinuousDistribution } from './types.js';
import { written } from './written.js';

/** The smallest normal double: below it a product of the widths has lost relative accuracy. */
const SMALLEST_NORMAL = 2 ** -1022;

class Triangular extends BaseDistribution implements ContinuousDistribution {
  readonly family = 'triangular';
  readonly kind = 'continuous';
  readonly params: Readonly<{ min: number; mode: number; max: number }>;
  readonly mean: number;
  readonly variance: number;
  readonly min: number;
  readonly max: number;
  private readonly mode: number;
  /** P(X <= mode). */
  private readonly modeCdf: number;
  /** (max - min)(mode - min). */
  private readonly leftArea: number;
  /** (max - min)(max - mode). */
  private readonly rightArea: number;

  constructor(min: number, mode: number, max: number) {
    super();
    this.params = Object.freeze({ min, mode, max });
    this.min = min;
    this.mode = mode;
    this.max = max;
    const width = max - min;
    this.modeCdf = (mode - min) / width;
    this.leftArea = width * (mode - min);
    this.rightArea = width * (max - mode);
    this.mean = (min + mode + max) / 3;
    // (a² + b² + c² - ab - ac - bc) / 18, written with differences to avoid cancellation far from 0.
    const l = mode - min;
    const r = max - mode;
    this.variance = (l * l + r * r + l * r) / 18;
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    const min = this.min;
    const max = this.max;
    const modeCdf = this.modeCdf;
    const leftArea = this.leftArea;
    const rightArea = this.rightArea;
    const n = out.length;
    for (let i = 0; i < n; i++) {
      const u = rng.nextFloat64();
      // Rounding can carry min + sqrt(...) one ulp past max (or below min); clamp to the support.
      // (Math.min rather than `x > max ? max : …`: with integer bounds such as triangular(0, 0.3, 1)
      // that branch merged an integer and a double, which V8 boxed, allocating on every draw.)
      const x = u < modeCdf ? min + Math.sqrt(u * leftArea) : max - Math.sqrt((1 - u) * rightArea);
      out[i] = Math.min(Math.max(x, min), max);
    }
  }

  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    // quantileUnchecked written out.
    const min = this.min;
    const mode = this.mode;
    const max = this.max;
    const modeCdf = this.modeCdf;
    const leftArea = this.leftArea;
    const rightArea = this.rightArea;
    const n = uniforms.length;
    for (let i = 0; i < n; i++) {
      const p = uniforms[i];
      out[i] =
        p < modeCdf
          ? Math.min(min + Math.sqrt(p * leftArea), mode)
          : Math.min(Math.max(max - Math.sqrt((1 - p) * rightArea), mode), max);
    }
  }

  protected cdfUnchecked(x: number): number {
    if (x <= this.min) return 0;
    if (x >= this.max) return 1;
    if (x <= this.mode) {
      const d = x - this.min;
      if (this.leftArea >= SMALLEST_NORMAL) return (d * d) / this.leftArea;
      // The product (max − min)(mode − min) underflows (triangular(0, 5e-324, 1e-28).cdf(5e-324) was
      // 0 / 0 = NaN): the same value as a product of two ratios in [0, 1].
      return (d / (this.max - this.min)) * (d / (this.mode - this.min));
    }
    // Right of the mode, as the mode's cdf plus the area between: with e = x − mode and a = max − mode,
    // F = (mode − min)/w + e(2a − e)/(w a) — the same value as 1 − (max − x)²/(w a) without its
    // cancellation, which rounded away a left part below 2^-53 (triangular(-1e-310, -1e-323, 1.045)
    // had cdf(-1e-322) = 9.6e-311 but cdf(0) = 0).
    const a = this.max - this.mode;
    const e = x - this.mode;
    const w = this.max - this.min;
    return Math.min(1, this.modeCdf + (e / w) * ((2 * a - e) / a));
  }

  protected quantileUnchecked(p: number): number {
    // Each branch is kept on its side of the mode: when mode - min is tiny against max - min, rounding
    // carried max - √((1 − p) · rightArea) below the mode and the quantile stopped being monotone.
    if (p < this.modeCdf) {
      const offset =
        this.leftArea >= SMALLEST_NORMAL
          ? Math.sqrt(p * this.leftArea)
          : (this.mode - this.min) * Math.sqrt(p / this.modeCdf); // the area underflows
      return Math.min(this.min + offset, this.mode);
    }
    const offset =
      this.rightArea >= SMALLEST_NORMAL
        ? Math.sqrt((1 - p) * this.rightArea)
        : p === 1
          ? 0
          : (this.max - this.mode) * Math.sqrt((1 - p) / (1 - this.modeCdf));
    const x = this.max - offset;
    return x > this.max ? this.max : Math.max(x, this.mode);
  }

  pdf(x: number): number {
    requireAbscissa(this.family, 'pdf', x);
    if (x < this.min || x > this.max) return 0;
    const width = this.max - this.min;
    // (2 / width) · (x − min) / (mode − min), the ratio last so that a tiny mode − min cannot underflow.
    if (x < this.mode) return (2 / width) * ((x - this.min) / (this.mode - this.min));
    if (x > this.mode) return (2 / width) * ((this.max - x) / (this.max - this.mode));
    return 2 / width;
  }
}

/**
 * The triangular distribution: density rising linearly from 0 at `min` to its peak at `mode`, then
 * falling linearly to 0 at `max`. A quick three-point estimate (lowest, most likely, highest); it puts
 * more weight on the extremes than a PERT (beta) distribution with the same three points does. `mode` may equal `min` or `max` (a right or left
 * triangle). Mean `(min + mode + max) / 3`.
 *
 * @param min - lowest possible value, finite
 * @param mode - most likely value, finite, with `min <= mode <= max`
 * @param max - highest possible value, finite, greater than `min`
 * The cdf and quantile work with (max − min)², so a width whose square overflows or leaves the normal
 * doubles (outside [1.5e-154, 1.3e154]) is refused rather than answered with NaN.
 *
 * @throws {@link SalvoError} `INVALID_PARAMETER` when a parameter is not finite, `min >= max`, `mode`
 * lies outside [min, max], or `max - min` lies outside [1.5e-154, 1.3e154]
 *
 * @example
 * ```ts
 * import { createRng, triangular } from 'salvo';
 * const containers = triangular(5000, 6700, 8000);
 * containers.mean;                          // => 6566.666666666667
 * containers.cdf(6700);                     // => 0.5666666666666667
 * containers.quantile(0.5);                 // => 6596.871942267131
 * containers.sample(3, createRng('doc'));   // => Float64Array(3) of values in [5000, 8000]
 * ```
 */
export function triangular(min: number, mode: number, max: number): ContinuousDistribution {
  requireFinite('triangular', 'min', min);
  requireFinite('triangular', 'mode', mode);
  requireFinite('triangular', 'max', max);
  if (min >= max) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `triangular: min must be less than max, got min = ${show(min)}, max = ${show(max)}`,
      { parameter: 'min', value: min },
    );
  }
  if (mode < min || mode > max) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `triangular: mode must lie in [min, max] = [${show(min)}, ${show(max)}], got ${show(mode)}`,
      { parameter: 'mode', value: mode },
    );
  }
  const width = max - min;
  if (!(width * width >= Number.MIN_VALUE * 2 ** 52 && width * width < Number.POSITIVE_INFINITY)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `triangular: max - min must lie between 1.5e-154 and 1.3e154, got min = ${show(min)}, ` +
        `max = ${show(max)}: the cdf and quantile work with (max - min)², which would ` +
        `${width * width === Number.POSITIVE_INFINITY ? 'overflow' : 'underflow'}; rescale the quantity (another unit)`,
      { parameter: 'max', value: max },
    );
  }
  return written(Object.freeze(new Triangular(min, mode, max)), 'triangular', [min, mode, max]);
}
