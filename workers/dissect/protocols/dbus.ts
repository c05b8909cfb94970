// D-Bus messages (link type 231): the fixed header and the header fields; the sender and destination names are the
// Source and Destination columns, and Info says what the message is ("RemoveMatch() @ /org/freedesktop/DBus",
// "-> ''" for a method return), as Wireshark shows it. Bodies are not decoded.
import { linkTypes } from '../dispatch';
import type { Packet } from '../packet';
import { declare } from '../registry';
import { LE } from '../sinks';

const TYPES: Record<number, string> = {
  1: 'Method call',
  2: 'Method reply',
  3: 'Error reply',
  4: 'Signal emission',
};

const FIELD_CODES: Record<number, string> = {
  1: 'PATH',
  2: 'INTERFACE',
  3: 'MEMBER',
  4: 'ERROR_NAME',
  5: 'REPLY_SERIAL',
  6: 'DESTINATION',
  7: 'SENDER',
  8: 'SIGNATURE',
  9: 'UNIX_FDS',
};

export const hf = declare('dbus', 'D-Bus', 'D-Bus', {
  endianness: { abbrev: 'dbus.endianness', name: 'Endianness Flag', type: 'uint', base: 'hex', bits: 8 },
  type: { abbrev: 'dbus.message_type', name: 'Message Type', type: 'uint', strings: TYPES },
  flags: { abbrev: 'dbus.flags', name: 'Message Flags', type: 'uint', base: 'hex', bits: 8 },
  version: { abbrev: 'dbus.version', name: 'Protocol Version', type: 'uint' },
  bodyLength: { abbrev: 'dbus.length', name: 'Message Body Length', type: 'uint' },
  serial: { abbrev: 'dbus.serial', name: 'Message Serial (cookie)', type: 'uint' },
  fieldCode: { abbrev: 'dbus.field_code', name: 'Field Code', type: 'uint', strings: FIELD_CODES },
  path: { abbrev: 'dbus.path', name: 'Path', type: 'string' },
  interface: { abbrev: 'dbus.interface', name: 'Interface', type: 'string' },
  member: { abbrev: 'dbus.member', name: 'Member', type: 'string' },
  errorName: { abbrev: 'dbus.error_name', name: 'Error name', type: 'string' },
  replySerial: { abbrev: 'dbus.reply_serial', name: 'Reply serial', type: 'uint' },
  destination: { abbrev: 'dbus.destination', name: 'Destination', type: 'string' },
  sender: { abbrev: 'dbus.sender', name: 'Sender', type: 'string' },
  signature: { abbrev: 'dbus.signature', name: 'Signature', type: 'string' },
  unixFds: { abbrev: 'dbus.unix_fds', name: 'Unix FDs', type: 'uint' },
});

const STRING_FIELDS: Record<number, number> = {
  1: hf.path,
  2: hf.interface,
  3: hf.member,
  4: hf.errorName,
  6: hf.destination,
  7: hf.sender,
  8: hf.signature,
};

const latin1 = new TextDecoder('latin1');

export function dissectDbus(p: Packet, off: number, end: number): void {
  p.addLayer('dbus');
  p.setProtocol('D-Bus');
  p.setInfo('');
  p.need(off, 16, end);
  const e = p.data[off];
  if (e !== 0x6c && e !== 0x42) {
    p.expert('error', 'Malformed', 'dbus.endianness.invalid', 'Invalid endianness flag');
    return;
  }
  const little = e === 0x6c;
  const le = little ? LE : 0;
  const type = p.data[off + 1];
  if (p.sink.active) {
    p.open(hf.proto, off, end - off, null, 0, 'D-Bus');
    p.add(hf.endianness, off, 1);
    p.add(hf.type, off + 1, 1);
    p.add(hf.flags, off + 2, 1);
    p.add(hf.version, off + 3, 1);
    p.add(hf.bodyLength, off + 4, 4, undefined, le);
    p.add(hf.serial, off + 8, 4, undefined, le);
  }
  try {
    if (!p.verbose) return;
    const arrayLen = p.dv.getUint32(off + 12, little);
    const arrayEnd = off + 16 + arrayLen;
    p.need(off + 16, arrayLen, end);
    const text: Record<number, string> = {};
    let o = off + 16;
    while (o < arrayEnd) {
      o = off + ((o - off + 7) & ~7);
      if (o >= arrayEnd) break;
      p.need(o, 3, arrayEnd);
      const code = p.data[o];
      const sigLen = p.data[o + 1];
      p.need(o + 2, sigLen + 1, arrayEnd);
      const sig = latin1.decode(p.data.subarray(o + 2, o + 2 + sigLen));
      let v = o + 3 + sigLen;
      if (sig === 's' || sig === 'o') {
        v = off + ((v - off + 3) & ~3);
        p.need(v, 4, arrayEnd);
        const n = p.dv.getUint32(v, little);
        p.need(v + 4, n + 1, arrayEnd);
        text[code] = latin1.decode(p.data.subarray(v + 4, v + 4 + n));
        if (STRING_FIELDS[code] !== undefined) p.add(STRING_FIELDS[code], v + 4, n, text[code]);
        o = v + 4 + n + 1;
      } else if (sig === 'g') {
        p.need(v, 1, arrayEnd);
        const n = p.data[v];
        p.need(v + 1, n + 1, arrayEnd);
        text[code] = latin1.decode(p.data.subarray(v + 1, v + 1 + n));
        if (STRING_FIELDS[code] !== undefined) p.add(STRING_FIELDS[code], v + 1, n, text[code]);
        o = v + 1 + n + 1;
      } else if (sig === 'u') {
        v = off + ((v - off + 3) & ~3);
        p.need(v, 4, arrayEnd);
        p.add(code === 5 ? hf.replySerial : hf.unixFds, v, 4, undefined, le);
        text[code] = '';
        o = v + 4;
      } else {
        p.expert('error', 'Malformed', 'dbus.field_signature.invalid', 'Unexpected header field signature');
        break;
      }
    }
    p.setAddressStrings(text[7] ?? '', text[6] ?? '');
    if (p.cols) {
      const missing =
        type === 1
          ? text[1] === undefined || text[3] === undefined
          : type === 2
            ? text[5] === undefined
            : type === 3
              ? text[4] === undefined || text[5] === undefined
              : type === 4
                ? text[1] === undefined || text[2] === undefined || text[3] === undefined
                : true;
      if (!missing) {
        if (type === 1) p.setInfo(`${text[3]}() @ ${text[1]}`);
        else if (type === 4) p.setInfo(`* ${text[3]}() @ ${text[1]}`);
        else if (type === 3) p.setInfo(`-> ${text[4]}`);
        else p.setInfo(`-> '${text[8] ?? ''}'`);
      }
    }
  } finally {
    p.close();
  }
}

linkTypes.add(231, dissectDbus);
