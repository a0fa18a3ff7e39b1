/**
 * Progress reports: `onProgress` is called after a block, at most once per
 * {@link PROGRESS_INTERVAL_MS}, and always once the last sample is done. One throttle for every
 * driver (single-thread, weighted, worker threads).
 * @module
 */
import type { RunPlan } from './plan.js';

/** The shortest time between two `onProgress` calls: a setting, not a measurement. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * A function to call with the samples done after each block: it calls `plan.onProgress` when the
 * interval has passed since the last call, or when the run is complete. Does nothing without one.
 */
export function progressReporter(
  plan: Pick<RunPlan, 'onProgress' | 'total'>,
): (done: number) => void {
  const onProgress = plan.onProgress;
  if (onProgress === undefined) return () => {};
  let last = Date.now();
  return (done) => {
    const now = Date.now();
    if (now - last < PROGRESS_INTERVAL_MS && done !== plan.total) return;
    last = now;
    onProgress(done, plan.total);
  };
}
