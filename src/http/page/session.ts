import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SessionRevocations } from '../../store/session-revocations.js';
import { isTokenValid } from '../auth.js';

/**
 * Who may call the admin HTTP, and how a person's browser gets in.
 *
 * - `Authorization: Bearer <ADMIN_TOKEN>` (CLI, curl, monitoring): accepted on every route, no CSRF
 *   token needed, because a browser never adds that header to a cross-site request by itself.
 * - A session cookie (`POST /login` with the token from the login form): `HttpOnly`,
 *   `SameSite=Strict`, `Path=/`, `Secure` over HTTPS, valid SESSION_TTL_SECONDS. Its value is
 *   `<expiry>.<random id>.<HMAC>` under a key derived from ADMIN_TOKEN: unique per login, checked
 *   by every replica with the same token (rotating the token ends every session), and ended by
 *   `POST /logout` through the revocation list (store/session-revocations.ts). An unsafe request
 *   (POST, PUT, PATCH, DELETE) authenticated by the cookie must also carry `X-CSRF-Token`: an
 *   HMAC of the cookie that the status page embeds; Bull Board's own API calls, which cannot add
 *   the header, must instead be same-origin (`Sec-Fetch-Site: same-origin`).
 * - Any unsafe request a browser marks as cross-site or same-site (`Sec-Fetch-Site`) is refused,
 *   also without ADMIN_TOKEN (loopback-only mode, where every request is otherwise accepted).
 * Public: `/healthz`, `GET|POST /login`, `POST /logout`.
 */

/** Name of the session cookie. */
export const SESSION_COOKIE = 'stratsys_sync_session';
/** Header carrying the page's CSRF token on unsafe requests. */
export const CSRF_HEADER = 'x-csrf-token';
/** Session lifetime: 8 hours. */
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

/** The parts of a request the decision reads (a Fastify request fits). */
export interface AuthRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Let through (and how the request authenticated), or refuse with 401/403. */
export type AuthVerdict = { ok: true; via: 'public' | 'open' | 'bearer' | 'session' } | { ok: false; status: 401 | 403; message: string };

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PUBLIC = new Set(['GET /healthz', 'HEAD /healthz', 'GET /login', 'POST /login', 'POST /logout']);

function header(request: AuthRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The value of one cookie in a `Cookie` header, or undefined. */
export function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function equalText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Authentication of the admin HTTP, created once per app. */
export interface PageAuth {
  /** Decides a request (see the module comment). */
  check(request: AuthRequest): Promise<AuthVerdict>;
  /** A new session cookie value, valid SESSION_TTL_SECONDS from `now`, never issued before. */
  issueSession(now: Date): string;
  /** Ends the request's session (if it has a genuine one) on every replica. */
  endSession(request: AuthRequest): Promise<void>;
  /** True when `token` is the admin token (constant time). */
  isAdminToken(token: string): boolean;
  /** The CSRF token a page served for this request embeds (bound to its session cookie). */
  csrfTokenFor(request: AuthRequest): string;
  /** True when the server runs without ADMIN_TOKEN (loopback only). */
  isOpen: boolean;
}

/** The keyed signatures behind sessions and CSRF tokens. */
interface Signer {
  sign(text: string): string;
  /** The request's session cookie when it is genuine and not expired (not checked: revocation). */
  validSession(request: AuthRequest): { value: string; id: string; expiresAtMs: number } | undefined;
  csrfFor(session: string | undefined): string;
}

function createSigner(key: Buffer, now: () => Date): Signer {
  const sign = (text: string) => createHmac('sha256', key).update(text).digest('base64url');
  return {
    sign,
    validSession(request) {
      const value = readCookie(header(request, 'cookie'), SESSION_COOKIE);
      const match = /^(\d{1,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
      if (!value || !match?.[1] || !match[2] || !match[3]) return undefined;
      const isGenuine = equalText(match[3], sign(`session.${match[1]}.${match[2]}`));
      const expiresAtMs = Number(match[1]) * 1000;
      return isGenuine && expiresAtMs > now().getTime() ? { value, id: match[2], expiresAtMs } : undefined;
    },
    csrfFor: (session) => sign(`csrf.${session ?? 'none'}`),
  };
}

/** The decision of `PageAuth.check` (see the module comment for the rules, in order). */
async function decide(request: AuthRequest, adminToken: string | null, signer: Signer, revocations: SessionRevocations): Promise<AuthVerdict> {
  const path = request.url.split('?')[0] ?? '';
  const isUnsafe = UNSAFE.has(request.method);
  const site = header(request, 'sec-fetch-site');
  if (isUnsafe && (site === 'cross-site' || site === 'same-site')) return { ok: false, status: 403, message: 'cross-site request refused' };
  if (PUBLIC.has(`${request.method} ${path}`)) return { ok: true, via: 'public' };
  if (adminToken === null) return { ok: true, via: 'open' };
  if (isTokenValid(header(request, 'authorization'), adminToken)) return { ok: true, via: 'bearer' };
  const valid = signer.validSession(request);
  if (valid === undefined || (await revocations.isRevoked(valid.id))) return { ok: false, status: 401, message: 'send Authorization: Bearer <ADMIN_TOKEN>, or log in at /login' };
  const session = valid.value;
  if (!isUnsafe) return { ok: true, via: 'session' };
  if (path.startsWith('/admin/queues/') && site === 'same-origin') return { ok: true, via: 'session' };
  const presented = header(request, CSRF_HEADER);
  if (presented !== undefined && equalText(presented, signer.csrfFor(session))) return { ok: true, via: 'session' };
  return { ok: false, status: 403, message: `missing or wrong ${CSRF_HEADER} header (reload the page)` };
}

/** The admin HTTP's authentication (`adminToken` null: loopback-only, no token). */
export function createPageAuth(adminToken: string | null, now: () => Date, revocations: SessionRevocations): PageAuth {
  // Without a token there are no sessions; a per-process key still makes CSRF tokens unguessable.
  const key = adminToken === null ? randomBytes(32) : createHmac('sha256', adminToken).update('stratsys-sync/session/v1').digest();
  const signer = createSigner(key, now);
  return {
    check: (request) => decide(request, adminToken, signer, revocations),
    issueSession: (at) => {
      const expires = Math.floor(at.getTime() / 1000) + SESSION_TTL_SECONDS;
      const id = randomBytes(16).toString('base64url');
      return `${expires}.${id}.${signer.sign(`session.${expires}.${id}`)}`;
    },
    endSession: async (request) => {
      const session = signer.validSession(request);
      if (session) await revocations.revoke(session.id, session.expiresAtMs);
    },
    isAdminToken: (token) => adminToken !== null && isTokenValid(`Bearer ${token}`, adminToken),
    csrfTokenFor: (request) => signer.csrfFor(signer.validSession(request)?.value),
    isOpen: adminToken === null,
  };
}
