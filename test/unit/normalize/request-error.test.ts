// A request's summary record that names the error it ended in: its status says how bad. Without an
// error named, an access line is chatter whatever its status.
import { describe, expect, it } from '@jest/globals';
import { entrySeverityWithSource } from '../../../src/normalize/entry-fields.js';
import { requestLineSeverity, requestRecordSeverity } from '../../../src/normalize/request-error.js';
import { textSeverity } from '../../../src/normalize/text-severity.js';

describe('a key=value request line (lograge KeyValue)', () => {
  it.each([
    // As pasted in a public report (an S3 upload failing under Rails with lograge).
    ["method=PUT path=/settings/profile format=html controller=Settings::ProfilesController action=update status=500 error='Aws::S3::Errors::InvalidArgument: Unsupported value for canned acl 'public-read'' duration=368.45 view=0.00 db=1.15", 'ERROR'],
    ["method=POST path=/cart/items format=html controller=CartItemsController action=create status=422 error='ActionController::InvalidAuthenticityToken: Can't verify CSRF token authenticity.' duration=84.1 view=0.00 db=0.00", 'WARNING'],
    // A level the line states wins over its status.
    ['level=ERROR msg="request failed" method=POST path=/v1/sessions/s1/compact status=422 error="context compaction failed"', 'ERROR'],
  ])('%s -> %s', (line, expected) => {
    expect(textSeverity(line)).toBe(expected);
  });

  it.each([
    // lograge's README line: no error, a 200.
    'method=GET path=/jobs/833552.json format=json controller=JobsController action=show status=200 duration=58.33 view=40.43 db=15.26',
    // An access line at 500 that names no error says nothing of its own.
    'method=GET path=/search format=html controller=SearchController action=index status=500 duration=12.1 view=0.00 db=1.2',
    // An error field with no request around it, or an empty one.
    "status=500 error='KeyError: key not found: \"signature\"'",
    "method=GET path=/ status=200 error='' duration=1.0",
  ])('%s states nothing', (line) => {
    expect(textSeverity(line)).toBeNull();
    expect(requestLineSeverity(line)).toBeNull();
  });
});

describe('a JSON request record (lograge Json)', () => {
  const record = { method: 'POST', path: '/checkout', format: 'html', controller: 'CheckoutsController', action: 'create', duration: 54.7, view: 0, db: 1.2 };
  it('reads a 422 that names its error as WARNING, a 5xx as ERROR', () => {
    expect(requestRecordSeverity({ ...record, status: 422, error: "ActionController::InvalidAuthenticityToken: Can't verify CSRF token authenticity." })).toBe('WARNING');
    expect(requestRecordSeverity({ ...record, status: '503', error: 'Rack::Timeout::RequestTimeoutException: Request ran for longer than 15000ms' })).toBe('ERROR');
    expect(entrySeverityWithSource({ jsonPayload: { ...record, status: 500, error: 'ActiveRecord::StatementInvalid: PG::UndefinedColumn' } })).toEqual({ severity: 'ERROR', source: 'status' });
  });
  it('reads nothing from a record with no error, an empty one, or no request', () => {
    expect(requestRecordSeverity({ ...record, status: 500 })).toBeNull();
    expect(requestRecordSeverity({ ...record, status: 500, error: ' ' })).toBeNull();
    expect(requestRecordSeverity({ status: 404, error: 'Not Found' })).toBeNull();
    expect(requestRecordSeverity({ ...record, status: 200, error: 'x' })).toBeNull();
    expect(entrySeverityWithSource({ jsonPayload: { ...record, status: 200 } })).toEqual({ severity: 'DEFAULT', source: 'none' });
  });
  it('lets a level the record states decide', () => {
    expect(entrySeverityWithSource({ jsonPayload: { ...record, level: 'info', status: 500, error: 'x' } }).severity).toBe('INFO');
  });
});
