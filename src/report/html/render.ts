/**
 * The report page's markup from its data (`data.ts`): the model as written (with a field per number
 * of each input when the page can rerun it), the summary table with intervals and Monte Carlo errors,
 * a histogram per node, the tornado of one output, and the warnings. Run in Node for the file and in
 * the browser for every rerun, so the page always shows what this code draws.
 * @internal
 * @module
 */

import { backtestTable } from '../backtest.js';
import { formatInterval, formatNumber, WEAK_INTERVAL_SAMPLES } from '../format.js';
import type { ReportData } from './data.js';
import { namedResults } from './data.js';
import { backtestSvg, escapeHtml, fanSvg, histogramSvg, tornadoSvg } from './svg.js';

/** A number at a glance, or a dash for one the run could not give. */
const glance = (x: number | null | undefined) =>
  typeof x === 'number' && Number.isFinite(x) ? formatNumber(x) : '–';

/** The full number, for `data-` attributes (what the page's tests and scripts read). */
const exact = (x: number | null | undefined) => (typeof x === 'number' ? String(x) : '');

/** An input's number as an editable field with a slider about it. */
function numberField(node: number, arg: string, value: number): string {
  // The slider spans 0 to twice the value (or −1 to 1 about 0), at any step, so that it can show
  // exactly what is typed in the field beside it.
  const span = value === 0 ? 1 : Math.abs(value);
  const where = `data-node="${node}" data-arg="${escapeHtml(arg)}"`;
  return (
    `<input type="number" class="arg" ${where} value="${value}" step="any">` +
    `<input type="range" class="slider" ${where} min="${value - span}" max="${value + span}" step="any" value="${value}">`
  );
}

/** An input's factory call with a field for each number (and each option's number). */
function editableCall(node: number, family: string, args: readonly unknown[]): string {
  const parts = args.map((arg, i) => {
    if (typeof arg === 'number') return numberField(node, String(i), arg);
    if (typeof arg === 'object' && arg !== null && !Array.isArray(arg) && !('family' in arg)) {
      const options = Object.entries(arg as Record<string, number>).map(
        ([key, value]) => `${escapeHtml(key)}: ${numberField(node, `${i}.${key}`, value)}`,
      );
      return `{ ${options.join(', ')} }`;
    }
    return `<code>${escapeHtml(JSON.stringify(arg))}</code>`;
  });
  return `<code>${escapeHtml(family)}(</code>${parts.join('<code>, </code>')}<code>)</code>`;
}

/** The model: each input as written (editable when the page reruns), each derived node's expression. */
export function renderModel(data: ReportData, editable: boolean): string {
  const rows: string[] = [];
  const fileNodes = data.model?.nodes ?? [];
  for (const node of data.nodes) {
    if (node.kind === 'inline') continue; // its expression shows it
    const k = fileNodes.findIndex((n) => n.name === node.name);
    const fileNode = fileNodes[k];
    const shown =
      editable && fileNode !== undefined && 'distribution' in fileNode
        ? editableCall(k, fileNode.distribution.family, fileNode.distribution.args)
        : `<code>${escapeHtml(node.written ?? '(a callback)')}</code>`;
    rows.push(
      `<tr><td>${escapeHtml(node.name)}</td><td>${node.kind}</td><td class="written">${shown}</td></tr>`,
    );
  }
  for (const { a, b, rho } of data.model?.correlations ?? []) {
    rows.push(
      `<tr><td>${escapeHtml(a)}, ${escapeHtml(b)}</td><td>correlation</td><td>rank correlation ${rho}</td></tr>`,
    );
  }
  for (const { node, distribution } of data.model?.observations ?? []) {
    rows.push(
      `<tr><td>${escapeHtml(node)}</td><td>evidence</td><td><code>${escapeHtml(`${distribution.family}(${distribution.args.map((arg) => JSON.stringify(arg)).join(', ')})`)}</code> weighs its values</td></tr>`,
    );
  }
  return (
    '<table class="model"><thead><tr><th>node</th><th>kind</th><th>as written</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

/** The results: the run's line, warnings, the summary table, histograms and the tornado. */
export function renderResults(data: ReportData): string {
  const ess = data.weighted
    ? ` · effective sample size ${glance(data.effectiveSampleSize)} (evidence weighs the samples)`
    : '';
  const meta = `<p class="meta">${data.samples.toLocaleString('en-US')} samples · seed ${escapeHtml(JSON.stringify(data.seed))}${ess}</p>`;
  const warnings =
    data.warnings.length === 0
      ? ''
      : `<ul class="warnings">${data.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`;
  const rows = data.nodes.map((node) => {
    const interval = formatInterval({
      estimate: node.p50,
      lower: node.p5,
      upper: node.p95,
      level: 0.9,
      effectiveSampleSize: node.effectiveSampleSize,
    });
    const medianError =
      node.medianError === undefined
        ? ''
        : ` <span class="error">± ${glance(node.medianError)}</span>`;
    return (
      `<tr data-node="${escapeHtml(node.name)}"${node.effectiveSampleSize < WEAK_INTERVAL_SAMPLES ? ' class="weak"' : ''}>` +
      `<td>${escapeHtml(node.name)}</td>` +
      `<td class="interval" data-p5="${exact(node.p5)}" data-p50="${exact(node.p50)}" data-p95="${exact(node.p95)}">${escapeHtml(interval)}${medianError}</td>` +
      `<td class="mean" data-mean="${exact(node.mean)}">${glance(node.mean)} <span class="error">± ${glance(node.meanError)}</span></td>` +
      `<td data-sd="${exact(node.sd)}">${glance(node.sd)}</td>` +
      `<td>${glance(node.effectiveSampleSize)}</td></tr>`
    );
  });
  const table =
    '<table class="summary"><thead><tr><th>node</th><th>median (90% interval) ± error of the median</th>' +
    '<th>mean ± Monte Carlo error</th><th>sd</th><th>effective samples</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`;
  const figures = data.nodes
    .filter((node) => node.histogram !== undefined)
    .map(
      (node) =>
        `<figure><figcaption>${escapeHtml(node.name)}</figcaption>${histogramSvg(node.histogram as NonNullable<typeof node.histogram>, node.name)}</figure>`,
    )
    .join('');
  const tornado =
    data.sensitivity === undefined || data.sensitivity.inputs.length === 0
      ? ''
      : `<h2>What drives ${escapeHtml(data.sensitivity.output)}</h2><p class="note">The median of ${escapeHtml(data.sensitivity.output)} with each input held at its 10th and 90th percentile.</p>${tornadoSvg(data.sensitivity)}`;
  const timelines = data.timelines
    .map(
      (t) =>
        `<h2>${escapeHtml(t.title)}</h2><p class="note">Median, 50% and 90% bands by the end of each month (from the run given with the report; a rerun does not change it).</p>${fanSvg(t)}`,
    )
    .join('');
  const backtests = data.backtests
    .map(
      (b) =>
        `<h2>${escapeHtml(b.title)}</h2><p class="note">Each method calibrated on what was known at each cut-off and scored on what was observed after it (lower interval score, CRPS and log score are better; coverage should be near 50% and 90%). In the chart, the observations (red) against the 90% and 50% bands and medians forecast before them, one bar per method and cut-off, earlier cut-offs to the left (from the results given with the report; a rerun does not change them).</p>` +
        `<pre class="backtest">${escapeHtml(backtestTable(namedResults(b), { byOrigin: true }))}</pre>${backtestSvg(b)}`,
    )
    .join('');
  return `${meta}${warnings}${table}<h2>Distributions</h2><div class="histograms">${figures}</div>${tornado}${timelines}${backtests}`;
}
