/**
 * What a derive callback (`model.derive(name, callback)`) is handed, block after block: copies of the
 * earlier nodes' values — made when the callback reads a node, into buffers reused across blocks — so
 * that a callback that writes into its inputs cannot change kept samples or the nodes after it; and a
 * pool of buffers for the results of its `Samples` arithmetic, reused across blocks too (see
 * `BufferLease` in src/samples/samples.ts).
 * @module
 */
import { BufferLease, Samples, withLease } from '../samples/samples.js';

/**
 * The most bytes of result buffers lent to one callback call: 32 buffers of the default block of
 * 65,536 samples. Results beyond get new arrays, as outside a callback.
 */
const LENT_BYTES = 16 * 2 ** 20;

/** Per run (or per re-evaluation), the buffers lent to derive callbacks. */
export class CallbackScope {
  private readonly copies = new Map<string, Float64Array>();
  private readonly pool: Float64Array[] = [];
  private capacity = 0;

  /**
   * Calls `compute` with copies of `views` made on first read, and gives `finish` its result while the
   * copies and the results of its arithmetic are still valid; they expire when `finish` returns.
   */
  call<R>(
    views: Readonly<Record<string, Samples>>,
    length: number,
    compute: (nodes: Record<string, Samples>) => unknown,
    finish: (result: unknown) => R,
  ): R {
    if (length > this.capacity) {
      // A longer block than any before (the first call): buffers of the new length from now on.
      this.capacity = length;
      this.pool.length = 0;
      this.copies.clear();
    }
    const limit = Math.max(2, Math.floor(LENT_BYTES / (8 * this.capacity)));
    const lease = new BufferLease(this.pool, this.capacity, limit);
    const nodes: Record<string, Samples> = {};
    for (const name of Object.keys(views)) {
      let copy: Samples | undefined;
      Object.defineProperty(nodes, name, {
        enumerable: true,
        get: () => {
          copy ??= Samples.leased(this.copyOf(name, views[name].values), lease);
          return copy;
        },
      });
    }
    return withLease(lease, () => compute(nodes), finish);
  }

  /** `values` copied into the node's buffer (reused across blocks). */
  private copyOf(name: string, values: Float64Array): Float64Array {
    let buffer = this.copies.get(name);
    if (buffer === undefined) {
      buffer = new Float64Array(this.capacity);
      this.copies.set(name, buffer);
    }
    const copy = buffer.subarray(0, values.length);
    copy.set(values);
    return copy;
  }
}
