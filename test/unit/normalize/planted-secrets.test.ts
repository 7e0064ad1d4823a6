// The example day of Cloud Run logs has fake secrets and e-mail addresses planted in it, in the
// shapes real services leak them. None may survive normalization.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { plantedEmailLocalParts, plantedSecretStrings } from '../../../bench/lib/fake-secrets.js';
import { normalizeEntry } from '../../../src/normalize/index.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';

const EXAMPLE = new URL('../../../examples/cloud-run-backend-day.jsonl', import.meta.url);

describe('planted secrets in the example day', () => {
  const entries: Entry[] = [];
  const skipped: string[] = [];
  for (const line of readFileSync(EXAMPLE, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const out = normalizeEntry(JSON.parse(line) as RawEntry);
    if ('skip' in out) skipped.push(out.skip);
    else entries.push(out);
  }
  const texts = entries.map((e) => [e.text, e.errorType ?? '', e.request?.path ?? ''].join('\n')).join('\n');

  it('normalizes the whole day', () => {
    expect(entries.length).toBeGreaterThan(2900);
    expect(skipped).toEqual([]);
  });

  it.each(plantedSecretStrings().map((secret) => [secret.slice(0, 12), secret]))('no trace of %s…', (_head, secret) => {
    expect(texts).not.toContain(secret);
  });

  it.each(plantedEmailLocalParts())('no local part %s', (local) => {
    expect(texts).not.toContain(local);
  });

  it('keeps the domains of the addresses', () => {
    expect(texts).toContain('***@cornell.edu');
  });
});
