import { describe, expect, it } from 'vitest';
import { model, normal, SalvoError } from '../../src/index.js';
import { ExactTracker, planWindows } from '../../src/model/exact.js';
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

// 2^47 samples of 8 bytes are 1 PiB: longer than a typed array may be, and more than any machine's
// address space, so every allocation below fails at once, before a sample is drawn or memory touched.
describe('allocation failures past the machine become OUT_OF_MEMORY', () => {
  const huge = { samples: 2 ** 47, keep: 'all' as const, memoryBudgetBytes: Infinity };
  const twoNodes = () => model({ seed: 1 }).input('x', normal(0, 1)).derive('y', 'x * 2');

  function expectOutOfMemory(error: unknown, where: string): void {
    expect(error).toBeInstanceOf(SalvoError);
    const e = error as SalvoError;
    expect(e.code).toBe('OUT_OF_MEMORY');
    expect(e.message).toContain(`${where}: could not allocate the kept samples of 'x'`);
    expect(e.cause).toBeInstanceOf(RangeError);
  }

  it('model.run: the kept arrays, with the RangeError as cause', () => {
    expectOutOfMemory(
      captured(() => twoNodes().run(huge)),
      'model.run',
    );
  });

  it('model.run with observations (weighted): the kept arrays', () => {
    const observed = twoNodes().observe('y', normal(0, 1));
    expectOutOfMemory(
      captured(() => observed.run(huge)),
      'model.run',
    );
  });

  it('runParallel: the shared kept arrays', async () => {
    expectOutOfMemory(
      await runParallel(twoNodes(), { ...huge, workers: 1 }).catch((error: unknown) => error),
      'runParallel',
    );
  });

  it('the windows of exactQuantiles', () => {
    const pilot = Float64Array.from({ length: 1000 }, (_, i) => i);
    const windows = planWindows(pilot, [0.5], 1000);
    const error = captured(
      () => new ExactTracker({ ...windows, capacity: [2 ** 47], thresholds: [] }, 'model.run'),
    );
    expect(error).toMatchObject({ code: 'OUT_OF_MEMORY' });
    expect((error as SalvoError).message).toContain('a window of exactQuantiles');
  });
});

function captured(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  return expect.unreachable('nothing thrown');
}
