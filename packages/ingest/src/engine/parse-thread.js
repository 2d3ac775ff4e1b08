// Worker-thread entry of the parse pool: registers tsx, then loads the TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./parse-thread-main.ts');
