/**
 * salvo/bullmq against a real redis-server and real worker processes: every completed run equals
 * model.run to the bit, every failure is a coded error, and no process is left running.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunProgress, submitRun, submitSweep } from '../../src/bullmq/index.js';
import { grid, type Model, type ModelRun, SalvoError, sweep } from '../../src/index.js';
import { broken, flaky, reference, roundsAt } from './models.js';
import { type RedisServer, redisMissing, startRedis } from './redisServer.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const WORKER = fileURLToPath(new URL('./workerProcess.ts', import.meta.url));
const missing = redisMissing();
if (missing !== undefined) console.warn(`salvo/bullmq tests skipped: ${missing}`);

/** Every summary, quantile and histogram of a keep-'none' run, to compare to the bit. */
function report(run: ModelRun<string>, m: Model<string>) {
  return m.nodes.map((node) => ({
    summary: run.summary(node.name),
    quantile: run.quantile(node.name, 0.999),
    histogram: run.histogram(node.name, { bins: 9 }),
  }));
}

interface WorkerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** What the process has written to standard error so far (the worker's unattached errors). */
  stderr: string;
}

const processes: WorkerProcess[] = [];
const marker = join(mkdtempSync(join(tmpdir(), 'salvo-bullmq-')), 'flaky-threw');

/** Starts worker processes on a queue and waits until each listens. */
async function startWorkers(
  count: number,
  options: { port: number; queueName: string; models?: 'same' | 'changed'; workerOptions?: object },
): Promise<WorkerProcess[]> {
  const started = Array.from({ length: count }, async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', WORKER, JSON.stringify({ models: 'same', ...options })],
      {
        cwd: REPO,
        env: { ...process.env, SALVO_TEST_MARKER: marker },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const worker: WorkerProcess = { child, pid: child.pid as number, stderr: '' };
    processes.push(worker);
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ready')) resolve();
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        worker.stderr += chunk.toString();
      });
      child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${output}`)));
    });
    return worker;
  });
  return Promise.all(started);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopWorkers(workers: readonly WorkerProcess[]): Promise<void> {
  await Promise.all(
    workers.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exit = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exit;
    }),
  );
}

/** Resolves at the first progress report with samples done (a shard is running). */
function firstProgress(): { onProgress: (p: RunProgress) => void; started: Promise<void> } {
  let resolve = () => {};
  const started = new Promise<void>((r) => {
    resolve = r;
  });
  return { onProgress: (p) => p.samplesDone > 0 && resolve(), started };
}

describe.skipIf(missing !== undefined)('salvo/bullmq on a real Redis and worker processes', () => {
  let redis: RedisServer;
  let connection: { host: string; port: number };
  let redisPid = 0;

  beforeAll(async () => {
    redis = await startRedis();
    redisPid = redis.pid();
    connection = { host: '127.0.0.1', port: redis.port };
    await startWorkers(3, { port: redis.port, queueName: 'main' });
  }, 60_000);

  afterAll(async () => {
    await stopWorkers(processes);
    const lastRedis = redis?.pid();
    await redis?.stop();
    // Nothing left running: every worker process and both Redis processes are gone.
    for (const { pid } of processes) expect(alive(pid), `worker ${pid}`).toBe(false);
    for (const pid of [redisPid, lastRedis])
      if (pid) expect(alive(pid), `redis ${pid}`).toBe(false);
  }, 60_000);

  it('uneven shards over three workers give model.run to the bit, with progress to the end', async () => {
    const samples = 100_003; // 25 segments in 7 shards of 3 or 4; the last segment short
    const seen: RunProgress[] = [];
    // Exact counts (±Infinity and -0 survive the jobs' JSON).
    const thresholds = { valueUsd: [3e9, Number.POSITIVE_INFINITY], shells: [-0, 2.5e6] };
    const run = await submitRun({
      connection,
      queueName: 'main',
      model: reference,
      modelId: 'reference',
      samples,
      shards: 7,
      quantiles: [0.999],
      thresholds,
      onProgress: (p) => seen.push(p),
    });
    const whole = reference.run({ samples, keep: 'none', quantiles: [0.999], thresholds });
    expect(report(run, reference)).toEqual(report(whole, reference));
    for (const [name, list] of Object.entries(thresholds) as ['valueUsd' | 'shells', number[]][]) {
      for (const t of list) {
        for (const op of ['<', '==', '>='] as const) {
          expect(run.probability(name, op, t)).toBe(whole.probability(name, op, t));
        }
      }
    }
    const last = seen.at(-1) as RunProgress;
    expect(last).toEqual({ samplesDone: samples, samples, shardsDone: 7, shards: 7 });
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i].shardsDone).toBeGreaterThanOrEqual(seen[i - 1].shardsDone);
    }
  }, 60_000);

  it('exact quantiles: a second pass over the workers gives model.run’s, to the bit', async () => {
    const samples = 400_000;
    const seen: RunProgress[] = [];
    const run = await submitRun({
      connection,
      queueName: 'main',
      model: reference,
      modelId: 'reference',
      samples,
      shards: 5,
      exactQuantiles: ['valueUsd', 'shells'],
      quantiles: [0.999],
      onProgress: (p) => seen.push(p),
    });
    const whole = reference.run({
      samples,
      keep: 'none',
      exactQuantiles: ['valueUsd', 'shells'],
      quantiles: [0.999],
    });
    expect(report(run, reference)).toEqual(report(whole, reference));
    expect(run.summary('valueUsd').quantileMethod).toBe('exact');
    // Both passes report: twice the samples, twice the shards.
    expect(seen.at(-1)).toEqual({
      samplesDone: 2 * samples,
      samples: 2 * samples,
      shardsDone: 10,
      shards: 10,
    });
  }, 60_000);

  it('Sobol points and lazy inputs, more shards than segments', async () => {
    const samples = 3 * 4096;
    const run = await submitRun({
      connection,
      queueName: 'main',
      model: reference,
      modelId: 'reference',
      samples,
      shards: 5, // three segments: two shards have none and are not submitted
      sampling: 'sobol',
      lazyInputs: true,
    });
    const whole = reference.run({ samples, keep: 'none', sampling: 'sobol' });
    expect(report(run, reference)).toEqual(report(whole, reference));
  }, 60_000);

  it('the same run submitted twice at once is computed once; again later it is answered from Redis', async () => {
    const options = {
      connection,
      queueName: 'main',
      model: reference,
      modelId: 'reference',
      samples: 200_000,
      shards: 4,
    } as const;
    const [a, b] = await Promise.all([submitRun(options), submitRun(options)]);
    expect(report(a, reference)).toEqual(report(b, reference));
    const progress: RunProgress[] = [];
    const again = await submitRun({ ...options, onProgress: (p) => progress.push(p) });
    expect(report(again, reference)).toEqual(
      report(reference.run({ samples: 200_000, keep: 'none' }), reference),
    );
    expect(progress).toEqual([]); // no job ran: the finished run's part was read back
  }, 60_000);

  it('a sweep: one flow per point, the rows of sweep() to the bit, progress over all points', async () => {
    const points = grid({ roundsPerContainer: [300, 450, 600], scenario: ['steady', 'surge'] });
    const seen: RunProgress[] = [];
    const swept = await submitSweep({
      connection,
      queueName: 'main',
      build: roundsAt,
      modelId: 'rounds',
      points,
      samples: 30_000,
      shards: 3,
      quantiles: [0.99],
      exactQuantiles: ['rounds'],
      onProgress: (p) => seen.push(p),
    });
    const local = sweep(roundsAt, points, {
      samples: 30_000,
      quantiles: [0.99],
      exactQuantiles: ['rounds'],
    });
    expect(local.rows[0].summaries.rounds?.quantileMethod).toBe('exact');
    expect(swept).toEqual(local);
    // Two passes per point (the counts, then the gathering of exact quantiles), 3 shards each.
    expect(seen.at(-1)).toEqual({
      samplesDone: 2 * 6 * 30_000,
      samples: 2 * 6 * 30_000,
      shardsDone: 36,
      shards: 36,
    });
    // A single run of a builder's id, and a point that cannot travel as JSON, are refused.
    const single = await submitRun({
      connection,
      queueName: 'main',
      model: roundsAt(points[0]),
      modelId: 'rounds',
      samples: 10_000,
      shards: 1,
    }).catch((e: unknown) => e);
    expect((single as SalvoError).code).toBe('INVALID_PARAMETER');
    expect((single as SalvoError).message).toContain('submit it with submitSweep');
    const bad = await submitSweep({
      connection,
      build: roundsAt,
      modelId: 'rounds',
      points: [{ roundsPerContainer: Number.POSITIVE_INFINITY, scenario: 'steady' }],
      samples: 10_000,
      shards: 1,
    }).catch((e: unknown) => e);
    expect((bad as SalvoError).parameter).toBe('points[0]');
  }, 60_000);

  it('a shard that throws once is retried and the run is exact', async () => {
    expect(existsSync(marker)).toBe(false);
    const run = await submitRun({
      connection,
      queueName: 'main',
      model: flaky,
      modelId: 'flaky',
      samples: 50_000,
      shards: 3,
      backoffMs: 50,
    });
    expect(existsSync(marker)).toBe(true); // it did throw
    expect(report(run, flaky)).toEqual(report(flaky.run({ samples: 50_000, keep: 'none' }), flaky));
  }, 60_000);

  it('a shard that throws on every attempt fails the run with JOB_FAILED and its reason', async () => {
    const error = await submitRun({
      connection,
      queueName: 'main',
      model: broken,
      modelId: 'broken',
      samples: 20_000,
      shards: 2,
      attempts: 2,
      backoffMs: 20,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalvoError);
    expect((error as SalvoError).code).toBe('JOB_FAILED');
    expect((error as SalvoError).message).toContain('broken: this callback always throws');
  }, 60_000);

  it('a model id the workers do not know fails at once with a coded error', async () => {
    const error = await submitRun({
      connection,
      queueName: 'main',
      model: reference,
      modelId: 'unknown-model',
      samples: 10_000,
      shards: 2,
      attempts: 5,
      backoffMs: 5000, // a retry would outlast the test: the failure is final
    }).catch((e: unknown) => e);
    expect((error as SalvoError).code).toBe('INVALID_PARAMETER');
    expect((error as SalvoError).message).toContain('no model "unknown-model"');
  }, 20_000);

  it('a worker whose model differs from the submitter’s refuses with PARTIAL_MISMATCH', async () => {
    const stale = await startWorkers(1, {
      port: redis.port,
      queueName: 'stale',
      models: 'changed',
    });
    const error = await submitRun({
      connection,
      queueName: 'stale',
      model: reference,
      modelId: 'reference',
      samples: 10_000,
      shards: 2,
      backoffMs: 5000,
    }).catch((e: unknown) => e);
    expect((error as SalvoError).code).toBe('PARTIAL_MISMATCH');
    expect((error as SalvoError).message).toContain('fingerprint');
    await stopWorkers(stale);
  }, 60_000);

  it('an aborted wait rejects with the reason; the jobs stay, and the same run submitted again is picked up', async () => {
    const options = {
      connection,
      queueName: 'later', // no worker yet
      model: reference,
      modelId: 'reference',
      samples: 30_000,
      shards: 3,
    } as const;
    const controller = new AbortController();
    const reason = new Error('the user gave up');
    setTimeout(() => controller.abort(reason), 300);
    await expect(submitRun({ ...options, signal: controller.signal })).rejects.toBe(reason);
    const queue = new Queue('later', { connection });
    const waiting = await queue.getJobCounts('waiting', 'waiting-children');
    await queue.close();
    expect(waiting).toEqual({ waiting: 3, 'waiting-children': 1 });
    // A huge run is accepted too (nothing is kept; the samples are the workers'), and aborted at once.
    const huge = new AbortController();
    setTimeout(() => huge.abort(reason), 100);
    await expect(
      submitRun({
        ...options,
        queueName: 'never',
        samples: 1e12,
        shards: 1000,
        signal: huge.signal,
      }),
    ).rejects.toBe(reason);
    const late = await startWorkers(1, { port: redis.port, queueName: 'later' });
    const run = await submitRun(options);
    expect(report(run, reference)).toEqual(
      report(reference.run({ samples: 30_000, keep: 'none' }), reference),
    );
    await stopWorkers(late);
  }, 60_000);

  /** Fault cases: two shards long enough to report progress before they end, on workers with short locks. */
  const faultSamples = 20_000_000;
  const faultLocks = { lockDuration: 2000, stalledInterval: 1000 };
  const faultRun = (queueName: string, onProgress: (p: RunProgress) => void) =>
    submitRun({
      connection,
      queueName,
      model: reference,
      modelId: 'reference',
      samples: faultSamples,
      shards: 2,
      onProgress,
    });
  let faultWhole: ReturnType<typeof report> | undefined;
  const wholeFaultRun = () => {
    faultWhole ??= report(reference.run({ samples: faultSamples, keep: 'none' }), reference);
    return faultWhole;
  };

  /**
   * Two fresh workers with short locks on their own queue, the fault run started on them, and the
   * worker process running one of its jobs once a shard has reported progress (workers are named
   * pid-<pid>).
   */
  async function faultRunOnFreshWorkers(queueName: string) {
    const workers = await startWorkers(2, {
      port: redis.port,
      queueName,
      workerOptions: faultLocks,
    });
    const { onProgress, started } = firstProgress();
    const running = faultRun(queueName, onProgress);
    await started;
    const queue = new Queue(queueName, { connection });
    try {
      const [job] = await queue.getJobs(['active']);
      const pid = Number(String(job.processedBy).replace('pid-', ''));
      const busy = workers.find((w) => w.pid === pid) as WorkerProcess;
      expect(busy, `the busy worker (pid ${pid})`).toBeDefined();
      return { workers, running, busy };
    } finally {
      await queue.close();
    }
  }

  it('a worker killed with SIGKILL mid-job: its job is taken over and the run is exact', async () => {
    const { workers, running, busy } = await faultRunOnFreshWorkers('killed');
    const victim = busy.pid;
    process.kill(victim, 'SIGKILL');
    const run = await running;
    expect(alive(victim)).toBe(false);
    expect(report(run, reference)).toEqual(wholeFaultRun());
    await stopWorkers(workers);
  }, 60_000);

  it('a worker frozen past its lock (SIGSTOP) while another redoes its job: a duplicate delivery, one exact result', async () => {
    const { workers, running, busy } = await faultRunOnFreshWorkers('frozen');
    const frozen = busy.pid;
    process.kill(frozen, 'SIGSTOP');
    // Past the lock and a stall check: the job goes back to the queue and the other worker takes it.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    process.kill(frozen, 'SIGCONT'); // it finishes its copy too
    const run = await running;
    expect(report(run, reference)).toEqual(wholeFaultRun());
    // A real duplicate: the frozen worker lost its lock, finishes its copy, and has its result refused
    // (its job completed and removed meanwhile, or locked by the other worker). Waited for before the
    // workers stop: a process that exits may drop what it had still to write.
    const refused =
      /(Missing (key|lock)|Lock mismatch) for job \S+-shard-\d+\. (Cmd )?moveToFinished/;
    for (let waited = 0; !refused.test(busy.stderr) && waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(busy.stderr).toContain('could not renew lock');
    expect(busy.stderr).toMatch(refused);
    await stopWorkers(workers);
  }, 60_000);

  it('Redis restarted mid-run: workers and submitter reconnect and the run is exact', async () => {
    const { onProgress, started } = firstProgress();
    const running = faultRun('main', onProgress);
    await started;
    await redis.restart();
    const run = await running;
    expect(report(run, reference)).toEqual(wholeFaultRun());
  }, 90_000);

  it('bad options are refused before anything reaches Redis', async () => {
    const unreachable = { host: '127.0.0.1', port: 1 };
    const base = { connection: unreachable, model: reference, modelId: 'reference', samples: 1e4 };
    for (const [options, parameter] of [
      [{ ...base, shards: 0 }, 'shards'],
      [{ ...base, shards: 2, modelId: 'a:b' }, 'modelId'],
      [{ ...base, shards: 2, samples: -1 }, 'samples'],
      [{ ...base, shards: 2, attempts: 1.5 }, 'attempts'],
      [{ ...base, shards: 2, backoffMs: Number.NaN }, 'backoffMs'],
      [{ ...base, shards: 2, quantiles: [2] }, 'quantiles[0]'],
      [{ ...base, shards: 2, shard: 1 }, 'options.shard'],
    ] as const) {
      const error = await submitRun(options as never).catch((e: unknown) => e);
      expect(error, parameter).toBeInstanceOf(SalvoError);
      expect((error as SalvoError).parameter, (error as Error).message).toBe(parameter);
    }
  });
});
