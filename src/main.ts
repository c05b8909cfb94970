// First, before any other module of the page runs: narrow the network policy to this origin, Blob URLs and the
// origin of a `?capture=` URL (src/lib/security/csp.ts). main.ts imports nothing before it.
import './lib/security/narrow';
import { mount } from 'svelte';
import App from './App.svelte';
import UpdatePrompt from './lib/components/app/UpdatePrompt.svelte';
import { EngineClient } from './lib/engine/EngineClient';
import { i18n } from './lib/i18n/i18n.svelte';
import { consumeLaunchQueue, type LaunchQueue } from './lib/pwa/launch';
import { update } from './lib/pwa/update.svelte';
import { ViewerState } from './lib/state/viewer.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('Wirelens: #app is missing from index.html');

// <html lang> says the language the page is shown in (chosen from the browser's languages, or remembered).
i18n.apply();

const engine = new EngineClient();
const viewer = new ViewerState(engine);
mount(App, { target, props: { viewer } });
// The engine worker loads while the page is idle, not when the first file arrives.
if ('requestIdleCallback' in window) requestIdleCallback(() => engine.warm(), { timeout: 1000 });
else setTimeout(() => engine.warm(), 200);

// The installed app: "Open with Wirelens" hands the file over here (manifest file_handlers).
consumeLaunchQueue((window as { launchQueue?: LaunchQueue }).launchQueue, (file, name) => viewer.open(file, name));

// Offline: the service worker exists only in the production build (src/sw.js, written by scripts/sw-plugin.ts).
// The update prompt floats over the page in its own element, outside App.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const host = document.body.appendChild(document.createElement('div'));
  mount(UpdatePrompt, { target: host });
  void update.register(navigator.serviceWorker);
}
