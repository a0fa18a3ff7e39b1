// Bundle sizes of the browser build (dist/), minified and gzipped, as a user's bundler would produce
// them: esbuild, `platform: 'browser'`, tree-shaking on. Run `npm run build && node benchmarks/size.mjs`
// to write the SIZE table in docs/performance.md; tests/package/size.test.ts holds the budgets.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => JSON.stringify(join(root, 'dist', file));

// A page that runs the reference model and reads its summary: once with an expression (needs the
// parser), once with callbacks (does not).
const referenceInputs = `
  .input('containers', pert(5000, 6700, 8000))
  .input('shellsPerContainer', lognormal.ci(300, 600))
  .input('shareCarryingShells', beta(8, 2))`;
const app = (entry, derive) => `
import { beta, lognormal, model, pert } from ${dist(entry)};
const run = model({ seed: 1 })${referenceInputs}
  ${derive}
  .run({ samples: 10000 });
console.log(run.summary('shells'));`;
const withExpression = ".derive('shells', 'containers * shellsPerContainer * shareCarryingShells')";
const withCallback =
  ".derive('shells', ({ containers, shellsPerContainer, shareCarryingShells }) => containers.mul(shellsPerContainer).mul(shareCarryingShells))";

/** The bundles measured, in the order of the table. */
export const SIZE_CASES = [
  {
    name: 'everything',
    description: "`export * from 'salvo'` (every export, nothing tree-shaken)",
    source: `export * from ${dist('index.js')};`,
  },
  {
    name: 'expressionApp',
    description: "reference model with an expression, from `'salvo'`",
    source: app('index.js', withExpression),
  },
  {
    name: 'callbackApp',
    description: "same model with a callback, from `'salvo'` (the parser is still in)",
    source: app('index.js', withCallback),
  },
  {
    name: 'coreCallbackApp',
    description: "same model with a callback, from `'salvo/core'` (no expression parser)",
    source: app('core.js', withCallback),
  },
  {
    name: 'coreCallbackAppAllFamilies',
    description:
      "the `'salvo/core'` page importing every family an expression may call inline: `'salvo'`'s page less the parser",
    source: `${app('core.js', withCallback)}
import { bernoulli, binomial, ci, constant, exponential, gamma, logUniform, negativeBinomial, normal, poisson, studentT, triangular, uniform } from ${dist('core.js')};
console.log([bernoulli, binomial, ci, constant, exponential, gamma, logUniform, negativeBinomial, normal, poisson, studentT, triangular, uniform]);`,
  },
  {
    name: 'coreEverything',
    description: "`export * from 'salvo/core'` (every export, still no expression parser)",
    source: `export * from ${dist('core.js')};`,
  },
  {
    name: 'shipmentsApp',
    description:
      "`shipmentEstimate()` run and summarised, from `'salvo/shipments'` (its models parse expressions)",
    source: `import { shipmentEstimate } from ${dist('shipments.js')};
console.log(shipmentEstimate().run({ samples: 10000 }).summary('rounds'));`,
  },
  {
    name: 'kernelsApp',
    description: "one kernel, `mul`, from `'salvo/kernels'`",
    source: `import { mul } from ${dist('kernels.js')};
console.log(mul(Float64Array.of(2), Float64Array.of(3), new Float64Array(1)));`,
  },
  {
    name: 'parserAlone',
    description: "mathjs's parser alone, as salvo loads it (`create({ parseDependencies })`)",
    source: `import { create, parseDependencies } from 'mathjs/number';
console.log(create({ parseDependencies }).parse('a * b'));`,
  },
  {
    name: 'allOfMathjs',
    description: "for comparison: all of mathjs (`import * as math from 'mathjs'`)",
    source: `import * as math from 'mathjs'; console.log(math.evaluate('1 + 1'));`,
  },
];

/**
 * Bundles each case and measures it.
 * @returns one row per case: minified bytes, gzipped bytes (level 9) and how many mathjs modules it holds
 */
export async function measureSizes() {
  const rows = [];
  for (const sizeCase of SIZE_CASES) {
    const result = await build({
      stdin: { contents: sizeCase.source, resolveDir: root, loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0].contents;
    rows.push({
      ...sizeCase,
      minifiedBytes: code.length,
      gzippedBytes: gzipSync(code, { level: 9 }).length,
      // Modules with code in the output (metafile.inputs also lists modules tree-shaken away).
      mathjsFiles: Object.entries(Object.values(result.metafile.outputs)[0].inputs).filter(
        ([path, input]) => path.includes('node_modules/mathjs/') && input.bytesInOutput > 0,
      ).length,
    });
  }
  return rows;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The Markdown table for docs/performance.md. */
export function sizeTable(rows, date = new Date().toISOString().slice(0, 10)) {
  const lines = [
    `Measured ${date} with esbuild (bundle, minify, \`platform: 'browser'\`, tree-shaking) from \`dist/\`; gzip level 9; command \`npm run build && node benchmarks/size.mjs\`.`,
    '',
    '| bundle | minified | gzipped | mathjs modules in it |',
    '|---|---:|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${row.description} | ${kb(row.minifiedBytes)} | ${kb(row.gzippedBytes)} | ${row.mathjsFiles} |`,
    ),
  ];
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { writeMarkedTable } = await import('./shared.mjs');
  const table = sizeTable(await measureSizes());
  writeMarkedTable('SIZE', table);
  console.log(table);
}
