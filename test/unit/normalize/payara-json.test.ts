// Payara's JSON log formatter, as payara/Payara#2952 describes its fields: the record reads as the text its
// ODL twin prints (the message, then the stack), at the level it carries; look-alikes are left alone.
import { describe, expect, it } from '@jest/globals';
import { payaraRecord } from '../../../src/normalize/payara-json.js';
import { jsonMessage } from '../../../src/normalize/json-message.js';
import { payloadSeverity } from '../../../src/normalize/entry-fields.js';

describe('Payara JSON formatter', () => {
  // payara/Payara#2952: LogMessage, with Throwable's Exception and StackTrace when one was logged.
  const EJB = {
    Timestamp: '2026-12-10T13:39:51.214+0000', Level: 'WARNING', Version: 'Payara Micro 6.2025.1', LoggerName: 'jakarta.enterprise.ejb.container',
    ThreadID: '118', ThreadName: 'http-thread-pool::http-listener(9)', TimeMillis: '1796909991214', LevelValue: '900', MessageID: 'AS-EJB-00056',
    LogMessage: 'A system exception occurred during an invocation on EJB CaptureService',
    Throwable: { Exception: 'jakarta.ejb.EJBException: Transaction aborted', StackTrace: 'jakarta.ejb.EJBException: Transaction aborted\n\tat com.acme.pay.CaptureService.capture(CaptureService.java:58)' },
  };

  it('reads the message then the stack, at the record\'s level', () => {
    const text = 'A system exception occurred during an invocation on EJB CaptureService\njakarta.ejb.EJBException: Transaction aborted\n\tat com.acme.pay.CaptureService.capture(CaptureService.java:58)';
    expect(payaraRecord(EJB)).toEqual({ text, level: 'WARNING' });
    expect(jsonMessage(EJB)?.text).toBe(text);
    expect(payloadSeverity(EJB)?.severity).toBe('WARNING');
    expect(payaraRecord({ ...EJB, Level: 'SEVERE', Throwable: undefined })).toEqual({ text: EJB.LogMessage, level: 'ERROR' });
  });

  it('leaves alone a payload that only has a LogMessage', () => {
    expect(payaraRecord({ LogMessage: 'hello', Level: 'WARNING' })).toBeNull();
    expect(payaraRecord({ logMessage: 'hello', level: 'warn', LoggerName: 'x' })).toBeNull();
  });
});
