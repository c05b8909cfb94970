// The sequence diagram's state: which packets it shows (every displayed TCP/UDP flow, or one conversation), the
// diagram the worker built for them, and the view's settings (lane width, raw sequence numbers). The worker builds;
// this class asks again when the capture, the display filter, the conversation or the numbering change.
import type { EngineLike, SequenceDiagram, TcpStreamGraph } from '../engine/types';
import { DEFAULT_LANE_PX, PhaseTracks, StateMarks, byHost, phaseReach } from '../flow/layout';

/** Arrows marked per slice of the state pass (a few milliseconds each). */
const MARK_SLICE = 25_000;
/** Phases given a bracket track per slice. */
const TRACK_SLICE = 50_000;
/** The first slice, marked before the diagram is first drawn: more than a screen of arrows at any zoom. */
const FIRST_MARK_SLICE = 5_000;
const nextTask = () => new Promise((r) => setTimeout(r, 0));

export class SequenceState {
  diagram = $state.raw<SequenceDiagram | null>(null);
  building = $state(false);
  /** Fraction built, 0..1, while building. */
  progress = $state(0);
  error = $state<string | null>(null);
  /** The packet (0-based index) whose conversation is shown alone; null: all displayed flows. */
  of = $state<number | null>(null);
  /** Raw sequence and acknowledgement numbers in TCP labels instead of relative ones. */
  raw = $state(false);
  lanePx = $state(DEFAULT_LANE_PX);
  /** One lane per host (the ports written at the arrow ends) instead of one per host:port. */
  hostLanes = $state(false);
  /** The diagram as drawn: `diagram`, or the same arrows between host lanes. */
  drawn = $derived(this.diagram && this.hostLanes ? byHost(this.diagram) : this.diagram);
  /** Which ends of each arrow show a TCP state (layout.StateMarks); filled in slices after the diagram arrives. */
  marks = $state.raw<Uint8Array>(new Uint8Array(0));
  /** How many arrows (from the first) have their marks: views redraw when the arrows they show are all marked. */
  marksDone = $state(0);
  tracks = $state.raw<{ track: Uint8Array; tracks: number }>({ track: new Uint8Array(0), tracks: 1 });
  reach = $state.raw<Uint32Array>(new Uint32Array(0));

  /** The TCP stream graph (tcptrace) shown under the diagram, the stream it is for, and whether it is shown. */
  graphShown = $state(false);
  graph = $state.raw<TcpStreamGraph | null>(null);
  graphBuilding = $state(false);
  graphError = $state<string | null>(null);
  private graphGeneration = 0;

  /** What the current diagram (or the one being built) is for. */
  private builtFor = '';
  private generation = 0;

  constructor(private readonly engine: EngineLike) {}

  /** Forget the diagram (a new capture). */
  reset(): void {
    this.generation++;
    this.builtFor = '';
    this.diagram = null;
    this.of = null;
    this.building = false;
    this.error = null;
    this.marks = new Uint8Array(0);
    this.graphGeneration++;
    this.graph = null;
    this.graphShown = false;
    this.graphBuilding = false;
    this.graphError = null;
  }

  /** Show the TCP stream graph of a stream (tcp.stream), in the direction given or the busier one. */
  async showGraph(stream: number, direction?: 0 | 1): Promise<void> {
    this.graphShown = true;
    if (this.graph && this.graph.stream === stream && (direction === undefined || this.graph.direction === direction))
      return;
    const gen = ++this.graphGeneration;
    this.graphBuilding = true;
    this.graphError = null;
    try {
      const g = await this.engine.streamGraph(stream, direction);
      if (gen !== this.graphGeneration || !g.complete) return;
      this.graph = g;
    } catch (e) {
      if (gen === this.graphGeneration)
        this.graphError = `The TCP stream graph could not be drawn: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      if (gen === this.graphGeneration) this.graphBuilding = false;
    }
  }

  hideGraph(): void {
    this.graphShown = false;
  }

  /** Show one conversation: the one packet `packetIndex` belongs to. */
  showConversation(packetIndex: number): void {
    this.of = packetIndex;
  }

  showAll(): void {
    this.of = null;
  }

  /**
   * Build the diagram unless the current one is already for `context` (the capture and display filter, as the
   * viewer names them) with the current conversation and numbering.
   */
  async ensure(context: string): Promise<void> {
    const key = `${context}\u0000${this.of ?? ''}\u0000${this.raw}`;
    if (key === this.builtFor) return;
    this.builtFor = key;
    const gen = ++this.generation;
    this.building = true;
    this.progress = 0;
    this.error = null;
    performance.mark('wirelens:flow');
    try {
      const d = await this.engine.sequence({ of: this.of ?? undefined, raw: this.raw }, (done, total) => {
        if (gen === this.generation) this.progress = total ? done / total : 0;
      });
      if (gen !== this.generation) return;
      if (!d.complete) {
        this.builtFor = '';
        return;
      }
      // Brackets and states are worked out in slices, between which the page draws and answers.
      const tracks = new PhaseTracks(d);
      while (!tracks.step(TRACK_SLICE)) {
        await nextTask();
        if (gen !== this.generation) return;
      }
      this.tracks = { track: tracks.track, tracks: tracks.tracks };
      await nextTask();
      if (gen !== this.generation) return;
      this.reach = phaseReach(d);
      await nextTask();
      if (gen !== this.generation) return;
      const marker = new StateMarks(d);
      marker.step(FIRST_MARK_SLICE);
      this.marks = marker.marks;
      this.marksDone = marker.done;
      this.diagram = d;
      this.building = false;
      performance.mark('wirelens:flow-ready');
      while (!marker.step(MARK_SLICE)) {
        this.marksDone = marker.done;
        await nextTask();
        if (gen !== this.generation) return;
      }
      this.marksDone = marker.done;
    } catch (e) {
      if (gen !== this.generation) return;
      this.builtFor = '';
      this.error = `The sequence diagram could not be drawn: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      if (gen === this.generation) this.building = false;
    }
  }
}
