// A message template that prints the exception as one of its properties, rendered by a JSON formatter
// that quotes string values, holds the record's stack quoted: it is read once, bare, after the message.
import { describe, expect, it } from '@jest/globals';
import { jsonMessage } from '../../../src/normalize/json-message.js';
import { withoutQuotedStack } from '../../../src/normalize/quoted-stack.js';

// EF Core's SaveChangesFailed event (CoreEventId.SaveChangesFailed), its `error` the exception's ToString().
const STACK = [
  'Microsoft.EntityFrameworkCore.DbUpdateException: An error occurred while saving the entity changes. See the inner exception for details.',
  ' ---> Npgsql.NpgsqlException (0x80004005): Exception while reading from stream',
  ' ---> System.TimeoutException: Timeout during reading attempt',
  '   at Npgsql.Internal.NpgsqlReadBuffer.<Ensure>g__EnsureLong|55_0(NpgsqlReadBuffer buffer, Int32 count, Boolean async, Boolean readingNotifications)',
  '   --- End of inner exception stack trace ---',
  '   at Microsoft.EntityFrameworkCore.DbContext.SaveChangesAsync(Boolean acceptAllChangesOnSuccess, CancellationToken cancellationToken)',
].join('\n');
const TEMPLATE = "An exception occurred in the database while saving changes for context type '{contextType}'.{newline}{error}";

/** Serilog's rendering of a string property in a message: double quotes, its own quotes escaped. */
const quoted = (s: string): string => `"${s.replace(/"/g, '\\"')}"`;

/** Elastic.CommonSchema.Serilog's EcsTextFormatter record of the event (its `message` rendered with quoted strings). */
function ecsRecord(message: string, stack = STACK): Record<string, unknown> {
  return {
    '@timestamp': '2026-12-09T16:36:23.2020997+00:00', 'log.level': 'Error', message, 'ecs.version': '8.11.0',
    log: { logger: 'Microsoft.EntityFrameworkCore.Update' }, labels: { MessageTemplate: TEMPLATE },
    error: { type: 'Microsoft.EntityFrameworkCore.DbUpdateException', message: 'An error occurred while saving the entity changes. See the inner exception for details.', stack_trace: stack },
  };
}

const rendered = `An exception occurred in the database while saving changes for context type '${quoted('Invoices.Data.BillingDb')}'.${quoted('\n')}${quoted(STACK)}`;
const console_ = `An exception occurred in the database while saving changes for context type 'Invoices.Data.BillingDb'.\n${STACK}`;

describe('withoutQuotedStack', () => {
  it('takes the quoted stack and the quoted line break before it out of the message', () => {
    expect(withoutQuotedStack(rendered, STACK)).toBe(`An exception occurred in the database while saving changes for context type '"Invoices.Data.BillingDb"'.`);
  });

  it('finds a stack whose own quotes the rendering escaped', () => {
    const stack = 'System.InvalidOperationException: No service for type "Invoices.IPdf" has been registered.\n   at Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService(IServiceProvider provider, Type serviceType)';
    expect(withoutQuotedStack(`Request failed: ${quoted(stack)}`, stack)).toBe('Request failed:');
  });

  it.each([
    ['a message that holds the stack bare (a console template)', console_],
    ['a message that quotes only the exception\'s message', `Save failed: ${quoted('An error occurred while saving the entity changes. See the inner exception for details.')}`],
    ['a message that quotes another stack', `Save failed: ${quoted(STACK.replace('Timeout during reading attempt', 'Connection reset by peer'))}`],
    ['a message with no stack', 'Antiforgery token validation failed. "The required antiforgery cookie \\".AspNetCore.Antiforgery.x\\" is not present."'],
  ])('leaves %s as it is', (_, message) => {
    expect(withoutQuotedStack(message, STACK)).toBe(message);
  });
});

describe('an ECS record whose message quotes its stack', () => {
  it('reads as the console template prints the same event: the message, then the trace', () => {
    const text = jsonMessage(ecsRecord(rendered))?.text ?? '';
    expect(text).toBe(`An exception occurred in the database while saving changes for context type '"Invoices.Data.BillingDb"'.\n${STACK}`);
    expect(text.split('\n')[1]).toBe(console_.split('\n')[1]);
  });

  it('keeps a message that does not quote the stack, and the stack after it', () => {
    const text = jsonMessage(ecsRecord('An unhandled exception has occurred while executing the request.'))?.text ?? '';
    expect(text).toBe(`An unhandled exception has occurred while executing the request.\n${STACK}`);
  });
});
