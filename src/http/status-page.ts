import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { YearReport } from '../report/model.js';
import { REPORT_CONTENT_TYPE, REPORT_FORMATS, renderReport, reportFileName } from '../report/render.js';
import { renderReportXlsx, xlsxFileName } from '../report/xlsx.js';
import { PAGE } from '../domain/glossary.js';
import { isAppError } from '../shared/errors.js';
import type { HttpDeps } from './deps.js';
import { collectStatusPage } from './page/data.js';
import { createLoginLimiter } from './page/login-limit.js';
import { renderLoginPage } from './page/login.js';
import { renderStatusPage } from './page/render.js';
import { SESSION_COOKIE, SESSION_TTL_SECONDS, type AuthVerdict, type PageAuth } from './page/session.js';
import { formatZodIssues } from '../shared/zod-issues.js';
import { YEARS } from '../shared/years.js';

const Year = z.coerce.number().int().min(YEARS.min).max(YEARS.max);
const PageQuery = z.object({ year: Year.optional() }).strict();
const ReportQuery = z
  .object({
    year: Year.optional(),
    run: z
      .string()
      .regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,119}$/, 'a run id')
      .optional(),
    format: z.enum([...REPORT_FORMATS, 'xlsx']).default('html'),
  })
  .strict()
  .refine((query) => query.run === undefined || query.year === undefined, { message: 'run: a stored run has its own year; give run or year, not both' });
const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LoginBody = z.object({ token: z.string().min(1).max(4096) });

const PAGE_CSP = (nonce: string) =>
  `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

function secureHeaders(reply: FastifyReply, csp: string): FastifyReply {
  return reply
    .header('Content-Security-Policy', csp)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Referrer-Policy', 'no-referrer')
    .header('X-Frame-Options', 'DENY')
    .header('Cache-Control', 'no-store');
}

function sendPage(reply: FastifyReply, status: number, nonce: string, body: string): FastifyReply {
  return secureHeaders(reply, PAGE_CSP(nonce)).code(status).type('text/html; charset=utf-8').send(body);
}

const newNonce = () => randomBytes(16).toString('base64');

function sessionCookie(request: FastifyRequest, value: string, maxAge: number): string {
  const secure = request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure}`;
}

/**
 * Answers a refused request: 403, or 401 with `WWW-Authenticate`; a browser asking for a page (GET,
 * Accept text/html) gets the login form with the 401.
 */
export async function refuse(request: FastifyRequest, reply: FastifyReply, verdict: Extract<AuthVerdict, { ok: false }>): Promise<void> {
  if (verdict.status === 403) {
    await reply.code(403).send({ error: 'forbidden', message: verdict.message });
    return;
  }
  reply.header('WWW-Authenticate', 'Bearer realm="stratsys-sync"');
  if (request.method === 'GET' && /text\/html/.test(request.headers.accept ?? '')) {
    const nonce = newNonce();
    await sendPage(reply, 401, nonce, renderLoginPage({ nonce }));
    return;
  }
  await reply.code(401).send({ error: 'unauthorized', message: verdict.message });
}

function badRequest(reply: FastifyReply, error: z.ZodError): FastifyReply {
  return reply.code(400).send({ error: 'PAYLOAD_INVALID', message: formatZodIssues(error.issues).join('; ') });
}

/** `GET /`: the status page for `?year=` (default: the worker's year). */
function statusPageRoute(app: FastifyInstance, deps: HttpDeps, auth: PageAuth): void {
  app.get('/', async (request, reply) => {
    const query = PageQuery.safeParse(request.query);
    if (!query.success) return badRequest(reply, query.error);
    const nonce = newNonce();
    const sources = { ...deps, timeZone: deps.page.timeZone, loadReport: deps.page.loadPageReport ?? deps.page.loadReport };
    const model = await collectStatusPage(sources, {
      year: query.data.year ?? (await deps.page.defaultYear()),
      now: deps.now(),
      csrfToken: auth.csrfTokenFor(request),
      nonce,
      canLogOut: !auth.isOpen && request.headers.cookie?.includes(`${SESSION_COOKIE}=`) === true,
    });
    return sendPage(reply, 200, nonce, renderStatusPage(model));
  });
}

/** A stored run's report, or null when there is no such run (or it kept nothing to make it again). */
async function runReport(deps: HttpDeps, runId: string): Promise<YearReport | null> {
  if (!deps.page.loadRunReport) return null;
  return deps.page.loadRunReport(runId).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'REPORT_RUN_NOT_FOUND') return null;
    throw error;
  });
}

/** The report for a year from the last stored pull, or null when nothing is pulled or no programme covers the year. */
async function yearReport(deps: HttpDeps, year: number): Promise<YearReport | null> {
  return deps.page.loadReport(year).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'MAPPING_NO_PERIOD') return null;
    throw error;
  });
}

/**
 * `GET /report?year=&format=html|csv|md|xlsx`: the yearly compilation from the last stored pull;
 * `?run=<runId>` instead of `year`: that stored run's report, made again from its own snapshot.
 */
function reportRoute(app: FastifyInstance, deps: HttpDeps): void {
  app.get('/report', async (request, reply) => {
    const query = ReportQuery.safeParse(request.query);
    if (!query.success) return badRequest(reply, query.error);
    const { run, format } = query.data;
    const year = query.data.year ?? (await deps.page.defaultYear());
    const report = run === undefined ? await yearReport(deps, year) : await runReport(deps, run);
    if (!report) {
      const message = run === undefined ? `no report for ${year}: nothing pulled yet, or no programme covers the year` : `no stored report of run ${run}`;
      return reply.code(404).send({ error: 'not-found', message });
    }
    const file = format === 'xlsx' ? xlsxFileName(report.year) : reportFileName(report.year, format);
    secureHeaders(reply, REPORT_CSP).header('Content-Disposition', `${format === 'html' ? 'inline' : 'attachment'}; filename="${file}"`);
    // Made whole before the answer starts (a few MB at thousands of units), so a workbook that cannot be made is an error, not a cut-off download.
    if (format === 'xlsx') return reply.type(XLSX_CONTENT_TYPE).send(await renderReportXlsx(report));
    return reply.type(REPORT_CONTENT_TYPE[format]).send(renderReport(report, format));
  });
}

/**
 * `GET|POST /login` (form with the token → session cookie; 429 after 10 wrong tokens from one
 * address within 15 minutes) and `POST /logout` (ends the session on every replica).
 */
function loginRoutes(app: FastifyInstance, deps: HttpDeps, auth: PageAuth): void {
  const limiter = createLoginLimiter(() => deps.now().getTime());
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.get('/login', async (_request, reply) => {
    if (auth.isOpen) return reply.redirect('/', 303);
    const nonce = newNonce();
    return sendPage(reply, 200, nonce, renderLoginPage({ nonce }));
  });
  app.post('/login', async (request, reply) => {
    if (auth.isOpen) return reply.redirect('/', 303);
    const wait = limiter.retryAfterSeconds(request.ip);
    if (wait > 0) {
      const nonce = newNonce();
      return sendPage(reply.header('Retry-After', String(wait)), 429, nonce, renderLoginPage({ nonce, error: PAGE.login.tooManyAttempts(Math.ceil(wait / 60)) }));
    }
    const body = LoginBody.safeParse(request.body);
    if (!body.success || !auth.isAdminToken(body.data.token)) {
      limiter.recordFailure(request.ip);
      const nonce = newNonce();
      return sendPage(reply, 401, nonce, renderLoginPage({ nonce, error: PAGE.login.wrongToken }));
    }
    return reply.header('Set-Cookie', sessionCookie(request, auth.issueSession(deps.now()), SESSION_TTL_SECONDS)).redirect('/', 303);
  });
  app.post('/logout', async (request, reply) => {
    await auth.endSession(request);
    return reply.header('Set-Cookie', sessionCookie(request, '', 0)).redirect('/login', 303);
  });
}

/**
 * Registers the people-facing routes: `/` (status page), `/report`, `GET|POST /login` and
 * `POST /logout`. Authentication happens in the app's onRequest hook (see page/session.ts).
 */
export function registerStatusPage(app: FastifyInstance, deps: HttpDeps, auth: PageAuth): void {
  statusPageRoute(app, deps, auth);
  reportRoute(app, deps);
  loginRoutes(app, deps, auth);
}
