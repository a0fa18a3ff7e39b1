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
      /Capacity-equivalent rounds.*?:\s+([\d.]+)M \(90%: ([\d.]+)M–([\d.]+)M\)/,
    );
    const shells = millions(/Estimated 152mm shells.*?:\s+([\d.]+)M \(90%: ([\d.]+)M–([\d.]+)M\)/);
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
    expect(output).toMatch(
      /P\(shells > South Korea's 3M capacity figure\) = [\d.]+% \(Monte Carlo error ±[\d.]+%\)/,
    );
    expect(output).toMatch(/Ukraine's 1\.5M is (inside|outside) the 90% interval/);
    expect(output).toMatch(/share of North Korea's ~\$25B economy: median [\d.]+%/);
  });

  it('draws the histogram with both reference figures marked, and explains the range', () => {
    expect(output).toMatch(/█.*◀ South Korea's 3M \(capacity\)/);
    expect(output).toMatch(/◀ Ukraine's 1\.5M/);
    expect(output).toMatch(/input\s+at p10\s+at p90\s+rank corr\.\s+first-order/);
    // The three inputs that shells depend on, and not the price (shells do not depend on it).
    for (const input of ['shareCarryingShells', 'roundsPerContainer', 'containers']) {
      expect(output).toMatch(new RegExp(`\\n${input}\\s+[\\d.]+[KM]\\s+[\\d.]+[KM]`));
    }
    expect(output).not.toMatch(/\npricePerShellUsd\s/);
  });

  it("weighs the estimate against Ukraine's figure and reports the effective sample size", () => {
    const [median, lo, hi] = millions(
      /given also Ukraine's 1\.5M \(±40%\): ([\d.]+)M \(90%: ([\d.]+)M–([\d.]+)M\)/,
    );
    expect(lo).toBeLessThan(median);
    expect(median).toBeLessThan(hi);
    const prior = millions(/Estimated 152mm shells.*?:\s+([\d.]+)M \(90%: ([\d.]+)M–([\d.]+)M\)/);
    expect(median).toBeLessThan(prior[0]); // pulled towards 1.5M
    expect(output).toMatch(/effective sample size [\d.]+K of 20K/);
  });
});
