/**
 * North Korea's munitions shipments to Russia, as estimated in February 2024 — the six questions of
 * the project's scenario, answered with ranges and pictures.
 *
 * 1. How many shells? (South Korea: 6,700 containers "could hold about three million"; Ukraine: 1.5M)
 * 2. What are they worth, in dollars and as a share of North Korea's ~US$25 billion economy?
 * 3. What delivery rate do the dated statements imply, and where does it lead? (fan chart)
 * 4. Which input drives the uncertainty? (tornado chart)
 * 5. How do South Korea's container count and Ukraine's 1.5 million combine?
 * 6. How does the supply compare with the EU's deliveries to Ukraine?
 *
 * Sources: the public statements collected in src/shipments/reference.ts (White House, South Korea's
 * military, intelligence service and defence minister, US State Department, Ukraine's president, the
 * EU, Bank of Korea), and the defaults of src/shipments/estimate.ts, each documented with its source.
 *
 * Run: npm run example    or    npx tsx examples/shells.ts
 * SALVO_SAMPLES sets the sample count (default 1,000,000); SALVO_OUT the chart folder (default out/).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  backtestChart,
  backtestTable,
  empirical,
  fanChart,
  formatInterval,
  formatNumber,
  formatPercent,
  formatUsd,
  histogramChart,
  lognormal,
  type ModelRun,
  normal,
  sensitivityTable,
  terminalHistogram,
  timelineTable,
  tornadoChart,
} from '../src/index.js';
import { writeHtmlReport, writeModelFile, writeSvgFile } from '../src/node/index.js';
import {
  containerStatements,
  type DeliveryRate,
  defaultFleet,
  defaultShipmentInputs,
  deliveryTimeline,
  euPledgeDeliveries,
  northKoreaGdpUsd,
  shellStatements,
  shipmentEstimate,
  timelineBacktest,
  timelineBands,
} from '../src/shipments/index.js';

const sampleCount = Number(process.env.SALVO_SAMPLES ?? 1_000_000);
const outDir = resolve(process.env.SALVO_OUT ?? 'out');
await mkdir(outDir, { recursive: true });

/** Progress on stderr for runs that take a while (only on a terminal). */
const progress = (label: string) => (done: number, total: number) => {
  if (process.stderr.isTTY) {
    process.stderr.write(`\r  ${label}: ${Math.round((100 * done) / total)}%`);
    if (done === total) process.stderr.write('\r\u001b[K');
  }
};
const ninety = <N extends string>(
  run: ModelRun<N>,
  name: N,
  format = (x: number) => formatNumber(x),
) => {
  const { p5, p50, p95 } = run.summary(name).quantiles;
  return formatInterval({ estimate: p50, lower: p5, upper: p95, level: 0.9 }, format);
};

// ---- Assumptions, in one place ------------------------------------------------------------------
// The shipment model's defaults (each documented with its source in src/shipments/estimate.ts).
const assumptions = defaultShipmentInputs();
// Ukraine's figure, read as "1.5 million, give or take 40%" (a lognormal likelihood).
const ukraine = shellStatements.find((s) => s.source.startsWith('Ukraine'))?.value ?? 1.5e6;
const southKorea = shellStatements.find((s) => s.value === 3e6)?.value ?? 3e6;
// The dated container counts, each "about" figure read as ±8%; the US count of "more than 10,000"
// includes other materiel and the White House's "more than 1,000" is a floor: neither is used as a count.
const datedCounts = containerStatements.filter((s) => s.qualifier === 'about');

console.log("North Korea's munitions shipments to Russia, Sept 2023 – Feb 2024");
console.log(`${sampleCount.toLocaleString('en-US')} samples, seed 'nk-2024-02-26'\n`);
console.log('Assumptions:');
for (const [name, dist] of Object.entries(assumptions)) console.log(`  ${name.padEnd(24)} ${dist}`);
console.log(
  `  Ukraine's figure         ${formatNumber(ukraine)} shells, read as ±40% (lognormal likelihood)`,
);
console.log(
  `  dated container counts   ${datedCounts.map((s) => `${s.date}: about ${s.value}`).join('; ')} (±8%)`,
);
console.log(
  `  delivery fleet           ${defaultFleet.vessels} ships, round trip ${defaultFleet.roundTripDays} days, ${defaultFleet.containersPerVoyage} containers a voyage`,
);
console.log('  voyages                  at least 32 trips by 2024-02-12 (NK Pro ship tracking)');
console.log('');

// ---- 1. Totals -----------------------------------------------------------------------------------
// Keep the samples the tornado needs (rounds and every node it depends on); the rest are summarised.
const run = shipmentEstimate().run({
  samples: sampleCount,
  keep: [
    'containers',
    'shareCarryingRounds',
    'share152mm',
    'roundsPerContainer152mm',
    'roundsPerContainer122mm',
    'rounds152mm',
    'rounds122mm',
    'rounds',
  ],
  onProgress: progress('sampling'),
});
console.log('1. Rounds shipped');
// The statements' "three million" is a capacity conversion: every container full of 152mm shells.
console.log(
  `  Capacity-equivalent 152mm rounds (every container full):  ${ninety(run, 'capacityRounds152mm')}`,
);
console.log(`  Estimated rounds (only some containers carry them):       ${ninety(run, 'rounds')}`);
console.log(
  `    of which 152mm shells:                                  ${ninety(run, 'rounds152mm')}`,
);
console.log(
  `    serviceable:                                            ${ninety(run, 'serviceableRounds')}`,
);
const aboveThree = run.probabilityInterval('rounds', '>', southKorea);
console.log(
  `  P(rounds > South Korea's 3M capacity figure) = ${formatPercent(aboveThree.probability, { digits: 3 })} (Monte Carlo error ±${formatPercent(1.96 * aboveThree.standardError)})`,
);
const { p5, p95 } = run.summary('rounds').quantiles;
console.log(
  `  Ukraine's 1.5M is ${p5 <= ukraine && ukraine <= p95 ? 'inside' : 'outside'} the 90% interval`,
);
console.log('');
const markers = [
  { value: southKorea, label: "South Korea's 3M (capacity)" },
  { value: ukraine, label: "Ukraine's 1.5M" },
];
const roundsHistogram = run.histogram('rounds', { bins: 40, range: [0, 5e6] });
console.log(
  terminalHistogram(run.histogram('rounds', { bins: 10, range: [0, 5e6] }), { width: 36, markers }),
);
await writeSvgFile(
  join(outDir, 'rounds.svg'),
  histogramChart(roundsHistogram, {
    title: 'Rounds shipped, Sep 2023 – Feb 2024',
    xTitle: 'rounds',
    markers,
  }),
);
console.log('');

// ---- 2. Value --------------------------------------------------------------------------------------
console.log('2. Value');
console.log(`  In US dollars: ${ninety(run, 'valueUsd', (x) => formatUsd(x))}`);
console.log(
  `  As a share of North Korea's ~${formatUsd(northKoreaGdpUsd)} economy: ${ninety(run, 'shareOfEconomy', (x) => formatPercent(x))}`,
);
console.log(
  `  P(more than 10% of the economy) = ${formatPercent(run.probability('shareOfEconomy', '>', 0.1))}`,
);
await writeSvgFile(
  join(outDir, 'value.svg'),
  histogramChart(run.histogram('valueUsd', { bins: 40, range: [0, 8e9] }), {
    title: 'Value of the rounds shipped',
    xTitle: 'US dollars',
    money: true,
    markers: [{ value: 0.1 * northKoreaGdpUsd, label: '10% of the economy' }],
  }),
);
console.log('');

// ---- 3. Deliveries over time -----------------------------------------------------------------------
// The rate is carried by four ships (round trips, containers per voyage, a share of capacity used that
// drifts, pauses, voyages counted: defaultFleet, each default with its source), calibrated to the dated
// counts and to the ships' "at least 32 trips", projected twelve months past the last statement.
// Rounds per container come from the shipment run above (its samples of rounds / containers), so both
// parts of the example agree.
const perContainer = new Float64Array(run.samples('rounds').length);
const rounds = run.samples('rounds');
const containers = run.samples('containers');
for (let i = 0; i < perContainer.length; i++) perContainer[i] = rounds[i] / containers[i];
const containerEvidence = datedCounts.map((s) => ({
  date: s.date,
  containers: normal(s.value, 0.08 * s.value),
  source: s.source,
}));
const timeline = deliveryTimeline({
  seed: 'nk-deliveries',
  start: '2023-09',
  months: 18,
  rate: { fleet: {} },
  observations: [
    ...containerEvidence,
    // A floor, softened by a trip or two that imagery may miss.
    {
      date: '2024-02-12',
      voyages: (trips) => (trips >= 32 ? 1 : Math.exp(-((32 - trips) ** 2) / 8)),
    },
  ],
  roundsPerContainer: empirical(perContainer),
});
const timelineRun = timeline.model.run({
  samples: Math.min(sampleCount, 200_000),
  keep: 'none',
  onProgress: progress('deliveries'),
});
const bands = timelineBands(timelineRun, timeline);
console.log(
  '3. Deliveries over time (containers, cumulative; four ships, calibrated to the dated counts)',
);
console.log(timelineTable(bands));
const rate = timelineRun.summary('rate_2024_02').quantiles;
console.log(
  `  Implied rate in February 2024: ${formatInterval({ estimate: rate.p50, lower: rate.p5, upper: rate.p95, level: 0.9 })} containers a month; effective sample size ${formatNumber(timelineRun.effectiveSampleSize)}`,
);
if (timelineRun.warnings.length > 0) console.log(`  Warning: ${timelineRun.warnings[0].message}`);
// Which projection deserves trust? Calibrate each rate model on the counts up to a cut-off and score
// its forecasts of the later counts (up to February 2024) against what was said.
const statements = datedCounts.map((s, i) => ({
  ...containerEvidence[i],
  value: s.value,
  label: s.source,
}));
const backtestOf = (rate: DeliveryRate) =>
  timelineBacktest({
    start: '2023-09',
    months: 6,
    rate,
    statements,
    cutoffs: ['2023-11-30', '2024-01-31'],
    samples: Math.min(sampleCount, 50_000),
  });
const compounding: DeliveryRate = {
  trend: {
    initialContainersPerMonth: lognormal.ci(400, 1_500),
    growthPerMonth: lognormal.ci(0.9, 1.3),
  },
};
const backtests = {
  fleet: backtestOf({ fleet: {} }),
  'compounding trend': backtestOf(compounding),
};
console.log('  Backtest on the dated counts (cut-offs: end of November 2023 and of January 2024):');
console.log(
  backtestTable(backtests)
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n'),
);
const fleetCrps = backtests.fleet.totals.meanCrps;
const trendCrps = backtests['compounding trend'].totals.meanCrps;
console.log(
  `  The ${fleetCrps <= trendCrps ? 'fleet' : 'compounding trend'} did better: mean CRPS ${formatNumber(Math.min(fleetCrps, trendCrps))} containers against ${formatNumber(Math.max(fleetCrps, trendCrps))}, over only ${backtests.fleet.totals.count} scored forecasts.`,
);
await writeSvgFile(
  join(outDir, 'backtest.svg'),
  backtestChart(backtests, {
    title: 'The dated counts (points) against the bands forecast before them',
    yTitle: 'containers (cumulative)',
  }),
);
await writeSvgFile(
  join(outDir, 'deliveries.svg'),
  fanChart(bands, {
    title: 'Containers delivered, with the public statements',
    yTitle: 'containers (cumulative)',
    observations: containerStatements.map((s) => ({
      date: s.date,
      value: s.value,
      label: `${s.qualifier} ${s.value.toLocaleString('en-US')}`,
    })),
  }),
);
console.log('');

// ---- 4. What drives the uncertainty ---------------------------------------------------------------
const drivers = run.sensitivity('rounds');
console.log('4. What drives the range of rounds (median rounds with the input at its p10 / p90)');
console.log(sensitivityTable(drivers));
await writeSvgFile(
  join(outDir, 'tornado.svg'),
  tornadoChart(drivers, { title: 'What drives the number of rounds', xTitle: 'rounds (median)' }),
);
console.log('');

// ---- 5. Both estimates together --------------------------------------------------------------------
// Weigh each sample by how well it agrees with Ukraine's figure: the samples stay, their weights change.
const combined = shipmentEstimate()
  .observe('rounds', lognormal(Math.log(ukraine), 0.4))
  .run({ samples: sampleCount, keep: ['rounds'], onProgress: progress('weighing') });
console.log("5. South Korea's container count and Ukraine's 1.5M together");
console.log(`  Rounds, given both: ${ninety(combined, 'rounds')}`);
console.log(
  `  effective sample size ${formatNumber(combined.effectiveSampleSize)} of ${formatNumber(sampleCount)}${combined.warnings.length > 0 ? ` — ${combined.warnings[0].message}` : ''}`,
);
console.log('');

// ---- 6. Against the EU's deliveries to Ukraine -----------------------------------------------------
console.log("6. Against the EU's deliveries of its 1-million-shell pledge to Ukraine");
const roundBands = timelineBands(timelineRun, timeline, 'rounds');
for (const eu of euPledgeDeliveries) {
  const month = timeline.months.indexOf(eu.date.slice(0, 7));
  const nk = roundBands[month];
  console.log(
    `  ${eu.date}: EU ${formatNumber(eu.value)} delivered; North Korea to Russia ${formatInterval({ estimate: nk.p50, lower: nk.p5, upper: nk.p95, level: 0.9 })} by the end of that month`,
  );
}
await writeSvgFile(
  join(outDir, 'eu-comparison.svg'),
  fanChart(roundBands, {
    title: "Rounds to Russia (fan) and the EU's shells to Ukraine",
    yTitle: 'rounds (cumulative)',
    series: [
      {
        name: 'EU deliveries to Ukraine',
        points: euPledgeDeliveries.map((d) => ({ date: d.date, value: d.value })),
      },
    ],
  }),
);
// The page to look at and play with: the model as written, the table, histograms and the tornado of
// rounds; changing an input's numbers there reruns the model in the browser (offline, one file).
await writeHtmlReport(join(outDir, 'report.html'), run, {
  model: shipmentEstimate(),
  title: "North Korea's munitions shipments to Russia, Sept 2023 – Feb 2024",
  sensitivity: drivers, // the tornado of rounds, computed above
  timelines: [
    { title: 'Containers delivered (cumulative), calibrated to the dated counts', bands },
    { title: 'Rounds delivered (cumulative)', bands: roundBands },
  ],
  backtests: [{ title: 'Which rate model? Backtest on the dated counts', results: backtests }],
});
console.log('');
console.log(
  `Charts written to ${outDir}: rounds.svg, value.svg, backtest.svg, deliveries.svg, tornado.svg, eu-comparison.svg`,
);
console.log(`Page written to ${join(outDir, 'report.html')}: open it in a browser`);
// The model itself as a file: inputs as written, expressions as typed; readModelFile (or
// `salvo shard shipments.salvo.json ...` on other machines) rebuilds it, same results to the bit.
await writeModelFile(join(outDir, 'shipments.salvo.json'), shipmentEstimate(), {
  title: 'Rounds and value of the shipments',
});
console.log(`Model written to ${join(outDir, 'shipments.salvo.json')}`);
