/**
 * The large arrays of a run (kept samples, block buffers, exact-quantile windows), allocated with a coded
 * error when the machine cannot give the memory: raising `memoryBudgetBytes` past the machine's memory
 * made `new Float64Array` throw an uncoded `RangeError` ("Array buffer allocation failed").
 * @internal
 * @module
 */
import { SalvoError } from '../errors.js';

const GIB = 2 ** 30;

/**
 * A zero-filled `Float64Array` of `length` values (over a `SharedArrayBuffer` when `shared`), or
 * `OUT_OF_MEMORY` naming `what` was being allocated for `where`, with the `RangeError` as its cause.
 */
export function allocateFloat64(
  where: string,
  what: string,
  length: number,
  shared = false,
): Float64Array {
  try {
    return shared ? new Float64Array(new SharedArrayBuffer(length * 8)) : new Float64Array(length);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new SalvoError(
      'OUT_OF_MEMORY',
      `${where}: could not allocate ${what}, ${length} values (${((length * 8) / GIB).toFixed(2)} GiB): ` +
        `${error.message}; the machine has less memory than memoryBudgetBytes allows (or the array is ` +
        'longer than JavaScript allows): draw fewer samples, keep fewer nodes, or use a smaller blockSize',
      { value: length, cause: error },
    );
  }
}
