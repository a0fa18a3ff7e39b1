/**
 * Exponential distribution, parameterised by its rate (d3's `randomExponential(lambda)`; numpy's
 * `exponential(scale)` takes the mean `1 / rate` instead).
 *
 * Sampling: the ziggurat method for the exponential of G. Marsaglia and W. W. Tsang, "The Ziggurat Method
 * for Generating Random Variables", Journal of Statistical Software 5(8), 2000, with 256 layers and
 * J. A. Doornik's (2005) correction (layer index and abscissa from disjoint bits; 53-bit abscissa).
 * Measured against inversion `-log1p(-u) / rate`, the ziggurat is several times faster (`Math.log1p`
 * dominates inversion's cost), so the ziggurat it is (figures: docs/performance.md, "Design decisions
 * and their measurements").
 * @module
 */
import type { Rng } from '../rng/types.js';
import { invalidParameter, requirePositive, show } from '../validate.js';
import { BaseDistribution, requireAbscissa } from './base.js';
import type { ContinuousDistribution } from './types.js';
import { written } from './written.js';

// 256 layers of equal area V under exp(-x); R starts the tail (computed to 25 digits with mpmath so that
// the top layer closes exactly; numpy's ziggurat_exp_r is the same double).
const ZIG_R = 7.69711747013105;
const ZIG_V = 0.003949659822581557;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** k[i]: fast-accept bound of layer i for the 53-bit integer abscissa. */
const ZIG_K = new Float64Array(256);
/** w[i] = x_i / 2^53. */
const ZIG_W = new Float64Array(256);
/** f[i] = exp(-x_i), the density at the outer edge of layer i. */
const ZIG_F = new Float64Array(256);

{
  const q = ZIG_V / Math.exp(-ZIG_R); // width of the base strip (layer 0)
  ZIG_K[0] = Math.floor((ZIG_R / q) * TWO_POW_53);
  ZIG_K[1] = 0;
  ZIG_W[0] = q / TWO_POW_53;
  ZIG_W[255] = ZIG_R / TWO_POW_53;
  ZIG_F[0] = 1;
  ZIG_F[255] = Math.exp(-ZIG_R);
  let outer = ZIG_R;
  for (let i = 254; i >= 1; i--) {
    const inner = -Math.log(ZIG_V / outer + Math.exp(-outer));
    ZIG_K[i + 1] = Math.floor((inner / outer) * TWO_POW_53);
    outer = inner;
    ZIG_F[i] = Math.exp(-inner);
    ZIG_W[i] = inner / TWO_POW_53;
  }
}

/**
 * The rare branch (2.2% of attempts): the wedge of layer `i`, or for layer 0 the tail, which by the
 * memorylessness of the exponential is R plus a fresh standard exponential (by inversion).
 */
function zigguratSlow(rng: Rng, i: number, x: number): number {
  for (;;) {
    if (i === 0) return ZIG_R - Math.log1p(-rng.nextFloat64());
    const f0 = ZIG_F[i];
    if (f0 + (ZIG_F[i - 1] - f0) * rng.nextFloat64() < Math.exp(-x)) return x;
    const u1 = rng.nextUint32();
    const rabs = (u1 >>> 11) * TWO_POW_32 + rng.nextUint32();
    i = u1 & 255;
    x = rabs * ZIG_W[i];
    if (rabs < ZIG_K[i]) return x;
  }
}

/**
 * One standard exponential draw (rate 1) by the ziggurat: two 32-bit words per attempt (first word: bits
 * 0-7 layer, bits 11-31 the high 21 bits of a 53-bit abscissa; second word: its low 32 bits), plus
 * `nextFloat64` calls in the rare wedge and tail branches.
 * @param rng - the source of randomness
 * @returns a draw from the exponential distribution with rate 1
 * @internal
 */
export function standardExponential(rng: Rng): number {
  const u1 = rng.nextUint32();
  const rabs = (u1 >>> 11) * TWO_POW_32 + rng.nextUint32();
  const i = u1 & 255;
  const x = rabs * ZIG_W[i];
  if (rabs < ZIG_K[i]) return x;
  return +zigguratSlow(rng, i, x); // + keeps the merge with `x` a double (see standardNormal)
}

class Exponential extends BaseDistribution implements ContinuousDistribution {
  readonly family = 'exponential';
  readonly kind = 'continuous';
  readonly params: Readonly<{ rate: number }>;
  readonly mean: number;
  readonly variance: number;
  readonly min = 0;
  readonly max = Infinity;
  private readonly rate: number;
  private readonly scale: number;

  constructor(rate: number) {
    super();
    this.params = Object.freeze({ rate });
    this.rate = rate;
    this.scale = 1 / rate;
    this.mean = this.scale;
    this.variance = this.scale * this.scale;
  }

  protected fillUnchecked(out: Float64Array, rng: Rng): void {
    // standardExponential written out, so that the common branch (97.8%) has no call in it.
    const scale = this.scale;
    const k = ZIG_K;
    const w = ZIG_W;
    const n = out.length;
    for (let j = 0; j < n; j++) {
      const u1 = rng.nextUint32();
      const rabs = (u1 >>> 11) * 4294967296 + rng.nextUint32();
      const i = u1 & 255;
      const x = rabs * w[i];
      out[j] = scale * (rabs < k[i] ? x : +zigguratSlow(rng, i, x)); // + as in standardNormal
    }
  }

  protected override fillFromUniformsUnchecked(uniforms: Float64Array, out: Float64Array): void {
    const rate = this.rate;
    const n = uniforms.length;
    for (let i = 0; i < n; i++) out[i] = -Math.log1p(-uniforms[i]) / rate;
  }

  protected cdfUnchecked(x: number): number {
    return x <= 0 ? 0 : -Math.expm1(-this.rate * x);
  }

  protected quantileUnchecked(p: number): number {
    return -Math.log1p(-p) / this.rate;
  }

  pdf(x: number): number {
    requireAbscissa(this.family, 'pdf', x);
    return x < 0 ? 0 : this.rate * Math.exp(-this.rate * x);
  }
}

/**
 * A bound on a standard exponential draw or quantile below 1 (−log of the smallest double is 744.4),
 * which times 1 / rate must stay finite.
 */
const EXPONENTIAL_TAIL_BOUND = 750;

/**
 * The exponential distribution with the given rate: the waiting time until the first event of a Poisson
 * process with `rate` events per unit of time. Mean `1 / rate`, variance `1 / rate^2`, memoryless.
 *
 * The parameter is the rate, as in d3's `randomExponential(lambda)` and scipy's `expon(scale = 1 / rate)`;
 * numpy's `exponential(scale)` takes the mean instead, so numpy's `exponential(2)` is `exponential(0.5)`
 * here.
 *
 * @param rate - events per unit of time, finite and > 0 (the mean is `1 / rate`)
 * A rate so small that `750 / rate` overflows (below about 4.2e-306) is refused: the mean and the
 * samples would be Infinity.
 *
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `rate` is not a finite number > 0, or is below
 *   `750 / Number.MAX_VALUE`
 *
 * @example
 * ```ts
 * import { createRng, exponential } from 'salvo';
 * const daysToNextShipment = exponential(0.25); // 0.25 shipments per day: 4 days on average
 * daysToNextShipment.mean;                      // => 4
 * daysToNextShipment.cdf(4);                    // => 0.6321205588285577
 * daysToNextShipment.quantile(0.5);             // => 2.772588722239781
 * daysToNextShipment.sample(5, createRng('doc')); // => Float64Array(5) of values >= 0
 * ```
 */
export function exponential(rate: number): ContinuousDistribution {
  requirePositive('exponential', 'rate', rate);
  if (!Number.isFinite(EXPONENTIAL_TAIL_BOUND / rate)) {
    throw invalidParameter(
      'exponential',
      'rate',
      `rate must be at least ${EXPONENTIAL_TAIL_BOUND / Number.MAX_VALUE}, got ${show(rate)}: below it ` +
        'the mean 1 / rate and the upper quantiles and samples overflow to Infinity; rescale the time unit',
      rate,
    );
  }
  return written(Object.freeze(new Exponential(rate)), 'exponential', [rate]);
}
