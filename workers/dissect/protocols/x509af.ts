// X.509 certificates in the detail tree, as Wireshark's BER dissectors show them (x509af, x509if, x509sat, x509ce,
// pkcs-1, pkix1implicit/explicit): the signed certificate with its names, validity, public key and extensions. Only
// the tree uses this; a certificate that does not parse stops quietly where it went wrong.
import type { Packet } from '../packet';
import { formatIPv6 } from '../packet';
import { declare } from '../registry';
import { ATTRIBUTE_NAMES, oidText, readDer, readName, nameText } from './x509';
import type { DerElement } from './x509';
import { cutBytes } from '../tree';

export const hfX509af = declare('x509af', 'X.509 Authentication Framework', 'X509AF', {
  signedCertificate: { abbrev: 'x509af.signedCertificate_element', name: 'signedCertificate', type: 'none' },
  version: {
    abbrev: 'x509af.version',
    name: 'version',
    type: 'int',
    strings: { 0: 'v1', 1: 'v2', 2: 'v3' },
  },
  serialNumber: { abbrev: 'x509af.serialNumber', name: 'serialNumber', type: 'bytes' },
  signature: { abbrev: 'x509af.signature_element', name: 'signature', type: 'none' },
  algorithmId: { abbrev: 'x509af.algorithm.id', name: 'Algorithm Id', type: 'oid' },
  issuer: { abbrev: 'x509af.issuer', name: 'issuer', type: 'uint', strings: { 0: 'rdnSequence' } },
  subject: { abbrev: 'x509af.subject', name: 'subject', type: 'uint', strings: { 0: 'rdnSequence' } },
  validity: { abbrev: 'x509af.validity_element', name: 'validity', type: 'none' },
  notBefore: { abbrev: 'x509af.notBefore', name: 'notBefore', type: 'uint' },
  notAfter: { abbrev: 'x509af.notAfter', name: 'notAfter', type: 'uint' },
  utcTime: { abbrev: 'x509af.utcTime', name: 'utcTime', type: 'string' },
  generalizedTime: { abbrev: 'x509af.generalizedTime', name: 'generalizedTime', type: 'string' },
  subjectPublicKeyInfo: {
    abbrev: 'x509af.subjectPublicKeyInfo_element',
    name: 'subjectPublicKeyInfo',
    type: 'none',
  },
  algorithm: { abbrev: 'x509af.algorithm_element', name: 'algorithm', type: 'none' },
  padding: { abbrev: 'x509af.padding', name: 'Padding', type: 'uint' },
  subjectPublicKey: { abbrev: 'x509af.subjectPublicKey', name: 'subjectPublicKey', type: 'bytes' },
  extensions: { abbrev: 'x509af.extensions', name: 'extensions', type: 'uint' },
  extension: { abbrev: 'x509af.Extension_element', name: 'Extension', type: 'none' },
  extensionId: { abbrev: 'x509af.extension.id', name: 'Extension Id', type: 'oid' },
  critical: { abbrev: 'x509af.critical', name: 'critical', type: 'bool' },
  algorithmIdentifier: { abbrev: 'x509af.algorithmIdentifier_element', name: 'algorithmIdentifier', type: 'none' },
  encrypted: { abbrev: 'x509af.encrypted', name: 'encrypted', type: 'bytes' },
});

export const hfX509if = declare('x509if', 'X.509 Information Framework', 'X509IF', {
  rdnSequence: { abbrev: 'x509if.rdnSequence', name: 'rdnSequence', type: 'uint' },
  rdnItem: { abbrev: 'x509if.RDNSequence_item', name: 'RDNSequence item', type: 'uint' },
  atv: {
    abbrev: 'x509if.RelativeDistinguishedName_item_element',
    name: 'RelativeDistinguishedName item',
    type: 'none',
  },
  id: { abbrev: 'x509if.id', name: 'Object Id', type: 'oid' },
});

export const hfX509sat = declare('x509sat', 'X.509 Selected Attribute Types', 'X509SAT', {
  value: { abbrev: 'x509sat.DirectoryString', name: 'DirectoryString', type: 'uint' },
  countryName: { abbrev: 'x509sat.CountryName', name: 'CountryName', type: 'string' },
  string: { abbrev: 'x509sat.string', name: 'String', type: 'string' },
});

function keyUsageBit(name: string, mask: number) {
  return { abbrev: `x509ce.KeyUsage.${name}`, name, type: 'bool', mask, bits: 8, tf: ['True', 'False'] } as const;
}

export const hfX509ce = declare('x509ce', 'X.509 Certificate Extensions', 'X509CE', {
  subjectKeyIdentifier: { abbrev: 'x509ce.SubjectKeyIdentifier', name: 'SubjectKeyIdentifier', type: 'bytes' },
  authorityKeyIdentifier: {
    abbrev: 'x509ce.AuthorityKeyIdentifier_element',
    name: 'AuthorityKeyIdentifier',
    type: 'none',
  },
  keyIdentifier: { abbrev: 'x509ce.keyIdentifier', name: 'keyIdentifier', type: 'bytes' },
  basicConstraints: {
    abbrev: 'x509ce.BasicConstraintsSyntax_element',
    name: 'BasicConstraintsSyntax',
    type: 'none',
  },
  cA: { abbrev: 'x509ce.cA', name: 'cA', type: 'bool' },
  pathLen: { abbrev: 'x509ce.pathLenConstraint', name: 'pathLenConstraint', type: 'uint' },
  generalNames: { abbrev: 'x509ce.GeneralNames', name: 'GeneralNames', type: 'uint' },
  generalName: { abbrev: 'x509ce.GeneralName', name: 'GeneralName', type: 'uint' },
  dNSName: { abbrev: 'x509ce.dNSName', name: 'dNSName', type: 'string' },
  rfc822Name: { abbrev: 'x509ce.rfc822Name', name: 'rfc822Name', type: 'string' },
  uri: { abbrev: 'x509ce.uniformResourceIdentifier', name: 'uniformResourceIdentifier', type: 'string' },
  iPAddress: { abbrev: 'x509ce.iPAddress', name: 'iPAddress', type: 'bytes' },
  keyUsage: { abbrev: 'x509ce.KeyUsage', name: 'KeyUsage', type: 'bytes' },
  digitalSignature: keyUsageBit('digitalSignature', 0x80),
  contentCommitment: keyUsageBit('contentCommitment', 0x40),
  keyEncipherment: keyUsageBit('keyEncipherment', 0x20),
  dataEncipherment: keyUsageBit('dataEncipherment', 0x10),
  keyAgreement: keyUsageBit('keyAgreement', 0x08),
  keyCertSign: keyUsageBit('keyCertSign', 0x04),
  cRLSign: keyUsageBit('cRLSign', 0x02),
  encipherOnly: keyUsageBit('encipherOnly', 0x01),
  decipherOnly: keyUsageBit('decipherOnly', 0x80),
  keyPurposeIds: { abbrev: 'x509ce.KeyPurposeIDs', name: 'KeyPurposeIDs', type: 'uint' },
  keyPurposeId: { abbrev: 'x509ce.KeyPurposeId', name: 'KeyPurposeId', type: 'oid' },
  policies: { abbrev: 'x509ce.CertificatePoliciesSyntax', name: 'CertificatePoliciesSyntax', type: 'uint' },
  policyInformation: { abbrev: 'x509ce.PolicyInformation_element', name: 'PolicyInformation', type: 'none' },
  policyIdentifier: { abbrev: 'x509ce.policyIdentifier', name: 'policyIdentifier', type: 'oid' },
  policyQualifiers: { abbrev: 'x509ce.policyQualifiers', name: 'policyQualifiers', type: 'uint' },
  policyQualifierInfo: {
    abbrev: 'x509ce.PolicyQualifierInfo_element',
    name: 'PolicyQualifierInfo',
    type: 'none',
  },
  policyQualifierId: { abbrev: 'x509ce.policyQualifierId', name: 'Id', type: 'oid' },
  crlDistPoints: { abbrev: 'x509ce.CRLDistPointsSyntax', name: 'CRLDistPointsSyntax', type: 'uint' },
  distributionPoint: { abbrev: 'x509ce.DistributionPoint_element', name: 'DistributionPoint', type: 'none' },
  distributionPointName: { abbrev: 'x509ce.distributionPoint', name: 'distributionPoint', type: 'uint' },
  fullName: { abbrev: 'x509ce.fullName', name: 'fullName', type: 'uint' },
});

/** The bits of a KeyUsage, in order; each in its byte of the bit string. */
const KEY_USAGE_BITS = [
  hfX509ce.digitalSignature,
  hfX509ce.contentCommitment,
  hfX509ce.keyEncipherment,
  hfX509ce.dataEncipherment,
  hfX509ce.keyAgreement,
  hfX509ce.keyCertSign,
  hfX509ce.cRLSign,
  hfX509ce.encipherOnly,
  hfX509ce.decipherOnly,
];

export const hfPkcs1 = declare('pkcs-1', 'PKCS#1', 'PKCS-1', {
  ecParameters: { abbrev: 'pkcs-1.ECParameters', name: 'ECParameters', type: 'uint' },
  namedCurve: { abbrev: 'pkcs-1.namedCurve', name: 'namedCurve', type: 'oid' },
  modulus: { abbrev: 'pkcs-1.modulus', name: 'modulus', type: 'bytes' },
  publicExponent: { abbrev: 'pkcs-1.publicExponent', name: 'publicExponent', type: 'int' },
});

export const hfPkix1implicit = declare('pkix1implicit', 'PKIX1Implitit', 'PKIX1IMPLICIT', {
  authorityInfoAccess: {
    abbrev: 'pkix1implicit.AuthorityInfoAccessSyntax',
    name: 'AuthorityInfoAccessSyntax',
    type: 'uint',
  },
  accessDescription: {
    abbrev: 'pkix1implicit.AccessDescription_element',
    name: 'AccessDescription',
    type: 'none',
  },
  accessMethod: { abbrev: 'pkix1implicit.accessMethod', name: 'accessMethod', type: 'oid' },
  accessLocation: { abbrev: 'pkix1implicit.accessLocation', name: 'accessLocation', type: 'uint' },
});

export const hfPkix1explicit = declare('pkix1explicit', 'PKIX1Explitit', 'PKIX1EXPLICIT', {
  directoryString: { abbrev: 'pkix1explicit.DirectoryString', name: 'DirectoryString', type: 'string' },
});

/** Names Wireshark gives object identifiers seen in certificates. */
const OID_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.1': 'rsaEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'id-RSASSA-PSS',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10040.4.1': 'id-dsa',
  '1.2.840.10040.4.3': 'id-dsa-with-sha1',
  '1.2.840.10045.2.1': 'id-ecPublicKey',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10045.3.1.7': 'secp256r1',
  '1.3.132.0.34': 'secp384r1',
  '1.3.132.0.35': 'secp521r1',
  '1.3.101.112': 'id-Ed25519',
  '1.3.101.113': 'id-Ed448',
  '2.5.29.14': 'id-ce-subjectKeyIdentifier',
  '2.5.29.15': 'id-ce-keyUsage',
  '2.5.29.17': 'id-ce-subjectAltName',
  '2.5.29.18': 'id-ce-issuerAltName',
  '2.5.29.19': 'id-ce-basicConstraints',
  '2.5.29.31': 'id-ce-cRLDistributionPoints',
  '2.5.29.32': 'id-ce-certificatePolicies',
  '2.5.29.32.0': 'anyPolicy',
  '2.5.29.35': 'id-ce-authorityKeyIdentifier',
  '2.5.29.37': 'id-ce-extKeyUsage',
  '1.3.6.1.5.5.7.1.1': 'id-pe-authorityInfoAccess',
  '1.3.6.1.5.5.7.2.1': 'id-qt-cps',
  '1.3.6.1.5.5.7.2.2': 'id-qt-unotice',
  '1.3.6.1.5.5.7.3.1': 'id-kp-serverAuth',
  '1.3.6.1.5.5.7.3.2': 'id-kp-clientAuth',
  '1.3.6.1.5.5.7.3.3': 'id-kp-codeSigning',
  '1.3.6.1.5.5.7.3.4': 'id-kp-emailProtection',
  '1.3.6.1.5.5.7.3.8': 'id-kp-timeStamping',
  '1.3.6.1.5.5.7.3.9': 'id-kp-OCSPSigning',
  '1.3.6.1.5.5.7.48.1': 'id-ad-ocsp',
  '1.3.6.1.5.5.7.48.2': 'id-ad-caIssuers',
  '1.3.6.1.4.1.11129.2.4.2': 'SignedCertificateTimestampList',
  ...ATTRIBUTE_NAMES,
};

/** Arcs Wireshark names when it knows no name for the whole identifier ("joint-iso-itu-t.23.140.1.2.1"). */
const OID_PREFIXES: readonly [string, string][] = [
  ['2.16.840.1', 'US company arc'],
  ['0', 'itu-t'],
  ['1', 'iso'],
  ['2', 'joint-iso-itu-t'],
];

/** "1.2.840.10045.4.3.2 (ecdsa-with-SHA256)"'s name part: the full name, or the named prefix and the rest. */
export function oidName(oid: string): string {
  const full = OID_NAMES[oid];
  if (full) return full;
  for (const [prefix, name] of OID_PREFIXES) {
    if (oid === prefix) return name;
    if (oid.startsWith(prefix + '.')) return name + oid.slice(prefix.length);
  }
  return oid;
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

function hexOf(d: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += d[i].toString(16).padStart(2, '0');
  return s;
}

/** Hex as a label shows bytes: cut after 36 bytes with "…". */
function shortHex(d: Uint8Array, from: number, to: number): string {
  return hexOf(d, from, Math.min(to, from + 36)) + (to - from > 36 ? '\u2026' : '');
}

function text(d: Uint8Array, e: DerElement): string {
  return e.tag === 0x0c ? utf8.decode(d.subarray(e.body, e.end)) : latin1.decode(d.subarray(e.body, e.end));
}

/** The elements of a constructed element, in order (stops at the first that does not parse). */
function children(d: Uint8Array, e: DerElement): DerElement[] {
  const out: DerElement[] = [];
  let o = e.body;
  while (o < e.end) {
    const c = readDer(d, o, e.end);
    if (!c) break;
    out.push(c);
    o = c.end;
  }
  return out;
}

const items = (n: number) => `${n} item${n === 1 ? '' : 's'}`;
const cut = (label: string) => cutBytes(label, 239);
const len = (e: DerElement) => e.end - e.start;

/**
 * The certificate at [off, end) under the open "Certificate: …" item: signedCertificate, algorithmIdentifier, the
 * signature. Adds the protocols Wireshark's BER dissectors name to frame.protocols.
 */
export function addCertificateTree(p: Packet, off: number, end: number): void {
  const depth = p.openDepth;
  try {
    certificate(p, off, end);
  } catch {
    // A damaged certificate: what was shown stays.
  } finally {
    p.unwind(depth);
  }
}

function certificate(p: Packet, off: number, end: number): void {
  const d = p.data;
  const cert = readDer(d, off, end);
  if (!cert || cert.tag !== 0x30) return;
  const [tbs, sigAlg, sigValue] = children(d, cert);
  if (!tbs || tbs.tag !== 0x30) return;
  p.open(hfX509af.signedCertificate, tbs.start, len(tbs), null, 0, 'signedCertificate');
  signedCertificate(p, tbs);
  p.close();
  if (sigAlg?.tag === 0x30) algorithmIdentifier(p, sigAlg, hfX509af.algorithmIdentifier, 'algorithmIdentifier');
  if (sigValue?.tag === 0x03) bitString(p, sigValue, hfX509af.encrypted, 'encrypted');
}

function signedCertificate(p: Packet, tbs: DerElement): void {
  const d = p.data;
  const parts = children(d, tbs);
  let i = 0;
  if (parts[i]?.tag === 0xa0) {
    const v = readDer(d, parts[i].body, parts[i].end);
    if (v && v.tag === 0x02) {
      const n = d[v.body];
      p.add(hfX509af.version, v.start, len(v), n, 0, `version: ${['v1', 'v2', 'v3'][n] ?? 'Unknown'} (${n})`);
    }
    i++;
  }
  const serial = parts[i++];
  if (serial?.tag === 0x02) {
    const n = serial.end - serial.body;
    let shown: string;
    if (n > 8) shown = `0x${hexOf(d, serial.body, serial.end)}`;
    else {
      let v = 0n;
      for (let k = serial.body; k < serial.end; k++) v = (v << 8n) | BigInt(d[k]);
      if (n > 0 && d[serial.body] & 0x80) v -= 1n << BigInt(8 * n);
      shown = String(v);
    }
    p.add(
      hfX509af.serialNumber,
      serial.start,
      len(serial),
      d.subarray(serial.body, serial.end),
      0,
      `serialNumber: ${shown}`,
    );
  }
  const sig = parts[i++];
  if (sig?.tag === 0x30) algorithmIdentifier(p, sig, hfX509af.signature, 'signature');
  const issuer = parts[i++];
  if (issuer) name(p, issuer, hfX509af.issuer, 'issuer');
  const validity = parts[i++];
  if (validity?.tag === 0x30) {
    p.open(hfX509af.validity, validity.start, len(validity), null, 0, 'validity');
    const [nb, na] = children(d, validity);
    if (nb) time(p, nb, hfX509af.notBefore, 'notBefore');
    if (na) time(p, na, hfX509af.notAfter, 'notAfter');
    p.close();
  }
  const subject = parts[i++];
  if (subject) name(p, subject, hfX509af.subject, 'subject');
  const spki = parts[i++];
  if (spki?.tag === 0x30) publicKeyInfo(p, spki);
  for (; i < parts.length; i++) if (parts[i].tag === 0xa3) extensions(p, parts[i]);
}

/** "signature (ecdsa-with-SHA256)" with its "Algorithm Id"; returns the OID. */
function algorithmIdentifier(p: Packet, e: DerElement, id: number, what: string): string {
  const d = p.data;
  const oidEl = readDer(d, e.body, e.end);
  const oid = oidEl && oidEl.tag === 0x06 ? oidText(d, oidEl.body, oidEl.end) : '';
  p.open(id, e.start, len(e), null, 0, `${what} (${oidName(oid)})`);
  if (oidEl && oidEl.tag === 0x06) algorithmId(p, oidEl, oid);
  p.close();
  return oid;
}

function algorithmId(p: Packet, oidEl: DerElement, oid: string): void {
  p.add(hfX509af.algorithmId, oidEl.start, len(oidEl), oid, 0, `Algorithm Id: ${oid} (${oidName(oid)})`);
}

/** An issuer or subject: "issuer: rdnSequence (0)", then its RDNs and attributes. */
function name(p: Packet, e: DerElement, id: number, what: string): void {
  const d = p.data;
  const attrs = readName(d, e);
  if (!attrs) return;
  p.open(id, e.start, len(e), 0, 0, `${what}: rdnSequence (0)`);
  const sets = children(d, e);
  p.open(
    hfX509if.rdnSequence,
    e.start,
    len(e),
    sets.length,
    0,
    // Wireshark appends the names to these labels, which cuts them at 239 bytes without a mark.
    cut(`rdnSequence: ${items(sets.length)} (${nameText(attrs)})`),
  );
  for (const set of sets) {
    const atvs = children(d, set);
    const setAttrs = readName(d, { tag: 0x30, start: set.start, body: set.start, end: set.end });
    p.open(
      hfX509if.rdnItem,
      set.start,
      len(set),
      atvs.length,
      0,
      cut(`RDNSequence item: ${items(atvs.length)} (${setAttrs ? nameText(setAttrs) : ''})`),
    );
    for (const atv of atvs) attribute(p, atv);
    p.close();
  }
  p.close();
  p.close();
}

/** Directory string types by their tag: [choice name, choice number]. */
const DIRECTORY_STRINGS: Readonly<Record<number, [string, number]>> = {
  0x14: ['teletexString', 0],
  0x13: ['printableString', 1],
  0x1c: ['universalString', 2],
  0x0c: ['uTF8String', 4],
  0x1e: ['bmpString', 3],
};

/** One type=value of a name: "RelativeDistinguishedName item (id-at-commonName=lab.test)". */
function attribute(p: Packet, atv: DerElement): void {
  const d = p.data;
  const [type, value] = children(d, atv);
  if (!type || type.tag !== 0x06 || !value) return;
  const oid = oidText(d, type.body, type.end);
  const attrName = ATTRIBUTE_NAMES[oid] ?? oid;
  const valueText = value.tag === 0x1e ? bmp(d, value) : text(d, value);
  p.open(hfX509if.atv, atv.start, len(atv), null, 0, cut(`RelativeDistinguishedName item (${attrName}=${valueText})`));
  p.add(hfX509if.id, type.start, len(type), oid, 0, `Object Id: ${oid} (${attrName})`);
  p.addLayer('x509sat');
  if (oid === '2.5.4.6' || oid === '1.3.6.1.4.1.311.60.2.1.3')
    p.add(hfX509sat.countryName, value.body, value.end - value.body, valueText);
  else if (value.tag === 0x13 && oid === '2.5.4.5')
    p.add(hfX509sat.string, value.body, value.end - value.body, valueText, 0, `PrintableString: ${valueText}`);
  else if (value.tag === 0x16)
    p.add(hfX509sat.string, value.body, value.end - value.body, valueText, 0, `IA5String: ${valueText}`);
  else {
    const choice = DIRECTORY_STRINGS[value.tag];
    if (choice) {
      p.open(hfX509sat.value, value.start, len(value), choice[1], 0, `DirectoryString: ${choice[0]} (${choice[1]})`);
      p.add(hfX509sat.string, value.body, value.end - value.body, valueText, 0, `${choice[0]}: ${valueText}`);
      p.close();
    }
  }
  p.close();
}

function bmp(d: Uint8Array, e: DerElement): string {
  let s = '';
  for (let i = e.body; i + 1 < e.end; i += 2) s += String.fromCharCode((d[i] << 8) | d[i + 1]);
  return s;
}

/** "notBefore: utcTime (0)" → "utcTime: 2026-11-22 01:48:28 (UTC)". */
function time(p: Packet, e: DerElement, id: number, what: string): void {
  const d = p.data;
  const s = latin1.decode(d.subarray(e.body, e.end));
  const utc = e.tag === 0x17;
  let digits = s.replace(/Z$/, '');
  if (utc) digits = (Number(digits.slice(0, 2)) < 50 ? '20' : '19') + digits;
  const shown = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)} ${digits.slice(8, 10)}:${digits.slice(10, 12)}:${digits.slice(12, 14)} (UTC)`;
  const choice = utc ? 'utcTime' : 'generalizedTime';
  p.open(id, e.start, len(e), utc ? 0 : 1, 0, `${what}: ${choice} (${utc ? 0 : 1})`);
  p.add(utc ? hfX509af.utcTime : hfX509af.generalizedTime, e.body, e.end - e.body, shown, 0, `${choice}: ${shown}`);
  p.close();
}

/** A BIT STRING: "Padding: N" (its unused bits) and the bytes. */
function bitString(p: Packet, e: DerElement, id: number, what: string): void {
  const d = p.data;
  if (e.end <= e.body) return;
  p.add(hfX509af.padding, e.body, 1, d[e.body], 0, `Padding: ${d[e.body]}`);
  p.add(
    id,
    e.body + 1,
    e.end - e.body - 1,
    d.subarray(e.body + 1, e.end),
    0,
    `${what}: ${shortHex(d, e.body + 1, e.end)}`,
  );
}

function publicKeyInfo(p: Packet, spki: DerElement): void {
  const d = p.data;
  p.open(hfX509af.subjectPublicKeyInfo, spki.start, len(spki), null, 0, 'subjectPublicKeyInfo');
  const [alg, key] = children(d, spki);
  let oid = '';
  if (alg?.tag === 0x30) {
    const [oidEl, params] = children(d, alg);
    oid = oidEl && oidEl.tag === 0x06 ? oidText(d, oidEl.body, oidEl.end) : '';
    p.open(hfX509af.algorithm, alg.start, len(alg), null, 0, `algorithm (${oidName(oid)})`);
    if (oidEl && oidEl.tag === 0x06) algorithmId(p, oidEl, oid);
    if (params) {
      p.addLayer('pkcs-1');
      if (params.tag === 0x06) {
        const curve = oidText(d, params.body, params.end);
        p.open(hfPkcs1.ecParameters, params.start, len(params), 1, 0, 'ECParameters: namedCurve (1)');
        p.add(hfPkcs1.namedCurve, params.start, len(params), curve, 0, `namedCurve: ${curve} (${oidName(curve)})`);
        p.close();
      }
    }
    p.close();
  }
  if (key?.tag === 0x03 && key.end > key.body) {
    if (oid === '1.2.840.113549.1.1.1') {
      // RSA: the key is an RSAPublicKey (modulus, exponent), shown under the key.
      p.open(
        hfX509af.subjectPublicKey,
        key.body + 1,
        key.end - key.body - 1,
        undefined,
        0,
        `subjectPublicKey: ${shortHex(d, key.body + 1, key.end)}`,
      );
      const rsa = readDer(d, key.body + 1, key.end);
      if (rsa && rsa.tag === 0x30) {
        const [mod, exp] = children(d, rsa);
        if (mod?.tag === 0x02)
          p.add(
            hfPkcs1.modulus,
            mod.body,
            mod.end - mod.body,
            d.subarray(mod.body, mod.end),
            0,
            `modulus: 0x${shortHex(d, mod.body, mod.end)}`,
          );
        if (exp?.tag === 0x02) {
          let v = 0;
          for (let k = exp.body; k < exp.end; k++) v = v * 256 + d[k];
          p.add(hfPkcs1.publicExponent, exp.body, exp.end - exp.body, v);
        }
      }
      p.close();
    } else bitString(p, key, hfX509af.subjectPublicKey, 'subjectPublicKey');
  }
  p.close();
}

// ---- extensions --------------------------------------------------------------------------------------------------

function extensions(p: Packet, wrapper: DerElement): void {
  const d = p.data;
  const seq = readDer(d, wrapper.body, wrapper.end);
  if (!seq || seq.tag !== 0x30) return;
  const list = children(d, seq);
  p.open(hfX509af.extensions, wrapper.start, len(wrapper), list.length, 0, `extensions: ${items(list.length)}`);
  for (const ext of list) extension(p, ext);
  p.close();
}

function extension(p: Packet, ext: DerElement): void {
  const d = p.data;
  const parts = children(d, ext);
  const oidEl = parts[0];
  if (!oidEl || oidEl.tag !== 0x06) return;
  const oid = oidText(d, oidEl.body, oidEl.end);
  p.open(hfX509af.extension, ext.start, len(ext), null, 0, `Extension (${oidName(oid)})`);
  p.add(hfX509af.extensionId, oidEl.start, len(oidEl), oid, 0, `Extension Id: ${oid} (${oidName(oid)})`);
  let k = 1;
  if (parts[k]?.tag === 0x01) {
    const on = d[parts[k].body] !== 0;
    p.add(hfX509af.critical, parts[k].start, len(parts[k]), on, 0, `critical: ${on ? 'True' : 'False'}`);
    k++;
  }
  const value = parts[k];
  if (value?.tag === 0x04) {
    const inner = readDer(d, value.body, value.end);
    if (inner) extensionValue(p, oid, inner);
  }
  p.close();
}

function extensionValue(p: Packet, oid: string, v: DerElement): void {
  const d = p.data;
  if (oid.startsWith('2.5.29.')) p.addLayer('x509ce');
  switch (oid) {
    case '2.5.29.14':
      if (v.tag === 0x04) octets(p, v, hfX509ce.subjectKeyIdentifier, 'SubjectKeyIdentifier');
      return;
    case '2.5.29.35': {
      p.open(hfX509ce.authorityKeyIdentifier, v.start, len(v), null, 0, 'AuthorityKeyIdentifier');
      for (const c of children(d, v)) if (c.tag === 0x80) octets(p, c, hfX509ce.keyIdentifier, 'keyIdentifier');
      p.close();
      return;
    }
    case '2.5.29.19': {
      if (v.end === v.body) {
        p.add(hfX509ce.basicConstraints, v.start, len(v), null, 0, 'BasicConstraintsSyntax [0 length]');
        return;
      }
      p.open(hfX509ce.basicConstraints, v.start, len(v), null, 0, 'BasicConstraintsSyntax');
      for (const c of children(d, v)) {
        if (c.tag === 0x01)
          p.add(hfX509ce.cA, c.start, len(c), d[c.body] !== 0, 0, `cA: ${d[c.body] ? 'True' : 'False'}`);
        else if (c.tag === 0x02) p.add(hfX509ce.pathLen, c.start, len(c), intOf(d, c));
      }
      p.close();
      return;
    }
    case '2.5.29.17':
    case '2.5.29.18':
      generalNames(p, v, hfX509ce.generalNames, 'GeneralNames');
      return;
    case '2.5.29.15':
      keyUsage(p, v);
      return;
    case '2.5.29.37': {
      const list = children(d, v);
      p.open(hfX509ce.keyPurposeIds, v.start, len(v), list.length, 0, `KeyPurposeIDs: ${items(list.length)}`);
      for (const c of list) if (c.tag === 0x06) oidItem(p, c, hfX509ce.keyPurposeId, 'KeyPurposeId');
      p.close();
      return;
    }
    case '2.5.29.32':
      policies(p, v);
      return;
    case '2.5.29.31':
      distributionPoints(p, v);
      return;
    case '1.3.6.1.5.5.7.1.1':
      authorityInfoAccess(p, v);
      return;
    default:
      return;
  }
}

function intOf(d: Uint8Array, e: DerElement): number {
  let v = 0;
  for (let k = e.body; k < e.end; k++) v = v * 256 + d[k];
  return v;
}

function octets(p: Packet, e: DerElement, id: number, what: string): void {
  const d = p.data;
  p.add(id, e.body, e.end - e.body, d.subarray(e.body, e.end), 0, `${what}: ${shortHex(d, e.body, e.end)}`);
}

function oidItem(p: Packet, e: DerElement, id: number, what: string): void {
  const oid = oidText(p.data, e.body, e.end);
  p.add(id, e.start, len(e), oid, 0, `${what}: ${oid} (${oidName(oid)})`);
}

const GENERAL_NAMES = [
  'otherName',
  'rfc822Name',
  'dNSName',
  'x400Address',
  'directoryName',
  'ediPartyName',
  'uniformResourceIdentifier',
  'iPAddress',
  'registeredID',
];

function generalNames(p: Packet, v: DerElement, id: number, what: string): void {
  const list = children(p.data, v);
  p.open(id, v.start, len(v), list.length, 0, `${what}: ${items(list.length)}`);
  for (const c of list) generalName(p, c, null);
  p.close();
}

/** "GeneralName: dNSName (2)" → "dNSName: example.com" (or, with `as`, "accessLocation: 6" above the value). */
function generalName(p: Packet, c: DerElement, as: string | null): void {
  const d = p.data;
  const n = c.tag & 0x1f;
  const choice = GENERAL_NAMES[n] ?? 'Unknown';
  p.open(
    as === null ? hfX509ce.generalName : hfPkix1implicit.accessLocation,
    c.start,
    len(c),
    n,
    0,
    as === null ? `GeneralName: ${choice} (${n})` : `${as}: ${n}`,
  );
  const body = d.subarray(c.body, c.end);
  if (n === 1 || n === 2 || n === 6) {
    const id = n === 1 ? hfX509ce.rfc822Name : n === 2 ? hfX509ce.dNSName : hfX509ce.uri;
    p.add(id, c.body, c.end - c.body, latin1.decode(body), 0, `${choice}: ${latin1.decode(body)}`);
  } else if (n === 7) {
    const ip =
      body.length === 4
        ? `${body[0]}.${body[1]}.${body[2]}.${body[3]}`
        : body.length === 16
          ? formatIPv6(body, 0)
          : hexOf(d, c.body, c.end);
    p.add(hfX509ce.iPAddress, c.body, c.end - c.body, body, 0, `iPAddress: ${ip}`);
  }
  p.close();
}

function keyUsage(p: Packet, v: DerElement): void {
  const d = p.data;
  if (v.tag !== 0x03 || v.end <= v.body) return;
  p.add(hfX509af.padding, v.body, 1, d[v.body], 0, `Padding: ${d[v.body]}`);
  p.open(
    hfX509ce.keyUsage,
    v.body + 1,
    v.end - v.body - 1,
    d.subarray(v.body + 1, v.end),
    0,
    `KeyUsage: ${hexOf(d, v.body + 1, v.end)}`,
  );
  KEY_USAGE_BITS.forEach((bit, i) => {
    const at = v.body + 1 + (i >> 3);
    const byte = at < v.end ? d[at] : 0;
    p.add(bit, at, 1, (byte & (0x80 >> (i & 7))) !== 0);
  });
  p.close();
}

function policies(p: Packet, v: DerElement): void {
  const d = p.data;
  const list = children(d, v);
  p.open(hfX509ce.policies, v.start, len(v), list.length, 0, `CertificatePoliciesSyntax: ${items(list.length)}`);
  for (const info of list) {
    p.open(hfX509ce.policyInformation, info.start, len(info), null, 0, 'PolicyInformation');
    const [id, quals] = children(d, info);
    if (id?.tag === 0x06) oidItem(p, id, hfX509ce.policyIdentifier, 'policyIdentifier');
    if (quals?.tag === 0x30) {
      const ql = children(d, quals);
      p.open(hfX509ce.policyQualifiers, quals.start, len(quals), ql.length, 0, `policyQualifiers: ${items(ql.length)}`);
      for (const q of ql) {
        p.open(hfX509ce.policyQualifierInfo, q.start, len(q), null, 0, 'PolicyQualifierInfo');
        const [qid, qv] = children(d, q);
        if (qid?.tag === 0x06) {
          oidItem(p, qid, hfX509ce.policyQualifierId, 'Id');
          if (oidText(d, qid.body, qid.end) === '1.3.6.1.5.5.7.2.1' && qv && qv.tag === 0x16) {
            p.addLayer('pkix1explicit');
            p.add(
              hfPkix1explicit.directoryString,
              qv.body,
              qv.end - qv.body,
              text(d, qv),
              0,
              `DirectoryString: ${text(d, qv)}`,
            );
          }
        }
        p.close();
      }
      p.close();
    }
    p.close();
  }
  p.close();
}

function distributionPoints(p: Packet, v: DerElement): void {
  const d = p.data;
  const list = children(d, v);
  p.open(hfX509ce.crlDistPoints, v.start, len(v), list.length, 0, `CRLDistPointsSyntax: ${items(list.length)}`);
  for (const dp of list) {
    p.open(hfX509ce.distributionPoint, dp.start, len(dp), null, 0, 'DistributionPoint');
    for (const c of children(d, dp)) {
      if (c.tag !== 0xa0) continue;
      const name = readDer(d, c.body, c.end);
      if (!name || name.tag !== 0xa0) continue;
      p.open(hfX509ce.distributionPointName, c.start, len(c), 0, 0, 'distributionPoint: fullName (0)');
      generalNames(p, name, hfX509ce.fullName, 'fullName');
      p.close();
    }
    p.close();
  }
  p.close();
}

function authorityInfoAccess(p: Packet, v: DerElement): void {
  const d = p.data;
  p.addLayer('pkix1implicit');
  const list = children(d, v);
  p.open(
    hfPkix1implicit.authorityInfoAccess,
    v.start,
    len(v),
    list.length,
    0,
    `AuthorityInfoAccessSyntax: ${items(list.length)}`,
  );
  for (const ad of list) {
    p.open(hfPkix1implicit.accessDescription, ad.start, len(ad), null, 0, 'AccessDescription');
    const [method, location] = children(d, ad);
    if (method?.tag === 0x06) oidItem(p, method, hfPkix1implicit.accessMethod, 'accessMethod');
    if (location) generalName(p, location, 'accessLocation');
    p.close();
  }
  p.close();
}
