import { defineConfig } from 'vitest/config';

/**
 * Tests of the built package as users get it: the `npm pack` tarball installed in a fresh project, the
 * bundle a browser loads, and size budgets. They read `dist/`, so `npm run test:package` builds first;
 * they are kept out of `npm test` (which tests the sources) so that a build never races a test.
 */
export default defineConfig({
  test: {
    include: ['tests/package/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // One file at a time: each packs, installs or launches a browser, and this machine has 2 cores.
    fileParallelism: false,
  },
});
