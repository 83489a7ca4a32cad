import { EnvSchema, SECRET_ENV_KEYS } from './schema.js';

/** The default of one variable as the schema applies it (parsing an empty environment for that key). */
function defaultOf(key: string): string {
  const field = EnvSchema.shape[key as keyof typeof EnvSchema.shape];
  const parsed = field.safeParse(undefined);
  return parsed.success && parsed.data !== undefined ? `\`${String(parsed.data)}\`` : '–';
}

/** The README's configuration table, generated from the zod schema (a test keeps them equal). */
export function renderConfigTable(): string {
  const rows = Object.entries(EnvSchema.shape).map(([key, field]) => {
    const secret = (SECRET_ENV_KEYS as readonly string[]).includes(key) ? ' 🔒' : '';
    return `| \`${key}\`${secret} | ${defaultOf(key)} | ${(field.description ?? '').replace(/\|/g, '\\|')} |`;
  });
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
