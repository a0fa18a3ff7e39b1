/** Assertions about the errors salvo throws. */
import { expect } from 'vitest';
import { SalvoError, type SalvoErrorCode } from '../../src/errors.js';

/**
 * Runs `f` and returns the SalvoError it throws; fails the test if it throws nothing or something else.
 * `context`, when given, is shown in either failure.
 */
export function thrownSalvoError(f: () => unknown, context?: string): SalvoError {
  try {
    f();
  } catch (error) {
    expect(error, context).toBeInstanceOf(SalvoError);
    return error as SalvoError;
  }
  return expect.unreachable(context ? `no SalvoError thrown: ${context}` : 'no SalvoError thrown');
}

export interface ExpectedSalvoError {
  /** The error's code; `'INVALID_PARAMETER'` unless given. */
  code?: SalvoErrorCode;
  /** The parameter the error must name, in `error.parameter` and (see below) in its message. */
  parameter: string;
  /**
   * Whether the message must contain `parameter`; true unless given. Errors about a whole argument
   * rather than a value (REJECTION_HOPELESS names `dist` but describes the window) set it to false.
   */
  messageNamesParameter?: boolean;
  /** Text (or several) that the message must also contain. */
  messageIncludes?: string | readonly string[];
  /** Shown when `f` throws nothing or something other than a SalvoError. */
  context?: string;
}

/**
 * Asserts that `f` throws a SalvoError with the given code that names `parameter` (as `error.parameter`
 * and, unless `messageNamesParameter` is false, in its message) and whose message contains
 * `messageIncludes`; returns the error for further checks.
 */
export function expectSalvoError(
  f: () => unknown,
  {
    code = 'INVALID_PARAMETER',
    parameter,
    messageNamesParameter = true,
    messageIncludes = [],
    context,
  }: ExpectedSalvoError,
): SalvoError {
  const error = thrownSalvoError(f, context);
  expect(error.code, error.message).toBe(code);
  expect(error.parameter, error.message).toBe(parameter);
  if (messageNamesParameter) expect(error.message).toContain(parameter);
  for (const text of typeof messageIncludes === 'string' ? [messageIncludes] : messageIncludes) {
    expect(error.message).toContain(text);
  }
  return error;
}
