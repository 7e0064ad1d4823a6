// A gRPC service definition from the protos a Google Cloud client package ships, so the local test
// servers speak exactly the protocol the real client speaks.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/**
 * `clientPackage` ships `protoFile` under build/protos; `service` is the service's full name, e.g.
 * `google.logging.v2.LoggingServiceV2`.
 */
export function loadGrpcService(clientPackage: string, protoFile: string, service: string): grpc.ServiceDefinition {
  const require = createRequire(import.meta.url);
  const root = join(dirname(require.resolve(`${clientPackage}/package.json`)), 'build', 'protos');
  // google/api, google/iam… protos: any google-gax ships them (v5 hides its package.json behind
  // exports, so it is resolved from beside the logging client, which depends on v4).
  const besideLogging = join(dirname(require.resolve('@google-cloud/logging/package.json')), 'x.js');
  const gaxRoot = join(dirname(createRequire(besideLogging).resolve('google-gax/package.json')), 'build', 'protos');
  const definition = protoLoader.loadSync(protoFile, {
    includeDirs: [root, gaxRoot],
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  let node: unknown = grpc.loadPackageDefinition(definition);
  for (const part of service.split('.')) node = (node as Record<string, unknown>)[part];
  return (node as { service: grpc.ServiceDefinition }).service;
}
