// Unit tests of the display-filter engine: lexer, parser, compiler (semantics on hand-made field values), the
// collecting sink, and the capture-filter translation. The goldens against tshark are in golden.test.ts.
import { describe, expect, it } from 'vitest';
import '../dissect/protocols';
import { fieldByName } from '../dissect/registry';
import type { FieldValue } from '../dissect/sinks';
import { NsTime } from '../dissect/sinks';
import { DEFAULT_RULES } from '../dissect/coloring';
import { translateCaptureFilter } from './bpf';
import type { CompileOptions, CompiledFilter } from './compile';
import { Decision, compileFilter } from './compile';
import { compileFilterBar } from './index';
import { tokenize } from './lexer';
import type { Expr } from './parser';
import { parse } from './parser';
import { parseAbsTime, parseIPv6 } from './literals';

const id = (name: string): number => {
  const def = fieldByName(name);
  if (!def) throw new Error(`no field ${name}`);
  return def.id;
};

function compiled(text: string, opts?: CompileOptions): CompiledFilter {
  const r = compileFilter(text, opts);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.filter;
}

/** Evaluate a filter on a packet given as field name → values (protocols: name → [null] or [bytes]). */
function test(text: string, packet: Record<string, FieldValue[]>, layers?: Record<string, number[]>): boolean {
  const f = compiled(text);
  const byId = new Map<number, FieldValue[]>();
  for (const [name, values] of Object.entries(packet)) byId.set(id(name), values);
  const layerMap = new Map<number, number[]>();
  for (const [name, ls] of Object.entries(layers ?? {})) layerMap.set(id(name), ls);
  return f.matches(
    (i) => byId.get(i) ?? [],
    (i, n) => layerMap.get(i)?.[n] ?? 1,
  );
}

function error(text: string): [string, number, number] {
  const r = compileFilter(text);
  if (r.ok) throw new Error(`${text} compiled`);
  return [r.error.message, r.error.start, r.error.length];
}

/** The tree as a compact string: (op l r), !e, ?e (exists), field names and literals as written. */
function show(e: Expr | null): string {
  if (!e) return '';
  switch (e.k) {
    case 'and':
    case 'or':
      return `(${e.k} ${show(e.l)} ${show(e.r)})`;
    case 'not':
      return `!${show(e.e)}`;
    case 'exists':
    case 'truthy':
      return `?${text(e)}`;
    case 'cmp':
      return `(${e.quant ? e.quant + ' ' : ''}${e.op} ${src(e.l)} ${src(e.r)})`;
    case 'in':
      return `(in ${src(e.l)} ${e.items.length})`;
  }
  function text(x: Expr): string {
    return SRC.slice(x.start, x.end);
  }
  function src(x: { start: number; end: number }): string {
    return SRC.slice(x.start, x.end);
  }
}
let SRC = '';
const tree = (t: string) => {
  SRC = t;
  return show(parse(t));
};

describe('lexer', () => {
  it('splits operators, words and keywords without spaces', () => {
    expect(tokenize('tcp.port==80&&!udp').map((t) => `${t.kind}:${t.text}`)).toEqual([
      'word:tcp.port',
      'cmp:==',
      'word:80',
      'and:&&',
      'not:!',
      'word:udp',
      'eof:',
    ]);
    expect(tokenize('a eq 1 and not b').map((t) => t.kind)).toEqual([
      'word',
      'cmp',
      'word',
      'and',
      'not',
      'word',
      'eof',
    ]);
  });

  it('keeps ".." apart from numbers and addresses inside words', () => {
    expect(tokenize('{1..3, 1.5 .. 2.5, 10.0.0.1..10.0.0.9}').map((t) => t.text)).toEqual([
      '{',
      '1',
      '..',
      '3',
      ',',
      '1.5',
      '..',
      '2.5',
      ',',
      '10.0.0.1',
      '..',
      '10.0.0.9',
      '}',
      '',
    ]);
    expect(tokenize('ip.addr == 10.0.0.0/8 && eth.src == aa:bb:cc:dd:ee:ff')[2].text).toBe('10.0.0.0/8');
    expect(tokenize('ipv6.addr == ::1')[2].text).toBe('::1');
  });

  it('decodes strings as bytes: escapes, octal, hex, unicode; raw strings keep backslashes', () => {
    const [s] = tokenize('"a\\x41\\101\\n\\u00e9\\""');
    expect(s.kind).toBe('string');
    expect(Array.from(s.bytes ?? [])).toEqual([0x61, 0x41, 0x41, 0x0a, 0xc3, 0xa9, 0x22]);
    expect(s.value).toBe('aAA\né"');
    const [r] = tokenize('r"\\d+\\.jpg"');
    expect(r.value).toBe('\\d+\\.jpg');
    expect(r.raw).toBe(true);
  });

  it('reads character constants', () => {
    expect(tokenize("'a' '\\n' '\\x41' '\\101'").map((t) => t.value)).toEqual(['97', '10', '65', '65', undefined]);
  });

  it('reads slices and layers as ranges', () => {
    expect(
      tokenize('frame[0:2,-1, 4-]')
        .filter((t) => t.kind === 'range')
        .map((t) => t.text),
    ).toEqual(['0:2', '-1', '4-']);
    expect(
      tokenize('ip.src#2')
        .slice(1)
        .map((t) => `${t.kind}:${t.text}`),
    ).toEqual(['hash:#', 'range:2', 'eof:']);
  });
});

describe('parser', () => {
  it('gives && precedence over ||, and ! over both', () => {
    expect(tree('a || b && c')).toBe('(or ?a (and ?b ?c))');
    expect(tree('!a && b')).toBe('(and !?a ?b)');
    expect(tree('not a == 1 or b')).toBe('(or !(any_eq a 1) ?b)');
    expect(tree('(a || b) && c')).toBe('(and (or ?a ?b) ?c)');
  });

  it('reads comparison chains as conjunctions, and the any/all prefixes', () => {
    expect(tree('a > 1 < 5')).toBe('(and (gt a 1) (lt 1 5))');
    expect(tree('all tcp.port > 1024')).toBe('(all gt tcp.port 1024)');
    expect(tree('tcp.port !== 80')).toBe('(any_ne tcp.port 80)');
    expect(tree('tcp.port ~= 80')).toBe('(any_ne tcp.port 80)');
  });

  it('reads sets, "not in", arithmetic and braces', () => {
    expect(tree('tcp.port in {80, 443, 8000..8080}')).toBe('(in tcp.port 3)');
    expect(tree('tcp.port not in {80}')).toBe('!(in tcp.port 1)');
    expect(tree('a + b * c & d == 1')).toBe('(any_eq a + b * c & d 1)');
    expect(tree('{a + 1} * 2 == 6')).toBe('(any_eq {a + 1} * 2 6)');
    expect(tree('tcp.flags & 0x02')).toBe('?tcp.flags & 0x02');
  });

  it('parses the empty filter as nothing', () => {
    expect(parse('')).toBeNull();
    expect(parse('   ')).toBeNull();
  });

  it('reads slice ranges: [i:j] length, [i-j] end, [i], [:j], [i:], negative offsets', () => {
    const e = parse('frame[1:2, 3-4, 5, :6, 7:, -2:]');
    expect(e?.k === 'exists' && e.e.k === 'slice' ? e.e.ranges.map((r) => [r.from, r.kind, r.n]) : null).toEqual([
      [1, 'length', 2],
      [3, 'offset', 4],
      [5, 'length', 1],
      [0, 'length', 6],
      [7, 'toEnd', 0],
      [-2, 'toEnd', 0],
    ]);
  });
});

describe('literals', () => {
  it('reads IPv6 text forms', () => {
    expect(Array.from(parseIPv6('::1') ?? [])).toEqual([...new Array<number>(15).fill(0), 1]);
    expect(Array.from(parseIPv6('fe80::1:2') ?? []).slice(0, 2)).toEqual([0xfe, 0x80]);
    expect(Array.from(parseIPv6('::ffff:1.2.3.4') ?? []).slice(10)).toEqual([0xff, 0xff, 1, 2, 3, 4]);
    expect(parseIPv6('1::2::3')).toBeNull();
    expect(parseIPv6('fe80::zz')).toBeNull();
  });

  it('reads absolute times in ISO 8601 and the legacy form, in UTC when told', () => {
    expect(parseAbsTime('2020-07-04T12:34:56.5Z')).toEqual(new NsTime(1593866096, 500000000));
    expect(parseAbsTime('2020-07-04 12:34:56+02:00')).toEqual(new NsTime(1593858896, 0));
    expect(parseAbsTime('Sep 26, 2004 23:18:04.954975 UTC')).toEqual(new NsTime(1096240684, 954975000));
    expect(parseAbsTime('garbage')).toBeNull();
  });
});

describe('compiler semantics', () => {
  const twoPorts = { tcp: [null], 'tcp.port': [42960, 8080], 'tcp.srcport': [42960], 'tcp.dstport': [8080] };

  it('tests presence of fields and protocols', () => {
    expect(test('tcp', twoPorts)).toBe(true);
    expect(test('udp', twoPorts)).toBe(false);
    expect(test('!udp', twoPorts)).toBe(true);
    expect(test('tcp.analysis.flags', twoPorts)).toBe(false);
  });

  it('follows Wireshark 4.0 for fields that occur several times', () => {
    expect(test('tcp.port == 8080', twoPorts)).toBe(true);
    expect(test('tcp.port != 8080', twoPorts)).toBe(false); // all_ne: every value differs
    expect(test('tcp.port !== 8080', twoPorts)).toBe(true); // any_ne
    expect(test('tcp.port ~= 8080', twoPorts)).toBe(true);
    expect(test('tcp.port === 8080', twoPorts)).toBe(false); // all_eq
    expect(test('all tcp.port > 1024', twoPorts)).toBe(true);
    expect(test('any tcp.port != 8080', twoPorts)).toBe(true);
    expect(test('tcp.port in {80, 8000..8080}', twoPorts)).toBe(true);
    expect(test('all tcp.port in {8080}', twoPorts)).toBe(false);
  });

  it('is false for a comparison with an absent field, whatever the operator', () => {
    for (const f of ['udp.port == 53', 'udp.port != 53', 'udp.port !== 53', 'udp.port > 0', 'udp.port in {53}']) {
      expect(test(f, twoPorts)).toBe(false);
    }
    expect(test('!(udp.port == 53)', twoPorts)).toBe(true);
  });

  it('compares IPv4 addresses under the shorter mask, and IPv6 prefixes', () => {
    const p = { 'ip.addr': [0x0a010203, 0xc0a80001], 'ip.src': [0x0a010203] };
    expect(test('ip.addr == 10.0.0.0/8', p)).toBe(true);
    expect(test('ip.src == 10.1.2.3', p)).toBe(true);
    expect(test('ip.src > 10.0.0.0/8', p)).toBe(false);
    expect(test('ip.src >= 10.0.0.0/8', p)).toBe(true);
    expect(test('ip.addr in {192.168.0.0/16}', p)).toBe(true);
    const v6 = { 'ipv6.src': [parseIPv6('fe80::1') as Uint8Array] };
    expect(test('ipv6.src == fe80::/10', v6)).toBe(true);
    expect(test('ipv6.src == fe80::2', v6)).toBe(false);
  });

  it('reads value-string names, booleans and character constants', () => {
    expect(test('ip.proto == TCP', { 'ip.proto': [6] })).toBe(true);
    expect(test('ip.proto == "UDP"', { 'ip.proto': [6] })).toBe(false);
    expect(test('tcp.flags.syn == True', { 'tcp.flags.syn': [true] })).toBe(true);
    expect(test('tcp.flags.syn == 0', { 'tcp.flags.syn': [true] })).toBe(false);
    expect(test('tcp.flags.syn == Set', { 'tcp.flags.syn': [true] })).toBe(true);
    expect(test("frame.number == 'a'", { 'frame.number': [97] })).toBe(true);
    expect(
      test('frame.number == 0x61 && frame.number == 0141 && frame.number == 0b1100001', { 'frame.number': [97] }),
    ).toBe(true);
  });

  it('compares strings exactly, "contains" as is, "matches" without case unless (?-i)', () => {
    const p = { 'http.request.uri': ['/Icon.JPG'] };
    expect(test('http.request.uri == "/icon.jpg"', p)).toBe(false);
    expect(test('http.request.uri contains "Icon"', p)).toBe(true);
    expect(test('http.request.uri contains "icon"', p)).toBe(false);
    expect(test('http.request.uri matches "icon\\\\.jpg$"', p)).toBe(true);
    expect(test('http.request.uri ~ "(?-i)icon"', p)).toBe(false);
    expect(test('lower(http.request.uri) == "/icon.jpg"', p)).toBe(true);
    expect(test('upper(http.request.uri) contains "ICON"', p)).toBe(true);
    expect(test('len(http.request.uri) == 9', p)).toBe(true);
  });

  it('slices bytes, protocols and strings; compares bytes by length first', () => {
    const payload = new TextEncoder().encode('GET / HTTP/1.1\r\n');
    const p = { 'tcp.payload': [payload], 'http.request.method': ['GET'] };
    expect(test('tcp.payload[0:3] == "GET"', p)).toBe(true);
    expect(test('tcp.payload[0:3] == 47:45:54', p)).toBe(true);
    expect(test('tcp.payload[0-2] == 47.45.54', p)).toBe(true);
    expect(test('tcp.payload[:3] == 474554', p)).toBe(true);
    expect(test('tcp.payload[-2:] == 0d:0a', p)).toBe(true);
    expect(test('tcp.payload[0] == 0x47', p)).toBe(true);
    expect(test('tcp.payload[0:1, 2:1] == "GT"', p)).toBe(true);
    expect(test('tcp.payload[100]', p)).toBe(false);
    expect(test('tcp.payload[0:2] > 47', p)).toBe(true); // longer is greater
    expect(test('http.request.method[1:2] == "ET"', p)).toBe(true);
    expect(test('tcp.payload contains "HTTP"', p)).toBe(true);
    expect(test('tcp.payload contains 0d:0a', p)).toBe(true);
    expect(test('tcp.payload matches "^get /"', p)).toBe(true);
    expect(test('tcp.payload[0] & 0x40', p)).toBe(true);
  });

  it('does arithmetic over every pair of values, and bitwise and as a test', () => {
    const p = { 'tcp.srcport': [42960], 'tcp.dstport': [8080], 'tcp.flags': [0x012] };
    expect(test('tcp.srcport + tcp.dstport == 51040', p)).toBe(true);
    expect(test('tcp.dstport - 1 == 8079', p)).toBe(true);
    expect(test('{tcp.dstport + 20} * 2 == 16200', p)).toBe(true);
    expect(test('tcp.dstport % 7 == 2', p)).toBe(true);
    expect(test('tcp.dstport / 0 == 1', p)).toBe(false);
    expect(test('-tcp.dstport == -8080', p)).toBe(true);
    expect(test('tcp.flags & 0x02', p)).toBe(true);
    expect(test('tcp.flags & 0x04', p)).toBe(false);
    expect(test('tcp.flags & 0x12 == 0x12', p)).toBe(true);
  });

  it('never compares an unsigned field with a negative number (as tshark)', () => {
    const p = { 'frame.number': [5] };
    expect(test('frame.number > -1', p)).toBe(false);
    expect(test('frame.number < -1', p)).toBe(false);
    expect(test('frame.number != -1', p)).toBe(true);
  });

  it('has count, string, max, min and abs', () => {
    const p = { 'ip.addr': [0x7f000001, 0x7f000002], 'tcp.srcport': [42960], 'tcp.dstport': [8080] };
    expect(test('count(ip.addr) == 2', p)).toBe(true);
    expect(test('count(udp.port) == 0', p)).toBe(false);
    expect(test('string(ip.addr) == "127.0.0.2"', p)).toBe(true);
    expect(test('max(tcp.srcport, tcp.dstport) == 42960', p)).toBe(true);
    expect(test('min(tcp.srcport, tcp.dstport, 100) == 100', p)).toBe(true);
    expect(test('abs(tcp.dstport - 9000) == 920', p)).toBe(true);
  });

  it('compares times: relative in seconds, absolute as dates', () => {
    const p = { 'frame.time_relative': [new NsTime(0, 150000000)], 'frame.time': [new NsTime(1700000000, 0)] };
    expect(test('frame.time_relative > 0.1 && frame.time_relative <= 0.15', p)).toBe(true);
    expect(test('frame.time_relative in {0.1 .. 0.2}', p)).toBe(true);
    expect(test('frame.time_relative + 1 == 1.15', p)).toBe(true);
    expect(test('frame.time > "2023-01-01T00:00:00Z"', p)).toBe(true);
    expect(test('frame.time < "Nov 14, 2023 22:13:20 UTC"', p)).toBe(false);
    expect(test('frame.time == "Nov 14, 2023 22:13:20 UTC"', p)).toBe(true);
  });

  it('restricts values to layers with #', () => {
    const p = { 'ip.src': [1, 2] };
    const layers = { 'ip.src': [1, 2] };
    expect(test('ip.src#1 == 0.0.0.1', p, layers)).toBe(true);
    expect(test('ip.src#2 == 0.0.0.1', p, layers)).toBe(false);
    expect(test('ip.src#[1-2] == 0.0.0.2', p, layers)).toBe(true);
    expect(test('ip.src#3', p, layers)).toBe(false);
  });

  it('reads ${field} references from the options', () => {
    const port = id('tcp.port');
    const f = compiled('tcp.port == ${tcp.port}', { references: (i) => (i === port ? [8080] : []) });
    expect(f.references).toEqual([port]);
    expect(f.matches((i) => (i === port ? [8080] : []))).toBe(true);
    expect(compiled('tcp.port == ${tcp.port}').matches((i) => (i === port ? [8080] : []))).toBe(false);
  });

  it('says which fields, protocols and protocol bytes it needs', () => {
    const f = compiled('tcp.port == 80 && http && frame[0:2] == 00:01 || ip.src#2 == 1.2.3.4');
    expect(f.fields).toEqual([id('frame'), id('ip.src'), id('tcp.port'), id('http')].sort((a, b) => a - b));
    expect(f.protocols).toEqual(['frame', 'http']);
    expect(f.spans).toEqual([id('frame')]);
    expect(f.layered).toEqual([id('ip.src')]);
    expect(compiled('').empty).toBe(true);
    expect(compiled('').matches(() => [])).toBe(true);
  });

  it('flags deprecated forms', () => {
    expect(compiled('tcp.port ~= 80').deprecated).toEqual(['~=']);
    const f = compiled('http.request.method == GET');
    expect(f.deprecated).toEqual(['GET']);
    expect(f.warnings[0]).toMatchObject({ start: 23, length: 3 });
    expect(compiled('http.request.method == "GET"').deprecated).toEqual([]);
  });

  it('can treat names it does not know as never present (for Wireshark-wide filters such as colouring rules)', () => {
    expect(compileFilter('hsrp.state != 8').ok).toBe(false);
    const f = compiled('hsrp.state != 8 && hsrp.state != 16 || sctp.chunk_type eq ABORT', { unknownAsAbsent: true });
    expect(f.matches(() => [])).toBe(false);
    expect(compiled('!(smb || nbss)', { unknownAsAbsent: true }).matches(() => [])).toBe(true);
    expect(f.warnings.map((w) => w.message)).toContain('"hsrp.state" is not known here: treated as never present.');
  });

  it('compiles every default colouring rule with unknown protocols as absent', () => {
    for (const rule of DEFAULT_RULES) {
      const r = compileFilter(rule.filter, { unknownAsAbsent: true });
      expect(r.ok ? '' : `${rule.name}: ${r.error.message}`).toBe('');
    }
  });
});

describe('deciding from what the first pass knows', () => {
  /** Decide with some fields known (name → values); every other field unknown. */
  const decide = (text: string, known: Record<string, FieldValue[]>) => {
    const byId = new Map(Object.entries(known).map(([n, v]) => [id(n), v]));
    return compiled(text).decide((i) => byId.get(i));
  };

  it('uses three-valued logic: a known part can decide without the unknown one', () => {
    expect(decide('tcp.port == 80 && http.host == "x"', { 'tcp.port': [81, 1234] })).toBe(Decision.No);
    expect(decide('tcp.port == 80 && http.host == "x"', { 'tcp.port': [80, 1234] })).toBe(Decision.Dissect);
    expect(decide('tcp.port == 80 || http.host == "x"', { 'tcp.port': [80, 1234] })).toBe(Decision.Yes);
    expect(decide('http.host == "x" || tcp.port == 80', { 'tcp.port': [80] })).toBe(Decision.Yes);
    expect(decide('!(tcp.port == 80)', { 'tcp.port': [80] })).toBe(Decision.No);
    expect(decide('!http.host', {})).toBe(Decision.Dissect);
    expect(decide('tcp && http', { tcp: [null], http: [] })).toBe(Decision.No);
    expect(decide('tcp && http', { tcp: [null], http: [null] })).toBe(Decision.Yes);
  });

  it('dissects for protocol bytes and layers, whatever is known', () => {
    expect(decide('frame[0] == 02', { frame: [null] })).toBe(Decision.Dissect);
    expect(decide('ip.src#1 == 1.2.3.4', { 'ip.src': [0x01020304] })).toBe(Decision.Dissect);
    expect(decide('ip.src == 1.2.3.4', { 'ip.src': [0x01020304] })).toBe(Decision.Yes);
  });
});

describe('compile errors', () => {
  it('say what and where, as Wireshark does', () => {
    expect(error('foo')).toEqual(['foo is neither a field nor a protocol name.', 0, 3]);
    expect(error('tcp.port == 80 80')).toEqual(['"80" was unexpected in this context.', 15, 2]);
    expect(error('tcp.port ==')).toEqual(['Unexpected end of filter expression.', 11, 0]);
    expect(error('ip.proto == tcp')).toEqual(['ip.proto and tcp are not of compatible types.', 12, 3]);
    expect(error('ip.addr == 10.0.0.0/33')).toEqual([
      'Netmask bits in a CIDR IPv4 address should be <= 32, not 33',
      11,
      11,
    ]);
    expect(error('http.request.method matches GET')).toEqual([
      'Matches requires a double quoted string on the right side.',
      28,
      3,
    ]);
    expect(error('http.request.uri matches "("')[0]).toMatch(/^"\(" is not a valid regular expression/);
    expect(error('len(http.host)')).toEqual(['You cannot test whether a function is present.', 0, 3]);
    expect(error('tcp.port == 80 xor udp')).toEqual(['"xor" was unexpected in this context.', 15, 3]);
  });
});

describe('capture filters', () => {
  const cases: [string, string][] = [
    ['tcp port 80', 'tcp.port == 80'],
    ['port 8080', 'tcp.port == 8080 || udp.port == 8080'],
    [
      'host 127.0.0.1 and port 8080',
      '(ip.addr == 127.0.0.1 || arp.src.proto_ipv4 == 127.0.0.1 || arp.dst.proto_ipv4 == 127.0.0.1) && (tcp.port == 8080 || udp.port == 8080)',
    ],
    ['ip host 10.1.2.3', 'ip.addr == 10.1.2.3'],
    ['src net 10.0.0.0/8', 'ip.src == 10.0.0.0/8 || arp.src.proto_ipv4 == 10.0.0.0/8'],
    ['ip dst net 192.168', 'ip.dst == 192.168.0.0/16'],
    ['ip net 10.0.0.0 mask 255.255.0.0', 'ip.addr == 10.0.0.0/16'],
    ['dst host 10.1.2.3', 'ip.dst == 10.1.2.3 || arp.dst.proto_ipv4 == 10.1.2.3'],
    ['udp', 'udp'],
    ['icmp or icmp6', 'icmp || icmpv6'],
    ['not arp', '!arp'],
    ['portrange 1-1024', 'tcp.port in {1..1024} || udp.port in {1..1024}'],
    ['tcp dst portrange 8000-8080', 'tcp.dstport in {8000..8080}'],
    ['ether host 00:11:22:AA:bb:cc', 'eth.addr == 00:11:22:aa:bb:cc'],
    ['ether src 00:11:22:33:44:55', 'eth.src == 00:11:22:33:44:55'],
    ['tcp port 21 or 22', 'tcp.port == 21 || tcp.port == 22'],
    ['tcp src port http', 'tcp.srcport == 80'],
    ['src and dst port 53', '(tcp.srcport == 53 && tcp.dstport == 53) || (udp.srcport == 53 && udp.dstport == 53)'],
    ['ip6 host ::1', 'ipv6.addr == ::1'],
    ['ip proto \\udp', 'ip.proto == 17'],
    ['ether proto \\arp', 'eth.type == 0x0806'],
    ['vlan 100 and tcp', 'vlan.id == 100 && tcp'],
    ['less 100 or greater 1500', 'frame.len <= 100 || frame.len >= 1500'],
    ['ether broadcast', 'eth.dst == ff:ff:ff:ff:ff:ff'],
    ['ether multicast', 'eth.dst[0] & 1'],
    // Equal precedence, left to right: (port 80 or port 443) and host …
    ['tcp port 80 or tcp port 443 and ip host 1.2.3.4', '(tcp.port == 80 || tcp.port == 443) && ip.addr == 1.2.3.4'],
    ['not (tcp port 22 or tcp port 23)', '!(tcp.port == 22 || tcp.port == 23)'],
    ['! tcp port 80', '!(tcp.port == 80)'],
  ];

  it.each(cases)('%s → %s', (bpf, display) => {
    expect(translateCaptureFilter(bpf)).toEqual({ ok: true, filter: display });
    expect(compileFilter(display).ok).toBe(true);
  });

  it('refuses what it does not translate', () => {
    for (const t of ['host example.com', 'tcp[13] & 2 != 0', 'foo', 'port', 'a or b', 'gateway 1.2.3.4']) {
      expect(translateCaptureFilter(t).ok).toBe(false);
    }
  });

  it('is tried only when the text is not a display filter', () => {
    const bar = compileFilterBar('tcp port 80');
    expect(bar.ok && bar.translated).toBe('tcp.port == 80');
    const display = compileFilterBar('tcp');
    expect(display.ok && display.translated).toBe(undefined);
    const bad = compileFilterBar('tcp.port = 80');
    expect(bad.ok ? null : bad.error.message).toBe('"=" was unexpected in this context.');
  });
});
