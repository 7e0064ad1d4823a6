// The JVM services of the twenty-third day: Spring Boot's own ECS structured logging (3.4's flat keys,
// then 3.5's nested objects) and a Java Cloud Run function on the Functions Framework. Formats follow
// each project's source and the reports cited in README.md.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMicros } from './clock.js';
import { exitLine, fam, probeFailed, slug, PROJECT } from './shared.js';

const jframes = (frames: readonly string[]): string => frames.map((f) => `\tat ${f}`).join('\n');

// ---------------------------------------------------------------------------------------------------
// catalog-ecs: Spring Boot 3.4 (Tomcat, Spring Data JPA, Hibernate 6.6, HikariCP) with
// `logging.structured.format.console=ecs` on the morning revision: one JSON line a record with
// dotted keys (`log.level`, `process.thread.name`, `log.logger`, `error.type`, `error.message`,
// `error.stack_trace`, `ecs.version`); Boot 3.5 after the rollout writes the same fields as nested
// objects. No severity. Cloud SQL for PostgreSQL through the socket factory, Spring Cloud GCP's Secret
// Manager and Pub/Sub.
const ECS = 'catalog-ecs';

interface EcsRecord { level: 'INFO' | 'WARN' | 'ERROR'; thread: string; logger: string; message: string; error?: { type: string; message: string; stack: string } }

function ecs(t: number, rev: 0 | 1, r: EcsRecord): Write {
  if (rev === 0) {
    const json: Record<string, unknown> = { '@timestamp': isoMicros(t), 'log.level': r.level, 'process.pid': 1, 'process.thread.name': r.thread, 'service.name': ECS, 'log.logger': r.logger, message: r.message };
    if (r.error) Object.assign(json, { 'error.type': r.error.type, 'error.message': r.error.message, 'error.stack_trace': r.error.stack });
    json['ecs.version'] = '8.11';
    return { stream: 'stdout', json };
  }
  const json: Record<string, unknown> = { '@timestamp': isoMicros(t), log: { level: r.level, logger: r.logger }, process: { pid: 1, thread: { name: r.thread } }, service: { name: ECS }, message: r.message };
  if (r.error) json.error = { type: r.error.type, message: r.error.message, stack_trace: r.error.stack };
  json.ecs = { version: '8.11' };
  return { stream: 'stdout', json };
}

const exec = (rng: Prng): string => `http-nio-8080-exec-${rng.int(1, 10)}`;

const searchTimeout = fam(`${ECS}:search-statement-timeout`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
  const thread = exec(rng);
  const pg = 'ERROR: canceling statement due to statement timeout';
  const sql = 'select p1_0.id,p1_0.name,p1_0.price,p1_0.sku from product p1_0 where lower(p1_0.name) like ? escape \'\\\' order by p1_0.name offset ? rows fetch first ? rows only';
  const stack = [
    `org.postgresql.util.PSQLException: ${pg}`,
    jframes(['org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2733)', 'org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2420)', 'org.postgresql.jdbc.PgPreparedStatement.executeQuery(PgPreparedStatement.java:134)', 'com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeQuery(HikariProxyPreparedStatement.java)', 'org.hibernate.sql.results.jdbc.internal.DeferredResultSetAccess.executeQuery(DeferredResultSetAccess.java:246)', 'com.acme.catalog.search.ProductSearchController.search(ProductSearchController.java:48)']),
  ].join('\n');
  return [
    ecs(t, rev, { level: 'WARN', thread, logger: 'org.hibernate.engine.jdbc.spi.SqlExceptionHelper', message: 'SQL Error: 0, SQLState: 57014' }),
    ecs(t + 200, rev, { level: 'ERROR', thread, logger: 'org.hibernate.engine.jdbc.spi.SqlExceptionHelper', message: pg }),
    ecs(t + 900, rev, { level: 'ERROR', thread, logger: 'org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]',
      message: `Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: org.springframework.dao.QueryTimeoutException: JDBC exception executing SQL [${sql}] [${pg}] [n/a]; SQL [n/a]] with root cause`,
      error: { type: 'org.postgresql.util.PSQLException', message: pg, stack } }),
  ].map((w, i) => (i === 0 ? { ...w, as: { family: `${ECS}:search-statement-timeout`, level: 'WARNING' as const } } : w));
});

const publishMissing = fam(`${ECS}:price-event-topic-missing`, 'ERROR', [15, 40], ({ rng, t, rev }) => {
  const sku = `SKU-${rng.int(10000, 99999)}`;
  const grpc = 'NOT_FOUND: Resource not found (resource=price-changed).';
  const stack = [
    `java.util.concurrent.ExecutionException: com.google.api.gax.rpc.NotFoundException: io.grpc.StatusRuntimeException: ${grpc}`,
    jframes(['com.google.common.util.concurrent.AbstractFuture.getDoneValue(AbstractFuture.java:594)', 'com.google.common.util.concurrent.AbstractFuture.get(AbstractFuture.java:573)', 'com.acme.catalog.events.PriceEventPublisher.publish(PriceEventPublisher.java:52)', 'com.acme.catalog.pricing.PriceService.update(PriceService.java:77)']),
    `Caused by: com.google.api.gax.rpc.NotFoundException: io.grpc.StatusRuntimeException: ${grpc}`,
    jframes(['com.google.api.gax.rpc.ApiExceptionFactory.createException(ApiExceptionFactory.java:90)', 'com.google.api.gax.grpc.GrpcApiExceptionFactory.create(GrpcApiExceptionFactory.java:98)']),
    '\t... 14 common frames omitted',
    `Caused by: io.grpc.StatusRuntimeException: ${grpc}`,
    jframes(['io.grpc.Status.asRuntimeException(Status.java:532)']),
    '\t... 12 common frames omitted',
  ].join('\n');
  return [ecs(t, rev, { level: 'ERROR', thread: exec(rng), logger: 'com.acme.catalog.events.PriceEventPublisher', message: `Failed to publish PriceChanged for ${sku}`, error: { type: 'java.util.concurrent.ExecutionException', message: `com.google.api.gax.rpc.NotFoundException: io.grpc.StatusRuntimeException: ${grpc}`, stack } })];
});

const secretDenied = fam(`${ECS}:startup-secret-denied`, 'ERROR', [1, 3], ({ t, rev }) => {
  const denied = `PERMISSION_DENIED: Permission 'secretmanager.versions.access' denied for resource 'projects/${PROJECT}/secrets/stripe-api-key/versions/latest' (or it may not exist).`;
  const msg = "Error creating bean with name 'stripeClient' defined in class path resource [com/acme/catalog/config/PaymentsConfig.class]: Failed to instantiate [com.stripe.StripeClient]: Factory method 'stripeClient' threw exception with message: " + `io.grpc.StatusRuntimeException: ${denied}`;
  const stack = [
    `org.springframework.beans.factory.BeanCreationException: ${msg}`,
    jframes(['org.springframework.beans.factory.support.ConstructorResolver.instantiate(ConstructorResolver.java:648)', 'org.springframework.boot.SpringApplication.run(SpringApplication.java:335)', 'com.acme.catalog.CatalogApplication.main(CatalogApplication.java:12)']),
    `Caused by: com.google.api.gax.rpc.PermissionDeniedException: io.grpc.StatusRuntimeException: ${denied}`,
    jframes(['com.google.api.gax.rpc.ApiExceptionFactory.createException(ApiExceptionFactory.java:55)', 'com.google.cloud.secretmanager.v1.SecretManagerServiceClient.accessSecretVersion(SecretManagerServiceClient.java:2091)', 'com.google.cloud.spring.secretmanager.SecretManagerTemplate.getSecretString(SecretManagerTemplate.java:154)']),
    '\t... 31 common frames omitted',
  ].join('\n');
  return [
    ecs(t, rev, { level: 'INFO', thread: 'main', logger: 'com.acme.catalog.CatalogApplication', message: 'Starting CatalogApplication v2.8.1 using Java 21.0.5 with PID 1 (/app/app.jar started by root in /app)' }),
    ecs(t + 4_000_000, rev, { level: 'ERROR', thread: 'main', logger: 'org.springframework.boot.SpringApplication', message: 'Application run failed', error: { type: 'org.springframework.beans.factory.BeanCreationException', message: msg, stack } }),
    exitLine(ECS, 1),
    probeFailed(`${ECS}:platform-startup-probe`),
  ].map((w, i) => (i === 0 ? { ...w, as: { family: `noise:${ECS}:startup`, level: 'INFO' as const } } : w));
});

const collectionFetch = fam(`${ECS}:collection-fetch-in-memory`, 'WARNING', [150, 300], ({ rng, t, rev }) => [
  ecs(t, rev, { level: 'WARN', thread: exec(rng), logger: 'org.hibernate.orm.query', message: 'HHH90003004: firstResult/maxResults specified with collection fetch; applying in memory' }),
]);

const reindexed = fam(`noise:${ECS}:reindexed`, 'INFO', [275, 495], ({ rng, t, rev }) => [
  ecs(t, rev, { level: 'INFO', thread: `scheduling-${rng.int(1, 2)}`, logger: 'com.acme.catalog.search.Reindexer', message: `Reindexed ${rng.int(50, 4000)} products in ${rng.int(80, 4000)} ms (0 errors)` }),
]);

const started = fam(`noise:${ECS}:startup`, 'INFO', [6, 16], ({ rng, t, rev }) => [
  ecs(t, rev, { level: 'INFO', thread: 'main', logger: 'org.springframework.boot.web.embedded.tomcat.TomcatWebServer', message: "Tomcat started on port 8080 (http) with context path '/'" }),
  ecs(t + 50_000, rev, { level: 'INFO', thread: 'main', logger: 'com.acme.catalog.CatalogApplication', message: `Started CatalogApplication in ${rng.fixed(5, 11, 3)} seconds (process running for ${rng.fixed(6, 12, 3)})` }),
]);

export const catalogEcs: ServiceDef = {
  name: ECS, stack: 'Java 21, Spring Boot 3.4 then 3.5 (Tomcat, Spring Data JPA, Hibernate 6.6, HikariCP), Cloud SQL for PostgreSQL, Spring Cloud GCP 6 Secret Manager and Pub/Sub', splitRate: 0.6,
  families: [searchTimeout, publishMissing, secretDenied, collectionFetch, reindexed, started],
};

// ---------------------------------------------------------------------------------------------------
// fn-webhook: a Java 21 Cloud Run function (functions-framework-java 1.1, Gson 2.11, Firestore) that
// takes a payment provider's webhooks. What the function throws reaches the Invoker, which logs
// `Failed to execute <class>` at SEVERE through its JsonLogHandler (`severity`, `sourceLocation`,
// `message` with the stack trace appended) and answers 500. Morning: the function's own failures by
// `System.err.println` then `e.printStackTrace()`; after the rollout through java.util.logging, so the
// same handler writes them as JSON.
const JFN = 'fn-webhook';

function julJson(severity: string, file: string, method: string, message: string): Write {
  return { stream: 'stdout', json: { severity, 'logging.googleapis.com/sourceLocation': { file, method }, message } };
}

const notJson = fam(`${JFN}:payload-not-json`, 'ERROR', [20, 45], ({ rng }) => {
  const kind = rng.pick(['STRING', 'BEGIN_ARRAY', 'NUMBER']);
  const inner = `Expected BEGIN_OBJECT but was ${kind} at line 1 column 1 path $\nSee https://github.com/google/gson/blob/main/Troubleshooting.md#unexpected-json-structure`;
  const stack = [
    `com.google.gson.JsonSyntaxException: java.lang.IllegalStateException: ${inner}`,
    jframes(['com.google.gson.internal.bind.ReflectiveTypeAdapterFactory$Adapter.read(ReflectiveTypeAdapterFactory.java:397)', 'com.google.gson.Gson.fromJson(Gson.java:1361)', 'com.google.gson.Gson.fromJson(Gson.java:1262)', 'com.acme.webhooks.OrderWebhook.service(OrderWebhook.java:41)', 'com.google.cloud.functions.invoker.HttpFunctionExecutor.handle(HttpFunctionExecutor.java:68)', 'org.eclipse.jetty.server.Server.handle(Server.java:516)']),
    `Caused by: java.lang.IllegalStateException: ${inner}`,
    jframes(['com.google.gson.stream.JsonReader.beginObject(JsonReader.java:393)', 'com.google.gson.internal.bind.ReflectiveTypeAdapterFactory$Adapter.read(ReflectiveTypeAdapterFactory.java:386)']),
    '\t... 24 more',
  ].join('\n');
  return [julJson('ERROR', 'com/google/cloud/functions/invoker/HttpFunctionExecutor.java', 'handle', `Failed to execute com.acme.webhooks.OrderWebhook\n${stack}\n`)];
});

const docMissing = fam(`${JFN}:order-doc-missing`, 'ERROR', [25, 60], ({ rng, rev }) => {
  const id = `ord_${slug(rng, 14)}`;
  const nf = `NOT_FOUND: No document to update: projects/${PROJECT}/databases/(default)/documents/orders/${id}`;
  const stack = [
    `java.util.concurrent.ExecutionException: com.google.api.gax.rpc.NotFoundException: io.grpc.StatusRuntimeException: ${nf}`,
    jframes(['com.google.common.util.concurrent.AbstractFuture.getDoneValue(AbstractFuture.java:594)', 'com.google.common.util.concurrent.AbstractFuture.get(AbstractFuture.java:573)', 'com.google.api.core.AbstractApiFuture.get(AbstractApiFuture.java:56)', 'com.acme.webhooks.OrderWebhook.markPaid(OrderWebhook.java:97)', 'com.acme.webhooks.OrderWebhook.service(OrderWebhook.java:52)']),
    `Caused by: com.google.api.gax.rpc.NotFoundException: io.grpc.StatusRuntimeException: ${nf}`,
    jframes(['com.google.api.gax.rpc.ApiExceptionFactory.createException(ApiExceptionFactory.java:90)', 'com.google.api.gax.grpc.GrpcApiExceptionFactory.create(GrpcApiExceptionFactory.java:98)', 'com.google.api.gax.grpc.GrpcExceptionTranslatingCallable$ExceptionTransformingFuture.onFailure(GrpcExceptionTranslatingCallable.java:97)']),
    '\t... 17 more',
    `Caused by: io.grpc.StatusRuntimeException: ${nf}`,
    jframes(['io.grpc.Status.asRuntimeException(Status.java:533)']),
    '\t... 15 more',
  ].join('\n');
  if (rev === 0) return [{ stream: 'stderr', text: `Could not mark order ${id} paid: ${stack.split('\n')[0]}` }, { stream: 'stderr', text: stack }];
  return [julJson('ERROR', 'com/acme/webhooks/OrderWebhook.java', 'markPaid', `Could not mark order ${id} paid\n${stack}\n`)];
});

const signatureSkew = fam(`${JFN}:signature-timestamp-skew`, 'WARNING', [100, 220], ({ rng, rev }) => {
  const text = `Signature timestamp outside tolerance for delivery evt_${rng.alnum(24)} (skew ${rng.int(301, 900)}s), ignoring`;
  return [rev === 0 ? { stream: 'stderr', text: `WARNING: ${text}` } : julJson('WARNING', 'com/acme/webhooks/Signatures.java', 'verify', text)];
});

const received = fam(`noise:${JFN}:received`, 'INFO', [330, 605], ({ rng, rev }) => {
  const text = `Received ${rng.pick(['order.paid', 'order.refunded', 'charge.updated'])} for ord_${slug(rng, 14)}`;
  return [rev === 0 ? { stream: 'stdout', text } : julJson('INFO', 'com/acme/webhooks/OrderWebhook.java', 'service', text)];
});

export const fnWebhook: ServiceDef = {
  name: JFN, stack: 'Java 21 Cloud Run function, functions-framework-java 1.1 (Invoker on Jetty), Gson 2.11, google-cloud-firestore 3.29', splitRate: 0.6,
  families: [notJson, docMissing, signatureSkew, received],
};
