import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { clientCredentialsAuth } from '../../../src/stratsys/auth.js';
import { fixedClock } from '../../../src/shared/clock.js';

interface Received {
  method: string;
  url: string;
  body: string;
}

const servers: http.Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A real HTTP server on loopback that records each request and answers with `respond`. */
async function listen(respond: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += String(chunk)));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', body });
      respond(req, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

describe('OAuth token endpoint', () => {
  it('does not follow a 307 to plain http: the client secret is posted once, to the configured URL only', async () => {
    const thief = await listen((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ access_token: 'stolen-session', expires_in: 3600 })));
    const token = await listen((_req, res) => res.writeHead(307, { Location: `${thief.url}/collect` }).end());
    const auth = clientCredentialsAuth({ tokenUrl: `${token.url}/connect/token`, clientId: 'app', clientSecret: 'cs-never-elsewhere', clock: fixedClock('2021-03-01T00:00:00Z') });

    await expect(auth.header()).rejects.toMatchObject({ code: 'STRATSYS_HTTP', message: expect.stringMatching(/HTTP 307: redirects are not followed/) });
    expect(token.received).toHaveLength(1);
    expect(token.received[0]?.body).toContain('client_secret=cs-never-elsewhere');
    expect(thief.received).toEqual([]);
  });

  it.each(['http://127.attacker.example/token', 'http://127.0.0.1.nip.example/token', 'http://localhost.attacker.example/token'])('%s is not loopback: plain http is refused for it', (url) => {
    expect(() =>
      loadConfig({ STRATSYS_AUTH: 'client-credentials', STRATSYS_CLIENT_ID: 'id', STRATSYS_CLIENT_SECRET: 's', STRATSYS_TOKEN_URL: url, STRATSYS_BASE_URL: 'https://api.example/v1/' }),
    ).toThrow(/STRATSYS_TOKEN_URL: expected https:\/\//);
    expect(() => loadConfig({ STRATSYS_CLIENT_ID: 'id', STRATSYS_CLIENT_SECRET: 's', STRATSYS_BASE_URL: url })).toThrow(/STRATSYS_BASE_URL: expected https:\/\//);
  });

  it.each(['http://127.0.0.1:4010/token', 'http://127.1:4010/token', 'http://localhost:4010/token', 'http://[::1]:4010/token', 'http://[::ffff:127.0.0.1]:4010/token'])(
    '%s is loopback: plain http stays allowed',
    (url) => {
      const config = loadConfig({
        STRATSYS_AUTH: 'client-credentials',
        STRATSYS_CLIENT_ID: 'id',
        STRATSYS_CLIENT_SECRET: 's',
        STRATSYS_TOKEN_URL: url,
        STRATSYS_BASE_URL: url.replace('/token', '/v1/'),
      });
      expect(config.STRATSYS_TOKEN_URL).toBe(url);
    },
  );
});
