/**
 * Deliveries over time: monthly rates (containers per month) with uncertainty, in phases or with a
 * trend, cumulative totals at every month's end — one model node per month, so a run holds the whole
 * samples × months block as index-aligned typed arrays — calibration to dated observations by
 * `.observe`, and quantile bands per month for fan charts.
 * @module
 */
import { requireDistribution } from '../distributions/mixture.js';
import type { Distribution } from '../distributions/types.js';
import type { Likelihood } from '../model/definition.js';
import { type Model, model } from '../model/model.js';
import type { ModelRun } from '../model/result.js';
import type { TimelineBand } from '../report/timelineBand.js';
import {
  invalidParameter,
  optionNames,
  requireKnownOptions,
  requireObject,
  show,
} from '../validate.js';

/**
 * One phase of constant (but uncertain) delivery rate.
 *
 * @example
 * ```ts
 * import { lognormal } from 'salvo';
 * import type { DeliveryPhase } from 'salvo/shipments';
 * const autumn: DeliveryPhase = { months: 2, containersPerMonth: lognormal.ci(700, 1_300) };
 * autumn.months; // => 2
 * ```
 */
export interface DeliveryPhase {
  /** How many months the phase lasts, a positive integer. */
  readonly months: number;
  /** Containers delivered per month during the phase. */
  readonly containersPerMonth: Distribution;
}

/**
 * How the monthly rate evolves: consecutive phases covering the window, or a trend where month m
 * (counting from 0) delivers `initialContainersPerMonth × growthPerMonth^m`.
 *
 * @example
 * ```ts
 * import { lognormal } from 'salvo';
 * import type { DeliveryRate } from 'salvo/shipments';
 * const accelerating: DeliveryRate = {
 *   trend: { initialContainersPerMonth: lognormal.ci(500, 1_200), growthPerMonth: lognormal.ci(1, 1.3) },
 * };
 * 'trend' in accelerating; // => true
 * ```
 */
export type DeliveryRate =
  | { readonly phases: readonly DeliveryPhase[] }
  | {
      readonly trend: {
        readonly initialContainersPerMonth: Distribution;
        readonly growthPerMonth: Distribution;
      };
    };

/**
 * A dated statement about the cumulative number of containers delivered, as evidence.
 *
 * @example
 * ```ts
 * import { normal } from 'salvo';
 * import type { DatedObservation } from 'salvo/shipments';
 * const shin: DatedObservation = {
 *   date: '2024-02-26',
 *   containers: normal(6_700, 400), // "about 6,700"
 *   source: 'South Korean defence minister Shin Won-sik',
 * };
 * shin.date; // => '2024-02-26'
 * ```
 */
export interface DatedObservation {
  /** The date the count refers to, `YYYY-MM-DD`, inside the window. */
  readonly date: string;
  /** The likelihood of the true cumulative count: a distribution around the statement, or a function. */
  readonly containers: Likelihood;
  /** Who said it (kept for reports). */
  readonly source?: string;
}

/**
 * Options of {@link deliveryTimeline}.
 *
 * @example
 * ```ts
 * import { constant } from 'salvo';
 * import type { DeliveryTimelineOptions } from 'salvo/shipments';
 * const options: DeliveryTimelineOptions = {
 *   start: '2023-09',
 *   months: 6,
 *   rate: { phases: [{ months: 6, containersPerMonth: constant(1_000) }] },
 * };
 * options.months; // => 6
 * ```
 */
export interface DeliveryTimelineOptions {
  /** The model's seed; default `'nk-deliveries'`. */
  readonly seed?: number | string;
  /** The first month of deliveries, `YYYY-MM`. */
  readonly start: string;
  /** Months in the window (history and projection), an integer from 1 to 240. */
  readonly months: number;
  /** The monthly rate: phases (their months must add up to `months`) or a trend. */
  readonly rate: DeliveryRate;
  /** Dated cumulative counts to calibrate to. */
  readonly observations?: readonly DatedObservation[];
  /**
   * Rounds per container (all containers, averaged over what they carry): when given, the model also
   * has `rounds_YYYY_MM`, the cumulative rounds by each month's end. An `empirical` of a shipment
   * run's `rounds / containers` ties the two models together.
   */
  readonly roundsPerContainer?: Distribution;
}

/**
 * What {@link deliveryTimeline} builds: the model and the names of its nodes.
 *
 * @example
 * ```ts
 * import { constant } from 'salvo';
 * import { deliveryTimeline } from 'salvo/shipments';
 * const t = deliveryTimeline({
 *   start: '2023-09',
 *   months: 3,
 *   rate: { phases: [{ months: 3, containersPerMonth: constant(1_000) }] },
 * });
 * t.months;          // => ['2023-09', '2023-10', '2023-11']
 * t.cumulativeNodes; // => ['cumulative_2023_09', 'cumulative_2023_10', 'cumulative_2023_11']
 * ```
 */
export interface DeliveryTimeline {
  /** The model: rate inputs, `rate_YYYY_MM` and `cumulative_YYYY_MM` per month, observed dates. */
  readonly model: Model<string>;
  /** The months of the window, `YYYY-MM`. */
  readonly months: readonly string[];
  /** Per month, the node of containers delivered by the month's end. */
  readonly cumulativeNodes: readonly string[];
  /** Per month, the node of that month's rate. */
  readonly rateNodes: readonly string[];
  /** Per observation (in the given order), the node of the cumulative count at its date. */
  readonly observationNodes: readonly string[];
  /** Per month, the node of cumulative rounds (empty without `roundsPerContainer`). */
  readonly roundsNodes: readonly string[];
}

const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Keys of any member of a union (`keyof` of a union keeps only the shared ones). */
type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/** The names each options object of {@link deliveryTimeline} knows, for `UNKNOWN_OPTION`. */
const TIMELINE_OPTION_NAMES = optionNames<DeliveryTimelineOptions>()([
  'seed',
  'start',
  'months',
  'rate',
  'observations',
  'roundsPerContainer',
]);
const RATE_NAMES = optionNames<Record<KeysOfUnion<DeliveryRate>, unknown>>()(['phases', 'trend']);
const PHASE_NAMES = optionNames<DeliveryPhase>()(['months', 'containersPerMonth']);
const TREND_NAMES = optionNames<Extract<DeliveryRate, { trend: unknown }>['trend']>()([
  'initialContainersPerMonth',
  'growthPerMonth',
]);
const OBSERVATION_NAMES = optionNames<DatedObservation>()(['date', 'containers', 'source']);

/**
 * A model of cumulative deliveries month by month. Month m's rate is its phase's input (or
 * `initial × growth^m`); `cumulative_YYYY_MM` is the sum of the rates up to that month's end. A dated
 * observation becomes a node `observed_YYYY_MM_DD` — the cumulative count at the start of its month
 * plus the month's rate times the elapsed fraction of the month (deliveries spread evenly within a
 * month) — observed with its likelihood, so the run is calibrated to the statements and reports its
 * effective sample size. Months after the last observation are the projection: the same rates carried
 * on, as uncertain as the model says.
 *
 * @param options - start month, window length, rate model, observations, seed
 * @returns the model and its node names
 * @throws {@link salvo!SalvoError | SalvoError} `INVALID_PARAMETER` naming the field: a malformed month or date, a date
 *   outside the window, phases that do not cover the window, a rate that is not a distribution
 * @example
 * ```ts
 * import { lognormal, normal } from 'salvo';
 * import { deliveryTimeline, timelineBands } from 'salvo/shipments';
 * const timeline = deliveryTimeline({
 *   start: '2023-09',
 *   months: 12,
 *   rate: {
 *     trend: { initialContainersPerMonth: lognormal.ci(400, 1_500), growthPerMonth: lognormal.ci(0.9, 1.3) },
 *   },
 *   observations: [
 *     { date: '2023-11-02', containers: normal(2_000, 300), source: 'South Korean military' },
 *     { date: '2024-02-26', containers: normal(6_700, 400), source: 'Minister Shin' },
 *   ],
 * });
 * const run = timeline.model.run({ samples: 100_000 });
 * const bands = timelineBands(run, timeline);
 * bands[5].month;  // => '2024-02'
 * bands[5].p50;    // => about 7,000 (a smooth trend cannot meet both statements exactly); bands[11]
 *                  //    projects the trend to August 2024
 * run.effectiveSampleSize; // => about 12,000 of 100,000: the statements narrow the trend a lot
 * ```
 */
export function deliveryTimeline(options: DeliveryTimelineOptions): DeliveryTimeline {
  const where = 'deliveryTimeline';
  requireObject(where, 'options', options);
  requireKnownOptions(where, 'options', options, TIMELINE_OPTION_NAMES);
  requireKnownOptions(where, 'rate', options.rate, RATE_NAMES);
  const start = MONTH.exec(typeof options.start === 'string' ? options.start : '');
  if (start === null || Number(start[2]) < 1 || Number(start[2]) > 12) {
    throw invalidParameter(
      where,
      'start',
      `start must be a month 'YYYY-MM', got ${show(options.start)}`,
      options.start,
    );
  }
  const count = options.months;
  if (!Number.isInteger(count) || count < 1 || count > 240) {
    throw invalidParameter(
      where,
      'months',
      `months must be an integer from 1 to 240, got ${show(count)}`,
      count,
    );
  }
  const startYear = Number(start[1]);
  const startMonth = Number(start[2]) - 1;
  const months: string[] = [];
  for (let m = 0; m < count; m++) {
    const y = startYear + Math.floor((startMonth + m) / 12);
    const mm = ((startMonth + m) % 12) + 1;
    months.push(`${y}-${String(mm).padStart(2, '0')}`);
  }
  const key = (month: string) => month.replace('-', '_');
  const rateNodes = months.map((month) => `rate_${key(month)}`);
  const cumulativeNodes = months.map((month) => `cumulative_${key(month)}`);

  let m: Model<string> = model({ seed: options.seed ?? 'nk-deliveries' });
  const rate = options.rate as DeliveryRate | undefined;
  if (rate !== undefined && 'phases' in rate) {
    const phases = rate.phases;
    if (!Array.isArray(phases) || phases.length === 0) {
      throw invalidParameter(
        where,
        'rate.phases',
        `rate.phases must be a non-empty list, got ${show(phases)}`,
        phases,
      );
    }
    let covered = 0;
    phases.forEach((phase, i) => {
      requireKnownOptions(where, `rate.phases[${i}]`, phase, PHASE_NAMES);
      if (!Number.isInteger(phase?.months) || phase.months < 1) {
        throw invalidParameter(
          where,
          `rate.phases[${i}].months`,
          `rate.phases[${i}].months must be a positive integer, got ${show(phase?.months)}`,
          phase?.months,
        );
      }
      requireDistribution(where, `rate.phases[${i}].containersPerMonth`, phase.containersPerMonth);
      m = m.input(`phase${i + 1}ContainersPerMonth`, phase.containersPerMonth);
      for (let j = 0; j < phase.months && covered + j < count; j++) {
        m = m.derive(rateNodes[covered + j], `phase${i + 1}ContainersPerMonth`);
      }
      covered += phase.months;
    });
    if (covered !== count) {
      throw invalidParameter(
        where,
        'rate.phases',
        `the phases' months add up to ${covered}, but the window has ${count} months`,
        covered,
      );
    }
  } else if (rate !== undefined && 'trend' in rate) {
    const trend = rate.trend;
    requireKnownOptions(where, 'rate.trend', trend, TREND_NAMES);
    for (const field of ['initialContainersPerMonth', 'growthPerMonth'] as const) {
      requireDistribution(where, `rate.trend.${field}`, trend?.[field]);
    }
    m = m
      .input('initialContainersPerMonth', trend.initialContainersPerMonth)
      .input('growthPerMonth', trend.growthPerMonth);
    rateNodes.forEach((name, i) => {
      m = m.derive(
        name,
        i === 0 ? 'initialContainersPerMonth' : `initialContainersPerMonth * growthPerMonth ^ ${i}`,
      );
    });
  } else {
    throw invalidParameter(
      where,
      'rate',
      `rate must be { phases: [...] } or { trend: {...} }, got ${show(rate)}`,
      rate,
    );
  }
  cumulativeNodes.forEach((name, i) => {
    m = m.derive(name, i === 0 ? rateNodes[0] : `${cumulativeNodes[i - 1]} + ${rateNodes[i]}`);
  });
  const roundsNodes: string[] = [];
  if (options.roundsPerContainer !== undefined) {
    requireDistribution(where, 'roundsPerContainer', options.roundsPerContainer);
    m = m.input('roundsPerContainer', options.roundsPerContainer);
    months.forEach((month, i) => {
      const name = `rounds_${key(month)}`;
      m = m.derive(name, `${cumulativeNodes[i]} * roundsPerContainer`);
      roundsNodes.push(name);
    });
  }

  const observationNodes: string[] = [];
  (options.observations ?? []).forEach((o, i) => {
    requireKnownOptions(where, `observations[${i}]`, o, OBSERVATION_NAMES);
    const day = DAY.exec(typeof o?.date === 'string' ? o.date : '');
    const parameter = `observations[${i}].date`;
    if (day === null) {
      throw invalidParameter(
        where,
        parameter,
        `${parameter} must be a date 'YYYY-MM-DD', got ${show(o?.date)}`,
        o?.date,
      );
    }
    const monthIndex = months.indexOf(`${day[1]}-${day[2]}`);
    const daysInMonth = new Date(Date.UTC(Number(day[1]), Number(day[2]), 0)).getUTCDate();
    const dayOfMonth = Number(day[3]);
    if (monthIndex < 0 || dayOfMonth < 1 || dayOfMonth > daysInMonth) {
      throw invalidParameter(
        where,
        parameter,
        `${parameter} = ${o.date} is not a day of the window ${months[0]} to ${months[count - 1]}`,
        o.date,
      );
    }
    // Deliveries spread evenly over a month: by the end of day d, d / daysInMonth of its rate.
    const fraction = dayOfMonth / daysInMonth;
    const before = monthIndex === 0 ? '0' : cumulativeNodes[monthIndex - 1];
    const name = `observed_${o.date.replaceAll('-', '_')}`;
    if (observationNodes.includes(name)) {
      throw invalidParameter(
        where,
        parameter,
        `${parameter} = ${o.date} is observed twice; combine the statements`,
        o.date,
      );
    }
    m = m.derive(name, `${before} + ${fraction} * ${rateNodes[monthIndex]}`);
    m = m.observe(name, o.containers);
    observationNodes.push(name);
  });
  return { model: m, months, cumulativeNodes, rateNodes, observationNodes, roundsNodes };
}

/**
 * Quantile bands of the cumulative deliveries for every month of a timeline's run (weighted when the
 * timeline has observations): the data of a fan chart.
 *
 * @param run - a run of `timeline.model`
 * @param timeline - the timeline it came from
 * @param quantity - `'containers'` (default) or `'rounds'` (with `roundsPerContainer`)
 * @returns one band per month, in order
 * @throws {@link salvo!SalvoError | SalvoError} `INVALID_PARAMETER` when the run lacks the timeline's nodes
 * @example
 * ```ts
 * import { constant } from 'salvo';
 * import { deliveryTimeline, timelineBands } from 'salvo/shipments';
 * const t = deliveryTimeline({ start: '2023-09', months: 2, rate: { phases: [{ months: 2, containersPerMonth: constant(1_000) }] } });
 * timelineBands(t.model.run({ samples: 100 }), t).map((b) => b.p50); // => [1000, 2000]
 * ```
 */
export function timelineBands(
  run: ModelRun<string>,
  timeline: DeliveryTimeline,
  quantity: 'containers' | 'rounds' = 'containers',
): TimelineBand[] {
  const nodes = quantity === 'rounds' ? timeline.roundsNodes : timeline.cumulativeNodes;
  if (nodes.length === 0) {
    throw invalidParameter(
      'timelineBands',
      'quantity',
      "quantity 'rounds' needs a timeline built with roundsPerContainer",
      quantity,
    );
  }
  return nodes.map((node, i) => {
    if (!run.nodeNames.includes(node)) {
      throw invalidParameter(
        'timelineBands',
        'run',
        `the run has no node ${show(node)}: run timeline.model itself`,
        node,
      );
    }
    const q = run.summary(node).quantiles;
    return { month: timeline.months[i], p5: q.p5, p25: q.p25, p50: q.p50, p75: q.p75, p95: q.p95 };
  });
}
