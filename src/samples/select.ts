/**
 * Order statistics without a full sort: Floyd–Rivest selection, and a multiple-selection driver that
 * places several requested ranks at once. Internal to `src/samples`.
 *
 * Reference: R. W. Floyd and R. L. Rivest, "Algorithm 489: The algorithm SELECT — for finding the ith
 * smallest of n elements", Communications of the ACM 18(3), 1975. The loop below is the compact form
 * used by d3-array's `quickselect`, specialised to `Float64Array` so that V8 compiles one monomorphic loop
 * with inline `<`/`>` (no comparator call per element).
 *
 * Inputs must hold no NaN (callers copy only the finite values into a scratch buffer first): NaN compares
 * false both ways and would break the partition invariant. `-0` and `+0` compare equal, so which of the
 * two lands on a rank is unspecified.
 *
 * Measurements behind the strategy in summary.ts (Node 20.x, x64, 2 shared cores, normal samples,
 * best-of CPU milliseconds; "copy+select" includes the fresh copy, whose page faults cost ~25 ms per
 * million values on the measuring machine; q quantiles spread over [0.01, 0.99] need up to 2q ranks):
 *
 * | n    | sort | q=1 copy+select / sampled | q=3        | q=5        | q=10       | q=20       | q=50      |
 * |------|------|---------------------------|------------|------------|------------|------------|-----------|
 * | 1e5  | 9.6  | 3.5 / 0.6                 | 1.5 / 1.0  | 2.0 / 1.6  | 3.0 / 3.6  | 3.8 / 5.6  | 4.9 / 5.5 |
 * | 1e6  | 139  | 35 / 3.4                  | 32 / 6.8   | 46 / 12    | 50 / 28    | 60 / 53    | 68 / 53   |
 * | 1e7  | 1625 | 346 / 78                  | 354 / 70   | 425 / 121  | 480 / 225  | 538 / 513  | 679 / 748 |
 *
 * Sort against copy+select for many ranks: n = 1e5, 2,000 ranks: 9.9 vs 11.6; n = 1e6, 20,000 ranks:
 * 140 vs 133, 60,000 ranks: 140 vs 170; n = 1e7, 20,000 ranks: 1633 vs 1316. Hence: sampled selection
 * up to 8 groups of ranks (from 65,536 values), a sort beyond m/64 ranks, copy+select in between.
 * For comparison, numpy 2.4.6's `np.quantile` of 3 quantiles of 1e7 values took ~190 ms of CPU.
 * @internal
 * @module
 */

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
// Sampled multiple selection: one pass, no full copy

/**
 * Positions of the sampled values: a fixed xorshift32 sequence scaled to [0, n). Deterministic, so a
 * quantile costs the same on every call; the result never depends on it, only the speed does.
 * @internal exported for tests
 */
export function samplePositions(n: number, count: number): Uint32Array {
  const out = new Uint32Array(count);
  let s = 0x9e3779b9 | 0;
  for (let i = 0; i < count; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = Math.floor(((s >>> 0) / 4294967296) * n);
  }
  return out;
}

/** Standard deviations of slack around each sampled window: a miss (and a fallback) has p < 1e-6. */
const WINDOW_Z = 5;

/** Result of one {@link scanWindow} pass. */
interface WindowScan {
  /** Values `< lo`, counting -Infinity. */
  below: number;
  /** Finite values in `[lo, hi]`. */
  inside: number;
  /** Those values (only when `lo < hi`; a degenerate window only counts). */
  values: Float64Array;
}

/**
 * One pass over `v` for the window `[lo, hi]` (finite bounds): counts values below and copies the finite
 * values inside. The two comparisons are data-dependent coin flips that a branch predictor would miss,
 * so they are counted branch-free (`+(x < lo)`); values inside are rare, so the branch that copies them
 * is well predicted. Measured: one such pass costs ~1.5 plain summation passes, while testing several
 * windows per element with array-held bounds and counters costs ~10.
 */
function scanWindow(v: Float64Array, lo: number, hi: number, capacity: number): WindowScan {
  const n = v.length;
  const store = lo < hi;
  let buf = new Float64Array(store ? capacity : 0);
  let below = 0;
  let inside = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    const a = +(x < lo);
    const b = +(x > hi);
    below += a;
    if ((a | b) === 0 && x - x === 0) {
      // Inside the window (NaN also lands here: it is neither below nor above, and is skipped).
      if (store) {
        if (inside === buf.length) {
          const grown = new Float64Array(Math.max(16, 2 * buf.length));
          grown.set(buf);
          buf = grown;
        }
        buf[inside] = x;
      }
      inside++;
    }
  }
  return { below, inside, values: buf.subarray(0, store ? inside : 0) };
}

/** Up to this many windows share one pass of {@link scanFiveWindows}. */
const FUSED_WINDOWS = 5;

/**
 * {@link scanWindow} for up to five disjoint, ascending windows at once, over values that are all
 * finite (a NaN would count as below every window). Each value's position among the ten window ends
 * is counted branch-free into a small histogram; a value inside a window (an odd position) is copied.
 * Unused windows are empty ranges above every finite value. Measured with `BENCH_SAMPLES=1e7 node
 * benchmarks/thread-probe.mjs single-kept`, alternating fresh processes of this build and the one
 * before it (2026-11-27): the reference workload's report (two summaries of 1e7 values, five windows
 * each) took 27–30 ns per sample against 31–35.
 */
function scanFiveWindows(
  v: Float64Array,
  lows: readonly number[],
  highs: readonly number[],
  capacities: readonly number[],
): WindowScan[] {
  const end = (k: number, ends: readonly number[]): number =>
    k < ends.length ? ends[k] : Number.POSITIVE_INFINITY;
  const l0 = end(0, lows);
  const h0 = end(0, highs);
  const l1 = end(1, lows);
  const h1 = end(1, highs);
  const l2 = end(2, lows);
  const h2 = end(2, highs);
  const l3 = end(3, lows);
  const h3 = end(3, highs);
  const l4 = end(4, lows);
  const h4 = end(4, highs);
  const windows = lows.length;
  const counts = new Float64Array(2 * FUSED_WINDOWS + 1);
  const buffers = lows.map((lo, w) => new Float64Array(lo < highs[w] ? capacities[w] : 0));
  const fills = new Int32Array(FUSED_WINDOWS);
  const n = v.length;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    const k =
      +(x >= l0) +
      +(x > h0) +
      +(x >= l1) +
      +(x > h1) +
      +(x >= l2) +
      +(x > h2) +
      +(x >= l3) +
      +(x > h3) +
      +(x >= l4) +
      +(x > h4);
    counts[k]++;
    if ((k & 1) === 1) {
      const w = k >> 1;
      let buffer = buffers[w];
      if (fills[w] === buffer.length) {
        if (lows[w] === highs[w]) continue; // a degenerate window only counts
        const grown = new Float64Array(Math.max(16, 2 * buffer.length));
        grown.set(buffer);
        buffer = grown;
        buffers[w] = buffer;
      }
      buffer[fills[w]++] = x;
    }
  }
  const scans: WindowScan[] = [];
  let below = 0;
  for (let w = 0; w < windows; w++) {
    below += counts[2 * w];
    const inside = counts[2 * w + 1];
    scans.push({ below, inside, values: buffers[w].subarray(0, lows[w] < highs[w] ? inside : 0) });
    below += inside;
  }
  return scans;
}

/**
 * The values of rank `ranks[i]` (strictly increasing) among the `m` finite values of `v`, without
 * copying `v`: a sorted random sample of `sampleSize` values brackets each rank by a narrow value window
 * (Floyd–Rivest's idea applied to all ranks at once); one pass per window counts the values below it and
 * copies the few inside; selection inside those small copies finishes the job. Exact whatever the
 * sample: when a rank falls outside its window (probability below 1e-6 per window) it returns
 * `undefined` and the caller falls back to selection on a full copy — as it does when the merged
 * windows number more than `maxWindows`.
 * @param negInfinite - how many values of `v` are -Infinity (they count as "below" every window)
 */
export function sampledRanks(
  v: Float64Array,
  m: number,
  negInfinite: number,
  ranks: Int32Array,
  sampleSize: number,
  maxWindows = Number.POSITIVE_INFINITY,
): Float64Array | undefined {
  const n = v.length;
  // 1. Sample finite values (with replacement) and sort the sample.
  const pos = samplePositions(n, sampleSize * 2);
  const sample = new Float64Array(sampleSize);
  let s = 0;
  for (let i = 0; i < pos.length && s < sampleSize; i++) {
    const x = v[pos[i]];
    if (x - x === 0) sample[s++] = x;
  }
  if (s < sampleSize) return undefined;
  sample.sort();

  // 2. A value window [lo, hi] per rank, merged where windows overlap. Open ends become ±MAX_VALUE so
  //    that ±Infinity always count as below/above and every finite value can be inside.
  const q = ranks.length;
  const lows: number[] = [];
  const highs: number[] = [];
  const owner = new Int32Array(q);
  for (let i = 0; i < q; i++) {
    const p = (ranks[i] + 0.5) / m;
    const centre = p * s;
    const slack = WINDOW_Z * Math.sqrt(s * p * (1 - p)) + 2;
    const loIndex = Math.floor(centre - slack);
    const hiIndex = Math.ceil(centre + slack);
    const lo = loIndex < 0 ? -Number.MAX_VALUE : sample[loIndex];
    const hi = hiIndex >= s ? Number.MAX_VALUE : sample[hiIndex];
    const w = lows.length;
    if (w > 0 && lo <= highs[w - 1]) {
      if (hi > highs[w - 1]) highs[w - 1] = hi;
      owner[i] = w - 1;
    } else {
      lows.push(lo);
      highs.push(hi);
      owner[i] = w;
    }
  }

  // Too many separate windows: a pass per window would cost more than selecting on a copy.
  if (lows.length > maxWindows) return undefined;

  // 3. One pass per window (or one pass for up to five, when every value is finite); check that each
  //    rank fell inside its window; select inside the copy.
  const capacities = lows.map((lo, w) => {
    let inSample = 0;
    for (let j = 0; j < s; j++) if (sample[j] >= lo && sample[j] <= highs[w]) inSample++;
    return Math.min(m, Math.ceil((2 * (inSample + 4) * m) / s) + 1024);
  });
  const fused =
    m === n && lows.length <= FUSED_WINDOWS
      ? scanFiveWindows(v, lows, highs, capacities)
      : undefined;
  const out = new Float64Array(q);
  let i = 0;
  for (let w = 0; w < lows.length; w++) {
    const scan = fused?.[w] ?? scanWindow(v, lows[w], highs[w], capacities[w]);
    const offset = scan.below - negInfinite;
    const first = i;
    while (i < q && owner[i] === w) i++;
    for (let r = first; r < i; r++) {
      if (ranks[r] < offset || ranks[r] >= offset + scan.inside) return undefined;
    }
    if (lows[w] === highs[w]) {
      for (let r = first; r < i; r++) out[r] = lows[w];
    } else {
      const local = new Int32Array(i - first);
      for (let r = first; r < i; r++) local[r - first] = ranks[r] - offset;
      selectRanks(scan.values, local);
      for (let r = first; r < i; r++) out[r] = scan.values[ranks[r] - offset];
    }
  }
  return out;
}
