/**
 * A real redis-server for the BullMQ tests (Debian's package; .ci/run installs it): started on a free
 * loopback port with its files in a temporary folder, append-only so that a restart keeps the queue.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why Redis cannot be used here, or undefined when redis-server is installed. */
export function redisMissing(): string | undefined {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return found.error === undefined && found.status === 0
    ? undefined
    : 'redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it)';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RedisServer {
  readonly port: number;
  /** The running server's process id. */
  pid(): number;
  /** Stops the server (saving the append-only file) and starts it again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  return child;
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'salvo-redis-'));
  let child = await launch(port, dir);
  return {
    port,
    pid: () => child.pid as number,
    async restart() {
      child.kill('SIGTERM'); // redis-server saves and exits on SIGTERM
      await exited(child);
      child = await launch(port, dir);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}
