/**
 * The report page's two pictures as inline SVG, drawn without a chart library so that the page is one
 * small self-contained file: a histogram (bars of each bin's share) and a tornado (each input's
 * swing of the output's median).
 * @internal
 * @module
 */
import { formatNumber, formatPercent } from '../format.js';
import type { ReportNode, ReportSensitivity, ReportTimeline } from './data.js';

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
