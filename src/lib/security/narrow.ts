// Side effect on import: the page's narrowed network policy (see csp.ts). main.ts imports this first.
import { narrowConnectSources } from './csp';

narrowConnectSources(document, location);
