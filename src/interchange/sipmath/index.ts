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
 *
 * This folder owns the format, one job per file: the HDR generator (`hdr.ts`), the library's JSON
 * types (`library.ts`), the export of samples as a library (`export.ts`), and the import:
 * `fromSipmath` (`import.ts`) evaluating the library's generators and copulas (`evaluator.ts`) and
 * reading its JSON with the path of every value for messages (`jsonPaths.ts`).
 * @module
 */
export { type SipmathExportOptions, toSipmath } from './export.js';
export { type HdrSeeds, hdrUniform } from './hdr.js';
export { fromSipmath, type SipmathImportOptions } from './import.js';
export type { SipmathLibrary } from './library.js';
