import { fixedClock, type Clock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { basicAuth, type AuthProvider } from '../../src/stratsys/auth.js';
import { StratsysClient } from '../../src/stratsys/client.js';
import { StratsysTransport, type RequestEvent, type TransportOptions } from '../../src/stratsys/transport.js';

export const TEST_BASE = 'http://stratsys.test/api/v1/';

/** A client whose sleeps are recorded instead of waited, for fast retry tests. */
export function testClient(overrides: Partial<TransportOptions> & { auth?: AuthProvider; clock?: Clock } = {}) {
  const sleeps: number[] = [];
  const events: RequestEvent[] = [];
  const transport = new StratsysTransport({
    baseUrl: TEST_BASE,
    auth: overrides.auth ?? basicAuth('client', 's3cret-value'),
    clock: overrides.clock ?? fixedClock('2021-03-01T08:00:00Z'),
    logger: silentLogger(),
    timeoutMs: 2_000,
    maxRetries: 3,
    maxConcurrency: 4,
    maxRps: 10_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    onRequest: (event) => events.push(event),
    ...overrides,
  });
  return { client: new StratsysClient(transport), transport, sleeps, events };
}

export const envelope = (result: unknown) => ({ Result: result, Success: true, Message: null });
export const failure = (message: string) => ({ Result: null, Success: false, Message: message });
