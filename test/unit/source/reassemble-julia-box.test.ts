// Julia's ConsoleLogger (the Logging standard library's default) draws a record of several lines as a box
// in one write: `┌ Error: message`, `│ ` rows (keyword arguments two spaces in, a multi-line value such as
// `exception =` three spaces in), `└ @ Module file:line`. Cloud Run stores each line as an entry: the box
// joins again, is read at the level its first line states, and reads as its JSON twin (the message, the
// error under it), whole or joined. The boxes below are as pasted in public reports of HTTP.jl and Genie
// services (an HTTP.jl request handler's error, Genie's MethodError, HTTP.jl's rate-limit warning as a
// Heroku dyno logged it line by line) and as Julia 1.10 prints a caught exception with its stack trace.
import { describe, expect, it } from '@jest/globals';
import { reassembleAll } from '../../../src/source/reassemble.js';
import { mayBelongToTrace, severityTextPattern, textSeverity } from '../../../src/normalize/text-severity.js';
import { normalizeEntry } from '../../../src/normalize/index.js';
import { mayMatter } from '../../../src/normalize/severity-floor.js';
import { continuesJuliaBox } from '../../../src/shared/block-lines.js';
import type { Entry, RawEntry } from '../../../src/shared/types.js';
import { cloudRunLines, INSTANCE_A, texts } from '../../support/cloud-run-lines.js';

const { line, split } = cloudRunLines('stderr');

const HANDLER_ERROR = [
  '┌ Error: error handling request',
  '│   exception =',
  '│    UndefVarError: prob not defined',
  '│    Stacktrace:',
  '│     [1] macro expansion at /root/.julia/packages/Xpress/ab5Cg/src/utils.jl:99 [inlined]',
  '│     [2] createprob(::Base.RefValue{Ptr{Nothing}}) at /root/.julia/packages/Xpress/ab5Cg/src/api.jl:56',
  '│     [3] job(::HTTP.Messages.Request) at /opt/julia_src/http.jl:10',
  '│     [4] handle at /root/.julia/packages/HTTP/cxgat/src/Handlers.jl:254 [inlined]',
  '└ @ HTTP.Servers ~/.julia/packages/HTTP/cxgat/src/Servers.jl:417',
].join('\n');
// Julia 1.10's frames: the call, then its place on the line under it.
const QUERY_TIMEOUT = [
  '┌ Error: tile query failed',
  '│   z = 4',
  '│   x = 17820',
  '│   exception =',
  '│    LibPQ.Errors.QueryCanceled: ERROR:  canceling statement due to statement timeout',
  '│    ',
  '│    Stacktrace:',
  '│      [1] handle_result(result::LibPQ.Result{true}; throw_error::Bool)',
  '│        @ LibPQ ~/.julia/packages/LibPQ/6fVY8/src/results.jl:224',
  '│      [2] render_tile(pool::Main.Db.Pool, z::Int64, x::Int64, y::Int64)',
  '│        @ Main.Tiles /app/src/tiles.jl:84',
  '└ @ Main.Tiles /app/src/tiles.jl:91',
].join('\n');
const GENIE_METHOD_ERROR = [
  '┌ Error: 2020-10-22 15:08:15 error handling request',
  '│   exception =',
  '│    MethodError: no method matching start(::HTTP.Messages.Request, ::String, ::Dict{Symbol,Any})',
  '│    Closest candidates are:',
  '│      start(::HTTP.Messages.Request, ::HTTP.Messages.Response) at /home/jc/.julia/packages/Genie/iL6x9/src/Sessions.jl:131',
  '│    Stacktrace:',
  '│     [1] remotecall_fetch(::Function, ::Int64) at /buildworker/worker/package_linux64/build/usr/share/julia/stdlib/v1.4/Distributed/src/remotecall.jl:417',
  '└ @ HTTP.Servers ~/.julia/packages/HTTP/IAI92/src/Servers.jl:373',
].join('\n');
const RATE_LIMITED = [
  '┌ Warning: discarding connection from 172.16.126.38 due to rate limiting',
  '└ @ HTTP.Servers ~/.julia/packages/HTTP/nUK4f/src/Servers.jl:132',
].join('\n');
const SLOW = [
  '┌ Warning: slow upstream response',
  '│   url = "https://nominatim.example.net/search"',
  '│   elapsed = 6.978',
  '└ @ Main.Upstream /app/src/upstream.jl:31',
].join('\n');
const INFO_BOX = ['┌ Info: tiles rendered', '│   count = 2987', '└   errors = 0'].join('\n');
const BOXES: Array<[string, string]> = [['HTTP.jl handler error', HANDLER_ERROR], ['Julia 1.10 frames', QUERY_TIMEOUT], ['Genie MethodError', GENIE_METHOD_ERROR], ['warning', RATE_LIMITED], ['keywords only', SLOW]];

function entry(raw: RawEntry): Entry {
  const e = normalizeEntry(raw);
  if ('skip' in e) throw new Error(`skipped: ${e.skip}`);
  return e;
}

describe("Julia's ConsoleLogger box, split one line per entry", () => {
  it.each(BOXES)('%s joins again, in both time orders', (_n, box) => {
    const entries = split(box, 0);
    for (const input of [entries, [...entries].reverse()]) expect(texts(reassembleAll(input)).map((t) => t.replace(/\n│\s*(?=\n)/g, ''))).toEqual([box.replace(/\n│\s*(?=\n)/g, '')]);
  });

  it("joins with another instance's lines in between, and ends at its last row", () => {
    const box = split(QUERY_TIMEOUT, 0);
    const other = line('[ Info: cache warmed: 2738 tiles', 10, 'other-instance');
    const after = line('[ Info: cache warmed: 12 tiles', 200, INSTANCE_A);
    const out = texts(reassembleAll([...box.slice(0, 2), other, ...box.slice(2), after]));
    expect(out).toContain(QUERY_TIMEOUT);
    expect(out).toContain('[ Info: cache warmed: 2738 tiles');
    expect(out).toContain('[ Info: cache warmed: 12 tiles');
  });

  it('two boxes one after the other stay two', () => {
    const out = texts(reassembleAll([...split(SLOW, 0), ...split(RATE_LIMITED, 100)]));
    expect(out).toEqual([SLOW, RATE_LIMITED]);
  });

  it('is read at the level its first line states, whole or joined, and a one-line record too', () => {
    expect(textSeverity(QUERY_TIMEOUT)).toBe('ERROR');
    expect(textSeverity(SLOW)).toBe('WARNING');
    expect(textSeverity(INFO_BOX)).toBe('INFO');
    expect(textSeverity('┌ Error: geocode request failed')).toBe('ERROR');
    expect(textSeverity('[ Error: upload failed')).toBe('ERROR');
    expect(textSeverity('[ Warning: cache is cold')).toBe('WARNING');
    expect(textSeverity('[ Info: cache warmed: 2738 tiles')).toBe('INFO');
  });

  it('every line of a box is read by the prefilter and the server-side pattern, routine lines are not kept', () => {
    const pattern = new RegExp(severityTextPattern('NOTICE').replace('(?i)', ''), 'i');
    for (const l of QUERY_TIMEOUT.split('\n')) {
      expect(mayBelongToTrace(l)).toBe(true);
      expect(pattern.test(l)).toBe(true);
    }
    expect(mayMatter(line('[ Info: cache warmed: 2738 tiles', 0), 'NOTICE')).toBe(false);
    expect(mayMatter(line('[ Error: upload failed', 0), 'NOTICE')).toBe(true);
  });

  it("reads as its JSON twin: the message, the error under it; the keywords' other values and the place are not the problem", () => {
    const twin = (msg: string, exception?: string): RawEntry => ({
      ...line('', 0), textPayload: undefined, jsonPayload: { level: 'error', msg, ...(exception === undefined ? {} : { exception }) },
    });
    const timeout = [
      'LibPQ.Errors.QueryCanceled: ERROR:  canceling statement due to statement timeout', '', 'Stacktrace:',
      '  [1] handle_result(result::LibPQ.Result{true}; throw_error::Bool)', '    @ LibPQ ~/.julia/packages/LibPQ/6fVY8/src/results.jl:224',
      '  [2] render_tile(pool::Main.Db.Pool, z::Int64, x::Int64, y::Int64)', '    @ Main.Tiles /app/src/tiles.jl:84',
    ].join('\n');
    expect(entry(line(QUERY_TIMEOUT, 0)).text).toBe(entry(twin('tile query failed', timeout)).text);
    expect(entry(line(SLOW, 0)).text).toBe('slow upstream response');
    expect(entry(line(RATE_LIMITED, 0)).text).toBe('discarding connection from 172.16.126.38 due to rate limiting');
    expect(entry(line('[ Warning: discarding connection from 172.16.126.38 due to rate limiting', 0)).text).toBe(entry(line(RATE_LIMITED, 0)).text);
    const handler = entry(line(HANDLER_ERROR, 0)).text;
    expect(handler.startsWith('error handling request\nUndefVarError: prob not defined\nStacktrace:\n [1] macro expansion at')).toBe(true);
    expect(handler).not.toContain('│');
    expect(handler).not.toContain('@ HTTP.Servers');
    // The time Genie writes into its message is header too.
    expect(entry(line(GENIE_METHOD_ERROR, 0)).text.split('\n')[0]).toBe('error handling request');
  });

  it("leaves Rich's traceback rows, a lone corner and text that only starts with a bar as they are", () => {
    expect(continuesJuliaBox('│ /app/main.py:12 in handler                    │')).toBe(false); // Rich's, read by its own rule
    expect(continuesJuliaBox('│   elapsed = 6.978')).toBe(true);
    expect(continuesJuliaBox('└ @ Main.Upstream /app/src/upstream.jl:31')).toBe(true);
    expect(continuesJuliaBox('└── not a box')).toBe(false);
    expect(entry(line('┌ not a level here\n│ x', 0)).text).toBe('┌ not a level here\n│ x');
    expect(entry(line('┌ Error: upload failed\nand a line that is no row', 0)).text).toBe('upload failed\nand a line that is no row');
    expect(textSeverity('│ just a bar')).toBeNull();
  });

  it('10,000 rows with no head: bounded pieces, nothing lost', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => line(`│    [${i}] f(x::Int64)`, i * 3));
    const out = reassembleAll(rows);
    expect(out.reduce((n, j) => n + j.members.length, 0)).toBe(10_000);
    expect(Math.max(...out.map((j) => j.members.length))).toBeLessThanOrEqual(200);
  });
});
