/**
 * The element-wise kernels, published as the `salvo/kernels` entry (src/kernels.ts documents them for
 * users) and used by `Samples`. This folder owns them, one file per kind: arithmetic of two vectors
 * (vectorArithmetic.ts), of a vector and a scalar in either order (scalarArithmetic.ts), clamping
 * (clamp.ts), functions of one vector (unary.ts), comparisons into masks and selection by a mask
 * (comparisons.ts), and the argument checks they all make first (argumentChecks.ts, not re-exported).
 *
 * Every kernel is a plain indexed loop over the whole vector with the arithmetic written inline (or one
 * `Math` call, which V8 inlines): no callback per element, so each call site stays monomorphic and fast.
 * A numeric constant read inside a loop is declared in the file of that loop (docs/architecture.md).
 * @module
 */
// biome-ignore-all assist/source/organizeImports: the exports are grouped by kind, as the files are.

// Arithmetic, vector with vector: out[i] = a[i] op b[i].
export { add, div, max, min, mul, pow, sub } from './vectorArithmetic.js';

// Arithmetic with a scalar: a[i] op s, and s op b[i] for the operations that do not commute.
export {
  addScalar,
  divScalar,
  maxScalar,
  minScalar,
  mulScalar,
  powScalar,
  scalarDiv,
  scalarPow,
  scalarSub,
  subScalar,
} from './scalarArithmetic.js';

// Clamping into [lo, hi], by vectors or scalars.
export { clamp, clampScalar } from './clamp.js';

// Unary functions.
export { abs, exp, log, neg, sqrt } from './unary.js';

// Comparisons into Uint8Array masks, and selection by a mask.
export {
  eq,
  eqScalar,
  ge,
  geScalar,
  gt,
  gtScalar,
  le,
  leScalar,
  lt,
  ltScalar,
  ne,
  neScalar,
  where,
} from './comparisons.js';
