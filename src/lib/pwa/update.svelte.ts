// The installed app's service worker (src/sw.js) and its updates. When a new version has installed and waits,
// `waiting` is set and UpdatePrompt offers "Reload"; the click asks the waiting worker to take over (SKIP_WAITING),
// and the page reloads once it has (controllerchange). The first install also changes the controller (the worker
// claims the page): that must not reload, so only a change the user asked for does.

/** What UpdateState needs of `navigator.serviceWorker` (a subset, so tests can hand in a fake). */
export interface WorkerContainer {
  readonly controller: unknown;
  register(url: string, options: RegistrationOptions): Promise<Registration>;
  addEventListener(type: 'controllerchange', listener: () => void): void;
}

export interface Registration {
  readonly installing: SwWorker | null;
  readonly waiting: SwWorker | null;
  addEventListener(type: 'updatefound', listener: () => void): void;
}

export interface SwWorker {
  readonly state: string;
  postMessage(message: unknown): void;
  addEventListener(type: 'statechange', listener: () => void): void;
}

export class UpdateState {
  /** A new version that has installed and waits for the user's Reload; null when there is none. */
  waiting = $state<SwWorker | null>(null);
  /**
   * Another tab chose Reload, so a new version now controls this page too, which still runs the old one: it should
   * reload before it needs a file of the old version (e.g. the engine worker, started on first use).
   */
  replaced = $state(false);
  /** The user chose Reload: the page reloads as soon as the new version controls it. */
  #accepted = false;

  constructor(private readonly reload: () => void = () => location.reload()) {}

  /**
   * Register the service worker at `url` (relative to the page, so the app works under a sub-path) and watch for
   * updates. Errors (no service worker support in this context, e.g. a private window) leave the app as it is.
   */
  async register(container: WorkerContainer, url = './sw.js'): Promise<Registration | null> {
    // No controller before: the first install claiming the page, which is already the current version.
    let controlled = !!container.controller;
    container.addEventListener('controllerchange', () => {
      if (this.#accepted) this.reload();
      else if (controlled) {
        this.waiting = null;
        this.replaced = true;
      }
      controlled = true;
    });
    let registration: Registration;
    try {
      registration = await container.register(url, { scope: './', updateViaCache: 'none' });
    } catch {
      return null;
    }
    // Only an update is offered: with no controller yet this is the first install, which needs no reload.
    const offer = (worker: SwWorker | null) => {
      if (worker && container.controller) this.waiting = worker;
    };
    offer(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed') offer(worker);
      });
    });
    return registration;
  }

  /** The user's Reload: let the waiting version take over; the page reloads on controllerchange. */
  accept(): void {
    if (!this.waiting) return;
    this.#accepted = true;
    this.waiting.postMessage({ type: 'SKIP_WAITING' });
  }

  /** Reload now, after another tab switched to the new version. */
  reloadNow(): void {
    this.reload();
  }

  /** Not now: hide the prompt (the new version still takes over when every Wirelens tab has closed). */
  dismiss(): void {
    this.waiting = null;
    this.replaced = false;
  }
}

/** The page's one instance, registered from main.ts in production builds and shown by UpdatePrompt. */
export const update = new UpdateState();
