import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referenceModel as referenceModelOf } from '../../benchmarks/shared.mjs';
import * as salvo from '../../src/index.js';
import { shipmentEstimate } from '../../src/shipments/index.js';
import { embeddedPageJson } from './page.js';

/**
 * What the bit-identity test compares with the fixture recorded at 7491dbe (before the restructure):
 * every kept sample of the reference workload and of the shipment estimate (as SHA-256 of their
 * bytes), every summary at full precision, and each example's output and files. Regenerate only
 * when results are meant to change: `npx tsx tests/fixtures/make-golden.ts`.
 */
export interface Golden {
  readonly runs: Record<string, unknown>;
  readonly examples: Record<string, { stdout: string; files: Record<string, string> }>;
}

const sha256 = (bytes: ArrayBufferView | string) =>
  createHash('sha256')
    .update(
      typeof bytes === 'string'
        ? bytes
        : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    )
    .digest('hex');

/** The model-engine benchmark's reference workload (benchmarks/shared.mjs), with expressions. */
const referenceModel = () => referenceModelOf(salvo);

/** Runs, their samples' hashes and their summaries as JSON (shortest round-trip decimals: exact). */
export function goldenRuns(): Record<string, unknown> {
  const runs: Record<string, unknown> = {};
  const kept = referenceModel().run({ samples: 2 ** 18 + 1000 });
  runs['reference, kept'] = {
    samples: Object.fromEntries(
      kept.nodeNames.map((name) => [name, sha256(kept.samples(name as never))]),
    ),
    summaries: JSON.parse(JSON.stringify(kept)),
    sensitivity: JSON.parse(JSON.stringify(kept.sensitivity('valueUsd'))),
    pShellsOver3M: kept.probability('shells', '>', 3e6),
  };
  const unkept = referenceModel().run({
    samples: 2 ** 18 + 1000,
    keep: 'none',
    exactQuantiles: ['shells', 'valueUsd'],
    thresholds: { shells: [3e6] },
  });
  runs['reference, nothing kept, exact'] = {
    summaries: JSON.parse(JSON.stringify(unkept)),
    pShellsOver3M: unkept.probability('shells', '>', 3e6),
  };
  const sketched = referenceModel().run({ samples: 2 ** 17, keep: 'none', blockSize: 8192 });
  runs['reference, nothing kept, sketched'] = {
    summaries: JSON.parse(JSON.stringify(sketched)),
    p90: sketched.quantile('valueUsd', 0.9),
  };
  const conditioned = referenceModel()
    .correlate('containers', 'shellsPerContainer', -0.4)
    .observe('shells', salvo.lognormal(Math.log(1.5e6), 0.4))
    .run({ samples: 2 ** 16 + 123, blockSize: 4096 * 3 });
  runs['reference, correlated and observed'] = {
    samples: Object.fromEntries(
      conditioned.nodeNames.map((name) => [name, sha256(conditioned.samples(name as never))]),
    ),
    weights: sha256(conditioned.weights()),
    summaries: JSON.parse(JSON.stringify(conditioned)),
    effectiveSampleSize: conditioned.effectiveSampleSize,
  };
  const shipments = shipmentEstimate().run({ samples: 2 ** 16 });
  runs['shipmentEstimate(), kept'] = {
    samples: Object.fromEntries(
      shipments.nodeNames.map((name) => [name, sha256(shipments.samples(name as never))]),
    ),
    summaries: JSON.parse(JSON.stringify(shipments)),
  };
  return runs;
}

/**
 * What a report page shows, as its embedded data: the page also embeds the page build of salvo, whose
 * bytes change with any source change, not only with a result.
 */
const pageData = (path: string) => embeddedPageJson(readFileSync(path, 'utf8'));

/** Each example as `npm run example -- <name>` runs it, with few samples; output folder replaced by <out>. */
export function goldenExamples(names: readonly string[]): Golden['examples'] {
  const examples: Golden['examples'] = {};
  for (const name of names) {
    const out = mkdtempSync(join(tmpdir(), 'salvo-golden-'));
    try {
      const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'examples/run.ts', name], {
        encoding: 'utf8',
        env: { ...process.env, SALVO_SAMPLES: '20000', SALVO_OUT: out },
      }).replaceAll(out, '<out>');
      const files: Record<string, string> = {};
      for (const file of readdirSync(out).sort())
        files[file] = sha256(
          file.endsWith('.html') ? pageData(join(out, file)) : readFileSync(join(out, file)),
        );
      examples[name] = { stdout, files };
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return examples;
}

export const EXAMPLE_NAMES = [
  'shells',
  'totals',
  'timeline',
  'sensitivity',
  'triangulation',
  'piano-tuners',
] as const;
