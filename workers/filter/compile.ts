// The display-filter compiler: checks a syntax tree against the field registry (names, types, literals) the way
// Wireshark 4.0's semantic check does, and turns it into a tree of closures that evaluate one packet from the values
// of the fields it names.
//
// Semantics (wireshark-filter(4)): a field that occurs several times is a list of values. "==" (any_eq) holds when
// any value equals, "!=" (all_ne) when every value differs, "===" (all_eq) when every value equals, "!==" (any_ne,
// deprecated "~=") when any value differs; the "any"/"all" prefixes choose the quantifier for any operator. A
// comparison with an absent field is false, whatever the operator, so "ip.dst != 1.2.3.4" needs an IP header.
// The compiler reads the whole registry: every protocol must have declared its fields.
import '../dissect/protocols';
import type { FieldDef, FieldType } from '../dissect/registry';
import { fieldByName } from '../dissect/registry';
import type { FieldValue } from '../dissect/sinks';
import { NsTime } from '../dissect/sinks';
import { formatEther, formatIPv4Number, formatIPv6 } from '../dissect/packet';
import type { CmpOp, FilterError } from './lexer';
import { FilterSyntaxError } from './lexer';
import type { LiteralForm, RV } from './literals';
import { TYPE_NAMES, parseLiteral } from './literals';
import type { Expr, RangeNode, SetItem, Span, Value } from './parser';
import { parse } from './parser';
import type { Comparator, TypeClass } from './values';
import { asBytes, byteLength, classOf, comparatorFor, contains, isTruthy, matchText, textOf } from './values';

/**
 * What a compiled filter reads of one packet: the values of a field in order of occurrence. A protocol's values are
 * its items (null, or the bytes they span for the ids in CompiledFilter.spans): a protocol is present when it has one.
 */
export type ValuesOf = (fieldId: number) => readonly FieldValue[];
/** The layer (1 for the outermost occurrence of its protocol) of the i-th value of a field. */
export type LayerOf = (fieldId: number, i: number) => number;

export interface FilterWarning {
  message: string;
  start: number;
  length: number;
}

export interface CompiledFilter {
  /** The filter as typed. */
  readonly text: string;
  /** True for the empty filter: every packet matches. */
  readonly empty: boolean;
  /** Field ids whose values the filter reads, protocols included (collect them with a FilterSink or a FieldSink). */
  readonly fields: readonly number[];
  /** Protocol ids whose items' bytes the filter reads (http contains "x", frame[0:2], len(tcp)): FilterSink only. */
  readonly spans: readonly number[];
  /** The protocol names the filter mentions. */
  readonly protocols: readonly string[];
  /** Field ids the filter restricts by layer (ip.src#2): the sink must record their layers. */
  readonly layered: readonly number[];
  /** Field ids of ${field} references: their values come from CompileOptions.references. */
  readonly references: readonly number[];
  /** Deprecated tokens used (as Wireshark lists them), e.g. "~=" or an unquoted string. */
  readonly deprecated: readonly string[];
  /** Warnings with their place in the text (the deprecated tokens, unknown names treated as absent). */
  readonly warnings: readonly FilterWarning[];
  /** Evaluate one packet from the values collected while it was dissected. */
  matches(values: ValuesOf, layerOf?: LayerOf): boolean;
  /**
   * Decide a packet without dissecting it, from what the first pass knows (`known(id)`: the field's values, or
   * undefined when only a dissection can tell): Decision.No, Decision.Yes, or Decision.Dissect.
   */
  decide(known: KnownValues): Decision;
}

/** The values of a field when the first pass knows them exactly, else undefined. */
export type KnownValues = (fieldId: number) => readonly FieldValue[] | undefined;

/** A packet decided from the first pass's columns: no, yes, or it must be dissected to know. */
export const Decision = { No: 0, Yes: 1, Dissect: 2 } as const;
export type Decision = (typeof Decision)[keyof typeof Decision];

export type CompileResult = { ok: true; filter: CompiledFilter } | { ok: false; error: FilterError };

export interface CompileOptions {
  /**
   * Names that are not in the registry but that Wireshark knows (its colouring rules name hsrp, sctp, smb …):
   * true treats every unknown field or protocol name as one that is never present (with a warning) instead of an
   * error; a function decides per name.
   */
  unknownAsAbsent?: boolean | ((name: string) => boolean);
  /** Values of ${field} references: the selected packet's. Without it a reference has no value. */
  references?: (fieldId: number) => readonly FieldValue[];
}

interface Ctx {
  values: ValuesOf;
  layerOf: LayerOf | undefined;
}

type Test = (c: Ctx) => boolean;
type Test3 = (c: Ctx) => Decision;

/** Thrown by the values of a field the first pass does not know: the test depends on a dissection. */
class Unknown extends Error {}
const UNKNOWN = new Unknown('known only by dissecting');
type Getter = (c: Ctx) => readonly RV[];

/** A value with a type: a field, a slice, a function's result, arithmetic, or a literal read for a type. */
interface Typed {
  type: FieldType;
  /** The plain field this is, when it is one (value strings, messages). */
  def?: FieldDef;
  /** The values, when known at compile time (literals). */
  constant: readonly RV[] | null;
  get: Getter;
  /** Could stand on the left of a comparison: reads a field, or calls a function. */
  readsPacket: boolean;
  /** A field this registry does not know, accepted as never present. */
  absent?: boolean;
  span: Span;
}

/** A literal not typed yet: it becomes a value once the other side says what type to read it as. */
interface Untyped {
  untyped: true;
  span: Span;
  make(type: FieldType, def: FieldDef | undefined): Typed;
}

type Node = Typed | Untyped;

const EMPTY: readonly RV[] = [];
const NO_VALUES: readonly FieldValue[] = [];

const isUntyped = (n: Node): n is Untyped => (n as Untyped).untyped === true;

const fail = (message: string, span: Span) => new FilterSyntaxError(message, span.start, span.end - span.start);

const UNSIGNED = new Set<FieldType>(['uint', 'uint64', 'framenum']);

/** Resolve the slice ranges of one value of `len` bytes: the bytes, or null when a range falls outside. */
function sliceBytes(b: Uint8Array, ranges: readonly RangeNode[]): Uint8Array | null {
  const len = b.length;
  const parts: Uint8Array[] = [];
  for (const r of ranges) {
    let start = r.from;
    if (start < 0) {
      start += len;
      if (start < 0) return null;
    }
    if (start > len) return null;
    let n: number;
    if (r.kind === 'toEnd') {
      n = len - start;
      if (n <= 0) return null;
    } else if (r.kind === 'length') {
      n = r.n;
      if (start + n > len) return null;
    } else {
      let end = r.n;
      if (end < 0) end += len;
      if (end < start) return null;
      n = end - start + 1;
      if (start + n > len) return null;
    }
    parts.push(b.subarray(start, start + n));
  }
  if (parts.length === 1) return parts[0];
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Whether layer `n` is in the ranges of a layer operator (#2, #[1-3]). */
function inLayers(n: number, ranges: readonly RangeNode[]): boolean {
  for (const r of ranges) {
    const end = r.kind === 'toEnd' ? Infinity : r.kind === 'length' ? r.from + r.n - 1 : r.n;
    if (n >= r.from && n <= end) return true;
  }
  return false;
}

/** The text of a field value as string() gives it. */
function valueText(type: FieldType, v: RV): string {
  if (type === 'ipv4') return typeof v === 'number' ? formatIPv4Number(v) : textOf(v);
  if (type === 'ipv6' && v instanceof Uint8Array && v.length === 16) return formatIPv6(v, 0);
  if (type === 'ether' && v instanceof Uint8Array && v.length === 6) return formatEther(v, 0);
  if (v instanceof Uint8Array) return Array.from(v, (b) => b.toString(16).padStart(2, '0')).join(':');
  return textOf(v);
}

/** PCRE's leading option settings, (?i) (?-i) (?s) (?m), become JavaScript flags; matching is caseless by default. */
function compileRegex(pattern: string, span: Span): RegExp {
  let flags = new Set(['i']);
  let src = pattern;
  for (;;) {
    const m = src.match(/^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?\)/);
    if (!m) break;
    for (const f of m[1]) flags.add(f);
    for (const f of m[2] ?? '') flags.delete(f);
    src = src.slice(m[0].length);
  }
  flags = new Set([...flags].filter((f) => 'ims'.includes(f)));
  src = src.replace(/\\A/g, '^').replace(/\\[zZ]/g, '$');
  try {
    return new RegExp(src, [...flags].join(''));
  } catch (e) {
    const reason = e instanceof Error ? e.message.replace(/^.*: /, '') : String(e);
    throw fail(`"${pattern}" is not a valid regular expression: ${reason}.`, span);
  }
}

type Quant = 'any' | 'all';

/** The elementary test and the default quantifier of each operator. */
const OPS: Record<CmpOp, [Quant, (c: number) => boolean]> = {
  any_eq: ['any', (c) => c === 0],
  all_ne: ['all', (c) => c !== 0],
  all_eq: ['all', (c) => c === 0],
  any_ne: ['any', (c) => c !== 0],
  gt: ['any', (c) => c > 0],
  ge: ['any', (c) => c >= 0],
  lt: ['any', (c) => c < 0],
  le: ['any', (c) => c <= 0],
  contains: ['any', () => false],
  matches: ['any', () => false],
};

/** Test every pair (a, b) of A × B: any pair, or all pairs (and at least one). */
function quantified(quant: Quant, left: Getter, right: Getter, pair: (a: RV, b: RV) => boolean): Test {
  if (quant === 'any') {
    return (c) => {
      const A = left(c);
      if (A.length === 0) return false;
      const B = right(c);
      for (let i = 0; i < A.length; i++) for (let j = 0; j < B.length; j++) if (pair(A[i], B[j])) return true;
      return false;
    };
  }
  return (c) => {
    const A = left(c);
    if (A.length === 0) return false;
    const B = right(c);
    if (B.length === 0) return false;
    for (let i = 0; i < A.length; i++) for (let j = 0; j < B.length; j++) if (!pair(A[i], B[j])) return false;
    return true;
  };
}

class Compiler {
  readonly fields = new Set<number>();
  readonly protocols = new Set<string>();
  readonly spans = new Set<number>();
  readonly layered = new Set<number>();
  readonly references = new Set<number>();
  readonly deprecated: string[] = [];
  readonly warnings: FilterWarning[] = [];

  constructor(
    readonly text: string,
    readonly opts: CompileOptions,
  ) {}

  private src(span: Span): string {
    return this.text.slice(span.start, span.end);
  }

  private deprecate(token: string, message: string, span: Span): void {
    if (!this.deprecated.includes(token)) this.deprecated.push(token);
    this.warnings.push({ message, start: span.start, length: span.end - span.start });
  }

  private absentAllowed(name: string): boolean {
    const o = this.opts.unknownAsAbsent;
    return typeof o === 'function' ? o(name) : o === true;
  }

  // ---- tests ------------------------------------------------------------------------------------------------

  test(e: Expr): Test {
    return this.both(e)[0];
  }

  /** The test, and the same test in three-valued logic (no, yes, unknown until dissected). */
  both(e: Expr): [Test, Test3] {
    switch (e.k) {
      case 'and': {
        const [l, l3] = this.both(e.l);
        const [r, r3] = this.both(e.r);
        return [
          (c) => l(c) && r(c),
          (c) => {
            const a = l3(c);
            if (a === Decision.No) return a;
            const b = r3(c);
            if (b === Decision.No) return b;
            return a === Decision.Yes && b === Decision.Yes ? Decision.Yes : Decision.Dissect;
          },
        ];
      }
      case 'or': {
        const [l, l3] = this.both(e.l);
        const [r, r3] = this.both(e.r);
        return [
          (c) => l(c) || r(c),
          (c) => {
            const a = l3(c);
            if (a === Decision.Yes) return a;
            const b = r3(c);
            if (b === Decision.Yes) return b;
            return a === Decision.No && b === Decision.No ? Decision.No : Decision.Dissect;
          },
        ];
      }
      case 'not': {
        const [t, t3] = this.both(e.e);
        return [
          (c) => !t(c),
          (c) => {
            const a = t3(c);
            return a === Decision.Dissect ? a : a === Decision.Yes ? Decision.No : Decision.Yes;
          },
        ];
      }
      default: {
        const t = this.leaf(e);
        return [
          t,
          (c) => {
            try {
              return t(c) ? Decision.Yes : Decision.No;
            } catch (x) {
              if (x === UNKNOWN) return Decision.Dissect;
              throw x;
            }
          },
        ];
      }
    }
  }

  private leaf(e: Expr): Test {
    switch (e.k) {
      case 'exists':
        return this.exists(e.e);
      case 'truthy': {
        const v = this.value(e.e, null);
        if (isUntyped(v)) throw fail(`${this.src(e.e)} is neither a field nor a protocol name.`, e.e);
        const get = v.get;
        return (c) => {
          const vs = get(c);
          for (let i = 0; i < vs.length; i++) if (isTruthy(vs[i])) return true;
          return false;
        };
      }
      case 'cmp':
        return this.compare(e.op, e.opText, e.opSpan, e.quant, e.l, e.r);
      case 'in':
        return this.membership(e.quant, e.l, e.items);
      default:
        throw new Error(`not a leaf: ${e.k}`);
    }
  }

  /** A field, protocol or slice alone: present. */
  private exists(v: Value): Test {
    if (v.k === 'word') {
      const def = this.resolveWord(v);
      if (!def) {
        if (v.forced === 'field') throw fail(`"${v.text.slice(1)}" is not a valid protocol or protocol field.`, v);
        if (this.unknownName(v)) return () => false;
        throw fail(`${v.text} is neither a field nor a protocol name.`, v);
      }
      if (def.type === 'protocol') {
        // Present when its item is in the tree, as in Wireshark (frame.protocols may list more: x509sat, ethertype).
        this.protocols.add(def.abbrev);
        const id = def.id;
        this.fields.add(id);
        return (c) => c.values(id).length > 0;
      }
      const id = def.id;
      this.fields.add(id);
      return (c) => c.values(id).length > 0;
    }
    if (v.k === 'string' || v.k === 'charconst') {
      throw fail(`${v.text} is neither a field nor a protocol name.`, v);
    }
    const t = this.value(v, null);
    if (isUntyped(t)) throw fail(`${this.src(v)} is neither a field nor a protocol name.`, v);
    const get = t.get;
    return (c) => get(c).length > 0;
  }

  /** An unknown name accepted as never present (CompileOptions.unknownAsAbsent). */
  private unknownName(v: Value & { k: 'word' }): boolean {
    const name = v.text.replace(/^\./, '');
    if (!/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/.test(name) || !this.absentAllowed(name)) return false;
    this.warnings.push({
      message: `"${name}" is not known here: treated as never present.`,
      start: v.start,
      length: v.end - v.start,
    });
    return true;
  }

  private resolveWord(v: Value & { k: 'word' }): FieldDef | undefined {
    if (v.forced === 'literal') return undefined;
    const name = v.forced === 'field' ? v.text.slice(1) : v.text;
    return fieldByName(name);
  }

  private compare(op: CmpOp, opText: string, opSpan: Span, q: Quant | null, L: Value, R: Value): Test {
    if (opText === '~=') this.deprecate('~=', '"~=" is deprecated: use "!==" (any value not equal).', opSpan);
    const l = this.value(L, null);
    if (isUntyped(l)) {
      throw fail(`Left side of "${opText}" expression must be a field or function, not ${this.src(L)}.`, L);
    }
    // A name not known here, accepted as never present: the comparison is false.
    if (l.absent) return () => false;
    const lclass = classOf(l.type);
    const lname = l.def ? l.def.abbrev : this.src(L);
    if (lclass === 'none') {
      throw fail(`${lname} (type=${TYPE_NAMES[l.type]}) cannot participate in ${opText} comparison.`, L);
    }
    if ((op === 'contains' || op === 'matches') && lclass !== 'string' && lclass !== 'bytes') {
      throw fail(`${lname} (type=${TYPE_NAMES[l.type]}) cannot participate in ${opText} comparison.`, L);
    }
    const quant: Quant = q ?? OPS[op][0];
    if (op === 'matches') {
      if (R.k !== 'string') throw fail('Matches requires a double quoted string on the right side.', R);
      const re = compileRegex(R.value, R);
      const one: readonly RV[] = [null];
      return quantified(
        quant,
        l.get,
        () => one,
        (a) => re.test(matchText(a)),
      );
    }
    const rn = this.value(R, l);
    const r = isUntyped(rn) ? rn.make(l.type, l.def) : rn;
    if (!isUntyped(rn)) this.checkCompatible(l, r, L, R, op);
    if (op === 'contains') return quantified(quant, l.get, r.get, contains);
    const cmp = this.comparator(lclass, l, r);
    const test = OPS[op][1];
    // Fast path: one constant on the right.
    if (r.constant && r.constant.length === 1) {
      const k = r.constant[0];
      const get = l.get;
      if (quant === 'any') {
        return (c) => {
          const A = get(c);
          for (let i = 0; i < A.length; i++) if (test(cmp(A[i], k))) return true;
          return false;
        };
      }
      return (c) => {
        const A = get(c);
        if (A.length === 0) return false;
        for (let i = 0; i < A.length; i++) if (!test(cmp(A[i], k))) return false;
        return true;
      };
    }
    return quantified(quant, l.get, r.get, (a, b) => test(cmp(a, b)));
  }

  /** The comparator for two typed sides; negative literals never compare with unsigned fields (as in Wireshark). */
  private comparator(c: TypeClass, l: Typed, r: Typed): Comparator {
    const base = comparatorFor(c);
    if (c === 'int' && UNSIGNED.has(l.type) && r.constant?.some((v) => Number(v) < 0)) {
      return (a, b) => (Number(b) < 0 ? NaN : base(a, b));
    }
    return base;
  }

  private checkCompatible(l: Typed, r: Typed, L: Value, R: Value, op: CmpOp): void {
    const a = classOf(l.type);
    const b = classOf(r.type);
    if (b === 'none') {
      const name = r.def ? r.def.abbrev : this.src(R);
      throw fail(`${name} (type=${TYPE_NAMES[r.type]}) cannot participate in comparison.`, R);
    }
    const ok = a === b || (op === 'contains' && a === 'bytes' && b === 'string');
    if (!ok) throw fail(`${this.src(L)} and ${this.src(R)} are not of compatible types.`, R);
  }

  private membership(q: Quant | null, L: Value, items: SetItem[]): Test {
    const l = this.value(L, null);
    if (isUntyped(l)) throw fail(`Left side of "in" expression must be a field or function, not ${this.src(L)}.`, L);
    if (l.absent) return () => false;
    const lclass = classOf(l.type);
    if (lclass === 'none') {
      throw fail(`${l.def?.abbrev ?? this.src(L)} (type=${TYPE_NAMES[l.type]}) cannot participate in comparison.`, L);
    }
    const cmp = comparatorFor(lclass);
    const typedItem = (v: Value): Typed => {
      const n = this.value(v, l);
      const t = isUntyped(n) ? n.make(l.type, l.def) : n;
      if (!isUntyped(n)) this.checkCompatible(l, t, L, v, 'any_eq');
      return t;
    };
    const preds = items.map(({ lo, hi }): ((a: RV, c: Ctx) => boolean) => {
      const low = typedItem(lo);
      if (!hi) {
        if (low.constant && low.constant.length === 1) {
          const k = low.constant[0];
          return (a) => cmp(a, k) === 0;
        }
        const g = low.get;
        return (a, c) => g(c).some((b) => cmp(a, b) === 0);
      }
      const high = typedItem(hi);
      const gl = low.get;
      const gh = high.get;
      return (a, c) => gl(c).some((x) => cmp(a, x) >= 0) && gh(c).some((y) => cmp(a, y) <= 0);
    });
    const inSet = (a: RV, c: Ctx) => {
      for (let i = 0; i < preds.length; i++) if (preds[i](a, c)) return true;
      return false;
    };
    const get = l.get;
    if ((q ?? 'any') === 'any') {
      return (c) => {
        const A = get(c);
        for (let i = 0; i < A.length; i++) if (inSet(A[i], c)) return true;
        return false;
      };
    }
    return (c) => {
      const A = get(c);
      if (A.length === 0) return false;
      for (let i = 0; i < A.length; i++) if (!inSet(A[i], c)) return false;
      return true;
    };
  }

  // ---- values -----------------------------------------------------------------------------------------------

  /** Type a value. `other` is the typed other side of a comparison, if known (literals then read as its type). */
  value(v: Value, other: Typed | null): Node {
    switch (v.k) {
      case 'word': {
        const def = this.resolveWord(v);
        if (def) return this.field(def, v);
        if (v.forced === 'field') throw fail(`"${v.text.slice(1)}" is not a valid protocol or protocol field.`, v);
        if (!other && this.unknownName(v)) {
          return { type: 'bytes', constant: null, get: () => EMPTY, readsPacket: true, absent: true, span: v };
        }
        return this.literal({ form: 'word', text: v.text }, v);
      }
      case 'string':
        return this.literal({ form: 'string', text: v.text, value: v.value, bytes: v.bytes }, v);
      case 'charconst':
        return this.literal({ form: 'charconst', text: v.text, code: v.code }, v);
      case 'slice':
        return this.slice(v);
      case 'layer':
        return this.layer(v);
      case 'call':
        return this.call(v);
      case 'ref':
        return this.reference(v);
      case 'neg':
        return this.negate(v, other);
      case 'arith':
        return this.arith(v, other);
    }
  }

  private field(def: FieldDef, span: Span): Typed {
    const id = def.id;
    this.fields.add(id);
    if (def.type === 'protocol') {
      this.protocols.add(def.abbrev);
      this.spans.add(id);
    }
    return { type: def.type, def, constant: null, get: (c) => c.values(id), readsPacket: true, span };
  }

  private literal(lit: LiteralForm, span: Span): Untyped {
    return {
      untyped: true,
      span,
      make: (type, def) => {
        const deprecated = (token: string) =>
          this.deprecate(token, `Unquoted string ${token}: write it in double quotes ("${token}").`, span);
        const value = parseLiteral(type, def, lit, span, deprecated);
        const constant = [value];
        return { type, constant, get: () => constant, readsPacket: false, span };
      },
    };
  }

  private typedOrFail(v: Value, message: string): Typed {
    const n = this.value(v, null);
    if (isUntyped(n)) throw fail(message, v);
    return n;
  }

  private slice(v: Value & { k: 'slice' }): Typed {
    const base = this.typedOrFail(v.e, `${this.src(v.e)} is neither a field nor a protocol name.`);
    const c = classOf(base.type);
    if (c !== 'bytes' && c !== 'string' && c !== 'ipv4' && c !== 'ipv6') {
      const name = base.def ? base.def.abbrev : this.src(v.e);
      throw fail(`"${name}" is a ${TYPE_NAMES[base.type]} and cannot be sliced into a sequence of bytes.`, v.e);
    }
    const ranges = v.ranges;
    const get = base.get;
    return {
      type: 'bytes',
      constant: null,
      readsPacket: base.readsPacket,
      span: v,
      get: (ctx) => {
        const vs = get(ctx);
        if (vs.length === 0) return EMPTY;
        const out: RV[] = [];
        for (const x of vs) {
          const s = sliceBytes(asBytes(x), ranges);
          if (s) out.push(s);
        }
        return out;
      },
    };
  }

  private layer(v: Value & { k: 'layer' }): Typed {
    const w = v.e;
    const def = w.k === 'word' ? this.resolveWord(w) : undefined;
    if (!def) throw fail(`${this.src(w)} is neither a field nor a protocol name.`, w);
    const base = this.field(def, w);
    const id = def.id;
    this.layered.add(id);
    const ranges = v.ranges;
    return {
      ...base,
      def,
      span: v,
      get: (c) => {
        const vs = c.values(id);
        if (vs.length === 0 || !c.layerOf) return EMPTY;
        const out: RV[] = [];
        for (let i = 0; i < vs.length; i++) if (inLayers(c.layerOf(id, i), ranges)) out.push(vs[i]);
        return out;
      },
    };
  }

  private reference(v: Value & { k: 'ref' }): Typed {
    const def = fieldByName(v.name);
    if (!def) throw fail(`"${v.name}" is neither a field nor a protocol name.`, v.nameSpan);
    this.references.add(def.id);
    const refs = this.opts.references;
    const id = def.id;
    return {
      type: def.type,
      def,
      constant: null,
      readsPacket: true,
      span: v,
      get: () => (refs ? refs(id) : EMPTY),
    };
  }

  private negate(v: Value & { k: 'neg' }, other: Typed | null): Node {
    const inner = this.value(v.e, other);
    const neg = (x: RV): RV => {
      if (typeof x === 'number') return -x;
      if (typeof x === 'bigint') return -x;
      if (x instanceof NsTime) return x.ns ? new NsTime(-x.sec - 1, 1e9 - x.ns) : new NsTime(-x.sec, 0);
      throw fail(`${this.src(v.e)} cannot be negated.`, v);
    };
    const wrap = (t: Typed): Typed => {
      const c = classOf(t.type);
      if (c !== 'int' && c !== 'float' && c !== 'rel_time') {
        throw fail(`${this.src(v.e)} (${TYPE_NAMES[t.type]}) cannot be negated.`, v);
      }
      // A negated unsigned value is a signed one.
      const type: FieldType = UNSIGNED.has(t.type) ? 'int' : t.type;
      if (t.constant) {
        const constant = t.constant.map(neg);
        return { ...t, type, constant, get: () => constant, span: v };
      }
      const get = t.get;
      return { ...t, type, def: undefined, span: v, get: (ctx) => get(ctx).map(neg) };
    };
    if (isUntyped(inner)) return { untyped: true, span: v, make: (type, def) => wrap(inner.make(type, def)) };
    return wrap(inner);
  }

  private arith(v: Value & { k: 'arith' }, other: Typed | null): Node {
    const ln = this.value(v.l, other);
    const rn = this.value(v.r, isUntyped(ln) ? other : ln);
    const build = (l: Typed, r: Typed): Typed => this.arithTyped(v, l, r);
    if (isUntyped(ln) && isUntyped(rn)) {
      return { untyped: true, span: v, make: (type, def) => build(ln.make(type, def), rn.make(type, def)) };
    }
    if (isUntyped(ln)) {
      const r = rn as Typed;
      return build(ln.make(r.type, r.def), r);
    }
    const l = ln;
    const r = isUntyped(rn) ? rn.make(l.type, l.def) : rn;
    return build(l, r);
  }

  private arithTyped(v: Value & { k: 'arith' }, l: Typed, r: Typed): Typed {
    const op = v.op;
    const lc = classOf(l.type);
    const allowed =
      op === '&'
        ? lc === 'int' || lc === 'bytes'
        : op === '+' || op === '-'
          ? lc === 'int' || lc === 'float' || lc === 'rel_time'
          : lc === 'int' || lc === 'float';
    if (!allowed) {
      const name = l.def ? l.def.abbrev : this.src(v.l);
      throw fail(`${name} (${TYPE_NAMES[l.type]}) cannot be used with "${op}".`, v.l);
    }
    if (classOf(r.type) !== lc) throw fail(`${this.src(v.l)} and ${this.src(v.r)} are not of compatible types.`, v.r);
    const f = arithmetic(op, lc);
    const lg = l.get;
    const rg = r.get;
    const get: Getter = (c) => {
      const A = lg(c);
      if (A.length === 0) return EMPTY;
      const B = rg(c);
      const out: RV[] = [];
      for (const a of A) {
        for (const b of B) {
          const x = f(a, b);
          if (x !== undefined) out.push(x);
        }
      }
      return out;
    };
    if (l.constant && r.constant) {
      const constant = get({ values: () => NO_VALUES, layerOf: undefined });
      return { type: l.type, constant, get: () => constant, readsPacket: false, span: v };
    }
    return { type: l.type, constant: null, get, readsPacket: l.readsPacket || r.readsPacket, span: v };
  }

  // ---- functions --------------------------------------------------------------------------------------------

  private call(v: Value & { k: 'call' }): Typed {
    const name = v.name;
    const arity = (min: number, max: number) => {
      if (v.args.length < min) throw fail(`Function ${name} needs at least ${min} arguments.`, v.nameSpan);
      if (v.args.length > max) throw fail(`Function ${name} can only accept ${max} arguments.`, v.nameSpan);
    };
    const fieldArg = (a: Value): Typed => {
      const t = this.value(a, null);
      if (isUntyped(t) || !t.readsPacket) throw fail(`Only fields can be used as parameter for ${name}()`, a);
      return t;
    };
    const result = (type: FieldType, get: Getter): Typed => ({ type, constant: null, get, readsPacket: true, span: v });
    switch (name) {
      case 'len': {
        arity(1, 1);
        const a = fieldArg(v.args[0]);
        const c = classOf(a.type);
        if (c !== 'bytes' && c !== 'string' && c !== 'ipv4' && c !== 'ipv6') {
          throw fail(`len() needs a string, byte or address field, not ${TYPE_NAMES[a.type]}.`, v.args[0]);
        }
        const g = a.get;
        return result('uint', (ctx) => {
          const vs = g(ctx);
          return vs.length === 0 ? EMPTY : vs.map(byteLength);
        });
      }
      case 'count': {
        arity(1, 1);
        const a0 = v.args[0];
        if (a0.k !== 'word' && a0.k !== 'layer') throw fail('Only fields can be used as parameter for count()', a0);
        const a = fieldArg(a0);
        const g = a.get;
        return result('uint', (ctx) => {
          const n = g(ctx).length;
          return n === 0 ? EMPTY : [n];
        });
      }
      case 'upper':
      case 'lower': {
        arity(1, 1);
        const t = this.value(v.args[0], null);
        if (isUntyped(t) || !t.readsPacket || classOf(t.type) !== 'string') {
          throw fail(`Only string type fields can be used as parameter for ${name}()`, v.args[0]);
        }
        const g = t.get;
        const up = name === 'upper';
        return result('string', (ctx) => {
          const vs = g(ctx);
          return vs.length === 0 ? EMPTY : vs.map((x) => (up ? textOf(x).toUpperCase() : textOf(x).toLowerCase()));
        });
      }
      case 'string': {
        arity(1, 1);
        const a = fieldArg(v.args[0]);
        const c = classOf(a.type);
        if (c === 'string' || c === 'bytes' || c === 'bool' || c === 'abs_time' || c === 'rel_time') {
          const fname = a.def ? a.def.abbrev : this.src(v.args[0]);
          throw fail(`String conversion for field "${fname}" is not supported`, v.args[0]);
        }
        const g = a.get;
        const type = a.type;
        return result('string', (ctx) => {
          const vs = g(ctx);
          return vs.length === 0 ? EMPTY : vs.map((x) => valueText(type, x));
        });
      }
      case 'max':
      case 'min': {
        arity(1, Infinity);
        let first: Typed | null = null;
        const nodes = v.args.map((a) => this.value(a, null));
        for (const n of nodes) if (!isUntyped(n)) first ??= n;
        if (!first) throw fail(`Only fields can be used as parameter for ${name}()`, v.args[0]);
        const ref = first;
        const args = nodes.map((n, i) => {
          const t = isUntyped(n) ? n.make(ref.type, ref.def) : n;
          if (classOf(t.type) !== classOf(ref.type)) {
            throw fail(
              `Arguments to '${name}' must have the same type (expected ${TYPE_NAMES[ref.type]}, got ${TYPE_NAMES[t.type]})`,
              v.args[i],
            );
          }
          return t;
        });
        const cmp = comparatorFor(classOf(ref.type));
        const sign = name === 'max' ? 1 : -1;
        const gets = args.map((a) => a.get);
        return result(ref.type, (ctx) => {
          let best: RV | undefined;
          for (const g of gets) for (const x of g(ctx)) if (best === undefined || sign * cmp(x, best) > 0) best = x;
          return best === undefined ? EMPTY : [best];
        });
      }
      case 'abs': {
        arity(1, 1);
        const a = fieldArg(v.args[0]);
        const c = classOf(a.type);
        if (c !== 'int' && c !== 'float' && c !== 'rel_time') {
          throw fail(`abs() needs a number, not ${TYPE_NAMES[a.type]}.`, v.args[0]);
        }
        const g = a.get;
        const abs = (x: RV): RV => {
          if (typeof x === 'number') return Math.abs(x);
          if (typeof x === 'bigint') return x < 0n ? -x : x;
          if (x instanceof NsTime && x.sec < 0)
            return x.ns ? new NsTime(-x.sec - 1, 1e9 - x.ns) : new NsTime(-x.sec, 0);
          return x;
        };
        return result(a.type, (ctx) => g(ctx).map(abs));
      }
      default:
        throw fail(`Function '${name}' does not exist`, v.nameSpan);
    }
  }
}

/** One arithmetic operation on two values of a class; undefined when it has no result (division by zero). */
function arithmetic(op: '+' | '-' | '*' | '/' | '%' | '&', c: TypeClass): (a: RV, b: RV) => RV | undefined {
  if (c === 'bytes') {
    return (a, b) => {
      const x = asBytes(a);
      const y = asBytes(b);
      const out = new Uint8Array(x.length);
      for (let i = 0; i < x.length; i++) out[i] = x[i] & (y[i] ?? 0);
      return out;
    };
  }
  if (c === 'rel_time') {
    return (a, b) => {
      const [s1, n1] = a instanceof NsTime ? [a.sec, a.ns] : [Math.floor(Number(a)), 0];
      const [s2, n2] = b instanceof NsTime ? [b.sec, b.ns] : [Math.floor(Number(b)), 0];
      let sec = op === '+' ? s1 + s2 : s1 - s2;
      let ns = op === '+' ? n1 + n2 : n1 - n2;
      if (ns >= 1e9) [sec, ns] = [sec + 1, ns - 1e9];
      if (ns < 0) [sec, ns] = [sec - 1, ns + 1e9];
      return new NsTime(sec, ns);
    };
  }
  if (c === 'float') {
    return (a, b) => {
      const x = Number(a);
      const y = Number(b);
      switch (op) {
        case '+':
          return x + y;
        case '-':
          return x - y;
        case '*':
          return x * y;
        case '/':
          return y === 0 ? undefined : x / y;
        default:
          return y === 0 ? undefined : x % y;
      }
    };
  }
  return (a, b) => {
    if (typeof a === 'number' && typeof b === 'number') {
      let r: number | undefined;
      switch (op) {
        case '+':
          r = a + b;
          break;
        case '-':
          r = a - b;
          break;
        case '*':
          r = a * b;
          break;
        case '/':
          r = b === 0 ? undefined : Math.trunc(a / b);
          break;
        case '%':
          r = b === 0 ? undefined : a % b;
          break;
        case '&':
          r = a <= 0xffffffff && b <= 0xffffffff && a >= 0 && b >= 0 ? (a & b) >>> 0 : undefined;
          break;
      }
      if (r !== undefined && Number.isSafeInteger(r)) return r;
    }
    const x = typeof a === 'bigint' ? a : BigInt(Math.trunc(Number(a)));
    const y = typeof b === 'bigint' ? b : BigInt(Math.trunc(Number(b)));
    let r: bigint;
    switch (op) {
      case '+':
        r = x + y;
        break;
      case '-':
        r = x - y;
        break;
      case '*':
        r = x * y;
        break;
      case '/':
        if (y === 0n) return undefined;
        r = x / y;
        break;
      case '%':
        if (y === 0n) return undefined;
        r = x % y;
        break;
      default:
        r = x & y;
    }
    return r >= BigInt(Number.MIN_SAFE_INTEGER) && r <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(r) : r;
  };
}

/**
 * Compile a display filter against the registry. The empty filter (or only spaces) compiles to one that matches
 * every packet.
 */
export function compileFilter(text: string, opts: CompileOptions = {}): CompileResult {
  let tree: Expr | null;
  const compiler = new Compiler(text, opts);
  let test: Test;
  let test3: Test3;
  try {
    tree = parse(text);
    [test, test3] = tree ? compiler.both(tree) : [() => true, () => Decision.Yes];
  } catch (e) {
    if (e instanceof FilterSyntaxError) return { ok: false, error: e.toFilterError() };
    throw e;
  }
  const ctx: Ctx = { values: () => NO_VALUES, layerOf: undefined };
  // Fields the first pass cannot answer for, whatever it knows: protocol bytes and layers need a dissection.
  const needDissection = new Set([...compiler.spans, ...compiler.layered]);
  let known: KnownValues = () => undefined;
  const fromColumns: ValuesOf = (id) => {
    const v = needDissection.has(id) ? undefined : known(id);
    if (v === undefined) throw UNKNOWN;
    return v;
  };
  const ctx3: Ctx = { values: fromColumns, layerOf: undefined };
  const filter: CompiledFilter = {
    text,
    empty: tree === null,
    fields: [...compiler.fields].sort((a, b) => a - b),
    spans: [...compiler.spans].sort((a, b) => a - b),
    protocols: [...compiler.protocols].sort(),
    layered: [...compiler.layered].sort((a, b) => a - b),
    references: [...compiler.references].sort((a, b) => a - b),
    deprecated: compiler.deprecated,
    warnings: compiler.warnings,
    matches(values, layerOf) {
      ctx.values = values;
      ctx.layerOf = layerOf;
      return test(ctx);
    },
    decide(k) {
      known = k;
      return test3(ctx3);
    },
  };
  return { ok: true, filter };
}
