// A .NET exception copied from Visual Studio's exception helper reads as the same exception's
// ToString(): `Type: Message` and its frames.
import { describe, expect, it } from '@jest/globals';
import { exceptionDetailsShape } from '../../../src/normalize/exception-details.js';
import { clusterIds } from '../../support/cluster-ids.js';

const FRAMES = '   at RabbitMQ.Client.ConnectionFactory.CreateConnection(IEndpointResolver endpointResolver, String clientProvidedName)\n   at Shop.Orders.Bus.Connect() in /src/Orders/Bus.cs:line 41';

describe('exceptionDetailsShape', () => {
  it.each([
    ['with its source and trace',
      `RabbitMQ.Client.Exceptions.BrokerUnreachableException\n  HResult=0x80131620\n  Message=None of the specified endpoints were reachable\n  Source=RabbitMQ.Client\n  StackTrace:\n${FRAMES}`,
      `RabbitMQ.Client.Exceptions.BrokerUnreachableException: None of the specified endpoints were reachable\n${FRAMES}`],
    ['a leading space, no source',
      ' Microsoft.Data.SqlClient.SqlException\n  HResult=0x80131904\n  Message=Transaction (Process ID 62) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.\n',
      'Microsoft.Data.SqlClient.SqlException: Transaction (Process ID 62) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.'],
  ])('%s', (_name, copied, read) => {
    expect(exceptionDetailsShape(copied)).toBe(read);
  });

  it.each([
    ['ToString\'s own shape', `RabbitMQ.Client.Exceptions.BrokerUnreachableException: None of the specified endpoints were reachable\n${FRAMES}`],
    ['a property line that is no HResult', 'Shop.Orders.OrderException\n  Order=42\n  Message=declined'],
    ['one line', 'HResult=0x80131620'],
  ])('leaves %s', (_name, text) => {
    expect(exceptionDetailsShape(text)).toBe(text);
  });
});

describe('one exception copied from the debugger and logged by the application', () => {
  it('is one problem; another message of the type stays apart', () => {
    const [unreachable, other] = clusterIds([
      [
        `RabbitMQ.Client.Exceptions.BrokerUnreachableException\n  HResult=0x80131620\n  Message=None of the specified endpoints were reachable\n  Source=RabbitMQ.Client\n  StackTrace:\n${FRAMES}`,
        'RabbitMQ.Client.Exceptions.BrokerUnreachableException: None of the specified endpoints were reachable',
      ],
      ['RabbitMQ.Client.Exceptions.OperationInterruptedException: The AMQP operation was interrupted: AMQP close-reason, initiated by Peer, code=406'],
    ]);
    expect(unreachable).toHaveLength(1);
    expect(other).toHaveLength(1);
    expect(unreachable![0]).not.toBe(other![0]);
  });
});
