// A Go panic a deferred recover() caught and printed with debug.Stack(): the value, then the recovering
// goroutine's dump, whose frames below `panic(…)` are the code that panicked. Read as that panic, alike
// whichever handler recovered it and whether a text line or a JSON record's `panic` and `stack` carried it.
import { stackSignature } from '../../../src/classify/index.js';
import { jsonMessage } from '../../../src/normalize/json-message.js';

// gqlgen's DefaultRecover (the value, a blank line, debug.PrintStack()), as pasted in 99designs/gqlgen#287.
const DEFAULT_RECOVER = [
  'runtime error: invalid memory address or nil pointer dereference',
  '',
  'goroutine 6 [running]:',
  'runtime/debug.Stack(0x1, 0x0, 0x0)',
  '\t/usr/local/go/src/runtime/debug/stack.go:24 +0xa7',
  'runtime/debug.PrintStack()',
  '\t/usr/local/go/src/runtime/debug/stack.go:16 +0x22',
  'github.com/99designs/gqlgen/graphql.DefaultRecover(0x844320, 0xc42015d410, 0x78bbe0, 0xa049c0, 0xc42009d2b8, 0x0)',
  '\t/home/user/code/go/src/github.com/99designs/gqlgen/graphql/recovery.go:16 +0xa7',
  'github.com/99designs/gqlgen/handler.GraphQL.func1.1(0xc42017e150, 0x844320, 0xc42015d410, 0x843fe0, 0xc42016e000)',
  '\t/home/user/code/go/src/github.com/99designs/gqlgen/handler/graphql.go:182 +0x73',
  'panic(0x78bbe0, 0xa049c0)',
  '\t/usr/local/go/src/runtime/panic.go:502 +0x229',
  'github.com/acme/shop/graph.(*orderResolver).Items(0xc42018e300, 0x10, 0x10, 0x79c580)',
  '\t/src/graph/order.resolvers.go:31 +0x165',
  'github.com/acme/shop/graph/generated.(*executionContext)._Order_items.func1(0x844320, 0xc420)',
  '\t/src/graph/generated/generated.go:4420 +0x53',
].join('\n');

// The same panic recovered by the application's own function (as 99designs/gqlgen#257's server.go does)
// and logged as a slog record: its message, the value under `panic`, debug.Stack() under `stack`.
const RECORD = {
  message: 'resolver panic',
  panic: 'runtime error: invalid memory address or nil pointer dereference',
  path: 'order.items',
  stack: [
    'goroutine 1294 [running]:',
    'runtime/debug.Stack()',
    '\t/usr/local/go/src/runtime/debug/stack.go:26 +0x5e',
    'main.main.func2({0xc1e3a0?, 0xc000412a80?}, {0xa8e2c0, 0x11c5a40})',
    '\t/src/cmd/server/main.go:58 +0x4d',
    'panic({0xa8e2c0?, 0x11c5a40?})',
    '\t/usr/local/go/src/runtime/panic.go:785 +0x132',
    'github.com/acme/shop/graph.(*orderResolver).Items(0xc000010f30?, {0xc1e3a0, 0xc000412a80}, 0x0)',
    '\t/src/graph/order.resolvers.go:31 +0x3c',
    'github.com/acme/shop/graph/generated.(*executionContext)._Order_items.func1({0xc1e3a0?, 0xc000412a80?})',
    '\t/src/graph/generated/generated.go:4420 +0x53',
  ].join('\n'),
};

describe('a recovered Go panic printed with debug.Stack()', () => {
  it('reads the value as the panic and the frames below panic(…) as where it happened', () => {
    const sig = stackSignature(DEFAULT_RECOVER);
    expect(sig?.language).toBe('go');
    expect(sig?.exceptionType).toContain('invalid memory address or nil pointer dereference');
    expect(sig?.frames[0]).toContain('orderResolver');
    expect(sig?.frames.some((f) => f.includes('DefaultRecover') || f.includes('debug'))).toBe(false);
  });

  it('reads a JSON record\'s `panic` and `stack` as the same panic', () => {
    const text = jsonMessage(RECORD)?.text ?? '';
    expect(text).toContain(RECORD.panic);
    const fromRecord = stackSignature(text);
    const fromText = stackSignature(DEFAULT_RECOVER);
    expect({ type: fromRecord?.exceptionType, frames: fromRecord?.frames }).toEqual({ type: fromText?.exceptionType, frames: fromText?.frames });
  });

  it('reads the value put after a dump that the record\'s message holds as the same panic', () => {
    const record = { level: 'error', msg: `recovered from panic\n${RECORD.stack}`, panic: RECORD.panic };
    const fromRecord = stackSignature(jsonMessage(record)?.text ?? '');
    const fromText = stackSignature(DEFAULT_RECOVER);
    expect({ type: fromRecord?.exceptionType, frames: fromRecord?.frames }).toEqual({ type: fromText?.exceptionType, frames: fromText?.frames });
  });

  it('leaves a goroutine dump with no panic(…) frame alone (a SIGQUIT dump is no recovered panic)', () => {
    const dump = ['SIGQUIT: quit', 'PC=0x46b2a1 m=0 sigcode=0', '', 'goroutine 1 [chan receive]:', 'main.main()', '\t/src/main.go:12 +0x45'].join('\n');
    expect(stackSignature(dump)).toBeNull();
  });

  it('still reads an unrecovered panic by its `panic:` line', () => {
    const crash = ['panic: assignment to entry in nil map', '', 'goroutine 1 [running]:', 'main.main()', '\t/src/main.go:12 +0x45', 'exit status 2'].join('\n');
    expect(stackSignature(crash)?.exceptionType).toBe('assignment to entry in nil map');
  });
});
