/**
 * The reference workload of the partial-run and runner tests (benchmarks/shared.mjs has the
 * benchmarks' own): six nodes, expressions only. Another `containersMax` is another model (another
 * fingerprint), for the tests of mismatched parts and stale workers.
 */
import { beta, lognormal, model, pert } from '../../src/index.js';

export function referenceWorkload(seed: string, containersMax = 8000) {
  return model({ seed })
    .input('containers', pert(5000, 6700, containersMax))
    .input('shellsPerContainer', lognormal.ci(300, 600))
    .input('share', beta(8, 2))
    .input('priceUsd', lognormal.ci(800, 3000))
    .derive('shells', 'containers * shellsPerContainer * share')
    .derive('valueUsd', 'shells * priceUsd');
}
