import { resolvePeriod, type PeriodPurpose, type PeriodRequest, type ResolvedPeriod, type StoredPeriod } from '../app/period.js';
import { loadMappings } from '../mapping/file/load.js';
import { systemClock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { SnapshotStore } from '../store/snapshot-store.js';
import type { CommandContext } from './common.js';

/**
 * A command's year, as-of and programme by the one policy (src/app/period.ts): flags, else
 * SYNC_YEAR / SYNC_AS_OF, else the stored pull's period (readers only), else the defaults.
 * Warnings go to stderr, prefixed `warning:`.
 */
export function commandPeriod(ctx: Pick<CommandContext, 'config'>, request: PeriodRequest, purpose: PeriodPurpose, stored?: StoredPeriod | null): ResolvedPeriod {
  const period = resolvePeriod(request, { settings: ctx.config, clock: systemClock, mappings: loadMappings(ctx.config.MAPPINGS_DIR), purpose, stored });
  for (const warning of period.warnings) process.stderr.write(`warning: ${warning}\n`);
  return period;
}

/** The stored pull's period (readers' default); PULL_INCOMPLETE before the first pull. */
export async function storedPullPeriod(snapshots: Pick<SnapshotStore, 'loadTenant'>): Promise<StoredPeriod | undefined> {
  const tenant = await snapshots.loadTenant();
  if (!tenant) throw new AppError('PULL_INCOMPLETE', 'no stored pull yet: run `stratsys-sync run --once` or a nightly sync first');
  return tenant.period;
}
