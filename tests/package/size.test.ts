import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs benchmark module, without type declarations
import { measureSizes } from '../../benchmarks/size.mjs';

// Budgets, in gzipped bytes, about 10% above the sizes measured when they were set (docs/performance.md,
// "Bundle size"). A change that crosses one should say why in its commit, and move the budget.
// Issue 17 moved every model page by about 12 KB gzipped (coreCallbackApp 42 to 54 KB): sampling
// designs in the engine — inversion for every family with its numerical inverse, the Sobol generator
// and its Joe–Kuo table (256 dimensions, 1.6 KB; 1,024 would have added 8 KB more), group errors —
// and derive callbacks' pooled buffers and repeated quantiles.
// Issue 18 moved the every-export bundles by about 12 KB gzipped (everything 129 to 141 KB,
// coreEverything 90 to 102 KB): partial runs and their two passes, their binary encodings, sweeps; and
// every model page by about 3 KB (coreCallbackApp 54 to 57.5 KB): the exact, order-independent sums
// that every run's moments now go through.
// Issue 19's inline distributions moved every page from 'salvo' by about 7 KB gzipped (expressionApp
// 100 to 107 KB, shipmentsApp 102 to 109 KB): the model of 'salvo' hands its models every family an
// expression may call by name (gamma, studentT, poisson, binomial... with their numerical inverses),
// as it hands them the parser; 'salvo/core' leaves both out.
// Issue 19's model files and report page, with issue 20's scores, moved the every-export bundles by
// about 9 KB gzipped (everything 144.7 to 154.0 KB, coreEverything 105.4 to 114.8 KB); a page that
// imports none of them leaves them out (the model pages moved by 0.2–0.8 KB).
const GZIPPED_BUDGET_BYTES: Record<string, number> = {
  everything: 162 * 1024,
  expressionApp: 118 * 1024,
  coreCallbackApp: 63 * 1024,
  coreEverything: 120 * 1024,
  shipmentsApp: 120 * 1024,
  kernelsApp: 2 * 1024,
};

interface SizeRow {
  name: string;
  minifiedBytes: number;
  gzippedBytes: number;
  mathjsFiles: number;
}

describe('bundle size of the browser build', () => {
  let rows: Map<string, SizeRow>;
  beforeAll(async () => {
    const built = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
    if (!existsSync(built)) throw new Error('dist/ is missing: run npm run build first');
    rows = new Map((await measureSizes()).map((row: SizeRow) => [row.name, row]));
  });

  it.each(Object.entries(GZIPPED_BUDGET_BYTES))('%s stays within its budget', (name, budget) => {
    const row = rows.get(name);
    expect(row, name).toBeDefined();
    expect(row?.gzippedBytes).toBeLessThanOrEqual(budget);
  });

  it("a page built from 'salvo/core' holds no part of mathjs; one from 'salvo' holds the parser only", () => {
    expect(rows.get('coreCallbackApp')?.mathjsFiles).toBe(0);
    // Whatever it imports: the domain, whose models are expressions, is on its own entry.
    expect(rows.get('coreEverything')?.mathjsFiles).toBe(0);
    expect(rows.get('kernelsApp')?.mathjsFiles).toBe(0);
    const withParser = rows.get('expressionApp')?.mathjsFiles ?? 0;
    expect(withParser).toBeGreaterThan(0);
    // The parser's modules and no more: the same count as the parser bundled alone.
    expect(withParser).toBe(rows.get('parserAlone')?.mathjsFiles);
    expect(rows.get('shipmentsApp')?.mathjsFiles).toBe(withParser);
    expect(withParser).toBeLessThan(rows.get('allOfMathjs')?.mathjsFiles ?? 0);
  });

  it('the parser and the inline families account for the difference between the two entries', () => {
    const root = rows.get('callbackApp');
    const core = rows.get('coreCallbackAppAllFamilies');
    const parser = rows.get('parserAlone');
    if (!root || !core || !parser) throw new Error('missing rows');
    // The same page from 'salvo' weighs the core page with every family expressions may call inline,
    // plus about the parser alone (bundling overhead and gzip's shared dictionary make it inexact).
    const extra = root.minifiedBytes - core.minifiedBytes;
    expect(Math.abs(extra - parser.minifiedBytes) / parser.minifiedBytes).toBeLessThan(0.05);
  });
});
