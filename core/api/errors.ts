import type { ApiErrorData } from './pose-api';

/**
 * Errors cross process and network boundaries as plain `{ code, message }` data and are rebuilt
 * here as real `Error`s, so UI code can branch on `error.code` in both hosts.
 * No Node imports: the renderer uses this module too.
 */

export const ERROR_CODES = {
  /** Arguments failed validation at the boundary. */
  invalidArgument: 'INVALID_ARGUMENT',
  /** No such API method (a client built against another version). */
  unknownMethod: 'UNKNOWN_METHOD',
  notFound: 'NOT_FOUND',
  forbidden: 'FORBIDDEN',
  unauthorized: 'UNAUTHORIZED',
  /** The request needs a project or run that does not exist (yet). */
  failedPrecondition: 'FAILED_PRECONDITION',
  cancelled: 'CANCELLED',
  /** The output file exists (an earlier Posetrail export); the request did not say overwrite. */
  alreadyExists: 'ALREADY_EXISTS',
  /** An export would replace a file Posetrail did not write; repeat with overwrite to replace it. */
  exportExists: 'EXPORT_EXISTS',
  /** Too many requests of this kind are running; retry shortly (HTTP 503). */
  busy: 'BUSY',
  /** The request could not reach the back end at all. */
  unavailable: 'UNAVAILABLE',
  internal: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Flattens any thrown value into transport data, keeping Node error codes (ENOENT…) as codes. */
export function toErrorData(error: unknown): ApiErrorData {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  if (error instanceof Error) {
    if (error.name === 'AbortError') return { code: ERROR_CODES.cancelled, message: error.message || 'Cancelled.' };
    const nodeCode = (error as { code?: unknown }).code;
    const code = typeof nodeCode === 'string' && nodeCode.length > 0 ? nodeCode : ERROR_CODES.internal;
    return { code, message: error.message || String(error) };
  }
  return { code: ERROR_CODES.internal, message: String(error) };
}

export function isErrorData(value: unknown): value is ApiErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorData).code === 'string' &&
    typeof (value as ApiErrorData).message === 'string'
  );
}

/** Rebuilds an `Error` (with `code`) from transport data on the receiving side. */
export function fromErrorData(data: ApiErrorData): ApiError {
  return new ApiError(data.code, data.message);
}
