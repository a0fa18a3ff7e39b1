/**
 * Backtests of delivery timelines: how a rate model (phases, trend, fleet) calibrated on the
 * statements made up to a date would have forecast the statements made after it — the scenario's
 * own history as a test of the projection method, scored by `backtest` from `salvo`.
 * @module
 */
import {
  type BacktestObservation,
  type BacktestResult,
  backtest,
} from '../analysis/scores/backtest.js';
import type { Likelihood } from '../model/definition.js';
import { optionNames, requireKnownOptions, requireObject } from '../validate.js';
import { type DeliveryRate, deliveryTimeline } from './timeline.js';

/**
 * A dated count of containers, twice: the number a forecast is scored against (`value`), and the
 * likelihood that calibrates the forecasts made after it (`containers`).
 *
 * @example
 * ```ts
 * import { normal } from 'salvo';
 * import type { ContainerStatement } from 'salvo/shipments';
 * const shin: ContainerStatement = {
 *   date: '2024-02-26',
 *   value: 6_700,
 *   containers: normal(6_700, 536), // "about 6,700", read as ±8%
 *   label: 'Minister Shin',
 * };
 * shin.value; // => 6700
 * ```
 */
export interface ContainerStatement extends BacktestObservation {
  /** The likelihood of the true cumulative count, as in a timeline's observations. */
  readonly containers: Likelihood;
}

/**
 * Options of {@link timelineBacktest}.
 *
 * @example
 * ```ts
 * import { lognormal, normal } from 'salvo';
 * import type { TimelineBacktestOptions } from 'salvo/shipments';
 * const options: TimelineBacktestOptions = {
 *   start: '2023-09',
 *   months: 6,
 *   rate: { trend: { initialContainersPerMonth: lognormal.ci(400, 1_500), growthPerMonth: lognormal.ci(0.9, 1.3) } },
 *   statements: [
 *     { date: '2023-11-02', value: 2_000, containers: normal(2_000, 160) },
 *     { date: '2023-12-29', value: 5_000, containers: normal(5_000, 400) },
 *   ],
 *   cutoffs: ['2023-11-30'],
 * };
 * options.cutoffs; // => ['2023-11-30']
 * ```
 */
export interface TimelineBacktestOptions {
  /** The first month of deliveries, `YYYY-MM`. */
  readonly start: string;
  /** Months in the window: it must hold every statement. */
  readonly months: number;
  /** The rate model under test. */
  readonly rate: DeliveryRate;
  /** The dated counts: calibration before each cut-off, scored after it. */
  readonly statements: readonly ContainerStatement[];
  /** The forecast origins, `YYYY-MM-DD`. */
  readonly cutoffs: readonly string[];
  /** Samples per origin; default 100,000. */
  readonly samples?: number;
  /** The timelines' seed; default `'nk-deliveries'`. */
  readonly seed?: number | string;
}

const OPTION_NAMES = optionNames<TimelineBacktestOptions>()([
  'start',
  'months',
  'rate',
  'statements',
  'cutoffs',
  'samples',
  'seed',
]);

/**
 * A rolling-origin backtest of a delivery rate model: at each cut-off, a {@link deliveryTimeline}
 * with the rate model is calibrated on the statements dated on or before it and run; its cumulative
 * containers at the dates of the later statements (`checkpoints`, weighted by the evidence) are the
 * forecasts, which `backtest` scores against the statements' values — coverage of the 50% and 90%
 * bands, interval scores, CRPS and log score.
 *
 * A forecast is of the true count, and it is scored against what was said: a statement's own error
 * counts against every method alike.
 *
 * @param options - window, rate model, statements, cut-offs, samples, seed
 * @returns what `backtest` returns: scores per origin and totals
 * @throws {@link salvo!SalvoError | SalvoError} `INVALID_PARAMETER` for what `backtest` or
 *   `deliveryTimeline` refuse (a statement outside the window, a cut-off with nothing before or
 *   after it), `UNKNOWN_OPTION`
 * @example
 * ```ts
 * import { lognormal, normal } from 'salvo';
 * import { timelineBacktest } from 'salvo/shipments';
 * const about = (date: string, value: number) => ({ date, value, containers: normal(value, 0.08 * value) });
 * const result = timelineBacktest({
 *   start: '2023-09',
 *   months: 6,
 *   rate: { trend: { initialContainersPerMonth: lognormal.ci(400, 1_500), growthPerMonth: lognormal.ci(0.9, 1.3) } },
 *   statements: [about('2023-11-02', 2_000), about('2023-12-29', 5_000), about('2024-02-26', 6_700)],
 *   cutoffs: ['2023-11-30', '2024-01-31'],
 *   samples: 20_000,
 * });
 * result.totals.count;                 // => 3: two forecasts from November, one from January
 * result.origins[1].scores[0].covered90; // => true
 * ```
 */
export function timelineBacktest(
  options: TimelineBacktestOptions,
): BacktestResult<ContainerStatement> {
  const where = 'timelineBacktest';
  requireObject(where, 'options', options);
  requireKnownOptions(where, 'options', options, OPTION_NAMES);
  return backtest<ContainerStatement>({
    observations: options.statements,
    cutoffs: options.cutoffs,
    forecast: (known, later) => {
      const dates = [...new Set(later.map((o) => o.date))];
      const timeline = deliveryTimeline({
        seed: options.seed ?? 'nk-deliveries',
        start: options.start,
        months: options.months,
        rate: options.rate,
        observations: known.map((o) => ({
          date: o.date,
          containers: o.containers,
          source: o.label,
        })),
        checkpoints: dates,
      });
      const run = timeline.model.run({
        samples: options.samples ?? 100_000,
        keep: timeline.checkpointNodes,
      });
      const weights = run.weighted ? run.weights() : undefined;
      return later.map((o) => {
        const samples = run.samples(timeline.checkpointNodes[dates.indexOf(o.date)]);
        return weights === undefined ? samples : { samples, weights };
      });
    },
  });
}
