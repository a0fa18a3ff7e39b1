/**
 * Exact quantiles and probabilities of nodes whose samples are not kept (`exactQuantiles` and
 * `thresholds` in a run's options).
 *
 * Quantiles. A pilot — the run's first samples, a function of the seed like every sample — says
 * roughly where each wanted quantile lies. Every finite value of the node is counted in one of up
 * to 65,536 buckets of the order-preserving key of its high word (as histogram selection keys them,
 * src/samples/select.ts), spread over the pilot's range; around each wanted quantile, a *window* of
 * buckets wide enough to hold the run's quantile with near certainty (seven standard errors of the
 * pilot's estimate, in probability) also has its values stored — a few percent of the samples. At
 * the end, the counts say which buckets hold the wanted order statistics and at which rank;
 * selection among the values of those buckets gives the same value a sort of all the samples would.
 * Across threads, only the counts are merged, and each thread then sends the values of those few
 * buckets. When a rank falls outside every window (a pilot off by seven standard errors: about 3 in
 * 10¹² per window by the normal approximation) or a window held more values than it was given room
 * for, the tracker says it cannot answer and the run falls back to its sketch — which one happens
 * is decided by the seed, the model and the sample count alone, never by the block size or the
 * number of workers, because the windows are fixed before the run and counts add up in any order.
 *
 * Thresholds. For each threshold t of a node, the run counts the finite values `< t` and `== t`; every
 * comparison with t follows from those two counts.
 * @internal
 * @module
 */
import { bucketShift, HIGH_WORD, highKey, MAX_BUCKETS } from '../samples/orderKey.js';
import type { ComparisonOp } from '../samples/probability.js';
import { quantiles } from '../samples/quantiles.js';
import { selectRanks } from '../samples/select.js';
import { invalidParameter, show } from '../validate.js';
import { allocateFloat64 } from './allocate.js';
import type { KnownQuantiles } from './knownQuantiles.js';

/** Standard errors of the pilot's quantile estimate that a window spans on each side. */
const WINDOW_STANDARD_ERRORS = 7;

/**
 * Extra room, in pilot samples, on each side of a window: the normal approximation of the binomial is
 * poor for the few samples of far tails.
 */
const WINDOW_SLACK_SAMPLES = 4;

/** Room for a window's values: this many times the count the pilot predicts, plus a few. */
const CAPACITY_FACTOR = 1.5;
const CAPACITY_SLACK = 4096;

/** Pilot length: 1/64 of the run, between these bounds (and never more than the run). */
const PILOT_MIN = 2 ** 17;
const PILOT_MAX = 2 ** 22;

/** The number of samples the pilot of a run of `total` samples draws (a multiple of `segment`). */
export function pilotLength(total: number, segment: number): number {
  const wanted = Math.min(
    PILOT_MAX,
    Math.max(PILOT_MIN, Math.ceil(total / 64 / segment) * segment),
  );
  return Math.min(total, wanted);
}

/**
 * What one node tracks, as data (it travels to worker threads). Values are placed in buckets of the
 * order-preserving key of their high word (as in histogram selection, src/samples/select.ts):
 * `2^shift` keys per bucket, from the bucket of `keyMin` up; values beyond either end go to the end
 * buckets. A window is a run of whole buckets.
 *
 * A bucket is `(key >> shift) - (keyMin >> shift)`: keys are shifted before the subtraction so that
 * the loop's arithmetic stays in 32-bit integers.
 */
export interface ExactPlan {
  readonly keyMin: number;
  readonly shift: number;
  /** Number of buckets (0 when the node has no windows). */
  readonly buckets: number;
  /** Per window (sorted, disjoint), its first and last bucket. */
  readonly first: readonly number[];
  readonly last: readonly number[];
  /** Per window, how many values it may hold before it gives up. */
  readonly capacity: readonly number[];
  readonly thresholds: readonly number[];
}

/** The plan of a node without windows. */
export const NO_WINDOWS: Omit<ExactPlan, 'thresholds'> = Object.freeze({
  keyMin: 0,
  shift: 0,
  buckets: 0,
  first: [],
  last: [],
  capacity: [],
});

/** The bucket of finite `x` under `plan` (the arithmetic of the loop in `addToBuckets`). */
function bucketOf(plan: Pick<ExactPlan, 'keyMin' | 'shift' | 'buckets'>, x: number): number {
  const b = (highKey(x) >> plan.shift) - (plan.keyMin >> plan.shift);
  return b < 0 ? 0 : Math.min(plan.buckets - 1, b);
}

/**
 * Buckets and windows around the quantiles at `levels` of values distributed like `pilot` (a node's
 * first samples), for a run of `total` samples; the windows of nearby levels are merged.
 */
export function planWindows(
  pilot: Float64Array,
  levels: readonly number[],
  total: number,
): Omit<ExactPlan, 'thresholds'> {
  let n = 0;
  const finite = new Float64Array(pilot.length);
  for (let i = 0; i < pilot.length; i++) if (pilot[i] - pilot[i] === 0) finite[n++] = pilot[i];
  const sample = finite.subarray(0, n);
  const inner = levels.filter((p) => p > 0 && p < 1); // levels 0 and 1 are the min and max
  if (n === 0 || inner.length === 0) return NO_WINDOWS;
  const ps: number[] = [0, 1];
  const margins: { pLo: number; pHi: number }[] = [];
  for (const p of [...inner].sort((a, b) => a - b)) {
    const margin = WINDOW_STANDARD_ERRORS * Math.sqrt((p * (1 - p)) / n) + WINDOW_SLACK_SAMPLES / n;
    const pLo = Math.max(0, p - margin);
    const pHi = Math.min(1, p + margin);
    margins.push({ pLo, pHi });
    ps.push(pLo, pHi);
  }
  const values = quantiles(sample, ps);
  const keyMin = highKey(values[0]);
  const keyMax = highKey(values[1]);
  const shift = bucketShift(keyMin, keyMax, MAX_BUCKETS);
  const buckets = (keyMax >> shift) - (keyMin >> shift) + 1;
  const grid = { keyMin, shift, buckets };
  const first: number[] = [];
  const last: number[] = [];
  margins.forEach((m, i) => {
    // -0 and 0 are equal but have different keys: a window from zero starts at -0's bucket, and one
    // to zero ends at 0's.
    const lo = values[2 + 2 * i];
    const hi = values[3 + 2 * i];
    const from = m.pLo === 0 ? 0 : bucketOf(grid, lo === 0 ? -0 : lo);
    const to = m.pHi === 1 ? buckets - 1 : bucketOf(grid, hi === 0 ? 0 : hi);
    const w = first.length - 1;
    if (w >= 0 && from <= last[w] + 1) last[w] = Math.max(last[w], to);
    else {
      first.push(from);
      last.push(to);
    }
  });
  // Room for each window's values: what the pilot's share of them predicts, with a margin.
  const counter = new ExactTracker({ ...NO_WINDOWS, ...grid, thresholds: [] });
  counter.addAll(sample);
  const perBucket = counter.bucketCounts;
  const capacity = first.map((from, w) => {
    let inside = 0;
    for (let b = from; b <= last[w]; b++) inside += perBucket[b];
    return Math.ceil(CAPACITY_FACTOR * (inside / n) * total) + CAPACITY_SLACK;
  });
  return { ...grid, first, last, capacity };
}

/** A tracker's counts as data (for messages between threads): everything but the stored values. */
export interface ExactCounts {
  readonly counts: Int32Array;
  readonly seen: readonly number[];
  readonly less: readonly number[];
  readonly equal: readonly number[];
}

/**
 * Counts and collects one node's values against its {@link ExactPlan} during a run; answers exact
 * order statistics and comparison counts at the end. Non-finite values are skipped: ranks and counts
 * are among the finite values.
 *
 * Split across threads, each thread's tracker keeps its own stored values; the counts alone are
 * merged ({@link ExactTracker.mergeCounts}). The merged counts say which buckets hold the wanted
 * ranks ({@link ExactTracker.locate}); each thread then sends only the values of those buckets
 * ({@link ExactTracker.collect}), hundreds per bucket, and {@link selectLocated} finishes.
 */
export class ExactTracker {
  readonly plan: ExactPlan;
  /** Finite values per bucket (int32: exactQuantiles runs are shorter than 2³¹ samples). */
  private readonly counts: Int32Array;
  /** The finite values counted per bucket (the tracker's own array: do not modify). */
  get bucketCounts(): Int32Array {
    return this.counts;
  }
  /** Per bucket, 0 or 1 + the index of the window that holds it. */
  private readonly windowOf: Uint16Array;
  private stored: Float64Array[];
  /** The node's exact quantiles at the summary's levels, once the run has found them. */
  known: KnownQuantiles | undefined;
  /** Per window, the values this tracker saw inside it (stored up to its capacity). */
  private readonly seen: Int32Array;
  /** Per window, the values other parts of the run saw inside it (merged counts). */
  private readonly seenElsewhere: Float64Array;
  private readonly less: Float64Array;
  private readonly equal: Float64Array;

  /**
   * @param where - the caller, named in an `OUT_OF_MEMORY` error
   * @param storeValues - false for a tracker that only counts (a partial run's first pass: its values
   *   are gathered by a second pass, {@link BucketGatherer}); {@link ExactTracker.collect} then finds
   *   none
   */
  constructor(plan: ExactPlan, where = 'model.run', storeValues = true) {
    this.plan = plan;
    this.counts = new Int32Array(plan.buckets);
    this.windowOf = new Uint16Array(plan.buckets);
    for (let w = 0; w < plan.first.length; w++) {
      this.windowOf.fill(w + 1, plan.first[w], plan.last[w] + 1);
    }
    // Room for every value a window may hold, at once: the memory is touched (and becomes resident)
    // only as values arrive, and nothing is ever copied to grow.
    this.stored = plan.capacity.map((room) =>
      storeValues
        ? allocateFloat64(where, 'a window of exactQuantiles', room)
        : new Float64Array(0),
    );
    this.seen = new Int32Array(plan.first.length);
    this.seenElsewhere = new Float64Array(plan.first.length);
    this.less = new Float64Array(plan.thresholds.length);
    this.equal = new Float64Array(plan.thresholds.length);
  }

  /** Counts `values` in the buckets and against every threshold; stores the values inside windows. */
  addAll(values: Float64Array): void {
    if (this.plan.buckets > 0) this.addToBuckets(values);
    for (let t = 0; t < this.plan.thresholds.length; t++) this.countAgainst(values, t);
  }

  /**
   * One pass: each finite value's bucket from its high word (a shift and a subtraction, clamped to
   * the ends), its count, and — for the few percent in a window — a copy. The same work whatever the
   * number of windows; its cost, from a CPU profile of `node benchmarks/thread-probe.mjs single-exact`,
   * is in docs/performance.md ("Exact quantiles without keeping the outputs": the bucket counts).
   */
  private addToBuckets(values: Float64Array): void {
    const n = values.length;
    const words = new Int32Array(values.buffer, values.byteOffset, 2 * n);
    const high = HIGH_WORD;
    const counts = this.counts;
    const windowOf = this.windowOf;
    const shift = this.plan.shift;
    const base = this.plan.keyMin >> shift;
    const last = this.plan.buckets - 1;
    const stored = this.stored;
    const seen = this.seen;
    for (let i = 0; i < n; i++) {
      const x = values[i];
      if (x - x !== 0) continue; // NaN or ±Infinity: not ranked
      const word = words[2 * i + high];
      // Shifted before the subtraction, so that everything stays a 32-bit integer.
      let bucket = ((word ^ ((word >> 31) & 0x7fffffff)) >> shift) - base;
      if (bucket < 0) bucket = 0;
      else if (bucket > last) bucket = last;
      counts[bucket]++;
      const w = windowOf[bucket];
      if (w !== 0) {
        const k = seen[w - 1]++;
        const store = stored[w - 1];
        if (k < store.length) store[k] = x; // else the window overflowed: it only counts
      }
    }
  }

  /** Counts the finite values below and equal to threshold `t`. */
  private countAgainst(values: Float64Array, t: number): void {
    const threshold = this.plan.thresholds[t];
    const n = values.length;
    let less = 0;
    let equal = 0;
    for (let i = 0; i < n; i++) {
      const x = values[i];
      if (x - x !== 0) continue; // NaN or ±Infinity: not counted
      less += +(x < threshold);
      equal += +(x === threshold);
    }
    this.less[t] += less;
    this.equal[t] += equal;
  }

  /** Drops the stored values, once the run has found what it needed in them. */
  release(): void {
    this.stored = [];
  }

  /** The counts, as data (the stored values stay here). */
  toCounts(): ExactCounts {
    return {
      counts: this.counts.slice(),
      seen: [...this.seen],
      less: [...this.less],
      equal: [...this.equal],
    };
  }

  /** Adds the counts of another tracker of the same plan (another thread's part of the run). */
  mergeCounts(other: ExactCounts): void {
    if (other.counts.length !== this.counts.length || other.less.length !== this.less.length) {
      throw new Error('salvo: merging exact trackers of different plans');
    }
    for (let b = 0; b < this.counts.length; b++) this.counts[b] += other.counts[b];
    for (let w = 0; w < this.seen.length; w++) this.seenElsewhere[w] += other.seen[w];
    for (let t = 0; t < this.less.length; t++) {
      this.less[t] += other.less[t];
      this.equal[t] += other.equal[t];
    }
  }

  /**
   * Where the strictly increasing `ranks` (among the finite values, none the first or the last) lie:
   * the buckets that hold them, and each rank's position among the values of those buckets together.
   * Read from this tracker's counts — merged from every thread's. Undefined when a rank lies in a
   * bucket outside every window, or in a window that held more values than its room (some were not
   * stored).
   */
  locate(ranks: Int32Array): Located | undefined {
    const counts = this.counts;
    const windowOf = this.windowOf;
    const buckets: number[] = [];
    const positions = new Int32Array(ranks.length);
    let below = 0; // values in buckets before b
    let inTargets = 0; // values in the target buckets before b
    let r = 0;
    for (let b = 0; b < counts.length && r < ranks.length; b++) {
      const end = below + counts[b];
      if (ranks[r] < end) {
        const w = windowOf[b];
        if (w === 0 || this.seen[w - 1] + this.seenElsewhere[w - 1] > this.plan.capacity[w - 1]) {
          return undefined;
        }
        buckets.push(b);
        for (; r < ranks.length && ranks[r] < end; r++) positions[r] = inTargets + ranks[r] - below;
        inTargets += counts[b];
      }
      below = end;
    }
    if (r < ranks.length) return undefined; // ranks beyond the values counted: not this run's
    return { buckets: Int32Array.from(buckets), positions, size: inTargets };
  }

  /** The stored values that fall in `buckets` (sorted), in no particular order. */
  collect(buckets: Int32Array): Float64Array {
    const wanted = new Uint8Array(this.plan.buckets);
    for (const b of buckets) wanted[b] = 1;
    const out = new GrowingValues();
    for (let w = 0; w < this.stored.length; w++) {
      // Only windows that hold a wanted bucket.
      let holds = false;
      for (const b of buckets) if (b >= this.plan.first[w] && b <= this.plan.last[w]) holds = true;
      if (!holds) continue;
      const store = this.stored[w];
      appendWanted(store.subarray(0, Math.min(this.seen[w], store.length)), this.plan, wanted, out);
    }
    return out.values();
  }

  /**
   * How many of the node's `finite` finite values satisfy `value op threshold`, when `threshold` is
   * one of the plan's; else undefined.
   */
  count(op: ComparisonOp, threshold: number, finite: number): number | undefined {
    const t = this.plan.thresholds.indexOf(threshold);
    if (t < 0) return undefined;
    const less = this.less[t];
    const equal = this.equal[t];
    if (op === '<') return less;
    if (op === '<=') return less + equal;
    if (op === '>') return finite - less - equal;
    if (op === '>=') return finite - less;
    if (op === '==') return equal;
    return finite - equal;
  }
}

/** A Float64Array that grows by doubling, for values gathered in unknown number. */
class GrowingValues {
  private out = new Float64Array(64);
  private length = 0;

  push(x: number): void {
    if (this.length === this.out.length) {
      const larger = new Float64Array(2 * this.length);
      larger.set(this.out);
      this.out = larger;
    }
    this.out[this.length++] = x;
  }

  values(): Float64Array {
    return this.out.slice(0, this.length);
  }
}

/**
 * Appends to `out` the finite values whose bucket (the arithmetic of `addToBuckets`, clamped to the
 * ends) is marked in `wanted`.
 */
function appendWanted(
  values: Float64Array,
  grid: Pick<ExactPlan, 'keyMin' | 'shift' | 'buckets'>,
  wanted: Uint8Array,
  out: GrowingValues,
): void {
  const n = values.length;
  const words = new Int32Array(values.buffer, values.byteOffset, 2 * n);
  const shift = grid.shift;
  const base = grid.keyMin >> shift;
  const last = grid.buckets - 1;
  const high = HIGH_WORD;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (x - x !== 0) continue; // NaN or ±Infinity: never in a bucket
    const word = words[2 * i + high];
    let bucket = ((word ^ ((word >> 31) & 0x7fffffff)) >> shift) - base;
    if (bucket < 0) bucket = 0;
    else if (bucket > last) bucket = last;
    if (wanted[bucket] === 1) out.push(x);
  }
}

/**
 * The second pass of a run split into parts: it is handed the node's values again, block by block, and
 * keeps those that fall in `buckets` — the buckets that the first pass's merged counts said hold the
 * wanted order statistics ({@link ExactTracker.locate}).
 */
export class BucketGatherer {
  private readonly wanted: Uint8Array;
  private readonly out = new GrowingValues();

  constructor(
    private readonly grid: Pick<ExactPlan, 'keyMin' | 'shift' | 'buckets'>,
    buckets: ArrayLike<number>,
  ) {
    this.wanted = new Uint8Array(grid.buckets);
    for (let i = 0; i < buckets.length; i++) this.wanted[buckets[i]] = 1;
  }

  addAll(values: Float64Array): void {
    appendWanted(values, this.grid, this.wanted, this.out);
  }

  /** The values kept, in the order they came. */
  values(): Float64Array {
    return this.out.values();
  }
}

/** Checks a run's `exactQuantiles` and `thresholds` options against the model's node names. */
export function planExactOptions(
  where: string,
  names: readonly string[],
  exactQuantiles: unknown,
  thresholds: unknown,
): { readonly quantileNodes: ReadonlySet<string>; readonly thresholds: Map<string, number[]> } {
  const quantileNodes = new Set<string>();
  if (exactQuantiles !== undefined) {
    if (!Array.isArray(exactQuantiles)) {
      throw invalidParameter(
        where,
        'exactQuantiles',
        `exactQuantiles must be a list of node names, got ${show(exactQuantiles)}`,
        exactQuantiles,
      );
    }
    exactQuantiles.forEach((name: unknown, i) => {
      if (typeof name !== 'string' || !names.includes(name)) {
        throw invalidParameter(
          where,
          `exactQuantiles[${i}]`,
          `exactQuantiles[${i}] names no node: ${show(name)} (nodes: ${names.join(', ')})`,
          name,
        );
      }
      quantileNodes.add(name);
    });
  }
  const byNode = new Map<string, number[]>();
  if (thresholds !== undefined) {
    if (typeof thresholds !== 'object' || thresholds === null || Array.isArray(thresholds)) {
      throw invalidParameter(
        where,
        'thresholds',
        `thresholds must be an object of node names to lists of numbers, such as { shells: [3e6] }, got ${show(thresholds)}`,
        thresholds,
      );
    }
    for (const [name, list] of Object.entries(thresholds)) {
      if (!names.includes(name)) {
        throw invalidParameter(
          where,
          `thresholds.${name}`,
          `thresholds.${name} names no node (nodes: ${names.join(', ')})`,
          name,
        );
      }
      if (!Array.isArray(list)) {
        throw invalidParameter(
          where,
          `thresholds.${name}`,
          `thresholds.${name} must be a list of numbers, got ${show(list)}`,
          list,
        );
      }
      list.forEach((t: unknown, i) => {
        if (typeof t !== 'number' || Number.isNaN(t)) {
          throw invalidParameter(
            where,
            `thresholds.${name}[${i}]`,
            `thresholds.${name}[${i}] must be a number (not NaN), got ${show(t)}`,
            t,
          );
        }
      });
      byNode.set(name, [...new Set(list as number[])]);
    }
  }
  return { quantileNodes, thresholds: byNode };
}

/** Where wanted ranks lie (see {@link ExactTracker.locate}). */
export interface Located {
  /** The buckets that hold them, increasing. */
  readonly buckets: Int32Array;
  /** Per rank, its position among the values of those buckets, sorted together. */
  readonly positions: Int32Array;
  /** How many values those buckets hold. */
  readonly size: number;
}

/** The buckets to gather for some order statistics, and how to finish once they are gathered. */
export interface OrderStatisticsQuestion {
  /** The buckets whose values (from every part of the run) are needed, increasing. */
  readonly buckets: Int32Array;
  /** The order statistics from the values of `buckets`, one array per part; undefined if they do not add up. */
  readonly finish: (parts: readonly Float64Array[]) => Float64Array | undefined;
}

/**
 * How to find the values at the strictly increasing `ranks` among `finite` finite values with extremes
 * `min` and `max`: the first and last from the extremes, the others located by `tracker`'s (merged)
 * counts and selected among the values of their buckets. Undefined when some rank lies outside every
 * complete window.
 */
export function askOrderStatistics(
  tracker: ExactTracker,
  ranks: Int32Array,
  finite: number,
  min: number,
  max: number,
): OrderStatisticsQuestion | undefined {
  const inner: number[] = [];
  for (let i = 0; i < ranks.length; i++) {
    if (ranks[i] !== 0 && ranks[i] !== finite - 1) inner.push(i);
  }
  const located =
    inner.length === 0
      ? { buckets: new Int32Array(0), positions: new Int32Array(0), size: 0 }
      : tracker.locate(Int32Array.from(inner, (i) => ranks[i]));
  if (located === undefined) return undefined;
  return {
    buckets: located.buckets,
    finish: (parts) => {
      const values = selectLocated(located, parts);
      if (values === undefined) return undefined;
      const out = Float64Array.from(ranks, (rank) => (rank === 0 ? min : max));
      inner.forEach((i, k) => {
        out[i] = values[k];
      });
      return out;
    },
  };
}

/**
 * The values at `located.positions` among the union of `parts` (the values of `located.buckets`
 * from every thread); undefined when the parts do not hold exactly `located.size` values.
 */
export function selectLocated(
  located: Located,
  parts: readonly Float64Array[],
): Float64Array | undefined {
  let size = 0;
  for (const part of parts) size += part.length;
  if (size !== located.size) return undefined;
  const all = new Float64Array(size);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  selectRanks(all, located.positions);
  return Float64Array.from(located.positions, (position) => all[position]);
}
