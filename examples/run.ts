export {};

/**
 * `npm run example [-- <name>]` runs one of the examples in this folder (default: the headline one).
 * Each example is also runnable on its own: `npx tsx examples/<file>.ts`.
 */
const examples: Record<string, string> = {
  shells: './shells.ts',
  totals: './totals.ts',
  timeline: './timeline.ts',
  sensitivity: './sensitivity.ts',
  triangulation: './triangulation.ts',
  'piano-tuners': './piano-tuners.ts',
};

const name = process.argv[2] ?? 'shells';
const path = examples[name];
if (path === undefined) {
  console.error(`Unknown example "${name}". Available: ${Object.keys(examples).join(', ')}`);
  process.exit(2);
}
await import(path);
