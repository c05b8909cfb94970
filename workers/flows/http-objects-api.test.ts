// The HTTP objects and the HAR through the engine API (the object the worker exposes), in Node.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngineApi } from '../engine-api';
import type { Har } from './har';
import { harProblems } from './har';

const testdata = (name: string) => join(import.meta.dirname, '../testdata', name);

describe('the engine API', () => {
  it('lists the objects and hands out their bodies', async () => {
    const api = createEngineApi();
    const file = new Blob([readFileSync(testdata('zeek-206_example_a.pcap'))]);
    await api.open(file);
    const list = await api.httpObjects();
    expect(list.complete).toBe(true);
    expect(list.objects.map((o) => o.size)).toEqual([32768, 522755, 555523]);
    const body = await api.httpObjectBody(2);
    expect(body.length).toBe(555523);
    await expect(api.httpObjectBody(99)).rejects.toThrow(RangeError);
  });
});

describe('the HAR through the engine API', () => {
  it('is served by the engine API as UTF-8 JSON', async () => {
    const api = createEngineApi();
    await api.open(new Blob([readFileSync(testdata('zeek-pipelined-requests.pcap'))]));
    const bytes = await api.httpHar();
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as Har;
    expect(harProblems(parsed)).toEqual([]);
    expect(parsed.log.entries.map((e) => e.request.url.replace('http://www.mozilla.org', ''))).toEqual([
      '/style/enhanced.css',
      '/script/urchin.js',
      '/images/template/screen/bullet_utility.png',
      '/images/template/screen/key-point-top.png',
      '/projects/calendar/images/header-sunbird.png',
    ]);
  });
});
