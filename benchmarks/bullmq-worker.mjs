// A worker process of benchmarks/bullmq.mjs: a salvo/bullmq shard worker holding the reference
// workload, on the Redis at 127.0.0.1:<port>. Prints "ready" once it listens; SIGTERM closes it.
import { createShardWorker } from '../dist/node/bullmq.js';
import { reference } from './reference-model.mjs';

const worker = await createShardWorker({
  connection: { host: '127.0.0.1', port: Number(process.argv[2]) },
  models: { reference },
});
await worker.waitUntilReady();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker.close().then(() => process.exit(0));
});
