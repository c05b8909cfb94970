// The field registry: every protocol and field, declared once, with Wireshark's filter name, display name and type.
// The CLI's -e, the detail tree labels, display filters, autocomplete and custom columns all read it.

export type FieldType =
  /** A protocol item: the root of a protocol's subtree. */
  | 'protocol'
  /** A label without a value (Wireshark's FT_NONE), e.g. tcp.analysis.retransmission. */
  | 'none'
  | 'uint'
  | 'int'
  | 'uint64'
  | 'bool'
  | 'float'
  | 'double'
  | 'string'
  | 'bytes'
  | 'ipv4'
  | 'ipv6'
  | 'ether'
  /** Absolute time: value in seconds since the epoch (number) or [sec, ns]. */
  | 'abs_time'
  /** Relative time in seconds. */
  | 'rel_time'
  /** A frame number: a link in the tree. */
  | 'framenum'
  | 'guid'
  | 'oid';

export type Base = 'dec' | 'hex' | 'oct' | 'dec_hex' | 'hex_dec' | 'none';

/** Value → text, like Wireshark's value_string; or a function for ranges and unusual cases. */
export type ValueStrings = Readonly<Record<number, string>> | ((value: number) => string | undefined);

export interface FieldSpec {
  /** Display name: "Time to Live". */
  name: string;
  type: FieldType;
  base?: Base;
  /** Names for values: "Protocol: TCP (6)". */
  strings?: ValueStrings;
  /** For bit fields: the mask within the containing integer, and that integer's width in bits. */
  mask?: number;
  bits?: 8 | 12 | 16 | 24 | 32 | 48 | 64;
  /** For booleans: the texts for true and false ("Set"/"Not set" when absent). */
  tf?: readonly [string, string];
  /** Units shown after the value ("bytes", "seconds"). */
  unit?: string;
  /** One line saying what the field means. */
  description?: string;
}

export interface FieldDef extends FieldSpec {
  id: number;
  /** Filter name: "ip.ttl". */
  abbrev: string;
  /** The protocol it belongs to ("ip"). */
  protocol: string;
}

const byId: FieldDef[] = [];
const byAbbrev = new Map<string, FieldDef>();

function register(abbrev: string, spec: FieldSpec): number {
  const existing = byAbbrev.get(abbrev);
  if (existing) {
    // Wireshark allows one filter name to be declared more than once (e.g. the same field in two places);
    // here a name is one field, so the first declaration wins and must agree on the type.
    if (existing.type !== spec.type) throw new Error(`field ${abbrev} declared twice with different types`);
    return existing.id;
  }
  const dot = abbrev.indexOf('.');
  const def: FieldDef = { ...spec, id: byId.length, abbrev, protocol: dot < 0 ? abbrev : abbrev.slice(0, dot) };
  byId.push(def);
  byAbbrev.set(abbrev, def);
  return def.id;
}

/**
 * Declare a protocol and its fields. Returns the protocol's own field id as `proto` and one id per field,
 * keyed as given. Field abbreviations are written in full ("ip.ttl").
 *
 *   export const hf = declare('ip', 'Internet Protocol Version 4', 'IPv4', { ttl: { abbrev: 'ip.ttl', name: 'Time to Live', type: 'uint' } });
 */
export function declare<K extends string>(
  abbrev: string,
  name: string,
  shortName: string,
  fields: Record<K, FieldSpec & { abbrev: string }>,
): { proto: number; shortName: string } & Record<K, number> {
  const out = { proto: register(abbrev, { name, type: 'protocol', description: shortName }), shortName } as {
    proto: number;
    shortName: string;
  } & Record<K, number>;
  for (const key of Object.keys(fields) as K[]) {
    const { abbrev: a, ...spec } = fields[key];
    (out as Record<string, number>)[key] = register(a, spec);
  }
  return out;
}

export function fieldById(id: number): FieldDef {
  return byId[id];
}

export function fieldByName(abbrev: string): FieldDef | undefined {
  return byAbbrev.get(abbrev);
}

export function allFields(): readonly FieldDef[] {
  return byId;
}

/** The text for a value from a field's value strings, if any. */
export function valueString(def: FieldDef, value: number): string | undefined {
  const s = def.strings;
  if (!s) return undefined;
  return typeof s === 'function' ? s(value) : s[value];
}
