import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownBlocks, markdownFiles } from './code-blocks.js';
import { REPO_ROOT } from './public-api.js';

// The guides teach the model builder by example: each of its methods below appears in a guide's code
// block that examples.test.ts runs and whose printed output it compares (a block with a shown output,
// not opted out). `.deriveEach` is left to its API page, which concepts.md points to.
const TAUGHT = ['input', 'derive', 'correlate', 'observe', 'run'] as const;

describe('the guides (docs/guides)', () => {
  const blocks = markdownBlocks(markdownFiles()).filter(
    (block) =>
      block.file.startsWith('docs/guides/') &&
      block.optOut === undefined &&
      block.shownOutput !== undefined,
  );

  it.each(TAUGHT)('show .%s in a block that runs and shows its output', (method) => {
    const showing = blocks.filter((block) => block.code.includes(`.${method}(`));
    expect(
      showing.map((block) => block.file),
      `no guide block calls .${method}(`,
    ).not.toEqual([]);
  });
});

describe('docs/guides/coming-from.md', () => {
  const page = readFileSync(join(REPO_ROOT, 'docs/guides/coming-from.md'), 'utf8');

  it('does not list multicore sampling among what salvo lacks, and maps cores= to runParallel', () => {
    // The section's list, up to the paragraph on what salvo offers in return.
    const start = page.indexOf('## What they have that salvo lacks');
    const end = page.indexOf('What salvo offers in return', start);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const lacks = page.slice(start, end);
    expect(lacks).not.toMatch(/multi-?core|cores=|worker threads/i);
    const row = page.split('\n').find((line) => line.startsWith('| `sq.sample(..., cores='));
    expect(row).toContain('runParallel');
  });
});
