// A sample a past release stored is its message as that release read it: the part of a header it
// did not read as one stays at its start, and a line it read as an entry of its own comes without the
// header that line keeps inside the record read whole today. Either way the sample is found again.
import { createClassifier, rederiveIds, type LiveCluster } from '../../../src/classify/index.js';
import { normalizeEntry, rereadSampleEntry, sampleEntry } from '../../../src/normalize/index.js';
import { matchClusters } from '../../../src/plan/index.js';
import type { Entry, TrackedIssue } from '../../../src/shared/types.js';

function entry(service: string, textPayload: string, second: number): Entry {
  const e = normalizeEntry({
    timestamp: `2026-12-05T12:00:${String(second).padStart(2, '0')}Z`, textPayload,
    resource: { type: 'cloud_run_revision', labels: { service_name: service, revision_name: `${service}-00002-abc` } },
  });
  if ('skip' in e) throw new Error(`skipped: ${textPayload}`);
  return e;
}

/** An open issue the gardener filed under an id no cluster has today. */
function filedUnder(number: number): TrackedIssue {
  return {
    number, title: `#${number}`, url: '', state: 'open', stateReason: null, closedAt: null, labels: ['log-gardener'], author: 'log-gardener[bot]',
    authorIsGardener: true, body: '', evidenceCommentId: null, evidenceCommentBody: null,
    state_block: { version: 1, clusterId: `cold${number}`, aliases: [], template: '', totalCount: 1, lastWindowCount: 1, firstSeen: '', lastSeen: '', priority: 'P1', windowEnd: '' },
  };
}

function classified(service: string, texts: string[]) {
  const c = createClassifier();
  texts.forEach((t, i) => c.add(entry(service, t, i)));
  const clusters = c.clusters();
  const live = new Map<string, LiveCluster>(clusters.map((k) => [k.id, { service: k.services[0] ?? '', count: k.count }]));
  return { c, live, ids: clusters.map((k) => k.id) };
}

// Play's production pattern (`%date [%level] from %logger in %thread - %message`); the release before
// its `from … in … - ` was read as header stored the message with it (the warning as akka/akka-http#1039
// pasted it).
const EARLY = (thread: number, path: string) => `2026-12-05 12:32:13,534 [WARN] from akka.actor.ActorSystemImpl in application-akka.actor.default-dispatcher-${thread} - `
  + `Sending an 2xx 'early' response before end of request for http://shop.example/api/uploads/${path} received... Note that the connection will be closed after this response.`;
const EARLY_STORED = 'from akka.actor.ActorSystemImpl in application-akka.actor.default-dispatcher-19 - '
  + "Sending an 2xx 'early' response before end of request for http://shop.example/api/uploads/review-photo received... Note that the connection will be closed after this response.";
const POOL_OVERFLOW = 'akka.stream.BufferOverflowException: Exceeded configured max-open-requests value of [32]. This means that the request queue of this pool '
  + '(HostConnectionPoolSetup(prices.supplier.example,443,ConnectionPoolSetup(ConnectionPoolSettings(4,0,5,32,1,Duration.Inf,100 milliseconds,2 minutes,30 seconds,Duration.Inf,'
  + 'ClientConnectionSettings(...),...)))) has completely filled up because the pool currently does not process requests fast enough to handle the incoming request load. '
  + 'Please retry the request later. See https://doc.akka.io/docs/akka-http/current/scala/http/client-side/pool-overflow.html for more information.';
const POOL_FRAMES = '\n\tat akka.http.impl.engine.client.PoolInterface$Logic.<init>(PoolInterface.scala:106)'
  + '\n\tat akka.http.impl.engine.client.PoolInterface$PoolInterfaceStage.createLogicAndMaterializedValue(PoolInterface.scala:94)'
  + '\n\tat akka.stream.impl.GraphStageIsland.materializeAtomic(PhasedFusingActorMaterializer.scala:759)';
const OVERFLOW = (supplier: string) => `2026-12-05 12:45:47,420 [ERROR] from services.PriceSync in application-akka.actor.default-dispatcher-6 - price sync failed for supplier ${supplier}\n`
  + POOL_OVERFLOW + POOL_FRAMES;
// Split by Cloud Run, the record was its line and the exception's first line, no frame.
const OVERFLOW_STORED = `from services.PriceSync in application-akka.actor.default-dispatcher-7 - price sync failed for supplier acme-wholesale\n${POOL_OVERFLOW}`;

describe('a sample stored with the part of its header that release did not read', () => {
  it.each([
    // The warning is the whole record; the trace's sample lacks its frames, a piece of the record today.
    ['a warning', 'text' as const, [EARLY(9, 'receipt'), EARLY(17, 'avatar'), EARLY(19, 'review-photo')], EARLY_STORED, 'whole' as const],
    ['a trace under its line', 'stack' as const, [OVERFLOW('acme-wholesale'), OVERFLOW('northgear')], OVERFLOW_STORED, 'piece' as const],
  ])('%s is found in the problem it is today', (_, kind, today, stored, placed) => {
    const { c, live, ids } = classified('shop-play', today);
    expect(ids).toHaveLength(1);
    const sample = { ...sampleEntry(stored, kind)!, service: 'shop-play' };
    // As it was stored, the header's rest is read as its words: the sample lands in no cluster as it
    // is, and is found only by its core words (the message's own, which the header's rest comes before).
    expect(rederiveIds(c, [{ issue: 713, entries: [sample] }], live).get(713)).toEqual(ids.map((id) => ({ id, placed: 'core' })));
    const reread = { ...rereadSampleEntry(stored, kind)!, service: 'shop-play' };
    expect(rederiveIds(c, [{ issue: 713, entries: [sample], rereads: new Map([[sample, reread]]) }], live).get(713)).toEqual(ids.map((id) => ({ id, placed })));
  });

  it('a sample with no header left is not read again, nor is a line that is all header', () => {
    expect(rereadSampleEntry("Sending an 2xx 'early' response before end of request", 'text')).toBeNull();
    expect(rereadSampleEntry('from play.api.http.DefaultHttpErrorHandler in application-akka.actor.default-dispatcher-22 -', 'text')).toBeNull();
    expect(rereadSampleEntry('GET /cart 500', 'request')).toBeNull();
  });
});

// tracing-subscriber's Pretty formatter (its documented output: the event indented by two, the fields as
// `, key: value`, then `at file:line` and `in span with fields`) and Full's line for the same event. The
// release before the fields were read as Full prints them stored a Pretty event as its message with
// Pretty's fields, a text no event reads as now.
const YAK_FULL = (n: number) => `2026-12-05T12:00:0${n}.535324Z  WARN shaving_yaks{yaks=3}: fmt_pretty::yak_shave: could not shave yak, backing off yak=${n} retry_after_ms=${n * 100}`;
const YAK_PRETTY = (n: number) => `  2026-12-05T12:00:1${n}.535403Z  WARN fmt_pretty::yak_shave: could not shave yak, backing off, yak: ${n}, retry_after_ms: ${n * 100}`
  + '\n    at examples/examples/fmt-pretty.rs:31 on main\n    in fmt_pretty::yak_shave::shaving_yaks with yaks: 3';
const YAK_STORED = 'could not shave yak, backing off, yak: 2, retry_after_ms: 200';

describe("a tracing Pretty event stored with its fields as Pretty prints them", () => {
  it('is found in the problem its event is today, read with its fields as Full prints them', () => {
    const { c, live, ids } = classified('search-axum', [YAK_FULL(1), YAK_PRETTY(2), YAK_FULL(3), YAK_PRETTY(4)]);
    expect(ids).toHaveLength(1);
    const sample = { ...sampleEntry(YAK_STORED, 'text')!, service: 'search-axum' };
    // As stored, it lands in no cluster as it is; its words (the event's message) still find its problem.
    expect(rederiveIds(c, [{ issue: 1440, entries: [sample] }], live).get(1440)).toEqual([{ id: ids[0], placed: 'core' }]);
    const reread = { ...rereadSampleEntry(YAK_STORED, 'text')!, service: 'search-axum' };
    expect(rederiveIds(c, [{ issue: 1440, entries: [sample], rereads: new Map([[sample, reread]]) }], live).get(1440)).toEqual([{ id: ids[0], placed: 'whole' }]);
  });

  it('a sample with no `, key: ` field is not read again this way', () => {
    expect(rereadSampleEntry('could not shave yak, backing off', 'text')).toBeNull();
    expect(rereadSampleEntry('Status code: 500 Internal Server Error, retry later', 'text')).toBeNull();
  });
});

// Bun prints the source lines and a caret above the error, and its version under the frames; split one
// line an entry, the release before these were one record read the `error: …` line and its frames as an
// entry of its own and stored them without the `error: ` (a header to a line logged alone).
const BUN_CRASH = [
  '40 |   for (;;) {',
  '41 |     const job = await queue.next();',
  '42 |     if (!job) throw new Error(`queue thumbs drained unexpectedly`);',
  '                     ^',
  'error: queue thumbs drained unexpectedly',
  '      at poll (/app/src/worker.ts:42:21)',
  '      at processTicksAndRejections (native:7:39)',
  '',
  'Bun v1.1.38 (Linux x64 baseline)',
].join('\n');
const BUN_STORED = 'queue thumbs drained unexpectedly\n      at poll (/app/src/worker.ts:42:21)\n      at processTicksAndRejections (native:7:39)';

describe('a sample stored from a line that, inside the record read whole today, keeps its header', () => {
  it('is found in the record', () => {
    const { c, live, ids } = classified('images-bun', [BUN_CRASH]);
    expect(ids).toHaveLength(1);
    const sample = { ...sampleEntry(BUN_STORED, 'text')!, service: 'images-bun' };
    expect(c.locateInRecords(sample)).toBe(ids[0]);
    expect(rederiveIds(c, [{ issue: 688, entries: [sample] }], live).get(688)).toEqual(ids.map((id) => ({ id, placed: 'piece' })));
  });

  it('an issue that held the whole record tracks it before an older one that held a line of it', () => {
    const { c, live, ids } = classified('images-bun', [BUN_CRASH]);
    const line = { ...sampleEntry(BUN_STORED, 'text')!, service: 'images-bun' };
    const record = { ...sampleEntry(BUN_CRASH, 'text')!, service: 'images-bun' };
    const rederived = rederiveIds(c, [{ issue: 688, entries: [line] }, { issue: 689, entries: [record] }, { issue: 690, entries: [line, record] }], live);
    expect(rederived.get(688)).toEqual([{ id: ids[0], placed: 'piece' }]);
    expect(rederived.get(689)).toEqual([{ id: ids[0], placed: 'whole' }]);
    // Samples that hold both: the nearest to the record says how the issue is placed.
    expect(rederived.get(690)).toEqual([{ id: ids[0], placed: 'whole' }]);
    const issues = [688, 689].map(filedUnder);
    expect(matchClusters(c.clusters(), issues, new Map(), () => true, rederived).byCluster.get(ids[0]!)?.issue.number).toBe(689);
  });

  it('a line of the record without its header still does not stand for another record', () => {
    const { c } = classified('images-bun', [BUN_CRASH, BUN_CRASH.replace(/queue thumbs drained/g, 'queue mail drained')]);
    const sample = { ...sampleEntry('queue thumbs drained unexpectedly', 'text')!, service: 'images-bun' };
    const found = c.locateInRecords(sample);
    expect(found).not.toBeNull();
    expect(c.clusters().find((k) => k.id === found)?.samples[0]).toContain('thumbs');
  });
});

// Dropwizard's LoggingExceptionMapper record (the write-bursts identity fixture, catalog-dropwizard):
// split one line an entry, a past release filed its `! at` frames as a problem of their own (#1020,
// `unclassified-problem`, the oldest) and the record's head as another (#1030, the OutOfMemoryError,
// whose samples hold the record). Read whole, they are one problem, and the record's issue tracks it.
const DROPWIZARD = (id: string) => [
  `ERROR [2026-12-08 02:16:16,354] io.dropwizard.jersey.errors.LoggingExceptionMapper: Error handling a request: ${id}`,
  '! java.lang.OutOfMemoryError: Java heap space',
  '! at java.base/java.util.Arrays.copyOf(Arrays.java:3541)',
  '! at java.base/java.lang.AbstractStringBuilder.ensureCapacityInternal(AbstractStringBuilder.java:242)',
  '! at java.base/java.lang.StringBuilder.append(StringBuilder.java:179)',
  '! at com.tidewater.catalog.resources.ExportResource.csv(ExportResource.java:39)',
].join('\n');
const FRAMES_ISSUE = [
  '! at java.base/java.util.Arrays.copyOf(Arrays.java:3541)',
  '! at java.base/java.lang.AbstractStringBuilder.ensureCapacityInternal(AbstractStringBuilder.java:242)',
  '! at java.base/java.lang.StringBuilder.append(StringBuilder.java:179)',
];
const RECORD_ISSUE = ['! java.lang.OutOfMemoryError: Java heap space', `Error handling a request: b3e1af72bf22b9f4\n${DROPWIZARD('').split('\n').slice(1).join('\n')}`];

describe('an old issue that held a piece of a record and one that held the record', () => {
  it('the record\'s issue tracks the problem, though the piece\'s is older', () => {
    const { c, live, ids } = classified('catalog-dropwizard', [DROPWIZARD('cad7c1dfe8aae981'), DROPWIZARD('689abe9e5373c227')]);
    expect(ids).toHaveLength(1);
    const samples = (texts: string[]) => texts.map((t) => ({ ...sampleEntry(t, 'text')!, service: 'catalog-dropwizard' }));
    const rederived = rederiveIds(c, [{ issue: 1020, entries: samples(FRAMES_ISSUE) }, { issue: 1030, entries: samples(RECORD_ISSUE) }], live);
    expect(rederived.get(1020)).toEqual([{ id: ids[0], placed: 'piece' }]);
    expect(rederived.get(1030)).toEqual([{ id: ids[0], placed: 'whole' }]);
    const issues = [1020, 1030].map(filedUnder);
    expect(matchClusters(c.clusters(), issues, new Map(), () => true, rederived).byCluster.get(ids[0]!)).toMatchObject({ issue: { number: 1030 }, placed: 'whole' });
  });
});

// pino-pretty's record (hapi-pino on the thirteenth day's gateway-hapi): its header line, then the
// properties four spaces in. A release that read it as text took the time and level off as a header and
// kept `(1 on localhost): msg` as the message, and where Cloud Run split the record it stored the
// property lines apart from their header line. Today the record reads as the JSON record pino writes.
const PRETTY = (level: string, msg: string, props: string[]) => [`[01:48:26.733] ${level} (1 on localhost): ${msg}`, ...props].join('\n');
const REQ = (url: string) => ['    req: {', '      "id": "1796348906733:localhost:1:gpueahlt:2792",', '      "method": "get",', `      "url": "${url}"`, '    }'];
const REFUSED = (ip: string, url: string) => PRETTY('ERROR', 'request error', [
  ...REQ(url), '    err: {', '      "type": "Error",', `      "message": "connect ECONNREFUSED ${ip}:6379",`, '      "stack":',
  `          Error: connect ECONNREFUSED ${ip}:6379`, '              at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)',
  '      "errno": -111,', '      "code": "ECONNREFUSED"', '    }',
]);
const UNDEFINED_PLAN = PRETTY('ERROR', 'request error', [
  ...REQ('/v1/entitlements'), '    err: {', '      "type": "TypeError",', '      "message": "Cannot read properties of undefined (reading \'plan\')",', '      "stack":',
  '          TypeError: Cannot read properties of undefined (reading \'plan\')', '              at handler (/app/src/routes/entitlements.js:27:42)',
  '              at exports.Manager.execute (/app/node_modules/@hapi/hapi/lib/toolkit.js:60:33)', '    }',
]);
const SLOW = (name: string, ms: number) => PRETTY('WARN', 'upstream slow', ['    upstream: {', `      "name": "${name}",`, `      "ms": ${ms},`, '      "budgetMs": 1500', '    }']);

describe("a sample of pino-pretty's record stored without its header", () => {
  const today = [REFUSED('10.8.0.27', '/v1/catalog'), REFUSED('10.8.0.28', '/v1/profile'), UNDEFINED_PLAN, SLOW('catalog', 5445), SLOW('billing', 5506)];
  const clusterOf = (c: ReturnType<typeof classified>['c'], words: string) => c.clusters().find((k) => k.samples.some((s) => s.includes(words)))!.id;

  it.each([
    ['the property lines alone', REFUSED('10.8.0.31', '/v1/orders').split('\n').slice(1).join('\n'), 'ECONNREFUSED', 'piece' as const],
    ["what the header's time and level left, with the properties", SLOW('search', 4100).replace(/^\[[^\]]+\] WARN /, ''), 'upstream slow', 'whole' as const],
    ["what the header's time and level left, alone", '(1 on localhost): upstream slow', 'upstream slow', 'whole' as const],
  ])('%s is found in the record read whole today', (_, stored, words, placed) => {
    const { c, live } = classified('gateway-hapi', today);
    const sample = { ...sampleEntry(stored, 'text')!, service: 'gateway-hapi' };
    // As it was stored, the sample lands nowhere: the property lines or the source are read as its words.
    expect(rederiveIds(c, [{ issue: 1246, entries: [sample] }], live).get(1246)).toBeUndefined();
    const reread = { ...rereadSampleEntry(stored, 'text')!, service: 'gateway-hapi' };
    expect(rederiveIds(c, [{ issue: 1246, entries: [sample], rereads: new Map([[sample, reread]]) }], live).get(1246))
      .toEqual([{ id: clusterOf(c, words), placed }]);
  });

  it('the header line left alone names no one problem: it heads the records of two', () => {
    const { c, live } = classified('gateway-hapi', today);
    expect(clusterOf(c, 'ECONNREFUSED')).not.toBe(clusterOf(c, 'TypeError'));
    const stored = '(1 on localhost): request error';
    const sample = { ...sampleEntry(stored, 'text')!, service: 'gateway-hapi' };
    const reread = { ...rereadSampleEntry(stored, 'text')!, service: 'gateway-hapi' };
    expect(rederiveIds(c, [{ issue: 1226, entries: [sample], rereads: new Map([[sample, reread]]) }], live).get(1226)).toBeUndefined();
  });

  it('words in parentheses that are no process, and lines that are no properties, are not read again', () => {
    expect(rereadSampleEntry('(see the runbook): upstream slow', 'text')).toBeNull();
    expect(rereadSampleEntry('(1 on localhost): ', 'text')).toBeNull();
    expect(rereadSampleEntry('(1 on localhost): request error\nTypeError: boom\n    at handler (/app/x.js:1:2)', 'stack')).toBeNull();
    expect(rereadSampleEntry('    at handler (/app/src/routes/entitlements.js:27:42)', 'stack')).toBeNull();
  });
});
