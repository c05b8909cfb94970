// A result the worker works out for the page (statistics, tables …), built again when what it is of changes (the
// capture, the display filter, a view's options); a slower answer to an older request is dropped.

/** A result built again when its context (capture, filter, options) changes; older answers are dropped. */
export class Computed<T extends { complete: boolean }> {
  value = $state.raw<T | null>(null);
  building = $state(false);
  progress = $state(0);
  error = $state<string | null>(null);
  private builtFor = '';
  private generation = 0;

  constructor(
    private readonly what: string,
    private readonly run: (onProgress: (done: number, total: number) => void) => Promise<T>,
  ) {}

  async ensure(context: string): Promise<void> {
    if (context === this.builtFor) return;
    this.builtFor = context;
    const gen = ++this.generation;
    this.building = true;
    this.progress = 0;
    this.error = null;
    try {
      const v = await this.run((done, total) => {
        if (gen === this.generation) this.progress = total ? done / total : 0;
      });
      if (gen !== this.generation) return;
      if (!v.complete) {
        this.builtFor = '';
        return;
      }
      this.value = v;
    } catch (e) {
      if (gen !== this.generation) return;
      this.builtFor = '';
      this.error = `${this.what} could not be worked out: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      if (gen === this.generation) this.building = false;
    }
  }
}
