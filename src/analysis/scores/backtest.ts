/**
 * Rolling-origin evaluation of a forecasting method (L. J. Tashman, "Out-of-sample tests of
 * forecasting accuracy: an analysis and review", International Journal of Forecasting 16(4), 2000,
 * 437–450): at each of several cut-off dates the method sees only what was observed by then and
 * forecasts what was observed after it; every forecast is scored against what happened, with the
 * proper scores of scores.ts.
 * @module
 */
import { SalvoError } from '../../errors.js';
import { quantiles } from '../../samples/quantiles.js';
import { weightedQuantiles } from '../../samples/weighted.js';
import {
  invalidParameter,
  optionNames,
  requireFinite,
  requireKnownOptions,
  requireObject,
  show,
} from '../../validate.js';
import {
  covers,
  crpsOfChecked,
  intervalScore,
  logScoreOfChecked,
  requireSamples,
  requireWeights,
} from './scores.js';

/**
 * A dated observation of the quantity a method forecasts. Extra fields (a source, a series name) may
 * ride along: {@link backtest} hands the observations back as they were given.
 *
 * @example
 * ```ts
 * import type { BacktestObservation } from 'salvo';
 * const january: BacktestObservation = { date: '2024-01-31', value: 120, label: 'monthly report' };
 * january.value; // => 120
 * ```
 */
export interface BacktestObservation {
  /** The day it refers to, `YYYY-MM-DD`. */
  readonly date: string;
  /** What was observed: finite. */
  readonly value: number;
  /** A name for reports. */
  readonly label?: string;
}

/**
 * A later observation as the forecasting function sees it: everything but its value, so that a
 * method cannot peek at what it is to forecast.
 *
 * @example
 * ```ts
 * import type { BacktestTarget } from 'salvo';
 * const target: BacktestTarget = { date: '2024-02-29', label: 'monthly report' };
 * target.date; // => '2024-02-29'
 * ```
 */
export type BacktestTarget<T extends BacktestObservation = BacktestObservation> = Omit<T, 'value'>;

/**
 * One forecast of one later observation: its samples (finite, at least one), or samples with one
 * non-negative weight each (a run with evidence: `run.samples(name)` and `run.weights()`).
 *
 * @example
 * ```ts
 * import { createRng, normal, type BacktestForecast } from 'salvo';
 * const plain: BacktestForecast = normal(100, 10).sample(1_000, createRng(1));
 * const weighted: BacktestForecast = { samples: [90, 100, 110], weights: [1, 2, 1] };
 * plain.length; // => 1000
 * ```
 */
export type BacktestForecast =
  | Float64Array
  | readonly number[]
  | {
      readonly samples: Float64Array | readonly number[];
      readonly weights?: Float64Array | readonly number[];
    };

/**
 * Options of {@link backtest}.
 *
 * @example
 * ```ts
 * import type { BacktestOptions } from 'salvo';
 * const options: BacktestOptions = {
 *   observations: [{ date: '2024-01-31', value: 100 }, { date: '2024-02-29', value: 103 }],
 *   cutoffs: ['2024-01-31'],
 *   forecast: (known, later) => later.map(() => [95, 100, 105, 110]),
 * };
 * options.cutoffs.length; // => 1
 * ```
 */
export interface BacktestOptions<T extends BacktestObservation = BacktestObservation> {
  /** What was observed, in any order: dates `YYYY-MM-DD` (real calendar days), finite values. */
  readonly observations: readonly T[];
  /**
   * The forecast origins: dates `YYYY-MM-DD`, all different, in any order. Each must have at least
   * one observation dated on or before it and one after it.
   */
  readonly cutoffs: readonly string[];
  /**
   * The method under test, called once per cut-off (in date order) with the observations dated on or
   * before it (`known`, by date; equal dates in the order given) and those after it without their
   * values (`later`, by date). It returns one forecast per later observation, in that order.
   */
  readonly forecast: (
    known: readonly T[],
    later: readonly BacktestTarget<T>[],
    cutoff: string,
  ) => readonly BacktestForecast[];
}

/** The names {@link BacktestOptions} knows, for `UNKNOWN_OPTION`. */
const BACKTEST_OPTION_NAMES = optionNames<BacktestOptions>()([
  'observations',
  'cutoffs',
  'forecast',
]);

/**
 * How one forecast did against one later observation. The quantiles are the forecast's (type 7, or
 * by the inverted CDF when weighted, as `run.quantile` reads them); the 50% and 90% intervals are
 * p25–p75 and p5–p95.
 *
 * @example
 * ```ts
 * import { backtest } from 'salvo';
 * const result = backtest({
 *   observations: [{ date: '2024-01-31', value: 100 }, { date: '2024-02-29', value: 103 }],
 *   cutoffs: ['2024-01-31'],
 *   forecast: (known, later) => later.map(() => [95, 100, 105, 110]),
 * });
 * const score = result.origins[0].scores[0];
 * [score.p25, score.p75, score.covered50]; // => [98.75, 106.25, true]
 * ```
 */
export interface BacktestScore<T extends BacktestObservation = BacktestObservation> {
  /** The observation scored, as given. */
  readonly observation: T;
  /** Its value. */
  readonly value: number;
  /** The forecast's 5th percentile. */
  readonly p5: number;
  /** Its 25th percentile. */
  readonly p25: number;
  /** Its median. */
  readonly p50: number;
  /** Its 75th percentile. */
  readonly p75: number;
  /** Its 95th percentile. */
  readonly p95: number;
  /** Whether p25 <= value <= p75. */
  readonly covered50: boolean;
  /** Whether p5 <= value <= p95. */
  readonly covered90: boolean;
  /** The interval score of p25–p75 at level 0.5 ({@link intervalScore}). */
  readonly intervalScore50: number;
  /** The interval score of p5–p95 at level 0.9. */
  readonly intervalScore90: number;
  /** The forecast's {@link crps}. */
  readonly crps: number;
  /** The forecast's {@link logScore}, Silverman's bandwidth. */
  readonly logScore: number;
}

/**
 * Scores summed up over a set of (origin, observation) pairs: how many, the shares inside the 50% and
 * 90% intervals, and the mean scores. Lower means are better; coverage should be near 50% and 90%.
 *
 * @example
 * ```ts
 * import { backtest } from 'salvo';
 * const result = backtest({
 *   observations: [{ date: '2024-01-31', value: 100 }, { date: '2024-02-29', value: 103 }],
 *   cutoffs: ['2024-01-31'],
 *   forecast: (known, later) => later.map(() => [95, 100, 105, 110]),
 * });
 * result.totals.count;      // => 1
 * result.totals.coverage90; // => 1
 * ```
 */
export interface BacktestTotals {
  /** The number of scored pairs. */
  readonly count: number;
  /** The share of observations inside their forecast's 50% interval (p25–p75). */
  readonly coverage50: number;
  /** The share inside the 90% interval (p5–p95). */
  readonly coverage90: number;
  /** The mean interval score of the 50% intervals. */
  readonly meanIntervalScore50: number;
  /** The mean interval score of the 90% intervals. */
  readonly meanIntervalScore90: number;
  /** The mean CRPS. */
  readonly meanCrps: number;
  /** The mean log score (nats). */
  readonly meanLogScore: number;
}

/**
 * One forecast origin of a {@link backtest}: its cut-off, how many observations the method saw, and
 * the scores of its forecasts of every later observation.
 *
 * @example
 * ```ts
 * import { backtest } from 'salvo';
 * const result = backtest({
 *   observations: [{ date: '2024-01-31', value: 100 }, { date: '2024-02-29', value: 103 }],
 *   cutoffs: ['2024-01-31'],
 *   forecast: (known, later) => later.map(() => [95, 100, 105, 110]),
 * });
 * const origin = result.origins[0];
 * [origin.cutoff, origin.known, origin.scores.length]; // => ['2024-01-31', 1, 1]
 * ```
 */
export interface BacktestOrigin<T extends BacktestObservation = BacktestObservation> {
  /** The cut-off date, `YYYY-MM-DD`. */
  readonly cutoff: string;
  /** The number of observations dated on or before it (what the method was given). */
  readonly known: number;
  /** One per observation after it, by date. */
  readonly scores: readonly BacktestScore<T>[];
  /** The scores of this origin summed up. */
  readonly totals: BacktestTotals;
}

/**
 * What {@link backtest} returns: the origins by cut-off date, and the totals over all of their scored
 * pairs (an observation forecast from three origins counts three times).
 *
 * @example
 * ```ts
 * import { backtest, type BacktestResult } from 'salvo';
 * const result: BacktestResult = backtest({
 *   observations: [{ date: '2024-01-31', value: 100 }, { date: '2024-02-29', value: 103 }],
 *   cutoffs: ['2024-01-31'],
 *   forecast: (known, later) => later.map(() => [95, 100, 105, 110]),
 * });
 * result.origins.length; // => 1
 * ```
 */
export interface BacktestResult<T extends BacktestObservation = BacktestObservation> {
  /** One per cut-off, by date. */
  readonly origins: readonly BacktestOrigin<T>[];
  /** Over every origin's scores. */
  readonly totals: BacktestTotals;
}

/**
 * Evaluates a forecasting method by rolling origin (L. J. Tashman, "Out-of-sample tests of
 * forecasting accuracy: an analysis and review", International Journal of Forecasting 16(4), 2000,
 * 437–450): for each cut-off date, the method is given only the observations dated on or before it
 * and asked for a forecast — samples, optionally weighted — of each observation after it; each
 * forecast is scored against what was observed. Many origins rather than one give many forecasts at
 * each lead time and do not let one lucky or unlucky date decide; the method must not look past its
 * cut-off, so the later observations reach it without their values.
 *
 * Each pair (origin, later observation) gets the forecast's quantiles, whether its central 50% and
 * 90% intervals cover the observation, their interval scores ({@link intervalScore}), its
 * {@link crps} and its {@link logScore}; the totals average them per origin and over all pairs.
 * Everything is checked before the method is first called, and what it returns after each call.
 *
 * @param options - the observations, the cut-offs and the forecasting function
 * @returns the origins by cut-off date with their scores, and the totals
 * @throws {@link SalvoError} `INVALID_PARAMETER` for a date that is not a real `YYYY-MM-DD` day, a
 *   non-finite value, a repeated cut-off, a cut-off with no observation on or before it or none after
 *   it (`cutoffs[i]`), a forecast function that returns something other than an array, a forecast
 *   that is not samples (as {@link crps} checks them) or is a point (all samples equal: no density for
 *   the log score); `LENGTH_MISMATCH` when it returns more or fewer forecasts than later observations
 *   or weights of another length; `EMPTY_DATA` for a forecast without samples; `UNKNOWN_OPTION`
 *
 * @example
 * ```ts
 * import { backtest, createRng, normal } from 'salvo';
 * const result = backtest({
 *   observations: [
 *     { date: '2024-01-31', value: 100 },
 *     { date: '2024-02-29', value: 104 },
 *     { date: '2024-03-31', value: 109 },
 *     { date: '2024-04-30', value: 111 },
 *   ],
 *   cutoffs: ['2024-02-29', '2024-03-31'],
 *   // A naive method: the last known value, give or take 5 for each month ahead.
 *   forecast: (known, later) => {
 *     const last = known[known.length - 1].value;
 *     return later.map((_, k) => normal(last, 5 * Math.sqrt(k + 1)).sample(10_000, createRng('x')));
 *   },
 * });
 * result.origins.map((o) => o.scores.length); // => [2, 1]
 * result.origins[0].scores[0].p50;            // => about 104 (February's value, forecast for March)
 * result.totals.coverage90;                   // => 1
 * ```
 */
export function backtest<T extends BacktestObservation>(
  options: BacktestOptions<T>,
): BacktestResult<T> {
  const where = 'backtest';
  requireObject(where, 'options', options, 'an object { observations, cutoffs, forecast }');
  requireKnownOptions(where, 'options', options, BACKTEST_OPTION_NAMES);
  const observations = requireObservations<T>(where, options.observations);
  const cutoffs = requireCutoffs(where, options.cutoffs);
  const { forecast } = options;
  if (typeof forecast !== 'function') {
    throw invalidParameter(
      where,
      'forecast',
      `forecast must be a function (known, later, cutoff) => forecasts, got ${show(forecast)}`,
      forecast,
    );
  }
  // By date; equal dates keep their order (Array.prototype.sort is stable).
  const sorted = [...observations].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const origins = cutoffs.map((cutoff, i) => {
    let known = 0;
    while (known < sorted.length && sorted[known].date <= cutoff) known++;
    if (known === 0 || known === sorted.length) {
      const side = known === 0 ? 'on or before it' : 'after it';
      throw invalidParameter(
        where,
        `cutoffs[${i}]`,
        `cutoffs[${i}] = ${cutoff} has no observation ${side}: a forecast origin needs both what was known then and something later to score`,
        cutoff,
      );
    }
    return { cutoff, known };
  });
  origins.sort((a, b) => (a.cutoff < b.cutoff ? -1 : 1));

  const results = origins.map(({ cutoff, known }): BacktestOrigin<T> => {
    const later = sorted.slice(known);
    const targets = later.map(withoutValue);
    const forecasts: unknown = forecast(sorted.slice(0, known), targets, cutoff);
    const at = `${where} (cut-off ${cutoff})`;
    if (!Array.isArray(forecasts)) {
      throw invalidParameter(
        where,
        'forecast',
        `forecast must return an array of forecasts, one per later observation; for cut-off ${cutoff} it returned ${show(forecasts)}`,
        forecasts,
      );
    }
    if (forecasts.length !== later.length) {
      throw new SalvoError(
        'LENGTH_MISMATCH',
        `${where}: forecast must return one forecast per later observation; for cut-off ${cutoff} it returned ${forecasts.length} for ${later.length}`,
        { parameter: 'forecast', value: forecasts },
      );
    }
    const scores = later.map((observation, k) => score(at, observation, forecasts[k], k));
    return { cutoff, known, scores, totals: totalsOf(scores) };
  });
  return { origins: results, totals: totalsOf(results.flatMap((o) => o.scores)) };
}

const PROBABILITIES = [0.05, 0.25, 0.5, 0.75, 0.95];

/** Scores forecast number `k` (checked here) against its observation. */
function score<T extends BacktestObservation>(
  where: string,
  observation: T,
  forecast: unknown,
  k: number,
): BacktestScore<T> {
  const name = `forecasts[${k}]`;
  let xs: Float64Array;
  let w: Float64Array | undefined;
  if (forecast instanceof Float64Array || Array.isArray(forecast)) {
    xs = requireSamples(where, forecast, name);
  } else if (typeof forecast === 'object' && forecast !== null && 'samples' in forecast) {
    const { samples, weights } = forecast as { samples: unknown; weights?: unknown };
    xs = requireSamples(where, samples, `${name}.samples`);
    if (weights !== undefined) w = requireWeights(where, weights, xs.length, `${name}.weights`);
  } else {
    throw invalidParameter(
      where,
      name,
      `${name} must be samples (a Float64Array or an array of numbers) or { samples, weights }, got ${show(forecast)}`,
      forecast,
    );
  }
  const y = observation.value;
  const [p5, p25, p50, p75, p95] =
    w === undefined ? quantiles(xs, PROBABILITIES) : weightedQuantiles(xs, w, PROBABILITIES);
  const fifty = { lower: p25, upper: p75, level: 0.5 };
  const ninety = { lower: p5, upper: p95, level: 0.9 };
  const log = logScoreOfChecked(
    where,
    name,
    xs,
    y,
    w,
    undefined,
    'the log score needs a forecast with spread',
    [p25, p75],
  );
  return {
    observation,
    value: y,
    p5,
    p25,
    p50,
    p75,
    p95,
    covered50: covers(fifty, y),
    covered90: covers(ninety, y),
    intervalScore50: intervalScore(fifty, y),
    intervalScore90: intervalScore(ninety, y),
    // Last: it sorts the samples in place.
    crps: crpsOfChecked(xs, y, w),
    logScore: log,
  };
}

function totalsOf(scores: readonly BacktestScore<BacktestObservation>[]): BacktestTotals {
  let covered50 = 0;
  let covered90 = 0;
  let interval50 = 0;
  let interval90 = 0;
  let crps = 0;
  let log = 0;
  for (const s of scores) {
    if (s.covered50) covered50++;
    if (s.covered90) covered90++;
    interval50 += s.intervalScore50;
    interval90 += s.intervalScore90;
    crps += s.crps;
    log += s.logScore;
  }
  const n = scores.length;
  return {
    count: n,
    coverage50: covered50 / n,
    coverage90: covered90 / n,
    meanIntervalScore50: interval50 / n,
    meanIntervalScore90: interval90 / n,
    meanCrps: crps / n,
    meanLogScore: log / n,
  };
}

/** A copy of an observation without its value. */
function withoutValue<T extends BacktestObservation>(observation: T): BacktestTarget<T> {
  const { value: _, ...rest } = observation;
  return rest;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `text` is a `YYYY-MM-DD` day of the (proleptic Gregorian) calendar. */
function isDay(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

function requireObservations<T extends BacktestObservation>(
  where: string,
  observations: unknown,
): readonly T[] {
  if (!Array.isArray(observations)) {
    throw invalidParameter(
      where,
      'observations',
      `observations must be an array of { date, value }, got ${show(observations)}`,
      observations,
    );
  }
  observations.forEach((o: unknown, i) => {
    const parameter = `observations[${i}]`;
    requireObject(where, parameter, o, 'an object { date, value }');
    const { date, value, label } = o as Record<string, unknown>;
    if (!isDay(date)) {
      throw invalidParameter(
        where,
        `${parameter}.date`,
        `${parameter}.date must be a day 'YYYY-MM-DD' of the calendar, got ${show(date)}`,
        date,
      );
    }
    requireFinite(where, `${parameter}.value`, value);
    if (label !== undefined && typeof label !== 'string') {
      throw invalidParameter(
        where,
        `${parameter}.label`,
        `${parameter}.label must be a string when given, got ${show(label)}`,
        label,
      );
    }
  });
  return observations as readonly T[];
}

function requireCutoffs(where: string, cutoffs: unknown): readonly string[] {
  if (!Array.isArray(cutoffs) || cutoffs.length === 0) {
    throw invalidParameter(
      where,
      'cutoffs',
      `cutoffs must be a non-empty array of dates 'YYYY-MM-DD', got ${show(cutoffs)}`,
      cutoffs,
    );
  }
  const seen = new Map<string, number>();
  cutoffs.forEach((cutoff: unknown, i) => {
    if (!isDay(cutoff)) {
      throw invalidParameter(
        where,
        `cutoffs[${i}]`,
        `cutoffs[${i}] must be a day 'YYYY-MM-DD' of the calendar, got ${show(cutoff)}`,
        cutoff,
      );
    }
    const first = seen.get(cutoff);
    if (first !== undefined) {
      throw invalidParameter(
        where,
        `cutoffs[${i}]`,
        `cutoffs[${i}] = ${cutoff} repeats cutoffs[${first}]: each cut-off is one origin`,
        cutoff,
      );
    }
    seen.set(cutoff, i);
  });
  return cutoffs as readonly string[];
}
