import { readFile } from 'node:fs/promises';
import { AppError } from '../../shared/errors.js';
import type { TenantFixture } from '../fixture.js';
import { TenantFixtureSchema } from '../fixture-refs.js';
import { formatZodIssues } from '../../shared/zod-issues.js';

/** Most problems listed in one error message. */
const MAX_ISSUES = 10;

/**
 * Reads and validates a tenant fixture file. Any problem is a CLI_USAGE error naming the file and,
 * for schema problems, each field path: `tenant file t.json is invalid: nodes.3.departmentId: unknown department "9"`.
 */
export async function loadTenantFixture(file: string): Promise<TenantFixture> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError('CLI_USAGE', `tenant file ${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('CLI_USAGE', `tenant file ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseTenantFixture(json, file);
}

/** Validates a parsed fixture; `source` names it in the error. */
export function parseTenantFixture(json: unknown, source: string): TenantFixture {
  const parsed = TenantFixtureSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const lines = formatZodIssues(issues, '(root)', MAX_ISSUES);
  const more = issues.length > MAX_ISSUES ? `; and ${issues.length - MAX_ISSUES} more` : '';
  throw new AppError('CLI_USAGE', `tenant file ${source} is invalid: ${lines.join('; ')}${more}`, { details: { file: source, issues: issues.length } });
}
