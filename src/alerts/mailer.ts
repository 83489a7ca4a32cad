import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { AppError } from '../shared/errors.js';
import { safeIdPart } from '../shared/ids.js';
import { toSendError } from './send-error.js';

/**
 * The mail transport adapter: nodemailer over SMTP (pooled), or `.eml` files in an outbox folder
 * when no SMTP server is configured. Both build the message with nodemailer, so an outbox file is
 * the same RFC 5322 message the SMTP server would have received.
 */

/** One alert e-mail, ready to go. Header-safe: compose strips CR/LF from the subject. */
export interface AlertMessage {
  /** The digest key: names the outbox file and the Message-ID (`<key@sender-domain>`). */
  key: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
}

/** What the transport reports for a message it accepted. */
export interface SendReceipt {
  messageId: string;
  /** Recipients the server accepted (all, for the outbox). */
  accepted: number;
  /** Copy (cc) recipients the server refused; a refused `to` recipient fails the send instead. */
  rejected: number;
}

/** The mail port the alert step sends through. */
export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  /** Sends one message; rejects with AppError ALERT_SEND_FAILED (`retryable` for 4xx and network failures). */
  send(message: AlertMessage): Promise<SendReceipt>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}

/** Settings of the SMTP mailer; timeouts are fixed (connect/greeting 15 s, socket 60 s). */
export interface SmtpMailerOptions {
  /** `smtps://` for implicit TLS; `smtp://` upgrades with STARTTLS when the server offers it. May hold credentials. */
  url: string;
  /** Sender, e.g. `stratsys-sync <noreply@example.org>` (MAIL_FROM). */
  from: string;
  /** Extra TLS options (a private CA, for instance). */
  tls?: ConnectionOptions;
  /** Pooled connections at most. Default 2. */
  maxConnections?: number;
  /**
   * Send credentials over a connection that is not encrypted (SMTP_ALLOW_INSECURE). Default false:
   * with a user in the URL, an `smtp://` connection must upgrade with STARTTLS or the send fails.
   */
  allowInsecureAuth?: boolean;
}

/** Whether the mailer must refuse to log in without TLS: credentials in an `smtp://` URL and no explicit opt-out. */
export function shouldRequireTls(url: string, allowInsecureAuth = false): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'smtp:' && (parsed.username !== '' || parsed.password !== '') && !allowInsecureAuth;
}

/** A pooled nodemailer SMTP transport. Nothing connects until the first send. */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.maxConnections ?? 2,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    logger: false,
    // STARTTLS or nothing when there is a password to send (nodemailer otherwise logs in in clear
    // text when the server does not offer STARTTLS).
    requireTLS: shouldRequireTls(options.url, options.allowInsecureAuth),
    ...(options.tls ? { tls: options.tls } : {}),
  });
  return {
    kind: 'smtp',
    async send(message) {
      const info = await transport.sendMail(mailOptions(message, options.from)).catch((error: unknown) => {
        throw toSendError(error);
      });
      const rejected = new Set(info.rejected.map((address) => address.toLowerCase()));
      if (message.to.some((address) => rejected.has(address.toLowerCase()))) {
        const isTemporary = (info.rejectedErrors ?? []).some((error) => error.permanent === false);
        throw new AppError('ALERT_SEND_FAILED', 'the SMTP server refused the recipient', { retryable: isTemporary, details: { rejected: rejected.size } });
      }
      return { messageId: info.messageId, accepted: info.accepted.length, rejected: rejected.size };
    },
    async close() {
      transport.close();
    },
  };
}

/** Writes each message as `<dir>/<key>.eml` (CRLF line ends), replacing an earlier file of the same digest. */
export function createOutboxMailer(options: { dir: string; from: string }): Mailer {
  return {
    kind: 'outbox',
    async send(message) {
      const raw = await buildMimeMessage(message, options.from);
      const file = path.join(options.dir, `${safeIdPart(message.key)}.eml`);
      await mkdir(options.dir, { recursive: true });
      await writeFile(`${file}.tmp`, raw);
      await rename(`${file}.tmp`, file);
      return { messageId: messageIdOf(message.key, options.from), accepted: message.to.length + message.cc.length, rejected: 0 };
    },
    async close() {},
  };
}

/** The complete RFC 5322 message nodemailer would send, as bytes. */
export async function buildMimeMessage(message: AlertMessage, from: string): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail(mailOptions(message, from));
  return info.message as Buffer;
}

/** `<key@domain of the sender>`: the same digest always has the same Message-ID. */
export function messageIdOf(key: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'stratsys-sync.invalid';
  return `<${key}@${domain}>`;
}

function mailOptions(message: AlertMessage, from: string): SendMailOptions {
  return {
    from,
    to: message.to,
    cc: message.cc.length > 0 ? message.cc : undefined,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: messageIdOf(message.key, from),
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All', 'X-Stratsys-Sync-Alert': message.key },
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
