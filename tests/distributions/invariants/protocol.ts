/**
 * Messages between tests/distributions/invariants.test.ts and its worker thread.
 */

/** Test → worker: check one family's property. */
export interface CheckRequest {
  readonly family: string;
  readonly seed: number;
  readonly runs: number;
}

/**
 * Worker → test: the worker has loaded, a call is about to be made, or the family is done (with a
 * failure's message).
 */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'call'; readonly what: string }
  | { readonly type: 'done'; readonly failure: string | undefined };

/** The family name that makes the worker call something that never returns (the watchdog's own test). */
export const HANG_SELF_TEST = 'hang (self-test)';
