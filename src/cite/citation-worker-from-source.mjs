// The citation worker (citation-worker.ts) run from the TypeScript sources through tsx, as the CLI is
// when its bundle is stale and as the tests run it; the bundled CLI starts dist/citation-worker.cjs.
import { register } from 'tsx/esm/api';

register();
await import('./citation-worker.ts');
