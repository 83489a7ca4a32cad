import { createHash, timingSafeEqual } from 'node:crypto';
import { isLoopbackHost } from '../shared/loopback.js';

/** Compares a presented bearer token with the expected one in constant time (hashes of equal length). */
export function isTokenValid(header: string | undefined, expected: string): boolean {
  if (!header) return false;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match?.[1]) return false;
  const a = createHash('sha256').update(match[1]).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** True for addresses only this machine can reach (see isLoopbackHost). */
export function isLoopback(host: string): boolean {
  return isLoopbackHost(host);
}
