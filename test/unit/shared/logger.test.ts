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
