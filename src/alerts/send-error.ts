import type { NodemailerError } from 'nodemailer';
import { AppError } from '../shared/errors.js';

/**
 * Translates a nodemailer failure into AppError ALERT_SEND_FAILED. Retryable: a temporary SMTP
 * reply (4xx, 503; nodemailer's `permanent: false`) and connection failures. Not retryable: a
 * permanent reply (5xx), authentication, TLS and configuration errors. The message keeps the SMTP
 * code, command and reply text with every address blanked out, and never the URL or credentials.
 */

const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

/** The AppError for a failed send (see above); an AppError passes through unchanged. */
export function toSendError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as NodemailerError;
  const code = typeof failure.code === 'string' ? failure.code : 'UNKNOWN';
  const responseCode = typeof failure.responseCode === 'number' ? failure.responseCode : null;
  const retryable = failure.permanent === false || (failure.permanent === undefined && TRANSIENT_CODES.has(code));
  const where = [responseCode, failure.command ? `on ${failure.command}` : null].filter((part) => part !== null).join(' ');
  const reply = typeof failure.response === 'string' ? `: ${blankAddresses(failure.response)}` : '';
  const hint = code === 'ETLS' ? '; the TLS upgrade failed and credentials are sent only encrypted (smtps://, a server with STARTTLS, or SMTP_ALLOW_INSECURE=true)' : '';
  return new AppError('ALERT_SEND_FAILED', `SMTP send failed (${code}${where ? ` ${where}` : ''})${reply}${hint}`, {
    retryable,
    details: { code, responseCode, command: failure.command ?? null },
  });
}

/** The server's reply on one line, addresses replaced by `…`, at most 160 characters. */
function blankAddresses(reply: string): string {
  const line = reply
    .replace(/<[^<>]*>/g, '<…>')
    .replace(/[^\s<>]+@[^\s<>]+/g, '…')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
