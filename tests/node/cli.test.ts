import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lognormal, model, pert } from '../../src/index.js';
import { main } from '../../src/node/cli.js';
import { writeModelFile } from '../../src/node/interchange.js';
import { readPartialFile, shardSegments } from '../../src/node/shards.js';
import { expectSalvoError } from '../helpers/errors.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TIMEOUT = 120_000;

describe('shardSegments', () => {
  it('cuts the segments into shards that tile them, as equal as whole segments allow', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 300 }),
        (samples, shards) => {
          const count = Math.ceil(samples / 4096);
          let next = 0;
          const sizes: number[] = [];
          for (let i = 0; i < shards; i++) {
            const range = shardSegments(samples, i, shards);
            if (range === undefined) continue;
            expect(range[0]).toBe(next);
            next = range[1];
            sizes.push(range[1] - range[0]);
          }
          expect(next).toBe(count);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        },
      ),
    );
    expect(shardSegments(1_000_000, 0, 3)).toEqual([0, 81]);
    expect(shardSegments(4096, 0, 2)).toBeUndefined(); // one segment, for shard 1
    expect(shardSegments(4096, 1, 2)).toEqual([0, 1]);
  });

  it('refuses shard indices outside [0, shards) and bad counts', () => {
    expectSalvoError(() => shardSegments(1000, 3, 3), { parameter: 'shard' });
    expectSalvoError(() => shardSegments(1000, -1, 3), { parameter: 'shard' });
    expectSalvoError(() => shardSegments(1000, 0, 0), { parameter: 'shards' });
    expectSalvoError(() => shardSegments(0, 0, 1), { parameter: 'samples' });
  });
});

describe('npx salvo shard / merge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'salvo-cli-'));
  const modulePath = join(dir, 'shipments.mjs');
  writeFileSync(
    modulePath,
    `import { lognormal, model, pert } from ${JSON.stringify(join(REPO, 'src/index.ts'))};
export const shipments = model({ seed: 'cli' })
  .input('containers', pert(5000, 6700, 8000))
  .input('shellsPerContainer', lognormal.ci(300, 600))
  .derive('shells', 'containers * shellsPerContainer');
`,
  );
  const runner = join(dir, 'salvo.mjs');
  writeFileSync(
    runner,
    `import { main } from ${JSON.stringify(join(REPO, 'src/node/cli.ts'))};
process.exitCode = await main(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
`,
  );
  const salvo = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', runner, ...args], {
      cwd: REPO, // where tsx resolves; the files are named by absolute paths
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, JOB_COMPLETION_INDEX: '', AWS_BATCH_JOB_ARRAY_INDEX: '', ...env },
    });
  /**
   * The same command in this process (main() with captured output): as the processes above, without
   * their start-up. The first test runs real processes; the others exercise the commands here.
   */
  const salvoHere = async (args: string[], env: Record<string, string> = {}) => {
    let stdout = '';
    let stderr = '';
    const saved = { ...process.env };
    Object.assign(process.env, { JOB_COMPLETION_INDEX: '', AWS_BATCH_JOB_ARRAY_INDEX: '', ...env });
    try {
      const status = await main(args, {
        out: (t) => {
          stdout += t;
        },
        err: (t) => {
          stderr += t;
        },
      });
      return { status, stdout, stderr };
    } finally {
      process.env = saved;
    }
  };
  const samples = 50_000; // 13 segments
  /** `salvo shard` of the module's model: the run's samples, the shard count, then more arguments. */
  const shardArgs = (runSamples: number, shards: number, more: string[]) => [
    'shard',
    modulePath,
    '--export',
    'shipments',
    '--samples',
    String(runSamples),
    '--shards',
    String(shards),
    ...more,
  ];
  const shard = (
    runSamples: number,
    shards: number,
    more: string[],
    env: Record<string, string> = {},
  ) => salvo(shardArgs(runSamples, shards, more), env);
  const merge = (more: string[]) => salvo(['merge', modulePath, '--export', 'shipments', ...more]);
  /** The same, in this process. */
  const shardHere = (runSamples: number, shards: number, more: string[]) =>
    salvoHere(shardArgs(runSamples, shards, more));
  const mergeHere = (more: string[]) =>
    salvoHere(['merge', modulePath, '--export', 'shipments', ...more]);
  /** The module's model, built here. */
  const shipments = () =>
    model({ seed: 'cli' })
      .input('containers', pert(5000, 6700, 8000))
      .input('shellsPerContainer', lognormal.ci(300, 600))
      .derive('shells', 'containers * shellsPerContainer');

  it(
    'three shards (one by $JOB_COMPLETION_INDEX) merge into model.run, bit for bit',
    () => {
      const common = [
        '--sampling',
        'sobol',
        '--out',
        join(dir, 'part-{shard}-of-{shards}.salvopart'),
      ];
      const first = shard(samples, 3, [...common, '--shard', '0']);
      expect(first.stderr).toBe('');
      expect(first.stdout).toContain(
        `segments [0, 4) written to ${join(dir, 'part-0-of-3.salvopart')}`,
      );
      expect(shard(samples, 3, common, { JOB_COMPLETION_INDEX: '1' }).status).toBe(0);
      expect(shard(samples, 3, common, { AWS_BATCH_JOB_ARRAY_INDEX: '2' }).status).toBe(0);
      const merged = merge([
        '--json',
        join(dir, 'run.json'),
        join(dir, 'part-2-of-3.salvopart'),
        join(dir, 'part-0-of-3.salvopart'),
        join(dir, 'part-1-of-3.salvopart'),
        join(dir, 'part-0-of-3.salvopart'),
      ]);
      expect(merged.stderr).toBe('');
      expect(merged.status).toBe(0);
      expect(merged.stdout).toMatch(/50,000 samples from 4 file\(s\)\n/);
      expect(merged.stdout).toMatch(/\nshells +2\.\d+M/);
      const expected = shipments().run({ samples, sampling: 'sobol', keep: 'none' });
      expect(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'))).toEqual(
        JSON.parse(JSON.stringify(expected)),
      );
    },
    TIMEOUT,
  );

  it(
    '--lazy-inputs leaves the inputs out: merge prints and writes the derived nodes, with the same bits; --threshold gives exact probabilities',
    async () => {
      const files = [0, 1].map((i) => join(dir, `lazy-${i}.salvopart`));
      const thresholds = ['--threshold', 'shells=2e6,2.5e6', '--threshold', 'shells=1e6'];
      for (const [i, out] of files.entries()) {
        expect(
          (
            await shardHere(samples, 2, [
              '--shard',
              String(i),
              '--lazy-inputs',
              '--out',
              out,
              ...thresholds,
            ])
          ).status,
        ).toBe(0);
      }
      const json = join(dir, 'lazy.json');
      const merged = await mergeHere(['--json', json, ...files]);
      expect(merged.status).toBe(0);
      expect(merged.stdout).toContain('(2 input(s) left out of the parts by --lazy-inputs)');
      const written = JSON.parse(readFileSync(json, 'utf8'));
      expect(Object.keys(written.nodes)).toEqual(['shells']);
      const whole = shipments().run({
        samples,
        keep: 'none',
        thresholds: { shells: [2e6, 2.5e6, 1e6] },
      });
      expect(written.nodes.shells).toEqual(JSON.parse(JSON.stringify(whole.summary('shells'))));
      expect(written.thresholds).toEqual(
        [2e6, 2.5e6, 1e6].map((threshold) => ({
          node: 'shells',
          threshold,
          below: whole.probability('shells', '<', threshold),
          equal: whole.probability('shells', '==', threshold),
          above: whole.probability('shells', '>', threshold),
        })),
      );
      expect(merged.stdout).toMatch(/node +threshold +P\(<\) +P\(=\) +P\(>\)/);
    },
    TIMEOUT,
  );

  it(
    '--exact-quantiles: shard, locate, gather, merge give model.run’s exact quantiles, bit for bit',
    async () => {
      const exact = ['--exact-quantiles', 'shells', '--quantiles', '0.999'];
      // The windows placed once (salvo windows): shard 0 takes them, shard 1 evaluates the pilot.
      const windowsFile = join(dir, 'windows.json');
      const placed = await salvoHere([
        'windows',
        modulePath,
        '--export',
        'shipments',
        '--samples',
        String(samples),
        '--out',
        windowsFile,
        ...exact,
      ]);
      expect(placed.stdout).toContain(`windows of shells written to ${windowsFile}`);
      const parts = [0, 1].map((i) => join(dir, `exact-${i}.salvopart`));
      for (const [i, out] of parts.entries()) {
        const more = i === 0 ? ['--windows', windowsFile] : [];
        expect(
          (await shardHere(samples, 2, ['--shard', String(i), '--out', out, ...exact, ...more]))
            .status,
        ).toBe(0);
      }
      const withoutWindows = join(dir, 'exact-0-pilot.salvopart');
      await shardHere(samples, 2, ['--shard', '0', '--out', withoutWindows, ...exact]);
      expect(await readPartialFile(parts[0])).toEqual(await readPartialFile(withoutWindows));
      const request = join(dir, 'request.json');
      const located = await salvoHere([
        'locate',
        modulePath,
        '--export',
        'shipments',
        '--out',
        request,
        ...parts,
      ]);
      expect(located.stderr).toBe('');
      expect(located.stdout).toMatch(/the second pass gathers \d+ bucket\(s\) of shells/);
      const gathered = [0, 1].map((i) => join(dir, `gather-${i}.salvogather`));
      for (const [i, out] of gathered.entries()) {
        const g = await salvoHere([
          'gather',
          modulePath,
          '--export',
          'shipments',
          '--request',
          request,
          '--shards',
          '2',
          '--shard',
          String(i),
          '--out',
          out,
        ]);
        expect(g.stderr).toBe('');
        expect(g.stdout).toMatch(/value\(s\) of shells written to/);
      }
      const json = join(dir, 'exact.json');
      const merged = await mergeHere(['--json', json, ...gathered, ...parts]);
      expect(merged.stderr).toBe('');
      expect(merged.stdout).toContain('from 2 file(s) and 2 gather file(s)');
      const whole = shipments().run({
        samples,
        keep: 'none',
        exactQuantiles: ['shells'],
        quantiles: [0.999],
      });
      const written = JSON.parse(readFileSync(json, 'utf8'));
      expect(written.nodes.shells).toEqual(JSON.parse(JSON.stringify(whole.summary('shells'))));
      expect(written.nodes.shells.quantileMethod).toBe('exact');
    },
    TIMEOUT,
  );

  it(
    'usage errors exit 2 with the usage; salvo errors exit 1 with their code',
    async () => {
      const noSamples = await salvoHere(['shard', modulePath, '--shards', '2', '--shard', '0']);
      expect(noSamples.status).toBe(2);
      expect(noSamples.stderr).toContain('--samples is missing');
      expect(noSamples.stderr).toContain('usage:');
      const noIndex = await shardHere(100, 2, []);
      expect(noIndex.status).toBe(2);
      expect(noIndex.stderr).toContain('$JOB_COMPLETION_INDEX');
      expect((await salvoHere(['frobnicate'])).status).toBe(2);
      expect((await salvoHere(['--help'])).status).toBe(0);
      const badThreshold = await shardHere(100, 2, ['--shard', '0', '--threshold', 'shells']);
      expect(badThreshold.status).toBe(2);
      expect(badThreshold.stderr).toContain('--threshold must be NODE=T');
      const unknownNode = await shardHere(50_000, 2, ['--shard', '0', '--threshold', 'ships=3']);
      expect(unknownNode.status).toBe(1);
      expect(unknownNode.stderr).toContain('thresholds.ships names no node');
      const badShard = await shardHere(100, 2, ['--shard', '5']);
      expect(badShard.status).toBe(1);
      expect(badShard.stderr).toContain('INVALID_PARAMETER');
      const half = join(dir, 'half.salvopart');
      expect((await shardHere(50_000, 2, ['--shard', '0', '--out', half])).status).toBe(0);
      const gap = await mergeHere([half]);
      expect(gap.status).toBe(1);
      expect(gap.stderr).toContain('PARTIAL_COVERAGE');
      const empty = await shardHere(100, 2, ['--shard', '0']);
      expect(empty.status).toBe(0);
      expect(empty.stdout).toContain('nothing written');
    },
    TIMEOUT,
  );

  it(
    'reads a model file (.json) as it reads a module: shards of it merge into model.run',
    async () => {
      const file = join(dir, 'shipments.salvo.json');
      await writeModelFile(file, shipments());
      const parts = ['0', '1'].map((i) => join(dir, `file-${i}-of-2.salvopart`));
      for (const [i, out] of parts.entries()) {
        const args = ['shard', file, '--samples', String(samples), '--shards', '2'];
        const done = await salvoHere([...args, '--shard', String(i), '--out', out]);
        expect(done.stderr).toBe('');
      }
      const json = join(dir, 'file-run.json');
      const merged = await salvoHere(['merge', file, ...parts, '--json', json]);
      expect(merged.status).toBe(0);
      // Parts of the module's model and of the file's are parts of one model: the same fingerprint.
      const fromModule = await mergeHere(parts);
      expect(fromModule.status).toBe(0);
      expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(
        JSON.parse(JSON.stringify(shipments().run({ samples, keep: 'none' }))),
      );
      const withExport = await salvoHere(['merge', file, '--export', 'x', ...parts]);
      expect(withExport.status).toBe(2);
      expect(withExport.stderr).toContain('--export does not apply to a model file');
      writeFileSync(join(dir, 'bad.json'), '{"format": "salvo-model", "version": 7}');
      const bad = await salvoHere(['merge', join(dir, 'bad.json'), ...parts]);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('UNKNOWN_VERSION');
    },
    TIMEOUT,
  );

  it('readPartialFile names the file it refuses', async () => {
    const notAPart = join(dir, 'not-a-part.bin');
    writeFileSync(notAPart, 'hello');
    await expect(readPartialFile(notAPart)).rejects.toMatchObject({
      code: 'INVALID_ENCODING',
      parameter: 'path',
      message: expect.stringContaining(notAPart),
    });
    await expect(readPartialFile(join(dir, 'missing.salvopart'))).rejects.toMatchObject({
      code: 'IO_ERROR',
    });
  });
});
