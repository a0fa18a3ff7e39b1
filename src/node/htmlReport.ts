/**
 * `writeHtmlReport`: {@link htmlReport}'s page written to a file, with the page build of salvo
 * embedded so that the page reruns its model offline.
 * @module
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { SalvoError } from '../errors.js';
import type { ModelRun } from '../model/result.js';
import { checkHtmlReportOptions, type HtmlReportOptions, htmlReport } from '../report/html/page.js';
import { fileCall } from './fileErrors.js';

/** The page build, next to the Node build in a package (`dist/node/` → `dist/page/`). */
const BUILT = new URL('../page/salvo-page.global.js', import.meta.url);
/** The page build's entry, when this runs from the sources (a checkout): bundled from them. */
const PAGE_ENTRY = new URL('../report/html/pageEntry.ts', import.meta.url);

let pageScript: Promise<string> | undefined;

/**
 * The page build of salvo: the package's file or, running from the sources (tests, examples), bundled
 * from those sources with esbuild (once per process), so that it is never stale.
 */
function loadPageScript(): Promise<string> {
  pageScript ??= (async () => {
    if (existsSync(BUILT)) return readFile(BUILT, 'utf8');
    if (existsSync(PAGE_ENTRY)) {
      // A name in a variable: esbuild is a development dependency of the repository, not of the package.
      const bundler = 'esbuild';
      const { build } = await import(bundler);
      const result = await build({
        entryPoints: [fileURLToPath(PAGE_ENTRY)],
        bundle: true,
        format: 'iife',
        globalName: 'salvoPage',
        platform: 'browser',
        target: 'es2022',
        minify: true,
        write: false,
      });
      return result.outputFiles[0].text as string;
    }
    throw new SalvoError(
      'UNSUPPORTED',
      `writeHtmlReport: the page build of salvo is missing (${fileURLToPath(BUILT)}); reinstall salvo`,
      { parameter: 'salvoScript' },
    );
  })();
  pageScript.catch(() => {
    pageScript = undefined;
  });
  return pageScript;
}

/**
 * Writes {@link htmlReport}'s page of a run to a file: one self-contained HTML file that opens
 * offline. With `options.model` (a model of distributions and expressions), the page embeds the
 * model and the page build of salvo (most of the file: sizes in docs/performance.md, "The report
 * page"), and reruns the model in a Web Worker whenever a number of an input is changed.
 *
 * @param path - destination file (overwritten), such as `'report.html'`
 * @param run - the run to show
 * @param options - as for {@link htmlReport}; `salvoScript` is supplied here
 * @throws {@link SalvoError} as {@link htmlReport} does, before the file is written; `IO_ERROR` (the
 *   system's error as `cause`) when it cannot be written
 *
 * @example
 * ```ts
 * import { model, pert } from 'salvo';
 * import { writeHtmlReport } from 'salvo/node';
 * const shipments = model({ seed: 1 })
 *   .input('containers', pert(5_500, 6_700, 8_000))
 *   .derive('shells', 'containers * (380 to 600)');
 * await writeHtmlReport('shells.html', shipments.run({ samples: 100_000 }), { model: shipments });
 * ```
 */
export async function writeHtmlReport(
  path: string,
  run: ModelRun<string>,
  options: Omit<HtmlReportOptions, 'salvoScript'> = {},
): Promise<void> {
  checkHtmlReportOptions('writeHtmlReport', run, options); // before anything is loaded
  const salvoScript = options.model === undefined ? undefined : await loadPageScript();
  const page = htmlReport(run, salvoScript === undefined ? options : { ...options, salvoScript });
  await fileCall('writeHtmlReport', path, 'write', () => writeFile(path, page, 'utf8'));
}
