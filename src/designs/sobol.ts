/**
 * Scrambled Sobol points, addressed by index: coordinate `dimension` of point `i` is a pure function of
 * (dimension, i, scramble words), so a range of points can be filled in one call or in any pieces, on
 * any thread, with bit-identical results.
 *
 * - Direction numbers: Joe and Kuo's table new-joe-kuo-6.21201 (S. Joe and F. Y. Kuo, "Constructing
 *   Sobol sequences with better two-dimensional projections", SIAM J. Sci. Comput. 30 (2008)),
 *   packed in sobolDirections.ts; the 32 direction numbers of a dimension are built from its primitive
 *   polynomial and initial numbers by the Bratley–Fox recurrence the first time it is used. Dimension 0
 *   is the van der Corput sequence.
 * - Order: Gray code (Antonov–Saleev), as scipy's `qmc.Sobol`: point i is the XOR of the direction
 *   numbers selected by the bits of i ^ (i >> 1). Every aligned block of 2^m points is a Sobol net.
 * - Scrambling: hash-based nested uniform (Owen-type) scrambling after B. Burley, "Practical Hash-based
 *   Owen Scrambling", JCGT 9(4), 2020: the 32-bit coordinate, bit-reversed, goes through a
 *   Laine–Karras permutation (add a seed, then xor with multiples by even constants), in which each bit
 *   is flipped by a function of the bits below it only, that is, each binary digit of the coordinate
 *   by a function of the digits before it; reversed back, that is a nested scramble, which keeps every
 *   net a net. The seed of each dimension is a hash of the four scramble words and the dimension.
 * - Below 2^-32: 20 more bits from a hash of (index, dimension, scramble words), and half a unit of
 *   the last place, so that each value is (k + 1/2) / 2^52 for an integer k: never 0 or 1.
 * @module
 */
import { SalvoError } from '../errors.js';
import {
  invalidParameter,
  requireFloat64Array,
  requireNonNegativeInteger,
  show,
} from '../validate.js';
import {
  PACKED_BIT_COUNT,
  PACKED_DIRECTIONS,
  POLYNOMIAL_DEGREE_COUNTS,
  SOBOL_TABLE_DIMENSIONS,
} from './sobolDirections.js';

/**
 * How many Sobol dimensions {@link fillSobol} supports (dimensions 0 to `SOBOL_MAX_DIMENSIONS - 1`):
 * the dimensions of the Joe–Kuo direction-number table salvo ships.
 *
 * @example
 * ```ts
 * import { SOBOL_MAX_DIMENSIONS } from 'salvo';
 * SOBOL_MAX_DIMENSIONS; // => 256
 * ```
 */
export const SOBOL_MAX_DIMENSIONS: number = SOBOL_TABLE_DIMENSIONS;

/** How many points of the sequence can be addressed (indices 0 to 2^32 - 1). @internal */
export const SOBOL_MAX_POINTS = 2 ** 32;

/** Bits of each direction number, and of each integer coordinate. */
const BITS = 32;

/** Base64 digits by character code. */
function decodeBase64(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const digit = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) digit[alphabet.charCodeAt(i)] = i;
  const body = text.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((body.length * 6) / 8));
  let buffer = 0;
  let held = 0;
  let written = 0;
  for (let i = 0; i < body.length; i++) {
    buffer = ((buffer << 6) | digit[body.charCodeAt(i)]) & 0xfff;
    held += 6;
    if (held >= 8) {
      held -= 8;
      bytes[written++] = (buffer >>> held) & 0xff;
    }
  }
  return bytes;
}

let packed: Uint8Array | undefined;

/** `width` bits of the packed table from bit `position`, most significant first. */
function readBits(position: number, width: number): number {
  packed ??= decodeBase64(PACKED_DIRECTIONS);
  let value = 0;
  for (let i = position; i < position + width; i++) {
    value = (value << 1) | ((packed[i >>> 3] >>> (7 - (i & 7))) & 1);
  }
  return value;
}

/** Reverses the 32 bits of `x` (bit 0 becomes bit 31); an int32 result. */
function reverseBits(x: number): number {
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  x = ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
  return (x >>> 16) | (x << 16);
}

/**
 * The 32 direction numbers v_0 .. v_31 of `dimension` (v_k = m_{k+1} 2^(31-k), so that bit k of a
 * point's Gray-code index selects v_k), by the Bratley–Fox recurrence on its primitive polynomial
 * x^s + a_1 x^(s-1) + ... + a_(s-1) x + 1: v_k = v_(k-s) ^ (v_(k-s) >> s) ^ (a_1 v_(k-1)) ^ ... ^
 * (a_(s-1) v_(k-s+1)) for k >= s.
 */
export function sobolDirectionNumbers(dimension: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (dimension === 0) {
    for (let k = 0; k < BITS; k++) v[k] = 2 ** (BITS - 1 - k);
    return v;
  }
  // Find the degree of the dimension's polynomial and where its entry starts in the packed bits.
  let position = 0;
  let first = 1;
  let degree = 1;
  for (; degree <= POLYNOMIAL_DEGREE_COUNTS.length; degree++) {
    const count = POLYNOMIAL_DEGREE_COUNTS[degree - 1];
    const entryBits = degree - 1 + (degree * (degree - 1)) / 2;
    if (dimension < first + count) {
      position += (dimension - first) * entryBits;
      break;
    }
    position += count * entryBits;
    first += count;
  }
  const s = degree;
  const inner = readBits(position, s - 1);
  position += s - 1;
  for (let k = 0; k < s; k++) {
    const m = (readBits(position, k) << 1) | 1; // m_(k+1): odd, below 2^(k+1)
    position += k;
    v[k] = m * 2 ** (BITS - 1 - k);
  }
  if (position > PACKED_BIT_COUNT) throw new Error(`sobol: table entry ${dimension} is truncated`);
  for (let k = s; k < BITS; k++) {
    let next = v[k - s] ^ (v[k - s] >>> s);
    for (let j = 1; j < s; j++) {
      if ((inner >>> (s - 1 - j)) & 1) next ^= v[k - j]; // a_j
    }
    v[k] = next;
  }
  return v;
}

/** Each byte with its 8 bits in reverse order, as doubles (the hot loop adds them up as doubles). */
function reversedByteTable(): Float64Array {
  const table = new Float64Array(256);
  for (let b = 0; b < 256; b++) table[b] = reverseBits(b) >>> 24;
  return table;
}

/** {@link reversedByteTable}, built once. */
const REVERSED_BYTE = /* @__PURE__ */ reversedByteTable();

/**
 * The bit-reversed direction numbers of every dimension (32 from `32 * dimension`), as int32, which
 * the bit operations read without conversion; each dimension's are built on its first use.
 */
const REVERSED_DIRECTIONS = /* @__PURE__ */ new Int32Array(SOBOL_MAX_DIMENSIONS * BITS);
const directionsBuilt = /* @__PURE__ */ new Uint8Array(SOBOL_MAX_DIMENSIONS);

/** Builds the reversed direction numbers of `dimension` if need be; returns where they start. */
function reversedDirectionsAt(dimension: number): number {
  const base = dimension * BITS;
  if (directionsBuilt[dimension] === 0) {
    const directions = sobolDirectionNumbers(dimension);
    for (let k = 0; k < BITS; k++) REVERSED_DIRECTIONS[base + k] = reverseBits(directions[k]);
    directionsBuilt[dimension] = 1;
  }
  return base;
}

/** The bit-reversed unscrambled coordinate of point `index`: the XOR over the bits of its Gray code. */
function reversedCoordinate(base: number, index: number): number {
  const gray = (index ^ (index >>> 1)) >>> 0;
  let x = 0;
  for (let k = 0; k < BITS; k++) if ((gray >>> k) & 1) x ^= REVERSED_DIRECTIONS[base + k];
  return x;
}

/** A 32-bit integer hash: a bijective mixer (Wellons's lowbias32 constants). */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return h ^ (h >>> 16);
}

/** A hash of the four scramble words, the dimension and a lane (one key per use). */
function dimensionKey(scramble: Uint32Array, dimension: number, lane: number): number {
  let h = mix32(lane ^ 0x9e3779b9);
  for (let i = 0; i < 4; i++) h = mix32((h ^ scramble[i]) + 0x632be5ab);
  return mix32((h ^ dimension) + 0x85ebca6b);
}

/**
 * The hot loop of {@link fillSobol}, with its two tables in its closure: the compiler treats a
 * closure's tables as constants and does not reload their addresses and lengths at every point, as it
 * does for arguments and for module bindings (which bundlers turn from `const` into `var`); see
 * docs/performance.md.
 */
function makeScrambledPoints(
  byte: Float64Array,
  directions: Int32Array,
): (
  base: number,
  reversed: number,
  index: number,
  seed: number,
  lowKey: number,
  out: Float64Array,
) => void {
  /**
   * Fills `out` from the point whose bit-reversed unscrambled coordinate is `reversed` and whose
   * index (as int32 bits: it wraps at 2^31, as the bit operations do) is `index`; the direction
   * numbers of its dimension start at `base`.
   */
  function scrambledPointsLoop(
    base: number,
    reversed: number,
    index: number,
    seed: number,
    lowKey: number,
    out: Float64Array,
  ): void {
    const n = out.length;
    for (let k = 0; ; ) {
      // Laine–Karras permutation of the bit-reversed coordinate: bit b changes by a function of bits < b.
      let x = (reversed + seed) | 0;
      x ^= Math.imul(x, 0x6c50b47c);
      x ^= Math.imul(x, 0xb82f1e52);
      x ^= Math.imul(x, 0xc7afe638);
      x ^= Math.imul(x, 0x8d22f6e6);
      // The 20 bits below 2^-32: a hash of the index and the dimension's key.
      let h = Math.imul(index ^ lowKey, 0x9e3779b1);
      h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
      // (k + 1/2) / 2^52, where k is the scrambled coordinate (x reversed, byte by byte) then the 20 bits.
      out[k] =
        (byte[x & 0xff] * 2 ** 44 +
          byte[(x >>> 8) & 0xff] * 2 ** 36 +
          byte[(x >>> 16) & 0xff] * 2 ** 28 +
          byte[x >>> 24] * 2 ** 20 +
          (h >>> 12) +
          0.5) *
        2 ** -52;
      if (++k === n) return;
      index = (index + 1) | 0;
      // Gray code: point i differs from point i - 1 by the direction number of the lowest set bit of i.
      reversed ^= directions[base + 31 - Math.clz32(index & -index)];
    }
  }
  return scrambledPointsLoop;
}

const scrambledPoints = /* @__PURE__ */ makeScrambledPoints(REVERSED_BYTE, REVERSED_DIRECTIONS);

const WHERE = 'fillSobol';

function checkArguments(
  dimension: unknown,
  first: unknown,
  scramble: unknown,
  out: unknown,
  where: string,
  outType: 'Float64Array' | 'Uint32Array',
): void {
  requireNonNegativeInteger(where, 'dimension', dimension);
  if ((dimension as number) >= SOBOL_MAX_DIMENSIONS) {
    throw invalidParameter(
      where,
      'dimension',
      `dimension must be below SOBOL_MAX_DIMENSIONS = ${SOBOL_MAX_DIMENSIONS}, got ${show(dimension)}`,
      dimension,
    );
  }
  requireNonNegativeInteger(where, 'first', first);
  if (scramble !== undefined && !(scramble instanceof Uint32Array && scramble.length === 4)) {
    throw invalidParameter(
      where,
      'scramble',
      `scramble must be a Uint32Array of 4 words, got ${show(scramble)}`,
      scramble,
    );
  }
  if (outType === 'Float64Array') requireFloat64Array(where, 'out', out);
  else if (!(out instanceof Uint32Array)) {
    throw invalidParameter(where, 'out', `out must be a Uint32Array, got ${show(out)}`, out);
  }
  const length = (out as ArrayLike<number>).length;
  if ((first as number) + length > SOBOL_MAX_POINTS) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: first + out.length must be at most 2^32 (the points of the sequence), got first = ${show(first)}, out.length = ${length}`,
      { parameter: 'first', value: first },
    );
  }
}

/**
 * Fills `out[k]` with coordinate `dimension` of point `first + k` of the scrambled Sobol sequence
 * seeded by the four words of `scramble`: a double strictly inside (0, 1). A point depends only on its
 * index, so filling [first, first + n) in one call or in pieces gives bit-identical values; every
 * aligned block of 2^m points holds one point in each interval [j / 2^m, (j + 1) / 2^m) of every
 * dimension (and the projections are nets), and each point on its own is uniform over the scrambles.
 *
 * @param dimension - which coordinate, 0 to `SOBOL_MAX_DIMENSIONS - 1`; the low dimensions are the
 *   best distributed, so the most important inputs should have them
 * @param first - the index of the first point, 0 to 2^32 - `out.length`
 * @param scramble - four uint32 words choosing the scramble (a different scramble for each replicate)
 * @param out - the array to fill, one point per element
 * @returns `out`
 * @throws {@link SalvoError} `INVALID_PARAMETER` when `dimension` is not an integer below
 *   `SOBOL_MAX_DIMENSIONS`, `first` not a non-negative integer, `first + out.length` above 2^32,
 *   `scramble` not a Uint32Array of 4 words or `out` not a Float64Array.
 *
 * @example
 * ```ts
 * import { fillSobol } from 'salvo';
 * const scramble = new Uint32Array([2024, 7, 0, 1]);
 * const points = fillSobol(0, 0, scramble, new Float64Array(8));
 * // One point in each eighth of (0, 1):
 * Array.from(points, (u) => Math.floor(u * 8)).sort(); // => [0, 1, 2, 3, 4, 5, 6, 7]
 * // Points are addressed by index: the same values from pieces.
 * fillSobol(0, 5, scramble, new Float64Array(3))[0] === points[5]; // => true
 * ```
 */
export function fillSobol(
  dimension: number,
  first: number,
  scramble: Uint32Array,
  out: Float64Array,
): Float64Array {
  checkArguments(dimension, first, scramble, out, WHERE, 'Float64Array');
  const n = out.length;
  if (n === 0) return out;
  const base = reversedDirectionsAt(dimension);
  const seed = dimensionKey(scramble, dimension, 0);
  const lowKey = dimensionKey(scramble, dimension, 1);
  scrambledPoints(base, reversedCoordinate(base, first), first | 0, seed, lowKey, out);
  return out;
}

/**
 * The unscrambled Sobol sequence as 32-bit integers: `out[k]` is coordinate `dimension` of point
 * `first + k` times 2^32, in the same Gray-code order as scipy's `qmc.Sobol(scramble=False, bits=32)`.
 * For tests. @internal
 */
export function fillUnscrambledSobol(
  dimension: number,
  first: number,
  out: Uint32Array,
): Uint32Array {
  checkArguments(dimension, first, undefined, out, 'fillUnscrambledSobol', 'Uint32Array');
  const n = out.length;
  if (n === 0) return out;
  const base = reversedDirectionsAt(dimension);
  let reversed = reversedCoordinate(base, first);
  let index = first | 0;
  for (let k = 0; ; ) {
    out[k] = reverseBits(reversed);
    if (++k === n) break;
    index = (index + 1) | 0;
    reversed ^= REVERSED_DIRECTIONS[base + 31 - Math.clz32(index & -index)];
  }
  return out;
}
