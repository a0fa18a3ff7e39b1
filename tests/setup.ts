// Every property test runs from a fixed seed, so CI is deterministic: a failure on main is a bug, not
// bad luck. Explore other cases locally with FC_SEED=<n> npm test.
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20240227) });
