import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { formatInterval, formatPercent } from '../../src/index.js';
import { shipmentEstimate } from '../../src/shipments/index.js';

// README's first example shows what it prints. Same seed, same numbers on every machine, so the shown
// output is checked exactly: run the block (imports pointed at the sources) and compare what it logs.

const repo = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(repo, 'README.md'), 'utf8');

/** The ```ts block under `## A first example`, and the ```text block that follows it. */
function firstExample(): { code: string; output: string } {
  const section = readme.slice(readme.indexOf('## A first example'));
  const code = /```ts\n([\s\S]*?)```/.exec(section);
  const output = /```text\n([\s\S]*?)```/.exec(section);
  if (!code || !output || output.index < code.index) {
    throw new Error(
      "README.md: '## A first example' needs a ```ts block followed by a ```text block",
    );
  }
  return { code: code[1], output: output[1] };
}

describe('README', () => {
  // Inside the repository, so that the block's imports resolve with the test's own transform.
  const scratch = mkdtempSync(join(repo, 'tests', 'docs', '.readme-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('the first example prints exactly the output shown under it', async () => {
    const { code, output } = firstExample();
    const file = join(scratch, 'first-example.ts');
    const source = join(repo, 'src', 'index.js');
    writeFileSync(file, code.replaceAll("from 'salvo'", `from ${JSON.stringify(source)}`));
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
    try {
      await import(file);
    } finally {
      log.mockRestore();
    }
    expect(`${lines.join('\n')}\n`).toBe(output);
  });

  it("says why `npm run example`'s chance of passing 3 million is not the first example's", () => {
    // examples/shells.ts runs the shipment model at 1e6 samples with the default seed and prints these.
    const run = shipmentEstimate().run({
      samples: 1_000_000,
      keep: ['rounds', 'capacityRounds152mm'],
    });
    const ninety = (name: 'rounds' | 'capacityRounds152mm') => {
      const { p5, p50, p95 } = run.summary(name).quantiles;
      return formatInterval({ estimate: p50, lower: p5, upper: p95, level: 0.9 });
    };
    const chance = formatPercent(run.probabilityInterval('rounds', '>', 3e6).probability, {
      digits: 3,
    });
    const paragraph = readme
      .split(/\n\n/)
      .find((text) => text.includes(chance) && text.includes('0.104'))
      ?.replace(/\s+/g, ' ');
    expect(paragraph, `README.md: no paragraph compares ${chance} with 0.104`).toBeDefined();
    expect(paragraph).toContain(ninety('rounds'));
    expect(paragraph).toContain(ninety('capacityRounds152mm'));
    // What differs: the 122mm rockets of the full model.
    for (const assumption of ['share152mm', 'beta(8, 2)', 'lognormal.ci(50, 110)']) {
      expect(paragraph).toContain(assumption);
    }
  });

  it('the first example is 15 lines or fewer of code', () => {
    const { code } = firstExample();
    expect(code.trim().split('\n').length).toBeLessThanOrEqual(15);
  });
});
