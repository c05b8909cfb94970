// A minimal DER reader for X.509 certificates: enough to show a certificate's issuer and subject (the RDNSequence) as
// Wireshark does, e.g. "id-at-commonName=example.com,id-at-organizationName=Example,id-at-countryName=US" (the most
// specific name first). Never throws: a damaged certificate yields null.

/** One DER element: its tag, where its contents start and end. */
export interface DerElement {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the contents. */
  body: number;
  /** One past the last byte of the contents. */
  end: number;
}

/** Read the DER element at `off`, not going past `limit`; null when it does not fit or is not DER. */
export function readDer(d: Uint8Array, off: number, limit: number): DerElement | null {
  if (off + 2 > limit) return null;
  const tag = d[off];
  if ((tag & 0x1f) === 0x1f) return null; // high tag numbers do not occur in certificates
  let len = d[off + 1];
  let body = off + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || body + n > limit) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + d[body + i];
    body += n;
  }
  if (body + len > limit) return null;
  return { tag, start: off, body, end: body + len };
}

/** The dotted text of an OBJECT IDENTIFIER's contents. */
export function oidText(d: Uint8Array, from: number, to: number): string {
  if (from >= to) return '';
  const parts: number[] = [];
  let v = 0;
  for (let i = from; i < to; i++) {
    v = v * 128 + (d[i] & 0x7f);
    if (!(d[i] & 0x80)) {
      if (parts.length === 0) {
        const first = v < 40 ? 0 : v < 80 ? 1 : 2;
        parts.push(first, v - first * 40);
      } else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** Names Wireshark gives the attribute types of distinguished names. */
export const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'id-at-commonName',
  '2.5.4.4': 'id-at-surname',
  '2.5.4.5': 'id-at-serialNumber',
  '2.5.4.6': 'id-at-countryName',
  '2.5.4.7': 'id-at-localityName',
  '2.5.4.8': 'id-at-stateOrProvinceName',
  '2.5.4.9': 'id-at-streetAddress',
  '2.5.4.10': 'id-at-organizationName',
  '2.5.4.11': 'id-at-organizationalUnitName',
  '2.5.4.12': 'id-at-title',
  '2.5.4.13': 'id-at-description',
  '2.5.4.15': 'id-at-businessCategory',
  '2.5.4.17': 'id-at-postalCode',
  '2.5.4.41': 'id-at-name',
  '2.5.4.42': 'id-at-givenName',
  '2.5.4.43': 'id-at-initials',
  '2.5.4.46': 'id-at-dnQualifier',
  '2.5.4.65': 'id-at-pseudonym',
  '2.5.4.97': 'id-at-organizationIdentifier',
  '1.2.840.113549.1.9.1': 'pkcs-9-at-emailAddress',
  '0.9.2342.19200300.100.1.25': 'dc',
  '0.9.2342.19200300.100.1.1': 'userid',
  '1.3.6.1.4.1.311.60.2.1.1': 'jurisdictionOfIncorporationLocalityName',
  '1.3.6.1.4.1.311.60.2.1.2': 'jurisdictionOfIncorporationStateOrProvinceName',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionOfIncorporationCountryName',
};

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

/** The text of a directory string (UTF8String, PrintableString, IA5String, BMPString …). */
function stringValue(d: Uint8Array, e: DerElement): string {
  const bytes = d.subarray(e.body, e.end);
  if (e.tag === 0x1e) {
    // BMPString: UTF-16BE.
    let s = '';
    for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
    return s;
  }
  if (e.tag === 0x0c) return utf8.decode(bytes);
  if (e.tag === 0x04 || e.tag === 0x03) {
    let s = '';
    for (const b of bytes) s += b.toString(16).padStart(2, '0');
    return s;
  }
  return latin1.decode(bytes);
}

/** One attribute of a distinguished name. */
export interface NameAttribute {
  oid: string;
  /** Wireshark's name for the type, or the dotted OID. */
  name: string;
  value: string;
}

/** The attributes of an RDNSequence (a Name) in the order they are encoded; null when it is not one. */
export function readName(d: Uint8Array, name: DerElement): NameAttribute[] | null {
  if (name.tag !== 0x30) return null;
  const out: NameAttribute[] = [];
  let o = name.body;
  while (o < name.end) {
    const set = readDer(d, o, name.end);
    if (!set || set.tag !== 0x31) return null;
    let q = set.body;
    while (q < set.end) {
      const atv = readDer(d, q, set.end);
      if (!atv || atv.tag !== 0x30) return null;
      const type = readDer(d, atv.body, atv.end);
      if (!type || type.tag !== 0x06) return null;
      const value = readDer(d, type.end, atv.end);
      if (!value) return null;
      const oid = oidText(d, type.body, type.end);
      out.push({ oid, name: ATTRIBUTE_NAMES[oid] ?? oid, value: stringValue(d, value) });
      q = atv.end;
    }
    o = set.end;
  }
  return out;
}

/** A Name as Wireshark prints it: "type=value" joined with ",", the last RDN first. */
export function nameText(attrs: readonly NameAttribute[]): string {
  let s = '';
  for (let i = attrs.length - 1; i >= 0; i--) s += (s ? ',' : '') + `${attrs[i].name}=${attrs[i].value}`;
  return s;
}

/** What Wirelens shows of a certificate: where its issuer and subject are, and their text. */
export interface CertificateSummary {
  issuer: DerElement;
  subject: DerElement;
  issuerAttrs: NameAttribute[];
  subjectAttrs: NameAttribute[];
  /** The serial number's contents (hex). */
  serial: string;
}

/** Read a DER certificate in [off, end): Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { … } … }. */
export function readCertificate(d: Uint8Array, off: number, end: number): CertificateSummary | null {
  const cert = readDer(d, off, end);
  if (!cert || cert.tag !== 0x30) return null;
  const tbs = readDer(d, cert.body, cert.end);
  if (!tbs || tbs.tag !== 0x30) return null;
  let o = tbs.body;
  let e = readDer(d, o, tbs.end);
  if (e && e.tag === 0xa0) {
    o = e.end; // [0] version
    e = readDer(d, o, tbs.end);
  }
  if (!e || e.tag !== 0x02) return null;
  let serial = '';
  for (let i = e.body; i < e.end; i++) serial += d[i].toString(16).padStart(2, '0');
  const sig = readDer(d, e.end, tbs.end);
  if (!sig) return null;
  const issuer = readDer(d, sig.end, tbs.end);
  if (!issuer) return null;
  const validity = readDer(d, issuer.end, tbs.end);
  if (!validity) return null;
  const subject = readDer(d, validity.end, tbs.end);
  if (!subject) return null;
  const issuerAttrs = readName(d, issuer);
  const subjectAttrs = readName(d, subject);
  if (!issuerAttrs || !subjectAttrs) return null;
  return { issuer, subject, issuerAttrs, subjectAttrs, serial };
}
