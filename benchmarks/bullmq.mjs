// One run through Redis against runParallel's threads on the same machine: the reference workload,
// nothing kept, SAMPLES samples (default 1e9) as SHARDS jobs (default 60: the last round of jobs
// leaves cores idle for about half a job) taken by WORKERS salvo/bullmq worker processes (default 3,
// started before the clock: they are long-lived), against runParallel with THREADS threads (default
// 2: this machine's cores), REPEATS times each (default 3), alternating, so that both ways meet the
// same moods of this shared machine. Both are timed up to the outputs' summaries
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
const shards = Number(process.env.SHARDS ?? 60);
const repeats = Number(process.env.REPEATS ?? 3);
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

const redisTimes = [];
const threadTimes = [];
let viaRedis;
let threaded;
try {
  for (let r = 0; r < repeats; r++) {
    const model = reference;
    const redisStart = performance.now();
    const run = await submitRun({
      connection: { host: '127.0.0.1', port },
      model,
      modelId: 'reference',
      samples: samples + r, // another run each time (job ids come from the run): no cached answer
      shards,
      lazyInputs: true,
    });
    redisTimes.push((performance.now() - redisStart) / 1000);
    const threadStart = performance.now();
    const parallel = await salvo.runParallel(model, {
      samples: samples + r,
      workers: threads,
      keep: 'none',
    });
    threadTimes.push((performance.now() - threadStart) / 1000);
    viaRedis = { summaries: summaries(run) };
    threaded = { summaries: summaries(parallel) };
  }
} finally {
  await Promise.all(workers.map(stopped));
  await stopped(redis);
  rmSync(dir, { recursive: true, force: true });
}
viaRedis.seconds = Math.min(...redisTimes);
threaded.seconds = Math.min(...threadTimes);

const same = viaRedis.summaries === threaded.summaries;
const overhead = viaRedis.seconds / threaded.seconds - 1;
const row = {
  samples,
  shards,
  workers: workerCount,
  threads,
  repeats,
  redisSeconds: viaRedis.seconds,
  threadSeconds: threaded.seconds,
  redisTimes,
  threadTimes,
  overhead,
  same,
};
console.log(row);
const date = new Date().toISOString().slice(0, 10);
const table = [
  `Measured ${date} on ${machine()}; command \`npm run build && node benchmarks/bullmq.mjs\`; the reference workload, nothing kept, outputs' summaries; best of ${repeats} runs each, alternating.`,
  '',
  '| samples | way | wall time, s | notes |',
  '|---:|---|---:|---|',
  `| ${samples.toExponential(0)} | \`submitRun\`: ${shards} shard jobs, ${workerCount} worker processes, Redis on loopback | ${viaRedis.seconds.toFixed(1)} | ${overhead >= 0 ? '+' : ''}${(overhead * 100).toFixed(1)}% against the threads; every run: ${redisTimes.map((t) => t.toFixed(1)).join(', ')} s; summaries ${same ? 'equal to the threads’, to the bit' : 'DIFFER'} |`,
  `| ${samples.toExponential(0)} | \`runParallel\`, ${threads} threads | ${threaded.seconds.toFixed(1)} | every run: ${threadTimes.map((t) => t.toFixed(1)).join(', ')} s |`,
].join('\n');
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results', 'bullmq.json'),
  `${JSON.stringify({ date, machine: machine(), ...row }, null, 2)}\n`,
);
if (print) console.log(table);
else writeMarkedTable('BULLMQ', table);
if (!same) process.exitCode = 1;
