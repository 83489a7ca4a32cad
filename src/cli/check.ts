import type { Command } from 'commander';
import { describeConfig } from '../config/load.js';
import { buildStratsysClient } from '../app/stratsys.js';
import { systemClock } from '../shared/clock.js';
import { action, createCommandContext } from './common.js';

/** `stratsys-sync check`: can we reach Stratsys with these credentials, and as which application? */
export function register(program: Command): void {
  program
    .command('check')
    .description('check access to Stratsys (CheckAccess, applications/this) and print the effective settings, secrets masked')
    .option('--json', 'print one JSON document')
    .action(
      action(async (options: { json?: boolean }, command: Command) => {
        const { config, logger } = createCommandContext(command);
        const client = buildStratsysClient({ config, clock: systemClock, logger });
        const access = await client.checkAccess();
        const application = await client.application();
        const settings = describeConfig(config);
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ access, application, settings }, null, 2)}\n`);
          return;
        }
        const lines = [
          `Stratsys access: ${access}`,
          `Application:     ${application.Name} (version ${application.VersionId ?? 'unknown'}, external source ${application.ExternalSourceId ?? 'none'})`,
          `Base URL:        ${config.STRATSYS_BASE_URL}`,
          `Auth:            ${config.STRATSYS_AUTH}${config.STRATSYS_CLIENT_ID ? ` as ${config.STRATSYS_CLIENT_ID}` : ''}${config.STRATSYS_COMPANY_CODE ? `, company ${config.STRATSYS_COMPANY_CODE}` : ''}, secret ***`,
          `Limits:          ${config.STRATSYS_MAX_CONCURRENCY} in flight, ${config.STRATSYS_MAX_RPS} req/s, timeout ${config.STRATSYS_TIMEOUT_MS} ms, ${config.STRATSYS_MAX_RETRIES} retries`,
          `Tenant id:       ${config.TENANT_ID}`,
          '',
          'Settings:',
          ...Object.entries(settings).map(([key, value]) => `  ${key}=${value ?? ''}`),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );
}
