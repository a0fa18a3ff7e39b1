/**
 * The browser build (`dist/index.js`, `dist/core.js`, `dist/shipments.js`, `dist/kernels.js`) bundled
 * by esbuild into pages, run in Debian's Chromium, and compared with the same models run in Node: same
 * seed, bit-identical numbers. One page forbids code generation (a Content Security Policy without
 * 'unsafe-eval'), so its expression runs in the interpreter, and must still agree to the last bit.
 *
 * Bit-identity across engines holds only while the two engines' `Math.log`, `Math.exp`, `Math.pow`
 * and the like return the same bits: the samplers call them. Chromium 156.0.8078.129 (Debian, December
 * 2026) differs from Node 20's V8 by an ulp on a share of arguments, where 156.0.8078.73 agreed. So the
 * test first compares the engines' Math functions on fixed arguments: where they agree, every number
 * must be identical; where they do not, it says so, and every number must agree within
 * {@link ENGINE_RELATIVE_TOLERANCE} — while the page without code generation must still give the
 * generated-code page's bits exactly (same engine).
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_PATH,
  hasChromium as chromiumInstalled,
  launchChromium,
} from '../helpers/chromium.js';

type Salvo = typeof import('../../src/index.js');
type Shipments = typeof import('../../src/shipments/index.js');
type Kernels = typeof import('../../src/kernels.js');
/** What the root and core pages import, by name as an application would. */
const pageImports = ['beta', 'lognormal', 'model', 'pert'] as const;
type PageImports = Pick<Salvo, (typeof pageImports)[number]>;
/** What the domain page imports: the shipment model, and a kernel applied to its samples. */
type DomainImports = Pick<Shipments, 'shipmentEstimate'> & Pick<Kernels, 'mulScalar'>;

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const built = (file: string) => fileURLToPath(new URL(`../../dist/${file}`, import.meta.url));
const distIndex = built('index.js');
const distCore = built('core.js');
const distShipments = built('shipments.js');
const distKernels = built('kernels.js');

/**
 * Where the engines' Math functions differ by an ulp, samples differ by a few ulps and summaries by
 * about as much relatively (1e-13 seen); an error in salvo would show orders of magnitude above this.
 */
const ENGINE_RELATIVE_TOLERANCE = 1e-11;

/**
 * The Math functions salvo's samplers and summaries call, on fixed arguments: run in the page (its
 * source is sent there, so it may use nothing outside itself) and in Node, it says whether the two
 * engines' bits can agree at all.
 */
function mathFingerprint(): Record<string, number[]> {
  let state = 12345;
  const next = () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
  const functions: Record<string, (x: number, y: number) => number> = {
    log: Math.log,
    exp: Math.exp,
    pow: Math.pow,
    log1p: Math.log1p,
    expm1: Math.expm1,
    sin: Math.sin,
    cos: Math.cos,
    atan: Math.atan,
    atan2: Math.atan2,
    cbrt: Math.cbrt,
    log2: Math.log2,
  };
  const out: Record<string, number[]> = {};
  for (const [name, f] of Object.entries(functions)) {
    const values: number[] = [];
    for (let i = 0; i < 2000; i++) values.push(f((next() - 0.5) * 40, next() * 4 - 2));
    out[name] = values;
  }
  return out;
}

/** The Math functions whose bits differ between Node and the page's engine. */
function mathDifferences(inNode: Record<string, number[]>, inPage: Record<string, number[]>) {
  return Object.keys(inNode).filter((name) =>
    inNode[name].some((value, i) => !Object.is(value, inPage[name][i])),
  );
}

/**
 * `actual` equals `expected` with every number within `relative` of it (NaN equal to NaN); the
 * same shape and the same strings and booleans.
 */
function expectClose(actual: unknown, expected: unknown, relative: number, path = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected) || !Number.isFinite(expected)) {
      expect(Object.is(actual, expected), `${path}: ${actual} against ${expected}`).toBe(true);
    } else {
      const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
      expect(
        Math.abs(actual - expected) / scale,
        `${path}: ${actual} against ${expected}`,
      ).toBeLessThanOrEqual(relative);
    }
  } else if (typeof expected === 'object' && expected !== null) {
    expect(typeof actual, path).toBe('object');
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) {
      expectClose(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        relative,
        `${path}.${key}`,
      );
    }
  } else {
    expect(actual, path).toStrictEqual(expected);
  }
}

/** The built entries a page imports, with the names it imports from each. */
type EntryImports = readonly (readonly [entry: string, names: readonly string[]])[];
const rootImports: EntryImports = [[distIndex, pageImports]];
const coreImports: EntryImports = [[distCore, pageImports]];
const domainImports: EntryImports = [
  [distShipments, ['shipmentEstimate']],
  [distKernels, ['mulScalar']],
];

const hasChromium = chromiumInstalled();
if (!hasChromium) {
  console.warn(
    `tests/package/browser.test.ts: skipping the Chromium tests: ${CHROMIUM_PATH} does not exist. ` +
      'Install it with `apt-get install chromium` (.ci/run does when it runs as root). ' +
      'The bundle checks still run.',
  );
}

/**
 * The reference model with 'salvo': an expression derive (the parser, then generated code or the
 * interpreter) and a callback derive. Pages run this function's source text (see bundlePage), so the
 * browser and Node cannot run different models; it may use nothing but its parameter.
 */
function rootModelResults({ beta, lognormal, model, pert }: PageImports) {
  const built = model({ seed: 'nk-2024-02-26' })
    .input('containers', pert(5000, 6700, 8000))
    .input('shellsPerContainer', lognormal.ci(300, 600))
    .input('shareCarryingShells', beta(8, 2))
    .input('pricePerShellUsd', lognormal.ci(400, 2500))
    .derive('shells', 'containers * shellsPerContainer * shareCarryingShells')
    .derive('valueUsd', ({ shells, pricePerShellUsd }) => shells.mul(pricePerShellUsd));
  const run = built.run({ samples: 200_000 });
  const shells = built.nodes.find((node) => node.kind === 'expression');
  return {
    numbers: { summaries: run.toJSON(), aboveThreeMillion: run.probability('shells', '>', 3e6) },
    expressionGenerated: shells?.kind === 'expression' && shells.expression.generated,
  };
}

/** The same inputs with 'salvo/core', whose model takes callbacks only. */
function coreModelResults({ beta, lognormal, model, pert }: PageImports) {
  const built = model({ seed: 'nk-2024-02-26' })
    .input('containers', pert(5000, 6700, 8000))
    .input('shellsPerContainer', lognormal.ci(300, 600))
    .input('shareCarryingShells', beta(8, 2))
    .derive('shells', ({ containers, shellsPerContainer, shareCarryingShells }) =>
      containers.mul(shellsPerContainer).mul(shareCarryingShells),
    );
  const run = built.run({ samples: 200_000 });
  let expressionRefusal = 'none';
  try {
    built.derive('twice', 'shells * 2');
  } catch (error) {
    expressionRefusal = (error as { code: string }).code;
  }
  return {
    numbers: { summaries: run.toJSON(), aboveThreeMillion: run.probability('shells', '>', 3e6) },
    expressionRefusal,
  };
}

/** The shipment model of 'salvo/shipments', and a kernel of 'salvo/kernels' over its kept samples. */
function domainResults({ shipmentEstimate, mulScalar }: DomainImports) {
  const run = shipmentEstimate().run({ samples: 50_000 });
  const rounds = run.samples('rounds');
  const halved = mulScalar(rounds, 0.5, new Float64Array(rounds.length));
  return { summaries: run.toJSON(), halvedFirst: Array.from(halved.subarray(0, 3)) };
}

interface PageBundle {
  readonly code: string;
  /** Files that put code into the bundle. */
  readonly bundled: readonly string[];
}

/** Bundles a page script that runs `compute` on built entries and puts its JSON on `window`. */
async function bundlePage<T>(
  imports: EntryImports,
  compute: (salvo: T) => unknown,
): Promise<PageBundle> {
  const names = imports.flatMap(([, entryNames]) => entryNames).join(', ');
  const contents = [
    ...imports.map(
      ([entry, entryNames]) => `import { ${entryNames.join(', ')} } from ${JSON.stringify(entry)};`,
    ),
    `const compute = ${compute.toString()};`,
    `window.salvoResult = JSON.stringify(compute({ ${names} }));`,
  ].join('\n');
  const result = await build({
    stdin: { contents, resolveDir: repoRoot, sourcefile: 'page.js', loader: 'js' },
    absWorkingDir: repoRoot,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  // The output's inputs, not metafile.inputs: the latter lists every file esbuild read, including
  // mathjs modules that tree shaking then dropped whole.
  const [output] = Object.values((result.metafile as Metafile).outputs);
  return {
    code: result.outputFiles[0].text,
    bundled: Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  };
}

/** The mathjs modules in a bundle, from `node_modules/mathjs/` on (node_modules may be a symlink). */
const mathjsFiles = (bundle: PageBundle) =>
  bundle.bundled
    .filter((path) => path.includes('node_modules/mathjs/'))
    .map((path) => path.slice(path.indexOf('node_modules/mathjs/')));
/** Whether the code came from the build (the built entries re-export shared chunks). */
const fromBuiltChunk = (bundle: PageBundle) =>
  bundle.bundled.some((path) => /^dist\/chunk-[^/]+\.js$/.test(path));

let rootBundle: PageBundle;
let coreBundle: PageBundle;
let domainBundle: PageBundle;

beforeAll(async () => {
  for (const entry of [distIndex, distCore, distShipments, distKernels]) {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  }
  [rootBundle, coreBundle, domainBundle] = await Promise.all([
    bundlePage(rootImports, rootModelResults),
    bundlePage(coreImports, coreModelResults),
    bundlePage(domainImports, domainResults),
  ]);
});

describe('page bundles', () => {
  it('of salvo hold the built chunk and the mathjs parser', () => {
    expect(fromBuiltChunk(rootBundle)).toBe(true);
    expect(mathjsFiles(rootBundle)).toContain('node_modules/mathjs/lib/esm/expression/parse.js');
  });

  it('of salvo/core hold no part of mathjs', () => {
    expect(fromBuiltChunk(coreBundle)).toBe(true);
    expect(mathjsFiles(coreBundle)).toEqual([]);
  });

  it("of salvo/shipments hold the parser: the domain's models are expressions", () => {
    expect(fromBuiltChunk(domainBundle)).toBe(true);
    expect(mathjsFiles(domainBundle)).toContain('node_modules/mathjs/lib/esm/expression/parse.js');
  });
});

describe.skipIf(!hasChromium)('in Chromium', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let origin: string;

  beforeAll(async () => {
    const html = (script: string) =>
      `<!doctype html><link rel="icon" href="data:,"><script type="module" src="${script}"></script>`;
    const routes: Record<string, { type: string; body: string; headers?: Record<string, string> }> =
      {
        '/root.html': { type: 'text/html', body: html('/root.js') },
        // Without 'unsafe-eval', new Function throws and expressions fall back to the interpreter.
        '/root-no-eval.html': {
          type: 'text/html',
          body: html('/root.js'),
          headers: { 'Content-Security-Policy': "script-src 'self'" },
        },
        '/core.html': { type: 'text/html', body: html('/core.js') },
        '/domain.html': { type: 'text/html', body: html('/domain.js') },
        '/root.js': { type: 'text/javascript', body: rootBundle.code },
        '/core.js': { type: 'text/javascript', body: coreBundle.code },
        '/domain.js': { type: 'text/javascript', body: domainBundle.code },
      };
    const listening = createServer((request, response) => {
      const route = routes[request.url ?? ''];
      if (route === undefined) response.writeHead(404).end();
      else
        response.writeHead(200, { 'Content-Type': route.type, ...route.headers }).end(route.body);
    });
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    browser = await launchChromium();
    const page = await browser.newPage();
    try {
      const differing = mathDifferences(mathFingerprint(), await page.evaluate(mathFingerprint));
      enginesAgree = differing.length === 0;
      if (!enginesAgree) {
        console.warn(
          `tests/package/browser.test.ts: Chromium ${browser.version()} and Node ${process.version} differ in the bits of Math.${differing.join(', Math.')}; ` +
            `the pages' numbers are compared with Node's within a relative ${ENGINE_RELATIVE_TOLERANCE}, and with each other exactly.`,
        );
      }
    } finally {
      await page.close();
    }
  });

  /** Whether Chromium's Math functions give Node's bits (see mathFingerprint). */
  let enginesAgree = true;

  /** Node's numbers, to the last bit where the engines' Math functions agree, else within tolerance. */
  function expectNodeNumbers(inBrowser: unknown, inNode: unknown): void {
    if (enginesAgree) expect(inBrowser).toStrictEqual(inNode);
    else expectClose(inBrowser, inNode, ENGINE_RELATIVE_TOLERANCE);
  }

  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      server?.closeAllConnections();
      await new Promise((resolve) =>
        server === undefined ? resolve(undefined) : server.close(resolve),
      );
    }
  });

  /** Loads a page and returns what its script computed, failing on any console or page error. */
  async function pageResult<T>(path: string): Promise<T> {
    const page = await (browser as Browser).newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page: ${error.stack ?? error.message}`));
    try {
      // A module script runs before the load event, which goto waits for.
      await page.goto(`${origin}${path}`);
      expect(errors, `errors on ${path}`).toEqual([]);
      const json = await page.evaluate('window.salvoResult');
      expect(typeof json, `window.salvoResult on ${path}`).toBe('string');
      return JSON.parse(json as string) as T;
    } finally {
      await page.close();
    }
  }

  /** What Node computes with the same built entries, through JSON as the page's result is. */
  async function nodeResult<A, T>(imports: EntryImports, compute: (salvo: A) => T): Promise<T> {
    const modules = await Promise.all(
      imports.map(([entry]) => import(pathToFileURL(entry).href) as Promise<object>),
    );
    return JSON.parse(JSON.stringify(compute(Object.assign({}, ...modules) as A))) as T;
  }

  it('runs salvo with generated expression code: the numbers Node gives', async () => {
    const inBrowser = await pageResult<ReturnType<typeof rootModelResults>>('/root.html');
    const inNode = await nodeResult(rootImports, rootModelResults);
    expect(inBrowser.expressionGenerated).toBe(true);
    expectNodeNumbers(inBrowser.numbers, inNode.numbers);
  });

  it("interprets the expression under a CSP without unsafe-eval: the generated code's bits", async () => {
    const inBrowser = await pageResult<ReturnType<typeof rootModelResults>>('/root-no-eval.html');
    const inNode = await nodeResult(rootImports, rootModelResults);
    expect(inBrowser.expressionGenerated).toBe(false);
    expect(inNode.expressionGenerated).toBe(true);
    expectNodeNumbers(inBrowser.numbers, inNode.numbers);
    // The interpreter against the generated code, in the same engine: always the same bits.
    const generated = await pageResult<ReturnType<typeof rootModelResults>>('/root.html');
    expect(inBrowser.numbers).toStrictEqual(generated.numbers);
  });

  it('runs salvo/core with callbacks only: the numbers Node gives', async () => {
    const inBrowser = await pageResult<ReturnType<typeof coreModelResults>>('/core.html');
    const inNode = await nodeResult(coreImports, coreModelResults);
    // No parser in the page, nor for a 'salvo/core' model in Node (each model carries its own).
    expect(inBrowser.expressionRefusal).toBe('UNSUPPORTED');
    expect(inNode.expressionRefusal).toBe('UNSUPPORTED');
    expectNodeNumbers(inBrowser.numbers, inNode.numbers);
  });

  it('runs salvo/shipments with a salvo/kernels kernel: the numbers Node gives', async () => {
    const inBrowser = await pageResult<ReturnType<typeof domainResults>>('/domain.html');
    const inNode = await nodeResult(domainImports, domainResults);
    expectNodeNumbers(inBrowser, inNode);
  });
});
