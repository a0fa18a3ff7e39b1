/**
 * The order-preserving key of a double, and the buckets of keys that values are counted in. Histogram
 * selection (`histogramRanks` in select.ts) and the exact trackers of unkept model nodes
 * (src/model/exact.ts) both count values in these buckets, so that a rank located by counts is found
 * among the values of a few buckets. Shared within the library; not part of the public API.
 *
 * The key is read from a value's high 32-bit word (sign, exponent and the top 20 bits of the
 * mantissa). Read as a signed integer, that word increases with the value for positive values and
 * decreases with it for negative ones; flipping the 31 bits below the sign of negative words,
 * `word ^ ((word >> 31) & 0x7fffffff)`, gives a key that never decreases as the value increases. Values
 * that share a high word share a key, `-0` sorts just below `0`, and the keys of ±Infinity and NaN lie
 * outside those of every finite value. Hot loops compute it inline on an `Int32Array` view of the
 * values' buffer, at index `2 * i + HIGH_WORD` (copied to a local first: an imported binding read
 * inside a loop costs more under tsx, docs/architecture.md); {@link highKey} is the same arithmetic
 * for one number.
 *
 * A bucket holds `2^shift` consecutive keys: bucket `(key >> shift) - (keyMin >> shift)`, shifted
 * before the subtraction so that the arithmetic stays in 32-bit integers; {@link bucketShift} gives
 * the smallest shift that fits a range of keys in a number of buckets.
 * @internal
 * @module
 */

/** Index, within a value's two 32-bit words, of the one holding its sign and exponent. */
export const HIGH_WORD = new Int32Array(Float64Array.of(-1).buffer)[1] < 0 ? 1 : 0;

const keyScratch = new Float64Array(1);
const keyScratchWords = new Int32Array(keyScratch.buffer);

/**
 * An integer key of `x`'s high 32-bit word that orders like the numbers themselves: finite values'
 * keys never decrease as the values increase (values that share a high word share a key, and -0 sorts
 * just below 0). The keys of ±Infinity and NaN lie outside those of every finite value.
 */
export function highKey(x: number): number {
  keyScratch[0] = x;
  const hi = keyScratchWords[HIGH_WORD];
  return hi ^ ((hi >> 31) & 0x7fffffff);
}

/**
 * At most this many buckets (256 KiB of counts, small enough to stay in a core's L2 cache; in the
 * exact trackers, per node and thread).
 */
export const MAX_BUCKETS = 65_536;

/**
 * The smallest `shift` for which the keys from `keyMin` to `keyMax` fall in at most `limit` buckets of
 * `2^shift` keys: `(keyMax >> shift) - (keyMin >> shift) < limit`. `limit` must be at least 2 (keys of
 * both signs need two buckets even at a shift of 31).
 */
export function bucketShift(keyMin: number, keyMax: number, limit: number): number {
  let shift = 0;
  while ((keyMax >> shift) - (keyMin >> shift) >= limit) shift++;
  return shift;
}
