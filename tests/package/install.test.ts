import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { model as coreModel } from '../../src/core.js';
import { formatNumber, lognormal, model, normal } from '../../src/index.js';
import { mul } from '../../src/kernels.js';
import { shipmentEstimate } from '../../src/shipments/index.js';
import { runCommand } from '../helpers/command.js';

// The package as a user gets it: `npm pack`, installed into a fresh project outside the repository,
// then loaded from ESM and CommonJS, type-checked under node16 and bundler resolution, and linted by
// publint and attw. The installed package must give the numbers the sources give for the same seed,
// from every entry: 'salvo', 'salvo/core', 'salvo/node', 'salvo/shipments' and 'salvo/kernels'.

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');
const SAMPLES = 100_000;
/** Samples of the shipment model, run on the calling thread and on worker threads. */
const SHIPMENT_SAMPLES = 20_000;

const run = runCommand;

/**
 * The models every consumer script builds, as plain JavaScript: an expression derive for 'salvo', a
 * callback derive for 'salvo/core', the shipment model of 'salvo/shipments' (also on the threads of
 * 'salvo/node': one Model class behind the entries) and a kernel of 'salvo/kernels'. The test builds
 * the same from the sources below.
 */
const MODELS_JS = `
const expression = model({ seed: 'install test' })
  .input('x', normal(10, 2))
  .input('z', lognormal(0, 0.5))
  .derive('y', 'x * 2 + z');
const callback = coreModel({ seed: 'install test' })
  .input('x', normal(10, 2))
  .input('z', lognormal(0, 0.5))
  .derive('y', ({ x, z }) => x.mul(2).add(z));
const shipments = shipmentEstimate();
// mainThread: false leaves every task to the two worker threads, so that the installed worker entry
// is loaded and used (otherwise this short run could finish on the calling thread alone).
const threads = { workers: 2, mainThread: false };
Promise.all([
  runParallel(expression, { samples: ${SAMPLES}, ...threads }),
  runParallel(shipments, { samples: ${SHIPMENT_SAMPLES}, ...threads }),
]).then(([parallel, shipmentsParallel]) => {
  console.log(JSON.stringify({
    root: expression.run({ samples: ${SAMPLES} }).summary('y'),
    core: callback.run({ samples: ${SAMPLES} }).summary('y'),
    parallel: parallel.summary('y'),
    shipments: shipments.run({ samples: ${SHIPMENT_SAMPLES} }).summary('rounds'),
    shipmentsParallel: shipmentsParallel.summary('rounds'),
    kernels: Array.from(mul(Float64Array.of(2, 3), Float64Array.of(4, 5), new Float64Array(2))),
  }));
});
`;

const ESM_JS = `import { lognormal, model, normal } from 'salvo';
import { model as coreModel } from 'salvo/core';
import { mul } from 'salvo/kernels';
import { runParallel } from 'salvo/node';
import { shipmentEstimate } from 'salvo/shipments';
${MODELS_JS}`;

const CJS_JS = `const { lognormal, model, normal } = require('salvo');
const { model: coreModel } = require('salvo/core');
const { mul } = require('salvo/kernels');
const { runParallel } = require('salvo/node');
const { shipmentEstimate } = require('salvo/shipments');
${MODELS_JS}`;

/** TypeScript as users write it, ESM; the @ts-expect-error fails the check if salvo's types go missing. */
const ESM_TS = `import {
  lognormal,
  type Model,
  type ModelRun,
  model,
  type NodeSummary,
  normal,
  SalvoError,
  type SalvoErrorCode,
} from 'salvo';
import { model as coreModel, type Samples } from 'salvo/core';
import { mulScalar } from 'salvo/kernels';
import { type ModelSource, type ParallelRunOptions, runParallel } from 'salvo/node';
import { type ShipmentNode, shipmentEstimate } from 'salvo/shipments';

// A Model built with 'salvo' is what runParallel from 'salvo/node' takes: one class behind both.
const expression: Model<'x' | 'z' | 'y'> = model({ seed: 'install test' })
  .input('x', normal(10, 2))
  .input('z', lognormal(0, 0.5))
  .derive('y', 'x * 2 + z');
const options: ParallelRunOptions<'y'> = { samples: 100_000, workers: 2, keep: ['y'] };
const run: ModelRun<'x' | 'z' | 'y'> = await runParallel(expression, options);
const summary: NodeSummary = run.summary('y');
const median: number = summary.quantiles.p50;
// @ts-expect-error: the model knows its node names
run.summary('typo');

// salvo/core: derive callbacks see each node's samples by name.
const callback = coreModel({ seed: 1 })
  .input('x', normal(0, 1))
  .derive('y', ({ x }): Samples => x.mul(2));
console.log(median, callback.run({ samples: 1_000 }).summary('y').mean);

// salvo/shipments: its models are Models of 'salvo', and run on the threads of 'salvo/node'.
const shipments: Model<ShipmentNode> = shipmentEstimate();
const rounds: ModelRun<ShipmentNode> = await runParallel(shipments, { samples: 10_000 });
// @ts-expect-error: the shipment model knows its node names too
rounds.summary('shells');
// salvo/kernels: plain functions over typed arrays.
const half: Float64Array = mulScalar(rounds.samples('rounds'), 0.5, new Float64Array(10_000));
console.log(half.length);

// A model with callbacks runs in threads from the module that exports it.
const source: ModelSource = { module: new URL('./model.js', import.meta.url), exportName: 'model' };
try {
  const fromModule = await runParallel<'x' | 'y'>(source, { samples: 10_000 });
  console.log(fromModule.summary('y').mean);
} catch (error) {
  if (!(error instanceof SalvoError)) throw error;
  const code: SalvoErrorCode = error.code;
  console.error(code);
}
`;

/** The same from a CommonJS module, which TypeScript resolves to salvo's .d.cts declarations. */
const CJS_TS = `import salvo = require('salvo');
import core = require('salvo/core');
import kernels = require('salvo/kernels');
import node = require('salvo/node');
import shipments = require('salvo/shipments');

const expression: salvo.Model<'x' | 'y'> = salvo
  .model({ seed: 'install test' })
  .input('x', salvo.normal(10, 2))
  .derive('y', 'x * 2');
const callback = core.model({ seed: 1 }).input('x', core.normal(0, 1)).derive('y', ({ x }) => x.mul(2));

async function main(): Promise<number> {
  const run: salvo.ModelRun<'x' | 'y'> = await node.runParallel(expression, { samples: 100_000 });
  // @ts-expect-error: the model knows its node names
  run.summary('typo');
  const rounds: salvo.ModelRun<shipments.ShipmentNode> = await node.runParallel(
    shipments.shipmentEstimate(),
    { samples: 10_000 },
  );
  const doubled: Float64Array = kernels.mulScalar(rounds.samples('rounds'), 2, new Float64Array(10_000));
  return run.summary('y').mean + callback.run({ samples: 1_000 }).summary('y').mean + doubled[0];
}
main().then(console.log);
`;

/**
 * Two users' compiler settings, both with skipLibCheck false so that salvo's own declarations are
 * checked. node16: a Node project (type: module, no DOM lib) with @types/node, taken from the repository
 * rather than installed; it checks the ESM file and the .cts file. bundler: a browser project, DOM lib
 * and no @types/node, so salvo's declarations must not need Node's types.
 */
const TSCONFIGS = {
  'tsconfig.node16.json': {
    compilerOptions: {
      module: 'node16',
      moduleResolution: 'node16',
      lib: ['es2022'],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      typeRoots: [join(REPO, 'node_modules/@types')],
      types: ['node'],
    },
    files: ['consumer.ts', 'consumer.cts'],
  },
  'tsconfig.bundler.json': {
    compilerOptions: {
      // The default target (ES5) would refuse top-level await.
      target: 'es2022',
      module: 'esnext',
      moduleResolution: 'bundler',
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: [],
    },
    files: ['consumer.ts'],
  },
};

describe('the npm package, installed in a fresh project', () => {
  let temp: string;
  let tarball: string;
  let packedFiles: string[];
  let project: string;

  beforeAll(() => {
    if (!existsSync(join(REPO, 'dist/index.js'))) {
      throw new Error('dist/index.js is missing: run npm run build first');
    }
    temp = mkdtempSync(join(tmpdir(), 'salvo-install-'));
    const packDir = join(temp, 'pack');
    mkdirSync(packDir);
    // --ignore-scripts: `npm run test:package` has just built dist/, and prepack would build it again
    // (prepack.test.ts checks that npm pack builds on a clone without dist/).
    const packed = run(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir],
      REPO,
    );
    const [info] = JSON.parse(packed) as { filename: string; files: { path: string }[] }[];
    tarball = join(packDir, info.filename);
    packedFiles = info.files.map((file) => file.path);

    project = join(temp, 'consumer');
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], project);
  });

  afterAll(() => {
    if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
  });

  /** What the consumer scripts print, computed here from the sources with the same seed. */
  function expectedFromSources(): unknown {
    const expression = model({ seed: 'install test' })
      .input('x', normal(10, 2))
      .input('z', lognormal(0, 0.5))
      .derive('y', 'x * 2 + z');
    const callback = coreModel({ seed: 'install test' })
      .input('x', normal(10, 2))
      .input('z', lognormal(0, 0.5))
      .derive('y', ({ x, z }) => x.mul(2).add(z));
    const root = expression.run({ samples: SAMPLES }).summary('y');
    const shipments = shipmentEstimate().run({ samples: SHIPMENT_SAMPLES }).summary('rounds');
    // runParallel is bit-identical to model.run, so the threads' summaries are the calling thread's.
    const expected = {
      root,
      core: callback.run({ samples: SAMPLES }).summary('y'),
      parallel: root,
      shipments,
      shipmentsParallel: shipments,
      kernels: Array.from(mul(Float64Array.of(2, 3), Float64Array.of(4, 5), new Float64Array(2))),
    };
    // Through JSON as the scripts' output is: toEqual then compares every number exactly.
    return JSON.parse(JSON.stringify(expected));
  }

  it('packs dist/, README.md and package.json, and no sources, tests or scratch files', () => {
    expect(packedFiles).toContain('package.json');
    expect(packedFiles).toContain('README.md');
    for (const entry of ['index', 'core', 'shipments', 'kernels']) {
      expect(packedFiles).toContain(`dist/${entry}.js`);
      expect(packedFiles).toContain(`dist/${entry}.d.ts`);
      expect(packedFiles).toContain(`dist/node/${entry}.js`);
    }
    expect(packedFiles).toContain('dist/node/node.js');
    expect(packedFiles).toContain('dist/node/bullmq.js');
    expect(packedFiles).toContain('dist/bullmq.d.ts');
    expect(packedFiles).toContain('bin/salvo.mjs');
    expect(packedFiles).toContain('model.schema.json');
    const unwanted = packedFiles.filter((path) => /^(src|tests|scratch)\//.test(path));
    expect(unwanted).toEqual([]);
  });

  it('runs `npx salvo`: a shard of a model module to a file, and the merge', () => {
    writeFileSync(
      join(project, 'model.mjs'),
      "import { model, normal } from 'salvo';\nexport default model({ seed: 'install test' }).input('x', normal(10, 2)).derive('y', 'x * 2');\n",
    );
    for (const shard of ['0', '1']) {
      run(
        'npx',
        ['salvo', 'shard', 'model.mjs', '--samples', '10000', '--shards', '2', '--shard', shard],
        project,
      );
    }
    const merged = run(
      'npx',
      ['salvo', 'merge', 'model.mjs', 'shard-1-of-2.salvopart', 'shard-0-of-2.salvopart'],
      project,
    );
    expect(merged).toContain('10,000 samples from 2 file(s)');
    const y = model({ seed: 'install test' }).input('x', normal(10, 2)).derive('y', 'x * 2');
    const mean = y.run({ samples: 10_000, keep: 'none' }).summary('y').mean;
    const row = merged.split('\n').find((line) => line.startsWith('y '));
    expect(row?.split(/ +/)[1]).toBe(formatNumber(mean));
  });

  it('imports salvo/bullmq without bullmq installed; a runner then says what to install', () => {
    writeFileSync(
      join(project, 'bullmq-missing.mjs'),
      `import { model, normal } from 'salvo';
import { createShardWorker } from 'salvo/bullmq';
const m = model({ seed: 1 }).input('x', normal(0, 1));
createShardWorker({ connection: { port: 1 }, models: { m } }).then(
  () => console.log('started'),
  (error) => console.log(error.code, error.message),
);
`,
    );
    const printed = run('node', ['bullmq-missing.mjs'], project);
    expect(printed).toContain('MODULE_LOAD_FAILED');
    expect(printed).toContain('npm install bullmq ioredis');
  });

  it('passes publint --strict', () => {
    run('npx', ['publint', 'run', tarball, '--strict'], REPO);
  });

  it('passes attw for every entry under node10, node16 (CJS and ESM) and bundler resolution', () => {
    // --no-definitely-typed: salvo ships its own types; this keeps attw from asking the registry for
    // an unrelated @types/salvo.
    run('npx', ['attw', '--no-definitely-typed', '--no-color', tarball], REPO);
  });

  it('runs from ESM, with the numbers of the sources', () => {
    writeFileSync(join(project, 'consumer.mjs'), ESM_JS);
    const printed = run('node', ['consumer.mjs'], project);
    expect(JSON.parse(printed)).toEqual(expectedFromSources());
  });

  it('runs from CommonJS, with the numbers of the sources', () => {
    writeFileSync(join(project, 'consumer.cjs'), CJS_JS);
    const printed = run('node', ['consumer.cjs'], project);
    expect(JSON.parse(printed)).toEqual(expectedFromSources());
  });

  it.each(Object.entries(TSCONFIGS))(
    'type-checks with the repository TypeScript: %s',
    (name, config) => {
      writeFileSync(join(project, 'consumer.ts'), ESM_TS);
      writeFileSync(join(project, 'consumer.cts'), CJS_TS);
      writeFileSync(join(project, name), JSON.stringify(config));
      run('node', [TSC, '-p', name], project);
    },
  );
});
