#!/usr/bin/env node
// `npx salvo`: shards of a run to partial-run files, and their merge (src/node/cli.ts).
import { main } from '../dist/node/cli.js';

process.exitCode = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
