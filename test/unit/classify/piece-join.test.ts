// Pieces of records whose other part was not read go with the cluster whose records hold them.
import { createClassifier } from '../../../src/classify/index.js';
import { MAX_PIECE_NODES } from '../../../src/classify/classifier.js';
import { joinPieces, type PieceGroup } from '../../../src/classify/piece-join.js';
import { addRecordLines, informative, informativeLines, lineKey, MAX_RECORD_LINES, recordLineKeys } from '../../../src/classify/record-lines.js';
import type { Entry } from '../../../src/shared/types.js';
import { isPieceEntry } from '../../../src/source/reassemble.js';

const group = (id: string, lines: string[], over: Partial<PieceGroup> = {}): PieceGroup => ({
  id, piece: false, count: 10, services: new Set(['api']), lines: new Set(lines), ...over,
});
const piece = (id: string, lines: string[], over: Partial<PieceGroup> = {}): PieceGroup => group(id, lines, { piece: true, count: 1, ...over });

describe('lineKey', () => {
  it.each([
    ['    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16) {', 'at TCPConnectWrap.afterConnect [as oncomplete] (node:net:0:0) {'],
    ['  errno: -111,', 'errno: -0,'],
    ["[04b21b68-027f-48d7-aea3-ea1fb24e1f14] app/controllers/accounts_controller.rb:12:in 'set_account'", "app/controllers/accounts_controller.rb:0:in 'set_account'"],
    ['[req-1] [user-7] app/models/a.rb:3:in `f`', 'app/models/a.rb:0:in `f`'],
    ['  File "/app/.venv/lib/python3.12/site-packages/x.py", line 74, in app', 'File "/app/.venv/lib/python0.0/site-packages/x.py", line 0, in app'],
    ['   at Svc.Run(Guid id 3f2a9c1e-0b4d-4c8e-9a7f-2d1e5b6c7a8f)', 'at Svc.Run(Guid id <ID>)'],
    ['   at 0x7f3a9c1e0b4d in main', 'at <ID> in main'],
    ['main.(*Server).handleSplit(0xc000fc795c, {0xa1c2e, 0x2a?}, 0x0?)', 'main.(*Server).handleSplit(<ID>, {<ID>, <ID>?}, <ID>?)'],
    ['\t/src/ledger/split.go:31 +0xb48', '/src/ledger/split.go:0 +<ID>'],
    ['\t\tat   a.B.c(B.java)', 'at a.B.c(B.java)'],
  ])('%j reads as %j', (line, key) => {
    expect(lineKey(line)).toBe(key);
  });

  it.each(['', '   ', '\t'])('a blank line %j has no key', (line) => {
    expect(lineKey(line)).toBeNull();
  });

  it('bounds what it keeps of a very long line', () => {
    expect((lineKey(`x${'y'.repeat(100_000)}`) as string).length).toBeLessThanOrEqual(240);
  });
});

describe('addRecordLines', () => {
  it('reads the first line as the problem text does (a context suffix set aside)', () => {
    const a = new Set<string>();
    const b = new Set<string>();
    addRecordLines(a, 'query failed [path=/items/1 method=PUT]\nTraceback (most recent call last):');
    addRecordLines(b, 'query failed [path=/items/2 method=GET]\nTraceback (most recent call last):');
    expect([...a]).toEqual([...b]);
  });

  it('keeps at most MAX_RECORD_LINES distinct lines, over many records', () => {
    const lines = new Set<string>();
    const name = (n: number) => n.toString(26).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)] as string);
    for (let r = 0; r < 10; r++) addRecordLines(lines, Array.from({ length: 60 }, (_, i) => `  at frame${name(r * 60 + i)}()`).join('\n'));
    expect(lines.size).toBe(MAX_RECORD_LINES);
  });
});

describe('informative', () => {
  it.each([
    ['}', false], ['<ID>', false], [':', false], ['errno: -0,', true], ['at f()', false], ['at fx()', false], ["code: 'ECONNREFUSED',", true],
    // A GenServer report's data after its frames: the process's input, different in every report.
    ['Last message: {:"$gen_cast", {:track, #PID<0.0.0>, %{room_id: 0, joined_at: "hIKRV0"}}}', false], ['Last message (from #PID<0.0.0>): {:track, 0}', false],
    ['State: %{rooms: %{}, refs: 0}', false], ['Client #PID<0.0.0> is alive', false], ['Statement: select 0', true],
  ])(
    '%j: %s', (key, want) => {
      expect(informative(key)).toBe(want);
    },
  );
});

describe('informativeLines', () => {
  const keys = (lines: string[]): string[] => informativeLines(recordLineKeys(lines.join('\n')));

  it("leaves out the quoted elements of an array util.inspect broke over lines, the last one too", () => {
    expect(keys([
      '    at async file:///app/src/clicks.js:19:3 {',
      '  params: [',
      '    17999,',
      "    'https://spthscfz.example/hc9h4axvvajkj6nvfoyp3rswqbumka',",
      "    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36',",
      "    'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'",
      '  ],',
      "  code: 'ECONNRESET'",
    ])).toEqual(['at async file:///app/src/clicks.js:0:0 {', 'params: [', "code: 'ECONNRESET'"]);
  });

  it("keeps a quoted value that is no array's element: a KeyError's message as a JSON formatter printed it", () => {
    expect(keys(['Exception on /forms/1944/submit [POST]', "'email'", 'File "/usr/local/lib/python3.12/site-packages/flask/app.py", line 1473, in wsgi_app']))
      .toEqual(['Exception on /forms/0/submit [POST]', "'email'", 'File "/usr/local/lib/python0.0/site-packages/flask/app.py", line 0, in wsgi_app']);
    expect(keys(["query: 'insert into \"clicks\" (\"id\") values (default, $1)',", "'use strict';"])).toEqual(["query: 'insert into \"clicks\" (\"id\") values (default, $0)',", "'use strict';"]);
  });
});

describe('joinPieces', () => {
  const record = ['cache read failed Error: connect ECONNREFUSED 0.0.0.0:0', 'at TCPConnectWrap.afterConnect (node:net:0:0) {', 'errno: -0,', "code: 'ECONNREFUSED',", '}'];

  it('a piece joins the one group whose records hold every informative line of it', () => {
    const out = joinPieces([group('whole', record), group('other', ['something else entirely']), piece('p', ['errno: -0,', "code: 'ECONNREFUSED',", '}'])]);
    expect([...out]).toEqual([['p', 'whole']]);
  });

  it('when several groups hold it, it could be a piece of any: it stays apart, whatever the order', () => {
    const groups = [group('b', record, { count: 50 }), group('a', record, { count: 50 }), group('c', record, { count: 7 }), piece('p', ['errno: -0,'])];
    expect(joinPieces(groups).size).toBe(0);
    expect(joinPieces([...groups].reverse()).size).toBe(0);
    expect(joinPieces([group('c', [...record, 'syscall: read']), group('d', record), piece('p', ['errno: -0,', 'syscall: read'])]).get('p')).toBe('c');
  });

  it("a java.util.logging time and source line joins the records of that source at any time of day", () => {
    const upload = group('upload', ['Mar 0, 0 0:0:0 PM com.acme.thumbs.Uploader put', 'WARNING: retrying upload of x.jpg (attempt 0): 0 Service Unavailable']);
    const render = group('render', ['Mar 0, 0 0:0:0 PM com.acme.thumbs.Renderer render', 'SEVERE: thumbnail failed for gs://a/b.png']);
    expect([...joinPieces([upload, render, piece('p', ['Apr 0, 0 0:0:0 AM com.acme.thumbs.Uploader put'])])]).toEqual([['p', 'upload']]);
    expect(joinPieces([upload, render, piece('p', ['Mar 0, 0 0:0:0 AM com.acme.thumbs.Worker handle'])]).size).toBe(0);
    // A message that starts with a date keeps its words.
    expect(joinPieces([group('g', ['Mar 0, 0 0:0:0 AM backup done']), piece('p', ['Mar 0, 0 0:0:0 PM backup failed'])]).size).toBe(0);
  });

  it("a GenServer report's frames join the records holding them, whatever its last message and state were", () => {
    const tracker = group('tracker', [
      'GenServer Realtime.Presence.Tracker terminating', '** (KeyError) key :user_id not found in: %{room_id: 0}',
      '(realtime 0.0.0) lib/realtime/presence/tracker.ex:0: Realtime.Presence.Tracker.handle_cast/0', '(stdlib 0.0.0) gen_server.erl:0: :gen_server.try_handle_cast/0',
      'Last message: {:"$gen_cast", {:track, #PID<0.0.0>, %{room_id: 0, joined_at: "aBcDeF"}}}', 'State: %{rooms: %{}, refs: 0}',
    ]);
    const other = group('other', ['GenServer Realtime.Rooms.Janitor terminating', '(stdlib 0.0.0) gen_server.erl:0: :gen_server.try_handle_cast/0']);
    const frames = piece('p', [
      '(realtime 0.0.0) lib/realtime/presence/tracker.ex:0: Realtime.Presence.Tracker.handle_cast/0', '(stdlib 0.0.0) gen_server.erl:0: :gen_server.try_handle_cast/0',
      'Last message: {:"$gen_cast", {:track, #PID<0.0.0>, %{room_id: 0, joined_at: "hIKRV0", device: "jt0vNc"}}}', 'State: %{rooms: %{}, refs: 0}',
    ]);
    expect([...joinPieces([tracker, other, frames])]).toEqual([['p', 'tracker']]);
    // Its data alone tells nothing: such a piece stays apart.
    expect(joinPieces([tracker, other, piece('q', ['Last message: {:x}', 'State: %{}'])]).size).toBe(0);
  });

  it('a line no group holds keeps the piece where it is', () => {
    expect(joinPieces([group('whole', record), piece('p', ['errno: -0,', 'syscall: read'])]).size).toBe(0);
  });

  it('the line a piece was cut on may be the start of a whole line; no other line may', () => {
    const trace = ['query failed', 'Traceback (most recent call last):', 'File "/app/routing.py", line 0, in app', 'raw_response = await run_endpoint_function('];
    const cut = ['query failed', 'Traceback (most recent call last):', 'raw_response = await run_endpo'];
    expect(joinPieces([group('whole', trace), piece('p', cut, { cutLines: new Set(['raw_response = await run_endpo']) })]).get('p')).toBe('whole');
    expect(joinPieces([group('whole', trace), piece('p', cut)]).size).toBe(0);
    expect(joinPieces([group('whole', trace), piece('p', ['query fail', 'raw_response = await run_endpo'], { cutLines: new Set(['raw_response = await run_endpo']) })]).size).toBe(0);
  });

  it('a piece with nothing informative (a brace, a bare request tag) stays', () => {
    expect(joinPieces([group('whole', [...record, '<ID>']), piece('p', ['}', '<ID>'])]).size).toBe(0);
  });

  it('only within a service of its own', () => {
    expect(joinPieces([group('whole', record, { services: new Set(['web']) }), piece('p', ['errno: -0,'])]).size).toBe(0);
    expect(joinPieces([group('whole', record, { services: new Set(['web', 'api']) }), piece('p', ['errno: -0,'])]).get('p')).toBe('whole');
    expect(joinPieces([group('whole', record, { services: new Set() }), piece('p', ['errno: -0,'], { services: new Set() })]).get('p')).toBe('whole');
  });

  it('whole groups never move, and a piece never joins another piece', () => {
    const out = joinPieces([group('whole', record), group('small', ["code: 'EPIPE',"], { count: 1 }), piece('p1', record), piece('p2', ['errno: -0,'])]);
    expect(out.has('whole')).toBe(false);
    expect(out.has('small')).toBe(false);
    expect(out.get('p1')).toBe('whole');
    expect(out.get('p2')).toBe('whole');
    expect(joinPieces([piece('p1', record), piece('p2', ['errno: -0,'])]).size).toBe(0);
  });
});

describe('the classifier places pieces', () => {
  const T0 = Date.UTC(2026, 2, 10, 10);
  const entry = (text: string, over: Partial<Entry> = {}): Entry => ({
    time: T0, severity: 'ERROR', service: 'storefront', revision: 'storefront-001', kind: 'text', text, ...over,
  });
  const WHOLE = [
    'cache read failed Error: connect ECONNREFUSED 10.8.0.9:6379',
    '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16) {',
    '  errno: -111,',
    "  code: 'ECONNREFUSED',",
    "  syscall: 'connect',",
    "  address: '10.8.0.9',",
    '  port: 6379',
    '}',
  ];
  const OTHER = ['checkout failed TypeError: Cannot read properties of undefined (reading \'total\')', '    at Cart.sum (/app/cart.js:12:9)', '    at /app/routes.js:40:5'];

  it('the tail of a record whose head was lost joins the record\'s cluster; the whole records keep their id', () => {
    const c = createClassifier();
    for (let i = 0; i < 5; i++) c.add(entry(WHOLE.join('\n'), { kind: 'stack', time: T0 + i }));
    for (let i = 0; i < 3; i++) c.add(entry(OTHER.join('\n'), { kind: 'stack', time: T0 + i }));
    const before = createClassifier();
    for (let i = 0; i < 5; i++) before.add(entry(WHOLE.join('\n'), { kind: 'stack', time: T0 + i }));
    const wholeId = before.clusters()[0]!.id;
    const tail = c.add(entry(WHOLE.slice(2).join('\n'), { severity: 'DEFAULT', piece: true }));
    const frame = c.add(entry(WHOLE[1]!, { severity: 'DEFAULT', piece: true }));
    expect(c.resolve(tail).id).toBe(wholeId);
    expect(c.resolve(frame).id).toBe(wholeId);
    expect(c.clusters().map((k) => k.count).sort()).toEqual([3, 7]);
    expect(c.locate(entry(WHOLE.slice(2).join('\n'), { severity: 'DEFAULT', piece: true }))).toBe(wholeId);
  });

  it('the same lines, not marked as a piece, stay a cluster of their own', () => {
    const c = createClassifier();
    for (let i = 0; i < 5; i++) c.add(entry(WHOLE.join('\n'), { kind: 'stack', time: T0 + i }));
    c.add(entry(WHOLE.slice(2).join('\n'), { severity: 'DEFAULT' }));
    expect(c.clusters()).toHaveLength(2);
  });

  it('a piece that names nothing (a closing brace) or that no record holds stays apart', () => {
    const c = createClassifier();
    for (let i = 0; i < 5; i++) c.add(entry(WHOLE.join('\n'), { kind: 'stack', time: T0 + i }));
    c.add(entry('}', { severity: 'DEFAULT', piece: true }));
    c.add(entry('  errno: -104,\n  code: \'ECONNRESET\',', { severity: 'DEFAULT', piece: true }));
    expect(c.clusters()).toHaveLength(3);
  });

  it('a traceback written in one entry and cut mid-line joins the whole traceback', () => {
    const TRACE = ['query failed', 'Traceback (most recent call last):', '  File "/app/routing.py", line 74, in app', '    response = await func(request)', 'KeyError: 1'];
    const c = createClassifier();
    for (let i = 0; i < 4; i++) c.add(entry(TRACE.join('\n'), { kind: 'stack', time: T0 + i }));
    const cut = c.add(entry(`${TRACE.slice(0, 3).join('\n')}\n    response = await fu`, { kind: 'stack', piece: true }));
    expect(c.clusters()).toHaveLength(1);
    expect(c.resolve(cut).id).toBe(c.clusters()[0]!.id);
  });

  it('a traceback cut in its exception\'s name joins the whole traceback whose exception starts so', () => {
    const TRACE = ['reindex of shard 5 failed', 'Traceback (most recent call last):', '  File "/app/reindex.py", line 48, in run_shard', '    helpers.bulk(es, actions)'];
    const c = createClassifier();
    for (let i = 0; i < 4; i++) c.add(entry([...TRACE, 'elastic_transport.ConnectionTimeout: Connection timed out'].join('\n'), { kind: 'stack', time: T0 + i }));
    for (let i = 0; i < 3; i++) c.add(entry([...TRACE, 'elastic_transport.ConnectionError: refused'].join('\n'), { kind: 'stack', time: T0 + i }));
    const timeout = c.clusters().find((k) => k.count === 4)!.id;
    // Cut before the two exceptions part: it could be either, so it stays apart.
    const either = c.add(entry([...TRACE, 'elastic_transport.Con'].join('\n'), { kind: 'stack', piece: true }));
    const one = c.add(entry([...TRACE, 'elastic_transport.ConnectionT'].join('\n'), { kind: 'stack', piece: true }));
    expect(c.resolve(one).id).toBe(timeout);
    expect([timeout, c.clusters().find((k) => k.count === 3)!.id]).not.toContain(c.resolve(either).id);
  });

  it('a service printing indented lines of its own, each different, makes no more than MAX_PIECE_NODES piece clusters', () => {
    const c = createClassifier();
    const word = (n: number) => n.toString(26).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)] as string);
    for (let i = 0; i < 5000; i++) c.add(entry(`    "customer": "${word(i * 7919)}", "tier": "gold"`, { severity: 'DEFAULT', piece: true, time: T0 + i }));
    const clusters = c.clusters();
    expect(clusters.reduce((n, k) => n + k.count, 0)).toBe(5000);
    expect(clusters.length).toBeLessThanOrEqual(MAX_PIECE_NODES + 8);
  });

  it('the same piece written by two services is two clusters, each placed within its own service', () => {
    const c = createClassifier();
    for (let i = 0; i < 5; i++) c.add(entry(WHOLE.join('\n'), { kind: 'stack', time: T0 + i }));
    const mine = c.add(entry(WHOLE.slice(2).join('\n'), { severity: 'DEFAULT', piece: true }));
    const theirs = c.add(entry(WHOLE.slice(2).join('\n'), { severity: 'DEFAULT', piece: true, service: 'catalog' }));
    expect(c.resolve(mine).id).toBe(c.clusters().find((k) => k.count === 6)!.id);
    expect(c.resolve(theirs).id).not.toBe(c.resolve(mine).id);
    expect(c.clusters().map((k) => k.services)).toContainEqual(['catalog']);
  });

  it('a piece from another service stays apart', () => {
    const c = createClassifier();
    for (let i = 0; i < 5; i++) c.add(entry(WHOLE.join('\n'), { kind: 'stack', time: T0 + i }));
    c.add(entry(WHOLE.slice(2).join('\n'), { severity: 'DEFAULT', piece: true, service: 'catalog' }));
    expect(c.clusters()).toHaveLength(2);
  });
});

describe('the classifier places the tail of a record whose head was lost', () => {
  const T0 = Date.UTC(2026, 2, 10, 10);
  const entry = (text: string, over: Partial<Entry> = {}): Entry => ({
    time: T0, severity: 'CRITICAL', service: 'render', revision: 'render-001', kind: 'text', text, ...over,
  });
  // glog's failed CHECK, as render workers print it, and Bun's crash with its source excerpt above the error.
  const GLOG = [
    'F20260310 10:00:00.123456    17 polygon.cc:311] Check failed: ring.size() >= 4 (2 vs. 4) degenerate ring',
    '*** Check failure stack trace: ***',
    '    @     0x55d4c2a1b7f3  google::LogMessage::Fail()',
    '    @     0x55d4c2a1d9a1  google::LogMessage::SendToLog()',
    '    @     0x55d4c29f0e12  geo::Polygon::Close()',
  ];
  const BUN = [
    '17 | export function orient(meta) {',
    '18 |   return ROTATIONS[meta.exif.Orientation] ?? 0;',
    '                                ^',
    "TypeError: undefined is not an object (evaluating 'meta.exif.Orientation')",
    '      at orient (/app/src/exif.ts:18:28)',
  ];

  it.each([
    ["glog's stack without its fatal line", GLOG, GLOG.slice(1)],
    ["Bun's source excerpt without its error", BUN, BUN.slice(0, 3)],
  ])('%s is a piece, and joins the whole records\' cluster', (_name, whole, tail) => {
    const raw = { textPayload: tail.join('\n'), logName: 'projects/p/logs/run.googleapis.com%2Fstderr' };
    expect(isPieceEntry(raw)).toBe(true);
    const c = createClassifier();
    for (let i = 0; i < 4; i++) c.add(entry(whole.join('\n'), { kind: 'stack', time: T0 + i }));
    const lone = c.add(entry(tail.join('\n'), { severity: 'DEFAULT', piece: true }));
    expect(c.clusters()).toHaveLength(1);
    expect(c.resolve(lone).id).toBe(c.clusters()[0]!.id);
  });
});

// A Node error printed by console.error(err): util.inspect writes its own properties after the frames, and
// an array too long for 80 columns one element a line (`params: [` / `    17999,` / `    'https://…',` /
// `  ]`). drizzle-orm 0.44's DrizzleQueryError (`Failed query: …` + `params: …`, its `query` and `params`
// properties, postgres.js' error as `[cause]`) as Hono's default error handler prints it; the bound values
// are the request's, other in every record. A piece whose head was lost holds them as lines of their own.
describe('the tail of an inspected error whose array of values was broken over lines', () => {
  const T0 = Date.UTC(2026, 11, 15, 2);
  const entry = (text: string, over: Partial<Entry> = {}): Entry => ({
    time: T0, severity: 'ERROR', service: 'links', revision: 'links-00001-abc', kind: 'stack', text, ...over,
  });
  const record = (id: number, url: string, agent: string, country: string): string[] => [
    'DrizzleQueryError: Failed query: insert into "clicks" ("id", "link_id", "referrer", "user_agent", "country", "created_at") values (default, $1, $2, $3, $4, default)',
    `params: ${id},${url},${agent},${country}`,
    '    at PostgresJsPreparedQuery.queryWithCache (file:///app/node_modules/drizzle-orm/postgres-js/session.js:58:15)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at async file:///app/src/clicks.js:19:3 {',
    '  query: \'insert into "clicks" ("id", "link_id", "referrer", "user_agent", "country", "created_at") values (default, $1, $2, $3, $4, default)\',',
    '  params: [',
    `    ${id},`,
    `    '${url}',`,
    `    '${agent}',`,
    `    '${country}'`,
    '  ],',
    '  [cause]: PostgresError: value too long for type character varying(64)',
    '      at ErrorResponse (file:///app/node_modules/postgres/src/connection.js:790:26) {',
    "    code: '22001',",
    "    routine: 'varchar'",
    '  }',
    '}',
  ];
  const AGENTS = ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15', 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'];

  it('joins the whole records\' cluster, whatever values it holds', () => {
    const c = createClassifier();
    for (let i = 0; i < 5; i++) c.add(entry(record(1000 + i, `https://a${i}.example/${'x'.repeat(70)}`, AGENTS[i % 2]!, 'US').join('\n'), { time: T0 + i }));
    const tail = record(17999, 'https://spthscfz.example/hc9h4axvvajkj6nvfoyp3rswqbumka', 'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36', 'DE').slice(2);
    const lone = c.add(entry(tail.join('\n'), { severity: 'DEFAULT', kind: 'text', piece: true }));
    expect(c.clusters()).toHaveLength(1);
    expect(c.resolve(lone).id).toBe(c.clusters()[0]!.id);
  });

  it('a piece of quoted values alone names nothing, and stays apart', () => {
    const c = createClassifier();
    for (let i = 0; i < 5; i++) c.add(entry(record(1000 + i, `https://a${i}.example/x`, AGENTS[0]!, 'US').join('\n'), { time: T0 + i }));
    c.add(entry("    'https://b.example/y',\n    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15',", { severity: 'DEFAULT', kind: 'text', piece: true }));
    expect(c.clusters()).toHaveLength(2);
  });
});

// asyncio.TaskGroup's failure as logging prints it (CPython 3.12's traceback for an ExceptionGroup: `+`
// and `|` margins, one numbered block per sub-exception), over httpx's raise_for_status errors, whose
// message names the URL it asked (encode/httpx `_models.py`). Written a line an entry, the piece whose
// head (`sync run failed`) was lost holds the URLs of its own requests.
describe('the tail of an exception group whose errors name the URLs they asked', () => {
  const T0 = Date.UTC(2026, 11, 15, 3);
  const entry = (text: string, over: Partial<Entry> = {}): Entry => ({
    time: T0, severity: 'ERROR', service: 'sync', revision: 'sync-00002-xyz', kind: 'stack', text, ...over,
  });
  const block = (partner: string, page: number): string[] => [
    '  +-+---------------- 1 ----------------',
    '    | Traceback (most recent call last):',
    '    |   File "/app/sync/partners.py", line 41, in fetch_page',
    '    |     resp.raise_for_status()',
    `    | httpx.HTTPStatusError: Server error '502 Bad Gateway' for url 'https://api.partner-${partner}.example/v2/catalog?page=${page}'`,
    '    | For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/502',
  ];
  const group = (partner: string, page: number): string[] => [
    '2026-12-15 03:00:00,123 ERROR sync: sync run failed',
    '  + Exception Group Traceback (most recent call last):',
    '  |   File "/app/sync/main.py", line 64, in run',
    '  |     async with asyncio.TaskGroup() as tg:',
    '  | ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)',
    ...block(partner, page),
    '    +------------------------------------',
  ];

  it('joins the whole records\' cluster, whatever URL it asked', () => {
    const c = createClassifier();
    for (let i = 0; i < 5; i++) c.add(entry(group('a', 10 + i).join('\n'), { time: T0 + i }));
    const lone = c.add(entry(group('d', 18).slice(1).join('\n'), { severity: 'DEFAULT', kind: 'text', piece: true }));
    expect(c.clusters()).toHaveLength(1);
    expect(c.resolve(lone).id).toBe(c.clusters()[0]!.id);
  });
});
