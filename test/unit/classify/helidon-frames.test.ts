// Helidon's own frames are a framework's, as Spring's, Micronaut's or Quarkus's are: its DB Client
// (`io.helidon.dbclient.jdbc.JdbcStatement…`) raises the same DbClientException for every statement
// of every caller, and its web server and scheduler run them. The application's frame under them says
// which operation failed: the product route and the scheduled price refresh are two problems. The
// trace's shape follows helidon-io/helidon#1069 and #5268 (a Helidon record, then the exception and
// its frames) and pgjdbc's server message.
import { createClassifier, stackSignature } from '../../../src/classify/index.js';
import type { Entry } from '../../../src/shared/types.js';

const dbClient = (caller: string, runner: string) => [
  'io.helidon.dbclient.DbClientException: Failed to execute statement select-prices',
  '\tat io.helidon.dbclient.jdbc.JdbcStatement.prepareStatement(JdbcStatement.java:142)',
  '\tat io.helidon.dbclient.jdbc.JdbcStatementQuery.execute(JdbcStatementQuery.java:61)',
  `\tat ${caller}`,
  `\tat ${runner}`,
  'Caused by: org.postgresql.util.PSQLException: FATAL: remaining connection slots are reserved for non-replication superuser connections',
  '\tat org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)',
  '\t... 14 more',
].join('\n');

const ROUTE = dbClient('com.acme.catalog.ProductService.getProduct(ProductService.java:74)', 'io.helidon.webserver.http.HttpRoutingImpl$RoutingExecutor.doRoute(HttpRoutingImpl.java:181)');
const TASK = dbClient('com.acme.catalog.PriceRefreshTask.run(PriceRefreshTask.java:39)', 'io.helidon.scheduling.FixedRateTask.run(FixedRateTask.java:97)');

const stack = (text: string, time: number): Entry => ({ time, severity: 'ERROR', service: 'catalog', revision: 'catalog-001', kind: 'stack', text });

describe('Helidon frames', () => {
  it('are left out of the frames that name the problem', () => {
    expect(stackSignature(ROUTE)?.frames).toEqual(['com.acme.catalog.ProductService.getProduct']);
  });

  it('the same exception from two callers is two problems', () => {
    const c = createClassifier();
    const [a, b] = [c.add(stack(ROUTE, 0)), c.add(stack(TASK, 1))];
    expect(c.resolve(a).id).not.toBe(c.resolve(b).id);
  });
});
