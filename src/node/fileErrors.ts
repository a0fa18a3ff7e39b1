/**
 * The one place where the file functions of 'salvo/node' meet the file system's errors: a call of
 * `node:fs` that fails (`ENOENT`, `EISDIR`, `EACCES`...) becomes a {@link SalvoError} `IO_ERROR` that
 * names the function and the path and keeps the system's error as its `cause`; a path of the wrong
 * kind becomes `INVALID_PARAMETER`.
 * @module
 */
import { SalvoError } from '../errors.js';
import { show } from '../validate.js';

/** Node's codes for an argument of the wrong type or value (a bad path rather than a failed call). */
const ARGUMENT_CODES = new Set(['ERR_INVALID_ARG_TYPE', 'ERR_INVALID_ARG_VALUE']);

/**
 * Runs one file-system call of `where` on `path`, turning its failure into a coded error.
 * @param where - the public function, such as `readCsvFile`
 * @param path - the path it was given (for the message)
 * @param doing - what the call does, for the message: `'read'`, `'write'`, `'open'`...
 * @param call - the `node:fs/promises` call
 * @returns what `call` resolves to
 * @throws {@link SalvoError} `IO_ERROR` (the system's error as `cause`) when the call fails;
 *   `INVALID_PARAMETER` when Node refuses the path itself (not text, or with a NUL byte)
 * @internal
 */
export async function fileCall<T>(
  where: string,
  path: unknown,
  doing: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && ARGUMENT_CODES.has(code)) {
      throw new SalvoError(
        'INVALID_PARAMETER',
        `${where}: path must be a file path, got ${show(path)}`,
        { parameter: 'path', value: path, cause: error },
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new SalvoError(
      'IO_ERROR',
      `${where}: could not ${doing} ${show(path)}: ${typeof code === 'string' && !reason.includes(code) ? `${code}: ` : ''}${reason}`,
      { parameter: 'path', value: path, cause: error },
    );
  }
}
