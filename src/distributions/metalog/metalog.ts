/**
 * The metalog factories: `metalog(coefficients, bounds)`, `metalog.fromQuantiles` and `metalog.fit`,
 * with their argument checks and error messages.
 * @module
 */
import { SalvoError } from '../../errors.js';
import {
  optionNames,
  requireFinite,
  requireFloat64Array,
  requireKnownOptions,
  requireOrdered,
  show,
} from '../../validate.js';
import { buildMetalog } from './distribution.js';
import { supportOf } from './evaluate.js';
import { coefficientsFromQuantiles, coefficientsFromSortedData } from './fit.js';
import type {
  MetalogBounds,
  MetalogDistribution,
  MetalogFitOptions,
  MetalogQuantileOptions,
} from './types.js';

const MIN_TERMS = 2;
const MAX_TERMS = 10;

// ---------------------------------------------------------------------------------------------------
// Validation.

/** The names {@link MetalogBounds} knows, for `UNKNOWN_OPTION`. */
const BOUNDS_NAMES = optionNames<MetalogBounds>()(['lower', 'upper']);
/** The names {@link MetalogQuantileOptions} knows. */
const QUANTILE_OPTION_NAMES = optionNames<MetalogQuantileOptions>()(['lower', 'upper', 'terms']);
/** The names {@link MetalogFitOptions} knows. */
const FIT_OPTION_NAMES = optionNames<MetalogFitOptions>()(['lower', 'upper', 'terms']);

/**
 * Throws unless the options hold only `known` names and the bounds are absent or finite with
 * lower < upper.
 */
function requireBounds(where: string, options: MetalogBounds, known: readonly string[]): void {
  requireKnownOptions(where, 'options', options, known);
  const { lower, upper } = options;
  if (lower !== undefined) requireFinite(where, 'lower', lower);
  if (upper !== undefined) requireFinite(where, 'upper', upper);
  if (lower !== undefined && upper !== undefined) {
    requireOrdered(where, 'lower', lower, 'upper', upper);
  }
}

/** Throws unless `terms` is an integer in [2, 10]. */
function requireTerms(where: string, terms: unknown): number {
  if (
    typeof terms !== 'number' ||
    !Number.isInteger(terms) ||
    terms < MIN_TERMS ||
    terms > MAX_TERMS
  ) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: terms must be an integer from ${MIN_TERMS} to ${MAX_TERMS}, got ${show(terms)}`,
      { parameter: 'terms', value: terms },
    );
  }
  return terms;
}

/** Throws unless `x` lies strictly inside the bounds. */
function requireInsideBounds(
  where: string,
  parameter: string,
  x: number,
  options: MetalogBounds,
): void {
  const { lower, upper } = options;
  if (lower !== undefined && !(x > lower)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${parameter} must be greater than lower = ${show(lower)} (a bounded metalog only ` +
        `approaches its bound), got ${show(x)}`,
      { parameter, value: x },
    );
  }
  if (upper !== undefined && !(x < upper)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${parameter} must be less than upper = ${show(upper)} (a bounded metalog only ` +
        `approaches its bound), got ${show(x)}`,
      { parameter, value: x },
    );
  }
}

/** "near p = 0.03" (or "as p → 0") for a probability where the density fails. */
function where(p: number): string {
  if (Number.isNaN(p)) return 'somewhere';
  if (p < 1e-15) return 'as p → 0';
  if (p > 1 - 1e-15) return 'as p → 1';
  return `near p = ${Number(p.toPrecision(3))}`;
}

const FEWER_TERMS_ADVICE =
  'use fewer terms, or bounds (lower/upper) that match the quantity, or check the values';

// ---------------------------------------------------------------------------------------------------
// The factories.

/**
 * The metalog distribution (Keelin 2016) with coefficients a1 … ak: a smooth, very flexible
 * distribution given by its quantile function M(y) = a1 + a2 L + a3 (y − ½) L + a4 (y − ½) + a5 (y − ½)²
 * + a6 (y − ½)² L + a7 (y − ½)³ + a8 (y − ½)³ L + a9 (y − ½)⁴ + a10 (y − ½)⁴ L, L = ln(y / (1 − y)),
 * optionally bounded below (x = lower + e^M), above (x = upper − e^−M) or both
 * (x = (lower + upper e^M) / (1 + e^M)). Two terms give the logistic distribution; a1 is the median
 * of the unbounded metalog. Usually built with {@link metalog.fromQuantiles} from an expert's quantiles
 * or with {@link metalog.fit} from data.
 *
 * `cdf` and `pdf` invert the quantile function numerically (Newton's method, to 1e-14 in the logit of
 * p). `mean` is closed form for the unbounded metalog and otherwise, like `variance`, computed by
 * double-exponential quadrature of the quantile function to about 1e-14; for a lower-bounded metalog
 * the mean is `Infinity` when a2 + a3/2 + a6/4 + a8/8 + a10/16 (the upper tail's exponent) is >= 1 and
 * the variance is `Infinity` when it is >= 1/2 (mirrored for an upper bound, with −∞ for the mean).
 * `min` and `max` are the bounds, or ±Infinity, or the finite end of a metalog whose tail is finite.
 *
 * @param coefficients - a1 … ak, 2 to 10 finite numbers; a1 and a4 … are in the unit of M (the
 * quantity itself when unbounded, its logarithm when semi-bounded, its logit when bounded)
 * @param options - `lower` and/or `upper`: bounds of the quantity, finite, with `lower < upper`
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `coefficients` is not an array of 2 to 10 finite
 * numbers, a bound is not finite, `lower >= upper`, or the coefficients do not define a distribution
 * (the quantile function must increase on (0, 1); the message says near which probability it does not)
 *
 * @example
 * ```ts
 * import { createRng, metalog } from 'salvo';
 * const weightKg = metalog([9, 3.5, 3.1]);     // three terms, unbounded
 * weightKg.quantile(0.5);                       // => 9
 * weightKg.quantile(0.9);                       // => 19.41484449657368
 * weightKg.mean;                                // => 10.55, a1 + a3 / 2
 * weightKg.cdf(7.11);                           // => 0.34901759737496857
 * weightKg.sample(3, createRng('doc'));
 * // => Float64Array(3) [15.82966373503373, 7.703845696810685, 6.41957891670343]
 * metalog([0, 1, 2]);                           // throws: not a distribution (a3/a2 > 1.66711)
 * ```
 */
export function metalog(
  coefficients: readonly number[] | Float64Array,
  options: MetalogBounds = {},
): MetalogDistribution {
  const isArray = Array.isArray(coefficients) || coefficients instanceof Float64Array;
  const length = isArray ? coefficients.length : -1;
  if (!isArray || length < MIN_TERMS || length > MAX_TERMS) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `metalog: coefficients must be an array of ${MIN_TERMS} to ${MAX_TERMS} finite numbers ` +
        `(a1 … ak), got ${show(coefficients)}`,
      { parameter: 'coefficients', value: coefficients },
    );
  }
  const a = new Float64Array(length);
  for (let j = 0; j < length; j++)
    a[j] = requireFinite('metalog', `coefficients[${j}]`, coefficients[j]);
  requireBounds('metalog', options, BOUNDS_NAMES);
  return buildMetalog(
    a,
    options,
    (p) =>
      new SalvoError(
        'INVALID_PARAMETER',
        `metalog: coefficients [${Array.from(a).join(', ')}] do not define a distribution: the ` +
          `quantile function must increase on (0, 1) but does not ${where(p)} (the density would be ` +
          'negative there)',
        { parameter: 'coefficients', value: coefficients },
      ),
  );
}

/**
 * The metalog through (or, with more pairs than terms, closest in least squares to) an expert's
 * quantiles: each pair [p, x] says "P(X <= x) = p". With as many pairs as terms the metalog passes
 * through every pair exactly (Keelin's quantile-parameterised metalog); with more pairs than terms it
 * is the least-squares fit of M(p) to the (bound-transformed) values. Throws when no valid metalog
 * results: some sets of quantiles admit none with that many terms (fewer terms or bounds may help).
 *
 * @param pairs - at least 2 pairs [p, x]: p strictly between 0 and 1, all distinct; x finite, in the
 * unit of the quantity, increasing with p and strictly inside the bounds
 * @param options - `terms` (2 to 10, at most the number of pairs; default: the number of pairs, at most
 * 10), `lower` and/or `upper` bounds (finite, `lower < upper`)
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `pairs` is not an array of at least 2 pairs, a p is
 * outside (0, 1) or repeated, an x is not finite, values do not increase with p, a value lies on or
 * outside a bound, a bound is not finite, `lower >= upper`, `terms` is not an integer from 2 to 10 or
 * exceeds the number of pairs, or the quantiles admit no valid metalog with that many terms
 *
 * @example
 * ```ts
 * import { metalog } from 'salvo';
 * // 10%, 50% and 90% quantiles of a container count, which cannot be negative
 * const containers = metalog.fromQuantiles([[0.1, 5500], [0.5, 6700], [0.9, 7800]], { lower: 0 });
 * containers.quantile(0.1);    // => 5499.999999999989
 * containers.quantile(0.9);    // => 7799.999999999996
 * containers.coefficients;     // => [8.809862805379055, 0.0795038534205467, -0.02579573984355695]
 * containers.mean;             // => 6682.435358254408
 * containers.cdf(6000);        // => 0.21892221168809903
 * metalog.fromQuantiles([[0.1, 1], [0.5, 2], [0.9, 30]]); // throws: no valid 3-term metalog
 * ```
 */
metalog.fromQuantiles = function fromQuantiles(
  pairs: readonly (readonly [number, number])[],
  options: MetalogQuantileOptions = {},
): MetalogDistribution {
  const name = 'metalog.fromQuantiles';
  if (!Array.isArray(pairs) || pairs.length < MIN_TERMS) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${name}: pairs must be an array of at least ${MIN_TERMS} [p, x] pairs, got ${show(pairs)}`,
      { parameter: 'pairs', value: pairs },
    );
  }
  const n = pairs.length;
  for (let i = 0; i < n; i++) {
    const pair = pairs[i];
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${name}: pairs[${i}] must be a pair [p, x], got ${show(pair)}`,
        { parameter: `pairs[${i}]`, value: pair },
      );
    }
    const [p, x] = pair;
    if (typeof p !== 'number' || !(p > 0 && p < 1)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${name}: pairs[${i}][0] must be a probability strictly between 0 and 1, got ${show(p)}`,
        { parameter: `pairs[${i}][0]`, value: p },
      );
    }
    requireFinite(name, `pairs[${i}][1]`, x);
  }
  requireBounds(name, options, QUANTILE_OPTION_NAMES);
  const terms = requireTerms(name, options.terms ?? Math.min(n, MAX_TERMS));
  if (terms > n) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${name}: terms must be at most the number of pairs (${n}), got ${terms}`,
      { parameter: 'terms', value: terms },
    );
  }
  // Sorted by p, the values must increase strictly.
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => pairs[i][0] - pairs[j][0]);
  for (let r = 1; r < n; r++) {
    const i = order[r - 1];
    const j = order[r];
    if (pairs[j][0] === pairs[i][0]) {
      const [first, second] = i < j ? [i, j] : [j, i];
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${name}: pairs[${second}][0] = ${show(pairs[second][0])} repeats the probability of ` +
          `pairs[${first}]; each p must be distinct`,
        { parameter: `pairs[${second}][0]`, value: pairs[second][0] },
      );
    }
    if (!(pairs[j][1] > pairs[i][1])) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${name}: values must increase with p, but pairs[${j}][1] = ${show(pairs[j][1])} ` +
          `(p = ${show(pairs[j][0])}) is not above pairs[${i}][1] = ${show(pairs[i][1])} ` +
          `(p = ${show(pairs[i][0])})`,
        { parameter: `pairs[${j}][1]`, value: pairs[j][1] },
      );
    }
  }
  for (let i = 0; i < n; i++) requireInsideBounds(name, `pairs[${i}][1]`, pairs[i][1], options);

  // Rows in order of p, so that the rounding (and the result) does not depend on the pairs' order.
  const a = coefficientsFromQuantiles(pairs, order, terms, supportOf(options.lower, options.upper));
  if (a === undefined) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${name}: the probabilities of these ${n} pairs cannot determine ${terms} coefficients (the ` +
        'system is singular); use fewer terms or other probabilities',
      { parameter: 'pairs', value: pairs },
    );
  }
  const what =
    terms === n
      ? `no valid ${terms}-term metalog passes through these ${n} pairs`
      : `the least-squares ${terms}-term metalog of these ${n} pairs is not a valid distribution`;
  return buildMetalog(
    a,
    options,
    (p) =>
      new SalvoError(
        'INVALID_PARAMETER',
        `${name}: ${what}: its quantile function would not increase ${where(p)} (a negative density); ` +
          FEWER_TERMS_ADVICE,
        { parameter: 'pairs', value: pairs },
      ),
  );
};

/**
 * The metalog fitted to data by least squares on the empirical quantiles (Keelin 2016, section 3; the
 * "equally likely data" convention of metalogdistributions.com): the data are sorted and the i-th
 * smallest of n values (i = 1 … n) is taken as the quantile of probability (i − 0.5) / n. The input is
 * not modified. Throws when the least-squares coefficients are not a valid distribution (try fewer
 * terms, or bounds).
 *
 * @param data - at least `terms` finite values, strictly inside the bounds, not all equal, in the unit
 * of the quantity
 * @param options - `terms`, required, an integer from 2 to 10; `lower` and/or `upper` bounds (finite,
 * `lower < upper`)
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `data` is not a Float64Array, holds fewer than
 * `terms` values, a non-finite value, a value on or outside a bound, or only one distinct value; when
 * `terms` is missing or not an integer from 2 to 10; when a bound is not finite or `lower >= upper`; or
 * when the fitted metalog is not a valid distribution
 *
 * @example
 * ```ts
 * import { createRng, lognormal, metalog } from 'salvo';
 * const draws = lognormal(0, 0.5).sample(10_000, createRng('fit'));
 * const fitted = metalog.fit(draws, { terms: 5, lower: 0 });
 * fitted.coefficients.length; // => 5
 * fitted.quantile(0.5);       // => 0.9893445643272267 (the lognormal's median is 1)
 * ```
 */
metalog.fit = function fit(data: Float64Array, options: MetalogFitOptions): MetalogDistribution {
  const name = 'metalog.fit';
  requireFloat64Array(name, 'data', data);
  requireKnownOptions(name, 'options', options, FIT_OPTION_NAMES);
  const terms = requireTerms(name, options?.terms);
  requireBounds(name, options, FIT_OPTION_NAMES);
  const n = data.length;
  if (n < terms) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${name}: data must hold at least terms = ${terms} values, got ${n}`,
      { parameter: 'data', value: data },
    );
  }
  for (let i = 0; i < n; i++) {
    requireFinite(name, `data[${i}]`, data[i]);
    requireInsideBounds(name, `data[${i}]`, data[i], options);
  }
  const sorted = Float64Array.from(data).sort();
  if (sorted[0] === sorted[n - 1]) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${name}: data must hold at least two distinct values, but all ${n} equal ${show(sorted[0])}`,
      { parameter: 'data', value: data },
    );
  }
  const a = coefficientsFromSortedData(sorted, terms, supportOf(options.lower, options.upper));
  if (a === undefined) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${name}: these ${n} data values cannot determine ${terms} coefficients (the system is ` +
        'singular); use fewer terms',
      { parameter: 'data', value: data },
    );
  }
  return buildMetalog(
    a,
    options,
    (p) =>
      new SalvoError(
        'INVALID_PARAMETER',
        `${name}: the least-squares ${terms}-term metalog of these ${n} data values is not a valid ` +
          `distribution: its quantile function would not increase ${where(p)} (a negative density); ` +
          FEWER_TERMS_ADVICE,
        { parameter: 'data', value: data },
      ),
  );
};
