import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccumulatorData,
  combinePartials,
  decodeGather,
  decodePartial,
  encodeGather,
  encodePartial,
  gatherRequest,
  LIBRARY_VERSION,
  lognormal,
  type Model,
  mergePartials,
  model,
  normal,
  type PartialRun,
  partialWindows,
  runGather,
  runPartial,
  type Sampling,
  uniform,
} from '../../src/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { referenceWorkload } from '../helpers/workload.js';

/** The reference workload, with the containers' maximum as a parameter (another one is another model). */
const referenceWith = (containersMax: number) => referenceWorkload('partials', containersMax);
const reference = referenceWith(8000);

// Correlated inputs, and a node with NaN and infinite values (log of a normal, 1 / (x − x)).
const awkward = model({ seed: 7 })
  .input('a', normal(0, 1))
  .input('b', normal(10, 3))
  .correlate(
    ['a', 'b'],
    [
      [1, 0.6],
      [0.6, 1],
    ],
  )
  .derive('logA', 'log(a)')
  .derive('ratio', 'b / (a - a)')
  .derive('sum', 'a + b');

/** A result, or the code of the error it throws (a node with no finite value has no quantiles). */
function attempt<T>(f: () => T): T | string {
  try {
    return f();
  } catch (error) {
    return (error as { code: string }).code;
  }
}

/** Everything a keep-'none' run reports, as a comparable value (bits of every number). */
function report(run: ReturnType<Model<string>['run']>, names: readonly string[]) {
  return names.map((name) => {
    const p70 = attempt(() => run.quantile(name, 0.7));
    return {
      summary: attempt(() => run.summary(name)),
      quantile: attempt(() => run.quantile(name, 0.999)),
      above:
        typeof p70 === 'number'
          ? attempt(() => run.probabilityInterval(name, '>', Number.isFinite(p70) ? p70 : 0))
          : p70,
      histogram: attempt(() => run.histogram(name, { bins: 7 })),
    };
  });
}

/** The parts in an order that `seed` scrambles (as a queue might deliver them). */
function shuffled(parts: readonly PartialRun[], seed: number): PartialRun[] {
  return parts
    .map((p, i) => [(i * 7919 + seed) % 1_000_003, p] as const)
    .sort((x, y) => x[0] - y[0])
    .map(([, p]) => p);
}

/** Segment ranges cutting [0, count) at the given points. */
function cut(count: number, points: readonly number[]): [number, number][] {
  const edges = [...new Set([0, ...points.map((p) => p % count), count])].sort((x, y) => x - y);
  return edges.slice(1).map((to, i) => [edges[i], to]);
}

describe('runPartial + mergePartials: the bits of model.run', () => {
  const cases: [string, Model<string>, number][] = [
    ['reference', reference as Model<string>, 70_001],
    ['correlated, non-finite values', awkward as Model<string>, 50_000],
  ];
  for (const [label, m, samples] of cases) {
    for (const sampling of ['random', 'latinHypercube', 'sobol'] as Sampling[]) {
      it(`${label}, ${sampling}: any split, order and encoding`, () => {
        const names = m.nodes.map((n) => n.name);
        const whole = report(m.run({ samples, sampling, keep: 'none' }), names);
        const count = Math.ceil(samples / 4096);
        fc.assert(
          fc.property(
            fc.array(fc.integer({ min: 1, max: count - 1 }), { maxLength: 6 }),
            fc.integer(),
            fc.boolean(),
            (points, seed, duplicate) => {
              const parts = cut(count, points).map((segments) =>
                decodePartial(encodePartial(runPartial(m, { samples, sampling, segments }))),
              );
              if (duplicate) parts.push(parts[Math.abs(seed) % parts.length]);
              expect(report(mergePartials(m, shuffled(parts, seed)), names)).toEqual(whole);
            },
          ),
          { numRuns: 4 },
        );
      });
    }
  }

  it('combinePartials: neighbouring parts combined in any grouping merge to the same bits', () => {
    for (const sampling of ['random', 'sobol'] as Sampling[]) {
      const m = awkward as Model<string>;
      const samples = 60_000;
      const names = m.nodes.map((n) => n.name);
      const whole = report(m.run({ samples, sampling, keep: 'none' }), names);
      const count = Math.ceil(samples / 4096);
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 1, max: count - 1 }), { minLength: 2, maxLength: 8 }),
          fc.array(fc.integer({ min: 1, max: count - 1 }), { maxLength: 3 }),
          (points, groupPoints) => {
            const parts = cut(count, points).map((segments) =>
              runPartial(m, { samples, sampling, segments }),
            );
            // Groups of neighbouring parts, each combined (in reverse order) and encoded.
            const groupEdges = cut(parts.length, groupPoints);
            const combined = groupEdges.map(([from, to]) =>
              decodePartial(encodePartial(combinePartials(parts.slice(from, to).reverse()))),
            );
            combined.forEach((c, i) => {
              expect(c.segments).toEqual([
                parts[groupEdges[i][0]].segments[0],
                parts[groupEdges[i][1] - 1].segments[1],
              ]);
            });
            expect(report(mergePartials(m, combined), names)).toEqual(whole);
            const all = combinePartials([...parts, parts[0]]);
            expect(all.segments).toEqual([0, count]);
            expect(report(mergePartials(m, [all]), names)).toEqual(whole);
          },
        ),
        { numRuns: 4 },
      );
    }
  });

  it('thresholds: the merged probabilities equal model.run with the same thresholds, to the bit', () => {
    const samples = 50_000;
    const thresholds = { valueUsd: [3e9, 0], containers: [6700], shells: [-1, 2.5e6] };
    const whole = reference.run({ samples, keep: 'none', thresholds });
    const ask = (run: ReturnType<Model<string>['run']>) =>
      Object.entries(thresholds).flatMap(([name, ts]) =>
        ts.flatMap((t) =>
          (['<', '<=', '>', '>=', '==', '!='] as const).map((op) => run.probability(name, op, t)),
        ),
      );
    const count = Math.ceil(samples / 4096);
    for (const lazyInputs of [false, true]) {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 1, max: count - 1 }), { maxLength: 5 }),
          (points) => {
            const parts = cut(count, points).map((segments) =>
              decodePartial(
                encodePartial(runPartial(reference, { samples, segments, thresholds, lazyInputs })),
              ),
            );
            const halves = [combinePartials(parts.slice(0, 1)), ...parts.slice(1)];
            const merged = mergePartials(reference, halves);
            expect(ask(merged)).toEqual(ask(whole));
            // An input with thresholds stays in lazy parts (its counts need its values).
            expect(parts[0].nodes.find((n) => n.name === 'containers')?.moments).not.toBeNull();
          },
        ),
        { numRuns: 3 },
      );
    }
    // Without the thresholds, the merge reads the sketch: another answer.
    const sketched = mergePartials(reference, [
      runPartial(reference, { samples, segments: [0, count] }),
    ]);
    expect(sketched.probability('valueUsd', '>', 3e9)).not.toBe(
      whole.probability('valueUsd', '>', 3e9),
    );
  });

  it('exactQuantiles: two passes over the parts give model.run’s exact quantiles, to the bit', () => {
    const cases: [Model<string>, string[], number, Sampling][] = [
      [reference as Model<string>, ['valueUsd', 'shells'], 300_001, 'random'],
      [awkward as Model<string>, ['logA', 'sum'], 200_000, 'sobol'],
    ];
    for (const [m, exactQuantiles, samples, sampling] of cases) {
      const quantiles = [0.001, 0.999];
      const names = m.nodes.map((n) => n.name);
      const whole = m.run({ samples, sampling, keep: 'none', exactQuantiles, quantiles });
      for (const name of exactQuantiles) {
        expect(whole.summary(name).quantileMethod).toBe('exact');
      }
      const count = Math.ceil(samples / 4096);
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 1, max: count - 1 }), { maxLength: 4 }),
          (points) => {
            const ranges = cut(count, points);
            const parts = ranges.map((segments) =>
              decodePartial(
                encodePartial(
                  runPartial(m, { samples, sampling, segments, exactQuantiles, quantiles }),
                ),
              ),
            );
            const request = JSON.parse(JSON.stringify(gatherRequest(m, parts)));
            const gathered = ranges
              .map((segments) => decodeGather(encodeGather(runGather(m, request, { segments }))))
              .reverse();
            const merged = mergePartials(m, [combinePartials(parts)], { gathered });
            expect(report(merged, names)).toEqual(report(whole, names));
            for (const name of exactQuantiles) {
              expect(merged.summary(name).quantileMethod).toBe('exact');
            }
          },
        ),
        { numRuns: 3 },
      );
    }
  });

  it('windows placed once (partialWindows) give the parts the pilot would, to the bit', () => {
    const samples = 300_001;
    const options = { samples, exactQuantiles: ['valueUsd', 'shells'], quantiles: [0.999] };
    const windows = JSON.parse(JSON.stringify(partialWindows(reference, options)));
    const thresholds = { shells: [2.5e6] };
    for (const segments of [
      [0, 3],
      [40, 74],
    ] as [number, number][]) {
      expect(runPartial(reference, { ...options, segments, thresholds, windows })).toEqual(
        runPartial(reference, { ...options, segments, thresholds }),
      );
    }
    // Windows of another run, other quantiles or other nodes are refused.
    for (const other of [
      { ...options, samples: 300_000 },
      { ...options, quantiles: [] },
      { ...options, exactQuantiles: ['shells'] },
    ]) {
      expectSalvoError(
        () =>
          runPartial(reference, {
            ...options,
            segments: [0, 1],
            windows: partialWindows(reference, other),
          }),
        { code: 'PARTIAL_MISMATCH', parameter: 'windows', messageNamesParameter: false },
      );
    }
  });

  it('exactQuantiles without the second pass: the sketch, and says so; mismatched passes are refused', () => {
    const samples = 100_000;
    const exactQuantiles = ['shells'];
    const parts = [
      [0, 10],
      [10, 25],
    ].map(([from, to]) => runPartial(reference, { samples, segments: [from, to], exactQuantiles }));
    const sketched = mergePartials(reference, parts).summary('shells');
    expect(sketched.quantileMethod).toBe('sketch');
    expect(sketched).toEqual(reference.run({ samples, keep: 'none' }).summary('shells'));
    // Levels other than the parts' windows were placed for.
    expectSalvoError(() => mergePartials(reference, parts, { quantiles: [0.9] }), {
      code: 'PARTIAL_MISMATCH',
      parameter: 'quantiles',
    });
    // A second pass made for other parts (other windows: another sample count's request).
    const request = gatherRequest(reference, parts);
    expect(request).toBeDefined();
    const other = {
      ...(request as NonNullable<typeof request>),
      nodes: (request as NonNullable<typeof request>).nodes.map((n) => ({
        ...n,
        gather: n.gather.slice(1),
      })),
    };
    const wrong = [runGather(reference, other, { segments: [0, 25] })];
    expectSalvoError(() => mergePartials(reference, parts, { gathered: wrong }), {
      code: 'PARTIAL_MISMATCH',
      parameter: 'gathered[0]',
      messageNamesParameter: false,
    });
    const half = [
      runGather(reference, request as NonNullable<typeof request>, { segments: [0, 10] }),
    ];
    expectSalvoError(() => mergePartials(reference, parts, { gathered: half }), {
      code: 'PARTIAL_COVERAGE',
      parameter: 'partials',
      messageNamesParameter: false,
    });
    expectSalvoError(
      () =>
        runGather(referenceWith(9000), request as NonNullable<typeof request>, {
          segments: [0, 1],
        }),
      { code: 'PARTIAL_MISMATCH', parameter: 'request', messageNamesParameter: false },
    );
  });

  it('parts counting other thresholds are refused with PARTIAL_MISMATCH', () => {
    const samples = 20_000;
    const a = runPartial(reference, { samples, segments: [0, 2], thresholds: { shells: [1e6] } });
    const b = runPartial(reference, { samples, segments: [2, 5], thresholds: { shells: [2e6] } });
    expectSalvoError(() => mergePartials(reference, [a, b]), {
      code: 'PARTIAL_MISMATCH',
      parameter: 'partials[1]',
      messageIncludes: 'thresholds',
    });
    expectSalvoError(() => combinePartials([a, b]), {
      code: 'PARTIAL_MISMATCH',
      parameter: 'partials[1]',
      messageIncludes: 'thresholds',
    });
  });

  it('combinePartials refuses gaps, overlaps and parts of other runs, with coded errors', () => {
    const part = (segments: [number, number], m: Model<string> = reference) =>
      runPartial(m, { samples: 30_000, segments });
    expectSalvoError(() => combinePartials([part([0, 2]), part([3, 5])]), {
      code: 'PARTIAL_COVERAGE',
      parameter: 'partials',
      messageIncludes: '[2, 3)',
      messageNamesParameter: false,
    });
    expectSalvoError(() => combinePartials([part([0, 3]), part([2, 5])]), {
      code: 'PARTIAL_COVERAGE',
      parameter: 'partials',
      messageIncludes: '[2, 3)',
      messageNamesParameter: false,
    });
    expectSalvoError(() => combinePartials([part([0, 2]), part([2, 5], referenceWith(9000))]), {
      code: 'PARTIAL_MISMATCH',
      parameter: 'partials[1]',
      messageIncludes: 'fingerprint',
    });
    expectSalvoError(() => combinePartials([]), { parameter: 'partials' });
    // A range that does not start at 0 is fine: it is one part of a larger run.
    expect(combinePartials([part([4, 6]), part([2, 4])]).segments).toEqual([2, 6]);
  });

  it('lazyInputs: inputs left out of the parts are drawn again on request, with the same bits', () => {
    for (const [m, samples] of [
      [reference, 30_000],
      [awkward, 30_000],
    ] as [Model<string>, number][]) {
      const names = m.nodes.map((n) => n.name);
      const parts = [
        [3, 8],
        [0, 3],
      ].map(([from, to]) =>
        decodePartial(
          encodePartial(runPartial(m, { samples, segments: [from, to], lazyInputs: true })),
        ),
      );
      // Inputs out of the parts, except the correlated ones (a and b of the awkward model).
      const present = parts[0].nodes.filter((n) => n.moments !== null).map((n) => n.name);
      expect(present).toEqual(
        m === reference ? ['shells', 'valueUsd'] : ['a', 'b', 'logA', 'ratio', 'sum'],
      );
      expect(report(mergePartials(m, parts), names)).toEqual(
        report(m.run({ samples, keep: 'none' }), names),
      );
    }
  });

  it('extra summary quantiles are asked of the merge', () => {
    const parts = [runPartial(reference, { samples: 10_000, segments: [0, 3] })];
    const merged = mergePartials(reference, parts, { quantiles: [0.999] }).summary('shells');
    const whole = reference.run({ samples: 10_000, keep: 'none', quantiles: [0.999] });
    expect(merged).toEqual(whole.summary('shells'));
    expect(Object.keys(merged.quantiles)).toHaveLength(6);
  });

  it("a part's size does not grow with its samples", () => {
    const small = encodePartial(runPartial(reference, { samples: 2 ** 22, segments: [0, 2] }));
    const large = encodePartial(runPartial(reference, { samples: 2 ** 22, segments: [0, 200] }));
    // Six nodes, each a sketch of a few hundred buckets and a few exact-sum parts.
    expect(large.length).toBeLessThan(2 * small.length);
    expect(large.length).toBeLessThan(64 * 1024);
  });
});

describe('partial runs: refusals', () => {
  const samples = 20_000; // 5 segments
  const part = (segments: [number, number], m: Model<string> = reference): PartialRun =>
    runPartial(m, { samples, segments });

  it('refuses bad segments and options before any work', () => {
    for (const segments of [[0, 0], [3, 2], [0, 6], [-1, 2], [0.5, 2], [0], 'all']) {
      expectSalvoError(() => runPartial(reference, { samples, segments } as never), {
        parameter: 'segments',
      });
    }
    expectSalvoError(
      () => runPartial(reference, { samples, segments: [0, 1], keep: 'all' } as never),
      {
        code: 'UNKNOWN_OPTION',
        parameter: 'options.keep',
        messageNamesParameter: false,
      },
    );
    expectSalvoError(() => runPartial(reference, { samples: -1, segments: [0, 1] }), {
      code: 'INVALID_SAMPLE_COUNT',
      parameter: 'samples',
      messageNamesParameter: false,
    });
  });

  it('refuses a lazyInputs that is not a boolean', () => {
    expectSalvoError(
      () => runPartial(reference, { samples, segments: [0, 1], lazyInputs: 'yes' as never }),
      { parameter: 'lazyInputs' },
    );
  });

  it('refuses, for a model with evidence, what a weighted run cannot do: lazyInputs, exact quantiles, thresholds', () => {
    const observed = model({ seed: 1 }).input('x', normal(0, 1)).observe('x', normal(0.5, 1));
    const refused = (options: object, parameter: string) =>
      expectSalvoError(
        () => runPartial(observed, { samples: 10_000, segments: [0, 1], ...options }),
        { code: 'UNSUPPORTED', parameter },
      );
    refused({ lazyInputs: true }, 'lazyInputs');
    refused({ exactQuantiles: ['x'] }, 'exactQuantiles');
    refused({ thresholds: { x: [0] } }, 'thresholds');
    expectSalvoError(() => partialWindows(observed, { samples: 10_000, exactQuantiles: ['x'] }), {
      code: 'UNSUPPORTED',
      parameter: 'exactQuantiles',
    });
  });

  it('refuses gaps and overlaps, accepts an identical duplicate', () => {
    expectSalvoError(() => mergePartials(reference, [part([0, 2]), part([3, 5])]), {
      code: 'PARTIAL_COVERAGE',
      parameter: 'partials',
      messageIncludes: '[2, 3)',
      messageNamesParameter: false,
    });
    expectSalvoError(() => mergePartials(reference, [part([0, 2])]), {
      code: 'PARTIAL_COVERAGE',
      parameter: 'partials',
      messageIncludes: '[2, 5)',
      messageNamesParameter: false,
    });
    expectSalvoError(() => mergePartials(reference, [part([0, 3]), part([2, 5])]), {
      code: 'PARTIAL_COVERAGE',
      parameter: 'partials',
      messageIncludes: '[2, 3)',
      messageNamesParameter: false,
    });
    const once = mergePartials(reference, [part([0, 2]), part([2, 5])]).summary('valueUsd');
    const twice = mergePartials(reference, [part([2, 5]), part([0, 2]), part([2, 5])]);
    expect(twice.summary('valueUsd')).toEqual(once);
    expect(() => mergePartials(reference, [])).toThrow(/non-empty/);
  });

  it('refuses parts of another model, seed, sample count or sampling', () => {
    const otherParameter = referenceWith(8001);
    const mismatch = (parts: PartialRun[], includes: string) =>
      expectSalvoError(() => mergePartials(reference, parts), {
        code: 'PARTIAL_MISMATCH',
        parameter: 'partials[1]',
        messageIncludes: includes,
        messageNamesParameter: false,
      });
    mismatch([part([0, 2]), part([2, 5], otherParameter)], 'fingerprint');
    const otherSeed = model({ seed: 'other' }).input('x', normal(0, 1));
    expectSalvoError(() => mergePartials(reference, [part([0, 5], otherSeed)]), {
      code: 'PARTIAL_MISMATCH',
      parameter: 'partials[0]',
      messageNamesParameter: false,
    });
    mismatch(
      [part([0, 2]), runPartial(reference, { samples: 20_001, segments: [2, 5] })],
      'samples',
    );
    mismatch([part([0, 2]), { ...part([2, 5]), libraryVersion: '0.0.1' }], 'made by salvo');
    mismatch(
      [part([0, 2]), runPartial(reference, { samples, segments: [2, 5], lazyInputs: true })],
      'lazyInputs',
    );
    mismatch(
      [part([0, 2]), runPartial(reference, { samples, segments: [2, 5], sampling: 'sobol' })],
      'sampling',
    );
  });
});

describe('encodePartial / decodePartial', () => {
  it("names the salvo that made the part: package.json's version", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(LIBRARY_VERSION).toBe(pkg.version);
    expect(runPartial(reference, { samples: 10, segments: [0, 1] }).libraryVersion).toBe(
      pkg.version,
    );
  });

  const part = runPartial(reference, { samples: 30_000, segments: [1, 4], sampling: 'sobol' });

  it('round-trips every number bit for bit, -0 and NaN included', () => {
    const node = part.nodes[0];
    const moments = node.moments as AccumulatorData;
    const odd: PartialRun = {
      ...part,
      seed: 'partials',
      nodes: [
        {
          ...node,
          moments: { ...moments, min: -0, max: Number.NaN, sum: [-0, Number.NaN, 5e-324] },
        },
        ...part.nodes.slice(1),
      ],
    };
    const back = decodePartial(encodePartial(odd));
    const backMoments = back.nodes[0].moments as AccumulatorData;
    expect(Object.is(backMoments.min, -0)).toBe(true);
    expect(backMoments.max).toBeNaN();
    expect(Object.is(backMoments.sum[0], -0)).toBe(true);
    expect(back).toEqual(odd);
    const numericSeed = runPartial(model({ seed: 42 }).input('x', normal(0, 1)), {
      samples: 100,
      segments: [0, 1],
    });
    expect(decodePartial(encodePartial(numericSeed))).toEqual(numericSeed);
  });

  it('bucket counts: whole ones as varints at every width, fractional ones (weights) as float64s', () => {
    const node = part.nodes[0];
    const sketch = node.sketch as NonNullable<typeof node.sketch>;
    const wide = Float64Array.of(0, 1, 127, 128, 16_383, 16_384, 2 ** 31, 2 ** 53 - 1);
    const fractional = Float64Array.of(0.5, 1, -0);
    for (const positiveCounts of [wide, fractional]) {
      const edited: PartialRun = {
        ...part,
        nodes: [{ ...node, sketch: { ...sketch, positiveCounts } }, ...part.nodes.slice(1)],
      };
      const back = decodePartial(encodePartial(edited));
      expect(back).toEqual(edited);
      expect(Object.is(back.nodes[0].sketch?.positiveCounts[2], positiveCounts[2])).toBe(true);
    }
  });

  it('refuses other bytes, truncated or corrupted ones, and other format versions', () => {
    const bytes = encodePartial(part);
    const code = 'INVALID_ENCODING';
    const refused = (b: Uint8Array, includes: string) =>
      expectSalvoError(() => decodePartial(b), {
        code,
        parameter: 'bytes',
        messageIncludes: includes,
        messageNamesParameter: false,
      });
    refused(new TextEncoder().encode('{"not": "a part"}'), 'SALVOPRT');
    refused(bytes.slice(0, bytes.length - 9), 'checksum');
    const flipped = bytes.slice();
    flipped[200] ^= 1;
    refused(flipped, 'checksum');
    const future = bytes.slice();
    new DataView(future.buffer).setUint32(8, 99, true);
    expectSalvoError(() => decodePartial(future), {
      code: 'PARTIAL_MISMATCH',
      parameter: 'bytes',
      messageIncludes: 'format 99',
      messageNamesParameter: false,
    });
    expectSalvoError(() => decodePartial('bytes' as never), {
      parameter: 'bytes',
      messageNamesParameter: false,
    });
  });

  it('a second-pass part keeps -0 and its values to the bit; damaged or foreign bytes are refused', () => {
    const gathered = {
      libraryVersion: LIBRARY_VERSION,
      fingerprint: 'f'.repeat(32),
      samples: 10_000,
      segmentCount: 3,
      segments: [1, 3] as [number, number],
      nodes: [{ name: 'x', gather: [4, 7], values: Float64Array.of(-0, 1.5, -2e300) }],
    };
    const bytes = encodeGather(gathered);
    const back = decodeGather(bytes);
    expect(back).toEqual(gathered);
    expect(Object.is(back.nodes[0].values[0], -0)).toBe(true);
    const refused = (b: Uint8Array, includes: string) =>
      expectSalvoError(() => decodeGather(b), {
        code: 'INVALID_ENCODING',
        parameter: 'bytes',
        messageIncludes: includes,
        messageNamesParameter: false,
      });
    refused(encodePartial(part), 'SALVOGTH');
    refused(bytes.slice(0, bytes.length - 5), 'checksum');
    const flipped = bytes.slice();
    flipped[60] ^= 4;
    refused(flipped, 'checksum');
  });
});

describe('weighted parts (a model with .observe)', () => {
  // The reference workload weighed against "1.5 million shells, give or take 40%".
  const weighedReference = referenceWith(8000).observe(
    'shells',
    lognormal(Math.log(1.5e6), 0.4),
  ) as Model<string>;
  // Weights of exactly 0 (a bounded likelihood; NaN observed values), negative and non-finite values.
  const weighedAwkward = awkward
    .observe('a', uniform(-1.5, 2))
    .observe('logA', normal(0, 2)) as Model<string>;
  const cases: [string, Model<string>, number][] = [
    ['reference', weighedReference, 70_001],
    ['zero weights, non-finite values', weighedAwkward, 50_000],
  ];

  /** A weighted run's report: every summary, and the effective sample size and warnings. */
  const weightedReport = (run: ReturnType<Model<string>['run']>, names: readonly string[]) => ({
    nodes: report(run, names),
    effectiveSampleSize: run.effectiveSampleSize,
    warnings: run.warnings,
  });

  for (const [label, m, samples] of cases) {
    it(`${label}: any split, order, grouping and encoding gives model.run's bits`, () => {
      const names = m.nodes.map((n) => n.name);
      const whole = weightedReport(m.run({ samples, keep: 'none' }), names);
      const count = Math.ceil(samples / 4096);
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 1, max: count - 1 }), { maxLength: 6 }),
          fc.integer(),
          fc.boolean(),
          (points, seed, combine) => {
            let parts = cut(count, points).map((segments) =>
              decodePartial(encodePartial(runPartial(m, { samples, segments }))),
            );
            if (combine && parts.length > 2) {
              parts = [combinePartials(parts.slice(0, 2)), ...parts.slice(2)];
            }
            parts.push(parts[Math.abs(seed) % parts.length]); // delivered twice
            expect(weightedReport(mergePartials(m, shuffled(parts, seed)), names)).toEqual(whole);
          },
        ),
        { numRuns: 4 },
      );
    });
  }

  it('the weighted results are the same whatever the block size of model.run', () => {
    const names = weighedReference.nodes.map((n) => n.name);
    const run = (blockSize: number) =>
      weightedReport(weighedReference.run({ samples: 70_001, keep: 'none', blockSize }), names);
    expect(run(4096)).toEqual(run(65_536));
  });

  it('weak evidence: the merge warns or throws as model.run does; impossible evidence is EMPTY_DATA', () => {
    const samples = 20_000;
    const parts = cut(5, [2]).map((segments) =>
      runPartial(weighedReference, { samples, segments }),
    );
    const strict = { minEffectiveSampleSize: 1e6 };
    expect(mergePartials(weighedReference, parts, strict).warnings).toEqual(
      weighedReference.run({ samples, keep: 'none', ...strict }).warnings,
    );
    expect(mergePartials(weighedReference, parts, strict).warnings[0].code).toBe(
      'LOW_EFFECTIVE_SAMPLE_SIZE',
    );
    expectSalvoError(
      () =>
        mergePartials(weighedReference, parts, { ...strict, onLowEffectiveSampleSize: 'throw' }),
      {
        code: 'INVALID_PARAMETER',
        parameter: 'minEffectiveSampleSize',
        messageNamesParameter: false,
      },
    );
    expectSalvoError(() => mergePartials(weighedReference, parts, { minEffectiveSampleSize: -1 }), {
      code: 'INVALID_PARAMETER',
      parameter: 'minEffectiveSampleSize',
    });
    const impossible = model({ seed: 1 })
      .input('x', uniform(0, 1))
      .observe('x', uniform(5, 6)) as Model<string>;
    const impossibleParts = [runPartial(impossible, { samples, segments: [0, 5] })];
    expectSalvoError(() => mergePartials(impossible, impossibleParts), {
      code: 'EMPTY_DATA',
      parameter: 'observe',
      messageNamesParameter: false,
    });
  });

  it('parts without weights, or with weights the model does not expect, are PARTIAL_MISMATCH', () => {
    const samples = 20_000;
    const weighed = runPartial(weighedReference, { samples, segments: [0, 5] });
    const stripped: PartialRun = {
      ...weighed,
      weights: null,
      nodes: weighed.nodes.map((n) => ({ ...n, weighted: null })),
    };
    expectSalvoError(() => mergePartials(weighedReference, [stripped]), {
      code: 'PARTIAL_MISMATCH',
      parameter: 'partials[0]',
      messageIncludes: ['carries no weights', 'observes evidence'],
    });
    const unweighed = runPartial(reference, { samples, segments: [0, 5] });
    expectSalvoError(() => mergePartials(reference, [{ ...unweighed, weights: weighed.weights }]), {
      code: 'PARTIAL_MISMATCH',
      parameter: 'partials[0]',
      messageIncludes: ['carries weights', 'observes none'],
    });
    expectSalvoError(() => combinePartials([weighed, stripped]), {
      code: 'PARTIAL_MISMATCH',
      parameter: 'partials[1]',
      messageIncludes: 'carries no weights',
    });
  });

  it('weighted buckets round-trip bit for bit: empty, plain and special exact sums', () => {
    const part = runPartial(weighedReference, { samples: 20_000, segments: [0, 5] });
    const node = part.nodes[4];
    const weighted = node.weighted as NonNullable<typeof node.weighted>;
    const odd: PartialRun = {
      ...part,
      nodes: [
        {
          ...node,
          weighted: {
            ...weighted,
            sketch: {
              ...weighted.sketch,
              min: -0,
              positive: {
                offset: -3,
                // none; a plain sum of two parts; a sum with infinite terms; one with a big part.
                masses: [
                  [],
                  [0, 0, 1, 2 ** -60, Number.NaN],
                  [Infinity, Infinity, Number.NaN],
                  [0, 0, 1, Number.NaN, 2],
                ],
              },
            },
          },
        },
        ...part.nodes.slice(1),
      ],
    };
    const back = decodePartial(encodePartial(odd));
    expect(back).toEqual(odd);
    expect(Object.is(back.nodes[0].weighted?.sketch.min, -0)).toBe(true);
  });
});
