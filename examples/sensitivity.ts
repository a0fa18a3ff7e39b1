/**
 * Question family 4: which input drives the uncertainty? Rank correlations, first-order indices and a
 * tornado chart for the estimated rounds and for their value — and what happens to the ranking when
 * two inputs are correlated (bigger shipments of smaller crates).
 *
 * Run: npm run example -- sensitivity    or    npx tsx examples/sensitivity.ts
 * SALVO_SAMPLES sets the sample count (default 1,000,000); SALVO_OUT the chart folder (default out/).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatUsd, sensitivityTable, tornadoChart } from '../src/index.js';
import { writeSvgFile } from '../src/node/index.js';
import { shipmentEstimate } from '../src/shipments/index.js';

const sampleCount = Number(process.env.SALVO_SAMPLES ?? 1_000_000);
const outDir = resolve(process.env.SALVO_OUT ?? 'out');
await mkdir(outDir, { recursive: true });

const run = shipmentEstimate().run({ samples: sampleCount });
const rounds = run.sensitivity('rounds');
console.log('What drives the estimated rounds');
console.log(sensitivityTable(rounds));
const value = run.sensitivity('valueUsd');
console.log('\nWhat drives their value (USD)');
console.log(sensitivityTable(value, (x) => formatUsd(x)));

// Containers and crate sizes may not be independent: suppose fuller shipments used smaller crates.
const correlated = shipmentEstimate()
  .correlate('containers', 'roundsPerContainer152mm', -0.5)
  .run({ samples: sampleCount });
console.log('\nWith containers and 152mm rounds per container rank-correlated at -0.5');
console.log(sensitivityTable(correlated.sensitivity('rounds')));

await writeSvgFile(
  join(outDir, 'sensitivity-rounds.svg'),
  tornadoChart(rounds, { title: 'What drives the number of rounds', xTitle: 'rounds (median)' }),
);
await writeSvgFile(
  join(outDir, 'sensitivity-value.svg'),
  tornadoChart(value, {
    title: 'What drives the value',
    xTitle: 'US dollars (median)',
    money: true,
  }),
);
console.log(`\nCharts written to ${outDir}: sensitivity-rounds.svg, sensitivity-value.svg`);
