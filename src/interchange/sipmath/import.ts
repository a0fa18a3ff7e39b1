/**
 * Import: `fromSipmath` evaluates a SIPmath 3.0 library into its trials, one array per SIP.
 * @module
 */
import { quantilesByTerms, supportOf } from '../../distributions/metalog/evaluate.js';
import { SalvoError } from '../../errors.js';
import {
  invalidParameter,
  optionNames,
  requireKnownOptions,
  requireObject,
  show,
} from '../../validate.js';
import { LibraryEvaluator } from './evaluator.js';
import { HDR_MAX } from './hdr.js';
import {
  type At,
  arrayAt,
  at,
  finiteAt,
  IMPORT,
  libraryError,
  objectAt,
  stringAt,
} from './jsonPaths.js';

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
   * SIPs' metadata give (salvo's libraries and PySIPmath's say it; a number, or its text), taken
   * from the SIPs to evaluate, else from the library's other SIPs and its copulas' uniform arrays. A
   * library of metalog SIPs that states no count (as some Excel-made files do) needs this option.
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

/** The names {@link SipmathImportOptions} knows, for `UNKNOWN_OPTION` (also read by `readSipmathFile`). */
export const IMPORT_OPTION_NAMES = optionNames<SipmathImportOptions>()([
  'trials',
  'firstTrial',
  'names',
  'parameters',
]);

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
  requireObject(IMPORT, 'options', options);
  requireKnownOptions(IMPORT, 'options', options, IMPORT_OPTION_NAMES);
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
  requireObject(IMPORT, 'parameters', parameters, 'an object of numbers');

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

  // The number of trials: given, or what the library says (its arrays' lengths, its metadata's count).
  const trials =
    options.trials !== undefined
      ? requireTrials(IMPORT, 'trials', options.trials, 1)
      : trialsOfLibrary(root, plans, sipsNode, firstTrial);
  if (firstTrial - 1 + trials > HDR_MAX) {
    throw new SalvoError(
      'INVALID_SAMPLE_COUNT',
      `${IMPORT}: firstTrial + trials - 1 = ${firstTrial - 1 + trials} is beyond the HDR 2.0 range (${HDR_MAX})`,
      { parameter: 'trials', value: trials },
    );
  }

  const evaluator = new LibraryEvaluator(root, firstTrial, trials, parameters);
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
      quantilesByTerms(plan.coefficients!, supportOf(plan.lower, plan.upper), u, values);
      requireFiniteTrials(plan.sip, values);
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

/** A trial count a library states, and the JSON path that states it. */
interface StatedCount {
  readonly count: number;
  readonly path: string;
}

/** The count a SIP states: its sample array's length (less the trials skipped), or metadata.count. */
function statedBySip(sip: At, firstTrial: number): StatedCount | undefined {
  if (typeof sip.value !== 'object' || sip.value === null) return undefined;
  const args = at(sip, 'arguments');
  if (at(sip, 'function').value === 'SIP_Array' && typeof args.value === 'object') {
    const value = at(args, 'value');
    if (Array.isArray(value.value)) {
      return { count: value.value.length - (firstTrial - 1), path: value.path };
    }
  }
  const metadata = at(sip, 'metadata');
  if (typeof metadata.value !== 'object' || metadata.value === null) return undefined;
  const node = at(metadata, 'count');
  // A count as JSON writes it (1000), as pandas' describe gives it (1000.0), or as text ("1000").
  const count =
    typeof node.value === 'string' && /^\s*\d+(?:\.0*)?\s*$/.test(node.value)
      ? Number(node.value)
      : node.value;
  if (typeof count === 'number' && Number.isInteger(count) && count >= 1) {
    return { count, path: node.path };
  }
  return undefined;
}

/** The counts the copulas' embedded uniform arrays state (`SIP_Array` copulas): their lengths. */
function statedByCopulas(root: At, firstTrial: number): StatedCount[] {
  const u01 = at(root, 'U01');
  if (typeof u01.value !== 'object' || u01.value === null) return [];
  const copulas = at(u01, 'copula');
  if (!Array.isArray(copulas.value)) return [];
  const stated: StatedCount[] = [];
  copulas.value.forEach((_, i) => {
    const copula = at(copulas, i);
    if (typeof copula.value !== 'object' || copula.value === null) return;
    if (at(copula, 'function').value !== 'SIP_Array') return;
    const args = at(copula, 'arguments');
    if (typeof args.value !== 'object' || args.value === null) return;
    const value = at(args, 'value');
    if (!Array.isArray(value.value) || !Array.isArray(value.value[0])) return;
    const first = at(value, 0);
    stated.push({ count: (first.value as unknown[]).length - (firstTrial - 1), path: first.path });
  });
  return stated;
}

/**
 * The number of trials a library states: the sample arrays' lengths and `metadata.count` of the SIPs
 * to evaluate; else those of the library's other SIPs and the lengths of its copulas' uniform arrays.
 * They must agree. A library of metalog SIPs alone states none when its SIPs lack `metadata.count`
 * (the Excel tools and PySIPmath may leave it out): a metalog gives any number of trials.
 */
function trialsOfLibrary(
  root: At,
  plans: readonly { readonly sip: At }[],
  sipsNode: At,
  firstTrial: number,
): number {
  const selected = new Set(plans.map((plan) => plan.sip.path));
  const others: At[] = [];
  (sipsNode.value as unknown[]).forEach((_, i) => {
    const sip = at(sipsNode, i);
    if (!selected.has(sip.path)) others.push(sip);
  });
  const agreed = (candidates: readonly (StatedCount | undefined)[]): StatedCount | undefined => {
    let said: StatedCount | undefined;
    for (const stated of candidates) {
      if (stated === undefined) continue;
      if (said !== undefined && said.count !== stated.count) {
        throw new SalvoError(
          'LENGTH_MISMATCH',
          `${IMPORT}: the library's SIPs disagree on the number of trials: ${said.path} says ${said.count}, ${stated.path} ${stated.count}; pass options.trials`,
          { parameter: stated.path, value: stated.count },
        );
      }
      said ??= stated;
    }
    return said;
  };
  const said =
    agreed(plans.map((plan) => statedBySip(plan.sip, firstTrial))) ??
    agreed([
      ...others.map((sip) => statedBySip(sip, firstTrial)),
      ...statedByCopulas(root, firstTrial),
    ]);
  if (said === undefined) {
    throw new SalvoError(
      'INVALID_SAMPLE_COUNT',
      `${IMPORT}: the library does not say how many trials to evaluate: no SIP has a sample array or ` +
        'metadata.count, and a metalog SIP gives as many trials as asked; pass the count as ' +
        'options.trials, e.g. fromSipmath(library, { trials: 1000 }) (or readSipmathFile(path, { trials: 1000 }))',
      { parameter: 'trials', value: undefined },
    );
  }
  return requireTrials(IMPORT, `trials (from ${said.path})`, said.count, 1);
}

/**
 * A metalog SIP whose coefficients overflow double precision gives ±Infinity or NaN trials: refused,
 * naming the SIP and how many of its trials, rather than handed on as samples.
 */
function requireFiniteTrials(sip: At, values: Float64Array): void {
  let nonFinite = 0;
  for (let i = 0; i < values.length; i++) if (values[i] - values[i] !== 0) nonFinite++;
  if (nonFinite === 0) return;
  const coefficients = at(at(sip, 'arguments'), 'aCoefficients');
  throw new SalvoError(
    'INVALID_PARAMETER',
    `${IMPORT}: ${coefficients.path} give non-finite values in ${nonFinite} of ${values.length} trials (the metalog's terms overflow double precision); check the coefficients`,
    { parameter: coefficients.path, value: coefficients.value },
  );
}
