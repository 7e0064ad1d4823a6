// A Secret Manager endpoint for tests: google.cloud.secretmanager.v1.SecretManagerService/AccessSecretVersion
// over plain-text gRPC, from the protos the client library ships. Secrets are seeded by version name;
// `latest` resolves to the highest version; access can be denied per secret.
import * as grpc from '@grpc/grpc-js';
import { loadGrpcService } from '../load-grpc-service.js';

export interface SecretServer {
  readonly address: string;
  /** Adds a version: `projects/P/secrets/S` gets the next version number. */
  addVersion(secret: string, data: string): string;
  /** Every later access to this secret fails with the code. */
  deny(secret: string, code: grpc.status): void;
  /** Names asked for, in order. */
  readonly accessed: string[];
  stop(): Promise<void>;
}

export async function startSecretServer(): Promise<SecretServer> {
  const versions = new Map<string, string[]>();
  const denied = new Map<string, grpc.status>();
  const accessed: string[] = [];
  const server = new grpc.Server();

  const access: grpc.handleUnaryCall<{ name: string }, unknown> = (call, callback) => {
    const name = call.request.name;
    accessed.push(name);
    const fail = (code: grpc.status, details: string): void => callback({ code, details, metadata: new grpc.Metadata() });
    const match = /^(projects\/[^/]+\/secrets\/[^/]+)\/versions\/([^/]+)$/.exec(name);
    if (!match) return fail(grpc.status.INVALID_ARGUMENT, `bad name ${name}`);
    const [, secret, version] = match as unknown as [string, string, string];
    const code = denied.get(secret);
    if (code !== undefined) return fail(code, `Permission 'secretmanager.versions.access' denied for resource '${name}'`);
    const list = versions.get(secret);
    if (!list) return fail(grpc.status.NOT_FOUND, `Secret [${secret}] not found or has no versions.`);
    const index = version === 'latest' ? list.length : Number(version);
    const data = list[index - 1];
    if (data === undefined) return fail(grpc.status.NOT_FOUND, `Secret Version [${name}] not found.`);
    callback(null, { name: `${secret}/versions/${index}`, payload: { data: Buffer.from(data, 'utf8') } });
  };

  server.addService(loadGrpcService('@google-cloud/secret-manager', 'google/cloud/secretmanager/v1/service.proto', 'google.cloud.secretmanager.v1.SecretManagerService'), { AccessSecretVersion: access } as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    address: `127.0.0.1:${port}`,
    addVersion(secret, data) {
      const list = versions.get(secret) ?? [];
      list.push(data);
      versions.set(secret, list);
      return `${secret}/versions/${list.length}`;
    },
    deny: (secret, code) => void denied.set(secret, code),
    accessed,
    stop: async () => server.forceShutdown(),
  };
}
