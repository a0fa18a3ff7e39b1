import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // tests/package reads the build; npm run test:package builds and runs it (vitest.package.config.ts).
    exclude: ['tests/package/**', '**/node_modules/**'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 60_000,
    // Model callbacks of the BullMQ tests are loaded by Node itself, not transformed: their source is
    // part of the model's fingerprint and must read as it does in the worker processes.
    server: { deps: { external: [/tests\/bullmq\/callbacks\.mjs$/] } },
  },
});
