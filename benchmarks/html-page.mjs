// How fast the report page redraws after an input changes (issue 19 asks for under a second at 1e5
// samples): writeHtmlReport of the built package writes the page of the main example's model
// (shipmentEstimate, 18 nodes, with its evidence when --observe is given) and of the reference model,
// Debian's Chromium opens it from the file, and each of 6 changes of an input is timed from the
// field's change to the page's redraw (the summaries and histograms) and to the tornado that follows.
// The first change also starts the worker's code (parsing and compiling the page build), so it is
// reported apart. Run `npm run build && node benchmarks/html-page.mjs` to write the PAGE table in
// docs/performance.md.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { machine, referenceModel, writeMarkedTable } from './shared.mjs';

const salvo = await import('../dist/node/index.js');
const { writeHtmlReport } = await import('../dist/node/node.js');
const { shipmentEstimate } = await import('../dist/node/shipments.js');

const CHANGES = 6;
const cases = [
  {
    name: 'reference model (5 nodes, kept)',
    model: referenceModel(salvo),
    field: [0, 1],
    values: [6800, 6900, 7000, 7100, 7200, 7300],
  },
  {
    name: 'main example model (18 nodes, kept)',
    model: shipmentEstimate(),
    field: [0, 1],
    values: [6800, 6900, 7000, 7100, 7200, 7300],
  },
  {
    name: "main example model with Ukraine's 1.5M as evidence",
    model: shipmentEstimate().observe('rounds', salvo.lognormal(Math.log(1.5e6), 0.4)),
    field: [0, 1],
    values: [6800, 6900, 7000, 7100, 7200, 7300],
  },
];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const chromiumVersion = browser.version();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
try {
  for (const c of cases) {
    const file = join(mkdtempSync(join(tmpdir(), 'salvo-page-bench-')), 'page.html');
    await writeHtmlReport(file, c.model.run({ samples: 100_000 }), { model: c.model });
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('#salvo-status:has-text("Change a number")');
    const redraw = [];
    const full = [];
    for (let i = 0; i < CHANGES; i++) {
      const selector = `input.arg[data-node="${c.field[0]}"][data-arg="${c.field[1]}"]`;
      // Timed in the page: from the input event to each redraw.
      const times = await page.evaluate(
        ([sel, value, n]) =>
          new Promise((resolve) => {
            const field = document.querySelector(sel);
            const started = performance.now();
            let first;
            const observer = new MutationObserver(() => {
              if (first === undefined && document.body.getAttribute('data-redrawn') === String(n)) {
                first = performance.now() - started;
              }
              if (document.body.getAttribute('data-reruns') === String(n)) {
                observer.disconnect();
                resolve([first ?? performance.now() - started, performance.now() - started]);
              }
            });
            observer.observe(document.body, { attributes: true });
            field.value = String(value);
            field.dispatchEvent(new Event('input', { bubbles: true }));
          }),
        [selector, c.values[i], i + 1],
      );
      redraw.push(times[0]);
      full.push(times[1]);
    }
    await page.close();
    const ms = (x) => `${Math.round(x)} ms`;
    rows.push(
      `| ${c.name} | ${ms(redraw[0])} / ${ms(full[0])} | ${ms(median(redraw.slice(1)))} | ${ms(median(full.slice(1)))} | ${(statSync(file).size / 1024).toFixed(0)} KB (${(gzipSync(readFileSync(file)).length / 1024).toFixed(0)} KB gzipped) |`,
    );
    console.log(rows.at(-1));
  }
} finally {
  await browser.close();
}

const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}, Chromium ${chromiumVersion} headless; command \`npm run build && node benchmarks/html-page.mjs\`. Times include the page's 120 ms wait for typing to pause; each rerun is 100,000 samples.`,
  '',
  '| page | first change: redraw / with tornado | later changes: redraw (median of 5) | later: with tornado | file size |',
  '|---|---:|---:|---:|---:|',
  ...rows,
].join('\n');
writeMarkedTable('PAGE', table);
console.log(table);
