// Screenshots of the built API site, to look at it as a newcomer would: the index, one function page and
// one guide (or the pages given as arguments, relative to docs/api/). Needs `npm run docs` first and
// Debian's Chromium at /usr/bin/chromium. Writes PNGs to out/docs-screenshots/.
//   npx tsx scripts/docs-screenshots.ts [page.html ...]
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from '../tests/helpers/chromium.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const site = join(root, 'docs', 'api');
const out = join(root, 'out', 'docs-screenshots');
const pages = process.argv.slice(2);
if (pages.length === 0) {
  pages.push('index.html', 'functions/salvo.model.html', 'documents/Getting_started.html');
}
mkdirSync(out, { recursive: true });

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const target of pages) {
    // A page may name an anchor (`documents/Concepts.html#seeds`); it is not part of the file's path.
    const [path, anchor] = target.split('#');
    await page.goto(pathToFileURL(join(site, path)).href + (anchor ? `#${anchor}` : ''));
    const name = basename(path, '.html') + (anchor ? `-${anchor}` : '');
    const file = join(out, `${name.replaceAll('.', '-')}.png`);
    await page.screenshot({ path: file, fullPage: process.env.FULL_PAGE === '1' });
    console.log(`${target} -> ${file}`);
  }
} finally {
  await browser.close();
}
