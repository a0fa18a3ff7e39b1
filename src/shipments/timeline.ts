/**
 * Deliveries over time: monthly rates (containers per month) with uncertainty, in phases, with a
 * trend, or carried by a fleet of ships (capacity, a drifting share of it used, pauses, voyages as
 * counts), cumulative totals at every month's end — one model node per month, so a run holds the whole
 * samples × months block as index-aligned typed arrays — calibration to dated observations by
 * `.observe`, and quantile bands per month for fan charts.
 * @module
 */
import { beta } from '../distributions/beta.js';
import { lognormal } from '../distributions/lognormal.js';
import { requireDistribution } from '../distributions/mixture.js';
import { normal } from '../distributions/normal.js';
import type { Distribution } from '../distributions/types.js';
import { uniform } from '../distributions/uniform.js';
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
 * Vessels in service for a number of months (a phase of {@link FleetRate.vessels}).
 *
 * @example
 * ```ts
 * import type { FleetVesselPhase } from 'salvo/shipments';
 * const winter: FleetVesselPhase = { months: 3, vessels: 3 }; // one ship in repair
 * winter.vessels; // => 3
 * ```
 */
export interface FleetVesselPhase {
  /** How many months the phase lasts, a positive integer. */
  readonly months: number;
  /** Vessels in service during the phase, a non-negative integer. */
  readonly vessels: number;
}

/**
 * Pauses of a fleet: months in which no ship sails (repairs, a closed port, nothing to load). A
 * two-state chain month by month: a month in service is followed by a paused one with chance
 * `startChancePerMonth`; a paused month is followed by another with chance `1 - 1 / meanMonths`, so
 * pauses last `meanMonths` on average.
 *
 * @example
 * ```ts
 * import { beta } from 'salvo';
 * import type { FleetPauses } from 'salvo/shipments';
 * const pauses: FleetPauses = { startChancePerMonth: beta(1, 9), meanMonths: 1 };
 * pauses.meanMonths; // => 1
 * ```
 */
export interface FleetPauses {
  /** The chance that a pause starts in a month after a month in service, a distribution on [0, 1]. */
  readonly startChancePerMonth: Distribution;
  /** How long a pause lasts on average, in months, at least 1. */
  readonly meanMonths: number;
}

/**
 * A rate that follows from the ships that carry it: each month the fleet can make
 * `floor(vessels × daysInMonth / roundTripDays)` voyages; it makes a binomial number of them with the
 * month's share of capacity used (none in a paused month), and each carries `containersPerVoyage`.
 * The share drifts as a random walk on its log-odds — the log of the rate's distance from zero over
 * its distance from capacity — with volatility `shareVolatility` per month: it wanders without
 * compounding past what the ships can carry. Every field has a default ({@link defaultFleet}), with
 * its sources.
 *
 * @example
 * ```ts
 * import { lognormal } from 'salvo';
 * import type { FleetRate } from 'salvo/shipments';
 * const fleet: FleetRate = { vessels: 4, roundTripDays: lognormal.ci(7, 21) };
 * fleet.vessels; // => 4
 * ```
 */
export interface FleetRate {
  /** Vessels in service: a count for the whole window, or phases whose months add up to the window's. */
  readonly vessels?: number | readonly FleetVesselPhase[];
  /** Days one vessel takes for a round trip: sailing both ways, loading, unloading and waiting. */
  readonly roundTripDays?: Distribution;
  /** Containers one voyage carries (the fleet's average load). */
  readonly containersPerVoyage?: Distribution;
  /** The share of the fleet's capacity used in the first month, a distribution on [0, 1]. */
  readonly initialShareUsed?: Distribution;
  /** How far the log-odds of the share used moves in a month (its standard deviation), positive. */
  readonly shareVolatility?: Distribution;
  /** Months without sailings, or `false` for none. */
  readonly pauses?: FleetPauses | false;
}

/**
 * How the monthly rate evolves: consecutive phases covering the window, a trend where month m
 * (counting from 0) delivers `initialContainersPerMonth × growthPerMonth^m`, or a fleet whose voyages
 * carry the containers ({@link FleetRate}).
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
    }
  | { readonly fleet: FleetRate };

/**
 * A dated statement about the deliveries, as evidence: the cumulative count of containers, of voyages
 * (with a fleet rate) or of rounds (with `roundsPerContainer`) by that date.
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
export type DatedObservation = {
  /** The date the count refers to, `YYYY-MM-DD`, inside the window. */
  readonly date: string;
  /** Who said it (kept for reports). */
  readonly source?: string;
} & (
  | {
      /** The likelihood of the true cumulative count of containers: a distribution around the statement, or a function. */
      readonly containers: Likelihood;
    }
  | {
      /** The likelihood of the cumulative count of voyages (a fleet rate only): "at least 32 trips". */
      readonly voyages: Likelihood;
    }
  | {
      /** The likelihood of the cumulative rounds (with `roundsPerContainer`): "more than 1 million shells". */
      readonly rounds: Likelihood;
    }
);

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
  /** The monthly rate: phases (their months must add up to `months`), a trend or a fleet. */
  readonly rate: DeliveryRate;
  /** Dated cumulative counts (containers, voyages or rounds) to calibrate to. */
  readonly observations?: readonly DatedObservation[];
  /**
   * Rounds per container (all containers, averaged over what they carry): when given, the model also
   * has `rounds_YYYY_MM`, the cumulative rounds by each month's end. An `empirical` of a shipment
   * run's `rounds / containers` ties the two models together.
   */
  readonly roundsPerContainer?: Distribution;
  /**
   * Dates (`YYYY-MM-DD`, inside the window) whose cumulative containers become nodes
   * `at_YYYY_MM_DD`, unobserved: what the model forecasts for a date, to score against a statement
   * made later (as `backtest` from `salvo` does).
   */
  readonly checkpoints?: readonly string[];
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
  /** Per month, the node of that month's rate (containers delivered in the month). */
  readonly rateNodes: readonly string[];
  /** Per observation (in the given order), the node of the cumulative count it observes. */
  readonly observationNodes: readonly string[];
  /** Per month, the node of cumulative rounds (empty without `roundsPerContainer`). */
  readonly roundsNodes: readonly string[];
  /** Per month, the node of cumulative voyages (a fleet rate only; empty otherwise). */
  readonly voyageNodes: readonly string[];
  /** Per month, the node of the voyages the fleet could make that month (a fleet rate only). */
  readonly voyageCapacityNodes: readonly string[];
  /** Per checkpoint (in the given order), the node of cumulative containers at its date. */
  readonly checkpointNodes: readonly string[];
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
  'checkpoints',
]);
const RATE_NAMES = optionNames<Record<KeysOfUnion<DeliveryRate>, unknown>>()([
  'phases',
  'trend',
  'fleet',
]);
const PHASE_NAMES = optionNames<DeliveryPhase>()(['months', 'containersPerMonth']);
const TREND_NAMES = optionNames<Extract<DeliveryRate, { trend: unknown }>['trend']>()([
  'initialContainersPerMonth',
  'growthPerMonth',
]);
const FLEET_NAMES = optionNames<FleetRate>()([
  'vessels',
  'roundTripDays',
  'containersPerVoyage',
  'initialShareUsed',
  'shareVolatility',
  'pauses',
]);
const VESSEL_PHASE_NAMES = optionNames<FleetVesselPhase>()(['months', 'vessels']);
const PAUSE_NAMES = optionNames<FleetPauses>()(['startChancePerMonth', 'meanMonths']);
const OBSERVATION_NAMES = optionNames<Record<KeysOfUnion<DatedObservation>, unknown>>()([
  'date',
  'containers',
  'voyages',
  'rounds',
  'source',
]);
/** What an observation may count, with the prefix of its node. */
const OBSERVED_QUANTITIES = [
  ['containers', 'observed'],
  ['voyages', 'observedVoyages'],
  ['rounds', 'observedRounds'],
] as const;

/**
 * The fleet of the scenario, as {@link deliveryTimeline}'s `{ fleet: {} }` fills in what is not given.
 * Sources: the scenario notes of the project (`shared/context/scenario.md`: statements up to
 * February 2024 and NK Pro's ship tracking reported in March 2024).
 *
 * - `vessels: 4` — satellite imagery showed about four cargo ships shuttling between Najin (Rason) and
 *   the port of Dunay, about 180 km apart (Bloomberg via The Straits Times, 27 Feb 2024); NK Pro
 *   names them Angara, Lady R, Maia-1 and Maria.
 * - `roundTripDays: lognormal.ci(7, 21)` (90%) — 180 km is under a day's sailing each way, so loading,
 *   unloading and waiting dominate. South Korea's military counted about two ship visits a week in
 *   September–October 2023 (four ships: each back every two weeks or so); NK Pro's "at least 32
 *   trips" by the four ships up to 12 February 2024 is about eight trips each in five months, about
 *   20 days a trip with idle time included.
 * - `containersPerVoyage: lognormal.ci(100, 300)` (90%) — about 2,000 containers (South Korean
 *   military, 2 Nov 2023) in "about 10 shipments" (South Korean intelligence, 1 Nov 2023) is about 200
 *   a shipment; about 6,700 containers (26 Feb 2024) in at least 32 trips is at most about 210; about
 *   two visits a week over September–October for 2,000 containers is nearer 120.
 * - `initialShareUsed: beta(2, 2)` — no statement gives the share of capacity used: a weak prior
 *   centred on one half (90%: 0.14–0.86), left to the dated counts.
 * - `shareVolatility: lognormal.ci(0.1, 1)` (90%) per month on the log-odds scale — from a pace that
 *   barely moves (0.1: about ±2.5 points of share a month near one half) to one whose typical month
 *   multiplies or divides the odds by e (1: from one half to about 0.27 or 0.73); the minister spoke
 *   of "an accelerating pace".
 * - `pauses: { startChancePerMonth: beta(1, 9), meanMonths: 1 }` — one pause in the first six months:
 *   ship tracking saw no visits after 12 February 2024 (NK Pro, in the scenario's statements; it
 *   reported later that Rason stayed quiet until about 10 March). A one-in-ten chance a month,
 *   uncertain, lasting a month on average.
 *
 * @example
 * ```ts
 * import { defaultFleet } from 'salvo/shipments';
 * defaultFleet.vessels;                   // => 4
 * String(defaultFleet.containersPerVoyage); // => 'lognormal.ci(100, 300)'
 * ```
 */
export const defaultFleet: Readonly<{
  vessels: number;
  roundTripDays: Distribution;
  containersPerVoyage: Distribution;
  initialShareUsed: Distribution;
  shareVolatility: Distribution;
  pauses: FleetPauses;
}> = Object.freeze({
  vessels: 4,
  roundTripDays: lognormal.ci(7, 21),
  containersPerVoyage: lognormal.ci(100, 300),
  initialShareUsed: beta(2, 2),
  shareVolatility: lognormal.ci(0.1, 1),
  pauses: Object.freeze({ startChancePerMonth: beta(1, 9), meanMonths: 1 }),
});

/** The window's months, `YYYY-MM`, from a checked start and count. */
function windowMonths(where: string, start: unknown, count: unknown): string[] {
  const parsed = MONTH.exec(typeof start === 'string' ? start : '');
  if (parsed === null || Number(parsed[2]) < 1 || Number(parsed[2]) > 12) {
    throw invalidParameter(
      where,
      'start',
      `start must be a month 'YYYY-MM', got ${show(start)}`,
      start,
    );
  }
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > 240) {
    throw invalidParameter(
      where,
      'months',
      `months must be an integer from 1 to 240, got ${show(count)}`,
      count,
    );
  }
  const startYear = Number(parsed[1]);
  const startMonth = Number(parsed[2]) - 1;
  const months: string[] = [];
  for (let m = 0; m < (count as number); m++) {
    const y = startYear + Math.floor((startMonth + m) / 12);
    const mm = ((startMonth + m) % 12) + 1;
    months.push(`${y}-${String(mm).padStart(2, '0')}`);
  }
  return months;
}

/** A month `YYYY-MM` as it appears in node names: `YYYY_MM`. */
function monthKey(month: string): string {
  return month.replace('-', '_');
}

/** Days in a month `YYYY-MM`. */
function daysIn(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}

/** A checked day of the window: its month's index and the elapsed fraction of that month. */
function dayOfWindow(
  where: string,
  parameter: string,
  date: unknown,
  months: readonly string[],
): { monthIndex: number; fraction: number; date: string } {
  const day = DAY.exec(typeof date === 'string' ? date : '');
  if (day === null) {
    throw invalidParameter(
      where,
      parameter,
      `${parameter} must be a date 'YYYY-MM-DD', got ${show(date)}`,
      date,
    );
  }
  const month = `${day[1]}-${day[2]}`;
  const monthIndex = months.indexOf(month);
  const dayOfMonth = Number(day[3]);
  if (monthIndex < 0 || dayOfMonth < 1 || dayOfMonth > daysIn(month)) {
    throw invalidParameter(
      where,
      parameter,
      `${parameter} = ${date} is not a day of the window ${months[0]} to ${months.at(-1)}`,
      date,
    );
  }
  // Deliveries spread evenly over a month: by the end of day d, d / daysInMonth of its rate.
  return { monthIndex, fraction: dayOfMonth / daysIn(month), date: date as string };
}

/** A distribution whose values lie in [0, 1] (a share or a chance). */
function requireShare(where: string, parameter: string, dist: unknown): Distribution {
  requireDistribution(where, parameter, dist);
  const d = dist as Distribution;
  if (!(d.min >= 0 && d.max <= 1)) {
    throw invalidParameter(
      where,
      parameter,
      `${parameter} must be a distribution on [0, 1] such as beta(2, 2), got ${show(String(d))} on [${d.min}, ${d.max}]`,
      dist,
    );
  }
  return d;
}

/** A distribution of positive values (days, containers, a volatility). */
function requirePositiveDistribution(
  where: string,
  parameter: string,
  dist: unknown,
): Distribution {
  requireDistribution(where, parameter, dist);
  const d = dist as Distribution;
  if (!(d.min >= 0)) {
    throw invalidParameter(
      where,
      parameter,
      `${parameter} must be a distribution of positive values such as lognormal.ci(7, 21), got ${show(String(d))} with values down to ${d.min}`,
      dist,
    );
  }
  return d;
}

/** Per month, the vessels in service: from a count or phases covering the window. */
function vesselsByMonth(where: string, vessels: unknown, count: number): number[] {
  const checkCount = (parameter: string, v: unknown): number => {
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 10_000) {
      throw invalidParameter(
        where,
        parameter,
        `${parameter} must be an integer from 0 to 10,000, got ${show(v)}`,
        v,
      );
    }
    return v as number;
  };
  if (!Array.isArray(vessels))
    return new Array(count).fill(checkCount('rate.fleet.vessels', vessels));
  const byMonth: number[] = [];
  vessels.forEach((phase: FleetVesselPhase, i) => {
    const parameter = `rate.fleet.vessels[${i}]`;
    requireKnownOptions(where, parameter, phase, VESSEL_PHASE_NAMES);
    if (!Number.isInteger(phase?.months) || phase.months < 1) {
      throw invalidParameter(
        where,
        `${parameter}.months`,
        `${parameter}.months must be a positive integer, got ${show(phase?.months)}`,
        phase?.months,
      );
    }
    const n = checkCount(`${parameter}.vessels`, phase.vessels);
    for (let j = 0; j < phase.months; j++) byMonth.push(n);
  });
  if (byMonth.length !== count) {
    throw invalidParameter(
      where,
      'rate.fleet.vessels',
      `the vessel phases' months add up to ${byMonth.length}, but the window has ${count} months`,
      byMonth.length,
    );
  }
  return byMonth;
}

/**
 * Adds a fleet's nodes: per month the voyages it could make, the share of capacity used (a walk on
 * its log-odds), pauses, the voyages made (binomial, from a uniform input by `binomialQuantile`) and
 * the containers they carry (`rate_YYYY_MM`).
 */
function addFleet(
  where: string,
  start: Model<string>,
  fleet: FleetRate,
  months: readonly string[],
  rateNodes: readonly string[],
): { model: Model<string>; voyageCapacityNodes: string[]; monthlyVoyageNodes: string[] } {
  requireObject(where, 'rate.fleet', fleet);
  requireKnownOptions(where, 'rate.fleet', fleet, FLEET_NAMES);
  const vessels = vesselsByMonth(where, fleet.vessels ?? defaultFleet.vessels, months.length);
  /** A distribution field, given or the default, checked as a share or as positive values. */
  const field = (name: Exclude<keyof FleetRate, 'vessels' | 'pauses'>, share = false) =>
    (share ? requireShare : requirePositiveDistribution)(
      where,
      `rate.fleet.${name}`,
      fleet[name] ?? defaultFleet[name],
    );
  const roundTripDays = field('roundTripDays');
  const containersPerVoyage = field('containersPerVoyage');
  const initialShareUsed = field('initialShareUsed', true);
  const shareVolatility = field('shareVolatility');
  const pauses = fleet.pauses === undefined ? defaultFleet.pauses : fleet.pauses;
  let m = start
    .input('roundTripDays', roundTripDays)
    .input('containersPerVoyage', containersPerVoyage)
    .input('initialShareUsed', initialShareUsed)
    .input('shareVolatility', shareVolatility);
  let continueChance = 0;
  if (pauses !== false) {
    requireObject(where, 'rate.fleet.pauses', pauses);
    requireKnownOptions(where, 'rate.fleet.pauses', pauses, PAUSE_NAMES);
    const mean = pauses.meanMonths;
    if (typeof mean !== 'number' || !(mean >= 1) || mean === Number.POSITIVE_INFINITY) {
      throw invalidParameter(
        where,
        'rate.fleet.pauses.meanMonths',
        `rate.fleet.pauses.meanMonths must be a finite number of at least 1, got ${show(mean)}`,
        mean,
      );
    }
    continueChance = 1 - 1 / mean;
    m = m.input(
      'pauseStartChance',
      requireShare(where, 'rate.fleet.pauses.startChancePerMonth', pauses.startChancePerMonth),
    );
  }
  const voyageCapacityNodes: string[] = [];
  const monthlyVoyageNodes: string[] = [];
  months.forEach((month, i) => {
    const key = monthKey(month);
    const previous = i === 0 ? '' : monthKey(months[i - 1]);
    const logOdds = `shareLogOdds_${key}`;
    if (i === 0) {
      m = m.derive(logOdds, 'log(initialShareUsed / (1 - initialShareUsed))');
    } else {
      m = m
        .input(`shareShock_${key}`, normal(0, 1))
        .derive(logOdds, `shareLogOdds_${previous} + shareVolatility * shareShock_${key}`);
    }
    m = m.derive(`shareUsed_${key}`, `1 / (1 + exp(-${logOdds}))`);
    let share = `shareUsed_${key}`;
    if (pauses !== false) {
      m = m.input(`pauseDraw_${key}`, uniform(0, 1));
      m = m.derive(
        `paused_${key}`,
        i === 0
          ? `pauseDraw_${key} < pauseStartChance`
          : `paused_${previous} ? pauseDraw_${key} < ${continueChance} : pauseDraw_${key} < pauseStartChance`,
      );
      share = `paused_${key} ? 0 : shareUsed_${key}`;
    }
    const capacity = `voyageCapacity_${key}`;
    const voyages = `voyages_${key}`;
    m = m
      .derive(capacity, `floor(${vessels[i] * daysIn(month)} / roundTripDays)`)
      .input(`voyageDraw_${key}`, uniform(0, 1))
      .derive(voyages, `binomialQuantile(voyageDraw_${key}, ${capacity}, ${share})`)
      .derive(rateNodes[i], `${voyages} * containersPerVoyage`);
    voyageCapacityNodes.push(capacity);
    monthlyVoyageNodes.push(voyages);
  });
  return { model: m, voyageCapacityNodes, monthlyVoyageNodes };
}

/**
 * A model of cumulative deliveries month by month. Month m's rate is its phase's input, the trend's
 * `initial × growth^m`, or what a fleet's voyages carry ({@link FleetRate}: capacity from vessels and
 * round trips, a drifting share of it used, pauses, a binomial count of voyages, containers per
 * voyage — so that no sample delivers more than the ships can carry). `cumulative_YYYY_MM` is the sum
 * of the rates up to that month's end. A dated observation becomes a node of the cumulative count at
 * its date — `observed_YYYY_MM_DD` (containers), `observedVoyages_YYYY_MM_DD` or
 * `observedRounds_YYYY_MM_DD`: the count at the start of its month plus the month's count times the
 * elapsed fraction of the month (deliveries spread evenly within a month) — observed with its
 * likelihood, so the run is calibrated to the statements and reports its effective sample size.
 * Months after the last observation are the projection: the same rate model carried on, as uncertain
 * as it says.
 *
 * @param options - start month, window length, rate model, observations, checkpoints, seed
 * @returns the model and its node names
 * @throws {@link salvo!SalvoError | SalvoError} `INVALID_PARAMETER` naming the field: a malformed month or date, a date
 *   outside the window, phases that do not cover the window, a rate that is not a distribution, a
 *   share that is not on [0, 1], voyages observed without a fleet or rounds without
 *   `roundsPerContainer`
 * @example
 * ```ts
 * import { normal } from 'salvo';
 * import { deliveryTimeline, timelineBands } from 'salvo/shipments';
 * const timeline = deliveryTimeline({
 *   start: '2023-09',
 *   months: 18,
 *   rate: { fleet: {} }, // four ships, the documented defaults (defaultFleet)
 *   observations: [
 *     { date: '2023-11-02', containers: normal(2_000, 160), source: 'South Korean military' },
 *     { date: '2023-12-29', containers: normal(5_000, 400), source: 'Minister Shin' },
 *     { date: '2024-02-26', containers: normal(6_700, 540), source: 'Minister Shin' },
 *   ],
 * });
 * const run = timeline.model.run({ samples: 100_000 });
 * const bands = timelineBands(run, timeline);
 * bands[5].p50;  // => about 6,900 (February 2024)
 * bands[17].p95; // => about 28,000: twelve months on, bounded by what four ships can carry
 * run.effectiveSampleSize; // => about 1,800 of 100,000: the statements pick few paths of the fleet
 * ```
 */
export function deliveryTimeline(options: DeliveryTimelineOptions): DeliveryTimeline {
  const where = 'deliveryTimeline';
  requireObject(where, 'options', options);
  requireKnownOptions(where, 'options', options, TIMELINE_OPTION_NAMES);
  requireKnownOptions(where, 'rate', options.rate, RATE_NAMES);
  const months = windowMonths(where, options.start, options.months);
  const count = months.length;
  const rateNodes = months.map((month) => `rate_${monthKey(month)}`);
  let voyageCapacityNodes: string[] = [];
  let monthlyVoyageNodes: string[] = [];

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
  } else if (rate !== undefined && 'fleet' in rate) {
    ({
      model: m,
      voyageCapacityNodes,
      monthlyVoyageNodes,
    } = addFleet(where, m, rate.fleet, months, rateNodes));
  } else {
    throw invalidParameter(
      where,
      'rate',
      `rate must be { phases: [...] }, { trend: {...} } or { fleet: {...} }, got ${show(rate)}`,
      rate,
    );
  }
  const cumulate = (monthly: readonly string[], prefix: string): string[] =>
    monthly.map((node, i) => {
      const name = `${prefix}_${monthKey(months[i])}`;
      m = m.derive(name, i === 0 ? node : `${prefix}_${monthKey(months[i - 1])} + ${node}`);
      return name;
    });
  const cumulativeNodes = cumulate(rateNodes, 'cumulative');
  const voyageNodes = cumulate(monthlyVoyageNodes, 'cumulativeVoyages');
  const roundsNodes: string[] = [];
  if (options.roundsPerContainer !== undefined) {
    requireDistribution(where, 'roundsPerContainer', options.roundsPerContainer);
    m = m.input('roundsPerContainer', options.roundsPerContainer);
    months.forEach((month, i) => {
      const name = `rounds_${monthKey(month)}`;
      m = m.derive(name, `${cumulativeNodes[i]} * roundsPerContainer`);
      roundsNodes.push(name);
    });
  }
  /** The cumulative count of a quantity at a day of the window, as an expression. */
  const countAt = (
    cumulative: readonly string[],
    monthly: readonly string[],
    at: { monthIndex: number; fraction: number },
  ): string => {
    const before = at.monthIndex === 0 ? '0' : cumulative[at.monthIndex - 1];
    return `${before} + ${at.fraction} * ${monthly[at.monthIndex]}`;
  };

  const observationNodes: string[] = [];
  (options.observations ?? []).forEach((o, i) => {
    requireObject(where, `observations[${i}]`, o);
    requireKnownOptions(where, `observations[${i}]`, o, OBSERVATION_NAMES);
    const given = OBSERVED_QUANTITIES.filter(([field]) => field in o);
    if (given.length !== 1) {
      throw invalidParameter(
        where,
        `observations[${i}]`,
        `observations[${i}] must give exactly one of containers, voyages or rounds, got ${given.length === 0 ? 'none' : given.map(([f]) => f).join(' and ')}`,
        o,
      );
    }
    const [field, prefix] = given[0];
    const at = dayOfWindow(where, `observations[${i}].date`, o.date, months);
    let expression: string;
    if (field === 'containers') {
      expression = countAt(cumulativeNodes, rateNodes, at);
    } else if (field === 'voyages') {
      if (voyageNodes.length === 0) {
        throw invalidParameter(
          where,
          `observations[${i}].voyages`,
          `observations[${i}] counts voyages, which only a fleet rate ({ fleet: {...} }) has`,
          o,
        );
      }
      expression = countAt(voyageNodes, monthlyVoyageNodes, at);
    } else {
      if (roundsNodes.length === 0) {
        throw invalidParameter(
          where,
          `observations[${i}].rounds`,
          `observations[${i}] counts rounds: give roundsPerContainer to convert containers`,
          o,
        );
      }
      expression = `(${countAt(cumulativeNodes, rateNodes, at)}) * roundsPerContainer`;
    }
    const name = `${prefix}_${at.date.replaceAll('-', '_')}`;
    if (observationNodes.includes(name)) {
      throw invalidParameter(
        where,
        `observations[${i}].date`,
        `observations[${i}].date = ${at.date} observes ${field} twice; combine the statements`,
        at.date,
      );
    }
    m = m.derive(name, expression);
    m = m.observe(name, (o as unknown as Record<string, Likelihood>)[field]);
    observationNodes.push(name);
  });

  const checkpointNodes: string[] = [];
  const checkpoints = options.checkpoints ?? [];
  if (!Array.isArray(checkpoints)) {
    throw invalidParameter(
      where,
      'checkpoints',
      `checkpoints must be a list of dates 'YYYY-MM-DD', got ${show(checkpoints)}`,
      checkpoints,
    );
  }
  checkpoints.forEach((date, i) => {
    const at = dayOfWindow(where, `checkpoints[${i}]`, date, months);
    const name = `at_${at.date.replaceAll('-', '_')}`;
    if (checkpointNodes.includes(name)) {
      throw invalidParameter(
        where,
        `checkpoints[${i}]`,
        `checkpoints[${i}] = ${at.date} is given twice`,
        date,
      );
    }
    m = m.derive(name, countAt(cumulativeNodes, rateNodes, at));
    checkpointNodes.push(name);
  });
  return {
    model: m,
    months,
    cumulativeNodes,
    rateNodes,
    observationNodes,
    roundsNodes,
    voyageNodes,
    voyageCapacityNodes,
    checkpointNodes,
  };
}

/**
 * Quantile bands of the cumulative deliveries for every month of a timeline's run (weighted when the
 * timeline has observations): the data of a fan chart.
 *
 * @param run - a run of `timeline.model`
 * @param timeline - the timeline it came from
 * @param quantity - `'containers'` (default), `'rounds'` (with `roundsPerContainer`) or `'voyages'`
 *   (with a fleet rate)
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
  quantity: 'containers' | 'rounds' | 'voyages' = 'containers',
): TimelineBand[] {
  const nodes =
    quantity === 'rounds'
      ? timeline.roundsNodes
      : quantity === 'voyages'
        ? timeline.voyageNodes
        : timeline.cumulativeNodes;
  if (nodes.length === 0) {
    throw invalidParameter(
      'timelineBands',
      'quantity',
      quantity === 'voyages'
        ? "quantity 'voyages' needs a timeline built with a fleet rate"
        : "quantity 'rounds' needs a timeline built with roundsPerContainer",
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
