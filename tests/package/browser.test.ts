/**
 * The browser build (`dist/index.js`, `dist/core.js`) bundled by esbuild into pages, run in Debian's
 * Chromium, and compared with the same models run in Node: same seed, bit-identical numbers. One page
 * forbids code generation (a Content Security Policy without 'unsafe-eval'), so its expression runs in
 * the interpreter, and must still agree to the last bit.
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
/**
 * What the pages import, by name as an application would: `import * as salvo` used as a value keeps
 * every export, and 'salvo/core' also exports shipmentEstimate and deliveryTimeline, whose models parse
 * expressions and so bring in mathjs.
 */
const pageImports = ['beta', 'lognormal', 'model', 'pert'] as const;
type PageImports = Pick<Salvo, (typeof pageImports)[number]>;

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const distIndex = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const distCore = fileURLToPath(new URL('../../dist/core.js', import.meta.url));

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

interface PageBundle {
  readonly code: string;
  /** Files that put code into the bundle. */
  readonly bundled: readonly string[];
}

/** Bundles a page script that runs `compute` on a built entry and puts its JSON on `window`. */
async function bundlePage(
  entry: string,
  compute: (salvo: PageImports) => unknown,
): Promise<PageBundle> {
  const names = pageImports.join(', ');
  const contents = [
    `import { ${names} } from ${JSON.stringify(entry)};`,
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

const mathjsFiles = (bundle: PageBundle) =>
  bundle.bundled.filter((path) => path.includes('node_modules/mathjs/'));
/** Whether the code came from the build (dist/index.js and dist/core.js re-export a shared chunk). */
const fromBuiltChunk = (bundle: PageBundle) =>
  bundle.bundled.some((path) => /^dist\/chunk-[^/]+\.js$/.test(path));

let rootBundle: PageBundle;
let coreBundle: PageBundle;

beforeAll(async () => {
  for (const entry of [distIndex, distCore]) {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  }
  [rootBundle, coreBundle] = await Promise.all([
    bundlePage(distIndex, rootModelResults),
    bundlePage(distCore, coreModelResults),
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
        '/root.js': { type: 'text/javascript', body: rootBundle.code },
        '/core.js': { type: 'text/javascript', body: coreBundle.code },
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
  });

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

  /** What Node computes with the same built entry, through JSON as the page's result is. */
  async function nodeResult<T>(entry: string, compute: (salvo: PageImports) => T): Promise<T> {
    const salvo = (await import(pathToFileURL(entry).href)) as Salvo;
    return JSON.parse(JSON.stringify(compute(salvo))) as T;
  }

  it('runs salvo with generated expression code, bit-identical to Node', async () => {
    const inBrowser = await pageResult<ReturnType<typeof rootModelResults>>('/root.html');
    const inNode = await nodeResult(distIndex, rootModelResults);
    expect(inBrowser.expressionGenerated).toBe(true);
    expect(inBrowser.numbers).toStrictEqual(inNode.numbers);
  });

  it('interprets the expression under a CSP without unsafe-eval, bit-identical to Node', async () => {
    const inBrowser = await pageResult<ReturnType<typeof rootModelResults>>('/root-no-eval.html');
    const inNode = await nodeResult(distIndex, rootModelResults);
    expect(inBrowser.expressionGenerated).toBe(false);
    expect(inNode.expressionGenerated).toBe(true);
    expect(inBrowser.numbers).toStrictEqual(inNode.numbers);
  });

  it('runs salvo/core with callbacks only, bit-identical to Node', async () => {
    const inBrowser = await pageResult<ReturnType<typeof coreModelResults>>('/core.html');
    const inNode = await nodeResult(distCore, coreModelResults);
    // No parser in the page, nor for a 'salvo/core' model in Node (each model carries its own).
    expect(inBrowser.expressionRefusal).toBe('UNSUPPORTED');
    expect(inNode.expressionRefusal).toBe('UNSUPPORTED');
    expect(inBrowser.numbers).toStrictEqual(inNode.numbers);
  });
});
