import { describe, expect, it } from 'vitest';
import {
  constant,
  fanChart,
  histogram,
  histogramChart,
  model,
  normal,
  tornadoChart,
  type VegaLiteSpec,
} from '../../src/index.js';
import { renderSvg } from '../../src/node/index.js';
import { deliveryTimeline, timelineBands } from '../../src/shipments/index.js';
import { expectSalvoError } from '../helpers/errors.js';

const layers = (spec: VegaLiteSpec) =>
  spec.layer as { data: { values: Record<string, unknown>[] } }[];

describe('chart specifications render to SVG with vega', () => {
  it('histogram: shares per bin and labelled reference rules', async () => {
    const h = histogram([1, 2, 2, 3, 3, 3], { bins: 3, range: [1, 4] });
    const spec = histogramChart(h, {
      title: 'Shells',
      xTitle: 'shells',
      markers: [{ value: 3.5, label: "South Korea's 3M" }],
    });
    expect(spec.$schema).toContain('vega-lite/v6');
    expect(layers(spec)[0].data.values.map((b) => b.share)).toEqual([1 / 6, 2 / 6, 3 / 6]);
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('South Korea');
    expect(svg).toContain('Shells');
  });

  it('histogram: shares are of every finite sample, and the part beyond the range is stated', async () => {
    // Two of eight values lie beyond the range: the bars show 6/8 in all, not 100%.
    const h = histogram([1, 2, 2, 3, 3, 3, 9, 12, Number.NaN], { bins: 3, range: [1, 4] });
    const spec = histogramChart(h, { title: 'Shells' });
    expect(layers(spec)[0].data.values.map((b) => b.share)).toEqual([1 / 8, 2 / 8, 3 / 8]);
    expect(spec.title).toEqual({
      text: 'Shells',
      subtitle: '25% of samples lie outside the range shown',
    });
    expect(await renderSvg(spec)).toContain('25% of samples lie outside');
    // Nothing outside: a plain title, no note.
    expect(histogramChart(histogram([1, 2, 3], { bins: 2 }), { title: 'x' }).title).toBe('x');
  });

  it('fan chart: bands at month ends, observations as labelled points, comparison series', async () => {
    const t = deliveryTimeline({
      start: '2024-01',
      months: 3,
      rate: { phases: [{ months: 3, containersPerMonth: constant(1_000) }] },
    });
    const spec = fanChart(timelineBands(t.model.run({ samples: 50 }), t), {
      yTitle: 'containers',
      observations: [{ date: '2024-02-10', value: 1_400, label: 'about 1,400' }],
      series: [{ name: 'EU deliveries', points: [{ date: '2024-01-31', value: 900 }] }],
    });
    expect(layers(spec)[0].data.values.map((v) => v.date)).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
    ]);
    expect(layers(spec)).toHaveLength(6);
    const svg = await renderSvg(spec);
    expect(svg).toContain('about 1,400');
    expect(svg).toContain('EU deliveries');
  });

  it('tornado: two bars per input from the overall median, largest swing first', async () => {
    const run = model({ seed: 1 })
      .input('small', normal(0, 1))
      .input('large', normal(0, 3))
      .derive('y', 'small + large')
      .run({ samples: 20_000 });
    const s = run.sensitivity('y');
    const spec = tornadoChart(s, { xTitle: 'y' });
    const rows = layers(spec)[0].data.values;
    expect(rows.map((r) => r.input)).toEqual(['large', 'large', 'small', 'small']);
    expect(rows.every((r) => r.median === s.baselineMedian)).toBe(true);
    const svg = await renderSvg(spec);
    expect(svg).toContain('input at its p10');
    expect(svg).toContain('large');
  });

  it('rejects malformed input, naming it; renderSvg reports what Vega-Lite rejects', async () => {
    expectSalvoError(() => histogramChart({} as never), { parameter: 'h' });
    const h = histogram([1, 2], { bins: 2 });
    expectSalvoError(() => histogramChart(h, { width: 10 }), { parameter: 'width' });
    expectSalvoError(() => histogramChart(h, { markers: [{ value: Number.NaN, label: 'x' }] }), {
      parameter: 'markers[0]',
    });
    expectSalvoError(() => fanChart([]), { parameter: 'bands' });
    expectSalvoError(() => tornadoChart({ inputs: [] } as never), { parameter: 'sensitivity' });
    await expect(renderSvg({} as never)).rejects.toMatchObject({
      code: 'INVALID_PARAMETER',
      parameter: 'spec',
    });
    await expect(
      renderSvg({
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        mark: 'nonsense',
      } as never),
    ).rejects.toMatchObject({ code: 'INVALID_PARAMETER', parameter: 'spec' });
  });
});

describe('chart axes', () => {
  it('use SI prefixes from 1,000 up and plain numbers below (a share is 0.5, not 500m)', async () => {
    const axisOf = (spec: VegaLiteSpec) =>
      (layers(spec)[0] as unknown as { encoding: { x: { axis: { format: string } } } }).encoding.x
        .axis.format;
    const shares = histogramChart(histogram([0.2, 0.5, 0.5, 0.9], { bins: 4, range: [0, 1] }));
    expect(axisOf(shares)).toBe(',.3~g');
    const svg = await renderSvg(shares);
    expect(svg).toContain('>0.5<');
    expect(svg).not.toMatch(/>\d+m</);
    const shells = histogramChart(histogram([1.2e6, 2.5e6, 3e6], { bins: 3 }));
    expect(axisOf(shells)).toBe('.2s');
    const dollars = histogramChart(histogram([1e9, 4e9], { bins: 2 }), { money: true });
    expect(axisOf(dollars)).toBe('$.2s');
  });
});

describe('chart axis labels', () => {
  it('write thousands and billions as formatNumber does (5K, 2B), not as d3 does (5k, 2G)', async () => {
    const thousands = await renderSvg(
      histogramChart(histogram([1_000, 5_000, 9_000], { bins: 4 })),
    );
    expect(thousands).toMatch(/>\d(\.\d)?K</);
    expect(thousands).not.toMatch(/>\d(\.\d)?k</);
    const billions = await renderSvg(histogramChart(histogram([1e9, 3e9, 5e9], { bins: 4 })));
    expect(billions).toMatch(/>\d(\.\d)?B</);
    expect(billions).not.toMatch(/>\d(\.\d)?G</);
  });
});
