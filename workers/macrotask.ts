// Giving the worker's event loop a turn during long work (a load, a filter, a statistic), so that a newer request or a
// Cancel gets in. setTimeout(0) would do, but browsers make repeated timeouts wait at least 4 ms each: over a
// 1,000,000-packet load that is most of a second of doing nothing. In a browser a message to ourselves is not delayed;
// Node (the CLI, the tests) has setImmediate, which lets timers and I/O run first (Node handles a port's messages in
// one batch, so a port would starve them).

const waiting: (() => void)[] = [];
let channel: MessageChannel | null = null;

function port(): MessagePort {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  return channel.port2;
}

const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;

/** Resolves in a new task of the event loop, after whatever messages were waiting. */
export function macrotask(): Promise<void> {
  if (immediate) return new Promise((resolve) => immediate(resolve));
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    waiting.push(resolve);
    port().postMessage(0);
  });
}
