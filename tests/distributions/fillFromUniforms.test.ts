import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillByInversion } from '../../src/distributions/inversion.js';
import {
  invertNumerically,
  numericalInverseOf,
  U_TOLERANCE,
} from '../../src/distributions/numericalInverse.js';
import { nextDown, nextUp } from '../../src/distributions/truncated/window.js';
import {
  bernoulli,
  beta,
  binomial,
  type ContinuousDistribution,
  categorical,
  ci,
  constant,
  type Distribution,
  empirical,
  exponential,
  gamma,
  lognormal,
  logUniform,
  metalog,
  mixture,
  negativeBinomial,
  normal,
  pert,
  poisson,
  studentT,
  triangular,
  truncated,
  uniform,
} from '../../src/index.js';
import { createRng } from '../../src/rng/index.js';
import type { Rng } from '../../src/rng/types.js';
import { expectSalvoError } from '../helpers/errors.js';
import { expectChiSquare, expectKs } from '../helpers/stats.js';

// fillFromUniforms(uniforms, out): out[i] is the inverse cdf of uniforms[i]. Discrete families and the
// continuous ones with a closed-form quantile must give `quantile` itself, bit for bit; the others (a
// numerical inverse of the cdf) must be within a u-error of 1e-12: |cdf(out[i]) - u| <= 1e-12, or
// nearly as close as doubles allow (u lies between the cdfs of the doubles four steps either side of
// out[i], next to a pole of the density), or out[i] is the exact quantile (the far tails use it).

/** Families whose fillFromUniforms must equal quantile exactly. */
const EXACT: Record<string, Distribution> = {
  'uniform(-1, 0.1)': uniform(-1, 0.1),
  'uniform(2, 5)': uniform(2, 5),
  'triangular(5000, 6700, 8000)': triangular(5000, 6700, 8000),
  'triangular(0, 0, 1)': triangular(0, 0, 1),
  'triangular(0, 1e-12, 1)': triangular(0, 1e-12, 1),
  'exponential(0.25)': exponential(0.25),
  'logUniform(0.001, 1)': logUniform(0.001, 1),
  'metalog([5, 2])': metalog([5, 2]),
  'metalog([3, 0.4, 0.2, 1], lower 0)': metalog([3, 0.4, 0.2, 1], { lower: 0 }),
  'metalog([0, 1], bounded)': metalog([0, 1], { lower: 0, upper: 1 }),
  'studentT(1)': studentT(1),
  'studentT(2, location 10, scale 2)': studentT(2, { location: 10, scale: 2 }),
  'constant(6700)': constant(6700),
  'bernoulli(0.3)': bernoulli(0.3),
  'bernoulli(0)': bernoulli(0),
  'bernoulli(1)': bernoulli(1),
  'binomial(40, 0.15)': binomial(40, 0.15),
  'binomial(40, 0.85)': binomial(40, 0.85),
  'binomial(1e6, 1e-4)': binomial(1e6, 1e-4),
  'binomial(2000, 0.4) (exact-cdf table)': binomial(2000, 0.4),
  'binomial(3000, 0.7) (exact-cdf table)': binomial(3000, 0.7),
  'binomial(1e12, 0.5) (no table)': binomial(1e12, 0.5),
  'binomial(0, 0.5)': binomial(0, 0.5),
  'binomial(7, 1)': binomial(7, 1),
  'poisson(4.5)': poisson(4.5),
  'poisson(0)': poisson(0),
  'poisson(0.001)': poisson(0.001),
  'poisson(499)': poisson(499),
  'poisson(1000) (exact-cdf table)': poisson(1000),
  'poisson(1e9) (no table)': poisson(1e9),
  'negativeBinomial(3.5, 0.2)': negativeBinomial(3.5, 0.2),
  'negativeBinomial(0.5, 0.01)': negativeBinomial(0.5, 0.01),
  'negativeBinomial(2000, 0.5)': negativeBinomial(2000, 0.5),
  'negativeBinomial(1e6, 0.5) (exact-cdf table)': negativeBinomial(1e6, 0.5),
  'negativeBinomial(5, 1)': negativeBinomial(5, 1),
  'categorical([20, 40, 60, 40], [1, 2, 1, 1])': categorical([20, 40, 60, 40], [1, 2, 1, 1]),
  'categorical(0..999, weights i^2)': categorical(
    Array.from({ length: 1000 }, (_, i) => i),
    Array.from({ length: 1000 }, (_, i) => i * i),
  ),
  'categorical([1, 2, 3], [1, 1e-12, 1])': categorical([1, 2, 3], [1, 1e-12, 1]),
  'truncated(poisson(20), [15, 30])': truncated(poisson(20), { min: 15, max: 30 }),
  'mixture([poisson(3), poisson(30)])': mixture([poisson(3), poisson(30)], [0.7, 0.3]),
  'mixture([normal(0, 1), constant(3)]) (mixed)': mixture([normal(0, 1), constant(3)]),
};

/** Families with a numerical inverse (or its exact fallback): u-error within the tolerance. */
const NUMERICAL: Record<string, ContinuousDistribution> = {
  // Normal and lognormal share one numerical inverse of the standard normal (faster than AS 241).
  'normal(170, 10)': normal(170, 10),
  'normal.ci(-20, 100)': normal.ci(-20, 100),
  'lognormal(log 1000, 0.5)': lognormal(Math.log(1000), 0.5),
  'lognormal.ci(300, 600)': lognormal.ci(300, 600),
  'ci(400, 2500)': ci(400, 2500),
  'beta(0.5, 0.5)': beta(0.5, 0.5),
  'beta(8, 2)': beta(8, 2),
  'beta(2, 3)': beta(2, 3),
  'beta(1, 1)': beta(1, 1),
  'beta(1e6, 1e6)': beta(1e6, 1e6),
  'beta(0.05, 0.05) (doubles cannot resolve its ends)': beta(0.05, 0.05),
  'pert(5500, 6700, 8000)': pert(5500, 6700, 8000),
  'pert(0, 0, 10)': pert(0, 0, 10),
  'pert(0, 9, 10, lambda 40)': pert(0, 9, 10, { lambda: 40 }),
  'gamma(0.3, 1)': gamma(0.3, 1),
  'gamma(50, 2)': gamma(50, 2),
  'gamma(2, 3)': gamma(2, 3),
  'gamma(0.01) (doubles cannot resolve it)': gamma(0.01),
  'gamma(1e6)': gamma(1e6),
  'studentT(0.5)': studentT(0.5),
  'studentT(3)': studentT(3),
  'studentT(30)': studentT(30),
  'studentT(5, location 10, scale 2)': studentT(5, { location: 10, scale: 2 }),
  'truncated(normal(0, 1), [-1, 2])': truncated(normal(0, 1), { min: -1, max: 2 }),
  'truncated(normal(0, 1), [3, inf)) (mirror)': truncated(normal(0, 1), { min: 3 }),
  'truncated(gamma(2, 1), [1, 3])': truncated(gamma(2, 1), { min: 1, max: 3 }),
  'truncated(beta(0.5, 0.5), [0.1, 1])': truncated(beta(0.5, 0.5), { min: 0.1 }),
  'mixture([normal(10, 2), normal(25, 5)], [0.8, 0.2])': mixture(
    [normal(10, 2), normal(25, 5)],
    [0.8, 0.2],
  ),
  'mixture([normal(0, 1), normal(100, 1)]) (a gap)': mixture([normal(0, 1), normal(100, 1)]),
  'mixture([uniform(0, 1), uniform(2, 3)])': mixture([uniform(0, 1), uniform(2, 3)]),
  'mixture([gamma(0.3), beta(8, 2)])': mixture([gamma(0.3), beta(8, 2)]),
};

/** Uniforms at and near the ends, where tails and rounding are hardest. */
const AWKWARD = [
  0,
  Number.MIN_VALUE,
  1e-300,
  1e-100,
  1e-15,
  1e-10,
  nextDown(1e-6),
  1e-6,
  nextUp(1e-6),
  1e-4,
  0.5,
  1 - 1e-6,
  1 - 1e-10,
  1 - 1e-15,
  1 - 1e-16,
  1 - 2 ** -53,
  1,
];

/** A sorted dense grid of cell midpoints plus the awkward values. */
function grid(n: number): Float64Array {
  const us = Array.from({ length: n }, (_, i) => (i + 0.5) / n);
  return Float64Array.from([...us, ...AWKWARD].sort((a, b) => a - b));
}

/**
 * Why x is not an acceptable inverse of u for `dist`, or undefined when it is: the exact quantile, or
 * within the u-error tolerance, or nearly as near as doubles get (u between the cdfs of the doubles
 * four steps either side of x, with the tolerance).
 */
function inverseProblem(dist: ContinuousDistribution, u: number, x: number): string | undefined {
  if (x === dist.quantile(u)) return undefined;
  const slack = U_TOLERANCE + 4 * Number.EPSILON * u;
  const error = Math.abs(dist.cdf(x) - u);
  if (error <= slack) return undefined;
  // Near a pole (beta(20, 0.26) near 1, where one double spans 2e-9 in u), within a few doubles of
  // the best: the polynomial's own rounding is a double or two there.
  let below = x;
  let above = x;
  for (let step = 0; step < 4; step++) {
    below = nextDown(below);
    above = nextUp(above);
  }
  if (dist.cdf(below) - slack <= u && u <= dist.cdf(above) + slack) return undefined;
  return `u = ${u}: x = ${x}, cdf(x) - u = ${dist.cdf(x) - u}, quantile(u) = ${dist.quantile(u)}`;
}

/** Asserts min <= xs[i] <= max and, where us ascends, that xs does not descend (one expect, not n). */
function expectMonotoneInSupport(
  dist: Distribution,
  us: Float64Array,
  xs: Float64Array,
  monotone = true,
): void {
  let problem: string | undefined;
  for (let i = 0; i < xs.length && problem === undefined; i++) {
    if (!(xs[i] >= dist.min && xs[i] <= dist.max))
      problem = `u = ${us[i]}: ${xs[i]} outside support`;
    else if (monotone && i > 0 && us[i] >= us[i - 1] && !(xs[i] >= xs[i - 1])) {
      problem = `not monotone: u = ${us[i - 1]}, ${us[i]} give ${xs[i - 1]}, ${xs[i]}`;
    }
  }
  expect(problem).toBeUndefined();
}

/** The first i where out[i] is not (Object.is) quantile(us[i]), described, or undefined. */
function quantileMismatch(
  dist: Distribution,
  us: Float64Array,
  out: Float64Array,
): string | undefined {
  for (let i = 0; i < us.length; i++) {
    const q = dist.quantile(us[i]);
    if (!Object.is(out[i], q)) return `${dist}: u = ${us[i]} gives ${out[i]}, quantile ${q}`;
  }
  return undefined;
}

/** The first inverseProblem over the arrays, or undefined. */
function firstInverseProblem(
  dist: ContinuousDistribution,
  us: Float64Array,
  out: Float64Array,
): string | undefined {
  for (let i = 0; i < us.length; i++) {
    const problem = inverseProblem(dist, us[i], out[i]);
    if (problem !== undefined) return `${dist}: ${problem}`;
  }
  return undefined;
}

/** Uniforms for property tests: anywhere in [0, 1], with the ends and tails well represented. */
const uniformArbitrary = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(...AWKWARD),
  fc.double({ min: 0, max: 1e-5, noNaN: true }),
  fc.double({ min: 0, max: 1e-5, noNaN: true }).map((v) => 1 - v),
);

describe('fillFromUniforms equals quantile where the family inverts exactly', () => {
  const us = grid(4000);
  for (const [name, dist] of Object.entries(EXACT)) {
    it(`${name}: a dense grid, the ends, and in place`, () => {
      const out = dist.fillFromUniforms(us, new Float64Array(us.length));
      expect(quantileMismatch(dist, us, out)).toBeUndefined();
      expectMonotoneInSupport(dist, us, out);
      const inPlace = us.slice();
      expect(dist.fillFromUniforms(inPlace, inPlace)).toBe(inPlace);
      expect(inPlace).toEqual(out);
    });
  }

  it('for arbitrary uniforms (fast-check), every exact family', () => {
    fc.assert(
      fc.property(fc.array(uniformArbitrary, { minLength: 1, maxLength: 40 }), (values) => {
        const us = Float64Array.from(values);
        for (const dist of Object.values(EXACT)) {
          const out = dist.fillFromUniforms(us, new Float64Array(us.length));
          expect(quantileMismatch(dist, us, out)).toBeUndefined();
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('fillFromUniforms of the numerical inverses is within a u-error of 1e-12', () => {
  const us = grid(20000);
  for (const [name, dist] of Object.entries(NUMERICAL)) {
    it(`${name}: a dense grid and the ends; monotone, in support, in place`, () => {
      const out = dist.fillFromUniforms(us, new Float64Array(us.length));
      expect(firstInverseProblem(dist, us, out)).toBeUndefined();
      // Where no inverse is built the exact quantile answers, whose own monotonicity is not at stake
      // here (that of beta(0.05, 0.05) steps back by a double near 0.9037).
      expectMonotoneInSupport(dist, us, out, numericalInverseOf(dist) !== undefined);
      const inPlace = us.slice();
      dist.fillFromUniforms(inPlace, inPlace);
      expect(inPlace).toEqual(out);
    });
  }

  it('for arbitrary sorted uniforms (fast-check), every numerical family', () => {
    fc.assert(
      fc.property(fc.array(uniformArbitrary, { minLength: 1, maxLength: 30 }), (values) => {
        const us = Float64Array.from(values).sort();
        for (const dist of Object.values(NUMERICAL)) {
          const out = dist.fillFromUniforms(us, new Float64Array(us.length));
          expect(firstInverseProblem(dist, us, out)).toBeUndefined();
          expectMonotoneInSupport(dist, us, out, numericalInverseOf(dist) !== undefined);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('for arbitrary parameters (fast-check): beta, PERT, gamma and Student t', () => {
    const shape = fc.double({ min: -2, max: 3, noNaN: true }).map((e) => 10 ** e);
    const family = fc.oneof(
      fc.tuple(shape, shape).map(([a, b]) => beta(a, b)),
      fc
        .tuple(fc.double({ min: 0, max: 1, noNaN: true }), shape)
        .map(([mode, lambda]) => pert(0, mode, 1, { lambda })),
      shape.map((k) => gamma(k, 2)),
      shape.filter((df) => df >= 0.2).map((df) => studentT(df)),
    );
    fc.assert(
      fc.property(
        family,
        fc.array(uniformArbitrary, { minLength: 1, maxLength: 30 }),
        (dist, values) => {
          const us = Float64Array.from(values).sort();
          const out = dist.fillFromUniforms(us, new Float64Array(us.length));
          expect(firstInverseProblem(dist, us, out)).toBeUndefined();
          // Where no inverse is built the exact quantile answers, whose own monotonicity is not at stake.
          expectMonotoneInSupport(dist, us, out, numericalInverseOf(dist) !== undefined);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the tails beyond 1e-6 use the exact quantile', () => {
    const tails = Float64Array.of(0, 1e-300, 1e-12, 5e-7, 1 - 5e-7, 1 - 1e-12, 1);
    for (const dist of [beta(8, 2), gamma(0.3), studentT(3), pert(5500, 6700, 8000)]) {
      const out = dist.fillFromUniforms(tails, new Float64Array(tails.length));
      expect(quantileMismatch(dist, tails, out)).toBeUndefined();
    }
  });

  it('builds small inverses for ordinary parameters, and none for a cdf that decreases', () => {
    for (const dist of [beta(8, 2), pert(5500, 6700, 8000), gamma(0.3), studentT(30)]) {
      const inverse = numericalInverseOf(dist);
      expect(inverse, String(dist)).toBeDefined();
      expect(inverse?.intervals).toBeLessThanOrEqual(2048);
    }
    // A cdf that steps back (here by 1e-6 at 0.5) cannot be inverted: the exact quantile serves every
    // uniform.
    const cauchy = cauchyDouble();
    const broken = Object.freeze({
      ...cauchy,
      cdf: (x: number): number => cauchy.cdf(x) - (x > 0.5 ? 1e-6 : 0),
    }) as ContinuousDistribution;
    expect(numericalInverseOf(broken)).toBeUndefined();
    const us = grid(100);
    const out = new Float64Array(us.length);
    invertNumerically(broken, us, out);
    expect(quantileMismatch(broken, us, out)).toBeUndefined();
  });

  it('is deterministic: equal distributions built apart give identical draws', () => {
    const us = grid(1000);
    const a = beta(8, 2).fillFromUniforms(us, new Float64Array(us.length));
    const b = beta(8, 2).fillFromUniforms(us, new Float64Array(us.length));
    expect(b).toEqual(a);
  });
});

describe('fillFromUniforms: empirical gives data values (the inverse of its step cdf)', () => {
  const data = [320, 410, 410, 550, 600];
  const dist = empirical(data);

  it('is the smallest datum whose cdf reaches u', () => {
    const us = Float64Array.of(0, 1e-300, 0.2, nextUp(0.2), 0.5, 0.6, nextUp(0.6), 0.8, 0.99, 1);
    const out = dist.fillFromUniforms(us, new Float64Array(us.length));
    expect(Array.from(out)).toEqual([320, 320, 320, 410, 410, 410, 550, 550, 600, 600]);
  });

  it('for arbitrary data and uniforms: a datum x with cdf(x) >= u > cdf(x-)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 30 }),
        fc.array(uniformArbitrary, { minLength: 1, maxLength: 20 }),
        (values, uniforms) => {
          const d = empirical(values);
          const us = Float64Array.from(uniforms);
          const out = d.fillFromUniforms(us, new Float64Array(us.length));
          for (let i = 0; i < us.length; i++) {
            expect(values).toContain(out[i]);
            expect(d.cdf(out[i])).toBeGreaterThanOrEqual(us[i]);
            if (us[i] > 0) expect(d.cdf(out[i] - 0.5)).toBeLessThan(us[i]);
          }
        },
      ),
    );
  });
});

describe('fillFromUniforms of i.i.d. uniforms is a sample of the distribution', () => {
  const n = 20_000;
  function uniforms(seed: string): Float64Array {
    return createRng(`fillFromUniforms ${seed}`).fillFloat64(new Float64Array(n));
  }

  for (const [name, dist] of Object.entries({ ...NUMERICAL, ...EXACT })) {
    if (dist.kind !== 'continuous' || name.includes('cannot')) continue;
    it(`${name}: Kolmogorov–Smirnov`, () => {
      expectKs(dist.fillFromUniforms(uniforms(name), new Float64Array(n)), (x) => dist.cdf(x));
    });
  }

  it('discrete families: chi-square', () => {
    expectChiSquare(
      poisson(4.5).fillFromUniforms(uniforms('p'), new Float64Array(n)),
      poisson(4.5),
      0,
      15,
    );
    const b = binomial(40, 0.85);
    expectChiSquare(b.fillFromUniforms(uniforms('b'), new Float64Array(n)), b, 25, 40);
    const nb = negativeBinomial(3.5, 0.2);
    expectChiSquare(nb.fillFromUniforms(uniforms('nb'), new Float64Array(n)), nb, 0, 50);
  });
});

describe('fillFromUniforms leaves sampling alone', () => {
  it('fill draws the same before and after an inversion', () => {
    for (const dist of [beta(8, 2), poisson(4.5), categorical([1, 2], [1, 3]), normal(0, 1)]) {
      const before = dist.sample(100, createRng('same'));
      dist.fillFromUniforms(grid(100), new Float64Array(100 + AWKWARD.length));
      expect(dist.sample(100, createRng('same'))).toEqual(before);
    }
  });
});

describe('fillFromUniforms: overlapping buffers', () => {
  it('reads every uniform before writing when out overlaps uniforms shifted', () => {
    for (const dist of [beta(8, 2), normal(0, 1), poisson(4.5)]) {
      const us = grid(200);
      const expected = dist.fillFromUniforms(us, new Float64Array(us.length));
      const buffer = new Float64Array(us.length + 1);
      buffer.set(us, 0);
      const out = buffer.subarray(1);
      dist.fillFromUniforms(buffer.subarray(0, us.length), out);
      expect(out).toEqual(expected);
      buffer.set(us, 1);
      const back = buffer.subarray(0, us.length);
      dist.fillFromUniforms(buffer.subarray(1), back);
      expect(back).toEqual(expected);
    }
  });
});

describe('fillFromUniforms: argument errors', () => {
  const dist = beta(2, 3);
  it('refuses non-Float64Array arguments', () => {
    expectSalvoError(
      () => dist.fillFromUniforms([0.5] as unknown as Float64Array, new Float64Array(1)),
      {
        parameter: 'uniforms',
      },
    );
    expectSalvoError(
      () => dist.fillFromUniforms(new Float64Array(1), new Float32Array(1) as never),
      {
        parameter: 'out',
      },
    );
  });

  it('refuses lengths that differ', () => {
    expectSalvoError(() => dist.fillFromUniforms(new Float64Array(3), new Float64Array(2)), {
      code: 'LENGTH_MISMATCH',
      parameter: 'out',
    });
  });

  it('refuses uniforms outside [0, 1] or NaN, naming the element, before writing anything', () => {
    for (const bad of [-1e-300, 1 + Number.EPSILON, Number.NaN, Number.POSITIVE_INFINITY]) {
      const out = new Float64Array(3).fill(7);
      expectSalvoError(() => dist.fillFromUniforms(Float64Array.of(0.5, 0.5, bad), out), {
        parameter: 'uniforms[2]',
      });
      expect(Array.from(out)).toEqual([7, 7, 7]);
    }
    expectSalvoError(() => poisson(3).fillFromUniforms(Float64Array.of(2), new Float64Array(1)), {
      parameter: 'uniforms[0]',
      messageIncludes: 'poisson.fillFromUniforms',
    });
  });

  it('accepts empty arrays', () => {
    const empty = new Float64Array(0);
    expect(dist.fillFromUniforms(empty, empty)).toBe(empty);
  });
});

/** A standard Cauchy written as a user might before fillFromUniforms existed: no such method. */
function cauchyDouble(): ContinuousDistribution {
  const quantile = (p: number): number =>
    p === 0 ? -Infinity : p === 1 ? Infinity : Math.tan(Math.PI * (p - 0.5));
  return Object.freeze({
    family: 'testCauchy',
    kind: 'continuous' as const,
    params: {},
    mean: Number.NaN,
    variance: Number.NaN,
    min: Number.NEGATIVE_INFINITY,
    max: Number.POSITIVE_INFINITY,
    fill(out: Float64Array, rng: Rng): Float64Array {
      for (let i = 0; i < out.length; i++) out[i] = quantile(rng.nextFloat64());
      return out;
    },
    sample(n: number, rng: Rng): Float64Array {
      return this.fill(new Float64Array(n), rng);
    },
    cdf: (x: number): number => 0.5 + Math.atan(x) / Math.PI,
    quantile,
    pdf: (x: number): number => 1 / (Math.PI * (1 + x * x)),
    toString: (): string => 'testCauchy()',
  }) as ContinuousDistribution;
}

describe('fillByInversion and objects without fillFromUniforms', () => {
  const us = grid(500);

  it('calls quantile per element for an object without the method, after the same checks', () => {
    const cauchy = cauchyDouble();
    const out = fillByInversion(cauchy, us, new Float64Array(us.length));
    expect(quantileMismatch(cauchy, us, out)).toBeUndefined();
    expectSalvoError(() => fillByInversion(cauchy, Float64Array.of(2), new Float64Array(1)), {
      parameter: 'uniforms[0]',
      messageIncludes: 'testCauchy.fillFromUniforms',
    });
  });

  it('uses the method when present', () => {
    const dist = beta(8, 2);
    expect(fillByInversion(dist, us, new Float64Array(us.length))).toEqual(
      dist.fillFromUniforms(us, new Float64Array(us.length)),
    );
  });

  it('mixtures and truncations accept such components and invert through them', () => {
    const cauchy = cauchyDouble();
    const alone = mixture([cauchy]);
    expect(alone.fillFromUniforms(us, new Float64Array(us.length))).toEqual(
      fillByInversion(cauchy, us, new Float64Array(us.length)),
    );
    const mixed = mixture([cauchy, normal(0, 1)]) as ContinuousDistribution;
    const out = mixed.fillFromUniforms(us, new Float64Array(us.length));
    expect(firstInverseProblem(mixed, us, out)).toBeUndefined();
    const window = truncated(cauchy, { min: -5, max: 20 }) as ContinuousDistribution;
    const inWindow = window.fillFromUniforms(us, new Float64Array(us.length));
    expect(firstInverseProblem(window, us, inWindow)).toBeUndefined();
  });
});
