// How much of a run the exactQuantiles windows store, on the reference workload: the share the
// pilot predicts (planWindows: the room it gives each window, less its margin) at 1e7 and 1e9 samples,
// the share a 1e7-sample run actually stored, and how many values the end of that run gathered. Usage: npx tsx benchmarks/exact-windows.ts
import * as salvo from '../src/index.js';
import { type ExactTracker, planWindows } from '../src/model/exact.js';
import { summaryLevels } from '../src/model/precision.js';
import { typeSevenRanks } from '../src/samples/quantiles.js';
import { DEFAULT_SUMMARY_PROBABILITIES } from '../src/samples/summarize.js';
import { referenceModel } from './shared.mjs';

const shipments = referenceModel(salvo);
const names = ['shells', 'valueUsd'] as const;

// The pilot lengths of runs of 1e7 and 1e9 samples (pilotLength in src/model/exact.ts).
for (const [pilot, total] of [
  [159_744, 1e7],
  [2 ** 22, 1e9],
]) {
  const run = shipments.run({ samples: pilot, keep: [...names] });
  for (const name of names) {
    const levels = summaryLevels(DEFAULT_SUMMARY_PROBABILITIES, total);
    const windows = planWindows(run.samples(name), levels, total);
    // capacity = ceil(1.5 × predicted) + 4096
    const predicted = windows.capacity.reduce((sum, room) => sum + (room - 4096) / 1.5, 0);
    console.log(`${total} samples, ${name}: predicted ${((100 * predicted) / total).toFixed(2)}%`);
  }
}
const samples = 1e7;
const run = shipments.run({ samples, keep: 'none', exactQuantiles: [...names] });
// The run's trackers are internal; their counts say how many values each window saw, and which
// buckets (holding how many values) the summary's order statistics needed at the end.
const states = (run as unknown as { states: Map<string, { exact?: ExactTracker }> }).states;
for (const name of names) {
  const tracker = states.get(name)?.exact as ExactTracker;
  const stored = tracker.toCounts().seen.reduce((a, b) => a + b, 0);
  const { n, nonFinite, quantileMethod } = run.summary(name);
  const finite = n - nonFinite;
  const ranks = typeSevenRanks(finite, summaryLevels(DEFAULT_SUMMARY_PROBABILITIES, finite));
  const located = tracker.locate(ranks.filter((r) => r !== 0 && r !== finite - 1));
  console.log(
    `${samples} samples, ${name}: stored ${((100 * stored) / samples).toFixed(2)}% (${quantileMethod}); ` +
      `the summary's ${ranks.length} order statistics lay in ${located?.buckets.length} buckets holding ${located?.size} values`,
  );
}
