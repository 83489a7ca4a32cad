import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/shared/logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'debug', destination }) };
}

describe('logger redaction', () => {
  it('censors authorization headers, tokens, secrets and passwords wherever they sit', () => {
    const { lines, logger } = capture();
    logger.child({ module: 'stratsys' }).info(
      {
        headers: { authorization: 'Basic YXBwOnNlY3JldA==' },
        request: { headers: { Authorization: 'BEARER gavle_tok' } },
        auth: { clientSecret: 'cs-123', token: 'tok-456', password: 'pw-789' },
        access_token: 'at-000',
        smtpUrl: 'smtp://user:pass@mail',
      },
      'request sent',
    );
    const output = lines.join('');
    for (const secret of ['YXBwOnNlY3JldA', 'gavle_tok', 'cs-123', 'tok-456', 'pw-789', 'at-000', 'user:pass']) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('[redacted]');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ module: 'stratsys', msg: 'request sent' });
  });
});

describe('Redis command arguments', () => {
  function replyError(): Error {
    // The shape ioredis gives a failed handshake: the command with its arguments, password included.
    return Object.assign(new Error('WRONGPASS invalid username-password pair or user is disabled.'), {
      command: { name: 'hello', args: ['3', 'AUTH', 'default', 'pw-redis-1'] },
    });
  }

  it('are removed wherever a Redis error sits in a log line, and the error itself is left intact', () => {
    const { lines, logger } = capture();
    const original = replyError();
    logger.warn({ err: original }, 'redis connection error');
    logger.error({ error: replyError() }, 'other key');
    logger.error({ err: new AggregateError([replyError()], 'all nodes failed') }, 'cluster');
    logger.error({ err: Object.assign(new Error('wrapped'), { details: { last: { command: { name: 'auth', args: ['pw-redis-1'] } } } }) }, 'nested');
    const output = lines.join('');
    expect(output).not.toContain('pw-redis-1');
    expect(output.match(/\[redacted: \d args\]/g)).toHaveLength(4);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ err: { message: original.message, command: { name: 'hello', args: '[redacted: 4 args]' } } });
    expect((original as Error & { command: { args: string[] } }).command.args).toContain('pw-redis-1');
  });
});
