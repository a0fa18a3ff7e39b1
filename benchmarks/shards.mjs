// A run spread over processes with the command line, against runParallel's threads on the same
// machine: the reference workload, nothing kept, SAMPLES samples (default 1e9) cut into PROCESSES
// shards (default 2: this machine's cores), each `node bin/salvo.mjs shard …` in its own process at
// the same time, then `salvo merge`; and runParallel with as many threads. Checks that both give the
// same summaries to the bit. Usage: npm run build && node benchmarks/shards.mjs [--print]. Writes
// benchmarks/results/shards.json and the table between the SHARDS markers of docs/performance.md.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as salvo from '../dist/node/node.js';
import { reference } from './reference-model.mjs';
import { machine, writeMarkedTable } from './shared.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const samples = Number(process.env.SAMPLES ?? 1e9);
const processes = Number(process.env.PROCESSES ?? 2);
const print = process.argv.includes('--print');
const dir = mkdtempSync(join(tmpdir(), 'salvo-shards-'));

function salvoCommand(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repo, 'bin/salvo.mjs'), ...args], { cwd: repo });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`salvo ${args[0]} exited ${code}: ${err}`)),
    );
  });
}

const module = join(here, 'reference-model.mjs');

/** Runs the shards at once and merges them; returns the times, the part sizes and the merged JSON. */
async function shardsAndMerge(extra) {
  const start = performance.now();
  const files = Array.from({ length: processes }, (_, i) => join(dir, `part-${i}.salvopart`));
  await Promise.all(
    files.map((out, i) =>
      salvoCommand([
        'shard',
        module,
        '--export',
        'reference',
        '--samples',
        String(samples),
        '--shards',
        String(processes),
        '--shard',
        String(i),
        '--out',
        out,
        ...extra,
      ]),
    ),
  );
  const shardSeconds = (performance.now() - start) / 1000;
  const mergeStart = performance.now();
  const json = join(dir, 'run.json');
  await salvoCommand(['merge', module, '--export', 'reference', '--json', json, ...files]);
  const mergeSeconds = (performance.now() - mergeStart) / 1000;
  return {
    shardSeconds,
    mergeSeconds,
    partBytes: files.map((f) => statSync(f).size),
    merged: JSON.parse(readFileSync(json, 'utf8')),
  };
}

const full = await shardsAndMerge([]);
const lazy = await shardsAndMerge(['--lazy-inputs']);
const { shardSeconds, mergeSeconds, partBytes, merged } = full;

// Timed up to the same output as the merge's: every node's summary (runParallel's unkept inputs are
// summarised on request, by drawing them again on the calling thread).
const threadStart = performance.now();
const threaded = await salvo.runParallel(reference, { samples, workers: processes, keep: 'none' });
const threadRunSeconds = (performance.now() - threadStart) / 1000;
const threadJson = JSON.parse(JSON.stringify(threaded));
const threadSeconds = (performance.now() - threadStart) / 1000;
const same = JSON.stringify(merged) === JSON.stringify(threadJson);
const lazySame = Object.entries(lazy.merged.nodes).every(
  ([name, summary]) => JSON.stringify(summary) === JSON.stringify(threadJson.nodes[name]),
);
rmSync(dir, { recursive: true, force: true });

const total = shardSeconds + mergeSeconds;
const row = {
  samples,
  processes,
  shardSeconds,
  mergeSeconds,
  threadSeconds,
  threadRunSeconds,
  partBytes,
  lazyShardSeconds: lazy.shardSeconds,
  lazyMergeSeconds: lazy.mergeSeconds,
  lazyPartBytes: lazy.partBytes,
  lazySame,
  same,
  overhead: total / threadSeconds - 1,
};
console.log(row);
const date = new Date().toISOString().slice(0, 10);
const table = [
  `Measured ${date} on ${machine()}; command \`npm run build && node benchmarks/shards.mjs\`; the reference workload, nothing kept, one run each.`,
  '',
  '| samples | way | wall time, s | notes |',
  '|---:|---|---:|---|',
  `| ${samples.toExponential(0)} | ${processes} \`salvo shard\` processes at once, then \`salvo merge\` | ${total.toFixed(1)} | shards ${shardSeconds.toFixed(1)} s, merge ${mergeSeconds.toFixed(2)} s (a new process: loading the model and the files); parts of ${partBytes.map((b) => `${(b / 1024).toFixed(0)} KB`).join(', ')} |`,
  `| ${samples.toExponential(0)} | the same with \`--lazy-inputs\` | ${(lazy.shardSeconds + lazy.mergeSeconds).toFixed(1)} | shards ${lazy.shardSeconds.toFixed(1)} s, merge ${lazy.mergeSeconds.toFixed(2)} s; parts of ${lazy.partBytes.map((b) => `${(b / 1024).toFixed(0)} KB`).join(', ')}; the outputs' summaries ${lazySame ? 'equal to the threads’, to the bit' : 'DIFFER'} |`,
  `| ${samples.toExponential(0)} | \`runParallel\`, ${processes} threads, then every summary | ${threadSeconds.toFixed(1)} | the run ${threadRunSeconds.toFixed(1)} s, then the unkept inputs drawn again for their summaries on the calling thread; ${same ? 'every summary equal to the merged run’s, to the bit' : 'SUMMARIES DIFFER'} |`,
].join('\n');
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results', 'shards.json'),
  `${JSON.stringify({ date, machine: machine(), ...row }, null, 2)}\n`,
);
if (print) console.log(table);
else writeMarkedTable('SHARDS', table);
