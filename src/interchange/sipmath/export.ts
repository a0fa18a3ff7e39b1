/**
 * Export: a run's kept samples (or index-aligned columns) as a SIPmath 3.0 library, each node a
 * metalog fitted to its samples on its own HDR stream, correlated through a Gaussian copula of the
 * samples' normal scores, or the samples themselves as arrays.
 * @module
 */
import {
  type MetalogBounds,
  type MetalogDistribution,
  metalog,
} from '../../distributions/metalog/index.js';
import { SalvoError } from '../../errors.js';
import { ModelRun } from '../../model/result.js';
import { seedWords } from '../../rng/seed.js';
import { mean, sd } from '../../samples/moments.js';
import { quantiles } from '../../samples/quantiles.js';
import { rankData } from '../../samples/rank.js';
import { normalQuantile } from '../../special/normal.js';
import {
  invalidParameter,
  optionNames,
  requireBoolean,
  requireFinite,
  requireKnownOptions,
  requireObject,
  show,
} from '../../validate.js';
import { resolveColumns, type SampleColumns } from '../csv.js';
import { HDR_MAX, requireHdrInteger } from './hdr.js';
import type { SipmathLibrary } from './library.js';

/**
 * Options of {@link toSipmath}.
 *
 * @example
 * ```ts
 * import { lognormal, model, toSipmath, type SipmathExportOptions } from 'salvo';
 * const run = model({ seed: 1 }).input('leadTimeDays', lognormal(2, 0.4)).run({ samples: 10_000 });
 * const options: SipmathExportOptions = {
 *   libraryName: 'Lead times',
 *   terms: 5,
 *   bounds: { leadTimeDays: { lower: 0 } },
 *   entity: 4242,
 *   dateCreated: '2025-01-01',
 * };
 * Object.keys(toSipmath(run, options).sips[0].arguments); // => ['lowerBound', 'aCoefficients']
 * ```
 */
export interface SipmathExportOptions {
  /** Nodes (or columns) to export, in this order. Default: every kept node, in declaration order. */
  readonly names?: readonly string[];
  /** The library's `name`. Default `'salvo run (seed …)'`, or `'salvo samples'` for columns. */
  readonly libraryName?: string;
  /** The library's `provenance`. Default says salvo, the sample count and the seed. */
  readonly provenance?: string;
  /** The library's `dateCreated`. Default: today (UTC), `YYYY-MM-DD`. */
  readonly dateCreated?: string;
  /**
   * `'metalog'` (default): each SIP is a metalog fitted to the node's samples, a virtual SIP of any
   * number of trials. `'samples'`: each SIP is the node's samples as an array (`SIP_Array`), exact and
   * index-aligned (dependence kept exactly, no copula), and as long as the run.
   */
  readonly form?: 'metalog' | 'samples';
  /**
   * Metalog terms, 2 to 10, for every SIP; the fit must then be a valid distribution or the export
   * throws. Default: for each SIP, the largest number of terms from 10 down whose least-squares fit
   * is a valid distribution (the standard allows up to 16; salvo's metalog stops at 10; the tools'
   * own default is 5).
   */
  readonly terms?: number;
  /** Metalog bounds per node, such as `{ costUsd: { lower: 0 } }`: `lowerBound`/`upperBound`. */
  readonly bounds?: Readonly<Record<string, MetalogBounds>>;
  /** HDR `entity` of every SIP's stream. Default 1. */
  readonly entity?: number;
  /** HDR `varId` of the first SIP; the i-th SIP gets `firstVarId + i`. Default 1. */
  readonly firstVarId?: number;
  /**
   * HDR `seed3` of every stream. Default: the run's seed when it is an integer from 0 to 100,000,000,
   * otherwise a number derived from it (so that runs with different seeds give independent
   * libraries); 0 for columns.
   */
  readonly seed3?: number;
  /** HDR `seed4` of every stream. Default 0. */
  readonly seed4?: number;
  /**
   * Whether the SIPs share a Gaussian copula carrying their correlations (default: yes, when there
   * are two or more metalog SIPs). Without it every SIP has an independent stream.
   */
  readonly copula?: boolean;
}

/** The names of a SIP's `bounds` ({@link MetalogBounds}), for `UNKNOWN_OPTION`. */
const BOUNDS_NAMES = optionNames<MetalogBounds>()(['lower', 'upper']);
/** The names {@link SipmathExportOptions} knows, for `UNKNOWN_OPTION`. */
const EXPORT_OPTION_NAMES = optionNames<SipmathExportOptions>()([
  'names',
  'libraryName',
  'provenance',
  'dateCreated',
  'form',
  'terms',
  'bounds',
  'entity',
  'firstVarId',
  'seed3',
  'seed4',
  'copula',
]);

const DENSITY_POINTS = 25;

function optionalString(where: string, parameter: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw invalidParameter(
    where,
    parameter,
    `${parameter} must be a string, got ${show(value)}`,
    value,
  );
}

/** seed3 for a run: its seed when that is an HDR integer, otherwise a number derived from it. */
function seed3Of(seed: number | string): number {
  if (typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= HDR_MAX) {
    return seed;
  }
  return seedWords(seed)[0] % HDR_MAX;
}

/** Pearson correlations of the columns' normal scores Φ⁻¹(rank / (n + 1)), row-major. */
function normalScoreCorrelations(columns: readonly Float64Array[]): Float64Array {
  const k = columns.length;
  const n = columns[0].length;
  const scores = columns.map((column) => {
    const ranks = rankData(column);
    const z = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      z[i] = normalQuantile(ranks[i] / (n + 1));
      sum += z[i];
    }
    const centre = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      z[i] -= centre;
      squares += z[i] * z[i];
    }
    // A constant column (all ranks tied) has no scores to correlate: it stays uncorrelated.
    const norm = Math.sqrt(squares);
    if (norm > 0) for (let i = 0; i < n; i++) z[i] /= norm;
    return { z, constant: !(norm > 0) };
  });
  const r = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    r[a * k + a] = 1;
    for (let b = a + 1; b < k; b++) {
      let dot = 0;
      if (!scores[a].constant && !scores[b].constant) {
        const x = scores[a].z;
        const y = scores[b].z;
        for (let i = 0; i < n; i++) dot += x[i] * y[i];
      }
      const value = Math.max(-1, Math.min(1, dot));
      r[a * k + b] = value;
      r[b * k + a] = value;
    }
  }
  return r;
}

/** The least-squares metalog of `sorted` with `terms` terms, or from 10 down when terms is undefined. */
function fitMetalog(
  where: string,
  name: string,
  sorted: Float64Array,
  terms: number | undefined,
  bounds: MetalogBounds,
): MetalogDistribution {
  const most = Math.min(10, sorted.length);
  if (terms !== undefined) {
    try {
      return metalog.fit(sorted, { terms, ...bounds });
    } catch (error) {
      if (!(error instanceof SalvoError)) throw error;
      throw new SalvoError(
        error.code,
        `${where}: node ${show(name)}: ${error.message} (or leave terms out to use the most terms that fit)`,
        { parameter: 'terms', value: terms },
      );
    }
  }
  let last: SalvoError | undefined;
  for (let k = most; k >= 2; k--) {
    try {
      return metalog.fit(sorted, { terms: k, ...bounds });
    } catch (error) {
      if (!(error instanceof SalvoError)) throw error;
      last = error;
    }
  }
  throw new SalvoError(
    'INVALID_PARAMETER',
    `${where}: names includes node ${show(name)}, whose samples no metalog of 2 to ${most} terms ` +
      `fits as a valid distribution (${last?.message}); give bounds that match the quantity, or ` +
      "export it with form: 'samples'",
    { parameter: 'names', value: name },
  );
}

function summaryMetadata(column: Float64Array, sorted: Float64Array): Record<string, number> {
  const [p25, p50, p75] = quantiles(sorted, [0.25, 0.5, 0.75]);
  const metadata: Record<string, number> = { count: column.length, mean: mean(column) };
  if (column.length > 1) metadata.std = sd(column);
  metadata.min = sorted[0];
  metadata.P25 = p25;
  metadata.P50 = p50;
  metadata.P75 = p75;
  metadata.max = sorted[sorted.length - 1];
  return metadata;
}

function densityOf(fitted: MetalogDistribution): number[] {
  const from = fitted.quantile(0.001);
  const to = fitted.quantile(0.999);
  const density: number[] = [];
  for (let i = 0; i < DENSITY_POINTS; i++) {
    const x = from + ((to - from) * i) / (DENSITY_POINTS - 1);
    density.push(fitted.pdf(x));
  }
  return density;
}

function requireBoundsOption(
  where: string,
  bounds: unknown,
  names: readonly string[],
): Readonly<Record<string, MetalogBounds>> {
  if (bounds === undefined) return {};
  if (typeof bounds !== 'object' || bounds === null || Array.isArray(bounds)) {
    throw invalidParameter(
      where,
      'bounds',
      `bounds must be an object of { lower?, upper? } by node name, got ${show(bounds)}`,
      bounds,
    );
  }
  const record = bounds as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const parameter = `bounds[${JSON.stringify(key)}]`;
    if (!names.includes(key)) {
      throw invalidParameter(
        where,
        parameter,
        `${parameter} names no exported node (exported: ${names.join(', ') || 'none'})`,
        record[key],
      );
    }
    const b = record[key] as MetalogBounds | null;
    requireObject(where, parameter, b, '{ lower?, upper? }');
    requireKnownOptions(where, parameter, b, BOUNDS_NAMES);
    if (b.lower !== undefined) requireFinite(where, `${parameter}.lower`, b.lower);
    if (b.upper !== undefined) requireFinite(where, `${parameter}.upper`, b.upper);
    if (b.lower !== undefined && b.upper !== undefined && !(b.lower < b.upper)) {
      throw invalidParameter(
        where,
        `${parameter}.lower`,
        `${parameter}.lower must be less than ${parameter}.upper, got ${b.lower} and ${b.upper}`,
        b.lower,
      );
    }
  }
  return record as Readonly<Record<string, MetalogBounds>>;
}

type MutableSip = {
  name: string;
  ref: SipmathLibrary['sips'][number]['ref'];
  function: 'Metalog_1_0' | 'SIP_Array';
  arguments: SipmathLibrary['sips'][number]['arguments'];
  metadata: Record<string, number | number[]>;
};

/**
 * A SIPmath 3.0 library of a run's kept samples (or of any index-aligned columns), as a plain JSON
 * object — the format ChanceCalc and the SIPmath Modeler Tools read in Excel. `JSON.stringify` it to
 * a `.SIPmath` file; {@link fromSipmath} evaluates it back into samples.
 *
 * Each node becomes a SIP: the metalog fitted to its samples by least squares ({@link metalog.fit};
 * with `bounds`, a semi-bounded or bounded metalog), driven by its own HDR stream (`entity`,
 * `varId = firstVarId + i`, `seed3`, `seed4`; all deterministic). With two or more SIPs the streams
 * go through a Gaussian copula whose correlation matrix is the Pearson correlation of the samples'
 * normal scores Φ⁻¹(rank / (n + 1)) — the estimate of a Gaussian copula's parameter from ranks — so
 * the library reproduces the rank correlations of the run's index-aligned samples. That is as much of
 * the dependence as SIPmath 3.0 can carry: a dependence that is not monotone (y = x² on a symmetric x)
 * or that concentrates in the tails is not kept. With `form: 'samples'` the SIPs are instead the
 * samples themselves (`SIP_Array`), which keeps everything, at the size of the run — except the sign
 * of a zero: JSON writes `-0` as `0`. For a round trip exact to the bit, write CSV (`toCsv`) or the raw
 * samples file of `salvo/node`.
 *
 * Each SIP's `metadata` holds its samples' count, mean, std, min, P25, P50, P75 and max, and (for a
 * metalog) its density at 25 points, which the Excel tools draw.
 *
 * @param source - a {@link ModelRun}, or an object of index-aligned `Float64Array` columns
 * @param options - see {@link SipmathExportOptions}
 * @returns the library
 * @throws {@link SalvoError} `NOT_KEPT` (from `run.samples`) for a requested node that was not kept;
 *   `INVALID_PARAMETER` for a node with a non-finite sample (JSON and metalogs hold only finite
 *   numbers), a sample on or outside its bounds, a metalog fit that is not a valid distribution (with
 *   `terms` given: try fewer), or a bad option; `EMPTY_DATA` when there is nothing to export
 *
 * @example
 * ```ts
 * import { empirical, fromSipmath, lognormal, model, normal, spearman, toSipmath } from 'salvo';
 * const run = model({ seed: 7 })
 *   .input('unitsSold', normal(1_000, 150))
 *   .input('priceUsd', lognormal(3, 0.2))
 *   .correlate('unitsSold', 'priceUsd', -0.5)
 *   .derive('revenueUsd', 'unitsSold * priceUsd')
 *   .run({ samples: 20_000 });
 * const library = toSipmath(run, { libraryName: 'Sales', dateCreated: '2025-01-01' });
 * library.sips.map((sip) => sip.name);  // => ['unitsSold', 'priceUsd', 'revenueUsd']
 * library.U01.copula?.[0].function;     // => 'GaussianCopula'
 * // Evaluate the library (as Excel would) and use its trials as inputs of another model:
 * const trials = fromSipmath(JSON.parse(JSON.stringify(library)));
 * spearman(trials.unitsSold, trials.priceUsd); // => about -0.5
 * const next = model({ seed: 8 }).input('revenueUsd', empirical(trials.revenueUsd));
 * ```
 */
export function toSipmath(
  source: ModelRun<string> | SampleColumns,
  options: SipmathExportOptions = {},
): SipmathLibrary {
  const where = 'toSipmath';
  requireObject(where, 'options', options);
  requireKnownOptions(where, 'options', options, EXPORT_OPTION_NAMES);
  const { names, columns, length } = resolveColumns(where, source, options.names);
  if (names.length === 0 || length === 0) {
    throw new SalvoError(
      'EMPTY_DATA',
      `${where}: there is nothing to export: names lists ${names.length} nodes of ${length} samples`,
      { parameter: 'names', value: names },
    );
  }
  const form = options.form ?? 'metalog';
  if (form !== 'metalog' && form !== 'samples') {
    throw invalidParameter(
      where,
      'form',
      `form must be 'metalog' or 'samples', got ${show(form)}`,
      form,
    );
  }
  const terms = options.terms;
  if (
    terms !== undefined &&
    (typeof terms !== 'number' || !Number.isInteger(terms) || terms < 2 || terms > 10)
  ) {
    throw invalidParameter(
      where,
      'terms',
      `terms must be an integer from 2 to 10, got ${show(terms)}`,
      terms,
    );
  }
  const bounds = requireBoundsOption(where, options.bounds, names);
  const run = source instanceof ModelRun ? (source as ModelRun<string>) : undefined;
  const entity = requireHdrInteger(where, 'entity', options.entity ?? 1);
  const firstVarId = requireHdrInteger(where, 'firstVarId', options.firstVarId ?? 1);
  if (firstVarId + names.length - 1 > HDR_MAX) {
    throw invalidParameter(
      where,
      'firstVarId',
      `firstVarId + ${names.length - 1} must be at most ${HDR_MAX}, got firstVarId = ${firstVarId}`,
      firstVarId,
    );
  }
  const seed3 = requireHdrInteger(
    where,
    'seed3',
    options.seed3 ?? (run === undefined ? 0 : seed3Of(run.seed)),
  );
  const seed4 = requireHdrInteger(where, 'seed4', options.seed4 ?? 0);
  const copula = requireBoolean(where, 'copula', options.copula, true);
  const libraryName =
    optionalString(where, 'libraryName', options.libraryName) ??
    (run === undefined ? 'salvo samples' : `salvo run (seed ${JSON.stringify(run.seed)})`);
  const provenance =
    optionalString(where, 'provenance', options.provenance) ??
    `salvo: ${length} samples${run === undefined ? '' : `, seed ${JSON.stringify(run.seed)}`}`;
  const dateCreated =
    optionalString(where, 'dateCreated', options.dateCreated) ??
    new Date().toISOString().slice(0, 10);

  // Every check on the samples comes before any fitting.
  const sortedColumns = columns.map((column, i) => {
    const name = names[i];
    const nodeBounds = bounds[name] ?? {};
    for (let s = 0; s < length; s++) {
      const x = column[s];
      if (!Number.isFinite(x)) {
        throw invalidParameter(
          where,
          'names',
          `names includes node ${show(name)}, which has a non-finite sample (index ${s}: ${show(x)}); a SIPmath library holds only finite numbers`,
          name,
        );
      }
      if (
        form === 'metalog' &&
        ((nodeBounds.lower !== undefined && !(x > nodeBounds.lower)) ||
          (nodeBounds.upper !== undefined && !(x < nodeBounds.upper)))
      ) {
        const parameter = `bounds[${JSON.stringify(name)}]`;
        throw invalidParameter(
          where,
          parameter,
          `node ${show(name)} has a sample on or outside ${parameter} (index ${s}: ${show(x)}; ` +
            `lower ${show(nodeBounds.lower)}, upper ${show(nodeBounds.upper)}); a metalog only approaches its bounds`,
          nodeBounds,
        );
      }
    }
    return Float64Array.from(column).sort();
  });

  const base = {
    name: libraryName,
    objectType: 'sipModel' as const,
    libraryType: 'SIPmath_3_0' as const,
    dateCreated,
    provenance,
    version: '1',
  };

  if (form === 'samples') {
    const sips: MutableSip[] = names.map((name, i) => ({
      name,
      ref: { source: 'rng', name: 'index' },
      function: 'SIP_Array',
      arguments: { type: 'array', value: Array.from(columns[i]) },
      metadata: summaryMetadata(columns[i], sortedColumns[i]),
    }));
    return {
      ...base,
      U01: { rng: [{ name: 'index', function: 'Index', arguments: { counter: 'PM_Index' } }] },
      sips,
    };
  }

  const withCopula = copula && names.length >= 2;
  const rng = names.map((_, i) => ({
    name: `hdr${i + 1}`,
    function: 'HDR_2_0' as const,
    arguments: {
      counter: 'PM_Index' as const,
      entity,
      varId: firstVarId + i,
      seed3,
      seed4,
    },
  }));
  const sips: MutableSip[] = names.map((name, i) => {
    const sorted = sortedColumns[i];
    const metadata: Record<string, number | number[]> = summaryMetadata(columns[i], sorted);
    const ref: MutableSip['ref'] = withCopula
      ? { source: 'copula', name: 'Gaussian', copulaLayer: `c${i + 1}` }
      : { source: 'rng', name: rng[i].name };
    if (sorted[0] === sorted[sorted.length - 1]) {
      // A constant: M(y) = a1 + 0·L, which every reader evaluates to the constant.
      return {
        name,
        ref,
        function: 'Metalog_1_0',
        arguments: { aCoefficients: [sorted[0], 0] },
        metadata,
      };
    }
    const nodeBounds = bounds[name] ?? {};
    const fitted = fitMetalog(where, name, sorted, terms, nodeBounds);
    metadata.density = densityOf(fitted);
    // Keys in the order the tools write them: bounds first.
    const args = {
      ...(nodeBounds.lower === undefined ? {} : { lowerBound: nodeBounds.lower }),
      ...(nodeBounds.upper === undefined ? {} : { upperBound: nodeBounds.upper }),
      aCoefficients: [...fitted.coefficients],
    };
    return { name, ref, function: 'Metalog_1_0', arguments: args, metadata };
  });

  if (!withCopula) return { ...base, U01: { rng }, sips };
  const k = names.length;
  const r = normalScoreCorrelations(columns);
  const matrix: { row: string; col: string; value: number }[] = [];
  // The upper triangle with its diagonal, row by row, as ChanceCalc's example libraries give it.
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) matrix.push({ row: names[a], col: names[b], value: r[a * k + b] });
  }
  return {
    ...base,
    globalVariables: [
      { name: 'correlationMatrix', value: { columns: [...names], rows: [...names], matrix } },
    ],
    U01: {
      rng,
      copula: [
        {
          name: 'Gaussian',
          function: 'GaussianCopula',
          arguments: {
            correlationMatrix: { type: 'globalVariables', value: 'correlationMatrix' },
            rng: rng.map((g) => g.name),
          },
          copulaLayer: names.map((_, i) => `c${i + 1}`),
        },
      ],
    },
    sips,
  };
}
