import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // tests/package reads the build; npm run test:package builds and runs it (vitest.package.config.ts).
    exclude: ['tests/package/**', '**/node_modules/**'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 60_000,
  },
});
