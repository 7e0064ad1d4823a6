// Redis' refusal of a command is one error whatever client printed it and whichever of the
// application's calls met it; codes stay apart, and a word in capitals that is no reply reads none.
// Lines as people pasted them.
import { errorIdentity } from '../../../src/classify/error-identity.js';
import { redisReply } from '../../../src/classify/redis-reply.js';
import { createClassifier } from '../../../src/classify/index.js';
import { maskTokens } from '../../../src/normalize/mask.js';
import type { Entry } from '../../../src/shared/types.js';

const entry = (text: string, over: Partial<Entry> = {}): Entry => ({
  time: Date.UTC(2025, 8, 11, 10, 0, 0), severity: 'ERROR', service: 'cache', revision: 'cache-001', kind: 'text', text, ...over,
});

const key = (line: string): string | null => errorIdentity(maskTokens(line).join(' '))?.key ?? null;

describe('redisReply: one key per reply code, whatever client printed it', () => {
  it.each([
    ['out of memory at maxmemory', [
      // redis/redis-py#817
      "redis.exceptions.ResponseError: OOM command not allowed when used memory > 'maxmemory'.",
      // redis/node-redis#641 (node_redis 0.x)
      "Error: OOM command not allowed when used memory > 'maxmemory'.",
      // bee-queue/arena#115 (ioredis, after the command)
      "BRPOPLPUSH { ReplyError: OOM command not allowed when used memory > 'maxmemory'.",
      // rhubarbgroup/redis-cache#530 (phpredis)
      "RedisException: OOM command not allowed when used memory > 'maxmemory'. in /opt/webroot/wp-content/object-cache.php:2212",
      // LiskArchive/lisk-service#1919: a Lua script's refused call
      "ReplyError: ERR Error running script (call to f_ff9c18634832b0b4115a19b4de5f4788a7cfbd4e): @user_script:30: @user_script: 30: -OOM command not allowed when used memory > 'maxmemory'.",
      // redis-py 4.2+ names it by a class and drops the code
      "redis.exceptions.OutOfMemoryError: command not allowed when used memory > 'maxmemory'.",
    ]],
    ['a key on another cluster node', [
      // nkrode/RedisLive#101 (Python 2)
      'ResponseError: MOVED 14103 10.0.5.119:7002',
      // redis/redis#2313
      'redis.clients.jedis.exceptions.JedisMovedDataException: MOVED 2602 192.168.32.142:7000',
      // redis/jedis#1245: the slot and node cut off by blank lines; the class names the reply
      'redis.clients.jedis.exceptions.JedisMovedDataException: MOVED',
      // StackExchange/StackExchange.Redis#248
      'StackExchange.Redis.RedisServerException -  MOVED 2852 127.0.0.1:7001',
      // kelseyhightower/confd#627
      '/confd-0.12.0-linux-amd64[16793]: ERROR MOVED 5517 172.21.10.191:8390',
    ]],
    ['a read-only replica', [
      'ReplyError: READONLY You can\'t write against a read only replica.',
      'StackExchange.Redis.RedisServerException: READONLY You can\' t write against a read only replica.',
      // redis-py's ReadOnlyError drops the code
      'redis.exceptions.ReadOnlyError: You can\'t write against a read only replica.',
      // Redis before 5 said slave
      'READONLY You can\'t write against a read only slave.',
    ]],
    ['a key of another type, before and after Redis 2.8 named it', [
      'redis.exceptions.ResponseError: WRONGTYPE Operation against a key holding the wrong kind of value',
      'Redis::CommandError: WRONGTYPE Operation against a key holding the wrong kind of value',
      'Predis\\ServerException: ERR Operation against a key holding the wrong kind of value in /app/lib/Cache.php on line 40',
      'node_redis: no callback to send error: ERR Operation against a key holding the wrong kind of value',
    ]],
    ['no password, every client', [
      '[ioredis] Unhandled error event: ReplyError: NOAUTH Authentication required.',
      'ReplyError: Ready check failed: NOAUTH Authentication required.',
      '#<Redis::CommandError: NOAUTH Authentication required.>',
      "PHP Fatal error:  Uncaught exception 'RedisException' with message 'NOAUTH Authentication required.'",
    ]],
  ])('%s', (_name, lines) => {
    const keys = lines.map(key);
    expect(keys[0]).not.toBeNull();
    for (const k of keys) expect(k).toBe(keys[0]);
  });

  it('keeps codes apart', () => {
    const keys = [
      "OOM command not allowed when used memory > 'maxmemory'.",
      'MOVED 3999 127.0.0.1:6381',
      'ASK 3999 127.0.0.1:6381',
      'NOAUTH Authentication required.',
      'WRONGPASS invalid username-password pair or user is disabled.',
      "READONLY You can't write against a read only replica.",
      'MISCONF Redis is configured to save RDB snapshots, but it is currently not able to persist on disk.',
      'LOADING Redis is loading the dataset in memory',
      'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.',
      'CLUSTERDOWN The cluster is down',
      'WRONGTYPE Operation against a key holding the wrong kind of value',
      "CROSSSLOT Keys in request don't hash to the same slot",
      'NOSCRIPT No matching script. Please use EVAL.',
    ].map(key);
    expect(keys.every((k) => k?.startsWith('redis-reply\u0001'))).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reads no code from words in capitals, nor from ERR\'s other refusals', () => {
    for (const line of [
      'The MOVED 3 items to the archive',
      'ASKED for help 3 times',
      'Authentication required.',
      'HTTP 401: Authentication required',
      'BUSY: retry later',
      'ERR max number of clients reached',
      'ERR unknown command \'FOO\'',
      'EXECABORT Transaction discarded because of previous errors.',
      '[10:14:13 ERR] Serialization and deserialization of \'System.Type\' instances are not supported.',
    ]) expect(redisReply(maskTokens(line).join(' '))).toBeNull();
  });

  it('names the refusal, not the caller: no context, and a trace keeps the id its frames give it', () => {
    expect(errorIdentity(maskTokens('[ioredis] Unhandled error event: ReplyError: NOAUTH Authentication required.').join(' ')))
      .toEqual({ key: 'redis-reply\u0001NOAUTH', namesOperation: true, keysTraces: false, context: '' });
  });

  it('reads a long line in one pass', () => {
    expect(redisReply(`${'MOVED 1 '.repeat(20_000)}x`)).toBeNull();
    expect(redisReply(`${'You can\'t write against a read '.repeat(5_000)}`)).toBeNull();
  });
});

describe('a cluster redirect met by two of the application\'s calls is one cluster', () => {
  // Grokzen/redis-py-cluster#236 and nkrode/RedisLive#105: redis-py under two call sites.
  const trace = (file: string, fn: string, command: string): string => [
    'Traceback (most recent call last):',
    `  File "/app/${file}", line 39, in ${fn}`,
    `    r.${command.toLowerCase()}(key, values)`,
    `  File "/usr/local/lib/python3.11/site-packages/redis/commands/core.py", line 3400, in ${command.toLowerCase()}`,
    `    return self.execute_command('${command}', name, *values)`,
    '  File "/usr/local/lib/python3.11/site-packages/redis/connection.py", line 629, in read_response',
    '    raise response',
    'redis.exceptions.ResponseError: MOVED 4085 10.213.192.152:6379',
  ].join('\n');
  const other = trace('load_data.py', 'load', 'SADD').replace('redis.exceptions.ResponseError: MOVED 4085 10.213.192.152:6379', 'redis.exceptions.ConnectionError: Error 111 connecting to 10.213.192.152:6379. Connection refused.');

  it('joins the calls and the line logged alone, and keeps another refusal at one of them apart', () => {
    const c = createClassifier();
    const handles = [trace('load_data.py', 'load', 'SADD'), trace('monitor.py', 'save_memory_info', 'ZADD'), other]
      .map((text) => c.add(entry(text, { kind: 'stack' })));
    handles.push(c.add(entry('redis.exceptions.ResponseError: MOVED 14103 10.0.5.119:7002')));
    const ids = handles.map((h) => c.resolve(h).id);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[3]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });
});
