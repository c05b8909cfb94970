// Protocol stacks: the list of protocols in a frame ("eth:ethertype:ip:tcp:http", frame.protocols) as a small number.
// A capture has few distinct stacks, so each packet keeps only its stack's id (2 bytes) and a display filter can tell
// which protocols a packet holds without dissecting it again.

/**
 * Protocols the first pass may not reach: message bodies and certificate contents are dissected only when someone
 * looks (the second pass). A stack from the first pass holds every other protocol of the frame; these may be missing
 * from its end. A filter asking for one of them must dissect the packet again to know.
 */
export const SECOND_PASS_ONLY: ReadonlySet<string> = new Set([
  'data-text-lines',
  'media',
  'image-jfif',
  'image-gif',
  'png',
  'json',
  'xml',
  'urlencoded-form',
  'mime_multipart',
  'x509sat',
  'x509ce',
  'x509af',
  'pkcs-1',
  'pkix1explicit',
  'pkix1implicit',
  'data',
]);

/** Stack ids beyond this are not kept (the packet's protocols must then be found by dissecting it). */
export const UNKNOWN_STACK = 0xffff;

export class ProtocolStacks {
  /** id → the protocols of the stack, outermost first. Id 0 is the empty stack. */
  readonly layers: string[][] = [[]];
  /** id → [name, next id, name, next id, …]: the stacks one protocol longer seen so far. */
  private readonly next: (string | number)[][] = [[]];
  /** id → protocols as a set, built when first asked for. */
  private readonly sets: (Set<string> | undefined)[] = [];

  get size(): number {
    return this.layers.length;
  }

  /** The stack `id` with `name` on top. Cheap: a few string identity checks. */
  push(id: number, name: string): number {
    if (id >= UNKNOWN_STACK) return UNKNOWN_STACK;
    const t = this.next[id];
    for (let k = 0; k < t.length; k += 2) if (t[k] === name) return t[k + 1] as number;
    const created = this.layers.length;
    if (created >= UNKNOWN_STACK) return UNKNOWN_STACK;
    this.layers.push([...this.layers[id], name]);
    this.next.push([]);
    t.push(name, created);
    return created;
  }

  /** Whether stack `id` holds protocol `name` (undefined for an unknown stack). */
  has(id: number, name: string): boolean | undefined {
    if (id >= this.layers.length) return undefined;
    let set = this.sets[id];
    if (!set) {
      set = new Set(this.layers[id]);
      this.sets[id] = set;
    }
    return set.has(name);
  }
}
