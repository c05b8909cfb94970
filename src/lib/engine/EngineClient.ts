// The one place that owns the engine's Web Worker and Comlink. The rest of the page talks to this class and imports
// only the engine API's types: no packet bytes are parsed on the main thread.
import { proxy, releaseProxy, wrap } from 'comlink';
import type { Remote } from 'comlink';
import type { EngineApi } from '../../../workers/engine-api';
import type { EngineLike, OpenProgress, OpenSummary, PacketRow } from './types';

export class EngineClient implements EngineLike {
  private worker: Worker | null = null;
  private remote: Remote<EngineApi> | null = null;

  /** The worker starts on first use, so the first screen does not wait for it. */
  private api(): Remote<EngineApi> {
    if (!this.remote) {
      this.worker = new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), {
        type: 'module',
        name: 'wirelens-engine',
      });
      this.remote = wrap<EngineApi>(this.worker);
    }
    return this.remote;
  }

  /** Hands the File object itself to the worker (structured clone passes the handle, not the bytes). */
  open(file: Blob, onProgress: (p: OpenProgress) => void): Promise<OpenSummary> {
    return this.api().open(file, proxy(onProgress));
  }

  cancel(): Promise<void> {
    return this.remote ? this.remote.cancel() : Promise.resolve();
  }

  rows(start: number, count: number): Promise<PacketRow[]> {
    return this.api().rows(start, count);
  }

  dispose(): void {
    this.remote?.[releaseProxy]();
    this.worker?.terminate();
    this.remote = null;
    this.worker = null;
  }
}
