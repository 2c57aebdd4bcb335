// The entry of a tile worker thread. Node 20 does not apply the parent's `--import tsx` to a
// worker, so the worker registers tsx itself before it loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./tile-worker.ts');
