import { describe, expect, it } from 'vitest';
import { UpdateState, type Registration, type SwWorker, type WorkerContainer } from './update.svelte';

class FakeWorker implements SwWorker {
  state = 'installing';
  messages: unknown[] = [];
  #listeners: (() => void)[] = [];
  postMessage(message: unknown): void {
    this.messages.push(message);
  }
  addEventListener(_type: 'statechange', listener: () => void): void {
    this.#listeners.push(listener);
  }
  become(state: string): void {
    this.state = state;
    for (const l of this.#listeners) l();
  }
}

class FakeRegistration implements Registration {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  #listeners: (() => void)[] = [];
  addEventListener(_type: 'updatefound', listener: () => void): void {
    this.#listeners.push(listener);
  }
  found(worker: FakeWorker): void {
    this.installing = worker;
    for (const l of this.#listeners) l();
  }
}

class FakeContainer implements WorkerContainer {
  controller: unknown = null;
  registration = new FakeRegistration();
  registered: [string, RegistrationOptions][] = [];
  #listeners: (() => void)[] = [];
  register(url: string, options: RegistrationOptions): Promise<Registration> {
    this.registered.push([url, options]);
    return Promise.resolve(this.registration);
  }
  addEventListener(_type: 'controllerchange', listener: () => void): void {
    this.#listeners.push(listener);
  }
  change(controller: unknown): void {
    this.controller = controller;
    for (const l of this.#listeners) l();
  }
}

function setup(controller: unknown) {
  let reloads = 0;
  const state = new UpdateState(() => reloads++);
  const container = new FakeContainer();
  container.controller = controller;
  return { state, container, reloads: () => reloads };
}

describe('UpdateState', () => {
  it('registers ./sw.js relative to the page, so the app works under a sub-path', async () => {
    const { state, container } = setup(null);
    await state.register(container);
    expect(container.registered).toEqual([['./sw.js', { scope: './', updateViaCache: 'none' }]]);
  });

  it('offers nothing on the first install, and does not reload when that worker claims the page', async () => {
    const { state, container, reloads } = setup(null);
    await state.register(container);
    const first = new FakeWorker();
    container.registration.found(first);
    first.become('installed');
    expect(state.waiting).toBeNull();
    container.change(first);
    expect(reloads()).toBe(0);
    expect(state.replaced).toBe(false);
  });

  it('offers a new version once installed; Reload posts SKIP_WAITING and reloads on controllerchange', async () => {
    const { state, container, reloads } = setup({});
    await state.register(container);
    const next = new FakeWorker();
    container.registration.found(next);
    expect(state.waiting).toBeNull();
    next.become('installed');
    expect(state.waiting).toBe(next);
    state.accept();
    expect(next.messages).toEqual([{ type: 'SKIP_WAITING' }]);
    expect(reloads()).toBe(0);
    container.change(next);
    expect(reloads()).toBe(1);
  });

  it('offers a version that was already waiting when the page loaded; Not now hides it', async () => {
    const { state, container, reloads } = setup({});
    const waiting = new FakeWorker();
    waiting.state = 'installed';
    container.registration.waiting = waiting;
    await state.register(container);
    expect(state.waiting).toBe(waiting);
    state.dismiss();
    expect(state.waiting).toBeNull();
    state.accept();
    expect(waiting.messages).toEqual([]);
    container.change(waiting);
    expect(reloads()).toBe(0);
  });

  it('after another tab switched to the new version, offers a reload instead of reloading by itself', async () => {
    const { state, container, reloads } = setup({});
    await state.register(container);
    const next = new FakeWorker();
    container.registration.found(next);
    next.become('installed');
    expect(state.waiting).toBe(next);
    container.change(next); // SKIP_WAITING came from the other tab
    expect(reloads()).toBe(0);
    expect(state.waiting).toBeNull();
    expect(state.replaced).toBe(true);
    state.reloadNow();
    expect(reloads()).toBe(1);
  });

  it('leaves the app alone when registering fails', async () => {
    const { state, container } = setup(null);
    container.register = () => Promise.reject(new Error('SecurityError'));
    expect(await state.register(container)).toBeNull();
    expect(state.waiting).toBeNull();
  });
});
