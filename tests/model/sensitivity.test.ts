import { describe, expect, it } from 'vitest';
import { type InputSensitivity, model, normal, poisson, uniform } from '../../src/index.js';
import { normalQuantile } from '../../src/special/normal.js';
import { expectSalvoError } from '../helpers/errors.js';

const N = 100_000;
/** Spearman's rho of a bivariate normal with Pearson correlation r (Pearson 1907). */
const spearmanOfNormal = (r: number) => (6 / Math.PI) * Math.asin(r / 2);

// y = a + b + 0·c with sd(a) = 2, sd(b) = sd(c) = 1: Var(y) = 5, first-order indices 0.8, 0.2, 0.
const linear = model({ seed: 'sensitivity' })
  .input('a', normal(0, 2))
  .input('b', normal(0, 1))
  .input('c', normal(0, 1))
  .derive('y', 'a + b + 0 * c')
  .run({ samples: N });

describe('run.sensitivity: known answers', () => {
  const s = linear.sensitivity('y');
  const by = (name: string) => s.inputs.find((i) => i.input === name) as (typeof s.inputs)[number];

  it('a linear model: rank correlations, shares and first-order indices', () => {
    expect(s.output).toBe('y');
    expect(s.samples).toBe(N);
    expect(s.inputs.map((i) => i.input)).toEqual(['a', 'b', 'c']);
    // Standard errors at 1e5 samples, measured over 30 seeds: rank correlations 0.0007 (a) and 0.0024
    // (b); first-order indices 0.0010 (a) and 0.0020 (b), with a binning bias of -0.0017 for a. The
    // tolerances are 4–6 of them.
    expect(Math.abs(by('a').rankCorrelation - spearmanOfNormal(2 / Math.sqrt(5)))).toBeLessThan(
      0.004,
    );
    expect(Math.abs(by('b').rankCorrelation - spearmanOfNormal(1 / Math.sqrt(5)))).toBeLessThan(
      0.01,
    );
    expect(Math.abs(by('c').rankCorrelation)).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs(by('a').firstOrder - 0.8)).toBeLessThan(0.006);
    expect(Math.abs(by('b').firstOrder - 0.2)).toBeLessThan(0.01);
    expect(by('c').firstOrder).toBeLessThan(0.005);
    const shares = s.inputs.reduce((sum, i) => sum + i.shareOfVariance, 0);
    expect(shares).toBeCloseTo(1, 12);
    expect(by('c').shareOfVariance).toBeLessThan(1e-3);
  });

  it('tornado: the output median with each input held at its p10 and p90', () => {
    const z = normalQuantile(0.9);
    const a = by('a').tornado;
    // Held at a's p10 (≈ -2·1.2816) with b varying, y's median is that value; the swing's standard
    // error is 0.013 (30 seeds).
    expect(Math.abs(a.inputLow + 2 * z)).toBeLessThan(0.05);
    expect(Math.abs(a.outputAtLow - a.inputLow)).toBeLessThan(0.02);
    expect(Math.abs(a.outputAtHigh - a.inputHigh)).toBeLessThan(0.02);
    expect(Math.abs(a.swing - 4 * z)).toBeLessThan(0.08);
    expect(by('b').tornado.swing).toBeLessThan(a.swing);
    // An input with no effect: holding it changes nothing, exactly.
    expect(by('c').tornado.swing).toBe(0);
    expect(by('c').tornado.outputAtLow).toBe(s.baselineMedian);
    expect(s.tornadoLevels).toEqual([0.1, 0.9]);
  });

  it('a non-monotone effect: rank correlation near 0, first-order index near 1', () => {
    const run = model({ seed: 2 })
      .input('x', uniform(-1, 1))
      .input('noise', uniform(0, 1))
      .derive('y', 'x ^ 2 + 0.01 * noise')
      .run({ samples: N });
    const { inputs } = run.sensitivity('y');
    const x = inputs.find((i) => i.input === 'x') as InputSensitivity;
    const noise = inputs.find((i) => i.input === 'noise') as InputSensitivity;
    expect(Math.abs(x.rankCorrelation)).toBeLessThan(0.02);
    // Var(x²) = 4/45; Var(0.01·noise) = 1e-4/12: index 1 - 9.4e-4 for x.
    expect(Math.abs(x.firstOrder - 4 / 45 / (4 / 45 + 1e-4 / 12))).toBeLessThan(0.005);
    expect(noise.firstOrder).toBeLessThan(0.005);
  });

  it('discrete inputs: ties share a bin, ranks are averaged', () => {
    const run = model({ seed: 3 })
      .input('count', poisson(3))
      .input('size', normal(10, 1))
      .derive('total', 'count * 10 + size')
      .run({ samples: N });
    const [count] = run.sensitivity('total').inputs;
    expect(count.input).toBe('count');
    // Var(10·count) = 300 of 301.
    expect(Math.abs(count.firstOrder - 300 / 301)).toBeLessThan(0.01);
    expect(count.tornado.inputLow).toBe(1); // p10 of Poisson(3)
    expect(count.tornado.inputHigh).toBe(5);
  });
});

describe('run.sensitivity: which inputs, order, options', () => {
  it('follows expressions exactly and callbacks conservatively (every earlier node)', () => {
    const run = model({ seed: 4 })
      .input('a', normal(0, 1))
      .input('b', normal(0, 1))
      .input('unused', normal(0, 1))
      .derive('z', 'a * 3')
      .derive('y', 'z + b')
      .derive('viaCallback', ({ a }) => a.mul(2))
      .run({ samples: 20_000 });
    expect(
      run
        .sensitivity('y')
        .inputs.map((i) => i.input)
        .sort(),
    ).toEqual(['a', 'b']);
    const callback = run.sensitivity('viaCallback').inputs;
    expect(callback.map((i) => i.input).sort()).toEqual(['a', 'b', 'unused']);
    expect(callback[0].input).toBe('a');
    expect(callback.find((i) => i.input === 'unused')?.tornado.swing).toBe(0);
  });

  it('sorts by swing, rank correlation or first-order index; honours tornado levels and bins', () => {
    const bySwing = linear.sensitivity('y', { tornado: [0.25, 0.75], bins: 20 });
    expect(bySwing.tornadoLevels).toEqual([0.25, 0.75]);
    expect(bySwing.inputs[0].tornado.swing).toBeLessThan(
      linear.sensitivity('y').inputs[0].tornado.swing,
    );
    const byFirstOrder = linear.sensitivity('y', { sortBy: 'firstOrder' });
    const firstOrders = byFirstOrder.inputs.map((i) => i.firstOrder);
    expect(firstOrders).toEqual([...firstOrders].sort((x, y) => y - x));
    const byRank = linear.sensitivity('y', { sortBy: 'rankCorrelation' });
    const ranks = byRank.inputs.map((i) => Math.abs(i.rankCorrelation));
    expect(ranks).toEqual([...ranks].sort((x, y) => y - x));
  });

  it('leaves out samples where the output is not finite', () => {
    const run = model({ seed: 5 })
      .input('x', uniform(0, 1))
      .deriveEach('y', ({ x }) => (x < 0.1 ? Number.NaN : x * 2))
      .run({ samples: 10_000 });
    const s = run.sensitivity('y');
    expect(s.samples).toBeGreaterThan(8_800);
    expect(s.samples).toBeLessThan(9_200);
    expect(s.inputs[0].rankCorrelation).toBe(1);
  });
});

describe('run.sensitivity: errors', () => {
  it('names the bad output, option or the nodes not kept', () => {
    expectSalvoError(() => linear.sensitivity('nope' as never), {
      parameter: 'output',
      messageNamesParameter: false,
      messageIncludes: 'nope',
    });
    expectSalvoError(() => linear.sensitivity('a'), {
      parameter: 'output',
      messageNamesParameter: false,
      messageIncludes: 'is an input',
    });
    expectSalvoError(() => linear.sensitivity('y', { tornado: [0.9, 0.1] }), {
      parameter: 'tornado',
    });
    expectSalvoError(() => linear.sensitivity('y', { bins: 1 }), { parameter: 'bins' });
    expectSalvoError(() => linear.sensitivity('y', { sortBy: 'size' as never }), {
      parameter: 'sortBy',
    });
    const partial = model({ seed: 1 })
      .input('a', normal(0, 1))
      .input('b', normal(0, 1))
      .derive('y', 'a + b')
      .run({ samples: 1_000, keep: ['y', 'a'] });
    expectSalvoError(() => partial.sensitivity('y'), {
      code: 'NOT_KEPT',
      parameter: 'output',
      messageNamesParameter: false,
      messageIncludes: ['b was not kept', "keep: 'all'"],
    });
  });
});
