// feeds-dart: Dart 3.5, shelf, package:logging. shelf's logRequests middleware prints an access line
// (`2026-12-03T10:00:00.123456  0:00:00.012345 GET     [200] /path`) and, for a handler error,
// `time\telapsed\tMETHOD\t/path`, the error and the stack_trace Chain (`package:x/y.dart 42:7  fn`,
// `===== asynchronous gap ===` separators); package:logging's records printed as the package README does
// (`LEVEL: time: message`) on the morning revision. After the rollout both go through a Cloud Logging
// middleware that writes one JSON line with `severity` and `message` (error and chain appended), as
// Dart's Cloud Run samples do (the trace field it adds is lifted out of the payload by Cloud Run). An
// uncaught async error ends the isolate: `Unhandled exception:` + `#N` frames, then exit code 255.
import type { Prng } from '../prng.js';
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import { dartDuration, dartIso, dartTime } from './clock.js';

const GAP = '===== asynchronous gap ===========================';
const feedUrl = (rng: Prng): string => `https://${rng.pick(['blog.example.org', 'news.example.com', 'podcasts.example.net', 'dev.example.io'])}/${rng.pick(['feed.xml', 'rss', 'atom.xml', 'index.rss'])}`;

function handlerError(rng: Prng, rev: 0 | 1, t: number, method: string, path: string, error: string, chain: readonly string[]): Write {
  const body = `${error}\n${chain.join('\n')}`;
  if (rev === 0) return { stream: 'stdout', text: `${dartTime(t)}\t${dartDuration(rng.int(2000, 9_000_000))}\t${method}\t${path}\n${body}` };
  return { stream: 'stdout', json: { severity: 'ERROR', message: `${method} ${path}\n${body}` } };
}
function record(rev: 0 | 1, t: number, level: 'INFO' | 'WARNING' | 'SEVERE', message: string): Write {
  if (rev === 0) return { stream: 'stdout', text: `${level}: ${dartTime(t)}: ${message}` };
  return { stream: 'stdout', json: { severity: level === 'SEVERE' ? 'ERROR' : level, message } };
}

const dartFamilies: Family[] = [
  {
    name: 'feeds-dart:feed-xml-parse', level: 'ERROR', perDay: [25, 70],
    emit: ({ rng, rev, t }) => [handlerError(rng, rev, t, 'POST', `/feeds/${rng.int(1, 9999)}/refresh`, `XmlParserException: Expected name at ${rng.int(1, 3)}:${rng.int(1, 80)}`, [
      'package:xml/src/xml/utils/exceptions.dart 58:7     XmlParserException.checkNotNull',
      'package:xml/src/xml/nodes/document.dart 34:5       new XmlDocument.parse',
      'package:feeds/src/parse.dart 19:27                  parseFeed',
      'package:feeds/src/refresh.dart 44:18                Refresher.refresh',
      GAP,
      'package:shelf/src/middleware/logger.dart 30:62     logRequests.<fn>.<fn>.<fn>',
    ])],
  },
  {
    name: 'feeds-dart:fetch-timeout', level: 'ERROR', perDay: [10, 35],
    emit: ({ rng, rev, t }) => [handlerError(rng, rev, t, 'POST', `/feeds/${rng.int(1, 9999)}/refresh`, 'TimeoutException after 0:00:10.000000: Future not completed', [
      'dart:async                                          _FutureExtensions.timeout',
      'package:feeds/src/fetch.dart 27:8                   Fetcher.get',
      GAP,
      'package:feeds/src/refresh.dart 39:21                Refresher.refresh',
      GAP,
      'package:shelf/src/middleware/logger.dart 30:62     logRequests.<fn>.<fn>.<fn>',
    ])],
  },
  {
    name: 'feeds-dart:feed-rate-limited', level: 'WARNING', perDay: [120, 300],
    emit: ({ rng, rev, t }) => [record(rev, t, 'WARNING', `feed ${feedUrl(rng)} responded 429 Too Many Requests, backing off ${rng.pick([60, 120, 300, 600])}s`)],
  },
  {
    name: 'feeds-dart:isolate-socket-crash', level: 'CRITICAL', perDay: [1, 4],
    emit: ({ rng }) => [
      { stream: 'stderr', text: [
        'Unhandled exception:',
        `SocketException: Connection refused (OS Error: Connection refused, errno = 111), address = 10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(2, 254)}, port = ${rng.int(32768, 60999)}`,
        '#0      _NativeSocket.startConnect (dart:io-patch/socket_patch.dart:720:35)',
        '#1      _RawSocket.startConnect (dart:io-patch/socket_patch.dart:1920:26)',
        '#2      RawSocket.startConnect (dart:io-patch/socket_patch.dart:27:23)',
        '#3      Socket._startConnect (dart:io-patch/socket_patch.dart:2144:22)',
        '#4      Socket.connect (dart:io/socket.dart:802:21)',
        '#5      RedisConnection.connect (package:redis/connection.dart:41:24)',
        '#6      main.<anonymous closure> (file:///app/bin/server.dart:33:18)',
      ].join('\n') },
      { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(255).', as: { family: 'feeds-dart:container-exit', level: 'WARNING' } },
    ],
  },
  {
    name: 'noise:feeds-dart:access', level: 'INFO', perDay: [400, 800],
    emit: ({ rng, t }) => {
      const status = rng.weighted([[200, 90], [304, 8], [500, 2]] as const);
      return [{ stream: 'stdout', text: `${dartIso(t)} ${dartDuration(rng.int(500, 900_000)).padStart(15)} GET     [${status}] /feeds/${rng.int(1, 9999)}` }];
    },
  },
  {
    name: 'noise:feeds-dart:refreshed', level: 'INFO', perDay: [150, 300],
    emit: ({ rng, rev, t }) => [record(rev, t, 'INFO', `refreshed ${feedUrl(rng)}: ${rng.int(0, 40)} new items, 0 errors`)],
  },
];

export const feedsDart: ServiceDef = { name: 'feeds-dart', stack: 'Dart 3.5, shelf, package:logging', splitRate: 0.75, families: dartFamilies };
