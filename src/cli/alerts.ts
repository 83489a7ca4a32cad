import { allRoleHolders } from '../snapshot/schema.js';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { AlertLedger } from '../alerts/ledger.js';
import type { AlertDigest, AlertPlan } from '../alerts/digest.js';
import { buildMimeMessage } from '../alerts/mailer.js';
import { formatAlertOutcome } from '../alerts/outcome.js';
import { planAlerts } from '../alerts/send-alerts.js';
import { alertSourceOf } from '../pipeline/alert-source.js';
import { createAlertLedger } from '../app/compose.js';
import { createStateStores, openCliRedis } from '../app/state-stores.js';
import { assessStoredFacts } from '../pipeline/stored.js';
import { lastImportFailures } from '../pipeline/unit-status.js';
import { systemClock } from '../shared/clock.js';
import { action, createCommandContext, parseInstantArg, parseIntArg, type CommandContext } from './common.js';
import { commandPeriod, storedPullPeriod } from './period.js';
import { YEARS } from '../shared/years.js';

/** Options of `alerts preview`. */
export interface AlertsPreviewOptions {
  year?: number;
  asOf?: string;
  /** Only digests sent or copied to this address (case-insensitive). */
  owner?: string;
  /** Write `<key>.eml` and `<key>.html` here instead of printing. */
  out?: string;
  /** Compose as if nothing had been sent yet: what each recipient gets, whatever the ledger says. */
  ignoreLedger?: boolean;
}

/** What a preview found. */
export interface AlertsPreview {
  plan: AlertPlan;
  year: number;
  asOf: string;
  unknownUnitIds: string[];
  /** With --owner and no e-mail for them: why (nothing new, or nothing at all). */
  ownerNote: string | null;
}

/** A read-only view of the ledger that has sent nothing (--ignore-ledger). */
function ledgerIgnored(ledger: AlertLedger): AlertLedger {
  return { ...ledger, sentEntries: async () => new Set<string>() };
}

/**
 * What the alert step would send now, from the last stored pull (no Stratsys requests). Reads the
 * ledger to leave out what was already sent in its cadence step; sends and records nothing.
 */
export async function previewAlerts(ctx: CommandContext, options: AlertsPreviewOptions): Promise<AlertsPreview> {
  const { config } = ctx;
  const redis = await openCliRedis(config);
  try {
    const stores = createStateStores(config, redis);
    const { year, asOf, mapping } = commandPeriod(ctx, options, 'read', await storedPullPeriod(stores.snapshots));
    const deps = { tenantId: config.TENANT_ID, clock: systemClock, snapshots: stores.snapshots, timeZone: config.REPORT_TIME_ZONE };
    // Units whose last import failed are unknown here too: nobody is alerted from their older pull.
    // Assessed from the units' stored facts a batch at a time, as a run is: never every full pull at once.
    const { snapshot, assessment } = await assessStoredFacts(deps, mapping, { year, asOf }, await lastImportFailures(stores.status));
    const ledger = await createAlertLedger(config, { clock: systemClock, redis });
    const source = alertSourceOf(assessment);
    const input = { runId: 'preview', mapping, source, roleHolders: allRoleHolders(snapshot), asOf, dryRun: true };
    const plan = await planAlerts(options.ignoreLedger ? ledgerIgnored(ledger) : ledger, input);
    const digests = filterByOwner(plan.digests, options.owner);
    let ownerNote: string | null = null;
    if (options.owner !== undefined && digests.length === 0) {
      const anyway = filterByOwner((await planAlerts(ledgerIgnored(ledger), input)).digests, options.owner);
      ownerNote =
        anyway.length > 0
          ? `${options.owner}: nothing new now; already alerted about ${anyway[0]?.reportIds.length ?? 0} missing report(s) in the current cadence step. --ignore-ledger shows that e-mail.`
          : `${options.owner} receives nothing for ${year}: not an owner of a focus area with missing reports, nor the International Office.`;
    }
    return { plan: { ...plan, digests }, year, asOf, unknownUnitIds: source.unknownUnitIds, ownerNote };
  } finally {
    redis?.disconnect();
  }
}

/** Digests to or copied to `owner`; all when no owner is given. */
export function filterByOwner(digests: AlertDigest[], owner: string | undefined): AlertDigest[] {
  if (owner === undefined) return digests;
  const wanted = owner.trim().toLowerCase();
  return digests.filter((digest) => [...digest.to, ...digest.cc].some((address) => address.toLowerCase() === wanted));
}

/**
 * The preview as text: per digest its key, step, recipients, subject and (unless `withBodies` is
 * false) plain body; then the summary, which names the units whose reports are unknown.
 */
export function formatPreview(plan: AlertPlan, year: number, withBodies = true, unknownUnitIds: string[] = []): string {
  const blocks = plan.digests.map((digest) =>
    [
      `── ${digest.key} · ${STEP_TEXT[digest.step]} · ${digest.reportIds.length} report(s)`,
      `To: ${digest.to.join(', ')}`,
      ...(digest.cc.length > 0 ? [`Cc: ${digest.cc.join(', ')}`] : []),
      `Subject: ${digest.subject}`,
      ...(withBodies ? ['', digest.text] : []),
    ].join('\n'),
  );
  const summary = formatAlertOutcome({ runId: 'preview', year, dryRun: true, ...plan, sent: [], skipped: [], pending: [], failed: [], unknownUnitIds });
  return `${[...blocks, summary].join('\n')}\n`;
}

const STEP_TEXT: Record<AlertDigest['step'], string> = { first: 'first notice', reminder: 'reminder', escalation: 'escalated reminder' };

/** Writes `<key>.eml` (the message nodemailer would send) and `<key>.html` per digest; returns the files. */
export async function writePreview(plan: AlertPlan, dir: string, from: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const digest of plan.digests) {
    const message = { key: digest.key, to: digest.to, cc: digest.cc, subject: digest.subject, text: digest.text, html: digest.html };
    const eml = path.join(dir, `${digest.key}.eml`);
    const html = path.join(dir, `${digest.key}.html`);
    await writeFile(eml, await buildMimeMessage(message, from));
    await writeFile(html, digest.html, 'utf8');
    files.push(eml, html);
  }
  return files;
}

/** `stratsys-sync alerts preview`. */
export function register(program: Command): void {
  const alerts = program.command('alerts').description('alert e-mails to focus-area owners about overdue follow-ups');
  alerts
    .command('preview')
    .description('show the alert e-mails the next run would send, from the last stored pull; sends and records nothing')
    .option('--year <year>', 'reported year (default: SYNC_YEAR, else that of the stored pull)', parseIntArg('--year', YEARS.min, YEARS.max))
    .option('--as-of <date>', 'as of this instant or date (yyyy-MM-dd = 00:00 in REPORT_TIME_ZONE); default SYNC_AS_OF, else that of the stored pull', parseInstantArg)
    .option('--owner <email>', 'only e-mails sent or copied to this address; says why when there is none')
    .option('--ignore-ledger', 'compose as if nothing had been sent yet: what each recipient receives, whatever was sent before')
    .option('--out <dir>', 'write each e-mail as <key>.eml and <key>.html into this folder instead of printing')
    .action(
      action(async (options: AlertsPreviewOptions, command: Command) => {
        const ctx = createCommandContext(command);
        const { plan, year, unknownUnitIds, ownerNote } = await previewAlerts(ctx, options);
        if (ownerNote !== null) process.stdout.write(`${ownerNote}\n`);
        if (options.out !== undefined) {
          const files = await writePreview(plan, options.out, ctx.config.MAIL_FROM);
          process.stdout.write(`Wrote ${files.length} files (${plan.digests.length} e-mails) to ${options.out}\n`);
        }
        process.stdout.write(formatPreview(plan, year, options.out === undefined, unknownUnitIds));
      }),
    );
}
