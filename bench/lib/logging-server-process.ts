// The test Cloud Logging server in a process of its own, so that the bench measures the reader's heap
// and not the seeded entries. Prints `{"address": "host:port"}` once ready; stops on SIGTERM.
import { startLoggingServer } from '../../test/integration/servers/logging/server.js';
import { spread } from '../../test/integration/logging/entries.js';

const [total, start, spanMs] = [Number(process.argv[2]), String(process.argv[3]), Number(process.argv[4])];
const server = await startLoggingServer();
server.seed(spread(total, start, spanMs, { json: { message: 'Session access failed', detail: { code: 503, retry: true } } }));
process.stdout.write(`${JSON.stringify({ address: server.address })}\n`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
