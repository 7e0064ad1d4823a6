// Ktor and Exposed are libraries a Kotlin service calls, as Spring, Hibernate and Netty are: their frames
// say where the library failed, not which of the application's operations called it. Ktor's client
// throws its request timeout from its own `killer` coroutine (`HttpTimeoutKt$HttpTimeout$2$1$1$killer$1`,
// the frame pasted in Foso/Ktorfit#127, touchlab/DroidconKotlin#244, vultisig/vultisig-android#3202):
// read as the application's, that frame was the first of every timeout's two, and a route's timeout and
// a background refresher's were one problem.
import { createClassifier, stackSignature } from '../../../src/classify/index.js';
import type { Entry } from '../../../src/shared/types.js';

const stack = (text: string, time: number): Entry => ({
  time, severity: 'ERROR', service: 'events', revision: 'events-001', kind: 'stack', text,
});

function ids(texts: string[]): string[] {
  const c = createClassifier();
  const handles = texts.map((t, i) => c.add(stack(t, i * 1000)));
  return handles.map((h) => c.resolve(h).id);
}

const at = (frames: string[]): string[] => frames.map((f) => `\tat ${f}`);

// Ktor 3's client timeout as it is printed, with the frames of the code that called the client below
// the coroutine machinery (when the coroutine's caller is recorded).
const KILLER = [
  'io.ktor.client.plugins.HttpTimeoutKt$HttpTimeout$2$1$1$killer$1.invokeSuspend(HttpTimeout.kt:166)',
  'kotlin.coroutines.jvm.internal.BaseContinuationImpl.resumeWith(ContinuationImpl.kt:33)',
  'kotlinx.coroutines.DispatchedTask.run(DispatchedTask.kt:100)',
];
const timeout = (url: string, site: string[], header?: string): string => [
  ...(header === undefined ? [] : [header]),
  `io.ktor.client.plugins.HttpRequestTimeoutException: Request timeout has expired [url=${url}, request_timeout=5000 ms]`,
  ...at([...KILLER, ...site]),
].join('\n');

const ROUTE = ['com.acme.events.seats.SeatmapClient.fetch(SeatmapClient.kt:27)', 'com.acme.events.RoutesKt$eventRoutes$5.invokeSuspend(Routes.kt:71)'];
const REFRESHER = ['com.acme.events.seats.SeatmapClient.fetch(SeatmapClient.kt:27)', 'com.acme.events.seats.SeatmapRefresher$start$1.invokeSuspend(SeatmapRefresher.kt:22)'];
const SERVER = ['io.ktor.server.routing.Route$buildPipeline$1$1.invokeSuspend(Route.kt:116)', 'io.ktor.util.pipeline.SuspendFunctionGun.loop(SuspendFunctionGun.kt:79)'];

describe('Ktor and Exposed frames are library frames', () => {
  it("the client's own frames are not the application's: the application's code is the call site", () => {
    const sig = stackSignature(timeout('https://seatmaps.example/v2/venues/101/map', [...ROUTE, ...SERVER]));
    expect(sig?.frames).toEqual(['com.acme.events.seats.SeatmapClient.fetch', 'com.acme.events.RoutesKt$eventRoutes.invokeSuspend']);
    expect(sig?.ownFrames).toBe(true);
  });

  it('one timeout from a route and from a background refresher is two problems', () => {
    const [route, refresher] = ids([
      timeout('https://seatmaps.example/v2/venues/101/map', [...ROUTE, ...SERVER], '10:00:00.123 [eventLoopGroupProxy-4-1] ERROR io.ktor.server.Application -- An unknown error occurred'),
      timeout('https://seatmaps.example/v2/venues/101/map', REFRESHER, '10:00:01.456 [DefaultDispatcher-worker-2] ERROR c.a.e.s.SeatmapRefresher -- seat map refresh failed for venue 101'),
    ]);
    expect(route).not.toBe(refresher);
  });

  it('near miss: the same call site with another URL, thread and time is one problem', () => {
    const texts = [101, 733, 902].map((v, i) => timeout(`https://seatmaps.example/v2/venues/${v}/map`, [...ROUTE, ...SERVER], `10:0${i}:00.123 [eventLoopGroupProxy-4-${i + 1}] ERROR io.ktor.server.Application -- An unknown error occurred`));
    expect(new Set(ids(texts)).size).toBe(1);
  });

  it('near miss: the same call site reached from two server routes (other Ktor frames below) is one problem', () => {
    const other = ['io.ktor.server.routing.RoutingRoot$executeResult$1.invokeSuspend(RoutingRoot.kt:195)', 'io.ktor.util.pipeline.SuspendFunctionGun.loop(SuspendFunctionGun.kt:79)'];
    expect(new Set(ids([timeout('https://x.example/a', [...ROUTE, ...SERVER]), timeout('https://x.example/b', [...ROUTE, ...other])])).size).toBe(1);
  });

  it("a timeout printed with the client's frames alone (the shape pasted in public reports) is told apart by the line it was logged under", () => {
    const [a1, a2, b] = ids([
      timeout('https://www.example.com/a', [], '10:00:00.123 [DefaultDispatcher-worker-1] ERROR com.acme.Sync -- catalogue sync failed'),
      timeout('https://www.example.com/b', [], '10:00:05.123 [DefaultDispatcher-worker-3] ERROR com.acme.Sync -- catalogue sync failed'),
      timeout('https://www.example.com/a', [], '10:00:09.123 [DefaultDispatcher-worker-2] ERROR com.acme.Mailer -- digest mail failed'),
    ]);
    expect(a1).toBe(a2);
    expect(b).not.toBe(a1);
  });

  it("Exposed's statement frames are the library's: the repository that ran it is the call site", () => {
    const trace = (repo: string) => [
      'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=3)',
      ...at([
        'com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)',
        'org.jetbrains.exposed.sql.Database$Companion$connect$3.invoke(Database.kt:210)',
        'org.jetbrains.exposed.sql.transactions.experimental.SuspendedKt.suspendedTransactionAsyncInternal(Suspended.kt:137)',
        `com.acme.events.${repo}.create(${repo}.kt:31)`,
        ...SERVER,
      ]),
    ].join('\n');
    expect(stackSignature(trace('EventRepository'))?.frames[0]).toBe('com.acme.events.EventRepository.create');
    const [events, orders] = ids([trace('EventRepository'), trace('OrderRepository')]);
    expect(events).not.toBe(orders);
  });
});

describe('a library-only trace whose head was lost', () => {
  const fx = (pair: string, head: boolean): string => [
    ...(head ? [`10:00:00.123 [DefaultDispatcher-worker-3] WARN  com.acme.ledger.fx.FxClient - fx rate fetch failed, using cached rate ${pair} age=${pair.length * 97}s`] : []),
    timeout(`https://fx.internal.example/v1/rates?base=${pair.slice(0, 3)}`, []),
  ].join('\n');

  it('is the trace logged under a line with the same exception through the same frames', () => {
    const [a, b, orphan] = ids([fx('EUR/GBP', true), fx('GBP/USD', true), fx('EUR/USD', false)]);
    expect(a).toBe(b);
    expect(orphan).toBe(a);
  });
});
