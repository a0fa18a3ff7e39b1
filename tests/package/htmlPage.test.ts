/**
 * The report page (writeHtmlReport of the built package) in Debian's Chromium: opened from a file with
 * every network request refused, it shows the numbers the run gave, and a changed number of an input
 * makes it rerun the model in its Web Worker and redraw with the numbers Node gives for that model.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../helpers/chromium.js';

type Salvo = typeof import('../../src/index.js');
type SalvoNode = typeof import('../../src/node/index.js');
const built = (file: string) => new URL(`../../dist/node/${file}`, import.meta.url).href;

/**
 * Where Chromium's Math functions differ from Node's by an ulp (see browser.test.ts), a rerun's
 * numbers differ from Node's by about as much relatively; an error in the page would be far larger.
 */
const ENGINE_RELATIVE_TOLERANCE = 1e-11;

const chromium = hasChromium();
if (!chromium) {
  console.warn(
    `tests/package/htmlPage.test.ts: skipping: ${CHROMIUM_PATH} does not exist (apt-get install chromium).`,
  );
}

describe.skipIf(!chromium)('the report page in Chromium', () => {
  let salvo: Salvo;
  let browser: Browser;
  let page: Page;
  let file: string;
  const external: string[] = [];
  let shipments: ReturnType<typeof build>;

  const build = (s: Salvo) =>
    s
      .model({ seed: 'page' })
      .input('containers', s.pert(5_500, 6_700, 8_000))
      .input('roundsPerContainer', s.lognormal.ci(380, 600))
      .input('share', s.beta(7, 3))
      .derive('shells', 'containers * roundsPerContainer * share * (0.9 to 1.1)')
      .observe('shells', s.lognormal(Math.log(1.5e6), 0.4));

  /** The three numbers of a node's interval and its mean, as the page holds them. */
  const shown = async (name: string) => {
    const cell = `tr[data-node="${name}"] td.interval`;
    const numbers = await Promise.all([
      page.getAttribute(cell, 'data-p5'),
      page.getAttribute(cell, 'data-p50'),
      page.getAttribute(cell, 'data-p95'),
      page.getAttribute(`tr[data-node="${name}"] td.mean`, 'data-mean'),
    ]);
    return numbers.map(Number);
  };
  const expected = (
    run: ReturnType<ReturnType<typeof build>['run']>,
    name: 'shells' | 'containers',
  ) => {
    const i = run.interval(name);
    return [i.lower, i.estimate, i.upper, run.summary(name).mean];
  };
  const close = (actual: number[], wanted: number[]) => {
    actual.forEach((x, k) => {
      expect(Math.abs(x - wanted[k])).toBeLessThanOrEqual(
        ENGINE_RELATIVE_TOLERANCE * Math.abs(wanted[k]),
      );
    });
  };

  beforeAll(async () => {
    salvo = (await import(built('index.js'))) as Salvo;
    const { writeHtmlReport } = (await import(built('node.js'))) as SalvoNode;
    shipments = build(salvo);
    file = join(mkdtempSync(join(tmpdir(), 'salvo-page-')), 'shells.html');
    await writeHtmlReport(file, shipments.run({ samples: 100_000 }), {
      model: shipments,
      title: 'Shells shipped',
    });
    browser = await launchChromium();
    const context = await browser.newContext();
    // No network: any request that is not the file itself, a blob (the worker) or data is refused.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('blob:') || url.startsWith('data:')) {
        return route.continue();
      }
      external.push(url);
      return route.abort();
    });
    page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is one file that carries the page build, and asks for nothing over the network', async () => {
    expect(readFileSync(file, 'utf8')).toContain('<script id="salvo-script">');
    await page.waitForSelector('#salvo-status:has-text("Change a number")');
    expect(external).toEqual([]);
  });

  it('shows the numbers the run gave', async () => {
    const run = shipments.run({ samples: 100_000 });
    expect(await shown('shells')).toEqual(expected(run, 'shells'));
    expect(await shown('containers')).toEqual(expected(run, 'containers'));
    expect(await page.textContent('h1')).toBe('Shells shipped');
  });

  it('reruns the model when an input changes, and shows what Node gives for the changed model', async () => {
    const before = await shown('shells');
    await page.fill('input.arg[data-node="0"][data-arg="1"]', '7500'); // pert's mode
    await page.waitForSelector('body[data-reruns="1"]', { timeout: 30_000 });
    const after = await shown('shells');
    expect(after[1]).toBeGreaterThan(before[1]); // more containers, more shells
    const changed = salvo
      .model({ seed: 'page' })
      .input('containers', salvo.pert(5_500, 7_500, 8_000))
      .input('roundsPerContainer', salvo.lognormal.ci(380, 600))
      .input('share', salvo.beta(7, 3))
      .derive('shells', 'containers * roundsPerContainer * share * (0.9 to 1.1)')
      .observe('shells', salvo.lognormal(Math.log(1.5e6), 0.4))
      .run({ samples: 100_000 });
    close(after, expected(changed, 'shells'));
    // The field and its slider move together; the tornado is drawn again.
    expect(await page.inputValue('input.slider[data-node="0"][data-arg="1"]')).toBe('7500');
    expect(await page.textContent('#salvo-status')).toMatch(
      /^Rerun with 100,000 samples in \d+ ms/,
    );
    expect(await page.$('svg.tornado')).not.toBeNull();
  });

  it('says what is wrong with a changed input, and keeps the last results', async () => {
    const before = await shown('shells');
    await page.fill('input.arg[data-node="0"][data-arg="1"]', '9500'); // a mode above max
    await page.waitForSelector('#salvo-status.error', { timeout: 30_000 });
    expect(await page.textContent('#salvo-status')).toContain('pert: mode must be in [min, max]');
    expect(await shown('shells')).toEqual(before);
    expect(external).toEqual([]);
  });
});
