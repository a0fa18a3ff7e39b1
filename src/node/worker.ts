/**
 * The worker thread of `runParallel`: for each run it is given (an `init` message; a pooled thread
 * gets many), loads the model, then evaluates the tasks (ranges of samples) the main thread sends,
 * writing kept nodes straight into shared arrays and sending back per-segment statistics; at the end
 * it sends the sketches of the unkept nodes, and summarises the kept nodes it is asked to.
 * @internal
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { SalvoError } from '../errors.js';
import { planCorrelations } from '../model/correlation.js';
import { BlockEvaluator } from '../model/evaluate.js';
import { ExactTracker } from '../model/exact.js';
import {
  createGroupSketches,
  keptAccumulator,
  type Sink,
  sinksOf,
  sketchedDuringRun,
} from '../model/nodeState.js';
import { summaryLevels } from '../model/precision.js';
import { evaluateSegments } from '../model/segments.js';
import { seedWords } from '../rng/seed.js';
import { quantilesInRange } from '../samples/quantiles.js';
import { QuantileSketch } from '../sketch/sketch.js';
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
  readonly evaluator: BlockEvaluator;
  readonly kept: readonly (Float64Array | undefined)[];
  readonly sketches: readonly (QuantileSketch | undefined)[];
  /** Under a sampling design: per unkept derived node, a sketch per group of segments. */
  readonly groupSketches: readonly (QuantileSketch[] | undefined)[];
  readonly exact: readonly (ExactTracker | undefined)[];
  /** Per node, what its values are handed to: its sketch and its exact tracker. */
  readonly sinks: readonly (Sink | undefined)[];
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
  const kept = init.kept.map((buffer) => (buffer === null ? undefined : new Float64Array(buffer)));
  const evaluator = new BlockEvaluator(
    m.nodes,
    seedWords(m.seed),
    init.block,
    kept,
    planCorrelations(m.correlations, 'runParallel (worker)'),
    init.design,
    'runParallel (worker)',
  );
  const sketches = m.nodes.map((node, j) =>
    sketchedDuringRun(node, kept[j] !== undefined) ? new QuantileSketch() : undefined,
  );
  const groupSketches = sketches.map((sketch) =>
    sketch === undefined ? undefined : createGroupSketches(init.design.groups),
  );
  const exact = init.exact.map((plan) =>
    plan === null ? undefined : new ExactTracker(plan, 'runParallel (worker)'),
  );
  const sinks = sinksOf(
    sketches.map((sketch, j) => ({ sketch, exact: exact[j], groupSketches: groupSketches[j] })),
  );
  return { init, evaluator, kept, sketches, groupSketches, exact, sinks };
}

function handle(message: ToWorker, state: RunState): void {
  if (message.type === 'finish') {
    send({
      type: 'sketches',
      states: state.sketches.map((s) => s?.toState() ?? null),
      groups: state.groupSketches.map((g) => g?.map((s) => s.toState()) ?? null),
      exact: state.exact.map((t) => t?.toCounts() ?? null),
    });
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
    const { index, first, length } = message;
    const stats = evaluateSegments(
      state.evaluator,
      state.init.block,
      state.init.folded,
      first,
      length,
      state.sinks,
    );
    send({ type: 'done', index, stats });
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
