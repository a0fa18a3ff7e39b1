/**
 * The first-order sensitivity index Var(E[Y | X]) / Var(Y) from one set of samples: E[Y | X] is fitted
 * by a straight line inside each equal-count bin of X (piecewise-linear "scatterplot smoothing"), and
 * the noise that the fitted means and slopes add to their spread is subtracted.
 *
 * Why lines, not bin means: bin means lose the variation of E[Y | X] inside each bin, which for a
 * skewed input is large in the widest (tail) bin — a lognormal price input's index came out 1% low at
 * 100 bins. A line per bin keeps the linear part of it. Why the noise comes from groups under sampling
 * designs: the i.i.d. formula σ²/n overstates the noise of bin means of Sobol points many times (it
 * made every index about bins/N too low); the spread of the same bin's fit across the design's
 * independent groups measures it instead. `benchmarks/sensitivity.mjs` measures both against exact
 * indices (docs/performance.md, "Sensitivity under sampling designs").
 *
 * References: E. Plischke, "An effective algorithm for computing global sensitivity indices (EASI)",
 * Reliability Engineering & System Safety 95 (2010) 354–360 (indices by sorting and binning);
 * A. Saltelli et al., *Global Sensitivity Analysis: The Primer* (Wiley 2008), §1.2.5.
 * @module
 */
import { groupStandardError } from '../samples/segmentMoments.js';
import { SEGMENT_LENGTH } from './definition.js';

/** The samples of one input and the output, row-aligned (finite output rows only). */
export interface FirstOrderData {
  /** The input's values. */
  readonly x: Float64Array;
  /** The input's ranks in units of weight (mid-ranks; 1-based without weights). */
  readonly xRanks: Float64Array;
  /** The output's values minus their (weighted) mean. */
  readonly yCentred: Float64Array;
  /** The rows' weights, or undefined when all are 1. */
  readonly weights: Float64Array | undefined;
  /** The output's (weighted) variance. */
  readonly yVariance: number;
  /**
   * Under a sampling design, each row's group (see {@link groupsOfRows}) and the number of groups
   * holding rows; undefined for random sampling.
   */
  readonly design: { readonly groupOfRow: Uint8Array; readonly groups: number } | undefined;
}

/** Reused per-bin (and per-bin-and-group) sums. */
export class FirstOrderScratch {
  private size = 0;
  binOfRow = new Uint32Array(0);
  count = new Float64Array(0);
  sumX = new Float64Array(0);
  sumY = new Float64Array(0);
  sumXX = new Float64Array(0);
  sumXY = new Float64Array(0);
  sumYY = new Float64Array(0);
  sumWW = new Float64Array(0);
  sumWWXX = new Float64Array(0);
  /** One bin's fits per group (for {@link groupStandardError}), up to 256 groups. */
  readonly groupCounts = new Float64Array(256);
  readonly groupMeans = new Float64Array(256);
  readonly groupSxx = new Float64Array(256);
  readonly groupSlopes = new Float64Array(256);

  /** Zeroed arrays of at least `cells` entries, and a bin index per row. */
  reset(cells: number, rows: number): void {
    if (this.binOfRow.length < rows) this.binOfRow = new Uint32Array(rows);
    if (cells > this.size) {
      this.size = cells;
      this.count = new Float64Array(cells);
      this.sumX = new Float64Array(cells);
      this.sumY = new Float64Array(cells);
      this.sumXX = new Float64Array(cells);
      this.sumXY = new Float64Array(cells);
      this.sumYY = new Float64Array(cells);
      this.sumWW = new Float64Array(cells);
      this.sumWWXX = new Float64Array(cells);
      return;
    }
    for (const a of [
      this.count,
      this.sumX,
      this.sumY,
      this.sumXX,
      this.sumXY,
      this.sumYY,
      this.sumWW,
      this.sumWWXX,
    ]) {
      a.fill(0, 0, cells);
    }
  }
}

/** The fit of one cell (a bin, or a bin within one group). */
interface CellFit {
  count: number;
  meanY: number;
  slope: number;
  /** Σ w (x − x̄)². */
  sxx: number;
  /** Σ w r², r the residual of the line. */
  residualSquares: number;
}

/**
 * The first-order index of `data.x` on the output with `bins` equal-weight bins of its rank (ties share
 * a bin), clamped at 0; NaN when the output does not vary.
 */
export function firstOrderIndex(
  data: FirstOrderData,
  bins: number,
  scratch: FirstOrderScratch,
): number {
  const { x, xRanks, yCentred, weights, yVariance, design } = data;
  if (!(yVariance > 0)) return Number.NaN;
  const rows = x.length;
  // Groups only count when there are two or more of them; otherwise the i.i.d. formulas.
  const groups = design === undefined ? 1 : design.groups;
  const grouped = groups > 1;
  const cells = bins * (grouped ? groups + 1 : 1);
  scratch.reset(cells, rows);
  const { binOfRow, count, sumX, sumY, sumXX, sumXY, sumYY, sumWW, sumWWXX } = scratch;
  let totalWeight = 0;
  let weightSquares = 0;
  for (let r = 0; r < rows; r++) {
    const w = weights === undefined ? 1 : weights[r];
    totalWeight += w;
    weightSquares += w * w;
  }
  const rankScale = weights === undefined ? rows : totalWeight;
  const rankShift = weights === undefined ? 0.5 : 0;
  // Cell of row r in group g: bins + b·groups + g (cells 0 … bins − 1 are the pooled bins).
  const groupOfRow = design?.groupOfRow;
  // Pass 1: weights and sums, for the means.
  for (let r = 0; r < rows; r++) {
    const b = Math.min(bins - 1, Math.floor(((xRanks[r] - rankShift) * bins) / rankScale));
    binOfRow[r] = b;
    const w = weights === undefined ? 1 : weights[r];
    count[b] += w;
    sumX[b] += w * x[r];
    sumY[b] += w * yCentred[r];
    sumWW[b] += w * w;
    if (grouped) {
      const c = bins + b * groups + (groupOfRow as Uint8Array)[r];
      count[c] += 1;
      sumWW[c] += 1;
      sumX[c] += x[r];
      sumY[c] += yCentred[r];
    }
  }
  // Pass 2: centred squares and products about each cell's means.
  for (let r = 0; r < rows; r++) {
    const b = binOfRow[r];
    const w = weights === undefined ? 1 : weights[r];
    const dx = x[r] - sumX[b] / count[b];
    const dy = yCentred[r] - sumY[b] / count[b];
    sumXX[b] += w * dx * dx;
    sumXY[b] += w * dx * dy;
    sumYY[b] += w * dy * dy;
    sumWWXX[b] += w * w * dx * dx;
    if (grouped) {
      const c = bins + b * groups + (groupOfRow as Uint8Array)[r];
      const gx = x[r] - sumX[c] / count[c];
      sumXX[c] += gx * gx;
      sumXY[c] += gx * (yCentred[r] - sumY[c] / count[c]);
    }
  }
  const fitCell = (c: number, into: CellFit): CellFit => {
    const n = count[c];
    into.count = n;
    into.meanY = n > 0 ? sumY[c] / n : 0;
    // A line needs an effective size of three to leave a residual; an input constant in the cell
    // gets a flat fit.
    const canSlope = sumXX[c] > 0 && n * n >= 3 * sumWW[c];
    into.slope = canSlope ? sumXY[c] / sumXX[c] : 0;
    into.sxx = sumXX[c];
    into.residualSquares = Math.max(0, sumYY[c] - into.slope * sumXY[c]);
    return into;
  };
  const pooled: CellFit = { count: 0, meanY: 0, slope: 0, sxx: 0, residualSquares: 0 };
  const member: CellFit = { count: 0, meanY: 0, slope: 0, sxx: 0, residualSquares: 0 };
  // Σ_b W_b (ȳ_b − ȳ)² + ĉ_b² S_xx,b: the fitted E[Y | X]'s spread, in units of weight × variance.
  let explained = 0;
  let noise = 0;
  let residualTotal = 0;
  let parameters = 0;
  for (let b = 0; b < bins; b++) {
    fitCell(b, pooled);
    if (pooled.count === 0) continue;
    const sloped = pooled.slope !== 0 ? 2 : 1;
    parameters += sloped;
    explained +=
      pooled.count * pooled.meanY * pooled.meanY + pooled.slope * pooled.slope * pooled.sxx;
    residualTotal += pooled.residualSquares;
    if (grouped) {
      const spread = groupSpread(bins + b * groups, groups, fitCell, pooled, member, scratch);
      if (spread !== undefined) {
        noise += pooled.count * spread.meanVariance + spread.slopeVariance * pooled.sxx;
        continue;
      }
    }
    // σ²_b, the residual variance (reliability weights: Σw r² over W_b − (parameters)·Σw²/W_b);
    // the mean adds W_b·σ²_b·Σw²/W_b² to the spread, the slope σ²_b·Σw²dx²/S_xx (σ²_b each without
    // weights).
    const dof = pooled.count - (sloped * sumWW[b]) / pooled.count;
    if (dof > 0) {
      const sigma2 = pooled.residualSquares / dof;
      noise += (sigma2 * sumWW[b]) / pooled.count;
      if (pooled.slope !== 0) noise += (sigma2 * sumWWXX[b]) / pooled.sxx;
    }
  }
  // The grand mean's own noise (ȳ is estimated from the same rows) shrinks the spread by W·Var(ȳ).
  const grandMeanNoise = grouped
    ? grandMeanVariance(data, groups) * totalWeight
    : pooledResidualVariance(residualTotal, totalWeight, weightSquares, parameters) *
      (weightSquares / totalWeight);
  const varianceExplained = (explained - noise + grandMeanNoise) / totalWeight;
  return Math.max(0, varianceExplained / yVariance);
}

/**
 * Each row's group under a design with `groups` groups (segment k of the run in group k mod groups),
 * and how many groups hold rows: a run shorter than `groups` segments has fewer.
 */
export function groupsOfRows(
  sampleIndex: Uint32Array,
  groups: number,
): { groupOfRow: Uint8Array; groups: number } {
  const groupOfRow = new Uint8Array(sampleIndex.length);
  let segments = 0;
  for (let r = 0; r < sampleIndex.length; r++) {
    const segment = Math.floor(sampleIndex[r] / SEGMENT_LENGTH);
    groupOfRow[r] = segment % groups;
    segments = Math.max(segments, segment + 1);
  }
  return { groupOfRow, groups: Math.min(groups, segments) };
}

/**
 * The noise variances of a bin's pooled mean and slope, from the spread of the same fit in each
 * independent group (groups with fewer than 3 rows or a constant input are left out): the squared
 * standard error of a weighted mean of independent estimates ({@link groupStandardError}), the
 * groups weighted by their rows for the mean and by their Σ(x − x̄)² for the slope. Undefined when
 * fewer than 2 groups are usable.
 */
function groupSpread(
  first: number,
  groups: number,
  fitCell: (c: number, into: CellFit) => CellFit,
  pooled: CellFit,
  member: CellFit,
  scratch: FirstOrderScratch,
): { meanVariance: number; slopeVariance: number } | undefined {
  const { groupCounts, groupMeans, groupSxx, groupSlopes } = scratch;
  let usable = 0;
  for (let g = 0; g < groups; g++) {
    fitCell(first + g, member);
    const ok = member.count >= 3 && member.sxx > 0;
    if (ok) usable++;
    // A zero weight leaves the group out of groupStandardError.
    groupCounts[g] = ok ? member.count : 0;
    groupMeans[g] = member.meanY;
    groupSxx[g] = ok ? member.sxx : 0;
    groupSlopes[g] = member.slope;
  }
  if (usable < 2) return undefined;
  const meanError = groupStandardError(groupCounts.subarray(0, groups), groupMeans);
  const slopeError =
    pooled.slope === 0 ? 0 : groupStandardError(groupSxx.subarray(0, groups), groupSlopes);
  return { meanVariance: meanError * meanError, slopeVariance: slopeError * slopeError };
}

/** The variance of the output's mean from the spread of its groups' means ({@link groupStandardError}). */
function grandMeanVariance(data: FirstOrderData, groups: number): number {
  const groupOfRow = (data.design as { readonly groupOfRow: Uint8Array }).groupOfRow;
  const sums = new Float64Array(groups);
  const counts = new Float64Array(groups);
  for (let r = 0; r < data.yCentred.length; r++) {
    const g = groupOfRow[r];
    sums[g] += data.yCentred[r];
    counts[g] += 1;
  }
  const means = sums.map((sum, g) => (counts[g] > 0 ? sum / counts[g] : 0));
  const error = groupStandardError(counts, means);
  return Number.isNaN(error) ? 0 : error * error;
}

/** The residual variance pooled over the bins: Σw r² over W − (parameters)·Σw²/W. */
function pooledResidualVariance(
  residualSquares: number,
  totalWeight: number,
  weightSquares: number,
  parameters: number,
): number {
  const dof = totalWeight - (parameters * weightSquares) / totalWeight;
  return dof > 0 ? residualSquares / dof : 0;
}
