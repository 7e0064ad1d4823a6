// PHP services: a Symfony Messenger worker (`messenger:consume -vv`: Monolog's console formatter on the
// morning revision, Monolog's JSON formatter after, the exception under context.exception), and a Laminas
// MVC billing API on php-fpm (laminas-log's Simple formatter, then its Json formatter; PHP's own errors
// through php-fpm's decorated worker output, one entry per line with the header on each).
import type { Family, ServiceDef, Write } from '../stranger/model.js';
import type { Prng } from '../prng.js';
import { fpmTime, hmsOnly, isoMicrosOffset, isoOffset } from './clock.js';

const MONOLOG_LEVEL: Record<string, number> = { INFO: 200, WARNING: 300, ERROR: 400, CRITICAL: 500 };

interface Failure { error: string; previous: { class: string; message: string; file: string } }

/** One Monolog record of the worker: the console line (level padded to 9, VarDumper's context) or JSON. */
function messengerRecord(t: number, rev: 0 | 1, level: 'INFO' | 'WARNING' | 'CRITICAL', message: string, context: Record<string, string | number>, failure?: Failure): Write {
  if (rev === 0) {
    const ctx = Object.entries(context).map(([k, v]) => `"${k}" => ${typeof v === 'number' ? v : `"${v}"`}`);
    if (failure) ctx.push(`"error" => "${failure.error}"`, '"exception" => Symfony\\Component\\Messenger\\Exception\\HandlerFailedException^ { …}');
    return { stream: 'stderr', text: `${hmsOnly(t)} ${level.padEnd(9)} [messenger] ${message} [${ctx.join(',')}]` };
  }
  const ctx: Record<string, unknown> = { ...context };
  if (failure) {
    ctx.error = failure.error;
    ctx.exception = {
      class: 'Symfony\\Component\\Messenger\\Exception\\HandlerFailedException', message: failure.error, code: 0,
      file: '/app/vendor/symfony/messenger/Middleware/HandleMessageMiddleware.php:124',
      previous: { ...failure.previous, code: 0 },
    };
  }
  return { stream: 'stderr', json: { message, context: ctx, level: MONOLOG_LEVEL[level], level_name: level, channel: 'messenger', datetime: isoMicrosOffset(t), extra: {} } };
}

const smtpRefused = (): Failure => {
  const message = 'Connection could not be established with host "smtp.internal:587": stream_socket_client(): Unable to connect to smtp.internal:587 (Connection refused)';
  return { error: `Handling "App\\Message\\SendReceiptEmail" failed: ${message}`, previous: { class: 'Symfony\\Component\\Mailer\\Exception\\TransportException', message, file: '/app/vendor/symfony/mailer/Transport/Smtp/Stream/SocketStream.php:154' } };
};

const fcm503 = (rng: Prng): Failure => {
  const message = `HTTP/2 503 returned for "https://fcm.googleapis.com/v1/projects/tern-app-${rng.int(10, 99)}/messages:send".`;
  return { error: `Handling "App\\Message\\SendPushNotification" failed: ${message}`, previous: { class: 'Symfony\\Component\\HttpClient\\Exception\\ServerException', message, file: '/app/vendor/symfony/http-client/Response/CommonResponseTrait.php:168' } };
};

// Symfony Console's rendering of an uncaught exception (the header names the file, not the error),
// then the command's synopsis; the worker exits.
const consoleCrash = (): string => [
  '',
  'In ExceptionConverter.php line 87:',
  '                                                                                ',
  '  An exception occurred in the driver: SQLSTATE[08006] [7] could not translate  ',
  '   host name "pg-messenger" to address: Name or service not known             ',
  '                                                                                ',
  '',
  'In Exception.php line 28:',
  '                                                                                ',
  '  SQLSTATE[08006] [7] could not translate host name "pg-messenger" to address:  ',
  '  Name or service not known                                                     ',
  '                                                                                ',
  '',
  'messenger:consume [-l|--limit LIMIT] [-f|--failure-limit FAILURE-LIMIT] [-m|--memory-limit MEMORY-LIMIT] [-t|--time-limit TIME-LIMIT] [--sleep SLEEP] [-b|--bus BUS] [--queues QUEUES] [--no-reset] [--all] [--exclude-receivers EXCLUDE-RECEIVERS] [--keepalive [KEEPALIVE]] [--] [<receivers>...]',
  '',
].join('\n');

const MESSAGES = ['App\\Message\\SendReceiptEmail', 'App\\Message\\SendPushNotification', 'App\\Message\\RebuildSearchIndex'];

export const notifyMessenger: ServiceDef = {
  name: 'notify-messenger', stack: 'PHP 8.3, Symfony 7.1 Messenger (Doctrine transport), Mailer, HttpClient, Monolog 3', splitRate: 0.75,
  families: [
    {
      // Sent for retry: a real problem at WARNING, frequent.
      name: 'notify-messenger:push-retry-fcm-503', level: 'WARNING', perDay: [80, 180],
      emit: ({ rng, t, rev }) => {
        const retry = rng.int(1, 3);
        const f = fcm503(rng);
        return [messengerRecord(t, rev, 'WARNING', `Error thrown while handling message App\\Message\\SendPushNotification. Sending for retry #${retry} using ${1000 * 2 ** (retry - 1)} ms delay. Error: "${f.error}"`,
          { class: 'App\\Message\\SendPushNotification', message_id: rng.int(1000, 99999), retryCount: retry, delay: 1000 * 2 ** (retry - 1) }, f)];
      },
    },
    {
      // Given up on: CRITICAL.
      name: 'notify-messenger:receipt-email-smtp-refused', level: 'CRITICAL', perDay: [10, 30], burst: 0.3,
      emit: ({ rng, t, rev }) => {
        const f = smtpRefused();
        return [messengerRecord(t, rev, 'CRITICAL', `Error thrown while handling message App\\Message\\SendReceiptEmail. Removing from transport after 3 retries. Error: "${f.error}"`,
          { class: 'App\\Message\\SendReceiptEmail', message_id: rng.int(1000, 99999), retryCount: 3 }, f)];
      },
    },
    {
      name: 'notify-messenger:worker-db-host-unresolved', level: 'CRITICAL', perDay: [2, 6],
      emit: () => [
        { stream: 'stderr', text: consoleCrash() },
        { stream: 'varlog/system', severity: 'WARNING', text: 'Container called exit(1).', as: { family: 'notify-messenger:container-exit-1', level: 'WARNING' } },
      ],
    },
    {
      name: 'noise:notify-messenger:handled', level: 'INFO', perDay: [300, 500],
      emit: ({ rng, t, rev }) => {
        const cls = rng.pick(MESSAGES);
        const handler = cls.replace('Message\\', 'MessageHandler\\').concat('Handler');
        return [rng.pick([
          messengerRecord(t, rev, 'INFO', `Received message ${cls}`, { class: cls }),
          messengerRecord(t, rev, 'INFO', `Message ${cls} handled by ${handler}::__invoke`, { class: cls, handler: `${handler}::__invoke` }),
          messengerRecord(t, rev, 'INFO', `${cls} was handled successfully (acknowledging to transport).`, { class: cls, message_id: rng.int(1000, 99999) }),
        ])];
      },
    },
  ] satisfies Family[],
};

// laminas-log: Simple `%timestamp% %priorityName% (%priority%): %message% %extra%`, then Json.
const PRIORITY = { ERR: 3, WARN: 4, INFO: 6 } as const;
function laminasRecord(t: number, rev: 0 | 1, name: keyof typeof PRIORITY, text0: string, text1: string, extra: Record<string, unknown>): Write {
  if (rev === 0) {
    const e = Object.keys(extra).length > 0 ? ` ${JSON.stringify(extra)}` : '';
    return { stream: 'stderr', text: `${isoOffset(t)} ${name} (${PRIORITY[name]}): ${text0}${e}` };
  }
  return { stream: 'stderr', json: { timestamp: isoOffset(t), priority: PRIORITY[name], priorityName: name, message: text1, extra } };
}

const deadlock = 'An exception occurred while executing a query: SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock; try restarting transaction';

/** php-fpm's decorated worker output: each line of what PHP wrote to stderr, as its own write. */
const fpmLines = (t: number, child: number, lines: readonly string[]): Write[] =>
  lines.map((l) => ({ stream: 'stderr', text: `[${fpmTime(t)}] WARNING: [pool www] child ${child} said into stderr: "${l}"` }));

export const billingLaminas: ServiceDef = {
  name: 'billing-laminas', stack: 'PHP 8.2, Laminas MVC 3, laminas-log, Doctrine DBAL 3 (MySQL), php-fpm 8.2', splitRate: 0.7,
  families: [
    {
      // Printed two ways: the invoice inside the message (morning), or in `extra` beside the exception (after).
      name: 'billing-laminas:capture-deadlock', level: 'ERROR', perDay: [15, 40], burst: 0.3,
      emit: ({ rng, t, rev }) => {
        const invoice = rng.int(1000, 99999);
        return [laminasRecord(t, rev, 'ERR', `Invoice ${invoice} payment capture failed: ${deadlock}`, 'Invoice payment capture failed', {
          invoice, exception: { class: 'Doctrine\\DBAL\\Exception\\DeadlockException', message: deadlock, code: 1213, file: '/var/www/vendor/doctrine/dbal/src/Driver/API/MySQL/ExceptionConverter.php:55' },
        })];
      },
    },
    {
      name: 'billing-laminas:webhook-timestamp-tolerance', level: 'WARNING', perDay: [100, 240],
      emit: ({ rng, t, rev }) => [laminasRecord(t, rev, 'WARN', 'Stripe webhook rejected: Timestamp outside the tolerance zone', 'Stripe webhook rejected: Timestamp outside the tolerance zone', { event: `evt_${rng.alnum(24)}` })],
    },
    {
      // PHP's warning, one line through php-fpm: no log level of the application's.
      name: 'billing-laminas:undefined-vat-id', level: 'WARNING', perDay: [60, 150],
      emit: ({ rng, t }) => fpmLines(t, rng.int(7, 60), ['NOTICE: PHP message: PHP Warning:  Undefined array key "vat_id" in /var/www/module/Billing/src/Mapper/InvoiceMapper.php on line 88']),
    },
    {
      // An uncaught exception: php-fpm prints every line of PHP's message as its own decorated line.
      name: 'billing-laminas:stripe-gateway-not-created', level: 'ERROR', perDay: [6, 15],
      emit: ({ rng, t }) => fpmLines(t, rng.int(7, 60), [
        'NOTICE: PHP message: PHP Fatal error:  Uncaught Laminas\\ServiceManager\\Exception\\ServiceNotCreatedException: Service with name "Billing\\Gateway\\StripeGateway" could not be created. Reason: Stripe API key is not configured in /var/www/vendor/laminas/laminas-servicemanager/src/ServiceManager.php:642',
        'Stack trace:',
        '#0 /var/www/vendor/laminas/laminas-servicemanager/src/ServiceManager.php(264): Laminas\\ServiceManager\\ServiceManager->doCreate()',
        '#1 /var/www/module/Billing/src/Controller/Factory/ChargeControllerFactory.php(19): Laminas\\ServiceManager\\ServiceManager->get()',
        '#2 /var/www/vendor/laminas/laminas-mvc/src/DispatchListener.php(96): Billing\\Controller\\Factory\\ChargeControllerFactory->__invoke()',
        '#3 {main}',
        '  thrown in /var/www/vendor/laminas/laminas-servicemanager/src/ServiceManager.php on line 642',
      ]),
    },
    {
      name: 'noise:billing-laminas:invoice-finalized', level: 'INFO', perDay: [200, 400],
      emit: ({ rng, t, rev }) => {
        const invoice = rng.int(1000, 99999);
        return [laminasRecord(t, rev, 'INFO', `Invoice ${invoice} finalized, errors=0`, 'Invoice finalized, errors=0', { invoice, lines: rng.int(1, 12) })];
      },
    },
  ] satisfies Family[],
};
