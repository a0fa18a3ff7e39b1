/**
 * `htmlReport`: a run as one self-contained, offline HTML page — the model as written, the summary
 * table with intervals and Monte Carlo errors, histograms, the tornado of one output, and the
 * warnings. Given the page build of salvo (`writeHtmlReport` in 'salvo/node' gives it), the page also
 * reruns the model in a Web Worker when a number of an input is changed, and redraws.
 * @module
 */
import { SalvoError } from '../../errors.js';
import type { Model } from '../../model/model.js';
import type { ModelRun } from '../../model/result.js';
import type { Sensitivity } from '../../model/sensitivity.js';
import { requireKnownOptions, requireObject, requireSampleCount, show } from '../../validate.js';
import { type BacktestResults, methodsOf } from '../backtest.js';
import type { TimelineBand } from '../timelineBand.js';
import { type ReportData, reportData } from './data.js';
import { renderModel, renderResults } from './render.js';
import { escapeHtml } from './svg.js';

/**
 * Options of {@link htmlReport} (and of `writeHtmlReport` in 'salvo/node').
 *
 * @example
 * ```ts
 * import type { HtmlReportOptions } from 'salvo';
 * const options: HtmlReportOptions = { title: 'Shells shipped', output: 'shells', rerunSamples: 50_000 };
 * ```
 */
export interface HtmlReportOptions {
  /**
   * The model the run came from: the page then shows its inputs as written and, when it is made of
   * distributions and expressions (as {@link toModelJson} writes), embeds it to rerun.
   */
  readonly model?: Model<string>;
  /** The page's title (default `'salvo model'`). */
  readonly title?: string;
  /** The node whose sensitivity (tornado) the page shows; default the model's last node. */
  readonly output?: string;
  /**
   * That node's sensitivity, when you have already computed it (`run.sensitivity(output)`), so that
   * the page does not compute it again (the slowest part of a report); its output is the page's.
   */
  readonly sensitivity?: Sensitivity;
  /**
   * Timelines to draw as fan charts (`timelineBands` of salvo/shipments gives them): each a title and
   * its month-by-month bands. They come from their own run and stay as given when the page reruns.
   */
  readonly timelines?: readonly {
    readonly title: string;
    readonly bands: readonly TimelineBand[];
  }[];
  /**
   * Backtests to show (`backtest` results, one or several by method, as `backtestTable` takes them):
   * each a title, a table of its scores by method and cut-off, and a chart of the observations against
   * the bands forecast before them. Like timelines, they stay as given when the page reruns.
   */
  readonly backtests?: readonly {
    readonly title: string;
    readonly results: BacktestResults;
  }[];
  /** Samples of each rerun in the page (default 100,000). */
  readonly rerunSamples?: number;
  /**
   * The page build of salvo, as text, which the page embeds to rerun the model. `writeHtmlReport`
   * reads it from the package; without it the page shows the run and does not rerun.
   */
  readonly salvoScript?: string;
}

const OPTION_NAMES = [
  'model',
  'title',
  'output',
  'sensitivity',
  'timelines',
  'backtests',
  'rerunSamples',
  'salvoScript',
] as const;

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1d232b; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: 0.5rem 0; } th, td { padding: 0.25rem 0.7rem; text-align: left; border-bottom: 1px solid #d8dde3; vertical-align: top; }
th { font-weight: 600; } td.mean, td.interval { white-space: nowrap; }
code { font: 13px ui-monospace, monospace; } .error { color: #66707a; font-size: 0.85em; }
tr.weak td { background: #fff4d6; } ul.warnings { background: #fff4d6; padding: 0.6rem 1.6rem; }
.meta, .note { color: #4a545e; } #salvo-status { min-height: 1.4em; color: #4a545e; } #salvo-status.error { color: #a12622; }
.histograms { display: flex; flex-wrap: wrap; gap: 1rem; } figure { margin: 0; } figcaption { font-weight: 600; font-size: 0.9rem; }
svg { font: 11px system-ui, sans-serif; } svg.histogram { width: 320px; height: 120px; } svg.histogram rect, svg.tornado rect { fill: #4c78a8; }
svg.tornado, svg.fan { width: 560px; } svg line { stroke: #1d232b; stroke-dasharray: 3 2; }
svg .band90 { fill: #c6d6ea; } svg .band50 { fill: #8fb0d6; } svg .median { fill: none; stroke: #1d3f6e; stroke-width: 2; }
svg.backtest { width: 560px; } svg .observed { fill: #c0392b; } pre.backtest { font: 13px ui-monospace, monospace; }
input.arg { width: 7rem; } input.slider { width: 7rem; vertical-align: middle; }
`;

/** The page's script: reruns the model in a Web Worker made from the embedded page build. */
const WORKER_SCRIPT = `
self.onmessage = function (event) {
  var request = event.data;
  try {
    var started = Date.now();
    var model = salvoPage.modelFromJson(request.model);
    var run = model.run({ samples: request.samples });
    var options = { model: model, title: request.title, output: request.output, sensitivity: false };
    var data = salvoPage.reportData(run, options);
    self.postMessage({ id: request.id, data: data, ms: Date.now() - started, final: false });
    var output = request.output || data.nodes[data.nodes.length - 1].name;
    data.sensitivity = salvoPage.reportSensitivity(run, output);
    self.postMessage({ id: request.id, data: data, ms: Date.now() - started, final: true });
  } catch (error) {
    self.postMessage({ id: request.id, error: error && error.message ? error.message : String(error) });
  }
};
`;

const PAGE_SCRIPT = `
(function () {
  var page = JSON.parse(document.getElementById('salvo-page').textContent);
  var script = document.getElementById('salvo-script');
  var status = document.getElementById('salvo-status');
  if (!script || !page.data.model || typeof salvoPage === 'undefined') return;
  var samples = page.rerunSamples.toLocaleString('en-US');
  var worker;
  try {
    var workerScript = document.getElementById('salvo-worker').textContent;
    var source = new Blob([script.textContent, '\\n', workerScript], { type: 'text/javascript' });
    worker = new Worker(URL.createObjectURL(source));
  } catch (error) {
    status.textContent = 'This browser cannot run the model in the background here: ' + error.message;
    return;
  }
  var model = JSON.parse(JSON.stringify(page.data.model));
  var latest = 0;
  var timer;
  var lastSensitivity = page.data.sensitivity;
  worker.onmessage = function (event) {
    var reply = event.data;
    if (reply.id !== latest) return;
    if (reply.error) {
      status.className = 'error';
      status.textContent = reply.error;
      return;
    }
    // The first reply has no tornado yet: the last one stays drawn until the second reply brings it.
    if (reply.final) lastSensitivity = reply.data.sensitivity;
    else reply.data.sensitivity = lastSensitivity;
    reply.data.timelines = page.data.timelines;
    reply.data.backtests = page.data.backtests;
    document.getElementById('salvo-results').innerHTML = salvoPage.renderResults(reply.data);
    status.className = '';
    if (!reply.final) {
      status.textContent = 'Rerun with ' + samples + ' samples in ' + reply.ms + ' ms; sensitivity next…';
      document.body.setAttribute('data-redrawn', String(latest));
      return;
    }
    status.textContent = 'Rerun with ' + samples + ' samples in ' + reply.ms + ' ms (same seed), sensitivity included.';
    document.body.setAttribute('data-reruns', String(latest));
  };
  document.getElementById('salvo-model').addEventListener('input', function (event) {
    var field = event.target;
    var node = field.getAttribute('data-node');
    var arg = field.getAttribute('data-arg');
    if (node === null || arg === null || field.value === '') return;
    var value = Number(field.value);
    if (!isFinite(value)) return;
    document.querySelectorAll('[data-node="' + node + '"][data-arg="' + arg + '"]').forEach(function (twin) {
      if (twin !== field) twin.value = field.value;
    });
    var args = model.nodes[Number(node)].distribution.args;
    var path = arg.split('.');
    if (path.length === 1) args[Number(path[0])] = value;
    else args[Number(path[0])][path[1]] = value;
    clearTimeout(timer);
    timer = setTimeout(function () {
      latest += 1;
      status.className = '';
      status.textContent = 'Running ' + samples + ' samples…';
      worker.postMessage({ id: latest, model: model, samples: page.rerunSamples, title: page.data.title, output: page.output });
    }, 120);
  });
  status.textContent = 'Change a number of an input: the page reruns the model with ' + samples + ' samples and redraws.';
})();
`;

/** JSON inside a script element: nothing in it may close the element or open a comment. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');

/** A script's text inside a script element: refused if it could end the element early. */
function scriptText(text: unknown): string {
  if (typeof text !== 'string' || /<\/script|<!--/i.test(text)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      'htmlReport: salvoScript must be the page build of salvo (text without "</script" or "<!--"), as writeHtmlReport reads it',
      {
        parameter: 'salvoScript',
        value: typeof text === 'string' ? `${text.slice(0, 40)}…` : text,
      },
    );
  }
  return text;
}

/** The page from its data (its rerunning script only when it has the page build and the model). */
export function renderPage(
  data: ReportData,
  options: {
    readonly rerunSamples: number;
    readonly output?: string;
    readonly salvoScript?: string;
  },
): string {
  const interactive = options.salvoScript !== undefined && data.model !== undefined;
  const page = { data, rerunSamples: options.rerunSamples, output: options.output };
  const rerun = interactive
    ? ''
    : `<p class="note">This page does not rerun the model: ${escapeHtml(data.staticReason ?? 'it was written without the page build of salvo (writeHtmlReport in salvo/node embeds it)')}.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="salvo">
<title>${escapeHtml(data.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(data.title)}</h1>
<section id="salvo-model"><h2>Model</h2>${renderModel(data, interactive)}${rerun}<p id="salvo-status"></p></section>
<section id="salvo-results">${renderResults(data)}</section>
<script type="application/json" id="salvo-page">${scriptJson(page)}</script>
${interactive ? `<script id="salvo-script">${scriptText(options.salvoScript as string)}</script>\n<script type="text/plain" id="salvo-worker">${WORKER_SCRIPT}</script>\n<script>${PAGE_SCRIPT}</script>` : ''}
</body>
</html>
`;
}

/**
 * Checks the options of a report before any work, and returns the reruns' sample count.
 * @internal
 */
export function checkHtmlReportOptions(
  where: string,
  run: ModelRun<string>,
  options: HtmlReportOptions,
): number {
  requireObject(where, 'options', options, 'an object such as { model, title }');
  requireKnownOptions(where, 'options', options, OPTION_NAMES);
  const rerunSamples = requireSampleCount(where, options.rerunSamples ?? 100_000, 'rerunSamples');
  if (options.salvoScript !== undefined) scriptText(options.salvoScript);
  const output = options.output;
  if (output !== undefined && !run.nodeNames.includes(output)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: output = ${show(output)} names no node of the run (nodes: ${run.nodeNames.join(', ')})`,
      { parameter: 'output', value: output },
    );
  }
  const sensitivity = options.sensitivity;
  if (
    sensitivity !== undefined &&
    (typeof sensitivity !== 'object' ||
      sensitivity === null ||
      !run.nodeNames.includes(sensitivity.output) ||
      !Array.isArray(sensitivity.inputs))
  ) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: sensitivity must be what run.sensitivity(output) returns for a node of the run, got ${show(sensitivity)}`,
      { parameter: 'sensitivity', value: sensitivity },
    );
  }
  const timelines = options.timelines;
  if (timelines !== undefined) {
    const bad = Array.isArray(timelines)
      ? timelines.findIndex(
          (t) =>
            typeof t !== 'object' ||
            t === null ||
            typeof t.title !== 'string' ||
            !Array.isArray(t.bands) ||
            t.bands.some(
              (b: TimelineBand) =>
                typeof b !== 'object' ||
                b === null ||
                typeof b.month !== 'string' ||
                ![b.p5, b.p25, b.p50, b.p75, b.p95].every(Number.isFinite),
            ),
        )
      : 0;
    if (bad >= 0) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: timelines must be a list of { title, bands } with bands of { month, p5, p25, p50, p75, p95 } (finite numbers), as timelineBands gives them; got ${show(Array.isArray(timelines) ? timelines[bad] : timelines)}`,
        {
          parameter: Array.isArray(timelines) ? `timelines[${bad}]` : 'timelines',
          value: timelines,
        },
      );
    }
  }
  const backtests = options.backtests;
  if (backtests !== undefined) {
    if (!Array.isArray(backtests)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: backtests must be a list of { title, results }, got ${show(backtests)}`,
        { parameter: 'backtests', value: backtests },
      );
    }
    backtests.forEach((b, i) => {
      if (typeof b !== 'object' || b === null || typeof b.title !== 'string') {
        throw new SalvoError(
          'INVALID_PARAMETER',
          `${where}: backtests[${i}] must be { title, results } with a title, got ${show(b)}`,
          { parameter: `backtests[${i}]`, value: b },
        );
      }
      methodsOf(`${where}: backtests[${i}]`, b.results);
    });
  }
  if (options.title !== undefined && typeof options.title !== 'string') {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: title must be text, got ${show(options.title)}`,
      {
        parameter: 'title',
        value: options.title,
      },
    );
  }
  return rerunSamples;
}

/**
 * A run as one self-contained HTML page that opens offline in any browser: the model as written
 * (with `options.model`), each node's median and 90% interval with the Monte Carlo error of the
 * median and of the mean, a histogram per node, the tornado of one output (when the run kept the
 * samples it needs), the run's warnings, and intervals on too few effective samples marked weak.
 * With `options.salvoScript` (the page build of salvo, which `writeHtmlReport` in 'salvo/node'
 * supplies) and a model of distributions and expressions, the page embeds the model and reruns it in
 * a Web Worker whenever a number of an input is changed, redrawing the results.
 *
 * @param run - the run to show
 * @param options - the model, a title, the tornado's output, timelines and backtests to show, the
 *   reruns' sample count, the page build
 * @returns the page's HTML
 * @throws {@link SalvoError} `INVALID_PARAMETER` for an `output` that names no node or a bad
 *   `rerunSamples`, `UNKNOWN_OPTION` for a misspelt option
 *
 * @example
 * ```ts
 * import { htmlReport, model, pert } from 'salvo';
 * const shipments = model({ seed: 1 })
 *   .input('containers', pert(5_500, 6_700, 8_000))
 *   .derive('shells', 'containers * (380 to 600)');
 * const page = htmlReport(shipments.run({ samples: 10_000 }), { model: shipments, title: 'Shells' });
 * page.startsWith('<!doctype html>'); // => true
 * page.includes('pert(5500, 6700, 8000)'); // => true
 * ```
 */
export function htmlReport(run: ModelRun<string>, options: HtmlReportOptions = {}): string {
  const where = 'htmlReport';
  const rerunSamples = checkHtmlReportOptions(where, run, options);
  const data = reportData(run, options);
  const output = options.sensitivity?.output ?? options.output;
  return renderPage(data, {
    rerunSamples,
    ...(output === undefined ? {} : { output }),
    ...(options.salvoScript === undefined ? {} : { salvoScript: options.salvoScript }),
  });
}
