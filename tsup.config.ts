import { defineConfig } from 'tsup';

/** The package's entries (package.json `exports`) that run anywhere, by output name. */
const entries = {
  index: 'src/index.ts',
  core: 'src/core.ts',
  shipments: 'src/shipments/index.ts',
  kernels: 'src/kernels.ts',
};

/**
 * Two builds of the same sources:
 * - `dist/`: for bundlers and browsers, with mathjs left external so that a bundler keeps only the
 *   parser (and nothing of mathjs for 'salvo/core'); also every type declaration.
 * - `dist/node/`: what Node loads (the `node` export condition), with the parts of mathjs the parser
 *   uses bundled in and tree-shaken. Node cannot tree-shake at run time: importing mathjs itself costs
 *   1.06–1.28 s on this machine, paid again by every worker thread of runParallel; the bundled parser
 *   loads with the whole library in 84–106 ms (measured as docs/architecture.md says).
 * Code splitting inside each build makes the entries share one copy of every class (a model from
 * 'salvo/shipments' is a `Model` of 'salvo' and runs on the threads of 'salvo/node').
 */
const shared = {
  format: ['esm', 'cjs'] as ('esm' | 'cjs')[],
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral' as const,
  splitting: true,
  treeshake: true,
  clean: false,
  // Optional, for renderSvg in salvo/node: loaded at run time when a user renders a chart.
  external: ['vega', 'vega-lite'],
};

export default defineConfig([
  {
    ...shared,
    entry: entries,
    outDir: 'dist',
    dts: { entry: { ...entries, node: 'src/node/index.ts', bullmq: 'src/bullmq/index.ts' } },
  },
  {
    ...shared,
    entry: {
      ...entries,
      node: 'src/node/index.ts',
      // The worker thread of runParallel, found next to the code that starts it.
      'node-worker': 'src/node/worker.ts',
      // `npx salvo` (bin/salvo.mjs imports it).
      cli: 'src/node/cli.ts',
      // salvo/bullmq: Node only (bullmq, an optional peer dependency, stays external).
      bullmq: 'src/bullmq/index.ts',
    },
    outDir: 'dist/node',
    dts: false,
    noExternal: ['mathjs'],
    // import.meta.url in the CommonJS build (runParallel locates node-worker.js with it).
    shims: true,
  },
  {
    // The page build (dist/page/salvo-page.global.js): one script defining `salvoPage`, mathjs's
    // parser inside, which writeHtmlReport embeds in a report so that the page reruns its model.
    entry: { 'salvo-page': 'src/report/html/pageEntry.ts' },
    outDir: 'dist/page',
    format: ['iife'],
    globalName: 'salvoPage',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    treeshake: true,
    clean: false,
    dts: false,
    noExternal: ['mathjs'],
  },
]);
