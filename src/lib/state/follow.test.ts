// The Follow view's state with the real engine API in Node, on the lab capture.
import { openAsBlob } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngineApi } from '../../../workers/engine-api';
import type { EngineLike } from '../engine/types';
import { FollowState } from './follow.svelte';
import { ViewerState } from './viewer.svelte';

const LAB = new URL('../../../public/samples/lab-null.pcapng', import.meta.url).pathname;

async function lab(): Promise<ViewerState> {
  // The engine API answers some calls without a promise; the page state awaits them all.
  const v = new ViewerState(createEngineApi() as unknown as EngineLike);
  await v.open(await openAsBlob(LAB), 'lab-null.pcapng');
  expect(v.status).toBe('ready');
  return v;
}

describe('FollowState', () => {
  it('shows stream 0 by default, the selected packet’s stream, or the one asked for', async () => {
    const v = await lab();
    const f = new FollowState(v);
    expect(await f.resolveStream()).toBe(0);
    // Frame 6 opens TCP stream 1 (tshark -r lab-null.pcapng -Y frame.number==6 -T fields -e tcp.stream).
    await v.goToFrame(6);
    expect(await f.resolveStream()).toBe(1);
    v.followStream = 0;
    expect(await f.resolveStream()).toBe(0);
  });

  it('loads, finds and steps through matches, and moves to another stream', async () => {
    const v = await lab();
    const f = new FollowState(v);
    await f.load(0, 'tcp');
    expect(f.data?.bytes).toEqual([1779, 710354]);
    expect(f.lines.count).toBeGreaterThan(100);
    f.search('icon.jpg');
    expect(f.matches.length).toBeGreaterThanOrEqual(2);
    expect(f.current).toBe(0);
    const line = f.currentLine;
    expect(line).toBeGreaterThanOrEqual(0);
    f.step(1);
    expect(f.current).toBe(1);
    f.step(-1);
    f.step(-1);
    expect(f.current).toBe(f.matches.length - 1);
    f.side = 0;
    expect(f.matches.every((m) => m < f.data!.offsets[f.data!.count])).toBe(true);
    f.go(1);
    expect(v.followStream).toBe(1);
    f.go(2); // the lab has streams 0 and 1 only
    expect(v.followStream).toBe(1);
    await f.load(0, 'http');
    expect(f.data?.kind).toBe('http');
    expect(f.data?.count).toBe(6);
  });

  it('the context menu’s Follow TCP stream: the packet’s stream and the view', async () => {
    const v = await lab();
    const pos = 5; // frame 6, TCP stream 1 (the list is in frame order)
    expect(await v.followPacket(pos, 'http')).toBe(true);
    expect(v.followStream).toBe(1);
    expect(v.followKind).toBe('http');
    expect(v.view).toBe('follow');
  });
});
