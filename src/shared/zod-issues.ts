import type { z } from 'zod';

/**
 * The one way a zod issue becomes text for a person: `path: message`, the path dotted (`a.b.0`),
 * or `whole` (e.g. `(env)`, `body`) when the issue concerns the whole value. Pure.
 */
export function formatZodIssue(issue: z.core.$ZodIssue, whole = ''): string {
  return `${issue.path.map(String).join('.') || whole}: ${issue.message}`;
}

/** Every issue (at most `limit`) formatted with formatZodIssue. */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[], whole = '', limit = Infinity): string[] {
  return issues.slice(0, limit).map((issue) => formatZodIssue(issue, whole));
}
