// Nextcloud 29 then 30 (official apache image, PHP 8.2) with `log_type => 'file'` and `logfile =>
// '/dev/stdout'`: one JSON object a line (`reqId`, `level` 0-4, `time`, `remoteAddr`, `user`, `app`,
// `method`, `url`, `message`, `userAgent`, `version`, and `exception` with `Exception`, `Message`, `Code`,
// `Trace`, `File`, `Line`); 30 adds `data`. No `severity` field: no entry severity.
import type { Prng } from '../prng.js';
import type { ServiceDef, Write } from '../stranger/model.js';
import { atom } from './clock.js';
import { fam } from './shared.js';

const NC = 'files-nextcloud';
function nc(rng: Prng, t: number, rev: 0 | 1, level: number, app: string, method: string, url: string, message: string, exception?: Record<string, unknown>): Write {
  const json: Record<string, unknown> = {
    reqId: rng.alnum(20), level, time: atom(t), remoteAddr: rng.publicIpv4(), user: rng.pick(['--', `u${rng.int(100, 999)}`]), app, method, url, message,
    userAgent: rng.pick(['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36', 'Mozilla/5.0 (Linux) mirall/3.14.1']), version: rev === 0 ? '29.0.9.2' : '30.0.4.1',
  };
  if (rev === 1) json.data = { app };
  if (exception) json.exception = exception;
  return { stream: 'stdout', json };
}
const trace = (frames: ReadonlyArray<readonly [string, number, string, string]>): Array<Record<string, unknown>> =>
  frames.map(([file, line, cls, fn]) => ({ file: `/var/www/html/${file}`, line, function: fn, class: cls, type: '->' }));

export const filesNextcloud: ServiceDef = {
  name: NC, stack: 'Nextcloud 29 then 30 (PHP 8.2, Apache mod_php), Cloud SQL for MySQL 8, a Cloud Storage bucket as S3 primary storage, Memorystore Redis', splitRate: 0.7,
  families: [
    fam(`${NC}:s3-upload-failed`, 'ERROR', [15, 40], ({ rng, t, rev }) => [nc(rng, t, rev, 3, 'no app in context', 'PUT', `/remote.php/dav/files/u${rng.int(100, 999)}/Photos/IMG_${rng.int(1000, 9999)}.jpg`, 'Error while uploading to S3 bucket', {
      Exception: 'Exception', Message: 'Error while uploading to S3 bucket', Code: 0,
      Trace: trace([['lib/private/Files/ObjectStore/ObjectStoreStorage.php', 497, 'OC\\Files\\ObjectStore\\ObjectStoreStorage', 'writeStream'], ['apps/dav/lib/Connector/Sabre/File.php', 218, 'OCA\\DAV\\Connector\\Sabre\\File', 'put']]),
      File: '/var/www/html/lib/private/Files/ObjectStore/ObjectStoreStorage.php', Line: 502,
      Previous: { Exception: 'Aws\\S3\\Exception\\S3Exception', Message: `Error executing "PutObject" on "https://storage.googleapis.com/wren-nextcloud/urn%3Aoid%3A${rng.int(10000, 99999)}"; AWS HTTP error: Client error: \`PUT https://storage.googleapis.com/wren-nextcloud/urn%3Aoid%3A${rng.int(10000, 99999)}\` resulted in a \`403 Forbidden\` response`, Code: 403 },
    })], 0.3),
    fam(`${NC}:db-deadlock`, 'ERROR', [8, 20], ({ rng, t, rev }) => [nc(rng, t, rev, 3, 'files', 'PROPFIND', `/remote.php/dav/files/u${rng.int(100, 999)}/`, 'An exception occurred while executing a query: SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock; try restarting transaction', {
      Exception: 'Doctrine\\DBAL\\Exception\\DeadlockException', Message: 'An exception occurred while executing a query: SQLSTATE[40001]: Serialization failure: 1213 Deadlock found when trying to get lock; try restarting transaction', Code: 1213,
      Trace: trace([['3rdparty/doctrine/dbal/src/Connection.php', 1939, 'Doctrine\\DBAL\\Connection', 'convertExceptionDuringQuery'], ['lib/private/Files/Cache/Cache.php', 343, 'OC\\Files\\Cache\\Cache', 'update']]),
      File: '/var/www/html/3rdparty/doctrine/dbal/src/Driver/API/MySQL/ExceptionConverter.php', Line: 56,
    })]),
    fam(`${NC}:login-failed`, 'WARNING', [60, 140], ({ rng, t, rev }) => [nc(rng, t, rev, 2, 'core', 'POST', '/login', `Login failed: ${rng.lower(6)} (Remote IP: ${rng.publicIpv4()})`)]),
    fam(`${NC}:cron-ajax`, 'WARNING', [20, 50], ({ rng, t, rev }) => [nc(rng, t, rev, 2, 'core', 'POST', '/cron.php', 'Cron job is running via AJAX; this may cause timeouts, consider using a system cron.')]),
    fam(`noise:${NC}:info`, 'INFO', [550, 850], ({ rng, t, rev }) => [nc(rng, t, rev, 1, rng.pick(['files', 'dav', 'core']), 'GET', rng.pick(['/ocs/v2.php/apps/notifications/api/v2/notifications', '/status.php', '/remote.php/dav/files/u1/']), rng.pick([`Scanned ${rng.int(1, 400)} files, errors=0`, 'Background job OCA\\Files\\BackgroundJob\\ScanFiles finished', `Preview generated for file ${rng.int(1000, 99999)}`]))]),
  ],
};
