// A problem belongs to one service: the same message, traceback or route from two services is two
// clusters, each naming its own service; a service's ids do not depend on which other services are
// in the window; entries with no service are one namespace of their own, with the ids they always had.
import fc from 'fast-check';
import { createClassifier, serviceScopedId, type Classifier } from '../../../src/classify/index.js';
import { normalizeEntry } from '../../../src/normalize/normalize-entry.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';

const T0 = Date.parse('2025-09-11T10:00:00Z');

/** An entry as the sweep reads it: a LogEntry of `service` (none: no resource labels), normalized. */
function read(service: string, raw: Omit<RawEntry, 'timestamp'>, at = 0): Entry {
  const entry = normalizeEntry({
    timestamp: new Date(T0 + at * 1000).toISOString(),
    severity: 'ERROR',
    ...(service ? { resource: { type: 'cloud_run_revision', labels: { service_name: service, revision_name: `${service}-00001-abc` } } } : {}),
    ...raw,
  } as RawEntry);
  if ('skip' in entry) throw new Error(`skipped: ${entry.skip}`);
  return entry;
}

const text = (t: string) => ({ textPayload: t });
const request = (method: string, path: string, status: number) => ({ httpRequest: { requestMethod: method, requestUrl: `https://svc-abc-ew.a.run.app${path}`, status } });
const MEMORY = (used: number) => text(`Memory limit of 512 MiB exceeded with ${used} MiB used. Consider increasing the memory limit, see https://cloud.google.com/run/docs/configuring/memory-limits`);
const EXIT = text('Container called exit(1).');
const JAVA = text('java.lang.IllegalStateException: pool exhausted after 30 ms\n\tat com.acme.billing.Pool.take(Pool.java:88)\n\tat com.acme.billing.Invoices.run(Invoices.java:42)');
const PYTHON = text('Traceback (most recent call last):\n  File "/usr/local/lib/python3.12/site-packages/psycopg2/__init__.py", line 122, in connect\n    conn = _connect(dsn, connection_factory=connection_factory, **kwasync)\npsycopg2.OperationalError: connection to server at "10.8.0.5", port 5432 failed: Connection refused');
const GO = text('panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x6b4c1d]\n\ngoroutine 40 [running]:\nmain.(*Ledger).Post(0x0, 0xc000112000)\n\t/app/ledger.go:57 +0x1d');

function classify(entries: readonly Entry[]): { c: Classifier; ids: string[] } {
  const c = createClassifier();
  const handles = entries.map((e) => c.add(e));
  return { c, ids: handles.map((h) => c.resolve(h).id) };
}

/** service -> the ids its entries got. */
function idsByService(entries: readonly Entry[]): Map<string, Set<string>> {
  const { ids } = classify(entries);
  const out = new Map<string, Set<string>>();
  entries.forEach((e, i) => out.set(e.service, (out.get(e.service) ?? new Set()).add(ids[i] as string)));
  return out;
}

describe('one problem per service', () => {
  const twoServices: Array<[string, Array<Omit<RawEntry, 'timestamp'>>]> = [
    ["Cloud Run's memory limit message", [MEMORY(530), MEMORY(517), MEMORY(600)]],
    ['a container exit', [EXIT, EXIT]],
    ['a Java stack trace', [JAVA, JAVA]],
    ['a Python traceback of a library', [PYTHON, PYTHON]],
    ['a Go panic', [GO, GO]],
    ['a request signature', [request('GET', '/healthz', 503), request('GET', '/healthz', 503)]],
    ['a request route with ids', [request('GET', '/api/orders/17', 500), request('GET', '/api/orders/942', 500)]],
    ['a JSON message', [{ jsonPayload: { message: 'payment 17 declined by gateway' } }, { jsonPayload: { message: 'payment 18 declined by gateway' } }]],
  ];

  it.each(twoServices)('%s from two services is two clusters, each naming its service', (_, raws) => {
    const entries = [...raws.map((r, i) => read('thumbs-kt', r, i)), ...raws.map((r, i) => read('ledger-php', r, 100 + i))];
    const { c } = classify(entries);
    const clusters = c.clusters();
    expect(clusters.map((k) => k.services)).toEqual(expect.arrayContaining([['thumbs-kt'], ['ledger-php']]));
    expect(clusters).toHaveLength(2);
    expect(clusters[0]!.template).toBe(clusters[1]!.template);
    expect(clusters[0]!.id).not.toBe(clusters[1]!.id);
    expect(clusters.map((k) => k.count)).toEqual([raws.length, raws.length]);
  });

  it.each(twoServices)('%s from one service is one cluster, whichever other services log it too', (_, raws) => {
    const alone = idsByService(raws.map((r, i) => read('thumbs-kt', r, i)));
    const others = ['ledger-php', 'search-rs', 'ingest-rs', ''];
    const crowded = idsByService([...raws.map((r, i) => read('thumbs-kt', r, i)), ...others.flatMap((s) => raws.map((r, i) => read(s, r, 50 + i)))]);
    expect(alone.get('thumbs-kt')!.size).toBe(1);
    expect(crowded.get('thumbs-kt')).toEqual(alone.get('thumbs-kt'));
    // Five services (the fifth: entries with no service), five ids.
    expect(new Set([...crowded.values()].flatMap((s) => [...s])).size).toBe(5);
  });

  it.each(twoServices)('%s with no service keeps the id it had before problems were per service', (_, raws) => {
    const none = idsByService(raws.map((r, i) => read('', r, i))).get('')!;
    const named = idsByService(raws.map((r, i) => read('api', r, i))).get('api')!;
    expect(none.size).toBe(1);
    expect(named).toEqual(new Set([serviceScopedId('api', [...none][0]!)]));
  });

  it('entries with no service keep the ids release 0.1.x derived for them (identity is forever)', () => {
    // Ids main derived before this change for these entries with no resource labels. (A request log's
    // 500 was here too; since a 5xx is one problem per status (serverErrorStatus) its id is another, and
    // its old issue is found by re-deriving ids from the samples: a 404 stands in for it.)
    const { ids } = classify([
      read('', text('payment 17 declined by gateway')),
      read('', JAVA),
      read('', request('GET', '/api/orders/17', 404)),
    ]);
    expect(ids).toEqual(['ca57ba32a59b1', 'c2ef42c6b15bd', 'cd3f0d198208a']);
  });

  it('a service id is a hash of the service and the signature, never the signature itself', () => {
    expect(serviceScopedId('', 'cabc')).toBe('cabc');
    expect(serviceScopedId('api', 'cabc')).toMatch(/^c[0-9a-f]{12}$/);
    expect(serviceScopedId('api', 'cabc')).not.toBe(serviceScopedId('web', 'cabc'));
    expect(serviceScopedId('api', 'cabc')).not.toBe(serviceScopedId('api', 'cabd'));
  });

  it('routes are generalised within a service: another service\'s routes neither widen nor narrow them', () => {
    const users = Array.from({ length: 12 }, (_, i) => read('api', request('GET', `/users/${['ann', 'bob', 'cy', 'di', 'ed', 'flo', 'gus', 'hal', 'ida', 'jo', 'kim', 'lu'][i]}`, 404), i));
    const alone = classify(users);
    const withOther = classify([...users, read('web', request('GET', '/users/settings', 404), 99)]);
    expect(new Set(withOther.ids.slice(0, users.length))).toEqual(new Set(alone.ids));
    const web = withOther.c.clusters().find((k) => k.services[0] === 'web')!;
    expect(web.template).toBe('GET /users/settings 404');
  });

  it('core merging stays within a service: two surfaces of one error join, the same error of another service does not', () => {
    const surfaces = (service: string, at: number) => [
      read(service, text('Error: socket hang up'), at),
      read(service, text('upstream call failed: Error: socket hang up'), at + 1),
    ];
    const { c } = classify([...surfaces('web', 0), ...surfaces('api', 10)]);
    expect(c.clusters().map((k) => `${k.services.join(',')} ${k.count}`).sort()).toEqual(['api 2', 'web 2']);
  });

  it('a piece joins the record of its own service, not the same record of another', () => {
    const WHOLE = "cache read failed Error: connect ECONNREFUSED 10.8.0.9:6379\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16) {\n  errno: -111,\n  code: 'ECONNREFUSED',\n  syscall: 'connect'\n}";
    const tail = "  errno: -111,\n  code: 'ECONNREFUSED',\n  syscall: 'connect'\n}";
    const entry = (service: string, t: string, over: Partial<Entry> = {}): Entry => ({ time: T0, severity: 'ERROR', service, revision: `${service}-001`, kind: 'stack', text: t, ...over });
    const c = createClassifier();
    const web = c.add(entry('web', WHOLE));
    const api = c.add(entry('api', WHOLE));
    const piece = c.add(entry('api', tail, { severity: 'DEFAULT', kind: 'text', piece: true }));
    expect(c.resolve(piece).id).toBe(c.resolve(api).id);
    expect(c.resolve(piece).id).not.toBe(c.resolve(web).id);
    expect(c.clusters().find((k) => k.id === c.resolve(api).id)!.count).toBe(2);
  });

  it('locate places a sample within the service it is asked for', () => {
    const { c, ids } = classify([read('thumbs-kt', MEMORY(530)), read('ledger-php', MEMORY(517), 1), read('thumbs-kt', JAVA, 2), read('ledger-php', request('GET', '/healthz', 503), 3)]);
    expect(c.locate(read('thumbs-kt', MEMORY(999)))).toBe(ids[0]);
    expect(c.locate(read('ledger-php', MEMORY(999)))).toBe(ids[1]);
    // No text of that service was mined: nothing to place it in.
    expect(c.locate(read('search-rs', MEMORY(999)))).toBeNull();
    expect(c.locate(read('thumbs-kt', JAVA))).toBe(ids[2]);
    // A signature another service never logged: an id no cluster has.
    const live = new Set(c.clusters().map((k) => k.id));
    expect(live.has(c.locate(read('ledger-php', JAVA))!)).toBe(false);
    expect(c.locate(read('ledger-php', request('GET', '/healthz', 503)))).toBe(ids[3]);
    expect(live.has(c.locate(read('thumbs-kt', request('GET', '/healthz', 503)))!)).toBe(false);
  });

  it('ids and clusters do not depend on the order the services\' entries came in', () => {
    const services = ['thumbs-kt', 'ledger-php', ''];
    const raws = [MEMORY(530), MEMORY(612), EXIT, JAVA, PYTHON, request('GET', '/healthz', 503), text('payment 17 declined by gateway')];
    const entries = services.flatMap((s, k) => raws.map((r, i) => read(s, r, k * 10 + i)));
    const expected = classify(entries).c.clusters().map((k) => `${k.id} ${k.count} ${k.services.join(',')}`).sort();
    fc.assert(
      fc.property(fc.shuffledSubarray(entries, { minLength: entries.length }), (shuffled) => {
        const got = classify(shuffled).c.clusters().map((k) => `${k.id} ${k.count} ${k.services.join(',')}`).sort();
        expect(got).toEqual(expected);
      }),
      { numRuns: 40 },
    );
    expect(expected.length).toBe(services.length * (raws.length - 1));
  });
});

describe("a server's access lines of requests answered 5xx", () => {
  it('are one problem per status whatever address, path, agent or size they print, with Cloud Run\'s request log of it', () => {
    const classifier = createClassifier();
    const lines = [
      '169.254.1.1 - - [12/Dec/2026:02:05:39 +0000] "POST /_dash-update-component HTTP/1.1" 500 290 "https://dash.example/" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"',
      '169.254.1.7 - - [12/Dec/2026:03:11:02 +0000] "POST /_dash-update-component HTTP/1.1" 500 290 "https://dash.example/" "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15"',
      '169.254.1.9 - - [12/Dec/2026:04:40:17 +0000] "GET /reports/8812 HTTP/1.1" 500 0 "-" "curl/8.5.0"',
    ];
    const access = lines.map((l, i) => classifier.add(read('dash', { severity: 'DEFAULT', ...text(l) }, i)));
    const platform = classifier.add(read('dash', request('POST', '/_dash-update-component', 500), 9));
    const ids = access.map((h) => classifier.resolve(h).id);
    expect(new Set(ids).size).toBe(1);
    expect(classifier.resolve(platform).id).toBe(ids[0]);
    // A 503 is another problem, as a request log's is.
    const unavailable = classifier.add(read('dash', { severity: 'DEFAULT', ...text('169.254.1.1 - - [12/Dec/2026:05:00:00 +0000] "POST /_dash-update-component HTTP/1.1" 503 0 "-" "curl/8.5.0"') }, 20));
    expect(classifier.resolve(unavailable).id).not.toBe(ids[0]);
    expect(classifier.clusters().filter((c) => c.kind === 'request')).toHaveLength(2);
  });
});
