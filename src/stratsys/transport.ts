import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { z } from 'zod';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { AuthProvider } from './auth.js';
import { StratsysHttpError, StratsysResponseError, formatIssues, type Endpoint } from './errors.js';
import { networkError, oversizedBody } from './transport-errors.js';
import { Semaphore } from '../shared/semaphore.js';
import { realSleep, type Sleep } from '../shared/sleep.js';
import { localPacer, type RatePacer } from './limiter.js';
import { planPacing } from './pacing.js';
import { backoffDelayMs, parseRetryAfter, RETRYABLE_STATUSES } from './retry-timing.js';
import { EnvelopeSchema } from './schemas.js';
import { parseStratsysJson } from './clean-text.js';

/** One finished HTTP exchange, for metrics. */
export interface RequestEvent {
  method: string;
  /** Route template, e.g. `GET comments/{nodeId}/filter`. */
  route: string;
  /** HTTP status, or 0 for a network failure. */
  status: number;
  durationMs: number;
  /** 0 for the first try, 1.. for retries. */
  attempt: number;
}

export interface TransportOptions {
  baseUrl: string;
  auth: AuthProvider;
  clock: Clock;
  logger: Logger;
  timeoutMs: number;
  maxRetries: number;
  maxConcurrency: number;
  /** The tenant's request limit per second (may be fractional); starts are paced a margin below it. */
  maxRps: number;
  /** Per cent of `maxRps` left unused by the pacing. Default DEFAULT_RPS_MARGIN_PERCENT. */
  rpsMarginPercent?: number;
  /** Replaces the per-process pacing, e.g. with a Redis pacer shared by all replicas. */
  pacer?: RatePacer;
  /** Largest response body read, in bytes (decoded); a larger answer is STRATSYS_RESPONSE_INVALID. Default DEFAULT_MAX_RESPONSE_BYTES. */
  maxResponseBytes?: number;
  /** Longest total time one request may spend waiting between retries. Default 60 s. */
  maxRetryWaitMs?: number;
  sleep?: Sleep;
  random?: () => number;
  onRequest?: (event: RequestEvent) => void;
}

export interface RequestSpec<S extends z.ZodType> {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  route: string;
  params?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  schema: S;
  /** Counts this request's HTTP exchanges (retries included) for a caller, e.g. one unit's pull. */
  counter?: { count: number };
}

/** Default cap on one response body: 32 MiB, about 58,000 scorecard nodes, far beyond any unit of a real tenant. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/**
 * Sends one logical Stratsys request: paced, bounded in concurrency, retried on transient
 * failures with full-jitter backoff (Retry-After honoured), the envelope unwrapped and the
 * Result validated. Only this module talks HTTP to the API.
 */
export class StratsysTransport {
  private readonly http: AxiosInstance;
  private readonly semaphore: Semaphore;
  private readonly pacer: RatePacer;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private sent = 0;

  constructor(private readonly options: TransportOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl,
      timeout: options.timeoutMs,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      // Stops reading (and frees the socket) as soon as the body passes the cap: one oversized
      // answer must not take the worker's memory with it.
      maxContentLength: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: options.maxConcurrency }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: options.maxConcurrency }),
    });
    this.semaphore = new Semaphore(options.maxConcurrency);
    // Pacing needs real elapsed time, never the injected (possibly fixed) business clock.
    this.pacer = options.pacer ?? localPacer(planPacing(options.maxRps, options.rpsMarginPercent), () => performance.now());
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
  }

  /** HTTP exchanges sent so far (retries included). */
  get requestCount(): number {
    return this.sent;
  }

  async request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>> {
    const endpoint: Endpoint = { method: spec.method, path: spec.path };
    let waitedMs = 0;
    let refreshed = false;
    for (let attempt = 0; ; attempt += 1) {
      const response = await this.semaphore.run(() => this.send(spec, endpoint, attempt));
      if (!(response instanceof StratsysResponseError) && response.status === 401 && !refreshed) {
        refreshed = true;
        if (await this.options.auth.refresh()) continue;
      }
      const failure = this.classify(response, endpoint);
      if (!failure) return this.unwrap(response as AxiosResponse<string>, spec, endpoint);
      if (failure instanceof StratsysResponseError) throw failure;
      const delay = failure.retryAfterMs ?? backoffDelayMs(attempt, this.random);
      const budget = this.options.maxRetryWaitMs ?? 60_000;
      if (!failure.retryable || attempt >= this.options.maxRetries || waitedMs + delay > budget) throw failure;
      this.options.logger.warn({ method: spec.method, route: spec.route, status: failure.status, code: failure.code, reason: failure.message, attempt, delayMs: delay }, 'stratsys request retried');
      waitedMs += delay;
      await this.sleep(delay);
    }
  }

  private async send(spec: RequestSpec<z.ZodType>, endpoint: Endpoint, attempt: number): Promise<AxiosResponse<string> | StratsysHttpError | StratsysResponseError> {
    await this.pacer.acquire();
    // After the pacer (a short-lived token must not age while the request waits for its slot), and
    // outside the network try: a token-endpoint failure keeps its own code (auth, not network).
    const authorization = await this.options.auth.header();
    const started = performance.now();
    this.sent += 1;
    if (spec.counter) spec.counter.count += 1;
    let status = 0;
    try {
      const response = await this.http.request<string>({
        method: spec.method,
        url: spec.path,
        params: spec.params ? definedParams(spec.params) : undefined,
        data: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        headers: {
          Accept: 'application/json',
          ...(spec.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          Authorization: authorization,
        },
      });
      status = response.status;
      return response;
    } catch (error) {
      const tooLarge = oversizedBody(error, endpoint, this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
      if (tooLarge) status = tooLarge.status;
      return tooLarge?.error ?? networkError(error, endpoint);
    } finally {
      this.options.onRequest?.({ method: spec.method, route: spec.route, status, durationMs: performance.now() - started, attempt });
    }
  }

  private classify(response: AxiosResponse<string> | StratsysHttpError | StratsysResponseError, endpoint: Endpoint): StratsysHttpError | StratsysResponseError | null {
    if (response instanceof StratsysHttpError || response instanceof StratsysResponseError) return response;
    const { status } = response;
    if (status >= 200 && status < 300) return null;
    const stratsysMessage = envelopeMessage(response.data);
    if (status === 401) {
      return new StratsysHttpError('STRATSYS_AUTH_FAILED', endpoint, { status, stratsysMessage, retryable: false, reason: 'credentials rejected' });
    }
    const retryAfterMs = parseRetryAfter(headerValue(response.headers['retry-after']), this.options.clock.now());
    const retryable = RETRYABLE_STATUSES.has(status);
    const code = status === 429 ? 'STRATSYS_RATE_LIMITED' : 'STRATSYS_HTTP';
    return new StratsysHttpError(code, endpoint, { status, stratsysMessage, retryAfterMs, retryable });
  }

  private unwrap<S extends z.ZodType>(response: AxiosResponse<string>, spec: RequestSpec<S>, endpoint: Endpoint): z.output<S> {
    let json: unknown;
    try {
      json = parseStratsysJson(response.data);
    } catch (error) {
      throw new StratsysResponseError(endpoint, [`body: not valid JSON (${(error as Error).message})`], error);
    }
    const envelope = EnvelopeSchema.safeParse(json);
    if (!envelope.success) throw new StratsysResponseError(endpoint, formatIssues(envelope.error.issues, 'body'));
    if (!envelope.data.Success) {
      throw new StratsysHttpError('STRATSYS_HTTP', endpoint, { status: response.status, stratsysMessage: envelope.data.Message ?? 'Success: false without a message', retryable: false });
    }
    const result = spec.schema.safeParse(envelope.data.Result ?? null);
    if (!result.success) throw new StratsysResponseError(endpoint, formatIssues(result.error.issues));
    return result.data;
  }
}

function definedParams(params: Record<string, string | number | boolean | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') out[key] = String(value);
  return out;
}

function headerValue(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return null;
}

function envelopeMessage(body: string): string | null {
  try {
    const parsed = EnvelopeSchema.safeParse(parseStratsysJson(body));
    return parsed.success ? parsed.data.Message : null;
  } catch {
    return null;
  }
}
