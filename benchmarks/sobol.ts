// Time per point of fillSobol (scrambled Sobol points, src/designs/sobol.ts), in segments of 4,096
// points (the engine's SEGMENT_LENGTH) across 8 dimensions, and of the unscrambled generator for
// comparison. Prints the best of several rounds, by wall clock and by this process's CPU time (which
// other processes on a busy machine inflate less). Usage: npx tsx benchmarks/sobol.ts
import { fillSobol, fillUnscrambledSobol } from '../src/designs/sobol.js';

const SEGMENT = 4096;
const SEGMENTS = 256; // per dimension and round
const DIMENSIONS = 8;
const ROUNDS = 15;
const points = SEGMENT * SEGMENTS * DIMENSIONS;

const scramble = new Uint32Array([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344]);
const out = new Float64Array(SEGMENT);
const integers = new Uint32Array(SEGMENT);

function scrambled(): void {
  for (let d = 0; d < DIMENSIONS; d++) {
    for (let s = 0; s < SEGMENTS; s++) fillSobol(d, s * SEGMENT, scramble, out);
  }
}

function unscrambled(): void {
  for (let d = 0; d < DIMENSIONS; d++) {
    for (let s = 0; s < SEGMENTS; s++) fillUnscrambledSobol(d, s * SEGMENT, integers);
  }
}

function best(run: () => void): { wall: number; cpu: number } {
  let wall = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    const usage = process.cpuUsage();
    run();
    const used = process.cpuUsage(usage);
    wall = Math.min(wall, Number(process.hrtime.bigint() - start) / points);
    cpu = Math.min(cpu, ((used.user + used.system) * 1000) / points);
  }
  return { wall, cpu };
}

for (const [name, run] of [
  ['fillSobol (scrambled)', scrambled],
  ['fillUnscrambledSobol', unscrambled],
] as const) {
  const { wall, cpu } = best(run);
  console.log(`${name}: ${wall.toFixed(2)} ns/point (wall), ${cpu.toFixed(2)} ns/point (CPU)`);
}
