/**
 * The worker thread of `runParallel`: for each run it is given (an `init` message; a pooled thread
 * gets many), loads the model, then evaluates the tasks (ranges of segments) the main thread sends as
 * partial runs — the same parts as `runPartial`'s, made in one context per thread — writing kept
 * nodes (and, with evidence, the weights) straight into shared arrays and sending back each part; at
 * the end it sends its exact trackers' counts, and summarises the kept nodes it is asked to.
 * @internal
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { SalvoError } from '../errors.js';
import { planCorrelations } from '../model/correlation.js';
import { ExactTracker } from '../model/exact.js';
import { keptAccumulator, sinkOf } from '../model/nodeState.js';
import { PartContext, PartialRunner } from '../model/partial.js';
import { summaryLevels } from '../model/precision.js';
import { quantilesInRange } from '../samples/quantiles.js';
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

/** What one run needs in this thread. */
interface RunState {
  readonly init: WorkerInit;
  /** The run's parts in this thread: evaluator, kept arrays, shifts, weighing. */
  readonly context: PartContext;
  readonly kept: readonly (Float64Array | undefined)[];
  /** The thread's exact trackers (windows and thresholds), which every part's values also go to. */
  readonly exact: readonly (ExactTracker | undefined)[];
}

let current: RunState | undefined;
/** The latest run this thread was given: a slower, earlier `init` must not replace it. */
let latestRun = -1;

async function prepare(init: WorkerInit): Promise<RunState> {
  const m = await loadModel(init.source, 'runParallel (worker)');
  const names = m.nodes.map((n) => n.name);
  if (names.join() !== init.names.join() || m.seed !== init.seed) {
    throw new SalvoError(
      'MODULE_LOAD_FAILED',
      `runParallel: the worker's model (seed ${JSON.stringify(m.seed)}, nodes [${names.join(', ')}]) differs from the main thread's (seed ${JSON.stringify(init.seed)}, nodes [${init.names.join(', ')}]); the module must build the same model in every thread (a fixed seed, no randomness at import)`,
      { parameter: 'source.module', value: names },
    );
  }
  const where = 'runParallel (worker)';
  const kept = init.kept.map((buffer) => (buffer === null ? undefined : new Float64Array(buffer)));
  const exact = init.exact.map((plan) =>
    plan === null ? undefined : new ExactTracker(plan, where),
  );
  const plan = {
    total: init.total,
    block: init.block,
    correlations: planCorrelations(m.correlations, where),
    design: init.design,
    signal: undefined,
  };
  const context = new PartContext(m, plan, init.summarised, new Map(), where, {
    kept,
    keptWeights: init.keptWeights === null ? undefined : new Float64Array(init.keptWeights),
    sinks: exact.map((tracker) => (tracker === undefined ? undefined : sinkOf(tracker))),
  });
  return { init, context, kept, exact };
}

function handle(message: ToWorker, state: RunState): void {
  if (message.type === 'finish') {
    send({ type: 'counts', exact: state.exact.map((t) => t?.toCounts() ?? null) });
  } else if (message.type === 'collect') {
    send({
      type: 'collected',
      values: message.questions.map((q) =>
        (state.exact[q.node] as ExactTracker).collect(q.buckets),
      ),
    });
  } else if (message.type === 'summarise') {
    // What ModelRun.summary would compute on the calling thread, with the same functions.
    const values = state.kept[message.node] as Float64Array;
    const moments = keptAccumulator(values, state.init.design.groups);
    const ps = moments.count > 0 ? summaryLevels(message.probabilities, moments.count) : [];
    send({
      type: 'summary',
      node: message.node,
      moments: moments.toData(),
      ps,
      values: ps.length > 0 ? quantilesInRange(values, ps, moments) : [],
    });
  } else if (message.type === 'task') {
    const runner = new PartialRunner(state.context, message.segments, []);
    while (!runner.done) runner.step();
    send({ type: 'done', index: message.index, part: runner.result() });
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'init') {
    const run = message.init.run;
    latestRun = run;
    current = undefined;
    prepare(message.init).then(
      (state) => {
        if (run !== latestRun) return;
        current = state;
        send({ type: 'ready', run });
      },
      (error: unknown) => {
        if (run === latestRun) send({ type: 'error', error: errorToData(error) });
      },
    );
    return;
  }
  if (message.type === 'end') {
    current = undefined;
    latestRun = -1; // an init still loading belongs to the run that ended
    return;
  }
  try {
    if (current === undefined) throw new Error('runParallel (worker): a message came before init');
    handle(message, current);
  } catch (error) {
    send({ type: 'error', error: errorToData(error) });
  }
});
