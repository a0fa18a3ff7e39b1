import { describe, expect, it } from 'vitest';
import { model, normal } from '../../src/index.js';
import { runParallel } from '../../src/node/index.js';
import { expectSalvoError } from '../helpers/errors.js';

/** Four inputs and a derived node: five nodes, each holding a block buffer when unkept. */
const fiveNodes = () =>
  model({ seed: 1 })
    .input('a', normal(0, 1))
    .input('b', normal(0, 1))
    .input('c', normal(0, 1))
    .input('d', normal(0, 1))
    .derive('total', 'a + b + c + d');

// A block of 65,536 samples is 512 KiB per unkept node: five nodes take 2.5 MiB of buffers.
describe('memoryBudgetBytes counts the block buffers, not only kept samples', () => {
  it("refuses keep: 'none' when the nodes' blocks exceed the budget, naming blockSize", () => {
    expectSalvoError(
      () => fiveNodes().run({ samples: 100_000, keep: 'none', memoryBudgetBytes: 2 ** 21 }),
      { parameter: 'blockSize', messageIncludes: ['5 unkept node(s)', 'over the budget'] },
    );
    const run = fiveNodes().run({
      samples: 100_000,
      keep: 'none',
      blockSize: 8192,
      memoryBudgetBytes: 2 ** 21,
    });
    expect(run.summary('total').n).toBe(100_000);
  });

  it('counts a set of buffers per thread with runParallel', async () => {
    const options = {
      samples: 200_000,
      keep: 'none' as const,
      workers: 2,
      memoryBudgetBytes: 2 ** 22,
    };
    // One set of buffers (2.5 MiB) fits in 4 MiB; three (two workers and the calling thread) do not.
    expect(
      fiveNodes().run({ samples: 200_000, keep: 'none', memoryBudgetBytes: 2 ** 22 }).sampleCount,
    ).toBe(200_000);
    await expect(runParallel(fiveNodes(), options)).rejects.toMatchObject({
      code: 'INVALID_PARAMETER',
      parameter: 'blockSize',
    });
  });
});
