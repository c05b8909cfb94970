// Hostile bytes behind each link-layer header Wirelens decodes: random tails after a valid start must end in Info,
// never in a dissector bug (an exception other than the two Wireshark notes).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dissectHex, fromHex } from '../testing';

/** A link type and a valid start of a frame on it (real headers from the shared captures). */
const STARTS: [number, string][] = [
  [1, 'ffffffffffff7831c1c63fc20806'], // ARP
  [1, 'ffffffffffff7831c1c63fc28100007b'], // 802.1Q
  [1, 'ffffffffffff0020d25afb3f88a800c88100'], // 802.1ad
  [1, 'ca010e880006cc050e8800008863'], // PPPoE discovery
  [1, 'ca010e880006cc050e880000886411000011'], // PPPoE session
  [1, 'ca010e880006cc050e880000886411000011000cc021'], // LCP
  [1, 'ca010e880006cc050e880000886411000011000cc023'], // PAP
  [1, '0180c200000000137f4f8ef20027'], // 802.3 length
  [1, '0180c200000000137f4f8ef20027aaaa03'], // SNAP
  [1, '01000ccdcdd00013c3dfae180100aaaa0300000c2000'], // CDP
  [1, '0180c200000000137f4f8ef20027424203'], // STP
  [0, '1e000000'],
  [0, 'ff03'],
  [50, 'ff03c021'],
  [9, 'ff038021'],
  [108, '00000002'],
  [113, '000400010006080027191c780000'],
  [276, '0800000000000002000104060000000000000000'],
  [231, '6c0201010000000011000000'],
  [239, '0200002a'],
  [253, '00040338000000000000000000000000'],
];

describe('link layers on hostile bytes', () => {
  it('random tails after valid headers never trip a dissector', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STARTS), fc.uint8Array({ maxLength: 200 }), ([linkType, start], tail) => {
        const head = fromHex(start);
        const bytes = new Uint8Array(head.length + tail.length);
        bytes.set(head);
        bytes.set(tail, head.length);
        const d = dissectHex(bytes, linkType);
        expect(d.cols.info).not.toContain('[Dissector bug');
      }),
      { numRuns: 3000 },
    );
  });
});
