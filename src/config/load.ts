import { AppError } from '../shared/errors.js';
import { EnvSchema, SECRET_ENV_KEYS, type Env } from './schema.js';
import { formatZodIssues } from '../shared/zod-issues.js';

export type Config = Readonly<Env>;

/**
 * Reads and validates the environment once, at start. Throws CONFIG_INVALID naming each bad
 * variable and what it expected; values are never echoed, so secrets cannot leak here.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.fromEntries(Object.keys(EnvSchema.shape).map((key) => [key, env[key]]));
  const parsed = EnvSchema.safeParse(known);
  if (!parsed.success) {
    const lines = formatZodIssues(parsed.error.issues, '(env)');
    throw new AppError('CONFIG_INVALID', `invalid configuration: ${lines.join('; ')}`, {
      details: { variables: parsed.error.issues.map((issue) => issue.path.join('.')) },
    });
  }
  const config = parsed.data;
  if (!config.STRATSYS_BASE_URL.endsWith('/')) config.STRATSYS_BASE_URL += '/';
  return Object.freeze(config);
}

/** The effective settings with secrets masked, for `check` and start-up logs. */
export function describeConfig(config: Config): Record<string, string | number | undefined> {
  const out: Record<string, string | number | undefined> = {};
  for (const [key, value] of Object.entries(config)) {
    out[key] = (SECRET_ENV_KEYS as readonly string[]).includes(key) && value !== undefined ? '***' : (value as string | number | undefined);
  }
  return out;
}

/** The organisation's name as people read it: TENANT_NAME, else TENANT_ID. */
export function tenantDisplayName(config: Pick<Config, 'TENANT_ID' | 'TENANT_NAME'>): string {
  return config.TENANT_NAME ?? config.TENANT_ID;
}
