import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../dissect/protocols';
import { createEngineApi } from '../engine-api';

const LAB = join(import.meta.dirname, '../testdata/lab-null.pcapng');

describe('the engine API: follow and streamOf', () => {
  it('follows the lab’s stream 0 and names the streams of a packet', async () => {
    const api = createEngineApi();
    expect((await api.follow(0, 'tcp')).exists).toBe(false);
    await api.open(new Blob([readFileSync(LAB)]));
    const f = await api.follow(0, 'tcp');
    // tshark -r lab-null.pcapng -q -z follow,tcp,raw,0: 1779 and 710354 bytes.
    expect(f.bytes).toEqual([1779, 710354]);
    expect((await api.follow(0, 'http')).count).toBe(6);
    expect(await api.streamOf(3)).toEqual({ tcp: 0, udp: -1 });
  });

  it('a newer call stops the one under way', async () => {
    const api = createEngineApi();
    await api.open(new Blob([readFileSync(LAB)]));
    const [first, second] = await Promise.all([api.follow(1, 'tcp'), api.follow(0, 'tcp')]);
    expect(first.complete).toBe(false);
    expect(second.complete).toBe(true);
  });
});
