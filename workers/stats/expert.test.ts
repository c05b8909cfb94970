import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../capture/source';
import '../dissect/protocols';
import { Engine } from '../engine';
import { compileFilter, filterPackets } from '../filter';
import { expertInfoOf, expertProtocol } from './expert';
import type { ExpertInfo } from './expert';

/** A display filter that must compile. */
function compiled(text: string) {
  const r = compileFilter(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.filter;
}

const TESTDATA = join(import.meta.dirname, '../testdata');
/** The lossy capture of the shared folder; its expectation is committed in testdata. */
const VETH = new URL('../../../shared/captures/lab/net-veth.pcapng', import.meta.url).pathname;

async function open(path: string): Promise<Engine> {
  const engine = new Engine();
  await engine.open(bytesSource(new Uint8Array(readFileSync(path)), path));
  return engine;
}

const all = (engine: Engine) => Uint32Array.from({ length: engine.count }, (_, i) => i);

/** tshark's section headings → our severities. */
const SECTIONS: Record<string, string> = {
  Errors: 'error',
  Warns: 'warn',
  Notes: 'note',
  Chats: 'chat',
  Comments: 'comment',
};

/**
 * tshark's -z expert text, as committed in testdata/<capture>.expert.txt (made with
 * `tshark -n -r CAP -q -z expert`, tshark 4.0.17, WIRESHARK_CONFIG_DIR empty), as sorted
 * "severity|group|protocol|summary count" lines.
 */
function readExpected(path: string): string[] {
  const out: string[] = [];
  let severity = '';
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const head = /^(\w+) \((\d+)\)$/.exec(line);
    if (head) {
      severity = SECTIONS[head[1]];
      continue;
    }
    const row = /^\s+(\d+)\s{3}(.{8})\s{2}(.{17})\s{2}(.*)$/.exec(line);
    if (row && severity) out.push(`${severity}|${row[2].trim()}|${row[3].trim()}|${row[4]} ${row[1]}`);
  }
  return out.sort();
}

function lines(info: ExpertInfo): string[] {
  return info.entries.map((e) => `${e.severity}|${e.group}|${e.protocol}|${e.summary} ${e.count}`).sort();
}

for (const [name, path] of [
  ['lab-null.pcapng', join(TESTDATA, 'lab-null.pcapng')],
  ['tls-proxy.pcapng', join(TESTDATA, 'tls-proxy.pcapng')],
  ['net-veth.pcapng', VETH],
] as const)
  describe.skipIf(!existsSync(path))(`expertInfoOf on ${name}`, () => {
    it('counts per severity, group, protocol and summary as tshark -z expert', async () => {
      const expected = readExpected(join(TESTDATA, `${name}.expert.txt`));
      expect(expected.length).toBeGreaterThan(5);
      const engine = await open(path);
      const info = await expertInfoOf(engine, all(engine));
      expect(info.complete).toBe(true);
      expect(lines(info)).toEqual(expected);
    });
  });

describe('expertInfoOf', () => {
  it('orders by severity, lists each entry’s frames, and follows the packets given', async () => {
    const engine = await open(join(TESTDATA, 'lab-null.pcapng'));
    const info = await expertInfoOf(engine, all(engine));
    const order = ['error', 'warn', 'note', 'chat', 'comment'];
    for (let k = 1; k < info.entries.length; k++)
      expect(order.indexOf(info.entries[k].severity)).toBeGreaterThanOrEqual(
        order.indexOf(info.entries[k - 1].severity),
      );
    // tshark -n -r lab-null.pcapng -Y 'tcp.analysis.window_full' -T fields -e frame.number
    const full = info.entries.find((e) => e.summary === 'TCP window specified by the receiver is now completely full');
    expect(full?.field).toBe('tcp.analysis.window_full');
    const frames = (e: NonNullable<typeof full>) => Array.from(info.frames.subarray(e.start, e.start + e.frameCount));
    const expectedFull = await filterPackets(engine, compiled('tcp.analysis.window_full'));
    expect(frames(full!)).toEqual(Array.from(expectedFull, (i) => i + 1));
    expect(full!.count).toBe(5);
    // Only the packets displayed: the HTTP ones.
    const http = await filterPackets(engine, compiled('http'));
    const some = await expertInfoOf(engine, http);
    expect(some.packets).toBe(8);
    expect(some.entries.every((e) => e.protocol === 'HTTP')).toBe(true);
    expect(some.entries.reduce((n, e) => n + e.count, 0)).toBe(8);
  });

  it('names the protocol by the expert field, and _ws notes by the packet', () => {
    expect(expertProtocol({ name: 'tcp.analysis.retransmission' }, 'HTTP')).toBe('TCP');
    expect(expertProtocol({ name: 'http.chat' }, 'HTTP')).toBe('HTTP');
    expect(expertProtocol({ name: '_ws.malformed' }, 'DNS')).toBe('DNS');
  });

  it('stops when aborted', async () => {
    const engine = await open(join(TESTDATA, 'lab-null.pcapng'));
    const c = new AbortController();
    c.abort();
    await expect(expertInfoOf(engine, all(engine), { signal: c.signal })).rejects.toBeTruthy();
  });
});
