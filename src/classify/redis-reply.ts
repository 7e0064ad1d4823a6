// Redis answers a command it refuses with an error reply whose first word is a code in capitals
// (RESP's simple error: `-WRONGTYPE Operation against a key holding the wrong kind of value`), and
// every client hands the reply's text on as the server wrote it, under a class of its own: redis-py's
// `redis.exceptions.ResponseError: …` (Python 2 prints `ResponseError: …`), node-redis's `ReplyError: …`
// (`Error: …` before v2, `[ErrorReply: …]` since v4), ioredis after its command (`BRPOPLPUSH { ReplyError:
// …`), Jedis' `JedisDataException: …` (`JedisMovedDataException: MOVED …`), StackExchange.Redis'
// `RedisServerException: …`, phpredis' `RedisException: …`, Predis' `ServerException`, redis-rb's
// `Redis::CommandError: …`, go-redis's bare text; a Lua script's refused call comes back inside `ERR
// Error running script (call to f_…): @user_script:30: -OOM …`. The code names the refusal; the class,
// the client's words around it and the call that met it do not:
// - a refusal of the server's state or of the client's setup (out of memory at `maxmemory`, a key on
//   another cluster node for a client that is not cluster-aware, no or a wrong password, a read-only
//   replica, persistence failing, loading, busy with a script, the cluster down) meets every command
//   alike, whichever of the application's calls sent it: frames and the line it was logged under
//   (`[ioredis] Unhandled error event:`, `Ready check failed:`) tell nothing;
// - a refusal of one command's keys (a key of another type, keys of several slots, a script the
//   server does not hold) is the same conflict wherever it is met (one key written as one type and read
//   as another), so it is one problem too.
// Each code's documented first words must follow it, so a word in capitals is no code. Some clients
// drop the code and name it by a class of their own instead: redis-py's `ReadOnlyError: You can't write
// against a read only replica.`, `BusyLoadingError`, `OutOfMemoryError`, `AuthenticationError: invalid
// username-password pair`, `NoScriptError` (its table of codes to classes), Jedis' `JedisMovedDataException`,
// `JedisAskDataException`, `JedisNoScriptException`, `JedisBusyException`; and Redis before 2.8 wrote a
// wrong type as `ERR Operation against a key holding the wrong kind of value`. So the words that say what
// was refused are read alone too where no other program prints them, and those classes as their code.
// `ERR` (every other refusal, from `unknown command` to `max number of clients reached`) and `EXECABORT`
// (a transaction dropped for an earlier error, which is the problem) are left to the message's words.
// Sources: the Redis documentation's error replies, redis-py's and Jedis' tables of replies to classes,
// and redis/redis-py#817, redis/node-redis#641, bee-queue/arena#115, StackExchange/StackExchange.Redis#248,
// redis/jedis#1255, redis/jedis#1245, rhubarbgroup/redis-cache#530.

interface Reply {
  code: string;
  /** What follows the code, as documented: fixed words. */
  words: string;
  /** True when the words say it without the code: no other program prints them. */
  alone: boolean;
  /** Clients' classes that name the code by themselves. */
  classes?: string;
}

// `3999 127.0.0.1:6381` as masked (`<NUM> <IP>`), or with a host name and a port.
const SLOT_AND_NODE = String.raw`(?:<NUM>|\d{1,5}) (?:<IP>|<HOST>|[\w.-]{1,253}:(?:<NUM>|\d{1,5}))`;

const REPLIES: readonly Reply[] = [
  { code: 'OOM', words: 'command not allowed when used memory', alone: true },
  // The slot, then the node that holds it.
  { code: 'MOVED', words: SLOT_AND_NODE, alone: false, classes: 'JedisMovedDataException|MovedError' },
  { code: 'ASK', words: SLOT_AND_NODE, alone: false, classes: 'JedisAskDataException|AskError' },
  { code: 'NOAUTH', words: 'Authentication required', alone: false },
  { code: 'WRONGPASS', words: 'invalid username-password pair', alone: true },
  { code: 'READONLY', words: "You can(?:'|’|not| not)(?: ?t)? write against a read[ -]only (?:replica|slave)", alone: true },
  { code: 'MISCONF', words: '(?:Redis is configured to save RDB snapshots|Errors writing to the AOF file)', alone: true },
  { code: 'LOADING', words: 'Redis is loading the dataset in memory', alone: true },
  { code: 'BUSY', words: 'Redis is busy running a script', alone: true, classes: 'JedisBusyException' },
  { code: 'MASTERDOWN', words: 'Link with MASTER is down', alone: true },
  { code: 'CLUSTERDOWN', words: '(?:The cluster is down|Hash slot not served)', alone: false },
  { code: 'TRYAGAIN', words: 'Multiple keys request during rehashing of slot', alone: true },
  { code: 'WRONGTYPE', words: 'Operation against a key holding the wrong kind of value', alone: true },
  { code: 'CROSSSLOT', words: "Keys in request don(?:'|’)t hash to the same slot", alone: true },
  { code: 'NOSCRIPT', words: 'No matching script', alone: false, classes: 'JedisNoScriptException|NoScriptError' },
];

// A reply starts the text, or follows what a client or a log puts before it: a space, a colon, a quote,
// an opening bracket, RESP's `-` (a script's refused call). One group per reply, in the order of
// REPLIES, so the group that matched names the code. Fixed words and bounded classes: linear.
const BEFORE = String.raw`(?:^|[\s:"'(\[{-])`;
const REPLY = new RegExp(REPLIES.map((r) => {
  const parts = [r.alone ? `${BEFORE}(?:${r.code} )?${r.words}` : `${BEFORE}${r.code} ${r.words}`];
  if (r.classes !== undefined) parts.push(String.raw`(?:^|[\s.:'"(\[])(?:${r.classes})\b`);
  return `(${parts.join('|')})`;
}).join('|'));

/** Characters of a message looked at: a reply opens it, or follows a client's and a logger's words. */
const HEAD_CHARS = 2000;

/** The Redis error reply a message carries, as a key (one per code); null when it carries none. */
export function redisReply(head: string): string | null {
  const text = head.length > HEAD_CHARS ? head.slice(0, HEAD_CHARS) : head;
  const m = REPLY.exec(text);
  if (m === null) return null;
  const at = m.findIndex((group, i) => i > 0 && group !== undefined);
  return `redis-reply\u0001${(REPLIES[at - 1] as Reply).code}`;
}
