import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { createFileAlertLedger } from '../../../src/alerts/ledger-file.js';
import { createRedisAlertLedger } from '../../../src/alerts/ledger-redis.js';
import { systemClock } from '../../../src/shared/clock.js';
import { deleteKeys } from './harness.js';
import { describeLedgerContract } from './ledger.contract.js';

describeLedgerContract('files under STATE_DIR/<tenant>/alerts', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'alert-ledger-'));
  return {
    first: createFileAlertLedger(dir, systemClock),
    second: createFileAlertLedger(dir, systemClock),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describeLedgerContract('Redis (SET NX PX claims)', async () => {
  const prefix = `test-${randomUUID()}:alerts`;
  const first = new Redis(inject('redisUrl'));
  const second = new Redis(inject('redisUrl'));
  return {
    first: createRedisAlertLedger(first, prefix),
    second: createRedisAlertLedger(second, prefix),
    async cleanup() {
      await deleteKeys(first, prefix);
      first.disconnect();
      second.disconnect();
    },
  };
});
