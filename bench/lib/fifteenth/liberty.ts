// orders-liberty: Jakarta REST on Open Liberty 24.0.0.12 (the official container image), JPA through
// EclipseLink on PostgreSQL. Morning revision: the console's default (`dev`) format, `[ERROR   ] ` /
// `[WARNING ] ` / `[AUDIT   ] ` before the message, the exception after with `\tat` frames and
// `\tat [internal classes]`. After the rollout: `WLP_LOGGING_CONSOLE_FORMAT=json` (one
// `liberty_message` object a line, `loglevel`, `ibm_messageId`, `ibm_datetime`, the throwable appended
// to `message`; no `severity`, so Cloud Run leaves the entry at DEFAULT).
import type { Ctx, Family, ServiceDef } from '../stranger/model.js';
import { libertyIso } from './clock.js';

const SVC = 'orders-liberty';

const CONSOLE: Record<string, string> = { SEVERE: 'ERROR   ', WARNING: 'WARNING ', AUDIT: 'AUDIT   ', INFO: 'INFO    ' };

function liberty(ctx: Ctx, loglevel: string, module: string, message: string) {
  if (ctx.rev === 0) return { stream: 'stdout' as const, text: `[${CONSOLE[loglevel] ?? loglevel}] ${message}` };
  const id = /^([A-Z]{4,5}\d{4}[EWIA]):/.exec(message)?.[1];
  return {
    stream: 'stdout' as const,
    json: {
      type: 'liberty_message', host: 'localhost', ibm_userDir: '/opt/ol/wlp/usr/', ibm_serverName: 'defaultServer', message,
      ibm_threadId: `000000${ctx.rng.hex(2)}`, ibm_datetime: libertyIso(ctx.t), ...(id === undefined ? {} : { ibm_messageId: id }), module, loglevel,
      ibm_methodName: 'logAppError', ibm_className: module, ibm_sequence: `${Math.floor(ctx.t / 1000)}_0000000${ctx.rng.hex(6).toUpperCase()}`, ext_thread: `Default Executor-thread-${ctx.rng.int(1, 40)}`,
    },
  };
}

const internal = ['\tat com.ibm.ws.jaxrs20.server.LibertyJaxRsInvoker.performInvocation(LibertyJaxRsInvoker.java:160)', '\tat [internal classes]'];

const npeCreate: Family = {
  name: `${SVC}:create-order-address-npe`, level: 'ERROR', perDay: [30, 80], burst: 0.2,
  emit: (ctx) => [liberty(ctx, 'SEVERE', 'com.ibm.ws.webcontainer.util.ApplicationErrorUtils', [
    "SRVE0777E: Exception thrown by application class 'com.tallowmere.orders.api.OrderResource.create:88'",
    'java.lang.NullPointerException: Cannot invoke "com.tallowmere.orders.model.Address.getCountry()" because the return value of "com.tallowmere.orders.api.CreateOrder.shipping()" is null',
    '\tat com.tallowmere.orders.service.TaxService.rateFor(TaxService.java:41)',
    '\tat com.tallowmere.orders.api.OrderResource.create(OrderResource.java:88)',
    '\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
    ...internal,
  ].join('\n'))],
};

const poolExhausted: Family = {
  name: `${SVC}:list-orders-connection-not-available`, level: 'ERROR', perDay: [20, 60],
  emit: (ctx) => [liberty(ctx, 'SEVERE', 'com.ibm.ws.webcontainer.util.ApplicationErrorUtils', [
    "SRVE0777E: Exception thrown by application class 'com.tallowmere.orders.repo.OrderRepository.findOpen:57'",
    'jakarta.persistence.PersistenceException: Exception [EclipseLink-4002] (Eclipse Persistence Services - 4.0.4.v202407190748-059428cdd2583c46f1f3e50d235854840a6fa9a7): org.eclipse.persistence.exceptions.DatabaseException',
    'Internal Exception: java.sql.SQLTransientConnectionException: J2CA0045E: Connection not available while invoking method createOrWaitForConnection for resource jdbc/ordersDS.',
    'Error Code: 0',
    '\tat org.eclipse.persistence.internal.jpa.QueryImpl.getDetailedException(QueryImpl.java:391)',
    '\tat org.eclipse.persistence.internal.jpa.QueryImpl.executeReadQuery(QueryImpl.java:264)',
    '\tat com.tallowmere.orders.repo.OrderRepository.findOpen(OrderRepository.java:57)',
    ...internal,
    'Caused by: java.sql.SQLTransientConnectionException: J2CA0045E: Connection not available while invoking method createOrWaitForConnection for resource jdbc/ordersDS.',
    '\tat com.ibm.ws.rsadapter.AdapterUtil.toSQLException(AdapterUtil.java:1560)',
    '\tat [internal classes]',
    '\t... 62 more',
  ].join('\n'))],
};

const responseCommitted: Family = {
  name: `${SVC}:cannot-set-header-response-committed`, level: 'WARNING', perDay: [150, 300],
  emit: (ctx) => [liberty(ctx, 'WARNING', 'com.ibm.ws.webcontainer.srt.SRTServletResponse', 'SRVE8094W: WARNING: Cannot set header. Response already committed.')],
};

const appStartFailed: Family = {
  name: `${SVC}:application-start-failed-datasource`, level: 'ERROR', perDay: [2, 5],
  emit: (ctx) => [liberty(ctx, 'SEVERE', 'com.ibm.ws.app.manager.AppMessageHelper',
    'CWWKZ0002E: An exception occurred while starting the application orders. The exception message was: com.ibm.ws.container.service.state.StateChangeException: jakarta.persistence.PersistenceException: Exception [EclipseLink-4002] (Eclipse Persistence Services - 4.0.4.v202407190748-059428cdd2583c46f1f3e50d235854840a6fa9a7): org.eclipse.persistence.exceptions.DatabaseException\nInternal Exception: org.postgresql.util.PSQLException: FATAL: password authentication failed for user "orders"\nError Code: 0')],
};

const libertyChatter: Family = {
  name: `noise:${SVC}:audit`, level: 'INFO', perDay: [300, 600],
  emit: (ctx) => [ctx.rng.chance(0.5)
    ? liberty(ctx, 'INFO', 'com.tallowmere.orders.jobs.Reconciler', `Reconciled ${ctx.rng.int(10, 900)} orders with the payment provider, errors=0`)
    : liberty(ctx, 'AUDIT', 'com.ibm.ws.http.internal.VirtualHostImpl', `CWWKT0016I: Web application available (default_host): http://localhost:9080/orders/`)],
};

const startChatter: Family = {
  name: `noise:${SVC}:startup`, level: 'INFO', perDay: [4, 12],
  emit: (ctx) => [liberty(ctx, 'AUDIT', 'com.ibm.ws.kernel.feature.internal.FeatureManager', `CWWKF0011I: The defaultServer server is ready to run a smarter planet. The defaultServer server started in ${ctx.rng.float(3, 12, 3)} seconds.`)],
};

export const ordersLiberty: ServiceDef = {
  name: SVC, stack: 'Java 21, Open Liberty 24.0.0.12, Jakarta REST, JPA (EclipseLink 4), PostgreSQL', splitRate: 0.75,
  families: [npeCreate, poolExhausted, responseCommitted, appStartFailed, libertyChatter, startChatter],
};
