import { createClassifier, TemplateMiner } from '../../../src/classify/index.js';
import { maskTokens } from '../../../src/normalize/mask.js';
import type { Entry } from '../../../src/shared/types.js';

const text = (t: string, time = 0): Entry => ({ time, severity: 'WARNING', service: 'api', revision: 'r1', kind: 'text', text: t });

/** Groups lines by the classifier's final id; returns the groups as arrays of line numbers. */
function groups(lines: string[]): { groups: number[][]; templates: string[] } {
  const c = createClassifier();
  const handles = lines.map((l, i) => c.add(text(l, i)));
  const byId = new Map<string, number[]>();
  const templates: string[] = [];
  handles.forEach((h, i) => {
    const r = c.resolve(h);
    templates.push(r.template);
    byId.set(r.id, [...(byId.get(r.id) ?? []), i]);
  });
  return { groups: [...byId.values()], templates };
}

describe('template mining', () => {
  it.each([
    {
      name: 'sshd: user names that several messages mention are values, the verbs are not',
      lines: [
        'Failed password for root from 10.0.0.1 port 22 ssh2',
        'Failed password for admin from 10.0.0.2 port 2200 ssh2',
        'Failed password for oracle from 10.0.0.3 port 22 ssh2',
        'Invalid user admin from 10.0.0.4 port 22',
        'Invalid user oracle from 10.0.0.9 port 22',
        'Accepted publickey for deploy from 10.0.0.5 port 22 ssh2',
        'Connection closed by 10.0.0.6 [preauth]',
        'Connection closed by 10.0.0.7 [preauth]',
      ],
      expected: [[0, 1, 2], [3, 4], [5], [6, 7]],
    },
    {
      name: 'a few constant words at one position are different problems',
      lines: [
        '[instance: 7f3a9c2e-1b4d-4c8e-9f00-123456789abc] VM Started (Lifecycle Event)',
        '[instance: 8f3a9c2e-1b4d-4c8e-9f00-123456789abc] VM Stopped (Lifecycle Event)',
        '[instance: 9f3a9c2e-1b4d-4c8e-9f00-123456789abc] VM Started (Lifecycle Event)',
        '[instance: af3a9c2e-1b4d-4c8e-9f00-123456789abc] VM Paused (Lifecycle Event)',
      ],
      expected: [[0, 2], [1], [3]],
    },
    {
      name: 'values that take a different number of tokens',
      lines: [
        'proxy.example.com:5070 close, 0 bytes sent, 0 bytes received, lifetime 00:01',
        'proxy.example.com:5070 close, 1190 bytes (1.16 KB) sent, 1671 bytes (1.63 KB) received, lifetime 00:02',
        'proxy.example.com:5070 close, 451 bytes sent, 18846 bytes (18.4 KB) received, lifetime <1 sec',
        'proxy.example.com:5070 open through proxy proxy.example.com:5070 HTTPS',
      ],
      expected: [[0, 1, 2], [3]],
    },
    {
      name: 'cache misses for any key, but not cache hits',
      lines: [
        'cache miss for key user:42 after 3ms',
        'cache miss for key thread:9f1c2d3e4a after 12ms',
        'cache hit for key user:42 after 1ms',
        'cache miss for key agent:77 after 4ms',
      ],
      expected: [[0, 1, 3], [2]],
    },
    {
      name: 'three words after a noun that names things are names, however few a window shows',
      lines: [
        'quota exceeded for tenant acme',
        'quota exceeded for tenant globex',
        'quota exceeded for tenant initech',
        'user bob not found',
        'user carol not found',
        'user dave not found',
      ],
      expected: [[0, 1, 2], [3, 4, 5]],
    },
    {
      name: '…two may be a noun compound, and stay apart',
      lines: ['failed to load model config', 'failed to load model weights', 'failed to load model config'],
      expected: [[0, 2], [1]],
    },
    {
      name: '…but not after a capitalised noun that starts a sentence, where a verb follows',
      lines: [
        '[instance: 7f3a9c2e-1b4d-4c8e-9f00-123456789abc] Instance spawned successfully.',
        '[instance: 8f3a9c2e-1b4d-4c8e-9f00-123456789abc] Instance destroyed successfully.',
        '[instance: 9f3a9c2e-1b4d-4c8e-9f00-123456789abc] Instance spawned successfully.',
      ],
      expected: [[0, 2], [1]],
    },
  ])('$name', ({ lines, expected }) => {
    expect(groups(lines).groups).toEqual(expected);
  });

  it('a position that held many different words is a value', () => {
    const users = ['root', 'admin', 'oracle', 'test', 'guest', 'ubuntu', 'pi', 'postgres'];
    expect(groups(users.map((u) => `Failed password for ${u} from 10.0.0.1 port 22 ssh2`)).groups).toHaveLength(1);
  });

  it('templates generalise as variants arrive, and every entry reports the final one', () => {
    const { templates } = groups([
      'Session access failed (middleware not installed?): queue_x',
      'Session access failed (middleware not installed?): db.main',
      'Session access failed (middleware not installed?): worker-a',
      'Session access failed (middleware not installed?): worker-b',
    ]);
    expect(new Set(templates)).toEqual(new Set(['Session access failed (middleware not installed?): <*>']));
  });

  it('the miner joins a close message and opens a new template for a distant one', () => {
    const miner = new TemplateMiner();
    const a = miner.add(maskTokens('Receiving block blk_1 src: /10.0.0.1:50010 dest: /10.0.0.2:50010'));
    const b = miner.add(maskTokens('Receiving block blk_2 src: /10.0.0.3:50010 dest: /10.0.0.4:50010'));
    const c = miner.add(maskTokens('Deleting block blk_3 file /data/blk_3 now or later ok'));
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(miner.template(a).join(' ')).toBe('Receiving block <ID> src: <PATH> dest: <PATH>');
  });

  it('structured errors group by error type and message template', () => {
    const c = createClassifier();
    const add = (errorType: string, t: string): string => c.resolve(c.add({ ...text(t), errorType })).id;
    const a = add('ValidationError', 'field amount must be positive, got -3');
    const b = add('ValidationError', 'field amount must be positive, got -12');
    const d = add('QuotaError', 'field amount must be positive, got -3');
    expect(a).toBe(add('ValidationError', 'field amount must be positive, got -3'));
    expect(b).toBe(a);
    expect(d).not.toBe(a);
    expect(c.clusters().find((x) => x.id === a)).toMatchObject({ exceptionType: 'ValidationError', count: 3 });
  });
});
