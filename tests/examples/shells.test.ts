import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/index.js';
import { embeddedPageJson } from '../helpers/page.js';

// Runs the main example exactly as `npm run example` does, with fewer samples and charts written to a
// temporary folder, and checks the figures it prints and the files it writes.
describe('npm run example (examples/shells.ts)', () => {
  const out = mkdtempSync(join(tmpdir(), 'salvo-example-'));
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'examples/run.ts'], {
    encoding: 'utf8',
    env: { ...process.env, SALVO_SAMPLES: '20000', SALVO_OUT: out },
  });
  const NUMBER = '([\\d.]+[KMB]?)';
  const value = (text: string) => {
    const scale: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9 };
    const last = text.at(-1) as string;
    return last in scale ? Number(text.slice(0, -1)) * scale[last] : Number(text);
  };
  /** The estimate and 90% interval printed after `label`. */
  const interval = (label: string, prefix = '') => {
    const pattern = new RegExp(
      `${label}.*?${prefix}${NUMBER} \\(90%: ${prefix}${NUMBER}–${prefix}${NUMBER}\\)`,
    );
    const match = output.match(pattern);
    expect(match, `no line matching ${pattern} in:\n${output}`).not.toBeNull();
    const [estimate, lower, upper] = (match as RegExpMatchArray).slice(1, 4).map(value);
    expect(lower).toBeLessThan(estimate);
    expect(estimate).toBeLessThan(upper);
    for (const x of [estimate, lower, upper]) expect(Number.isFinite(x)).toBe(true);
    return { estimate, lower, upper };
  };

  it('states its assumptions in one place', () => {
    expect(output).toContain('20,000 samples');
    // Each assumption as it is written in src/shipments/estimate.ts, not its derived parameters.
    expect(output).toMatch(/containers\s+pert\(5500, 6700, 8000\)\n/);
    expect(output).toMatch(/roundsPerContainer152mm\s+lognormal\.ci\(380, 600\)\n/);
    expect(output).toMatch(/economyUsd\s+lognormal\.ci\(20e9, 30e9\)\n/);
    expect(output).toMatch(/Ukraine's figure\s+1\.5M shells/);
    expect(output).toContain('2024-02-26: about 6700');
  });

  it('1: keeps the capacity conversion apart from the estimate, and places both public figures', () => {
    const capacity = interval('Capacity-equivalent 152mm rounds');
    const rounds = interval('Estimated rounds');
    expect(rounds.estimate).toBeLessThan(capacity.estimate);
    expect(capacity.estimate).toBeGreaterThan(2.5e6); // "could hold about three million"
    expect(output).toMatch(
      /P\(rounds > South Korea's 3M capacity figure\) = [\d.]+% \(Monte Carlo error ±[\d.]+%\)/,
    );
    expect(output).toMatch(/Ukraine's 1\.5M is (inside|outside) the 90% interval/);
    expect(output).toMatch(/█.*◀ Ukraine's 1\.5M/);
  });

  it('2: values the rounds in dollars and as a share of the economy', () => {
    interval('In US dollars', '\\$');
    expect(output).toMatch(
      /share of North Korea's ~\$25B economy: [\d.]+% \(90%: [\d.]+%–[\d.]+%\)/,
    );
  });

  it('3: a monthly table calibrated to the dated counts, projected twelve months, and a backtest', () => {
    expect(output).toMatch(/2024-02\s+[\d.]+K\s+[\d.]+K–[\d.]+K/);
    expect(output).toMatch(/2025-02\s+[\d.]+K\s+[\d.]+K–[\d.]+K/);
    expect(output).toMatch(/delivery fleet\s+4 ships, round trip lognormal\.ci\(7, 21\) days/);
    interval('Implied rate in February 2024');
    expect(output).toMatch(/effective sample size [\d.]+K/);
    // The backtest of both rate models, and a plain verdict.
    expect(output).toMatch(/\n\s+fleet\s+3\s+\d+%\s+\d+%/);
    expect(output).toMatch(/\n\s+compounding trend\s+3\s+\d+%\s+\d+%/);
    expect(output).toMatch(
      /The (fleet|compounding trend) did better: mean CRPS [\d.]+K? containers against [\d.]+K?, over only 3 scored forecasts/,
    );
  });

  it('4 and 5: a tornado table, and the estimate weighed against Ukraine’s figure', () => {
    expect(output).toMatch(/input\s+at p10\s+at p90\s+rank corr\.\s+first-order/);
    expect(output).toMatch(/\nshareCarryingRounds\s+[\d.]+[KM]\s+[\d.]+[KM]/);
    const combined = interval('Rounds, given both');
    const prior = interval('Estimated rounds');
    expect(combined.estimate).toBeLessThan(prior.estimate); // pulled towards 1.5M
  });

  it('6: sets the EU deliveries beside the rounds delivered by the same dates', () => {
    expect(output).toMatch(
      /2024-01-31: EU 330K delivered; North Korea to Russia [\d.]+[KM] \(90%:/,
    );
  });

  it('writes its charts as SVG files with the reference values marked, and says where', () => {
    expect(output).toContain(`Charts written to ${out}`);
    const svg = (name: string) => {
      const text = readFileSync(join(out, name), 'utf8');
      expect(text.startsWith('<svg'), name).toBe(true);
      expect(text.trimEnd().endsWith('</svg>'), name).toBe(true);
      return text;
    };
    expect(svg('rounds.svg')).toContain('South Korea');
    expect(svg('rounds.svg')).toContain('Ukraine');
    expect(svg('value.svg')).toContain('10% of the economy');
    expect(svg('deliveries.svg')).toContain('about 6,700');
    expect(svg('tornado.svg')).toContain('shareCarryingRounds');
    expect(svg('eu-comparison.svg')).toContain('EU deliveries to Ukraine');
  });

  it('writes the page of its model and run, which reruns the model (the page build and model embedded)', () => {
    expect(output).toContain(`Page written to ${join(out, 'report.html')}`);
    const page = readFileSync(join(out, 'report.html'), 'utf8');
    expect(page).toContain('<h1>North Korea&#39;s munitions shipments to Russia');
    expect(page).toContain('<script id="salvo-script">');
    expect(page).toContain('What drives rounds');
    // The backtest of the rate models, as a table and bars.
    expect(page).toContain('<h2>Which rate model? Backtest on the dated counts</h2>');
    expect(page).toMatch(/<svg class="backtest"/);
    const data = JSON.parse(embeddedPageJson(page));
    expect(data.data.model.nodes[0]).toEqual({
      name: 'containers',
      distribution: { family: 'pert', args: [5500, 6700, 8000] },
    });
    // The model file rebuilds the model the page shows.
    const file = JSON.parse(readFileSync(join(out, 'shipments.salvo.json'), 'utf8'));
    expect(output).toContain(`Model written to ${join(out, 'shipments.salvo.json')}`);
    expect(file.nodes).toEqual(data.data.model.nodes);
    // The printed interval of rounds is the page's.
    const rounds = data.data.nodes.find((n: { name: string }) => n.name === 'rounds');
    const printed = interval('Estimated rounds');
    expect(value(formatNumber(rounds.p50))).toBe(printed.estimate);
  });
});
