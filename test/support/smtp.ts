import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerError, type SMTPServerSession } from 'smtp-server';

/**
 * A real SMTP listener for e-mail tests: `smtp-server` on a free loopback port, recording every
 * accepted message (envelope, raw bytes, mailparser result). It can refuse RCPT or DATA with a
 * given reply code a number of times (then accept), to test retries and permanent failures.
 */

export interface ReceivedMail {
  mailFrom: string;
  /** Envelope recipients (RCPT TO), as the client sent them. */
  rcptTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
  /** The session was encrypted (STARTTLS or implicit TLS). */
  isSecure: boolean;
}

/** When the listener refuses: phase, reply code and how many times. */
export interface RefusalRule {
  phase: 'rcpt' | 'data';
  /** SMTP reply code, e.g. 451 (temporary) or 550 (permanent). */
  code: number;
  /** How many times to refuse before accepting; Infinity = always. */
  times: number;
}

/** A running listener and what it received. */
export interface SmtpListener {
  port: number;
  /** `smtp://127.0.0.1:<port>` (plain; STARTTLS only when started with `startTls`). */
  url: string;
  received: ReceivedMail[];
  /** How often each phase was refused so far. */
  refusals: { rcpt: number; data: number };
  /** Messages whose DATA is being held right now (see `holdData`). */
  holding(): number;
  /** Held messages whose client went away before the reply: never accepted. */
  dropped: ReceivedMail[];
  stop(): Promise<void>;
}

/** Addresses of a parsed To/Cc header, lower-cased. */
export function addressesOf(header: AddressObject | AddressObject[] | undefined): string[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return objects.flatMap((object) => object.value.map((entry) => (entry.address ?? '').toLowerCase()));
}

/**
 * Holds the reply to DATA of the next `times` messages for `ms` (a slow server). A message whose
 * client disconnects while held is never accepted, as with a real server.
 */
export interface HoldRule {
  ms: number;
  times: number;
}

/** Starts a listener; `startTls` offers STARTTLS with smtp-server's built-in test certificate. */
export async function startSmtpListener(options: { refuse?: RefusalRule; startTls?: boolean; holdData?: HoldRule } = {}): Promise<SmtpListener> {
  const received: ReceivedMail[] = [];
  const refusals = { rcpt: 0, data: 0 };
  const closed = new Set<string>();
  const dropped: ReceivedMail[] = [];
  let held = 0;
  let holding = 0;
  const waiters = new Map<string, () => void>();
  /** Waits `holdData.ms` or until the client goes away; true when the client is still there. */
  const hold = async (session: SMTPServerSession): Promise<boolean> => {
    if (!options.holdData || held >= options.holdData.times) return true;
    held += 1;
    holding += 1;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.holdData?.ms);
      waiters.set(session.id, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    waiters.delete(session.id);
    holding -= 1;
    return !closed.has(session.id);
  };
  const shouldRefuse = (phase: 'rcpt' | 'data'): SMTPServerError | null => {
    const rule = options.refuse;
    if (!rule || rule.phase !== phase || refusals[phase] >= rule.times) return null;
    refusals[phase] += 1;
    return Object.assign(new Error(rule.code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: rule.code });
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: options.startTls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 1_000,
    onClose(session) {
      closed.add(session.id);
      waiters.get(session.id)?.();
    },
    onRcptTo(_address, _session, callback) {
      callback(shouldRefuse('rcpt'));
    },
    onData(stream, session, callback) {
      readAll(stream)
        .then(async (raw) => {
          const refusal = shouldRefuse('data');
          if (refusal) return callback(refusal);
          if (!(await hold(session))) {
            dropped.push(await toReceived(raw, session));
            return callback(new Error('client went away'));
          }
          received.push(await toReceived(raw, session));
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    refusals,
    holding: () => holding,
    dropped,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function toReceived(raw: Buffer, session: SMTPServerSession): Promise<ReceivedMail> {
  const mailFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
  return {
    mailFrom,
    rcptTo: session.envelope.rcptTo.map((entry) => entry.address),
    raw,
    parsed: await simpleParser(raw),
    isSecure: session.secure,
  };
}
