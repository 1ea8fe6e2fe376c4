// Worker threads do not inherit the main thread's `--import tsx` hooks: register them here first.
import { register } from 'tsx/esm/api';

register();
await import('./fanout-clients.ts');
