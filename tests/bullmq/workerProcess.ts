/**
 * A worker process of the BullMQ tests: `node --import tsx workerProcess.ts '<json options>'` starts a
 * shard worker and prints "ready" once it listens; SIGTERM closes it and ends the process.
 */
import { createShardWorker } from '../../src/bullmq/index.js';
import { workerModels } from './models.js';

const options = JSON.parse(process.argv[2]) as {
  port: number;
  queueName: string;
  models: 'same' | 'changed';
  workerOptions?: Record<string, unknown>;
};
const worker = await createShardWorker({
  connection: { host: '127.0.0.1', port: options.port },
  models: workerModels(options.models),
  queueName: options.queueName,
  workerOptions: { name: `pid-${process.pid}`, ...options.workerOptions },
});
worker.on('error', () => undefined); // connection errors while Redis restarts: ioredis reconnects
await worker.waitUntilReady();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker.close().then(() => process.exit(0));
});
