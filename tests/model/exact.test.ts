import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  beta,
  type ComparisonOp,
  lognormal,
  model,
  normal,
  pert,
  uniform,
} from '../../src/index.js';
import { askOrderStatistics, ExactTracker, planWindows } from '../../src/model/exact.js';
import { expectSalvoError } from '../helpers/errors.js';

const OPS: readonly ComparisonOp[] = ['<', '<=', '>', '>=', '==', '!='];

/**
 * `value` with every -0 made 0: among values that compare equal, which of -0 and 0 a quantile returns
 * is unspecified (kept or not), and toEqual tells them apart.
 */
function withoutNegativeZero<T>(value: T): T {
  if (Object.is(value, -0)) return 0 as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, withoutNegativeZero(v)]),
  ) as T;
}

const shipments = (seed: string | number = 'nk-2024-02-26') =>
  model({ seed })
    .input('containers', pert(5_000, 6_700, 8_000))
    .input('shellsPerContainer', lognormal.ci(300, 600))
    .input('shareCarryingShells', beta(8, 2))
    .input('pricePerShellUsd', lognormal.ci(800, 3_000))
    .derive('shells', 'containers * shellsPerContainer * shareCarryingShells')
    .derive('valueUsd', 'shells * pricePerShellUsd');

describe('exactQuantiles and thresholds: exact summaries of unkept nodes', () => {
  // 600,000 samples: the pilot (131,072) is a fifth of the run, so the windows do the work.
  const samples = 600_000;
  const kept = shipments().run({ samples, keep: ['shells', 'valueUsd'], quantiles: [0.01, 0.999] });

  it('gives the kept run’s summaries, bit for bit, whatever the block size', () => {
    for (const blockSize of [4096, 65_536, 3 * 8192]) {
      const run = shipments().run({
        samples,
        blockSize,
        keep: 'none',
        quantiles: [0.01, 0.999],
        exactQuantiles: ['shells', 'valueUsd'],
      });
      for (const name of ['shells', 'valueUsd'] as const) {
        const summary = run.summary(name);
        expect(summary.quantileMethod).toBe('exact');
        expect(summary).toEqual(kept.summary(name));
        expect(run.interval(name)).toEqual(kept.interval(name));
        expect(run.quantile(name, 0.999)).toBe(kept.quantile(name, 0.999));
      }
      expect(() => run.samples('shells')).toThrow(/summarised, not kept/);
    }
  });

  it('works for an unkept input too (its moments drawn again, its windows filled during the run)', () => {
    const run = shipments().run({
      samples,
      keep: 'none',
      quantiles: [0.01, 0.999],
      exactQuantiles: ['containers'],
      thresholds: { pricePerShellUsd: [1500] },
    });
    const all = shipments().run({
      samples,
      keep: ['containers', 'pricePerShellUsd'],
      quantiles: [0.01, 0.999],
    });
    expect(run.summary('containers').quantileMethod).toBe('exact');
    expect(run.summary('containers')).toEqual(all.summary('containers'));
    expect(run.probability('pricePerShellUsd', '<=', 1500)).toBe(
      all.probability('pricePerShellUsd', '<=', 1500),
    );
  });

  it('answers levels outside the windows from the sketch', () => {
    const run = shipments().run({ samples, keep: 'none', exactQuantiles: ['shells'] });
    const sketched = shipments().run({ samples, keep: 'none' });
    expect(run.summary('shells').quantileMethod).toBe('exact');
    expect(run.quantile('shells', 0.6)).toBe(sketched.quantile('shells', 0.6));
    expect(run.quantile('shells', 0.5)).toBe(kept.quantile('shells', 0.5));
    // A node not listed keeps its sketch.
    expect(run.summary('valueUsd').quantileMethod).toBe('sketch');
    expect(run.summary('valueUsd')).toEqual(sketched.summary('valueUsd'));
  });

  it('counts the comparisons with each threshold exactly', () => {
    const thresholds = [3e6, 2e6, kept.quantile('shells', 0.5), 0, -1, Number.POSITIVE_INFINITY];
    const run = shipments().run({ samples, keep: 'none', thresholds: { shells: thresholds } });
    for (const t of thresholds) {
      for (const op of OPS) {
        expect(run.probability('shells', op, t), `${op} ${t}`).toBe(
          kept.probability('shells', op, t),
        );
      }
    }
    // Other thresholds come from the sketch; == still needs the samples.
    expect(run.probability('shells', '>', 2.5e6)).toBeCloseTo(
      kept.probability('shells', '>', 2.5e6),
      2,
    );
    expect(() => run.probability('shells', '==', 2.5e6)).toThrow(/thresholds option/);
  });

  it('handles non-finite values, negative values, zeros of both signs and ties in runs longer than the pilot', () => {
    const m = model({ seed: 7 })
      .input('x', normal(0.2, 2))
      .input('u', uniform(0, 1))
      .derive('spike', 'u < 0.01 ? -1 / 0 : (u > 0.995 ? 0 / 0 : x)')
      .derive('steps', 'round(x)');
    const samples = 300_000;
    const all = m.run({ samples, quantiles: [0.001, 0.3] });
    const run = m.run({
      samples,
      quantiles: [0.001, 0.3],
      keep: 'none',
      exactQuantiles: ['spike', 'steps'],
      thresholds: { spike: [0, Number.NEGATIVE_INFINITY], steps: [0, -0, 2] },
    });
    for (const name of ['spike', 'steps'] as const) {
      expect(run.summary(name).quantileMethod).toBe('exact');
      expect(withoutNegativeZero(run.summary(name))).toEqual(
        withoutNegativeZero(all.summary(name)),
      );
    }
    for (const op of OPS) {
      for (const t of [0, Number.NEGATIVE_INFINITY]) {
        expect(run.probability('spike', op, t)).toBe(all.probability('spike', op, t));
      }
      for (const t of [0, -0, 2]) {
        expect(run.probability('steps', op, t)).toBe(all.probability('steps', op, t));
      }
    }
  });

  it('handles non-finite values, negative values and ties like kept samples (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12_000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.constantFrom(4096, 8192),
        (samples, seed, shift, blockSize) => {
          const m = model({ seed })
            .input('x', normal(shift, 2))
            .input('u', uniform(0, 1))
            .derive('ratio', 'x / (u - 0.5)') // ±Infinity and NaN never, but a heavy tail
            .derive('spike', 'u < 0.01 ? 1 / 0 : (u > 0.995 ? 0 / 0 : x)') // ±Infinity, NaN
            .derive('steps', 'round(x)'); // ties
          const names = ['ratio', 'spike', 'steps'] as const;
          const quantiles = [0, 0.001, 0.5, 1];
          const all = m.run({ samples, blockSize, quantiles });
          const run = m.run({
            samples,
            blockSize,
            quantiles,
            keep: ['x'],
            exactQuantiles: [...names],
            thresholds: { steps: [0, 1, shift], spike: [0, Number.POSITIVE_INFINITY] },
          });
          for (const name of names) {
            const expected = (() => {
              try {
                return all.summary(name);
              } catch (error) {
                return error;
              }
            })();
            if (expected instanceof Error) {
              expect(() => run.summary(name)).toThrow(expected.message);
              continue;
            }
            expect(withoutNegativeZero(run.summary(name))).toEqual(withoutNegativeZero(expected));
          }
          for (const op of OPS) {
            for (const t of [0, 1, shift]) {
              expect(run.probability('steps', op, t)).toBe(all.probability('steps', op, t));
            }
            if (all.summary('x').n > 0 && !Number.isNaN(all.summary('spike').mean)) {
              expect(run.probability('spike', op, 0)).toBe(all.probability('spike', op, 0));
            }
          }
        },
      ),
      { numRuns: 40, seed: 20261127 },
    );
  });

  it('refuses bad options before any work, naming them', () => {
    const m = shipments();
    expectSalvoError(() => m.run({ samples: 10, exactQuantiles: ['nope' as 'shells'] }), {
      parameter: 'exactQuantiles[0]',
      messageIncludes: 'names no node',
    });
    expectSalvoError(() => m.run({ samples: 10, exactQuantiles: 'shells' as never }), {
      parameter: 'exactQuantiles',
    });
    expectSalvoError(() => m.run({ samples: 10, thresholds: { nope: [1] } as never }), {
      parameter: 'thresholds.nope',
    });
    expectSalvoError(() => m.run({ samples: 10, thresholds: { shells: 3e6 } as never }), {
      parameter: 'thresholds.shells',
    });
    expectSalvoError(() => m.run({ samples: 10, thresholds: { shells: [1, Number.NaN] } }), {
      parameter: 'thresholds.shells[1]',
    });
    expectSalvoError(() => m.run({ samples: 10, thresholds: [] as never }), {
      parameter: 'thresholds',
    });
    expectSalvoError(
      () =>
        m.run({
          until: { relativeError: 0.01, nodes: ['shells'] },
          keep: 'none',
          exactQuantiles: ['shells'],
        }),
      { code: 'UNSUPPORTED', parameter: 'exactQuantiles' },
    );
    expectSalvoError(
      () =>
        m
          .observe('shells', normal(2e6, 1e5))
          .run({ samples: 10, keep: 'none', thresholds: { shells: [1] } }),
      { code: 'UNSUPPORTED', parameter: 'thresholds' },
    );
    expectSalvoError(
      () =>
        m.run({
          samples: 1_000_000,
          keep: 'none',
          exactQuantiles: ['shells'],
          memoryBudgetBytes: 100_000,
        }),
      { parameter: 'exactQuantiles', messageIncludes: 'over the budget' },
    );
  });
});

/** One tracker's order statistics from its own counts and stored values (a run on one thread). */
function orderStatisticsOf(
  tracker: ExactTracker,
  ranks: Int32Array,
  finite: number,
  min: number,
  max: number,
): Float64Array | undefined {
  const question = askOrderStatistics(tracker, ranks, finite, min, max);
  return question?.finish([tracker.collect(question.buckets)]);
}

describe('ExactTracker', () => {
  const pilot = Float64Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_000);
  const levels = [0.25, 0.5, 0.75];

  it('gives up, rather than answer wrongly, when a rank falls outside every window', () => {
    const windows = planWindows(pilot, levels, 20_000);
    const tracker = new ExactTracker({ ...windows, thresholds: [] });
    // Every value far above the pilot's: the median of all lies outside the central window.
    tracker.addAll(pilot);
    tracker.addAll(pilot.map((x) => x + 1e6));
    const finite = 2 * pilot.length;
    expect(orderStatisticsOf(tracker, Int32Array.of(finite / 2), finite, 0, 1e6 + 9999)).toBe(
      undefined,
    );
    // The first quartile of all is the pilot's median, inside its window: exact.
    const sorted = [...pilot, ...pilot.map((x) => x + 1e6)].sort((a, b) => a - b);
    const rank = Math.floor(finite / 4);
    expect(orderStatisticsOf(tracker, Int32Array.of(rank), finite, 0, 1e6 + 9999)?.[0]).toBe(
      sorted[rank],
    );
  });

  it('gives up when a window held more values than its room', () => {
    const windows = planWindows(pilot, levels, pilot.length);
    const tracker = new ExactTracker({ ...windows, thresholds: [] });
    const crowd = new Float64Array(10 * windows.capacity[1]).fill(5000);
    tracker.addAll(pilot);
    tracker.addAll(crowd);
    const finite = pilot.length + crowd.length;
    expect(orderStatisticsOf(tracker, Int32Array.of(finite / 2), finite, 0, 9999)).toBe(undefined);
  });

  it('merged parts answer as the whole does', () => {
    const windows = planWindows(pilot, levels, 3 * pilot.length);
    const plan = { ...windows, thresholds: [5000, -1] };
    const whole = new ExactTracker(plan);
    const parts = [new ExactTracker(plan), new ExactTracker(plan)];
    const data = [pilot, pilot.map((x) => x + 0.5), pilot.map((x) => 9999 - x + 0.25)];
    data.forEach((values, k) => {
      whole.addAll(values);
      parts[k % 2].addAll(values);
    });
    // Each part keeps its values; the counts alone are merged, then each part sends the values of the
    // buckets that hold the ranks.
    const merged = new ExactTracker(plan);
    for (const part of parts) merged.mergeCounts(structuredClone(part.toCounts()));
    const finite = 3 * pilot.length;
    const ranks = Int32Array.of(7500, 15_000, 22_500);
    const sorted = data.flatMap((d) => [...d]).sort((a, b) => a - b);
    const expected = [...ranks].map((r) => sorted[r]);
    expect([...(orderStatisticsOf(whole, ranks, finite, 0, 9999.5) ?? [])]).toEqual(expected);
    const question = askOrderStatistics(merged, ranks, finite, 0, 9999.5);
    expect(question).toBeDefined();
    const gathered = parts.map((part) => part.collect(question?.buckets ?? new Int32Array(0)));
    expect(gathered[0].length + gathered[1].length).toBeLessThan(finite / 10); // a few buckets
    expect([...(question?.finish(gathered) ?? [])]).toEqual(expected);
    // Parts that do not add up to the counted values are refused, not half-answered.
    expect(question?.finish(gathered.slice(1))).toBe(undefined);
    // A part can be the merge target too (the calling thread of runParallel): its own stored values
    // are still just its own, even at the bottom bucket, where unfilled room would read as zeros.
    const low = planWindows(pilot, [0.0001, 0.5], 3 * pilot.length);
    const lowParts = [
      new ExactTracker({ ...low, thresholds: [] }),
      new ExactTracker({ ...low, thresholds: [] }),
    ];
    const lowData = data.map((values) => values.map((x) => (x < 50 ? 0 : x))); // 150 zeros
    lowData.forEach((values, k) => {
      lowParts[k % 2].addAll(values);
    });
    lowParts[0].mergeCounts(lowParts[1].toCounts());
    const lowSorted = lowData.flatMap((d) => [...d]).sort((a, b) => a - b);
    const lowRanks = Int32Array.of(100, 15_000);
    const lowQuestion = askOrderStatistics(lowParts[0], lowRanks, finite, 0, 9999.5);
    expect(lowQuestion?.buckets[0]).toBe(0);
    const lowGathered = lowParts.map((part) =>
      part.collect(lowQuestion?.buckets ?? Int32Array.of()),
    );
    expect([...(lowQuestion?.finish(lowGathered) ?? [])]).toEqual([0, lowSorted[15_000]]);
    for (const op of OPS) {
      expect(merged.count(op, 5000, finite)).toBe(whole.count(op, 5000, finite));
    }
    expect(merged.count('<', 5000, finite)).toBe(sorted.filter((x) => x < 5000).length);
    expect(merged.count('<', 4999, finite)).toBe(undefined);
  });
});
