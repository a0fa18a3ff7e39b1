/**
 * Question family 3: what delivery rate do the dated statements imply, where does it lead, and which
 * way of projecting it deserves trust? The rate is carried by the ships — four vessels between
 * Najin and Dunay, a round trip of one to three weeks, a share of their capacity used that drifts,
 * pauses, voyages counted — calibrated to the dated counts of containers and voyages and projected
 * twelve months past the last statement (to February 2025). Then a backtest on the scenario's own
 * history: the fleet model and the compounding trend, each calibrated on the statements up to a
 * cut-off and scored on the later ones up to February 2024.
 *
 * Run: npm run example -- timeline    or    npx tsx examples/timeline.ts
 * SALVO_SAMPLES sets the sample count (default 200,000); SALVO_OUT the chart folder (default out/).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  backtestChart,
  backtestTable,
  fanChart,
  formatInterval,
  formatNumber,
  lognormal,
  normal,
  timelineTable,
} from '../src/index.js';
import { writeSvgFile } from '../src/node/index.js';
import {
  containerStatements,
  type DatedObservation,
  type DeliveryRate,
  deliveryTimeline,
  timelineBacktest,
  timelineBands,
} from '../src/shipments/index.js';

const sampleCount = Number(process.env.SALVO_SAMPLES ?? 200_000);
const outDir = resolve(process.env.SALVO_OUT ?? 'out');
await mkdir(outDir, { recursive: true });

// The "about" counts as evidence, ±8% each, and the White House's "more than 1,000" by 1 October as a
// floor (softened by 100 containers). The US "more than 10,000" also counts other materiel: left out.
const about = containerStatements.filter((s) => s.qualifier === 'about');
const containerEvidence: DatedObservation[] = [
  {
    date: '2023-10-01',
    containers: (c: number) => (c >= 1_000 ? 1 : Math.exp(-(((1_000 - c) / 100) ** 2) / 2)),
    source: 'White House, 13 Oct 2023',
  },
  ...about.map((s) => ({
    date: s.date,
    containers: normal(s.value, 0.08 * s.value),
    source: s.source,
  })),
];
// Ship visits, which only the fleet model can weigh.
const voyageEvidence: DatedObservation[] = [
  {
    // "~2 ships a week" over September–October: about 17 visits, give or take 5.
    date: '2023-10-31',
    voyages: normal(17, 5),
    source: 'South Korean military, 2 Nov 2023',
  },
  {
    // "at least 32 trips" by 12 February 2024: a floor, softened by a trip or two imagery may miss.
    date: '2024-02-12',
    voyages: (trips: number) => (trips >= 32 ? 1 : Math.exp(-((32 - trips) ** 2) / 8)),
    source: 'NK Pro ship tracking, March 2024',
  },
];

const trend: DeliveryRate = {
  trend: {
    initialContainersPerMonth: lognormal.ci(400, 1_500),
    growthPerMonth: lognormal.ci(0.9, 1.3),
  },
};
const fleet: DeliveryRate = { fleet: {} }; // defaultFleet: four ships, sourced defaults

// ---- The projection: September 2023 to February 2025, twelve months past the last statement -----
const timeline = deliveryTimeline({
  start: '2023-09',
  months: 18,
  rate: fleet,
  observations: [...containerEvidence, ...voyageEvidence],
});
const run = timeline.model.run({ samples: sampleCount, keep: 'none' });
const bands = timelineBands(run, timeline);
const voyages = timelineBands(run, timeline, 'voyages');
console.log(
  `Fleet model, calibrated to ${containerEvidence.length} statements of containers and ${voyageEvidence.length} of voyages (effective sample size ${formatNumber(run.effectiveSampleSize)} of ${formatNumber(sampleCount)})`,
);
console.log(timelineTable(bands));
for (const warning of run.warnings) console.log(`Warning: ${warning.message}`);
const last = bands.length - 1;
const band = (b: { p5: number; p50: number; p95: number }) =>
  formatInterval({ estimate: b.p50, lower: b.p5, upper: b.p95, level: 0.9 });
console.log(
  `Voyages by the end of February 2024: ${band(voyages[5])}; by February 2025: ${band(voyages[last])}`,
);
const share = run.summary('shareUsed_2024_02').quantiles;
console.log(`Share of the fleet's capacity used in February 2024: ${band(share)}`);

// The compounding trend, calibrated to the same container counts, for comparison.
const trendTimeline = deliveryTimeline({
  start: '2023-09',
  months: 18,
  rate: trend,
  observations: containerEvidence,
});
const trendBands = timelineBands(
  trendTimeline.model.run({ samples: sampleCount, keep: 'none' }),
  trendTimeline,
);
console.log(
  `February 2025, containers: fleet ${band(bands[last])}; compounding trend ${band(trendBands[last])}`,
);
const chartFile = join(outDir, 'timeline-fleet.svg');
await writeSvgFile(
  chartFile,
  fanChart(bands, {
    title: 'Containers delivered: four ships, projected to February 2025',
    yTitle: 'containers (cumulative)',
    observations: containerStatements.map((s) => ({
      date: s.date,
      value: s.value,
      label: `${s.qualifier} ${s.value.toLocaleString('en-US')}`,
    })),
  }),
);
console.log(`Chart written to ${chartFile}\n`);

// ---- The backtest: how each method would have done on the statements' own history ---------------
// At the end of November 2023 (one "about" count known) and of January 2024 (two known), forecast the
// later counts up to February 2024.
const statements = about.map((s) => ({
  date: s.date,
  value: s.value,
  containers: normal(s.value, 0.08 * s.value),
  label: s.source,
}));
const backtestOf = (rate: DeliveryRate) =>
  timelineBacktest({
    start: '2023-09',
    months: 6,
    rate,
    statements,
    cutoffs: ['2023-11-30', '2024-01-31'],
    samples: Math.min(sampleCount, 100_000),
  });
const results = { fleet: backtestOf(fleet), trend: backtestOf(trend) };
console.log('Backtest: calibrated on the statements up to each cut-off, scored on the later ones');
console.log(backtestTable(results, { byOrigin: true }));
const better = results.fleet.totals.meanCrps <= results.trend.totals.meanCrps ? 'fleet' : 'trend';
const worse = better === 'fleet' ? 'trend' : 'fleet';
const crpsRatio = results[worse].totals.meanCrps / results[better].totals.meanCrps;
const logScoreGap = results[worse].totals.meanLogScore - results[better].totals.meanLogScore;
console.log(
  `The ${better} model did better: its mean CRPS is ${formatNumber(results[better].totals.meanCrps)} containers against ${formatNumber(results[worse].totals.meanCrps)} (${formatNumber(crpsRatio, { digits: 2 })} times lower), and its mean log score ${logScoreGap >= 0 ? `${formatNumber(logScoreGap, { digits: 2 })} nats lower` : `${formatNumber(-logScoreGap, { digits: 2 })} nats higher (worse)`}.`,
);
console.log(
  `Only ${results.fleet.totals.count} forecasts are scored (three statements, two cut-offs): a small test.`,
);
const backtestFile = join(outDir, 'timeline-backtest.svg');
await writeSvgFile(
  backtestFile,
  backtestChart(results, {
    title: 'Statements (points) against the bands forecast before them',
    yTitle: 'containers (cumulative)',
  }),
);
console.log(`Chart written to ${backtestFile}`);
