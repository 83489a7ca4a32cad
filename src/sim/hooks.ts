import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimAuth } from './auth.js';
import { failed, SimApiError } from './envelope.js';
import { applyDrift, duplicateResultItems, type FaultEngine, type Faults } from './faults.js';
import { routeTemplate, type StatsCollector } from './stats.js';

/** What the transport hooks need. */
export interface HookDeps {
  auth: SimAuth;
  faults: FaultEngine;
  stats: StatsCollector;
}

interface RequestState {
  template: string;
  malformed: boolean;
  drift: Faults['schemaDrift'];
  copies: number;
  reset: boolean;
}

type Kind = 'api' | 'oauth' | 'control' | 'other';

function kindOf(path: string): Kind {
  const lower = path.toLowerCase();
  if (lower === '/api/v1' || lower.startsWith('/api/v1/')) return 'api';
  if (lower === '/oauth/token') return 'oauth';
  if (lower === '/__sim' || lower.startsWith('/__sim/')) return 'control';
  return 'other';
}

const UNAUTHORIZED = 'Authorization has been denied for this request.';
const GATEWAY_TEXT = { 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' } as const;

/**
 * The transport layer every API and token request passes through, in order: latency, fault
 * decision (reset, rate limit, counted 429 and 5xx), then authentication of `/api/v1` requests
 * (401 envelope). Responses may then get schema drift (before serialisation) and be cut short
 * (malformed JSON). Counters are recorded when the response is sent. The control API skips all of it.
 */
export function installTransportHooks(app: FastifyInstance, deps: HookDeps): void {
  const states = new WeakMap<FastifyRequest, RequestState>();

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const kind = kindOf(path);
    if (kind === 'control') return;
    const state: RequestState = { template: routeTemplate(request.routeOptions.url), malformed: false, drift: null, copies: 0, reset: false };
    states.set(request, state);
    const latency = deps.faults.latencyFor(path);
    if (latency > 0) await sleep(latency);
    const decision = deps.faults.decide(path);
    if (decision.kind === 'reset') {
      state.reset = true;
      deps.stats.record(request.method, state.template, 'reset');
      return resetConnection(request, reply);
    }
    if (decision.kind === 'status') {
      if (decision.retryAfter !== undefined) void reply.header('Retry-After', decision.retryAfter);
      if (decision.status === 429) return reply.code(429).send(failed('Too many requests. Retry later.'));
      const text = GATEWAY_TEXT[decision.status];
      return reply.code(decision.status).type('text/html; charset=utf-8').send(`<html><body><h1>${decision.status} ${text}</h1></body></html>`);
    }
    state.malformed = decision.malformed;
    state.drift = decision.drift;
    state.copies = decision.copies;
    if (kind === 'api' && !deps.auth.isAuthorized(request.headers.authorization)) {
      return reply.code(401).header('WWW-Authenticate', 'Basic realm="Stratsys", Bearer').send(failed(UNAUTHORIZED));
    }
  });

  app.addHook('preSerialization', async (request, _reply, payload) => {
    const state = states.get(request);
    const drifted = state?.drift ? applyDrift(payload, state.drift) : payload;
    return state?.copies ? duplicateResultItems(drifted, state.copies) : drifted;
  });

  app.addHook('onSend', async (request, _reply, payload) => {
    if (!states.get(request)?.malformed || typeof payload !== 'string') return payload;
    return payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
  });

  app.addHook('onResponse', async (request, reply) => {
    const state = states.get(request);
    if (state && !state.reset) deps.stats.record(request.method, state.template, reply.statusCode);
  });

  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof SimApiError) return reply.code(error.status).send(failed(error.message));
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) return reply.code(status).send(failed((error as Error).message));
    request.log.error({ err: error }, 'sim request failed');
    return reply.code(500).send(failed('An error has occurred.'));
  });

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    return reply.code(404).send(failed(`No HTTP resource was found that matches the request URI '${path}'.`));
  });
}

/** Drops the connection without an answer: a TCP reset on a real socket, a destroyed response under inject. */
function resetConnection(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.hijack();
  const socket = request.raw.socket as { resetAndDestroy?: () => void } | undefined;
  if (typeof socket?.resetAndDestroy === 'function') socket.resetAndDestroy();
  else reply.raw.destroy();
  return reply;
}
