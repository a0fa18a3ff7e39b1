/**
 * Rank correlation between a model's inputs, induced by the Iman–Conover method one segment at a
 * time.
 *
 * Iman, R. L. and Conover, W. J. (1982), "A distribution-free approach to inducing rank correlation
 * among input variables", Communications in Statistics — Simulation and Computation 11(3), 311–334.
 *
 * Per segment (SEGMENT_LENGTH samples), for a group of k correlated inputs: each input is drawn from
 * its own stream as usual; a score matrix S (n × k) holds van der Waerden scores Φ⁻¹(i / (n + 1)),
 * each column in its own random order (from the group's stream for that segment); its sample
 * correlation E = Q·Qᵀ is removed and the target put in, T = S·(P·Q⁻¹)ᵀ with P·Pᵀ = C; finally each
 * input's values are rearranged so that their ranks are the ranks of T's column. Only the order of
 * each input's values within a segment changes, so every marginal distribution is kept exactly, and
 * since everything is per segment the result does not depend on block size or threads.
 *
 * The target C is the Pearson correlation of the scores that gives the requested *Spearman*
 * correlation for normal scores, C = 2·sin(π·ρ/6) (Pearson 1907): without it, a requested rank
 * correlation of 0.5 would come out near (6/π)·asin(0.25) = 0.483.
 * @internal
 * @module
 */
import { SalvoError } from '../errors.js';
import { symmetricEigen } from '../linalg/eigen.js';
import { cholesky, psdFactor } from '../linalg/factor.js';
import { nearestCorrelation } from '../linalg/nearestCorrelation.js';
import { requirePsd } from '../linalg/psdCheck.js';
import type { Rng } from '../rng/types.js';
import { RadixArgsort } from '../samples/rank.js';
import { normalQuantile } from '../special/normal.js';
import {
  invalidParameter,
  optionNames,
  requireKnownOptions,
  requireObject,
  show,
} from '../validate.js';

/** One requested rank correlation between two inputs, names in sorted order. */
export interface CorrelationPair {
  readonly a: string;
  readonly b: string;
  readonly rho: number;
}

/** Inputs correlated together (a connected group of pairs), ready for evaluation. */
export interface CorrelationGroup {
  /** Input names, sorted. */
  readonly names: readonly string[];
  /** The stream key of the group's score permutations. */
  readonly key: string;
  /** The requested Spearman matrix (row-major, in `names` order). */
  readonly spearman: Float64Array;
  /** P with P·Pᵀ = the scores' target Pearson matrix. */
  readonly factor: Float64Array;
}

/** Tolerance for symmetry (rounding of a valid matrix). */
const SYMMETRY_TOLERANCE = 1e-12;

/**
 * Checks a square correlation matrix given as rows: shape, unit diagonal, entries in [-1, 1],
 * symmetry and positive semi-definiteness. Returns it row-major.
 */
export function checkCorrelationMatrix(
  where: string,
  matrix: unknown,
  k: number,
  parameter = 'matrix',
): Float64Array {
  if (!Array.isArray(matrix) || matrix.length !== k) {
    throw invalidParameter(
      where,
      parameter,
      `${parameter} must be ${k} rows of ${k} numbers, got ${show(matrix)}`,
      matrix,
    );
  }
  const m = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const row = matrix[i] as unknown;
    if (!Array.isArray(row) && !(row instanceof Float64Array)) {
      throw invalidParameter(
        where,
        `${parameter}[${i}]`,
        `${parameter}[${i}] must be a row of ${k} numbers, got ${show(row)}`,
        row,
      );
    }
    const r = row as ArrayLike<unknown>;
    if (r.length !== k) {
      throw invalidParameter(
        where,
        `${parameter}[${i}]`,
        `${parameter}[${i}] must have ${k} entries, got ${r.length}`,
        row,
      );
    }
    for (let j = 0; j < k; j++) {
      const x = r[j];
      const entry = `${parameter}[${i}][${j}]`;
      if (typeof x !== 'number' || !(x >= -1 && x <= 1)) {
        throw invalidParameter(
          where,
          entry,
          `${entry} must be a correlation in [-1, 1], got ${show(x)}`,
          x,
        );
      }
      if (i === j && x !== 1) {
        throw invalidParameter(
          where,
          entry,
          `${entry} is on the diagonal and must be 1, got ${show(x)}`,
          x,
        );
      }
      m[i * k + j] = x;
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      if (Math.abs(m[i * k + j] - m[j * k + i]) > SYMMETRY_TOLERANCE) {
        const entry = `${parameter}[${j}][${i}]`;
        throw invalidParameter(
          where,
          entry,
          `the matrix must be symmetric: ${parameter}[${i}][${j}] = ${m[i * k + j]} but ${entry} = ${m[j * k + i]}`,
          m[j * k + i],
        );
      }
    }
  }
  requirePsd(where, parameter, m, k, `${parameter}`);
  return m;
}

/**
 * Groups the requested pairs into connected sets of inputs, checks each set's matrix (pairs not
 * given are 0) and prepares its factor. Groups are ordered by their first name; names within a group
 * sorted — declaration order never matters.
 */
export function planCorrelations(
  pairs: readonly CorrelationPair[],
  where: string,
): CorrelationGroup[] {
  if (pairs.length === 0) return [];
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(x, root);
    return root;
  };
  for (const { a, b } of pairs) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    // The smaller name becomes the root, so grouping does not depend on the order of the pairs.
    if (ra < rb) parent.set(rb, ra);
    else if (rb < ra) parent.set(ra, rb);
  }
  const members = new Map<string, string[]>();
  for (const name of parent.keys()) {
    const root = find(name);
    const list = members.get(root) ?? [];
    list.push(name);
    members.set(root, list);
  }
  const groups: CorrelationGroup[] = [];
  for (const list of [...members.values()].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const names = [...list].sort();
    const k = names.length;
    const spearman = new Float64Array(k * k);
    for (let i = 0; i < k; i++) spearman[i * k + i] = 1;
    for (const { a, b, rho } of pairs) {
      const i = names.indexOf(a);
      const j = names.indexOf(b);
      if (i < 0 || j < 0) continue;
      spearman[i * k + j] = rho;
      spearman[j * k + i] = rho;
    }
    requirePsd(
      where,
      'correlate',
      spearman,
      k,
      `the rank correlations given by .correlate among ${names.join(', ')} (pairs not given are 0) form a matrix that`,
    );
    // Pearson correlation of normal scores with the requested Spearman correlation.
    let pearson: Float64Array = spearman.map((rho, index) =>
      index % (k + 1) === 0 ? 1 : 2 * Math.sin((Math.PI * rho) / 6),
    );
    if (symmetricEigen(pearson, k).values[0] < 0) pearson = nearestCorrelation(pearson, k, 0);
    groups.push({
      names,
      key: `\u0001correlate ${names.join(' ')}`,
      spearman,
      factor: psdFactor(pearson, k),
    });
  }
  return groups;
}

/** Van der Waerden scores Φ⁻¹(i / (n + 1)), i = 1..n. */
function scores(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = normalQuantile((i + 1) / (n + 1));
  return out;
}

/**
 * Applies one group's rank correlation to segments of its inputs' columns, in place. Reuses its
 * scratch memory: no allocation per segment (except scores for a shorter final segment).
 */
export class RankInducer {
  private readonly k: number;
  private readonly factor: Float64Array;
  private readonly fullScores: Float64Array;
  private readonly s: Float64Array;
  private readonly t: Float64Array;
  private readonly old: Float64Array;
  private readonly order: Uint32Array;
  private readonly valueOrder: Uint32Array;
  private readonly argsort = new RadixArgsort();
  private readonly e: Float64Array;
  private readonly mixing: Float64Array;
  private readonly column: Float64Array;

  constructor(group: CorrelationGroup, segmentLength: number) {
    const k = group.names.length;
    this.k = k;
    this.factor = group.factor;
    this.fullScores = scores(segmentLength);
    this.s = new Float64Array(k * segmentLength);
    this.t = new Float64Array(segmentLength);
    this.old = new Float64Array(segmentLength);
    this.order = new Uint32Array(segmentLength);
    this.valueOrder = new Uint32Array(segmentLength);
    this.e = new Float64Array(k * k);
    this.mixing = new Float64Array(k * k);
    this.column = new Float64Array(k);
  }

  /** Rearranges `columns[j][start .. start + n)` for every j, drawing permutations from `rng`. */
  apply(columns: readonly Float64Array[], start: number, n: number, rng: Rng): void {
    const k = this.k;
    if (n < 2) return;
    const a = n === this.fullScores.length ? this.fullScores : scores(n);
    const s = this.s;
    // Score columns, each in its own random order (Fisher–Yates).
    for (let j = 0; j < k; j++) {
      const base = j * n;
      s.set(a, base);
      for (let i = n - 1; i > 0; i--) {
        const r = Math.floor(rng.nextFloat64() * (i + 1));
        const x = s[base + i];
        s[base + i] = s[base + r];
        s[base + r] = x;
      }
    }
    // Their sample correlation E, its Cholesky factor Q, and the mixing matrix M = P·Q⁻¹.
    const e = this.e;
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) {
        let dot = 0;
        const bi = i * n;
        const bj = j * n;
        for (let r = 0; r < n; r++) dot += s[bi + r] * s[bj + r];
        e[i * k + j] = dot;
        e[j * k + i] = dot;
      }
    }
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        if (i !== j) e[i * k + j] /= Math.sqrt(e[i * k + i] * e[j * k + j]);
      }
    }
    for (let i = 0; i < k; i++) e[i * k + i] = 1;
    const q = cholesky(e, k);
    const mixing = this.mixing;
    if (q === undefined) {
      mixing.set(this.factor); // too few samples for E to be definite: mix the raw scores
    } else {
      // Row i of M solves Qᵀ·mᵢ = (row i of P), i.e. M·Q = P.
      const row = this.column;
      for (let i = 0; i < k; i++) {
        for (let c = 0; c < k; c++) row[c] = this.factor[i * k + c];
        for (let c = k - 1; c >= 0; c--) {
          let x = row[c];
          for (let r = c + 1; r < k; r++) x -= q[r * k + c] * row[r];
          row[c] = x / q[c * k + c];
        }
        for (let c = 0; c < k; c++) mixing[i * k + c] = row[c];
      }
    }
    const t = this.t;
    const order = this.order;
    const valueOrder = this.valueOrder;
    for (let j = 0; j < k; j++) {
      // T's column j, then the input's values placed in the order of its ranks.
      t.fill(0, 0, n);
      for (let l = 0; l < k; l++) {
        const m = mixing[j * k + l];
        if (m === 0) continue;
        const base = l * n;
        for (let r = 0; r < n; r++) t[r] += m * s[base + r];
      }
      this.argsort.argsort(t, 0, n, order);
      // The r-th smallest value goes where T's r-th smallest is.
      const x = columns[j];
      const old = this.old;
      old.set(x.subarray(start, start + n));
      this.argsort.argsort(old, 0, n, valueOrder);
      for (let r = 0; r < n; r++) x[start + order[r]] = old[valueOrder[r]];
    }
  }
}

/**
 * The valid correlation matrix nearest to `matrix` (Frobenius norm; Higham 2002, alternating
 * projections with Dykstra's correction), with its smallest eigenvalue lifted to at least
 * `minEigenvalue` so that it can be used as is. Use it when expert-given correlations contradict each
 * other — `.correlate` refuses such a matrix and names this function.
 *
 * @param matrix - a square, symmetric matrix of finite numbers (rows of equal length)
 * @param options - `minEigenvalue`, default 1e-6 (0 gives the exact projection, which may be singular)
 * @returns rows of the nearest correlation matrix: symmetric, unit diagonal, positive semi-definite
 * @throws {@link SalvoError} `INVALID_PARAMETER` naming the entry that is missing, not finite, or
 *   breaks symmetry, or a bad `minEigenvalue`
 * @example
 * ```ts
 * import { nearestCorrelationMatrix } from 'salvo';
 * // "a goes with b, b goes with c, but a and c are unrelated" cannot all hold at 0.9:
 * nearestCorrelationMatrix([[1, 0.9, 0], [0.9, 1, 0.9], [0, 0.9, 1]]);
 * // => about [[1, 0.74, 0.11], [0.74, 1, 0.74], [0.11, 0.74, 1]]
 * ```
 */
export function nearestCorrelationMatrix(
  matrix: readonly (readonly number[])[],
  options: { readonly minEigenvalue?: number } = {},
): number[][] {
  const where = 'nearestCorrelationMatrix';
  requireObject(where, 'options', options, 'an object such as { minEigenvalue: 1e-6 }');
  requireKnownOptions(where, 'options', options, optionNames<typeof options>()(['minEigenvalue']));
  const minEigenvalue = options.minEigenvalue ?? 1e-6;
  if (typeof minEigenvalue !== 'number' || !(minEigenvalue >= 0 && minEigenvalue < 1)) {
    throw invalidParameter(
      where,
      'minEigenvalue',
      `minEigenvalue must be a number in [0, 1), got ${show(minEigenvalue)}`,
      minEigenvalue,
    );
  }
  if (!Array.isArray(matrix) || matrix.length === 0) {
    throw invalidParameter(
      where,
      'matrix',
      `matrix must be a non-empty list of rows, got ${show(matrix)}`,
      matrix,
    );
  }
  const k = matrix.length;
  const m = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const row = matrix[i];
    if (!Array.isArray(row) || row.length !== k) {
      throw invalidParameter(
        where,
        `matrix[${i}]`,
        `matrix[${i}] must be a row of ${k} numbers, got ${show(row)}`,
        row,
      );
    }
    for (let j = 0; j < k; j++) {
      if (typeof row[j] !== 'number' || !Number.isFinite(row[j])) {
        const entry = `matrix[${i}][${j}]`;
        throw invalidParameter(
          where,
          entry,
          `${entry} must be a finite number, got ${show(row[j])}`,
          row[j],
        );
      }
      m[i * k + j] = row[j];
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      if (Math.abs(m[i * k + j] - m[j * k + i]) > SYMMETRY_TOLERANCE) {
        const entry = `matrix[${j}][${i}]`;
        throw invalidParameter(
          where,
          entry,
          `the matrix must be symmetric: matrix[${i}][${j}] = ${m[i * k + j]} but ${entry} = ${m[j * k + i]}`,
          m[j * k + i],
        );
      }
    }
  }
  const nearest = nearestCorrelation(m, k, minEigenvalue);
  return Array.from({ length: k }, (_, i) => Array.from(nearest.subarray(i * k, (i + 1) * k)));
}
