// Per-segment moments: the engine's two-lane segmentStats against the one-lane loop with a test per
// value (segmentStatsSkipping, the path for segments holding non-finite values), on 4,096-value
// segments of lognormal-like values. Not part of `npm run bench` (it needs the sources):
//   npx tsx benchmarks/segment-stats.ts

import { SEGMENT_LENGTH } from '../src/model/definition.js';
import { segmentStats, segmentStatsSkipping } from '../src/samples/segmentMoments.js';

const values = new Float64Array(SEGMENT_LENGTH * 64);
let state = 1;
for (let i = 0; i < values.length; i++) {
  state = (state * 16_807) % 2_147_483_647;
  values[i] = Math.exp((state / 2_147_483_647) * 3) * 1e5;
}
const stats = new Float64Array(6);
const total = 1e7;
const lines: Record<string, number[]> = { 'two lanes': [], 'one lane': [] };
for (let round = 0; round < 5; round++) {
  for (const [name, f] of [
    ['two lanes', segmentStats],
    ['one lane', segmentStatsSkipping],
  ] as const) {
    const start = performance.now();
    for (let done = 0; done < total; done += values.length) {
      for (let s = 0; s < values.length; s += SEGMENT_LENGTH)
        f(values, s, s + SEGMENT_LENGTH, stats, 0);
    }
    lines[name].push(((performance.now() - start) * 1e6) / total);
  }
}
for (const [name, times] of Object.entries(lines)) {
  console.log(
    `${name.padEnd(10)} best ${Math.min(...times).toFixed(2)} ns/value (${times.map((t) => t.toFixed(2)).join(', ')})`,
  );
}
