/**
 * How many 152mm shells did North Korea's containers hold, and what were they worth?
 * A Fermi estimate with salvo's sampling core (the model engine will make this shorter).
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
import { beta, lognormal, model, pert } from '../src/index.js';

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
  // What the official statements convert: every container full of 152mm rounds.
  .derive('capacityRounds', ({ containers, roundsPerContainer }) =>
    containers.mul(roundsPerContainer),
  )
  // Our estimate: only a share of the containers carries shells.
  .derive('shells', ({ capacityRounds, shareCarryingShells }) =>
    capacityRounds.mul(shareCarryingShells),
  )
  .derive('valueUsd', ({ shells, pricePerShellUsd }) => shells.mul(pricePerShellUsd))
  .run({ samples: sampleCount });

const fmt = (x: number, unit = '') =>
  x >= 1e9
    ? `${unit}${(x / 1e9).toFixed(1)}B`
    : x >= 1e6
      ? `${unit}${(x / 1e6).toFixed(2)}M`
      : `${unit}${x.toFixed(0)}`;
const interval = (name: 'capacityRounds' | 'shells' | 'valueUsd', unit = '') => {
  const { p5, p50, p95 } = run.summary(name).quantiles;
  return `${fmt(p50, unit)} (90%: ${fmt(p5, unit)} – ${fmt(p95, unit)})`;
};

console.log('North Korean 152mm shells to Russia, Sept 2023 – Feb 2024');
console.log(`${sampleCount.toLocaleString('en-US')} samples, seed 'nk-2024-02-26'\n`);
console.log('Assumptions:');
for (const [name, dist] of Object.entries(assumptions)) console.log(`  ${name.padEnd(20)} ${dist}`);
console.log('');
console.log(
  `Capacity-equivalent rounds (every container full of shells): ${interval('capacityRounds')}`,
);
console.log(`Estimated 152mm shells (share of containers carrying them):   ${interval('shells')}`);
console.log(
  `  P(shells > South Korea's 3M capacity figure) = ${(100 * run.probability('shells', '>', 3e6)).toFixed(1)}%`,
);
const { p5, p95 } = run.summary('shells').quantiles;
console.log(
  `  Ukraine's 1.5M is ${p5 <= 1.5e6 && 1.5e6 <= p95 ? 'inside' : 'outside'} the 90% interval`,
);
console.log(`Value in USD: ${interval('valueUsd', '$')}`);
console.log(
  `  as a share of North Korea's ~$25B economy: median ${((100 * run.quantile('valueUsd', 0.5)) / northKoreaGdpUsd).toFixed(1)}%`,
);
