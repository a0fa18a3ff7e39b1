import { describe, expect, it } from 'vitest';
import { model, normal, SalvoError, Samples, uniform } from '../../src/index.js';

/** Three blocks and a short last one: buffers are reused from block to block. */
const RUN = { samples: 3 * 16_384 + 5_000, blockSize: 16_384 } as const;

describe('derive callbacks', () => {
  it('cannot change the samples they are given: kept inputs and later nodes keep their values', () => {
    const base = model({ seed: 3 }).input('x', normal(0, 1));
    const clean = base.derive('y', 'x * 2').derive('z', 'x + 1').run(RUN);
    const run = base
      .derive('y', ({ x }) => {
        const doubled = x.mul(2);
        x.values[0] = 12_345; // writes into what the callback was handed
        x.values.fill(-1, 1, 100);
        return doubled;
      })
      .derive('z', ({ x }) => x.add(1))
      .run(RUN);
    for (const name of ['x', 'y', 'z'] as const) {
      expect(run.samples(name)).toEqual(clean.samples(name));
    }
  });

  it('give the same bits as the expression, with many temporaries per block', () => {
    const base = model({ seed: 5 }).input('a', uniform(1, 2)).input('b', normal(0, 1));
    const expression = base
      .derive('y', '((a * b + a) / (b * b + 1) - min(a, b)) * (b > 0)')
      .run(RUN);
    const callback = base
      .derive('y', ({ a, b }) => a.mul(b).add(a).div(b.mul(b).add(1)).sub(a.min(b)).mul(b.gt(0)))
      .run(RUN);
    expect(callback.samples('y')).toEqual(expression.samples('y'));
  });

  it('may return an input, a Float64Array of their own, or samples copied with Samples.from', () => {
    const run = model({ seed: 7 })
      .input('x', normal(0, 1))
      .derive('same', ({ x }) => x)
      .derive('own', ({ x }) => x.values.map((v) => v * 3))
      .derive('copied', ({ x }) => Samples.from(x.add(1).values))
      .run(RUN);
    const x = run.samples('x');
    expect(run.samples('same')).toEqual(x);
    expect(run.samples('own')).toEqual(x.map((v) => v * 3));
    expect(run.samples('copied')).toEqual(x.map((v) => v + 1));
  });

  it('a callback with more temporaries than the run lends buffers for gives the expression’s bits', () => {
    const base = model({ seed: 11 }).input('x', uniform(0, 1));
    // 160 results per call: beyond the 128 buffers of 16,384 samples lent to a call, new arrays.
    const expression = base.derive('y', Array.from({ length: 80 }, () => 'x').join(' + ')).run(RUN);
    const callback = base
      .derive('y', ({ x }) => {
        let sum = x.mul(1);
        for (let k = 1; k < 80; k++) sum = sum.add(x.mul(1));
        return sum;
      })
      .run(RUN);
    expect(callback.samples('y')).toEqual(expression.samples('y'));
  });

  it('samples held after the callback returned refuse to be read (their buffer holds another block)', () => {
    const held: Samples[] = [];
    const kept: Samples[] = [];
    model({ seed: 9 })
      .input('x', normal(0, 1))
      .derive('y', ({ x }) => {
        const y = x.mul(2);
        held.push(x, y);
        kept.push(Samples.from(y.values));
        return y;
      })
      .run(RUN);
    expect(held).toHaveLength(8);
    for (const s of held) {
      expect(() => s.values).toThrow(SalvoError);
      expect(() => s.mean()).toThrow(/derive callback that has returned/);
    }
    // Copies made inside the callback stay readable.
    expect(kept[0].length).toBe(16_384);
    expect(Number.isFinite(kept[3].mean())).toBe(true);
  });

  it('Samples arithmetic outside a callback still gives independent arrays', () => {
    const x = Samples.from([1, 2, 3]);
    const y = x.mul(2);
    const z = x.mul(3);
    expect(y.values).toEqual(Float64Array.of(2, 4, 6));
    expect(z.values).toEqual(Float64Array.of(3, 6, 9));
    expect(y.values.buffer).not.toBe(z.values.buffer);
  });
});
