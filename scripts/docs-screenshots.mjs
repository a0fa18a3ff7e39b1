// Screenshots of the built API site, to look at it as a newcomer would: the index, one function page and
// one guide (or the pages given as arguments, relative to docs/api/). Needs `npm run docs` first and
// Debian's Chromium at /usr/bin/chromium. Writes PNGs to out/docs-screenshots/.
//   node scripts/docs-screenshots.mjs [page.html ...]
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const site = join(root, 'docs', 'api');
const out = join(root, 'out', 'docs-screenshots');
const pages = process.argv.slice(2);
if (pages.length === 0) {
  pages.push('index.html', 'functions/salvo.model.html', 'documents/Getting_started.html');
}
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  // Chromium's background connections are refused on a closed network; these keep it quiet.
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const page_ of pages) {
    // A page may name an anchor (`documents/Concepts.html#seeds`); it is not part of the file's path.
    const [path, anchor] = page_.split('#');
    await page.goto(pathToFileURL(join(site, path)).href + (anchor ? `#${anchor}` : ''));
    const name = basename(path, '.html') + (anchor ? `-${anchor}` : '');
    const file = join(out, `${name.replaceAll('.', '-')}.png`);
    await page.screenshot({ path: file, fullPage: process.env.FULL_PAGE === '1' });
    console.log(`${page_} -> ${file}`);
  }
} finally {
  await browser.close();
}
