import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// One example per question family, each run as `npm run example -- <name>` does, with fewer samples.
function runExample(name: string): { output: string; out: string } {
  const out = mkdtempSync(join(tmpdir(), `salvo-${name}-`));
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'examples/run.ts', name], {
    encoding: 'utf8',
    env: { ...process.env, SALVO_SAMPLES: '20000', SALVO_OUT: out },
  });
  return { output, out };
}
const SCALE: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9 };
const value = (text: string) => {
  const unit = text.at(-1) as string;
  return unit in SCALE ? Number(text.slice(0, -1)) * SCALE[unit] : Number(text);
};
/** Every "median (90%: lower–upper)" in the output, as numbers; checks each is finite and ordered. */
function intervals(output: string): number[][] {
  const found = [
    ...output.matchAll(/\$?([\d.]+[KMB]?)%? \(90%: \$?([\d.]+[KMB]?)%?–\$?([\d.]+[KMB]?)%?\)/g),
  ].map((m) => m.slice(1, 4).map(value));
  expect(found.length).toBeGreaterThan(0);
  for (const [median, lower, upper] of found) {
    for (const x of [median, lower, upper]) expect(Number.isFinite(x)).toBe(true);
    expect(lower).toBeLessThanOrEqual(median);
    expect(median).toBeLessThanOrEqual(upper);
  }
  return found;
}
function svg(dir: string, name: string): string {
  const text = readFileSync(join(dir, name), 'utf8');
  expect(text.startsWith('<svg'), name).toBe(true);
  expect(text.trimEnd().endsWith('</svg>'), name).toBe(true);
  return text;
}

describe('question-family examples', () => {
  it('totals: rounds by calibre, value and share of the economy, against each public figure', () => {
    const { output, out } = runExample('totals');
    expect(intervals(output)).toHaveLength(7);
    expect(output).toMatch(/P\(rounds > 3M\) = [\d.<]+%\s+\(South Korean defence minister/);
    expect(output).toMatch(/P\(rounds > 1\.5M\) = [\d.]+%\s+\(Ukraine's president/);
    expect(svg(out, 'totals-value.svg')).toContain('10% of the economy');
  });

  it('timeline: the fleet projected twelve months within capacity, and a backtest against the trend', () => {
    const { output, out } = runExample('timeline');
    expect(output).toMatch(
      /Fleet model, calibrated to 4 statements of containers and 2 of voyages/,
    );
    const medians = [...output.matchAll(/\n(\d{4}-\d{2})\s+([\d.]+K?)\s/g)].map((m) => value(m[2]));
    expect(medians).toHaveLength(18); // September 2023 to February 2025
    for (let i = 1; i < 18; i++) expect(medians[i]).toBeGreaterThanOrEqual(medians[i - 1]);
    // Twelve months on, the fleet's band is inside the compounding trend's upper reach.
    const [fleet, trend] = intervals(
      (output.match(/February 2025, containers: .*/) as RegExpMatchArray)[0],
    );
    expect(fleet[2]).toBeLessThan(trend[2]);
    // The backtest: a row per method and cut-off, and a plain verdict with its margin.
    for (const method of ['fleet', 'trend']) {
      for (const cutoff of ['2023-11-30', '2024-01-31', 'all']) {
        expect(output).toMatch(new RegExp(`\\n${method}\\s+${cutoff}\\s+\\d+\\s+\\d+%`));
      }
    }
    expect(output).toMatch(
      /The (fleet|trend) model did better: its mean CRPS is [\d.]+K? containers against [\d.]+K? \([\d.]+ times lower\)/,
    );
    expect(svg(out, 'timeline-fleet.svg')).toContain('about 6,700');
    svg(out, 'timeline-backtest.svg');
  });

  it('sensitivity: tables for rounds and value, with and without a correlation, and tornado charts', () => {
    const { output, out } = runExample('sensitivity');
    expect(output.match(/input\s+at p10\s+at p90\s+rank corr\.\s+first-order/g)).toHaveLength(3);
    expect(output).toMatch(/\npricePerRound152mmUsd\s+\$[\d.]+[MB]\s+\$[\d.]+[MB]/);
    expect(svg(out, 'sensitivity-rounds.svg')).toContain('shareCarryingRounds');
    expect(svg(out, 'sensitivity-value.svg')).toContain('pricePerRound152mmUsd');
  });

  it('triangulation: trusting Ukraine more pulls the estimate towards 1.5M and narrows it', () => {
    const { output, out } = runExample('triangulation');
    const [prior, loose, medium, tight] = intervals(output);
    expect(tight[0]).toBeLessThan(prior[0]);
    expect(tight[2] - tight[1]).toBeLessThan(prior[2] - prior[1]);
    expect(medium[2] - medium[1]).toBeLessThan(loose[2] - loose[1] + 1e5);
    // Trusted to ±1% in a quick run, the evidence leaves few effective samples: the row says so.
    expect(output).toMatch(/±1%.*\[weak: effective sample size \d+\]/);
    expect(output).not.toMatch(/±20%.*weak/);
    expect(svg(out, 'triangulation.svg')).toContain("Ukraine's 1.5M");
  });
});
