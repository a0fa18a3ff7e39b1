// Model callbacks of the BullMQ tests, in plain JavaScript: a callback's source is part of its model's
// fingerprint, and plain JavaScript reads the same under vitest (the submitting test) and tsx (the
// worker processes), where TypeScript would be compiled differently by each. They use no imports
// (those too are rewritten differently): Node's modules come from process.getBuiltinModule.

/** Throws the first time any process calls it (leaving a marker file, SALVO_TEST_MARKER), never again. */
export function throwOnce(nodes) {
  const marker = process.env.SALVO_TEST_MARKER;
  const fs = process.getBuiltinModule('node:fs');
  if (marker !== undefined && !fs.existsSync(marker)) {
    fs.writeFileSync(marker, String(process.pid));
    throw new Error('flaky: the first attempt fails');
  }
  return nodes.shells;
}

/** Always throws. */
export function alwaysThrow() {
  throw new Error('broken: this callback always throws');
}
