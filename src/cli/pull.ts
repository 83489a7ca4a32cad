import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { buildStratsysClient } from '../app/compose.js';
import { planPull } from '../mapping/engine/pull-plan.js';
import { importableUnits } from '../pipeline/find-unit.js';
import { resolveUnit } from '../pipeline/find-unit.js';
import { pullSnapshot } from '../pipeline/pull.js';
import { systemClock } from '../shared/clock.js';
import { action, createCommandContext, parseIntArg } from './common.js';
import { commandPeriod } from './period.js';
import { YEARS } from '../shared/years.js';

interface PullOptions {
  department?: string;
  out?: string;
  year?: number;
}

/** `stratsys-sync pull`: the organisation and action-plan data as one validated snapshot file. */
export function register(program: Command): void {
  program
    .command('pull')
    .description('pull the organisation and the action-plan data from Stratsys and write a validated snapshot (JSON)')
    .option('--department <idOrName>', 'pull only this unit')
    .option('--year <year>', 'reported year whose programme decides what to pull; recorded in the snapshot (default: SYNC_YEAR, else last year)', parseIntArg('--year', YEARS.min, YEARS.max))
    .option('--out <file>', 'write the snapshot here instead of standard output')
    .action(
      action(async (options: PullOptions, command: Command) => {
        const ctx = createCommandContext(command);
        const { config, logger } = ctx;
        const { year, asOf, mapping } = commandPeriod(ctx, { year: options.year }, 'read');
        const client = buildStratsysClient({ config, clock: systemClock, logger });
        const progress = process.stderr.isTTY;
        let only: string[] | undefined;
        const snapshot = await pullSnapshot(
          { client, clock: systemClock, logger },
          (departments) => {
            const plan = planPull(mapping, departments);
            if (options.department) only = [resolveUnit(options.department, importableUnits(plan, departments)).id];
            return only ? { ...plan, unitIds: only } : plan;
          },
          {
            tenantId: config.TENANT_ID,
            onUnit: progress
              ? (outcome, done, total) =>
                  process.stderr.write(
                    `pull ${done}/${total}: unit ${outcome.ok ? `${outcome.unit.departmentId} ok (${outcome.unit.requests} requests)` : `${outcome.failure.departmentId} FAILED: ${outcome.failure.message}`}\n`,
                  )
              : undefined,
          },
        );
        // The snapshot records its period, so coverage and explain read it with the same programme.
        const recorded = { ...snapshot, tenant: { ...snapshot.tenant, period: { year, asOf, programmeId: mapping.id } } };
        const text = `${JSON.stringify(recorded, null, 2)}\n`;
        if (options.out) {
          await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
          await writeFile(options.out, text, 'utf8');
          process.stderr.write(`snapshot of ${snapshot.units.length} units written to ${options.out} (${client.requestCount} requests)\n`);
        } else {
          process.stdout.write(text);
        }
        if (snapshot.failures.length > 0) {
          process.stderr.write(`error PULL_INCOMPLETE: ${snapshot.failures.length} units failed: ${snapshot.failures.map((f) => `${f.departmentId} (${f.message})`).join('; ')}\n`);
          process.exitCode = 1;
        }
      }),
    );
}
