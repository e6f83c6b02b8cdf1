import type { z } from 'zod';

/** One line naming the file, the first bad field (as a JSON path) and what is wrong with it. */
export function describeSchemaError(file: string, what: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const field =
    issue.path.length === 0
      ? '(top level)'
      : issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '');
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `${file}: not a valid ${what}: ${field}: ${issue.message}${more}`;
}
