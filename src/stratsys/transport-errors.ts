import axios from 'axios';
import { StratsysHttpError, StratsysResponseError, type Endpoint } from './errors.js';

/** Translations of what axios throws into the service's errors; nothing here keeps axios' config (it holds the Authorization header). */

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * A body cut off at the size cap: STRATSYS_RESPONSE_INVALID (not retried: the same request gets
 * the same answer), naming the endpoint, the declared size when the server sent one, and the cap.
 */
export function oversizedBody(error: unknown, endpoint: Endpoint, limit: number): { error: StratsysResponseError; status: number } | null {
  if (!axios.isAxiosError(error) || error.code !== 'ERR_BAD_RESPONSE' || !/maxContentLength/.test(error.message)) return null;
  const res = (error.request as { res?: { statusCode?: number; headers?: Record<string, unknown> } } | undefined)?.res;
  const declared = Number(res?.headers?.['content-length']);
  const size = Number.isFinite(declared) && declared > limit ? `${declared} bytes (Content-Length)` : `more than ${limit} bytes`;
  const problem = `body: ${size} is larger than the limit of ${limit} bytes (STRATSYS_MAX_RESPONSE_BYTES); not read`;
  return { error: new StratsysResponseError(endpoint, [problem], stripAxios(error)), status: res?.statusCode ?? 0 };
}

export function networkError(error: unknown, endpoint: Endpoint): StratsysHttpError {
  const code = axios.isAxiosError(error) ? error.code : undefined;
  const isTimeout = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || (axios.isAxiosError(error) && /timeout/i.test(error.message));
  const known = code !== undefined && NETWORK_CODES.has(code);
  const reason = isTimeout ? 'timed out' : `network error ${code ?? ''}`.trim();
  return new StratsysHttpError('STRATSYS_NETWORK', endpoint, { status: null, retryable: known || isTimeout || code === undefined || code === 'ERR_NETWORK', reason, cause: stripAxios(error) });
}

/** Keeps the cause's message and code but drops axios' config (which holds the Authorization header). */
function stripAxios(error: unknown): Error {
  const source = error as { message?: string; code?: string };
  const plain = new Error(source.message ?? String(error));
  if (source.code) (plain as Error & { code?: string }).code = source.code;
  return plain;
}
