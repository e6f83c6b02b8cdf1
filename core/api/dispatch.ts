import type { PoseApi } from './pose-api';
import { findMethod } from './channels';
import { API_ARG_SCHEMAS, describeIssues } from './schemas';
import { ApiError, ERROR_CODES } from './errors';

/**
 * The receiving side of every boundary: looks the method up in the channel table, validates the
 * raw arguments with its zod schema, and calls the implementation. Both the Electron IPC
 * handlers and the web host go through here, so validation is identical in both hosts.
 */
export async function dispatchApiCall(
  api: PoseApi,
  domain: string,
  method: string,
  rawArgs: unknown,
): Promise<unknown> {
  const ref = findMethod(domain, method);
  if (!ref) throw new ApiError(ERROR_CODES.unknownMethod, `Unknown API method ${domain}.${method}.`);
  if (!Array.isArray(rawArgs)) {
    throw new ApiError(
      ERROR_CODES.invalidArgument,
      `Invalid arguments for ${domain}.${method}: expected a JSON array of arguments.`,
    );
  }
  const schemas = API_ARG_SCHEMAS as unknown as Record<string, Record<string, import('zod').ZodType<unknown[]>>>;
  const parsed = schemas[ref.domain][ref.method].safeParse(rawArgs);
  if (!parsed.success) {
    throw new ApiError(
      ERROR_CODES.invalidArgument,
      `Invalid arguments for ${domain}.${method}: ${describeIssues(parsed.error)}`,
    );
  }
  const target = api[ref.domain] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  return target[ref.method](...parsed.data);
}
