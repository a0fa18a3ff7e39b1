/**
 * The report page's pictures as inline SVG, drawn without a chart library so that the page is one
 * small self-contained file: a histogram (bars of each bin's share), a tornado (each input's swing
 * of the output's median), a fan (a timeline's bands) and a backtest's bars.
 * @internal
 * @module
 */
import { formatNumber, formatPercent } from '../format.js';
import type { ReportBacktest, ReportNode, ReportSensitivity, ReportTimeline } from './data.js';

/** Text for SVG and HTML: the five characters markup gives meaning to, escaped. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const round = (x: number) => Math.round(x * 10) / 10;

/** A histogram of one node: 320 × 120, its range under it, the tallest bin's share above it. */
export function histogramSvg(
  histogram: NonNullable<ReportNode['histogram']>,
  label: string,
): string {
  const width = 320;
  const height = 120;
  const top = 14;
  const bottom = 18;
  const { edges, shares } = histogram;
  const tallest = Math.max(...shares, 1e-300);
  const bar = width / shares.length;
  const bars = shares
    .map((share, i) => {
      const h = ((height - top - bottom) * share) / tallest;
      return `<rect x="${round(i * bar)}" y="${round(height - bottom - h)}" width="${round(Math.max(bar - 1, 0.5))}" height="${round(h)}"><title>${escapeHtml(`${formatNumber(edges[i])}–${formatNumber(edges[i + 1])}: ${formatPercent(share)}`)}</title></rect>`;
    })
    .join('');
  return (
    `<svg class="histogram" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}">` +
    `<text x="0" y="10">${escapeHtml(formatPercent(tallest))}</text>${bars}` +
    `<text x="0" y="${height - 4}">${escapeHtml(formatNumber(edges[0]))}</text>` +
    `<text x="${width}" y="${height - 4}" text-anchor="end">${escapeHtml(formatNumber(edges[edges.length - 1]))}</text></svg>`
  );
}

/** The tornado of one output: a row per input, the bar from the median at its p10 to that at its p90. */
export function tornadoSvg(s: ReportSensitivity): string {
  const rowHeight = 22;
  const labelWidth = 180;
  const width = 560;
  const plot = width - labelWidth - 60;
  const values = s.inputs.flatMap((i) => [i.outputAtLow, i.outputAtHigh]).concat(s.baselineMedian);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = (v: number) => labelWidth + (hi > lo ? ((v - lo) / (hi - lo)) * plot : plot / 2);
  const height = rowHeight * s.inputs.length + 24;
  const rows = s.inputs
    .map((input, i) => {
      const y = i * rowHeight + 4;
      const a = x(Math.min(input.outputAtLow, input.outputAtHigh));
      const b = x(Math.max(input.outputAtLow, input.outputAtHigh));
      return (
        `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${escapeHtml(input.input)}</text>` +
        `<rect x="${round(a)}" y="${y + 3}" width="${round(Math.max(b - a, 1))}" height="${rowHeight - 6}"><title>${escapeHtml(`${input.input} at p10: ${formatNumber(input.outputAtLow)}; at p90: ${formatNumber(input.outputAtHigh)}`)}</title></rect>`
      );
    })
    .join('');
  const base = round(x(s.baselineMedian));
  return (
    `<svg class="tornado" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`what drives ${s.output}`)}">${rows}` +
    `<line x1="${base}" x2="${base}" y1="0" y2="${height - 20}"/>` +
    `<text x="${base}" y="${height - 6}" text-anchor="middle">median ${escapeHtml(formatNumber(s.baselineMedian))}</text></svg>`
  );
}

/**
 * A timeline as a fan: the 90% band, the 50% band inside it and the median, month by month; the
 * months named under it (about six of them), the largest value on the left.
 */
export function fanSvg(timeline: ReportTimeline): string {
  const width = 560;
  const height = 200;
  const [left, right, top, bottom] = [48, 8, 10, 22];
  const bands = timeline.bands;
  const highest = Math.max(...bands.map((b) => b.p95), 1e-300);
  const lowest = Math.min(0, ...bands.map((b) => b.p5));
  const x = (i: number) =>
    left + (bands.length > 1 ? (i / (bands.length - 1)) * (width - left - right) : 0);
  const y = (v: number) => top + ((highest - v) / (highest - lowest)) * (height - top - bottom);
  const area = (upper: (i: number) => number, lower: (i: number) => number) => {
    const up = bands.map((_, i) => `${round(x(i))},${round(y(upper(i)))}`);
    const down = bands.map((_, i) => `${round(x(i))},${round(y(lower(i)))}`).reverse();
    return [...up, ...down].join(' ');
  };
  const median = bands.map((b, i) => `${round(x(i))},${round(y(b.p50))}`).join(' ');
  // About six month labels, always the last month's, none too close before it.
  const every = Math.max(1, Math.ceil(bands.length / 6));
  const last = bands.length - 1;
  const months = bands
    .map((b, i) => {
      if (!(i === last || (i % every === 0 && last - i >= every))) return '';
      const anchor = i === 0 ? 'start' : i === last ? 'end' : 'middle';
      return `<text x="${round(x(i))}" y="${height - 6}" text-anchor="${anchor}">${escapeHtml(b.month)}</text>`;
    })
    .join('');
  return (
    `<svg class="fan" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(timeline.title)}">` +
    `<polygon class="band90" points="${area(
      (i) => bands[i].p95,
      (i) => bands[i].p5,
    )}"/>` +
    `<polygon class="band50" points="${area(
      (i) => bands[i].p75,
      (i) => bands[i].p25,
    )}"/>` +
    `<polyline class="median" points="${median}"/>` +
    `<text x="0" y="${top + 4}">${escapeHtml(formatNumber(highest))}</text>` +
    `<text x="0" y="${height - bottom}">${escapeHtml(formatNumber(lowest))}</text>${months}</svg>`
  );
}

/** Three significant digits, for the tooltips of a backtest's bars. */
const three = (x: number) => formatNumber(x, { digits: 3 });

/**
 * Colours of the methods in a backtest chart, in the order given (then repeated), as `fill`
 * attributes: the page's stylesheet colours only the histograms' and tornado's bars.
 */
const METHOD_COLOURS = ['#1d3f6e', '#d08a1e', '#3f8f5a', '#7a4f9a'];

/**
 * A backtest as bars: at each later observation's date, one bar per (method, cut-off) that forecast
 * it — its 90% band thin, its 50% band thick, its median a tick — in the method's colour, earlier
 * cut-offs to the left; the observation a red dot; a legend of the methods; the dates under it.
 */
export function backtestSvg(backtest: ReportBacktest): string {
  const width = 560;
  const height = 220;
  const [left, right, top, bottom] = [48, 8, 24, 22];
  const methods = Object.entries(backtest.results);
  const bars = methods.flatMap(([, result], m) =>
    result.origins.flatMap((origin) =>
      origin.scores.map((score) => ({ m, cutoff: origin.cutoff, score })),
    ),
  );
  const dates = [...new Set(bars.map((b) => b.score.observation.date))].sort();
  const values = bars.flatMap((b) => [b.score.p5, b.score.p95, b.score.value]);
  const highest = Math.max(...values, 1e-300);
  const lowest = Math.min(0, ...values);
  const y = (v: number) => top + ((highest - v) / (highest - lowest)) * (height - top - bottom);
  const slotWidth = (width - left - right) / Math.max(1, dates.length);
  const shapes = dates
    .map((date, d) => {
      const here = bars
        .filter((b) => b.score.observation.date === date)
        .sort((a, b) => a.m - b.m || (a.cutoff < b.cutoff ? -1 : 1));
      const step = (0.7 * slotWidth) / here.length;
      const start = left + d * slotWidth + 0.15 * slotWidth + step / 2;
      const drawn = here.map((b, i) => {
        const x = round(start + i * step);
        const colour = METHOD_COLOURS[b.m % METHOD_COLOURS.length];
        const half = Math.max(2, Math.min(8, step / 4));
        const s = b.score;
        return (
          `<g><title>${escapeHtml(`${methods[b.m][0] || 'forecast'} from ${b.cutoff}: ${three(s.p50)} (90%: ${three(s.p5)}–${three(s.p95)})`)}</title>` +
          `<rect x="${round(x - 1)}" y="${round(y(s.p95))}" width="2" height="${round(y(s.p5) - y(s.p95))}" fill="${colour}" opacity="0.5"/>` +
          `<rect x="${round(x - half / 2)}" y="${round(y(s.p75))}" width="${round(half)}" height="${round(y(s.p25) - y(s.p75))}" fill="${colour}"/>` +
          `<rect x="${round(x - half)}" y="${round(y(s.p50) - 1)}" width="${round(2 * half)}" height="2" fill="#1d232b"/></g>`
        );
      });
      const observed = here[0].score;
      const centre = round(left + (d + 0.5) * slotWidth);
      return (
        `${drawn.join('')}<circle class="observed" cx="${centre}" cy="${round(y(observed.value))}" r="4"><title>${escapeHtml(`${date}: ${three(observed.value)} observed`)}</title></circle>` +
        `<text x="${centre}" y="${height - 6}" text-anchor="middle">${escapeHtml(date)}</text>`
      );
    })
    .join('');
  const legend = methods
    .map(
      ([name], m) =>
        `<rect x="${left + m * 120}" y="4" width="10" height="10" fill="${METHOD_COLOURS[m % METHOD_COLOURS.length]}"/><text x="${left + m * 120 + 14}" y="13">${escapeHtml(name || 'forecast')}</text>`,
    )
    .join('');
  return (
    `<svg class="backtest" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(backtest.title)}">` +
    `${legend}${shapes}` +
    `<text x="0" y="${top + 4}">${escapeHtml(formatNumber(highest))}</text>` +
    `<text x="0" y="${height - bottom}">${escapeHtml(formatNumber(lowest))}</text></svg>`
  );
}
