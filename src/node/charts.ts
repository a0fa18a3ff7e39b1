/**
 * Rendering Vega-Lite charts to SVG in Node, without a browser, through the optional `vega` and
 * `vega-lite` packages (install them beside salvo to use this: `npm i vega vega-lite`).
 * @module
 */
import { writeFile } from 'node:fs/promises';
import { SalvoError } from '../errors.js';
import type { VegaLiteSpec } from '../report/charts.js';
import { show } from '../validate.js';
import { fileCall } from './fileErrors.js';

interface VegaModules {
  // biome-ignore lint/suspicious/noExplicitAny: the optional packages' types are not a dependency
  readonly vega: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  readonly vegaLite: any;
}

let modules: Promise<VegaModules> | undefined;

async function loadVega(): Promise<VegaModules> {
  modules ??= (async () => {
    try {
      // Names in variables so that bundlers and type checkers leave these optional packages alone.
      const vegaName = 'vega';
      const liteName = 'vega-lite';
      const [vega, vegaLite] = await Promise.all([import(vegaName), import(liteName)]);
      return { vega, vegaLite };
    } catch (error) {
      modules = undefined;
      throw new SalvoError(
        'UNSUPPORTED',
        `renderSvg: needs the optional packages vega and vega-lite (npm i vega vega-lite): ${(error as Error).message}`,
        { parameter: 'spec' },
      );
    }
  })();
  return modules;
}

/**
 * Renders a Vega-Lite specification (such as {@link histogramChart}'s) to an SVG document.
 *
 * @param spec - a Vega-Lite specification
 * @returns the SVG text
 * @throws {@link SalvoError} `UNSUPPORTED` when vega or vega-lite is not installed; `INVALID_PARAMETER`
 *   when `spec` is not a Vega-Lite specification (or Vega-Lite rejects it, with its message)
 * @example
 * ```ts
 * import { histogram, histogramChart } from 'salvo';
 * import { renderSvg } from 'salvo/node';
 * const svg = await renderSvg(histogramChart(histogram([1, 2, 2, 3], { bins: 3 })));
 * svg.startsWith('<svg'); // => true
 * ```
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  if (typeof spec !== 'object' || spec === null || typeof spec.$schema !== 'string') {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `renderSvg: spec must be a Vega-Lite specification with a $schema, got ${show(spec)}`,
      { parameter: 'spec', value: spec },
    );
  }
  const { vega, vegaLite } = await loadVega();
  let compiled: unknown;
  try {
    compiled = vegaLite.compile(spec).spec;
  } catch (error) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `renderSvg: Vega-Lite rejected the spec: ${(error as Error).message}`,
      { parameter: 'spec', value: spec },
    );
  }
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Renders a Vega-Lite specification to an SVG file.
 *
 * @param path - destination (overwritten)
 * @param spec - a Vega-Lite specification
 * @throws {@link SalvoError} as {@link renderSvg} does; `IO_ERROR` (the system's error as `cause`)
 *   when the file cannot be written
 * @example
 * ```ts
 * import { histogram, histogramChart } from 'salvo';
 * import { writeSvgFile } from 'salvo/node';
 * await writeSvgFile('histogram.svg', histogramChart(histogram([1, 2, 2, 3], { bins: 3 })));
 * ```
 */
export async function writeSvgFile(path: string, spec: VegaLiteSpec): Promise<void> {
  const svg = await renderSvg(spec);
  await fileCall('writeSvgFile', path, 'write', () => writeFile(path, svg));
}
