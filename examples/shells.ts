/**
 * How many 152mm shells could 6,700 containers hold? A first Fermi estimate with salvo's sampling core.
 *
 * Sources (see ../shared/context/scenario.md): South Korea's defence minister, 26 Feb 2024: "about
 * 6,700 containers" since September 2023, which "could hold about three million rounds of 152mm
 * shells"; Ukraine's president: about 1.5 million shells.
 *
 * Run: npx tsx examples/shells.ts   (or npm run example)
 */
import { createRng, uniform } from '../src/index.js';

const samples = Number(process.env.SALVO_SAMPLES ?? 1_000_000);
const rng = createRng('nk-2024-02-26');

// "About 6,700": we read it as somewhere between 6,000 and 7,400 containers.
const containers = uniform(6_000, 7_400).sample(samples, rng);
// Capacity: weight allows 470–610 rounds per 20-ft container; official conversions use 400–500.
const roundsPerContainer = uniform(400, 610).sample(samples, rng);
// Not every container carries 152mm shells (rockets, missiles, other materiel): assume 40–90% do.
const shareCarryingShells = uniform(0.4, 0.9).sample(samples, rng);

const shells = new Float64Array(samples);
for (let i = 0; i < samples; i++) {
  shells[i] = containers[i] * roundsPerContainer[i] * shareCarryingShells[i];
}

const sorted = Float64Array.from(shells).sort();
const at = (p: number) => sorted[Math.round(p * (samples - 1))];
let above3M = 0;
for (let i = 0; i < samples; i++) if (shells[i] > 3_000_000) above3M++;
const millions = (x: number) => `${(x / 1e6).toFixed(2)}M`;

console.log(`Shells shipped, ${samples.toLocaleString('en-US')} samples, seed 'nk-2024-02-26'`);
console.log(
  `  median ${millions(at(0.5))}   90% interval ${millions(at(0.05))} – ${millions(at(0.95))}`,
);
console.log(`  P(more than South Korea's 3M) = ${((100 * above3M) / samples).toFixed(1)}%`);
console.log(
  `  Ukraine's 1.5M is ${at(0.05) <= 1.5e6 && 1.5e6 <= at(0.95) ? 'inside' : 'outside'} the 90% interval`,
);
