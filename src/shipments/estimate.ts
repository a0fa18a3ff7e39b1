/**
 * Container-based estimates of munitions shipments: from "about 6,700 containers" to ranges of rounds
 * by calibre, serviceable rounds, value in US dollars and value as a share of an economy. Built only
 * from the public model builder, so every piece is an ordinary model node a user can observe,
 * correlate, derive from or replace.
 *
 * Sources of the defaults: the scenario notes in the project (public statements of February 2024 and
 * earlier, as reported by Bloomberg via The Straits Times, the White House, South Korea's defence
 * ministry and intelligence service, the US State Department and NK Pro).
 * @module
 */
import { beta } from '../distributions/beta.js';
import { lognormal } from '../distributions/lognormal.js';
import { requireDistribution } from '../distributions/mixture.js';
import { pert } from '../distributions/pert.js';
import type { Distribution } from '../distributions/types.js';
import { type Model, model } from '../model/model.js';
import { optionNames, requireKnownOptions, requireObject } from '../validate.js';

/**
 * The uncertain inputs of {@link shipmentEstimate}, each a distribution; every one has a default.
 *
 * @example
 * ```ts
 * import { pert } from 'salvo';
 * import type { ShipmentInputs } from 'salvo/shipments';
 * const inputs: Partial<ShipmentInputs> = { containers: pert(9_000, 10_000, 12_000) }; // the US count
 * Object.keys(inputs); // => ['containers']
 * ```
 */
export interface ShipmentInputs {
  /**
   * Containers shipped. Default `pert(5_500, 6_700, 8_000)`: South Korea's defence minister Shin
   * Won-sik, 26 Feb 2024, "about 6,700 containers" since September 2023; the US count of "more than
   * 10,000" (23 Feb 2024) includes other munitions-related materiel, so the upper end is not stretched
   * that far.
   */
  readonly containers: Distribution;
  /**
   * Share of containers carrying artillery rounds (rather than missiles, parts or other materiel).
   * Default `beta(7, 3)`, mean 0.7: the statements say "munitions", and the US count mixes in other
   * materiel; no public breakdown exists.
   */
  readonly shareCarryingRounds: Distribution;
  /**
   * Of the containers carrying rounds, the share carrying 152mm shells (the rest 122mm rockets).
   * Default `beta(8, 2)`, mean 0.8: the official conversions speak of 152mm shells, with 122mm rockets
   * as the alternative ("or about 500,000 122mm rockets").
   */
  readonly share152mm: Distribution;
  /**
   * 152mm rounds per container. Default `lognormal.ci(380, 600)` (90%): a 20-ft container's payload
   * limit of about 28.2 t and 45–46 kg per packaged round allow roughly 470–610; the official
   * conversions use 400–500 ("6,700 containers could hold about three million rounds": about 450).
   */
  readonly roundsPerContainer152mm: Distribution;
  /**
   * 122mm rockets per container. Default `lognormal.ci(50, 110)` (90%): "about 500,000 122mm rockets"
   * for the same 6,700 containers is about 75 per container.
   */
  readonly roundsPerContainer122mm: Distribution;
  /**
   * Share of rounds that are defective. Default `beta(2, 6)`, mean 0.25: Ukrainian officials claimed in
   * 2024 that a large share of North Korean shells were defective, with claims up to "half".
   */
  readonly unserviceableShare: Distribution;
  /**
   * Price of a 152mm round in US dollars. Default `lognormal.ci(300, 2_500)` (90%): a Russian 152mm
   * shell costs about US$1,000 to produce, a NATO 155mm shell about US$4,000; no North Korean sale
   * price is public, which makes this the most uncertain input.
   */
  readonly pricePerRound152mmUsd: Distribution;
  /**
   * Price of a 122mm rocket in US dollars. Default `lognormal.ci(500, 4_000)` (90%): no public price;
   * rockets cost more than shells.
   */
  readonly pricePerRound122mmUsd: Distribution;
  /**
   * The economy the value is compared with, in US dollars per year. Default
   * `lognormal.ci(20e9, 30e9)` (90%): North Korea's yearly economy is about US$25 billion (Bank of Korea
   * estimate), itself uncertain.
   */
  readonly economyUsd: Distribution;
}

/**
 * The nodes of a {@link shipmentEstimate} model: its inputs and
 * - `capacityRounds152mm`: containers × 152mm rounds per container, as if every container were full of
 *   152mm shells — the "could hold about three million" conversion of the official statements;
 * - `rounds152mm`, `rounds122mm`, `rounds`: estimated rounds by calibre and in all;
 * - `serviceableRounds`: rounds less the unserviceable share;
 * - `valueUsd`: rounds by calibre times their prices;
 * - `shareOfEconomy`: `valueUsd / economyUsd`.
 *
 * @example
 * ```ts
 * import type { ShipmentNode } from 'salvo/shipments';
 * const node: ShipmentNode = 'capacityRounds152mm';
 * node; // => 'capacityRounds152mm'
 * ```
 */
export type ShipmentNode =
  | keyof ShipmentInputs
  | 'capacityRounds152mm'
  | 'rounds152mm'
  | 'rounds122mm'
  | 'rounds'
  | 'serviceableRounds'
  | 'valueUsd'
  | 'shareOfEconomy';

/**
 * Options of {@link shipmentEstimate}: the seed and any inputs to replace.
 *
 * @example
 * ```ts
 * import { lognormal } from 'salvo';
 * import type { ShipmentOptions } from 'salvo/shipments';
 * const options: ShipmentOptions = { seed: 'nk', inputs: { pricePerRound152mmUsd: lognormal.ci(800, 3_000) } };
 * options.seed; // => 'nk'
 * ```
 */
export interface ShipmentOptions {
  /** The model's seed; default `'nk-2024-02-26'`. */
  readonly seed?: number | string;
  /** Inputs to replace; the others keep their defaults. */
  readonly inputs?: Partial<ShipmentInputs>;
}

/**
 * The default inputs, with their sources in {@link ShipmentInputs}.
 *
 * @returns a fresh object of the defaults
 * @example
 * ```ts
 * import { defaultShipmentInputs } from 'salvo/shipments';
 * String(defaultShipmentInputs().containers); // => 'pert(5500, 6700, 8000)'
 * ```
 */
export function defaultShipmentInputs(): ShipmentInputs {
  return {
    containers: pert(5_500, 6_700, 8_000),
    shareCarryingRounds: beta(7, 3),
    share152mm: beta(8, 2),
    roundsPerContainer152mm: lognormal.ci(380, 600),
    roundsPerContainer122mm: lognormal.ci(50, 110),
    unserviceableShare: beta(2, 6),
    pricePerRound152mmUsd: lognormal.ci(300, 2_500),
    pricePerRound122mmUsd: lognormal.ci(500, 4_000),
    economyUsd: lognormal.ci(20e9, 30e9),
  };
}

/** The inputs, in the order the model declares them; also the names `inputs` knows. */
const INPUT_NAMES = optionNames<ShipmentInputs>()([
  'containers',
  'shareCarryingRounds',
  'share152mm',
  'roundsPerContainer152mm',
  'roundsPerContainer122mm',
  'unserviceableShare',
  'pricePerRound152mmUsd',
  'pricePerRound122mmUsd',
  'economyUsd',
]);

/** The names {@link ShipmentOptions} knows, for `UNKNOWN_OPTION`. */
const SHIPMENT_OPTION_NAMES = optionNames<ShipmentOptions>()(['seed', 'inputs']);

/**
 * A model of container shipments of munitions, ready to `.run`, `.observe`, `.correlate` or extend:
 * inputs (defaults from public statements, each replaceable) and the derived rounds by calibre,
 * serviceable rounds, value and share of the economy (see {@link ShipmentNode}). The capacity
 * conversion that official statements quote (`capacityRounds152mm`) is kept apart from the estimate
 * (`rounds`), which accounts for the containers that carry other things.
 *
 * @param options - seed and inputs to replace
 * @returns the model
 * @throws {@link salvo!SalvoError | SalvoError} `UNKNOWN_OPTION` naming an unknown option or input (`inputs.contaners`,
 *   with the closest input name); `INVALID_PARAMETER` for an input that is not a distribution
 * @example
 * ```ts
 * import { lognormal } from 'salvo';
 * import { shipmentEstimate } from 'salvo/shipments';
 * const run = shipmentEstimate()
 *   .observe('rounds', lognormal(Math.log(1.5e6), 0.4)) // Ukraine: "1.5 million", give or take 40%
 *   .run({ samples: 100_000 });
 * run.summary('capacityRounds152mm').quantiles.p50; // => about 3.1 million (South Korea's "about 3M")
 * run.summary('rounds').quantiles.p50;              // => about 1.6 million (1.9 million before Ukraine's figure)
 * run.probability('shareOfEconomy', '>', 0.1);       // => about 0.22: the chance the value passes 10% of GDP
 * ```
 */
export function shipmentEstimate(options: ShipmentOptions = {}): Model<ShipmentNode> {
  const where = 'shipmentEstimate';
  requireObject(where, 'options', options, `an object such as { seed: 'nk', inputs: { ... } }`);
  requireKnownOptions(where, 'options', options, SHIPMENT_OPTION_NAMES);
  const given = options.inputs ?? {};
  requireObject(where, 'inputs', given, 'an object of distributions by input name');
  requireKnownOptions(where, 'inputs', given, INPUT_NAMES);
  for (const key of Object.keys(given)) {
    requireDistribution(where, `inputs.${key}`, (given as Record<string, unknown>)[key]);
  }
  const inputs: ShipmentInputs = { ...defaultShipmentInputs(), ...given };
  let m: Model<string> = model({ seed: options.seed ?? 'nk-2024-02-26' });
  for (const name of INPUT_NAMES) m = m.input(name, inputs[name]);
  return m
    .derive('capacityRounds152mm', 'containers * roundsPerContainer152mm')
    .derive(
      'rounds152mm',
      'containers * shareCarryingRounds * share152mm * roundsPerContainer152mm',
    )
    .derive(
      'rounds122mm',
      'containers * shareCarryingRounds * (1 - share152mm) * roundsPerContainer122mm',
    )
    .derive('rounds', 'rounds152mm + rounds122mm')
    .derive('serviceableRounds', 'rounds * (1 - unserviceableShare)')
    .derive('valueUsd', 'rounds152mm * pricePerRound152mmUsd + rounds122mm * pricePerRound122mmUsd')
    .derive('shareOfEconomy', 'valueUsd / economyUsd') as Model<ShipmentNode>;
}
