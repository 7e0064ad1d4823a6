// tslog's JSON records (`new Logger({ type: "json" })`), as its own tests and people's pasted logs show
// them, read as Node prints the same arguments and at their `_meta.logLevelName`.
import { describe, expect, it } from '@jest/globals';
import { entrySeverityWithSource } from '../../../src/normalize/entry-fields.js';
import { jsonMessage } from '../../../src/normalize/json-message.js';
import { tslogLevel, tslogRecord } from '../../../src/normalize/tslog-record.js';

// OpenClaw's log file, which it writes through tslog, as its documentation of the log shows a line.
const OPENCLAW = {
  0: '[tools] read failed: ENOENT: no such file or directory',
  _meta: {
    runtime: 'node', runtimeVersion: '23.5.0', hostname: 'unknown', name: 'openclaw', date: '2026-03-12T17:00:04.080Z',
    logLevelId: 5, logLevelName: 'ERROR',
    path: { fullFilePath: 'file:///opt/homebrew/lib/node_modules/openclaw/dist/logger-BDhFOulu.js:20:34', fileName: 'logger-BDhFOulu.js', fileNameWithLine: 'logger-BDhFOulu.js:20', fileColumn: '34', fileLine: '20', filePath: 'opt/homebrew/lib/node_modules/openclaw/dist/logger-BDhFOulu.js' },
  },
  time: '2026-03-13T01:00:04.080+08:00',
};

// An Error argument as tslog v4's toErrorObject writes it (`nativeError`, `name`, `message`, `stack` of frames).
const WITH_ERROR = {
  0: 'Upload failed',
  1: {
    nativeError: {}, name: 'MongoServerSelectionError', message: 'Server selection timed out after 30000 ms',
    stack: [
      { fullFilePath: '/srv/node_modules/mongodb/lib/sdam/topology.js:303:30', fileName: 'topology.js', fileLine: '303', fileColumn: '30', filePath: '/srv/node_modules/mongodb/lib/sdam/topology.js', method: 'Timeout.<anonymous>' },
      { fullFilePath: 'node:internal/timers:581:17', fileName: 'timers', method: 'listOnTimeout' },
    ],
  },
  _meta: { runtime: 'Nodejs', hostname: 'localhost', date: '2026-03-10T12:00:01.234Z', logLevelId: 5, logLevelName: 'ERROR' },
};

describe('tslog JSON records', () => {
  it('reads the first argument as the message, not the whole object', () => {
    expect(jsonMessage(OPENCLAW)?.text).toBe('[tools] read failed: ENOENT: no such file or directory');
  });

  it('reads the record\'s level from _meta.logLevelName', () => {
    const raw = { jsonPayload: OPENCLAW, resource: { type: 'cloud_run_revision' } };
    expect(entrySeverityWithSource(raw)).toEqual({ severity: 'ERROR', source: 'level' });
    expect(entrySeverityWithSource({ jsonPayload: { 0: 'Test', _meta: { logLevelName: 'WARN' } } }).severity).toBe('WARNING');
    expect(entrySeverityWithSource({ jsonPayload: { 0: 'Test', _meta: { logLevelName: 'FATAL' } } }).severity).toBe('CRITICAL');
    // tslog's own tests: `logger.info("Test")` writes `"0": "Test"` and `"logLevelName": "INFO"`.
    expect(entrySeverityWithSource({ jsonPayload: { 0: 'Test', _meta: { logLevelName: 'INFO' } } }).severity).toBe('INFO');
    expect(tslogLevel({ 0: 'Test', _meta: { logLevelName: 'SILLY' } })).toBe('DEBUG');
  });

  it('prints an error argument as Node prints the error, after the message', () => {
    expect(jsonMessage(WITH_ERROR)?.text).toBe([
      'Upload failed',
      'MongoServerSelectionError: Server selection timed out after 30000 ms',
      '    at Timeout.<anonymous> (/srv/node_modules/mongodb/lib/sdam/topology.js:303:30)',
      '    at listOnTimeout (node:internal/timers:581:17)',
    ].join('\n'));
  });

  it('joins several string arguments with spaces, as tslog prints them', () => {
    // OpenClaw logs its subsystem first and the words after.
    expect(tslogRecord({ 0: '{"subsystem":"diagnostic"}', 1: 'lane task error: lane=main durationMs=427', _meta: { logLevelName: 'ERROR' } }))
      .toEqual({ text: '{"subsystem":"diagnostic"} lane task error: lane=main durationMs=427', level: 'ERROR' });
  });

  it('leaves look-alikes to the generic reader', () => {
    expect(tslogRecord({ message: 'x', _meta: { logLevelName: 'ERROR' } })).toBeNull();
    expect(tslogRecord({ 0: 'x', _meta: { level: 'error' } })).toBeNull();
    expect(tslogLevel({ 0: 'x' })).toBeUndefined();
  });
});
