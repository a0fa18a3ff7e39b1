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
import { beta, deriveRng, lognormal, pert, quantiles, samples, seedWords } from '../src/index.js';

const sampleCount = Number(process.env.SALVO_SAMPLES ?? 1_000_000);
const seed = seedWords('nk-2024-02-26');
// One independent stream per input, so adding an input never changes the others' samples.
const stream = (name: string) => deriveRng(seed, name, 0);

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

const inputs = Object.fromEntries(
  Object.entries(assumptions).map(([name, dist]) => [
    name,
    samples(dist.sample(sampleCount, stream(name))),
  ]),
) as Record<keyof typeof assumptions, ReturnType<typeof samples>>;

const capacityRounds = inputs.containers.mul(inputs.roundsPerContainer);
const shells = capacityRounds.mul(inputs.shareCarryingShells);
const valueUsd = shells.mul(inputs.pricePerShellUsd);

const fmt = (x: number, unit = '') =>
  x >= 1e9
    ? `${unit}${(x / 1e9).toFixed(1)}B`
    : x >= 1e6
      ? `${unit}${(x / 1e6).toFixed(2)}M`
      : x.toFixed(0);
const interval = (s: ReturnType<typeof samples>, unit = '') => {
  const [p5, p50, p95] = quantiles(s.values, [0.05, 0.5, 0.95]);
  return `${fmt(p50, unit)} (90%: ${fmt(p5, unit)} – ${fmt(p95, unit)})`;
};

console.log(`North Korean 152mm shells to Russia, Sept 2023 – Feb 2024`);
console.log(`${sampleCount.toLocaleString('en-US')} samples, seed 'nk-2024-02-26'\n`);
console.log('Assumptions:');
for (const [name, dist] of Object.entries(assumptions)) console.log(`  ${name.padEnd(20)} ${dist}`);
console.log('');
console.log(
  `Capacity-equivalent rounds (every container full of shells): ${interval(capacityRounds)}`,
);
console.log(`Estimated 152mm shells (share of containers carrying them):   ${interval(shells)}`);
console.log(
  `  P(shells > South Korea's 3M capacity figure) = ${(100 * shells.probability('>', 3e6)).toFixed(1)}%`,
);
const [lo, hi] = quantiles(shells.values, [0.05, 0.95]);
console.log(
  `  Ukraine's 1.5M is ${lo <= 1.5e6 && 1.5e6 <= hi ? 'inside' : 'outside'} the 90% interval`,
);
console.log(`Value in USD: ${interval(valueUsd, '$')}`);
console.log(
  `  as a share of North Korea's ~$25B economy: median ${((100 * valueUsd.quantile(0.5)) / northKoreaGdpUsd).toFixed(1)}%`,
);
