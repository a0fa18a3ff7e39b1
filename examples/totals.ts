/**
 * Question family 1–2: how many rounds, and what are they worth? The shipment model with its
 * documented defaults (src/shipments/estimate.ts), read as ranges and set against the public figures.
 *
 * Run: npm run example -- totals    or    npx tsx examples/totals.ts
 * SALVO_SAMPLES sets the sample count (default 1,000,000); SALVO_OUT the chart folder (default out/).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  formatInterval,
  formatNumber,
  formatPercent,
  formatUsd,
  histogramChart,
  textTable,
} from '../src/index.js';
import { writeSvgFile } from '../src/node/index.js';
import { northKoreaGdpUsd, shellStatements, shipmentEstimate } from '../src/shipments/index.js';

const sampleCount = Number(process.env.SALVO_SAMPLES ?? 1_000_000);
const outDir = resolve(process.env.SALVO_OUT ?? 'out');
await mkdir(outDir, { recursive: true });

const run = shipmentEstimate().run({ samples: sampleCount });
const row = (
  label: string,
  name: Parameters<typeof run.summary>[0],
  format = (x: number) => formatNumber(x),
) => {
  const { p5, p50, p95 } = run.summary(name).quantiles;
  return [label, formatInterval({ estimate: p50, lower: p5, upper: p95, level: 0.9 }, format)];
};

console.log(`Totals and value (${sampleCount.toLocaleString('en-US')} samples)\n`);
console.log(
  textTable(
    [
      row('capacity-equivalent 152mm rounds', 'capacityRounds152mm'),
      row('estimated rounds', 'rounds'),
      row('  152mm shells', 'rounds152mm'),
      row('  122mm rockets', 'rounds122mm'),
      row('  serviceable', 'serviceableRounds'),
      row('value (USD)', 'valueUsd', (x) => formatUsd(x)),
      row("share of North Korea's economy", 'shareOfEconomy', (x) => formatPercent(x)),
    ],
    { header: ['quantity', 'median (90% interval)'] },
  ),
);
console.log('');
// Each public figure against the estimate: the share of samples above it.
for (const s of shellStatements) {
  console.log(
    `P(rounds > ${formatNumber(s.value)}) = ${formatPercent(run.probability('rounds', '>', s.value))}   (${s.source}: ${s.qualifier} ${formatNumber(s.value)})`,
  );
}
await writeSvgFile(
  join(outDir, 'totals-value.svg'),
  histogramChart(run.histogram('valueUsd', { bins: 40, range: [0, 8e9] }), {
    title: 'Value of the rounds shipped',
    xTitle: 'US dollars',
    money: true,
    markers: [{ value: 0.1 * northKoreaGdpUsd, label: '10% of the economy' }],
  }),
);
console.log(`\nChart written to ${join(outDir, 'totals-value.svg')}`);
