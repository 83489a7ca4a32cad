import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';

/**
 * Supplies the Authorization header. `refresh()` is called once after a 401: it returns true when
 * it obtained new credentials (the request is then repeated once), false when nothing can change.
 */
export interface AuthProvider {
  readonly mode: 'basic' | 'bearer' | 'client-credentials';
  header(): Promise<string>;
  refresh(): Promise<boolean>;
}

/** HTTP Basic with the API application's client id and secret (contract 1.4 A). */
export function basicAuth(clientId: string, clientSecret: string): AuthProvider {
  const value = `Basic ${Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64')}`;
  return { mode: 'basic', header: async () => value, refresh: async () => false };
}

/** Formats a bearer header as the .NET client does: `BEARER <companyCode>_<token>`, or `BEARER <token>`. */
export function bearerHeader(token: string, companyCode?: string): string {
  return companyCode ? `BEARER ${companyCode}_${token}` : `BEARER ${token}`;
}

/** A fixed token (contract 1.4 B). */
export function bearerAuth(token: string, companyCode?: string): AuthProvider {
  const value = bearerHeader(token, companyCode);
  return { mode: 'bearer', header: async () => value, refresh: async () => false };
}

const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
});

export interface ClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  companyCode?: string;
  clock: Clock;
  timeoutMs?: number;
  /**
   * Renew when less than this is left of the token's lifetime, in milliseconds. Default 60,000;
   * at most half the lifetime, and at least as long as the token request took (a request made with
   * the token needs about as long to reach Stratsys).
   */
  renewBeforeMs?: number;
  http?: AxiosInstance;
}

/**
 * OAuth2 client credentials (contract 1.4 C): the token is fetched from the token endpoint and
 * kept while enough of its lifetime is left (counted from when it was asked for, see
 * `renewBeforeMs`), and fetched anew once after a 401. Concurrent callers share one token
 * request, and every caller that waited for it gets it, however short-lived.
 */
export function clientCredentialsAuth(options: ClientCredentialsOptions): AuthProvider {
  const http = options.http ?? axios.create();
  const renewBeforeMs = options.renewBeforeMs ?? 60_000;
  let cached: { token: string; expiresAt: number; renewWithinMs: number } | null = null;
  let inFlight: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const askedAt = options.clock.now().getTime();
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret });
    if (options.scope) form.set('scope', options.scope);
    const endpoint = `POST ${new URL(options.tokenUrl).pathname}`;
    let response;
    try {
      response = await http.post(options.tokenUrl, form.toString(), {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        timeout: options.timeoutMs ?? 30_000,
        validateStatus: () => true,
        // The form carries the client secret: never resend it to wherever a redirect points.
        maxRedirects: 0,
      });
    } catch (error) {
      throw new AppError('STRATSYS_NETWORK', `${endpoint} (token endpoint) could not be reached: ${(error as Error).message}`, { retryable: true });
    }
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      throw new AppError('STRATSYS_AUTH_FAILED', `${endpoint} (token endpoint) → HTTP ${response.status}: the client id or secret was rejected`);
    }
    if (response.status >= 300 && response.status < 400) {
      throw new AppError(
        'STRATSYS_HTTP',
        `${endpoint} (token endpoint) → HTTP ${response.status}: redirects are not followed with the client secret; set STRATSYS_TOKEN_URL to the final https address`,
      );
    }
    if (response.status < 200 || response.status >= 300) {
      const retryable = response.status === 429 || response.status >= 500;
      throw new AppError('STRATSYS_HTTP', `${endpoint} (token endpoint) → HTTP ${response.status}`, { retryable });
    }
    const parsed = TokenResponseSchema.safeParse(response.data);
    if (!parsed.success) {
      throw new AppError('STRATSYS_RESPONSE_INVALID', `${endpoint} (token endpoint): response has no access_token`);
    }
    const lifetimeMs = (parsed.data.expires_in ?? 3600) * 1000;
    const tookMs = options.clock.now().getTime() - askedAt;
    // The lifetime may have started when the endpoint was asked, not when its answer arrived.
    cached = { token: parsed.data.access_token, expiresAt: askedAt + lifetimeMs, renewWithinMs: Math.max(Math.min(renewBeforeMs, lifetimeMs / 2), tookMs) };
    return parsed.data.access_token;
  }

  async function token(): Promise<string> {
    if (cached && cached.expiresAt - options.clock.now().getTime() > cached.renewWithinMs) return cached.token;
    inFlight ??= fetchToken().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  return {
    mode: 'client-credentials',
    header: async () => bearerHeader(await token(), options.companyCode),
    refresh: async () => {
      cached = null;
      await token();
      return true;
    },
  };
}
