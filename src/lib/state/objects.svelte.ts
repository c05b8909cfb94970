// The HTTP objects view's state (#view=objects): the list of the whole capture (like Wireshark's Export Objects ›
// HTTP, it does not follow the display filter), the selected object's preview, and saving. Bodies come from the
// worker on demand. Media previews use Blob URLs of the bytes with the object's media type, revoked when the preview
// changes or the view goes; HTML and other text are shown as source, never rendered.
import type { EngineLike, HttpObject } from '../engine/types';
import type { PreviewKind } from '../objects/files';
import { hexPreview, prettyJson, previewOf, previewText, saveName, safeFileName, zipFiles } from '../objects/files';

export interface Preview {
  id: number;
  kind: PreviewKind;
  /** The media type the Blob URL carries. */
  mime: string;
  /** image, audio, video: a blob: URL of the bytes. */
  url: string | null;
  /** json, text, hex: what to show. */
  text: string;
  /** The text shown is the beginning only. */
  cut: boolean;
  size: number;
}

/** Something that can save bytes as a file (the page: a download link; tests: a record). */
export type Saver = (name: string, blob: Blob) => void;

export class ObjectsState {
  objects = $state.raw<HttpObject[]>([]);
  /** 'loading' while the worker lists them. */
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  message = $state<string | null>(null);
  progress = $state<{ done: number; total: number } | null>(null);
  selected = $state<number | null>(null);
  preview = $state.raw<Preview | null>(null);
  /** A save or export under way ("Saving…"), else null. */
  busy = $state<string | null>(null);
  /** The capture the list is of. */
  private key: unknown = null;
  /** Each preview request gets a number: a slower earlier one is dropped. */
  private previewing = 0;

  constructor(
    private readonly engine: EngineLike,
    private readonly save: Saver,
  ) {}

  /** List the objects of a capture (`key` names it; nothing happens when the list is of it already). */
  async ensure(key: unknown): Promise<void> {
    if (this.key === key && this.status !== 'error') return;
    this.key = key;
    this.clearPreview();
    this.selected = null;
    this.objects = [];
    this.status = 'loading';
    this.message = null;
    this.progress = null;
    try {
      const list = await this.engine.httpObjects((done, total) => {
        if (this.key === key) this.progress = { done, total };
      });
      if (this.key !== key) return;
      if (!list.complete) {
        // Stopped by a newer capture: that one's list comes next.
        this.key = null;
        this.status = 'idle';
        return;
      }
      this.objects = list.objects;
      this.status = 'ready';
    } catch (e) {
      if (this.key !== key) return;
      this.status = 'error';
      this.message = `The HTTP objects could not be listed: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      if (this.key === key) this.progress = null;
    }
  }

  /** Forget the list (a new capture). */
  reset(): void {
    this.key = null;
    this.clearPreview();
    this.selected = null;
    this.objects = [];
    this.status = 'idle';
    this.message = null;
  }

  /** Revoke the preview's Blob URL and drop it. */
  clearPreview(): void {
    this.previewing++;
    if (this.preview?.url) URL.revokeObjectURL(this.preview.url);
    this.preview = null;
  }

  /** Select an object and build its preview from its bytes. */
  async select(id: number): Promise<void> {
    const o = this.objects[id];
    if (!o) return;
    this.clearPreview();
    this.selected = id;
    const ticket = this.previewing;
    try {
      const bytes = await this.engine.httpObjectBody(id);
      if (ticket !== this.previewing) return;
      const { kind, mime } = previewOf(o.contentType, bytes);
      const p: Preview = { id, kind, mime, url: null, text: '', cut: false, size: bytes.length };
      if (kind === 'image' || kind === 'audio' || kind === 'video')
        p.url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }));
      else if (kind === 'json') Object.assign(p, prettyJson(bytes));
      else if (kind === 'text') Object.assign(p, previewText(bytes));
      else {
        p.text = hexPreview(bytes);
        p.cut = bytes.length > 1024;
      }
      this.preview = p;
    } catch (e) {
      if (ticket !== this.previewing) return;
      this.message = `The body of frame ${o.frameNumber} could not be read: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** Save one object under its safe name. */
  async saveOne(id: number): Promise<void> {
    const o = this.objects[id];
    if (!o) return;
    this.busy = `Saving ${o.fileName}…`;
    try {
      const bytes = await this.engine.httpObjectBody(id);
      this.save(
        saveName(o),
        new Blob([bytes as Uint8Array<ArrayBuffer>], { type: o.contentType || 'application/octet-stream' }),
      );
    } catch (e) {
      this.message = `Could not save: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      this.busy = null;
    }
  }

  /** Save every object in one zip, named after the capture. */
  async saveAll(captureName: string): Promise<void> {
    if (!this.objects.length) return;
    this.busy = 'Saving all objects…';
    try {
      const files: { name: string; bytes: Uint8Array }[] = [];
      for (const o of this.objects) files.push({ name: saveName(o), bytes: await this.engine.httpObjectBody(o.id) });
      const zip = zipFiles(files);
      this.save(
        safeFileName(`${baseName(captureName)}-http-objects.zip`),
        new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
      );
    } catch (e) {
      this.message = `Could not save: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      this.busy = null;
    }
  }

  /** Export every HTTP transaction as HAR 1.2. */
  async exportHar(captureName: string): Promise<void> {
    this.busy = 'Exporting HAR…';
    try {
      const bytes = await this.engine.httpHar();
      this.save(
        safeFileName(`${baseName(captureName)}.har`),
        new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/json' }),
      );
    } catch (e) {
      this.message = `Could not export HAR: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      this.busy = null;
    }
  }
}

/** A capture's file name without its extensions (.pcapng, .pcap.gz). */
export function baseName(name: string): string {
  const n = name.replace(/\.(pcapng|pcap|cap|ntar)(\.(gz|zst))?$/i, '');
  return n || 'capture';
}
