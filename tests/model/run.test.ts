import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  beta,
  lognormal,
  type ModelRun,
  model,
  normal,
  pert,
  QuantileSketch,
  SalvoError,
  type Samples,
  uniform,
} from '../../src/index.js';
import { expectMoments } from '../helpers/stats.js';

const shipments = (seed: string | number = 'nk-2024-02-26') =>
  model({ seed })
    .input('containers', pert(5_500, 6_700, 8_000))
    .input('roundsPerContainer', lognormal.ci(380, 600))
    .input('shareCarryingShells', beta(7, 3))
    .derive('shells', ({ containers, roundsPerContainer, shareCarryingShells }) =>
      containers.mul(roundsPerContainer).mul(shareCarryingShells),
    );

describe('model(...).run: reproducibility contract', () => {
  const samples = 50_000; // not a multiple of the block or segment length, on purpose

  it('same seed, same samples and summaries whatever the block size', () => {
    const a = shipments().run({ samples, blockSize: 4096 });
    const b = shipments().run({ samples, blockSize: 65_536 });
    const c = shipments().run({ samples, blockSize: 8192 * 3 });
    for (const name of ['containers', 'shells'] as const) {
      expect(b.samples(name)).toEqual(a.samples(name));
      expect(c.samples(name)).toEqual(a.samples(name));
      expect(b.summary(name)).toEqual(a.summary(name));
      expect(c.summary(name)).toEqual(a.summary(name));
    }
  });

  it('does not depend on the order in which inputs are declared', () => {
    const reordered = model({ seed: 'nk-2024-02-26' })
      .input('shareCarryingShells', beta(7, 3))
      .input('roundsPerContainer', lognormal.ci(380, 600))
      .input('containers', pert(5_500, 6_700, 8_000))
      .derive('shells', ({ containers, roundsPerContainer, shareCarryingShells }) =>
        containers.mul(roundsPerContainer).mul(shareCarryingShells),
      )
      .run({ samples });
    const original = shipments().run({ samples });
    expect(reordered.samples('shells')).toEqual(original.samples('shells'));
  });

  it('adding an unrelated node changes no other node (common random numbers)', () => {
    const base = shipments().run({ samples });
    const extended = shipments()
      .input('pricePerShellUsd', lognormal.ci(300, 2_500))
      .derive('valueUsd', ({ shells, pricePerShellUsd }) => shells.mul(pricePerShellUsd))
      .run({ samples });
    expect(extended.samples('shells')).toEqual(base.samples('shells'));
    expect(extended.samples('containers')).toEqual(base.samples('containers'));
  });

  it("keep: 'none' gives the same moments and sketched quantiles within 0.5%", () => {
    const kept = shipments().run({ samples });
    const dropped = shipments().run({ samples, keep: 'none', blockSize: 8192 });
    const a = kept.summary('shells');
    const b = dropped.summary('shells');
    expect(b.quantileMethod).toBe('sketch');
    expect(a.quantileMethod).toBe('exact');
    expect(b.mean).toBe(a.mean);
    expect(b.sd).toBe(a.sd);
    expect(b.min).toBe(a.min);
    for (const key of ['p5', 'p50', 'p95'] as const) {
      expect(Math.abs(b.quantiles[key] - a.quantiles[key])).toBeLessThanOrEqual(
        0.005 * a.quantiles[key],
      );
    }
    expect(() => dropped.samples('shells')).toThrow(/was summarised, not kept/);
  });

  it('moments are the same bit for bit whether folded during the run or computed on request', () => {
    // Folded during the run: unkept derived nodes, until's targets, unkept correlated inputs. On
    // request: kept nodes (from their samples) and other unkept inputs (drawn again).
    const m = shipments()
      .input('pricePerShellUsd', lognormal.ci(300, 2_500))
      .input('noise', normal(0, 1))
      .correlate('pricePerShellUsd', 'containers', 0.5)
      .derive('valueUsd', 'shells * pricePerShellUsd')
      .derive('ratio', 'noise > 1 ? 0 / 0 : noise'); // NaN in most segments: the careful path
    const names = m.nodes.map((n) => n.name);
    const moments = (run: ModelRun<(typeof names)[number]>, name: (typeof names)[number]) => {
      const s = run.summary(name);
      return [s.n, s.nonFinite, s.mean, s.sd, s.min, s.max];
    };
    const runs = [
      m.run({ samples }),
      m.run({ samples, keep: 'none' }),
      m.run({ samples, keep: ['shells', 'noise'], blockSize: 8192 }),
      m.run({ samples, keep: ['containers', 'ratio'], blockSize: 4096 * 3 }),
    ];
    for (const name of names) {
      const expected = moments(runs[0], name);
      for (const run of runs.slice(1)) expect(moments(run, name)).toEqual(expected);
    }
    expect(runs[1].summary('ratio').nonFinite).toBeGreaterThan(0.15 * samples);
    // Stopping early: moments cover exactly the samples drawn.
    const until = m.run({
      until: { relativeError: 0.01, nodes: ['shells'], maxSamples: 1_000_000 },
      keep: ['containers'],
    });
    const drawn = until.summary('shells').n;
    expect(drawn).toBeLessThan(1_000_000);
    const same = m.run({ samples: drawn, keep: 'none' });
    for (const name of ['shells', 'containers', 'noise', 'valueUsd'] as const) {
      expect(moments(until, name)).toEqual(moments(same, name));
    }
  });

  it("keep: 'none' answers probability and histogram from the sketch, off only near thresholds", () => {
    const kept = shipments().run({ samples });
    const dropped = shipments().run({ samples, keep: ['containers'] });
    const shells = kept.samples('shells');
    const near = (x: number): number => {
      let n = 0;
      for (const v of shells) if (Math.abs(v - x) <= 0.005 * Math.abs(v) * (1 + 1e-12)) n++;
      return n;
    };
    for (const threshold of [1.5e6, 2.25e6, 3e6]) {
      for (const op of ['<', '<=', '>', '>='] as const) {
        const exact = kept.probability('shells', op, threshold);
        const sketched = dropped.probability('shells', op, threshold);
        expect(Math.abs(sketched - exact) * samples).toBeLessThanOrEqual(near(threshold));
      }
    }
    expect(dropped.probability('containers', '==', 6_700)).toBe(
      kept.probability('containers', '==', 6_700),
    );
    expect(() => dropped.probability('shells', '==', 3e6)).toThrow(/summarised, not kept/);
    expect(() => dropped.probability('shells', '~' as never, 3e6)).toThrow(/op must be one of/);
    const exactHistogram = kept.histogram('shells', { bins: 12 });
    const sketchHistogram = dropped.histogram('shells', { bins: 12 });
    expect(sketchHistogram.edges).toEqual(exactHistogram.edges); // min and max are exact in the sketch
    let total = sketchHistogram.outside;
    for (let i = 0; i < 12; i++) {
      total += sketchHistogram.counts[i];
      const slack = near(exactHistogram.edges[i]) + near(exactHistogram.edges[i + 1]);
      expect(Math.abs(sketchHistogram.counts[i] - exactHistogram.counts[i])).toBeLessThanOrEqual(
        slack,
      );
    }
    expect(total).toBe(samples);
    const narrow = dropped.histogram('shells', { edges: [2e6, 2.5e6] });
    expect(narrow.counts[0] + narrow.outside).toBe(samples);
  });

  it('an unkept input is sketched on request by drawing it again: the sketch its samples give', () => {
    const kept = shipments().run({ samples });
    const dropped = shipments().run({ samples, keep: 'none' });
    const sketch = new QuantileSketch();
    sketch.addAll(kept.samples('containers'));
    for (const p of [0, 0.05, 0.5, 0.95, 1]) {
      expect(dropped.quantile('containers', p)).toBe(sketch.quantile(p));
    }
    expect(dropped.probability('containers', '>', 6_700)).toBe(
      (sketch.count - sketch.rank(6_700, true)) / sketch.count,
    );
    expect(dropped.summary('containers').mean).toBe(kept.summary('containers').mean);
  });

  it('samples stay index-aligned: a derived node is computed from the same index of its inputs', () => {
    const run = shipments().run({ samples: 10_000 });
    const c = run.samples('containers');
    const r = run.samples('roundsPerContainer');
    const s = run.samples('shareCarryingShells');
    const shells = run.samples('shells');
    for (const i of [0, 4095, 4096, 9999]) expect(shells[i]).toBe(c[i] * r[i] * s[i]);
  });
});

describe('model(...).run: results', () => {
  it('inputs have their distributions (moments within 5 SE)', () => {
    const run = model({ seed: 3 })
      .input('x', normal(10, 2))
      .input('u', uniform(0, 4))
      .run({ samples: 200_000 });
    expectMoments(run.samples('x'), 10, 4);
    expectMoments(run.samples('u'), 2, 16 / 12);
    const summary = run.summary('x');
    expect(summary.n).toBe(200_000);
    expect(Math.abs(summary.mean - 10)).toBeLessThan(5 * Math.sqrt(4 / 200_000));
    expect(Math.abs(run.probability('u', '<', 1) - 0.25)).toBeLessThan(
      5 * Math.sqrt((0.25 * 0.75) / 200_000),
    );
    expect(run.quantile('u', 0.5)).toBeCloseTo(2, 1);
    expect(run.histogram('u', { bins: 4, range: [0, 4] }).counts.length).toBe(4);
  });

  it('interval(name, level): the median inside the central quantiles, kept, sketched or weighted', () => {
    const kept = model({ seed: 5 }).input('x', normal(0, 1)).run({ samples: 100_000 });
    const x = kept.interval('x');
    expect(x).toEqual({
      estimate: kept.quantile('x', 0.5),
      lower: kept.quantile('x', 0.05),
      upper: kept.quantile('x', 0.95),
      level: 0.9,
      effectiveSampleSize: 100_000,
    });
    // Normal quantiles ±1.645 and ±0.674, within 5 standard errors of a quantile at n = 1e5.
    expect(Math.abs(x.upper - 1.6449)).toBeLessThan(5 * (Math.sqrt((0.05 * 0.95) / 1e5) / 0.1031));
    const half = kept.interval('x', 0.5);
    expect(Math.abs(half.lower + 0.6745)).toBeLessThan(
      5 * (Math.sqrt((0.25 * 0.75) / 1e5) / 0.3178),
    );
    const sketched = model({ seed: 5 })
      .input('x', normal(0, 1))
      .run({ samples: 100_000, keep: 'none' });
    const y = sketched.interval('x', 0.8);
    expect(y).toEqual({
      estimate: sketched.quantile('x', 0.5),
      lower: sketched.quantile('x', 0.1),
      upper: sketched.quantile('x', 0.9),
      level: 0.8,
      effectiveSampleSize: 100_000,
    });
    const weighted = model({ seed: 5 })
      .input('x', normal(0, 1))
      .observe('x', normal(1, 1))
      .run({ samples: 100_000 });
    expect(weighted.interval('x').estimate).toBe(weighted.quantile('x', 0.5));
    expect(weighted.interval('x').upper).toBe(weighted.quantile('x', 0.95));
    for (const level of [0, 1, -0.5, Number.NaN, '0.9' as unknown as number]) {
      expect(() => kept.interval('x', level)).toThrow(/interval: level must be a probability/);
    }
    expect(() => kept.interval('nope' as 'x')).toThrow(SalvoError);
  });

  it('counts non-finite derived values instead of averaging them', () => {
    const run = model({ seed: 1 })
      .input('u', uniform(-1, 1))
      .derive('ratio', ({ u }) => u.gt(0).div(u.gt(0))) // 1 where u > 0, NaN (0/0) elsewhere
      .run({ samples: 100_000 });
    const summary = run.summary('ratio');
    expect(summary.nonFinite).toBeGreaterThan(40_000);
    expect(summary.mean).toBe(1);
  });

  it('reports progress and honours an aborted signal', () => {
    const seen: number[] = [];
    model({ seed: 1 })
      .input('x', normal(0, 1))
      .run({
        samples: 100_000,
        blockSize: 4096,
        onProgress: (done, total) => seen.push(done / total),
      });
    expect(seen.at(-1)).toBe(1);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    expect(() =>
      model({ seed: 1 }).input('x', normal(0, 1)).run({ samples: 10, signal: controller.signal }),
    ).toThrow('stop');
  });

  it("stops when onProgress throws, as the signal's documentation tells timed runs to do", () => {
    let calls = 0;
    const timeUp = new Error('time is up');
    expect(() =>
      model({ seed: 1 })
        .input('x', normal(0, 1))
        .run({
          samples: 1_000_000,
          blockSize: 4096,
          onProgress: () => {
            calls++;
            throw timeUp;
          },
        }),
    ).toThrow(timeUp);
    expect(calls).toBe(1);
  });

  it('toJSON holds every node summary', () => {
    const json = shipments().run({ samples: 5_000 }).toJSON();
    expect(Object.keys(json.nodes)).toEqual([
      'containers',
      'roundsPerContainer',
      'shareCarryingShells',
      'shells',
    ]);
    expect(json.samples).toBe(5_000);
  });

  it('toJSON gives a node with no finite sample its counts instead of throwing', () => {
    const run = model({ seed: 1 })
      .input('x', normal(0, 1))
      .derive('broken', 'x * 0 / 0')
      .run({ samples: 100, keep: 'none' });
    const json = JSON.parse(JSON.stringify(run));
    expect(json.nodes.broken).toEqual({ n: 100, nonFinite: 100, noFiniteValue: true });
    expect(json.nodes.x.n).toBe(100);
    const broken = run.toJSON().nodes.broken;
    expect('noFiniteValue' in broken && broken.noFiniteValue).toBe(true);
    // The same in a run with evidence, where a node can lack finite samples of positive weight.
    const observed = model({ seed: 1 })
      .input('x', normal(0, 1))
      .derive('broken', 'x > 0 ? 0 / 0 : 1')
      .observe('x', (x) => (x > 0 ? 1 : 0))
      .run({ samples: 100 });
    expect(observed.toJSON().nodes.broken).toMatchObject({ n: 100, noFiniteValue: true });
  });
});

describe('model.deriveEach: the per-sample slow path', () => {
  it('computes each sample from the same index of the earlier nodes, and equals the vector forms', () => {
    const m = model({ seed: 'each' }).input('x', normal(0, 1)).input('y', uniform(1, 2));
    const each = m.deriveEach('z', ({ x, y }) => (x > 0 ? x * y : y)).run({ samples: 10_000 });
    const expression = m.derive('z', 'x > 0 ? x * y : y').run({ samples: 10_000 });
    expect(each.samples('z')).toEqual(expression.samples('z'));
  });

  it('refuses a non-function, and a callback that returns a non-number', () => {
    const m = model({ seed: 1 }).input('x', normal(0, 1));
    expect(() => m.deriveEach('z', 'x' as never)).toThrow(/must be a function of one row/);
    expect(() => m.deriveEach('z', () => 'one' as never).run({ samples: 10 })).toThrow(
      /deriveEach callback of "z" must return a number, got "one"/,
    );
  });
});

describe('model: bad input is refused before any work', () => {
  const m = model({ seed: 1 }).input('x', normal(0, 1));
  it.each([
    [() => m.input('x', normal(0, 1)), /already exists/],
    [() => m.input('2x', normal(0, 1)), /must be an identifier/],
    [() => m.input('log', normal(0, 1)), /function name/],
    [() => m.input('y', {} as never), /must be a distribution/],
    [() => m.derive('y', 3 as never), /must be an expression or a function/],
    [() => model({ seed: Number.NaN }), /seed must be/],
    [() => model({ seed: 1 }).run({ samples: 10 }), /no nodes/],
    [
      () => m.run({ samples: 0 }),
      /samples must be a positive integer \(or give until instead\), got 0/,
    ],
    [() => m.run({ samples: 1.5 }), /samples must be a positive integer/],
    [() => m.run({ samples: 10, blockSize: 1000 }), /blockSize must be a multiple of 4096/],
    [() => m.run({ samples: 10, keep: ['y' as never] }), /keep\[0\] names no node: "y"/],
    [() => m.run({ samples: 10, quantiles: [2] }), /quantiles\[0\] must be a probability/],
    [() => m.run({ samples: 200_000_000 }), /over the budget of 1.00 GiB; use keep: 'none'/],
  ])('%#', (f, message) => {
    expect(f).toThrow(SalvoError);
    expect(f).toThrow(message);
  });

  it('a callback returning the wrong length or type fails with a clear error', () => {
    expect(() => m.derive('y', () => new Float64Array(3)).run({ samples: 10 })).toThrow(
      /returned 3 values for a block of 10/,
    );
    expect(() => m.derive('y', () => [1, 2] as never).run({ samples: 10 })).toThrow(
      /must return Samples or a Float64Array/,
    );
  });
});

describe('model: types know the declared names', () => {
  it('derive callbacks see exactly the earlier names; results accept only declared names', () => {
    const built = model({ seed: 1 })
      .input('a', normal(0, 1))
      .derive('b', (nodes) => {
        expectTypeOf(nodes).toEqualTypeOf<{ readonly a: Samples }>();
        return nodes.a;
      });
    const run = built.run({ samples: 10 });
    expectTypeOf(run).toEqualTypeOf<ModelRun<'a' | 'b'>>();
    expectTypeOf(run.summary).parameter(0).toEqualTypeOf<'a' | 'b'>();
    // @ts-expect-error: 'c' was never declared
    expect(() => run.summary('c')).toThrow(/no node named "c"/);
    // @ts-expect-error: a callback cannot read a name declared later
    built.derive('c', ({ d }) => d);
  });
});
