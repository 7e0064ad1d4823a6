// The operation an AWS SDK error names is the call that failed, a value: the same error code and message
// from two operations is one problem; a different code or message stays apart.
import { describe, expect, it } from '@jest/globals';
import { isCalledOperation } from '../../../src/normalize/called-operation.js';
import { maskMessage, tokenize } from '../../../src/normalize/mask.js';
import { createClassifier } from '../../../src/classify/index.js';
import type { Entry } from '../../../src/shared/types.js';

const at = (line: string, word: string): boolean => {
  const raw = tokenize(line);
  return isCalledOperation(raw, raw.indexOf(word));
};

describe('isCalledOperation', () => {
  it.each([
    // botocore's ClientError (boto/botocore exceptions.py MSG_TEMPLATE), as real reports print it.
    ['botocore.errorfactory.NoSuchBucket: An error occurred (NoSuchBucket) when calling the GetObject operation: The specified bucket does not exist', 'GetObject'],
    ['botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the PutObject operation: Access Denied', 'PutObject'],
    ['botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the PutObjectAcl operation: Access Denied', 'PutObjectAcl'],
    ['An error occurred (ThrottlingException) when calling the FilterLogEvents operation (reached max retries: 4): Rate exceeded', 'FilterLogEvents'],
    // The AWS CLI of old (aws/aws-cli#813).
    ['upload failed: ./baz to s3://mybucket/foo/bar/baz A client error (AccessDenied) occurred when calling the PutObject operation: Access Denied', 'PutObject'],
  ])('%s: %s', (line, word) => {
    expect(at(line, word)).toBe(true);
  });

  it.each([
    // The error code and the words around the name are no operation.
    ['An error occurred (AccessDenied) when calling the PutObject operation: Access Denied', '(AccessDenied)'],
    ['An error occurred (AccessDenied) when calling the PutObject operation: Access Denied', 'Access'],
    // A lower-case word, or a name with no `operation` after it, is the message's own.
    ['error when calling the backend operation: timeout', 'backend'],
    ['Error calling the Stripe API: connection reset', 'Stripe'],
    ['failed calling the Payments service', 'Payments'],
  ])('%s: not %s', (line, word) => {
    expect(at(line, word)).toBe(false);
  });
});

describe('maskMessage with a called operation', () => {
  it('reads the same error from two operations alike', () => {
    // batch 10's NoSuchBucket from GetObject, CreateBucket and PutObject: one missing bucket.
    const lines = ['GetObject', 'CreateBucket', 'PutObject', 'ListObjectsV2'].map((op) =>
      maskMessage(`botocore.errorfactory.NoSuchBucket: An error occurred (NoSuchBucket) when calling the ${op} operation: The specified bucket does not exist`));
    expect(new Set(lines).size).toBe(1);
    expect(lines[0]).toContain('(NoSuchBucket) when calling the <ID> operation: The specified bucket does not exist');
  });

  it('keeps the error code and the message that say what went wrong', () => {
    const denied = maskMessage('An error occurred (AccessDenied) when calling the GetObject operation: Access Denied');
    const missing = maskMessage('An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist.');
    const expired = maskMessage('An error occurred (ExpiredToken) when calling the GetObject operation: The provided token has expired.');
    expect(new Set([denied, missing, expired]).size).toBe(3);
  });

  it('leaves a message that names no SDK operation as it was', () => {
    expect(maskMessage('error when calling the backend operation: timeout')).toBe('error when calling the backend operation: timeout');
  });
});

describe('classifier with a called operation', () => {
  const entry = (text: string): Entry => ({ time: Date.UTC(2025, 8, 11), severity: 'ERROR', service: 'api', revision: 'api-001', kind: 'text', text });

  it('files one problem for one code from several operations, and one per code', () => {
    const c = createClassifier();
    for (const op of ['GetObject', 'PutObject', 'HeadObject']) {
      c.add(entry(`botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the ${op} operation: Access Denied`));
    }
    c.add(entry('botocore.exceptions.ClientError: An error occurred (SlowDown) when calling the PutObject operation: Please reduce your request rate.'));
    expect(c.clusters().map((x) => x.count).sort()).toEqual([1, 3]);
  });
});
