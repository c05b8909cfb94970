// What the page knows of the engine: the wire types (imported as types only from workers/engine-api.ts) and the
// small interface the page state needs, which EngineClient implements over the worker and the unit tests implement
// with the engine itself in Node.
import type { OpenProgress, OpenSummary, PacketRow } from '../../../workers/engine-api';

export type { CaptureProblem, OpenProgress, OpenSummary, PacketRow } from '../../../workers/engine-api';

export interface EngineLike {
  open(file: Blob, onProgress: (p: OpenProgress) => void): Promise<OpenSummary>;
  cancel(): Promise<void>;
  rows(start: number, count: number): Promise<PacketRow[]>;
}
