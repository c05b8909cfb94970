// The display-filter engine: compile what the user typed in the filter bar (a display filter, or a capture filter
// recognised and translated), then run it over the capture with filterPackets (which decides what it can from the
// first pass's columns, FirstPassFacts, and dissects the rest with a FilterSink).
import { translateCaptureFilter } from './bpf';
import type { CompileOptions, CompiledFilter } from './compile';
import { compileFilter } from './compile';
import type { FilterError } from './lexer';

export type {
  CompileOptions,
  CompileResult,
  CompiledFilter,
  FilterWarning,
  KnownValues,
  LayerOf,
  ValuesOf,
} from './compile';
export { Decision } from './compile';
export { FirstPassFacts } from './fastpath';
export type { FilterError } from './lexer';
export type { FilterOptions, FilterProgress } from './apply';
export { compileFilter } from './compile';
export { filterPackets } from './apply';
export { FilterSink, filterSink } from './sink';
export { translateCaptureFilter } from './bpf';

export type FilterBarResult =
  | {
      ok: true;
      filter: CompiledFilter;
      /** Set when the text was a capture filter: the display filter it was translated to (and applied). */
      translated?: string;
    }
  | { ok: false; error: FilterError };

/**
 * What the filter bar applies for `text`: the display filter when it is one; otherwise, when it reads as a capture
 * filter (BPF: "host 10.0.0.1 and port 80"), its translation; otherwise the display filter's error.
 */
export function compileFilterBar(text: string, opts: CompileOptions = {}): FilterBarResult {
  const display = compileFilter(text, opts);
  if (display.ok) return display;
  const bpf = translateCaptureFilter(text);
  if (bpf.ok) {
    const translated = compileFilter(bpf.filter, opts);
    if (translated.ok) return { ok: true, filter: translated.filter, translated: bpf.filter };
  }
  return display;
}
