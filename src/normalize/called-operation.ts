// The remote operation an SDK names in its error is the call that failed, a value like its URL: botocore
// raises every AWS service's error as `An error occurred (Code) when calling the GetObject operation:
// …` (its ClientError's MSG_TEMPLATE; the AWS CLI of old printed `A client error (Code) occurred when
// calling the PutObject operation: …`), so `NoSuchBucket` from GetObject, PutObject and CreateBucket is
// one missing bucket, and `AccessDenied` one policy. The error code in brackets and the message after the
// colon stay: they say what went wrong.

// The operation's name as botocore prints it: the service model's PascalCase name (`GetObject`,
// `AssumeRoleWithWebIdentity`, `PutObjectAcl`), anchored and bounded.
const OPERATION_NAME = /^[A-Z][A-Za-z0-9]{1,80}$/;
const OPERATION_WORD = /^operation[:,.]?$/;

/** Is token i of `raw` the name in `when calling the NAME operation`? */
export function isCalledOperation(raw: readonly string[], i: number): boolean {
  return i >= 2
    && raw[i - 2] === 'calling'
    && raw[i - 1] === 'the'
    && OPERATION_NAME.test(raw[i] as string)
    && OPERATION_WORD.test(raw[i + 1] ?? '');
}
