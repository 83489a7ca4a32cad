import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { createSmtpMailer, type AlertMessage } from '../../../src/alerts/mailer.js';
import { createAlertMailer } from '../../../src/app/compose.js';
import { loadConfig } from '../../../src/config/load.js';

const PASSWORD = 'smtp-pw-84Lq';
const message: AlertMessage = { key: 'alert-1', to: ['owner@example.org'], cc: [], subject: 'Påminnelse', text: 'text', html: '<p>text</p>' };

interface AuthServer {
  url: (user?: string) => string;
  logins: Array<{ username: string; password: string; secure: boolean }>;
  delivered: number;
  stop(): Promise<void>;
}

const servers: AuthServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

/** A real SMTP server that wants AUTH and allows it in clear text, with or without STARTTLS. */
async function startAuthServer(offerStartTls: boolean): Promise<AuthServer> {
  const logins: AuthServer['logins'] = [];
  let delivered = 0;
  const server = new SMTPServer({
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    disabledCommands: offerStartTls ? [] : ['STARTTLS'],
    logger: false,
    closeTimeout: 1_000,
    onAuth(auth, session, callback) {
      logins.push({ username: auth.username ?? '', password: auth.password ?? '', secure: session.secure });
      callback(null, { user: auth.username });
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        delivered += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const handle: AuthServer = {
    url: (user = 'alerts') => `smtp://${user}:${PASSWORD}@127.0.0.1:${port}`,
    logins,
    get delivered() {
      return delivered;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  servers.push(handle);
  return handle;
}

describe('SMTP credentials travel only encrypted', () => {
  it('a server without STARTTLS never sees the password: the send fails, not retried', async () => {
    const server = await startAuthServer(false);
    const mailer = await createAlertMailer(loadConfig({ STRATSYS_CLIENT_ID: 'id', STRATSYS_CLIENT_SECRET: 's', SMTP_URL: server.url() }));
    try {
      const error = await mailer.send(message).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ALERT_SEND_FAILED', retryable: false });
      expect((error as Error).message).toMatch(/^SMTP send failed \(ETLS .*credentials are sent only encrypted/);
      expect((error as Error).message).not.toContain(PASSWORD);
    } finally {
      await mailer.close();
    }
    expect(server.logins).toEqual([]);
    expect(server.delivered).toBe(0);
  });

  it('with STARTTLS offered, the login happens inside TLS', async () => {
    const server = await startAuthServer(true);
    const mailer = createSmtpMailer({ url: server.url(), from: 'sync <noreply@example.org>', tls: { rejectUnauthorized: false } });
    try {
      await mailer.send(message);
    } finally {
      await mailer.close();
    }
    expect(server.logins).toEqual([{ username: 'alerts', password: PASSWORD, secure: true }]);
    expect(server.delivered).toBe(1);
  });

  it('SMTP_ALLOW_INSECURE=true is the one way to log in in clear text', async () => {
    const server = await startAuthServer(false);
    const mailer = await createAlertMailer(loadConfig({ STRATSYS_CLIENT_ID: 'id', STRATSYS_CLIENT_SECRET: 's', SMTP_URL: server.url(), SMTP_ALLOW_INSECURE: 'true' }));
    try {
      await mailer.send(message);
    } finally {
      await mailer.close();
    }
    expect(server.logins).toEqual([{ username: 'alerts', password: PASSWORD, secure: false }]);
  });
});
