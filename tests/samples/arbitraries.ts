/** fast-check arbitraries shared by the tests of the exact summaries. */
import fc from 'fast-check';

/** Doubles with many duplicates, signed zeros, extremes, subnormals and non-finite values. */
export const nastyDouble = fc.oneof(
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    1,
    1,
    2,
    -1,
    1e308,
    -1e308,
    5e-324,
    -5e-324,
    Number.NaN,
    Infinity,
    -Infinity,
  ),
  fc.integer({ min: -3, max: 3 }),
);
export const nastyArray = fc.array(nastyDouble, { minLength: 1, maxLength: 80 });

/** Probabilities, with the levels summaries use often. */
export const probabilityArb = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 1, 0.5, 0.05, 0.95, 0.25, 0.75),
);
