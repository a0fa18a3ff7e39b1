/**
 * Order statistics without a full sort: Floyd–Rivest selection, a multiple-selection driver that
 * places several requested ranks at once, and histogram (radix) selection for large arrays, on the
 * order-preserving keys of orderKey.ts. The quantiles of kept samples (quantiles.ts) choose among
 * these by the crossovers below, and the exact trackers of unkept model nodes (src/model/exact.ts)
 * finish with `selectRanks`. Shared within the library; not part of the public API.
 *
 * Reference: R. W. Floyd and R. L. Rivest, "Algorithm 489: The algorithm SELECT — for finding the ith
 * smallest of n elements", Communications of the ACM 18(3), 1975. The loop below is the compact form
 * used by d3-array's `quickselect`, specialised to `Float64Array` so that V8 compiles one monomorphic loop
 * with inline `<`/`>` (no comparator call per element).
 *
 * Floyd–Rivest inputs must hold no NaN (callers copy only the finite values into a scratch buffer
 * first): NaN compares false both ways and would break the partition invariant. `-0` and `+0` compare
 * equal, so which of the two lands on a rank is unspecified.
 *
 * Histogram selection (below) finds the ranks of a large array in two passes and no copy of it. The
 * strategy for each size and number of ranks follows from the crossovers measured by
 * `npx tsx benchmarks/quantiles.ts` (tables in docs/performance.md, "Design decisions and their
 * measurements", Sample vectors): histogram selection from 4,096 finite values up to m/16 ranks, and
 * otherwise a sort beyond m/64 ranks and copy+select below.
 * @internal
 * @module
 */
import { bucketShift, HIGH_WORD, highKey, MAX_BUCKETS } from './orderKey.js';

/**
 * Rearranges `a[left..right]` (inclusive) so that `a[k]` holds the value of rank `k` within that range,
 * every element of `[left, k)` is `<= a[k]` and every element of `(k, right]` is `>= a[k]`.
 *
 * Introselect-style guard: Floyd–Rivest shrinks the range geometrically on every input we know of, but it
 * has no worst-case bound; after `limit` partition rounds without finishing, the remaining range is
 * sorted (V8's typed-array sort is O(n log n)), so the worst case is O(n log n).
 */
export function select(a: Float64Array, k: number, left: number, right: number): void {
  let rounds = 0;
  const limit = 8 + 2 * Math.ceil(Math.log2(right - left + 2));
  while (right > left) {
    if (++rounds > limit) {
      a.subarray(left, right + 1).sort();
      return;
    }
    if (right - left > 600) {
      // Recursively select on a small sample window around k, so that the pivot below lands close to
      // rank k and the next partition discards almost all of the range.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      select(a, k, newLeft, newRight);
    }
    const t = a[k];
    let i = left;
    let j = right;
    a[k] = a[left];
    a[left] = t;
    if (a[right] > t) {
      a[left] = a[right];
      a[right] = t;
    }
    while (i < j) {
      const swap = a[i];
      a[i] = a[j];
      a[j] = swap;
      i++;
      j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[left] === t) {
      const swap = a[left];
      a[left] = a[j];
      a[j] = swap;
    } else {
      j++;
      const swap = a[j];
      a[j] = a[right];
      a[right] = swap;
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

/** Moves the smallest element of `a[left..right]` to `a[left]` (one pass, no partition). */
function placeMin(a: Float64Array, left: number, right: number): void {
  let at = left;
  let best = a[left];
  for (let i = left + 1; i <= right; i++) {
    const x = a[i];
    if (x < best) {
      best = x;
      at = i;
    }
  }
  a[at] = a[left];
  a[left] = best;
}

/** Moves the largest element of `a[left..right]` to `a[right]`. */
function placeMax(a: Float64Array, left: number, right: number): void {
  let at = right;
  let best = a[right];
  for (let i = left; i < right; i++) {
    const x = a[i];
    if (x > best) {
      best = x;
      at = i;
    }
  }
  a[at] = a[right];
  a[right] = best;
}

/**
 * Places every rank in `ranks[from..to]` (strictly increasing, inside `[left, right]`) at its sorted
 * position. Selects the middle requested rank first and recurses into the two halves, so each later
 * selection works on a range bounded by ranks already placed: about n·log2(q) work for q ranks. A rank at
 * the edge of its range (the `lo + 1` neighbour of a type-7 quantile, typically) costs one min/max scan.
 */
function multiselect(
  a: Float64Array,
  ranks: Int32Array,
  from: number,
  to: number,
  left: number,
  right: number,
): void {
  while (from <= to) {
    const mid = (from + to) >>> 1;
    const k = ranks[mid];
    if (k === left) placeMin(a, left, right);
    else if (k === right) placeMax(a, left, right);
    else select(a, k, left, right);
    // Recurse into the smaller side of the rank list, loop on the other (bounded stack depth).
    if (mid - from < to - mid) {
      multiselect(a, ranks, from, mid - 1, left, k - 1);
      from = mid + 1;
      left = k + 1;
    } else {
      multiselect(a, ranks, mid + 1, to, k + 1, right);
      to = mid - 1;
      right = k - 1;
    }
  }
}

/**
 * Rearranges `a` so that for every rank `r` in `ranks` (strictly increasing, each in `[0, a.length)`),
 * `a[r]` holds the value a full ascending sort would put there.
 */
export function selectRanks(a: Float64Array, ranks: Int32Array): void {
  if (ranks.length > 0) multiselect(a, ranks, 0, ranks.length - 1, 0, a.length - 1);
}

// ---------------------------------------------------------------------------------------------------
// Histogram selection: two passes over the data, no copy of it

/**
 * The values of rank `ranks[i]` (strictly increasing, in `[0, m)`) among the `m` finite values of `v`,
 * whose smallest and largest are `min` and `max`: a radix selection on the order-preserving key of
 * each value's high word (sign, exponent and the top 20 bits of the mantissa).
 *
 * 1. One pass counts the values per bucket of keys — up to 65,536 buckets spread over the keys from
 *    `min` to `max`, so a bucket spans a tiny relative range of values (1/8192 of a binade for data
 *    spread over eight binades) and holds few of them. NaN and ±Infinity fall outside and are skipped.
 * 2. Running totals of the counts say which bucket holds each rank, and its rank within the bucket.
 * 3. A second pass copies the values of those buckets only; selection inside the copies finishes.
 *
 * The passes are branch-free but for the rare copy, and nothing is sampled, so it never misses. Its
 * cost grows with the number of ranks (the copies and the selections inside them; measured in
 * docs/performance.md, "Design decisions and their measurements"). When most values share a bucket (data
 * whose spread is far below the span from `min` to `max`, or below one part in a million), it copies
 * them and costs about what selection on a full copy costs.
 */
export function histogramRanks(
  v: Float64Array,
  ranks: Int32Array,
  min: number,
  max: number,
): Float64Array {
  if (min === max) return new Float64Array(ranks.length).fill(min);
  return ranksInBuckets(v, bucketCounts(v, min, max), ranks);
}

/**
 * How many finite values of an array fall in each bucket of keys (step 1 of {@link histogramRanks}),
 * with the bucketing: bucket `(key >> shift) - base` for keys in `[keyMin, keyMax]`. Kept by a caller
 * that asks for more ranks of the same array later ({@link ranksInBuckets} then makes one pass, not two).
 */
export interface BucketCounts {
  readonly counts: Int32Array;
  readonly shift: number;
  readonly base: number;
  readonly keyMin: number;
  readonly keyMax: number;
}

/**
 * Step 1 of {@link histogramRanks}: one pass that counts the finite values of `v` (smallest `min`,
 * largest `max`, with `min < max`) per bucket of keys.
 */
export function bucketCounts(v: Float64Array, min: number, max: number): BucketCounts {
  const n = v.length;
  const words = new Int32Array(v.buffer, v.byteOffset, 2 * n);
  const high = HIGH_WORD;
  const keyMin = highKey(min);
  const keyMax = highKey(max);
  // Fewer buckets for fewer values: zeroing the counts must not cost more than the passes.
  const bucketLimit = Math.min(MAX_BUCKETS, Math.max(64, n >>> 3));
  const shift = bucketShift(keyMin, keyMax, bucketLimit);
  const base = keyMin >> shift;
  const counts = new Int32Array((keyMax >> shift) - base + 1);
  // Finite values only: other keys are outside [keyMin, keyMax].
  for (let i = high; i < 2 * n; i += 2) {
    const hi = words[i];
    const key = hi ^ ((hi >> 31) & 0x7fffffff);
    if (key >= keyMin && key <= keyMax) counts[(key >> shift) - base]++;
  }
  return { counts, shift, base, keyMin, keyMax };
}

/**
 * Steps 2 and 3 of {@link histogramRanks}: the values of rank `ranks[i]` (strictly increasing) among
 * the finite values of `v`, whose counts per bucket are `buckets` ({@link bucketCounts} of the same
 * `v`, which this leaves unchanged): one pass that copies the values of the buckets holding a rank,
 * and selection inside the copies.
 */
export function ranksInBuckets(
  v: Float64Array,
  buckets: BucketCounts,
  ranks: Int32Array,
): Float64Array {
  const { counts, shift, base, keyMin, keyMax } = buckets;
  const q = ranks.length;
  const out = new Float64Array(q);
  const n = v.length;
  const words = new Int32Array(v.buffer, v.byteOffset, 2 * n);
  const high = HIGH_WORD;

  // 2. The bucket of each rank, and the number of finite values in the buckets below it. Buckets
  //    holding a rank get consecutive slots in one scratch array, numbered in `slotOf` (-1: none).
  const bucketOfRank = new Int32Array(q);
  const belowRank = new Float64Array(q);
  const slotStart: number[] = [0];
  const slotBuckets: number[] = [];
  let bucket = 0;
  let below = 0;
  for (let r = 0; r < q; r++) {
    while (below + counts[bucket] <= ranks[r]) below += counts[bucket++];
    bucketOfRank[r] = bucket;
    belowRank[r] = below;
    if (slotBuckets[slotBuckets.length - 1] !== bucket) {
      slotBuckets.push(bucket);
      slotStart.push(slotStart[slotStart.length - 1] + counts[bucket]);
    }
  }

  // 3. Copy the values of those buckets; select inside each copy.
  const copies = new Float64Array(slotStart[slotStart.length - 1]);
  const fill = Int32Array.from(slotStart);
  const first = slotBuckets[0];
  const last = slotBuckets[slotBuckets.length - 1];
  if (last - first === slotBuckets.length - 1) {
    // Consecutive buckets (one quantile's two ranks, typically): their keys form one range, and a
    // bucket's slot is its distance from the first; the pass compares each key with the range only.
    const lo = Math.max(keyMin, (first + base) * 2 ** shift);
    const hi = Math.min(keyMax, (last + base + 1) * 2 ** shift - 1);
    copyKeyRange(v, lo | 0, hi | 0, shift, first + base, copies, fill);
  } else {
    const slotOf = new Int32Array(counts.length).fill(-1);
    for (let s = 0; s < slotBuckets.length; s++) slotOf[slotBuckets[s]] = s;
    for (let i = 0; i < n; i++) {
      const word = words[2 * i + high];
      const key = word ^ ((word >> 31) & 0x7fffffff);
      if (key >= keyMin && key <= keyMax) {
        const slot = slotOf[(key >> shift) - base];
        if (slot >= 0) copies[fill[slot]++] = v[i];
      }
    }
  }
  let r = 0;
  for (let s = 0; s < slotBuckets.length; s++) {
    const first = r;
    while (r < q && bucketOfRank[r] === slotBuckets[s]) r++;
    const local = new Int32Array(r - first);
    for (let k = first; k < r; k++) local[k - first] = ranks[k] - belowRank[k];
    const copy = copies.subarray(slotStart[s], slotStart[s + 1]);
    selectRanks(copy, local);
    for (let k = first; k < r; k++) out[k] = copy[local[k - first]];
  }
  return out;
}

/**
 * Copies the values of `v` whose keys are in `[lo, hi]` (the keys of consecutive buckets, the first
 * numbered `firstShifted` = its `key >> shift`) to `copies`, each at its bucket's cursor in `fill`.
 */
function copyKeyRange(
  v: Float64Array,
  lo: number,
  hi: number,
  shift: number,
  firstShifted: number,
  copies: Float64Array,
  fill: Int32Array,
): void {
  const n = v.length;
  const words = new Int32Array(v.buffer, v.byteOffset, 2 * n);
  const high = HIGH_WORD;
  // One unsigned comparison instead of two signed ones: the first of those would go either way at
  // random for a range in the middle of the data, and mispredict half the time.
  const width = hi - lo;
  for (let i = 0; i < n; i++) {
    const word = words[2 * i + high];
    const key = word ^ ((word >> 31) & 0x7fffffff);
    if ((key - lo) >>> 0 <= width) copies[fill[(key >> shift) - firstShifted]++] = v[i];
  }
}
