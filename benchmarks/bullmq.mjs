// One run through Redis against runParallel's threads on the same machine: the reference workload,
// nothing kept, SAMPLES samples (default 1e9) as SHARDS jobs (default 30) taken by WORKERS salvo/bullmq
// worker processes (default 3, started before the clock: they are long-lived), against runParallel
// with THREADS threads (default 2: this machine's cores). Both are timed up to the outputs' summaries
// (shards with lazyInputs, as runParallel summarises unkept inputs only when asked) and checked equal
// to the bit. Needs redis-server (Debian: apt-get install redis-server); started here on a free
// loopback port, without persistence. Usage: npm run build && node benchmarks/bullmq.mjs [--print].
// Writes benchmarks/results/bullmq.json and the table between the BULLMQ markers of
// docs/performance.md.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { submitRun } from '../dist/node/bullmq.js';
import * as salvo from '../dist/node/node.js';
import { reference } from './reference-model.mjs';
import { machine, writeMarkedTable } from './shared.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const samples = Number(process.env.SAMPLES ?? 1e9);
const shards = Number(process.env.SHARDS ?? 30);
const workerCount = Number(process.env.WORKERS ?? 3);
const threads = Number(process.env.THREADS ?? 2);
const print = process.argv.includes('--print');

const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = server.address();
    server.close(() => resolve(free));
  });
});
const dir = mkdtempSync(join(tmpdir(), 'salvo-bench-redis-'));

/** Spawns a process and resolves once it prints `ready` (or Redis says it accepts connections). */
function start(command, args, readyText) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes(readyText)) resolve(child);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.once('exit', (code) => reject(new Error(`${command} exited ${code}: ${output}`)));
  });
}

const stopped = (child) =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }
  });

const redis = await start(
  'redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
  'Ready to accept connections',
);
const workers = await Promise.all(
  Array.from({ length: workerCount }, () =>
    start(process.execPath, [join(here, 'bullmq-worker.mjs'), String(port)], 'ready'),
  ),
);

const outputs = ['shells', 'valueUsd'].filter((name) =>
  reference.nodes.some((n) => n.name === name),
);
const summaries = (run) => JSON.stringify(outputs.map((name) => run.summary(name)));

let viaRedis;
let threaded;
try {
  const redisStart = performance.now();
  const run = await submitRun({
    connection: { host: '127.0.0.1', port },
    model: reference,
    modelId: 'reference',
    samples,
    shards,
    lazyInputs: true,
  });
  viaRedis = { seconds: (performance.now() - redisStart) / 1000, summaries: summaries(run) };

  const threadStart = performance.now();
  const parallel = await salvo.runParallel(reference, { samples, workers: threads, keep: 'none' });
  threaded = { seconds: (performance.now() - threadStart) / 1000, summaries: summaries(parallel) };
} finally {
  await Promise.all(workers.map(stopped));
  await stopped(redis);
  rmSync(dir, { recursive: true, force: true });
}

const same = viaRedis.summaries === threaded.summaries;
const overhead = viaRedis.seconds / threaded.seconds - 1;
const row = {
  samples,
  shards,
  workers: workerCount,
  threads,
  redisSeconds: viaRedis.seconds,
  threadSeconds: threaded.seconds,
  overhead,
  same,
};
console.log(row);
const date = new Date().toISOString().slice(0, 10);
const table = [
  `Measured ${date} on ${machine()}; command \`npm run build && node benchmarks/bullmq.mjs\`; the reference workload, nothing kept, outputs' summaries, one run each.`,
  '',
  '| samples | way | wall time, s | notes |',
  '|---:|---|---:|---|',
  `| ${samples.toExponential(0)} | \`submitRun\`: ${shards} shard jobs, ${workerCount} worker processes, Redis on loopback | ${viaRedis.seconds.toFixed(1)} | ${(overhead * 100).toFixed(1)}% against the threads; summaries ${same ? 'equal to the threads’, to the bit' : 'DIFFER'} |`,
  `| ${samples.toExponential(0)} | \`runParallel\`, ${threads} threads | ${threaded.seconds.toFixed(1)} | |`,
].join('\n');
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results', 'bullmq.json'),
  `${JSON.stringify({ date, machine: machine(), ...row }, null, 2)}\n`,
);
if (print) console.log(table);
else writeMarkedTable('BULLMQ', table);
if (!same) process.exitCode = 1;
