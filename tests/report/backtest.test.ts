import { describe, expect, it } from 'vitest';
import {
  type BacktestResult,
  backtest,
  backtestChart,
  backtestTable,
  formatNumber,
  type VegaLiteSpec,
} from '../../src/index.js';
import { renderSvg } from '../../src/node/index.js';
import { expectSalvoError } from '../helpers/errors.js';

const OBSERVATIONS = [
  { date: '2024-01-31', value: 100 },
  { date: '2024-02-29', value: 103, label: 'February report' },
  { date: '2024-03-31', value: 104 },
];

/** A naive method: the last known value, give or take `spread`, as five fixed samples. */
function naive(spread: number): BacktestResult {
  return backtest({
    observations: OBSERVATIONS,
    cutoffs: ['2024-02-29', '2024-01-31'],
    forecast: (known, later) => {
      const last = known[known.length - 1].value;
      return later.map(() => [
        last - spread,
        last - spread / 2,
        last,
        last + spread / 2,
        last + spread,
      ]);
    },
  });
}

const layers = (spec: VegaLiteSpec) =>
  spec.layer as {
    data: { values: Record<string, unknown>[] };
    mark: Record<string, unknown>;
    encoding: Record<string, Record<string, unknown>>;
  }[];

describe('backtestTable', () => {
  it('has a row per method: scored, coverage, mean 90% interval score, CRPS and log score', () => {
    const narrow = naive(2);
    const wide = naive(8);
    // Narrow: of 103 from 100 (p25–p75 99–101, p5–p95 98.2–101.8), 104 from 100 and 104 from 103,
    // only the last is covered (50% and 90%).
    expect(narrow.totals.count).toBe(3);
    expect(narrow.totals.coverage50).toBeCloseTo(1 / 3, 15);
    expect(backtestTable({ narrow, wide })).toBe(
      [
        'method  scored  in 50%  in 90%  interval score 90%  CRPS  log score',
        '------  ------  ------  ------  ------------------  ----  ---------',
        `narrow       3     33%     33%  ${formatNumber(narrow.totals.meanIntervalScore90).padStart(18)}  ${formatNumber(narrow.totals.meanCrps).padStart(4)}  ${formatNumber(narrow.totals.meanLogScore).padStart(9)}`,
        `wide         3    100%    100%  ${formatNumber(wide.totals.meanIntervalScore90).padStart(18)}  ${formatNumber(wide.totals.meanCrps).padStart(4)}  ${formatNumber(wide.totals.meanLogScore).padStart(9)}`,
      ].join('\n'),
    );
    // The numbers themselves, as the doc example shows them.
    expect(backtestTable({ narrow, wide }).split('\n').slice(2)).toEqual([
      'narrow       3     33%     33%                  26     2          3',
      'wide         3    100%    100%                  14   2.1          3',
    ]);
  });

  it('adds a row per cut-off with byOrigin, and writes scores with format', () => {
    const table = backtestTable(
      { naive: naive(8) },
      { byOrigin: true, format: (x) => x.toFixed(3) },
    );
    const result = naive(8);
    expect(table.split('\n')).toEqual([
      'method  cut-off     scored  in 50%  in 90%  interval score 90%   CRPS  log score',
      '------  ----------  ------  ------  ------  ------------------  -----  ---------',
      `naive   2024-01-31       2    100%    100%              14.400  ${result.origins[0].totals.meanCrps.toFixed(3)}  ${result.origins[0].totals.meanLogScore.toFixed(3).padStart(9)}`,
      `naive   2024-02-29       1    100%    100%              14.400  ${result.origins[1].totals.meanCrps.toFixed(3)}  ${result.origins[1].totals.meanLogScore.toFixed(3).padStart(9)}`,
      `naive   all              3    100%    100%              14.400  ${result.totals.meanCrps.toFixed(3)}  ${result.totals.meanLogScore.toFixed(3).padStart(9)}`,
    ]);
  });

  it('leaves out the method column for a single result', () => {
    const lines = backtestTable(naive(8)).split('\n');
    expect(lines[0]).toBe('scored  in 50%  in 90%  interval score 90%  CRPS  log score');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('     3    100%    100%                  14   2.1          3');
  });

  it('refuses what is not a backtest result, naming it', () => {
    expectSalvoError(() => backtestTable(null as never), { parameter: 'results' });
    expectSalvoError(() => backtestTable({} as never), { parameter: 'results' });
    expectSalvoError(() => backtestTable({ good: naive(2), bad: { totals: {} } } as never), {
      parameter: 'results["bad"]',
    });
    expectSalvoError(() => backtestTable(naive(2), { byorigin: true } as never), {
      code: 'UNKNOWN_OPTION',
      parameter: 'options.byorigin',
      messageIncludes: 'byOrigin',
    });
  });
});

describe('backtestChart', () => {
  it('draws each forecast as bars beside its date, the medians as ticks, the observations as points', async () => {
    const spec = backtestChart(
      { narrow: naive(2), wide: naive(8) },
      { title: 'Deliveries, backtested', yTitle: 'containers' },
    );
    expect(spec.$schema).toContain('vega-lite/v6');
    expect(spec.title).toBe('Deliveries, backtested');
    const [cutoffs, ninety, fifty, medians, points] = layers(spec);
    expect(layers(spec)).toHaveLength(5);
    expect(cutoffs.data.values).toEqual([{ at: '2024-01-31' }, { at: '2024-02-29' }]);
    // Three forecasts per method; the bars share their data and read p5–p95, p25–p75, p50.
    const forecasts = ninety.data.values;
    expect(forecasts).toHaveLength(6);
    expect(fifty.data).toBe(ninety.data);
    expect(medians.data).toBe(ninety.data);
    expect([ninety.encoding.y.field, ninety.encoding.y2.field]).toEqual(['p5', 'p95']);
    expect([fifty.encoding.y.field, fifty.encoding.y2.field]).toEqual(['p25', 'p75']);
    expect(medians.encoding.y.field).toBe('p50');
    expect(medians.mark).toMatchObject({ type: 'tick', orient: 'horizontal' });
    expect(ninety.encoding.y.axis).toMatchObject({ title: 'containers' });
    expect(ninety.encoding.color.field).toBe('method');
    const first = forecasts[0];
    expect(first).toMatchObject({
      method: 'narrow',
      cutoff: '2024-01-31',
      date: '2024-02-29',
      p5: 98.2,
      p25: 99,
      p50: 100,
      p75: 101,
      p95: 101.8,
    });
    // Side by side at a date: slots by method, then cut-off, across 30% of the shortest gap between
    // the observed dates (31 days), centred on the date.
    const at = (method: string, cutoff: string, date: string) =>
      forecasts.find((f) => f.method === method && f.cutoff === cutoff && f.date === date)
        ?.at as number;
    const march = Date.parse('2024-03-31');
    const spread = 0.3 * 31 * 86_400_000;
    expect(at('narrow', '2024-01-31', '2024-03-31')).toBeCloseTo(march - (3 / 8) * spread, 3);
    expect(at('narrow', '2024-02-29', '2024-03-31')).toBeCloseTo(march - (1 / 8) * spread, 3);
    expect(at('wide', '2024-01-31', '2024-03-31')).toBeCloseTo(march + (1 / 8) * spread, 3);
    expect(at('wide', '2024-02-29', '2024-03-31')).toBeCloseTo(march + (3 / 8) * spread, 3);
    // Each observed value once, however many forecasts it has.
    expect(points.data.values).toEqual([
      { date: '2024-02-29', value: 103, label: 'February report', at: '2024-02-29' },
      { date: '2024-03-31', value: 104, label: '', at: '2024-03-31' },
    ]);

    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Deliveries, backtested');
    expect(svg).toContain('containers');
    expect(svg).toContain('narrow');
    expect(svg).toContain('wide');
  });

  it('draws a single result in one colour, without a legend', async () => {
    const spec = backtestChart(naive(8));
    expect(layers(spec)[1].encoding.color).toEqual({ value: '#4c78a8' });
    expect(layers(spec)[1].data.values.map((f) => f.method)).toEqual([
      'forecast',
      'forecast',
      'forecast',
    ]);
    expect(layers(spec)[1].encoding.y.axis).toMatchObject({ title: 'value' });
    expect((await renderSvg(spec)).startsWith('<svg')).toBe(true);
  });

  it('refuses what is not a backtest result and bad sizes, naming them', () => {
    expectSalvoError(() => backtestChart([] as never), { parameter: 'results' });
    expectSalvoError(() => backtestChart(naive(2), { width: 10 }), { parameter: 'width' });
    expectSalvoError(() => backtestChart(naive(2), { ytitle: 'x' } as never), {
      code: 'UNKNOWN_OPTION',
      parameter: 'options.ytitle',
    });
  });
});
