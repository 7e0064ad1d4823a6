// An event collector on Echo with zerolog: the ConsoleWriter (kitchen clock, colours on, the error field
// first) on the morning revision, zerolog's JSON after; a panic in a background goroutine ends the process.
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { ansi } from '../stranger/text.js';
import { isoSeconds, kitchen } from './clock.js';

type ZLevel = 'info' | 'warn' | 'error';
const CONSOLE: Record<ZLevel, string> = { info: ansi('32', 'INF'), warn: ansi('33', 'WRN'), error: ansi('31', 'ERR') };

/** One zerolog event: `fields` in the order the code adds them; the ConsoleWriter prints `error` first and
 * the rest sorted by name, each `name=value` with the name in cyan. */
function zlog(t: number, rev: 0 | 1, level: ZLevel, msg: string, fields: Array<[string, string | number | string[]]>): Write {
  if (rev === 1) {
    const json: Record<string, unknown> = { level };
    for (const [k, v] of fields) json[k] = v;
    json.time = isoSeconds(t);
    json.message = msg;
    return { stream: 'stderr', json };
  }
  const sorted = [...fields].sort(([a], [b]) => (a === 'error' ? -1 : b === 'error' ? 1 : a < b ? -1 : 1));
  const parts = sorted.map(([k, v]) => {
    const text = Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(',')}]` : typeof v === 'string' && /[\s"=]/.test(v) ? JSON.stringify(v) : String(v);
    return k === 'error' ? `${ansi('36', 'error=')}${ansi('31', text)}` : `${ansi('36', `${k}=`)}${text}`;
  });
  return { stream: 'stderr', text: `${ansi('90', kitchen(t))} ${CONSOLE[level]} ${msg} ${parts.join(' ')}` };
}

const TOPICS = ['clicks', 'pageviews', 'signups', 'search-queries'];

export const eventsEcho: ServiceDef = {
  name: 'events-echo', stack: 'Go 1.23, Echo v4, zerolog, IBM/sarama (Kafka)', splitRate: 0.8,
  families: [
    {
      name: 'events-echo:kafka-publish-no-brokers', level: 'ERROR', perDay: [25, 60], burst: 0.4,
      emit: ({ rng, t, rev }) => [zlog(t, rev, 'error', 'publish failed', [
        ['topic', rng.pick(TOPICS)], ['partition', rng.int(0, 11)],
        ['error', `kafka: client has run out of available brokers to talk to: dial tcp 10.8.0.${rng.int(2, 9)}:9092: connect: connection refused`],
      ])],
    },
    {
      // A varying list of the fields a client left out.
      name: 'events-echo:event-missing-fields', level: 'WARNING', perDay: [150, 320],
      emit: ({ rng, t, rev }) => {
        const missing = ['user_id', 'ts', 'session_id', 'event_type'].filter(() => rng.chance(0.45));
        return [zlog(t, rev, 'warn', 'event rejected', [['missing', missing.length > 0 ? missing : ['ts']], ['source', rng.pick(['web', 'ios', 'android'])]])];
      },
    },
    {
      // An unrecovered panic in the flusher goroutine: the first line names the panic, the trace follows.
      name: 'events-echo:flush-nil-map-panic', level: 'CRITICAL', perDay: [2, 6],
      emit: ({ rng }) => {
        const g = rng.int(100, 900);
        return [
          { stream: 'stderr', text: [
            'panic: assignment to entry in nil map',
            '',
            `goroutine ${g} [running]:`,
            'github.com/tern/events/internal/batch.(*Batcher).add(...)',
            '\t/src/internal/batch/batcher.go:57',
            `github.com/tern/events/internal/batch.(*Batcher).Flush(0xc000${rng.hex(6)}, {0xc00${rng.hex(7)}, 0x${rng.int(10, 99)}})`,
            '\t/src/internal/batch/batcher.go:112 +0x1c5',
            `created by github.com/tern/events/internal/batch.(*Batcher).Start in goroutine ${rng.int(20, 99)}`,
            '\t/src/internal/batch/batcher.go:88 +0x2b1',
          ].join('\n') },
          { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(2).', as: { family: 'events-echo:container-exit-2', level: 'WARNING' } },
        ];
      },
    },
    {
      name: 'noise:events-echo:request', level: 'INFO', perDay: [250, 450],
      emit: ({ rng, t, rev }) => [zlog(t, rev, 'info', 'request', [['method', 'POST'], ['uri', '/v1/events'], ['status', 202], ['latency', `${rng.int(200, 9000)}µs`], ['dropped', 0]])],
    },
    {
      name: 'noise:events-echo:flushed', level: 'INFO', perDay: [100, 180],
      emit: ({ rng, t, rev }) => [zlog(t, rev, 'info', 'batch flushed', [['topic', rng.pick(TOPICS)], ['events', rng.int(10, 500)], ['error_count', 0]])],
    },
  ] satisfies Family[],
};
