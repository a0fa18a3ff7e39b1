/**
 * The JSON of a SIPmath 3.0 library, as `toSipmath` writes it.
 * @module
 */

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
