// The tree sink: labels as Wireshark builds them from the registry, and the shape of the tree (generated items,
// hidden items, expert notes under their item, protocols at the top level). Expected lines are from tshark 4.0 -V.
import { describe, expect, it } from 'vitest';
import { relatedFrames } from '../detail';
import { Packet } from './packet';
import './protocols';
import { hf as ethHf } from './protocols/eth';
import { hf as frameHf } from './protocols/frame';
import { hf as ipHf } from './protocols/ip';
import { hf as tcpHf } from './protocols/tcp';
import { fieldById, fieldByName } from './registry';
import { GENERATED, HIDDEN, TOP_LEVEL, VALUE_LABEL } from './sinks';
import { CaptureState } from './state';
import { autoLabel, bitPattern, escapeText, formatTree, truncateLabel, TreeSink } from './tree';

/** A packet over `bytes` whose fields go to a fresh tree sink. */
function packet(bytes: number[] = []): { p: Packet; sink: TreeSink } {
  const p = new Packet();
  p.state = new CaptureState();
  const sink = new TreeSink();
  p.sink = sink;
  p.pass = 2;
  p.reset(0, new Uint8Array(bytes));
  return { p, sink };
}

const label = (abbrev: string, value: Parameters<typeof autoLabel>[1], bytes: number[] = [], flags = 0) => {
  const def = fieldByName(abbrev);
  if (!def) throw new Error(abbrev);
  return autoLabel(def, value, new Uint8Array(bytes), 0, bytes.length, flags);
};

describe('labels from the registry', () => {
  it('draws the bits of a bit field in groups of four', () => {
    expect(bitPattern(0x45, 0xf0, 8)).toBe('0100 ....');
    expect(bitPattern(0x45, 0x0f, 8)).toBe('.... 0101');
    expect(bitPattern(0x002, 0x002, 12)).toBe('.... .... ..1.');
    expect(bitPattern(0x4000, 0x1fff, 16)).toBe('...0 0000 0000 0000');
  });

  it('writes bit fields, booleans and integers as tshark -V does', () => {
    expect(label('ip.version', 4, [0x45])).toBe('0100 .... = Version: 4');
    expect(label('ip.flags.df', true, [0x40])).toBe(".1.. .... = Don't fragment: Set");
    expect(label('ip.flags.mf', false, [0x40])).toBe('..0. .... = More fragments: Not set');
    expect(label('tcp.flags.syn', true, [0x00, 0x02])).toBe('.... .... ..1. = Syn: Set');
    expect(label('tcp.flags.ae', false, [0x80, 0x12])).toBe('...0 .... .... = Accurate ECN: Not set');
    expect(label('ip.frag_offset', 0, [0x40, 0x00])).toBe('...0 0000 0000 0000 = Fragment Offset: 0');
    expect(label('frame.marked', false)).toBe('Frame is marked: False');
    expect(label('ip.ttl', 64)).toBe('Time to Live: 64');
    expect(label('tcp.checksum', 0xfe30)).toBe('Checksum: 0xfe30');
  });

  it('names values from value strings, in the field base', () => {
    expect(label('ip.proto', 6)).toBe('Protocol: TCP (6)');
    expect(label('eth.type', 0x0800)).toBe('Type: IPv4 (0x0800)');
    expect(label('tcp.option_kind', 8)).toBe('Kind: Time Stamp Option (8)');
    expect(label('ip.dsfield.dscp', 0, [0x00])).toBe('0000 00.. = Differentiated Services Codepoint: Default (0)');
    // A status with no base shows the name alone.
    expect(label('ip.checksum.status', 2)).toBe('Header checksum status: Unverified');
    expect(label('frame.encap_type', 15)).toBe('Encapsulation type: NULL/Loopback (15)');
  });

  it('puts the name and the bit pattern in front of a value label', () => {
    const def = fieldById(tcpHf.hdrLen);
    expect(autoLabel(def, 32, new Uint8Array([0x80]), 0, 1, VALUE_LABEL, '32 bytes (8)')).toBe(
      '1000 .... = Header Length: 32 bytes (8)',
    );
  });

  it('escapes control characters and cuts long labels as Wireshark does', () => {
    expect(escapeText('GET / HTTP/1.1\r\n')).toBe('GET / HTTP/1.1\\r\\n');
    expect(escapeText('a\tb\x01')).toBe('a\\tb\\x01');
    const long = `JA3 Fullstring: ${'1-'.repeat(150)}`;
    const cut = truncateLabel(long, 'JA3 Fullstring');
    expect(cut.startsWith('JA3 Fullstring [truncated]: 1-1-')).toBe(true);
    expect(cut).toHaveLength(238);
    expect(truncateLabel('x'.repeat(300), null)).toBe(` [truncated]${'x'.repeat(226)}`);
    expect(truncateLabel('short', 'Name')).toBe('short');
  });
});

describe('the tree sink', () => {
  it('brackets generated items, leaves hidden ones out, and hides what is under a hidden item', () => {
    const { p, sink } = packet([0x45, 0x00]);
    p.open(ipHf.proto, 0, 2, null, 0, 'Internet Protocol Version 4');
    p.add(ipHf.version, 0, 1);
    p.add(ipHf.addr, 0, 4, 0x7f000001, HIDDEN);
    p.open(ipHf.options, 0, 0, null, HIDDEN);
    p.add(ipHf.ttl, 0, 1, 64);
    p.close();
    p.add(tcpHf.len, 0, 0, 0, GENERATED);
    p.add(tcpHf.flagsStr, 0, 0, '··········S·', GENERATED, '[TCP Flags: ··········S·]');
    p.close();
    expect(formatTree(sink.items())).toBe(
      [
        'Internet Protocol Version 4',
        '    0100 .... = Version: 4',
        '    [TCP Segment Len: 0]',
        '    [TCP Flags: ··········S·]',
        '',
      ].join('\n'),
    );
    const items = sink.items();
    expect(items[0]).toMatchObject({ parent: -1, depth: 0, hasChildren: true, field: 'ip', filter: 'ip' });
    expect(items[1]).toMatchObject({ parent: 0, depth: 1, field: 'ip.version', value: '4', filter: 'ip.version == 4' });
    expect(items[1]).toMatchObject({ start: 0, length: 1, source: 0, generated: false, hasChildren: false });
    expect(items[2]).toMatchObject({ generated: true, filter: 'tcp.len == 0' });
    expect(items[3].filter).toBe('tcp.flags.str == "··········S·"');
  });

  it('puts an expert note under the innermost open item, with its message, severity and group', () => {
    const { p, sink } = packet([0x00, 0x02]);
    p.open(tcpHf.flags, 0, 2, 0x002, 0, 'Flags: 0x002 (SYN)');
    p.open(tcpHf.flagsSyn, 0, 2);
    p.expert('chat', 'Sequence', 'tcp.connection.syn', 'Connection establish request (SYN): server port 8080');
    p.close();
    p.add(tcpHf.flagsFin, 0, 2);
    p.close();
    expect(formatTree(sink.items())).toBe(
      [
        'Flags: 0x002 (SYN)',
        '    .... .... ..1. = Syn: Set',
        '        [Expert Info (Chat/Sequence): Connection establish request (SYN): server port 8080]',
        '            [Connection establish request (SYN): server port 8080]',
        '            [Severity level: Chat]',
        '            [Group: Sequence]',
        '    .... .... ...0 = Fin: Not set',
        '',
      ].join('\n'),
    );
    const expert = sink.items()[2];
    expect(expert).toMatchObject({ expert: 'chat', generated: true, field: '_ws.expert', depth: 2 });
    expect(sink.items()[3]).toMatchObject({ field: 'tcp.connection.syn', filter: 'tcp.connection.syn' });
    expect(sink.items()[4].filter).toBe('_ws.expert.severity == 0x00200000');
  });

  it('puts the next layer beside the one that calls it, and TOP_LEVEL items at the top', () => {
    const { p, sink } = packet(new Array<number>(40).fill(0));
    p.open(frameHf.proto, 0, 40, null, 0, 'Frame 1');
    p.open(ipHf.proto, 0, 20, null, 0, 'Internet Protocol Version 4');
    p.add(ipHf.ttl, 8, 1, 64);
    p.open(tcpHf.proto, 20, 20, null, 0, 'Transmission Control Protocol');
    p.add(tcpHf.srcport, 20, 2, 80);
    p.open(tcpHf.options, 20, 0, undefined, TOP_LEVEL, 'Somewhere on top');
    p.close();
    p.add(tcpHf.dstport, 22, 2, 8080);
    p.close();
    p.close();
    p.add(frameHf.protocols, 0, 0, 'ip:tcp', GENERATED);
    p.close();
    expect(formatTree(sink.items())).toBe(
      [
        'Frame 1',
        '    [Protocols in frame: ip:tcp]',
        'Internet Protocol Version 4',
        '    Time to Live: 64',
        'Transmission Control Protocol',
        '    Source Port: 80',
        '    Destination Port: 8080',
        'Somewhere on top',
        '',
      ].join('\n'),
    );
  });

  it('keeps a protocol nested when it is opened under a field (an option, a quoted datagram)', () => {
    const { p, sink } = packet([0, 0, 0, 0]);
    p.open(tcpHf.proto, 0, 4, null, 0, 'Transmission Control Protocol');
    p.open(tcpHf.options, 0, 4, undefined, 0, 'Options: (4 bytes)');
    p.open(ethHf.proto, 0, 4, null, 0, 'Inner');
    p.close();
    p.close();
    p.close();
    expect(sink.items().map((i) => i.depth)).toEqual([0, 1, 2]);
  });

  it('links frame-number fields and derives the related frames from them', () => {
    const { p, sink } = packet();
    p.add(tcpHf.acksFrame, 0, 0, 3, GENERATED);
    p.add(fieldByName('http.response_in')!.id, 0, 0, 9, GENERATED);
    p.add(fieldByName('tcp.reassembled_in')!.id, 0, 0, 12, GENERATED);
    p.add(fieldByName('tcp.segment')!.id, 0, 0, 2, GENERATED);
    p.add(fieldByName('http.prev_request_in')!.id, 0, 0, 1, GENERATED);
    p.add(fieldByName('tcp.segment')!.id, 0, 0, 5, GENERATED);
    const items = sink.items();
    expect(items[0]).toMatchObject({ link: 3, label: '[This is an ACK to the segment in frame: 3]' });
    expect(relatedFrames(items, 5)).toEqual([
      { frame: 1, relation: 'request' },
      { frame: 2, relation: 'segment' },
      { frame: 3, relation: 'ack' },
      { frame: 9, relation: 'response' },
      { frame: 12, relation: 'reassembled' },
    ]);
  });
});
