/**
 * The page build of salvo (`dist/page/salvo-page.global.js`, one IIFE defining `salvoPage`): what a
 * report page embeds to rerun its model in a Web Worker and redraw — the model file reader, the run,
 * the report's data and its markup. Built by tsup; `writeHtmlReport` inlines it.
 * @internal
 * @module
 */
export { modelFromJson } from '../../model/modelJson.js';
export { reportData, reportSensitivity } from './data.js';
export { renderResults } from './render.js';
