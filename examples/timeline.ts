/**
 * Question family 3: what delivery rate do the dated statements imply, and where does it lead? Two
 * readings of the same statements: a trend (the minister spoke of an accelerating pace) and phases
 * with a pause after 12 February 2024 (NK Pro's ship tracking), each calibrated to the dated counts
 * and projected to August 2024.
 *
 * Run: npm run example -- timeline    or    npx tsx examples/timeline.ts
 * SALVO_SAMPLES sets the sample count (default 200,000); SALVO_OUT the chart folder (default out/).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fanChart, formatNumber, lognormal, normal, timelineTable } from '../src/index.js';
import { writeSvgFile } from '../src/node/index.js';
import {
  containerStatements,
  type DeliveryRate,
  deliveryTimeline,
  timelineBands,
} from '../src/shipments/index.js';

const sampleCount = Number(process.env.SALVO_SAMPLES ?? 200_000);
const outDir = resolve(process.env.SALVO_OUT ?? 'out');
await mkdir(outDir, { recursive: true });

// The "about" counts as evidence, ±8% each; "more than" figures are floors, not counts.
const observations = containerStatements
  .filter((s) => s.qualifier === 'about')
  .map((s) => ({ date: s.date, containers: normal(s.value, 0.08 * s.value), source: s.source }));

const readings: Record<string, DeliveryRate> = {
  trend: {
    trend: {
      initialContainersPerMonth: lognormal.ci(400, 1_500),
      growthPerMonth: lognormal.ci(0.9, 1.3),
    },
  },
  // September–October, November–February, then a much slower pace (a pause after 12 Feb 2024).
  'phases with a pause': {
    phases: [
      { months: 2, containersPerMonth: lognormal.ci(500, 1_500) },
      { months: 4, containersPerMonth: lognormal.ci(800, 2_000) },
      { months: 6, containersPerMonth: lognormal.ci(50, 800) },
    ],
  },
};

for (const [name, rate] of Object.entries(readings)) {
  const timeline = deliveryTimeline({ start: '2023-09', months: 12, rate, observations });
  const run = timeline.model.run({ samples: sampleCount, keep: 'none' });
  const bands = timelineBands(run, timeline);
  console.log(`Reading: ${name} (effective sample size ${formatNumber(run.effectiveSampleSize)})`);
  console.log(timelineTable(bands));
  for (const warning of run.warnings) console.log(`Warning: ${warning.message}`);
  const file = join(outDir, `timeline-${name.replaceAll(' ', '-')}.svg`);
  await writeSvgFile(
    file,
    fanChart(bands, {
      title: `Containers delivered (${name})`,
      yTitle: 'containers (cumulative)',
      observations: containerStatements.map((s) => ({
        date: s.date,
        value: s.value,
        label: `${s.qualifier} ${s.value.toLocaleString('en-US')}`,
      })),
    }),
  );
  console.log(`Chart written to ${file}\n`);
}
