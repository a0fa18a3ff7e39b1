/**
 * The munitions-shipments domain: how many artillery rounds about 6,700 North Korean containers held,
 * what they were worth, and how the deliveries ran month by month. `shipmentEstimate()` and
 * `deliveryTimeline()` return ordinary models built only from the public builder of `salvo` (observe,
 * correlate, derive and run them as any other); a timeline's rate comes in phases, as a trend, or
 * from a fleet of ships (`defaultFleet`: four vessels, with sources). `timelineBands` reads a
 * timeline's run as monthly quantile bands, `timelineBacktest` tests a rate model on the statements'
 * own history, and the scenario's public statements are typed, dated and sourced data.
 *
 * Both models are written as expressions, so that they run on worker threads (`runParallel` from
 * `salvo/node`); importing this entry therefore brings mathjs's expression parser along.
 *
 * @example
 * ```ts
 * import { formatInterval } from 'salvo';
 * import { shipmentEstimate } from 'salvo/shipments';
 * const run = shipmentEstimate().run({ samples: 100_000 }); // seed 'nk-2024-02-26' unless given one
 * formatInterval(run.interval('rounds')); // => '1.9M (90%: 1.1M–2.8M)'
 * run.probability('rounds', '>', 3e6);    // => 0.02562 (South Korea's "about three million")
 * ```
 * @module salvo/shipments
 */
// biome-ignore-all assist/source/organizeImports: the exports are grouped by topic, each group sorted.

// The estimate: containers to rounds by calibre, serviceable rounds, value in dollars and against GDP.
export {
  defaultShipmentInputs,
  type ShipmentInputs,
  type ShipmentNode,
  type ShipmentOptions,
  shipmentEstimate,
} from './estimate.js';

// The timeline: monthly delivery rates (phases, trend, fleet), cumulative totals, calibration to dated
// counts of containers, voyages and rounds, bands per month.
export {
  type DatedObservation,
  type DeliveryPhase,
  type DeliveryRate,
  type DeliveryTimeline,
  type DeliveryTimelineOptions,
  defaultFleet,
  deliveryTimeline,
  type FleetPauses,
  type FleetRate,
  type FleetVesselPhase,
  timelineBands,
} from './timeline.js';

// The scenario's public figures, each dated and sourced, and the reference economy.
export {
  containerStatements,
  euPledgeDeliveries,
  northKoreaGdpUsd,
  type PublicFigure,
  shellStatements,
} from './reference.js';

// Backtests of rate models on the statements' own history.
export {
  type ContainerStatement,
  type TimelineBacktestOptions,
  timelineBacktest,
} from './backtest.js';
