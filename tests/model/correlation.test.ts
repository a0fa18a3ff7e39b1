import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exponential,
  lognormal,
  model,
  nearestCorrelationMatrix,
  normal,
  pert,
  poisson,
  spearman,
  uniform,
} from '../../src/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectKs } from '../helpers/stats.js';

/**
 * Tolerance on achieved rank correlations at 1e5 samples. Iman–Conover fixes each segment's score
 * correlation exactly, so what remains is the gap between the scores' and the values' rank
 * correlation within a 4,096-sample segment (measured: under 0.004 for the matrices below) plus its
 * sampling noise across 25 segments; 0.01 is the figure the docs promise.
 */
const TOLERANCE = 0.01;

const three = model({ seed: 'correlated' })
  .input('containers', pert(5_500, 6_700, 8_000))
  .input('roundsPerContainer', lognormal.ci(300, 600))
  .input('share', uniform(0.5, 1))
  .input('unrelated', normal(0, 1));

const matrix = [
  [1, -0.4, 0.7],
  [-0.4, 1, 0],
  [0.7, 0, 1],
];

describe('model.correlate: Iman–Conover rank correlation', () => {
  it('achieves the requested Spearman correlations (1e5 samples, within 0.01)', () => {
    const run = three
      .correlate(['containers', 'roundsPerContainer', 'share'], matrix)
      .run({ samples: 100_000 });
    const names = ['containers', 'roundsPerContainer', 'share'] as const;
    for (let i = 0; i < 3; i++) {
      for (let j = i + 1; j < 3; j++) {
        const achieved = spearman(run.samples(names[i]), run.samples(names[j]));
        expect(
          Math.abs(achieved - matrix[i][j]),
          `${names[i]}, ${names[j]}: ${achieved}`,
        ).toBeLessThan(TOLERANCE);
      }
    }
    expect(Math.abs(spearman(run.samples('unrelated'), run.samples('containers')))).toBeLessThan(
      0.01,
    );
  });

  it('keeps every marginal exactly: each segment holds the same values, reordered (and KS passes)', () => {
    const samples = 30_000; // the last segment is partial
    const plain = three.run({ samples });
    const correlated = three.correlate('containers', 'share', 0.8).run({ samples });
    for (const name of ['containers', 'share'] as const) {
      const before = plain.samples(name);
      const after = correlated.samples(name);
      expect(after).not.toEqual(before);
      for (let start = 0; start < samples; start += 4_096) {
        const end = Math.min(start + 4_096, samples);
        expect(after.slice(start, end).sort()).toEqual(before.slice(start, end).sort());
      }
    }
    // Inputs outside the correlation are untouched.
    expect(correlated.samples('roundsPerContainer')).toEqual(plain.samples('roundsPerContainer'));
    expect(correlated.samples('unrelated')).toEqual(plain.samples('unrelated'));
    const u = uniform(0.5, 1);
    expectKs(correlated.samples('share'), (x) => u.cdf(x));
  });

  it('derived nodes see the rearranged inputs', () => {
    const run = three
      .correlate('containers', 'roundsPerContainer', 0.5)
      .derive('rounds', 'containers * roundsPerContainer')
      .run({ samples: 10_000 });
    const c = run.samples('containers');
    const r = run.samples('roundsPerContainer');
    const rounds = run.samples('rounds');
    for (let i = 0; i < c.length; i += 97) expect(rounds[i]).toBe(c[i] * r[i]);
  });

  it('is reproducible: same samples whatever the block size, declaration order or pair order', () => {
    const options = { samples: 50_000, blockSize: 65_536 };
    const reference = three
      .correlate(['containers', 'roundsPerContainer', 'share'], matrix)
      .run(options);
    const smallBlocks = three
      .correlate(['containers', 'roundsPerContainer', 'share'], matrix)
      .run({ ...options, blockSize: 4_096 });
    const reordered = model({ seed: 'correlated' })
      .input('share', uniform(0.5, 1))
      .input('unrelated', normal(0, 1))
      .input('roundsPerContainer', lognormal.ci(300, 600))
      .input('containers', pert(5_500, 6_700, 8_000))
      .correlate('share', 'containers', 0.7)
      .correlate('roundsPerContainer', 'containers', -0.4)
      .correlate('share', 'roundsPerContainer', 0)
      .run(options);
    const sameMatrixOtherOrder = three
      .correlate(
        ['share', 'containers', 'roundsPerContainer'],
        [
          [1, 0.7, 0],
          [0.7, 1, -0.4],
          [0, -0.4, 1],
        ],
      )
      .run(options);
    for (const name of ['containers', 'roundsPerContainer', 'share', 'unrelated'] as const) {
      expect(smallBlocks.samples(name), name).toEqual(reference.samples(name));
      expect(reordered.samples(name), name).toEqual(reference.samples(name));
      expect(sameMatrixOtherOrder.samples(name), name).toEqual(reference.samples(name));
    }
    expect(smallBlocks.toJSON()).toEqual(reference.toJSON());
  });

  it('pairs never given count as 0 when calls link several inputs', () => {
    const run = three
      .correlate('containers', 'roundsPerContainer', 0.6)
      .correlate('roundsPerContainer', 'share', 0.6)
      .run({ samples: 100_000 });
    const c = run.samples('containers');
    const s = run.samples('share');
    expect(Math.abs(spearman(c, s))).toBeLessThan(TOLERANCE);
    expect(Math.abs(spearman(c, run.samples('roundsPerContainer')) - 0.6)).toBeLessThan(TOLERANCE);
  });

  it('rho = ±1 gives identical (or reversed) ranks within each segment; discrete inputs work', () => {
    const run = model({ seed: 3 })
      .input('a', exponential(1))
      .input('b', normal(0, 1))
      .input('c', uniform(0, 1))
      .input('count', poisson(4))
      .correlate('a', 'b', 1)
      .correlate('a', 'c', -1)
      .correlate('b', 'c', -1) // implied by the two above; leaving it out (0) would be impossible
      .correlate('a', 'count', 0.5)
      .correlate('b', 'count', 0.5)
      .correlate('c', 'count', -0.5)
      .run({ samples: 40_000 });
    // Within a segment the ranks agree exactly; across segments pairs are drawn independently, which
    // leaves the whole run's rank correlation a hair from ±1.
    const segment = (name: 'a' | 'b' | 'c') => run.samples(name).subarray(4_096, 8_192);
    expect(spearman(segment('a'), segment('b'))).toBe(1);
    expect(spearman(segment('a'), segment('c'))).toBe(-1);
    expect(spearman(run.samples('a'), run.samples('b'))).toBeGreaterThan(0.999);
    expect(spearman(run.samples('a'), run.samples('c'))).toBeLessThan(-0.999);
    // Ties in a Poisson input cap the rank correlation a little below the target (measured 0.47).
    expect(spearman(run.samples('b'), run.samples('count'))).toBeGreaterThan(0.44);
  });

  it('works for runs shorter than a segment, down to one sample', () => {
    for (const samples of [1, 2, 3, 10, 100]) {
      const run = three.correlate('containers', 'share', 0.9).run({ samples });
      expect(run.samples('containers').length).toBe(samples);
    }
    const run = three.correlate('containers', 'share', 0.9).run({ samples: 1_000 });
    expect(spearman(run.samples('containers'), run.samples('share'))).toBeGreaterThan(0.85);
  });

  it('unkept correlated inputs have the same sketch as kept ones (the sketch ignores order)', () => {
    const m = three.correlate('containers', 'share', 0.8).derive('x', 'containers * share');
    const kept = m.run({ samples: 20_000 });
    const unkept = m.run({ samples: 20_000, keep: 'none' });
    expect(unkept.summary('x').mean).toBe(kept.summary('x').mean);
    expect(unkept.summary('share').mean).toBe(kept.summary('share').mean);
    expect(unkept.quantile('x', 0.5) / kept.quantile('x', 0.5)).toBeCloseTo(1, 2);
  });

  it('property: any valid 2×2 correlation is achieved within 0.02 at 20,000 samples', () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), (rho) => {
        const run = model({ seed: 9 })
          .input('x', normal(0, 1))
          .input('y', lognormal(0, 1))
          .correlate('x', 'y', rho)
          .run({ samples: 20_000 });
        expect(Math.abs(spearman(run.samples('x'), run.samples('y')) - rho)).toBeLessThan(0.02);
      }),
      { numRuns: 15 },
    );
  });
});

describe('model.correlate: rejects bad requests, naming the entry', () => {
  const m = three.derive('rounds', 'containers * roundsPerContainer');

  it('names, kinds and pairs', () => {
    expectSalvoError(() => m.correlate('containers', 'nope' as never, 0.5), {
      parameter: 'b',
      messageIncludes: 'names no input',
    });
    expectSalvoError(() => m.correlate('rounds', 'share', 0.5), {
      parameter: 'a',
      messageIncludes: 'derived node',
    });
    expectSalvoError(() => m.correlate('share', 'share', 0.5), {
      parameter: 'b',
      messageIncludes: 'repeated',
    });
    expectSalvoError(() => m.correlate(['share'], [[1]]), {
      parameter: 'names',
      messageIncludes: 'at least two',
    });
    for (const rho of [1.5, -2, Number.NaN, '0.5' as unknown as number]) {
      expectSalvoError(() => m.correlate('share', 'containers', rho), { parameter: 'rho' });
    }
    expectSalvoError(
      () =>
        m.correlate('share', 'containers', 0.5).correlate(
          ['containers', 'share'],
          [
            [1, 0.2],
            [0.2, 1],
          ],
        ),
      { parameter: 'names', messageNamesParameter: false, messageIncludes: 'already correlated' },
    );
  });

  it('matrices: shape, diagonal, range, symmetry, positive semi-definiteness', () => {
    const names = ['containers', 'roundsPerContainer', 'share'] as const;
    expectSalvoError(
      () =>
        m.correlate(names, [
          [1, 0],
          [0, 1],
        ]),
      { parameter: 'matrix' },
    );
    expectSalvoError(
      () =>
        m.correlate(names, [
          [1, 0, 0],
          [0, 1],
          [0, 0, 1],
        ]),
      {
        parameter: 'matrix[1]',
      },
    );
    expectSalvoError(
      () =>
        m.correlate(names, [
          [1, 0, 0],
          [0, 0.9, 0],
          [0, 0, 1],
        ]),
      {
        parameter: 'matrix[1][1]',
        messageIncludes: 'diagonal',
      },
    );
    expectSalvoError(
      () =>
        m.correlate(names, [
          [1, 0, 1.2],
          [0, 1, 0],
          [1.2, 0, 1],
        ]),
      {
        parameter: 'matrix[0][2]',
      },
    );
    expectSalvoError(
      () =>
        m.correlate(names, [
          [1, 0.3, 0],
          [0.2, 1, 0],
          [0, 0, 1],
        ]),
      {
        parameter: 'matrix[1][0]',
        messageIncludes: 'symmetric',
      },
    );
    const error = expectSalvoError(
      () =>
        m.correlate(names, [
          [1, 0.9, 0],
          [0.9, 1, 0.9],
          [0, 0.9, 1],
        ]),
      {
        parameter: 'matrix',
        messageIncludes: ['not positive semi-definite', 'nearestCorrelationMatrix'],
      },
    );
    expect(error.message).toContain('[[1, 0.7434, 0.1053]');
  });

  it('several calls that are impossible together are refused when the run is planned', () => {
    const impossible = m
      .correlate('containers', 'roundsPerContainer', 0.9)
      .correlate('roundsPerContainer', 'share', 0.9); // implies containers–share 0, impossible
    expectSalvoError(() => impossible.run({ samples: 10 }), {
      parameter: 'correlate',
      messageIncludes: ['containers, roundsPerContainer, share', 'nearest valid'],
    });
  });
});

describe('nearestCorrelationMatrix', () => {
  it("reproduces Higham's (2002) worked examples", () => {
    // Higham, IMA J. Numer. Anal. 22 (2002), §4: A = [[1, 1, 0], [1, 1, 1], [0, 1, 1]].
    const a = nearestCorrelationMatrix(
      [
        [1, 1, 0],
        [1, 1, 1],
        [0, 1, 1],
      ],
      { minEigenvalue: 0 },
    );
    expect(a[0][1]).toBeCloseTo(0.7607, 4);
    expect(a[0][2]).toBeCloseTo(0.1573, 4);
    expect(a[1][2]).toBeCloseTo(0.7607, 4);
    // The tridiagonal example: 2 on the diagonal, -1 beside it.
    const b = nearestCorrelationMatrix(
      [
        [2, -1, 0, 0],
        [-1, 2, -1, 0],
        [0, -1, 2, -1],
        [0, 0, -1, 2],
      ],
      { minEigenvalue: 0 },
    );
    expect(b[0].map((x) => Math.round(x * 1e4) / 1e4)).toEqual([1, -0.8084, 0.1916, 0.1068]);
    expect(b[1].map((x) => Math.round(x * 1e4) / 1e4)).toEqual([-0.8084, 1, -0.6562, 0.1916]);
  });

  it('returns a valid matrix that model.correlate accepts, and leaves a valid one unchanged', () => {
    const fixed = nearestCorrelationMatrix([
      [1, 0.9, 0],
      [0.9, 1, 0.9],
      [0, 0.9, 1],
    ]);
    expect(() =>
      three.correlate(['containers', 'roundsPerContainer', 'share'], fixed),
    ).not.toThrow();
    const valid = nearestCorrelationMatrix(matrix, { minEigenvalue: 0 });
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) expect(valid[i][j]).toBeCloseTo(matrix[i][j], 12);
    }
  });

  it('rejects what is not a symmetric matrix of finite numbers', () => {
    expectSalvoError(() => nearestCorrelationMatrix([]), { parameter: 'matrix' });
    expectSalvoError(() => nearestCorrelationMatrix([[1, 2]]), { parameter: 'matrix[0]' });
    expectSalvoError(
      () =>
        nearestCorrelationMatrix([
          [1, Number.NaN],
          [0, 1],
        ]),
      {
        parameter: 'matrix[0][1]',
      },
    );
    expectSalvoError(
      () =>
        nearestCorrelationMatrix([
          [1, 0.5],
          [0.4, 1],
        ]),
      {
        parameter: 'matrix[1][0]',
      },
    );
    expectSalvoError(() => nearestCorrelationMatrix([[1]], { minEigenvalue: -1 }), {
      parameter: 'minEigenvalue',
    });
  });
});
