// Dart's stack traces as the VM and package:stack_trace print them, split by Cloud Run into one entry
// per line: joined back in either time order, and where they end.
import { reassembleAll } from '../../../src/source/reassemble.js';
import { textSeverity } from '../../../src/normalize/text-severity.js';
import { cloudRunLines, noBlank, pieces, texts } from '../../support/cloud-run-lines.js';

const { line, split } = cloudRunLines('stderr');

// An error no zone caught: the VM's `Unhandled exception:`, the error, its numbered frames.
const VM_CRASH = [
  'Unhandled exception:',
  'SocketException: Connection refused (OS Error: Connection refused, errno = 111), address = localhost, port = 54215',
  '#0      _NativeSocket.startConnect (dart:io-patch/socket_patch.dart:681:35)',
  '<asynchronous suspension>',
  '#1      BaseClient._sendUnstreamed (package:http/src/base_client.dart:176:38)',
  '<asynchronous suspension>',
  '#2      main (file:///app/bin/server.dart:12:3)',
].join('\n');
// shelf's logRequests for a handler that threw: the request line, the error, a terse Chain.
const SHELF_ERROR = [
  '2022-01-17 10:44:48.235324\t0:00:00.003479\tGET\t/packages/net_demo/versions/0.0.2.tar.gz',
  "HttpException: Trying to set 'Transfer-Encoding: Chunked' on HTTP 1.0 headers",
  'package:shelf/shelf_io.dart 142:11             handleRequest',
  '===== asynchronous gap ===========================',
  'package:http_throttle/http_throttle.dart 33:31  ThrottleClient.send',
  'dart:async                                     _completeOnAsyncReturn',
].join('\n');
// Only the error and its chain are a trace; the request line above them stays its own line.
const SHELF_TRACE = SHELF_ERROR.split('\n').slice(1).join('\n');

describe('reassemble: Dart stack traces', () => {
  it.each([['the VM', VM_CRASH], ['a terse Chain', SHELF_TRACE]])('%s, oldest first and newest first', (_name, record) => {
    expect(texts(reassembleAll(split(record, 0)))).toEqual([noBlank(record)]);
    expect(texts(reassembleAll(split(record, 0).reverse()))).toEqual([noBlank(record)]);
  });

  it('a whole record passes untouched and is no piece', () => {
    const out = reassembleAll([line(VM_CRASH, 0)]);
    expect(texts(out)).toEqual([VM_CRASH]);
    expect(pieces(out)).toEqual([false]);
  });

  it('two records back to back stay two, and a log line after one is its own', () => {
    const next = 'INFO: 2026-03-10 10:00:01.000: refreshed 12 feeds';
    expect(texts(reassembleAll([...split(VM_CRASH, 0), ...split(SHELF_TRACE, 200)]))).toEqual([noBlank(VM_CRASH), noBlank(SHELF_TRACE)]);
    expect(texts(reassembleAll([...split(SHELF_TRACE, 0), line(next, 5000)]))).toEqual([noBlank(SHELF_TRACE), next]);
  });
});

describe('textSeverity: Dart stack traces', () => {
  it('reads a printed Dart trace as an ERROR, an isolate the VM ended as CRITICAL', () => {
    expect(textSeverity(SHELF_ERROR)).toBe('ERROR');
    expect(textSeverity(SHELF_TRACE)).toBe('ERROR');
    expect(textSeverity(VM_CRASH.split('\n').slice(1).join('\n'))).toBe('ERROR');
    expect(textSeverity(VM_CRASH)).toBe('CRITICAL');
  });

  it('reads nothing from one frame-like line, or a level the header states over the frames', () => {
    expect(textSeverity('package:feeds/src/refresh.dart 42:7  Refresher.refresh')).toBeNull();
    expect(textSeverity('dart:io is imported')).toBeNull();
    expect(textSeverity(`WARNING: 2026-03-10 10:00:01.000: retrying\n${SHELF_TRACE.split('\n').slice(1).join('\n')}`)).toBe('WARNING');
  });
});
