import { describe, expect, it } from 'vitest';
import type { SequenceDiagram } from '../engine/types';
import { StringPacker } from '../../../workers/flows/packed-strings';
import {
  arrowAtOrAfter,
  arrowOfFrame,
  byHost,
  fitText,
  hostOf,
  phaseReach,
  phaseTracks,
  phasesIn,
  portOf,
  protocolColour,
  stateMarks,
} from './layout';

/** A small diagram by hand: arrows as [frame, from, to, stream, fromState, toState], phases as [first, last]. */
function diagram(
  endpoints: string[],
  arrows: [number, number, number, number, number, number][],
  phases: [number, number][] = [],
): SequenceDiagram {
  const n = arrows.length;
  const col = <T extends Uint32Array | Int32Array | Uint8Array>(make: new (n: number) => T, i: number) => {
    const a = new make(n);
    arrows.forEach((x, k) => (a[k] = x[i]));
    return a;
  };
  const strings = new StringPacker();
  strings.id('TCP');
  return {
    endpoints,
    stateNames: ['CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED'],
    phaseKinds: ['handshake', 'exchange', 'close'],
    count: n,
    frame: col(Uint32Array, 0),
    time: new Float64Array(n),
    from: col(Uint32Array, 1),
    to: col(Uint32Array, 2),
    stream: col(Int32Array, 3),
    protocol: new Uint32Array(n),
    label: new Uint32Array(n),
    comment: new Uint32Array(n),
    fromState: col(Uint8Array, 4),
    toState: col(Uint8Array, 5),
    strings: strings.pack(),
    phases: {
      count: phases.length,
      kind: new Uint8Array(phases.length),
      first: Uint32Array.from(phases.map((p) => p[0])),
      last: Uint32Array.from(phases.map((p) => p[1])),
      stream: new Int32Array(phases.length),
      label: new Uint32Array(phases.length),
    },
    complete: true,
    conversation: '',
  };
}

describe('sequence diagram layout', () => {
  it('splits lane names into host and port', () => {
    expect(hostOf('127.0.0.1:8080')).toBe('127.0.0.1');
    expect(portOf('127.0.0.1:8080')).toBe('8080');
    expect(hostOf('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(portOf('[2001:db8::1]:443')).toBe('443');
    expect(hostOf('2001:db8::1')).toBe('2001:db8::1');
    expect(portOf('2001:db8::1')).toBe('');
    expect(hostOf('10.0.0.1')).toBe('10.0.0.1');
  });

  it('draws one lane per host on request, keeping every arrow', () => {
    const d = diagram(
      ['10.0.0.1:5000', '10.0.0.2:80', '10.0.0.1:5001', '10.0.0.3:53'],
      [
        [1, 0, 1, 0, 2, 3],
        [2, 1, 0, 0, 3, 4],
        [3, 2, 1, 1, 2, 3],
        [4, 2, 3, 2, 255, 255],
      ],
    );
    const h = byHost(d);
    expect(h.endpoints).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
    expect([...h.from]).toEqual([0, 1, 0, 0]);
    expect([...h.to]).toEqual([1, 0, 1, 2]);
    expect(h.count).toBe(4);
    expect(h.frame).toBe(d.frame);
  });

  it('shows a TCP state only where it changes, per lane and stream', () => {
    const d = diagram(
      ['a:1', 'b:2'],
      [
        [1, 0, 1, 0, 2, 3], // SYN: SYN-SENT, SYN-RECEIVED (both new)
        [2, 1, 0, 0, 3, 4], // SYN/ACK: b stays SYN-RECEIVED, a becomes ESTABLISHED
        [3, 0, 1, 0, 4, 4], // ACK: a unchanged, b ESTABLISHED
        [4, 0, 1, 0, 4, 4], // data: nothing changes
        [5, 0, 1, 9, 255, 255], // not TCP: no states
      ],
    );
    expect([...stateMarks(d)]).toEqual([3, 2, 2, 0, 0]);
  });

  it('puts overlapping brackets side by side and finds those in a window', () => {
    const d = diagram(
      ['a:1', 'b:2'],
      Array.from({ length: 10 }, (_, k) => [k + 1, 0, 1, 0, 4, 4] as [number, number, number, number, number, number]),
      [
        [0, 2],
        [1, 8],
        [3, 4],
        [5, 6],
        [7, 9],
      ],
    );
    const { track, tracks } = phaseTracks(d);
    expect([...track]).toEqual([0, 1, 0, 0, 0]);
    expect(tracks).toBe(2);
    const reach = phaseReach(d);
    expect(phasesIn(d, reach, 5, 6)).toEqual([1, 3]);
    expect(phasesIn(d, reach, 9, 9)).toEqual([4]);
    expect(phasesIn(d, reach, 0, 0)).toEqual([0]);
  });

  it('finds the arrow of a frame by binary search', () => {
    const d = diagram(
      ['a:1', 'b:2'],
      [
        [2, 0, 1, 0, 4, 4],
        [5, 0, 1, 0, 4, 4],
        [9, 1, 0, 0, 4, 4],
      ],
    );
    expect(arrowOfFrame(d, 5)).toBe(1);
    expect(arrowOfFrame(d, 4)).toBe(-1);
    expect(arrowAtOrAfter(d, 6)).toBe(2);
    expect(arrowAtOrAfter(d, 10)).toBe(3);
  });

  it('fits text with an ellipsis and colours protocols', () => {
    expect(fitText('SYN Seq=0', 200)).toBe('SYN Seq=0');
    expect(fitText('GET /a/very/long/path HTTP/1.1', 64)).toBe('GET /a/ve…');
    expect(fitText('anything', 5)).toBe('');
    expect(protocolColour('HTTP')).toBe(protocolColour('HTTP/JSON'));
    expect(protocolColour('TLSv1.3')).toBe(protocolColour('TLS'));
    expect(protocolColour('SOMEPROTO')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
