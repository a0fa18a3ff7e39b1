import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveBetaShapes } from '../../src/analysis/fit/beta.js';
import { solveGammaShape } from '../../src/analysis/fit/gamma.js';
import {
  type ChiSquareTest,
  type FitResult,
  fit,
  type KolmogorovSmirnovTest,
} from '../../src/analysis/fit/index.js';
import { ksStatistic } from '../../src/analysis/fit/kolmogorovSmirnov.js';
import { beta } from '../../src/distributions/beta.js';
import { gamma } from '../../src/distributions/gamma.js';
import { lognormal } from '../../src/distributions/lognormal.js';
import { normal } from '../../src/distributions/normal.js';
import { poisson } from '../../src/distributions/poisson.js';
import type { Distribution } from '../../src/distributions/types.js';
import { createRng } from '../../src/rng/index.js';
import { mean as sampleMean, sd as sampleSd } from '../../src/samples/moments.js';
import {
  digamma,
  logMinusDigamma,
  trigamma,
  trigammaMinusReciprocal,
} from '../../src/special/digamma.js';
import { kolmogorovSurvival } from '../../src/special/kolmogorov.js';
import reference from '../fixtures/fit-reference.json' with { type: 'json' };
import { expectSalvoError } from '../helpers/errors.js';
import { close } from '../helpers/reference.js';
import { MIN_P_VALUE, Z } from '../helpers/stats.js';

const EPSILON = Number.EPSILON;

type Family = 'normal' | 'lognormal' | 'gamma' | 'beta' | 'poisson';
type AnyFit = FitResult<
  Record<string, number>,
  Distribution & { pdf?(x: number): number; pmf?(x: number): number },
  KolmogorovSmirnovTest | ChiSquareTest
>;
const fitters = fit as unknown as Record<Family, (data: Float64Array | number[]) => AnyFit>;

interface Dataset {
  name: string;
  family: Family;
  n: number;
  data: number[];
  /** scipy's own fit, in salvo's parameter names. */
  scipy: Record<string, number>;
  /** Largest relative distance of scipy's fit from the 50-digit optimum. */
  scipyRelativeError: number;
  /** The optimum solved with mpmath at 50 digits, and the log-likelihood there. */
  mle: { params: Record<string, number>; logLikelihood: number };
  ks?: { statistic: number; pValue: number };
  chiSquare?: {
    cells: { from: number; to: number | string; observed: number; expected: number }[];
    statistic: number;
    dof: number;
    pValue: number;
  };
}
const datasets = reference.datasets as unknown as Dataset[];

/**
 * How far scipy's fit can be from the optimum: its solver's tolerance, plus the rounding of the sums
 * it starts from (a few ε each) amplified by the problem's condition number.
 * - normal, lognormal, poisson: closed forms, a few units in the last place (numpy sums pairwise,
 *   salvo with compensation).
 * - gamma: brentq stops within xtol = 2e-12 (absolute) of the shape a; and scipy forms
 *   s = log x̄ − mean(log x) by subtraction, an absolute error of about ε (1 + |log x̄|), which moves a by
 *   that much relative to s (a ≈ 1 / (2s) for large a).
 * - beta: fsolve stops within xtol = 1.49e-8 (relative); and scipy solves from the plain means
 *   l1 = mean(log x), l2 = mean(log(1 − x)), whose rounding ε |l| moves t = α + β by a relative
 *   2 ε t (|l1| m / (1 − m) + |l2| (1 − m) / m), m the mean (from ∂l1/∂t ≈ (1 − m) / (2 m t²)).
 * The factor 16 stands for "a few roundings" in each sum.
 */
function scipyTolerance(d: Dataset, params: Record<string, number>): number {
  if (d.family === 'gamma') {
    const a = params.shape;
    const s = logMinusDigamma(a);
    return 2e-12 / a + (16 * EPSILON * (1 + Math.abs(Math.log(a * params.scale)))) / s;
  }
  if (d.family === 'beta') {
    const t = params.alpha + params.beta;
    const m = params.alpha / t;
    const l1 = d.data.reduce((sum, x) => sum + Math.log(x), 0) / d.n;
    const l2 = d.data.reduce((sum, x) => sum + Math.log1p(-x), 0) / d.n;
    const conditioning = 2 * t * ((Math.abs(l1) * m) / (1 - m) + (Math.abs(l2) * (1 - m)) / m);
    return 1.49e-8 + 16 * EPSILON * conditioning;
  }
  return 16 * EPSILON;
}

describe('digamma and trigamma (src/special/digamma.ts)', () => {
  const table = reference.special as unknown as Record<string, [number, number][]>;

  it('match mpmath (50 digits) to a few units of rounding', () => {
    // ψ has a zero at 1.4616…, where only absolute accuracy is possible: 1e-15 absolute allowed.
    for (const [x, want] of table.digamma) {
      expect(
        close(digamma(x), want, 4e-15, 1e-15),
        `digamma(${x}) = ${digamma(x)} vs ${want}`,
      ).toBe(true);
    }
    for (const [x, want] of table.trigamma) {
      expect(close(trigamma(x), want, 2e-15), `trigamma(${x})`).toBe(true);
    }
    // The differences are sums of positive terms, so they keep full relative accuracy for every x
    // (measured: at most 2.1e-16; 1e-15 allows a few more roundings).
    for (const [x, want] of table.logMinusDigamma) {
      expect(close(logMinusDigamma(x), want, 1e-15), `logMinusDigamma(${x})`).toBe(true);
    }
    for (const [x, want] of table.trigammaMinusReciprocal) {
      expect(close(trigammaMinusReciprocal(x), want, 1e-15), `trigammaMinusReciprocal(${x})`).toBe(
        true,
      );
    }
  });

  it('have their poles, limits and NaN', () => {
    expect(digamma(0)).toBeNaN();
    expect(digamma(-3)).toBeNaN();
    expect(digamma(Number.NaN)).toBeNaN();
    expect(digamma(-Infinity)).toBeNaN();
    expect(digamma(Infinity)).toBe(Infinity);
    expect(trigamma(0)).toBe(Infinity);
    expect(trigamma(-3)).toBe(Infinity);
    expect(trigamma(Infinity)).toBe(0);
    expect(trigamma(Number.NaN)).toBeNaN();
  });
});

describe('kolmogorovSurvival', () => {
  it("matches scipy's kstwobign.sf on both sides of its series switch at 0.82", () => {
    for (const [x, want] of reference.kolmogorovSurvival as unknown as [number, number][]) {
      expect(close(kolmogorovSurvival(x), want, 1e-13, 1e-17), `Q(${x})`).toBe(true);
    }
    expect(kolmogorovSurvival(0)).toBe(1);
    expect(kolmogorovSurvival(-1)).toBe(1);
    expect(kolmogorovSurvival(Number.NaN)).toBeNaN();
  });
});

describe('fit.*: known answers from scipy and from the 50-digit optimum (tests/fixtures/fit-reference.json)', () => {
  it('covers every family, including concentrated data', () => {
    const families = new Set(datasets.map((d) => d.family));
    expect([...families].sort()).toEqual(['beta', 'gamma', 'lognormal', 'normal', 'poisson']);
    expect(datasets.length).toBe(20);
  });

  for (const d of datasets) {
    it(`${d.family}: ${d.name}`, () => {
      const r = fitters[d.family](Float64Array.from(d.data));
      expect(r.n).toBe(d.n);
      expect(Object.keys(r.params).sort()).toEqual(Object.keys(d.mle.params).sort());

      // The optimum: the data enter through compensated sums (about 1 unit in the last place), the
      // digamma differences are good to 2e-16 relative, and each solver stops at the rounding floor
      // of its equation (a few units); the centred sums keep the problem well conditioned even for
      // the concentrated datasets. So the estimates should match the exact optimum of the same
      // doubles to some 10-30 units in the last place, 2e-15 to 7e-15: 1e-14 (measured: at most
      // 4e-16). The log-likelihood is a sum of terms up to n times larger than itself in magnitude
      // (measured: at most 5.4e-15): 1e-13.
      for (const [key, want] of Object.entries(d.mle.params)) {
        expect(close(r.params[key], want, 1e-14), `${key} = ${r.params[key]} vs ${want}`).toBe(
          true,
        );
      }
      expect(
        close(r.logLikelihood, d.mle.logLikelihood, 1e-13),
        `logLikelihood ${r.logLikelihood} vs ${d.mle.logLikelihood}`,
      ).toBe(true);
      expect(r.parameterCount).toBe(d.family === 'poisson' ? 1 : 2);
      expect(r.aic).toBe(2 * r.parameterCount - 2 * r.logLikelihood);
      expect(r.distribution.params).toEqual(r.params);

      // scipy's fit, within what scipy guarantees (scipyTolerance). The fixture also records how far
      // scipy actually is from the optimum; on the concentrated datasets (values ± a few 1e-5) that is
      // 1e-6 to 3e-5, where salvo's centred sums keep the optimum to 1e-14.
      const tolerance = scipyTolerance(d, r.params);
      expect(d.scipyRelativeError, 'scipy within its own guarantee').toBeLessThanOrEqual(tolerance);
      for (const [key, want] of Object.entries(d.scipy)) {
        expect(close(r.params[key], want, tolerance + 1e-13), `${key} vs scipy ${want}`).toBe(true);
      }

      if (d.ks) {
        const ks = r.goodnessOfFit as KolmogorovSmirnovTest;
        expect(ks.test).toBe('kolmogorov-smirnov');
        // A CDF value at x cannot be pinned down more closely than F'(x) times the rounding of x (both
        // libraries first form (x − loc) / scale, log x or x / scale), nor the parameters more
        // closely than a few units in the last place: |ΔD| <= 16 ε max |x| pdf(x).
        let conditioning = 0;
        for (const x of d.data) {
          conditioning = Math.max(conditioning, Math.abs(x) * r.distribution.pdf!(x));
        }
        const tolD = 1e-14 + 16 * EPSILON * conditioning;
        expect(
          Math.abs(ks.statistic - d.ks.statistic),
          `D ${ks.statistic} vs ${d.ks.statistic}`,
        ).toBeLessThanOrEqual(tolD);
        // The p-value is Q(√n D) with |Q′| < 2.
        expect(ks.pValue).toBe(kolmogorovSurvival(Math.sqrt(d.n) * ks.statistic));
        expect(
          Math.abs(ks.pValue - d.ks.pValue),
          `p ${ks.pValue} vs ${d.ks.pValue}`,
        ).toBeLessThanOrEqual(1e-14 + 2 * Math.sqrt(d.n) * tolD);
      }

      if (d.chiSquare) {
        const chi = r.goodnessOfFit as ChiSquareTest;
        const want = d.chiSquare;
        expect(chi.test).toBe('chi-square');
        expect(chi.cells.map((c) => [c.from, c.to, c.observed])).toEqual(
          want.cells.map((c) => [c.from, Number(c.to), c.observed]),
        );
        // Cells of single counts: scipy's poisson.pmf is exp(k log λ − λ − log k!), whose exponent
        // carries an absolute rounding error of about ε k log λ ≈ ε λ log λ, and the expected counts
        // can differ by that. Equal-probability cells (λ = 1e13): n times a difference of two CDF
        // values, each within about 1e-13 (salvo's incomplete gamma; scipy's likewise), for a cell
        // holding 1/c of the probability: 2e-13 c relative.
        const lambda = r.params.lambda;
        const rho = d.name.includes('equal-probability')
          ? 2e-13 * chi.cells.length
          : 4 * EPSILON * (1 + lambda * (1 + Math.abs(Math.log(lambda))));
        chi.cells.forEach((c, i) => {
          expect(close(c.expected, want.cells[i].expected, rho), `expected in cell ${i}`).toBe(
            true,
          );
        });
        // Σ (o − e)² / e moves by at most ρ (Σ o²/e + Σ e) = ρ (statistic + 2n); the chi-square
        // density is below ½ for dof >= 2 (all the fixtures), so the p-value by at most half that.
        const tolStatistic = rho * (want.statistic + 2 * d.n);
        expect(chi.dof).toBe(want.dof);
        expect(Math.abs(chi.statistic - want.statistic)).toBeLessThanOrEqual(tolStatistic);
        expect(Math.abs(chi.pValue - want.pValue)).toBeLessThanOrEqual(1e-15 + tolStatistic / 2);
      }
    });
  }

  it('gives the same result for a number[] and a Float64Array, and modifies neither', () => {
    for (const d of datasets) {
      const typed = Float64Array.from(d.data);
      const plain = [...d.data];
      const a = fitters[d.family](typed);
      const b = fitters[d.family](plain);
      expect(b.params).toEqual(a.params);
      expect(b.logLikelihood).toBe(a.logLikelihood);
      expect(b.goodnessOfFit).toEqual(a.goodnessOfFit);
      expect(typed).toEqual(Float64Array.from(d.data));
      expect(plain).toEqual(d.data);
    }
  });

  it('returns frozen results', () => {
    const r = fit.gamma([1, 2, 3.5]);
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.isFrozen(r.params)).toBe(true);
    expect(Object.isFrozen(r.goodnessOfFit)).toBe(true);
    expect(Object.isFrozen(r.distribution)).toBe(true);
    const p = fit.poisson([0, 1, 2, 3, 1, 2]).goodnessOfFit;
    expect(Object.isFrozen(p.cells)).toBe(true);
    expect(Object.isFrozen(p.cells[0])).toBe(true);
    expect(Object.isFrozen(fit)).toBe(true);
  });
});

describe('fit.*: the documented examples', () => {
  it('give the values their doc comments show', () => {
    const repairDays = [2.3, 0.9, 4.1, 1.7, 3.0, 2.2, 5.6, 1.1];
    const g = fit.gamma(repairDays);
    expect(g.params).toEqual({ shape: 3.214806761663952, scale: 0.8126460449049807 });
    expect(g.aic).toBe(30.933846846788718);
    expect(fit.normal(repairDays).aic).toBe(33.01465169857511);
    expect(fit.lognormal(repairDays).aic).toBe(30.773763361414506);
    const n = fit.normal([9.8, 10.4, 10.1, 9.6, 10.2]);
    expect(n.params).toEqual({ mean: 10.02, sd: 0.285657137141714 });
    expect(n.logLikelihood).toBe(-0.8298776234931733);
    expect(fit.beta([0.12, 0.31, 0.25, 0.08, 0.4, 0.19, 0.22]).params).toEqual({
      alpha: 3.5127208781718218,
      beta: 12.178033094197518,
    });
    const counts = [0, 1, 1, 2, 2, 2, 3, 3, 4, 1, 2, 0, 5, 2, 1, 3, 2, 1, 2, 6];
    const p = fit.poisson(counts);
    expect(p.params.lambda).toBe(2.15);
    expect(p.logLikelihood).toBe(-34.856988244742304);
    expect(p.goodnessOfFit.cells[0]).toEqual({
      from: 0,
      to: 1,
      observed: 7,
      expected: 7.338501939730304,
    });
    expect([p.goodnessOfFit.statistic, p.goodnessOfFit.dof, p.goodnessOfFit.pValue]).toEqual([
      0.7244220020957857, 1, 0.3946972318215528,
    ]);
    const ks = fit.normal([4.1, 5.3, 3.8, 6.0, 5.1, 4.6]).goodnessOfFit;
    expect([ks.statistic, ks.pValue]).toEqual([0.16609480909238802, 0.9964293466695278]);
    expect(fit.gamma(gamma(2, 3).sample(100_000, createRng(7))).params).toEqual({
      shape: 2.0019620656186783,
      scale: 2.9987392068779712,
    });
  });
});

describe('ksStatistic (branch and bound over the order statistics)', () => {
  /** The plain O(n) statistic, as scipy computes it. */
  function bruteForce(sorted: Float64Array, cdf: (x: number) => number): number {
    const n = sorted.length;
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = cdf(sorted[i]);
      d = Math.max(d, (i + 1) / n - f, f - i / n);
    }
    return d;
  }

  it('equals the plain statistic exactly on every fixture dataset', () => {
    for (const d of datasets.filter((x) => x.ks)) {
      const r = fitters[d.family](d.data);
      const sorted = Float64Array.from(d.data).sort();
      const cdf = (x: number) => r.distribution.cdf(x);
      expect(ksStatistic(sorted, cdf), d.name).toBe(bruteForce(sorted, cdf));
      expect((r.goodnessOfFit as KolmogorovSmirnovTest).statistic).toBe(bruteForce(sorted, cdf));
    }
  });

  it('equals the plain statistic on 200,000 gamma and beta values with under 5% of the CDF evaluations', () => {
    const n = 200_000;
    for (const [dist, seed] of [
      [gamma(2.5, 3), 'ks-gamma'],
      [beta(0.5, 2), 'ks-beta'],
    ] as const) {
      const sorted = dist.sample(n, createRng(seed)).sort();
      const fitted = dist.family === 'gamma' ? fit.gamma(sorted) : fit.beta(sorted);
      let calls = 0;
      const cdf = (x: number) => {
        calls++;
        return fitted.distribution.cdf(x);
      };
      const d = ksStatistic(sorted, cdf);
      expect(calls, `${dist}: ${calls} CDF evaluations`).toBeLessThan(n / 20);
      expect(d).toBe(bruteForce(sorted, (x) => fitted.distribution.cdf(x)));
    }
  });

  it('equals the plain statistic for arbitrary data and a misfitting CDF (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 700 }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: 0.1, max: 30, noNaN: true }),
        (values, mu, sigma) => {
          const sorted = Float64Array.from(values).sort();
          const cdf = (x: number) => normal(mu, sigma).cdf(x);
          expect(ksStatistic(sorted, cdf)).toBe(bruteForce(sorted, cdf));
        },
      ),
    );
  });
});

describe('fit.*: recovery of known parameters from large seeded samples', () => {
  // Each estimate must lie within Z = 5 asymptotic standard errors of the truth, the standard errors
  // being the square roots of the diagonal of the inverse Fisher information divided by n. The MLE's
  // bias is O(1/n), a factor √n below the standard error. The goodness-of-fit p-value of a sample
  // against its own fit must exceed MIN_P_VALUE (these p-values are optimistic, so this is lenient).
  const n = 100_000;

  function expectWithin(got: number, truth: number, se: number, what: string) {
    expect(Math.abs(got - truth), `${what} = ${got} vs ${truth} (SE ${se})`).toBeLessThanOrEqual(
      Z * se,
    );
  }

  it('normal and lognormal: SE(mean) = sd / √n, SE(sd) = sd / √(2n)', () => {
    for (const [mean, sd] of [
      [5, 2],
      [-1e4, 0.3],
    ]) {
      const r = fit.normal(normal(mean, sd).sample(n, createRng(`recover-normal-${mean}`)));
      expectWithin(r.params.mean, mean, sd / Math.sqrt(n), 'mean');
      expectWithin(r.params.sd, sd, sd / Math.sqrt(2 * n), 'sd');
      expect(r.goodnessOfFit.pValue).toBeGreaterThan(MIN_P_VALUE);
    }
    for (const [mu, sigma] of [
      [1, 0.5],
      [-3, 2],
    ]) {
      const r = fit.lognormal(lognormal(mu, sigma).sample(n, createRng(`recover-lognormal-${mu}`)));
      expectWithin(r.params.mu, mu, sigma / Math.sqrt(n), 'mu');
      expectWithin(r.params.sigma, sigma, sigma / Math.sqrt(2 * n), 'sigma');
      expect(r.goodnessOfFit.pValue).toBeGreaterThan(MIN_P_VALUE);
    }
  });

  it('gamma: Var(k) = k / (n (k ψ′(k) − 1)), Var(θ) = θ² ψ′(k) / (n (k ψ′(k) − 1))', () => {
    for (const [shape, scale] of [
      [0.3, 2],
      [2.5, 3],
      [50, 0.1],
    ]) {
      const draws = gamma(shape, scale).sample(n, createRng(`recover-gamma-${shape}`));
      const r = fit.gamma(draws);
      const denominator = n * (shape * trigamma(shape) - 1);
      expectWithin(r.params.shape, shape, Math.sqrt(shape / denominator), 'shape');
      expectWithin(
        r.params.scale,
        scale,
        Math.sqrt((scale * scale * trigamma(shape)) / denominator),
        'scale',
      );
      expect(r.goodnessOfFit.pValue).toBeGreaterThan(MIN_P_VALUE);
      // The second likelihood equation: k θ is the sample mean.
      expect(close(r.params.shape * r.params.scale, sampleMean(draws), 4 * EPSILON)).toBe(true);
    }
  });

  it('beta: the inverse of [[ψ′(α) − ψ′(t), −ψ′(t)], [−ψ′(t), ψ′(β) − ψ′(t)]] / n, t = α + β', () => {
    for (const [a, b] of [
      [0.5, 0.5],
      [2, 5],
      [50, 70],
      [0.2, 3],
    ]) {
      const r = fit.beta(beta(a, b).sample(n, createRng(`recover-beta-${a}-${b}`)));
      const tt = trigamma(a + b);
      const ia = trigamma(a) - tt;
      const ib = trigamma(b) - tt;
      const det = ia * ib - tt * tt;
      expectWithin(r.params.alpha, a, Math.sqrt(ib / (n * det)), 'alpha');
      expectWithin(r.params.beta, b, Math.sqrt(ia / (n * det)), 'beta');
      expect(r.goodnessOfFit.pValue).toBeGreaterThan(MIN_P_VALUE);
    }
  });

  it('poisson: SE(λ) = √(λ / n), with a chi-square test that does not reject', () => {
    for (const lambda of [0.7, 4.5, 1000, 1e6]) {
      const r = fit.poisson(poisson(lambda).sample(n, createRng(`recover-poisson-${lambda}`)));
      expectWithin(r.params.lambda, lambda, Math.sqrt(lambda / n), 'lambda');
      expect(r.goodnessOfFit.dof).toBeGreaterThan(0);
      expect(r.goodnessOfFit.pValue).toBeGreaterThan(MIN_P_VALUE);
    }
  });

  it('KS p-values with estimated parameters are optimistic (the Lilliefors effect the docs warn of)', () => {
    // Under a fixed, true null the p-value is uniform (mean ½, SE 1 / √(12 m)); fitted to the same
    // data it is pushed towards 1.
    const m = 300;
    const rng = createRng('lilliefors');
    const d = normal(0, 1);
    let sum = 0;
    for (let i = 0; i < m; i++) sum += fit.normal(d.sample(50, rng)).goodnessOfFit.pValue;
    expect(sum / m).toBeGreaterThan(0.5 + Z / Math.sqrt(12 * m));
  });
});

describe('fit.*: properties', () => {
  const spreadOut = (xs: number[], least: number) => Math.max(...xs) - Math.min(...xs) > least;

  it('normal: fit(a + b x) = (a + b mean, |b| sd), with log L shifted by −n log |b|', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 60 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-2, max: 1e2, noNaN: true }),
        fc.boolean(),
        (xs, a, scale, flip) => {
          fc.pre(sampleSd(xs) > 1e-3);
          const b = flip ? -scale : scale;
          const x = fit.normal(xs);
          const y = fit.normal(xs.map((v) => a + b * v));
          // Each a + b x carries a rounding of ε (|a| + |b| max|x|); the moments add a few ε more.
          const maxAbs = Math.max(...xs.map(Math.abs));
          const tol = 16 * EPSILON * (Math.abs(a) + scale * maxAbs + scale * x.params.sd);
          expect(Math.abs(y.params.mean - (a + b * x.params.mean))).toBeLessThanOrEqual(tol);
          expect(Math.abs(y.params.sd - scale * x.params.sd)).toBeLessThanOrEqual(tol);
          const n = xs.length;
          expect(
            Math.abs(y.logLikelihood - (x.logLikelihood - n * Math.log(scale))),
          ).toBeLessThanOrEqual((n * tol) / y.params.sd + 1e-12 * Math.abs(x.logLikelihood));
        },
      ),
    );
  });

  it('normal and gamma: scaling by a power of two scales the fit exactly (same shape, same D)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 60 }),
        fc.integer({ min: -40, max: 40 }),
        (xs, k) => {
          fc.pre(spreadOut(xs, 1e-9));
          const c = 2 ** k;
          const scaled = xs.map((v) => v * c);
          const g = fit.gamma(xs);
          const gc = fit.gamma(scaled);
          expect(gc.params.shape).toBe(g.params.shape);
          expect(gc.params.scale).toBe(g.params.scale * c);
          expect(gc.goodnessOfFit.statistic).toBe(g.goodnessOfFit.statistic);
          const f = fit.normal(xs);
          const fcScaled = fit.normal(scaled);
          expect(fcScaled.params.mean).toBe(f.params.mean * c);
          expect(fcScaled.params.sd).toBe(f.params.sd * c);
          expect(fcScaled.goodnessOfFit.statistic).toBe(f.goodnessOfFit.statistic);
        },
      ),
    );
  });

  it('gamma and lognormal: scaling by any c > 0 multiplies the scale by c and shifts mu by log c', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-2, max: 1e2, noNaN: true }), { minLength: 2, maxLength: 60 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (xs, c) => {
          // At least a 10% spread: the shape is then at most of order 1e3, and rounding c x (ε
          // relative per value) moves log(mean) − mean(log x) by a few ε, the shape by a few ε times
          // the shape's condition number (below 1e3 here): 1e-10 is a bound with room.
          fc.pre(Math.max(...xs) > 1.1 * Math.min(...xs));
          const scaled = xs.map((v) => v * c);
          const g = fit.gamma(xs);
          const gc = fit.gamma(scaled);
          expect(close(gc.params.shape, g.params.shape, 1e-10)).toBe(true);
          expect(close(gc.params.scale, g.params.scale * c, 1e-10)).toBe(true);
          const l = fit.lognormal(xs);
          const lc = fit.lognormal(scaled);
          expect(Math.abs(lc.params.mu - (l.params.mu + Math.log(c)))).toBeLessThanOrEqual(1e-13);
          expect(close(lc.params.sigma, l.params.sigma, 1e-11)).toBe(true);
        },
      ),
    );
  });

  it('beta: fitting 1 − x swaps alpha and beta', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { minLength: 2, maxLength: 60 }),
        (xs) => {
          // 1 − x is rounded (by at most ε/2 absolute): with a spread of at least 0.05 the shapes
          // are below about 1e3 and move by far less than 1e-9 relative (measured: below 1e-13).
          fc.pre(spreadOut(xs, 0.05));
          const f = fit.beta(xs);
          const g = fit.beta(xs.map((v) => 1 - v));
          expect(close(g.params.alpha, f.params.beta, 1e-9)).toBe(true);
          expect(close(g.params.beta, f.params.alpha, 1e-9)).toBe(true);
        },
      ),
    );
  });

  it('every continuous fit maximises the likelihood it reports', () => {
    const logLikelihood = (dist: AnyFit['distribution'], xs: number[]) =>
      xs.reduce((s, x) => s + Math.log(dist.pdf!(x)), 0);
    const cases = [
      {
        family: 'normal' as const,
        values: fc.double({ min: -100, max: 100, noNaN: true }),
        make: (p: Record<string, number>) => normal(p.mean, p.sd),
      },
      {
        family: 'lognormal' as const,
        values: fc.double({ min: 0.01, max: 100, noNaN: true }),
        make: (p: Record<string, number>) => lognormal(p.mu, p.sigma),
      },
      {
        family: 'gamma' as const,
        values: fc.double({ min: 0.01, max: 100, noNaN: true }),
        make: (p: Record<string, number>) => gamma(p.shape, p.scale),
      },
      {
        family: 'beta' as const,
        values: fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        make: (p: Record<string, number>) => beta(p.alpha, p.beta),
      },
    ];
    for (const { family, values, make } of cases) {
      fc.assert(
        fc.property(fc.array(values, { minLength: 2, maxLength: 40 }), (xs) => {
          fc.pre(spreadOut(xs, 1e-3));
          const r = fitters[family](xs);
          const best = logLikelihood(r.distribution, xs);
          // The reported value is the same sum, up to ε per term of the sum of |log pdf|.
          const size = xs.reduce((s, x) => s + Math.abs(Math.log(r.distribution.pdf!(x))), 0);
          expect(Math.abs(r.logLikelihood - best)).toBeLessThanOrEqual(1e-12 * (size + xs.length));
          // Moving any parameter lowers it, by a second-order amount far above rounding: a scale or
          // shape by 0.1%, a location (mean, mu) by 0.1% of the spread (sd, sigma).
          for (const key of Object.keys(r.params)) {
            for (const sign of [-1, 1]) {
              const p = { ...r.params };
              if (key === 'mean') p.mean += sign * 1e-3 * p.sd;
              else if (key === 'mu') p.mu += sign * 1e-3 * p.sigma;
              else p[key] *= 1 + sign * 1e-3;
              expect(logLikelihood(make(p), xs), `${family}.${key} moved ${sign}`).toBeLessThan(
                best,
              );
            }
          }
        }),
        { numRuns: 60 },
      );
    }
  });

  it('poisson: lambda is the mean; cells cover 0..∞, hold every count, and expect at least 5', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 60 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 0, max: 1e6 }),
        (counts, offset) => {
          const xs = counts.map((k) => k + offset);
          const r = fit.poisson(xs);
          expect(r.params.lambda).toBe(sampleMean(xs));
          const cells = r.goodnessOfFit.cells;
          expect(cells[0].from).toBe(0);
          expect(cells.at(-1)!.to).toBe(Infinity);
          for (let i = 1; i < cells.length; i++) expect(cells[i].from).toBe(cells[i - 1].to + 1);
          expect(cells.reduce((s, c) => s + c.observed, 0)).toBe(xs.length);
          expect(
            close(
              cells.reduce((s, c) => s + c.expected, 0),
              xs.length,
              1e-9,
            ),
          ).toBe(true);
          if (cells.length > 1) for (const c of cells) expect(c.expected).toBeGreaterThanOrEqual(5);
          expect(r.goodnessOfFit.dof).toBe(Math.max(0, cells.length - 2));
          if (r.goodnessOfFit.dof === 0) expect(r.goodnessOfFit.pValue).toBeNaN();
          const direct = xs.reduce((s, k) => s + Math.log(r.distribution.pmf!(k)), 0);
          expect(close(r.logLikelihood, direct, 1e-12, 1e-12)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('poisson: a huge λ (1e13, and 1e16 beyond 2^53) gets equal-probability cells, quickly', () => {
    for (const [lambda, n] of [
      [1e13, 50_000],
      [1e16, 2_000],
    ]) {
      const xs = poisson(lambda).sample(n, createRng(`huge-poisson-${lambda}`));
      const r = fit.poisson(xs);
      const cells = r.goodnessOfFit.cells;
      expect(cells.length).toBeGreaterThan(100);
      expect(cells.length).toBeLessThanOrEqual(1000);
      expect(cells.reduce((s, c) => s + c.observed, 0)).toBe(n);
      expect(
        close(
          cells.reduce((s, c) => s + c.expected, 0),
          n,
          1e-9,
        ),
      ).toBe(true);
      for (const c of cells) expect(c.expected).toBeGreaterThanOrEqual(5);
      expect(r.goodnessOfFit.pValue).toBeGreaterThan(MIN_P_VALUE);
    }
  });

  it('poisson: all-zero and tiny data fit, with no degrees of freedom left for the test', () => {
    const zeros = fit.poisson([0, 0, 0]);
    expect(zeros.params.lambda).toBe(0);
    expect(zeros.logLikelihood).toBe(0);
    expect(zeros.goodnessOfFit.cells).toEqual([
      { from: 0, to: Infinity, observed: 3, expected: 3 },
    ]);
    expect(zeros.goodnessOfFit.statistic).toBe(0);
    expect(zeros.goodnessOfFit.dof).toBe(0);
    expect(zeros.goodnessOfFit.pValue).toBeNaN();
    const one = fit.poisson([7]);
    expect(one.params.lambda).toBe(7);
    expect(one.goodnessOfFit.dof).toBe(0);
  });
});

describe('fit.*: errors', () => {
  const all: [Family, (d: never) => unknown][] = [
    ['normal', fit.normal],
    ['lognormal', fit.lognormal],
    ['gamma', fit.gamma],
    ['beta', fit.beta],
    ['poisson', fit.poisson],
  ];
  const call = (f: (d: never) => unknown, data: unknown) => () => f(data as never);

  it('rejects data that is not a Float64Array or an array', () => {
    for (const [family, f] of all) {
      for (const bad of [
        '1,2,3',
        { length: 2, 0: 1, 1: 2 },
        new Float32Array([0.5, 0.25]),
        null,
        3,
      ]) {
        expectSalvoError(call(f, bad), { parameter: 'data', messageIncludes: `fit.${family}` });
      }
    }
  });

  it('rejects empty data with EMPTY_DATA', () => {
    for (const [family, f] of all) {
      for (const empty of [[], new Float64Array(0)]) {
        expectSalvoError(call(f, empty), {
          code: 'EMPTY_DATA',
          parameter: 'data',
          messageIncludes: `fit.${family}`,
        });
      }
    }
  });

  it('names the first value that is not a finite number, with its value', () => {
    const good: Record<Family, number> = {
      normal: -1,
      lognormal: 2,
      gamma: 2,
      beta: 0.5,
      poisson: 3,
    };
    for (const [family, f] of all) {
      for (const bad of [Number.NaN, Infinity, -Infinity]) {
        const data = new Float64Array(40).fill(good[family]);
        data[17] = bad;
        data[30] = bad;
        const e = expectSalvoError(call(f, data), {
          parameter: 'data[17]',
          messageIncludes: [`fit.${family}`, 'finite', String(bad)],
        });
        expect(e.value).toBe(bad);
      }
      // In a plain array, non-numbers too, reported as given.
      for (const bad of ['3', undefined, null, {}]) {
        const e = expectSalvoError(call(f, [good[family], good[family], bad]), {
          parameter: 'data[2]',
          messageIncludes: 'finite',
        });
        expect(e.value).toBe(bad);
      }
      // A hole in a sparse array.
      const sparse = [good[family], good[family]];
      sparse[3] = good[family];
      expectSalvoError(call(f, sparse), { parameter: 'data[2]' });
    }
  });

  it('names values outside the support of the family', () => {
    const cases: [Family, number[], number, string][] = [
      ['lognormal', [1, 2, 0], 2, '> 0'],
      ['lognormal', [1, -3], 1, '> 0'],
      ['gamma', [1, -0], 1, '> 0'],
      ['gamma', [2, 1, -1e-300], 2, '> 0'],
      ['beta', [0.5, 0], 1, 'between 0 and 1'],
      ['beta', [0.5, 1], 1, 'between 0 and 1'],
      ['beta', [1.5, 0.5], 0, 'between 0 and 1'],
      ['beta', [0.5, -0.1], 1, 'between 0 and 1'],
      ['poisson', [1, 2.5], 1, 'non-negative integer'],
      ['poisson', [1, -1], 1, 'non-negative integer'],
      ['poisson', [-0.5, 1], 0, 'non-negative integer'],
    ];
    for (const [family, data, index, text] of cases) {
      const e = expectSalvoError(() => fitters[family](data), {
        parameter: `data[${index}]`,
        messageIncludes: [`fit.${family}`, text],
      });
      expect(Object.is(e.value, data[index])).toBe(true);
    }
    // Whatever is wrong, the first bad value is the one reported.
    expectSalvoError(() => fit.gamma([1, -1, Number.NaN]), {
      parameter: 'data[1]',
      messageIncludes: '> 0',
    });
    expectSalvoError(() => fit.gamma([1, Number.NaN, -1]), {
      parameter: 'data[1]',
      messageIncludes: 'finite',
    });
  });

  it('refuses data without spread: no sd, sigma or shape can be fitted', () => {
    for (const [family, value] of [
      ['normal', -2.5],
      ['lognormal', 3],
      ['gamma', 3],
      ['beta', 0.25],
    ] as const) {
      expectSalvoError(() => fitters[family]([value, value, value]), {
        parameter: 'data',
        messageIncludes: [
          `fit.${family}`,
          'all 3 values of data are equal',
          String(value),
          'cannot be fitted',
        ],
      });
      expectSalvoError(() => fitters[family](Float64Array.of(value)), {
        parameter: 'data',
        messageIncludes: ['single value', 'cannot be fitted'],
      });
    }
    // Distinct values whose spread vanishes in rounding.
    expectSalvoError(() => fit.normal([0, 5e-324]), {
      parameter: 'data',
      messageIncludes: ['to within rounding', 'sd cannot be fitted'],
    });
    expectSalvoError(() => fit.lognormal([1e300, 1.0000000000000002e300]), {
      parameter: 'data',
      messageIncludes: ['to within rounding of their logarithms', 'sigma cannot be fitted'],
    });
  });

  it('refuses data so concentrated that the gamma shape or the smaller beta shape would pass 1e16', () => {
    expectSalvoError(() => fit.gamma([1, 1 + 2 ** -52]), {
      parameter: 'data',
      messageIncludes: ['fitted shape', '1e16', 'constant'],
    });
    expectSalvoError(() => fit.beta([0.5, 0.5 + 1e-9, 0.5 - 1e-9]), {
      parameter: 'data',
      messageIncludes: ['smaller fitted shape', '1e16', 'constant'],
    });
    // Just inside: values 1e7 ± 1 have a gamma shape of 1.5e14, fitted as usual.
    expect(fit.gamma([1e7 - 1, 1e7, 1e7 + 1]).params.shape).toBeCloseTo(1.5e14, -2);
  });

  it('refuses fits whose parameters a double cannot hold', () => {
    // Values near 1e308 and near 1e-300: a small shape, and a scale mean / shape above 1.8e308.
    expectSalvoError(() => fit.gamma([1.7e308, 1e-300, 1e-300]), {
      parameter: 'data',
      messageIncludes: ['fit.gamma', 'fitted scale', 'rescale'],
    });
    // Values within 1e-300 of 0, spread by 10%: beta = alpha / mean would be about 1e302.
    expectSalvoError(() => fit.beta([1e-300, 1.2e-300, 1.1e-300]), {
      parameter: 'data',
      messageIncludes: ['fit.beta', 'pass 1e300', 'fit.gamma'],
    });
  });

  it('refuses counts whose sum overflows', () => {
    expectSalvoError(() => fit.poisson([1e308, 1e308]), {
      parameter: 'data',
      messageIncludes: ['fit.poisson', 'overflows'],
    });
  });

  it('fits a count near the largest double with a finite log-likelihood (npm run fuzz found NaN)', () => {
    const r = fit.poisson([Number.MAX_VALUE]);
    expect(r.params.lambda).toBe(Number.MAX_VALUE);
    // log P(X = λ) ≈ −½ log(2π λ) for a huge λ.
    expect(r.logLikelihood).toBeCloseTo(
      -0.5 * (Math.log(2 * Math.PI) + Math.log(Number.MAX_VALUE)),
      9,
    );
  });

  it('throws a clear error when an iteration does not converge', () => {
    // The solvers converge in a handful of steps; an iteration limit of 1 reaches the error path.
    expectSalvoError(() => solveGammaShape(0.05, 1), {
      parameter: 'data',
      messageNamesParameter: false,
      messageIncludes: ['fit.gamma', 'did not converge in 1 iterations'],
    });
    const st = { m: 0.3, mBar: 0.7, r: 0, u1: -0.2, u2: -0.05 };
    // The inner solve (the mean, for a given alpha + beta) and the outer one (alpha + beta).
    expectSalvoError(() => solveBetaShapes(st, 1, 1), {
      parameter: 'data',
      messageNamesParameter: false,
      messageIncludes: ['fit.beta', 'mean of the fitted beta', 'did not converge in 1 iterations'],
    });
    expectSalvoError(() => solveBetaShapes(st, 1e6, 8), {
      parameter: 'data',
      messageNamesParameter: false,
      messageIncludes: ['fit.beta', 'alpha + beta did not converge in 8 iterations'],
    });
    // Statistics no sample can have (mean(log x) = log(mean)): the likelihood grows without bound in
    // alpha + beta, which runs out of range.
    expectSalvoError(() => solveBetaShapes({ m: 0.5, mBar: 0.5, r: 0, u1: 0, u2: 0 }, 1), {
      parameter: 'data',
      messageNamesParameter: false,
      messageIncludes: ['fit.beta', 'pass 1e300'],
    });
    // Same inputs, enough iterations: they converge.
    expect(solveGammaShape(0.05)).toBeCloseTo(10.2, 1);
    const shapes = solveBetaShapes(st, 1);
    expect(shapes.alpha).toBeGreaterThan(0);
  });
});
