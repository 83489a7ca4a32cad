import { z } from 'zod';
import { AS_OF_MIN_YEAR, isValidAsOf } from '../shared/as-of.js';
import { isLoopbackHost } from '../shared/loopback.js';
import { YEARS } from '../shared/years.js';

/** Plain http to anything but a loopback address (the URL parser has normalised `127.1`, `0x7f000001`, `[0::1]`). */
function isInsecureRemote(value: string): boolean {
  const url = new URL(value);
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}

/**
 * A token someone cannot guess from its length alone: ≥ 24 characters, no white space, at least
 * two character classes (lower case, upper case, digits, others) and 8 distinct characters.
 */
export function isStrongToken(token: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((pattern) => pattern.test(token)).length;
  return token.length >= 24 && !/\s/.test(token) && classes >= 2 && new Set(token).size >= 8;
}

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
/** Decimal digits only: `Number()` would also read `0x7e3`, `1e3` or ` 12`. */
const decimalInt = z
  .string()
  .regex(/^\d{1,10}$/, 'expected a whole number in decimal digits')
  .transform(Number);
const intInRange = (min: number, max: number, fallback: number) => z.preprocess(emptyToUndefined, decimalInt.pipe(z.number().int().min(min).max(max)).default(fallback));

/** A decimal number with at most 6 decimals (`2.5`, `20`); no exponents, hex or signs. */
const decimalNumber = z
  .string()
  .regex(/^\d{1,10}(\.\d{1,6})?$/, 'expected a number in decimal digits, e.g. 20 or 2.5')
  .transform(Number);
const decimalInRange = (min: number, max: number, fallback: number) => z.preprocess(emptyToUndefined, decimalNumber.pipe(z.number().min(min).max(max)).default(fallback));

const urlString = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  );

/**
 * The environment the service reads, one entry per variable. `describe()` texts feed the
 * README's configuration table, which a test keeps in step with this schema.
 */
export const EnvSchema = z
  .object({
    TENANT_ID: z
      .preprocess(
        emptyToUndefined,
        z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected lower-case letters, digits and dashes')
          .default('default'),
      )
      .describe('Id of the tenant this process serves; keys all state in Redis and files.'),
    TENANT_NAME: optionalString.describe('Name of the organisation as people read it (e-mails, status page, reports, summaries), e.g. `Gävle kommun`; default TENANT_ID.'),
    STRATSYS_BASE_URL: z
      .preprocess(emptyToUndefined, urlString(['https:', 'http:']).default('https://www.stratsys.se/api/v1/'))
      .describe('Base URL of the Stratsys REST API v1 (trailing slash added when missing).'),
    STRATSYS_AUTH: z
      .preprocess(emptyToUndefined, z.enum(['basic', 'bearer', 'client-credentials']).default('basic'))
      .describe('Authentication mode: `basic`, `bearer` (`BEARER <companyCode>_<token>`) or `client-credentials` (OAuth2).'),
    STRATSYS_CLIENT_ID: optionalString.describe('API client id (basic, client-credentials).'),
    STRATSYS_CLIENT_SECRET: optionalString.describe('API client secret (basic, client-credentials) or the token (bearer). Secret.'),
    STRATSYS_COMPANY_CODE: optionalString.describe('Company code, put before the token in `BEARER <companyCode>_<token>`.'),
    STRATSYS_TOKEN_URL: z.preprocess(emptyToUndefined, urlString(['https:', 'http:']).optional()).describe('OAuth2 token endpoint (client-credentials).'),
    STRATSYS_ALLOW_INSECURE_HTTP: z
      .preprocess(
        emptyToUndefined,
        z
          .enum(['true', 'false'])
          .default('false')
          .transform((v) => v === 'true'),
      )
      .describe('Allow plain `http://` Stratsys and token URLs on other hosts than loopback (e.g. a simulator in docker compose).'),
    STRATSYS_SCOPE: z.preprocess(emptyToUndefined, z.string().default('https://web.stratsys.se/auth/v1/full.access')).describe('OAuth2 scope requested with client credentials.'),
    STRATSYS_TIMEOUT_MS: intInRange(100, 600_000, 30_000).describe('Timeout of one Stratsys request, in milliseconds.'),
    STRATSYS_MAX_CONCURRENCY: intInRange(1, 256, 8).describe('Stratsys requests in flight at once, per process.'),
    STRATSYS_MAX_RPS: decimalInRange(0.01, 10_000, 20).describe(
      "The tenant's limit of Stratsys requests per second, e.g. 20 or 2.5 (shared by all replicas when Redis is set); requests are paced STRATSYS_RPS_MARGIN below it.",
    ),
    STRATSYS_RPS_MARGIN: decimalInRange(0, 50, 2).describe("Per cent of STRATSYS_MAX_RPS left unused, so that a late request start does not trip the tenant's limit (429)."),
    STRATSYS_MAX_RESPONSE_BYTES: intInRange(65_536, 1_073_741_824, 33_554_432).describe(
      'Largest Stratsys response body read, in bytes (default 32 MiB, about 58,000 nodes in one answer); a larger one fails as STRATSYS_RESPONSE_INVALID.',
    ),
    STRATSYS_MAX_RETRIES: intInRange(0, 10, 4).describe('Retries of one transient request failure (network, 429, 502/503/504).'),
    REDIS_URL: z
      .preprocess(emptyToUndefined, urlString(['redis:', 'rediss:']).optional())
      .describe('Redis for queues, snapshots, ledgers and audit; without it `run --once` keeps state in files. Secret.'),
    REDIS_START_TIMEOUT_MS: intInRange(1_000, 600_000, 30_000).describe('How long `worker` waits for Redis at start before it stops with REDIS_UNSUITABLE.'),
    REDIS_PREFIX: z
      .preprocess(
        emptyToUndefined,
        z
          .string()
          .regex(/^[^\s:]+$/, 'expected no spaces or colons')
          .default('stratsys-sync'),
      )
      .describe('Key prefix for everything in Redis; `{stratsys-sync}` makes it a Redis Cluster hash tag.'),
    SMTP_URL: z.preprocess(emptyToUndefined, urlString(['smtp:', 'smtps:']).optional()).describe('SMTP server for alerts (`smtps://` for implicit TLS); without it mail goes to OUTBOX_DIR. Secret.'),
    SMTP_ALLOW_INSECURE: z
      .preprocess(
        emptyToUndefined,
        z
          .enum(['true', 'false'])
          .default('false')
          .transform((v) => v === 'true'),
      )
      .describe('`true` lets an `smtp://` URL with a user and password log in without STARTTLS: the password then crosses the network in clear text. Default: such a send fails.'),
    MAIL_FROM: z.preprocess(emptyToUndefined, z.string().default('stratsys-sync <noreply@localhost>')).describe('Sender of alert e-mails.'),
    ALERT_CLAIM_LEASE_MS: intInRange(1_000, 3_600_000, 600_000).describe("How long a worker's claim on an alert e-mail holds; a worker that dies mid-send leaves it to another after this long (ms)."),
    OUTBOX_DIR: z.preprocess(emptyToUndefined, z.string().default('./out/outbox')).describe('Folder for `.eml` files when SMTP_URL is not set.'),
    STATE_DIR: z
      .preprocess(emptyToUndefined, z.string().default('./out/state'))
      .describe('Folder for the audit log, alert ledger, snapshots and the last import result of each unit when Redis is not set.'),
    REPORT_DIR: z.preprocess(emptyToUndefined, z.string().default('./out/reports')).describe('Folder the run reports are written to.'),
    MAPPINGS_DIR: z.preprocess(emptyToUndefined, z.string().default('./mappings')).describe('Folder with the programme mapping files (`*.yaml`).'),
    ADMIN_TOKEN: z
      .preprocess(
        emptyToUndefined,
        z
          .string()
          .refine(isStrongToken, 'expected at least 24 characters without spaces, of at least two kinds (letters, digits, others) and 8 different ones (e.g. `openssl rand -hex 24`)')
          .optional(),
      )
      .describe('Bearer token for the admin HTTP endpoints (all but /healthz): at least 24 characters, no spaces, of two kinds or more (e.g. `openssl rand -hex 24`). Secret.'),
    HTTP_PORT: intInRange(0, 65_535, 8080).describe('Port of the admin HTTP server of `worker`.'),
    HTTP_HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')).describe('Address the admin HTTP server binds to; without ADMIN_TOKEN only loopback is allowed.'),
    QUEUE_DASHBOARD: z
      .preprocess(emptyToUndefined, z.enum(['read-only', 'retry-failed', 'full']).default('retry-failed'))
      .describe('What the queue dashboard at /admin/queues may change: `read-only`, `retry-failed` (only retry failed jobs) or `full` (pause, add, clean, remove… every Bull Board action).'),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')).describe('pino log level.'),
    REPORT_TIME_ZONE: z.preprocess(emptyToUndefined, z.string().default('Europe/Stockholm')).describe('IANA time zone of deadlines and report dates.'),
    NIGHTLY_CRON: z.preprocess(emptyToUndefined, z.string().default('30 2 * * *')).describe('Cron pattern of the nightly sync (in NIGHTLY_TZ).'),
    NIGHTLY_TZ: z.preprocess(emptyToUndefined, z.string().default('Europe/Stockholm')).describe('Time zone of the nightly cron pattern.'),
    SYNC_YEAR: z
      .preprocess(emptyToUndefined, decimalInt.pipe(z.number().int().min(YEARS.min).max(YEARS.max)).optional())
      .describe('Reported year the worker evaluates; default the year before the as-of instant.'),
    SYNC_AS_OF: z
      .preprocess(emptyToUndefined, z.string().refine(isValidAsOf, `expected yyyy-MM-dd or an ISO 8601 instant with Z or an offset, from year ${AS_OF_MIN_YEAR} on`).optional())
      .describe('Fixed as-of instant for evaluations (demos, re-evaluating a past year; a date means 00:00 in REPORT_TIME_ZONE); default now.'),
    WORKER_CONCURRENCY: intInRange(1, 64, 4).describe('Jobs one worker process runs at once.'),
    WORKER_LOCK_MS: intInRange(1_000, 600_000, 30_000).describe('Job lock duration; a worker that dies is detected as stalled after about this long.'),
    SHUTDOWN_TIMEOUT_MS: intInRange(1_000, 600_000, 30_000).describe('How long SIGTERM waits for running jobs.'),
    HEAP_GROWTH_PERCENT: intInRange(0, 1_000, 30).describe(
      "How much the heap of `worker` and `run` may grow past what the last full garbage collection kept before the next one (%); a bound keeps the peak memory of a large run near what it holds. 0 keeps V8's own policy (up to four times).",
    ),
    WORKER_IDLE_GC_MS: intInRange(0, 3_600_000, 1_000).describe('How long no job must run before the worker collects its heap in full, giving back the memory a run left (ms); 0 turns it off.'),
  })
  .superRefine((env, ctx) => {
    const need = (key: 'STRATSYS_CLIENT_ID' | 'STRATSYS_CLIENT_SECRET' | 'STRATSYS_COMPANY_CODE' | 'STRATSYS_TOKEN_URL', why: string) => {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `required when ${why}` });
    };
    if (env.STRATSYS_AUTH === 'basic') {
      need('STRATSYS_CLIENT_ID', 'STRATSYS_AUTH=basic');
      need('STRATSYS_CLIENT_SECRET', 'STRATSYS_AUTH=basic');
    } else if (env.STRATSYS_AUTH === 'bearer') {
      need('STRATSYS_CLIENT_SECRET', 'STRATSYS_AUTH=bearer (the token)');
    } else {
      need('STRATSYS_CLIENT_ID', 'STRATSYS_AUTH=client-credentials');
      need('STRATSYS_CLIENT_SECRET', 'STRATSYS_AUTH=client-credentials');
      need('STRATSYS_TOKEN_URL', 'STRATSYS_AUTH=client-credentials');
    }
    for (const key of ['STRATSYS_BASE_URL', 'STRATSYS_TOKEN_URL'] as const) {
      const value = env[key];
      if (value && !env.STRATSYS_ALLOW_INSECURE_HTTP && isInsecureRemote(value)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'expected https:// (plain http only to loopback, or with STRATSYS_ALLOW_INSECURE_HTTP=true): credentials would travel in clear text' });
      }
    }
    try {
      new Intl.DateTimeFormat('en', { timeZone: env.REPORT_TIME_ZONE });
    } catch {
      ctx.addIssue({ code: 'custom', path: ['REPORT_TIME_ZONE'], message: 'expected an IANA time zone such as Europe/Stockholm' });
    }
    try {
      new Intl.DateTimeFormat('en', { timeZone: env.NIGHTLY_TZ });
    } catch {
      ctx.addIssue({ code: 'custom', path: ['NIGHTLY_TZ'], message: 'expected an IANA time zone such as Europe/Stockholm' });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** Variables whose values are secrets: never logged, never echoed, masked by `check`. */
export const SECRET_ENV_KEYS = ['STRATSYS_CLIENT_SECRET', 'ADMIN_TOKEN', 'SMTP_URL', 'REDIS_URL'] as const;
