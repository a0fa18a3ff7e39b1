/**
 * Reads tests/fixtures/scipy-reference.json (made by tests/fixtures/make-scipy-reference.py) and checks
 * distributions against such tables.
 */
import { expect } from 'vitest';
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

/** What {@link expectMatchesReference} compares: tables of [x, value] and [p, quantile] pairs, and moments. */
export interface ReferenceTable {
  cdf: readonly (readonly number[])[];
  pdf?: readonly (readonly number[])[];
  pmf?: readonly (readonly number[])[];
  quantile: readonly (readonly number[])[];
  mean: number;
  variance: number;
}

/** The parts of a distribution that {@link expectMatchesReference} checks. */
export interface ReferenceSubject {
  readonly mean: number;
  readonly variance: number;
  cdf(x: number): number;
  quantile(p: number): number;
  pdf?(x: number): number;
  pmf?(x: number): number;
}

/**
 * How close a value must be to the reference: a number is a relative tolerance for {@link close},
 * `'exact'` asks for `toBe`, and `{ digits }` for `toBeCloseTo(want, digits)`.
 */
export type Tolerance = number | 'exact' | { digits: number };

export interface ReferenceTolerances<C> {
  cdf: Tolerance;
  /** For the pdf of continuous and the pmf of discrete families. */
  density: Tolerance;
  quantile: Tolerance;
  mean: Tolerance;
  variance: Tolerance;
  /** Cases whose moments are compared; all unless given. */
  momentsWhen?: (c: C) => boolean;
}

function expectWithin(got: number, want: number, tolerance: Tolerance, what: string): void {
  const message = `${what} = ${got} vs ${want}`;
  if (tolerance === 'exact') expect(got, message).toBe(want);
  else if (typeof tolerance === 'number') expect(close(got, want, tolerance), message).toBe(true);
  else expect(got, message).toBeCloseTo(want, tolerance.digits);
}

/**
 * Builds `make(c)` for every reference case and asserts that its moments, cdf, pdf or pmf, and quantile
 * agree with the case's tables within the given tolerances. Returns the distributions, in case order.
 */
export function expectMatchesReference<C extends ReferenceTable, D extends ReferenceSubject>(
  cases: readonly C[],
  make: (c: C) => D,
  tolerances: ReferenceTolerances<C>,
): D[] {
  return cases.map((c) => {
    const d = make(c);
    if (tolerances.momentsWhen?.(c) ?? true) {
      expectWithin(d.mean, c.mean, tolerances.mean, `${d}.mean`);
      expectWithin(d.variance, c.variance, tolerances.variance, `${d}.variance`);
    }
    for (const [x, p] of c.cdf) expectWithin(d.cdf(x), p, tolerances.cdf, `${d}.cdf(${x})`);
    for (const [name, table] of [
      ['pdf', c.pdf],
      ['pmf', c.pmf],
    ] as const) {
      if (table === undefined) continue;
      const density = d[name];
      expect(density, `${d} has a ${name}`).toBeTypeOf('function');
      for (const [x, f] of table) {
        expectWithin(density!.call(d, x), f, tolerances.density, `${d}.${name}(${x})`);
      }
    }
    for (const [p, x] of c.quantile) {
      expectWithin(d.quantile(p), x, tolerances.quantile, `${d}.quantile(${p})`);
    }
    return d;
  });
}
