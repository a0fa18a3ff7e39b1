/**
 * How many 152mm shells did North Korea's containers hold, and what were they worth?
 * A Fermi estimate: the container count and what each container holds give a range of shells; the
 * range is set against South Korea's and Ukraine's figures, valued, explained by a tornado table, and
 * finally weighed against Ukraine's figure as evidence.
 *
 * Sources (public statements, see the project's scenario notes):
 * - South Korea's defence minister Shin Won-sik, 26 Feb 2024: about 6,700 containers since Sept 2023,
 *   which "could hold about three million rounds of 152mm shells" (a capacity conversion: ~450 a box).
 * - Ukraine's president: about 1.5 million shells.
 * - A 20-ft container carries about 28.2 t; a 152mm round with packaging weighs about 45-46 kg, so weight
 *   allows roughly 470-610 rounds; official conversions use 400-500.
 * - Unit cost: a Russian 152mm shell costs about US$1,000 to make, a NATO 155mm shell about US$4,000.
 *   No North Korean price is public: it is the most uncertain input.
 *
 * Run: npm run example    or    npx tsx examples/shells.ts
 * Set SALVO_SAMPLES to change the sample count (default 1,000,000).
 */
import {
  beta,
  formatInterval,
  formatNumber,
  formatPercent,
  formatUsd,
  lognormal,
  model,
  pert,
  terminalHistogram,
  textTable,
} from '../src/index.js';

const sampleCount = Number(process.env.SALVO_SAMPLES ?? 1_000_000);

// ---- Assumptions, in one place -------------------------------------------------------------------
const assumptions = {
  // "About 6,700": most likely 6,700, plausibly 5,500-8,000 (the US count of 10,000+ includes other
  // munitions-related materiel, so we do not stretch the upper end that far).
  containers: pert(5_500, 6_700, 8_000),
  // Rounds per container if it carries 152mm shells: 90% credible interval 380-600.
  roundsPerContainer: lognormal.ci(380, 600),
  // Share of containers carrying shells rather than rockets, missiles or other materiel: mean 0.7.
  shareCarryingShells: beta(7, 3),
  // Price per round in USD, between a Russian production cost and far below NATO prices: 90% CI 300-2,500.
  pricePerShellUsd: lognormal.ci(300, 2_500),
};
const northKoreaGdpUsd = 25e9; // Bank of Korea estimate

// Each input is drawn from its own stream of the seed, so adding an input never changes the others.
const run = model({ seed: 'nk-2024-02-26' })
  .input('containers', assumptions.containers)
  .input('roundsPerContainer', assumptions.roundsPerContainer)
  .input('shareCarryingShells', assumptions.shareCarryingShells)
  .input('pricePerShellUsd', assumptions.pricePerShellUsd)
  // What the official statements convert: every container full of 152mm rounds. Expressions (rather
  // than callbacks) let salvo see exactly which inputs each quantity depends on.
  .derive('capacityRounds', 'containers * roundsPerContainer')
  // Our estimate: only a share of the containers carries shells.
  .derive('shells', 'capacityRounds * shareCarryingShells')
  .derive('valueUsd', 'shells * pricePerShellUsd')
  .run({ samples: sampleCount });

// ---- Report -----------------------------------------------------------------------------------
const ninety = (name: 'capacityRounds' | 'shells' | 'valueUsd', format = formatNumber) => {
  const { p5, p50, p95 } = run.summary(name).quantiles;
  return formatInterval({ estimate: p50, lower: p5, upper: p95, level: 0.9 }, (x) => format(x));
};

console.log('North Korean 152mm shells to Russia, Sept 2023 – Feb 2024');
console.log(`${sampleCount.toLocaleString('en-US')} samples, seed 'nk-2024-02-26'\n`);
console.log('Assumptions:');
for (const [name, dist] of Object.entries(assumptions)) console.log(`  ${name.padEnd(20)} ${dist}`);
console.log('');

// 1. Totals against the two public figures.
console.log(
  `Capacity-equivalent rounds (every container full of shells): ${ninety('capacityRounds')}`,
);
console.log(`Estimated 152mm shells (share of containers carrying them):   ${ninety('shells')}`);
const aboveThree = run.probabilityInterval('shells', '>', 3e6);
console.log(
  `  P(shells > South Korea's 3M capacity figure) = ${formatPercent(aboveThree.probability, { digits: 3 })} (Monte Carlo error ±${formatPercent(1.96 * aboveThree.standardError)})`,
);
const { p5, p95 } = run.summary('shells').quantiles;
console.log(
  `  Ukraine's 1.5M is ${p5 <= 1.5e6 && 1.5e6 <= p95 ? 'inside' : 'outside'} the 90% interval`,
);
console.log('');
console.log(
  terminalHistogram(run.histogram('shells', { bins: 12, range: [0, 6e6] }), {
    width: 36,
    markers: [
      { value: 3e6, label: "South Korea's 3M (capacity)" },
      { value: 1.5e6, label: "Ukraine's 1.5M" },
    ],
  }),
);
console.log('');

// 2. Value, in dollars and as a share of North Korea's economy.
console.log(`Value in USD: ${ninety('valueUsd', (x) => formatUsd(x))}`);
console.log(
  `  as a share of North Korea's ~$25B economy: median ${formatPercent(run.quantile('valueUsd', 0.5) / northKoreaGdpUsd)}`,
);
console.log('');

// 4. Which input drives the uncertainty in the number of shells?
const drivers = run.sensitivity('shells');
console.log(
  'What drives the range of shells (tornado: median shells with the input at its p10 / p90):',
);
console.log(
  textTable(
    drivers.inputs.map((d) => [
      d.input,
      formatNumber(d.tornado.outputAtLow),
      formatNumber(d.tornado.outputAtHigh),
      d.rankCorrelation.toFixed(2),
      formatPercent(d.firstOrder),
    ]),
    {
      header: ['input', 'at p10', 'at p90', 'rank corr.', 'first-order'],
      align: ['left', 'right', 'right', 'right', 'right'],
    },
  ),
);
console.log('');

// 5. Triangulation: weigh every sample by how well it agrees with Ukraine's 1.5 million, read as
//    "1.5 million, give or take 40%" (a lognormal likelihood). The samples stay; their weights change.
const triangulated = model({ seed: 'nk-2024-02-26' })
  .input('containers', assumptions.containers)
  .input('roundsPerContainer', assumptions.roundsPerContainer)
  .input('shareCarryingShells', assumptions.shareCarryingShells)
  .derive('shells', 'containers * roundsPerContainer * shareCarryingShells')
  .observe('shells', lognormal(Math.log(1.5e6), 0.4))
  .run({ samples: sampleCount, keep: ['shells'] });
const posterior = triangulated.summary('shells');
console.log(
  `Shells, given also Ukraine's 1.5M (±40%): ${formatInterval({ estimate: posterior.quantiles.p50, lower: posterior.quantiles.p5, upper: posterior.quantiles.p95, level: 0.9 })}`,
);
console.log(
  `  effective sample size ${formatNumber(triangulated.effectiveSampleSize)} of ${formatNumber(sampleCount)}${triangulated.warnings.length > 0 ? ` — ${triangulated.warnings[0].message}` : ''}`,
);
