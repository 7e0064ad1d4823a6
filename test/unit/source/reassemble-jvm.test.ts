// What JVM libraries add to a logged exception, as they print it: Reactor's checkpoint block, Netty's leak
// report and an exception with no frames under its Logback line. Split by Cloud Run into one entry per
// line, each is joined back in either time order; lines that only look like theirs are left alone.
import { reassembleAll } from '../../../src/source/reassemble.js';
import { cloudRunLines, noBlank, pieces, texts } from '../../support/cloud-run-lines.js';

const { line, split, writes } = cloudRunLines('stdout');

// Spring Cloud Gateway 4.x through Logback's default pattern, as a user pasted it: frames, then Reactor's
// block, then the original frames indented twice.
const GATEWAY_FRAMES = [
  '16:51:06.634 [reactor-http-nio-2] ERROR o.s.b.a.w.r.e.AbstractErrorWebExceptionHandler - [534d6357-1]  500 Server Error for HTTP PUT "/trademark/case/76900900/mark.jpg"',
  'java.lang.IllegalArgumentException: The path does not have a leading slash: ',
  '\tat org.springframework.util.Assert.isTrue(Assert.java:135) ~[spring-core-6.2.5.jar:6.2.5]',
  '\tSuppressed: reactor.core.publisher.FluxOnAssembly$OnAssemblyException: ',
  'Error has been observed at the following site(s):',
  '\t*__checkpoint ⇢ org.springframework.cloud.gateway.filter.WeightCalculatorWebFilter [DefaultWebFilterChain]',
  '\t*__checkpoint ⇢ HTTP PUT "/trademark/case/76900900/mark.jpg" [ExceptionHandlingWebHandler]',
  'Original Stack Trace:',
  '\t\tat org.springframework.util.Assert.isTrue(Assert.java:135) ~[spring-core-6.2.5.jar:6.2.5]',
  '\t\tat org.springframework.cloud.gateway.filter.factory.RewritePathGatewayFilterFactory$1.filter(RewritePathGatewayFilterFactory.java:72) ~[spring-cloud-gateway-server-4.2.1.jar:4.2.1]',
].join('\n');
// Netty's connect exception fills in no frames: its suppressed block comes right under it, and the cause last.
const GATEWAY_STACKLESS = [
  '10:00:00.123 [reactor-http-epoll-3] ERROR o.s.b.a.w.r.e.AbstractErrorWebExceptionHandler - [70e82a4a-1]  500 Server Error for HTTP GET "/api/orders/12"',
  'io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: orders.internal/10.8.0.244:8080',
  '\tSuppressed: reactor.core.publisher.FluxOnAssembly$OnAssemblyException: ',
  'Error has been observed at the following site(s):',
  '\t*__checkpoint ⇢ org.springframework.cloud.gateway.filter.WeightCalculatorWebFilter [DefaultWebFilterChain]',
  '\t*__checkpoint ⇢ HTTP GET "/api/orders/12" [ExceptionHandlingWebHandler]',
  'Original Stack Trace:',
  'Caused by: java.net.ConnectException: Connection refused',
  '\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)',
  '\tat io.netty.channel.socket.nio.NioSocketChannel.doFinishConnect(NioSocketChannel.java:337)',
].join('\n');
// Reactor 3.4+ with the debug hook: the suppressed line says so in words, an assembly trace of bare frames
// comes first, the sites name operators.
const GATEWAY_ASSEMBLY = [
  '15:07:48.466 [parallel-3] ERROR o.s.b.a.w.r.e.AbstractErrorWebExceptionHandler - [6be1e6a2-3]  504 Server Error for HTTP GET "/eazybank/loans/api/contact-info"',
  'org.springframework.cloud.gateway.support.TimeoutException: Response took longer than timeout: PT2S',
  '\tSuppressed: The stacktrace has been enhanced by Reactor, refer to additional information below: ',
  'Assembly trace from producer [reactor.core.publisher.MonoError] :',
  '\treactor.core.publisher.Mono.error(Mono.java:299)',
  '\torg.springframework.cloud.gateway.filter.NettyRoutingFilter.lambda$filter$6(NettyRoutingFilter.java:195)',
  'Error has been observed at the following site(s):',
  '\t*____Mono.error ⇢ at org.springframework.cloud.gateway.filter.NettyRoutingFilter.lambda$filter$6(NettyRoutingFilter.java:195)',
  '\t*__Flux.timeout ⇢ at org.springframework.cloud.gateway.filter.NettyRoutingFilter.filter(NettyRoutingFilter.java:193)',
  'Original Stack Trace:',
].join('\n');
// Reactor 3.2/3.3 through Spring Boot's console pattern: `|_ checkpoint ⇢` sites and `Stack trace:`.
const BOOT_OLD_CHECKPOINTS = [
  '2021-03-02 11:01:40.806 ERROR 1 --- [ctor-http-nio-2] a.w.r.e.AbstractErrorWebExceptionHandler : [fd41eb4d-1]  500 Server Error for HTTP POST "/api/news"',
  'org.apache.kafka.common.KafkaException: Failed to construct kafka producer',
  '\tat org.apache.kafka.clients.producer.KafkaProducer.<init>(KafkaProducer.java:441) ~[na:na]',
  '\tSuppressed: reactor.core.publisher.FluxOnAssembly$OnAssemblyException: ',
  'Error has been observed at the following site(s):',
  '\t|_ checkpoint ⇢ org.springframework.boot.actuate.metrics.web.reactive.server.MetricsWebFilter [DefaultWebFilterChain]',
  '\t|_ checkpoint ⇢ HTTP POST "/api/news" [ExceptionHandlingWebHandler]',
  'Stack trace:',
  '\t\tat org.apache.kafka.clients.producer.KafkaProducer.<init>(KafkaProducer.java:441) ~[na:na]',
  'Caused by: org.apache.kafka.common.config.ConfigException: No resolvable bootstrap urls given in bootstrap.servers',
  '\tat org.apache.kafka.clients.ClientUtils.parseAndValidateAddresses(ClientUtils.java:88) ~[na:na]',
].join('\n');

// Netty's ResourceLeakDetector at ADVANCED: access records newest first, a hint, the creation record.
const LEAK_RECORDS = [
  '11:20:08.890 [reactor-http-epoll-2] ERROR io.netty.util.ResourceLeakDetector - LEAK: ByteBuf.release() was not called before it\'s garbage-collected. See https://netty.io/wiki/reference-counted-objects.html for more information.',
  'Recent access records: ',
  '#2:',
  '\tHint: \'decoder\' will handle the message from this point.',
  '\tio.netty.channel.DefaultChannelPipeline.touch(DefaultChannelPipeline.java:116)',
  '\tio.netty.channel.AbstractChannelHandlerContext.fireChannelRead(AbstractChannelHandlerContext.java:357)',
  '#1:',
  '\tio.netty.buffer.AdvancedLeakAwareByteBuf.writeBytes(AdvancedLeakAwareByteBuf.java:634)',
  ': 12 leak records were discarded because the leak record count is targeted to 4. Use system property io.netty.leakDetection.targetRecords to increase the limit.',
  'Created at:',
  '\tio.netty.buffer.PooledByteBufAllocator.newDirectBuffer(PooledByteBufAllocator.java:410)',
  '\tcom.acme.gateway.filter.BodyCaptureFilter.capture(BodyCaptureFilter.java:52)',
].join('\n');
// Older Netty counts the records on the first line; no access record at all.
const LEAK_OLD = [
  '2018-09-01 10:00:00.001 ERROR 7 --- [ntLoopGroup-3-1] io.netty.util.ResourceLeakDetector       : LEAK: ByteBuf.release() was not called before it\'s garbage-collected. See http://netty.io/wiki/reference-counted-objects.html for more information.',
  'Recent access records: 0',
  'Created at:',
  '\tio.netty.buffer.UnpooledByteBufAllocator.newDirectBuffer(UnpooledByteBufAllocator.java:96)',
  '\tio.netty.buffer.AbstractByteBufAllocator.directBuffer(AbstractByteBufAllocator.java:187)',
].join('\n');

// An exception with no frames under the line that logged it: Netty's native I/O errors, reactor-netty's
// connection-scoped prefix, a JIT fast-throw NullPointerException under Spring Boot's console pattern.
const TAIL_OF_PIPELINE = [
  '01:13:43.306 [reactor-http-epoll-3] WARN  i.n.channel.DefaultChannelPipeline - An exceptionCaught() event was fired, and it reached at the tail of the pipeline. It usually means the last handler in the pipeline did not handle the exception.',
  'io.netty.channel.unix.Errors$NativeIoException: recvAddress(..) failed: Connection reset by peer',
].join('\n');
const FINISHING_RESPONSE = [
  '01:44:22.619 [reactor-http-epoll-4] ERROR r.n.http.server.HttpServerOperations - [723d7602-11, L:/169.254.8.1:8080 - R:/169.254.8.129:50898] Error finishing response. Closing connection',
  'io.netty.channel.unix.Errors$NativeIoException: writev(..) failed: Broken pipe',
].join('\n');
const FAST_THROW = [
  '2026-03-10T10:00:01.123Z ERROR 1 --- [orders] [nio-8080-exec-7] c.a.orders.web.ErrorAdvice               : Order 12 confirm failed',
  'java.lang.NullPointerException',
].join('\n');

const RECORDS: Array<[string, string]> = [
  ['a gateway error with frames and a checkpoint block', GATEWAY_FRAMES],
  ['a gateway error whose exception has no frames', GATEWAY_STACKLESS],
  ['a checkpoint block with an assembly trace, cut after Original Stack Trace:', GATEWAY_ASSEMBLY],
  ["Reactor 3.2's |_ checkpoint sites and Stack trace:", BOOT_OLD_CHECKPOINTS],
  ["Netty's leak report with access records and a hint", LEAK_RECORDS],
  ["older Netty's leak report with its record count", LEAK_OLD],
  ["Netty's tail-of-pipeline warning and its frameless exception", TAIL_OF_PIPELINE],
  ["reactor-netty's connection line and its frameless exception", FINISHING_RESPONSE],
  ['a fast-throw exception with no message and no frames', FAST_THROW],
];

describe('reassemble: JVM records with Reactor, Netty and frameless exceptions', () => {
  it.each(RECORDS)('%s: one record in either order, whole untouched', (_name, record) => {
    expect(texts(reassembleAll(split(record, 0)))).toEqual([noBlank(record)]);
    expect(texts(reassembleAll(split(record, 0).reverse()))).toEqual([noBlank(record)]);
    expect(pieces(reassembleAll(split(record, 0)))).toEqual([false]);
    expect(texts(reassembleAll([line(record, 0)]))).toEqual([record]);
  });

  it.each([
    ['a checkpoint block from its suppressed line', GATEWAY_STACKLESS.split('\n').slice(2)],
    ['a checkpoint block from its sites', GATEWAY_FRAMES.split('\n').slice(4)],
    ['a leak report from its records', LEAK_RECORDS.split('\n').slice(1)],
  ])('%s (the first lines lost): one piece, in either order', (_name, lines) => {
    const record = lines.join('\n');
    for (const input of [split(record, 0), split(record, 0).reverse()]) {
      const out = reassembleAll(input);
      expect(texts(out)).toEqual([record]);
      expect(pieces(out)).toEqual([true]);
    }
  });

  it('a frameless exception from its own line (the log line lost) keeps its block and cause', () => {
    const record = GATEWAY_STACKLESS.split('\n').slice(1).join('\n');
    for (const input of [split(record, 0), split(record, 0).reverse()]) expect(texts(reassembleAll(input))).toEqual([record]);
  });

  it('two gateway errors of two instances written at once are two records', () => {
    const other = GATEWAY_STACKLESS.replace('[70e82a4a-1]', '[11aa22bb-9]').replace('/api/orders/12', '/api/portal/7');
    const a = split(GATEWAY_STACKLESS, 0, 'instance-a');
    const b = split(other, 3, 'instance-b');
    const mixed = [...a, ...b].sort((x, y) => String(x.timestamp).localeCompare(String(y.timestamp)));
    for (const input of [mixed, [...mixed].reverse()]) expect(texts(reassembleAll(input)).sort()).toEqual([GATEWAY_STACKLESS, other].sort());
  });
});

describe('reassemble: lines that only look like these records', () => {
  it('a log line and an exception line written seconds apart are two records', () => {
    const [head, exception] = TAIL_OF_PIPELINE.split('\n');
    const entries = [line(head!, 0), line(exception!, 2_000_000)];
    for (const input of [entries, [...entries].reverse()]) expect(texts(reassembleAll(input)).sort()).toEqual([head, exception].sort());
  });

  it('two frameless exception lines in a row are two records', () => {
    const lines = ['io.netty.channel.unix.Errors$NativeIoException: writev(..) failed: Broken pipe', 'java.lang.NullPointerException'];
    for (const input of [split(lines.join('\n'), 0), split(lines.join('\n'), 0).reverse()]) expect(texts(reassembleAll(input)).sort()).toEqual([...lines].sort());
  });

  it.each([
    ['a message that starts with the words of a leak line', ['10:00:00.001 [main] ERROR c.a.Importer - import failed', 'Created at: 2026-03-10 by batch 7']],
    ['a count of records that is no leak report', ['10:00:00.001 [main] WARN  c.a.Audit - audit failed for 3 accounts', 'Recent access records: none']],
    ["an INFO line naming the words Original Stack Trace", ['10:00:00.001 [main] INFO  c.a.Docs - rendering page "Original Stack Trace"', 'java.lang.IllegalStateException: x']],
  ])('%s: not joined', (_name, lines) => {
    // As the grammar reads them: each its own write (in one write, lines that open no record of their
    // own join their head whatever they say: burst-lines.ts).
    const out = reassembleAll(writes(lines.join('\n'), 0));
    expect(texts(out)).not.toContain(lines.join('\n'));
  });

  it('a line naming an exception that is not Java-qualified under a log line is not taken for a frameless one', () => {
    const lines = ['10:00:00.001 [main] ERROR app - request failed', 'TypeError: fetch failed'];
    expect(texts(reassembleAll(split(lines.join('\n'), 0)))).toEqual(lines);
  });
});
