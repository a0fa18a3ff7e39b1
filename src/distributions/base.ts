/**
 * Shared plumbing for distribution objects: argument checks for `sample`, `fill`, `cdf` and `quantile`
 * so that each family writes only its mathematics.
 * @internal
 * @module
 */
import { SalvoError } from '../errors.js';
import type { Rng } from '../rng/types.js';
import { requireFloat64Array, requireSampleCount, show } from '../validate.js';
import { requireUniforms } from './inversion.js';
import { writtenAs, writtenText } from './written.js';

/** Throws unless `rng` looks like an {@link Rng}. */
export function requireRng(where: string, rng: unknown): Rng {
  if (
    typeof rng !== 'object' ||
    rng === null ||
    typeof (rng as Rng).nextUint32 !== 'function' ||
    typeof (rng as Rng).nextFloat64 !== 'function'
  ) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: rng must be a generator from createRng, deriveRng or wrapRng, got ${show(rng)}`,
      { parameter: 'rng', value: rng },
    );
  }
  return rng as Rng;
}

/** Throws unless `p` is a probability in [0, 1]. */
export function requireQuantileLevel(where: string, p: unknown): number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}.quantile: p must be a probability in [0, 1], got ${show(p)}`,
      { parameter: 'p', value: p },
    );
  }
  return p;
}

/** Throws unless `x` is a number that is not NaN (±Infinity are allowed). */
export function requireAbscissa(where: string, method: string, x: unknown): number {
  if (typeof x !== 'number' || Number.isNaN(x)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}.${method}: x must be a number, got ${show(x)}`,
      { parameter: 'x', value: x },
    );
  }
  return x;
}

/** Formats parameters for `toString()`: `family(a = 1, b = 2)`. */
export function describe(family: string, params: Readonly<Record<string, number>>): string {
  const parts = Object.entries(params).map(([k, v]) => `${k} = ${v}`);
  return `${family}(${parts.join(', ')})`;
}

/**
 * Base class of the built-in families. Subclasses implement `fillUnchecked` (the hot loop),
 * `cdfUnchecked`, `quantileUnchecked` and their density, and override `fillFromUniformsUnchecked` where
 * they map many uniforms faster than one `quantileUnchecked` call each; this class validates arguments
 * once per call. Instances are frozen by the factories.
 */
export abstract class BaseDistribution {
  abstract readonly family: string;
  abstract readonly params: Readonly<Record<string, number>>;

  /** Draws into `out` without checking arguments. */
  protected abstract fillUnchecked(out: Float64Array, rng: Rng): void;
  /** P(X <= x) for a non-NaN x. */
  protected abstract cdfUnchecked(x: number): number;
  /** Inverse CDF for p in [0, 1]. */
  protected abstract quantileUnchecked(p: number): number;

  /**
   * Writes the inverse cdf of each uniform (in [0, 1], checked) into `out`, which has the same length
   * and may be `uniforms` itself, without checking arguments. By default `quantileUnchecked` per
   * element; families with a faster exact or numerical inverse override it.
   */
  protected fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    const n = uniforms.length;
    for (let i = 0; i < n; i++) out[i] = this.quantileUnchecked(uniforms[i]);
  }

  sample(n: number, rng: Rng): Float64Array {
    requireSampleCount(`${this.family}.sample`, n);
    requireRng(`${this.family}.sample`, rng);
    const out = new Float64Array(n);
    this.fillUnchecked(out, rng);
    return out;
  }

  fill(out: Float64Array, rng: Rng): Float64Array {
    requireFloat64Array(`${this.family}.fill`, 'out', out);
    requireRng(`${this.family}.fill`, rng);
    this.fillUnchecked(out, rng);
    return out;
  }

  fillFromUniforms(uniforms: Float64Array, out: Float64Array): Float64Array {
    this.fillFromUniformsUnchecked(requireUniforms(this.family, uniforms, out), out);
    return out;
  }

  cdf(x: number): number {
    return this.cdfUnchecked(requireAbscissa(this.family, 'cdf', x));
  }

  quantile(p: number): number {
    return this.quantileUnchecked(requireQuantileLevel(this.family, p));
  }

  /** The factory call this object was made by (`lognormal.ci(380, 600)`), else its parameters. */
  toString(): string {
    const call = writtenAs(this);
    return call === undefined ? this.unwrittenText() : writtenText(call);
  }

  /** The text of an object no factory recorded (an internal part of another distribution). */
  protected unwrittenText(): string {
    return describe(this.family, this.params);
  }
}
