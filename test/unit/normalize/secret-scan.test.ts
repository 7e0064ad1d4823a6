// The last outgoing check: secret shapes are found in what leaves the process; our own prose, links
// and redacted text are not mistaken for one.
import { describe, expect, it } from '@jest/globals';
import {
  SecretRefusedError, findSecretShape, redact, refuseSecrets, withholdSecretLines, withholdSecrets,
} from '../../../src/normalize/index.js';

const token = ['ghp', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('_');
const jwt = ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].join('.');

describe('findSecretShape', () => {
  it.each([
    ['a GitHub token', `see ${token}`],
    ['a JWT', `session ${jwt}`],
    ['an e-mail address', 'contact alice.smith@cornell.edu'],
    ['a password in a URL', 'postgres://app:s3cr3t@db.internal/main'],
    ['a password pair', 'DB_PASS=lemondrizzlecake'],
    ['a card number', 'card 4111 1111 1111 1111'],
    ['a Shopify token', `shop ${['shpat', '0f1e2d3c4b5a69788796a5b4c3d2e1f0'].join('_')}`],
  ])('finds %s', (_name, text) => {
    expect(findSecretShape(text)).not.toBeNull();
  });

  it.each([
    ['redacted text', redact(`token=${token} user alice@cornell.edu password=hunter2 postgres://a:b@db/x`)],
    ['a console link', 'https://console.cloud.google.com/logs/query;query=resource.type%3D%22cloud_run_revision%22%0Aseverity%3E%3DERROR;timeRange=2025-09-11T00:00:00Z%2F2025-09-12T00:00:00Z?project=netra-staging'],
    ['our own prose', '**Sample** (redacted)\n```text\nInvalid token: expired\n```\nFirst seen 2025-09-11, 42 occurrences, P1'],
    ['an issue link', 'Related: #12, https://github.com/acme/backend/issues/12'],
  ])('passes %s', (_name, text) => {
    expect(findSecretShape(text)).toBeNull();
  });
});

describe('refusing and withholding', () => {
  it('refuses with the destination and the shape, never the value', () => {
    expect(() => refuseSecrets(`x ${token}`, 'POST /issues')).toThrow(SecretRefusedError);
    try {
      refuseSecrets({ body: `x ${token}` }, 'POST /issues');
    } catch (error) {
      expect((error as Error).message).toMatch(/^refused to send POST \/issues: it holds a value shaped like a vendor token$/);
    }
    expect(refuseSecrets({ body: 'clean' }, 'POST /issues')).toEqual({ body: 'clean' });
  });

  it('withholds the worklog lines that hold a secret, and only those', () => {
    const worklog = `# Worklog\n| problem | count |\n| ${token} | 3 |\n| clean one | 4 |`;
    const out = withholdSecretLines(worklog);
    expect(out).not.toContain(token);
    expect(out.split('\n')).toEqual(['# Worklog', '| problem | count |', '[withheld: shaped like a vendor token]', '| clean one | 4 |']);
  });

  it('withholds the report strings that hold a secret, and keeps the rest as it was', () => {
    const report = { runId: 'r1', clusters: [{ id: 'c1', template: `auth ${jwt}`, count: 2 }], errors: [] };
    const out = withholdSecrets(report);
    expect(JSON.stringify(out)).not.toContain(jwt);
    expect(out.clusters[0]).toEqual({ id: 'c1', template: '[withheld: shaped like a JWT or base64 JSON]', count: 2 });
    const clean = { runId: 'r2' };
    expect(withholdSecrets(clean)).toBe(clean);
  });
});

describe("the gardener's own log lines", () => {
  it('carry no secret, in the message or in the fields', async () => {
    const { Writable } = await import('node:stream');
    const { createLogger } = await import('../../../src/shared/logger.js');
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ destination });
    logger.warn({ request: { body: `issue for alice.smith@cornell.edu ${token}`, nested: [{ jwt }] } }, `sending ${token}`);
    const text = lines.join('');
    expect(text).toContain('"severity":"WARNING"');
    for (const leak of [token, jwt, 'alice.smith']) expect(text).not.toContain(leak);
  });
});
