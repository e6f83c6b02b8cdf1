/**
 * Cancellation errors. Every cancelled run rejects with an Error named 'AbortError' (the name
 * fetch and Node streams use), so callers tell "the user stopped it" from a real failure with one
 * check, whatever the signal's own reason was.
 */
export function abortError(message = 'The operation was cancelled.'): Error {
  const error = new Error(message);
  error.name = 'AbortError';
  return error;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Throws an AbortError when `signal` has fired. */
export function throwIfAborted(signal: AbortSignal | undefined, message?: string): void {
  if (signal?.aborted) throw abortError(message);
}
