// The reference workload as a module, for the command line and worker processes
// (benchmarks/shards.mjs runs `salvo shard` on it).
import * as salvo from '../dist/node/node.js';
import { referenceModel } from './shared.mjs';

export const reference = referenceModel(salvo, 'shards');
