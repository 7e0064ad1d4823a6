// The JVM services: a payments API on Payara Micro, and a retrieval chat API on Spring Boot 3.4 with
// Spring AI.
import type { Prng } from '../prng.js';
import type { Level, ServiceDef, Write } from '../stranger/model.js';
import { epochMillis, isoMillis, isoNanos, odlTime } from './clock.js';
import { byRev, fam } from './shared.js';

// ---- pay-payara ----------------------------------------------------------------------------------
// Payara Micro 6.2024.12 on the morning revision: the ODL "uniform" format on stdout,
// `[time] [product] [LEVEL] [message id] [logger] [tid: _ThreadID=N _ThreadName=name] [timeMillis: N]
// [levelValue: N] [[\n  message\nstack]]` (Micro leaves the product empty). 6.2025.1 after the
// rollout with the JSON formatter (`Timestamp`, `Level`, `Version`, `LoggerName`, `ThreadID`,
// `ThreadName`, `TimeMillis`, `LevelValue`, `MessageID`, `LogMessage`, `Throwable{Exception,
// StackTrace}`); no severity either way.
const PAY = 'pay-payara';
type JulLevel = 'SEVERE' | 'WARNING' | 'INFO';
const LEVEL_VALUE: Record<JulLevel, number> = { SEVERE: 1000, WARNING: 900, INFO: 800 };

interface JulRecord { level: JulLevel; id?: string; logger: string; thread: [number, string]; message: string; thrown?: { text: string; stack: string } }

function payaraWrite(rev: 0 | 1, t: number, r: JulRecord): Write {
  if (rev === 0) {
    const body = r.thrown ? `${r.message}\n${r.thrown.stack}` : r.message;
    return { stream: 'stdout', text: `[${odlTime(t)}] [] [${r.level}] [${r.id ?? ''}] [${r.logger}] [tid: _ThreadID=${r.thread[0]} _ThreadName=${r.thread[1]}] [timeMillis: ${epochMillis(t)}] [levelValue: ${LEVEL_VALUE[r.level]}] [[\n  ${body}]]\n` };
  }
  const json: Record<string, unknown> = {
    Timestamp: odlTime(t), Level: r.level, Version: 'Payara Micro 6.2025.1', LoggerName: r.logger, ThreadID: String(r.thread[0]), ThreadName: r.thread[1],
    TimeMillis: String(epochMillis(t)), LevelValue: String(LEVEL_VALUE[r.level]),
  };
  if (r.id) json.MessageID = r.id;
  json.LogMessage = r.message;
  if (r.thrown) json.Throwable = { Exception: r.thrown.text, StackTrace: r.thrown.stack };
  return { stream: 'stdout', json };
}

const httpThread = (rng: Prng): [number, string] => [rng.int(80, 140), `http-thread-pool::http-listener(${rng.int(1, 16)})`];

// The JDBC pool runs dry: the pool's RAR5117 and the connector's RAR5114 for the same attempt.
const payPool = fam(`${PAY}:jdbc-pool-exhausted`, 'WARNING', [25, 60], ({ rng, t, rev }) => {
  const th = httpThread(rng);
  const cause = 'In-use connections equal max-pool-size and expired max-wait-time. Cannot allocate more connections.';
  return [
    payaraWrite(rev, t, { level: 'WARNING', logger: 'jakarta.enterprise.resource.resourceadapter.com.sun.enterprise.resource.pool', thread: th, message: `RAR5117 : Failed to obtain/create connection from connection pool [ PaymentsPool ]. Reason : com.sun.appserv.connectors.internal.api.PoolingException: ${cause}` }),
    payaraWrite(rev, t + 40, { level: 'WARNING', logger: 'jakarta.enterprise.resource.resourceadapter.com.sun.enterprise.connectors', thread: th, message: `RAR5114 : Error allocating connection : [Error in allocating a connection. Cause: ${cause}]` }),
  ];
});

// An optimistic-lock failure in the capture bean: the EJB container's warning, then the servlet's
// report of the same exception for the request.
const payOptimistic = fam(`${PAY}:capture-optimistic-lock`, 'ERROR', [20, 45], ({ rng, t, rev }) => {
  const th = httpThread(rng);
  const id = rng.int(10000, 999999);
  const ex = `jakarta.persistence.OptimisticLockException: Exception [EclipseLink-5006] (Eclipse Persistence Services - 4.0.4.payara-p2): org.eclipse.persistence.exceptions.OptimisticLockException\nException Description: The object [com.acme.pay.Payment[id=${id}]] cannot be updated because it has changed or been deleted since it was last read.\nClass> com.acme.pay.Payment Primary Key> ${id}`;
  const frames = [
    '\tat org.eclipse.persistence.internal.jpa.EntityManagerSetupImpl$1.handleException(EntityManagerSetupImpl.java:820)',
    '\tat org.eclipse.persistence.transaction.AbstractSynchronizationListener.handleException(AbstractSynchronizationListener.java:277)',
    '\tat com.sun.enterprise.transaction.JavaEETransactionImpl.commit(JavaEETransactionImpl.java:452)',
    '\tat com.sun.ejb.containers.BaseContainer.completeNewTx(BaseContainer.java:4680)',
    '\tat com.acme.pay.CaptureService.capture(CaptureService.java:58)',
  ];
  const ejb = `jakarta.ejb.EJBException: Transaction aborted; nested exception is: ${ex}`;
  return [
    { ...payaraWrite(rev, t, { level: 'WARNING', id: 'AS-EJB-00056', logger: 'jakarta.enterprise.ejb.container', thread: th, message: 'A system exception occurred during an invocation on EJB CaptureService, method: public com.acme.pay.Receipt com.acme.pay.CaptureService.capture(long)', thrown: { text: ejb, stack: [ejb, ...frames].join('\n') } }), as: { family: `${PAY}:capture-optimistic-lock`, level: 'WARNING' as Level } },
    payaraWrite(rev, t + 120, { level: 'SEVERE', logger: 'jakarta.enterprise.web', thread: th, message: 'StandardWrapperValve[com.acme.pay.PayApplication]: Servlet.service() for servlet com.acme.pay.PayApplication threw exception', thrown: { text: ejb, stack: [ejb, ...frames, `Caused by: ${ex}`, '\t... 42 more'].join('\n') } }),
  ];
});

const payAcquirerTimeout = fam(`${PAY}:acquirer-read-timeout`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
  const text = 'jakarta.ws.rs.ProcessingException: java.net.SocketTimeoutException: Read timed out';
  return [payaraWrite(rev, t, { level: 'SEVERE', logger: 'com.acme.pay.CaptureResource', thread: httpThread(rng), message: `capture ${rng.int(10000, 999999)} failed at the acquirer`, thrown: { text, stack: [
    text,
    '\tat org.glassfish.jersey.client.internal.HttpUrlConnector.apply(HttpUrlConnector.java:275)',
    '\tat org.glassfish.jersey.client.ClientRuntime.invoke(ClientRuntime.java:300)',
    '\tat org.glassfish.jersey.client.JerseyInvocation.lambda$invoke$0(JerseyInvocation.java:675)',
    '\tat com.acme.pay.AcquirerClient.capture(AcquirerClient.java:71)',
    'Caused by: java.net.SocketTimeoutException: Read timed out',
    '\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)',
    '\tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)',
    '\t... 38 more',
  ].join('\n') } })];
});

const payFraud = fam(`${PAY}:fraud-score-unavailable`, 'WARNING', [150, 300], ({ rng, t, rev }) => [
  payaraWrite(rev, t, { level: 'WARNING', logger: 'com.acme.pay.FraudCheck', thread: httpThread(rng), message: `fraud score unavailable for payment ${rng.int(10000, 999999)}, approving by default` }),
]);

const payInfo = fam(`noise:${PAY}:info`, 'INFO', [300, 500], ({ rng, t, rev }) => [rng.chance(0.85)
  ? payaraWrite(rev, t, { level: 'INFO', logger: 'com.acme.pay.CaptureResource', thread: httpThread(rng), message: `captured payment ${rng.int(10000, 999999)} in ${rng.int(40, 900)} ms` })
  : payaraWrite(rev, t, { level: 'INFO', logger: 'com.acme.pay.Settlement', thread: [rng.int(60, 79), '__ejb-thread-pool3'], message: `settlement batch ${rng.int(1, 400)} closed: ${rng.int(50, 900)} payments, errors=0` })]);

const payStartup = fam(`noise:${PAY}:startup`, 'INFO', [6, 16], ({ rng, t, rev }) => [
  payaraWrite(rev, t, { level: 'INFO', logger: 'fish.payara.micro.impl.PayaraMicroImpl', thread: [1, 'main'], message: `Payara Micro ${byRev(rev, '6.2024.12', '6.2025.1')} #badassmicrofish (build ${rng.int(100, 999)}) ready in ${rng.int(6000, 19000)} (ms)` }),
]);

export const payPayara: ServiceDef = {
  name: PAY, stack: 'Java 21, Payara Micro 6.2024.12 then 6.2025.1 (Jakarta EE 10), EclipseLink 4, Jersey client, Cloud SQL for PostgreSQL', splitRate: 0.7,
  families: [payPool, payOptimistic, payAcquirerTimeout, payFraud, payInfo, payStartup],
};

// ---- chat-springai -------------------------------------------------------------------------------
// Spring Boot 3.4's console pattern on the morning revision (`TIME LEVEL PID --- [app] [thread]
// logger : msg`, the logger cut to 40 columns, the stack after), then
// `logging.structured.format.console=ecs` after the rollout: one JSON line (`@timestamp`, `log.level`,
// `process.pid`, `process.thread.name`, `service.name`, `log.logger`, `message`, `error.type`,
// `error.message`, `error.stack_trace`, `ecs.version`); no severity.
const CHAT = 'chat-springai';

interface BootRecord { level: 'ERROR' | 'WARN' | 'INFO'; thread: string; logger: string; short: string; message: string; error?: { type: string; message: string; stack: string } }

function bootWrite(rev: 0 | 1, t: number, r: BootRecord): Write {
  if (rev === 0) {
    const head = `${isoMillis(t)} ${r.level.padStart(5)} 1 --- [chat-api] [${r.thread.slice(-15).padStart(15)}] ${r.short.padEnd(40)} : ${r.message}`;
    return { stream: 'stdout', text: r.error ? `${head}\n\n${r.error.stack}` : head };
  }
  const json: Record<string, unknown> = {
    '@timestamp': isoNanos(t), 'log.level': r.level, 'process.pid': 1, 'process.thread.name': r.thread, 'service.name': 'chat-api', 'log.logger': r.logger, message: r.message,
  };
  if (r.error) { json['error.type'] = r.error.type; json['error.message'] = r.error.message; json['error.stack_trace'] = r.error.stack; }
  json['ecs.version'] = '8.11';
  return { stream: 'stdout', json };
}

const execThread = (rng: Prng): string => `http-nio-8080-exec-${rng.int(1, 40)}`;
const DISPATCHER = { logger: 'org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]', short: 'o.a.c.c.C.[.[.[/].[dispatcherServlet]' };

const quota = 'RESOURCE_EXHAUSTED: Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per_base_model with base model: gemini-1.5-flash. Please submit a quota increase request. https://cloud.google.com/vertex-ai/docs/generative-ai/quotas-genai.';
const quotaStack = [
  `com.google.api.gax.rpc.ResourceExhaustedException: io.grpc.StatusRuntimeException: ${quota}`,
  '\tat com.google.api.gax.rpc.ApiExceptionFactory.createException(ApiExceptionFactory.java:100)',
  '\tat com.google.api.gax.grpc.GrpcApiExceptionFactory.create(GrpcApiExceptionFactory.java:98)',
  '\tat com.google.cloud.vertexai.generativeai.GenerativeModel.generateContent(GenerativeModel.java:433)',
  '\tat org.springframework.ai.vertexai.gemini.VertexAiGeminiChatModel.getContentResponse(VertexAiGeminiChatModel.java:620)',
  '\tat org.springframework.retry.support.RetryTemplate.doExecute(RetryTemplate.java:357)',
  `Caused by: io.grpc.StatusRuntimeException: ${quota}`,
  '\tat io.grpc.Status.asRuntimeException(Status.java:532)',
  '\t... 61 common frames omitted',
];

// Gemini's per-minute quota: Spring AI's auto-configured RetryTemplate warns at each retry, then Tomcat reports the
// request's failure once the retries are spent.
const chatQuota = fam(`${CHAT}:gemini-quota-exhausted`, 'ERROR', [25, 60], ({ rng, t, rev }) => {
  const th = execThread(rng);
  const retries = rng.int(1, 3);
  const out: Write[] = [];
  for (let i = 1; i <= retries; i += 1) {
    out.push({ ...bootWrite(rev, t + i * 2_000_000, { level: 'WARN', thread: th, logger: 'org.springframework.ai.retry.autoconfigure.SpringAiRetryAutoConfiguration', short: 'o.s.a.r.a.SpringAiRetryAutoConfiguration', message: `Retry error. Retry count:${i}`, error: { type: 'com.google.api.gax.rpc.ResourceExhaustedException', message: `io.grpc.StatusRuntimeException: ${quota}`, stack: quotaStack.join('\n') } }), as: { family: `${CHAT}:gemini-quota-exhausted`, level: 'WARNING' } });
  }
  out.push(bootWrite(rev, t + (retries + 1) * 2_000_000, { level: 'ERROR', thread: th, ...DISPATCHER,
    message: `Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: com.google.api.gax.rpc.ResourceExhaustedException: io.grpc.StatusRuntimeException: ${quota}] with root cause`,
    error: { type: 'io.grpc.StatusRuntimeException', message: quota, stack: [`io.grpc.StatusRuntimeException: ${quota}`, '\tat io.grpc.Status.asRuntimeException(Status.java:532)', '\tat io.grpc.stub.ClientCalls.toStatusRuntimeException(ClientCalls.java:268)', '\tat io.grpc.stub.ClientCalls.getUnchecked(ClientCalls.java:249)', '\tat com.google.cloud.vertexai.api.PredictionServiceGrpc$PredictionServiceBlockingStub.generateContent(PredictionServiceGrpc.java:2214)'].join('\n') },
  }));
  return out;
});

const chatVectorDims = fam(`${CHAT}:pgvector-dimension-mismatch`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
  const pg = 'ERROR: different vector dimensions 768 and 1536';
  return [bootWrite(rev, t, { level: 'ERROR', thread: execThread(rng), ...DISPATCHER,
    message: `Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: org.springframework.jdbc.UncategorizedSQLException: PreparedStatementCallback; uncategorized SQLException for SQL [SELECT *, embedding <=> ? AS distance FROM public.vector_store WHERE embedding <=> ? < ?  ORDER BY distance LIMIT ? ]; SQL state [22000]; error code [0]; ${pg}] with root cause`,
    error: { type: 'org.postgresql.util.PSQLException', message: pg, stack: [
      `org.postgresql.util.PSQLException: ${pg}`,
      '\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2733)',
      '\tat org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2420)',
      '\tat org.postgresql.jdbc.PgPreparedStatement.executeQuery(PgPreparedStatement.java:137)',
      '\tat com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeQuery(HikariProxyPreparedStatement.java)',
      '\tat org.springframework.jdbc.core.JdbcTemplate$1.doInPreparedStatement(JdbcTemplate.java:732)',
      '\tat org.springframework.ai.vectorstore.pgvector.PgVectorStore.doSimilaritySearch(PgVectorStore.java:302)',
    ].join('\n') } })];
});

const chatMediaType = fam(`${CHAT}:unsupported-content-type`, 'WARNING', [150, 300], ({ rng, t, rev }) => [
  bootWrite(rev, t, { level: 'WARN', thread: execThread(rng), logger: 'org.springframework.web.servlet.mvc.support.DefaultHandlerExceptionResolver', short: '.w.s.m.s.DefaultHandlerExceptionResolver', message: `Resolved [org.springframework.web.HttpMediaTypeNotSupportedException: Content-Type '${rng.pick(['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded;charset=UTF-8'])}' is not supported]` }),
]);

const chatInfo = fam(`noise:${CHAT}:answered`, 'INFO', [300, 500], ({ rng, t, rev }) => [
  bootWrite(rev, t, { level: 'INFO', thread: execThread(rng), logger: 'com.acme.chat.ChatController', short: 'com.acme.chat.ChatController', message: `answered conversation ${rng.int(1000, 99999)} in ${rng.int(400, 9000)} ms (tokens in=${rng.int(200, 4000)} out=${rng.int(20, 900)}, retrieval hits=${rng.int(0, 8)})` }),
]);

const chatStartup = fam(`noise:${CHAT}:startup`, 'INFO', [6, 16], ({ rng, t, rev }) => [
  bootWrite(rev, t, { level: 'INFO', thread: 'main', logger: 'org.springframework.boot.web.embedded.tomcat.TomcatWebServer', short: 'o.s.b.w.embedded.tomcat.TomcatWebServer', message: "Tomcat started on port 8080 (http) with context path '/'" }),
  bootWrite(rev, t + 300, { level: 'INFO', thread: 'main', logger: 'com.acme.chat.ChatApplication', short: 'com.acme.chat.ChatApplication', message: `Started ChatApplication in ${rng.fixed(5, 14, 3)} seconds (process running for ${rng.fixed(6, 15, 3)})` }),
]);

export const chatSpringai: ServiceDef = {
  name: CHAT, stack: 'Java 21, Spring Boot 3.4 (Tomcat), Spring AI 1.0 with Vertex AI Gemini and PgVectorStore, HikariCP, Cloud SQL for PostgreSQL 16 with pgvector', splitRate: 0.7,
  families: [chatQuota, chatVectorDims, chatMediaType, chatInfo, chatStartup],
};
