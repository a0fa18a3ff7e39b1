import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The non-military Fermi example, run as `npm run example -- piano-tuners` does.
describe('npm run example -- piano-tuners', () => {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'examples/run.ts', 'piano-tuners'],
    {
      encoding: 'utf8',
      env: { ...process.env, SALVO_SAMPLES: '20000' },
    },
  );

  it('prints a finite, ordered range of tuners and the guess that matters most', () => {
    const match = output.match(/Tuners:\s+(\d+) \(90%: (\d+)–(\d+)\)/);
    expect(match, output).not.toBeNull();
    const [median, lower, upper] = (match as RegExpMatchArray).slice(1, 4).map(Number);
    expect(lower).toBeLessThan(median);
    expect(median).toBeLessThan(upper);
    expect(median).toBeGreaterThan(10);
    expect(median).toBeLessThan(200);
    // The share of households with a piano is the widest guess, so it tops the table.
    expect(output).toMatch(/-\n shareWithPiano|-\nshareWithPiano/);
    expect(output).toMatch(/P\(more than 100 tuners\) = \d+%/);
    // The same estimate typed as one expression: its inputs named as typed, its range alike.
    const quick = output.match(/same in one expression:\s+(\d+) \(90%: (\d+)–(\d+)\)/);
    expect(quick, output).not.toBeNull();
    expect(Math.abs(Number((quick as RegExpMatchArray)[1]) - median)).toBeLessThanOrEqual(
      0.1 * median,
    );
    expect(output).toContain('tuners: normal(2.7M, 0.1M); tuners: pert(2, 2.5, 3)');
  });

  it('refuses an unknown example name with the list of names', () => {
    expect(() =>
      execFileSync(process.execPath, ['--import', 'tsx', 'examples/run.ts', 'nope'], {
        encoding: 'utf8',
        stdio: 'pipe',
      }),
    ).toThrow(/Available: shells, totals, timeline, sensitivity, triangulation, piano-tuners/);
  });
});
