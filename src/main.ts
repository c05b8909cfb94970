import { mount } from 'svelte';
import App from './App.svelte';
import { EngineClient } from './lib/engine/EngineClient';
import { ViewerState } from './lib/state/viewer.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('Wirelens: #app is missing from index.html');

const viewer = new ViewerState(new EngineClient());
mount(App, { target, props: { viewer } });
