// The display-filter parser: tokens → syntax tree, with Wireshark 4.0's grammar and precedence.
//
//   expr      := or
//   or        := and { ("||" | "or") and }
//   and       := unary { ("&&" | "and") unary }
//   unary     := ("!" | "not") unary | "(" expr ")" | relation
//   relation  := ["any" | "all"] value { cmpop value }      (a chain: a < b < c is a < b && b < c)
//              | value ["not"] "in" "{" item { "," item } "}"
//              | value                                        (a field or protocol alone: it exists)
//   value     := bitand;   bitand := sum { "&" sum };   sum := product { ("+" | "-") product }
//   product   := prefix { ("*" | "/" | "%") prefix };   prefix := "-" prefix | "+" prefix | atom
//   atom      := "{" value "}" | WORD ["#" layer] {slice} | NAME "(" [value {"," value}] ")" {slice}
//              | "${" WORD "}" {slice} | STRING | CHARCONST
//   item      := value [".." value]
//
// Parentheses group tests, braces group arithmetic: "(frame.number) == 3" is an error in Wireshark too.
import type { CmpOp, Token } from './lexer';
import { FilterSyntaxError, tokenize } from './lexer';

export interface Span {
  start: number;
  end: number;
}

/** A slice or layer range: start and either a length, an inclusive end offset, or "to the end". */
export interface RangeNode extends Span {
  from: number;
  kind: 'length' | 'offset' | 'toEnd';
  /** The length, or the inclusive end offset. */
  n: number;
}

export type Value =
  /** A field name or a literal, decided by the compiler: "tcp", "80", "10.0.0.0/8", "aa:bb". */
  | (Span & { k: 'word'; text: string; forced: 'field' | 'literal' | null })
  | (Span & { k: 'string'; text: string; value: string; bytes: Uint8Array; raw: boolean })
  | (Span & { k: 'charconst'; text: string; code: number })
  | (Span & { k: 'slice'; e: Value; ranges: RangeNode[] })
  | (Span & { k: 'layer'; e: Value; ranges: RangeNode[] })
  | (Span & { k: 'call'; name: string; nameSpan: Span; args: Value[] })
  /** A field reference ${ip.src}: the field's values in the selected packet. */
  | (Span & { k: 'ref'; name: string; nameSpan: Span })
  | (Span & { k: 'arith'; op: '+' | '-' | '*' | '/' | '%' | '&'; opSpan: Span; l: Value; r: Value })
  | (Span & { k: 'neg'; e: Value });

export interface SetItem {
  lo: Value;
  hi: Value | null;
}

export type Expr =
  | (Span & { k: 'and' | 'or'; l: Expr; r: Expr })
  | (Span & { k: 'not'; e: Expr })
  /** A field, protocol or slice alone: true when it is present. */
  | (Span & { k: 'exists'; e: Value })
  /** Arithmetic alone ("tcp.flags & 0x02"): true when a result is not zero. */
  | (Span & { k: 'truthy'; e: Value })
  | (Span & { k: 'cmp'; op: CmpOp; opText: string; opSpan: Span; quant: 'any' | 'all' | null; l: Value; r: Value })
  | (Span & { k: 'in'; quant: 'any' | 'all' | null; l: Value; items: SetItem[] });

/** The functions of the language (wireshark-filter(4)). */
export const FUNCTIONS: ReadonlySet<string> = new Set([
  'len',
  'count',
  'upper',
  'lower',
  'string',
  'max',
  'min',
  'abs',
]);

/** The syntax tree of a filter; null for an empty filter (which shows every packet). */
export function parse(text: string): Expr | null {
  return new Parser(text).sentence();
}

const RANGE_PATTERNS: [RegExp, (m: RegExpMatchArray) => Omit<RangeNode, 'start' | 'end'>][] = [
  [/^(-?\d+):(\d+)$/, (m) => ({ from: +m[1], kind: 'length', n: +m[2] })],
  [/^:(\d+)$/, (m) => ({ from: 0, kind: 'length', n: +m[1] })],
  [/^(-?\d+):$/, (m) => ({ from: +m[1], kind: 'toEnd', n: 0 })],
  [/^(-?\d+)-(-?\d+)$/, (m) => ({ from: +m[1], kind: 'offset', n: +m[2] })],
  [/^(-?\d+)$/, (m) => ({ from: +m[1], kind: 'length', n: 1 })],
];

function parseRange(t: Token): RangeNode {
  for (const [re, make] of RANGE_PATTERNS) {
    const m = t.text.match(re);
    if (m) return { ...make(m), start: t.start, end: t.end };
  }
  const bad = t.text.split(/[:-]/).find((p) => p !== '' && !/^\d+$/.test(p.trim()));
  if (bad !== undefined)
    throw new FilterSyntaxError(`"${bad.trim()}" is not a valid number.`, t.start, t.end - t.start);
  throw new FilterSyntaxError(`"${t.text}" is not a valid range.`, t.start, t.end - t.start);
}

class Parser {
  private readonly toks: Token[];
  private i = 0;

  constructor(readonly text: string) {
    this.toks = tokenize(text);
  }

  private get tok(): Token {
    return this.toks[this.i];
  }

  /** The current token's kind (a method, so that TypeScript does not narrow it across next()). */
  private kind(): Token['kind'] {
    return this.toks[this.i].kind;
  }

  private peek(k = 1): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)];
  }

  private next(): Token {
    const t = this.toks[this.i];
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private unexpected(t: Token = this.tok): FilterSyntaxError {
    if (t.kind === 'eof') return new FilterSyntaxError('Unexpected end of filter expression.', t.start, 0);
    return new FilterSyntaxError(`"${t.text}" was unexpected in this context.`, t.start, t.end - t.start);
  }

  private expect(kind: Token['kind']): Token {
    if (this.kind() !== kind) throw this.unexpected();
    return this.next();
  }

  sentence(): Expr | null {
    if (this.kind() === 'eof') return null;
    const e = this.or();
    if (this.kind() !== 'eof') throw this.unexpected();
    return e;
  }

  private or(): Expr {
    let l = this.and();
    while (this.kind() === 'or') {
      this.next();
      const r = this.and();
      l = { k: 'or', l, r, start: l.start, end: r.end };
    }
    return l;
  }

  private and(): Expr {
    let l = this.unary();
    while (this.kind() === 'and') {
      this.next();
      const r = this.unary();
      l = { k: 'and', l, r, start: l.start, end: r.end };
    }
    return l;
  }

  private unary(): Expr {
    const t = this.tok;
    if (t.kind === 'not') {
      this.next();
      const e = this.unary();
      return { k: 'not', e, start: t.start, end: e.end };
    }
    if (t.kind === 'lparen') {
      this.next();
      const e = this.or();
      const close = this.expect('rparen');
      return { ...e, start: t.start, end: close.end };
    }
    return this.relation();
  }

  private relation(): Expr {
    let quant: 'any' | 'all' | null = null;
    const first = this.tok;
    if (first.kind === 'any' || first.kind === 'all') {
      quant = first.kind;
      this.next();
    }
    const l = this.value();
    const t = this.tok;
    if (t.kind === 'cmp') {
      // A chain a < b < c means a < b && b < c.
      let left = l;
      let out: Expr | null = null;
      while (this.kind() === 'cmp') {
        const opTok = this.next();
        const r = this.value();
        const test: Expr = {
          k: 'cmp',
          op: opTok.value as CmpOp,
          opText: opTok.text,
          opSpan: { start: opTok.start, end: opTok.end },
          quant,
          l: left,
          r,
          start: out ? left.start : first.start,
          end: r.end,
        };
        out = out ? { k: 'and', l: out, r: test, start: out.start, end: r.end } : test;
        left = r;
      }
      return out as Expr;
    }
    if (t.kind === 'in' || (t.kind === 'not' && this.peek().kind === 'in')) {
      const negated = t.kind === 'not';
      if (negated) this.next();
      this.next();
      const { items, end } = this.set();
      const test: Expr = { k: 'in', quant, l, items, start: first.start, end };
      return negated ? { k: 'not', e: test, start: first.start, end } : test;
    }
    if (quant) throw this.unexpected();
    if (l.k === 'call') {
      if (!FUNCTIONS.has(l.name)) {
        throw new FilterSyntaxError(`Function '${l.name}' does not exist`, l.nameSpan.start, l.name.length);
      }
      throw new FilterSyntaxError(
        'You cannot test whether a function is present.',
        l.nameSpan.start,
        l.nameSpan.end - l.nameSpan.start,
      );
    }
    if (l.k === 'arith' || l.k === 'neg') return { k: 'truthy', e: l, start: l.start, end: l.end };
    return { k: 'exists', e: l, start: l.start, end: l.end };
  }

  private set(): { items: SetItem[]; end: number } {
    this.expect('lbrace');
    const items: SetItem[] = [];
    for (;;) {
      const lo = this.value();
      let hi: Value | null = null;
      if (this.kind() === 'dotdot') {
        this.next();
        hi = this.value();
      }
      items.push({ lo, hi });
      if (this.kind() === 'comma') {
        this.next();
        continue;
      }
      const close = this.expect('rbrace');
      return { items, end: close.end };
    }
  }

  value(): Value {
    let l = this.sum();
    while (this.kind() === 'bitand') {
      const op = this.next();
      const r = this.sum();
      l = { k: 'arith', op: '&', opSpan: { start: op.start, end: op.end }, l, r, start: l.start, end: r.end };
    }
    return l;
  }

  private sum(): Value {
    let l = this.product();
    while (this.kind() === 'plus' || this.kind() === 'minus') {
      const op = this.next();
      const r = this.product();
      const o = op.kind === 'plus' ? '+' : '-';
      l = { k: 'arith', op: o, opSpan: { start: op.start, end: op.end }, l, r, start: l.start, end: r.end };
    }
    return l;
  }

  private product(): Value {
    let l = this.prefix();
    while (this.kind() === 'star' || this.kind() === 'slash' || this.kind() === 'percent') {
      const op = this.next();
      const r = this.prefix();
      const o = op.kind === 'star' ? '*' : op.kind === 'slash' ? '/' : '%';
      l = { k: 'arith', op: o, opSpan: { start: op.start, end: op.end }, l, r, start: l.start, end: r.end };
    }
    return l;
  }

  private prefix(): Value {
    const t = this.tok;
    if (t.kind === 'minus') {
      this.next();
      const e = this.prefix();
      return { k: 'neg', e, start: t.start, end: e.end };
    }
    if (t.kind === 'plus') {
      this.next();
      return this.prefix();
    }
    return this.atom();
  }

  private slices(e: Value): Value {
    while (this.kind() === 'lbracket') {
      this.next();
      const ranges = this.ranges();
      const close = this.expect('rbracket');
      e = { k: 'slice', e, ranges, start: e.start, end: close.end };
    }
    return e;
  }

  private ranges(): RangeNode[] {
    const out: RangeNode[] = [];
    for (;;) {
      const t = this.expect('range');
      out.push(parseRange(t));
      if (this.kind() !== 'comma') return out;
      this.next();
    }
  }

  private atom(): Value {
    const t = this.tok;
    switch (t.kind) {
      case 'lbrace': {
        this.next();
        const e = this.value();
        const close = this.expect('rbrace');
        return { ...e, start: t.start, end: close.end };
      }
      case 'string':
        this.next();
        return {
          k: 'string',
          text: t.text,
          value: t.value ?? '',
          bytes: t.bytes ?? new Uint8Array(0),
          raw: t.raw === true,
          start: t.start,
          end: t.end,
        };
      case 'charconst':
        this.next();
        return { k: 'charconst', text: t.text, code: Number(t.value), start: t.start, end: t.end };
      case 'dollar': {
        this.next();
        this.expect('lbrace');
        const name = this.expect('word');
        const close = this.expect('rbrace');
        const ref: Value = {
          k: 'ref',
          name: name.text.replace(/^\./, ''),
          nameSpan: { start: name.start, end: name.end },
          start: t.start,
          end: close.end,
        };
        return this.slices(ref);
      }
      case 'word': {
        this.next();
        if (this.kind() === 'lparen' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(t.text)) {
          this.next();
          const args: Value[] = [];
          if (this.kind() !== 'rparen') {
            args.push(this.value());
            while (this.kind() === 'comma') {
              this.next();
              args.push(this.value());
            }
          }
          const close = this.expect('rparen');
          const call: Value = {
            k: 'call',
            name: t.text,
            nameSpan: { start: t.start, end: t.end },
            args,
            start: t.start,
            end: close.end,
          };
          return this.slices(call);
        }
        const forced = t.text.startsWith('.') ? 'field' : t.text.startsWith(':') ? 'literal' : null;
        let e: Value = { k: 'word', text: t.text, forced, start: t.start, end: t.end };
        if (this.kind() === 'hash') {
          this.next();
          let ranges: RangeNode[];
          let end: number;
          if (this.kind() === 'lbracket') {
            this.next();
            ranges = this.ranges();
            end = this.expect('rbracket').end;
          } else {
            const r = this.expect('range');
            ranges = [parseRange(r)];
            end = r.end;
          }
          e = { k: 'layer', e, ranges, start: e.start, end };
        }
        return this.slices(e);
      }
      default:
        throw this.unexpected();
    }
  }
}
