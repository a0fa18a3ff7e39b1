/**
 * The public statements of the shipments scenario as data, each with its date and source, so that
 * examples and reports cite them from one place. They are observations with uncertainty, not facts:
 * turn them into likelihoods (`normal(value, sd)`) when conditioning a model on them.
 * @module
 */

/**
 * A dated public figure and who stated it.
 *
 * @example
 * ```ts
 * import { containerStatements, type PublicFigure } from 'salvo/shipments';
 * const latest: PublicFigure = containerStatements.at(-1) as PublicFigure;
 * [latest.date, latest.value]; // => ['2024-02-26', 6700]
 * ```
 */
export interface PublicFigure {
  /** The date the figure refers to, `YYYY-MM-DD`. */
  readonly date: string;
  /** The figure. */
  readonly value: number;
  /** `'about'`, `'more than'`: how the statement qualified it. */
  readonly qualifier: 'about' | 'more than';
  /** Who said it, and where it was reported. */
  readonly source: string;
  /** What exactly was counted, when it differs from the headline. */
  readonly note?: string;
}

/**
 * Cumulative containers shipped from North Korea to Russia since August/September 2023, as stated.
 *
 * @example
 * ```ts
 * import { containerStatements } from 'salvo/shipments';
 * containerStatements.map((s) => s.value); // => [1000, 2000, 5000, 10000, 6700]
 * ```
 */
export const containerStatements: readonly PublicFigure[] = Object.freeze([
  {
    date: '2023-10-01',
    value: 1_000,
    qualifier: 'more than',
    source: 'White House, 13 Oct 2023',
    note: 'shipped 7 Sep – 1 Oct 2023',
  },
  {
    date: '2023-11-02',
    value: 2_000,
    qualifier: 'about',
    source: 'South Korean military, 2 Nov 2023',
    note: '≈ 1M+ 152mm rounds if full; about 1 ship a week in August, 2 a week in September–October',
  },
  {
    date: '2023-12-29',
    value: 5_000,
    qualifier: 'about',
    source: 'South Korean defence minister Shin Won-sik, 29 Dec 2023',
    note: '≈ 2M+ 152mm rounds',
  },
  {
    date: '2024-02-23',
    value: 10_000,
    qualifier: 'more than',
    source: 'US State Department, 23 Feb 2024',
    note: 'includes "munitions-related materiel", not only munitions',
  },
  {
    date: '2024-02-26',
    value: 6_700,
    qualifier: 'about',
    source:
      'South Korean defence minister Shin Won-sik, 26 Feb 2024 (Bloomberg via The Straits Times)',
    note: '"could hold about three million rounds of 152mm shells"',
  },
] as const satisfies readonly PublicFigure[]);

/**
 * Estimates of shells shipped, as stated (capacity conversions and intelligence estimates).
 *
 * @example
 * ```ts
 * import { shellStatements } from 'salvo/shipments';
 * shellStatements.find((s) => s.source.startsWith('Ukraine'))?.value; // => 1500000
 * ```
 */
export const shellStatements: readonly PublicFigure[] = Object.freeze([
  {
    date: '2023-11-01',
    value: 1_000_000,
    qualifier: 'more than',
    source: 'South Korean intelligence (NIS), 1 Nov 2023',
    note: 'in about 10 shipments',
  },
  {
    date: '2024-02-26',
    value: 3_000_000,
    qualifier: 'about',
    source: 'South Korean defence minister Shin Won-sik, 26 Feb 2024',
    note: 'a capacity conversion: what 6,700 containers "could hold" if all carried 152mm shells',
  },
  {
    date: '2024-02-26',
    value: 1_500_000,
    qualifier: 'about',
    source: "Ukraine's president, February 2024",
    note: 'plus an unknown number of missiles',
  },
] as const satisfies readonly PublicFigure[]);

/**
 * The EU's deliveries of its pledge of 1 million shells to Ukraine (cumulative), for comparison.
 *
 * @example
 * ```ts
 * import { euPledgeDeliveries } from 'salvo/shipments';
 * euPledgeDeliveries.map((d) => d.value); // => [330000, 500000]
 * ```
 */
export const euPledgeDeliveries: readonly PublicFigure[] = Object.freeze([
  {
    date: '2024-01-31',
    value: 330_000,
    qualifier: 'about',
    source: 'EU, 31 Jan 2024',
    note: 'of the 1,000,000 pledged for March 2024',
  },
  {
    date: '2024-03-25',
    value: 500_000,
    qualifier: 'about',
    source: 'EU, 25 Mar 2024',
    note: 'Bloomberg (27 Feb 2024) put it at about 30% of the pledge by March',
  },
] as const satisfies readonly PublicFigure[]);

/**
 * North Korea's yearly economy in US dollars (Bank of Korea estimate).
 *
 * @example
 * ```ts
 * import { northKoreaGdpUsd } from 'salvo/shipments';
 * northKoreaGdpUsd / 1e9; // => 25
 * ```
 */
export const northKoreaGdpUsd = 25e9;
