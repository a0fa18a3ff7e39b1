/**
 * The worker thread of `runParallel`: loads the model, then evaluates the tasks (ranges of samples)
 * the main thread sends, writing kept nodes straight into shared arrays and sending back per-segment
 * statistics; at the end it sends the sketches of the unkept nodes.
 * @internal
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { planCorrelations } from '../model/correlation.js';
import {
  BlockEvaluator,
  evaluateTask,
  keptAccumulator,
  sketchedDuringRun,
} from '../model/engine.js';
import { summaryLevels } from '../model/precision.js';
import { seedWords } from '../rng/seed.js';
import { finiteQuantiles, quantiles } from '../samples/summary.js';
import { QuantileSketch } from '../summary/sketch.js';
import {
  errorToData,
  type FromWorker,
  loadModel,
  type ToWorker,
  type WorkerInit,
} from './protocol.js';

function requirePort(): NonNullable<typeof parentPort> {
  if (parentPort === null)
    throw new Error('salvo: the runParallel worker must run in a worker thread');
  return parentPort;
}
const port = requirePort();
// Messages are copied, never transferred: transferring an ArrayBuffer detaches it, and the first detach
// in a thread invalidates V8's "no buffer was ever detached" protector, after which every optimized
// typed-array loop of the thread is deoptimized and recompiled with detach checks. The per-task
// statistics are a few tens of kilobytes; copying them costs far less than that (measured with
// `node benchmarks/thread-probe.mjs one-worker`: see docs/performance.md).
const send = (message: FromWorker): void => port.postMessage(message);

async function start(init: WorkerInit): Promise<void> {
  const m = await loadModel(init.source, 'runParallel (worker)');
  const names = m.nodes.map((n) => n.name);
  if (names.join() !== init.names.join() || m.seed !== init.seed) {
    throw new Error(
      `runParallel: the worker's model (seed ${JSON.stringify(m.seed)}, nodes [${names.join(', ')}]) differs from the main thread's (seed ${JSON.stringify(init.seed)}, nodes [${init.names.join(', ')}]); the module must build the same model in every thread (a fixed seed, no randomness at import)`,
    );
  }
  const kept = init.kept.map((buffer) => (buffer === null ? undefined : new Float64Array(buffer)));
  const evaluator = new BlockEvaluator(
    m.nodes,
    seedWords(m.seed),
    init.block,
    kept,
    planCorrelations(m.correlations, 'runParallel (worker)'),
  );
  const sketches = m.nodes.map((node, j) =>
    sketchedDuringRun(node, kept[j] !== undefined) ? new QuantileSketch() : undefined,
  );

  port.on('message', (message: ToWorker) => {
    try {
      if (message.type === 'finish') {
        send({ type: 'sketches', states: sketches.map((s) => s?.toState() ?? null) });
        return;
      }
      if (message.type === 'summarise') {
        // What ModelRun.summary would compute on the calling thread, with the same functions.
        const values = kept[message.node] as Float64Array;
        const moments = keptAccumulator(values);
        const ps = moments.count > 0 ? summaryLevels(message.probabilities, moments.count) : [];
        const read = moments.nonFinite === 0 ? finiteQuantiles : quantiles;
        send({
          type: 'summary',
          node: message.node,
          moments: moments.toData(),
          ps,
          values: ps.length > 0 ? read(values, ps) : [],
        });
        return;
      }
      const { index, first, length } = message;
      const stats = evaluateTask(evaluator, init.block, init.folded, first, length, sketches);
      send({ type: 'done', index, stats });
    } catch (error) {
      send({ type: 'error', error: errorToData(error) });
    }
  });
  send({ type: 'ready' });
}

start(workerData as WorkerInit).catch((error: unknown) => {
  send({ type: 'error', error: errorToData(error) });
});
