/** Reads tests/fixtures/scipy-reference.json (made by tests/fixtures/make-scipy-reference.py). */
import reference from '../fixtures/scipy-reference.json' with { type: 'json' };

export interface ReferenceCase {
  family: string;
  params: Record<string, number>;
  cdf: [number, number][];
  /** Present for continuous families. */
  pdf?: [number, number][];
  /** Present for discrete families. */
  pmf?: [number, number][];
  quantile: [number, number][];
  /** scipy's moments; non-finite values are stored as strings and read back with Number(). */
  mean: number;
  variance: number;
}

const toNumber = (v: unknown): number => (typeof v === 'string' ? Number(v) : (v as number));

/** All reference cases of one family, with "NaN"/"Infinity" strings turned back into numbers. */
export function referenceCases(family: string): ReferenceCase[] {
  return (reference.cases as unknown as ReferenceCase[])
    .filter((c) => c.family === family)
    .map((c) => ({
      ...c,
      mean: toNumber(c.mean),
      variance: toNumber(c.variance),
      quantile: c.quantile.map(([p, q]) => [p, toNumber(q)] as [number, number]),
    }));
}

/** Closeness |a - b| <= relativeTolerance * |b| + absoluteTolerance (exact equality always passes). */
export function close(
  a: number,
  b: number,
  relativeTolerance: number,
  absoluteTolerance = 0,
): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= relativeTolerance * Math.abs(b) + absoluteTolerance;
}
