/**
 * The picture of the report page in docs/guides/getting-started.md: the main example's page
 * (`npm run example` writes it to out/report.html), opened in Debian's Chromium and its top 1280 × 900
 * pixels saved as a PNG.
 *
 *   npm run example && npx tsx docs/guides/figures/report-page.ts
 *
 * writes docs/guides/media/report-page.png.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from '../../../tests/helpers/chromium.js';

const page = fileURLToPath(new URL('../../../out/report.html', import.meta.url));
const png = fileURLToPath(new URL('../media/report-page.png', import.meta.url));
const browser = await launchChromium();
try {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await tab.goto(pathToFileURL(page).href);
  await tab.waitForSelector('#salvo-status:has-text("Change a number")');
  await tab.screenshot({ path: png });
  console.log(`wrote ${png}`);
} finally {
  await browser.close();
}
