/**
 * The Poisson fit: λ = x̄, with the chi-square goodness-of-fit test of {@link poissonChiSquare}.
 * @module
 */
import { logPoissonPmfExact, poisson } from '../../distributions/poisson.js';
import type { DiscreteDistribution } from '../../distributions/types.js';
import { SalvoError } from '../../errors.js';
import type { SampleValues } from '../../samples/values.js';
import { show } from '../../validate.js';
import { type ChiSquareTest, poissonChiSquare } from './chiSquare.js';
import { readData, sortedCopy } from './data.js';
import { type FitResult, freezeResult } from './result.js';

/**
 * The result of {@link fit}`.poisson`: λ is the sample mean; the goodness of fit is a chi-square test.
 *
 * @example
 * ```ts
 * import { fit, type PoissonFit } from 'salvo';
 * const r: PoissonFit = fit.poisson([0, 2, 1, 3, 1, 0, 2]);
 * r.params.lambda; // => 1.2857142857142858
 * ```
 */
export type PoissonFit = FitResult<{ lambda: number }, DiscreteDistribution, ChiSquareTest>;

/** The distinct values of non-negative integer data, ascending, with their counts. */
function tally(
  v: Float64Array,
  lo: number,
  hi: number,
): { values: Float64Array; counts: Float64Array } {
  const n = v.length;
  const range = hi - lo + 1;
  if (range <= n + 65_536) {
    // Counting array over [lo, hi]: one pass, no sort.
    const byValue = new Float64Array(range);
    for (let i = 0; i < n; i++) byValue[v[i] - lo]++;
    let distinct = 0;
    for (let j = 0; j < range; j++) if (byValue[j] > 0) distinct++;
    const values = new Float64Array(distinct);
    const counts = new Float64Array(distinct);
    let w = 0;
    for (let j = 0; j < range; j++) {
      if (byValue[j] > 0) {
        values[w] = lo + j;
        counts[w] = byValue[j];
        w++;
      }
    }
    return { values, counts };
  }
  // Sparse values spread over a huge range: sort a copy and count runs.
  const sorted = sortedCopy(v);
  let distinct = 1;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  const values = new Float64Array(distinct);
  const counts = new Float64Array(distinct);
  let w = 0;
  values[0] = sorted[0];
  counts[0] = 1;
  for (let i = 1; i < n; i++) {
    if (sorted[i] !== sorted[i - 1]) {
      w++;
      values[w] = sorted[i];
    }
    counts[w]++;
  }
  return { values, counts };
}

/**
 * Fits a Poisson distribution by maximum likelihood: λ is the sample mean. The goodness of fit is a
 * chi-square test on cells pooled until each expects at least 5 counts, with one degree of freedom
 * taken for λ (see {@link ChiSquareTest}). Data that are all equal fit fine (λ is that value).
 *
 * @param data - counts: non-negative integers
 * @returns the fit; see {@link PoissonFit}
 * @throws {@link SalvoError} `EMPTY_DATA` for no data; `INVALID_PARAMETER` naming `data[i]` for a value
 * that is not a non-negative integer, or naming `data` when the counts are so large that their sum
 * overflows
 *
 * @example
 * ```ts
 * import { fit } from 'salvo';
 * const arrivalsPerDay = [0, 1, 1, 2, 2, 2, 3, 3, 4, 1, 2, 0, 5, 2, 1, 3, 2, 1, 2, 6];
 * const r = fit.poisson(arrivalsPerDay);
 * r.params.lambda;               // => 2.15
 * r.logLikelihood;               // => -34.856988244742304
 * r.goodnessOfFit.dof;           // => 1
 * r.goodnessOfFit.pValue;        // => 0.3946972318215528
 * ```
 */
export function fitPoisson(data: SampleValues): PoissonFit {
  const where = 'fit.poisson';
  const v = readData(where, data, 'count');
  const n = v.length;
  let sum = 0;
  let comp = 0;
  let lo = v[0];
  let hi = v[0];
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x < lo) lo = x;
    if (x > hi) hi = x;
    const t = sum + x;
    const bp = t - sum;
    comp += sum - (t - bp) + (x - bp);
    sum = t;
  }
  let lambda = (sum + comp) / n;
  if (!Number.isFinite(lambda)) {
    throw new SalvoError(
      'INVALID_PARAMETER',
      `${where}: the sum of data overflows (values up to ${show(hi)}), so lambda cannot be fitted`,
      { parameter: 'data', value: hi },
    );
  }
  // The compensated mean lies in [lo, hi] up to its last bit; clamp so that it always does.
  lambda = Math.min(hi, Math.max(lo, lambda));
  const distribution = poisson(lambda);
  const { values, counts } = tally(v, lo, hi);
  let logLikelihood = 0;
  for (let j = 0; j < values.length; j++)
    logLikelihood += counts[j] * logPoissonPmfExact(values[j], lambda);
  const goodnessOfFit = poissonChiSquare(n, lambda, values, counts, distribution);
  return freezeResult(distribution, { lambda }, logLikelihood, n, 1, goodnessOfFit);
}
