// One exception raised at two call sites of the application's own is two problems; a piece of one
// site's record (its head and exception line, its frames cut) is that site's when the line it was
// logged under says so; the same call site printed raw and inside its wrapper is one problem.
import { createClassifier } from '../../../src/classify/index.js';
import type { Entry, EntryKind } from '../../../src/shared/types.js';

const entry = (kind: EntryKind, text: string, time: number): Entry => ({
  time, severity: 'ERROR', service: 'catalog', revision: 'catalog-001', kind, text,
});

function ids(entries: Array<[EntryKind, string]>): string[] {
  const c = createClassifier();
  const handles = entries.map(([kind, text], i) => c.add(entry(kind, text, i * 1000)));
  return handles.map((h) => c.resolve(h).id);
}

const at = (frames: string[]): string => frames.map((f) => `\tat ${f}`).join('\n');

// Spring's RestClient read timeout (the message as spring-projects/spring-ai#3480 and
// piomin/sample-spring-cloud-comm#1 paste it): Tomcat reports what a controller let through as the
// wrapper's line over the root cause's trace; Spring's scheduler logs the wrapper's trace with `Caused by:`.
const rae = (url: string) => `org.springframework.web.client.ResourceAccessException: I/O error on GET request for "${url}": Read timed out`;
const SOCKET = ['java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)', 'java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:304)', 'java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)'];
const tomcatHead = (url: string) => `2026-12-10T10:00:00.123Z ERROR 1 --- [catalog] [omcat-handler-12] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: ${rae(url)}] with root cause`;
const tomcat = (url: string, controller = 'ProductController.show(ProductController.java:58)') => [
  tomcatHead(url), '', 'java.net.SocketTimeoutException: Read timed out',
  at([...SOCKET, 'org.springframework.web.client.DefaultRestClient$DefaultResponseSpec.toEntityInternal(DefaultRestClient.java:770)', 'com.acme.catalog.stock.StockClient.levelFor(StockClient.java:41)', `com.acme.catalog.web.${controller}`, 'java.base/java.lang.VirtualThread.run(VirtualThread.java:329)']),
].join('\n');
const scheduled = (url: string) => [
  '2026-12-10T10:00:00.123Z ERROR 1 --- [catalog] [   scheduling-1] o.s.s.s.TaskUtils$LoggingErrorHandler    : Unexpected error occurred in scheduled task', '',
  rae(url),
  at(['org.springframework.web.client.DefaultRestClient$DefaultRequestBodyUriSpec.createResourceAccessException(DefaultRestClient.java:697)', 'com.acme.catalog.stock.StockSync.pull(StockSync.java:36)', 'java.base/java.lang.Thread.run(Thread.java:1583)']),
  'Caused by: java.net.SocketTimeoutException: Read timed out', at(SOCKET.slice(0, 2)), '\t... 14 common frames omitted',
].join('\n');

describe("Spring: Tomcat's report over a root cause and a scheduler's wrapper trace", () => {
  it('the product page and the scheduled sync are two problems, each one across its values', () => {
    const [page1, page2, sync1, sync2] = ids([
      ['stack', tomcat('http://inventory.internal/stock/TNT-1234')], ['stack', tomcat('http://inventory.internal/stock/BTS-9876')],
      ['stack', scheduled('http://inventory.internal/stock/changes?since=2026-12-10T09:55:00Z')], ['stack', scheduled('http://inventory.internal/stock/changes?since=2026-12-10T11:05:00Z')],
    ]);
    expect(page1).toBe(page2);
    expect(sync1).toBe(sync2);
    expect(page1).not.toBe(sync1);
  });

  it("a Tomcat record cut before the application's frames is the product page's, not the sync's", () => {
    const cut = [tomcatHead('http://inventory.internal/stock/PCK-1111'), '', 'java.net.SocketTimeoutException: Read timed out', at(SOCKET.slice(0, 2))].join('\n');
    const [page, sync, piece] = ids([
      ['stack', tomcat('http://inventory.internal/stock/TNT-1234')],
      ['stack', scheduled('http://inventory.internal/stock/changes?since=2026-12-10T09:55:00Z')],
      ['stack', cut],
    ]);
    expect(piece).toBe(page);
    expect(piece).not.toBe(sync);
  });

  it('near miss: the same client call reached from two controllers under the same report stays one problem', () => {
    const texts: Array<[EntryKind, string]> = [
      ['stack', tomcat('http://inventory.internal/stock/TNT-1234', 'ProductController.show(ProductController.java:58)')],
      ['stack', tomcat('http://inventory.internal/stock/TNT-1234', 'ProductController.show(ProductController.java:61)')],
    ];
    expect(new Set(ids(texts)).size).toBe(1);
  });

  it("near miss: the wrapper's line alone cannot say which call site, and joins neither", () => {
    const [page, sync, alone] = ids([
      ['stack', tomcat('http://inventory.internal/stock/TNT-1234')],
      ['stack', scheduled('http://inventory.internal/stock/changes?since=2026-12-10T09:55:00Z')],
      ['text', rae('http://inventory.internal/stock/STV-4444')],
    ]);
    expect(page).not.toBe(sync);
    expect([page, sync]).not.toContain(alone);
  });
});

// Ktor: StatusPages logs `An unknown error occurred` over what a route threw; a refresher logs its own
// line over the same client timeout. A record cut after its exception line keeps its head.
const timeout = (venue: number) => `io.ktor.client.plugins.HttpRequestTimeoutException: Request timeout has expired [url=https://seatmaps.example/v2/venues/${venue}/map, request_timeout=5000 ms]`;
const KILLER = ['io.ktor.client.plugins.HttpTimeoutKt$HttpTimeout$2$1$1$killer$1.invokeSuspend(HttpTimeout.kt:166)', 'kotlin.coroutines.jvm.internal.BaseContinuationImpl.resumeWith(ContinuationImpl.kt:33)'];
const route = (venue: number) => `An unknown error occurred\n${timeout(venue)}\n${at([...KILLER, 'com.acme.events.seats.SeatmapClient.fetch(SeatmapClient.kt:27)', 'com.acme.events.RoutesKt$eventRoutes$5.invokeSuspend(Routes.kt:71)'])}`;
const refresher = (venue: number) => `seat map refresh failed for venue ${venue}\n${timeout(venue)}\n${at([...KILLER, 'com.acme.events.seats.SeatmapClient.fetch(SeatmapClient.kt:27)', 'com.acme.events.seats.SeatmapRefresher$start$1.invokeSuspend(SeatmapRefresher.kt:22)'])}`;
const POOL = 'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=4)';
const pool = () => `An unknown error occurred\n${POOL}\n${at(['com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:686)', 'com.acme.events.EventRepository.create(EventRepository.kt:31)', 'com.acme.events.RoutesKt$eventRoutes$2.invokeSuspend(Routes.kt:44)'])}`;

describe('a record cut after its exception line goes to the call site logged under its head', () => {
  it("the handler's line, even generic, tells the route's timeout from the refresher's", () => {
    const [r, f, p, routeCut, refresherCut] = ids([
      ['stack', route(101)], ['stack', refresher(202)], ['stack', pool()],
      ['text', `An unknown error occurred: ${timeout(303)}`],
      ['text', `seat map refresh failed for venue 404: ${timeout(404)}`],
    ]);
    expect(new Set([r, f, p]).size).toBe(3);
    expect(routeCut).toBe(r);
    expect(refresherCut).toBe(f);
  });

  it('a cut trace through library frames only goes to the site whose line it was logged under', () => {
    const cut = `seat map refresh failed for venue 505\n${timeout(505)}\n${at(KILLER)}`;
    const [r, f, piece] = ids([['stack', route(101)], ['stack', refresher(202)], ['stack', cut]]);
    expect(piece).toBe(f);
    expect(piece).not.toBe(r);
  });

  it('near miss: the exception line alone names no call site and joins neither', () => {
    const [r, f, alone] = ids([['stack', route(101)], ['stack', refresher(202)], ['text', timeout(606)]]);
    expect([r, f]).not.toContain(alone);
  });

  it('near miss: a head no call site was logged under joins neither', () => {
    const [r, f, other] = ids([['stack', route(101)], ['stack', refresher(202)], ['text', `venue import aborted: ${timeout(707)}`]]);
    expect([r, f]).not.toContain(other);
  });
});

// The groups a Spring Boot day's product page and scheduled sync leave (templates as the classifier
// masks them), with the pieces of records cut short: two call sites, and texts that reach each.
import { g, joined } from './core-groups.js';

describe('pieces that went each to its own call site do not join the call sites', () => {
  const REPORT = 'o.a.c.c.C.[.[.[/].[dispatcherServlet] : Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: org.springframework.web.client.ResourceAccessException: I/O error on GET request for "<QUOTED>":';
  const RAE = 'org.springframework.web.client.ResourceAccessException: I/O error on GET request for "<URL>": Read timed out';
  const groups = () => [
    g('a1', 'java.net.SocketTimeoutException: Read timed out', { frames: ['com.acme.stock.StockClient.levelFor', 'com.acme.web.ProductController.show'], reportedAs: REPORT, thrown: 'java.net.SocketTimeoutException\u0001read timed out' }),
    g('b1', RAE, { frames: ['com.acme.stock.StockSync.pull'], reportedAs: 'Unexpected error occurred in scheduled task', thrown: 'org.springframework.web.client.ResourceAccessException\u0001on get request for read timed out' }),
    // Tomcat's record cut before the application's frames: its report line, the root cause, library frames.
    g('c1', `${REPORT} java.net.SocketTimeoutException: Read timed out`, { libraryFrames: ['sun.nio.ch.NioSocketImpl.timedRead', 'sun.nio.ch.NioSocketImpl.implRead'], reportedAs: REPORT, thrown: 'java.net.SocketTimeoutException\u0001read timed out' }),
    // The wrapper's line and its cause's, as one text (a scheduler's record cut after them).
    g('d1', `${RAE}: java.net.SocketTimeoutException: Read timed out`),
  ];

  it("the cut Tomcat record is the page's; the wrapper's text the sync's; the two sites stay two", () => {
    const sets = joined(groups());
    expect(sets).toContainEqual(['a1', 'c1']);
    expect(sets.find((s) => s.includes('a1'))).not.toContain('b1');
  });

  it('the answer does not depend on the order of the groups', () => {
    expect(joined(groups().reverse())).toEqual(joined(groups()));
  });
});

// Quarkus' error handler prints the exception on its message's own line (quarkusio/quarkus#15302:
// `HTTP Request to /fruits failed, error id: …: org.jboss.resteasy.spi.UnhandledException: …`); the
// scheduled job logs its own line over the same REST client timeout. A trace cut after its first library
// frame is the call site whose line it was logged under, whether that line stands alone or not.
describe('a Java trace logged on its message\'s own line', () => {
  const timeout = (path: string) => `jakarta.ws.rs.ProcessingException: The timeout period of 5000ms has been exceeded while executing GET ${path} for server null`;
  const CLIENT = ['org.jboss.resteasy.reactive.client.handlers.ClientSendRequestHandler$4.handle(ClientSendRequestHandler.java:379)', 'org.jboss.resteasy.reactive.client.impl.RestClientRequestContext.invokeHandler(RestClientRequestContext.java:215)', 'io.quarkus.rest.client.reactive.runtime.RestClientBase.invoke(RestClientBase.java:60)'];
  const handlerLine = (sku: string, id: string) => `HTTP Request to /products/${sku} failed, error id: ${id}: ${timeout(`/v2/prices/${sku}`)}`;
  const request = (sku: string, id: string) => [handlerLine(sku, id), at([...CLIENT, 'com.acme.catalog.PricingClient$$QuarkusRestClientInterface.price(Unknown Source)', 'com.acme.catalog.ProductResource.get(ProductResource.java:37)']), `Caused by: io.vertx.core.impl.NoStackTraceTimeoutException: The timeout period of 5000ms has been exceeded while executing GET /v2/prices/${sku} for server null`, '\t... 20 more'].join('\n');
  const sync = (page: number) => [`Price sync stopped after ${page * 20} of 759 products`, timeout(`/v2/prices?page=${page}`), at([...CLIENT, 'com.acme.catalog.PricingClient$$QuarkusRestClientInterface.page(Unknown Source)', 'com.acme.catalog.PriceSync.sync(PriceSync.java:42)']), `Caused by: io.vertx.core.impl.NoStackTraceTimeoutException: The timeout period of 5000ms has been exceeded while executing GET /v2/prices?page=${page} for server null`, '\t... 20 more'].join('\n');

  it.each([
    ['the request\'s', [handlerLine('BTS-7596', '7f74d186-5674-431e-b581-f828819936c6-89'), at(CLIENT.slice(0, 1))].join('\n'), 0],
    ['the job\'s', [`Price sync stopped after 80 of 612 products`, timeout('/v2/prices?page=4'), at(CLIENT.slice(0, 1))].join('\n'), 2],
  ])('a cut trace under %s line goes to that call site; the two sites stay two', (_name, cut, site) => {
    const got = ids([['stack', request('BTS-5510', '4ca518aa-a7a2-4bef-ac61-9e05ba31318a-288')], ['stack', request('STV-4373', 'f28322ce-a06b-49b8-9f61-30af7b5cdc35-230')], ['stack', sync(11)], ['stack', sync(13)], ['stack', cut]]);
    expect(got[0]).toBe(got[1]);
    expect(got[2]).toBe(got[3]);
    expect(got[0]).not.toBe(got[2]);
    expect(got[4]).toBe(got[site]);
  });
});
