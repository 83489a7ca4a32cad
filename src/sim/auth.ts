import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { TenantFixture } from './fixture.js';

/** Default lifetime of an issued OAuth2 access token, in seconds. */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

/** OAuth2 error answer (RFC 6749 §5.2). */
interface OAuthError {
  status: 400 | 401;
  error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope';
  description: string;
}

/** A successful token response. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** Constant-time string comparison (for secrets and tokens). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The simulator's credential check (contract 1.4). Accepted `Authorization` values:
 * `Basic base64(clientId:clientSecret)`; `Bearer <companyCode>_<token>` with a fixture bearer token
 * or an issued token; `Bearer <token>` with an issued token. The scheme word is case-insensitive.
 * Issued tokens expire after their lifetime on the sim clock; `revokeAll()` invalidates them.
 */
export class SimAuth {
  private readonly issued = new Map<string, number>();

  constructor(
    private readonly fixture: Pick<TenantFixture, 'companyCode' | 'credentials'>,
    private readonly clock: () => Date,
    private readonly ttlSeconds: number = DEFAULT_TOKEN_TTL_SECONDS,
  ) {}

  isAuthorized(header: string | undefined): boolean {
    const match = /^(\S+)\s+(.+)$/.exec(header?.trim() ?? '');
    if (!match) return false;
    const scheme = (match[1] ?? '').toLowerCase();
    const value = (match[2] ?? '').trim();
    if (scheme === 'basic') return this.isClient(Buffer.from(value, 'base64').toString('utf8'));
    if (scheme !== 'bearer') return false;
    const prefix = `${this.fixture.companyCode}_`;
    if (value.toLowerCase().startsWith(prefix.toLowerCase())) {
      const token = value.slice(prefix.length);
      if (this.fixture.credentials.bearerTokens.some((known) => safeEqual(known, token))) return true;
      if (this.isIssued(token)) return true;
    }
    return this.isIssued(value);
  }

  /** Client-credentials grant: a token, or the OAuth2 error to answer with. */
  issue(form: Record<string, string | undefined>, basicHeader: string | undefined): TokenResponse | OAuthError {
    let clientId = form.client_id;
    let clientSecret = form.client_secret;
    const basic = /^basic\s+(.+)$/i.exec(basicHeader ?? '');
    if (basic) [clientId, clientSecret] = splitOnce(Buffer.from(basic[1] ?? '', 'base64').toString('utf8'));
    if (!form.grant_type) return { status: 400, error: 'invalid_request', description: 'grant_type is required' };
    if (form.grant_type !== 'client_credentials') return { status: 400, error: 'unsupported_grant_type', description: `grant_type ${form.grant_type} is not supported` };
    if (!clientId || !clientSecret) return { status: 400, error: 'invalid_request', description: 'client_id and client_secret are required' };
    if (!this.isClient(`${clientId}:${clientSecret}`)) return { status: 401, error: 'invalid_client', description: 'unknown client or wrong secret' };
    const scope = this.fixture.credentials.scope;
    if (form.scope && !form.scope.split(/\s+/).every((s) => s === scope)) return { status: 400, error: 'invalid_scope', description: `only ${scope} can be granted` };
    const token = randomBytes(24).toString('hex');
    this.issued.set(token, this.clock().getTime() + this.ttlSeconds * 1000);
    return { access_token: token, token_type: 'Bearer', expires_in: this.ttlSeconds, scope };
  }

  /** Invalidates every issued token (fixture bearer tokens and Basic credentials stay valid). */
  revokeAll(): void {
    this.issued.clear();
  }

  private isClient(pair: string): boolean {
    const [id, secret] = splitOnce(pair);
    return safeEqual(id ?? '', this.fixture.credentials.clientId) && safeEqual(secret ?? '', this.fixture.credentials.clientSecret);
  }

  private isIssued(token: string): boolean {
    const expiresAt = this.issued.get(token);
    if (expiresAt === undefined) return false;
    if (this.clock().getTime() < expiresAt) return true;
    this.issued.delete(token);
    return false;
  }
}

function splitOnce(pair: string): [string | undefined, string | undefined] {
  const at = pair.indexOf(':');
  return at < 0 ? [pair, undefined] : [pair.slice(0, at), pair.slice(at + 1)];
}

/** `POST /oauth/token` (form-encoded client-credentials grant), answered as OAuth2 does. */
export function registerTokenRoute(app: FastifyInstance, auth: SimAuth): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.post('/oauth/token', async (request, reply) => {
    const form = request.body !== null && typeof request.body === 'object' ? (request.body as Record<string, string | undefined>) : {};
    const result = auth.issue(form, request.headers.authorization);
    void reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache');
    if ('error' in result) {
      if (result.status === 401) void reply.header('WWW-Authenticate', 'Basic realm="oauth"');
      return reply.code(result.status).send({ error: result.error, error_description: result.description });
    }
    return result;
  });
}
