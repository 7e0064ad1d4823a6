// The request a line names is context: a Spring error logged under GET and under POST is one problem,
// and a piece of a Reactor checkpoint block naming another request joins the records that hold it.
import { createClassifier } from '../../../src/classify/index.js';
import { withoutCheckpointRequest } from '../../../src/classify/checkpoint-request.js';
import { withoutRequestMethod } from '../../../src/classify/request-context.js';
import { looseKey, lineKey } from '../../../src/classify/record-lines.js';
import type { Entry } from '../../../src/shared/types.js';

describe('withoutRequestMethod', () => {
  it.each([
    [['[<ID>]', '<NUM>', 'Server', 'Error', 'for', 'HTTP', 'POST', '"<QUOTED>"'], ['[<ID>]', '<NUM>', 'Server', 'Error', 'for', 'HTTP', '<*>', '"<QUOTED>"']],
    [['Request', 'to', 'DELETE', '<URL>', '[DefaultWebClient]'], ['Request', 'to', '<*>', '<URL>', '[DefaultWebClient]']],
    [['GET', '<PATH>', 'failed'], ['<*>', '<PATH>', 'failed']],
    // A method that names no masked request stays: it may be the problem itself.
    [['POST', 'not', 'allowed', 'on', 'this', 'route'], ['POST', 'not', 'allowed', 'on', 'this', 'route']],
    [['method', 'GET', 'disabled'], ['method', 'GET', 'disabled']],
    // Only the methods HTTP defines: an upper-case word before a path is no method.
    [['READ', '<PATH>', 'failed'], ['READ', '<PATH>', 'failed']],
    [['GET'], ['GET']],
  ])('%j -> %j', (tokens, out) => {
    expect(withoutRequestMethod(tokens)).toEqual(out);
  });
});

describe('withoutCheckpointRequest', () => {
  it.each([
    ['*__checkpoint ⇢ HTTP GET "/api/orders/0" [ExceptionHandlingWebHandler]', '*__checkpoint ⇢ <REQUEST> [ExceptionHandlingWebHandler]'],
    ['*__checkpoint ⇢ HTTP PUT "/trademark/cms/rest/case/0/mark/MRK_0.jpg" [ExceptionHandlingWebHandler]', '*__checkpoint ⇢ <REQUEST> [ExceptionHandlingWebHandler]'],
    ['*__checkpoint ⇢ Request to POST http://localhost:0/fineract-provider/api/v0/offices [DefaultWebClient]', '*__checkpoint ⇢ <REQUEST> [DefaultWebClient]'],
    ['|_ checkpoint ⇢ HTTP POST "/api/news" [ExceptionHandlingWebHandler]', '|_ checkpoint ⇢ <REQUEST> [ExceptionHandlingWebHandler]'],
    // Sites that name no request keep what they name: a filter, a handler, an operator.
    ['*__checkpoint ⇢ org.springframework.cloud.gateway.filter.WeightCalculatorWebFilter [DefaultWebFilterChain]', '*__checkpoint ⇢ org.springframework.cloud.gateway.filter.WeightCalculatorWebFilter [DefaultWebFilterChain]'],
    ['*__checkpoint ⇢ Handler com.example.demo.Controller#endpoint(Continuation) [DispatcherHandler]', '*__checkpoint ⇢ Handler com.example.demo.Controller#endpoint(Continuation) [DispatcherHandler]'],
    ['*____Mono.error ⇢ at org.springframework.cloud.gateway.filter.NettyRoutingFilter.lambda$filter$0(NettyRoutingFilter.java:0)', '*____Mono.error ⇢ at org.springframework.cloud.gateway.filter.NettyRoutingFilter.lambda$filter$0(NettyRoutingFilter.java:0)'],
    // Not a checkpoint line at all.
    ['HTTP GET "/api/orders/0" failed', 'HTTP GET "/api/orders/0" failed'],
  ])('%j -> %j', (key, out) => {
    expect(withoutCheckpointRequest(key)).toBe(out);
  });

  it('is what looseKey reads a checkpoint line as', () => {
    expect(looseKey(lineKey('\t*__checkpoint ⇢ HTTP GET "/api/portal/3741" [ExceptionHandlingWebHandler]')!)).toBe('*__checkpoint ⇢ <REQUEST> [ExceptionHandlingWebHandler]');
  });
});

describe('the classifier: a gateway error under any request', () => {
  const T0 = Date.UTC(2026, 2, 10, 10);
  const entry = (text: string, over: Partial<Entry> = {}): Entry => ({
    time: T0, severity: 'ERROR', service: 'gateway', revision: 'gateway-001', kind: 'stack', text, ...over,
  });
  const gateway = (method: string, path: string, id: string, cause = 'java.net.ConnectException: Connection refused') => [
    `[${id}]  500 Server Error for HTTP ${method} "${path}"`,
    'io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: orders.internal/10.8.0.244:8080',
    '\tSuppressed: reactor.core.publisher.FluxOnAssembly$OnAssemblyException: ',
    'Error has been observed at the following site(s):',
    '\t*__checkpoint ⇢ org.springframework.cloud.gateway.filter.WeightCalculatorWebFilter [DefaultWebFilterChain]',
    `\t*__checkpoint ⇢ HTTP ${method} "${path}" [ExceptionHandlingWebHandler]`,
    'Original Stack Trace:',
    `Caused by: ${cause}`,
    '\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)',
    '\tat io.netty.channel.socket.nio.NioSocketChannel.doFinishConnect(NioSocketChannel.java:337)',
  ];

  it('GET and POST of the same failure are one cluster; a piece naming a request none of them named joins it', () => {
    const c = createClassifier();
    c.add(entry(gateway('GET', '/api/orders/12', 'a1b2c3d4-1').join('\n')));
    c.add(entry(gateway('POST', '/api/catalog/9', 'a1b2c3d4-2').join('\n'), { time: T0 + 1 }));
    const piece = c.add(entry(gateway('PUT', '/api/portal/4', 'a1b2c3d4-3').slice(2).join('\n'), { severity: 'DEFAULT', kind: 'text', piece: true }));
    expect(c.clusters()).toHaveLength(1);
    expect(c.resolve(piece).id).toBe(c.clusters()[0]!.id);
  });

  it('the same handler line over another exception is another problem', () => {
    const c = createClassifier();
    c.add(entry(gateway('GET', '/api/orders/12', 'a1b2c3d4-1').join('\n')));
    const other = gateway('GET', '/api/orders/12', 'a1b2c3d4-2');
    other[1] = 'org.springframework.cloud.gateway.support.NotFoundException: 503 SERVICE_UNAVAILABLE "Unable to find instance for orders"';
    c.add(entry(other.join('\n')));
    expect(c.clusters()).toHaveLength(2);
  });
});
