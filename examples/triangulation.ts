/**
 * Question family 5: how do South Korea's container-based estimate and Ukraine's 1.5 million combine?
 * The container model is the prior; Ukraine's figure is evidence, read at three levels of trust
 * (±20%, ±40%, ±80%), and the effective sample size says how strongly it pulls. A last row trusts it
 * to ±1% in a quick run of 20,000 samples: the evidence leaves so few effective samples that the
 * interval is marked weak, as every printed interval is when that happens.
 *
 * Run: npm run example -- triangulation    or    npx tsx examples/triangulation.ts
 * SALVO_SAMPLES sets the sample count (default 1,000,000); SALVO_OUT the chart folder (default out/).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  formatInterval,
  formatNumber,
  histogramChart,
  lognormal,
  textTable,
} from '../src/index.js';
import { writeSvgFile } from '../src/node/index.js';
import { shellStatements, shipmentEstimate } from '../src/shipments/index.js';

const sampleCount = Number(process.env.SALVO_SAMPLES ?? 1_000_000);
const outDir = resolve(process.env.SALVO_OUT ?? 'out');
await mkdir(outDir, { recursive: true });

const ukraine = shellStatements.find((s) => s.source.startsWith('Ukraine'))?.value ?? 1.5e6;
const prior = shipmentEstimate().run({ samples: sampleCount, keep: ['rounds'] });
const rows: string[][] = [
  ['containers only', formatInterval(prior.interval('rounds')), formatNumber(sampleCount)],
];
let trusted = prior;
const quickRun = Math.min(sampleCount, 20_000);
for (const [spread, samples] of [
  [0.8, sampleCount],
  [0.4, sampleCount],
  [0.2, sampleCount],
  [0.01, quickRun],
]) {
  const run = shipmentEstimate()
    .observe('rounds', lognormal(Math.log(ukraine), spread))
    .run({ samples, keep: ['rounds'] });
  const quick = samples < sampleCount ? `, ${formatNumber(samples)} samples` : '';
  rows.push([
    `and Ukraine's 1.5M ±${Math.round(spread * 100)}%${quick}`,
    // An interval resting on fewer than 1,000 effective samples says so ('[weak: ...]').
    formatInterval(run.interval('rounds')),
    formatNumber(run.effectiveSampleSize),
  ]);
  if (spread === 0.4) trusted = run;
}
console.log("Rounds shipped, from the containers alone and weighed against Ukraine's figure");
console.log(
  textTable(rows, { header: ['evidence', 'rounds: median (90% interval)', 'effective samples'] }),
);
await writeSvgFile(
  join(outDir, 'triangulation.svg'),
  histogramChart(trusted.histogram('rounds', { bins: 40, range: [0, 5e6] }), {
    title: "Rounds, given the containers and Ukraine's 1.5M (±40%)",
    xTitle: 'rounds',
    markers: [
      { value: 3e6, label: "South Korea's 3M (capacity)" },
      { value: ukraine, label: "Ukraine's 1.5M" },
    ],
  }),
);
console.log(`\nChart written to ${join(outDir, 'triangulation.svg')}`);
