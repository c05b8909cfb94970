// "Open with Wirelens": when the installed app is launched with a capture file (the manifest's file_handlers), the
// browser hands it over through window.launchQueue. Only Chromium-based browsers have it; elsewhere this does nothing.

interface FileHandle {
  readonly name: string;
  getFile(): Promise<File>;
}

interface LaunchParams {
  readonly files?: readonly FileHandle[];
}

export interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

/** Open the first file the app was launched with (Wirelens shows one capture at a time). */
export function consumeLaunchQueue(
  queue: LaunchQueue | undefined,
  open: (file: File, name: string) => Promise<void>,
): void {
  queue?.setConsumer((params) => {
    const handle = params.files?.[0];
    if (!handle) return;
    handle
      .getFile()
      .then((file) => open(file, handle.name))
      .catch((e: unknown) => console.warn('Wirelens could not read the file it was opened with', e));
  });
}
