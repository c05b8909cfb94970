import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Msp, OP_WORDS, TcpReassemblyState, assemble } from './tcp-stream';

/** A message of `length` bytes where byte k of piece i is (i * 31 + k) & 0xff, so overlaps show whose bytes won. */
function piece(i: number, len: number): Uint8Array {
  const b = new Uint8Array(len);
  for (let k = 0; k < len; k++) b[k] = (i * 31 + k) & 0xff;
  return b;
}

describe('Msp: one buffer while pieces come in order, Wireshark’s overlap rule otherwise', () => {
  it('puts in-order pieces together without a copy per piece, and the view is the message', () => {
    const m = new Msp(0, 1000, 1000 + 3000);
    expect(m.addBytes(0, piece(0, 1448), false, 3000)).toBe(false);
    expect(m.addBytes(1448, piece(1, 1448), false)).toBe(false);
    expect(m.addBytes(2896, piece(2, 104), true)).toBe(true);
    const out = m.build();
    expect(out.length).toBe(3000);
    expect(out.subarray(0, 1448)).toEqual(piece(0, 1448));
    expect(out.subarray(1448, 2896)).toEqual(piece(1, 1448));
    expect(out.subarray(2896)).toEqual(piece(2, 104));
    expect(m.pieceCount).toBe(3);
    m.release();
    expect(m.holding).toBe(false);
  });

  it('gives the same bytes and completion as putting copies together, for any order, gap and overlap', () => {
    fc.assert(
      fc.property(
        // Mostly "right after the previous piece" (the common case), sometimes anywhere (gaps, overlaps, repeats).
        fc.array(fc.record({ next: fc.boolean(), off: fc.nat(300), len: fc.integer({ min: 1, max: 200 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.nat(400),
        (pieces, lastAt) => {
          const m = new Msp(0, 0, 0);
          const copies: Uint8Array[] = [];
          const offsets: number[] = [];
          let contig = 0;
          let lastEnd = -1;
          const covered: [number, number][] = [];
          let prevEnd = 0;
          pieces.forEach(({ next, off: anywhere, len }, i) => {
            const off = next ? prevEnd : anywhere;
            prevEnd = off + len;
            const last = i === pieces.length - 1 || off + len >= lastAt;
            const data = piece(i, len);
            const complete = m.addBytes(off, data, last);
            copies.push(data.slice());
            offsets.push(off);
            // The expectation, computed the plain way: coverage from 0, and the first "last" piece sets the end.
            if (last && lastEnd < 0) lastEnd = off + len;
            covered.push([off, off + len]);
            covered.sort((a, b) => a[0] - b[0]);
            contig = 0;
            for (const [a, b] of covered) if (a <= contig) contig = Math.max(contig, b);
            expect(complete).toBe(lastEnd >= 0 && contig >= lastEnd);
            if (complete) {
              const want = assemble(
                lastEnd,
                copies.length,
                (k) => offsets[k],
                (k) => copies[k],
              );
              expect(m.build()).toEqual(want);
            }
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('plans: the ops of each packet, stored as varints', () => {
  it('gives back every op of every packet as stored, small and 32-bit numbers alike', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.array(fc.nat({ max: 0xffffffff }), { minLength: OP_WORDS, maxLength: OP_WORDS }), {
            maxLength: 4,
          }),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        (plans) => {
          const st = new TcpReassemblyState();
          plans.forEach((ops, packet) => st.setPlan(packet, ops.flat(), ops.length * OP_WORDS));
          st.endFirstPass(plans.length);
          plans.forEach((ops, packet) => {
            if (ops.length === 0) expect(st.planOps(packet)).toBeNull();
            else expect(st.planOps(packet)).toEqual(ops.flat());
          });
        },
      ),
    );
  });

  it('takes about 10 bytes for a segment in the middle of a message', () => {
    const st = new TcpReassemblyState();
    // Op.Piece: bytes [0, 1448) of the payload belong to message 150,000.
    st.setPlan(7, [3, 0, 1448, 150_000, 0, 0], OP_WORDS);
    expect(st.plan.length).toBe(10);
    expect(st.planOps(7)).toEqual([3, 0, 1448, 150_000, 0, 0]);
  });
});
