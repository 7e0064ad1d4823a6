// An access line of a request answered 4xx, written a few milliseconds after the error the same instance
// logged for that request (an application that gives up on a transaction and answers 409), is that
// failure's request: `classify` gives it the error's cluster. The same logger's 404s of mistyped paths,
// written beside no error, stay chatter of their own, and so do its 200s.
import { clustersByInsertId, dayFiles } from './classified-ids.js';

const START = Date.parse('2026-12-05T10:00:00Z');
const resource = { type: 'cloud_run_revision', labels: { service_name: 'seats', revision_name: 'seats-00041-exw', location: 'europe-west1', project_id: 'shop-prod' } };
const stderr = 'projects/shop-prod/logs/run.googleapis.com%2Fstderr';
const iso = (ms: number): string => new Date(ms).toISOString();

const FAILURE = [
  'ERROR:app.holds:commit failed for hold h_fe83803229 (event 51162, 2 seats)',
  'Traceback (most recent call last):',
  '  File "/usr/local/lib/python3.12/site-packages/google/api_core/grpc_helpers.py", line 76, in error_remapped_callable',
  '    return callable_(*args, **kwargs)',
  '  File "/app/app/holds.py", line 54, in create_hold',
  '    database.run_in_transaction(_reserve, event_id, seats, timeout_secs=10)',
  'google.api_core.exceptions.Aborted: 409 Transaction was aborted.',
].join('\n');

function entries(): object[] {
  const out: object[] = [];
  for (let i = 0; i < 10; i++) {
    const t = START + i * 11 * 60_000;
    const labels = { instanceId: `00a1b2c3d4e5f6${i % 2}` };
    out.push({ insertId: `e${i}`, timestamp: iso(t), logName: stderr, resource, labels, textPayload: FAILURE });
    out.push({ insertId: `c${i}`, timestamp: iso(t + 2), logName: stderr, resource, labels, textPayload: `169.254.4.137:${50000 + i} - "POST /holds HTTP/1.1" 409` });
    out.push({ insertId: `ok${i}`, timestamp: iso(t + 60_000), logName: stderr, resource, labels, textPayload: `169.254.4.137:${51000 + i} - "POST /holds HTTP/1.1" 201` });
    out.push({ insertId: `nf${i}`, timestamp: iso(t + 120_000), logName: stderr, resource, labels, textPayload: `169.254.4.137:${52000 + i} - "POST /holdz HTTP/1.1" 404` });
  }
  return out;
}

const write = dayFiles('client-error-');
const file = write('day.jsonl', entries());

describe('an access line for a request answered 4xx beside the error', () => {
  it('gets the error\'s cluster from classify; 4xx and 2xx lines beside no error keep their own', async () => {
    const clusterOf = await clustersByInsertId(file, entries() as Array<{ insertId: string }>);
    const error = clusterOf(/^e/);
    expect(error.size).toBe(1);
    expect(clusterOf(/^c/)).toEqual(error);
    for (const other of [/^ok/, /^nf/]) expect([...clusterOf(other)].some((id) => error.has(id))).toBe(false);
  });
});
