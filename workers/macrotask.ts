// Giving the worker's event loop a turn during long work (a load, a filter, a statistic), so that a newer request or a
// Cancel gets in. setTimeout(0) would do, but browsers make repeated timeouts wait at least 4 ms each: over a
// 1,000,000-packet load that is most of a second of doing nothing. A message to ourselves is not delayed.

const waiting: (() => void)[] = [];
let channel: MessageChannel | null = null;

function port(): MessagePort {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
    // Node: an open port would keep the process alive after the work is done.
    (channel.port1 as { unref?: () => void }).unref?.();
    (channel.port2 as { unref?: () => void }).unref?.();
  }
  return channel.port2;
}

/** Resolves in a new task of the event loop, after whatever messages were waiting. */
export function macrotask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    waiting.push(resolve);
    port().postMessage(0);
  });
}
