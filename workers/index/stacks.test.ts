// Protocol stacks as the first pass records them, against frame.protocols of the second pass (which tshark prints).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../capture/source';
import { FieldSink } from '../dissect/sinks';
import { allFields, fieldByName } from '../dissect/registry';
import { Engine } from '../engine';
import { ProtocolStacks, SECOND_PASS_ONLY, UNKNOWN_STACK } from './stacks';

const TESTDATA = join(import.meta.dirname, '..', 'testdata');

describe('ProtocolStacks', () => {
  it('gives one id per distinct stack and answers which protocols it holds', () => {
    const s = new ProtocolStacks();
    const a = s.push(s.push(s.push(0, 'eth'), 'ip'), 'tcp');
    const b = s.push(s.push(s.push(0, 'eth'), 'ip'), 'tcp');
    const c = s.push(s.push(s.push(0, 'eth'), 'ip'), 'udp');
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(s.layers[a]).toEqual(['eth', 'ip', 'tcp']);
    expect(s.has(a, 'tcp')).toBe(true);
    expect(s.has(a, 'udp')).toBe(false);
    expect(s.has(UNKNOWN_STACK, 'tcp')).toBeUndefined();
    expect(s.size).toBe(5);
  });

  const captures = readdirSync(TESTDATA).filter((f) => /\.(pcap|pcapng|cap)(\.gz)?$/.test(f));
  it('has captures to check', () => expect(captures.length).toBeGreaterThan(20));
  it.each(captures)('%s: the first pass records which protocols each frame holds, but for bodies', async (name) => {
    const engine = new Engine();
    await engine.open(bytesSource(new Uint8Array(readFileSync(join(TESTDATA, name))), name));
    const id = fieldByName('frame.protocols')?.id ?? -1;
    const sink = new FieldSink([id], allFields().length);
    const second: string[] = [];
    await engine.dissectRange(0, engine.count, sink, () => {
      const v = sink.values.get(id)?.[0];
      second.push(typeof v === 'string' ? v : '');
      sink.clear();
    });
    const first = Array.from({ length: engine.count }, (_, i) => engine.index.stacks.layers[engine.index.stack[i]]);
    // The first pass finds every protocol of the frame (the set: a filter asks whether one is there) but those
    // inside bodies and certificates, which it does not open.
    const differences = second.flatMap((all, i) => {
      const want = new Set(all.split(':'));
      const got = new Set(first[i]);
      const extra = [...got].filter((n) => !want.has(n));
      const missing = [...want].filter((n) => !got.has(n) && !SECOND_PASS_ONLY.has(n));
      return extra.length || missing.length ? [`${i + 1}: ${first[i].join(':')} vs ${all}`] : [];
    });
    expect(differences).toEqual([]);
  });
});
