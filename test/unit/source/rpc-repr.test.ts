// A record cut short inside grpc's error repr is a piece of the records that reached their exception.
import { endsInOpenRpcRepr } from '../../../src/source/rpc-repr.js';
import { isPieceEntry } from '../../../src/source/reassemble.js';

const frames = [
  'Traceback (most recent call last):',
  '  File "/env/lib/python3.7/site-packages/google/api_core/grpc_helpers.py", line 57, in error_remapped_callable',
  '    return callable_(*args, **kwargs)',
  '  File "/env/lib/python3.7/site-packages/grpc/_channel.py", line 729, in _end_unary_response_blocking',
  '    raise _InactiveRpcError(state)',
];
// As people paste it: googleapis/python-ndb#483 (the repr's first line alone), rpcpool/yellowstone-grpc#401.
const opening = 'grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:';
const fields = [
  '\tstatus = StatusCode.UNIMPLEMENTED',
  '\tdetails = "Received http2 header with status: 404"',
  '\tdebug_error_string = "UNKNOWN:Error received from peer  {grpc_message:"Received http2 header with status: 404", grpc_status:12, created_time:"2024-08-14T16:38:09.238930902+08:00"}"',
];
const chained = [
  '>', '', 'The above exception was the direct cause of the following exception:', '',
  'Traceback (most recent call last):',
  '  File "/app/relay/ledger.py", line 88, in record_delivery',
  '    txn_update(transaction, ref, attempt)',
  'google.api_core.exceptions.Aborted: 409 Too much contention on these documents. Please try again.',
];

describe('endsInOpenRpcRepr', () => {
  it.each([
    ['the repr opened and nothing after it', [...frames, opening]],
    ['cut among its fields', [...frames, opening, ...fields.slice(0, 2)]],
    ['all its fields but no `>`', [...frames, opening, ...fields]],
  ])('%s: cut short', (_, lines) => {
    expect(endsInOpenRpcRepr(lines.join('\n'))).toBe(true);
    expect(isPieceEntry({ textPayload: ['could not record delivery of message 5030931476503611', ...lines].join('\n') } as never)).toBe(true);
  });

  it.each([
    ['closed by its `>`', [...frames, opening, ...fields, '>']],
    ['closed, and the chain goes on', [...frames, opening, ...fields, ...chained]],
    ['its `>` read as a line of its own, the chain after the fields', [...frames, opening, ...fields, ...chained.slice(1)]],
    ['the words in a message line, no repr', ['job 7 of RPC that terminated with: timeout', 'retrying']],
    ['a one-line entry', [opening]],
  ])('%s: whole', (_, lines) => {
    expect(endsInOpenRpcRepr(lines.join('\n')) && lines.length > 1).toBe(false);
  });
});
