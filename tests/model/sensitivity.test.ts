import { describe, expect, it } from 'vitest';
import {
  beta,
  type InputSensitivity,
  lognormal,
  model,
  normal,
  pert,
  poisson,
  uniform,
} from '../../src/index.js';
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
    // (b); first-order indices 0.0011 (a) and 0.0025 (b), no bias seen (bin means alone had -0.0017
    // for a). The tolerances are 4–6 of them.
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

describe('run.sensitivity: first-order indices without binning bias, and under sampling designs', () => {
  it('a linear effect of a skewed input loses nothing to binning', () => {
    // y = x + e, x lognormal(0, 0.8), Var(e) = Var(x): the index of x is 0.5. Over 30 seeds at 2e5
    // samples: bias -0.0001, standard deviation 0.0041 (bin means alone: bias -0.024, the widest
    // tail bin's spread lost). Tolerance 4 standard deviations.
    const x = lognormal(0, 0.8);
    const run = model({ seed: 'skewed' })
      .input('x', x)
      .input('e', normal(0, Math.sqrt(x.variance)))
      .derive('y', 'x + e')
      .run({ samples: 200_000 });
    const index = run.sensitivity('y').inputs.find((i) => i.input === 'x')?.firstOrder;
    expect(Math.abs((index as number) - 0.5)).toBeLessThan(0.016);
  });

  // The shipments product c·s·b·p of independent inputs: E[Y | Xᵢ] = Xᵢ·Πⱼ≠ᵢ μⱼ, so the index of Xᵢ
  // is cvᵢ² / (Π(1 + cvⱼ²) − 1), cv the coefficient of variation.
  const inputs = {
    containers: pert(5000, 6700, 8000),
    shellsPerContainer: lognormal.ci(300, 600),
    shareCarryingShells: beta(8, 2),
    pricePerShellUsd: lognormal.ci(800, 3000),
  };
  const cv2 = Object.fromEntries(
    Object.entries(inputs).map(([name, d]) => [name, d.variance / d.mean ** 2]),
  );
  const total = Object.values(cv2).reduce((p, c) => p * (1 + c), 1) - 1;
  const product = model({ seed: 'product-indices' })
    .input('containers', inputs.containers)
    .input('shellsPerContainer', inputs.shellsPerContainer)
    .input('shareCarryingShells', inputs.shareCarryingShells)
    .input('pricePerShellUsd', inputs.pricePerShellUsd)
    .derive('valueUsd', 'containers * shellsPerContainer * shareCarryingShells * pricePerShellUsd');

  it('Sobol points give the exact indices of a product model to a few 1e-4', () => {
    // Root-mean-square errors over 24 seeds at 2^16 (benchmarks/sensitivity.mjs): 6e-5 to 4.6e-4
    // under Sobol points, 1.3e-3 to 3.8e-3 under random sampling. With the i.i.d. noise correction the
    // Sobol indices were all about 1.5e-3 low, and bin means put the price's 6e-3 low: tolerance 2e-3.
    const run = product.run({ samples: 2 ** 16, sampling: 'sobol', keep: 'all' });
    for (const i of run.sensitivity('valueUsd').inputs) {
      expect(Math.abs(i.firstOrder - cv2[i.input] / total)).toBeLessThan(2e-3);
    }
  });

  it('a run too short to have two groups falls back to the i.i.d. noise correction', () => {
    const run = product.run({ samples: 4096, sampling: 'sobol', keep: 'all' });
    for (const i of run.sensitivity('valueUsd').inputs) {
      expect(Math.abs(i.firstOrder - cv2[i.input] / total)).toBeLessThan(0.03);
    }
  });
});
