// Tomcat's report of an exception a servlet let through, written above that exception's own trace, is
// the container's line for every failure: the trace under it reads as the same trace logged alone.
// A report naming another exception than the trace below it still tells that trace's caller.
import { stackSignature } from '../../../src/classify/stack-signature.js';

// codecentric/spring-boot-admin#317 (the trace alone) and #286 (under Tomcat's report)
const FRAMES = [
  '\tat org.springframework.web.context.request.async.TimeoutDeferredResultProcessingInterceptor.handleTimeout(TimeoutDeferredResultProcessingInterceptor.java:42) ~[spring-web-4.3.3.RELEASE.jar:4.3.3.RELEASE]',
  '\tat org.springframework.web.context.request.async.DeferredResultInterceptorChain.triggerAfterTimeout(DeferredResultInterceptorChain.java:75) ~[spring-web-4.3.3.RELEASE.jar:4.3.3.RELEASE]',
  '\tat org.apache.catalina.core.AsyncListenerWrapper.fireOnTimeout(AsyncListenerWrapper.java:44) ~[tomcat-embed-core-8.5.5.jar:8.5.5]',
];
const EXCEPTION = 'org.springframework.web.context.request.async.AsyncRequestTimeoutException: null';
const REPORT = 'Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed; nested exception is org.springframework.web.context.request.async.AsyncRequestTimeoutException] with root cause';

describe("a trace under Tomcat's report of it", () => {
  it('reads as the trace logged alone', () => {
    const alone = stackSignature([EXCEPTION, ...FRAMES].join('\n'));
    const reported = stackSignature([REPORT, '', EXCEPTION, ...FRAMES].join('\n'));
    expect(reported?.exceptionType).toBe(alone?.exceptionType);
    expect(reported?.frames).toEqual(alone?.frames);
    expect(reported?.context).toBe(alone?.context);
    expect(reported?.reportedAs).toBeUndefined();
  });

  it('keeps a report naming another exception than the root cause below it', () => {
    const outer = REPORT.replace('org.springframework.web.context.request.async.AsyncRequestTimeoutException', 'com.acme.orders.OrderSyncException: order sync failed');
    const reported = stackSignature([outer, '', EXCEPTION, ...FRAMES].join('\n'));
    expect(reported?.context).toBeDefined();
    expect(reported?.context).not.toBe('');
  });
});
