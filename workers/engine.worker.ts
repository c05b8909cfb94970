// The Web Worker behind the page: exposes the engine API through Comlink, and nothing else.
import { expose } from 'comlink';
import { engineApi } from './engine-api';

expose(engineApi);
