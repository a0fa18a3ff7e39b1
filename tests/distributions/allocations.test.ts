import { Session } from 'node:inspector/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beta, createRng, type Distribution, gamma, pert, triangular } from '../../src/index.js';

// A sampling loop should allocate nothing on the JavaScript heap. V8 boxes a double (16 bytes) wherever
// it merges it with a value of unknown type, such as the result of a call it did not inline; the
// ziggurats' rare-branch calls are written `+zigguratSlow(...)` for that reason, and before that fix
// gamma, beta and PERT allocated 16–33 bytes per draw. This measures bytes per draw with V8's sampling
// heap profiler, counting objects a scavenge has since collected (not time: the count is of bytes).

let session: Session;

beforeAll(() => {
  session = new Session();
  session.connect();
});

afterAll(() => session.disconnect());

interface ProfileNode {
  selfSize: number;
  children: ProfileNode[];
}

async function bytesPerDraw(dist: Distribution): Promise<number> {
  const out = new Float64Array(1 << 16);
  const rng = createRng(1);
  const fills = 40;
  for (let r = 0; r < fills; r++) dist.fill(out, rng); // let V8 optimise the loop first
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 1024,
    includeObjectsCollectedByMinorGC: true,
    includeObjectsCollectedByMajorGC: true,
  });
  for (let r = 0; r < fills; r++) dist.fill(out, rng);
  const { profile } = await session.post('HeapProfiler.stopSampling');
  let total = 0;
  const walk = (node: ProfileNode): void => {
    total += node.selfSize;
    for (const child of node.children) walk(child);
  };
  walk(profile.head as ProfileNode);
  return total / (fills * out.length);
}

describe('sampling loops allocate nothing per draw', () => {
  const families: Record<string, () => Distribution> = {
    'gamma(2.5)': () => gamma(2.5),
    'beta(8, 2)': () => beta(8, 2),
    'pert(5000, 6700, 8000)': () => pert(5000, 6700, 8000),
    'triangular(0, 0.3, 1)': () => triangular(0, 0.3, 1),
  };
  for (const [name, make] of Object.entries(families)) {
    it(name, async () => {
      // Under 2 bytes per draw: the loop itself allocates nothing; what is left is the rare branch
      // (its double result is boxed once per call, on about 1.5% of the normal draws). V8 optimises on
      // a background thread: on a busy machine the first measurement can still run unoptimised code
      // (32 bytes per draw seen once in a full run), so the least of up to three measurements counts.
      let least = Number.POSITIVE_INFINITY;
      for (let attempt = 0; attempt < 3 && least >= 2; attempt++) {
        least = Math.min(least, await bytesPerDraw(make()));
      }
      expect(least).toBeLessThan(2);
    });
  }
});
