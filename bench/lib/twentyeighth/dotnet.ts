// The day's .NET service: a MassTransit worker consuming from RabbitMQ, the console logger's default
// simple format, then its JSON formatter.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { digits, fam } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// sync-masstransit: .NET 8 worker (always-on CPU, a health endpoint only) on the generic host,
// MassTransit 8.3 with RabbitMQ on a hosted broker (amqps), consumers `ErpPushConsumer` (an order to
// the ERP over HttpClient) and `StockAdjustedConsumer` (Npgsql 8 to Cloud SQL for PostgreSQL), retries
// through MassTransit's message retry (each attempt that fails is its own `R-FAULT` after the last).
// Morning revision: the console logger's default simple format on stdout (`fail: Category[0]`, the
// message and the exception six spaces in). From the rollout `AddJsonConsole()` (`EventId`,
// `LogLevel`, `Category`, `Message`, `Exception`, `State` with the template's values and
// `{OriginalFormat}`; no severity). MassTransit logs a consumer's fault on `MassTransit.ReceiveTransport`
// (`R-FAULT {InputAddress} {MessageId} {MessageType} {ConsumerType}({Duration})`) and a broker it cannot
// reach on `MassTransit` (`Connection Failed: {InputAddress}`) at Warning.
const SM = 'sync-masstransit';
const HOST = 'rabbitmq://hawk-01.rmq7.cloudamqp.example/qwprod';
const LVL: Record<string, [string, string]> = { INFO: ['info', 'Information'], WARNING: ['warn', 'Warning'], ERROR: ['fail', 'Error'] };

function rec(rev: 0 | 1, level: string, category: string, msg: string, exception: string | undefined, state: Record<string, unknown>): Write {
  const [short, long] = LVL[level]!;
  if (rev === 0) {
    const body = [msg, ...(exception ? exception.split('\n') : [])].map((l) => `      ${l}`).join('\n');
    return { stream: 'stdout', text: `${short}: ${category}[0]\n${body}` };
  }
  const json: Record<string, unknown> = { EventId: 0, LogLevel: long, Category: category, Message: msg };
  if (exception) json.Exception = exception;
  json.State = { Message: msg, ...state };
  return { stream: 'stdout', json };
}

/** MassTransit's NewId as it prints: sequential, the last group carrying the node. */
const newId = (rng: Prng): string => `${rng.hex(4)}0000-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-08dd${rng.hex(8)}`;
const duration = (rng: Prng, lo: number, hi: number): string => `00:00:${String(rng.int(lo, hi)).padStart(2, '0')}.${digits(rng, 7)}`;
const R_FAULT = 'R-FAULT {InputAddress} {MessageId} {MessageType} {ConsumerType}({Duration})';

function fault(rng: Prng, rev: 0 | 1, queue: string, type: string, consumer: string, d: string, exception: string): Write {
  const id = newId(rng);
  const msg = `R-FAULT ${HOST}/${queue} ${id} ${type} ${consumer}(${d})`;
  return rec(rev, 'ERROR', 'MassTransit.ReceiveTransport', msg, exception, { InputAddress: `${HOST}/${queue}`, MessageId: id, MessageType: type, ConsumerType: consumer, Duration: d, '{OriginalFormat}': R_FAULT });
}

// The ERP's gateway answers 502 during its nightly maintenance and at random: the push faults.
const smErp502 = fam(`${SM}:erp-push-bad-gateway`, 'ERROR', [50, 110], ({ rng, rev }) => {
  const ex = `System.Net.Http.HttpRequestException: Response status code does not indicate success: 502 (Bad Gateway).\n   at System.Net.Http.HttpResponseMessage.EnsureSuccessStatusCode()\n   at Quillwort.Sync.Erp.ErpClient.PushOrderAsync(OrderPlaced order, CancellationToken ct) in /src/Quillwort.Sync/Erp/ErpClient.cs:line 47\n   at Quillwort.Sync.Consumers.ErpPushConsumer.Consume(ConsumeContext\`1 context) in /src/Quillwort.Sync/Consumers/ErpPushConsumer.cs:line 29\n   at MassTransit.DependencyInjection.ScopeConsumerFactory\`1.Send[TMessage](ConsumeContext\`1 context, IPipe\`1 next) in /_/src/MassTransit/DependencyInjection/DependencyInjection/ScopeConsumerFactory.cs:line 22\n   at MassTransit.Middleware.ConsumerMessageFilter\`2.MassTransit.IFilter<MassTransit.ConsumeContext<TMessage>>.Send(ConsumeContext\`1 context, IPipe\`1 next) in /_/src/MassTransit/Middleware/ConsumerMessageFilter.cs:line 48`;
  return [fault(rng, rev, 'erp-push', 'Quillwort.Contracts.OrderPlaced', 'Quillwort.Sync.Consumers.ErpPushConsumer', duration(rng, 0, 30), ex)];
}, 0.3);

// A stock adjustment's read times out against a busy primary: the same R-FAULT, another consumer.
const smStockTimeout = fam(`${SM}:stock-adjust-read-timeout`, 'ERROR', [30, 70], ({ rng, rev }) => {
  const ex = `Npgsql.NpgsqlException (0x80004005): Exception while reading from stream\n ---> System.TimeoutException: Timeout during reading attempt\n   at Npgsql.Internal.NpgsqlReadBuffer.<Ensure>g__EnsureLong|55_0(NpgsqlReadBuffer buffer, Int32 count, Boolean async, Boolean readingNotifications)\n   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)\n   --- End of inner exception stack trace ---\n   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)\n   at Npgsql.NpgsqlDataReader.NextResult(Boolean async, Boolean isConsuming, CancellationToken cancellationToken)\n   at Npgsql.NpgsqlCommand.ExecuteReader(Boolean async, CommandBehavior behavior, CancellationToken cancellationToken)\n   at Quillwort.Sync.Stock.StockStore.ApplyAsync(StockAdjusted adjustment, CancellationToken ct) in /src/Quillwort.Sync/Stock/StockStore.cs:line 61\n   at Quillwort.Sync.Consumers.StockAdjustedConsumer.Consume(ConsumeContext\`1 context) in /src/Quillwort.Sync/Consumers/StockAdjustedConsumer.cs:line 24`;
  return [fault(rng, rev, 'stock-adjusted', 'Quillwort.Contracts.StockAdjusted', 'Quillwort.Sync.Consumers.StockAdjustedConsumer', duration(rng, 30, 31), ex)];
}, 0.3);

// The hosted broker restarts or drops the TLS connection: MassTransit reconnects (frequent Warning).
const smConnFailed = fam(`${SM}:broker-connection-failed`, 'WARNING', [100, 220], ({ rng, rev }) => {
  const ex = `RabbitMQ.Client.Exceptions.BrokerUnreachableException: None of the specified endpoints were reachable\n ---> System.AggregateException: One or more errors occurred. (Connection failed)\n ---> RabbitMQ.Client.Exceptions.ConnectFailureException: Connection failed\n ---> System.Net.Sockets.SocketException (${rng.pick(['110): Connection timed out', '111): Connection refused', '104): Connection reset by peer'])}\n   at RabbitMQ.Client.Impl.TcpClientAdapter.ConnectAsync(String host, Int32 port)\n   at RabbitMQ.Client.Impl.TaskExtensions.TimeoutAfter(Task task, TimeSpan timeout)\n   at RabbitMQ.Client.Impl.SocketFrameHandler.ConnectOrFail(ITcpClient socket, AmqpTcpEndpoint endpoint, TimeSpan timeout)\n   --- End of inner exception stack trace ---\n   at RabbitMQ.Client.EndpointResolverExtensions.SelectOne[T](IEndpointResolver resolver, Func\`2 selector)\n   at RabbitMQ.Client.ConnectionFactory.CreateConnection(IEndpointResolver endpointResolver, String clientProvidedName)`;
  return [rec(rev, 'WARNING', 'MassTransit', `Connection Failed: ${HOST}`, ex, { InputAddress: HOST, '{OriginalFormat}': 'Connection Failed: {InputAddress}' })];
});

const smChatter = fam(`noise:${SM}:chatter`, 'INFO', [220, 320], ({ rng, rev }) => {
  if (rng.chance(0.12)) {
    const [cat, msg] = rng.pick([['MassTransit', `Bus started: ${HOST}`], ['Microsoft.Hosting.Lifetime', 'Application started. Press Ctrl+C to shut down.'], ['Microsoft.Hosting.Lifetime', 'Hosting environment: Production'], ['MassTransit', `Configured endpoint erp-push, Consumer: Quillwort.Sync.Consumers.ErpPushConsumer`]] as const);
    return [rec(rev, 'INFO', cat, msg, undefined, { '{OriginalFormat}': msg })];
  }
  const order = digits(rng, 7);
  return [rec(rev, 'INFO', rng.pick(['Quillwort.Sync.Consumers.ErpPushConsumer', 'Quillwort.Sync.Consumers.StockAdjustedConsumer']), rng.pick([`Order ${order} pushed to ERP (${rng.int(1, 12)} lines, 0 errors)`, `Stock for ${rng.int(1, 30)} SKUs adjusted (failed=0)`]), undefined, { order, '{OriginalFormat}': 'Order {order} pushed' })];
});

export const syncMasstransit: ServiceDef = {
  name: SM, stack: '.NET 8 worker (generic host), MassTransit 8.3 on RabbitMQ (hosted, amqps), Npgsql 8, HttpClient', splitRate: 0.7,
  families: [smErp502, smStockTimeout, smConnFailed, smChatter],
};
