// Capture filters (pcap-filter(7), the BPF syntax of tcpdump and Wireshark's capture options) typed into the display
// filter bar: recognised and translated to the display filter that selects the same packets.
//
// The translation follows what libpcap compiles, not only what its manual says: "host X" also matches ARP and RARP
// packets about X (libpcap tests ip, arp and rarp addresses), "port N" is a TCP or UDP port (libpcap adds SCTP, which
// this engine does not dissect), and "and"/"or" have equal precedence and group from the left, so the translation
// adds the parentheses that display filters need ("a or b and c" is "(a || b) && c").
//
// Not translated (the text stays an invalid display filter): byte-offset expressions (tcp[13] & 2 != 0), host names,
// "gateway", "ip broadcast" (needs the netmask), protocols this engine does not dissect.

export type BpfResult = { ok: true; filter: string } | { ok: false; reason: string };

type Dir = 'src' | 'dst' | 'src or dst' | 'src and dst' | null;
type Kind = 'host' | 'net' | 'port' | 'portrange' | null;

interface Qualifiers {
  proto: string | null;
  dir: Dir;
  kind: Kind;
}

/** A translated piece and the loosest operator at its top (for parentheses). */
interface Piece {
  text: string;
  prec: number;
}

const OR = 1;
const AND = 2;
const NOT = 3;
const ATOM = 4;

const atom = (text: string): Piece => ({ text, prec: ATOM });
const paren = (p: Piece, min: number) => (p.prec < min ? `(${p.text})` : p.text);
/** Join with && or ||; a part joined with the other operator gets parentheses (needed, or clearer to read). */
const join = (op: '&&' | '||', parts: Piece[]): Piece => {
  if (parts.length === 1) return parts[0];
  const prec = op === '||' ? OR : AND;
  const wrap = (p: Piece) => ((p.prec === OR || p.prec === AND) && p.prec !== prec ? `(${p.text})` : p.text);
  return { text: parts.map(wrap).join(` ${op} `), prec };
};

/** Protocol qualifiers and the display-filter protocol each one is. */
const PROTOCOLS: Record<string, string> = {
  ether: 'eth',
  ip: 'ip',
  ip6: 'ipv6',
  arp: 'arp',
  rarp: 'arp',
  tcp: 'tcp',
  udp: 'udp',
  icmp: 'icmp',
  icmp6: 'icmpv6',
  vlan: 'vlan',
  pppoes: 'pppoes',
  pppoed: 'pppoed',
  stp: 'stp',
};

/** Well-known port names (services) accepted where a port number goes. */
const PORTS: Record<string, number> = {
  ftp: 21,
  'ftp-data': 20,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  bootps: 67,
  bootpc: 68,
  tftp: 69,
  http: 80,
  www: 80,
  pop3: 110,
  ntp: 123,
  'netbios-ns': 137,
  'netbios-dgm': 138,
  'netbios-ssn': 139,
  imap: 143,
  snmp: 161,
  ldap: 389,
  https: 443,
  'microsoft-ds': 445,
  syslog: 514,
  submission: 587,
  imaps: 993,
  pop3s: 995,
  mdns: 5353,
  'http-alt': 8080,
};

/** ip proto / ip6 proto names. */
const IP_PROTOS: Record<string, number> = { icmp: 1, igmp: 2, tcp: 6, udp: 17, icmp6: 58, sctp: 132 };
/** ether proto names. */
const ETHER_PROTOS: Record<string, number> = { ip: 0x0800, arp: 0x0806, rarp: 0x8035, ip6: 0x86dd };

const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;
const MAC = /^[0-9a-fA-F]{1,2}([:.-][0-9a-fA-F]{1,2}){5}$/;

class Fail extends Error {}

function num(text: string | undefined, what: string): number {
  if (text === undefined || !/^(0x[0-9a-fA-F]+|\d+)$/.test(text)) throw new Fail(`${what} expected`);
  return Number(text);
}

function ipv4ok(text: string): boolean {
  return IPV4.test(text) && text.split('.').every((o) => Number(o) <= 255);
}

/** A network "10", "10.1", "10.1.2", "10.0.0.0/8" as CIDR text. */
function cidr(text: string, mask?: string): string {
  if (mask !== undefined) {
    if (!ipv4ok(text) || !ipv4ok(mask)) throw new Fail('bad net mask');
    const m = mask.split('.').reduce((a, o) => a * 256 + Number(o), 0);
    const bits = 32 - Math.log2(2 ** 32 - m);
    if (!Number.isInteger(bits)) throw new Fail('non-contiguous mask');
    return `${text}/${bits}`;
  }
  const m = text.match(/^([\d.]+)(?:\/(\d+))?$/);
  if (!m) throw new Fail(`bad network ${text}`);
  const parts = m[1].split('.');
  if (parts.length > 4 || parts.some((p) => p === '' || Number(p) > 255)) throw new Fail(`bad network ${text}`);
  const bits = m[2] !== undefined ? Number(m[2]) : parts.length * 8;
  if (bits > 32) throw new Fail('bad prefix');
  while (parts.length < 4) parts.push('0');
  return `${parts.join('.')}/${bits}`;
}

function isIPv6(text: string): boolean {
  return /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(text) && text.includes(':') && !MAC.test(text);
}

class Translator {
  private readonly toks: string[];
  private i = 0;
  private last: Qualifiers | null = null;

  constructor(text: string) {
    this.toks = text.match(/&&|\|\||!=|[()!]|[^\s()!&|]+/g) ?? [];
  }

  private peek(k = 0): string | undefined {
    return this.toks[this.i + k];
  }

  private take(): string | undefined {
    return this.toks[this.i++];
  }

  run(): string {
    if (this.toks.length === 0) throw new Fail('empty');
    const p = this.expr();
    if (this.i < this.toks.length) throw new Fail(`unexpected ${this.peek()}`);
    return p.text;
  }

  /** Alternation and concatenation: equal precedence, left to right. */
  private expr(): Piece {
    let l = this.term();
    for (;;) {
      const t = this.peek();
      if (t === 'and' || t === '&&') {
        this.take();
        l = join('&&', [l, this.term()]);
      } else if (t === 'or' || t === '||') {
        this.take();
        l = join('||', [l, this.term()]);
      } else return l;
    }
  }

  private term(): Piece {
    const t = this.peek();
    if (t === 'not' || t === '!') {
      this.take();
      const e = this.term();
      // "!tcp.port == 80" is right, "!(tcp.port == 80)" reads better.
      return {
        text: e.text.includes(' ') && e.prec === ATOM && !e.text.startsWith('(') ? `!(${e.text})` : `!${paren(e, NOT)}`,
        prec: NOT,
      };
    }
    if (t === '(') {
      this.take();
      const e = this.expr();
      if (this.take() !== ')') throw new Fail('missing )');
      return { text: `(${e.text})`, prec: ATOM };
    }
    return this.primitive();
  }

  private primitive(): Piece {
    let proto: string | null = null;
    let dir: Dir = null;
    let kind: Kind = null;
    const t0 = this.peek();
    if (t0 !== undefined && t0 in PROTOCOLS) {
      proto = t0;
      this.take();
    }
    // Direction: src, dst, "src or dst", "src and dst".
    const d = this.peek();
    if (d === 'src' || d === 'dst') {
      this.take();
      dir = d;
      const conj = this.peek();
      if ((conj === 'or' || conj === 'and') && this.peek(1) === (d === 'src' ? 'dst' : 'src')) {
        this.i += 2;
        dir = conj === 'or' ? 'src or dst' : 'src and dst';
      }
    }
    const k = this.peek();
    if (k === 'host' || k === 'net' || k === 'port' || k === 'portrange') {
      this.take();
      kind = k;
    }
    // Keywords that take no id or a number.
    if (!dir && !kind) {
      const special = this.special(proto);
      if (special) return special;
      if (proto) {
        const next = this.peek();
        if (next === undefined || next === ')' || ['and', 'or', '&&', '||'].includes(next)) {
          this.last = null;
          return atom(PROTOCOLS[proto]);
        }
      }
    }
    const id = this.take();
    if (id === undefined || ['and', 'or', '&&', '||', ')', 'not', '!'].includes(id)) {
      throw new Fail('an address or port was expected');
    }
    let q: Qualifiers;
    if (!proto && !dir && !kind) {
      // An id alone repeats the last qualifiers ("host a or b", "tcp port 21 or 22").
      if (!this.last) throw new Fail(`${id} is not a capture filter primitive`);
      q = this.last;
    } else {
      q = { proto, dir, kind };
    }
    this.last = q;
    let id2: string | undefined;
    if (this.peek() === 'mask' && (q.kind === 'net' || (!q.kind && q.dir))) {
      this.take();
      id2 = this.take();
    }
    return this.translate(q, id, id2);
  }

  /** broadcast, multicast, less N, greater N, proto P, vlan [N]. */
  private special(proto: string | null): Piece | null {
    const t = this.peek();
    switch (t) {
      case 'broadcast':
        this.take();
        if (proto && proto !== 'ether') throw new Fail(`${proto} broadcast is not supported`);
        return atom('eth.dst == ff:ff:ff:ff:ff:ff');
      case 'multicast':
        this.take();
        if (!proto || proto === 'ether') return atom('eth.dst[0] & 1');
        if (proto === 'ip') return atom('ip.dst == 224.0.0.0/4');
        if (proto === 'ip6') return atom('ipv6.dst == ff00::/8');
        throw new Fail(`${proto} multicast is not supported`);
      case 'less':
      case 'greater':
        if (proto) return null;
        this.take();
        return atom(`frame.len ${t === 'less' ? '<=' : '>='} ${num(this.take(), 'a length')}`);
      case 'proto': {
        this.take();
        let name = this.take();
        if (name === undefined) throw new Fail('a protocol was expected');
        name = name.replace(/^\\/, '');
        if (proto === 'ether') {
          const v = ETHER_PROTOS[name] ?? num(name, 'an EtherType');
          return atom(`eth.type == 0x${v.toString(16).padStart(4, '0')}`);
        }
        const v = IP_PROTOS[name] ?? num(name, 'a protocol number');
        if (proto === 'ip6') return atom(`ipv6.nxt == ${v}`);
        if (proto === 'ip' || proto === null) {
          return proto === 'ip'
            ? atom(`ip.proto == ${v}`)
            : join('||', [atom(`ip.proto == ${v}`), atom(`ipv6.nxt == ${v}`)]);
        }
        throw new Fail(`${proto} proto is not supported`);
      }
      default:
        if (proto === 'vlan') {
          const id = this.peek();
          if (id !== undefined && /^\d+$/.test(id)) {
            this.take();
            return atom(`vlan.id == ${id}`);
          }
          return atom('vlan');
        }
        return null;
    }
  }

  private translate(q: Qualifiers, id: string, mask?: string): Piece {
    const kind = q.kind ?? (id.includes('/') || mask !== undefined ? 'net' : 'host');
    if (kind === 'port' || kind === 'portrange') return this.port(q, kind, id);
    if (q.proto === 'ether') {
      if (kind !== 'host' || !MAC.test(id)) throw new Fail('ether host needs a MAC address');
      return this.addresses(['eth'], q.dir, id.toLowerCase());
    }
    if (MAC.test(id)) throw new Fail('a MAC address needs "ether"');
    if (isIPv6(id)) {
      if (q.proto && q.proto !== 'ip6') throw new Fail(`${q.proto} with an IPv6 address`);
      return this.addresses(['ipv6'], q.dir, id);
    }
    if (q.proto && !['ip', 'arp', 'rarp'].includes(q.proto)) throw new Fail(`${q.proto} ${kind} is not supported`);
    let value: string;
    if (kind === 'net') value = cidr(id, mask);
    else if (ipv4ok(id)) value = id;
    else throw new Fail(`${id} is not an IPv4 address (host names are not looked up)`);
    const families = q.proto === 'ip' ? ['ip'] : q.proto ? ['arp'] : ['ip', 'arp'];
    return join(
      '||',
      families.map((f) => this.addresses([f], q.dir, value)),
    );
  }

  /** Address tests for one family: ip.src/ip.dst/ip.addr, ipv6.*, eth.*, arp.src.proto_ipv4/arp.dst.proto_ipv4. */
  private addresses(families: string[], dir: Dir, value: string): Piece {
    const f = families[0];
    const src = f === 'arp' ? 'arp.src.proto_ipv4' : `${f}.src`;
    const dst = f === 'arp' ? 'arp.dst.proto_ipv4' : `${f}.dst`;
    switch (dir) {
      case 'src':
        return atom(`${src} == ${value}`);
      case 'dst':
        return atom(`${dst} == ${value}`);
      case 'src and dst':
        return join('&&', [atom(`${src} == ${value}`), atom(`${dst} == ${value}`)]);
      default:
        return f === 'arp'
          ? join('||', [atom(`${src} == ${value}`), atom(`${dst} == ${value}`)])
          : atom(`${f}.addr == ${value}`);
    }
  }

  private port(q: Qualifiers, kind: 'port' | 'portrange', id: string): Piece {
    const one = (text: string) => {
      const n = PORTS[text] ?? num(text, 'a port');
      if (n > 65535) throw new Fail('port out of range');
      return n;
    };
    let value: string;
    let op: string;
    if (kind === 'portrange') {
      const m = id.match(/^([^-]+)-([^-]+)$/);
      if (!m) throw new Fail('a port range a-b was expected');
      value = `{${one(m[1])}..${one(m[2])}}`;
      op = 'in';
    } else {
      value = String(one(id));
      op = '==';
    }
    if (q.proto && q.proto !== 'tcp' && q.proto !== 'udp' && q.proto !== 'ip' && q.proto !== 'ip6') {
      throw new Fail(`${q.proto} has no ports`);
    }
    const protos = q.proto === 'tcp' || q.proto === 'udp' ? [q.proto] : ['tcp', 'udp'];
    const v6 = q.proto === 'ip6' ? ['ipv6'] : q.proto === 'ip' ? ['ip'] : [];
    const pieces = protos.map((p) => {
      const test = (field: string) => atom(`${p}.${field} ${op} ${value}`);
      switch (q.dir) {
        case 'src':
          return test('srcport');
        case 'dst':
          return test('dstport');
        case 'src and dst':
          return join('&&', [test('srcport'), test('dstport')]);
        default:
          return test('port');
      }
    });
    const ports = join('||', pieces);
    return v6.length ? join('&&', [atom(v6[0]), ports]) : ports;
  }
}

/**
 * Translate a capture filter to a display filter. Fails for text that is not a capture filter, or uses what the
 * translation does not cover (the reason says which).
 */
export function translateCaptureFilter(text: string): BpfResult {
  try {
    return { ok: true, filter: new Translator(text.trim()).run() };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, reason: e.message };
    throw e;
  }
}
