// Types of shared.mjs, for the benchmarks written in TypeScript (run with tsx on the sources).
import type * as salvo from '../src/index.js';

/** The model-engine issue's reference workload, built with the given salvo namespace. */
export function referenceModel(
  s: typeof salvo,
): salvo.Model<
  | 'containers'
  | 'shellsPerContainer'
  | 'shareCarryingShells'
  | 'pricePerShellUsd'
  | 'shells'
  | 'valueUsd'
>;
/** "2 × AMD EPYC, 24 GiB, Node v20…" */
export function machine(): string;
/** Replaces the text between `<!-- NAME:START -->` and `<!-- NAME:END -->` in docs/performance.md. */
export function writeMarkedTable(name: string, table: string): void;
/** A command pinned to CPU `index % cpus`, when `taskset` exists (BENCH_PIN=0 turns pinning off). */
export function pinned(
  index: number,
  command: string,
  args: readonly string[],
): { command: string; args: string[]; cpu: number | undefined };
