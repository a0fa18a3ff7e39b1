// The model tests/built/parallel-mixing.mjs runs in worker threads: the reference workload plus the id
// of the thread that computed each sample (0: the calling thread).
import { threadId } from 'node:worker_threads';
import { referenceModel } from '../../benchmarks/shared.mjs';
import * as salvo from '../../dist/node/node.js';

export const withThread = referenceModel(salvo).deriveEach('thread', () => threadId);
