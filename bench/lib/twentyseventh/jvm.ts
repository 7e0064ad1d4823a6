// The day's Java service: Spring Boot 3.4 on its default console pattern, then Google's logback
// LoggingAppender writing structured JSON to stdout; a library's printStackTrace on System.err beside it.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { isoMillis } from './clock.js';
import { digits, fam, PROJECT } from './shared.js';

// ---------------------------------------------------------------------------------------------------
// media-boot: Java 21, Spring Boot 3.4 (Tomcat, `spring.application.name=media-boot`), Spring Cloud GCP
// 5.8 (Cloud Storage, Firestore over gRPC), metadata-extractor 2.19 for EXIF. Morning revision: Boot's
// console pattern (`2026-12-07T10:00:00.123Z ERROR 1 --- [media-boot] [nio-8080-exec-3] logger : msg`,
// the stack trace after the record). From the rollout google-cloud-logging-logback 0.131's
// LoggingAppender with `redirectToStdout=true`: one JSON line a record (`severity`, `time`, the labels
// `levelName` / `levelValue` / `loggerName`, the request's trace, `message` with the stack trace after
// a line break). A catch block of the EXIF reader calls `e.printStackTrace()`: the JVM's own text on
// stderr, no time, no level, the same on both revisions.
const MB = 'media-boot';
const LV: Record<string, string> = { ERROR: '40000', WARN: '30000', INFO: '20000' };

function boot(rng: Prng, t: number, rev: 0 | 1, level: 'ERROR' | 'WARN' | 'INFO', thread: string, short: string, full: string, msg: string, stack?: string): Write {
  if (rev === 0) {
    const head = `${isoMillis(t)} ${level.padStart(5)} 1 --- [media-boot] [${thread.slice(-15).padStart(15)}] ${short.padEnd(40)} : ${msg}`;
    return { stream: 'stdout', text: stack ? `${head}\n\n${stack}` : head };
  }
  const json: Record<string, unknown> = {
    severity: level === 'WARN' ? 'WARNING' : level, time: isoMillis(t),
    'logging.googleapis.com/labels': { levelName: level, levelValue: LV[level], loggerName: full },
  };
  if (thread.startsWith('http')) {
    json['logging.googleapis.com/trace'] = `projects/${PROJECT}/traces/${rng.hex(32)}`;
    json['logging.googleapis.com/spanId'] = rng.hex(16);
  }
  json.message = stack ? `${msg}\n${stack}` : msg;
  return { stream: 'stdout', json };
}

const exec = (rng: Prng): string => `http-nio-8080-exec-${rng.int(1, 10)}`;
const DISPATCHER = ['o.a.c.c.C.[.[.[/].[dispatcherServlet]', 'org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]'] as const;
const TOMCAT_TAIL = '\tat org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)\n\tat org.springframework.web.servlet.FrameworkServlet.doPost(FrameworkServlet.java:914)\n\tat jakarta.servlet.http.HttpServlet.service(HttpServlet.java:590)\n\tat org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:195)\n\tat org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run(TaskThread.java:63)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)';

// The bucket's binding for the service account was removed: the upload escapes the controller. Tomcat's
// StandardWrapperValve logs the outer exception in its message and the root cause's stack trace.
const mbUpload403 = fam(`${MB}:upload-storage-forbidden`, 'ERROR', [20, 50], ({ rng, t, rev }) => {
  const denial = `media-boot@${PROJECT}.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).`;
  const root = `com.google.api.client.googleapis.json.GoogleJsonResponseException: 403 Forbidden\nPOST https://storage.googleapis.com/upload/storage/v1/b/larkspur-media-originals/o?projection=full&uploadType=multipart\n{\n  "code" : 403,\n  "errors" : [ {\n    "domain" : "global",\n    "message" : "${denial}",\n    "reason" : "forbidden"\n  } ],\n  "message" : "${denial}"\n}\n\tat com.google.api.client.googleapis.json.GoogleJsonResponseException.from(GoogleJsonResponseException.java:146)\n\tat com.google.api.client.googleapis.services.json.AbstractGoogleJsonClientRequest.newExceptionOnError(AbstractGoogleJsonClientRequest.java:118)\n\tat com.google.api.client.googleapis.services.AbstractGoogleClientRequest.execute(AbstractGoogleClientRequest.java:514)\n\tat com.google.cloud.storage.spi.v1.HttpStorageRpc.create(HttpStorageRpc.java:385)\n\tat com.google.cloud.storage.StorageImpl.lambda$internalCreate$2(StorageImpl.java:204)\n\tat com.google.cloud.storage.StorageImpl.internalCreate(StorageImpl.java:203)\n\tat com.google.cloud.storage.StorageImpl.create(StorageImpl.java:183)\n\tat com.larkspur.media.store.OriginalStore.put(OriginalStore.java:44)\n\tat com.larkspur.media.web.UploadController.upload(UploadController.java:61)\n${TOMCAT_TAIL}`;
  return [boot(rng, t, rev, 'ERROR', exec(rng), DISPATCHER[0], DISPATCHER[1], `Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: com.google.cloud.storage.StorageException: ${denial}] with root cause`, root)];
});

// Firestore's deadline on the album listing: raw from the repository (gax's DeadlineExceededException)
// and inside ExecutionException where the service waits on the future; the root cause is gRPC's status
// either way, and only the outer exception in the message differs.
const DEADLINE = (rng: Prng): string => `DEADLINE_EXCEEDED: deadline exceeded after 59.99${rng.int(1, 9)}${rng.int(100000, 999999)}s. Name resolution delay 0.000${rng.int(100000, 999999)} seconds. [closed=[], open=[[buffered_nanos=${rng.int(100000, 900000)}, remote_addr=firestore.googleapis.com/142.250.${rng.int(1, 250)}.95:443]]]`;
const mbAlbumsDeadline = fam(`${MB}:albums-firestore-deadline`, 'ERROR', [30, 80], ({ rng, t, rev }) => {
  const d = DEADLINE(rng);
  const outer = rng.chance(0.5) ? `java.util.concurrent.ExecutionException: com.google.api.gax.rpc.DeadlineExceededException: io.grpc.StatusRuntimeException: ${d}` : `com.google.api.gax.rpc.DeadlineExceededException: io.grpc.StatusRuntimeException: ${d}`;
  const root = `io.grpc.StatusRuntimeException: ${d}\n\tat io.grpc.Status.asRuntimeException(Status.java:532)\n\tat io.grpc.stub.ClientCalls$StreamObserverToCallListenerAdapter.onClose(ClientCalls.java:481)\n\tat io.grpc.internal.ClientCallImpl.closeObserver(ClientCallImpl.java:564)\n\tat io.grpc.internal.ClientCallImpl.access$100(ClientCallImpl.java:72)\n\tat io.grpc.internal.ClientCallImpl$ClientStreamListenerImpl$1StreamClosed.runInContext(ClientCallImpl.java:729)\n\tat io.grpc.internal.ContextRunnable.run(ContextRunnable.java:37)\n\tat io.grpc.internal.SerializingExecutor.run(SerializingExecutor.java:133)\n\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)\n\tat java.base/java.lang.Thread.run(Thread.java:1583)`;
  return [boot(rng, t, rev, 'ERROR', exec(rng), DISPATCHER[0], DISPATCHER[1], `Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed: ${outer}] with root cause`, root)];
}, 0.3);

// Uploads over spring.servlet.multipart.max-file-size: resolved to 413, logged at WARN (frequent).
const mbTooLarge = fam(`${MB}:upload-max-size-exceeded`, 'WARNING', [100, 220], ({ rng, t, rev }) => [
  boot(rng, t, rev, 'WARN', exec(rng), '.m.m.a.ExceptionHandlerExceptionResolver', 'org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver', 'Resolved [org.springframework.web.multipart.MaxUploadSizeExceededException: Maximum upload size exceeded]'),
]);

// The EXIF reader swallows what it cannot parse and prints it (HEIC and WebP uploads): System.err.
const mbExif = fam(`${MB}:exif-format-undetermined`, 'ERROR', [60, 140], () => [{
  stream: 'stderr', text: 'com.drew.imaging.ImageProcessingException: File format could not be determined\n\tat com.drew.imaging.ImageMetadataReader.readMetadata(ImageMetadataReader.java:203)\n\tat com.drew.imaging.ImageMetadataReader.readMetadata(ImageMetadataReader.java:165)\n\tat com.larkspur.media.exif.ExifReader.read(ExifReader.java:31)\n\tat com.larkspur.media.web.UploadController.upload(UploadController.java:55)\n\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)\n\tat java.base/java.lang.reflect.Method.invoke(Method.java:580)',
}]);

const mbChatter = fam(`noise:${MB}:chatter`, 'INFO', [220, 340], ({ rng, t, rev }) => {
  if (rng.chance(0.12)) return [boot(rng, t, rev, 'INFO', 'main', rng.pick(['o.s.b.w.embedded.tomcat.TomcatWebServer', 'c.l.media.MediaApplication']), 'org.springframework.boot.web.embedded.tomcat.TomcatWebServer', rng.pick(["Tomcat started on port 8080 (http) with context path '/'", `Started MediaApplication in ${(rng.next() * 6 + 3).toFixed(3)} seconds (process running for ${(rng.next() * 6 + 4).toFixed(3)})`]))];
  return [boot(rng, t, rev, 'INFO', exec(rng), 'c.l.media.web.UploadController', 'com.larkspur.media.web.UploadController', rng.pick([`stored albums/${digits(rng, 5)}/${rng.alnum(12)}.jpg (${rng.int(90, 9000)} KB)`, `thumbnails rendered: ${rng.int(1, 6)} sizes, 0 failed`, `album ${digits(rng, 5)} listed (${rng.int(0, 300)} items)`]))];
});

export const mediaBoot: ServiceDef = {
  name: MB, stack: 'Java 21, Spring Boot 3.4 (Tomcat), Spring Cloud GCP 5.8 (Storage, Firestore), metadata-extractor 2.19, google-cloud-logging-logback 0.131 from the rollout', splitRate: 0.65,
  families: [mbUpload403, mbAlbumsDeadline, mbTooLarge, mbExif, mbChatter],
};
