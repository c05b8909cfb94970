// The display-filter lexer: Wireshark 4.0's tokens (wireshark-filter(4)), with their positions in the text.
//
// Words are scanned as one token class — field names, numbers, addresses, byte strings — and told apart later:
// the parser and the compiler decide from the context whether "tcp" is a protocol and "80" a number, as Wireshark's
// "unparsed" values are. A leading "." forces a field name (".tcp.port"), a leading ":" forces a literal (":0200").

/** Comparison operators, by Wireshark's names for them. */
export type CmpOp = 'any_eq' | 'all_ne' | 'all_eq' | 'any_ne' | 'gt' | 'ge' | 'lt' | 'le' | 'contains' | 'matches';

export type TokenKind =
  | 'lparen'
  | 'rparen'
  | 'lbrace'
  | 'rbrace'
  | 'lbracket'
  | 'rbracket'
  | 'comma'
  | 'dotdot'
  | 'dollar'
  | 'hash'
  | 'cmp'
  | 'and'
  | 'or'
  | 'not'
  | 'in'
  | 'any'
  | 'all'
  | 'plus'
  | 'minus'
  | 'star'
  | 'slash'
  | 'percent'
  | 'bitand'
  /** A double-quoted string ("…" or raw r"…"): `value` is the decoded text. */
  | 'string'
  /** A character constant ('a', '\n'): `value` is the character code as a decimal string. */
  | 'charconst'
  /** A field name, number, address or byte string, not decided yet. */
  | 'word'
  /** The text of one slice or layer range between "[" and "]" or ",". */
  | 'range'
  /** Any other character: the parser reports it as unexpected. */
  | 'unknown'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** The token as written. */
  text: string;
  start: number;
  end: number;
  /** cmp: the operator; string: the decoded value; charconst: the code. */
  value?: string;
  /** string: written r"…". */
  raw?: boolean;
  /** string: its bytes (UTF-8 text and escaped bytes). */
  bytes?: Uint8Array;
}

/** A failure with its place in the filter text, worded like Wireshark's. */
export interface FilterError {
  message: string;
  start: number;
  length: number;
}

export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly length: number,
  ) {
    super(message);
  }
  toFilterError(): FilterError {
    return { message: this.message, start: this.start, length: this.length };
  }
}

const KEYWORDS: Record<string, [TokenKind, string?]> = {
  eq: ['cmp', 'any_eq'],
  any_eq: ['cmp', 'any_eq'],
  ne: ['cmp', 'all_ne'],
  all_ne: ['cmp', 'all_ne'],
  all_eq: ['cmp', 'all_eq'],
  any_ne: ['cmp', 'any_ne'],
  gt: ['cmp', 'gt'],
  ge: ['cmp', 'ge'],
  lt: ['cmp', 'lt'],
  le: ['cmp', 'le'],
  contains: ['cmp', 'contains'],
  matches: ['cmp', 'matches'],
  and: ['and'],
  or: ['or'],
  not: ['not'],
  in: ['in'],
  any: ['any'],
  all: ['all'],
  bitwise_and: ['bitand'],
};

/** Operators made of symbols, longest first. */
const SYMBOLS: [string, TokenKind, string?][] = [
  ['===', 'cmp', 'all_eq'],
  ['!==', 'cmp', 'any_ne'],
  ['==', 'cmp', 'any_eq'],
  ['!=', 'cmp', 'all_ne'],
  ['~=', 'cmp', 'any_ne'],
  ['>=', 'cmp', 'ge'],
  ['<=', 'cmp', 'le'],
  ['&&', 'and'],
  ['||', 'or'],
  ['..', 'dotdot'],
  ['>', 'cmp', 'gt'],
  ['<', 'cmp', 'lt'],
  ['~', 'cmp', 'matches'],
  ['!', 'not'],
  ['(', 'lparen'],
  [')', 'rparen'],
  ['{', 'lbrace'],
  ['}', 'rbrace'],
  [',', 'comma'],
  ['$', 'dollar'],
  ['+', 'plus'],
  ['-', 'minus'],
  ['*', 'star'],
  ['/', 'slash'],
  ['%', 'percent'],
  ['&', 'bitand'],
];

const isWordStart = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 /* _ */ || c === 58; /* : */
const isWordChar = (c: number) => isWordStart(c) || c === 45 /* - */ || c === 47; /* / */
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * A word: a word character, more word characters, and dot-separated parts (never "..", which separates the ends of
 * a range in a set). Returns the end of the word.
 */
function scanWord(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    while (j < text.length && isWordChar(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) === 46 /* . */ && j + 1 < text.length && isWordChar(text.charCodeAt(j + 1))) {
      j += 2;
      continue;
    }
    return j;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

const utf8 = new TextEncoder();

/** Text from bytes as string fields are decoded: UTF-8 when valid, else one character per byte. */
export function bytesToText(b: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    let s = '';
    for (const x of b) s += String.fromCharCode(x);
    return s;
  }
}

/**
 * Read a double-quoted string starting at the quote `q`. Escapes as wireshark-filter(4) lists them; a raw string
 * keeps its backslashes and only lets \" stand for a quote. Wireshark's strings are bytes: the text is UTF-8 and
 * \x and octal escapes are single bytes. Returns the bytes and the index after the final quote.
 */
function scanString(text: string, q: number, raw: boolean): { bytes: Uint8Array; end: number } {
  const out: number[] = [];
  const push = (s: string) => {
    for (const b of utf8.encode(s)) out.push(b);
  };
  let i = q + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') return { bytes: Uint8Array.from(out), end: i + 1 };
    if (c !== '\\') {
      const cp = text.codePointAt(i) ?? 0;
      const len = cp > 0xffff ? 2 : 1;
      push(text.slice(i, i + len));
      i += len;
      continue;
    }
    const n = text[i + 1];
    if (n === undefined) break;
    if (raw) {
      // Only \" and \\ are escapes, and the backslash stays.
      push(c + n);
      i += 2;
      continue;
    }
    if (n >= '0' && n <= '7') {
      let j = i + 1;
      while (j < text.length && j < i + 4 && text[j] >= '0' && text[j] <= '7') j++;
      const v = parseInt(text.slice(i + 1, j), 8);
      if (v > 255) throw new FilterSyntaxError(`${text.slice(i, j)} is larger than 255.`, i, j - i);
      out.push(v);
      i = j;
      continue;
    }
    if (n === 'x') {
      let j = i + 2;
      while (j < text.length && j < i + 4 && /[0-9a-fA-F]/.test(text[j])) j++;
      if (j === i + 2) throw new FilterSyntaxError(`\\x is not a valid character escape sequence`, i, 2);
      out.push(parseInt(text.slice(i + 2, j), 16));
      i = j;
      continue;
    }
    if (n === 'u' || n === 'U') {
      const want = n === 'u' ? 4 : 8;
      const digits = text.slice(i + 2, i + 2 + want);
      if (!new RegExp(`^[0-9a-fA-F]{${want}}$`).test(digits)) {
        throw new FilterSyntaxError(`\\${n} must be followed by ${want} hexadecimal digits`, i, 2 + digits.length);
      }
      const cp = parseInt(digits, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        throw new FilterSyntaxError(`\\${n}${digits} is not a valid Unicode code point`, i, 2 + want);
      }
      push(String.fromCodePoint(cp));
      i += 2 + want;
      continue;
    }
    const simple = SIMPLE_ESCAPES[n];
    if (simple === undefined) {
      throw new FilterSyntaxError(`\\${n} is not a valid character escape sequence`, i, 2);
    }
    push(simple);
    i += 2;
  }
  throw new FilterSyntaxError('The final quote was missing from a quoted string.', q, text.length - q);
}

/** A character constant 'x' starting at the quote: its code. */
function scanCharConst(text: string, q: number): { code: number; end: number } {
  let i = q + 1;
  while (i < text.length && text[i] !== "'") i += text[i] === '\\' ? 2 : 1;
  if (i >= text.length) {
    throw new FilterSyntaxError('The final quote was missing from a character constant.', q, text.length - q);
  }
  const body = text.slice(q + 1, i);
  const whole = text.slice(q, i + 1);
  const fail = (m: string) => new FilterSyntaxError(m, q, i + 1 - q);
  if (body.length === 0) throw fail('Empty character constant.');
  let code: number;
  if (body[0] !== '\\') {
    if ([...body].length !== 1) throw fail(`${whole} is too long to be a valid character constant.`);
    code = body.codePointAt(0) ?? 0;
  } else if (/^\\[0-7]{1,3}$/.test(body)) {
    code = parseInt(body.slice(1), 8);
    if (code > 255) throw fail(`${whole} is too large to be a valid character constant.`);
  } else if (/^\\x[0-9a-fA-F]{1,2}$/.test(body)) {
    code = parseInt(body.slice(2), 16);
  } else if (body.length === 2 && SIMPLE_ESCAPES[body[1]] !== undefined) {
    code = SIMPLE_ESCAPES[body[1]].charCodeAt(0);
  } else if (body.length === 2) {
    throw fail(`${whole} isn't a valid character constant.`);
  } else {
    throw fail(`${whole} is too long to be a valid character constant.`);
  }
  return { code, end: i + 1 };
}

/** Split the inside of "[…]" into range tokens and commas. */
function scanBrackets(text: string, open: number, out: Token[]): number {
  let i = open + 1;
  for (;;) {
    let j = i;
    while (j < text.length && text[j] !== ']' && text[j] !== ',') j++;
    if (j >= text.length) {
      throw new FilterSyntaxError('The right bracket was missing from a slice.', text.length, 0);
    }
    let s = i;
    let e = j;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    out.push({ kind: 'range', text: text.slice(s, e), start: s, end: e });
    if (text[j] === ']') {
      out.push({ kind: 'rbracket', text: ']', start: j, end: j + 1 });
      return j + 1;
    }
    out.push({ kind: 'comma', text: ',', start: j, end: j + 1 });
    i = j + 1;
  }
}

/** The tokens of a filter, ending with an 'eof' token. Throws FilterSyntaxError for a malformed string or slice. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const ch = text[i];
    // Strings: "…" and raw r"…".
    if (ch === '"' || ((ch === 'r' || ch === 'R') && text[i + 1] === '"')) {
      const raw = ch !== '"';
      const q = raw ? i + 1 : i;
      const s = scanString(text, q, raw);
      const value = bytesToText(s.bytes);
      out.push({ kind: 'string', text: text.slice(i, s.end), start: i, end: s.end, value, bytes: s.bytes, raw });
      i = s.end;
      continue;
    }
    if (ch === "'") {
      const s = scanCharConst(text, i);
      out.push({ kind: 'charconst', text: text.slice(i, s.end), start: i, end: s.end, value: String(s.code) });
      i = s.end;
      continue;
    }
    if (ch === '[') {
      out.push({ kind: 'lbracket', text: '[', start: i, end: i + 1 });
      i = scanBrackets(text, i, out);
      continue;
    }
    if (ch === '#') {
      out.push({ kind: 'hash', text: '#', start: i, end: i + 1 });
      i++;
      if (i >= n) throw new FilterSyntaxError('The layer number or range was missing.', i, 0);
      if (text[i] === '[') continue;
      let j = i;
      while (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      if (j === i) throw new FilterSyntaxError(`Expected digit or "[", not "${text[i]}"`, i, 1);
      out.push({ kind: 'range', text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    // A field forced by a leading dot: ".tcp.port".
    if (ch === '.' && text[i + 1] !== '.' && i + 1 < n && isWordChar(text.charCodeAt(i + 1))) {
      const end = scanWord(text, i + 1);
      out.push({ kind: 'word', text: text.slice(i, end), start: i, end });
      i = end;
      continue;
    }
    if (isWordStart(c)) {
      const end = scanWord(text, i);
      const word = text.slice(i, end);
      const kw = KEYWORDS[word];
      if (kw) out.push({ kind: kw[0], text: word, start: i, end, value: kw[1] });
      else out.push({ kind: 'word', text: word, start: i, end });
      i = end;
      continue;
    }
    let matched = false;
    for (const [sym, kind, value] of SYMBOLS) {
      if (text.startsWith(sym, i)) {
        out.push({ kind, text: sym, start: i, end: i + sym.length, value });
        i += sym.length;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const cp = text.codePointAt(i) ?? 0;
    const len = cp > 0xffff ? 2 : 1;
    out.push({ kind: 'unknown', text: text.slice(i, i + len), start: i, end: i + len });
    i += len;
  }
  out.push({ kind: 'eof', text: '', start: n, end: n });
  return out;
}
