// A fourth batch, written after the third had been used for fixes and measured before any change
// for it: stacks the set did not have (Rails, ASP.NET Core, Laravel), Google client libraries with
// resource names, sidecars, and messages whose token count grows with a list.
//
// Enum words, decided by the README's policy: a word filled into one format string is a value
// (`state PENDING_PICKUP` / `state AT_CUSTOMS` is one problem, as is a partner's error code in a
// JSON body); the same wrapper over two gRPC status codes from the server is two failures written by
// different code (`code = PermissionDenied` / `code = Unavailable`), so two problems.
import type { Family, Payload, Tools } from './spec.js';
import { iso, request } from './spec.js';

function railsJson(t: Tools, severity: string, message: string, exception: Record<string, unknown>): Payload {
  return { stream: 'stdout', severity, jsonPayload: { timestamp: iso(t.time), level: severity.toLowerCase(), name: 'Rails', pid: 1, message, exception, named_tags: { request_id: t.rng.uuid() } } };
}

function text(severity: string, body: string, stream: Payload['stream'] = 'stdout'): Payload {
  return { stream, severity, textPayload: body };
}

function slog(t: Tools, severity: string, msg: string, extra: Record<string, unknown> = {}): Payload {
  return { stream: 'stdout', severity, jsonPayload: { time: iso(t.time), level: severity === 'WARNING' ? 'WARN' : severity, msg, ...extra } };
}

function rubyFrames(own: string[]): string[] {
  return [...own,
    '/usr/local/bundle/gems/actionpack-7.1.3/lib/action_controller/metal/basic_implicit_render.rb:6:in `send_action\'',
    '/usr/local/bundle/gems/actionpack-7.1.3/lib/abstract_controller/base.rb:224:in `process_action\'',
    '/usr/local/bundle/gems/activesupport-7.1.3/lib/active_support/callbacks.rb:121:in `block in run_callbacks\''];
}

function dotnetUnhandled(t: Tools, lines: string[]): string {
  const conn = `0HN7${t.rng.upperAlnum(9)}`;
  return [
    'fail: Microsoft.AspNetCore.Server.Kestrel[13]',
    `      Connection id "${conn}", Request id "${conn}:0000000${t.rng.int(1, 9)}": An unhandled exception was thrown by the application.`,
    ...lines.map((l) => `      ${l}`),
  ].join('\n');
}

const ASPNET_TAIL = [
  `   at lambda_method${'12'}(Closure, Object, Object[])`,
  '   at Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor.AwaitableObjectResultExecutor.Execute(ActionContext actionContext, IActionResultTypeMapper mapper, ObjectMethodExecutor executor, Object controller, Object[] arguments)',
  '   at Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker.<InvokeActionMethodAsync>g__Logged|12_1(ControllerActionInvoker invoker)',
];

function laravel(t: Tools, level: string, message: string, context: string): string {
  return `[${iso(t.time).slice(0, 19).replace('T', ' ')}] production.${level}: ${message} ${context}`;
}

const SLUGS = ['about-us', 'pricing', 'careers', 'summer-sale-2025', 'contact', 'press', 'how-we-ship', 'returns-policy'];
const NAMES = ['dark-mode', 'new-checkout', 'beta-search', 'one-click-reorder', 'gift-wrap', 'live-chat', 'wishlist-v2'];
const FILES = ['report-final.pdf', 'Q3-summary.xlsx', 'invoice_2025_09.pdf', 'logo@2x.png', 'terms-v4.docx', 'export (1).csv', 'slides-kickoff.pptx'];
const WORDS = ['how', 'to', 'choose', 'a', 'mattress', 'best', 'summer', 'recipes', 'guide', 'for', 'beginners', 'review', 'vs', 'coffee', 'grinder', 'travel', 'tips', 'budget'];

function day(t: Tools): string {
  return `2025-${String(t.rng.int(1, 12)).padStart(2, '0')}-${String(t.rng.int(1, 28)).padStart(2, '0')}`;
}

export const fourthWave: Family[] = [
  // Rails (semantic_logger JSON), ActiveRecord and Ruby backtraces.
  {
    name: 'w4-ar-not-found', service: 'accounts', count: 34,
    emit: (t) => railsJson(t, 'ERROR', 'Completed #show', {
      name: 'ActiveRecord::RecordNotFound', message: `Couldn't find Order with 'id'=${t.rng.int(1000, 999999)}`,
      stack_trace: rubyFrames(['/usr/local/bundle/gems/activerecord-7.1.3/lib/active_record/core.rb:253:in `find\'',
        '/app/app/controllers/orders_controller.rb:58:in `set_order\'']),
    }),
  },
  {
    name: 'w4-ar-deadlock', service: 'accounts', count: 16,
    emit: (t) => text('ERROR', [
      `E, [${iso(t.time).replace('Z', '')}${t.rng.int(100, 999)} #1] ERROR -- : [ActiveJob] [SettleJob] [${t.rng.uuid()}] Error performing SettleJob (Job ID: ${t.rng.uuid()}) from Sidekiq(default) in ${t.rng.fixed(5, 900, 2)}ms: ActiveRecord::Deadlocked (PG::TRDeadlockDetected: ERROR:  deadlock detected`,
      `DETAIL:  Process ${t.rng.int(100, 9999)} waits for ShareLock on transaction ${t.rng.int(100000, 999999)}; blocked by process ${t.rng.int(100, 9999)}.`,
      `Process ${t.rng.int(100, 9999)} waits for ShareLock on transaction ${t.rng.int(100000, 999999)}; blocked by process ${t.rng.int(100, 9999)}.`,
      'HINT:  See server log for query details.',
      `CONTEXT:  while updating tuple (${t.rng.int(0, 900)},${t.rng.int(1, 60)}) in relation "ledger_entries"`,
      '):',
      '/usr/local/bundle/gems/activerecord-7.1.3/lib/active_record/connection_adapters/postgresql_adapter.rb:894:in `exec_params\'',
      '/app/app/jobs/settle_job.rb:31:in `block in perform\''].join('\n')),
  },
  // The same error text raised in two places: two problems.
  ...([['mailer', 'app/mailers/invoice_mailer.rb:17:in `receipt\''], ['serializer', 'app/serializers/order_serializer.rb:44:in `shipping_address\'']] as const)
    .map(([where, frame], i): Family => ({
      name: `w4-ruby-nomethod-${where}`, service: 'accounts', count: i === 0 ? 22 : 13,
      emit: (t) => railsJson(t, 'ERROR', 'Completed 500 Internal Server Error', {
        name: 'NoMethodError', message: 'undefined method `[]\' for nil',
        stack_trace: rubyFrames([`/app/${frame}`, `/app/app/controllers/${where === 'mailer' ? 'receipts' : 'orders'}_controller.rb:${t.rng.pick([12, 13])}:in \`show'`]),
      }),
    })),
  {
    name: 'w4-sidekiq-read-timeout', service: 'accounts', count: 28,
    emit: (t) => text('WARNING', `${iso(t.time)} pid=1 tid=${t.rng.lower(4)} class=ReceiptPdfJob jid=${t.rng.hex(24)} elapsed=${t.rng.fixed(1, 60, 3)} WARN: Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>`),
  },
  {
    name: 'w4-smtp-rejected', service: 'accounts', count: 12,
    emit: (t) => {
      const to = t.plant.email(t.rng.pick(['jane.doe', 'm.rossi', 'tanaka.h', 'olu.adeyemi']), 'mail.example.org');
      return railsJson(t, 'ERROR', `Delivery of receipt to ${to} failed`, {
        name: 'Net::SMTPFatalError', message: `550 5.1.1 <${to}>: Recipient address rejected: User unknown in virtual mailbox table`,
        stack_trace: ['/usr/local/lib/ruby/3.3.0/net/smtp.rb:1062:in `check_response\'', '/app/app/mailers/invoice_mailer.rb:21:in `receipt\''],
      });
    },
  },
  // ASP.NET Core console logger.
  {
    name: 'w4-dotnet-invalid-op', service: 'catalog', count: 30,
    emit: (t) => text('ERROR', dotnetUnhandled(t, [
      'System.InvalidOperationException: Sequence contains no elements',
      '   at System.Linq.ThrowHelper.ThrowNoElementsException()',
      '   at System.Linq.Enumerable.First[TSource](IEnumerable`1 source)',
      '   at Acme.Catalog.Services.PricingService.GetBasePrice(Int32 sku) in /src/Acme.Catalog/Services/PricingService.cs:line 42',
      `   at Acme.Catalog.Controllers.ProductsController.Get(Int32 id) in /src/Acme.Catalog/Controllers/ProductsController.cs:line ${t.rng.pick([27, 29])}`,
      ...ASPNET_TAIL])),
  },
  {
    name: 'w4-dotnet-nullref', service: 'catalog', count: 18,
    emit: (t) => text('ERROR', dotnetUnhandled(t, [
      'System.NullReferenceException: Object reference not set to an instance of an object.',
      '   at Acme.Catalog.Import.FeedParser.ParseRow(String[] cells) in /src/Acme.Catalog/Import/FeedParser.cs:line 88',
      '   at Acme.Catalog.Controllers.ImportController.Upload(IFormFile file) in /src/Acme.Catalog/Controllers/ImportController.cs:line 35',
      ...ASPNET_TAIL])),
  },
  {
    name: 'w4-dotnet-ef-unique', service: 'catalog', count: 20,
    emit: (t) => ({
      stream: 'stdout', severity: 'ERROR',
      jsonPayload: {
        EventId: 10000, LogLevel: 'Error', Category: 'Microsoft.EntityFrameworkCore.Update', Timestamp: iso(t.time),
        Message: [
          "An exception occurred in the database while saving changes for context type 'Acme.Catalog.Data.CatalogContext'.",
          'Microsoft.EntityFrameworkCore.DbUpdateException: An error occurred while saving the entity changes. See the inner exception for details.',
          ` ---> Npgsql.PostgresException (0x80004005): 23505: duplicate key value violates unique constraint "IX_Products_Sku"`,
          '',
          `DETAIL: Key ("Sku")=(${t.rng.upperAlnum(3)}-${t.rng.int(1000, 99999)}) already exists.`,
          '   at Npgsql.Internal.NpgsqlConnector.ReadMessageLong(Boolean async, DataRowLoadingMode dataRowLoadingMode, Boolean readingNotifications, Boolean isReadingPrependedMessage)',
          '   at Acme.Catalog.Import.ProductWriter.SaveAsync(IReadOnlyList`1 rows) in /src/Acme.Catalog/Import/ProductWriter.cs:line 61',
        ].join('\n'),
        State: { ConnectionString: `Host=10.20.0.5;Database=catalog;Username=catalog;Password=${t.plant.secret(`Pg${t.rng.alnum(14)}`)}` },
      },
    }),
  },
  // Laravel (monolog line formatter) and PHP's own warnings.
  {
    name: 'w4-laravel-query', service: 'cms', count: 26,
    emit: (t) => {
      const slug = t.rng.pick(SLUGS);
      const sql = `select * from \`pages\` where \`slug\` = ${slug} and \`pages\`.\`deleted_at\` is null limit 1`;
      return text('ERROR', laravel(t, 'ERROR', `SQLSTATE[HY000] [2002] Connection refused (Connection: mysql, SQL: ${sql})`,
        `{"exception":"[object] (Illuminate\\\\Database\\\\QueryException(code: 2002): SQLSTATE[HY000] [2002] Connection refused (Connection: mysql, SQL: ${sql}) at /var/www/html/vendor/laravel/framework/src/Illuminate/Database/Connection.php:829)\n[stacktrace]\n#0 /var/www/html/vendor/laravel/framework/src/Illuminate/Database/Connection.php(783): Illuminate\\\\Database\\\\Connection->runQueryCallback('select * from \`...', Array, Object(Closure))\n#1 /var/www/html/app/Http/Controllers/PageController.php(31): Illuminate\\\\Database\\\\Eloquent\\\\Builder->firstOrFail()\n#2 {main}\n"}`));
    },
  },
  {
    name: 'w4-php-undefined-key', service: 'cms', count: 24,
    emit: (t) => text('WARNING', `PHP Warning:  Undefined array key "${t.rng.pick(['locale', 'currency', 'utm_source', 'ref'])}" in /var/www/html/app/Support/RequestContext.php on line 18`, 'stderr'),
  },
  {
    name: 'w4-php-memory', service: 'cms', count: 9,
    emit: (t) => text('CRITICAL', `PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate ${t.rng.pick([4096, 20480, 262144, 2097160])} bytes) in /var/www/html/vendor/laravel/framework/src/Illuminate/Collections/Collection.php on line ${t.rng.pick([1720, 1722])}`, 'stderr'),
  },
  // Go dispatch service: gRPC codes behind one wrapper (two problems), Google clients, sidecars.
  ...([['permission', 'PermissionDenied', 'Permission \'quota.buckets.get\' denied on resource \'projects/acme-prod/buckets/', 17],
    ['unavailable', 'Unavailable', 'connection error: desc = "transport: Error while dialing: dial tcp 10.8.', 25]] as const)
    .map(([short, code, desc, count]): Family => ({
      name: `w4-quota-${short}`, service: 'dispatch', count,
      emit: (t) => slog(t, 'ERROR', 'fetch quota failed', {
        tenant: t.rng.pick(['acme', 'globex', 'initech', 'umbrella', 'hooli']),
        error: `rpc error: code = ${code} desc = ${desc}${short === 'permission' ? `${t.rng.pick(['eu', 'us', 'asia'])}-default' (or it may not exist).` : `${t.rng.int(0, 9)}.${t.rng.int(2, 250)}:8443: connect: connection refused"`}`,
      }),
    })),
  {
    name: 'w4-client-timeout', service: 'dispatch', count: 32,
    emit: (t) => slog(t, 'WARNING', 'inventory sync failed', {
      error: `Get "https://inventory.internal/v1/items/${t.rng.int(1000, 99999)}?expand=stock&since=${iso(t.time - t.rng.int(1, 9) * 3_600_000)}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    }),
  },
  {
    name: 'w4-envoy-reset', service: 'dispatch', count: 27,
    emit: (t) => slog(t, 'ERROR', `carrier rate request failed after ${t.rng.int(1, 3)} attempts: status=503 body="upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: delayed connect error: 111"`, { carrier: t.rng.pick(['dhl', 'ups', 'fedex', 'usps']) }),
  },
  {
    name: 'w4-shipment-stuck', service: 'dispatch', count: 23,
    emit: (t) => slog(t, 'WARNING', `shipment ${t.rng.int(10000, 99999)} stuck in state ${t.rng.pick(['PENDING_PICKUP', 'IN_TRANSIT', 'AT_CUSTOMS', 'OUT_FOR_DELIVERY'])} for ${t.rng.int(25, 200)}h`),
  },
  {
    name: 'w4-otel-export', service: 'dispatch', count: 21,
    emit: (t) => ({
      stream: 'stderr', severity: 'ERROR',
      jsonPayload: {
        level: 'error', ts: t.time / 1000, caller: 'exporterhelper/queue_sender.go:101', msg: 'Exporting failed. Dropping data.',
        kind: 'exporter', data_type: t.rng.pick(['traces', 'metrics']), name: 'googlecloud',
        error: `rpc error: code = InvalidArgument desc = One or more TimeSeries could not be written: Points must be written in order. One or more of the points specified had an older start time than the most recent point.: timeSeries[${t.rng.int(0, 199)}]`,
        dropped_items: t.rng.int(1, 900),
      },
    }),
  },
  // Python worker: Pub/Sub with a topic name in a resource path, in a traceback.
  {
    name: 'w4-pubsub-not-found', service: 'notifier', count: 19,
    emit: (t) => text('ERROR', [
      'Traceback (most recent call last):',
      '  File "/app/notifier/publisher.py", line 48, in publish_event',
      '    future.result(timeout=30)',
      '  File "/usr/local/lib/python3.12/site-packages/google/cloud/pubsub_v1/publisher/futures.py", line 67, in result',
      '    raise exception',
      `google.api_core.exceptions.NotFound: 404 Resource not found (resource=projects/acme-prod/topics/${t.rng.pick(['order-events', 'invoice-events', 'user-signups', 'audit'])}).`].join('\n'), 'stderr'),
  },
  {
    name: 'w4-gcs-forbidden', service: 'notifier', count: 14,
    emit: (t) => ({
      stream: 'stdout', severity: 'ERROR',
      jsonPayload: {
        severity: 'ERROR', message: `upload failed for gs://acme-exports/${t.rng.pick(['daily', 'weekly'])}/${day(t)}/${t.rng.hex(8)}.csv.gz: 403 POST https://storage.googleapis.com/upload/storage/v1/b/acme-exports/o?uploadType=resumable: notifier@acme-prod.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).`,
      },
    }),
  },
  // Lists whose length varies, and a partner's JSON body inside the text.
  {
    name: 'w4-id-list', service: 'notifier', count: 30,
    emit: (t) => {
      const ids = Array.from({ length: t.rng.int(1, 7) }, () => t.rng.int(10, 9999));
      return { stream: 'stdout', severity: 'WARNING', jsonPayload: { severity: 'WARNING', message: `skipping ${ids.length} invoices with missing tax ids: [${ids.join(', ')}]` } };
    },
  },
  {
    name: 'w4-name-list', service: 'notifier', count: 26,
    emit: (t) => {
      const names = NAMES.filter(() => t.rng.chance(0.45));
      const list = names.length > 0 ? names : [t.rng.pick(NAMES)];
      return { stream: 'stdout', severity: 'WARNING', jsonPayload: { severity: 'WARNING', message: `feature flags missing from remote config, using defaults: ${list.join(', ')}` } };
    },
  },
  {
    name: 'w4-partner-json', service: 'notifier', count: 25,
    emit: (t) => {
      const [code, msg] = t.rng.pick([['rate_limited', 'Too many requests'], ['quota_exceeded', 'Daily quota exceeded for this key']] as const);
      const body = JSON.stringify({ error: { code, message: msg, retry_after: t.rng.int(1, 120), request_id: `req_${t.rng.alnum(16)}` } });
      return { stream: 'stdout', severity: 'ERROR', jsonPayload: { severity: 'ERROR', message: `sms partner rejected message ${t.rng.uuid()}: ${body}`, authorization: `Bearer ${t.plant.secret(`sk_live_${t.rng.alnum(24)}`)}` } };
    },
  },
  // Request logs: dates, file names and long slugs in the path are values.
  {
    name: 'w4-req-report-date-500', service: 'accounts', count: 22,
    emit: (t) => ({ stream: 'requests', severity: 'ERROR', httpRequest: request(t, 'GET', `https://accounts-8fj2kq0xla-uc.a.run.app/api/reports/${day(t)}`, 500, [0.2, 12]) }),
  },
  {
    name: 'w4-req-files-404', service: 'cms', count: 28,
    emit: (t) => ({ stream: 'requests', severity: 'WARNING', httpRequest: request(t, 'GET', `https://cms-8fj2kq0xla-uc.a.run.app/files/${encodeURIComponent(t.rng.pick(FILES))}`, 404, [0.001, 0.05]) }),
  },
  {
    name: 'w4-req-blog-slug-404', service: 'cms', count: 30,
    emit: (t) => {
      const slug = Array.from({ length: t.rng.int(3, 6) }, () => t.rng.pick(WORDS)).join('-');
      return { stream: 'requests', severity: 'WARNING', httpRequest: request(t, 'GET', `https://cms-8fj2kq0xla-uc.a.run.app/blog/${slug}${t.rng.chance(0.3) ? `-${t.rng.int(2019, 2025)}` : ''}?utm_source=${t.rng.pick(['news', 'x', 'fb'])}`, 404, [0.001, 0.05]) };
    },
  },
  {
    name: 'w4-req-catalog-version-502', service: 'catalog', count: 20,
    emit: (t) => ({ stream: 'requests', severity: 'ERROR', httpRequest: request(t, 'POST', `https://catalog-8fj2kq0xla-uc.a.run.app/api/v2/products/${t.rng.int(100, 99999)}/variants/${t.rng.upperAlnum(3)}-${t.rng.int(10, 99)}/prices`, 502, [5, 30]) }),
  },
  {
    name: 'w4-sidekiq-info', service: 'accounts', count: 40, noise: true,
    emit: (t) => text('INFO', `${iso(t.time)} pid=1 tid=${t.rng.lower(4)} class=ReceiptPdfJob jid=${t.rng.hex(24)} INFO: done: ${t.rng.fixed(0.1, 9, 3)} sec`),
  },
];
