/**
 * SIPmath 3.0 libraries: a run's kept samples as a JSON library that Excel users of probability
 * management read (ChanceCalc, the SIPmath Modeler Tools), and the evaluation of such a library into
 * sample arrays.
 *
 * Sources (read, not copied; the format is described from them):
 * - ProbabilityManagement.org, "SIPmath 3.0 Standard" (probabilitymanagement.org/30-standard) and
 *   "HDR Random Number Generator" (probabilitymanagement.org/hdr): virtual SIPs are metalog quantile
 *   functions (T. W. Keelin, "The Metalog Distributions", Decision Analysis 13(4), 2016) driven by
 *   Hubbard's HDR generator; the HDR 2.0 seed standard has five inputs, counter (PM_Index), entity,
 *   varId, seed3 and seed4.
 * - Hubbard's HDR formula, as ProbabilityManagement.org publishes it in PyHDR (`PyHDR/hdr.py`, with
 *   the test vector our tests use) and R-SIPmath-Tools (`HDRUniformGen`), and as the rmetalog
 *   documentation (`rHDR`) writes it with its constants; the three agree term for term.
 * - The libraries ProbabilityManagement.org's own tools write and ship: PySIPmath's `PySIP3library.py`
 *   (`Json`: `objectType` "sipModel", `libraryType` "SIPmath_3_0", `U01.rng` of `HDR_2_0` generators,
 *   `U01.copula` of one `GaussianCopula` whose `correlationMatrix` names a `globalVariables` entry of
 *   `{columns, rows, matrix: [{row, col, value}]}`, SIPs `Metalog_1_0` with `arguments.aCoefficients`,
 *   `lowerBound`, `upperBound`), RSIPlibrary (`HDRSeeds`: ids from 1 to 100 million), ChanceCalc's
 *   example "Development Time Library" (whose published trials our tests reproduce), and PySIPmath's
 *   draft multi-library schema (`tests/multi-lib-schema-2021-08-19.json`), which carries sample arrays
 *   as SIPs of function `SIP_Array` with `arguments: {type: "array", value: [...]}` indexed by a
 *   generator of function `Index`.
 *
 * How a library is evaluated (as those tools do, and as the Development Time Library's published
 * trials confirm): trial t uses counter t (PM_Index, from 1). A SIP that refers to a generator takes
 * its uniform u directly; a SIP that refers to a layer of a Gaussian copula takes
 * u_i = Φ(Σ_j L_ij Φ⁻¹(u_j)), where L is the lower Cholesky factor of the copula's correlation matrix
 * and u_j the copula's generators in their listed order. The metalog's quantile function at u is the
 * SIP's value for that trial.
 * @module
 */
import { type MetalogBounds, type MetalogDistribution, metalog } from '../distributions/metalog.js';
import { SalvoError, type SalvoErrorCode } from '../errors.js';
import { requirePsd } from '../model/correlation.js';
import { ModelRun } from '../model/run.js';
import { seedWords } from '../rng/seed.js';
import { mean, sd } from '../samples/moments.js';
import { quantiles } from '../samples/quantiles.js';
import { rankData } from '../samples/rank.js';
import { normalCdf, normalQuantile } from '../special/normal.js';
import { invalidParameter, requireBoolean, requireFinite, show } from '../validate.js';
import { resolveColumns, type SampleColumns } from './csv.js';

// ---------------------------------------------------------------------------------------------------
// The HDR generator.

/**
 * The largest counter and seed the HDR 2.0 standard assigns (ids of up to 8 decimal digits). Within
 * it every intermediate of the formula is an integer below 2^53 (at most about 1.04e15), so the
 * formula is exact in double precision, as in Excel.
 */
const HDR_MAX = 100_000_000;

/**
 * The seeds of one HDR 2.0 stream (the counter, PM_Index, is the trial number). Each is an integer
 * from 0 to 100,000,000.
 *
 * @example
 * ```ts
 * import { hdrUniform, type HdrSeeds } from 'salvo';
 * const seeds: HdrSeeds = { entity: 1, varId: 1, seed3: 1, seed4: 1 };
 * hdrUniform(1, seeds); // => 0.017076639574952424
 * ```
 */
export interface HdrSeeds {
  /** The entity (department, company) whose streams these are. */
  readonly entity: number;
  /** The variable: one id per uncertain quantity. */
  readonly varId: number;
  /** Optional third seed (a part or project number). Default 0. */
  readonly seed3?: number;
  /** Optional fourth seed. Default 0. */
  readonly seed4?: number;
}

/** The HDR 2.0 formula; arguments are integers in [0, HDR_MAX]. */
function hdr(counter: number, varId: number, entity: number, seed3: number, seed4: number): number {
  const m1 =
    ((counter * 2499997 + varId * 1800451 + entity * 2000371 + seed3 * 1796777 + seed4 * 2299603) %
      7450589) *
      4658 +
    7450581;
  const m2 =
    ((counter * 2246527 + varId * 2399993 + entity * 2100869 + seed3 * 1918303 + seed4 * 1624729) %
      7450987) *
      7580 +
    7560584;
  const a = ((999999999999989 % m1) * 383) % 99991;
  const b = ((999999999999989 % m2) * 17669) % 7440893;
  return ((((a * 7440893 + b) * 1343) % 4294967296) + 0.5) / 4294967296;
}

function requireHdrInteger(where: string, parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > HDR_MAX) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: ${parameter} must be an integer from 0 to ${HDR_MAX} (the HDR 2.0 range), got ${show(value)}`,
      { parameter, value },
    );
  }
  return value;
}

/**
 * One uniform of Hubbard's HDR 2.0 counter-based generator, the random number generator of the
 * SIPmath 3.0 standard: a pure function of the trial counter and four seeds, so that Excel, Python, R
 * and salvo draw identical streams. The result lies strictly between 0 and 1, on a grid of step 2⁻³²
 * (it is (k + 1/2) / 2³² for an integer k). Exact: every step of the formula is an integer below 2⁵³.
 *
 * @param counter - the trial number (PM_Index, 1 for the first trial), an integer from 0 to 100,000,000
 * @param seeds - `entity` and `varId`, and optionally `seed3` and `seed4` (default 0), integers from 0
 *   to 100,000,000
 * @returns the uniform of that trial
 * @throws {@link SalvoError} `INVALID_PARAMETER` when the counter or a seed is not an integer in range
 *
 * @example
 * ```ts
 * import { hdrUniform } from 'salvo';
 * // The first trials of the stream PyHDR publishes as its test (all four seeds 1):
 * hdrUniform(1, { entity: 1, varId: 1, seed3: 1, seed4: 1 }); // => 0.017076639574952424
 * hdrUniform(2, { entity: 1, varId: 1, seed3: 1, seed4: 1 }); // => 0.6350425750715658
 * ```
 */
export function hdrUniform(counter: number, seeds: HdrSeeds): number {
  const where = 'hdrUniform';
  requireHdrInteger(where, 'counter', counter);
  if (typeof seeds !== 'object' || seeds === null) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: seeds must be an object { entity, varId, seed3?, seed4? }, got ${show(seeds)}`,
      { parameter: 'seeds', value: seeds },
    );
  }
  return hdr(
    counter,
    requireHdrInteger(where, 'seeds.varId', seeds.varId),
    requireHdrInteger(where, 'seeds.entity', seeds.entity),
    requireHdrInteger(where, 'seeds.seed3', seeds.seed3 ?? 0),
    requireHdrInteger(where, 'seeds.seed4', seeds.seed4 ?? 0),
  );
}

// ---------------------------------------------------------------------------------------------------
// The library's JSON.

/**
 * A SIPmath 3.0 library as {@link toSipmath} writes it: plain JSON data (`JSON.stringify` it to a
 * `.SIPmath` or `.json` file). Each SIP is a metalog driven by an HDR stream — directly, or through a
 * layer of a Gaussian copula that carries the correlations between SIPs — or, with
 * `form: 'samples'`, an array of the samples themselves.
 *
 * @example
 * ```ts
 * import { model, normal, toSipmath, type SipmathLibrary } from 'salvo';
 * const run = model({ seed: 1 }).input('demand', normal(100, 10)).run({ samples: 1_000 });
 * const library: SipmathLibrary = toSipmath(run, { dateCreated: '2025-01-01' });
 * [library.libraryType, library.sips[0].function]; // => ['SIPmath_3_0', 'Metalog_1_0']
 * library.U01.rng[0].function;                    // => 'HDR_2_0'
 * ```
 */
export interface SipmathLibrary {
  /** The library's name. */
  readonly name: string;
  /** Always `'sipModel'`. */
  readonly objectType: 'sipModel';
  /** Always `'SIPmath_3_0'`. */
  readonly libraryType: 'SIPmath_3_0';
  /** The date the library was written, `YYYY-MM-DD`. */
  readonly dateCreated: string;
  /** Who or what produced the library. */
  readonly provenance: string;
  /** The library's version, `'1'`. */
  readonly version: string;
  /** The copula's correlation matrix, when there is a copula. */
  readonly globalVariables?: readonly {
    readonly name: string;
    readonly value: {
      readonly columns: readonly string[];
      readonly rows: readonly string[];
      readonly matrix: readonly {
        readonly row: string;
        readonly col: string;
        readonly value: number;
      }[];
    };
  }[];
  /** The uniform generators, and the copula that correlates some of them. */
  readonly U01: {
    readonly rng: readonly (
      | {
          readonly name: string;
          readonly function: 'HDR_2_0';
          readonly arguments: {
            readonly counter: 'PM_Index';
            readonly entity: number;
            readonly varId: number;
            readonly seed3: number;
            readonly seed4: number;
          };
        }
      | {
          readonly name: string;
          readonly function: 'Index';
          readonly arguments: { readonly counter: 'PM_Index' };
        }
    )[];
    readonly copula?: readonly {
      readonly name: string;
      readonly function: 'GaussianCopula';
      readonly arguments: {
        readonly correlationMatrix: { readonly type: 'globalVariables'; readonly value: string };
        readonly rng: readonly string[];
      };
      readonly copulaLayer: readonly string[];
    }[];
  };
  /** One SIP per exported node. */
  readonly sips: readonly {
    readonly name: string;
    readonly ref:
      | { readonly source: 'rng'; readonly name: string }
      | { readonly source: 'copula'; readonly name: string; readonly copulaLayer: string };
    readonly function: 'Metalog_1_0' | 'SIP_Array';
    readonly arguments:
      | {
          readonly lowerBound?: number;
          readonly upperBound?: number;
          readonly aCoefficients: readonly number[];
        }
      | { readonly type: 'array'; readonly value: readonly number[] };
    /** Summary of the node's samples (count, mean, std, min, P25, P50, P75, max) and, for a metalog,
     * its density at 25 points from its 0.1% to its 99.9% quantile (the tools draw it). */
    readonly metadata: Readonly<Record<string, number | readonly number[]>>;
  }[];
}

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

// ---------------------------------------------------------------------------------------------------
// Export.

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
    if (typeof b !== 'object' || b === null) {
      throw invalidParameter(
        where,
        parameter,
        `${parameter} must be { lower?, upper? }, got ${show(b)}`,
        b,
      );
    }
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
 * samples themselves (`SIP_Array`), which keeps everything, at the size of the run.
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
  if (typeof options !== 'object' || options === null) {
    throw invalidParameter(
      where,
      'options',
      `options must be an object, got ${show(options)}`,
      options,
    );
  }
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

// ---------------------------------------------------------------------------------------------------
// Import.

/**
 * Options of {@link fromSipmath}.
 *
 * @example
 * ```ts
 * import { fromSipmath, type SipmathImportOptions } from 'salvo';
 * const library = {
 *   U01: { rng: [{ name: 'hdr1', function: 'HDR_2_0',
 *     arguments: { counter: 'PM_Index', entity: 1, varId: 1, seed3: 0, seed4: 0 } }] },
 *   sips: [{ name: 'x', ref: { source: 'rng', name: 'hdr1' }, function: 'Metalog_1_0',
 *     arguments: { aCoefficients: [10, 1] } }],
 * };
 * const options: SipmathImportOptions = { trials: 5, firstTrial: 1_001 };
 * fromSipmath(library, options).x.length; // => 5 (trials 1001 to 1005)
 * ```
 */
export interface SipmathImportOptions {
  /**
   * Number of trials. Default: the length of the library's sample arrays, or else the `count` its
   * SIPs' metadata give (salvo's libraries and PySIPmath's say it); a library that says neither
   * needs this option.
   */
  readonly trials?: number;
  /** The counter (PM_Index) of the first trial. Default 1, as in the Excel tools. */
  readonly firstTrial?: number;
  /** The SIPs to evaluate, by name. Default: every SIP. */
  readonly names?: readonly string[];
  /**
   * Values of seeds the library leaves as parameters (`"seed3": {"type": "parameter", "name":
   * "Serial Number"}`), by parameter name: `{ 'Serial Number': 17 }`.
   */
  readonly parameters?: Readonly<Record<string, number>>;
}

/** A JSON value at a path, for validation messages. */
interface At {
  readonly value: unknown;
  readonly path: string;
}

function at(parent: At, key: string | number): At {
  const value =
    typeof parent.value === 'object' && parent.value !== null
      ? (parent.value as Record<string | number, unknown>)[key]
      : undefined;
  const path =
    typeof key === 'number'
      ? `${parent.path}[${key}]`
      : /^[A-Za-z_$][\w$]*$/.test(key)
        ? `${parent.path === '' ? '' : `${parent.path}.`}${key}`
        : `${parent.path}[${JSON.stringify(key)}]`;
  return { value, path };
}

const IMPORT = 'fromSipmath';

function libraryError(
  node: At,
  requirement: string,
  code: SalvoErrorCode = 'INVALID_PARAMETER',
): SalvoError {
  const where = node.path === '' ? 'library' : node.path;
  return new SalvoError(code, `${IMPORT}: ${where} ${requirement}, got ${show(node.value)}`, {
    parameter: where,
    value: node.value,
  });
}

function objectAt(node: At, what = 'an object'): Record<string, unknown> {
  if (typeof node.value !== 'object' || node.value === null || Array.isArray(node.value)) {
    throw libraryError(node, `must be ${what}`);
  }
  return node.value as Record<string, unknown>;
}

function arrayAt(node: At, what = 'an array'): unknown[] {
  if (!Array.isArray(node.value)) throw libraryError(node, `must be ${what}`);
  return node.value;
}

function stringAt(node: At): string {
  if (typeof node.value !== 'string') throw libraryError(node, 'must be a string');
  return node.value;
}

function finiteAt(node: At): number {
  if (typeof node.value !== 'number' || !Number.isFinite(node.value)) {
    throw libraryError(node, 'must be a finite number');
  }
  return node.value;
}

/** The entry of `list` whose `name` is `name`, with its path. */
function findNamed(list: At, name: string, what: string, from: At): At {
  const items = arrayAt(list, `an array of ${what}`);
  for (let i = 0; i < items.length; i++) {
    const item = at(list, i);
    if (typeof item.value === 'object' && item.value !== null && at(item, 'name').value === name) {
      return item;
    }
  }
  const known = items
    .map((item) =>
      typeof item === 'object' && item !== null ? (item as { name?: unknown }).name : undefined,
    )
    .filter((n) => typeof n === 'string');
  throw new SalvoError(
    'INVALID_PARAMETER',
    `${IMPORT}: ${from.path} = ${show(name)} names no entry of ${list.path} (${what}: ${known.join(', ') || 'none'})`,
    { parameter: from.path, value: name },
  );
}

/** Evaluates the library's generators and copulas, each once. */
class Evaluator {
  private readonly rngs = new Map<string, Float64Array | 'index'>();
  private readonly layers = new Map<string, Map<string, Float64Array>>();

  constructor(
    private readonly root: At,
    private readonly first: number,
    private readonly trials: number,
    private readonly parameters: Readonly<Record<string, number>>,
  ) {}

  /** A seed argument: an integer, or a parameter named in the options. */
  private seed(node: At): number {
    const value = node.value;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const type = at(node, 'type');
      if (type.value !== 'parameter') throw libraryError(type, "must be 'parameter'");
      const name = stringAt(at(node, 'name'));
      if (!Object.hasOwn(this.parameters, name)) {
        throw new SalvoError(
          'INVALID_PARAMETER',
          `${IMPORT}: ${node.path} is the parameter ${show(name)}; give its value as options.parameters[${JSON.stringify(name)}]`,
          { parameter: node.path, value },
        );
      }
      return requireHdrInteger(
        IMPORT,
        `options.parameters[${JSON.stringify(name)}]`,
        this.parameters[name],
      );
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > HDR_MAX) {
      throw libraryError(node, `must be an integer from 0 to ${HDR_MAX} (the HDR 2.0 range)`);
    }
    return value;
  }

  /** The uniforms of the generator named `name` (referred to at `from`), or 'index'. */
  rng(name: string, from: At): Float64Array | 'index' {
    const cached = this.rngs.get(name);
    if (cached !== undefined) return cached;
    const entry = findNamed(at(at(this.root, 'U01'), 'rng'), name, 'generators', from);
    const fn = stringAt(at(entry, 'function'));
    let result: Float64Array | 'index';
    if (fn === 'HDR_2_0') {
      const args = at(entry, 'arguments');
      objectAt(args);
      const counter = at(args, 'counter');
      if (counter.value !== undefined && counter.value !== 'PM_Index') {
        throw libraryError(counter, "must be 'PM_Index' (the trial counter)");
      }
      const entity = this.seed(at(args, 'entity'));
      const varId = this.seed(at(args, 'varId'));
      const seed3 = at(args, 'seed3').value === undefined ? 0 : this.seed(at(args, 'seed3'));
      const seed4 = at(args, 'seed4').value === undefined ? 0 : this.seed(at(args, 'seed4'));
      const u = new Float64Array(this.trials);
      for (let t = 0; t < this.trials; t++) u[t] = hdr(this.first + t, varId, entity, seed3, seed4);
      result = u;
    } else if (fn === 'Index') {
      result = 'index';
    } else {
      throw new SalvoError(
        'UNSUPPORTED',
        `${IMPORT}: ${entry.path}.function is ${show(fn)}; salvo evaluates the generators 'HDR_2_0' and 'Index'`,
        { parameter: `${entry.path}.function`, value: fn },
      );
    }
    this.rngs.set(name, result);
    return result;
  }

  /** Uniforms of a generator that must be random (not an index). */
  private uniform(name: string, from: At): Float64Array {
    const u = this.rng(name, from);
    if (u === 'index') {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${IMPORT}: ${from.path} = ${show(name)} is an 'Index' generator, which gives trial numbers, not uniforms`,
        { parameter: from.path, value: name },
      );
    }
    return u;
  }

  /** The uniforms of layer `layer` of the copula named `name`. */
  layer(name: string, layer: string, from: At, layerAt: At): Float64Array {
    let layers = this.layers.get(name);
    if (layers === undefined) {
      layers = this.copula(findNamed(at(at(this.root, 'U01'), 'copula'), name, 'copulas', from));
      this.layers.set(name, layers);
    }
    const u = layers.get(layer);
    if (u === undefined) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${IMPORT}: ${layerAt.path} = ${show(layer)} is not a layer of copula ${show(name)} (layers: ${[...layers.keys()].join(', ')})`,
        { parameter: layerAt.path, value: layer },
      );
    }
    return u;
  }

  private copula(entry: At): Map<string, Float64Array> {
    const fn = stringAt(at(entry, 'function'));
    const args = at(entry, 'arguments');
    objectAt(args);
    const layerNode = at(entry, 'copulaLayer');
    const layerNames = arrayAt(layerNode, 'an array of layer names').map((_, i) =>
      stringAt(at(layerNode, i)),
    );
    const k = layerNames.length;
    const out = new Map<string, Float64Array>();
    if (fn === 'SIP_Array') {
      const type = at(args, 'type');
      if (type.value !== 'array') {
        throw new SalvoError(
          'UNSUPPORTED',
          `${IMPORT}: ${type.path} is ${show(type.value)}; salvo reads copulas embedded as arrays (type 'array'), not files or links`,
          { parameter: type.path, value: type.value },
        );
      }
      const value = at(args, 'value');
      if (arrayAt(value).length !== k) {
        throw libraryError(value, `must hold one array of uniforms per copula layer (${k})`);
      }
      layerNames.forEach((layer, i) => {
        const u = this.arrayValues(at(value, i));
        for (let t = 0; t < this.trials; t++) {
          const x = u[t];
          if (!(x > 0 && x < 1)) {
            throw libraryError(
              at(at(value, i), this.first + t - 1),
              'must be a uniform strictly between 0 and 1',
            );
          }
        }
        out.set(layer, u);
      });
      return out;
    }
    if (fn !== 'GaussianCopula') {
      throw new SalvoError(
        'UNSUPPORTED',
        `${IMPORT}: ${entry.path}.function is ${show(fn)}; salvo evaluates 'GaussianCopula' and 'SIP_Array' copulas`,
        { parameter: `${entry.path}.function`, value: fn },
      );
    }
    const rngNode = at(args, 'rng');
    const rngNames = arrayAt(rngNode, 'an array of generator names').map((_, i) =>
      stringAt(at(rngNode, i)),
    );
    if (rngNames.length !== k) {
      throw libraryError(rngNode, `must name one generator per copula layer (${k})`);
    }
    const factor = this.choleskyOf(at(args, 'correlationMatrix'), k);
    const z = rngNames.map((rngName, j) => {
      const u = this.uniform(rngName, at(rngNode, j));
      const scores = new Float64Array(this.trials);
      for (let t = 0; t < this.trials; t++) scores[t] = normalQuantile(u[t]);
      return scores;
    });
    layerNames.forEach((layer, i) => {
      const u = new Float64Array(this.trials);
      for (let t = 0; t < this.trials; t++) {
        let sum = 0;
        for (let j = 0; j <= i; j++) sum += factor[i * k + j] * z[j][t];
        // Φ rounds to 1 beyond z ≈ 8.3 (never reached by HDR's uniforms, which stay within 2^-33 of
        // the ends, unless several extreme scores add up): keep u inside (0, 1).
        u[t] = Math.min(normalCdf(sum), 1 - 2 ** -53);
      }
      out.set(layer, u);
    });
    return out;
  }

  /** The lower Cholesky factor of the copula's correlation matrix (semi-definite allowed). */
  private choleskyOf(reference: At, k: number): Float64Array {
    objectAt(reference);
    const type = at(reference, 'type');
    if (type.value !== 'globalVariables') {
      throw new SalvoError(
        'UNSUPPORTED',
        `${IMPORT}: ${type.path} is ${show(type.value)}; salvo reads correlation matrices given in globalVariables`,
        { parameter: type.path, value: type.value },
      );
    }
    const name = stringAt(at(reference, 'value'));
    const variable = findNamed(
      at(this.root, 'globalVariables'),
      name,
      'global variables',
      at(reference, 'value'),
    );
    const value = at(variable, 'value');
    objectAt(value);
    const columnsNode = at(value, 'columns');
    const rowsNode = at(value, 'rows');
    const columns = arrayAt(columnsNode).map((_, i) => stringAt(at(columnsNode, i)));
    const rows = arrayAt(rowsNode).map((_, i) => stringAt(at(rowsNode, i)));
    if (columns.length !== k) {
      throw libraryError(columnsNode, `must name one column per copula layer (${k})`);
    }
    if (rows.length !== k || rows.some((row, i) => row !== columns[i])) {
      throw libraryError(
        rowsNode,
        `must list the same ${k} names as ${columnsNode.path}, in the same order`,
      );
    }
    const m = new Float64Array(k * k).fill(Number.NaN);
    const entries = at(value, 'matrix');
    arrayAt(entries).forEach((_, e) => {
      const entry = at(entries, e);
      objectAt(entry);
      const rowName = stringAt(at(entry, 'row'));
      const colName = stringAt(at(entry, 'col'));
      const i = columns.indexOf(rowName);
      const j = columns.indexOf(colName);
      if (i < 0) throw libraryError(at(entry, 'row'), `must be one of ${columns.join(', ')}`);
      if (j < 0) throw libraryError(at(entry, 'col'), `must be one of ${columns.join(', ')}`);
      const x = finiteAt(at(entry, 'value'));
      if (!(x >= -1 && x <= 1))
        throw libraryError(at(entry, 'value'), 'must be a correlation in [-1, 1]');
      if (i === j && Math.abs(x - 1) > 1e-9) {
        throw libraryError(at(entry, 'value'), 'is on the diagonal and must be 1');
      }
      for (const [a, b] of [
        [i, j],
        [j, i],
      ]) {
        const earlier = m[a * k + b];
        if (!Number.isNaN(earlier) && Math.abs(earlier - x) > 1e-12) {
          throw libraryError(
            at(entry, 'value'),
            `must equal the value given for ${columns[b]}, ${columns[a]} (${earlier}): a correlation matrix is symmetric`,
          );
        }
        m[a * k + b] = i === j ? 1 : x;
      }
    });
    // Entries left out are 0 off the diagonal (PySIPmath writes only the non-zero ones) and 1 on it.
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) if (Number.isNaN(m[i * k + j])) m[i * k + j] = i === j ? 1 : 0;
    }
    requirePsd(IMPORT, entries.path, m, k, `the correlation matrix ${entries.path}`);
    return semidefiniteCholesky(m, k);
  }

  /** The numbers of an embedded array, enough of them for the requested trials. */
  arrayValues(node: At): Float64Array {
    const items = arrayAt(node, 'an array of numbers');
    const needed = this.first - 1 + this.trials;
    if (items.length < needed) {
      throw libraryError(
        node,
        `must hold at least ${needed} values for trials ${this.first} to ${needed} (it holds ${items.length})`,
      );
    }
    const out = new Float64Array(this.trials);
    for (let t = 0; t < this.trials; t++) out[t] = finiteAt(at(node, this.first - 1 + t));
    return out;
  }
}

/**
 * L with L·Lᵀ = a for a positive semi-definite correlation matrix, lower-triangular: Cholesky's
 * algorithm, which the Excel tools use, with a pivot that is zero up to rounding (a correlation of ±1)
 * giving a zero column instead of a failure.
 */
function semidefiniteCholesky(a: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j];
    for (let s = 0; s < j; s++) d -= l[j * k + s] * l[j * k + s];
    if (!(d > 1e-12)) continue;
    const ljj = Math.sqrt(d);
    l[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let x = a[i * k + j];
      for (let s = 0; s < j; s++) x -= l[i * k + s] * l[j * k + s];
      l[i * k + j] = x / ljj;
    }
  }
  return l;
}

/** Keelin's metalog quantile function (up to 16 terms) at y, bounded as the arguments say. */
function evaluateMetalog(
  a: Float64Array,
  lower: number | undefined,
  upper: number | undefined,
  u: Float64Array,
  out: Float64Array,
): void {
  const k = a.length;
  for (let t = 0; t < u.length; t++) {
    const y = u[t];
    const c = y - 0.5;
    const logit = Math.log(y / (1 - y));
    // Terms 1 + a2 L + a3 c L + a4 c, then c², c² L, c³, c³ L, … in Keelin's order.
    let m = a[0] + a[1] * logit;
    if (k > 2) m += a[2] * c * logit;
    if (k > 3) m += a[3] * c;
    let power = c;
    for (let j = 4; j < k; j += 2) {
      power *= c;
      m += a[j] * power;
      if (j + 1 < k) m += a[j + 1] * power * logit;
    }
    if (lower !== undefined && upper !== undefined) {
      // (lower + upper e^M) / (1 + e^M), written from the nearer bound.
      const width = upper - lower;
      out[t] = m >= 0 ? upper - width / (1 + Math.exp(m)) : lower + width / (1 + Math.exp(-m));
    } else if (lower !== undefined) {
      out[t] = lower + Math.exp(m);
    } else if (upper !== undefined) {
      out[t] = upper - Math.exp(-m);
    } else {
      out[t] = m;
    }
  }
}

function requireTrials(where: string, parameter: string, value: unknown, least: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < least || value > HDR_MAX) {
    throw new SalvoError(
      'INVALID_SAMPLE_COUNT',
      `${where}: ${parameter} must be an integer from ${least} to ${HDR_MAX}, got ${show(value)}`,
      { parameter, value },
    );
  }
  return value;
}

/**
 * Evaluates a SIPmath 3.0 library into its trials, one `Float64Array` per SIP, index-aligned (element
 * i of every array is trial `firstTrial + i`), as ChanceCalc and the SIPmath Modeler Tools do in
 * Excel: the HDR generators (`HDR_2_0`, see {@link hdrUniform}) give each trial's uniforms, a Gaussian
 * copula correlates them (u = Φ(L·Φ⁻¹(uniforms)) with L the lower Cholesky factor of its correlation
 * matrix), and each SIP's metalog quantile function (`Metalog_1_0`, 2 to 16 terms, optional
 * `lowerBound`/`upperBound`) turns its uniform into a value. Libraries that carry sample arrays
 * (`SIP_Array` of type `'array'`, indexed by an `Index` generator) give those samples. The arrays are
 * ready to be model inputs: `empirical(trials.name)`.
 *
 * The coefficients are evaluated as given, as the Excel tools do: a library whose metalog is not a
 * valid distribution is not refused here (`metalog(coefficients, bounds)` checks one).
 *
 * @param library - the library: the parsed JSON object, or its JSON text
 * @param options - `trials` (default: the library's count), `firstTrial` (default 1), `names`,
 *   `parameters`
 * @returns the trials of each SIP, by SIP name
 * @throws {@link SalvoError} `INVALID_PARAMETER` naming the JSON path of the first thing that is not
 *   as the standard has it (`sips[2].arguments.aCoefficients`, `U01.rng[0].arguments.varId`,
 *   `globalVariables[0].value.matrix`, …) or a bad option; `UNSUPPORTED` for a SIP function,
 *   generator or copula salvo does not evaluate (such as `SIP_Array` linked to a CSV file: read that
 *   file with {@link fromCsv}); `INVALID_SAMPLE_COUNT` for a bad or missing trial count
 *
 * @example
 * ```ts
 * import { empirical, fromSipmath, model } from 'salvo';
 * // A one-SIP library as the Excel tools write it: a 3-term metalog on the HDR stream (1, 1, 0, 0).
 * const library = `{
 *   "name": "Demo", "objectType": "sipModel", "libraryType": "SIPmath_3_0",
 *   "U01": { "rng": [{ "name": "hdr1", "function": "HDR_2_0",
 *     "arguments": { "counter": "PM_Index", "entity": 1, "varId": 1, "seed3": 0, "seed4": 0 } }] },
 *   "sips": [{ "name": "leadTimeDays", "ref": { "source": "rng", "name": "hdr1" },
 *     "function": "Metalog_1_0", "arguments": { "lowerBound": 0, "aCoefficients": [2.3, 0.2, 0.05] },
 *     "metadata": { "count": 1000 } }]
 * }`;
 * const trials = fromSipmath(library);
 * trials.leadTimeDays.length; // => 1000
 * const run = model({ seed: 1 }).input('leadTimeDays', empirical(trials.leadTimeDays)).run({ samples: 10_000 });
 * run.summary('leadTimeDays').quantiles.p50; // => about 10 (e^2.3)
 * ```
 */
export function fromSipmath(
  library: unknown,
  options: SipmathImportOptions = {},
): Record<string, Float64Array> {
  if (typeof options !== 'object' || options === null) {
    throw invalidParameter(
      IMPORT,
      'options',
      `options must be an object, got ${show(options)}`,
      options,
    );
  }
  let parsed = library;
  if (typeof library === 'string') {
    try {
      parsed = JSON.parse(library);
    } catch (error) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${IMPORT}: library is text but not JSON (${(error as Error).message})`,
        { parameter: 'library', value: library },
      );
    }
  }
  const root: At = { value: parsed, path: '' };
  objectAt(root, 'a SIPmath library object (or its JSON text)');
  const sipsNode = at(root, 'sips');
  const sipItems = arrayAt(sipsNode, 'an array of SIPs');

  // The SIPs, by name (a repeated name would make the result ambiguous).
  const byName = new Map<string, At>();
  sipItems.forEach((_, i) => {
    const sip = at(sipsNode, i);
    objectAt(sip);
    const name = stringAt(at(sip, 'name'));
    const earlier = byName.get(name);
    if (earlier !== undefined) {
      throw libraryError(
        at(sip, 'name'),
        `repeats the name of ${earlier.path}; SIP names must be unique`,
      );
    }
    byName.set(name, sip);
  });
  let selected: At[];
  if (options.names === undefined) {
    selected = [...byName.values()];
  } else {
    if (!Array.isArray(options.names)) {
      throw invalidParameter(
        IMPORT,
        'names',
        `names must be an array of SIP names, got ${show(options.names)}`,
        options.names,
      );
    }
    selected = options.names.map((name, i) => {
      const sip = typeof name === 'string' ? byName.get(name) : undefined;
      if (sip === undefined) {
        throw invalidParameter(
          IMPORT,
          `names[${i}]`,
          `names[${i}] = ${show(name)} names no SIP of the library (SIPs: ${[...byName.keys()].join(', ') || 'none'})`,
          name,
        );
      }
      return sip;
    });
  }
  if (selected.length === 0) {
    throw new SalvoError(
      'EMPTY_DATA',
      `${IMPORT}: sips is empty; the library has no SIP to evaluate`,
      {
        parameter: sipsNode.path,
        value: sipItems,
      },
    );
  }

  const firstTrial =
    options.firstTrial === undefined
      ? 1
      : requireTrials(IMPORT, 'firstTrial', options.firstTrial, 1);
  const parameters = options.parameters ?? {};
  if (typeof parameters !== 'object' || parameters === null) {
    throw invalidParameter(
      IMPORT,
      'parameters',
      `parameters must be an object of numbers, got ${show(parameters)}`,
      parameters,
    );
  }

  // Each selected SIP's form, checked before any evaluation.
  interface Plan {
    name: string;
    sip: At;
    kind: 'metalog' | 'array';
    coefficients?: Float64Array;
    lower?: number;
    upper?: number;
  }
  const plans: Plan[] = selected.map((sip) => {
    const name = at(sip, 'name').value as string;
    const fn = stringAt(at(sip, 'function'));
    const args = at(sip, 'arguments');
    objectAt(args);
    if (fn === 'Metalog_1_0') {
      const coefficientsNode = at(args, 'aCoefficients');
      const a = coefficientsNode.value;
      if (!Array.isArray(a) || a.length < 2 || a.length > 16) {
        throw libraryError(coefficientsNode, 'must be an array of 2 to 16 metalog coefficients');
      }
      const coefficients = Float64Array.from(a.map((_, j) => finiteAt(at(coefficientsNode, j))));
      const lowerNode = at(args, 'lowerBound');
      const upperNode = at(args, 'upperBound');
      const lower = lowerNode.value === undefined ? undefined : finiteAt(lowerNode);
      const upper = upperNode.value === undefined ? undefined : finiteAt(upperNode);
      if (lower !== undefined && upper !== undefined && !(lower < upper)) {
        throw libraryError(upperNode, `must be greater than ${lowerNode.path} = ${lower}`);
      }
      objectAt(at(sip, 'ref'));
      return { name, sip, kind: 'metalog', coefficients, lower, upper };
    }
    if (fn === 'SIP_Array') {
      const type = at(args, 'type');
      if (type.value !== 'array') {
        throw new SalvoError(
          'UNSUPPORTED',
          `${IMPORT}: ${type.path} is ${show(type.value)}; salvo reads sample arrays embedded in the library (type 'array'); for a linked CSV file read the file with fromCsv`,
          { parameter: type.path, value: type.value },
        );
      }
      arrayAt(at(args, 'value'), 'an array of numbers');
      return { name, sip, kind: 'array' };
    }
    throw new SalvoError(
      'UNSUPPORTED',
      `${IMPORT}: ${sip.path}.function is ${show(fn)}; salvo evaluates 'Metalog_1_0' and 'SIP_Array' SIPs (pass names to pick those)`,
      { parameter: `${sip.path}.function`, value: fn },
    );
  });

  // The number of trials: given, or the arrays' length, or the metadata's count.
  let trials: number;
  if (options.trials !== undefined) {
    trials = requireTrials(IMPORT, 'trials', options.trials, 1);
  } else {
    let said: { count: number; path: string } | undefined;
    for (const plan of plans) {
      const node =
        plan.kind === 'array'
          ? at(at(plan.sip, 'arguments'), 'value')
          : at(at(plan.sip, 'metadata'), 'count');
      const count =
        plan.kind === 'array'
          ? (node.value as unknown[]).length - (firstTrial - 1)
          : typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= 1
            ? node.value
            : undefined;
      if (count === undefined) continue;
      if (said !== undefined && said.count !== count) {
        throw new SalvoError(
          'LENGTH_MISMATCH',
          `${IMPORT}: the library's SIPs disagree on the number of trials: ${said.path} says ${said.count}, ${node.path} ${count}; pass options.trials`,
          { parameter: node.path, value: count },
        );
      }
      said = { count, path: node.path };
    }
    if (said === undefined) {
      throw new SalvoError(
        'INVALID_SAMPLE_COUNT',
        `${IMPORT}: the library does not say how many trials it holds (no SIP has metadata.count or a sample array); pass options.trials`,
        { parameter: 'trials', value: undefined },
      );
    }
    trials = requireTrials(IMPORT, `trials (from ${said.path})`, said.count, 1);
  }
  if (firstTrial - 1 + trials > HDR_MAX) {
    throw new SalvoError(
      'INVALID_SAMPLE_COUNT',
      `${IMPORT}: firstTrial + trials - 1 = ${firstTrial - 1 + trials} is beyond the HDR 2.0 range (${HDR_MAX})`,
      { parameter: 'trials', value: trials },
    );
  }

  const evaluator = new Evaluator(root, firstTrial, trials, parameters);
  const result: Record<string, Float64Array> = {};
  for (const plan of plans) {
    let values: Float64Array;
    if (plan.kind === 'array') {
      const ref = at(plan.sip, 'ref');
      if (ref.value !== undefined) {
        const source = at(ref, 'source');
        const refName = at(ref, 'name');
        if (source.value !== 'rng' || evaluator.rng(stringAt(refName), refName) !== 'index') {
          throw libraryError(ref, "of a sample array must be an 'Index' generator");
        }
      }
      values = evaluator.arrayValues(at(at(plan.sip, 'arguments'), 'value'));
    } else {
      const ref = at(plan.sip, 'ref');
      const source = at(ref, 'source');
      const refName = at(ref, 'name');
      let u: Float64Array;
      if (source.value === 'rng') {
        const uniforms = evaluator.rng(stringAt(refName), refName);
        if (uniforms === 'index') {
          throw libraryError(
            refName,
            "names an 'Index' generator, which gives trial numbers, not uniforms",
          );
        }
        u = uniforms;
      } else if (source.value === 'copula') {
        const layer = at(ref, 'copulaLayer');
        u = evaluator.layer(stringAt(refName), stringAt(layer), refName, layer);
      } else {
        throw libraryError(source, "must be 'rng' or 'copula'");
      }
      values = new Float64Array(trials);
      evaluateMetalog(plan.coefficients!, plan.lower, plan.upper, u, values);
    }
    Object.defineProperty(result, plan.name, {
      value: values,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}
