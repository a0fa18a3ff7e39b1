import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';

/**
 * Runs a command and returns its stdout; a failure shows the command, its exit, stdout and stderr.
 * Used by the package tests, which pack, install and compile in fresh folders.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  cwd: string,
  timeoutMs = 120_000,
): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: timeoutMs });
  const report = [
    `$ ${command} ${args.join(' ')}  (in ${cwd})`,
    `exit: ${result.status ?? result.signal ?? result.error?.message}`,
    `--- stdout\n${result.stdout}`,
    `--- stderr\n${result.stderr}`,
  ].join('\n');
  expect(result.status, report).toBe(0);
  return result.stdout;
}
