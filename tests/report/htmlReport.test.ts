import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  backtest,
  backtestTable,
  beta,
  formatInterval,
  htmlReport,
  lognormal,
  type Model,
  model,
  normal,
  pert,
} from '../../src/index.js';
import { writeHtmlReport } from '../../src/node/index.js';
import { expectSalvoError } from '../helpers/errors.js';
import { embeddedPageJson } from '../helpers/page.js';

const shipments = model({ seed: 'page' })
  .input('containers', pert(5_500, 6_700, 8_000))
  .input('roundsPerContainer', lognormal.ci(380, 600))
  .input('share', beta(7, 3))
  .derive('shells', 'containers * roundsPerContainer * share * (0.9 to 1.1)') as Model<string>;
const run = shipments.run({ samples: 20_000 });

/** The page's embedded data (what the page shows and reruns from). */
const pageData = (html: string) => JSON.parse(embeddedPageJson(html));
/** The `data-` attributes of one summary row. */
const row = (html: string, name: string) => {
  const found = new RegExp(`<tr data-node="${name}"[^>]*>(.*?)</tr>`).exec(html);
  expect(found, name).not.toBeNull();
  const text = (found as string[])[1];
  const attribute = (key: string) => Number(new RegExp(`data-${key}="([^"]*)"`).exec(text)?.[1]);
  return {
    text,
    p5: attribute('p5'),
    p50: attribute('p50'),
    p95: attribute('p95'),
    mean: attribute('mean'),
  };
};

describe('htmlReport', () => {
  const html = htmlReport(run, { model: shipments, title: 'Shells <shipped>' });

  it('shows the model as written, every node of the run, its numbers exactly, histograms and the tornado', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<title>Shells &lt;shipped&gt;</title>');
    for (const written of ['pert(5500, 6700, 8000)', 'lognormal.ci(380, 600)', 'beta(7, 3)']) {
      expect(html).toContain(`<code>${written}</code>`);
    }
    expect(html).toContain('containers * roundsPerContainer * share * (0.9 to 1.1)');
    for (const name of run.nodeNames) {
      const shown = row(html, name);
      const interval = run.interval(name);
      expect([shown.p5, shown.p50, shown.p95]).toEqual([
        interval.lower,
        interval.estimate,
        interval.upper,
      ]);
      expect(shown.mean).toBe(run.summary(name).mean);
      expect(shown.text).toContain(formatInterval(interval));
    }
    expect(html.match(/<svg class="histogram"/g)).toHaveLength(run.nodeNames.length);
    expect(html).toContain('What drives shells');
    expect(html.match(/<svg class="tornado".*?<\/svg>/)?.[0]).toContain('>share<');
    // Without the page build it does not rerun, and says so; nothing executable is in it.
    expect(html).toContain('This page does not rerun the model');
    expect(html).not.toMatch(/<script>|<script id="salvo-script">/);
  });

  it('embeds its data as JSON that cannot close the script element', () => {
    const tricky = htmlReport(run, {
      model: shipments,
      title: '</script><script>alert(1)</script>',
    });
    const data = pageData(tricky);
    expect(data.data.title).toBe('</script><script>alert(1)</script>');
    expect(data.data.model.nodes[1].distribution).toEqual({
      family: 'lognormal.ci',
      args: [380, 600],
    });
    expect(tricky.match(/<\/script>/g)).toHaveLength(1); // only the data element's own end
  });

  it('marks weak intervals and lists the warnings of a run on little evidence', () => {
    const weighed = shipments.observe('shells', lognormal(Math.log(1.5e6), 0.005));
    const page = htmlReport(weighed.run({ samples: 20_000 }), { model: weighed });
    expect(page).toMatch(/<tr data-node="shells" class="weak">/);
    expect(page).toContain('[weak: effective sample size');
    expect(page).toMatch(/<ul class="warnings"><li>[^<]*effective sample size/);
    expect(page).toContain('weighs its values');
  });

  it('says why a model with callbacks cannot be rerun, and still shows the run', () => {
    const callback = model({ seed: 1 })
      .input('x', normal(0, 1))
      .derive('y', ({ x }) => x.mul(2));
    const page = htmlReport(callback.run({ samples: 5_000 }), {
      model: callback,
      salvoScript: '1',
    });
    expect(page).toContain('node &quot;y&quot; is computed by a callback');
    expect(page).not.toContain('<script id="salvo-script">');
    expect(row(page, 'y').p50).toBe(callback.run({ samples: 5_000 }).quantile('y', 0.5));
  });

  it('with the page build, embeds it with the model, and a field for each number of each input', () => {
    const page = htmlReport(run, { model: shipments, salvoScript: 'var salvoPage = {};' });
    expect(page).toContain('<script id="salvo-script">var salvoPage = {};</script>');
    expect(page).toContain('id="salvo-worker"');
    expect(page.match(/<input type="number" class="arg"/g)).toHaveLength(3 + 2 + 2);
    expect(page).toContain('data-node="1" data-arg="1" value="600"');
  });

  it('draws the timelines given with it, as fans that a rerun keeps', () => {
    const bands = ['2024-01', '2024-02', '2024-03'].map((month, i) => ({
      month,
      p5: 1000 * i,
      p25: 1500 * i,
      p50: 2000 * i,
      p75: 2500 * i,
      p95: 3000 * i,
    }));
    const page = htmlReport(run, { timelines: [{ title: 'Deliveries <cumulative>', bands }] });
    expect(page).toContain('<h2>Deliveries &lt;cumulative&gt;</h2>');
    expect(page.match(/<svg class="fan"/g)).toHaveLength(1);
    // 200 pixels high, 10 above and 22 below the plot; 6,000 at the top, 0 at the bottom.
    expect(page).toContain('<polyline class="median" points="48,178 300,122 552,66"/>');
    expect(pageData(page).data.timelines[0].bands).toEqual(bands);
    expectSalvoError(
      () =>
        htmlReport(run, { timelines: [{ title: 'x', bands: [{ ...bands[0], p50: Number.NaN }] }] }),
      { parameter: 'timelines[0]', messageNamesParameter: false },
    );
  });

  it('shows the backtests given with it: the table of scores and the bars against the observations', () => {
    const observations = [
      { date: '2024-01-31', value: 100, label: 'January', likelihood: normal(100, 5) },
      { date: '2024-02-29', value: 104 },
      { date: '2024-03-31', value: 109 },
    ];
    const method = (spread: number) =>
      backtest({
        observations,
        cutoffs: ['2024-01-31', '2024-02-29'],
        forecast: (known, later) => {
          const last = known[known.length - 1].value;
          return later.map(() => [last - spread, last, last + spread, last + 2 * spread]);
        },
      });
    const results = { narrow: method(2), wide: method(10) };
    const page = htmlReport(run, { backtests: [{ title: 'Sign-ups <backtested>', results }] });
    expect(page).toContain('<h2>Sign-ups &lt;backtested&gt;</h2>');
    // The table is backtestTable's, with a row per cut-off.
    expect(page).toContain(
      backtestTable(results, { byOrigin: true }).replaceAll('&', '&amp;').split('\n')[2],
    );
    // One bar per (method, cut-off, later observation): 2 × (2 + 1); a dot per observed date.
    const svg = (/<svg class="backtest"[\s\S]*?<\/svg>/.exec(page) as RegExpExecArray)[0];
    expect(svg.match(/<g><title>/g)).toHaveLength(6);
    expect(svg.match(/<circle class="observed"/g)).toHaveLength(2);
    // Each method in its own colour (the page's stylesheet colours only histogram and tornado bars):
    // the legend's square and three 50% bars; three 90% bars, lighter.
    for (const colour of ['#1d3f6e', '#d08a1e']) {
      expect(svg.match(new RegExp(`fill="${colour}"/>`, 'g'))).toHaveLength(1 + 3);
      expect(svg.match(new RegExp(`fill="${colour}" opacity="0.5"`, 'g'))).toHaveLength(3);
    }
    // Type-7 quantiles of [90, 100, 110, 120]: p5 91.5, median 105, p95 118.5.
    expect(svg).toContain('wide from 2024-01-31: 105 (90%: 91.5–119)');
    // The page keeps dates, values and labels of the observations, not what else rode along.
    const embedded = pageData(page).data.backtests[0];
    expect(embedded.results.wide.origins[0].scores[0].observation).toEqual({
      date: '2024-02-29',
      value: 104,
    });
    expect(embedded.results.narrow.totals).toEqual(results.narrow.totals);
    // A lone result is drawn as one unnamed method.
    const lone = htmlReport(run, { backtests: [{ title: 'One', results: results.wide }] });
    expect(lone).toContain(backtestTable(results.wide, { byOrigin: true }).split('\n')[2]);
    expectSalvoError(() => htmlReport(run, { backtests: [{ title: 'x', results: {} as never }] }), {
      parameter: 'results',
      messageNamesParameter: false,
    });
    expectSalvoError(() => htmlReport(run, { backtests: [{ results } as never] }), {
      parameter: 'backtests[0]',
    });
  });

  it('refuses bad options before any work', () => {
    expectSalvoError(() => htmlReport(run, { output: 'shels' }), { parameter: 'output' });
    expectSalvoError(() => htmlReport(run, { rerunSamples: -1 }), {
      code: 'INVALID_SAMPLE_COUNT',
      parameter: 'rerunSamples',
    });
    expectSalvoError(() => htmlReport(run, { titel: 'x' } as never), {
      code: 'UNKNOWN_OPTION',
      parameter: 'options.titel',
    });
    expectSalvoError(() => htmlReport(run, { salvoScript: 'a</script>' }), {
      parameter: 'salvoScript',
      messageNamesParameter: true,
    });
  });
});

describe('writeHtmlReport (salvo/node)', () => {
  it('writes the page with the page build of salvo embedded, for a page that reruns', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'salvo-page-')), 'shells.html');
    await writeHtmlReport(path, run, { model: shipments, title: 'Shells' });
    const page = readFileSync(path, 'utf8');
    expect(page).toContain('<script id="salvo-script">');
    expect(page).toMatch(/var salvoPage=/);
    expect(pageData(page).rerunSamples).toBe(100_000);
    await expect(writeHtmlReport(join(path, 'no', 'such', 'dir.html'), run)).rejects.toMatchObject({
      code: 'IO_ERROR',
    });
  });
});
