/**
 * The factory {@link truncated}: its argument checks, the window it works out once (the probabilities
 * that locate it, the mirror image for a normal's upper tail, the extreme atoms of a discrete base),
 * the choice between inversion and rejection, and the errors for windows that cannot be sampled.
 * @internal
 * @module
 */
import { SalvoError } from '../../errors.js';
import { optionNames, requireKnownOptions, requireObject, show } from '../../validate.js';
import { empirical, empiricalSortedData } from '../empirical.js';
import { requireDistribution } from '../mixture.js';
import type { ContinuousDistribution, DiscreteDistribution, Distribution } from '../types.js';
import { givenOptions, written } from '../written.js';
import {
  ContinuousTruncated,
  DiscreteTruncated,
  MixedTruncated,
  Truncated,
  type TruncationSetup,
} from './distribution.js';
import type { TruncateComponent } from './moments.js';
import { nextDown, nextUp } from './window.js';

/**
 * Families whose quantile is a closed form or a fixed-cost rational approximation (Wichura's AS241 for
 * the normal; uniform, triangular, logUniform, constant and the like are closed forms). Truncations of
 * these are always sampled by inversion: one uniform per sample, mapped monotonically, whatever the
 * window. Families not listed (Poisson, gamma, beta, mixtures: iterative searches, measured tens of
 * times dearer a call) are sampled by rejection when the window is probable enough. The costs per call:
 * docs/performance.md, "Design decisions and their measurements".
 */
const CHEAP_QUANTILE: ReadonlySet<string> = new Set([
  'uniform',
  'normal',
  'lognormal',
  'exponential',
  'triangular',
  'logUniform',
  'constant',
]);

/**
 * Rejection is used (for families without a cheap quantile) when at least this share of base draws is
 * accepted, inversion below it. The crossover was measured on truncated Poisson(20), gamma(2.5) and
 * gamma(0.3) (docs/performance.md, "Design decisions and their measurements"): at this acceptance
 * rejection costs at worst the same order as inversion and often far less; it is also exact whatever
 * the accuracy of the base quantile.
 */
const MIN_REJECTION_ACCEPTANCE = 0.1;

/**
 * A window whose probability is below `F(max) · 2^-32` cannot be sampled: inversion has fewer than about
 * a million distinct levels of u in it (and its cdf loses six or more digits), and rejection would need
 * billions of draws per sample.
 */
const MIN_RESOLVED_MASS = 2 ** -32;

/**
 * The window of {@link truncated}: either bound may be left out, not both.
 *
 * @example
 * ```ts
 * import { normal, type TruncationBounds, truncated } from 'salvo';
 * const nonNegative: TruncationBounds = { min: 0 };
 * truncated(normal(0, 1), nonNegative).max;            // => Infinity
 * truncated(normal(0, 1), nonNegative).cdf(0);          // => 0
 * truncated(normal(0, 1), { min: -1, max: 1 }).cdf(0); // => 0.5
 * ```
 */
export interface TruncationBounds {
  /** Smallest value kept (inclusive); default `-Infinity`. */
  readonly min?: number;
  /** Largest value kept (inclusive); default `Infinity`. */
  readonly max?: number;
}

/** The names {@link TruncationBounds} knows, for `UNKNOWN_OPTION`. */
const BOUNDS_NAMES = optionNames<TruncationBounds>()(['min', 'max']);

function requireBound(name: 'min' | 'max', value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `truncated: ${name} must be a number (or left out), got ${show(value)}`,
      { parameter: name, value },
    );
  }
  return value;
}

/** P(min <= X <= max) for any distribution, by its cdf (and pmf for a discrete one). */
function windowMass(dist: Distribution, bounds: { min: number; max: number }): number {
  const atMin = dist.kind === 'discrete' ? (dist as DiscreteDistribution).pmf(bounds.min) : 0;
  const below =
    dist.kind === 'mixed' ? dist.cdf(nextDown(bounds.min)) : dist.cdf(bounds.min) - atMin;
  return dist.cdf(bounds.max) - Math.max(0, below);
}

/** The error for a window of probability exactly 0 (told apart from an unresolvable one internally). */
class EmptyWindow extends SalvoError {}

function hopeless(
  dist: Distribution,
  lower: number,
  upper: number,
  mass: number,
  why: string,
): SalvoError {
  const ErrorClass = mass > 0 ? SalvoError : EmptyWindow;
  return new ErrorClass(
    'REJECTION_HOPELESS',
    `truncated: the window [${show(lower)}, ${show(upper)}] has probability ${mass} under ` +
      `${String(dist)} (acceptance rate ${mass}); ${why}`,
    { parameter: 'dist', value: dist },
  );
}

/**
 * A component of a mixture base truncated to the window, for the moments: `'empty'` when the window has
 * probability 0 under it, `'unresolved'` when it cannot be truncated otherwise.
 */
const truncateComponent: TruncateComponent = (component, bounds) => {
  let piece: Distribution;
  try {
    piece = truncated(component, bounds);
  } catch (error) {
    if (error instanceof EmptyWindow) return 'empty';
    return 'unresolved';
  }
  const mass = piece instanceof Truncated ? piece.mass : windowMass(component, bounds);
  return { piece, mass };
};

/**
 * The distribution of X given min <= X <= max, for any salvo distribution X: its density (or mass) inside
 * the window divided by the probability P(min <= X <= max) of the window, and zero outside. Use it for a
 * quantity with hard physical limits (a share between 0 and 1, a count that cannot be negative).
 *
 * **Bounds** are inclusive. For a discrete base the support is the base's atoms inside [min, max]: with
 * integer atoms, `truncated(poisson(3), { min: 1.5 })` keeps 2, 3, …; the probability below the window is
 * P(X < min) = F(min) − P(X = min).
 *
 * **Sampling.** By inversion — one uniform per sample, in index order, `u` in (F(min), F(max)) mapped
 * through `dist.quantile` — when the base family has a closed-form quantile (uniform, normal, lognormal,
 * exponential and the like), or when the window holds less than 10% of the mass. Otherwise (gamma,
 * beta, Poisson, mixtures, whose quantile is an iterative search, far dearer a call: see the
 * performance guide) by rejection: batches of `dist.fill` draws of size
 * min(4096, ⌈1.1 · needed / P(window)⌉ + 16), keeping the draws inside the window in order, the
 * surplus of the last batch discarded. Either way the consumption is deterministic and `fill(out)`
 * equals `sample(out.length)`. For a normal whose window lies above its mean the work is done on the
 * mirror image 2μ − X, so that far upper tails keep full precision.
 * A window deep in the upper tail of another family, where F(min) rounds to 1, cannot be resolved.
 *
 * **Functions.** `cdf(x) = (F(x) − F(min−)) / P(window)`; `quantile(p) = F⁻¹(F(min−) + p · P(window))`,
 * clamped to the window; `pdf`/`pmf` divided by P(window).
 *
 * **Moments** are computed on first use (and cached):
 * - normal base: the closed forms, with α, β the standardised bounds and Z = Φ(β) − Φ(α),
 *   mean = μ + σ(φ(α) − φ(β))/Z and variance = σ²[1 + (αφ(α) − βφ(β))/Z − ((φ(α) − φ(β))/Z)²]; a formula
 *   that would cancel (the variance of a window far in a tail, anything of a very narrow window) is
 *   replaced by quadrature. Checked against mpmath in the tests, down to min = 37σ (the accuracy
 *   measured is in the performance guide).
 * - discrete base: exact sums over the atoms, walking out from the median until the probability left
 *   is below 1e-17 of the window (a fraction of a second, once, for Poisson(10⁶); walks longer than
 *   10⁶ atoms fall back to quadrature).
 * - other bases: double-exponential quadrature of the truncated quantile function Q,
 *   mean = c + ∫(Q − c), variance = ∫(Q − c)² − (∫(Q − c))² with c the median, where ∫ is over (0, 1);
 *   when the window reaches into the upper half of the base, its top 2⁻²⁰ of probability is integrated
 *   over the density instead (exp-sinh to infinity), so that heavy upper tails, which a quantile
 *   function cannot reach past 1 − 2⁻⁵³, are not cut. Checked in the tests against closed forms and
 *   mpmath (an exponential, lognormal(0, 3) given X >= 1, two-sided gamma windows; the accuracy
 *   measured is in the performance guide). Tails so heavy that the moment barely exists converge more
 *   slowly and less precisely.
 * - mixture base: the exact combination of its components' truncated moments, each by the rules here
 *   (so a truncated mixture of normals is as accurate as the normal's closed forms, and a mixed base
 *   needs no quadrature).
 * - a moment that diverges or is undefined for the base is `Infinity` (the mean: ±`Infinity` by side)
 *   when the window is unbounded: a Cauchy truncated to [0, ∞) has mean `Infinity`.
 *
 * Truncating a truncated distribution truncates its base once, to the intersection of the windows.
 * Truncating an {@link empirical} distribution returns the empirical distribution of the data inside the
 * window (its family stays `'empirical'`).
 *
 * @param dist - the distribution to truncate (any salvo distribution)
 * @param bounds - `{ min, max }`, inclusive; either may be left out (or infinite), not both; `min < max`
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `dist` is not a distribution, `bounds` is not an
 *   object, a bound is NaN or not a number, neither bound is given, or `min >= max`
 * @throws {@link SalvoError} `REJECTION_HOPELESS` when the window has probability 0 under `dist`, or a
 *   probability too small for double precision to resolve (below F(max) · 2⁻³²); the message gives the
 *   acceptance rate
 *
 * @example
 * ```ts
 * import { createRng, normal, poisson, truncated } from 'salvo';
 * // Delay in days: normal(2, 3), but it cannot be negative.
 * const delayDays = truncated(normal(2, 3), { min: 0 });
 * delayDays.mean;            // => 3.2820527749944897
 * delayDays.cdf(2);          // => 0.3311103565987661
 * delayDays.quantile(0.5);   // => 2.9657831211372643
 * delayDays.sample(1_000, createRng('doc')); // => Float64Array(1000) of values >= 0
 * // Crew size: Poisson(3) given at least one.
 * const crew = truncated(poisson(3), { min: 1 });
 * crew.pmf(1);               // => 0.15718708947376786
 * crew.min;                  // => 1
 * crew.mean;                 // => 3.15718708947376
 * ```
 */
export function truncated(
  dist: ContinuousDistribution,
  bounds: TruncationBounds,
): ContinuousDistribution;
export function truncated(
  dist: DiscreteDistribution,
  bounds: TruncationBounds,
): DiscreteDistribution;
export function truncated(dist: Distribution, bounds: TruncationBounds): Distribution;
export function truncated(dist: Distribution, bounds: TruncationBounds): Distribution {
  requireDistribution('truncated', 'dist', dist);
  requireObject('truncated', 'bounds', bounds, 'an object such as { min: 0 }');
  requireKnownOptions('truncated', 'bounds', bounds, BOUNDS_NAMES);
  const givenMin = requireBound('min', bounds.min);
  const givenMax = requireBound('max', bounds.max);
  if (givenMin === undefined && givenMax === undefined) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      'truncated: bounds must give min, max or both, got neither',
      { parameter: 'bounds', value: bounds },
    );
  }
  let minimum = givenMin ?? Number.NEGATIVE_INFINITY;
  let maximum = givenMax ?? Number.POSITIVE_INFINITY;
  if (!(minimum < maximum)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `truncated: min must be less than max, got min = ${show(minimum)}, max = ${show(maximum)}`,
      { parameter: 'min', value: minimum },
    );
  }

  let base = dist;
  let hasMin = givenMin !== undefined;
  let hasMax = givenMax !== undefined;
  if (dist instanceof Truncated) {
    base = dist.base;
    const [innerMin, innerMax] = [dist.params.min, dist.params.max];
    if (innerMin > minimum) [minimum, hasMin] = [innerMin, true];
    if (innerMax < maximum) [maximum, hasMax] = [innerMax, true];
  }
  const lower = Math.max(minimum, base.min);
  const upper = Math.min(maximum, base.max);

  const data = empiricalSortedData(base);
  if (data !== undefined) {
    const kept = data.filter((x) => x >= minimum && x <= maximum);
    if (kept.length === 0) throw hopeless(base, minimum, maximum, 0, 'no data lie in it');
    return written(empirical(kept), 'truncated', [dist, givenOptions(bounds, BOUNDS_NAMES)]);
  }
  if (!(lower <= upper)) {
    throw hopeless(base, minimum, maximum, 0, 'the window misses the support');
  }

  const kind = base.kind;
  let mirror = false;
  let centre = 0;
  let below: number;
  let top: number;
  if (kind === 'discrete') {
    below = base.cdf(lower) - (base as DiscreteDistribution).pmf(lower);
    top = base.cdf(upper);
  } else {
    below = kind === 'continuous' ? base.cdf(lower) : base.cdf(nextDown(lower));
    top = base.cdf(upper);
    const mu = base.params['mean'];
    if (base.family === 'normal' && typeof mu === 'number' && lower > mu) {
      // Upper tail of a normal: Y = 2μ - X has the same law and puts the window in its lower tail.
      mirror = true;
      centre = 2 * mu;
      below = base.cdf(centre - upper);
      top = base.cdf(centre - lower);
    }
  }
  below = Math.max(0, below);
  const mass = top - below;
  if (!(mass > 0)) throw hopeless(base, minimum, maximum, 0, 'there is nothing to sample');
  if (mass < top * MIN_RESOLVED_MASS) {
    throw hopeless(
      base,
      minimum,
      maximum,
      mass,
      'double precision cannot resolve it: shift or reparametrise the distribution instead',
    );
  }

  let min = lower;
  let max = upper;
  if (kind === 'discrete') {
    const d = base as DiscreteDistribution;
    // The extreme atoms in the window.
    if (!(d.pmf(lower) > 0)) {
      min = d.quantile(Math.min(top, nextUp(below)));
      if (min < lower) min = d.pmf(Math.ceil(lower)) > 0 ? Math.ceil(lower) : lower;
    }
    if (!(d.pmf(upper) > 0)) {
      max = d.quantile(top);
      if (max > upper) max = d.pmf(Math.floor(upper)) > 0 ? Math.floor(upper) : upper;
    }
  }
  const rejection = !CHEAP_QUANTILE.has(base.family) && mass >= MIN_REJECTION_ACCEPTANCE;
  const setup: TruncationSetup = {
    base,
    givenMin: minimum,
    givenMax: maximum,
    hasMin,
    hasMax,
    lower,
    upper,
    min,
    max,
    mirror,
    centre,
    below,
    top,
    mass,
    rejection,
  };
  const made =
    kind === 'continuous'
      ? new ContinuousTruncated(setup, truncateComponent)
      : kind === 'discrete'
        ? new DiscreteTruncated(setup, truncateComponent)
        : new MixedTruncated(setup, truncateComponent);
  return written(Object.freeze(made), 'truncated', [dist, givenOptions(bounds, BOUNDS_NAMES)]);
}
