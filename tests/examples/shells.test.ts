import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// Runs the main example exactly as `npm run example` does, with fewer samples, and checks its figures.
describe('npm run example (examples/shells.ts)', () => {
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'examples/run.ts'], {
    encoding: 'utf8',
    env: { ...process.env, SALVO_SAMPLES: '20000' },
  });
  const millions = (label: RegExp) => {
    const match = output.match(label);
    expect(match, `no line matching ${label} in:\n${output}`).not.toBeNull();
    return (match as RegExpMatchArray).slice(1, 4).map(Number);
  };

  it('prints finite, ordered 90% intervals for capacity-equivalent and estimated shells', () => {
    const capacity = millions(
      /Capacity-equivalent rounds.*?:\s+([\d.]+)M \(90%: ([\d.]+)M – ([\d.]+)M\)/,
    );
    const shells = millions(
      /Estimated 152mm shells.*?:\s+([\d.]+)M \(90%: ([\d.]+)M – ([\d.]+)M\)/,
    );
    for (const [median, lo, hi] of [capacity, shells]) {
      expect(lo).toBeLessThan(median);
      expect(median).toBeLessThan(hi);
    }
    // estimated shells are a share of the capacity-equivalent figure
    expect(shells[0]).toBeLessThan(capacity[0]);
  });

  it('states its assumptions and answers against the reference figures', () => {
    expect(output).toContain('20,000 samples');
    expect(output).toMatch(/containers\s+pert\(min = 5500, mode = 6700, max = 8000/);
    expect(output).toMatch(/P\(shells > South Korea's 3M capacity figure\) = \d+\.\d%/);
    expect(output).toMatch(/Ukraine's 1\.5M is (inside|outside) the 90% interval/);
    expect(output).toMatch(/share of North Korea's ~\$25B economy: median \d+\.\d%/);
  });
});
