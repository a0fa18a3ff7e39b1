// Partial runs: how big a part is (encoded) against the segments it covers, how long merging P parts
// takes, and what a part costs against the same samples in one model.run (each part also evaluates the
// run's first segment, for the shift of its sums). The reference workload (six nodes), nothing kept.
// Usage: npm run build && node benchmarks/partials.mjs [--print]. Writes benchmarks/results/partials.json
// and the table between the PARTIALS markers of docs/performance.md (unless --print).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as salvo from '../dist/node/node.js';
import { machine, referenceModel, writeMarkedTable } from './shared.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const print = process.argv.includes('--print');
const m = referenceModel(salvo, 'partials');
const SEGMENT = 4096;

function best(f, repeats = 5) {
  let fastest = Number.POSITIVE_INFINITY;
  let result;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    result = f();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return { ms: fastest, result };
}

// 1. Size of one part, and its time against model.run of the same samples.
const sizeRows = [];
for (const segments of [1, 10, 100, 1000]) {
  const samples = segments * SEGMENT * 2; // the part covers the second half of the run
  const part = best(() => salvo.runPartial(m, { samples, segments: [segments, 2 * segments] }), 3);
  const whole = best(() => m.run({ samples: segments * SEGMENT, keep: 'none' }), 3);
  // A part summarises every node as it goes; model.run summarises unkept inputs when asked, by
  // drawing them again: the fair comparison asks for every node's summary.
  const summarised = best(() => {
    const run = m.run({ samples: segments * SEGMENT, keep: 'none' });
    for (const node of m.nodes) run.summary(node.name);
    return run;
  }, 3);
  const bytes = salvo.encodePartial(part.result).length;
  sizeRows.push({ segments, bytes, partMs: part.ms, runMs: whole.ms, summarisedMs: summarised.ms });
  console.log(
    `part of ${segments} segments: ${bytes} bytes, ${part.ms.toFixed(1)} ms (model.run of its samples ${whole.ms.toFixed(1)} ms, with every summary ${summarised.ms.toFixed(1)} ms)`,
  );
}

// 2. Merging P parts of one segment each (decode + mergePartials).
const mergeRows = [];
for (const parts of [10, 100, 1000]) {
  const samples = parts * SEGMENT;
  const files = Array.from({ length: parts }, (_, k) =>
    salvo.encodePartial(salvo.runPartial(m, { samples, segments: [k, k + 1] })),
  );
  const merge = best(() => salvo.mergePartials(m, files.map(salvo.decodePartial)), 3);
  const same =
    merge.result.summary('valueUsd').mean ===
    m.run({ samples, keep: 'none' }).summary('valueUsd').mean;
  mergeRows.push({ parts, ms: merge.ms, perPartMs: merge.ms / parts, same });
  console.log(
    `merge ${parts} parts: ${merge.ms.toFixed(1)} ms (${(merge.ms / parts).toFixed(3)} ms a part), equal to model.run: ${same}`,
  );
}

const date = new Date().toISOString().slice(0, 10);
const table = [
  `Measured ${date} on ${machine()}; command \`npm run build && node benchmarks/partials.mjs\`; best of 3; the reference workload (six nodes), nothing kept.`,
  '',
  "| segments in the part | encoded bytes | runPartial ms | model.run of the same samples, ms | the same and every node's summary, ms |",
  '|---:|---:|---:|---:|---:|',
  ...sizeRows.map(
    (r) =>
      `| ${r.segments.toLocaleString('en-US')} (${(r.segments * SEGMENT).toLocaleString('en-US')} samples) | ${r.bytes.toLocaleString('en-US')} | ${r.partMs.toFixed(1)} | ${r.runMs.toFixed(1)} | ${r.summarisedMs.toFixed(1)} |`,
  ),
  '',
  '| parts merged (one segment each) | decode + mergePartials, ms | per part, ms | equal to model.run |',
  '|---:|---:|---:|---|',
  ...mergeRows.map(
    (r) =>
      `| ${r.parts.toLocaleString('en-US')} | ${r.ms.toFixed(1)} | ${r.perPartMs.toFixed(3)} | ${r.same ? 'yes, to the bit' : 'NO'} |`,
  ),
].join('\n');
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results', 'partials.json'),
  `${JSON.stringify({ date, machine: machine(), sizeRows, mergeRows }, null, 2)}\n`,
);
if (print) console.log(table);
else writeMarkedTable('PARTIALS', table);
