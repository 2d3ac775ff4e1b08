#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx registers the loader for this process and its workers).
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/main.ts');
process.exitCode = await run(process.argv);
