/**
 * Sampling designs: how an input's uniforms are chosen before its distribution inverts them. Each
 * design keeps the segment contract: segment k of an input depends only on (seed, input, k, the
 * segment's length) — and, for Sobol points, the input's dimension — never on the block size or the
 * threads.
 *
 * - `'random'`: the distribution's own sampler on the stream `deriveRng(seed, name, k)` (the default,
 *   unchanged).
 * - `'latinHypercube'`: each segment is a Latin hypercube of its length (McKay, Beckman and Conover
 *   1979): one uniform in each of n equal strata of (0, 1), in an order shuffled by the segment's
 *   stream, then inverted. Inputs shuffle independently, as in @RISK's and Crystal Ball's default.
 * - `'sobol'`: scrambled Sobol points (one dimension per input, in declaration order), inverted.
 *   Segments are dealt to {@link SOBOL_RANDOMIZATIONS} independent scramblings in turn: segment k
 *   belongs to scrambling k mod 8 and holds its points 4096·⌊k/8⌋ onwards, so each scrambling's points
 *   are a prefix of its own sequence and the scramblings are independent copies of the design.
 *
 * Error estimates: with a design, samples are not independent and the i.i.d. formulas are wrong. The
 * segments are therefore dealt to `groups` groups in turn (segment k to group k mod groups) that are
 * independent copies of the design — scramblings for Sobol points, sets of independent Latin
 * hypercubes otherwise — and standard errors come from the spread of the groups' estimates (with
 * Student's t on groups − 1 degrees of freedom for intervals).
 * @module
 */
import { fillSobol } from '../designs/sobol.js';
import { fillByInversion } from '../distributions/inversion.js';
import type { Distribution } from '../distributions/types.js';
import { deriveRng } from '../rng/seed.js';
import type { Rng } from '../rng/types.js';
import { studentTQuantile } from '../special/studentT.js';
import { SEGMENT_LENGTH } from './definition.js';

/**
 * How a run chooses its inputs' samples: `'random'` (independent draws, the default),
 * `'latinHypercube'` (stratified within each segment of 4,096 samples) or `'sobol'` (scrambled Sobol
 * points, randomised quasi-Monte Carlo).
 *
 * @example
 * ```ts
 * import { model, normal, type Sampling } from 'salvo';
 * const sampling: Sampling = 'sobol';
 * const run = model({ seed: 1 }).input('x', normal(0, 1)).run({ samples: 65_536, sampling });
 * run.summary('x').meanStandardError < 1e-4; // => true (random sampling: about 0.004)
 * ```
 */
export type Sampling = 'random' | 'latinHypercube' | 'sobol';

/** The names of {@link Sampling}, for checks and messages. */
export const SAMPLINGS: readonly Sampling[] = ['random', 'latinHypercube', 'sobol'];

/**
 * Independent scramblings of a Sobol run (`sampling: 'sobol'`). Each is a replicate whose spread gives
 * the error estimate; more of them give steadier error estimates but smaller nets (a net of n points
 * has error falling faster than 1/√n, so splitting N points in more replicates costs precision). Eight
 * give 7 degrees of freedom — the choice is measured in docs/performance.md ("Sampling designs").
 *
 * @example
 * ```ts
 * import { SOBOL_RANDOMIZATIONS } from 'salvo';
 * SOBOL_RANDOMIZATIONS; // => 8 (segment k of a Sobol run belongs to scrambling k mod 8)
 * ```
 */
export const SOBOL_RANDOMIZATIONS = 8;

/** Groups of a Latin hypercube run: its segments are independent, so many groups cost nothing. */
export const LATIN_HYPERCUBE_GROUPS = 32;

/** A run's sampling design, as the engine uses it. */
export interface SamplingDesign {
  readonly sampling: Sampling;
  /**
   * Independent groups of segments that error estimates come from (segment k in group k mod groups);
   * 1 for random sampling, whose errors use the i.i.d. formulas.
   */
  readonly groups: number;
}

/** Independent random sampling. */
export const RANDOM_DESIGN: SamplingDesign = Object.freeze({ sampling: 'random', groups: 1 });

/** The design of a sampling name. */
export function designOf(sampling: Sampling): SamplingDesign {
  if (sampling === 'random') return RANDOM_DESIGN;
  return Object.freeze({
    sampling,
    groups: sampling === 'sobol' ? SOBOL_RANDOMIZATIONS : LATIN_HYPERCUBE_GROUPS,
  });
}

/** Stream key of the scrambling words of an input's Sobol dimension (no node name contains \u0001). */
function scrambleKey(name: string): string {
  return `\u0001sobol ${name}`;
}

/** Random words for the shuffle of a segment, reused (one segment at a time per thread). */
let shuffleWords = new Uint32Array(SEGMENT_LENGTH);

/** The scrambling words of the segment being filled, reused (fillSobol reads them at once). */
const scrambleWords = new Uint32Array(4);

/** The largest double below 1. */
const BELOW_ONE = 1 - 2 ** -53;

/**
 * Overwrites `out` with one Latin hypercube sample of (0, 1) of size n = out.length: u = (k + v)/n for
 * k = 0 … n − 1 with v uniform in (0, 1), then shuffled (Fisher–Yates), all from `rng`. The shuffle's
 * indices are Lemire's multiply-and-shift of 32-bit words, with rejection so that they are exactly
 * uniform (D. Lemire, "Fast random integer generation in an interval", ACM TOMACS 29(1), 2019).
 */
export function fillLatinHypercube(out: Float64Array, rng: Rng): void {
  const n = out.length;
  rng.fillFloat64(out);
  // v = (j + ½)·2⁻⁵³ for the generator's j·2⁻⁵³: strictly inside (0, 1). k + v can round up to k + 1,
  // so the top stratum's u is kept below 1.
  const half = 2 ** -54;
  for (let k = 0; k < n; k++) {
    const u = (k + out[k] + half) / n;
    out[k] = u < 1 ? u : BELOW_ONE;
  }
  if (shuffleWords.length < n) shuffleWords = new Uint32Array(n);
  const words = shuffleWords;
  rng.fillUint32(words.subarray(0, n));
  const TWO_32 = 4294967296;
  for (let k = n - 1; k > 0; k--) {
    const range = k + 1;
    let m = words[k] * range; // < 2^45: exact
    let j = Math.floor(m / TWO_32);
    if (m - j * TWO_32 < range) {
      const threshold = TWO_32 % range;
      while (m - j * TWO_32 < threshold) {
        m = rng.nextUint32() * range;
        j = Math.floor(m / TWO_32);
      }
    }
    const t = out[k];
    out[k] = out[j];
    out[j] = t;
  }
}

/**
 * Fills `out` with one segment of an input under `design`: segment `segment` (whose length is
 * out.length) of input `name`, the `dimension`-th input of its model.
 */
export function fillSegment(
  dist: Distribution,
  root: Uint32Array,
  name: string,
  dimension: number,
  segment: number,
  out: Float64Array,
  design: SamplingDesign,
): void {
  if (design.sampling === 'random') {
    dist.fill(out, deriveRng(root, name, segment));
    return;
  }
  if (design.sampling === 'latinHypercube') {
    fillLatinHypercube(out, deriveRng(root, name, segment));
  } else {
    const randomization = segment % design.groups;
    deriveRng(root, scrambleKey(name), randomization).fillUint32(scrambleWords);
    fillSobol(dimension, Math.floor(segment / design.groups) * SEGMENT_LENGTH, scrambleWords, out);
  }
  fillByInversion(dist, out, out);
}

/** Two-sided 95% quantile of Student's t for an error estimated from `groups` groups. */
export function groupT95(groups: number): number {
  return groups > 1 ? studentTQuantile(0.975, groups - 1) : Number.NaN;
}
