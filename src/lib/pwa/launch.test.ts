import { describe, expect, it, vi } from 'vitest';
import { consumeLaunchQueue, type LaunchQueue } from './launch';

/** A launch queue that records its consumer, as Chromium's does for an installed app. */
function queue() {
  let consumer: Parameters<LaunchQueue['setConsumer']>[0] | undefined;
  const q: LaunchQueue = { setConsumer: (c) => (consumer = c) };
  const launch = (...names: string[]) =>
    consumer?.({ files: names.map((name) => ({ name, getFile: () => Promise.resolve(new File(['x'], name)) })) });
  return { q, launch };
}

describe('consumeLaunchQueue', () => {
  it('opens the first file the app was launched with, under its name', async () => {
    const { q, launch } = queue();
    const open = vi.fn(() => Promise.resolve());
    consumeLaunchQueue(q, open);
    launch('a.pcapng', 'b.pcap');
    await vi.waitFor(() => expect(open).toHaveBeenCalledTimes(1));
    const [file, name] = open.mock.calls[0] as unknown as [File, string];
    expect(name).toBe('a.pcapng');
    expect(file.name).toBe('a.pcapng');
  });

  it('does nothing for a launch without files, or where the browser has no launch queue', async () => {
    const { q, launch } = queue();
    const open = vi.fn(() => Promise.resolve());
    consumeLaunchQueue(q, open);
    launch();
    consumeLaunchQueue(undefined, open);
    await Promise.resolve();
    expect(open).not.toHaveBeenCalled();
  });

  it('warns, instead of an unhandled rejection, when the file cannot be read', async () => {
    let consumer: Parameters<LaunchQueue['setConsumer']>[0] | undefined;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const open = vi.fn(() => Promise.resolve());
    consumeLaunchQueue({ setConsumer: (c) => (consumer = c) }, open);
    consumer?.({ files: [{ name: 'gone.pcap', getFile: () => Promise.reject(new Error('NotFoundError')) }] });
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    expect(open).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
