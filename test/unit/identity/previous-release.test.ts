// Identity is forever: issues written by release 0.1.0 (state blocks as it wrote them, kept in
// test/fixtures/identity) are found again by today's classifier, whatever ids it now derives,
// and a sweep of the same logs files no second issue.
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { loadSettings } from '../../../src/config/load-settings.js';
import { parseStateBlock } from '../../../src/render/index.js';
import { createFileSource } from '../../../src/source/log-file.js';
import type { IssueStore } from '../../../src/shared/ports.js';
import type { ActionResult, TrackedIssue } from '../../../src/shared/types.js';
import { runSweep } from '../../../src/sweep.js';

interface FixtureIssue { number: number; title: string; labels: string[]; state: 'open'; body: string }

function issuesOf(file: string): TrackedIssue[] {
  const fixture = JSON.parse(readFileSync(`test/fixtures/identity/${file}`, 'utf8')) as { issues: FixtureIssue[] };
  return fixture.issues.map((i) => ({
    number: i.number, title: i.title, url: `https://github.com/acme/backend/issues/${i.number}`, state: i.state,
    stateReason: null, closedAt: null, labels: i.labels, author: 'log-gardener[bot]', authorIsGardener: true,
    body: i.body, state_block: parseStateBlock(i.body), evidenceCommentId: null, evidenceCommentBody: null,
  }));
}

function store(issues: TrackedIssue[]): IssueStore {
  return {
    repositoryUrl: 'https://github.com/acme/backend',
    listManaged: async () => issues,
    searchSimilar: async () => [],
    apply: async (action): Promise<ActionResult> => ({ ...action, status: 'done' }),
    commitFile: async () => ({ committed: false }),
  };
}

const day = (date: string) => ({ start: Date.parse(`${date}T00:00:00Z`), end: Date.parse(`${date}T00:00:00Z`) + 86_400_000 });
/** `fresh`: problems the release never read at all, which are filed now as new ones. */
const cases = [
  { name: 'the example day', logs: 'examples/cloud-run-backend-day.jsonl', config: 'config/examples/netra-backend-staging.yaml', issues: 'v0.1.0-issues-example-day.json', window: day('2025-09-11'), fresh: [] },
  { name: 'headers, suffixes, lists, wrappers, traces', logs: 'test/fixtures/identity/v0.1.0-input.jsonl', config: 'config/gardener.yaml', issues: 'v0.1.0-issues-handmade.json', window: day('2025-09-11'), fresh: [] },
  // .NET's JSON records (the JSON console formatter, Serilog's CLEF) were read as their whole object until
  // their message and level were read (dotnet-json.ts); Serilog's `[… WRN]` console lines had no level.
  {
    name: '.NET JSON and console records, before their message and level were read', logs: 'test/fixtures/identity/before-dotnet-json-input.jsonl',
    config: 'config/gardener.yaml', issues: 'before-dotnet-json-issues.json', window: day('2026-03-10'), fresh: ['GCP-new-P2-retrying-attempt'],
  },
  // Node's traces kept util.inspect's ` {` in their last frame's name and read an error logged after a
  // prefix as its cause's; Node's crash output for an error in brackets was three problems; Puma's error
  // line kept the request (method, path, client) in its problem. Sidekiq's and Puma's own lines were
  // never read: they are the four filed new. Where two old issues are one problem now, the older tracks
  // it and the other is named as the same problem. #411 held the crash's bracketed line alone, which
  // reads as no line of the record (`[…] {` is a tag and a brace to the line keys): found by its words
  // alone in the crash's problem, which #402 tracks, it is named as the same problem too.
  {
    name: 'Node traces and Puma errors, before their ids moved', logs: 'test/fixtures/identity/before-node-ruby-input.jsonl',
    config: 'config/gardener.yaml', issues: 'before-node-ruby-issues.json', window: day('2026-03-10'),
    fresh: [
      'GCP-new-P1-error-fetching-job-connecting-redis-client-connection', 'GCP-active-dev-P1-terminating-timed-out-worker-failed-check-within',
      'GCP-new-P2-missing-template-dunning-mailer-reminder-locale-formats', 'GCP-new-P2-read-timeout-tcp-socket-closed',
    ],
    merged: { 403: 402, 409: 408, 410: 407, 411: 402 },
  },
  // The JVM's JSON encoders (Logback's JsonEncoder, Log4j2's JsonLayout, JBoss LogManager's JSON formatter)
  // write an exception as an object with frame objects; it was read as the record's message alone until
  // it was read as the trace its pattern prints (exception-object.ts).
  {
    name: "the JVM's JSON encoders, before their exception objects were read", logs: 'test/fixtures/identity/before-jvm-json-input.jsonl',
    config: 'config/gardener.yaml', issues: 'before-jvm-json-issues.json', window: day('2026-12-03'), fresh: [],
  },
  // The round after c874d8e moved ids for records of many shapes: tails under an error (PostgreSQL's
  // DETAIL/HINT, a source excerpt and caret, glog's frames), blocks written as several lines (a traceback
  // after a header line, uWSGI's harakiri block and broken pipe, gin's Recovery, Swift's crash report,
  // Slim's field block, asyncio's records, a header-only line and the lines under it), log headers
  // (dramatiq's `[PID n]`, NLog, swift-log, Tomcat's OneLineFormatter, timbre, Play), hclog's JSON, quoted
  // names of several words, `name@version` tokens and `module@version/` frames, cut traces joining their
  // whole trace. Entries of 17 services of the fifth, sixth and seventh held-out days: a three-day window.
  // Timbre's lines had no level that release read (its header unread, no entry severity), so they were
  // under the floor: its clj-http ExceptionInfo and `CRM rate limited` warning are the two filed new.
  // Where two old issues are one problem now (a piece of a record and the record, one message on two
  // revisions' formats), the older tracks it and the other is named as the same problem. #646 held
  // Tomcat's `Error parsing HTTP request header`, which Tomcat logs at INFO: read with its level now, it
  // is under the floor, no problem. #680 and #681 held Play's header-only line alone, which now heads the
  // records of two problems, each tracked by its own old issue (#628, #630): they are left silent.
  // Since a throwable indented under its record's line is that record's exception (Tomcat's
  // OneLineFormatter) and a .NET exception's `File name:` line is part of its trace, pieces that release
  // filed apart are one record: the report servlet's record and a second piece of its pool exhaustion
  // (#686, #684) land with #682, the nightly export's record (#690) with its pool exhaustion's #689 (the
  // two callers stay two problems), and the FileNotFoundException with its file name (#608) with #607.
  // Since a value redaction took out masks as the value it stood for, gin's 500 on an order whose id
  // read as a token (`/v1/orders/[REDACTED]`, #653) is the 500 on any other order (#649). Since a request
  // log's 5xx is one problem per status whatever was asked (serverErrorStatus), quotes-slim's 500 on
  // `/v1/quotes/EURUSD` (#648) is its 500 on `/v1/quotes/GBPUSD` (#647). gin's own Logger line of a
  // `GET /v1/orders/<id>` answered 500, written beside no error, is read now (its status says ERROR) as
  // that request's log: the problem of Cloud Run's request log of the status, which #649 tracks.
  {
    name: 'the held-out days\' shapes, before their ids moved', logs: 'test/fixtures/identity/before-held-out-days-input.jsonl',
    config: 'config/gardener.yaml', issues: 'before-held-out-days-issues.json',
    window: { start: Date.parse('2026-12-03T00:00:00Z'), end: Date.parse('2026-12-06T00:00:00Z') },
    fresh: ['GCP-new-P1-exception-info-clj-http-status-cached-nil', 'GCP-new-P2-crm-rate-limited-backing-off'],
    merged: { 608: 607, 609: 603, 648: 647, 650: 626, 653: 649, 676: 665, 684: 682, 686: 682, 690: 689, 691: 666, 693: 625, 712: 710 }, silent: [646, 680, 681],
  },
  // The round after 38bdf23 moved ids for errors printed as values (Python's repr, an Elixir error
  // struct), PHP 5's uncaught exception, a .NET trace's `File name:` line and a JSON record's error one
  // level down (lager's `data.error`, which made every such record one `<HOST>` problem), and read GELF
  // records and one-letter levels that release did not. Issues made by 38bdf23's own sweep. Each old
  // issue is found again; GELF's record and aiohttp's one-letter line, under that release's floor, are
  // the two filed new. #802 held both lager errors as one `<HOST>` problem: it tracks the first, and the
  // second, a problem of its own now, is reported as the same problem as #802 rather than filed apart.
  {
    name: 'errors printed as values, PHP, .NET, lager, GELF and one-letter levels, before their ids moved',
    logs: 'test/fixtures/identity/before-value-shapes-input.jsonl', config: 'config/gardener.yaml',
    issues: 'before-value-shapes-issues.json', window: day('2026-12-03'),
    fresh: ['GCP-new-P1-timeout-exception-fx-refresh-failed-not-observe', 'GCP-new-P1-aiohttp-server-error-handling-request'],
  },
  // The round after e46863f moved ids for one record printed by two formatters (WildFly's pattern and
  // its JSON formatter, hapi's console output, Oban's `mfa=` after the level, Spring Boot's GELF without
  // frames, ecs-logging-python's frames without their exception line) and stopped joining a line with a
  // log header of its own into another record (actix's env_logger). Issues made by e46863f's own sweep
  // for 809 entries of six services of the sixth, seventh and eighth days. Nothing is filed twice. GELF's
  // record (#935) reads as its console twin now: the same problem as #934. #923 and #925 held Flask's
  // errors through ecs-logging-python, #924 Oban's failure with `mfa=` after the level: each is one
  // problem with its other format's older issue now (#909, #906, #922 track them), and their stored
  // samples, as that release read them, land in no cluster today: tracked by nothing, no issue filed.
  // Since a Java or Node exception is the line its first frame follows, WildFly's record in its pattern
  // and in its JSON formatter is one problem, and hapi's `Debug: internal, implementation, error` is the
  // error under it: #913 (WildFly's JSON formatter) is the same problem as #912, #908 (hapi's console
  // output) as #910. #912's and #913's samples are cut in the cause chain, so their own id is one no
  // record has: they are placed in the cluster whose records they start (Classifier.locateCut).
  {
    name: 'one record in two formatters, and a line under a header of its own, before their ids moved',
    logs: 'test/fixtures/identity/before-formatter-pairs-input.jsonl', config: 'config/gardener.yaml',
    issues: 'before-formatter-pairs-issues.json', window: { start: Date.parse('2026-12-04T00:00:00Z'), end: Date.parse('2026-12-06T00:00:00Z') },
    fresh: [] as string[], merged: { 908: 910, 913: 912, 935: 934 } as Record<number, number>, silent: [923, 924, 925],
  },
  // Issues made by 44ebb62's own sweep for 777 entries of eight services of the ninth and tenth days
  // whose records a container wrote line by line (CakePHP's error block, Beego's and Rocket's panic
  // lines, R's warnings, Erlang's reports, Dropwizard's `!` frames, Tornado's request repr): the ids
  // the next round moves by reading such records whole. Pieces that release filed apart are one record
  // now, named as the same problem as the older issue: Tornado's request line and repr (#1005, #1026,
  // under its indenting formatter) with its asyncpg error (#1001), Hanami's ConnectionBad under
  // dry-logger's header (#1025) with its Sequel wrapper (#1013); with the lines of one write joined,
  // Dropwizard's `! ... 43 common frames omitted` (#1023) with its jdbi statement timeout (#1007), and
  // that record's `! at` frames (#1020) with its `! java.lang.OutOfMemoryError` (#1030), which tracks it:
  // its samples are the record, #1020's only a piece (the older issue no longer wins). #1022, Dropwizard's
  // `Error handling a request: <id>` alone, is found by neither and filed by nothing: that line now heads
  // its record (the OutOfMemoryError's, #1020's), and it heads #1007's too, so a sample of the line
  // alone names no one problem to place it in. Every other old issue is found again. Hanami's
  // Sequel::PoolTimeout printed by Ruby's Logger under dry-logger's `[bookshelf] [ERROR] [time]` header,
  // which that release never read (no level it knew), is read as an ERROR now, and as one problem with its
  // JSON form (the exception's class, message and backtrace apart): #1024, which that release filed for the
  // JSON form's message alone, tracks both, its samples found as the `message (Class)` line. Beego's
  // `[E]` and `[W]` after its time were read as no level until a level's letter in brackets was read
  // inside a header: its two problems that release never read are filed new; nothing else is. Since
  // records one failure writes beside its error count under it (classify/companions.ts), Tornado's
  // `Uncaught exception GET ...` head read alone (#1006) and its access log's `500 GET ...` line at
  // ERROR (#1019), each written within milliseconds of the TooManyConnectionsError traceback of the same
  // request, follow that traceback's problem (#1001) rather than stand as problems of their own.
  {
    name: 'records written line by line, before their ids moved',
    logs: 'test/fixtures/identity/before-write-bursts-input.jsonl', config: 'config/gardener.yaml',
    issues: 'before-write-bursts-issues.json', window: { start: Date.parse('2026-12-04T00:00:00Z'), end: Date.parse('2026-12-09T00:00:00Z') },
    // R's `Error in readRDS(…) : error reading from connection` (then `Execution halted`) names the call that
    // failed and its cause: read as an ERROR since, it is a problem that release never filed (no issue of
    // it held its samples), so it is new, beside the platform's `Container called exit(1).` (#1004).
    fresh: ['GCP-new-P1-list-items-error-many-connections', 'GCP-new-P1-error-read-rds-app-model-pricing-reading', 'GCP-new-P2-slow-query-select-id-sku-title-items'], silent: [1022], merged: { 1005: 1001, 1006: 1001, 1019: 1001, 1020: 1030, 1023: 1007, 1025: 1013, 1026: 1001 } as Record<number, number>,
  },
  // Issues made by 44ebb62's own sweep for 413 entries of three services of the eighth (seed 1) and
  // seventh (seed 0) days, before a Java or Node exception was the line its first frame follows and a
  // header repeating the exception's message stopped being the trace's context. WildFly's issues store
  // their samples cut in the cause chain (1000 characters): they re-derive only as the start of the
  // record (Classifier.locateCut). #1109 (WildFly's JSON formatter) is the same problem as #1107 (its
  // pattern), #1105 (hapi's `Debug: internal, implementation, error`) as #1106. Apollo's ProductPage
  // `Cannot return null for non-nullable field Product.price`, which that release counted in the 503
  // issue (#1102, whose title, pattern and samples are all the 503's) by their shared header, is a
  // problem of its own: filed new, and #1102 still tracks the 503.
  {
    name: 'traces cut in their cause chain, before the exception was the line the first frame follows',
    logs: 'test/fixtures/identity/before-first-frame-exception-input.jsonl', config: 'config/gardener.yaml',
    issues: 'before-first-frame-exception-issues.json', window: day('2026-12-05'),
    fresh: ['GCP-new-P1-graph-ql-graphql-product-page-failed-cannot-return'], merged: { 1105: 1106, 1109: 1107 } as Record<number, number>,
  },
  // Issues made by 93b3f5b's own sweep (the first day's window) for one service whose Python API and Node
  // worker log alike: that release grouped Google's `PermissionDenied` from the Python client and gRPC's
  // `7 PERMISSION_DENIED` from Node's as one problem (#1303, samples of both). Each runtime's is a problem
  // of its own now: #1303 follows the runtime its earliest stored sample names (Python's; its samples tie
  // one to one), on the first day, where Python logs most, and on the second, where Node does; Node's is
  // filed new. The groups of one runtime, or none, keep their ids.
  ...['2026-03-10', '2026-03-11'].map((date) => ({
    name: `two runtimes' one error, before each runtime's was a problem of its own (${date})`,
    logs: 'test/fixtures/identity/before-runtime-parts-input.jsonl', config: 'config/gardener.yaml',
    issues: 'before-runtime-parts-issues.json', window: day(date), fresh: ['GCP-new-P1-permission-denied-missing-insufficient-permissions'],
  })),
  // Issues made by 0368356's own sweep for 1,082 entries of eleven services of the twelfth and thirteenth
  // days (seed 0), before the round that read as one record a trace logged one call per record (Nim's
  // frames, each its own `error` call), the lines a writer adds after a trace (yii's `Additional
  // Information:` block, httpx's `For more information check:`, a goroutine stack behind Go's log stamp),
  // a message and its error field (apex/log's `error=`, ZIO's logfmt `cause="<trace>"`, zerolog's console
  // writer, Mojo's `<N>` priority), a process manager's prefix (honcho), tracing's Pretty lines and
  // pino-pretty's objects, and read a request log's 5xx as one problem per status. Nothing is filed new.
  // Where two old issues are one problem now, the older tracks it and the other is named as the same
  // problem: storefront-remix's 500s on `/cart` (#1214) and `/products/stoves` (#1217) as the one on
  // `/products/tents` (#1211); geo-nim's trace, whose frame lines that release filed one by one (#1235,
  // #1237, #1239, #1240, #1243: `httpclient.nim(1204) request` ...) and whose exception line it filed
  // apart (#1241), as its first frame's issue (#1233); search-axum's Pretty event read with its `at` line
  // alone (#1252), and tower-http's `response failed` read inside its span (#1253), as the one read with its
  // span line too (#1251), since tracing's events read as one message whatever their spans; gateway-hapi's pino-pretty property
  // block under `err` (#1250: the entitlements TypeError) as the header line's issue whose samples hold
  // that record whole (#1226, `(1 on localhost): request error`). #1246 and #1254 held pino-pretty's
  // `req:`/`err:` block of the Redis ECONNREFUSED record without its header line (#1254's samples hold a
  // second request's lines too), #1262 `(1 on localhost): upstream slow`, what pino-pretty's header left
  // once that release took its time and level off: read again as the JSON record pino-pretty prints
  // (prettyRecordWithoutHeader), they are found as the same problem as the issues whose id the problem
  // has today, those of the same records in JSON on the later revision (#1225, #1267). Without that
  // reading they were found by nothing, and a service on pino-pretty alone had its Redis error and its
  // slow upstream filed again (partly-read-samples.test.ts). Each old issue that is found holds samples
  // of the problem it is found by (checked against the days' truth when the fixture was made).
  {
    name: 'records read whole from their lines, before their ids moved',
    logs: 'test/fixtures/identity/before-frame-records-input.jsonl', config: 'config/gardener.yaml',
    issues: 'before-frame-records-issues.json', window: day('2026-12-04'),
    // Two problems that release never read, filed new: gorilla's recovered panic value logged alone
    // (`runtime error: invalid memory address …`, ERROR by its text now) and Mojolicious's Perl warning
    // (`Use of uninitialized value … at FILE line N.`, WARNING by its text now); no old issue's samples hold them.
    // Sequelize's errors read as their class (`DatabaseError [SequelizeDatabaseError]`): the deadlock's trace
    // that release read headless (#1247) is the deadlock's (#1210), and the acquire timeout logged after
    // Remix's `[remix] GET … failed:` (#1256) is the one logged bare (#1209).
    fresh: ['GCP-new-P1-runtime-error-invalid-memory-address-nil-pointer', 'GCP-new-P2-use-uninitialized-value-display-name-concatenation-string'],
    merged: {
      1214: 1211, 1217: 1211, 1235: 1233, 1237: 1233, 1239: 1233, 1240: 1233, 1241: 1233, 1243: 1233, 1246: 1225, 1247: 1210, 1250: 1226, 1252: 1251, 1253: 1251,
      1254: 1225, 1256: 1209, 1262: 1267,
    } as Record<number, number>,
  },
  // The same release's issues for gateway-hapi's morning revision alone (128 entries of the fixture above):
  // a service on pino-pretty with no JSON form to carry its problems. #1303 held the Redis ECONNREFUSED
  // record's property block without its header line, #1307 `(1 on localhost): upstream slow`; read again
  // as the JSON record pino-pretty prints, #1303 tracks the Redis error and #1307 the slow upstream, which
  // were filed a second time without that reading. #1306 (the same block, with a second request's lines)
  // is the same problem as #1303, and #1305 (the entitlements TypeError's block) as #1302, the header
  // line's issue whose samples hold that record whole.
  {
    name: "pino-pretty's records alone, before they were read as pino's JSON",
    logs: 'test/fixtures/identity/before-pino-pretty-input.jsonl', config: 'config/gardener.yaml',
    issues: 'before-pino-pretty-issues.json', window: day('2026-12-04'), fresh: [] as string[],
    merged: { 1305: 1302, 1306: 1303 } as Record<number, number>,
  },
  // Issues made by 93b3f5b's own sweep for 1,111 entries of ten services of the twelfth and thirteenth
  // days (seed 0) whose formatters' headers and blocks the next round reads (tracing-subscriber's events,
  // pino-pretty, php-fpm's decorated output, Symfony's boxed exception, Rich, Helidon's JUL, util.inspect's
  // `Class [name]`, Yii's tail, library frames, Go's runtime errors, Perl's warnings). Each old issue is
  // found again; each one found holds samples of the problem it is found by (checked against the days'
  // truth when the fixture was made). Filed new are five problems whose records carry no entry severity
  // and in which that release read no level, so they were under the floor: php-fpm's decorated child
  // output (Laminas' ServiceNotCreatedException, the `Undefined array key` warning), Symfony Console's
  // boxed Doctrine exception, Go's runtime error under gorilla's recovery handler, Perl's `Use of
  // uninitialized value` warning. Where two old issues are one problem now, the older tracks it and the
  // other is named as the same problem: Sequelize's deadlock record without its head (#1434, its frames)
  // with the deadlock (#1409), since a piece that differs from its record only in an inline array of
  // values is found in it; the acquire timeout cut short before the application's frames (#1436) with the
  // whole one (#1408), since such a cut trace joins the trace that surfaced the same exception; axum's 500 as Full printed it
  // with its span list (#1435) with the same event as Pretty printed it (#1433), since tracing's events
  // read as one message whatever the formatter. Pretty's stored samples (#1433, and #1440's throttling
  // warning) land nowhere as that release stored them: they are read again with their fields as Full
  // prints them (rereadSampleEntry); without that, #1433 and #1440 were found by nothing and the warning
  // filed again. #1407 held Helidon's two statement failures as one `DbClientException`; each is a problem
  // now: #1407 tracks the product query's and the price refresh's is named as tracked by #1407 (a split
  // of one old issue is not yet filed apart), so no issue gets the other's evidence. Helidon's access line
  // of a `GET /products/<id>` answered 500, written beside no error of its instance, is read now (its
  // status says ERROR) as that request's log: the problem of its status an issue tracks already, so
  // nothing new is filed.
  {
    name: "framework formatters' headers and blocks, before their ids moved",
    logs: 'test/fixtures/identity/before-formatter-blocks-input.jsonl', config: 'config/gardener.yaml',
    issues: 'before-formatter-blocks-issues.json', window: day('2026-12-04'),
    fresh: [
      'GCP-new-P0-exception-occurred-driver-sqlstate-could-not-translate', 'GCP-new-P0-laminas-service-manager-exception-not-created-name',
      'GCP-new-P1-runtime-error-invalid-memory-address-nil-pointer', 'GCP-new-P2-use-uninitialized-value-display-name-concatenation-string',
      'GCP-new-P2-undefined-array-key-line',
    ],
    merged: { 1434: 1409, 1435: 1433, 1436: 1408 } as Record<number, number>,
  },
  // Issues made by 870be70's own sweep for 879 entries of three services of the eleventh, fifteenth and
  // sixteenth days (seed 0): Dream's records whose every line repeats its header, a Julia service's
  // ConsoleLogger boxes, vLLM's tracebacks with its header on every line. That release filed each line
  // of a vLLM traceback as a problem of its own: each such issue is now the same problem as the issue
  // that tracks the whole traceback (a source line both tracebacks hold, #1207's, lands with the first
  // found). #1219 held the engine's out-of-memory record, read today with the record the engine's crash
  // writes after it (#1218, companion records). Julia's three problems were never filed (their rows were
  // pieces no sweep kept): they are filed new.
  {
    name: "Julia's boxes and repeated headers, before their ids moved",
    logs: 'test/fixtures/identity/before-repeated-headers-input.jsonl', config: 'config/gardener.yaml',
    issues: 'before-repeated-headers-issues.json', window: { start: Date.parse('2026-12-02T00:00:00Z'), end: Date.parse('2026-12-08T00:00:00Z') },
    fresh: ['GCP-new-P1-geocode-request-failed-key-error-not-found', 'GCP-new-P1-tile-query-failed-lib-pq-errors-canceled', 'GCP-new-P2-slow-upstream-response'],
    merged: { 1205: 1214, 1206: 1214, 1207: 1214, 1210: 1214, 1211: 1214, 1212: 1208, 1213: 1208, 1215: 1214, 1216: 1208, 1219: 1218 } as Record<number, number>,
  },
  {
    name: 'levels said without a level word, the debug namespace and Prisma errors, before their ids moved',
    logs: 'test/fixtures/identity/before-level-marks-input.jsonl', config: 'config/gardener.yaml',
    issues: 'before-level-marks-issues.json', window: { start: Date.parse('2026-12-08T00:00:00Z'), end: Date.parse('2026-12-10T00:00:00Z') },
    fresh: [
      'GCP-new-P1-error-uploading-bucket', 'GCP-new-P1-exception-occurred-executing-query-sqlstate-serialization',
      'GCP-new-P1-error-redeeming-code-during-callback-token-failed', 'GCP-new-P1-npm-error-path-command-signal-sigterm-sh',
      'GCP-new-P1-error-redeeming-code-during-callback-token-failed-2', 'GCP-new-P1-error-proxying-upstream-server-dial-tcp-connect',
      'GCP-new-P1-error-loading-csrf-cookie-not-present', 'GCP-active-dev-P1-npm-error-code-path-command-failed-sh',
      'GCP-active-dev-P1-npm-error-path-command-failed-signal-sigterm', 'GCP-new-P2-cron-job-running-ajax-cause-timeouts-using',
      'GCP-new-P2-cannot-save-background-fork-allocate-memory', 'GCP-new-P2-warning-memory-overcommit-enabled', 'GCP-new-P2-login-failed-remote-ip',
    ],
  },
  {
    name: "exporters' records, status lines' settings, console.trace and servlet reports, before their ids moved",
    logs: 'test/fixtures/identity/before-exporter-records-input.jsonl', config: 'config/gardener.yaml',
    issues: 'before-exporter-records-issues.json', window: { start: Date.parse('2026-12-12T00:00:00Z'), end: Date.parse('2026-12-13T00:00:00Z') },
    // Problems that release never read: the Console gem's records and the .NET exporter's warnings.
    fresh: [
      'GCP-new-P1-read-timeout-failed-deliver-message-room-waited', 'GCP-new-P2-econnreset-task-ended-unhandled',
      'GCP-new-P2-connection-timeout-task-ended-unhandled-could-not-obtain', 'GCP-new-P2-using-memory-repository',
      'GCP-new-P2-neither-user-profile-hklm-registry-available',
    ],
    // #1202 held the .NET exporter's `LogRecord.EventName:` lines of several problems, one line an
    // entry; each line is now part of its own record, under that record's problem, and the issue made
    // of all of them hears no more: none of its problems' evidence goes to it.
    silent: [1202],
    // One problem each, filed twice by that release: the repository's duplicate key and Tomcat's servlet
    // report of it; Uptime Kuma's Pending and Failing lines of one monitor error; EF Core's record of
    // the DbUpdateConcurrencyException (its trace through EF's frames only, #1205) and the exception
    // handler's of the same exception through the application's endpoint (#1203), written by one
    // instance within milliseconds of each other (classify/companions.ts).
    merged: { 1205: 1203, 1207: 1208, 1212: 1211, 1214: 1213 },
  },
  {
    name: "Laravel's SQLSTATE after its header and Rails' exception blocks with no level, before their ids moved",
    logs: 'test/fixtures/identity/before-tagged-blocks-input.jsonl', config: 'config/gardener.yaml',
    issues: 'before-tagged-blocks-issues.json', window: { start: Date.parse('2026-12-14T00:00:00Z'), end: Date.parse('2026-12-15T00:00:00Z') },
    // Rails' blocks after the rollout to a logger with no level (read now) are the failures #1201 and
    // #1202 track: nothing new is filed.
    fresh: [],
    // #1208 held the deadlock as Laravel's text line printed it, its `SQLSTATE[40001]: ` taken for a
    // header; that line now reads as the JSON formatter's record of the same deadlock, which #1207 (the
    // older issue) tracks. #1208's samples land there by their words and it is told so, once.
    merged: { 1208: 1207 },
  },
  {
    name: "Laravel's deadlock filed only as its text line printed it, before its id moved",
    logs: 'test/fixtures/identity/before-tagged-blocks-input.jsonl', config: 'config/gardener.yaml',
    // The same release's issues for a repository that never had the JSON formatter's issue (#1207
    // left out): #1208 alone tracks the deadlock, found again by its samples' words.
    issues: 'before-tagged-blocks-text-only-issues.json', window: { start: Date.parse('2026-12-14T00:00:00Z'), end: Date.parse('2026-12-15T00:00:00Z') },
    fresh: [],
  },
];

/** `merged`: issue -> the older issue that now tracks its problem; `silent`: issues found by neither. */
describe.each(cases.map((c) => ({ merged: {} as Record<number, number>, silent: [] as number[], ...c })))('issues filed by release 0.1.0 for $name', ({ logs, config, issues: file, window, fresh, merged, silent }) => {
  const { settings } = loadSettings(readFileSync(config, 'utf8'), {});
  settings.github.maxCreatesPerRun = 1000;
  settings.github.maxWritesPerRun = 10_000;
  const issues = issuesOf(file);

  it('all carry a state block the current parser reads', () => {
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.state_block).not.toBeNull();
  });

  it('are each found again, and nothing is filed twice', async () => {
    const result = await runSweep(
      { source: createFileSource(logs), store: store(issues), logger: pino({ level: 'silent' }) },
      { runId: 'upgrade', window, services: [], dryRun: true, settings },
    );
    const creates = result.report.actions.filter((a) => a.kind === 'create');
    expect(creates.map((a) => a.title)).toEqual(fresh);
    const tracked = new Set(result.report.actions.map((a) => a.issue).filter((n) => n !== undefined));
    expect(issues.map((i) => i.number).filter((n) => !tracked.has(n))).toEqual(silent);
    const same = Object.fromEntries(result.report.actions.filter((a) => /^same problem as #\d+: its samples land/.test(a.reason) && a.issue !== undefined)
      .map((a) => [a.issue, Number(/^same problem as #(\d+): its samples land/.exec(a.reason)![1])]));
    expect(same).toEqual(merged);
  });
});
