/**
 * What an HTML report shows, as plain data (JSON and structured-clone safe): the model as written,
 * each node's summary with its Monte Carlo errors, histograms, the sensitivity of one output, and the
 * run's warnings. The page is drawn from it (`render.ts`), in Node and again in the browser each
 * time the page reruns the model in its Web Worker.
 * @internal
 * @module
 */

import type { BacktestResult } from '../../analysis/scores/backtest.js';
import { SalvoError } from '../../errors.js';
import type { Model } from '../../model/model.js';
import { type ModelJson, toModelJson } from '../../model/modelJson.js';
import type { ModelRun } from '../../model/result.js';
import type { Sensitivity } from '../../model/sensitivity.js';
import { type BacktestResults, methodsOf } from '../backtest.js';
import type { TimelineBand } from '../timelineBand.js';

/** One node's row: its summary, errors and histogram. */
export interface ReportNode {
  readonly name: string;
  /**
   * `'input'` with its distribution as written, `'inline'` for a distribution written inside an
   * expression (its expression shows it), `'derived'` with its expression when it has one.
   */
  readonly kind: 'input' | 'inline' | 'derived';
  readonly written: string | undefined;
  readonly mean: number;
  /** Standard error of the mean (Monte Carlo error): sd / √(effective sample size). */
  readonly meanError: number;
  readonly sd: number;
  /** The median and the 90% interval. */
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
  /** Standard error of the median, when the run could give one. */
  readonly medianError: number | undefined;
  /** The effective sample size the interval rests on (finite samples, or the weights' Kish size). */
  readonly effectiveSampleSize: number;
  readonly histogram: { readonly edges: number[]; readonly shares: number[] } | undefined;
}

/** The tornado of one output: each input's median output with the input at its p10 and p90. */
export interface ReportSensitivity {
  readonly output: string;
  readonly baselineMedian: number;
  readonly inputs: readonly {
    readonly input: string;
    readonly outputAtLow: number;
    readonly outputAtHigh: number;
    readonly rankCorrelation: number;
  }[];
}

/** Everything a report page shows. */
export interface ReportData {
  readonly title: string;
  readonly seed: number | string;
  readonly samples: number;
  readonly weighted: boolean;
  readonly effectiveSampleSize: number;
  readonly warnings: readonly string[];
  /** The model file, when the model is made of distributions and expressions: the page reruns it. */
  readonly model: ModelJson | undefined;
  /** Why the page cannot rerun the model, when it cannot. */
  readonly staticReason: string | undefined;
  readonly nodes: readonly ReportNode[];
  readonly sensitivity: ReportSensitivity | undefined;
  /** Timelines given with the report (from another run, such as a delivery timeline): not rerun. */
  readonly timelines: readonly ReportTimeline[];
  /** Backtests given with the report: not rerun. */
  readonly backtests: readonly ReportBacktest[];
}

/** A backtest to show: its methods' results, reduced to dates and numbers (the page's JSON). */
export interface ReportBacktest {
  readonly title: string;
  /** By method, in the order given; a lone result is the method `''`. */
  readonly results: Readonly<Record<string, BacktestResult>>;
}

/** A month-by-month band to draw as a fan chart. */
export interface ReportTimeline {
  readonly title: string;
  readonly bands: readonly TimelineBand[];
}

/** What {@link reportData} reads besides the run. */
export interface ReportDataOptions {
  readonly model?: Model<string>;
  readonly title?: string;
  /** The output whose sensitivity the page shows (default: the model's last node). */
  readonly output?: string;
  /** Histogram bins (default 30). */
  readonly bins?: number;
  /**
   * The output's sensitivity: computed (default), given (a `run.sensitivity(output)` already made), or
   * left out (`false`: a rerun draws it in a second step).
   */
  readonly sensitivity?: boolean | Sensitivity;
  /** Timelines to show (fan charts), as given. */
  readonly timelines?: readonly ReportTimeline[];
  /** Backtests to show (a table and a chart), as given. */
  readonly backtests?: readonly { readonly title: string; readonly results: BacktestResults }[];
}

/** A report backtest's results as `backtestTable` takes them: a lone result (method `''`) as itself. */
export function namedResults(backtest: ReportBacktest): BacktestResults {
  const names = Object.keys(backtest.results);
  return names.length === 1 && names[0] === '' ? backtest.results[''] : backtest.results;
}

/** A result with only what the page shows: each observation's date, value and label. */
function reducedResult(result: BacktestResult): BacktestResult {
  return {
    totals: { ...result.totals },
    origins: result.origins.map((origin) => ({
      cutoff: origin.cutoff,
      known: origin.known,
      totals: { ...origin.totals },
      scores: origin.scores.map((score) => {
        const { date, value, label } = score.observation;
        return {
          ...score,
          observation: label === undefined ? { date, value } : { date, value, label },
        };
      }),
    })),
  };
}

/** The report's data from a run (and the model it ran, for the inputs as written and reruns). */
export function reportData(run: ModelRun<string>, options: ReportDataOptions): ReportData {
  const { model: m, bins = 30 } = options;
  const names = run.nodeNames;
  // The output is checked by the caller (checkHtmlReportOptions); a rerun's model has the same nodes.
  const output =
    options.output !== undefined && names.includes(options.output)
      ? options.output
      : names[names.length - 1];
  let model: ModelJson | undefined;
  let staticReason: string | undefined;
  if (m === undefined) staticReason = 'the report was made without its model';
  else {
    try {
      model = toModelJson(m, options.title === undefined ? {} : { title: options.title });
    } catch (error) {
      if (!(error instanceof SalvoError)) throw error;
      staticReason = error.message.replace(/^toModelJson: /, '');
    }
  }
  const specs = new Map((m?.nodes ?? []).map((node) => [node.name, node]));
  const nodes: ReportNode[] = [];
  for (const name of names) {
    let summary: ReturnType<ModelRun<string>['summary']>;
    try {
      summary = run.summary(name);
    } catch (error) {
      if (error instanceof SalvoError && error.code === 'EMPTY_DATA') continue; // no finite value
      throw error;
    }
    const spec = specs.get(name);
    let histogram: ReportNode['histogram'];
    try {
      // Over the central 99.8%, so that a long tail does not squeeze the bulk into a few bins.
      const range: [number, number] = [run.quantile(name, 0.001), run.quantile(name, 0.999)];
      const h = run.histogram(name, range[0] < range[1] ? { bins, range } : { bins });
      let total = 0;
      for (const c of h.counts) total += c;
      total += h.outside;
      histogram = {
        edges: Array.from(h.edges),
        shares: Array.from(h.counts, (c) => (total > 0 ? c / total : 0)),
      };
    } catch (error) {
      if (!(error instanceof SalvoError)) throw error; // a constant node has no width to bin
    }
    nodes.push({
      name,
      kind:
        spec === undefined || spec.kind === 'input'
          ? spec?.inline
            ? 'inline'
            : 'input'
          : 'derived',
      written:
        spec === undefined
          ? undefined
          : spec.kind === 'input'
            ? String(spec.dist)
            : spec.kind === 'expression'
              ? spec.expression.source
              : undefined,
      mean: summary.mean,
      meanError: summary.meanStandardError,
      sd: summary.sd,
      // The summary's own levels, which run.interval(name) reads too (5%, 50%, 95% are always in it).
      p5: summary.quantiles.p5,
      p50: summary.quantiles.p50,
      p95: summary.quantiles.p95,
      medianError: finiteOrUndefined(summary.quantileIntervals.p50?.standardError),
      effectiveSampleSize: summary.effectiveSampleSize,
      histogram,
    });
  }
  const given = options.sensitivity;
  const sensitivity =
    given === false
      ? undefined
      : typeof given === 'object'
        ? tornadoOf(given)
        : reportSensitivity(run, output);
  return {
    title: options.title ?? 'salvo model',
    seed: run.seed,
    samples: run.sampleCount,
    weighted: run.weighted,
    effectiveSampleSize: run.effectiveSampleSize,
    warnings: run.warnings.map((w) => w.message),
    model,
    staticReason,
    nodes,
    sensitivity,
    timelines: (options.timelines ?? []).map(({ title, bands }) => ({
      title,
      bands: bands.map(({ month, p5, p25, p50, p75, p95 }) => ({ month, p5, p25, p50, p75, p95 })),
    })),
    backtests: (options.backtests ?? []).map(({ title, results }) => ({
      title,
      results: Object.fromEntries(
        methodsOf('htmlReport', results).map(([name, result]) => [
          name ?? '',
          reducedResult(result),
        ]),
      ),
    })),
  };
}

/**
 * The tornado of `output`, or `undefined` when the run cannot give one (it kept too little, or the
 * output depends on no input). The slowest part of a report (most of a rerun's time with evidence),
 * so a page's rerun draws the rest first.
 */
export function reportSensitivity(
  run: ModelRun<string>,
  output: string,
): ReportSensitivity | undefined {
  try {
    return tornadoOf(run.sensitivity(output));
  } catch (error) {
    if (!(error instanceof SalvoError)) throw error;
    return undefined;
  }
}

/** The report's part of a sensitivity: the tornado. */
function tornadoOf(s: Sensitivity): ReportSensitivity {
  return {
    output: s.output,
    baselineMedian: s.baselineMedian,
    inputs: s.inputs.map((i) => ({
      input: i.input,
      outputAtLow: i.tornado.outputAtLow,
      outputAtHigh: i.tornado.outputAtHigh,
      rankCorrelation: i.rankCorrelation,
    })),
  };
}

/** A standard error the run could give, or `undefined` (NaN when too few samples lie beyond it). */
function finiteOrUndefined(x: number | undefined): number | undefined {
  return x !== undefined && Number.isFinite(x) ? x : undefined;
}
