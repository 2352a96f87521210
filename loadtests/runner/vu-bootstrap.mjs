// Entry of a VU thread: Node 20 does not carry `--import tsx` into worker threads (and jest starts the
// runner without it), so the thread registers tsx itself, for require and for import, before loading
// the TypeScript worker.
import { register as registerCjs } from 'tsx/cjs/api';
import { register } from 'tsx/esm/api';

registerCjs();
register();
await import('./vu-worker.ts');
