import { describe, expect, it } from 'vitest';
import {
  grid,
  lognormal,
  model,
  normal,
  pert,
  sweep,
  sweepChart,
  sweepTable,
} from '../../src/index.js';
import { expectSalvoError } from '../helpers/errors.js';

const shipments = (p: { roundsPerContainer: number; scenario?: string }) =>
  model({ seed: 'sweep' })
    .input('containers', pert(5_500, p.scenario === 'surge' ? 7_500 : 6_700, 9_000))
    .input('share', lognormal.ci(0.5, 0.9))
    .derive('carrying', 'containers * share')
    .derive('rounds', `carrying * ${p.roundsPerContainer}`);

describe('grid', () => {
  it('every combination, the first axis slowest', () => {
    expect(grid({ a: [1, 2], b: ['x', 'y', 'z'] })).toEqual([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 1, b: 'z' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
      { a: 2, b: 'z' },
    ]);
    expect(grid({ only: [3] })).toEqual([{ only: 3 }]);
  });

  it('refuses no axis, an empty axis, or values that are not numbers or strings', () => {
    expectSalvoError(() => grid({}), { parameter: 'axes', messageNamesParameter: false });
    expectSalvoError(() => grid({ a: [] }), { parameter: 'axes.a', messageNamesParameter: false });
    expectSalvoError(() => grid({ a: [Number.NaN] }), {
      parameter: 'axes.a',
      messageNamesParameter: false,
    });
    expectSalvoError(() => grid({ a: [{}] } as never), {
      parameter: 'axes.a',
      messageNamesParameter: false,
    });
  });
});

describe('sweep', () => {
  const points = grid({ roundsPerContainer: [300, 450, 600], scenario: ['steady', 'surge'] });
  const s = sweep(shipments, points, { samples: 30_000 });

  it("gives each point model.run's summaries of the model's outputs, to the last bit", () => {
    expect(s.outputs).toEqual(['rounds']);
    expect(s.rows.map((r) => r.point)).toEqual(points);
    for (const row of s.rows) {
      const run = shipments(row.point).run({ samples: 30_000, keep: 'none' });
      expect(row.summaries.rounds).toEqual(run.summary('rounds'));
    }
  });

  it('draws every point from the same streams: doubling the rounds per container doubles the mean exactly', () => {
    const at = (k: number, scenario: string) =>
      s.rows.find((r) => r.point.roundsPerContainer === k && r.point.scenario === scenario)
        ?.summaries.rounds?.mean as number;
    expect(at(600, 'steady')).toBe(2 * at(300, 'steady'));
    expect(at(600, 'surge')).toBe(2 * at(300, 'surge'));
    expect(at(300, 'surge')).toBeGreaterThan(at(300, 'steady'));
  });

  it('takes outputs, sampling and extra quantiles', () => {
    const t = sweep(shipments, [{ roundsPerContainer: 300 }], {
      samples: 8_192,
      outputs: ['carrying', 'rounds'],
      sampling: 'sobol',
      quantiles: [0.99],
    });
    const run = shipments({ roundsPerContainer: 300 }).run({
      samples: 8_192,
      keep: 'none',
      sampling: 'sobol',
      quantiles: [0.99],
    });
    expect(t.rows[0].summaries.carrying).toEqual(run.summary('carrying'));
    expect(Object.keys(t.rows[0].summaries)).toEqual(['carrying', 'rounds']);
  });

  it("exactQuantiles: each point's exact quantiles, as model.run gives them", () => {
    const options = { samples: 50_000, quantiles: [0.99], exactQuantiles: ['rounds' as const] };
    const t = sweep(shipments, [{ roundsPerContainer: 300 }, { roundsPerContainer: 600 }], options);
    for (const row of t.rows) {
      const run = shipments(row.point).run({ ...options, keep: 'none' });
      expect(row.summaries.rounds?.quantileMethod).toBe('exact');
      expect(row.summaries.rounds).toEqual(run.summary('rounds'));
    }
  });

  it('refuses no points, a builder that returns no model, a missing output, unknown options', () => {
    expectSalvoError(() => sweep(shipments, [], { samples: 10 }), { parameter: 'points' });
    expectSalvoError(() => sweep((() => 42) as never, [{ a: 1 }], { samples: 10 }), {
      parameter: 'build',
    });
    expectSalvoError(
      () =>
        sweep(shipments, [{ roundsPerContainer: 1 }], { samples: 10, outputs: ['nope' as never] }),
      { parameter: 'outputs', messageNamesParameter: false, messageIncludes: 'nope' },
    );
    expectSalvoError(
      () => sweep(shipments, [{ roundsPerContainer: 1 }], { samples: 10, keep: 'all' } as never),
      {
        code: 'UNKNOWN_OPTION',
        parameter: 'options.keep',
        messageNamesParameter: false,
      },
    );
  });
});

describe('sweepTable and sweepChart', () => {
  const s = sweep(
    (p: { mu: number; sd: number }) =>
      model({ seed: 1 }).input('x', normal(p.mu, p.sd)).derive('y', 'x * 2'),
    grid({ mu: [0, 10], sd: [1, 2] }),
    { samples: 10_000 },
  );

  it('tabulates the points with median, 90% interval and mean', () => {
    const lines = sweepTable(s, 'y').split('\n');
    expect(lines[0]).toMatch(/^mu {2}sd {2}median +90% interval +mean$/);
    expect(lines).toHaveLength(2 + 4);
    const y = s.rows[3].summaries.y;
    expect(lines[5]).toContain(
      `${Math.round(y?.quantiles.p5 ?? 0)}–${Math.round(y?.quantiles.p95 ?? 0)}`,
    );
    expectSalvoError(() => sweepTable(s, 'x' as never), {
      parameter: 'output',
      messageNamesParameter: false,
    });
  });

  it('charts the median and bands against a numeric axis, a line per series', () => {
    const spec = sweepChart(s, 'y', { x: 'mu', series: 'sd', title: 'y by mu' });
    const layers = spec.layer as {
      data: { values: Record<string, unknown>[] };
      mark: { type: string };
    }[];
    expect(layers.map((l) => l.mark.type)).toEqual(['area', 'area', 'line']);
    expect(layers[2].data.values).toEqual(
      s.rows.map((r) => ({
        x: r.point.mu,
        series: String(r.point.sd),
        p5: r.summaries.y?.quantiles.p5,
        p25: r.summaries.y?.quantiles.p25,
        p50: r.summaries.y?.quantiles.p50,
        p75: r.summaries.y?.quantiles.p75,
        p95: r.summaries.y?.quantiles.p95,
      })),
    );
    expectSalvoError(() => sweepChart(s, 'y', { x: 'nope' }), {
      parameter: 'x',
      messageNamesParameter: false,
    });
    expectSalvoError(() => sweepChart(s, 'y', { x: 'mu', colour: 'red' } as never), {
      code: 'UNKNOWN_OPTION',
      parameter: 'options.colour',
      messageNamesParameter: false,
    });
  });
});
