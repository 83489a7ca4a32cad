import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';

const base = { STRATSYS_CLIENT_ID: 'id', STRATSYS_CLIENT_SECRET: 'secret' };

describe('ADMIN_TOKEN strength', () => {
  it.each([
    ['25 spaces', ' '.repeat(25)],
    ['one letter repeated', 'a'.repeat(40)],
    ['digits only', '012345678901234567890123456789'],
    ['a space inside', 'abcdefghijkl mnopqrstuvwxyz0123'],
    ['two characters alternating', 'a1'.repeat(20)],
    ['23 characters', 'abc123def456ghi789jkl0m'],
  ])('%s is refused', (_what, token) => {
    expect(() => loadConfig({ ...base, ADMIN_TOKEN: token })).toThrow(/ADMIN_TOKEN: expected at least 24 characters without spaces/);
  });

  it.each([
    ['openssl rand -hex 24', '5b0f3c9a1e7d2486c0ffee1234abcd5678ef90aa12bc34de'],
    ['openssl rand -base64 24', 'q3J9+xV2kP0aLm7/RtYw4sZc1NbE8uHf'],
  ])('%s output is accepted', (_what, token) => {
    expect(loadConfig({ ...base, ADMIN_TOKEN: token }).ADMIN_TOKEN).toBe(token);
  });
});
