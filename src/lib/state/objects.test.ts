// The HTTP objects view's state with the real engine API in Node, on the lab capture.
import { resolveObjectURL } from 'node:buffer';
import { openAsBlob } from 'node:fs';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngineApi } from '../../../workers/engine-api';
import type { EngineLike } from '../engine/types';
import { ObjectsState, baseName } from './objects.svelte';

const LAB = new URL('../../../public/samples/lab-null.pcapng', import.meta.url).pathname;

async function labState(): Promise<{ state: ObjectsState; saved: { name: string; blob: Blob }[] }> {
  const api = createEngineApi();
  await api.open(await openAsBlob(LAB));
  const engine = {
    httpObjects: (onProgress?: (done: number, total: number) => void) => api.httpObjects(onProgress),
    httpObjectBody: (id: number) => api.httpObjectBody(id),
    httpHar: () => api.httpHar(),
  } as unknown as EngineLike;
  const saved: { name: string; blob: Blob }[] = [];
  const state = new ObjectsState(engine, (name, blob) => saved.push({ name, blob }));
  await state.ensure(1);
  return { state, saved };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ObjectsState', () => {
  it('lists the objects once per capture', async () => {
    const { state } = await labState();
    expect(state.status).toBe('ready');
    expect(state.objects.map((o) => [o.frameNumber, o.fileName, o.size])).toEqual([
      [9, '/', 574],
      [50, 'icon.jpg', 705941],
      [112, 'icon2.jpg', 2932],
      [142, 'intro.mp3', 2097198],
    ]);
    const before = state.objects;
    await state.ensure(1);
    expect(state.objects).toBe(before);
  });

  it('previews media through Blob URLs it revokes, and text as text', async () => {
    const { state } = await labState();
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    await state.select(1);
    expect(state.preview).toMatchObject({ id: 1, kind: 'image', mime: 'image/jpeg', size: 705941 });
    const jpegUrl = state.preview!.url!;
    expect(jpegUrl).toMatch(/^blob:/);
    await state.select(3);
    expect(revoke).toHaveBeenCalledWith(jpegUrl);
    expect(state.preview).toMatchObject({ kind: 'audio', mime: 'audio/mpeg', size: 2097198 });
    // The Blob behind the URL holds the MP3 (it starts with an ID3 tag or a frame sync).
    const mp3Url = state.preview!.url!;
    const mp3 = new Uint8Array(await resolveObjectURL(mp3Url)!.arrayBuffer());
    expect(mp3.length).toBe(2097198);
    expect(mp3[0] === 0x49 || (mp3[0] === 0xff && (mp3[1] & 0xe0) === 0xe0)).toBe(true);
    await state.select(0);
    expect(revoke).toHaveBeenCalledWith(mp3Url);
    expect(state.preview).toMatchObject({ kind: 'text', url: null, cut: false });
    expect(state.preview!.text.startsWith('<!DOCTYPE html>')).toBe(true);
    state.clearPreview();
    expect(state.preview).toBeNull();
  });

  it('saves one object, all of them as a zip, and the HAR', async () => {
    const { state, saved } = await labState();
    await state.saveOne(2);
    expect(saved[0].name).toBe('icon2.jpg');
    expect(saved[0].blob.size).toBe(2932);
    await state.saveAll('lab-null.pcapng');
    expect(saved[1].name).toBe('lab-null-http-objects.zip');
    const zip = unzipSync(new Uint8Array(await saved[1].blob.arrayBuffer()));
    expect(Object.fromEntries(Object.entries(zip).map(([n, b]) => [n, b.length]))).toEqual({
      'index.html': 574,
      'icon.jpg': 705941,
      'icon2.jpg': 2932,
      'intro.mp3': 2097198,
    });
    await state.exportHar('lab-null.pcapng');
    expect(saved[2].name).toBe('lab-null.har');
    const har = JSON.parse(await saved[2].blob.text()) as { log: { version: string; entries: unknown[] } };
    expect([har.log.version, har.log.entries.length]).toEqual(['1.2', 4]);
    expect(state.busy).toBeNull();
    expect(state.message).toBeNull();
  });

  it('names files after the capture', () => {
    expect(baseName('lab-null.pcapng')).toBe('lab-null');
    expect(baseName('x.pcap.gz')).toBe('x');
    expect(baseName('.pcap')).toBe('capture');
  });
});
