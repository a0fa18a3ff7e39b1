import { describe, expect, it } from 'vitest';
import { erf, erfc, normalCdf, normalQuantile } from '../src/special/normal.js';
import { close, referenceCases } from './helpers/reference.js';

// Reference values from mpmath at 40 digits, rounded to the nearest double (mp.erf, mp.erfc, mp.ncdf;
// quantiles by root finding on mp.ncdf, in log space for the far tails).
const ERF_ERFC: [number, number, number][] = [
  [-30, -1.0, 2.0],
  [-10, -1.0, 2.0],
  [-5.5, -0.9999999999999927, 1.9999999999999927],
  [-3, -0.9999779095030014, 1.9999779095030015],
  [-1, -0.8427007929497149, 1.8427007929497148],
  [-0.5, -0.5204998778130465, 1.5204998778130465],
  [-1e-10, -1.1283791670955126e-10, 1.000000000112838],
  [0, 0.0, 1.0],
  [1e-300, 1.1283791670955126e-300, 1.0],
  [0.25, 0.27632639016823696, 0.7236736098317631],
  [0.46875, 0.49261347321793797, 0.507386526782062],
  [0.5, 0.5204998778130465, 0.4795001221869535],
  [1, 0.8427007929497149, 0.15729920705028513],
  [2, 0.9953222650189527, 0.004677734981047266],
  [3.9, 0.9999999652077514, 3.4792248597231765e-8],
  [4, 0.9999999845827421, 1.541725790028002e-8],
  [4.5, 0.9999999998033839, 1.9661604415428876e-10],
  [6, 1.0, 2.1519736712498913e-17],
  [10, 1.0, 2.088487583762545e-45],
  [26, 1.0, 5.663192408856143e-296],
];

const PHI: [number, number][] = [
  [-37, 5.725571222524577e-300],
  [-30, 4.906713927148187e-198],
  [-20, 2.7536241186062337e-89],
  [-10, 7.619853024160525e-24],
  [-8.5, 9.479534822203318e-18],
  [-5.656854248, 7.708629017140472e-9],
  [-5.5, 1.8989562465887718e-8],
  [-3, 0.0013498980316300946],
  [-1.5, 0.06680720126885807],
  [-0.66291, 0.25369409838973994],
  [-0.5, 0.3085375387259869],
  [-1e-12, 0.49999999999960104],
  [0, 0.5],
  [0.3, 0.6179114221889527],
  [0.66291, 0.7463059016102601],
  [0.7, 0.758036347776927],
  [1, 0.8413447460685429],
  [1.959963984540054, 0.975],
  [3, 0.9986501019683699],
  [5.5, 0.9999999810104375],
  [8, 0.9999999999999993],
  [9, 1.0],
];

const PHI_INVERSE: [number, number][] = [
  [1e-300, -37.0470962993612],
  [1e-100, -21.273453560965326],
  [1e-20, -9.262340089798407],
  [1e-12, -7.034483825301132],
  [1.3887943864964021e-11, -6.657904643501103],
  [1e-6, -4.753424308822899],
  [0.001, -3.0902323061678136],
  [0.02425, -1.972961051311885],
  [0.075, -1.439531470938456],
  [0.1, -1.2815515655446004],
  [0.3, -0.5244005127080408],
  [0.5, 0],
  [0.6, 0.2533471031357997],
  [0.925, 1.4395314709384561],
  [0.95, 1.6448536269514722],
  [0.975, 1.9599639845400538],
  [0.999, 3.090232306167813],
  [0.999999999, 5.9978070196016375],
  [1 - 2 ** -53, 8.209536151601387],
];

/** A few units in the last place: what Cody's and Wichura's approximations deliver in double precision. */
const ULPS = 2e-15;

describe('erf(x) and erfc(x) (Cody 1969)', () => {
  it('match mpmath to a few ulps, erfc also in the far tail', () => {
    for (const [x, erfX, erfcX] of ERF_ERFC) {
      expect(close(erf(x), erfX, ULPS), `erf(${x}) = ${erf(x)}`).toBe(true);
      expect(close(erfc(x), erfcX, ULPS), `erfc(${x}) = ${erfc(x)}`).toBe(true);
    }
  });

  it('are odd / reflected, saturate at ±Infinity, propagate NaN and underflow past x = 26.55', () => {
    for (const x of [0.1, 0.7, 2.5, 5]) {
      expect(erf(-x)).toBe(-erf(x));
      expect(erfc(-x)).toBe(2 - erfc(x));
    }
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
    expect(erfc(27)).toBe(0);
    expect(Number.isNaN(erf(Number.NaN))).toBe(true);
    expect(Number.isNaN(erfc(Number.NaN))).toBe(true);
  });
});

describe('normalCdf(z) (Cody ANORM)', () => {
  it('matches mpmath to a few ulps from z = -37 to 9, relative error in the lower tail included', () => {
    for (const [z, p] of PHI) {
      expect(close(normalCdf(z), p, ULPS), `normalCdf(${z}) = ${normalCdf(z)}`).toBe(true);
    }
  });

  it('agrees with scipy.stats.norm.cdf within 1e-12 relative', () => {
    const [standard] = referenceCases('normal').filter(
      (c) => c.params.mean === 0 && c.params.sd === 1,
    );
    for (const [z, p] of standard.cdf) {
      expect(close(normalCdf(z), p, 1e-12), `normalCdf(${z})`).toBe(true);
    }
  });

  it('is symmetric, monotone, and handles ±Infinity and NaN', () => {
    for (let z = 0; z < 8; z += 0.173) {
      expect(Math.abs(normalCdf(-z) + normalCdf(z) - 1)).toBeLessThanOrEqual(2 ** -52);
    }
    let previous = 0;
    for (let z = -40; z <= 10; z += 0.01) {
      const p = normalCdf(z);
      expect(p).toBeGreaterThanOrEqual(previous);
      previous = p;
    }
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
    expect(Number.isNaN(normalCdf(Number.NaN))).toBe(true);
  });
});

describe('normalQuantile(p) (Wichura AS 241)', () => {
  it('matches mpmath to a few ulps from p = 1e-300 to 1 - 2^-53', () => {
    for (const [p, z] of PHI_INVERSE) {
      expect(close(normalQuantile(p), z, ULPS), `normalQuantile(${p}) = ${normalQuantile(p)}`).toBe(
        true,
      );
    }
  });

  it('agrees with scipy.stats.norm.ppf within 1e-12 relative', () => {
    const [standard] = referenceCases('normal').filter(
      (c) => c.params.mean === 0 && c.params.sd === 1,
    );
    for (const [p, z] of standard.quantile) {
      expect(close(normalQuantile(p), z, 1e-12), `normalQuantile(${p})`).toBe(true);
    }
  });

  it('inverts normalCdf: Φ(Φ⁻¹(p)) = p over 300 orders of magnitude', () => {
    // A relative error δ in z moves Φ(z) by a relative z² δ, so the round trip is held to (1 + z²) ulps.
    for (let e = -300; e < 0; e += 0.7) {
      const p = 10 ** e;
      const z = normalQuantile(p);
      expect(close(normalCdf(z), p, ULPS * (1 + z * z)), `p = ${p}`).toBe(true);
    }
    for (let i = 1; i < 1000; i++) {
      const p = i / 1000;
      expect(close(normalCdf(normalQuantile(p)), p, 1e-14), `p = ${p}`).toBe(true);
    }
  });

  it('returns ∓Infinity at 0 and 1 and NaN outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(Object.is(normalQuantile(0.5), 0)).toBe(true);
    for (const p of [-0.1, 1.5, Number.NaN, Infinity])
      expect(Number.isNaN(normalQuantile(p))).toBe(true);
  });
});
