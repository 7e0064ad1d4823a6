// A JVM exception's line printed alone is keyed as the trace that surfaced it is.
import { exceptionLineKey, thrownKey } from '../../../src/classify/jvm-exception-line.js';

describe('exceptionLineKey', () => {
  it('reads the class and the message as a trace\'s surfaced exception is read', () => {
    const line = 'io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: <ID>:<NUM>';
    expect(exceptionLineKey(line)).toBe(thrownKey('io.netty.channel.AbstractChannel$AnnotatedConnectException', 'Connection refused: <ID>:<NUM>'));
    expect(exceptionLineKey(`Caused by: ${line}`)).toBe(exceptionLineKey(line));
    expect(exceptionLineKey('java.lang.NullPointerException')).toBe(thrownKey('java.lang.NullPointerException', ''));
  });

  it('is null for anything else: a sentence, a class without its package, several lines', () => {
    expect(exceptionLineKey('price list load failed')).toBeNull();
    expect(exceptionLineKey('TimeoutError: timed out')).toBeNull();
    expect(exceptionLineKey('java.lang.IllegalStateException: x\n\tat a.B.c(B.java:1)')).toBeNull();
  });

  it('reads a long line once and bounded (a package of 5,000 segments is none)', () => {
    expect(exceptionLineKey(`${'a.'.repeat(5_000)}X: ${'y '.repeat(50_000)}`)).toBeNull();
  });
});
