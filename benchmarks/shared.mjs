// What several benchmark scripts share: the model engine's reference workload, the machine's
// description, and writing a table between markers in docs/performance.md.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The reference workload of the model-engine issue, with expressions (the form runParallel can send to
 * worker threads as data). `s` is the salvo module.
 */
export function referenceModel(s, seed = 'bench') {
  return s
    .model({ seed })
    .input('containers', s.pert(5000, 6700, 8000))
    .input('shellsPerContainer', s.lognormal.ci(300, 600))
    .input('shareCarryingShells', s.beta(8, 2))
    .input('pricePerShellUsd', s.lognormal.ci(800, 3000))
    .derive('shells', 'containers * shellsPerContainer * shareCarryingShells')
    .derive('valueUsd', 'shells * pricePerShellUsd');
}

/** "2 × AMD EPYC, 24 GiB, Node v20…" */
export function machine() {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** Replaces the text between `<!-- NAME:START -->` and `<!-- NAME:END -->` in docs/performance.md. */
export function writeMarkedTable(name, table) {
  const path = join(here, '..', 'docs', 'performance.md');
  const doc = readFileSync(path, 'utf8');
  const start = `<!-- ${name}:START -->`;
  const end = `<!-- ${name}:END -->`;
  if (!doc.includes(start) || !doc.includes(end)) {
    throw new Error(`docs/performance.md has no ${start} … ${end} markers`);
  }
  writeFileSync(
    path,
    doc.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${table}\n${end}`),
  );
}

/**
 * A command pinned to CPU `index % cpus`, when `taskset` exists (BENCH_PIN=0 turns pinning off).
 *
 * Why: this machine's two vCPUs are not equal, and which one is slow changes over minutes (a noisy
 * neighbour on the host). Measured 2026-11-27: a normal fill took 6.2 ns on one vCPU and 9.8 ns on the
 * other (numpy's 10.1 and 12.6 ns), then the other way round a quarter of an hour later. numpy's side
 * runs once pinned to each CPU, so that its best includes the fast one. Node processes are not pinned
 * (V8's helper threads need the other CPU: pinned, a uniform fill ran 3× slower); several unpinned
 * processes per case meet the fast vCPU instead.
 */
export function pinned(index, command, args) {
  const cpu = index % cpus().length;
  if (process.env.BENCH_PIN === '0' || spawnSync('taskset', ['-c', '0', 'true']).status !== 0) {
    return { command, args, cpu: undefined };
  }
  return { command: 'taskset', args: ['-c', String(cpu), command, ...args], cpu };
}
